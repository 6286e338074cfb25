//! The operations with JSON arguments and options: the single entry point of every
//! binding (PHP, Python, C), so that all of them convert, default and refuse options
//! in exactly the same way.
//!
//! Conventions, decided here once:
//! - `options` is a JSON object whose keys are the Python keyword names of
//!   `shared/api.md`; `null`, or an empty array (PHP's `[]`), means no options. A key
//!   this operation does not know is `invalid_input`; a `null` value means the default.
//! - A top-level object argument (claims, config, body) may be given as an empty array,
//!   which means an empty object (PHP cannot tell them apart).
//! - `allow_weak` is accepted by every operation that takes a secret; [`keyring`]
//!   reads it.

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::error::{err, Result};
use crate::jwt::algorithm::Algorithm;
use crate::jwt::jws;
use crate::jwt::sign::{self, SignOptions};
use crate::jwt::verify::{self, VerifyOptions};
use crate::keys::secret::{Keyring, Secret};

/// One option's value as a binding reads it from its host language's own value (a
/// keyword argument, a PHP array member), so that options need no JSON tree. Every
/// rule about it (which type each option takes, what `Null` means) is in [`Options`].
#[derive(Debug)]
#[non_exhaustive]
pub enum OptionValue<'a> {
    /// The host's null (`None`, `null`): the option's default.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer (every `i64` and `u64` fits).
    Int(i128),
    /// A string.
    Str(Cow<'a, str>),
    /// A list: each item's text, or `None` for an item that is not a string.
    List(Vec<Option<Cow<'a, str>>>),
    /// Anything else (a float, a map, bytes): refused by every option.
    Other,
}

impl<'a> OptionValue<'a> {
    /// The same value owning its texts (for a binding whose host values are
    /// temporary).
    pub fn into_owned(self) -> OptionValue<'static> {
        let owned = |text: Cow<'a, str>| Cow::Owned(text.into_owned());
        match self {
            OptionValue::Null => OptionValue::Null,
            OptionValue::Bool(flag) => OptionValue::Bool(flag),
            OptionValue::Int(number) => OptionValue::Int(number),
            OptionValue::Str(text) => OptionValue::Str(owned(text)),
            OptionValue::List(items) => {
                OptionValue::List(items.into_iter().map(|item| item.map(owned)).collect())
            }
            OptionValue::Other => OptionValue::Other,
        }
    }

    /// The value of a JSON option.
    fn of_json(value: &'a Value) -> OptionValue<'a> {
        match value {
            Value::Null => OptionValue::Null,
            Value::Bool(flag) => OptionValue::Bool(*flag),
            Value::Number(number) => number
                .as_i64()
                .map(i128::from)
                .or_else(|| number.as_u64().map(i128::from))
                .map_or(OptionValue::Other, OptionValue::Int),
            Value::String(text) => OptionValue::Str(Cow::Borrowed(text)),
            Value::Array(items) => OptionValue::List(
                items
                    .iter()
                    .map(|item| item.as_str().map(Cow::Borrowed))
                    .collect(),
            ),
            Value::Object(_) => OptionValue::Other,
        }
    }
}

/// What an operation takes as its options: a JSON object (C, the CLI, the vectors) or
/// the [`Options`] a binding read from its host's values.
pub trait IntoOptions<'a> {
    /// The checked options of `operation`.
    fn into_options(self, operation: &'static str) -> Result<Options<'a>>;
}

impl<'a> IntoOptions<'a> for &'a Value {
    fn into_options(self, operation: &'static str) -> Result<Options<'a>> {
        Options::new(operation, self)
    }
}

impl<'a> IntoOptions<'a> for Options<'a> {
    fn into_options(self, operation: &'static str) -> Result<Options<'a>> {
        if self.operation != operation {
            return Err(err!(
                InvalidInput,
                "{operation}: given the options of {}",
                self.operation
            ));
        }
        Ok(self)
    }
}

/// Validated options of one operation call: each option's name and value, in the
/// order given.
pub struct Options<'a> {
    operation: &'static str,
    entries: Vec<(Cow<'a, str>, OptionValue<'a>)>,
}

