//! # The table of onlyoffice-jwt
//!
//! Every operation of the API and every error kind, declared once: names, arguments,
//! options with their types and defaults, results, documentation, error numbers and
//! summaries. From it come:
//!
//! - the core's reading of a call's options (`onlyoffice_jwt::json_api`), defaults
//!   included, and its one entry point `json_api::call`;
//! - the wrappers of the Python, PHP and C bindings, written by their build scripts
//!   ([`render`]), and the PHP parameters hidden from stack traces;
//! - the stubs (`_native.pyi`, `onlyoffice_jwt.stub.php`), the C header's comments and
//!   the reference of `docs/api.md`, which `make test` regenerates and compares
//!   (`tests/generated.rs`; `make generate` writes them).
//!
//! It has no dependencies, so that the bindings' build scripts read it at once.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod errors;
pub mod operations;
pub mod render;

pub use errors::{Detail, ErrorKind, Segment};
pub use operations::{
    defaults, opts, ArgKind, Argument, Binding, Default, Op, Operation, Opt, OptKind, Returns,
    OPERATIONS,
};
