//! The lines shown around a finding, with every secret-looking value masked.
//!
//! The masks are found once, by one lenient pass over the whole text that does not
//! need valid JSON: after a name that looks secret (a quoted or bare word containing
//! `string`, `secret`, `pass`, `key` or `token`), the next value is masked, whatever
//! stands between them (a colon or none, spaces, line breaks) and however it is written
//! (double, single or typographic quotes, or unquoted). The user information of any URL
//! (`amqp://guest:guest@host`) is masked too. Showing a part of the text then costs
//! only that part, so a file with many findings is shown in linear time.

use std::ops::Range;

use super::syntax::TYPOGRAPHIC_QUOTES;

/// Words that make a member name secret-looking (compared case-insensitively).
const SENSITIVE: [&str; 5] = ["string", "secret", "pass", "key", "token"];

/// What stands for a masked value.
const MASK: &str = "•••";

/// The most characters of one line shown.
const MAX_SHOWN: usize = 160;

/// How far before the position a window on a long line starts, in bytes.
const LEAD: usize = 120;

/// A text prepared for showing parts of it: where its lines start and which byte
/// ranges are masked.
pub(super) struct Shown<'t> {
    text: &'t str,
    line_starts: Vec<usize>,
    masks: Vec<Range<usize>>,
}

impl<'t> Shown<'t> {
    /// Indexes the lines of `text` and finds its secret-looking values (linear).
    pub(super) fn new(text: &'t str) -> Shown<'t> {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Shown {
            text,
            line_starts,
            masks: masks(text),
        }
    }

    /// Up to three numbered lines ending at the 1-based `line` of byte `offset`, values
    /// masked, and a caret under `offset`. A long line is shown from a little before
    /// `offset`, marked with `…`.
    pub(super) fn context(&self, offset: usize, line: usize) -> String {
        let line = line.clamp(1, self.line_starts.len());
        let first = line.saturating_sub(2).max(1);
        let width = line.to_string().len();
        let mut out = String::new();
        let mut caret = 0;
        for number in first..=line {
            let (start, end) = self.line(number);
            let mut from = start;
            let mut shown = String::new();
            if number == line
                && self.text[start..offset.clamp(start, end)].chars().count() >= MAX_SHOWN
            {
                from = offset.saturating_sub(LEAD).max(start);
                while !self.text.is_char_boundary(from) {
                    from += 1;
                }
                shown.push('…');
            }
            if number == line {
                caret = shown.chars().count()
                    + self
                        .render(from, offset.clamp(from, end), usize::MAX)
                        .chars()
                        .count();
            }
            shown.push_str(&self.render(from, end, MAX_SHOWN));
            out.push_str(&format!("{number:>width$} | {shown}\n"));
        }
        out.push_str(&format!("{:>width$} | {}^", "", " ".repeat(caret)));
        out
    }

    /// The byte range of the 1-based line `number`, without its line break.
    fn line(&self, number: usize) -> (usize, usize) {
        let start = self.line_starts[number - 1];
        let end = self
            .line_starts
            .get(number)
            .map_or(self.text.len(), |next| next - 1);
        let end = if self.text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        (start, end)
    }

    /// `text[start..end]` with masks applied, at most `limit` characters.
    fn render(&self, start: usize, end: usize, limit: usize) -> String {
        let mut out = String::new();
        let mut count = 0;
        let mut mask = self.masks.partition_point(|m| m.end <= start);
        let mut at = start;
        while at < end && count < limit {
            if let Some(range) = self.masks.get(mask).filter(|m| m.start <= at) {
                out.push_str(MASK);
                count += 1;
                at = range.end.min(end).max(at + 1);
                while !self.text.is_char_boundary(at) {
                    at += 1;
                }
                mask += 1;
                continue;
            }
            let c = self.text[at..].chars().next().unwrap_or(' ');
            out.push(c);
            count += 1;
            at += c.len_utf8();
        }
        out
    }
}

/// The quote characters a string may be written with.
fn is_quote(c: char) -> bool {
    c == '"' || c == '\'' || TYPOGRAPHIC_QUOTES.contains(&c)
}

/// Whether `closing` ends a string opened with `opening`: a single quote ends only a
/// single-quoted string; straight and typographic double quotes end each other (pasted
/// text mixes them).
fn closes(opening: char, closing: char) -> bool {
    if opening == '\'' {
        closing == '\''
    } else {
        closing != '\'' && is_quote(closing)
    }
}

fn is_sensitive(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    SENSITIVE.iter().any(|word| name.contains(word))
}

/// The byte ranges to mask, in order and disjoint: values after secret-looking names,
/// and the user information of URLs.
fn masks(text: &str) -> Vec<Range<usize>> {
    let mut masks = Vec::new();
    let mut pending = false;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c.is_whitespace() || c == ':' || c == '=' {
            continue;
        }
        if matches!(c, ',' | '{' | '}' | '[' | ']') {
            pending = false;
            continue;
        }
        // One token: a string (to its closing quote or the end of the line) or a bare
        // word (to the next delimiter).
        let quoted = is_quote(c);
        let start = if quoted { at + c.len_utf8() } else { at };
        let mut end = text.len();
        let mut escaped = false;
        if !quoted {
            end = at + c.len_utf8();
        }
        while let Some(&(next_at, next)) = chars.peek() {
            if quoted {
                if next == '\n' {
                    end = next_at;
                    break;
                }
                chars.next();
                if escaped {
                    escaped = false;
                } else if next == '\\' {
                    escaped = true;
                } else if closes(c, next) {
                    end = next_at;
                    break;
                }
            } else {
                if next.is_whitespace() || is_quote(next) || ",:={}[]".contains(next) {
                    break;
                }
                chars.next();
                end = next_at + next.len_utf8();
            }
        }
        let token = start..end.max(start);
        if pending {
            masks.push(token);
            pending = false;
        } else {
            pending = is_sensitive(&text[token]);
        }
    }
    userinfo(text, &mut masks);
    masks.sort_by_key(|m| m.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(masks.len());
    for mask in masks {
        match merged.last_mut() {
            Some(last) if mask.start <= last.end => last.end = last.end.max(mask.end),
            _ => merged.push(mask),
        }
    }
    merged
}

/// Adds the user information of every URL in the text (`scheme://user:pass@host`),
/// quoted or not: what stands between `://` and the last `@` before the end of the
/// authority (`/`, `?`, `#`, a quote or whitespace).
fn userinfo(text: &str, masks: &mut Vec<Range<usize>>) {
    let mut from = 0;
    while let Some(found) = text[from..].find("://") {
        let authority = from + found + 3;
        let rest = &text[authority..];
        let stop = rest
            .find(|c: char| matches!(c, '/' | '?' | '#') || c.is_whitespace() || is_quote(c))
            .unwrap_or(rest.len());
        if let Some(at) = rest[..stop].rfind('@') {
            masks.push(authority..authority + at);
        }
        from = authority;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole text with its masks applied (lines kept).
    fn masked(text: &str) -> String {
        let shown = Shown::new(text);
        (1..=shown.line_starts.len())
            .map(|number| {
                let (start, end) = shown.line(number);
                shown.render(start, end, usize::MAX)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn values_of_secret_looking_members_are_masked_whatever_the_syntax() {
        for (text, expected) in [
            (
                r#"  "string": "mysecret", "dbPass": "pw", "dbHost": "db","#,
                r#"  "string": "•••", "dbPass": "•••", "dbHost": "db","#,
            ),
            (
                "\u{201C}string\u{201D}: \u{201C}abc\u{201D}",
                "\u{201C}string\u{201D}: \u{201C}•••\u{201D}",
            ),
            (r#""secretString": "a\"b" }"#, r#""secretString": "•••" }"#),
            (
                r#""inbox": {"string": "open"#,
                r#""inbox": {"string": "•••"#,
            ),
            // the colon missing
            (r#"{"string" "hunter2hunter2"}"#, r#"{"string" "•••"}"#),
            // single quotes, no quotes
            (r#"{"string": 'hunter2'}"#, r#"{"string": '•••'}"#),
            (
                r#"{"string": hunter2, "a": 1}"#,
                r#"{"string": •••, "a": 1}"#,
            ),
            (r#"{secret: hunter2}"#, r#"{secret: •••}"#),
            // the value on the next line
            ("{\"string\":\n   \"hunter2\"}", "{\"string\":\n   \"•••\"}"),
            // a password in a URL, anywhere
            (
                r#""url": "amqp://guest:hunter2@localhost:5672/""#,
                r#""url": "amqp://•••@localhost:5672/""#,
            ),
            (
                "postgres://admin:pw@db/x and https://a.example/@not-userinfo",
                "postgres://•••@db/x and https://a.example/@not-userinfo",
            ),
        ] {
            assert_eq!(masked(text), expected, "{text}");
        }
        // Values of other members, and the names themselves, stay.
        assert_eq!(
            masked(r#"{"type": "key", "next": "shown"}"#),
            r#"{"type": "key", "next": "shown"}"#
        );
    }

    #[test]
    fn context_shows_three_lines_and_a_caret() {
        let text = "{\n  \"a\": 1,\n  \"string\": \"hunter2\" \"b\"\n}";
        let offset = text.find("\"b\"").unwrap();
        assert_eq!(
            Shown::new(text).context(offset, 3),
            "1 | {\n2 |   \"a\": 1,\n3 |   \"string\": \"•••\" \"b\"\n  |                   ^"
        );
        // A long line is shown around the position.
        let long = format!(
            "{{\"x\": \"{}\", \"string\": \"hunter2\" oops}}",
            "y".repeat(500)
        );
        let offset = long.find("oops").unwrap();
        let shown = Shown::new(&long).context(offset, 1);
        assert!(shown.contains("…"), "{shown}");
        assert!(shown.contains("\"string\": \"•••\" oops"), "{shown}");
        assert!(!shown.contains("hunter2"), "{shown}");
        let caret_line = shown.lines().last().unwrap();
        let shown_line = shown.lines().next().unwrap();
        let oops = shown_line[..shown_line.find("oops").unwrap()]
            .chars()
            .count();
        assert_eq!(caret_line.chars().count() - 1, oops);
    }
}
