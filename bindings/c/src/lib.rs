//! # libonlyoffice_jwt — the C ABI of onlyoffice-jwt
//!
//! Every operation of the onlyoffice-jwt core as `oojwt_<operation>`. Conventions,
//! the same for every function:
//!
//! - Text arguments are a pointer and a length in bytes (no NUL terminator needed),
//!   UTF-8. JSON arguments and options are JSON text; options is an object whose keys
//!   are the option names of the documentation (`{"ttl": 300, "now": 1767225600}`);
//!   a NULL options pointer means no options.
//! - The return value is 0 (`OOJWT_OK`) or an error number (`OOJWT_ERR_*`); the message
//!   of the last failure on the calling thread is `oojwt_last_error()`.
//! - A result is written to `*out` as a NUL-terminated string owned by the caller,
//!   to be released with `oojwt_free`. A result that is a single string (a token, a
//!   URL, a document key) is that string; any other result is compact JSON text. On
//!   failure `*out` is NULL.
//! - A NULL pointer where a value is required, an impossible length or text that is
//!   not UTF-8 gives `OOJWT_ERR_INVALID_INPUT`; no panic ever crosses the boundary.
//! - Secrets live in an opaque `oojwt_keyring`; `oojwt_keyring_free` zeroizes them.
#![warn(missing_docs)]
#![deny(unsafe_op_in_unsafe_fn)]

mod convert;

use std::ffi::{c_char, CString};
use std::sync::OnceLock;

use onlyoffice_jwt::{json_api, ErrorKind, Keyring, Secret};

use convert::{
    bytes, guard, invalid, json, keyring_of, no_panic, optional_text, options, text, with_output,
};

/// Success.
pub const OOJWT_OK: i32 = 0;
/// The token or body is not well-formed (encoding, JSON, structure).
pub const OOJWT_ERR_MALFORMED: i32 = 1;
/// The signature matches none of the keyring's secrets.
pub const OOJWT_ERR_BAD_SIGNATURE: i32 = 2;
/// The token's algorithm is not allowed (including `none`).
pub const OOJWT_ERR_ALG_NOT_ALLOWED: i32 = 3;
/// `exp` is in the past, beyond the leeway.
pub const OOJWT_ERR_EXPIRED: i32 = 4;
/// `nbf` or `iat` is in the future, beyond the leeway.
pub const OOJWT_ERR_NOT_YET_VALID: i32 = 5;
/// A required claim is absent.
pub const OOJWT_ERR_MISSING_CLAIM: i32 = 6;
/// A claim has the wrong type or value.
pub const OOJWT_ERR_INVALID_CLAIM: i32 = 7;
/// No token was given where one is required.
pub const OOJWT_ERR_MISSING_TOKEN: i32 = 8;
/// The signed document key differs from the expected one.
pub const OOJWT_ERR_KEY_MISMATCH: i32 = 9;
/// A secret is empty, the default `secret`, or too short.
pub const OOJWT_ERR_WEAK_SECRET: i32 = 10;
/// An input exceeds its size limit.
pub const OOJWT_ERR_TOO_LARGE: i32 = 11;
/// A URL points outside the allowed origins.
pub const OOJWT_ERR_URL_NOT_ALLOWED: i32 = 12;
/// An argument or option is invalid (including NULL pointers and invalid UTF-8).
pub const OOJWT_ERR_INVALID_INPUT: i32 = 13;
/// A configuration (e.g. a Document Server `local.json`) cannot be used.
pub const OOJWT_ERR_INVALID_CONFIG: i32 = 14;
/// A bug in the library, caught at the boundary instead of crossing it.
pub const OOJWT_ERR_INTERNAL: i32 = -1;

/// An opaque keyring: the current secret, which signs, and previous secrets, which
/// still verify. Created by `oojwt_keyring_new`, released by `oojwt_keyring_free`.
pub struct OojwtKeyring {
    keyring: Keyring,
}

/// The library version, e.g. `"0.1.0"`: a static string, never to be freed.
#[no_mangle]
pub extern "C" fn oojwt_version() -> *const c_char {
    no_panic(c"".as_ptr(), || {
        concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
    })
}