impl<'a> Options<'a> {
    /// Checks that `options` is an object (or null / empty array) whose keys are all
    /// options of `operation` in [`crate::operations::OPERATIONS`] (plus `allow_weak`).
    pub fn new(operation: &'static str, options: &'a Value) -> Result<Options<'a>> {
        let entries = match options {
            Value::Null => Vec::new(),
            Value::Array(items) if items.is_empty() => Vec::new(),
            Value::Object(map) => map
                .iter()
                .map(|(name, value)| (Cow::Borrowed(name.as_str()), OptionValue::of_json(value)))
                .collect(),
            _ => return Err(err!(InvalidInput, "{operation}: options must be an object")),
        };
        Options::from_host(operation, entries)
    }

    /// The options a binding read from its host's values (see [`OptionValue`]), with
    /// the same checks as [`Options::new`]: every name an option of `operation` (or
    /// `allow_weak`), `allow_weak` true, false or null.
    pub fn from_host(
        operation: &'static str,
        entries: Vec<(Cow<'a, str>, OptionValue<'a>)>,
    ) -> Result<Options<'a>> {
        let options = Options { operation, entries };
        options.allow_weak()?;
        let spec = crate::operations::operation(operation);
        let known =
            |key: &str| spec.is_some_and(|spec| spec.option_names().any(|name| name == key));
        for (index, (key, _)) in options.entries.iter().enumerate() {
            if options.entries[..index]
                .iter()
                .any(|(earlier, _)| earlier == key)
            {
                return Err(err!(
                    InvalidInput,
                    "{operation}: option {:?} is given twice",
                    crate::jwt::algorithm::truncate(key)
                ));
            }
            if key != "allow_weak" && !known(key) {
                let names: Vec<&str> = spec
                    .map(|spec| spec.option_names().collect())
                    .unwrap_or_default();
                return Err(err!(
                    InvalidInput,
                    "{operation}: unknown option {:?} (known: {})",
                    crate::jwt::algorithm::truncate(key),
                    names.join(", ")
                ));
            }
        }
        Ok(options)
    }

    /// The option's value, `None` when absent or null.
    fn get(&self, name: &str) -> Option<&OptionValue<'a>> {
        // A call has a handful of options: comparing names is faster than hashing one.
        self.entries
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
            .filter(|value| !matches!(value, OptionValue::Null))
    }

    fn invalid(&self, name: &str, expected: &str) -> crate::Error {
        err!(
            InvalidInput,
            "{}: option {name} must be {expected}",
            self.operation
        )
    }

    /// Whether the option is given as an explicit `null` (for the few options where
    /// `null` means "none" rather than the default, e.g. `sign_request`'s `ttl`).
    pub fn is_null(&self, name: &str) -> bool {
        self.entries
            .iter()
            .any(|(key, value)| key == name && matches!(value, OptionValue::Null))
    }

    /// `allow_weak`, which every operation accepts.
    fn allow_weak(&self) -> Result<bool> {
        allow_weak(self.get("allow_weak"))
    }

    /// The keyring of one or more secrets (first signs, all verify), honouring
    /// `allow_weak`.
    pub fn keyring(&self, secrets: Vec<Secret>) -> Result<Keyring> {
        Keyring::from_secrets(secrets, self.allow_weak()?)
    }

    /// A boolean option.
    pub fn bool(&self, name: &str, default: bool) -> Result<bool> {
        match self.get(name) {
            None => Ok(default),
            Some(OptionValue::Bool(flag)) => Ok(*flag),
            Some(_) => Err(self.invalid(name, "true or false")),
        }
    }

    /// A non-negative integer option.
    pub fn u64(&self, name: &str) -> Result<Option<u64>> {
        match self.get(name) {
            None => Ok(None),
            Some(OptionValue::Int(n)) if u64::try_from(*n).is_ok() => Ok(u64::try_from(*n).ok()),
            Some(_) => Err(self.invalid(name, "a non-negative integer")),
        }
    }

    /// An integer option (e.g. `now`).
    pub fn i64(&self, name: &str) -> Result<Option<i64>> {
        match self.get(name) {
            None => Ok(None),
            Some(OptionValue::Int(n)) if i64::try_from(*n).is_ok() => Ok(i64::try_from(*n).ok()),
            Some(_) => Err(self.invalid(name, "an integer")),
        }
    }

    /// A string option.
    pub fn str(&self, name: &str) -> Result<Option<&str>> {
        match self.get(name) {
            None => Ok(None),
            Some(OptionValue::Str(text)) => Ok(Some(text)),
            Some(_) => Err(self.invalid(name, "a string")),
        }
    }

    /// A list-of-strings option.
    pub fn strings(&self, name: &str) -> Result<Option<Vec<&str>>> {
        match self.get(name) {
            None => Ok(None),
            Some(OptionValue::List(items)) => items
                .iter()
                .map(|item| {
                    item.as_deref()
                        .ok_or_else(|| self.invalid(name, "a list of strings"))
                })
                .collect::<Result<Vec<_>>>()
                .map(Some),
            Some(_) => Err(self.invalid(name, "a list of strings")),
        }
    }
}

