//! The download guard: a callback's `url`/`changesurl` is fetched by the connector,
//! so it must point into the Document Server and nowhere else (SSRF).

use percent_encoding::percent_decode_str;
use url::Url;

use crate::ds::urls::{check_len, is_http};
use crate::error::{err, Result};
use crate::jwt::algorithm::truncate;

/// One allowed base: an origin and a base path ending in `/`.
struct Base {
    url: Url,
    path: String,
}

impl Base {
    fn parse(text: &str, option: &str) -> Result<Base> {
        check_len(text, option)?;
        let url = Url::parse(text)
            .map_err(|e| err!(InvalidInput, "{option} is not an absolute URL: {e}"))?;
        if !is_http(&url) {
            return Err(err!(InvalidInput, "{option} is not an http or https URL"));
        }
        let mut path = url.path().to_owned();
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(Base { url, path })
    }

    /// `scheme://host:port`, the default port made explicit.
    fn origin(&self) -> String {
        origin(&self.url)
    }

    /// Whether `url` has this origin and a path under this base path.
    fn contains(&self, url: &Url) -> bool {
        url.scheme() == self.url.scheme()
            && url.host() == self.url.host()
            && url.port_or_known_default() == self.url.port_or_known_default()
            && url.path().starts_with(&self.path)
    }
}

fn origin(url: &Url) -> String {
    let host = url.host_str().unwrap_or("");
    match url.port_or_known_default() {
        Some(port) => format!("{}://{}:{port}", url.scheme(), truncate(host)),
        None => format!("{}://{}", url.scheme(), truncate(host)),
    }
}

/// Checks a URL to download from the Document Server and returns the URL to fetch.
///
/// Refused with `url_not_allowed`: a `\` before the query, `%2e`/`%2f`/`%5c` in the
/// path as written, a path segment that some server reads as a dot segment (`..;`,
/// `..;jsessionid=x`, `..%3B`, `%252e%252e`: a segment that is `.` or `..` once
/// percent-decoded up to three times and cut at its first `;`), an unparsable URL, a scheme other than http/https, user info, an
/// origin equal to none of `ds_url`'s, `ds_internal_url`'s and `extra_ds_urls`', or a
/// path (dot-segments resolved) outside that base path. A URL under `ds_url` is
/// rewritten under `ds_internal_url`; one under an extra base is returned as is. The
/// returned URL never has a fragment (it is not sent in a request).
///
/// `extra_ds_urls` are further bases the administrator allows, e.g. the origin of the
/// Document Server's `storage.externalHost`, on which it then writes its cache URLs.
/// None are allowed by default.
pub fn check_download_url(
    url: &str,
    ds_url: &str,
    ds_internal_url: Option<&str>,
    extra_ds_urls: &[&str],
) -> Result<String> {
    let public = Base::parse(ds_url, "ds_url")?;
    let internal = ds_internal_url
        .map(|text| Base::parse(text, "ds_internal_url"))
        .transpose()?;
    let extra = extra_ds_urls
        .iter()
        .map(|text| Base::parse(text, "extra_ds_urls"))
        .collect::<Result<Vec<_>>>()?;
    let allowed = || {
        let mut origins = vec![public.origin()];
        origins.extend(internal.iter().chain(&extra).map(Base::origin));
        origins.join(", ")
    };
    check_len(url, "the URL")?;
    check_raw(url)?;
    let mut parsed =
        Url::parse(url).map_err(|e| err!(UrlNotAllowed, "the URL cannot be parsed: {e}"))?;
    parsed.set_fragment(None);
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(err!(
            UrlNotAllowed,
            "the URL's scheme {:?} is not http or https (allowed: {})",
            truncate(parsed.scheme()),
            allowed()
        ));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(err!(
            UrlNotAllowed,
            "the URL carries a user name or password"
        ));
    }
    if public.contains(&parsed) {
        return Ok(match &internal {
            Some(internal) => map_to(&parsed, &public, internal),
            None => parsed.to_string(),
        });
    }
    if internal
        .iter()
        .chain(&extra)
        .any(|base| base.contains(&parsed))
    {
        return Ok(parsed.to_string());
    }
    Err(err!(
        UrlNotAllowed,
        "the URL's origin {} and path are not under the Document Server's (allowed: {})",
        origin(&parsed),
        allowed()
    ))
}

/// Checks the URL as written, before the parser normalizes it away: no `\\` before
/// the query (the parser reads it as `/`), and no `%2e`, `%2f` or `%5c` (any case) in
/// the path (the parser resolves `%2e%2e` as `..`; proxies may decode the others).
/// Tabs and newlines, which the parser drops, are dropped first.
fn check_raw(url: &str) -> Result<()> {
    let url: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let before_query = url.split(['?', '#']).next().unwrap_or("");
    if before_query.contains('\\') {
        return Err(err!(UrlNotAllowed, "the URL contains a backslash"));
    }
    let after_scheme = before_query
        .split_once(':')
        .map_or(before_query, |(_, rest)| rest)
        .trim_start_matches('/');
    let path = after_scheme
        .find('/')
        .map_or("", |start| &after_scheme[start..])
        .to_ascii_lowercase();
    if ["%2e", "%2f", "%5c"].iter().any(|seq| path.contains(seq)) {
        return Err(err!(
            UrlNotAllowed,
            "the URL's path contains an encoded dot, slash or backslash"
        ));
    }
    if path.split('/').any(is_disguised_dot_segment) {
        return Err(err!(
            UrlNotAllowed,
            "the URL's path has a segment that servers read as . or .. (with ;parameters \
             or percent-encoded more than once)"
        ));
    }
    Ok(())
}

/// Rounds of percent-decoding a proxy chain may apply to a path.
const DECODING_ROUNDS: usize = 3;

/// Whether a raw path segment (not the literal `.` or `..`, which the parser resolves)
/// is one that a server reads as a dot segment: Tomcat-like servers drop `;parameters`
/// before resolving (`..;` is `..`), and proxies that decode twice turn `%252e` into
/// `.`.
fn is_disguised_dot_segment(segment: &str) -> bool {
    if segment == "." || segment == ".." {
        return false;
    }
    let mut text = segment.to_owned();
    for _ in 0..=DECODING_ROUNDS {
        let cut = text.split(';').next().unwrap_or("");
        if cut == "." || cut == ".." {
            return true;
        }
        let decoded = percent_decode_str(&text).decode_utf8_lossy().into_owned();
        if decoded == text {
            return false;
        }
        text = decoded;
    }
    false
}

/// `url` (under `from`) moved under `to`: origin and base path replaced.
fn map_to(url: &Url, from: &Base, to: &Base) -> String {
    let rest = url.path().get(from.path.len()..).unwrap_or("");
    let mut mapped = to.url.clone();
    mapped.set_path(&format!("{}{rest}", to.path));
    mapped.set_query(url.query());
    mapped.to_string()
}