/// The stable name of an error number, e.g. `"bad_signature"` for 2; `"ok"` for 0,
/// `"internal"` for `OOJWT_ERR_INTERNAL`, `"unknown"` for any other number. A static
/// string, never to be freed.
#[no_mangle]
pub extern "C" fn oojwt_error_name(code: i32) -> *const c_char {
    no_panic(c"unknown".as_ptr(), || error_name(code))
}

/// The body of [`oojwt_error_name`].
fn error_name(code: i32) -> *const c_char {
    static NAMES: OnceLock<Vec<CString>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        ["ok", "internal", "unknown"]
            .into_iter()
            .chain(ErrorKind::ALL.iter().map(|kind| kind.name()))
            .map(|name| CString::new(name).unwrap_or_default())
            .collect()
    });
    let index = match code {
        OOJWT_OK => 0,
        OOJWT_ERR_INTERNAL => 1,
        _ => u32::try_from(code)
            .ok()
            .and_then(ErrorKind::from_number)
            .and_then(|kind| ErrorKind::ALL.iter().position(|k| *k == kind))
            .map_or(2, |position| position + 3),
    };
    names[index].as_ptr()
}

/// The message of the last failed call on the calling thread, or `""` when the last
/// call succeeded. Valid until the next library call on this thread; never to be
/// freed. Messages never contain a secret or a whole token.
#[no_mangle]
pub extern "C" fn oojwt_last_error() -> *const c_char {
    no_panic(c"".as_ptr(), convert::last_error)
}

/// Which part of the input the last failed call on the calling thread found wrong, as
/// a stable dotted name (`header.json`, `claims.exp`, … — docs/formats.md, "Which part
/// failed"), or `""` when the last call succeeded or its failure names no part. Valid
/// until the next library call on this thread; never to be freed.
#[no_mangle]
pub extern "C" fn oojwt_last_error_detail() -> *const c_char {
    no_panic(c"".as_ptr(), convert::last_error_detail)
}

/// Releases a string returned through an `out` parameter. NULL is accepted and ignored.
///
/// # Safety
/// `text` must be NULL or a string returned by this library and not yet freed.
#[no_mangle]
pub unsafe extern "C" fn oojwt_free(text: *mut c_char) {
    no_panic((), || {
        if !text.is_null() {
            // SAFETY: by the contract, `text` came from `CString::into_raw` in this
            // library and is freed only once.
            drop(unsafe { CString::from_raw(text) });
        }
    })
}

/// Creates a keyring whose current (signing) secret is the `secret_len` bytes at
/// `secret` (a text secret is its UTF-8 bytes), and stores it in `*out`.
///
/// An empty secret is refused (`OOJWT_ERR_WEAK_SECRET`); so are the literal `secret`
/// and anything shorter than 32 bytes unless `allow_weak` is true. The bytes are
/// copied; release the keyring with `oojwt_keyring_free`. On failure `*out` is NULL.
///
/// # Safety
/// `secret` must be NULL or point to `secret_len` readable bytes; `out` must be NULL or
/// valid for writing one pointer.
#[no_mangle]
pub unsafe extern "C" fn oojwt_keyring_new(
    secret: *const u8,
    secret_len: usize,
    allow_weak: bool,
    out: *mut *mut OojwtKeyring,
) -> i32 {
    guard(|| {
        if out.is_null() {
            return Err(invalid("the output pointer is NULL".to_owned()));
        }
        // SAFETY: `out` is non-null and, by the contract, writable.
        unsafe { out.write(std::ptr::null_mut()) };
        // SAFETY: forwarded contract.
        let secret = Secret::new(unsafe { bytes(secret, secret_len, "secret")? });
        let handle = Box::new(OojwtKeyring {
            keyring: Keyring::new(secret, allow_weak)?,
        });
        // SAFETY: as above.
        unsafe { out.write(Box::into_raw(handle)) };
        Ok(())
    })
}