/// A JSON object argument; an empty array counts as an empty object. It may nest at
/// most [`MAX_NESTING`](crate::jwt::encoding::MAX_NESTING) levels (itself included), the
/// limit of verification: nothing is signed that could not be verified.
pub fn object_arg<'v>(
    operation: &str,
    what: &str,
    value: &'v Value,
) -> Result<std::borrow::Cow<'v, Map<String, Value>>> {
    use crate::jwt::encoding::{nesting_depth, MAX_NESTING};
    match value {
        Value::Object(_) if nesting_depth(value) > MAX_NESTING => Err(err!(
            InvalidInput,
            "{operation}: {what} nest deeper than {MAX_NESTING} levels"
        )),
        Value::Object(map) => Ok(std::borrow::Cow::Borrowed(map)),
        Value::Array(items) if items.is_empty() => Ok(std::borrow::Cow::Owned(Map::new())),
        _ => Err(err!(
            InvalidInput,
            "{operation}: {what} must be a JSON object"
        )),
    }
}

/// Builds the keyring from one or more secrets (first signs, all verify), honouring
/// the `allow_weak` option of a JSON options object.
pub fn keyring(secrets: Vec<Secret>, options: &Value) -> Result<Keyring> {
    let flag = options.get("allow_weak").map(OptionValue::of_json);
    Keyring::from_secrets(secrets, allow_weak(flag.as_ref())?)
}

/// The `allow_weak` option, which every operation accepts: true, false or null.
fn allow_weak(value: Option<&OptionValue<'_>>) -> Result<bool> {
    match value {
        None | Some(OptionValue::Null) => Ok(false),
        Some(OptionValue::Bool(allow)) => Ok(*allow),
        Some(_) => Err(err!(
            InvalidInput,
            "option allow_weak must be true or false"
        )),
    }
}

/// The sign options of `sign`-like operations (`alg`, `ttl`, `iat`, `now`).
pub fn sign_options(options: &Options<'_>) -> Result<SignOptions> {
    Ok(SignOptions {
        alg: alg(options)?,
        ttl: options.u64("ttl")?,
        iat: options.bool("iat", true)?,
        now: options.i64("now")?,
    })
}

/// The `alg` option: the algorithm to sign with (default HS256).
fn alg(options: &Options<'_>) -> Result<Algorithm> {
    match options.str("alg")? {
        Some(name) => Algorithm::from_name(name),
        None => Ok(Algorithm::HS256),
    }
}

