//! Syntax errors (one finding that names the cause and where) and members written
//! twice, from a scan of the text like a JSON lexer.

use std::collections::HashMap;

use super::context::Shown;
use super::{Code, Finding, Location, Severity};

/// One finding per member written twice, in linear time: the scan gives each one's
/// line and column, and the text is indexed once for the contexts.
pub(super) fn audit_duplicates(text: &str, findings: &mut Vec<Finding>) {
    let Scan {
        duplicates,
        more_duplicates,
        ..
    } = scan(text, text.len());
    if duplicates.is_empty() {
        return;
    }
    let shown = Shown::new(text);
    for duplicate in duplicates {
        let (line, column) = (duplicate.line, duplicate.column);
        let mut finding = Finding::new(
            Severity::Warning,
            Code::DuplicateKey,
            duplicate.path.clone(),
            format!(
                "{} is written twice in the same section (first at line {}): the Document \
                 Server keeps only the last one, so everything in the first is ignored",
                duplicate.path, duplicate.first_line
            ),
            "merge the two into one (a section pasted a second time, often at the end of \
             the file)",
        );
        finding.location = Some(Location {
            line,
            column,
            context: shown.context(duplicate.offset, line),
        });
        findings.push(finding);
    }
    if more_duplicates > 0 {
        findings.push(Finding::new(
            Severity::Warning,
            Code::DuplicateKey,
            "",
            format!(
                "{more_duplicates} more members are written twice in the same section \
                 (only the first {MAX_DUPLICATES} are listed, each with its place)"
            ),
            "merge every section written twice into one, then audit the file again",
        ));
    }
}

/// The most members written twice that are listed one by one.
const MAX_DUPLICATES: usize = 100;

/// The most open brackets remembered one by one; deeper ones are only counted (the
/// Document Server reads no deeper than 128 levels anyway).
const MAX_TRACKED_OPEN: usize = 1024;

pub(super) const TYPOGRAPHIC_QUOTES: [char; 7] = [
    '\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}', '\u{201E}', '\u{00AB}', '\u{00BB}',
];

/// An opened `{` or `[` that is not closed yet.
struct Open {
    line: usize,
    column: usize,
    indent: usize,
    key: Option<String>,
    /// For an object: the member names seen so far, with their line.
    members: Option<HashMap<String, usize>>,
}

/// A member name given twice in one object.
struct Duplicate {
    /// The dot-separated path of the member (`[]` for an array element).
    path: String,
    /// Where the second occurrence starts.
    offset: usize,
    /// Its 1-based line and character column.
    line: usize,
    column: usize,
    /// The line of the first occurrence.
    first_line: usize,
}

/// What a scan of the text up to some offset found.
struct Scan {
    open: Vec<Open>,
    /// How many brackets are open: `open` and those too deep to be remembered.
    depth: usize,
    /// Members written twice beyond the first [`MAX_DUPLICATES`].
    more_duplicates: usize,
    typographic: Option<(usize, usize, usize)>,
    duplicates: Vec<Duplicate>,
}

/// The longest member name compared for duplicates, in bytes.
const MAX_COMPARED_NAME: usize = 256;

/// Scans `text[..end]` like a JSON lexer: the brackets still open (with the key that
/// opened them) and the first typographic quote outside a string.
fn scan(text: &str, end: usize) -> Scan {
    let mut open: Vec<Open> = Vec::new();
    let mut untracked = 0;
    let mut more_duplicates = 0;
    let mut typographic = None;
    let mut duplicates = Vec::new();
    let (mut string_start, mut string_line, mut string_column) = (0, 1, 1);
    let (mut line, mut column, mut indent, mut at_line_start) = (1, 0, 0, true);
    let mut in_string = false;
    let mut escaped = false;
    let mut current = String::new();
    let mut last_string: Option<String> = None;
    let mut key: Option<String> = None;
    for (offset, c) in text.char_indices() {
        if offset >= end {
            break;
        }
        column += 1;
        if at_line_start && (c == ' ' || c == '\t') {
            indent += 1;
        } else {
            at_line_start = false;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
                last_string = Some(std::mem::take(&mut current));
            } else if c == '\n' {
                in_string = false;
            } else if current.len() <= MAX_COMPARED_NAME {
                current.push(c);
            }
        } else {
            match c {
                '"' => {
                    in_string = true;
                    current.clear();
                    last_string = None;
                    (string_start, string_line, string_column) = (offset, line, column);
                }
                ':' => {
                    key = last_string.take();
                    if let Some(name) = key.as_ref().filter(|k| k.len() <= MAX_COMPARED_NAME) {
                        let members = open
                            .last()
                            .filter(|_| untracked == 0)
                            .and_then(|o| o.members.as_ref());
                        match members.map(|m| m.get(name)) {
                            Some(Some(_)) if duplicates.len() >= MAX_DUPLICATES => {
                                more_duplicates += 1;
                            }
                            Some(Some(first_line)) => duplicates.push(Duplicate {
                                path: member_path(&open, name),
                                offset: string_start,
                                line: string_line,
                                column: string_column,
                                first_line: *first_line,
                            }),
                            Some(None) => {
                                if let Some(members) =
                                    open.last_mut().and_then(|o| o.members.as_mut())
                                {
                                    members.insert(name.clone(), line);
                                }
                            }
                            None => {}
                        }
                    }
                }
                '{' | '[' if open.len() >= MAX_TRACKED_OPEN => {
                    untracked += 1;
                    key = None;
                    last_string = None;
                }
                '{' | '[' => {
                    open.push(Open {
                        line,
                        column,
                        indent,
                        key: key.take(),
                        members: (c == '{').then(HashMap::new),
                    });
                    last_string = None;
                }
                '}' | ']' | ',' => {
                    if c != ',' {
                        if untracked > 0 {
                            untracked -= 1;
                        } else {
                            open.pop();
                        }
                    }
                    last_string = None;
                    key = None;
                }
                c if TYPOGRAPHIC_QUOTES.contains(&c) && typographic.is_none() => {
                    typographic = Some((offset, line, column));
                }
                _ => {}
            }
        }
        if c == '\n' {
            line += 1;
            column = 0;
            indent = 0;
            at_line_start = true;
        }
    }
    Scan {
        depth: open.len() + untracked,
        more_duplicates,
        open,
        typographic,
        duplicates,
    }
}

