//! Tests of the `onlyoffice-jwt` command-line tool: every subcommand and exit code,
//! one fixture per audit finding, and `probe` against the Document Server stand-in.
//! Expected values come from independent sources: node's jsonwebtoken, Python-computed
//! known answers (noted where used), hand-written fixtures.

mod audit;
mod common;
mod derive;
mod doctor;
mod hardening;
mod probe;
mod tokens;