/// The `algorithms` option: the accepted algorithms (default all three), never empty.
fn algorithms(options: &Options<'_>) -> Result<Vec<Algorithm>> {
    match options.strings("algorithms")? {
        None => Ok(Algorithm::ALL.to_vec()),
        Some(names) if names.is_empty() => Err(err!(
            InvalidInput,
            "{}: algorithms must not be empty",
            options.operation
        )),
        Some(names) => names.into_iter().map(Algorithm::from_name).collect(),
    }
}

/// The verify options (`algorithms`, `leeway`, `verify_exp`, `verify_nbf`,
/// `verify_iat`, `require`, `max_size`, `now`).
pub fn verify_options(options: &Options<'_>) -> Result<VerifyOptions> {
    let defaults = VerifyOptions::default();
    let algorithms = algorithms(options)?;
    let max_size = match options.u64("max_size")? {
        None => defaults.max_size,
        Some(n) => usize::try_from(n).unwrap_or(usize::MAX),
    };
    Ok(VerifyOptions {
        algorithms,
        leeway: options.u64("leeway")?.unwrap_or(defaults.leeway),
        verify_exp: options.bool("verify_exp", defaults.verify_exp)?,
        verify_nbf: options.bool("verify_nbf", defaults.verify_nbf)?,
        verify_iat: options.bool("verify_iat", defaults.verify_iat)?,
        require: options
            .strings("require")?
            .map(|v| v.into_iter().map(str::to_owned).collect())
            .unwrap_or_default(),
        max_size,
        now: options.i64("now")?,
    })
}

/// `sign(claims, secret, alg="HS256", ttl=None, iat=True, now=None)`: the token.
pub fn sign<'o>(claims: &Value, keyring: &Keyring, options: impl IntoOptions<'o>) -> Result<Value> {
    // The options' faults before the claims', as in the bindings that write claims.
    let options = sign_options(&options.into_options("sign")?)?;
    let claims = object_arg("sign", "claims", claims)?;
    sign::sign(&claims, keyring, &options).map(Value::String)
}

/// `sign_jws(header, payload, secret)`: the token over the given header and payload
/// JSON texts, byte for byte (see [`sign::sign_jws`]).
pub fn sign_jws<'o>(
    header: &str,
    payload: &str,
    keyring: &Keyring,
    options: impl IntoOptions<'o>,
) -> Result<Value> {
    options.into_options("sign_jws")?;
    sign::sign_jws(header, payload, keyring).map(Value::String)
}

/// `sign_jws_bytes(header, payload, secret)`: the JWS over the given header JSON text
/// and payload bytes (see [`jws::sign_jws_bytes`]).
pub fn sign_jws_bytes<'o>(
    header: &str,
    payload: &[u8],
    keyring: &Keyring,
    options: impl IntoOptions<'o>,
) -> Result<Value> {
    options.into_options("sign_jws_bytes")?;
    jws::sign_jws_bytes(header, payload, keyring).map(Value::String)
}

/// `verify_jws(token, secret, algorithms, max_size=1 MiB)`, with the detached payload
/// of a `"b64": false` token: the verified parts of a JWS whose payload is any bytes
/// (see [`jws::verify_jws`]).
pub fn verify_jws<'o>(
    token: &str,
    keyring: &Keyring,
    options: impl IntoOptions<'o>,
    detached: Option<&[u8]>,
) -> Result<jws::Jws> {
    let options = options.into_options("verify_jws")?;
    let checked = verify_options(&options)?;
    let options = jws::JwsOptions {
        algorithms: checked.algorithms,
        max_size: checked.max_size,
    };
    jws::verify_jws(token, keyring, &options, detached)
}

/// `decode_jws_unverified(token)`: the parts of a JWS whose payload is any bytes,
/// **nothing verified** (see [`jws::decode_jws_unverified`]).
pub fn decode_jws_unverified<'o>(token: &str, options: impl IntoOptions<'o>) -> Result<jws::Jws> {
    let options = options.into_options("decode_jws_unverified")?;
    let max_size = options
        .u64("max_size")?
        .map_or(crate::jwt::verify::DEFAULT_MAX_SIZE, |n| {
            usize::try_from(n).unwrap_or(usize::MAX)
        });
    jws::decode_jws_unverified(token, max_size)
}

