//! The exception classes `OnlyOffice\Jwt\JwtException` and one subclass per error code,
//! and the mapping of core errors (and caught panics) onto them.
//!
//! The classes are plain PHP classes extending `\Exception` (no Rust state), so PHP's
//! own exception constructor fills the file, line and trace, and PHP code may create,
//! extend and catch them like any other exception. Each class has a method
//! `getErrorName(): string` returning the stable error name (`malformed`, …);
//! `getCode()` returns the stable number.

use ext_php_rs::builders::{ClassBuilder, ClassProperty, FunctionBuilder};
use ext_php_rs::convert::IntoZval;
use ext_php_rs::exception::PhpException;
use ext_php_rs::flags::{DataType, MethodFlags, PropertyFlags};
use ext_php_rs::types::{ZendObject, Zval};
use ext_php_rs::zend::{ce, ClassEntry, ExecuteData};
use onlyoffice_jwt::{Error, ErrorKind};
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::{Mutex, PoisonError};

use ext_php_rs::args::ArgInfoTables;

/// The PHP name of the base class.
pub const BASE_CLASS: &str = "OnlyOffice\\Jwt\\JwtException";

/// The error name `getErrorName()` returns for a `JwtException` that is not one of the
/// per-code subclasses: an internal failure (a caught panic), with code -1.
pub const INTERNAL_ERROR_NAME: &str = "internal";

/// Defines, for every error kind, its PHP class name and a `getErrorName()` handler
/// returning the kind's stable name.
macro_rules! error_classes {
    ($( $kind:ident => $class:literal, $name:literal, $handler:ident; )*) => {
        $(
            extern "C" fn $handler(_: &mut ExecuteData, retval: &mut Zval) {
                set_name(retval, $name);
            }
        )*

        /// The PHP class name of the subclass for `kind`.
        pub fn class_name(kind: ErrorKind) -> &'static str {
            match kind {
                $( ErrorKind::$kind => $class, )*
                // A kind added to the core after this binding: the base class.
                _ => BASE_CLASS,
            }
        }

        /// Every subclass: its name, the error name it reports and that method's handler.
        const SUBCLASSES: [(&str, &str, extern "C" fn(&mut ExecuteData, &mut Zval)); 14] = [
            $( ($class, $name, $handler), )*
        ];
    };
}

error_classes! {
    Malformed => "OnlyOffice\\Jwt\\MalformedException", "malformed", name_malformed;
    BadSignature => "OnlyOffice\\Jwt\\BadSignatureException", "bad_signature", name_bad_signature;
    AlgNotAllowed => "OnlyOffice\\Jwt\\AlgNotAllowedException", "alg_not_allowed", name_alg_not_allowed;
    Expired => "OnlyOffice\\Jwt\\ExpiredException", "expired", name_expired;
    NotYetValid => "OnlyOffice\\Jwt\\NotYetValidException", "not_yet_valid", name_not_yet_valid;
    MissingClaim => "OnlyOffice\\Jwt\\MissingClaimException", "missing_claim", name_missing_claim;
    InvalidClaim => "OnlyOffice\\Jwt\\InvalidClaimException", "invalid_claim", name_invalid_claim;
    MissingToken => "OnlyOffice\\Jwt\\MissingTokenException", "missing_token", name_missing_token;
    KeyMismatch => "OnlyOffice\\Jwt\\KeyMismatchException", "key_mismatch", name_key_mismatch;
    WeakSecret => "OnlyOffice\\Jwt\\WeakSecretException", "weak_secret", name_weak_secret;
    TooLarge => "OnlyOffice\\Jwt\\TooLargeException", "too_large", name_too_large;
    UrlNotAllowed => "OnlyOffice\\Jwt\\UrlNotAllowedException", "url_not_allowed", name_url_not_allowed;
    InvalidInput => "OnlyOffice\\Jwt\\InvalidInputException", "invalid_input", name_invalid_input;
    InvalidConfig => "OnlyOffice\\Jwt\\InvalidConfigException", "invalid_config", name_invalid_config;
}

/// Writes an error name into a method's return value.
fn set_name(retval: &mut Zval, name: &str) {
    if retval.set_string(name, false).is_err() {
        retval.set_null();
    }
}

/// `JwtException::getErrorName()`: the base class reports an internal failure.
extern "C" fn name_internal(_: &mut ExecuteData, retval: &mut Zval) {
    set_name(retval, INTERNAL_ERROR_NAME);
}

/// The base class entry, recorded when the engine registers it.
static BASE_CLASS_ENTRY: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());

/// The registered base class (`\Exception` before the module has started).
fn base_class_entry() -> &'static ClassEntry {
    let entry = BASE_CLASS_ENTRY.load(Ordering::Acquire);
    // SAFETY: the pointer is null or the engine's class entry, which lives as long as
    // the process has the module loaded.
    unsafe { entry.as_ref() }.unwrap_or_else(ce::exception)
}

/// The argument tables of the registered classes' methods.
struct Parked {
    _tables: ArgInfoTables,
}

// SAFETY: the tables are only moved into the vector below and never read or dropped
// from Rust; the engine reads them, from the thread that runs PHP.
unsafe impl Send for Parked {}

/// Keeps the argument tables alive (and reachable) for the life of the process: the
/// engine keeps pointers into them.
static PARKED: Mutex<Vec<Parked>> = Mutex::new(Vec::new());

