//! Guards in front of a connector's endpoints that the Document Server calls, for
//! connectors whose own code trusts more than it verified: a guard decides, from the
//! request alone, whether the connector may go on, and says what it may fetch.
//!
//! - [`guard_callback`]: the callback is verified ([`verify_callback`](crate::ds::callback::verify_callback)); then every
//!   member of the plain body must be the signed one (a member may be absent, and
//!   `history` may be `{}` where the signed one is not: the Document Server trims its
//!   plain body and header token when the header would reach 7168 characters, never
//!   its body token); then every URL the connector will fetch — `url`, `changesurl`,
//!   `formsdataurl` — must be on the Document Server ([`check_download_url`](crate::ds::download_url::check_download_url)).
//! - [`guard_download`]: the Document Server's request to the connector (a file
//!   download) is verified ([`verify_incoming`](crate::ds::incoming::verify_incoming)) and the URL it signed must name this
//!   request's target (path and query, once both are normalised as the Document
//!   Server's client normalises the URL it requests): a token for one file does not
//!   download another. Scheme and host are not compared, since proxies rewrite them.

use serde_json::Value;
use url::Url;

use crate::ds::callback::{verify_callback_body, Callback, CallbackOptions};
use crate::ds::download_url::check_download_url;
use crate::ds::incoming::{verify_incoming, IncomingOptions};
use crate::ds::urls::check_len;
use crate::error::{err, Detail, Result};
use crate::jwt::sign::Claims;
use crate::keys::secret::Keyring;

/// The callback members holding a URL the connector fetches, in the order checked.
pub const FETCHED_MEMBERS: [&str; 3] = ["url", "changesurl", "formsdataurl"];

/// Options of [`guard_callback`]: those of
/// [`verify_callback`](crate::ds::callback::verify_callback), and the Document Server's
/// addresses for the URLs to fetch.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CallbackGuardOptions {
    /// How the callback is verified.
    pub callback: CallbackOptions,
    /// The Document Server's public URL (its base: origin and path).
    pub ds_url: String,
    /// Its internal URL, to which URLs on `ds_url` are mapped.
    pub ds_internal_url: Option<String>,
    /// Further allowed bases (e.g. the origin of the DS's `storage.externalHost`).
    pub extra_ds_urls: Vec<String>,
}

/// A callback the connector may act on: the verified callback and, for each signed URL
/// member it will fetch, the URL to fetch (on the Document Server's internal address).
#[derive(Clone, Debug, PartialEq)]
pub struct GuardedCallback {
    /// The verified callback (only signed claims).
    pub callback: Callback,
    /// `url`, `changesurl`, `formsdataurl` → the URL to fetch, for those signed.
    pub fetch: Claims,
}

/// Guards a callback from its raw body and header: verified as [`verify_callback`](crate::ds::callback::verify_callback)
/// does, then the plain body checked against the signed claims (`invalid_claim`, detail
/// `body.<member>`, for a member that is not signed or differs), then each URL to
/// fetch checked against the Document Server's addresses (`url_not_allowed`).
pub fn guard_callback(
    body: &[u8],
    keyring: &Keyring,
    options: &CallbackGuardOptions,
) -> Result<GuardedCallback> {
    // The addresses first: a bad configuration is the caller's fault, whatever the body.
    check_download_url_options(options)?;
    let (plain, callback) = verify_callback_body(body, keyring, &options.callback)?;
    check_plain_body(&plain, &callback.claims)?;
    let mut fetch = Claims::new();
    for member in FETCHED_MEMBERS {
        let Some(Value::String(url)) = callback.claims.get(member) else {
            continue;
        };
        let extra: Vec<&str> = options.extra_ds_urls.iter().map(String::as_str).collect();
        let mapped = check_download_url(
            url,
            &options.ds_url,
            options.ds_internal_url.as_deref(),
            &extra,
        )
        .map_err(|e| err!(UrlNotAllowed, "the signed {member}: {}", e.message()))?;
        fetch.insert(member.to_owned(), Value::String(mapped));
    }
    Ok(GuardedCallback { callback, fetch })
}

