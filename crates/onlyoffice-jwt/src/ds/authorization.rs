//! The Document Server's token carriers: the `Authorization`-style header with its
//! prefix, and the `payload` wrapper of header tokens.

use crate::error::{err, Result};
use crate::jwt::sign::Claims;

/// The Document Server's default header prefix, `Bearer ` (case-sensitive).
pub const DEFAULT_PREFIX: &str = onlyoffice_jwt_table::defaults::PREFIX;

/// The Document Server's default header name for tokens.
pub const DEFAULT_HEADER: &str = onlyoffice_jwt_table::defaults::HEADER;

/// The token in a header value: absent or empty → `missing_token`; not starting with
/// `prefix` (case-sensitive) → `malformed`.
pub fn header_token<'a>(authorization: Option<&'a str>, prefix: &str) -> Result<&'a str> {
    match authorization {
        None | Some("") => Err(err!(MissingToken, "no token in the body or the header")),
        Some(value) => value.strip_prefix(prefix).ok_or_else(|| {
            err!(
                Malformed,
                "the header value does not start with the prefix {:?}",
                crate::jwt::algorithm::truncate(prefix)
            )
        }),
    }
}

/// The claims a token stands for: the members of a `payload` object when there is
/// one (the Document Server's wrapped form), else the claims themselves. A `payload`
/// that is not an object is `invalid_claim`.
pub fn unwrap_payload(claims: Claims) -> Result<Claims> {
    match claims.get("payload") {
        None => Ok(claims),
        Some(serde_json::Value::Object(inner)) => Ok(inner.clone()),
        Some(_) => Err(err!(InvalidClaim, "the payload claim is not an object")),
    }
}
