//! The Python module `onlyoffice_jwt` (native part `onlyoffice_jwt._native`).
//!
//! A thin layer over [`onlyoffice_jwt::json_api`]: it converts Python arguments for the
//! core (claims written as JSON text, results built by the core's parser, keyword
//! arguments read as the core's options), calls the core, and maps each core error to
//! its exception class. Every rule (option defaults, checks, formats) lives in the core.
//!
//! Guarantees of this layer:
//! - a Rust panic never reaches Python as `PanicException`: it becomes the base
//!   `JwtError`;
//! - the GIL is released while the core works on an input over 64 KiB;
//! - the only global state is the cache of dict keys (`convert::KeyCache`), which a
//!   call uses only when no other holds it, so the module is safe to call from many
//!   threads.

mod convert;
mod errors;

use std::panic::{catch_unwind, AssertUnwindSafe};

use onlyoffice_jwt::host::{Failure, JsonWriter};
use onlyoffice_jwt::json_api::{self, Options};
use onlyoffice_jwt::Keyring;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use serde_json::Value;

use convert::{
    bytes_arg, host_entries, kwargs_options, options_of, py_to_value, secrets_from_py,
    single_secret, text_option, text_or_bytes, value_to_py, write_json, Input, PyBuilder,
};
use errors::{core_error, panic_error};

/// Inputs larger than this many bytes are processed with the GIL released.
const DETACH_THRESHOLD: usize = 64 * 1024;

/// Runs one core call: without the GIL when `size` exceeds [`DETACH_THRESHOLD`], with
/// any panic caught and turned into the base `JwtError`, and core errors mapped to
/// their exception classes.
fn run<T, F>(py: Python<'_>, size: usize, call: F) -> PyResult<T>
where
    T: Send,
    F: FnOnce() -> onlyoffice_jwt::Result<T> + Send,
{
    let guarded = move || catch_unwind(AssertUnwindSafe(call));
    let outcome = if size > DETACH_THRESHOLD {
        py.detach(guarded)
    } else {
        guarded()
    };
    match outcome {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => Err(core_error(py, &error)),
        Err(_) => Err(panic_error()),
    }
}

/// Runs a whole binding function with any panic (in conversions too) turned into the
/// base `JwtError`.
fn guard<T>(body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|_| Err(panic_error()))
}

/// Builds the keyring from a secret argument (`str`, `bytes` or a list of them) and
/// the options (which may hold `allow_weak`).
fn keyring(py: Python<'_>, secret: &Bound<'_, PyAny>, options: &Options<'_>) -> PyResult<Keyring> {
    let secrets = secrets_from_py(secret)?;
    run(py, 0, || options.keyring(secrets))
}

/// Signs a dict of claims and returns the compact JWT (str).
///
/// `secret` is a str (UTF-8), bytes, or a list of them (the first signs). `alg` is
/// HS256, HS384 or HS512; `iat` adds the issue time; `ttl` (seconds) adds
/// `exp` = now + ttl; `now` (Unix seconds) pins the clock for tests. A secret shorter
/// than 32 bytes, or the literal `secret`, raises `WeakSecretError` unless
/// `allow_weak=True`.
#[pyfunction]
#[pyo3(
    signature = (claims, secret, *, alg=None, ttl=None, iat=None, now=None, allow_weak=None, **unknown),
    text_signature = "(claims, secret, *, alg='HS256', ttl=None, iat=True, now=None, allow_weak=False)"
)]
#[allow(clippy::too_many_arguments)]
fn sign<'py>(
    py: Python<'py>,
    claims: &Bound<'py, PyAny>,
    secret: &Bound<'py, PyAny>,
    alg: Option<&Bound<'py, PyAny>>,
    ttl: Option<&Bound<'py, PyAny>>,
    iat: Option<&Bound<'py, PyAny>>,
    now: Option<&Bound<'py, PyAny>>,
    allow_weak: Option<&Bound<'py, PyAny>>,
    unknown: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let named = [
            ("alg", alg),
            ("ttl", ttl),
            ("iat", iat),
            ("now", now),
            ("allow_weak", allow_weak),
        ];
        let options = options_of(py, "sign", host_entries(&named, unknown)?)?;
        let keyring = keyring(py, secret, &options)?;
        let Ok(dict) = claims.cast::<PyDict>() else {
            // Not a dict: the core decides (an empty list is an empty object, as in
            // the other bindings; anything else is refused with its message).
            let Input { value, size } = py_to_value(claims)?;
            let token = run(py, size, || json_api::sign(&value, &keyring, options))?;
            return value_to_py(py, &token);
        };
        let sign_options = run(py, 0, || json_api::sign_options(&options))?;
        let mut writer = JsonWriter::for_claims();
        write_json(dict.as_any(), &mut writer)?;
        let size = writer.len();
        let token = run(py, size, || {
            onlyoffice_jwt::jwt::sign_written(writer, &keyring, &sign_options)
        })?;
        Ok(PyString::new(py, &token).into_any())
    })
}