/// Adds a previous secret to `keyring`: it verifies but no longer signs (rotation).
/// The same strength rules as `oojwt_keyring_new` apply; on failure the keyring is
/// unchanged.
///
/// # Safety
/// `keyring` must be NULL or a live keyring not used by another thread during the call;
/// `secret` must be NULL or point to `secret_len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn oojwt_keyring_add_previous(
    keyring: *mut OojwtKeyring,
    secret: *const u8,
    secret_len: usize,
    allow_weak: bool,
) -> i32 {
    guard(|| {
        // SAFETY: by the contract, a non-null `keyring` is live and not shared.
        let handle = unsafe { keyring.as_mut() }
            .ok_or_else(|| invalid("the keyring is a NULL pointer".to_owned()))?;
        // SAFETY: forwarded contract.
        let secret = Secret::new(unsafe { bytes(secret, secret_len, "secret")? });
        handle.keyring = handle.keyring.clone().with_previous(secret, allow_weak)?;
        Ok(())
    })
}

/// Releases a keyring, zeroizing every secret it holds. NULL is accepted and ignored.
///
/// # Safety
/// `keyring` must be NULL or a keyring from `oojwt_keyring_new` not yet freed and not
/// in use by another thread.
#[no_mangle]
pub unsafe extern "C" fn oojwt_keyring_free(keyring: *mut OojwtKeyring) {
    no_panic((), || {
        if !keyring.is_null() {
            // SAFETY: by the contract, `keyring` came from `Box::into_raw` in
            // `oojwt_keyring_new` and is freed only once. Dropping the `Secret`s
            // zeroizes their bytes.
            drop(unsafe { Box::from_raw(keyring) });
        }
    })
}

