//! `#[\SensitiveParameter]` on every parameter that holds a secret, so that PHP leaves
//! its value out of stack traces (`Exception::getTrace`, `debug_backtrace`, the
//! "Stack trace:" of an uncaught exception): `OnlyOffice\Jwt\sign(Object(SensitiveParameterValue), …)`.
//!
//! ext-php-rs has no way to declare parameter attributes, so they are added at module
//! startup as PHP's own extensions do: to the registered function's attribute table.

use std::ffi::{c_char, c_void};

use ext_php_rs::ffi::{
    ext_php_rs_compiler_globals, zend_function, zend_hash_str_find_ptr_lc, zend_string, HashTable,
};
use ext_php_rs::types::ZendStr;
use onlyoffice_jwt::internal::table::{render, Binding, OPERATIONS};

extern "C" {
    /// `Zend/zend_attributes.h` (PHP 8.0+): adds an attribute; `offset` is the
    /// parameter's position plus one (0 = the function itself).
    fn zend_add_attribute(
        attributes: *mut *mut HashTable,
        name: *mut zend_string,
        argc: u32,
        flags: u32,
        offset: u32,
        lineno: u32,
    ) -> *mut c_void;
}

/// `ZEND_ATTRIBUTE_PERSISTENT`: internal functions live as long as the process.
const ATTRIBUTE_PERSISTENT: u32 = 1;

/// Marks the secret parameters; false if a function is not registered. Called from
/// the module startup, after the engine registered the module's functions.
pub fn mark_secret_parameters() -> bool {
    // Interned and persistent: the engine keeps it for the life of the process.
    let name = ZendStr::new_interned("SensitiveParameter", true).into_raw();
    // SAFETY: at module startup the compiler globals exist and the function table
    // holds this module's functions; only the startup thread touches them.
    let Some(globals) = (unsafe { ext_php_rs_compiler_globals().as_mut() }) else {
        return false;
    };
    // Each function with the positions (from 0) of its parameters that hold a secret or
    // a credential, as the table of operations declares them: secrets, tokens, the
    // bodies that carry one, signed links, and the options arrays that may hold one.
    let marked = OPERATIONS
        .iter()
        .filter(|operation| operation.in_binding(Binding::Php))
        .map(|operation| {
            let name = render::php::function_name(operation).to_ascii_lowercase();
            (name, render::php::sensitive_positions(operation))
        });
    marked.into_iter().all(|(function, positions)| {
        // SAFETY: the table is the engine's function table, searched by name.
        let found = unsafe {
            zend_hash_str_find_ptr_lc(
                globals.function_table,
                function.as_ptr().cast::<c_char>(),
                function.len(),
            )
        }
        .cast::<zend_function>();
        // SAFETY: a found entry is a registered internal function, which the engine
        // keeps for the life of the process, as it keeps the interned name.
        unsafe { found.as_mut() }.is_some_and(|function| {
            positions.iter().all(|position| unsafe {
                !zend_add_attribute(
                    &raw mut function.common.attributes,
                    name,
                    0,
                    ATTRIBUTE_PERSISTENT,
                    position + 1,
                    0,
                )
                .is_null()
            })
        })
    })
}
