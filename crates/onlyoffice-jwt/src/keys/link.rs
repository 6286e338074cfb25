//! Signed links: expiring URLs for the connector's own endpoints (document download,
//! callback), signed with the `links` subkey instead of a Document Server secret.

use url::Url;

use crate::ds::urls::{check_len, is_http};
use crate::error::{err, Result};
use crate::jwt::algorithm::Algorithm;
use crate::jwt::clock::now_or_system;
use crate::jwt::encoding::{b64_decode, b64_encode};
use crate::keys::derive::{subkey, Purpose};
use crate::keys::secret::Keyring;

/// The default validity of a link, in seconds: the DS's own `urlExpires`.
pub const DEFAULT_LINK_TTL: u64 = onlyoffice_jwt_table::defaults::LINK_TTL;

/// The query parameter holding the expiry time.
pub const EXP_PARAM: &str = "oo_exp";

/// The query parameter holding the signature, always last.
pub const SIG_PARAM: &str = "oo_sig";

/// Options of [`sign_link`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkOptions {
    /// Seconds of validity (default [`DEFAULT_LINK_TTL`]; 0 is refused).
    pub ttl: u64,
    /// The clock, in seconds since the epoch (default: the system clock).
    pub now: Option<i64>,
}

impl Default for LinkOptions {
    fn default() -> LinkOptions {
        LinkOptions {
            ttl: DEFAULT_LINK_TTL,
            now: None,
        }
    }
}

/// Parses a link: an absolute http/https URL without user info or fragment.
fn parse(url: &str) -> Result<Url> {
    check_len(url, "the link")?;
    let parsed =
        Url::parse(url).map_err(|e| err!(InvalidInput, "the link is not an absolute URL: {e}"))?;
    if !is_http(&parsed) {
        return Err(err!(InvalidInput, "the link is not an http or https URL"));
    }
    if parsed.fragment().is_some() {
        return Err(err!(InvalidInput, "the link has a fragment"));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(err!(
            InvalidInput,
            "the link carries a user name or password"
        ));
    }
    Ok(parsed)
}

/// The signed message: scheme, host, port, canonical path and canonical query, one
/// per line (docs/formats.md). Bytes, since a percent-decoded part may not be UTF-8.
fn message(url: &Url, query: &str) -> Vec<u8> {
    let mut message = format!(
        "{}\n{}\n{}\n",
        url.scheme(),
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0),
    )
    .into_bytes();
    canonical_path(url.path().as_bytes(), &mut message);
    message.push(b'\n');
    canonical_query(query, &mut message);
    message
}

/// RFC 3986's unreserved characters, the only ones written as themselves.
fn unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

/// `%XX` (upper-case hex) of one byte.
fn push_escaped(byte: u8, out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.extend_from_slice(&[
        b'%',
        HEX[usize::from(byte >> 4)],
        HEX[usize::from(byte & 15)],
    ]);
}

/// The byte a valid `%XX` at the start of `bytes` stands for.
fn escaped_byte(bytes: &[u8]) -> Option<u8> {
    match bytes {
        [b'%', high, low, ..] => {
            let digit = |c: u8| char::from(c).to_digit(16);
            u8::try_from(digit(*high)? * 16 + digit(*low)?).ok()
        }
        _ => None,
    }
}

/// Whether a byte is reserved in a path by RFC 3986 (gen-delims `:` `/` `@` `[` `]`,
/// sub-delims `!` `$` `&` `'` `(` `)` `*` `+` `,` `;` `=`; `?` and `#` cannot be in a
/// path): such a byte and its `%XX` are not equivalent, and servers route them
/// differently (`;` starts path parameters).
fn reserved(byte: u8) -> bool {
    b":/@[]!$&'()*+,;=".contains(&byte)
}

/// The canonical path: a valid `%XX` of an unreserved character is that character;
/// a literal unreserved or reserved byte stays; every other byte, and every other
/// `%XX`, is `%XX` upper-case. So `%7e` is `~`, while `%3B` stays distinct from `;`,
/// `%21` from `!`, `%2B` from `+` and `%2F` from `/`.
fn canonical_path(path: &[u8], out: &mut Vec<u8>) {
    let mut at = 0;
    while at < path.len() {
        if let Some(byte) = escaped_byte(&path[at..]) {
            if unreserved(byte) {
                out.push(byte);
            } else {
                push_escaped(byte, out);
            }
            at += 3;
            continue;
        }
        let byte = path[at];
        if unreserved(byte) || reserved(byte) {
            out.push(byte);
        } else {
            push_escaped(byte, out);
        }
        at += 1;
    }
}

/// One query name or value decoded as `application/x-www-form-urlencoded`: `+` is a
/// space, a valid `%XX` its byte, anything else itself.
fn form_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if let Some(byte) = escaped_byte(&bytes[at..]) {
            out.push(byte);
            at += 3;
        } else {
            out.push(if bytes[at] == b'+' { b' ' } else { bytes[at] });
            at += 1;
        }
    }
    out
}

