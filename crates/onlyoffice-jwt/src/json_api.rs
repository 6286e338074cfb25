//! The operations with host or JSON arguments and options. [`call`] is the single entry
//! point of every binding (PHP, Python, C) and of every vector runner: it reads the
//! arguments in the order of the table of operations ([`onlyoffice_jwt_table`]),
//! checks and defaults the options through their declarations, and runs the operation,
//! so that all of them convert, default and refuse in exactly the same way. The
//! per-operation functions below are the same operations for Rust callers.
//!
//! Conventions, decided here once:
//! - `options` is a JSON object whose keys are the option names of docs/api.md;
//!   `null`, or an empty array (PHP's `[]`), means no options. A key this operation
//!   does not know is `invalid_input`; a `null` value means the default.
//! - A top-level object argument (claims, config, body) may be given as an empty array,
//!   which means an empty object (PHP cannot tell them apart).
//! - `allow_weak` is accepted by every operation; [`Options::keyring`] reads it.

use std::borrow::Cow;

use serde_json::{Map, Value};

use onlyoffice_jwt_table::{defaults, opts, ArgKind, Op, Opt};

use crate::error::{err, Result, Segment};
use crate::json::{Build, Failure, JsonWriter, ValueBuilder};
use crate::jwt::algorithm::Algorithm;
use crate::jwt::jws;
use crate::jwt::sign::{self, SignOptions};
use crate::jwt::times::TimeRules;
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
    /// The checked options of `op`.
    fn into_options(self, op: Op) -> Result<Options<'a>>;
}

impl<'a> IntoOptions<'a> for &'a Value {
    fn into_options(self, op: Op) -> Result<Options<'a>> {
        Options::new(op, self)
    }
}

impl<'a> IntoOptions<'a> for Options<'a> {
    fn into_options(self, op: Op) -> Result<Options<'a>> {
        if self.op != op {
            return Err(err!(
                InvalidInput,
                "{}: given the options of {}",
                op.name(),
                self.op.name()
            ));
        }
        Ok(self)
    }
}

/// Validated options of one operation call: each option's name and value, in the
/// order given. Each is read through its declaration in the table
/// ([`onlyoffice_jwt_table::opts`]), which gives its default.
pub struct Options<'a> {
    op: Op,
    entries: Vec<(Cow<'a, str>, OptionValue<'a>)>,
}

impl<'a> Options<'a> {
    /// Checks that `options` is an object (or null / empty array) whose keys are all
    /// options the core reads for `op` (`allow_weak` included).
    pub fn new(op: Op, options: &'a Value) -> Result<Options<'a>> {
        let entries = match options {
            Value::Null => Vec::new(),
            Value::Array(items) if items.is_empty() => Vec::new(),
            Value::Object(map) => map
                .iter()
                .map(|(name, value)| (Cow::Borrowed(name.as_str()), OptionValue::of_json(value)))
                .collect(),
            _ => {
                return Err(err!(
                    InvalidInput,
                    "{}: options must be an object",
                    op.name()
                ))
            }
        };
        Options::from_host(op, entries)
    }

    /// The options a binding read from its host's values (see [`OptionValue`]), with
    /// the same checks as [`Options::new`]: every name an option of `op`, none given
    /// twice, `allow_weak` true, false or null.
    pub fn from_host(op: Op, entries: Vec<(Cow<'a, str>, OptionValue<'a>)>) -> Result<Options<'a>> {
        let options = Options { op, entries };
        options.allow_weak()?;
        let declaration = op.declaration();
        for (index, (key, _)) in options.entries.iter().enumerate() {
            if options.entries[..index]
                .iter()
                .any(|(earlier, _)| earlier == key)
            {
                return Err(err!(
                    InvalidInput,
                    "{}: option {:?} is given twice",
                    op.name(),
                    crate::jwt::algorithm::truncate(key)
                ));
            }
            // `allow_weak` is accepted by every operation (a binding may pass it on).
            if key != opts::ALLOW_WEAK.name && declaration.core_option(key).is_none() {
                let names: Vec<&str> = declaration
                    .all_options()
                    .filter(|opt| opt.only_in.is_none())
                    .map(|opt| opt.name)
                    .collect();
                return Err(err!(
                    InvalidInput,
                    "{}: unknown option {:?} (known: {})",
                    op.name(),
                    crate::jwt::algorithm::truncate(key),
                    names.join(", ")
                ));
            }
        }
        Ok(options)
    }

    /// The operation these options are for.
    pub fn op(&self) -> Op {
        self.op
    }

