//! Argument conversion and error reporting at the C boundary: the only code that reads
//! C pointers. Everything else is done by `onlyoffice_jwt::internal::json_api`.

use std::cell::RefCell;
use std::ffi::{c_char, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

use std::borrow::Cow;

use onlyoffice_jwt::internal::json_api::{self, Arg};
use onlyoffice_jwt::internal::table::{ArgKind, Op};
use onlyoffice_jwt::{jwt, Error, ErrorKind, Keyring, Result, Secret};
use serde_json::Value;

use crate::{OojwtKeyring, OOJWT_ERR_INTERNAL, OOJWT_OK};

thread_local! {
    /// The message of the last failed call on this thread (empty after a success).
    static LAST_ERROR: RefCell<CString> = RefCell::new(CString::default());
    /// The detail of the last failed call on this thread (empty when it has none).
    static LAST_DETAIL: RefCell<CString> = RefCell::new(CString::default());
}

/// An `invalid_input` error with `message`.
pub(crate) fn invalid(message: String) -> Error {
    Error::new(ErrorKind::InvalidInput, message)
}

/// Stores `message` as this thread's last error; NUL bytes (which a C string cannot
/// hold) are replaced by spaces.
/// During the thread's exit (thread-local storage already destroyed) nothing is stored.
fn set_last_error(message: &str, detail: &str) {
    store(&LAST_ERROR, message);
    store(&LAST_DETAIL, detail);
}

fn store(slot: &'static std::thread::LocalKey<RefCell<CString>>, text: &str) {
    let text = CString::new(text.replace('\0', " ")).unwrap_or_default();
    // `try_with` fails only while the thread exits; there is nobody left to tell then.
    let _ = slot.try_with(|cell| {
        if let Ok(mut slot) = cell.try_borrow_mut() {
            *slot = text;
        }
    });
}

/// The pointer to this thread's last error message, valid until the next call of a
/// library function on this thread (`""` while the thread exits).
pub(crate) fn last_error() -> *const c_char {
    pointer(&LAST_ERROR)
}

/// The pointer to this thread's last error detail (see [`last_error`]).
pub(crate) fn last_error_detail() -> *const c_char {
    pointer(&LAST_DETAIL)
}

fn pointer(slot: &'static std::thread::LocalKey<RefCell<CString>>) -> *const c_char {
    slot.try_with(|cell| cell.try_borrow().map(|text| text.as_ptr()).ok())
        .ok()
        .flatten()
        .unwrap_or(c"".as_ptr())
}

/// Runs `body`, which returns no error number (a pointer, nothing), so that a panic
/// cannot unwind into C: it gives `fallback` instead.
pub(crate) fn no_panic<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

/// Runs `body` with the boundary rules: the last error is cleared first, a failure
/// becomes its error number (and the thread's last error message), and a panic is
/// caught and becomes [`OOJWT_ERR_INTERNAL`] instead of unwinding into C.
pub(crate) fn guard(body: impl FnOnce() -> Result<()>) -> i32 {
    set_last_error("", "");
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => OOJWT_OK,
        Ok(Err(error)) => {
            let detail = error.detail().map(ToString::to_string);
            set_last_error(error.message(), detail.as_deref().unwrap_or_default());
            // Error numbers are 1 to 14: the conversion cannot overflow.
            i32::try_from(error.kind().number()).unwrap_or(OOJWT_ERR_INTERNAL)
        }
        Err(_) => {
            set_last_error(
                "internal error: the library panicked (a bug; please report it)",
                "",
            );
            OOJWT_ERR_INTERNAL
        }
    }
}

/// Runs an operation whose result goes to `out`: `*out` is set to NULL first, then to
/// the result on success (see [`to_c_string`]).
///
/// # Safety
/// `out` must be NULL or valid for writing one pointer.
pub(crate) unsafe fn with_output(
    out: *mut *mut c_char,
    operation: impl FnOnce() -> Result<Value>,
) -> i32 {
    guard(|| {
        if out.is_null() {
            return Err(invalid("the output pointer is NULL".to_owned()));
        }
        // SAFETY: `out` is non-null and, by this function's contract, writable.
        unsafe { out.write(std::ptr::null_mut()) };
        let text = to_c_string(operation()?)?;
        // SAFETY: as above.
        unsafe { out.write(text.into_raw()) };
        Ok(())
    })
}

/// The C text of a result: a JSON string is written as the plain string (a token, a
/// URL, a document key); any other value as compact JSON text.
fn to_c_string(value: Value) -> Result<CString> {
    let text = match value {
        Value::String(text) => text,
        other => jwt::to_json(&other),
    };
    CString::new(text).map_err(|_| invalid("the result contains a NUL byte".to_owned()))
}

