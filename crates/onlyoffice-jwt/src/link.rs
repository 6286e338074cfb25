//! Signed links: expiring URLs for the connector's own endpoints (document download,
//! callback), signed with the `links` subkey instead of a Document Server secret.

use url::Url;

use crate::algorithm::Algorithm;
use crate::clock::now_or_system;
use crate::derive::{subkey, Purpose};
use crate::encoding::{b64_decode, b64_encode};
use crate::error::{err, Result};
use crate::secret::Keyring;
use crate::urls::{check_len, is_http};

/// The default validity of a link, in seconds: the DS's own `urlExpires`.
pub const DEFAULT_LINK_TTL: u64 = 900;

/// The query parameter holding the expiry time.
pub const EXP_PARAM: &str = "oo_exp";

/// The query parameter holding the signature, always last.
pub const SIG_PARAM: &str = "oo_sig";

/// Options of [`sign_link`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkOptions {
    /// Seconds of validity (default 900).
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

/// The signed message: scheme, host, port, path and query, one per line.
fn message(url: &Url, query: &str) -> String {
    format!(
        "{}\n{}\n{}\n{}\n{query}",
        url.scheme(),
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0),
        url.path()
    )
}

/// Signs `url`: appends `oo_exp` = now + ttl, then `oo_sig`, the HMAC-SHA256 under
/// the `links` subkey of scheme, host, port, path and the whole query.
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
    let tag = Algorithm::HS256.sign(key.expose(), message(&parsed, &query).as_bytes());
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
        valid |= Algorithm::HS256.verify(key.expose(), signed_message.as_bytes(), &tag);
    }
    if !valid {
        return Err(err!(BadSignature, "the link's signature does not match"));
    }
    let exps: Vec<&str> = signed_query
        .split('&')
        .filter_map(|pair| pair.strip_prefix(EXP_PARAM)?.strip_prefix('='))
        .collect();
    let exp = match exps.as_slice() {
        [exp] if !exp.is_empty() && exp.len() <= 18 && exp.bytes().all(|b| b.is_ascii_digit()) => {
            exp.parse::<i64>()
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
        .filter(|pair| pair.split('=').next() != Some(EXP_PARAM))
        .collect();
    let rest = rest.join("&");
    parsed.set_query(if rest.is_empty() { None } else { Some(&rest) });
    Ok(parsed.to_string())
}
