//! Requests the Document Server makes to the connector (e.g. downloading the
//! document), carrying `Bearer` JWT(`{"payload":{"url":…}}`) signed with the outbox
//! secret.

use serde_json::Value;
use url::Url;

use crate::ds::authorization::{header_token, unwrap_payload, DEFAULT_PREFIX};
use crate::ds::urls::check_len;
use crate::error::{err, Result};
use crate::jwt::algorithm::Algorithm;
use crate::jwt::sign::Claims;
use crate::jwt::verify::{verify, VerifyOptions, DEFAULT_LEEWAY};
use crate::keys::secret::Keyring;

/// Options of [`verify_incoming`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncomingOptions {
    /// The URL the request was made to; the signed `url` claim must equal it.
    pub url: Option<String>,
    /// The header value's prefix (default `Bearer `, case-sensitive).
    pub prefix: String,
    /// The accepted algorithms (default HS256, HS384 and HS512, as the Document Server
    /// may sign with any; pin its `services.CoAuthoring.token.outbox.algorithm`).
    pub algorithms: Vec<Algorithm>,
    /// Clock tolerance in seconds (default [`DEFAULT_LEEWAY`](crate::jwt::DEFAULT_LEEWAY)).
    pub leeway: u64,
    /// The clock, in seconds since the epoch (default: the system clock).
    pub now: Option<i64>,
}

impl Default for IncomingOptions {
    fn default() -> IncomingOptions {
        IncomingOptions {
            url: None,
            prefix: DEFAULT_PREFIX.to_owned(),
            algorithms: Algorithm::ALL.to_vec(),
            leeway: DEFAULT_LEEWAY,
            now: None,
        }
    }
}

/// Verifies the token of a request from the Document Server and returns its signed
/// claims (`payload` unwrapped). With `url`, the signed `url` must be present
/// (`missing_claim`) and equal to it once both are normalised as the Document Server's
/// HTTP client normalises the URL it requests (`invalid_claim`): parsed and serialised
/// as a WHATWG URL (scheme and host lower-cased, default port dropped, dot segments
/// removed, characters outside the URL code points percent-encoded) and the fragment
/// dropped. Nothing looser: case of the path, other percent-encodings, the query and
/// its order must match. An unparsable `url` option is `invalid_input`.
pub fn verify_incoming(
    authorization: Option<&str>,
    keyring: &Keyring,
    options: &IncomingOptions,
) -> Result<Claims> {
    let expected = match &options.url {
        Some(url) => {
            check_len(url, "the url option")?;
            Some(requested(Url::parse(url).map_err(|e| {
                err!(InvalidInput, "the url option is not an absolute URL: {e}")
            })?))
        }
        None => None,
    };
    let token = header_token(authorization, &options.prefix)?;
    // As the Document Server verifies: `exp`/`nbf` with the leeway, `iat` ignored.
    let verify_options = VerifyOptions {
        algorithms: options.algorithms.clone(),
        leeway: options.leeway,
        verify_iat: false,
        now: options.now,
        ..VerifyOptions::default()
    };
    let claims = unwrap_payload(verify(token, keyring, &verify_options)?)?;
    if let Some(expected) = expected {
        let signed = match claims.get("url") {
            Some(Value::String(signed)) => requested(
                Url::parse(signed)
                    .map_err(|e| err!(InvalidClaim, "the signed url is not a URL: {e}"))?,
            ),
            Some(_) => return Err(err!(InvalidClaim, "the url claim is not a string")),
            None => return Err(err!(MissingClaim, "the token has no url claim")),
        };
        if signed != expected {
            return Err(err!(
                InvalidClaim,
                "the signed url is not the URL of this request"
            ));
        }
    }
    Ok(claims)
}

/// The URL the Document Server requests for a URL it was given: its HTTP client
/// serialises the parsed URL (WHATWG) and sends no fragment.
fn requested(mut url: Url) -> Url {
    url.set_fragment(None);
    url
}