/// The `len` bytes at `ptr`.
///
/// # Safety
/// `ptr` must be NULL or point to `len` readable bytes that stay unchanged during the
/// call.
pub(crate) unsafe fn bytes<'a>(ptr: *const u8, len: usize, what: &str) -> Result<&'a [u8]> {
    if ptr.is_null() {
        return Err(invalid(format!("{what} is a NULL pointer")));
    }
    if isize::try_from(len).is_err() {
        return Err(invalid(format!("{what}: length {len} is not possible")));
    }
    // SAFETY: `ptr` is non-null, `len` fits in isize, and the caller guarantees that
    // `len` bytes are readable and not modified while the slice lives.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// The UTF-8 text of `len` bytes at `ptr`.
///
/// # Safety
/// As for [`bytes`].
pub(crate) unsafe fn text<'a>(ptr: *const c_char, len: usize, what: &str) -> Result<&'a str> {
    // SAFETY: forwarded contract.
    let raw = unsafe { bytes(ptr.cast(), len, what)? };
    std::str::from_utf8(raw).map_err(|_| invalid(format!("{what} is not valid UTF-8")))
}

/// The options object: NULL means none (JSON `null`).
///
/// # Safety
/// As for [`bytes`].
unsafe fn options(raw: Raw) -> Result<Value> {
    if raw.ptr.is_null() {
        return Ok(Value::Null);
    }
    // SAFETY: forwarded contract.
    let text = unsafe { text(raw.ptr.cast(), raw.len, "options")? };
    jwt::parse_json(text.as_bytes()).map_err(|e| invalid(format!("options is not valid JSON: {e}")))
}

/// One argument of a C function: a pointer and its length in bytes.
#[derive(Clone, Copy)]
pub(crate) struct Raw {
    ptr: *const u8,
    len: usize,
}

impl Raw {
    /// The argument at `ptr`, `len` bytes.
    pub(crate) fn new(ptr: *const u8, len: usize) -> Raw {
        Raw { ptr, len }
    }
}

/// Runs operation `op` for a C function: each of `raws` read as the table declares
/// the argument (the keyring handle where the operation takes a secret), the options
/// object parsed, the core's `json_api::call` run, and its result written to `*out`.
///
/// # Safety
/// `keyring` must be NULL or a live keyring; every raw argument and `options` must be
/// NULL or point to their length of readable bytes, unchanged during the call; `out`
/// must be NULL or valid for writing one pointer.
pub(crate) unsafe fn call(
    op: Op,
    keyring: Option<*const OojwtKeyring>,
    raws: &[Raw],
    options_json: Raw,
    out: *mut *mut c_char,
) -> i32 {
    // SAFETY: every pointer is forwarded under this function's contract.
    unsafe {
        with_output(out, || {
            let mut raws = raws.iter();
            let mut args = Vec::with_capacity(raws.len() + 1);
            for argument in op.declaration().arguments {
                let name = argument.name;
                if argument.kind == ArgKind::Secrets {
                    let handle = keyring.unwrap_or(std::ptr::null());
                    args.push(Arg::Keyring(keyring_of(handle)?));
                    continue;
                }
                let raw = raws
                    .next()
                    .copied()
                    .ok_or_else(|| invalid(format!("{}: too few arguments", op.name())))?;
                args.push(match argument.kind {
                    ArgKind::OptionalText | ArgKind::OptionalBytes if raw.ptr.is_null() => {
                        Arg::Absent
                    }
                    ArgKind::Bytes | ArgKind::OptionalBytes => {
                        Arg::Bytes(Cow::Borrowed(bytes(raw.ptr, raw.len, name)?))
                    }
                    ArgKind::Secret => {
                        Arg::Secrets(vec![Secret::new(bytes(raw.ptr, raw.len, name)?)])
                    }
                    _ => Arg::Text(Cow::Borrowed(text(raw.ptr.cast(), raw.len, name)?)),
                });
            }
            let options = options(options_json)?;
            json_api::call(op, &mut args, &options)?.into_value()
        })
    }
}

/// The keyring behind a handle.
///
/// # Safety
/// `handle` must be NULL or a pointer returned by `oojwt_keyring_new` and not yet freed.
pub(crate) unsafe fn keyring_of<'a>(handle: *const OojwtKeyring) -> Result<&'a Keyring> {
    // SAFETY: by the contract, a non-null handle points to a live `OojwtKeyring`.
    match unsafe { handle.as_ref() } {
        Some(handle) => Ok(&handle.keyring),
        None => Err(invalid("the keyring is a NULL pointer".to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    fn last() -> String {
        // SAFETY: `last_error` points to this thread's live message.
        unsafe { CStr::from_ptr(last_error()) }
            .to_str()
            .unwrap()
            .to_owned()
    }

    #[test]
    fn a_panic_becomes_the_internal_error_number() {
        let code = guard(|| panic!("boom"));
        assert_eq!(code, -1);
        assert!(last().contains("panicked"), "{}", last());
    }

    #[test]
    fn no_panic_gives_the_fallback() {
        assert_eq!(no_panic(7, || panic!("boom")), 7);
        assert_eq!(no_panic(7, || 8), 8);
    }

    #[test]
    fn success_clears_the_last_error_and_failures_set_it() {
        assert_eq!(
            guard(|| Err(Error::new(ErrorKind::TooLarge, "big\0one"))),
            11
        );
        assert_eq!(last(), "big one");
        assert_eq!(guard(|| Ok(())), 0);
        assert_eq!(last(), "");
    }
}