/// Signs a header and a payload given as JSON texts (str or bytes), byte for byte, and
/// returns the compact JWT (str): for a facade that must reproduce another library's
/// tokens exactly. The header must be an object with an HS `alg`, `typ` absent or
/// `JWT`, no `crit`/`b64`; the payload an object (`InvalidInputError` otherwise).
#[pyfunction]
#[pyo3(
    signature = (header, payload, secret, **options),
    text_signature = "(header, payload, secret, *, allow_weak=False)"
)]
fn sign_jws<'py>(
    py: Python<'py>,
    header: &Bound<'py, PyAny>,
    payload: &Bound<'py, PyAny>,
    secret: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let options = kwargs_options(py, "sign_jws", options)?;
        let keyring = keyring(py, secret, &options)?;
        let header = text_or_bytes(header, "header")?;
        let payload = text_or_bytes(payload, "payload")?;
        let token = run(py, header.len() + payload.len(), || {
            json_api::sign_jws(&header, &payload, &keyring, options)
        })?;
        value_to_py(py, &token)
    })
}

/// Signs a header given as JSON text (str or bytes) and a payload of any bytes, and
/// returns the compact JWS (str): for a facade of a JWS library whose payloads need not
/// be JSON (PyJWT's `PyJWS`). The header rules are those of `sign_jws`.
#[pyfunction]
#[pyo3(
    signature = (header, payload, secret, **options),
    text_signature = "(header, payload, secret, *, allow_weak=False)"
)]
fn sign_jws_bytes<'py>(
    py: Python<'py>,
    header: &Bound<'py, PyAny>,
    payload: &Bound<'py, PyAny>,
    secret: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let options = kwargs_options(py, "sign_jws_bytes", options)?;
        let keyring = keyring(py, secret, &options)?;
        let header = text_or_bytes(header, "header")?;
        let payload = bytes_arg(payload, "payload")?;
        let token = run(py, header.len() + payload.len(), || {
            json_api::sign_jws_bytes(&header, &payload, &keyring, options)
        })?;
        value_to_py(py, &token)
    })
}

/// Verifies a compact JWS (str or bytes) whose payload is any bytes: structure, header
/// and signature, nothing about the payload. `detached_payload` (bytes) is the payload
/// of a token whose header says `"b64": false` (RFC 7797). Returns
/// `{"header": dict, "payload": bytes, "signature": bytes}`.
#[pyfunction]
#[pyo3(
    signature = (token, secret, detached_payload=None, **options),
    text_signature = "(token, secret, detached_payload=None, *, algorithms=None, max_size=1048576, allow_weak=False)"
)]
fn verify_jws<'py>(
    py: Python<'py>,
    token: &Bound<'py, PyAny>,
    secret: &Bound<'py, PyAny>,
    detached_payload: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let options = kwargs_options(py, "verify_jws", options)?;
        let keyring = keyring(py, secret, &options)?;
        let text = text_or_bytes(token, "token")?;
        let detached = detached_payload
            .map(|payload| bytes_arg(payload, "detached_payload"))
            .transpose()?;
        let size = text.len() + detached.as_ref().map_or(0, |payload| payload.len());
        let jws = run(py, size, || {
            json_api::verify_jws(&text, &keyring, options, detached.as_deref())
        })?;
        jws_to_py(py, jws)
    })
}