    /// The option's value, `None` when absent or null. `opt` must be one of the
    /// operation's declared options.
    #[inline]
    fn get(&self, opt: &Opt) -> Option<&OptionValue<'a>> {
        debug_assert!(
            opt.name == opts::ALLOW_WEAK.name
                || self
                    .op
                    .declaration()
                    .options
                    .iter()
                    .any(|o| o.name == opt.name),
            "{} reads an option it does not declare: {}",
            self.op.name(),
            opt.name
        );
        // A call has a handful of options: comparing names is faster than hashing one.
        self.entries
            .iter()
            .find(|(key, _)| key == opt.name)
            .map(|(_, value)| value)
            .filter(|value| !matches!(value, OptionValue::Null))
    }

    fn invalid(&self, opt: &Opt, expected: &str) -> crate::Error {
        err!(
            InvalidInput,
            "{}: option {} must be {expected}",
            self.op.name(),
            opt.name
        )
    }

    /// Whether the option is given as an explicit `null` (for the options where
    /// `null` means "none" rather than the default: see [`Opt::nullable`]).
    pub fn is_null(&self, opt: &Opt) -> bool {
        self.entries
            .iter()
            .any(|(key, value)| key == opt.name && matches!(value, OptionValue::Null))
    }

    /// `allow_weak`, which every operation accepts.
    #[inline]
    fn allow_weak(&self) -> Result<bool> {
        match self
            .entries
            .iter()
            .find(|(key, _)| key == opts::ALLOW_WEAK.name)
            .map(|(_, value)| value)
        {
            None | Some(OptionValue::Null) => Ok(opts::ALLOW_WEAK.default_bool()),
            Some(OptionValue::Bool(allow)) => Ok(*allow),
            Some(_) => Err(err!(
                InvalidInput,
                "option allow_weak must be true or false"
            )),
        }
    }

    /// The keyring of one or more secrets (first signs, all verify), honouring
    /// `allow_weak`.
    #[inline]
    pub fn keyring(&self, secrets: Vec<Secret>) -> Result<Keyring> {
        Keyring::from_secrets(secrets, self.allow_weak()?)
    }

    /// A boolean option, its default when absent.
    #[inline]
    pub fn flag(&self, opt: &Opt) -> Result<bool> {
        match self.get(opt) {
            None => Ok(opt.default_bool()),
            Some(OptionValue::Bool(flag)) => Ok(*flag),
            Some(_) => Err(self.invalid(opt, "true or false")),
        }
    }

    /// A non-negative integer option (seconds, bytes), its default when absent.
    #[inline]
    pub fn int(&self, opt: &Opt) -> Result<Option<u64>> {
        match self.get(opt) {
            None => Ok(opt.default_int()),
            Some(OptionValue::Int(n)) if u64::try_from(*n).is_ok() => Ok(u64::try_from(*n).ok()),
            Some(_) => Err(self.invalid(opt, "a non-negative integer")),
        }
    }

    /// A size option in bytes, its default when absent (beyond the address space:
    /// the largest size).
    #[inline]
    pub fn size(&self, opt: &Opt) -> Result<Option<usize>> {
        Ok(self
            .int(opt)?
            .map(|n| usize::try_from(n).unwrap_or(usize::MAX)))
    }

    /// An integer option (the clock), absent by default.
    #[inline]
    pub fn time(&self, opt: &Opt) -> Result<Option<i64>> {
        match self.get(opt) {
            None => Ok(None),
            Some(OptionValue::Int(n)) if i64::try_from(*n).is_ok() => Ok(i64::try_from(*n).ok()),
            Some(_) => Err(self.invalid(opt, "an integer")),
        }
    }

    /// A string option, its default when absent.
    #[inline]
    pub fn text(&self, opt: &Opt) -> Result<Option<&str>> {
        match self.get(opt) {
            None => Ok(opt.default_str()),
            Some(OptionValue::Str(text)) => Ok(Some(text)),
            Some(_) => Err(self.invalid(opt, "a string")),
        }
    }

    /// A list-of-strings option (absent: empty).
    #[inline]
    pub fn texts(&self, opt: &Opt) -> Result<Vec<&str>> {
        self.strings(opt).map(Option::unwrap_or_default)
    }

    /// A list-of-strings option, `None` when absent.
    #[inline]
    fn strings(&self, opt: &Opt) -> Result<Option<Vec<&str>>> {
        match self.get(opt) {
            None => Ok(None),
            Some(OptionValue::List(items)) => items
                .iter()
                .map(|item| {
                    item.as_deref()
                        .ok_or_else(|| self.invalid(opt, "a list of strings"))
                })
                .collect::<Result<Vec<_>>>()
                .map(Some),
            Some(_) => Err(self.invalid(opt, "a list of strings")),
        }
    }

    /// An algorithm option (its default when absent).
    #[inline]
    pub fn algorithm(&self, opt: &Opt) -> Result<Algorithm> {
        self.text(opt)?
            .map_or(Ok(Algorithm::HS256), Algorithm::from_name)
    }

    /// The accepted algorithms (absent: all three), never empty.
    #[inline]
    pub fn algorithms(&self, opt: &Opt) -> Result<Vec<Algorithm>> {
        match self.strings(opt)? {
            None => Ok(Algorithm::ALL.to_vec()),
            Some(names) if names.is_empty() => Err(err!(
                InvalidInput,
                "{}: algorithms must not be empty",
                self.op.name()
            )),
            Some(names) => names.into_iter().map(Algorithm::from_name).collect(),
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

/// The sign options of `sign` (`alg`, `ttl`, `iat`, `now`).
#[inline]
pub fn sign_options(options: &Options<'_>) -> Result<SignOptions> {
    Ok(SignOptions {
        alg: options.algorithm(&opts::ALG)?,
        ttl: options.int(&opts::TTL)?,
        iat: options.flag(&opts::IAT)?,
        now: options.time(&opts::NOW)?,
    })
}

/// The verify options (`algorithms`, `leeway`, `verify_exp`, `verify_nbf`,
/// `verify_iat`, `require`, `max_size`, `now`).
#[inline]
pub fn verify_options(options: &Options<'_>) -> Result<VerifyOptions> {
    Ok(VerifyOptions {
        algorithms: options.algorithms(&opts::ALGORITHMS)?,
        leeway: options.int(&opts::LEEWAY)?.unwrap_or(defaults::LEEWAY),
        verify_exp: options.flag(&opts::VERIFY_EXP)?,
        verify_nbf: options.flag(&opts::VERIFY_NBF)?,
        verify_iat: options.flag(&opts::VERIFY_IAT)?,
        require: options
            .texts(&opts::REQUIRE)?
            .into_iter()
            .map(str::to_owned)
            .collect(),
        max_size: options
            .size(&opts::MAX_SIZE)?
            .unwrap_or(verify::DEFAULT_MAX_SIZE),
        now: options.time(&opts::NOW)?,
        time_rules: match options.text(&opts::TIME_RULES)? {
            Some(name) => TimeRules::from_name(name)?,
            None => TimeRules::default(),
        },
    })
}

/// `sign(claims, secret, alg="HS256", ttl=None, iat=True, now=None)`: the token.
pub fn sign<'o>(claims: &Value, keyring: &Keyring, options: impl IntoOptions<'o>) -> Result<Value> {
    // The options' faults before the claims', as in the bindings that write claims.
    let options = sign_options(&options.into_options(Op::Sign)?)?;
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
    options.into_options(Op::SignJws)?;
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
    options.into_options(Op::SignJwsBytes)?;
    jws::sign_jws_bytes(header, payload, keyring).map(Value::String)
}

/// `verify_jws(token, secret, detached_payload=None, algorithms, max_size)`: the
/// verified parts of a JWS whose payload is any bytes (see [`jws::verify_jws`]).
pub fn verify_jws<'o>(
    token: &str,
    keyring: &Keyring,
    options: impl IntoOptions<'o>,
    detached: Option<&[u8]>,
) -> Result<jws::Jws> {
    let options = options.into_options(Op::VerifyJws)?;
    let options = jws::JwsOptions {
        algorithms: options.algorithms(&opts::ALGORITHMS)?,
        max_size: options
            .size(&opts::MAX_SIZE)?
            .unwrap_or(verify::DEFAULT_MAX_SIZE),
    };
    jws::verify_jws(token, keyring, &options, detached)
}