/// Parks the argument tables of a registered class.
fn keep_class(_: &'static mut ClassEntry, tables: ArgInfoTables) {
    PARKED
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(Parked { _tables: tables });
}

/// As [`keep_class`], and records the base class entry for the subclasses.
fn keep_base_class(entry: &'static mut ClassEntry, tables: ArgInfoTables) {
    BASE_CLASS_ENTRY.store(entry, Ordering::Release);
    keep_class(entry, tables);
}

/// A `getErrorName(): string` method with the given handler.
fn error_name_method(
    handler: extern "C" fn(&mut ExecuteData, &mut Zval),
) -> FunctionBuilder<'static> {
    FunctionBuilder::new("getErrorName", handler).returns(DataType::String, false, false)
}

/// Registers the base class and the 14 subclasses; called from the module startup.
pub fn register() -> ext_php_rs::error::Result<()> {
    ClassBuilder::new(BASE_CLASS)
        .extends((ce::exception, "\\Exception"))
        .method(error_name_method(name_internal), MethodFlags::Public)
        .method(
            FunctionBuilder::new("getDetail", get_detail).returns(DataType::String, false, true),
            MethodFlags::Public,
        )
        .property(ClassProperty {
            name: DETAIL.to_owned(),
            flags: PropertyFlags::Protected,
            default: None,
            docs: &[],
            ty: None,
            nullable: true,
            readonly: false,
            default_stub: Some("null".to_owned()),
        })
        .registration(keep_base_class)
        .register()?;
    for (class, _, handler) in SUBCLASSES {
        ClassBuilder::new(class)
            .extends((base_class_entry, "\\OnlyOffice\\Jwt\\JwtException"))
            .method(error_name_method(handler), MethodFlags::Public)
            .registration(keep_class)
            .register()?;
    }
    Ok(())
}

/// The PHP exception for a core error: the kind's subclass, its number as the code,
/// and the core's detail (which part of the input failed) for `getDetail()`.
pub fn from_error(error: &Error) -> PhpException {
    let kind = error.kind();
    let class = ClassEntry::try_find(class_name(kind)).unwrap_or_else(base_class_entry);
    let code = i32::try_from(kind.number()).unwrap_or(0);
    let exception = PhpException::new(error.message().to_owned(), code, class);
    match error
        .detail()
        .and_then(|detail| with_detail(class, error.message(), code, &detail.to_string()))
    {
        Some(object) => exception.with_object(object),
        None => exception,
    }
}

extern "C" {
    /// `Zend/zend_API.h`: sets a property as code of `scope` would (so a protected one).
    fn zend_update_property(
        scope: *mut ClassEntry,
        object: *mut ZendObject,
        name: *const std::ffi::c_char,
        name_length: usize,
        value: *mut Zval,
    );
    /// `Zend/zend_API.h`: reads a property as code of `scope` would.
    fn zend_read_property(
        scope: *mut ClassEntry,
        object: *mut ZendObject,
        name: *const std::ffi::c_char,
        name_length: usize,
        silent: bool,
        rv: *mut Zval,
    ) -> *mut Zval;
}

const DETAIL: &str = "detail";

/// The exception object of `class` with its message and code (its constructor runs, so
/// file, line and trace are PHP's own) and the protected `detail` set.
fn with_detail(class: &'static ClassEntry, message: &str, code: i32, detail: &str) -> Option<Zval> {
    let mut object = ZendObject::new(class);
    object
        .try_call_method("__construct", vec![&message, &i64::from(code)])
        .ok()?;
    let mut value = Zval::new();
    value.set_string(detail, false).ok()?;
    let scope = std::ptr::from_ref(base_class_entry()).cast_mut();
    // SAFETY: `object` is a live object of a subclass of `scope`, which declares the
    // property; the engine copies `value` (and its reference) into it.
    unsafe {
        zend_update_property(
            scope,
            &raw mut *object,
            DETAIL.as_ptr().cast(),
            DETAIL.len(),
            &raw mut value,
        );
    }
    let mut zval = Zval::new();
    object.set_zval(&mut zval, false).ok()?;
    Some(zval)
}

/// `getDetail(): ?string`: which part of the input failed (`header.json`,
/// `claims.exp`, …), or null.
extern "C" fn get_detail(execute_data: &mut ExecuteData, retval: &mut Zval) {
    retval.set_null();
    let Some(this) = execute_data.get_self() else {
        return;
    };
    let scope = std::ptr::from_ref(base_class_entry()).cast_mut();
    let mut rv = Zval::new();
    // SAFETY: `this` is the live object the method was called on; the engine returns
    // a pointer to the property (or to `rv`), valid during this call.
    let value = unsafe {
        zend_read_property(
            scope,
            &raw mut *this,
            DETAIL.as_ptr().cast(),
            DETAIL.len(),
            true,
            &raw mut rv,
        )
    };
    // SAFETY: as above, the pointer is valid during this call or null.
    if let Some(detail) = unsafe { value.as_ref() }.and_then(Zval::str) {
        set_name(retval, detail);
    }
}

/// The PHP exception for a panic caught at the binding's boundary: code -1, name
/// `internal`, as `OOJWT_ERR_INTERNAL` in the C ABI.
pub fn internal() -> PhpException {
    PhpException::new(
        "internal error in the onlyoffice-jwt extension (a Rust panic was caught); please report it"
            .to_owned(),
        -1,
        base_class_entry(),
    )
}