/// `b64url_decode(segment)`: the bytes of one token segment, canonical unpadded
/// base64url only (see [`verify::decode_segment`]).
pub fn b64url_decode<'o>(segment: &str, options: impl IntoOptions<'o>) -> Result<Vec<u8>> {
    options.into_options("b64url_decode")?;
    verify::decode_segment(segment, "segment")
}

/// `verify(token, secret, algorithms, leeway=60, verify_exp=True, verify_nbf=True,
/// verify_iat=True, require=[], max_size=1 MiB, now=None)`: the verified claims.
pub fn verify<'o>(token: &str, keyring: &Keyring, options: impl IntoOptions<'o>) -> Result<Value> {
    let options = verify_options(&options.into_options("verify")?)?;
    verify::verify(token, keyring, &options).map(Value::Object)
}

/// `decode_unverified(token)`: `{"header": …, "claims": …}`, **nothing verified**.
pub fn decode_unverified<'o>(token: &str, options: impl IntoOptions<'o>) -> Result<Value> {
    options.into_options("decode_unverified")?;
    let decoded = verify::decode_unverified(token)?;
    let mut out = Map::new();
    out.insert("header".to_owned(), Value::Object(decoded.header));
    out.insert("claims".to_owned(), Value::Object(decoded.claims));
    Ok(Value::Object(out))
}

/// `audit_ds_config(local_json_text, connector_secret=None)`: the findings for a
/// Document Server `local.json`, as a list of objects `{severity, code, path, message,
/// fix}` (plus `line`, `column`, `context` for a syntax error), errors first. Reads the
/// files named by `secret.*.file` (see [`crate::audit`]).
pub fn audit_ds_config<'o>(text: &str, options: impl IntoOptions<'o>) -> Result<Value> {
    let options = options.into_options("audit_ds_config")?;
    let audit_options = crate::audit::AuditOptions {
        connector_secret: options.str("connector_secret")?.map(Secret::from),
    };
    let findings = crate::audit::audit_ds_config(text, &audit_options)?;
    Ok(Value::Array(findings.iter().map(|f| f.to_json()).collect()))
}

/// `sign_config(config, secret, alg="HS256", ttl=None, now=None)`: the config with
/// `token` last.
pub fn sign_config<'o>(
    config: &Value,
    keyring: &Keyring,
    options: impl IntoOptions<'o>,
) -> Result<Value> {
    let options = options.into_options("sign_config")?;
    let config = object_arg("sign_config", "config", config)?;
    let config_options = crate::ds::config::ConfigOptions {
        alg: alg(&options)?,
        ttl: options.u64("ttl")?,
        now: options.i64("now")?,
    };
    crate::ds::config::sign_config(&config, keyring, &config_options).map(Value::Object)
}

/// `sign_request(body, secret, alg="HS256", header="Authorization", prefix="Bearer ",
/// ttl=300, now=None)`: `{"body": {…, "token"}, "headers": {header: prefix + token},
/// "header_omitted": false}`; `headers` is empty and `header_omitted` true when the
/// header token would reach 7168 characters (send the body alone). An explicit `ttl`
/// of `null` means no `exp`; 0 is refused.
pub fn sign_request<'o>(
    body: &Value,
    keyring: &Keyring,
    options: impl IntoOptions<'o>,
) -> Result<Value> {
    let options = options.into_options("sign_request")?;
    let body = object_arg("sign_request", "body", body)?;
    let defaults = crate::ds::request::RequestOptions::default();
    let request_options = crate::ds::request::RequestOptions {
        alg: alg(&options)?,
        header: options
            .str("header")?
            .map_or(defaults.header, str::to_owned),
        prefix: options
            .str("prefix")?
            .map_or(defaults.prefix, str::to_owned),
        ttl: if options.is_null("ttl") {
            None
        } else {
            options.u64("ttl")?.or(defaults.ttl)
        },
        now: options.i64("now")?,
    };
    let signed = crate::ds::request::sign_request(&body, keyring, &request_options)?;
    let mut headers = Map::new();
    let omitted = signed.header_value.is_none();
    if let Some(value) = signed.header_value {
        headers.insert(signed.header, Value::String(value));
    }
    let mut out = Map::new();
    out.insert("body".to_owned(), Value::Object(signed.body));
    out.insert("headers".to_owned(), Value::Object(headers));
    out.insert("header_omitted".to_owned(), Value::Bool(omitted));
    Ok(Value::Object(out))
}

