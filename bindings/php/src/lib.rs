//! The PHP extension `onlyoffice_jwt`: every operation of the onlyoffice-jwt core as an
//! `OnlyOffice\Jwt\<operation>` function.
//!
//! The binding is thin: each function converts its PHP arguments to JSON values
//! ([`convert`]), calls `onlyoffice_jwt::internal::json_api::<operation>` (which parses and
//! defaults the options), converts the result back and maps a failure onto the
//! exception class of its error code ([`exceptions`]). Every call runs inside
//! `catch_unwind`: a panic becomes a `JwtException` with code -1 (`internal`) and
//! never reaches PHP.
//! Arguments are taken untyped so that a wrong type is an `InvalidInputException`
//! (code 13) rather than a PHP `TypeError`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use ext_php_rs::flags::IniEntryPermission;
use ext_php_rs::prelude::*;
use ext_php_rs::types::Zval;
use ext_php_rs::zend::{IniEntryDef, IniEntryDefs};
use std::borrow::Cow;

use onlyoffice_jwt::internal::json::{Failure, JsonWriter};
use onlyoffice_jwt::internal::json_api::{self, Arg, Output};
use onlyoffice_jwt::internal::table::{ArgKind, Argument, Binding, Op};
use onlyoffice_jwt::{Result, Secret};

use crate::collector::Paused;
use serde_json::Value;

pub mod collector;
pub mod convert;
pub mod exceptions;
pub mod memory;
pub mod sensitive;
pub mod table;

/// Rust's allocations in this extension (JSON values, strings) go to mimalloc: the
/// conversions allocate many small blocks per call, and with glibc's malloc they took
/// about half the time of `sign`. PHP's own memory stays with the Zend allocator.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// One argument of a PHP function as the core takes it, read as the table declares it
/// (strings stay borrowed for as long as the collector is held off).
fn argument<'z>(paused: &'z Paused, declared: &Argument, zval: &'z Zval) -> Result<Arg<'z>> {
    let name = declared.name;
    Ok(match declared.kind {
        ArgKind::Secrets => Arg::Secrets(convert::secrets_arg(paused, zval)?),
        ArgKind::Secret => Arg::Secrets(vec![Secret::new(convert::bytes_arg(paused, zval, name)?)]),
        ArgKind::Claims if convert::is_object_like(zval) => {
            // An array or object is written straight to JSON text (no tree); anything
            // else goes to the core as a value, which decides (an empty array is an
            // empty object).
            let mut writer = JsonWriter::for_claims();
            convert::write_json(paused, zval, name, &mut writer)?;
            Arg::Written(writer)
        }
        ArgKind::Claims | ArgKind::Object | ArgKind::StringOrInt => {
            Arg::Json(Cow::Owned(convert::to_json(paused, zval, name)?))
        }
        ArgKind::Text => Arg::Text(Cow::Borrowed(convert::string_arg(paused, zval, name)?)),
        ArgKind::OptionalText | ArgKind::OptionalBytes => {
            match convert::optional_string_arg(paused, Some(zval), name)? {
                Some(text) => Arg::Text(Cow::Borrowed(text)),
                None => Arg::Absent,
            }
        }
        ArgKind::Bytes => Arg::Bytes(Cow::Borrowed(convert::bytes_arg(paused, zval, name)?)),
        _ => return Err(invalid_input(format!("{name}: not supported"))),
    })
}