/// The Document Server's addresses of the options, checked as [`check_download_url`](crate::ds::download_url::check_download_url)
/// checks them (`invalid_input`), with a URL that is always under the public one.
fn check_download_url_options(options: &CallbackGuardOptions) -> Result<()> {
    let extra: Vec<&str> = options.extra_ds_urls.iter().map(String::as_str).collect();
    let mut base = Url::parse(&options.ds_url)
        .map_err(|e| err!(InvalidInput, "ds_url is not an absolute URL: {e}"))?;
    if !base.path().ends_with('/') {
        let path = format!("{}/", base.path());
        base.set_path(&path);
    }
    let probe = base
        .join("probe")
        .map_err(|e| err!(InvalidInput, "ds_url cannot have a path under it: {e}"))?;
    check_download_url(
        probe.as_str(),
        &options.ds_url,
        options.ds_internal_url.as_deref(),
        &extra,
    )
    .map(|_| ())
}

/// Every member of the plain body but `token` must be signed, with the same value;
/// the Document Server's trim (`changesurl` left out, `history` emptied) is allowed.
fn check_plain_body(plain: &Claims, signed: &Claims) -> Result<()> {
    for (name, value) in plain {
        if name == "token" {
            continue;
        }
        match signed.get(name) {
            Some(signed_value) if signed_value == value => {}
            Some(Value::Object(_)) if name == "history" && is_empty_object(value) => {}
            Some(_) => {
                return Err(err!(
                    detail = Detail::body(name.as_str());
                    InvalidClaim,
                    "the plain body's {:?} differs from the signed one: only signed values \
                     may be read",
                    crate::jwt::algorithm::truncate(name)
                ))
            }
            None => {
                return Err(err!(
                    detail = Detail::body(name.as_str());
                    InvalidClaim,
                    "the plain body has a {:?} member that is not signed",
                    crate::jwt::algorithm::truncate(name)
                ))
            }
        }
    }
    Ok(())
}

fn is_empty_object(value: &Value) -> bool {
    matches!(value, Value::Object(members) if members.is_empty())
}

/// Guards a request of the Document Server to the connector (a file download) from
/// the value of the header carrying its token and the request's target (`path?query`
/// as received, or the whole URL): verified as [`verify_incoming`](crate::ds::incoming::verify_incoming) does, then the
/// signed `url` must be present (`missing_claim`) and name the same path and query as
/// the target once both are normalised as a WHATWG URL (`invalid_claim`).
pub fn guard_download(
    authorization: Option<&str>,
    keyring: &Keyring,
    target: &str,
    options: &IncomingOptions,
) -> Result<Claims> {
    check_len(target, "the target")?;
    let requested = request_target(target)
        .ok_or_else(|| err!(InvalidInput, "the target is not a request target or URL"))?;
    let claims = verify_incoming(
        authorization,
        keyring,
        &IncomingOptions {
            url: None,
            ..options.clone()
        },
    )?;
    let signed = match claims.get("url") {
        Some(Value::String(signed)) => Url::parse(signed)
            .ok()
            .and_then(|url| request_target(url.as_str()))
            .ok_or_else(|| err!(InvalidClaim, "the signed url is not a URL"))?,
        Some(_) => return Err(err!(InvalidClaim, "the url claim is not a string")),
        None => return Err(err!(MissingClaim, "the token has no url claim")),
    };
    if signed != requested {
        return Err(err!(
            detail = Detail::claim("url");
            InvalidClaim,
            "the signed url names another target than this request's"
        ));
    }
    Ok(claims)
}

/// The path and query of a request target or URL, as a WHATWG URL serialises them
/// (dot segments removed, characters outside the URL code points encoded), without
/// the fragment.
fn request_target(target: &str) -> Option<String> {
    let url = match Url::parse(target) {
        Ok(url) if url.has_host() => url,
        Ok(_) => return None,
        Err(url::ParseError::RelativeUrlWithoutBase) if target.starts_with('/') => {
            Url::parse("http://request.invalid/")
                .ok()?
                .join(target)
                .ok()?
        }
        Err(_) => return None,
    };
    Some(match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    })
}
