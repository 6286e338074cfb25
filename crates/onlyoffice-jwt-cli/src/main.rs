//! `onlyoffice-jwt`: the command-line tool for ONLYOFFICE Docs administrators.
//!
//! Argument handling and presentation only: every rule (signing, verification, the
//! audit, derivation, the Document Server's reply codes) is the core's. Exit codes:
//! 0 ok, 1 the check failed, 2 usage or input error.

/// Writes to stdout (`say!`, like `println!`) or stderr (`tell!`, like `eprintln!`);
/// a closed stream (e.g. `| head`) is not an error and never a panic.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// See [`say!`]: the same on stderr.
macro_rules! tell {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod audit;
mod derive;
mod doctor;
mod failure;
mod input;
mod platform;
mod probe;
mod token;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::failure::Failure;

/// Secrets, tokens and Document Server configuration for ONLYOFFICE Docs connectors.
#[derive(Parser)]
#[command(name = "onlyoffice-jwt", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a random secret: 32 bytes from the OS generator, base64url.
    Keygen(token::KeygenArgs),
    /// Sign JSON claims into a JWT.
    Sign(token::SignArgs),
    /// Verify a JWT and print its claims (exit 1 if it is not valid).
    Verify(token::VerifyArgs),
    /// Show a JWT's header and claims WITHOUT verifying anything.
    Decode(token::DecodeArgs),
    /// Derive the Document Server's secrets from a master secret; print or merge them.
    Derive(derive::DeriveArgs),
    /// Compute the document key of a file version.
    DocKey(token::DocKeyArgs),
    /// Audit a Document Server local.json (exit 1 on findings of severity error).
    Audit(audit::AuditArgs),
    /// Send a signed version command to a live Document Server and explain its reply.
    Probe(probe::ProbeArgs),
    /// Check that a Nextcloud or Seahub installation is protected (exit 1 if not).
    Doctor(doctor::DoctorArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (json, result) = match &cli.command {
        Command::Keygen(args) => (args.json, token::keygen(args)),
        Command::Sign(args) => (args.json, token::sign(args)),
        Command::Verify(args) => (args.json, token::verify(args)),
        Command::Decode(args) => (args.json, token::decode(args)),
        Command::Derive(args) => (args.json, derive::run(args)),
        Command::DocKey(args) => (args.json, token::doc_key(args)),
        Command::Audit(args) => (args.json, audit::run(args)),
        Command::Probe(args) => (args.json, probe::run(args)),
        Command::Doctor(args) => (args.json, doctor::run(args)),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            failure.report(json);
            ExitCode::from(failure.exit_code())
        }
    }
}

/// Prints `value` as pretty JSON on stdout.
fn print_json(value: &serde_json::Value) {
    say!(
        "{}",
        serde_json::to_string_pretty(value).unwrap_or_default()
    );
}

/// The exit code of a passed check.
const OK: u8 = 0;
/// The exit code of a failed check.
const FAILED: u8 = 1;

/// Result of a subcommand: its exit code, or a failure to report.
type Outcome = Result<u8, Failure>;