/// `decode_jws_unverified(token, max_size)`: the parts of a JWS whose payload is any
/// bytes, **nothing verified** (see [`jws::decode_jws_unverified`]).
pub fn decode_jws_unverified<'o>(token: &str, options: impl IntoOptions<'o>) -> Result<jws::Jws> {
    let options = options.into_options(Op::DecodeJwsUnverified)?;
    let max_size = options
        .size(&opts::MAX_SIZE)?
        .unwrap_or(verify::DEFAULT_MAX_SIZE);
    jws::decode_jws_unverified(token, max_size)
}

/// `b64url_decode(segment)`: the bytes of one token segment, canonical unpadded
/// base64url only.
pub fn b64url_decode<'o>(segment: &str, options: impl IntoOptions<'o>) -> Result<Vec<u8>> {
    options.into_options(Op::B64urlDecode)?;
    verify::decode_segment(segment, Segment::Alone)
}

/// `verify(token, secret, algorithms, leeway, verify_exp, verify_nbf, verify_iat,
/// require, max_size, now)`: the verified claims.
pub fn verify<'o>(token: &str, keyring: &Keyring, options: impl IntoOptions<'o>) -> Result<Value> {
    let options = verify_options(&options.into_options(Op::Verify)?)?;
    verify::verify(token, keyring, &options).map(Value::Object)
}

