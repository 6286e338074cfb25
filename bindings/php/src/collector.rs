//! PHP's cycle collector, held off while a call reads its arguments.
//!
//! The conversions read PHP's arrays, objects and strings in place, through pointers
//! into the engine's memory, and keep option strings borrowed for the whole call. That
//! memory stays valid only as long as no PHP code runs: a destructor can free an array
//! reached through a PHP reference (`['a' => &$inner]`) or an option string passed by
//! reference. PHP code runs inside an extension's call in two ways:
//!
//! 1. the extension calls into the engine (a PHP function, a constructor, an error
//!    handler), or drops a value whose count reaches zero (its destructor);
//! 2. the cycle collector starts: whenever the engine records one more possible root
//!    while its buffer is full — at any decrement of an array's or object's count,
//!    also one made inside the engine on our behalf — it runs the destructors of every
//!    garbage cycle it finds.
//!
//! SAFETY (the choice for every function of the extension): the conversions make no
//! call of the first kind — they read tables, strings and property tables themselves
//! (`table.rs`, `convert.rs`: `zend_std_get_properties` only builds the table of a
//! stdClass subclass's declared properties, no PHP code), take no counted reference
//! and drop no PHP value; and a [`Paused`] guard keeps the collector from collecting
//! from the first read of an argument until the last use of what was read, so that
//! even an engine call made by the crate underneath cannot start it. Taking a counted
//! reference on every table and string instead would cost two engine writes per
//! value, and the release of those references could itself run destructors in the
//! middle of the walk. Every reader of an argument takes `&Paused`, and whatever it
//! borrows lives no longer than the guard.
//!
//! The guard uses `gc_protect`, the engine's own switch for "record no possible root,
//! start no collection" (the collector sets it while it runs). A value whose count
//! drops during the call is then not recorded as a possible root: the only such
//! values are the ones the call builds itself and drops on an error, which hold no
//! cycle. `gc_enable(false)` would record them, but the engine does not switch the
//! collector back on at the next request, so a fatal error inside the call (PHP
//! leaves the call by `longjmp`, past the guard's `Drop`) would leave it off for the
//! rest of a PHP-FPM worker's life; the protection is reset by the engine at the start
//! of every request (`gc_reset`).

use std::marker::PhantomData;

extern "C" {
    /// `Zend/zend_gc.h` (PHP 7.3+): with `true`, the engine records no possible root
    /// and so starts no collection; returns the previous state.
    fn gc_protect(protect: bool) -> bool;
}

/// The collector held off until this guard drops (then restored to what it was: the
/// engine protects itself too, while it collects or when its buffer is full). Not
/// `Send`: it belongs to the PHP thread that made it.
pub struct Paused {
    was_protected: bool,
    _thread: PhantomData<*const ()>,
}

impl Paused {
    /// Holds the collector off for the current call.
    pub fn new() -> Self {
        // SAFETY: called on the PHP thread, inside a request, where the collector's
        // globals exist; `gc_protect` only sets a flag.
        let was_protected = unsafe { gc_protect(true) };
        Paused {
            was_protected,
            _thread: PhantomData,
        }
    }
}

impl Default for Paused {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for Paused {
    fn drop(&mut self) {
        // SAFETY: as in `new`, on the same thread.
        unsafe {
            gc_protect(self.was_protected);
        }
    }
}