/// The dot-separated path of member `name` of the innermost open object (`[]` stands
/// for an array element).
fn member_path(open: &[Open], name: &str) -> String {
    open.iter()
        .skip(1)
        .map(|o| o.key.as_deref().unwrap_or("[]"))
        .chain([name])
        .collect::<Vec<_>>()
        .join(".")
}

/// The byte offset of serde_json's 1-based line and (byte) column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let mut offset = (start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The 1-based line and character column of a byte offset.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn describe(open: &Open) -> String {
    let what = match &open.key {
        Some(key) => format!("the section \"{key}\""),
        None => "the brace".to_owned(),
    };
    format!(
        "{what} opened at line {}, column {}",
        open.line, open.column
    )
}

pub(super) fn syntax_finding(text: &str, error: &serde_json::Error) -> Finding {
    let trimmed = text.trim_start_matches('\u{FEFF}').trim();
    let mut offset = offset_of(text, error.line(), error.column());
    let full = scan(text, text.len());
    let at_error = scan(text, offset);
    let next = text[offset..].trim_start();
    let next_indent = text[..offset + (text[offset..].len() - next.len())]
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.len() - l.trim_start().len());
    let serde_message = error.to_string();
    let detail = serde_message
        .split(" at line ")
        .next()
        .unwrap_or(&serde_message);
    let (code, message, fix) = if trimmed.is_empty() {
        offset = 0;
        (
            Code::EmptyFile,
            "the file is empty: the Document Server cannot start with it".to_owned(),
            "write {} (an empty object), or the settings you need".to_owned(),
        )
    } else if let Some((quote_offset, line, column)) = full.typographic {
        offset = quote_offset;
        (
            Code::TypographicQuotes,
            format!(
                "typographic quotes (“ ” ‘ ’) at line {line}, column {column}: JSON needs \
                 straight quotes \", and word processors, forums and chat programs replace \
                 them; the Document Server will not start"
            ),
            "retype every quote as a straight double quote \" (or paste through a plain-text \
             editor)"
                .to_owned(),
        )
    } else if trimmed.starts_with('"') {
        offset = text.len() - text.trim_start().len();
        let unclosed = full.depth;
        (
            Code::Fragment,
            format!(
                "the file starts with a key, not with {{: it is a fragment pasted without the \
                 braces around it{}; the Document Server will not start",
                if unclosed > 0 {
                    format!(
                        ", and {unclosed} brace{} opened in it {} never closed (first: {})",
                        if unclosed == 1 { "" } else { "s" },
                        if unclosed == 1 { "is" } else { "are" },
                        describe(&full.open[0])
                    )
                } else {
                    String::new()
                }
            ),
            "wrap the whole text in { … }, close every section's brace, and check it with \
             onlyoffice-jwt audit again"
                .to_owned(),
        )
    } else if let Some(innermost) = at_error.open.last().filter(|_| error.is_eof()) {
        (
            Code::UnclosedBrace,
            format!(
                "the file ends while {} {} still open (innermost: {}); the Document \
                 Server will not start",
                at_error.depth,
                if at_error.depth == 1 {
                    "brace is"
                } else {
                    "braces are"
                },
                describe(innermost)
            ),
            "add the missing closing braces } (and brackets ]) where each section ends".to_owned(),
        )
    } else if detail.starts_with("expected `,` or `}`") || detail.starts_with("expected `,` or `]`")
    {
        match at_error.open.last() {
            Some(innermost) if next.starts_with('"') && next_indent <= innermost.indent => (
                Code::UnclosedBrace,
                format!(
                    "{} is not closed before the next setting at line {}: a closing }} is \
                     missing (a section pasted without its closing braces); the Document \
                     Server will not start",
                    describe(innermost),
                    position(text, offset).0
                ),
                "add the closing } (followed by a comma when another setting follows) where \
                 the section ends"
                    .to_owned(),
            ),
            _ => (
                Code::MissingComma,
                "a comma is missing between two settings; the Document Server will not start"
                    .to_owned(),
                "add a comma , at the end of the setting before this position".to_owned(),
            ),
        }
    } else if detail.contains("trailing comma") {
        (
            Code::TrailingComma,
            "a comma after the last setting of a section is not allowed in JSON; the \
             Document Server will not start"
                .to_owned(),
            "remove the comma before the closing brace or bracket".to_owned(),
        )
    } else if next.starts_with("//") || next.starts_with("/*") || next.starts_with('#') {
        (
            Code::Comment,
            "JSON has no comments; the Document Server will not start".to_owned(),
            "remove the comment".to_owned(),
        )
    } else {
        (
            Code::SyntaxError,
            format!("the file is not valid JSON ({detail}); the Document Server will not start"),
            "correct the JSON at this position".to_owned(),
        )
    };
    let (line, column) = position(text, offset);
    let mut finding = Finding::new(Severity::Error, code, "", message, fix);
    finding.location = Some(Location {
        line,
        column,
        context: Shown::new(text).context(offset, line),
    });
    finding
}
