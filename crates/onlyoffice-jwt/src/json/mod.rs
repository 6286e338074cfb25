//! JSON straight into and out of a binding's own values (Python dicts and lists, PHP
//! arrays, …), with no [`serde_json::Value`] tree in between, and every JSON rule of
//! the core in one place. One module a job:
//!
//! - [`parse`]: the strict parser ([`parse_with`]), which drives a [`Build`]. Every
//!   rule stays there — duplicate members, the nesting limit, number rules, trailing
//!   data — and a builder only creates values.
//! - [`build`]: the trait [`Build`] a binding implements to make its values, the
//!   builder of the core's own `Value` ([`ValueBuilder`]: the JSON-text host of C, the
//!   CLI and the vector runners, so that every path shares one parser), and
//!   [`build_value`], which makes a host's values from a `Value` the core returns.
//! - [`write`]: the trait [`Sink`] a binding's reader drives with its values, and its
//!   two sinks: [`JsonWriter`] (JSON text, exactly what `serde_json` writes for the same
//!   `Value`, so tokens stay byte-identical) and [`ValueSink`] (a `Value`).
//!
//! So a binding writes two converters: one reader of its values into any [`Sink`], and
//! one [`Build`]. Integers beyond 64 bits, which `Value` cannot hold, reach a builder as
//! their decimal text ([`Build::big_integer`]) and are written by [`Sink::big_integer`]:
//! a Python int of any size comes back as it went in.

pub mod build;
pub mod parse;
#[cfg(test)]
pub(crate) mod tests;
pub mod write;

pub use build::{build_value, Build, ValueBuilder, ValueObject};
pub use parse::{parse_with, ParseError, Probe, Probed};
pub use write::{JsonWriter, Sink, ValueSink};

/// Why a step that builds host values failed: the core's verdict, or the host.
#[derive(Debug)]
pub enum Failure<E> {
    /// The core refused the input.
    Core(crate::Error),
    /// The builder failed.
    Host(E),
}

impl<E> From<crate::Error> for Failure<E> {
    fn from(error: crate::Error) -> Failure<E> {
        Failure::Core(error)
    }
}