/// Decodes a compact JWS whose payload is any bytes **without verifying anything** but
/// its structure: `{"header": dict, "payload": bytes, "signature": bytes}`.
#[pyfunction]
#[pyo3(signature = (token, **options), text_signature = "(token, *, max_size=1048576)")]
fn decode_jws_unverified<'py>(
    py: Python<'py>,
    token: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let options = kwargs_options(py, "decode_jws_unverified", options)?;
        let text = text_or_bytes(token, "token")?;
        let jws = run(py, text.len(), || {
            json_api::decode_jws_unverified(&text, options)
        })?;
        jws_to_py(py, jws)
    })
}

/// The bytes of one token segment (str or bytes), decoded as the core decodes tokens:
/// canonical unpadded base64url only (`MalformedError` otherwise).
#[pyfunction]
#[pyo3(signature = (segment, **options), text_signature = "(segment)")]
fn b64url_decode<'py>(
    py: Python<'py>,
    segment: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let options = kwargs_options(py, "b64url_decode", options)?;
        let text = text_or_bytes(segment, "segment")?;
        let bytes = run(py, text.len(), || json_api::b64url_decode(&text, options))?;
        Ok(PyBytes::new(py, &bytes).into_any())
    })
}

/// A JWS's parts as the dict `{"header", "payload", "signature"}`.
fn jws_to_py(py: Python<'_>, jws: onlyoffice_jwt::Jws) -> PyResult<Bound<'_, PyAny>> {
    let parts = PyDict::new(py);
    parts.set_item("header", value_to_py(py, &Value::Object(jws.header))?)?;
    parts.set_item("payload", PyBytes::new(py, &jws.payload))?;
    parts.set_item("signature", PyBytes::new(py, &jws.signature))?;
    Ok(parts.into_any())
}

/// Verifies a compact JWT (str or bytes) strictly and returns its claims (dict).
///
/// `algorithms` defaults to HS256, HS384 and HS512; `leeway` (seconds, default 60)
/// applies to `exp`, `nbf` and `iat` (compared at their own precision); a future `iat`
/// is refused unless `verify_iat=False` (`verify_exp`/`verify_nbf` likewise, for
/// facades); every name in `require` must be present; tokens
/// over `max_size` bytes (default 1 MiB) are refused. Raises the `JwtError` subclass of
/// the first check that failed.
#[pyfunction]
#[pyo3(
    signature = (
        token, secret, *, algorithms=None, leeway=None, verify_exp=None, verify_nbf=None,
        verify_iat=None, require=None, max_size=None, now=None, allow_weak=None, **unknown
    ),
    text_signature = "(token, secret, *, algorithms=None, leeway=60, verify_exp=True, verify_nbf=True, verify_iat=True, require=None, max_size=1048576, now=None, allow_weak=False)"
)]
#[allow(clippy::too_many_arguments)]
fn verify<'py>(
    py: Python<'py>,
    token: &Bound<'py, PyAny>,
    secret: &Bound<'py, PyAny>,
    algorithms: Option<&Bound<'py, PyAny>>,
    leeway: Option<&Bound<'py, PyAny>>,
    verify_exp: Option<&Bound<'py, PyAny>>,
    verify_nbf: Option<&Bound<'py, PyAny>>,
    verify_iat: Option<&Bound<'py, PyAny>>,
    require: Option<&Bound<'py, PyAny>>,
    max_size: Option<&Bound<'py, PyAny>>,
    now: Option<&Bound<'py, PyAny>>,
    allow_weak: Option<&Bound<'py, PyAny>>,
    unknown: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let named = [
            ("algorithms", algorithms),
            ("leeway", leeway),
            ("verify_exp", verify_exp),
            ("verify_nbf", verify_nbf),
            ("verify_iat", verify_iat),
            ("require", require),
            ("max_size", max_size),
            ("now", now),
            ("allow_weak", allow_weak),
        ];
        let options = options_of(py, "verify", host_entries(&named, unknown)?)?;
        let keyring = keyring(py, secret, &options)?;
        let text = text_or_bytes(token, "token")?;
        let verify_options = run(py, 0, || json_api::verify_options(&options))?;
        let payload = run(py, text.len(), || {
            onlyoffice_jwt::jwt::verified_payload(&text, &keyring, &verify_options)
        })?;
        match onlyoffice_jwt::jwt::claims_with(&payload, &verify_options, &mut PyBuilder::new(py)) {
            Ok(claims) => Ok(claims),
            Err(Failure::Core(error)) => Err(core_error(py, &error)),
            Err(Failure::Host(error)) => Err(error),
        }
    })
}