/// `verify_callback(body, secret, authorization=None, prefix="Bearer ",
/// algorithms=HS256/384/512, leeway=60, expected_key=None, max_size=None, now=None)`: the signed claims of the callback
/// (`max_size` `None`: no limit, as the Document Server sets none).
pub fn verify_callback<'o>(
    body: &[u8],
    keyring: &Keyring,
    options: impl IntoOptions<'o>,
) -> Result<Value> {
    let options = options.into_options("verify_callback")?;
    let callback_options = callback_options(&options)?;
    crate::ds::callback::verify_callback(body, keyring, &callback_options)
        .map(|callback| Value::Object(callback.claims))
}

/// `verify_incoming(authorization, secret, url=None, prefix="Bearer ",
/// algorithms=HS256/384/512, leeway=60, now=None)`: the signed claims (`payload` unwrapped).
pub fn verify_incoming<'o>(
    authorization: Option<&str>,
    keyring: &Keyring,
    options: impl IntoOptions<'o>,
) -> Result<Value> {
    let options = options.into_options("verify_incoming")?;
    let incoming_options = incoming_options(&options)?;
    crate::ds::incoming::verify_incoming(authorization, keyring, &incoming_options)
        .map(Value::Object)
}

/// The callback options of `verify_callback` and `guard_callback`.
fn callback_options(options: &Options<'_>) -> Result<crate::ds::callback::CallbackOptions> {
    let defaults = crate::ds::callback::CallbackOptions::default();
    Ok(crate::ds::callback::CallbackOptions {
        authorization: options.str("authorization")?.map(str::to_owned),
        prefix: options
            .str("prefix")?
            .map_or(defaults.prefix, str::to_owned),
        algorithms: algorithms(options)?,
        leeway: options.u64("leeway")?.unwrap_or(defaults.leeway),
        expected_key: options.str("expected_key")?.map(str::to_owned),
        max_size: options
            .u64("max_size")?
            .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
            .or(defaults.max_size),
        now: options.i64("now")?,
    })
}

/// The options of `verify_incoming` and `guard_download` (`url` only for the first).
fn incoming_options(options: &Options<'_>) -> Result<crate::ds::incoming::IncomingOptions> {
    let defaults = crate::ds::incoming::IncomingOptions::default();
    Ok(crate::ds::incoming::IncomingOptions {
        url: options.str("url")?.map(str::to_owned),
        prefix: options
            .str("prefix")?
            .map_or(defaults.prefix, str::to_owned),
        algorithms: algorithms(options)?,
        leeway: options.u64("leeway")?.unwrap_or(defaults.leeway),
        now: options.i64("now")?,
    })
}