/// `decode_unverified(token)`: `{"header": …, "claims": …}`, **nothing verified**.
pub fn decode_unverified<'o>(token: &str, options: impl IntoOptions<'o>) -> Result<Value> {
    let options = options.into_options(Op::DecodeUnverified)?;
    let max_size = options
        .size(&opts::MAX_SIZE)?
        .unwrap_or(verify::DEFAULT_MAX_SIZE);
    let decoded = verify::decode_unverified_within(token, max_size)?;
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
    let options = options.into_options(Op::AuditDsConfig)?;
    let audit_options = crate::audit::AuditOptions {
        connector_secret: options.text(&opts::CONNECTOR_SECRET)?.map(Secret::from),
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
    let options = options.into_options(Op::SignConfig)?;
    let config = object_arg("sign_config", "config", config)?;
    let config_options = crate::ds::config::ConfigOptions {
        alg: options.algorithm(&opts::ALG)?,
        ttl: options.int(&opts::TTL)?,
        now: options.time(&opts::NOW)?,
    };
    crate::ds::config::sign_config(&config, keyring, &config_options).map(Value::Object)
}

/// `sign_request(body, secret, alg, header, prefix, ttl, now)`: `{"body": {…, "token"},
/// "headers": {header: prefix + token}, "header_omitted": false}`; `headers` is empty
/// and `header_omitted` true when the header token would reach 7168 characters (send
/// the body alone). An explicit `ttl` of `null` means no `exp`; 0 is refused.
pub fn sign_request<'o>(
    body: &Value,
    keyring: &Keyring,
    options: impl IntoOptions<'o>,
) -> Result<Value> {
    let options = options.into_options(Op::SignRequest)?;
    let body = object_arg("sign_request", "body", body)?;
    let request_options = crate::ds::request::RequestOptions {
        alg: options.algorithm(&opts::ALG)?,
        header: options
            .text(&opts::HEADER)?
            .unwrap_or(defaults::HEADER)
            .to_owned(),
        prefix: options
            .text(&opts::PREFIX)?
            .unwrap_or(defaults::PREFIX)
            .to_owned(),
        ttl: if options.is_null(&opts::REQUEST_TTL) {
            None
        } else {
            options.int(&opts::REQUEST_TTL)?
        },
        now: options.time(&opts::NOW)?,
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

/// `verify_callback(body, secret, authorization, prefix, algorithms, leeway,
/// expected_key, max_size, now)`: the signed claims of the callback (`max_size` absent:
/// no limit, as the Document Server sets none).
pub fn verify_callback<'o>(
    body: &[u8],
    keyring: &Keyring,
    options: impl IntoOptions<'o>,
) -> Result<Value> {
    let options = options.into_options(Op::VerifyCallback)?;
    let callback_options = callback_options(&options)?;
    crate::ds::callback::verify_callback(body, keyring, &callback_options)
        .map(|callback| Value::Object(callback.claims))
}

/// `verify_incoming(authorization, secret, url, prefix, algorithms, leeway, now)`: the
/// signed claims (`payload` unwrapped).
pub fn verify_incoming<'o>(
    authorization: Option<&str>,
    keyring: &Keyring,
    options: impl IntoOptions<'o>,
) -> Result<Value> {
    let options = options.into_options(Op::VerifyIncoming)?;
    let incoming_options = incoming_options(&options)?;
    crate::ds::incoming::verify_incoming(authorization, keyring, &incoming_options)
        .map(Value::Object)
}

/// The callback options of `verify_callback` and `guard_callback`.
fn callback_options(options: &Options<'_>) -> Result<crate::ds::callback::CallbackOptions> {
    Ok(crate::ds::callback::CallbackOptions {
        authorization: options.text(&opts::AUTHORIZATION)?.map(str::to_owned),
        prefix: options
            .text(&opts::PREFIX)?
            .unwrap_or(defaults::PREFIX)
            .to_owned(),
        algorithms: options.algorithms(&opts::ALGORITHMS)?,
        leeway: options.int(&opts::LEEWAY)?.unwrap_or(defaults::LEEWAY),
        expected_key: options.text(&opts::EXPECTED_KEY)?.map(str::to_owned),
        max_size: options.size(&opts::CALLBACK_MAX_SIZE)?,
        now: options.time(&opts::NOW)?,
    })
}

/// The options of `verify_incoming` and `guard_download` (`url` only for the first).
fn incoming_options(options: &Options<'_>) -> Result<crate::ds::incoming::IncomingOptions> {
    let url = if options.op() == Op::VerifyIncoming {
        options.text(&opts::URL)?.map(str::to_owned)
    } else {
        None
    };
    Ok(crate::ds::incoming::IncomingOptions {
        url,
        prefix: options
            .text(&opts::PREFIX)?
            .unwrap_or(defaults::PREFIX)
            .to_owned(),
        algorithms: options.algorithms(&opts::ALGORITHMS)?,
        leeway: options.int(&opts::LEEWAY)?.unwrap_or(defaults::LEEWAY),
        now: options.time(&opts::NOW)?,
    })
}