/// Decodes a compact JWT **without verifying anything** and returns
/// `{"header": {...}, "claims": {...}}` — for inspection and logging only.
#[pyfunction]
#[pyo3(signature = (token, **options), text_signature = "(token)")]
fn decode_unverified<'py>(
    py: Python<'py>,
    token: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let options = kwargs_options(py, "decode_unverified", options)?;
        let text = text_or_bytes(token, "token")?;
        let decoded = run(py, text.len(), || {
            json_api::decode_unverified(&text, options)
        })?;
        value_to_py(py, &decoded)
    })
}

/// Signs an editor config (dict) for the Document Server and returns it with `token`
/// added last.
///
/// Refuses (`InvalidInputError`) a config the Document Server would reject: no
/// `document.key` of `[0-9A-Za-z._=-]{1,128}`, no `document.url`, or a top-level `url`,
/// `payload` or `key`. `ttl` (seconds) adds `iat` and `exp`.
#[pyfunction]
#[pyo3(
    signature = (config, secret, **options),
    text_signature = "(config, secret, *, alg='HS256', ttl=None, now=None, allow_weak=False)"
)]
fn sign_config<'py>(
    py: Python<'py>,
    config: &Bound<'py, PyAny>,
    secret: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let options = kwargs_options(py, "sign_config", options)?;
        let keyring = keyring(py, secret, &options)?;
        let Input { value, size } = py_to_value(config)?;
        let signed = run(py, size, || {
            json_api::sign_config(&value, &keyring, options)
        })?;
        value_to_py(py, &signed)
    })
}

/// Signs a request body for the command, conversion or docbuilder service.
///
/// Returns `{"body": {..., "token": ...}, "headers": {header: prefix + token},
/// "header_omitted": False}`; the header token carries `{"payload": body}`. When that
/// token would reach 7168 characters, `headers` is empty and `header_omitted` True: send
/// the body alone (the DS takes the body token first). `ttl` defaults to 300 seconds;
/// an explicit `ttl=None` signs without `exp`; `ttl=0` is refused. A `key` must follow
/// the document key rule.
#[pyfunction]
#[pyo3(
    signature = (body, secret, **options),
    text_signature = "(body, secret, *, alg='HS256', header='Authorization', prefix='Bearer ', ttl=300, now=None, allow_weak=False)"
)]
fn sign_request<'py>(
    py: Python<'py>,
    body: &Bound<'py, PyAny>,
    secret: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let options = kwargs_options(py, "sign_request", options)?;
        let keyring = keyring(py, secret, &options)?;
        let Input { value, size } = py_to_value(body)?;
        let signed = run(py, size, || {
            json_api::sign_request(&value, &keyring, options)
        })?;
        value_to_py(py, &signed)
    })
}

