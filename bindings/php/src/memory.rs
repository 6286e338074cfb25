//! The memory a call takes on the Rust heap, counted against PHP's `memory_limit`.
//!
//! The Zend allocator only sees PHP's own memory; the JSON values and texts a call
//! builds live on the Rust heap. The conversion from PHP estimates what it builds and
//! [`check`]s it, with what is about to be allocated, against the room `memory_limit`
//! leaves: past it, the call is `too_large` — a typed exception where PHP would
//! otherwise grow past its limit or stop the script with a fatal error.

use ext_php_rs::ffi::ext_php_rs_process_globals;
use onlyoffice_jwt::{Error, ErrorKind, Result};

extern "C" {
    /// `Zend/zend_alloc.h`: the bytes the Zend allocator has handed out.
    fn zend_memory_usage(real_usage: bool) -> usize;
}

/// `too_large` if the Zend heap and `rust` more bytes exceed `memory_limit` (no
/// limit: `-1`).
pub fn check(what: &str, rust: usize) -> Result<()> {
    // SAFETY: the process globals exist while PHP runs; `memory_limit` is a plain
    // integer that only `ini_set` on this thread changes.
    let Some(globals) = (unsafe { ext_php_rs_process_globals().as_ref() }) else {
        return Ok(());
    };
    let Ok(limit) = usize::try_from(globals.memory_limit) else {
        return Ok(());
    };
    if limit == 0 {
        return Ok(());
    }
    // SAFETY: called from a PHP function, inside a request, where the Zend heap exists.
    let zend = unsafe { zend_memory_usage(false) };
    if zend.saturating_add(rust) > limit {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!("{what}: this call needs more memory than memory_limit allows ({limit} bytes)"),
        ));
    }
    Ok(())
}