/// `guard_callback(body, secret, ds_url, authorization, ds_internal_url, extra_ds_urls,
/// prefix, algorithms, leeway, expected_key, max_size, now)`: `{"claims": <the signed
/// claims>, "fetch": {member: URL to fetch}}` for a callback whose plain body is the
/// signed one and whose URLs are on the Document Server.
pub fn guard_callback<'o>(
    body: &[u8],
    keyring: &Keyring,
    ds_url: &str,
    options: impl IntoOptions<'o>,
) -> Result<Value> {
    let options = options.into_options(Op::GuardCallback)?;
    let guard_options = crate::ds::guard::CallbackGuardOptions {
        callback: callback_options(&options)?,
        ds_url: ds_url.to_owned(),
        ds_internal_url: options.text(&opts::DS_INTERNAL_URL)?.map(str::to_owned),
        extra_ds_urls: options
            .texts(&opts::EXTRA_DS_URLS)?
            .into_iter()
            .map(str::to_owned)
            .collect(),
    };
    let guarded = crate::ds::guard::guard_callback(body, keyring, &guard_options)?;
    let mut out = Map::new();
    out.insert("claims".to_owned(), Value::Object(guarded.callback.claims));
    out.insert("fetch".to_owned(), Value::Object(guarded.fetch));
    Ok(Value::Object(out))
}

/// `guard_download(authorization, secret, target, prefix, algorithms, leeway, now)`: the
/// signed claims of a request from the Document Server whose signed `url` names this
/// request's target (path and query).
pub fn guard_download<'o>(
    authorization: Option<&str>,
    keyring: &Keyring,
    target: &str,
    options: impl IntoOptions<'o>,
) -> Result<Value> {
    let options = options.into_options(Op::GuardDownload)?;
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
    let options = options.into_options(Op::CheckDownloadUrl)?;
    crate::ds::download_url::check_download_url(
        url,
        ds_url,
        options.text(&opts::DS_INTERNAL_URL_POSITIONAL)?,
        &options.texts(&opts::EXTRA_DS_URLS)?,
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
    options.into_options(Op::DocumentKey)?;
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
    let options = options.into_options(Op::DeriveSecrets)?;
    let derived = crate::keys::derive::derive_secrets(master, options.allow_weak()?)?;
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

/// `sign_link(url, secret, ttl, now)`: the URL with `oo_exp` and `oo_sig`.
pub fn sign_link<'o>(url: &str, keyring: &Keyring, options: impl IntoOptions<'o>) -> Result<Value> {
    let options = options.into_options(Op::SignLink)?;
    let link_options = crate::keys::link::LinkOptions {
        ttl: options.int(&opts::LINK_TTL)?.unwrap_or(defaults::LINK_TTL),
        now: options.time(&opts::NOW)?,
    };
    crate::keys::link::sign_link(url, keyring, &link_options).map(Value::String)
}

/// `verify_link(url, secret, now=None)`: the URL without `oo_exp` and `oo_sig`.
pub fn verify_link<'o>(
    url: &str,
    keyring: &Keyring,
    options: impl IntoOptions<'o>,
) -> Result<Value> {
    let options = options.into_options(Op::VerifyLink)?;
    crate::keys::link::verify_link(url, keyring, options.time(&opts::NOW)?).map(Value::String)
}