/// Verifies a save callback from the Document Server and returns its signed claims.
///
/// `body` is the raw request body (bytes or str). Its `token` member is verified first
/// and wins; otherwise the `authorization` header value (with `prefix`) is. A `payload`
/// claim is unwrapped. Only signed fields are returned: never read the plain body.
/// `key` and `status` must be signed; `expected_key` must equal the signed `key`.
/// As the Document Server: `iat` is never a reason to refuse, and no size limit
/// applies unless `max_size` is given.
#[pyfunction]
#[pyo3(
    signature = (body, secret, authorization=None, **options),
    text_signature = "(body, secret, authorization=None, *, prefix='Bearer ', algorithms=None, leeway=60, expected_key=None, max_size=None, now=None, allow_weak=False)"
)]
fn verify_callback<'py>(
    py: Python<'py>,
    body: &Bound<'py, PyAny>,
    secret: &Bound<'py, PyAny>,
    authorization: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let mut entries = host_entries(&[], options)?;
        entries.extend(text_option(authorization, "authorization")?);
        let options = options_of(py, "verify_callback", entries)?;
        let keyring = keyring(py, secret, &options)?;
        let body = bytes_arg(body, "body")?;
        let claims = run(py, body.len(), || {
            json_api::verify_callback(&body, &keyring, options)
        })?;
        value_to_py(py, &claims)
    })
}

/// Verifies a request from the Document Server to the connector (e.g. a file download)
/// from its `Authorization` header value and returns the signed claims.
///
/// `authorization=None` raises `MissingTokenError`. With `url`, the signed `url` claim
/// must equal it, both as the Document Server requests them (WHATWG-serialised, no
/// fragment). A future `iat` is no reason to refuse (the DS never checks it).
#[pyfunction]
#[pyo3(
    signature = (authorization, secret, url=None, **options),
    text_signature = "(authorization, secret, url=None, *, prefix='Bearer ', algorithms=None, leeway=60, now=None, allow_weak=False)"
)]
fn verify_incoming<'py>(
    py: Python<'py>,
    authorization: Option<&Bound<'py, PyAny>>,
    secret: &Bound<'py, PyAny>,
    url: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let mut entries = host_entries(&[], options)?;
        entries.extend(text_option(url, "url")?);
        let options = options_of(py, "verify_incoming", entries)?;
        let keyring = keyring(py, secret, &options)?;
        let authorization = authorization
            .map(|value| text_or_bytes(value, "authorization"))
            .transpose()?;
        let size = authorization.as_ref().map_or(0, |text| text.len());
        let claims = run(py, size, || {
            json_api::verify_incoming(authorization.as_deref(), &keyring, options)
        })?;
        value_to_py(py, &claims)
    })
}

/// Guards a callback before connector code that trusts its plain body reads it.
///
/// Verifies it as `verify_callback` does; then every member of the plain body must be
/// the signed one (absent is fine, and `history` may be `{}`: the Document Server trims
/// its plain body); then every URL the connector will fetch (`url`, `changesurl`,
/// `formsdataurl`) must be on the Document Server (as `check_download_url`). Returns
/// `{"claims": <the signed claims>, "fetch": {member: URL to fetch}}`.
#[pyfunction]
#[pyo3(
    signature = (body, secret, ds_url, authorization=None, **options),
    text_signature = "(body, secret, ds_url, authorization=None, *, ds_internal_url=None, extra_ds_urls=None, prefix='Bearer ', algorithms=None, leeway=60, expected_key=None, max_size=None, now=None, allow_weak=False)"
)]
fn guard_callback<'py>(
    py: Python<'py>,
    body: &Bound<'py, PyAny>,
    secret: &Bound<'py, PyAny>,
    ds_url: &Bound<'py, PyAny>,
    authorization: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let mut entries = host_entries(&[], options)?;
        entries.extend(text_option(authorization, "authorization")?);
        let options = options_of(py, "guard_callback", entries)?;
        let keyring = keyring(py, secret, &options)?;
        let body = bytes_arg(body, "body")?;
        let ds_url = text_or_bytes(ds_url, "ds_url")?;
        let guarded = run(py, body.len(), || {
            json_api::guard_callback(&body, &keyring, &ds_url, options)
        })?;
        value_to_py(py, &guarded)
    })
}

