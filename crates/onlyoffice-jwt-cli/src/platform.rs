//! The connector's secret where the platforms keep it, read by small strict readers
//! (nothing is executed): Nextcloud's `config.php` (`'onlyoffice' => ['jwt_secret' =>
//! '…']`) and Seahub's `seahub_settings.py` (`ONLYOFFICE_JWT_SECRET = '…'`).

use onlyoffice_jwt::Secret;
use zeroize::Zeroizing;

use crate::failure::Failure;

/// A PHP token, as far as a configuration array needs.
#[derive(Debug, PartialEq)]
enum Php {
    /// A string literal, unescaped.
    Str(Zeroizing<String>),
    /// A double-quoted string with `$` interpolation: not a literal.
    Interpolated,
    /// `=>`
    Arrow,
    /// `[` or `(`
    Open,
    /// `]` or `)`
    Close,
    /// Anything else (words, `=`, `;`, `,`, …).
    Other,
}

fn php_tokens(text: &str) -> Result<Vec<Php>, Failure> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '#' => skip_line(&mut chars),
            '/' if chars.peek() == Some(&'/') => skip_line(&mut chars),
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut previous = ' ';
                for c in chars.by_ref() {
                    if previous == '*' && c == '/' {
                        break;
                    }
                    previous = c;
                }
            }
            '\'' | '"' => tokens.push(php_string(c, &mut chars)?),
            '=' if chars.peek() == Some(&'>') => {
                chars.next();
                tokens.push(Php::Arrow);
            }
            '[' | '(' => tokens.push(Php::Open),
            ']' | ')' => tokens.push(Php::Close),
            _ => tokens.push(Php::Other),
        }
    }
    Ok(tokens)
}

fn skip_line(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if c == '\n' {
            break;
        }
    }
}

fn php_string(
    quote: char,
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
) -> Result<Php, Failure> {
    let mut value = Zeroizing::new(String::new());
    let mut interpolated = false;
    loop {
        let Some(c) = chars.next() else {
            return Err(Failure::input("config.php: a string is not closed"));
        };
        match c {
            c if c == quote => break,
            '$' if quote == '"' => interpolated = true,
            '\\' => match (quote, chars.next()) {
                (_, Some('\\')) => value.push('\\'),
                (q, Some(c)) if c == q => value.push(c),
                ('"', Some('$')) => value.push('$'),
                ('"', Some('n')) => value.push('\n'),
                ('"', Some('t')) => value.push('\t'),
                ('"', Some('r')) => value.push('\r'),
                (_, Some(c)) => {
                    value.push('\\');
                    value.push(c);
                }
                (_, None) => return Err(Failure::input("config.php: a string is not closed")),
            },
            c => value.push(c),
        }
    }
    Ok(if interpolated {
        Php::Interpolated
    } else {
        Php::Str(value)
    })
}

/// The connector secret in a Nextcloud `config.php`: the string value of
/// `'jwt_secret'` inside the `'onlyoffice'` array.
pub fn nextcloud_secret(text: &str) -> Result<Secret, Failure> {
    let tokens = php_tokens(text)?;
    let is_key = |token: &Php, name: &str| matches!(token, Php::Str(s) if s.as_str() == name);
    let start = tokens
        .windows(3)
        .position(|w| is_key(&w[0], "onlyoffice") && w[1] == Php::Arrow)
        .ok_or_else(|| {
            Failure::input(
                "config.php has no 'onlyoffice' => array(…): the connector's secret is then \
                 in the app settings (read it with: occ config:app:get onlyoffice \
                 jwt_secret), pass it with --connector-secret-file",
            )
        })?;
    let mut depth = 0usize;
    let mut index = start + 2;
    while index < tokens.len() {
        match &tokens[index] {
            Php::Open => depth += 1,
            Php::Close => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            token if depth == 1 && is_key(token, "jwt_secret") => {
                if tokens.get(index + 1) != Some(&Php::Arrow) {
                    break;
                }
                return match tokens.get(index + 2) {
                    Some(Php::Str(value)) => Ok(Secret::from(value.as_str())),
                    _ => Err(Failure::input(
                        "config.php: 'jwt_secret' is not a literal string (an expression \
                         or interpolation); pass the secret with --connector-secret-file",
                    )),
                };
            }
            _ => {}
        }
        index += 1;
    }
    Err(Failure::input(
        "config.php: the 'onlyoffice' array has no 'jwt_secret'; the secret is then in the \
         app settings (occ config:app:get onlyoffice jwt_secret): pass it with \
         --connector-secret-file",
    ))
}