/// `sign(claims, secret, alg="HS256", ttl=None, iat=True, now=None)`: signs the JSON
/// object `claims` with the keyring's current secret; `*out` is the token.
/// Options: `alg` (`"HS256"`, `"HS384"`, `"HS512"`), `ttl` (seconds; adds `exp`),
/// `iat` (default true), `now` (Unix seconds, default the clock).
///
/// # Safety
/// Every pointer must be NULL or valid for its length (`out`: for writing one
/// pointer); `keyring` must be NULL or live.
#[no_mangle]
pub unsafe extern "C" fn oojwt_sign(
    keyring: *const OojwtKeyring,
    claims: *const c_char,
    claims_len: usize,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> i32 {
    // SAFETY (whole body): every pointer is forwarded under this function's contract.
    unsafe {
        with_output(out, || {
            let keyring = keyring_of(keyring)?;
            let claims = json(claims, claims_len, "claims")?;
            json_api::sign(&claims, keyring, &options(options_json, options_len)?)
        })
    }
}

/// `sign_jws(header, payload, secret)`: `*out` is the token over the given header and
/// payload JSON texts, byte for byte (for a facade that must reproduce another
/// library's tokens). The header must be an object with an HS `alg`, `typ` absent or
/// `JWT`, no `crit`/`b64`; the payload an object.
///
/// # Safety
/// As for `oojwt_sign`.
#[no_mangle]
pub unsafe extern "C" fn oojwt_sign_jws(
    keyring: *const OojwtKeyring,
    header: *const c_char,
    header_len: usize,
    payload: *const c_char,
    payload_len: usize,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> i32 {
    // SAFETY (whole body): every pointer is forwarded under this function's contract.
    unsafe {
        with_output(out, || {
            let keyring = keyring_of(keyring)?;
            let header = text(header, header_len, "header")?;
            let payload = text(payload, payload_len, "payload")?;
            json_api::sign_jws(
                header,
                payload,
                keyring,
                &options(options_json, options_len)?,
            )
        })
    }
}

/// `verify(token, secret, ...)`: strict verification; `*out` is the claims as JSON
/// text. Options: `algorithms` (list, default all three HS), `leeway` (seconds,
/// default 60), `verify_exp`, `verify_nbf`, `verify_iat` (each default true), `require` (list
/// of claim names), `max_size` (bytes, default 1 MiB), `now`.
///
/// # Safety
/// As for `oojwt_sign`.
#[no_mangle]
pub unsafe extern "C" fn oojwt_verify(
    keyring: *const OojwtKeyring,
    token: *const c_char,
    token_len: usize,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> i32 {
    // SAFETY (whole body): every pointer is forwarded under this function's contract.
    unsafe {
        with_output(out, || {
            let keyring = keyring_of(keyring)?;
            let token = text(token, token_len, "token")?;
            json_api::verify(token, keyring, &options(options_json, options_len)?)
        })
    }
}

/// `decode_unverified(token)`: `*out` is `{"header": {...}, "claims": {...}}` as JSON
/// text. **Nothing is verified**: for inspection only. No options are defined.
///
/// # Safety
/// As for `oojwt_sign`.
#[no_mangle]
pub unsafe extern "C" fn oojwt_decode_unverified(
    token: *const c_char,
    token_len: usize,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> i32 {
    // SAFETY (whole body): every pointer is forwarded under this function's contract.
    unsafe {
        with_output(out, || {
            let token = text(token, token_len, "token")?;
            json_api::decode_unverified(token, &options(options_json, options_len)?)
        })
    }
}

/// `sign_config(config, secret, alg="HS256", ttl=None, now=None)`: `*out` is the editor
/// config (JSON text) with `token` appended last; a config the Document Server would
/// reject or read otherwise than written is refused (`OOJWT_ERR_INVALID_INPUT`).
/// Options: `alg`, `ttl`, `now`.
///
/// # Safety
/// As for `oojwt_sign`.
#[no_mangle]
pub unsafe extern "C" fn oojwt_sign_config(
    keyring: *const OojwtKeyring,
    config: *const c_char,
    config_len: usize,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> i32 {
    // SAFETY (whole body): every pointer is forwarded under this function's contract.
    unsafe {
        with_output(out, || {
            let keyring = keyring_of(keyring)?;
            let config = json(config, config_len, "config")?;
            json_api::sign_config(&config, keyring, &options(options_json, options_len)?)
        })
    }
}

/// `sign_request(body, secret, alg="HS256", header="Authorization", prefix="Bearer ",
/// ttl=300, now=None)`: `*out` is `{"body": {..., "token": ...}, "headers": {header:
/// prefix + token}, "header_omitted": false}` as JSON text, for the command, conversion
/// and docbuilder services; `headers` is `{}` and `header_omitted` true when the header
/// token would reach 7168 characters. A body with a `payload` or `query` member, a
/// `__proto__` member or an integer beyond ±(2^53 − 1) is refused
/// (`OOJWT_ERR_INVALID_INPUT`). Options: `alg`, `header`, `prefix`, `ttl` (`null`: no
/// `exp`; 0 is refused), `now`.
///
/// # Safety
/// As for `oojwt_sign`.
#[no_mangle]
pub unsafe extern "C" fn oojwt_sign_request(
    keyring: *const OojwtKeyring,
    body: *const c_char,
    body_len: usize,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> i32 {
    // SAFETY (whole body): every pointer is forwarded under this function's contract.
    unsafe {
        with_output(out, || {
            let keyring = keyring_of(keyring)?;
            let body = json(body, body_len, "body")?;
            json_api::sign_request(&body, keyring, &options(options_json, options_len)?)
        })
    }
}

/// `verify_callback(body, secret, authorization=None, ...)`: verifies a callback the
/// Document Server posted; `body` is the raw request body (bytes). `*out` is the
/// signed claims only, as JSON text. Options: `authorization` (the request's
/// Authorization header), `prefix` (default `"Bearer "`), `algorithms` (default HS256,
/// HS384, HS512), `leeway`, `expected_key`, `max_size` (default: no limit), `now`. A
/// future `iat` is not refused (as the DS).
///
/// # Safety
/// As for `oojwt_sign`.
#[no_mangle]
pub unsafe extern "C" fn oojwt_verify_callback(
    keyring: *const OojwtKeyring,
    body: *const u8,
    body_len: usize,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> i32 {
    // SAFETY (whole body): every pointer is forwarded under this function's contract.
    unsafe {
        with_output(out, || {
            let keyring = keyring_of(keyring)?;
            let body = bytes(body, body_len, "body")?;
            json_api::verify_callback(body, keyring, &options(options_json, options_len)?)
        })
    }
}

/// `verify_incoming(authorization, secret, url=None, prefix="Bearer ", leeway=60,
/// now=None)`: verifies a request of the Document
/// Server to the connector (e.g. a file download). `authorization` is the value of the
/// header carrying its token (`Authorization`, or the DS's `token.outbox.header`); NULL
/// means the request had none (`OOJWT_ERR_MISSING_TOKEN`). `*out` is the signed claims
/// (`payload` unwrapped) as JSON text. Options: `url`, `prefix`, `algorithms` (default
/// HS256, HS384, HS512), `leeway`, `now`.
///
/// # Safety
/// As for `oojwt_sign`.
#[no_mangle]
pub unsafe extern "C" fn oojwt_verify_incoming(
    keyring: *const OojwtKeyring,
    authorization: *const c_char,
    authorization_len: usize,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> i32 {
    // SAFETY (whole body): every pointer is forwarded under this function's contract.
    unsafe {
        with_output(out, || {
            let keyring = keyring_of(keyring)?;
            let authorization = optional_text(authorization, authorization_len, "authorization")?;
            json_api::verify_incoming(authorization, keyring, &options(options_json, options_len)?)
        })
    }
}

/// `guard_callback(body, secret, ds_url, authorization=None, ...)`: guards a callback
/// before connector code that trusts its plain body reads it. Verified as
/// `oojwt_verify_callback`; every member of the plain body must be the signed one (a
/// member may be absent, and `history` may be `{}`: the Document Server trims its plain
/// body), else `OOJWT_ERR_INVALID_CLAIM`; every URL to fetch (`url`, `changesurl`,
/// `formsdataurl`) must be on the Document Server, else `OOJWT_ERR_URL_NOT_ALLOWED`.
/// `*out` is `{"claims": {...}, "fetch": {member: URL to fetch}}` as JSON text.
/// Options: `authorization`, `ds_internal_url`, `extra_ds_urls`, `prefix` (default
/// `"Bearer "`), `algorithms` (default HS256, HS384, HS512), `leeway`, `expected_key`,
/// `max_size` (default: no limit), `now`.
///
/// # Safety
/// As for `oojwt_sign`.
#[no_mangle]
pub unsafe extern "C" fn oojwt_guard_callback(
    keyring: *const OojwtKeyring,
    body: *const u8,
    body_len: usize,
    ds_url: *const c_char,
    ds_url_len: usize,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> i32 {
    // SAFETY (whole body): every pointer is forwarded under this function's contract.
    unsafe {
        with_output(out, || {
            let keyring = keyring_of(keyring)?;
            let body = bytes(body, body_len, "body")?;
            let ds_url = text(ds_url, ds_url_len, "ds_url")?;
            json_api::guard_callback(body, keyring, ds_url, &options(options_json, options_len)?)
        })
    }
}

/// `guard_download(authorization, secret, target, ...)`: guards a request of the
/// Document Server to the connector (a file download). Verified as
/// `oojwt_verify_incoming`; the signed `url` must name `target` (this request's path and
/// query as received, or its whole URL) once both are normalised as the Document Server
/// requests a URL, else `OOJWT_ERR_INVALID_CLAIM` (scheme and host are not compared:
/// proxies rewrite them). `*out` is the signed claims as JSON text. Options: `prefix`,
/// `algorithms` (default HS256, HS384, HS512), `leeway`, `now`.
///
/// # Safety
/// As for `oojwt_sign`.
#[no_mangle]
pub unsafe extern "C" fn oojwt_guard_download(
    keyring: *const OojwtKeyring,
    authorization: *const c_char,
    authorization_len: usize,
    target: *const c_char,
    target_len: usize,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> i32 {
    // SAFETY (whole body): every pointer is forwarded under this function's contract.
    unsafe {
        with_output(out, || {
            let keyring = keyring_of(keyring)?;
            let authorization = optional_text(authorization, authorization_len, "authorization")?;
            let target = text(target, target_len, "target")?;
            json_api::guard_download(
                authorization,
                keyring,
                target,
                &options(options_json, options_len)?,
            )
        })
    }
}

/// `check_download_url(url, ds_url, ds_internal_url=None)`: `*out` is the URL to fetch
/// for a callback `url`/`changesurl` (mapped to the internal Document Server address);
/// any other origin is `OOJWT_ERR_URL_NOT_ALLOWED`. Options: `ds_internal_url`,
/// `extra_ds_urls` (further allowed bases, e.g. the DS's `storage.externalHost`).
///
/// # Safety
/// As for `oojwt_sign`.
#[no_mangle]
pub unsafe extern "C" fn oojwt_check_download_url(
    url: *const c_char,
    url_len: usize,
    ds_url: *const c_char,
    ds_url_len: usize,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> i32 {
    // SAFETY (whole body): every pointer is forwarded under this function's contract.
    unsafe {
        with_output(out, || {
            let url = text(url, url_len, "url")?;
            let ds_url = text(ds_url, ds_url_len, "ds_url")?;
            json_api::check_download_url(url, ds_url, &options(options_json, options_len)?)
        })
    }
}

/// `document_key(secret, file_id, version)`: `*out` is the document key, stable per
/// (file, version) and unguessable without the secret. `version` is JSON text: a
/// string (`"\"v7\""`) or an integer (`"7"`). No options are defined.
///
/// # Safety
/// As for `oojwt_sign`.
#[no_mangle]
pub unsafe extern "C" fn oojwt_document_key(
    keyring: *const OojwtKeyring,
    file_id: *const c_char,
    file_id_len: usize,
    version_json: *const c_char,
    version_len: usize,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> i32 {
    // SAFETY (whole body): every pointer is forwarded under this function's contract.
    unsafe {
        with_output(out, || {
            let keyring = keyring_of(keyring)?;
            let file_id = text(file_id, file_id_len, "file_id")?;
            let version = json(version_json, version_len, "version")?;
            json_api::document_key(
                keyring,
                file_id,
                &version,
                &options(options_json, options_len)?,
            )
        })
    }
}

/// `derive_secrets(master)`: `*out` is `{"inbox", "outbox", "session", "links",
/// "doc_keys"}` as JSON text (HKDF-SHA256 of the `master_len` bytes at `master`).
/// Options: `allow_weak` (accept a weak master secret).
///
/// # Safety
/// As for `oojwt_sign`.
#[no_mangle]
pub unsafe extern "C" fn oojwt_derive_secrets(
    master: *const u8,
    master_len: usize,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> i32 {
    // SAFETY (whole body): every pointer is forwarded under this function's contract.
    unsafe {
        with_output(out, || {
            let master = Secret::new(bytes(master, master_len, "master")?);
            json_api::derive_secrets(&master, &options(options_json, options_len)?)
        })
    }
}

/// `sign_link(url, secret, ttl=900, now=None)`: `*out` is the URL with `oo_exp` and
/// `oo_sig` appended. Options: `ttl`, `now`.
///
/// # Safety
/// As for `oojwt_sign`.
#[no_mangle]
pub unsafe extern "C" fn oojwt_sign_link(
    keyring: *const OojwtKeyring,
    url: *const c_char,
    url_len: usize,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> i32 {
    // SAFETY (whole body): every pointer is forwarded under this function's contract.
    unsafe {
        with_output(out, || {
            let keyring = keyring_of(keyring)?;
            let url = text(url, url_len, "url")?;
            json_api::sign_link(url, keyring, &options(options_json, options_len)?)
        })
    }
}

/// `verify_link(url, secret, now=None)`: checks a link made by `oojwt_sign_link`;
/// `*out` is the URL without `oo_exp` and `oo_sig`. Options: `now`.
///
/// # Safety
/// As for `oojwt_sign`.
#[no_mangle]
pub unsafe extern "C" fn oojwt_verify_link(
    keyring: *const OojwtKeyring,
    url: *const c_char,
    url_len: usize,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> i32 {
    // SAFETY (whole body): every pointer is forwarded under this function's contract.
    unsafe {
        with_output(out, || {
            let keyring = keyring_of(keyring)?;
            let url = text(url, url_len, "url")?;
            json_api::verify_link(url, keyring, &options(options_json, options_len)?)
        })
    }
}

/// `audit_ds_config(local_json_text, connector_secret=None)`: `*out` is the list of
/// findings for a Document Server `local.json` text, as JSON text (objects with
/// `severity`, `code`, `path`, `message`, `fix`). Options: `connector_secret`.
///
/// # Safety
/// As for `oojwt_sign`.
#[no_mangle]
pub unsafe extern "C" fn oojwt_audit_ds_config(
    local_json: *const c_char,
    local_json_len: usize,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> i32 {
    // SAFETY (whole body): every pointer is forwarded under this function's contract.
    unsafe {
        with_output(out, || {
            let local_json = text(local_json, local_json_len, "local_json")?;
            json_api::audit_ds_config(local_json, &options(options_json, options_len)?)
        })
    }
}

#[cfg(test)]
mod tests;