/// Guards a request of the Document Server to the connector (a file download).
///
/// Verifies the header value as `verify_incoming` does; then the signed `url` must name
/// `target` — this request's path and query as received, or its whole URL — once both
/// are normalised as the Document Server requests a URL (scheme and host are not
/// compared: proxies rewrite them). Returns the signed claims.
#[pyfunction]
#[pyo3(
    signature = (authorization, secret, target, **options),
    text_signature = "(authorization, secret, target, *, prefix='Bearer ', algorithms=None, leeway=60, now=None, allow_weak=False)"
)]
fn guard_download<'py>(
    py: Python<'py>,
    authorization: Option<&Bound<'py, PyAny>>,
    secret: &Bound<'py, PyAny>,
    target: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let options = kwargs_options(py, "guard_download", options)?;
        let keyring = keyring(py, secret, &options)?;
        let authorization = authorization
            .map(|value| text_or_bytes(value, "authorization"))
            .transpose()?;
        let target = text_or_bytes(target, "target")?;
        let claims = run(py, target.len(), || {
            json_api::guard_download(authorization.as_deref(), &keyring, &target, options)
        })?;
        value_to_py(py, &claims)
    })
}

/// Returns the URL to fetch for a callback `url` or `changesurl` (str).
///
/// The URL must be on the Document Server's origin (`ds_url`, or `ds_internal_url`) and
/// under its path; a URL on `ds_url` is rewritten to `ds_internal_url`. `extra_ds_urls`
/// lists further allowed bases (e.g. the DS's `storage.externalHost`), returned as is.
/// Anything else raises `UrlNotAllowedError`. Fetch the result with a timeout.
#[pyfunction]
#[pyo3(
    signature = (url, ds_url, ds_internal_url=None, **options),
    text_signature = "(url, ds_url, ds_internal_url=None, *, extra_ds_urls=None)"
)]
fn check_download_url<'py>(
    py: Python<'py>,
    url: &Bound<'py, PyAny>,
    ds_url: &Bound<'py, PyAny>,
    ds_internal_url: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let mut entries = host_entries(&[], options)?;
        entries.extend(text_option(ds_internal_url, "ds_internal_url")?);
        let options = options_of(py, "check_download_url", entries)?;
        let url = text_or_bytes(url, "url")?;
        let ds_url = text_or_bytes(ds_url, "ds_url")?;
        let checked = run(py, url.len(), || {
            json_api::check_download_url(&url, &ds_url, options)
        })?;
        value_to_py(py, &checked)
    })
}

/// Returns the document key of one version of one file (str, 32 characters of
/// `[0-9A-Za-z_-]`): stable for (file_id, version), unguessable without the secret.
///
/// `version` is a str or an int.
#[pyfunction]
#[pyo3(
    signature = (secret, file_id, version, **options),
    text_signature = "(secret, file_id, version, *, allow_weak=False)"
)]
fn document_key<'py>(
    py: Python<'py>,
    secret: &Bound<'py, PyAny>,
    file_id: &Bound<'py, PyAny>,
    version: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let options = kwargs_options(py, "document_key", options)?;
        let keyring = keyring(py, secret, &options)?;
        let file_id = text_or_bytes(file_id, "file_id")?;
        let version = py_to_value(version)?.value;
        let key = run(py, file_id.len(), || {
            json_api::document_key(&keyring, &file_id, &version, options)
        })?;
        value_to_py(py, &key)
    })
}

/// Derives, from one master secret, the Document Server secrets `inbox`, `outbox`,
/// `session` and the connector subkeys `links`, `doc_keys` (HKDF-SHA256), as a dict of
/// base64url strings.
#[pyfunction]
#[pyo3(
    signature = (master, **options),
    text_signature = "(master, *, allow_weak=False)"
)]
fn derive_secrets<'py>(
    py: Python<'py>,
    master: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let options = kwargs_options(py, "derive_secrets", options)?;
        let master = single_secret(master)?;
        let derived = run(py, 0, || json_api::derive_secrets(&master, options))?;
        value_to_py(py, &derived)
    })
}