/// The connector secret in a Seahub `seahub_settings.py`: the last
/// `ONLYOFFICE_JWT_SECRET = '…'` assignment at the start of a line.
pub fn seahub_secret(text: &str) -> Result<Secret, Failure> {
    let mut found = None;
    for (number, line) in text.lines().enumerate() {
        let Some(rest) = line.strip_prefix("ONLYOFFICE_JWT_SECRET") else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(value) = rest.strip_prefix('=') else {
            continue;
        };
        found = Some(python_literal(value.trim()).ok_or_else(|| {
            Failure::input(format!(
                "seahub_settings.py line {}: ONLYOFFICE_JWT_SECRET is not a plain string \
                 literal; pass the secret with --connector-secret-file",
                number + 1
            ))
        })?);
    }
    found
        .map(|s: Zeroizing<String>| Secret::from(s.as_str()))
        .ok_or_else(|| {
            Failure::input(
                "seahub_settings.py has no ONLYOFFICE_JWT_SECRET = '…' line: Seahub then sends \
             no token at all",
            )
        })
}

/// A one-line Python string literal `'…'` or `"…"` (no prefix, no triple quotes),
/// optionally followed by a comment.
fn python_literal(text: &str) -> Option<Zeroizing<String>> {
    let mut chars = text.chars();
    let quote = chars.next().filter(|c| *c == '\'' || *c == '"')?;
    let mut value = Zeroizing::new(String::new());
    loop {
        match chars.next()? {
            c if c == quote => break,
            '\\' => match chars.next()? {
                'n' => value.push('\n'),
                't' => value.push('\t'),
                c @ ('\\' | '\'' | '"') => value.push(c),
                c => {
                    value.push('\\');
                    value.push(c);
                }
            },
            c => value.push(c),
        }
    }
    let rest = chars.as_str().trim();
    if value.is_empty() && rest.starts_with(quote) {
        return None;
    }
    (rest.is_empty() || rest.starts_with('#')).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nextcloud_array_forms_are_read() {
        let long = "<?php\n$CONFIG = array (\n  'instanceid' => 'oc1',\n  // 'onlyoffice' => ['jwt_secret' => 'old'],\n  'onlyoffice' => \n  array (\n    'verify_peer_off' => true,\n    'jwt_secret' => 'it\\'s-a-secret',\n  ),\n);\n";
        assert_eq!(nextcloud_secret(long).unwrap().expose(), b"it's-a-secret");
        let short = "<?php $CONFIG = ['onlyoffice' => [\"jwt_header\" => \"AuthorizationJwt\", \"jwt_secret\" => \"abc\\$d\"]];";
        assert_eq!(nextcloud_secret(short).unwrap().expose(), b"abc$d");
    }

    #[test]
    fn nextcloud_without_a_literal_secret_is_refused() {
        for text in [
            "<?php $CONFIG = array('dbtype' => 'pgsql');",
            "<?php $CONFIG = array('onlyoffice' => array('jwt_secret' => getenv('S')));",
            "<?php $CONFIG = array('onlyoffice' => array('jwt_secret' => \"$s\"));",
            "<?php $CONFIG = array('onlyoffice' => array('x' => array('jwt_secret' => 'n')));",
            "<?php $CONFIG = array('onlyoffice' => array('jwt_secret' => 'open",
        ] {
            assert!(nextcloud_secret(text).is_err(), "{text}");
        }
    }

    #[test]
    fn seahub_last_assignment_wins() {
        let text = "ENABLE_ONLYOFFICE = True\n# ONLYOFFICE_JWT_SECRET = 'commented'\nONLYOFFICE_JWT_SECRET = 'first'\nONLYOFFICE_JWT_SECRET = \"sec\\\"ret\"  # the DS inbox secret\n";
        assert_eq!(seahub_secret(text).unwrap().expose(), b"sec\"ret");
    }

    #[test]
    fn seahub_expressions_and_absence_are_refused() {
        for text in [
            "ENABLE_ONLYOFFICE = True\n",
            "ONLYOFFICE_JWT_SECRET = os.environ['S']\n",
            "ONLYOFFICE_JWT_SECRET = f'{x}'\n",
            "ONLYOFFICE_JWT_SECRET = '''a'''\n",
            "ONLYOFFICE_JWT_SECRET = 'a' + 'b'\n",
            "ONLYOFFICE_JWT_SECRET = 'open\n",
        ] {
            assert!(seahub_secret(text).is_err(), "{text}");
        }
    }
}
