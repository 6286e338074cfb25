//! The Python module `onlyoffice_jwt` (native part `onlyoffice_jwt._native`).
//!
//! A thin layer over [`onlyoffice_jwt::internal::json_api`]: it converts Python arguments for the
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

use std::borrow::Cow;

use onlyoffice_jwt::internal::json::{Failure, JsonWriter};
use onlyoffice_jwt::internal::json_api::{self, Arg, Output};
use onlyoffice_jwt::internal::table::{ArgKind, Argument, Op};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use serde_json::Value;

use convert::{
    bytes_arg, host_entries, options_of, py_to_value, secrets_from_py, single_secret, text_option,
    text_or_bytes, value_to_py, write_json, PyBuilder,
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

/// The Python argument of one declared argument, as the core takes it; its size.
fn argument<'a>(
    declared: &Argument,
    object: Option<&'a Bound<'_, PyAny>>,
) -> PyResult<(Arg<'a>, usize)> {
    let name = declared.name;
    let object = match object {
        Some(object) if !object.is_none() => object,
        _ => match declared.kind {
            ArgKind::OptionalText | ArgKind::OptionalBytes => return Ok((Arg::Absent, 0)),
            _ => return Err(errors::invalid_input(format!("{name} must not be None"))),
        },
    };
    let arg = match declared.kind {
        ArgKind::Secrets => Arg::Secrets(secrets_from_py(object)?),
        ArgKind::Secret => Arg::Secrets(vec![single_secret(object)?]),
        ArgKind::Claims if object.is_instance_of::<PyDict>() => {
            // A dict is written straight to JSON text (no tree); anything else goes to
            // the core as a value, which decides (an empty list is an empty object).
            let mut writer = JsonWriter::for_claims();
            write_json(object, &mut writer)?;
            Arg::Written(writer)
        }
        ArgKind::Claims | ArgKind::Object | ArgKind::StringOrInt => {
            let (value, size) = py_to_value(object)?;
            return Ok((Arg::Json(Cow::Owned(value)), size));
        }
        ArgKind::Text | ArgKind::OptionalText => Arg::Text(text_or_bytes(object, name)?),
        ArgKind::Bytes | ArgKind::OptionalBytes => Arg::Bytes(bytes_arg(object, name)?),
        _ => return Err(errors::invalid_input(format!("{name}: not supported"))),
    };
    let size = arg.size();
    Ok((arg, size))
}

/// Runs operation `op` for a wrapper of `operations.rs`: `args` in the table's order
/// (`None`: an optional argument not given), `positional` the options Python also
/// takes by position (text, as the arguments are: str or bytes), `keywords` the other
/// declared options, `unknown` any other keyword (which the core names in its refusal).
fn call<'py>(
    py: Python<'py>,
    op: Op,
    args: &[Option<&Bound<'py, PyAny>>],
    positional: &[(&'static str, Option<&Bound<'py, PyAny>>)],
    keywords: &[(&'static str, Option<&Bound<'py, PyAny>>)],
    unknown: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let declaration = op.declaration();
        let mut entries = host_entries(keywords, unknown)?;
        for (name, value) in positional {
            entries.extend(text_option(*value, name)?);
        }
        let options = options_of(py, op, entries)?;
        // The arguments on the stack (no operation takes more than three).
        let declared = declaration.arguments;
        let mut core_args = [Arg::Absent, Arg::Absent, Arg::Absent];
        if declared.len() > core_args.len() || args.len() != declared.len() {
            return Err(errors::invalid_input(format!("{}: arguments", op.name())));
        }
        let mut size = 0;
        for ((slot, declared), object) in core_args.iter_mut().zip(declared).zip(args) {
            let (arg, its_size) = argument(declared, *object)?;
            size += its_size;
            *slot = arg;
        }
        let core_args = &mut core_args[..declared.len()];
        match run(py, size, || json_api::call(op, core_args, options))? {
            Output::Value(value) => value_to_py(py, &value),
            Output::Bytes(bytes) => Ok(PyBytes::new(py, &bytes).into_any()),
            Output::Jws(jws) => jws_to_py(py, jws),
            Output::Claims(claims) => match claims.build(&mut PyBuilder::new(py)) {
                Ok(claims) => Ok(claims),
                Err(Failure::Core(error)) => Err(core_error(py, &error)),
                Err(Failure::Host(error)) => Err(error),
            },
        }
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

// One `#[pyfunction]` per operation of the table that Python has, each passing its
// arguments to `call`, with the table's signature and documentation (build.rs).
include!(concat!(env!("OUT_DIR"), "/operations.rs"));

/// The native part of the `onlyoffice_jwt` package: the operations and the exceptions.
#[pymodule]
#[pyo3(name = "_native")]
fn native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(module)?;
    add_operations(module)?;
    module.add("DETACH_THRESHOLD", DETACH_THRESHOLD)?;
    Ok(())
}
