//! The exception classes: the base `JwtError` and one subclass per core [`ErrorKind`],
//! each carrying the stable `code` (name) and `number` as class attributes.

use onlyoffice_jwt::{Error, ErrorKind};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyType;

create_exception!(
    onlyoffice_jwt,
    JwtError,
    PyException,
    "Base class of every onlyoffice_jwt error.\n\n`code` is the stable error name (e.g. \
     \"bad_signature\") and `number` its stable number, as in every language of \
     onlyoffice-jwt. Raised as the base class itself (code \"internal\", number -1, as \
     in the PHP and C bindings) only for an internal failure of the library, never as a \
     verdict on the input."
);

/// Declares one exception class per error kind, the kind → class mapping, and their
/// registration in the module.
macro_rules! error_classes {
    ($($kind:ident => $class:ident: $doc:literal;)*) => {
        $(create_exception!(onlyoffice_jwt, $class, JwtError, $doc);)*

        /// The exception class raised for `kind`.
        fn class_of(py: Python<'_>, kind: ErrorKind) -> Bound<'_, PyType> {
            match kind {
                $(ErrorKind::$kind => py.get_type::<$class>(),)*
                // A kind added to the core after this binding: the base class.
                _ => py.get_type::<JwtError>(),
            }
        }

        /// Adds the base class and every subclass to `module`, with `code` and `number`.
        pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
            let py = module.py();
            let base = py.get_type::<JwtError>();
            base.setattr("code", "internal")?;
            base.setattr("number", -1)?;
            base.setattr("detail", py.None())?;
            module.add("JwtError", base)?;
            $(
                let class = py.get_type::<$class>();
                class.setattr("code", ErrorKind::$kind.name())?;
                class.setattr("number", ErrorKind::$kind.number())?;
                module.add(stringify!($class), class)?;
            )*
            Ok(())
        }
    };
}

error_classes! {
    Malformed => MalformedError: "The token or body is not well-formed (encoding, JSON, structure).";
    BadSignature => BadSignatureError: "The signature matches none of the accepted secrets.";
    AlgNotAllowed => AlgNotAllowedError: "The header names an algorithm outside the allow-list (including none).";
    Expired => ExpiredError: "The token's exp is in the past, beyond the leeway.";
    NotYetValid => NotYetValidError: "The token's nbf or iat is in the future, beyond the leeway.";
    MissingClaim => MissingClaimError: "A required claim is absent.";
    InvalidClaim => InvalidClaimError: "A claim is present but has the wrong type or value.";
    MissingToken => MissingTokenError: "No token was given where one is required.";
    KeyMismatch => KeyMismatchError: "The signed document key differs from the expected one.";
    WeakSecret => WeakSecretError: "A secret is empty, the default `secret`, or shorter than 32 bytes.";
    TooLarge => TooLargeError: "An input exceeds its size limit.";
    UrlNotAllowed => UrlNotAllowedError: "A URL points outside the allowed origins.";
    InvalidInput => InvalidInputError: "An argument or option is invalid.";
    InvalidConfig => InvalidConfigError: "A configuration (e.g. a Document Server local.json) cannot be used.";
}

/// The exception for a core error: its kind's class with the core's message, and the
/// core's `detail` (which part of the input failed, or None) as its `detail` attribute.
pub fn core_error(py: Python<'_>, error: &Error) -> PyErr {
    let exception = PyErr::from_type(class_of(py, error.kind()), error.message().to_owned());
    if let Some(detail) = error.detail() {
        if let Err(failed) = exception.value(py).setattr("detail", detail.to_string()) {
            return failed;
        }
    }
    exception
}

/// An `InvalidInputError` for an argument this layer cannot convert.
pub fn invalid_input(message: impl Into<String>) -> PyErr {
    InvalidInputError::new_err(message.into())
}

/// The base `JwtError` raised instead of a Rust panic.
pub fn panic_error() -> PyErr {
    JwtError::new_err("internal error in onlyoffice_jwt (a Rust panic was caught)")
}