/// `guard_callback(body, secret, ds_url, authorization=None, ds_internal_url=None,
/// extra_ds_urls=[], prefix="Bearer ", algorithms, leeway=60, expected_key=None,
/// max_size=None, now=None)`: `{"claims": <the signed claims>, "fetch": {member: URL to
/// fetch}}` for a callback whose plain body is the signed one and whose URLs are on the
/// Document Server.
pub fn guard_callback<'o>(
    body: &[u8],
    keyring: &Keyring,
    ds_url: &str,
    options: impl IntoOptions<'o>,
) -> Result<Value> {
    let options = options.into_options("guard_callback")?;
    let guard_options = crate::ds::guard::CallbackGuardOptions {
        callback: callback_options(&options)?,
        ds_url: ds_url.to_owned(),
        ds_internal_url: options.str("ds_internal_url")?.map(str::to_owned),
        extra_ds_urls: options
            .strings("extra_ds_urls")?
            .map(|urls| urls.into_iter().map(str::to_owned).collect())
            .unwrap_or_default(),
    };
    let guarded = crate::ds::guard::guard_callback(body, keyring, &guard_options)?;
    let mut out = Map::new();
    out.insert("claims".to_owned(), Value::Object(guarded.callback.claims));
    out.insert("fetch".to_owned(), Value::Object(guarded.fetch));
    Ok(Value::Object(out))
}

/// `guard_download(authorization, secret, target, prefix="Bearer ", algorithms,
/// leeway=60, now=None)`: the signed claims of a request from the Document Server
/// whose signed `url` names this request's target (path and query).
pub fn guard_download<'o>(
    authorization: Option<&str>,
    keyring: &Keyring,
    target: &str,
    options: impl IntoOptions<'o>,
) -> Result<Value> {
    let options = options.into_options("guard_download")?;
    crate::ds::guard::guard_download(authorization, keyring, target, &incoming_options(&options)?)
        .map(Value::Object)
}

/// `check_download_url(url, ds_url, ds_internal_url=None, extra_ds_urls=[])`: the URL
/// to fetch.
pub fn check_download_url<'o>(
    url: &str,
    ds_url: &str,
    options: impl IntoOptions<'o>,
) -> Result<Value> {
    let options = options.into_options("check_download_url")?;
    crate::ds::download_url::check_download_url(
        url,
        ds_url,
        options.str("ds_internal_url")?,
        &options.strings("extra_ds_urls")?.unwrap_or_default(),
    )
    .map(Value::String)
}

/// `document_key(secret, file_id, version)`: 32 characters of `[0-9A-Za-z_-]`;
/// `version` is a string or an integer (written in decimal).
pub fn document_key<'o>(
    keyring: &Keyring,
    file_id: &str,
    version: &Value,
    options: impl IntoOptions<'o>,
) -> Result<Value> {
    options.into_options("document_key")?;
    let version = match version {
        Value::String(text) => text.clone(),
        Value::Number(n) if n.is_i64() || n.is_u64() => n.to_string(),
        _ => {
            return Err(err!(
                InvalidInput,
                "document_key: version must be a string or an integer"
            ))
        }
    };
    crate::keys::document_key::document_key(keyring, file_id, &version).map(Value::String)
}

/// `derive_secrets(master, allow_weak=False)`: `{"inbox", "outbox", "session",
/// "links", "doc_keys"}`, each as base64url text (the DS secrets are used as is; the
/// subkeys are the decoded 32 bytes).
pub fn derive_secrets<'o>(master: &Secret, options: impl IntoOptions<'o>) -> Result<Value> {
    let options = options.into_options("derive_secrets")?;
    let derived = crate::keys::derive::derive_secrets(master, options.bool("allow_weak", false)?)?;
    let mut out = Map::new();
    for purpose in crate::keys::derive::Purpose::ALL {
        let secret = derived.get(purpose);
        let text = if purpose.is_ds_secret() {
            String::from_utf8_lossy(secret.expose()).into_owned()
        } else {
            crate::jwt::encoding::b64_encode(secret.expose())
        };
        out.insert(purpose.name().to_owned(), Value::String(text));
    }
    Ok(Value::Object(out))
}

/// `sign_link(url, secret, ttl=900, now=None)`: the URL with `oo_exp` and `oo_sig`.
pub fn sign_link<'o>(url: &str, keyring: &Keyring, options: impl IntoOptions<'o>) -> Result<Value> {
    let options = options.into_options("sign_link")?;
    let link_options = crate::keys::link::LinkOptions {
        ttl: options
            .u64("ttl")?
            .unwrap_or(crate::keys::link::DEFAULT_LINK_TTL),
        now: options.i64("now")?,
    };
    crate::keys::link::sign_link(url, keyring, &link_options).map(Value::String)
}