/// One argument of an operation as a binding gives it, in the table's order
/// ([`onlyoffice_jwt_table::Operation::arguments`]).
pub enum Arg<'a> {
    /// A JSON value: an object argument, `version`.
    Json(Cow<'a, Value>),
    /// Claims a binding wrote as JSON text itself (its fast path to `sign`).
    Written(JsonWriter),
    /// Text; for a JSON argument, its JSON text (parsed strictly here).
    Text(Cow<'a, str>),
    /// Bytes.
    Bytes(Cow<'a, [u8]>),
    /// No value: a header the request did not have, an absent optional argument.
    Absent,
    /// One or more secrets (the first signs): the keyring is made with the call's
    /// `allow_weak`.
    Secrets(Vec<Secret>),
    /// A keyring the binding holds (the C ABI's handle).
    Keyring(&'a Keyring),
}

impl Arg<'_> {
    /// The size of the input, in bytes (a binding may decide from it to let other
    /// threads run while the core works).
    pub fn size(&self) -> usize {
        match self {
            Arg::Text(text) => text.len(),
            Arg::Bytes(bytes) => bytes.len(),
            Arg::Written(writer) => writer.len(),
            Arg::Json(_) | Arg::Absent | Arg::Secrets(_) | Arg::Keyring(_) => 0,
        }
    }
}

/// The verified payload of a token, with the options it was verified under: the claims
/// are built by whoever reads them ([`VerifiedClaims::build`]), straight into a host's
/// values.
pub struct VerifiedClaims {
    payload: Vec<u8>,
    options: VerifyOptions,
}

impl VerifiedClaims {
    /// The claims, built by `builder` (the time claims and the required ones checked
    /// on the way).
    pub fn build<B: Build>(
        &self,
        builder: &mut B,
    ) -> std::result::Result<B::Value, Failure<B::Error>> {
        crate::jwt::verify::claims_with(&self.payload, &self.options, builder)
    }
}

/// An operation's result.
pub enum Output {
    /// A JSON value (most results; a string result is a JSON string).
    Value(Value),
    /// Bytes (`b64url_decode`).
    Bytes(Vec<u8>),
    /// A JWS's parts (`verify_jws`, `decode_jws_unverified`).
    Jws(jws::Jws),
    /// Verified claims, not yet built (`verify`).
    Claims(VerifiedClaims),
}

impl Output {
    /// The result as a JSON value: bytes as base64url text, a JWS's parts as
    /// `{"header", "payload", "signature"}` with base64url payload and signature.
    pub fn into_value(self) -> Result<Value> {
        match self {
            Output::Value(value) => Ok(value),
            Output::Bytes(bytes) => Ok(Value::String(crate::jwt::encoding::b64_encode(&bytes))),
            Output::Jws(jws) => {
                let mut out = Map::new();
                out.insert("header".to_owned(), Value::Object(jws.header));
                let encode = |bytes: &[u8]| Value::String(crate::jwt::encoding::b64_encode(bytes));
                out.insert("payload".to_owned(), encode(&jws.payload));
                out.insert("signature".to_owned(), encode(&jws.signature));
                Ok(Value::Object(out))
            }
            Output::Claims(claims) => match claims.build(&mut ValueBuilder::default()) {
                Ok(value) => Ok(value),
                Err(Failure::Core(error)) => Err(error),
                Err(Failure::Host(never)) => match never {},
            },
        }
    }
}

/// A keyring made for the call, or the binding's own.
enum Ring<'a> {
    Made(Keyring),
    Held(&'a Keyring),
}

impl std::ops::Deref for Ring<'_> {
    type Target = Keyring;
    fn deref(&self) -> &Keyring {
        match self {
            Ring::Made(keyring) => keyring,
            Ring::Held(keyring) => keyring,
        }
    }
}

/// The arguments of one call, taken in the table's order.
struct Args<'a, 's> {
    op: Op,
    items: std::slice::IterMut<'s, Arg<'a>>,
    names: std::slice::Iter<'static, onlyoffice_jwt_table::Argument>,
    keyring: Option<Ring<'a>>,
}

impl<'a, 's> Args<'a, 's> {
    /// Checks the count against the table, and makes the keyring first (a weak secret
    /// is reported before a fault in the other arguments, in every binding).
    #[inline]
    fn new(op: Op, items: &'s mut [Arg<'a>], options: &Options<'_>) -> Result<Args<'a, 's>> {
        let declared = op.declaration().arguments;
        if items.len() != declared.len() {
            return Err(err!(
                InvalidInput,
                "{}: {} arguments given, {} expected",
                op.name(),
                items.len(),
                declared.len()
            ));
        }
        let mut keyring = None;
        for (item, argument) in items.iter_mut().zip(declared) {
            if argument.kind == ArgKind::Secrets {
                keyring = Some(match std::mem::replace(item, Arg::Absent) {
                    Arg::Secrets(secrets) => Ring::Made(options.keyring(secrets)?),
                    Arg::Keyring(held) => Ring::Held(held),
                    _ => return Err(Self::wrong(op, argument.name)),
                });
            }
        }
        Ok(Args {
            op,
            items: items.iter_mut(),
            names: declared.iter(),
            keyring,
        })
    }

    fn wrong(op: Op, name: &str) -> crate::Error {
        err!(InvalidInput, "{}: {name} has the wrong type", op.name())
    }

    /// The next argument and its name.
    #[inline]
    fn next(&mut self) -> (Arg<'a>, &'static str) {
        // `new` checked that there are as many items as declared arguments.
        let name = self
            .names
            .next()
            .map_or("argument", |argument| argument.name);
        let item = self
            .items
            .next()
            .map_or(Arg::Absent, |slot| std::mem::replace(slot, Arg::Absent));
        (item, name)
    }

    /// The keyring (the secret argument, already made).
    #[inline]
    fn keyring(&mut self) -> Result<Ring<'a>> {
        let (_, name) = self.next();
        debug_assert_eq!(
            self.op
                .declaration()
                .arguments
                .iter()
                .find(|argument| argument.name == name)
                .map(|argument| argument.kind),
            Some(ArgKind::Secrets),
            "{}: the arguments are read out of order",
            self.op.name()
        );
        self.keyring
            .take()
            .ok_or_else(|| err!(InvalidInput, "{}: no secret", self.op.name()))
    }

    /// A JSON argument: a value, or JSON text parsed strictly.
    #[inline]
    fn json(&mut self) -> Result<Cow<'a, Value>> {
        let (arg, name) = self.next();
        self.json_of(arg, name)
    }

    /// The JSON value of `arg`.
    #[inline]
    fn json_of(&self, arg: Arg<'a>, name: &str) -> Result<Cow<'a, Value>> {
        match arg {
            Arg::Json(value) => Ok(value),
            Arg::Text(text) => crate::jwt::encoding::parse_json(text.as_bytes())
                .map(Cow::Owned)
                .map_err(|e| err!(InvalidInput, "{name} is not valid JSON: {e}")),
            _ => Err(Self::wrong(self.op, name)),
        }
    }

    /// Text.
    #[inline]
    fn text(&mut self) -> Result<Cow<'a, str>> {
        match self.next() {
            (Arg::Text(text), _) => Ok(text),
            (_, name) => Err(Self::wrong(self.op, name)),
        }
    }

    /// Text or nothing.
    #[inline]
    fn optional_text(&mut self) -> Result<Option<Cow<'a, str>>> {
        match self.next() {
            (Arg::Text(text), _) => Ok(Some(text)),
            (Arg::Absent, _) => Ok(None),
            (_, name) => Err(Self::wrong(self.op, name)),
        }
    }

    /// Bytes (text counts as its UTF-8 bytes).
    #[inline]
    fn bytes(&mut self) -> Result<Cow<'a, [u8]>> {
        self.optional_bytes()?
            .ok_or_else(|| err!(InvalidInput, "{}: bytes required", self.op.name()))
    }

    /// Bytes or nothing.
    #[inline]
    fn optional_bytes(&mut self) -> Result<Option<Cow<'a, [u8]>>> {
        match self.next() {
            (Arg::Bytes(bytes), _) => Ok(Some(bytes)),
            (Arg::Text(Cow::Borrowed(text)), _) => Ok(Some(Cow::Borrowed(text.as_bytes()))),
            (Arg::Text(Cow::Owned(text)), _) => Ok(Some(Cow::Owned(text.into_bytes()))),
            (Arg::Absent, _) => Ok(None),
            (_, name) => Err(Self::wrong(self.op, name)),
        }
    }

    /// Exactly one secret.
    fn secret(&mut self) -> Result<Secret> {
        match self.next() {
            (Arg::Secrets(secrets), name) => {
                let count = secrets.len();
                let mut secrets = secrets.into_iter();
                match (secrets.next(), count) {
                    (Some(secret), 1) => Ok(secret),
                    _ => Err(err!(
                        InvalidInput,
                        "{}: {name} must be one secret",
                        self.op.name()
                    )),
                }
            }
            (_, name) => Err(Self::wrong(self.op, name)),
        }
    }

    /// Claims: a JSON object, or claims a binding wrote.
    #[inline]
    fn claims(&mut self) -> Result<ClaimsArg<'a>> {
        match self.next() {
            (Arg::Written(writer), _) => Ok(ClaimsArg::Written(writer)),
            (other, name) => self.json_of(other, name).map(ClaimsArg::Json),
        }
    }
}

