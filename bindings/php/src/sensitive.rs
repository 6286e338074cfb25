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

/// Each function of the module with the positions (from 0) of its parameters that hold
/// a secret or a credential: secrets; the options of `audit_ds_config`
/// (`connector_secret`) and of `verify_callback` (`authorization`, a Document Server
/// token); tokens (`verify`, `decode_unverified`, `verify_incoming`'s header, the
/// callback body that carries one), and the signed link `verify_link` checks.
pub const SECRET_PARAMETERS: [(&str, &[u32]); 15] = [
    ("onlyoffice\\jwt\\sign", &[1]),
    ("onlyoffice\\jwt\\sign_jws", &[2]),
    ("onlyoffice\\jwt\\verify", &[0, 1]),
    ("onlyoffice\\jwt\\decode_unverified", &[0]),
    ("onlyoffice\\jwt\\audit_ds_config", &[0, 1]),
    ("onlyoffice\\jwt\\sign_config", &[1]),
    ("onlyoffice\\jwt\\sign_request", &[1]),
    ("onlyoffice\\jwt\\verify_callback", &[0, 1, 2]),
    ("onlyoffice\\jwt\\verify_incoming", &[0, 1]),
    ("onlyoffice\\jwt\\guard_callback", &[0, 1, 3]),
    ("onlyoffice\\jwt\\guard_download", &[0, 1]),
    ("onlyoffice\\jwt\\document_key", &[0]),
    ("onlyoffice\\jwt\\derive_secrets", &[0]),
    ("onlyoffice\\jwt\\sign_link", &[1]),
    ("onlyoffice\\jwt\\verify_link", &[0, 1]),
];

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
    SECRET_PARAMETERS.iter().all(|&(function, positions)| {
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