/// Signs a connector URL (download or callback endpoint) so that it expires: returns
/// the URL with `oo_exp` and `oo_sig` appended. `ttl` defaults to 900 seconds.
#[pyfunction]
#[pyo3(
    signature = (url, secret, **options),
    text_signature = "(url, secret, *, ttl=900, now=None, allow_weak=False)"
)]
fn sign_link<'py>(
    py: Python<'py>,
    url: &Bound<'py, PyAny>,
    secret: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let options = kwargs_options(py, "sign_link", options)?;
        let keyring = keyring(py, secret, &options)?;
        let url = text_or_bytes(url, "url")?;
        let signed = run(py, url.len(), || {
            json_api::sign_link(&url, &keyring, options)
        })?;
        value_to_py(py, &signed)
    })
}

/// Verifies a URL made by `sign_link` and returns it without `oo_exp` and `oo_sig`.
#[pyfunction]
#[pyo3(
    signature = (url, secret, **options),
    text_signature = "(url, secret, *, now=None, allow_weak=False)"
)]
fn verify_link<'py>(
    py: Python<'py>,
    url: &Bound<'py, PyAny>,
    secret: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let options = kwargs_options(py, "verify_link", options)?;
        let keyring = keyring(py, secret, &options)?;
        let url = text_or_bytes(url, "url")?;
        let verified = run(py, url.len(), || {
            json_api::verify_link(&url, &keyring, options)
        })?;
        value_to_py(py, &verified)
    })
}

/// Audits a Document Server `local.json` (its text) and returns the findings, a list of
/// dicts `{severity, code, path, message, fix}`, errors first. With `connector_secret`,
/// also checks that the Document Server's secrets match the connector's.
#[pyfunction]
#[pyo3(
    signature = (local_json_text, **options),
    text_signature = "(local_json_text, *, connector_secret=None)"
)]
fn audit_ds_config<'py>(
    py: Python<'py>,
    local_json_text: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let options = kwargs_options(py, "audit_ds_config", options)?;
        let text = text_or_bytes(local_json_text, "local_json_text")?;
        let findings = run(py, text.len(), || json_api::audit_ds_config(&text, options))?;
        value_to_py(py, &findings)
    })
}

/// The native part of the `onlyoffice_jwt` package: the operations and the exceptions.
#[pymodule]
#[pyo3(name = "_native")]
fn native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(module)?;
    module.add_function(wrap_pyfunction!(sign, module)?)?;
    module.add_function(wrap_pyfunction!(sign_jws, module)?)?;
    module.add_function(wrap_pyfunction!(sign_jws_bytes, module)?)?;
    module.add_function(wrap_pyfunction!(verify, module)?)?;
    module.add_function(wrap_pyfunction!(verify_jws, module)?)?;
    module.add_function(wrap_pyfunction!(decode_jws_unverified, module)?)?;
    module.add_function(wrap_pyfunction!(b64url_decode, module)?)?;
    module.add_function(wrap_pyfunction!(decode_unverified, module)?)?;
    module.add_function(wrap_pyfunction!(sign_config, module)?)?;
    module.add_function(wrap_pyfunction!(sign_request, module)?)?;
    module.add_function(wrap_pyfunction!(verify_callback, module)?)?;
    module.add_function(wrap_pyfunction!(verify_incoming, module)?)?;
    module.add_function(wrap_pyfunction!(guard_callback, module)?)?;
    module.add_function(wrap_pyfunction!(guard_download, module)?)?;
    module.add_function(wrap_pyfunction!(check_download_url, module)?)?;
    module.add_function(wrap_pyfunction!(document_key, module)?)?;
    module.add_function(wrap_pyfunction!(derive_secrets, module)?)?;
    module.add_function(wrap_pyfunction!(sign_link, module)?)?;
    module.add_function(wrap_pyfunction!(verify_link, module)?)?;
    module.add_function(wrap_pyfunction!(audit_ds_config, module)?)?;
    module.add("DETACH_THRESHOLD", DETACH_THRESHOLD)?;
    Ok(())
}