/// The claims to sign, as given.
enum ClaimsArg<'a> {
    Written(JsonWriter),
    Json(Cow<'a, Value>),
}

/// Runs operation `op`: the single entry point of the bindings and of every vector
/// runner. `args` are in the table's order (each is taken out of the slice, which a
/// binding may keep on its stack); the options are checked first, then the keyring is
/// made, then the other arguments are read.
pub fn call<'a, 'o>(op: Op, args: &mut [Arg<'a>], options: impl IntoOptions<'o>) -> Result<Output> {
    let options = options.into_options(op)?;
    let mut args = Args::new(op, args, &options)?;
    let value = match op {
        Op::Sign => {
            let sign_options = sign_options(&options)?;
            let claims = args.claims()?;
            let keyring = args.keyring()?;
            return match claims {
                ClaimsArg::Written(writer) => {
                    crate::jwt::sign::sign_written(writer, &keyring, &sign_options)
                }
                ClaimsArg::Json(claims) => {
                    let claims = object_arg("sign", "claims", &claims)?;
                    sign::sign(&claims, &keyring, &sign_options)
                }
            }
            .map(|token| Output::Value(Value::String(token)));
        }
        Op::SignJws => {
            let (header, payload) = (args.text()?, args.text()?);
            sign_jws(&header, &payload, &*args.keyring()?, options)
        }
        Op::SignJwsBytes => {
            let (header, payload) = (args.text()?, args.bytes()?);
            sign_jws_bytes(&header, &payload, &*args.keyring()?, options)
        }
        Op::Verify => {
            let verify_options = verify_options(&options)?;
            let token = args.text()?;
            let payload = verify::verified_payload(&token, &*args.keyring()?, &verify_options)?;
            return Ok(Output::Claims(VerifiedClaims {
                payload,
                options: verify_options,
            }));
        }
        Op::VerifyJws => {
            let token = args.text()?;
            let keyring = args.keyring()?;
            let detached = args.optional_bytes()?;
            return verify_jws(&token, &keyring, options, detached.as_deref()).map(Output::Jws);
        }
        Op::DecodeJwsUnverified => {
            return decode_jws_unverified(&args.text()?, options).map(Output::Jws);
        }
        Op::B64urlDecode => return b64url_decode(&args.text()?, options).map(Output::Bytes),
        Op::DecodeUnverified => decode_unverified(&args.text()?, options),
        Op::SignConfig => {
            let config = args.json()?;
            sign_config(&config, &*args.keyring()?, options)
        }
        Op::SignRequest => {
            let body = args.json()?;
            sign_request(&body, &*args.keyring()?, options)
        }
        Op::VerifyCallback => {
            let body = args.bytes()?;
            verify_callback(&body, &*args.keyring()?, options)
        }
        Op::VerifyIncoming => {
            let authorization = args.optional_text()?;
            verify_incoming(authorization.as_deref(), &*args.keyring()?, options)
        }
        Op::GuardCallback => {
            let body = args.bytes()?;
            let keyring = args.keyring()?;
            guard_callback(&body, &keyring, &args.text()?, options)
        }
        Op::GuardDownload => {
            let authorization = args.optional_text()?;
            let keyring = args.keyring()?;
            guard_download(authorization.as_deref(), &keyring, &args.text()?, options)
        }
        Op::CheckDownloadUrl => {
            let (url, ds_url) = (args.text()?, args.text()?);
            check_download_url(&url, &ds_url, options)
        }
        Op::DocumentKey => {
            let keyring = args.keyring()?;
            let (file_id, version) = (args.text()?, args.json()?);
            document_key(&keyring, &file_id, &version, options)
        }
        Op::DeriveSecrets => derive_secrets(&args.secret()?, options),
        Op::SignLink => {
            let url = args.text()?;
            sign_link(&url, &*args.keyring()?, options)
        }
        Op::VerifyLink => {
            let url = args.text()?;
            verify_link(&url, &*args.keyring()?, options)
        }
        Op::AuditDsConfig => audit_ds_config(&args.text()?, options),
        _ => Err(err!(
            InvalidInput,
            "{}: not an operation of this core",
            op.name()
        )),
    }?;
    Ok(Output::Value(value))
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
        let from_json = sign_options(&Options::new(Op::Sign, &json).unwrap()).unwrap();
        let entries = host(vec![
            ("alg", OptionValue::Str(Cow::Borrowed("HS384"))),
            ("ttl", OptionValue::Int(60)),
            ("iat", OptionValue::Bool(false)),
            ("now", OptionValue::Int(-5)),
        ]);
        let from_host = sign_options(&Options::from_host(Op::Sign, entries).unwrap()).unwrap();
        assert_eq!(format!("{from_json:?}"), format!("{from_host:?}"));
        assert_eq!(from_host.ttl, Some(60));
        assert_eq!(from_host.now, Some(-5));
    }

    #[test]
    fn host_values_keep_the_json_rules() {
        let refused = |name: &'static str, value: OptionValue<'static>| {
            let options = Options::from_host(Op::Verify, host(vec![(name, value)]));
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
            Op::Verify,
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
            Options::from_host(Op::Verify, host(vec![("leeway", OptionValue::Null)])).unwrap();
        assert_eq!(
            verify_options(&options).unwrap().leeway,
            VerifyOptions::default().leeway
        );
    }

    #[test]
    fn options_read_for_one_operation_are_refused_by_another() {
        let options = Options::from_host(Op::Sign, Vec::new()).unwrap();
        let keyring = Keyring::new("OZUrNsPqPdQ1Og7YN8gKkgboxhQGTa3V", false).unwrap();
        let error = verify("a.b.c", &keyring, options).unwrap_err();
        assert_eq!(error.kind(), crate::ErrorKind::InvalidInput);
        assert!(error.message().contains("given the options of sign"));
    }
}