/// Runs operation `op` for a function of `operations.rs`: its arguments read while the
/// cycle collector is held off ([`collector`]), the core's `json_api::call`, and the
/// result turned into PHP values. Verified claims are built while the collector is
/// still held off (the options and the token stay borrowed until then); any other
/// result owns its data and is turned into PHP values after the collector is back.
/// Panics are caught and core errors turned into the matching exception.
fn call(op: Op, args: &[&Zval], options: Option<&Zval>) -> PhpResult<Zval> {
    let result = catch_unwind(AssertUnwindSafe(|| -> Result<Built> {
        let paused = Paused::new();
        let paused = &paused;
        // `objects` is this binding's own option (the form of verify's result, as
        // json_decode's $associative), not the core's.
        let own = op
            .declaration()
            .options
            .iter()
            .find(|opt| opt.only_in == Some(Binding::Php))
            .map(|opt| opt.name);
        let (options, objects) = convert::host_options(paused, op, options, own)?;
        // The arguments on the stack (no operation takes more than three).
        let declared = op.declaration().arguments;
        let mut core_args = [Arg::Absent, Arg::Absent, Arg::Absent];
        if declared.len() > core_args.len() || args.len() != declared.len() {
            return Err(invalid_input(format!("{}: arguments", op.name())));
        }
        for ((slot, declared), zval) in core_args.iter_mut().zip(declared).zip(args) {
            *slot = argument(paused, declared, zval)?;
        }
        let core_args = &mut core_args[..declared.len()];
        let value = match json_api::call(op, core_args, options)? {
            Output::Claims(claims) => {
                return match claims.build(&mut convert::PhpBuilder { objects }) {
                    Ok(claims) => Ok(Built::Php(claims)),
                    Err(Failure::Core(error) | Failure::Host(error)) => Err(error),
                };
            }
            Output::Value(value) => value,
            Output::Bytes(_) | Output::Jws(_) => {
                return Err(invalid_input(format!("{}: not in PHP", op.name())))
            }
        };
        match value.as_str() {
            Some(text) if text.len() >= convert::LARGE_STRING => {
                memory::check("result", text.len())?;
            }
            _ => {}
        }
        Ok(Built::Json(value))
    }));
    match result {
        Ok(Ok(Built::Php(claims))) => Ok(claims),
        Ok(Ok(Built::Json(value))) => {
            convert::to_php(&value).map_err(|error| exceptions::from_error(&error))
        }
        Ok(Err(error)) => Err(exceptions::from_error(&error)),
        Err(_) => Err(exceptions::internal()),
    }
}

/// A result: PHP values already, or a JSON value to turn into them.
enum Built {
    Php(Zval),
    Json(Value),
}

/// An `invalid_input` error.
fn invalid_input(message: String) -> onlyoffice_jwt::Error {
    onlyoffice_jwt::Error::new(onlyoffice_jwt::ErrorKind::InvalidInput, message)
}

// One `OnlyOffice\Jwt\<operation>` per operation of the table that PHP has, each
// passing its arguments to `call`, and `add_operations` (build.rs). Arguments are taken
// untyped so that a wrong type is an `InvalidInputException` (code 13) rather than a
// PHP `TypeError`.
include!(concat!(env!("OUT_DIR"), "/operations.rs"));

/// The extension's ini settings (php.ini or the web server's configuration, not
/// `ini_set`):
/// - `onlyoffice_jwt.compat_strict_keys` — with 1, the firebase/php-jwt facade refuses
///   keys shorter than firebase 7's minimums (32/48/64 bytes for HS256/384/512); with 0
///   (the default, as firebase 6.11 which the Nextcloud connector pins) it accepts them
///   and logs one warning per process;
/// - `onlyoffice_jwt.compat_leeway_floor` — the fewest seconds of clock tolerance the
///   facade's `JWT::decode` applies, whatever `JWT::$leeway` says (default 0: firebase's
///   behaviour; 60 is the Document Server's own tolerance, so that a DS clock a few
///   seconds ahead no longer fails every save of a connector that leaves the leeway 0).
static INI_ENTRIES: IniEntryDefs<3> = IniEntryDefs::new([
    IniEntryDef::new(
        c"onlyoffice_jwt.compat_strict_keys",
        c"0",
        IniEntryPermission::PerDir,
    ),
    IniEntryDef::new(
        c"onlyoffice_jwt.compat_leeway_floor",
        c"0",
        IniEntryPermission::PerDir,
    ),
    IniEntryDef::end(),
]);

/// Registers the ini settings and the exception classes and marks the secret
/// parameters at module startup (0 = success).
extern "C" fn startup(_type: i32, module_number: i32) -> i32 {
    let registered = catch_unwind(|| {
        IniEntryDef::register(INI_ENTRIES.as_slice(), module_number);
        exceptions::register().map(|()| sensitive::mark_secret_parameters())
    });
    match registered {
        Ok(Ok(true)) => 0,
        _ => 1,
    }
}

/// The module: name `onlyoffice_jwt`, the exception classes and the functions.
#[php_module]
#[php(startup = startup)]
pub fn module(module: ModuleBuilder) -> ModuleBuilder {
    add_operations(module.name("onlyoffice_jwt"))
}
