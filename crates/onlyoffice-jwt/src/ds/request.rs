//! Requests to the Document Server's command, conversion and docbuilder services:
//! the body token and the header token, both signed with the inbox secret.

use std::fmt;

use serde_json::Value;

use crate::ds::authorization::{DEFAULT_HEADER, DEFAULT_PREFIX};
use crate::ds::config::without_token;
use crate::ds::js_reading::check_request;
use crate::error::{err, Result};
use crate::jwt::algorithm::Algorithm;
use crate::jwt::sign::{sign, Claims, SignOptions};
use crate::keys::document_key::check_key;
use crate::keys::secret::Keyring;

/// The default validity of a request token, in seconds (the DS's `outbox.expires`).
pub const DEFAULT_REQUEST_TTL: u64 = onlyoffice_jwt_table::defaults::REQUEST_TTL;

/// The header token is sent only while it is shorter than this many characters: the
/// Document Server keeps its own header tokens under 7168 ("8kb - 1kb for other
/// headers"), and a stock Node server answers HTTP 431 to headers over ~16 KB before
/// any DS code runs. The body token alone is always accepted.
pub const MAX_HEADER_TOKEN_LEN: usize = 7168;

/// Options of [`sign_request`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestOptions {
    /// The algorithm of both tokens (default HS256; the Document Server accepts HS256,
    /// HS384 and HS512 whatever its settings).
    pub alg: Algorithm,
    /// The header name (default `Authorization`).
    pub header: String,
    /// The header value's prefix (default `Bearer `).
    pub prefix: String,
    /// Seconds of validity (default [`DEFAULT_REQUEST_TTL`]); `None`: no `exp`; 0 is
    /// refused.
    pub ttl: Option<u64>,
    /// The clock, in seconds since the epoch (default: the system clock).
    pub now: Option<i64>,
}

impl Default for RequestOptions {
    fn default() -> RequestOptions {
        RequestOptions {
            alg: Algorithm::HS256,
            header: DEFAULT_HEADER.to_owned(),
            prefix: DEFAULT_PREFIX.to_owned(),
            ttl: Some(DEFAULT_REQUEST_TTL),
            now: None,
        }
    }
}

/// A signed request: the body to send as JSON and the header to add, if any. `Debug`
/// never shows the tokens.
#[derive(Clone, PartialEq)]
pub struct SignedRequest {
    /// The body without any previous `token`, then `token` = JWT(body, `iat`, `exp`).
    pub body: Claims,
    /// The header name.
    pub header: String,
    /// The header value: prefix + JWT(`{"payload": body, "iat", "exp"}`); `None` when
    /// that token would be [`MAX_HEADER_TOKEN_LEN`] characters or longer (send the
    /// body alone: the Document Server takes the body token first).
    pub header_value: Option<String>,
}

impl fmt::Debug for SignedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fields: Vec<&String> = self.body.keys().collect();
        f.debug_struct("SignedRequest")
            .field("body_members", &fields)
            .field("header", &self.header)
            .field(
                "header_value",
                &self.header_value.as_ref().map(|_| "[redacted]"),
            )
            .finish()
    }
}

/// Signs a request body both ways the Document Server accepts: the body token always,
/// the header token only while it stays under [`MAX_HEADER_TOKEN_LEN`] characters.
/// A `key` member must follow the document key rule (else the DS answers -7), and the
/// body must mean to the Document Server what it says (no `payload` or `query` member,
/// which it merges over the request; no `__proto__`; no integer beyond ±(2^53 − 1):
/// see `js_reading`), else `invalid_input`.
pub fn sign_request(
    body: &Claims,
    keyring: &Keyring,
    options: &RequestOptions,
) -> Result<SignedRequest> {
    check_header(&options.header, &options.prefix)?;
    match body.get("key") {
        None => {}
        Some(Value::String(key)) => check_key(key)?,
        Some(_) => return Err(err!(InvalidInput, "the request's key is not a string")),
    }
    let fields = without_token(body);
    check_request(&fields)?;
    let sign_options = SignOptions {
        alg: options.alg,
        ttl: options.ttl,
        iat: true,
        now: options.now,
    };
    let mut wrapped = Claims::new();
    wrapped.insert("payload".to_owned(), Value::Object(fields.clone()));
    let header_token = sign(&wrapped, keyring, &sign_options)?;
    let body_token = sign(&fields, keyring, &sign_options)?;
    let mut body = fields;
    body.insert("token".to_owned(), Value::String(body_token));
    Ok(SignedRequest {
        body,
        header: options.header.clone(),
        header_value: (header_token.len() < MAX_HEADER_TOKEN_LEN)
            .then(|| format!("{}{header_token}", options.prefix)),
    })
}

/// A header name must be an HTTP token, and the prefix printable ASCII or space, so
/// that the header cannot be split or injected.
fn check_header(name: &str, prefix: &str) -> Result<()> {
    let token_char = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if name.is_empty() || !name.chars().all(token_char) {
        return Err(err!(
            InvalidInput,
            "the header name {:?} is not an HTTP header name",
            crate::jwt::algorithm::truncate(name)
        ));
    }
    if !prefix.chars().all(|c| c == ' ' || c.is_ascii_graphic()) {
        return Err(err!(
            InvalidInput,
            "the header prefix must be printable ASCII"
        ));
    }
    Ok(())
}