/// The canonical query: its `&`-separated pairs in order (empty ones skipped), each
/// name and value form-decoded then written with every byte but the unreserved ones as
/// `%XX` upper-case, joined as `name=value` with `&`. So `%20`/`+`, `%7e`/`~` and the
/// case of hex digits do not matter, while any change of a decoded name, value or of
/// the order does.
fn canonical_query(query: &str, out: &mut Vec<u8>) {
    let mut first = true;
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        if !first {
            out.push(b'&');
        }
        first = false;
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        for (index, part) in [name, value].into_iter().enumerate() {
            if index == 1 {
                out.push(b'=');
            }
            for byte in form_decode(part) {
                if unreserved(byte) {
                    out.push(byte);
                } else {
                    push_escaped(byte, out);
                }
            }
        }
    }
}

/// The form-decoded name of a query pair.
fn pair_name(pair: &str) -> Vec<u8> {
    form_decode(pair.split_once('=').map_or(pair, |(name, _)| name))
}

/// Signs `url`: appends `oo_exp` = now + ttl, then `oo_sig`, the HMAC-SHA256 under
/// the `links` subkey of scheme, host, port, canonical path and canonical query, so
/// that ordinary re-encoding by an HTTP client (`%20` → `+`, `%7e` → `~`, hex case)
/// keeps the link valid.
pub fn sign_link(url: &str, keyring: &Keyring, options: &LinkOptions) -> Result<String> {
    let mut parsed = parse(url)?;
    if parsed
        .query_pairs()
        .any(|(name, _)| name == EXP_PARAM || name == SIG_PARAM)
    {
        return Err(err!(
            InvalidInput,
            "the link already has an {EXP_PARAM} or {SIG_PARAM} parameter"
        ));
    }
    if options.ttl == 0 {
        return Err(crate::jwt::sign::zero_ttl());
    }
    let exp = i64::try_from(options.ttl)
        .ok()
        .and_then(|ttl| now_or_system(options.now).checked_add(ttl))
        .ok_or_else(|| err!(InvalidInput, "ttl {} is too large", options.ttl))?;
    let query = match parsed.query() {
        Some(query) if !query.is_empty() => format!("{query}&{EXP_PARAM}={exp}"),
        _ => format!("{EXP_PARAM}={exp}"),
    };
    parsed.set_query(Some(&query));
    let query = parsed.query().unwrap_or("").to_owned();
    let key = subkey(keyring.signing(), Purpose::Links)?;
    let tag = Algorithm::HS256.sign(key.expose(), &message(&parsed, &query));
    parsed.set_query(Some(&format!("{query}&{SIG_PARAM}={}", b64_encode(&tag))));
    Ok(parsed.to_string())
}

/// Verifies a signed link and returns it without `oo_exp` and `oo_sig`.
///
/// In order: the URL rules of [`sign_link`] (`invalid_input`); `oo_sig` last
/// (`missing_token`); the signature against every secret, in constant time
/// (`bad_signature`); exactly one decimal `oo_exp` (`malformed`); now < oo_exp
/// (`expired`).
pub fn verify_link(url: &str, keyring: &Keyring, now: Option<i64>) -> Result<String> {
    let mut parsed = parse(url)?;
    let query = parsed.query().unwrap_or("").to_owned();
    let (signed_query, last) = match query.rsplit_once('&') {
        Some((signed, last)) => (signed, last),
        None => ("", query.as_str()),
    };
    let signature = last
        .strip_prefix(SIG_PARAM)
        .and_then(|rest| rest.strip_prefix('='))
        .ok_or_else(|| err!(MissingToken, "the link's last parameter is not {SIG_PARAM}"))?;
    let tag = b64_decode(signature).unwrap_or_default();
    let signed_message = message(&parsed, signed_query);
    let mut valid = false;
    for secret in keyring.verifying() {
        let key = subkey(secret, Purpose::Links)?;
        valid |= Algorithm::HS256.verify(key.expose(), &signed_message, &tag);
    }
    if !valid {
        return Err(err!(BadSignature, "the link's signature does not match"));
    }
    let exps: Vec<Vec<u8>> = signed_query
        .split('&')
        .filter(|pair| pair_name(pair) == EXP_PARAM.as_bytes())
        .map(|pair| form_decode(pair.split_once('=').map_or("", |(_, value)| value)))
        .collect();
    let exp = match exps.as_slice() {
        [exp] if !exp.is_empty() && exp.len() <= 18 && exp.iter().all(u8::is_ascii_digit) => {
            String::from_utf8_lossy(exp)
                .parse::<i64>()
                .map_err(|_| err!(Malformed, "the link's {EXP_PARAM} is not an integer"))?
        }
        _ => {
            return Err(err!(
                Malformed,
                "the link needs exactly one decimal {EXP_PARAM} parameter"
            ))
        }
    };
    if now_or_system(now) >= exp {
        return Err(err!(Expired, "the link expired at {exp}"));
    }
    let rest: Vec<&str> = signed_query
        .split('&')
        .filter(|pair| pair_name(pair) != EXP_PARAM.as_bytes())
        .collect();
    let rest = rest.join("&");
    parsed.set_query(if rest.is_empty() { None } else { Some(&rest) });
    Ok(parsed.to_string())
}
