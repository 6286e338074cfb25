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

use onlyoffice_jwt::internal::table::Op;
use onlyoffice_jwt::{ErrorKind, Keyring, Secret};

use convert::{bytes, call, guard, invalid, no_panic, Raw};

// OOJWT_OK, one OOJWT_ERR_* per error kind and OOJWT_ERR_INTERNAL, from the table's
// error catalog (build.rs).
include!(concat!(env!("OUT_DIR"), "/errors.rs"));

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

// One `oojwt_<operation>` per operation of the table that every binding has, each
// passing its pointers to `convert::call` (build.rs writes them from the table).
include!(concat!(env!("OUT_DIR"), "/operations.rs"));

#[cfg(test)]
mod tests;