/// `verify_link(url, secret, now=None)`: the URL without `oo_exp` and `oo_sig`.
pub fn verify_link<'o>(
    url: &str,
    keyring: &Keyring,
    options: impl IntoOptions<'o>,
) -> Result<Value> {
    let options = options.into_options("verify_link")?;
    crate::keys::link::verify_link(url, keyring, options.i64("now")?).map(Value::String)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn host(
        entries: Vec<(&'static str, OptionValue<'static>)>,
    ) -> Vec<(Cow<'static, str>, OptionValue<'static>)> {
        entries
            .into_iter()
            .map(|(name, value)| (Cow::Borrowed(name), value))
            .collect()
    }

    #[test]
    fn options_from_a_host_read_as_the_same_json() {
        let json = json!({"alg": "HS384", "ttl": 60, "iat": false, "now": -5});
        let from_json = sign_options(&Options::new("sign", &json).unwrap()).unwrap();
        let entries = host(vec![
            ("alg", OptionValue::Str(Cow::Borrowed("HS384"))),
            ("ttl", OptionValue::Int(60)),
            ("iat", OptionValue::Bool(false)),
            ("now", OptionValue::Int(-5)),
        ]);
        let from_host = sign_options(&Options::from_host("sign", entries).unwrap()).unwrap();
        assert_eq!(format!("{from_json:?}"), format!("{from_host:?}"));
        assert_eq!(from_host.ttl, Some(60));
        assert_eq!(from_host.now, Some(-5));
    }

    #[test]
    fn host_values_keep_the_json_rules() {
        let refused = |name: &'static str, value: OptionValue<'static>| {
            let options = Options::from_host("verify", host(vec![(name, value)]));
            options
                .and_then(|options| verify_options(&options))
                .unwrap_err()
                .message()
                .to_owned()
        };
        let beyond_u64 = i128::from(u64::MAX) + 1;
        assert!(refused("leeway", OptionValue::Int(beyond_u64)).contains("non-negative integer"));
        assert!(refused("leeway", OptionValue::Int(-1)).contains("non-negative integer"));
        assert!(refused("now", OptionValue::Int(i128::from(i64::MAX) + 1)).contains("an integer"));
        assert!(refused("verify_exp", OptionValue::Other).contains("true or false"));
        assert!(refused("algorithms", OptionValue::List(vec![None])).contains("list of strings"));
        assert!(refused("allow_weak", OptionValue::Int(1)).contains("allow_weak"));
        assert!(refused("leway", OptionValue::Int(1)).contains("unknown option"));
        // A host whose keys are distinct objects with one text (a Python str subclass)
        // cannot give an option twice: the first would win unseen.
        let twice = Options::from_host(
            "verify",
            host(vec![
                ("leeway", OptionValue::Int(0)),
                ("leeway", OptionValue::Int(600)),
            ]),
        );
        let Err(error) = twice else {
            panic!("an option given twice was accepted")
        };
        assert!(error.message().contains("\"leeway\" is given twice"));
        // Null is the default, as a JSON null.
        let options =
            Options::from_host("verify", host(vec![("leeway", OptionValue::Null)])).unwrap();
        assert_eq!(
            verify_options(&options).unwrap().leeway,
            VerifyOptions::default().leeway
        );
    }

    #[test]
    fn options_read_for_one_operation_are_refused_by_another() {
        let options = Options::from_host("sign", Vec::new()).unwrap();
        let keyring = Keyring::new("OZUrNsPqPdQ1Og7YN8gKkgboxhQGTa3V", false).unwrap();
        let error = verify("a.b.c", &keyring, options).unwrap_err();
        assert_eq!(error.kind(), crate::ErrorKind::InvalidInput);
        assert!(error.message().contains("given the options of sign"));
    }
}
