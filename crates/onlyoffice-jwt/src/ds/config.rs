//! Editor configs: the object given to the Document Server's `DocEditor`, signed with
//! the inbox secret after the checks the Document Server itself applies to it.

use serde_json::Value;

use crate::ds::js_reading::check_object;
use crate::error::{err, Result};
use crate::jwt::algorithm::Algorithm;
use crate::jwt::sign::{sign, Claims, SignOptions};
use crate::keys::document_key::check_key;
use crate::keys::secret::Keyring;

/// Options of [`sign_config`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigOptions {
    /// The algorithm of the token (default HS256; the Document Server accepts HS256,
    /// HS384 and HS512).
    pub alg: Algorithm,
    /// Seconds of validity: adds `iat` and `exp` = now + ttl when given (else neither).
    pub ttl: Option<u64>,
    /// The clock, in seconds since the epoch (default: the system clock).
    pub now: Option<i64>,
}

impl Default for ConfigOptions {
    fn default() -> ConfigOptions {
        ConfigOptions {
            alg: Algorithm::HS256,
            ttl: None,
            now: None,
        }
    }
}

/// Top-level members that make the Document Server reject a config token.
const FORBIDDEN_TOP_LEVEL: [&str; 3] = ["url", "payload", "key"];

/// Top-level members that send the Document Server down another path than opening an
/// editor, when truthy (JavaScript's truthiness), with what it then does.
const OTHER_PATHS: [(&str, &str); 2] = [
    (
        "fileInfo",
        "treat the token as a WOPI token and rebuild the permissions and the title from fileInfo",
    ),
    (
        "version",
        "open the version-history view: the document key is read from the top level \
         (undefined here) and the editor is forced to view mode",
    ),
];

/// Whether a JSON value is truthy in JavaScript (the Document Server's `if (x)`).
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(flag) => *flag,
        Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
        Value::String(text) => !text.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// Checks what the Document Server requires of a config: a `document` object with a
/// valid `key` and a non-empty `url`, and no top-level `url`, `payload` or `key`
/// (`invalid_input`); no truthy top-level `fileInfo` or `version`, which route the
/// token away from the editor (`invalid_config`); no member named `__proto__` and no
/// integer beyond ±(2^53 − 1) anywhere, which the Document Server would read otherwise
/// than written (`invalid_input`, see `js_reading`).
pub fn check_config(config: &Claims) -> Result<()> {
    let document = match config.get("document") {
        Some(Value::Object(document)) => document,
        Some(_) => return Err(err!(InvalidInput, "config.document is not an object")),
        None => return Err(err!(InvalidInput, "config.document is missing")),
    };
    match document.get("key") {
        Some(Value::String(key)) => check_key(key)?,
        Some(_) => return Err(err!(InvalidInput, "config.document.key is not a string")),
        None => return Err(err!(InvalidInput, "config.document.key is missing")),
    }
    match document.get("url") {
        Some(Value::String(url)) if !url.is_empty() => {}
        Some(_) => {
            return Err(err!(
                InvalidInput,
                "config.document.url is not a non-empty string"
            ))
        }
        None => return Err(err!(InvalidInput, "config.document.url is missing")),
    }
    if let Some(member) = FORBIDDEN_TOP_LEVEL
        .iter()
        .find(|m| config.contains_key(**m))
    {
        return Err(err!(
            InvalidInput,
            "config has a top-level {member:?} member, which the Document Server rejects"
        ));
    }
    for (member, effect) in OTHER_PATHS {
        if config.get(member).is_some_and(truthy) {
            return Err(err!(
                InvalidConfig,
                "config has a top-level {member:?} member: the Document Server would \
                 {effect}; it does not belong in an editor config"
            ));
        }
    }
    check_object(config, "config")
}

/// Signs an editor config: the token covers the config without any existing
/// `token`; `iat`/`exp` are added only with a ttl. Returns the config (old `token`
/// dropped) with the new `token` last.
pub fn sign_config(config: &Claims, keyring: &Keyring, options: &ConfigOptions) -> Result<Claims> {
    check_config(config)?;
    let mut out = without_token(config);
    let token = sign(
        &out,
        keyring,
        &SignOptions {
            alg: options.alg,
            ttl: options.ttl,
            iat: options.ttl.is_some(),
            now: options.now,
        },
    )?;
    out.insert("token".to_owned(), Value::String(token));
    Ok(out)
}

/// A copy of `object` without its `token` member, the other members in order.
pub(crate) fn without_token(object: &Claims) -> Claims {
    object
        .iter()
        .filter(|(name, _)| name.as_str() != "token")
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect()
}
