//! Reading inputs: secrets (file, environment, stdin, or a plain argument with a
//! warning), texts from files or stdin, all bounded in size.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use clap::Args;
use onlyoffice_jwt::{regular_file, Keyring, Secret};
use zeroize::Zeroizing;

use crate::failure::Failure;

/// The largest text read from a file or stdin (claims, tokens, configurations).
pub const MAX_INPUT: u64 = 1 << 20;

/// Where the secret comes from. Exactly one kind of source must be given.
#[derive(Args, Debug, Default)]
pub struct SecretArgs {
    /// Read the secret from PATH (one trailing newline is dropped unless
    /// --keep-newline); repeat to add previous secrets that still verify.
    #[arg(long, value_name = "PATH")]
    pub secret_file: Vec<PathBuf>,
    /// Keep the trailing newline of --secret-file, as the Document Server does for
    /// its secret.*.file settings.
    #[arg(long)]
    pub keep_newline: bool,
    /// Read the secret from the environment variable NAME.
    #[arg(long, value_name = "NAME")]
    pub secret_env: Option<String>,
    /// Read the secret from the first line of standard input.
    #[arg(long)]
    pub secret_stdin: bool,
    /// The secret itself (works, but stays in the shell history: prefer the others).
    #[arg(long, value_name = "SECRET")]
    pub secret: Option<String>,
    /// Accept a short secret or the default `secret` (legacy installations).
    #[arg(long)]
    pub allow_weak: bool,
}

impl SecretArgs {
    /// Whether the secret is read from stdin (which then cannot carry other input).
    pub fn uses_stdin(&self) -> bool {
        self.secret_stdin
    }

    /// The secrets given, the signing one first.
    pub fn secrets(&self) -> Result<Vec<Secret>, Failure> {
        let kinds = [
            !self.secret_file.is_empty(),
            self.secret_env.is_some(),
            self.secret_stdin,
            self.secret.is_some(),
        ];
        match kinds.iter().filter(|given| **given).count() {
            0 => {
                return Err(Failure::input(
                    "no secret given: use --secret-file PATH, --secret-env NAME or \
                     --secret-stdin",
                ))
            }
            1 => {}
            _ => {
                return Err(Failure::input(
                    "give the secret one way only (--secret-file, --secret-env, \
                     --secret-stdin or --secret)",
                ))
            }
        }
        if let Some(text) = &self.secret {
            tell!(
                "onlyoffice-jwt: warning: a secret given on the command line stays in the \
                 shell history and is visible to other users in the process list; prefer \
                 --secret-file, --secret-env or --secret-stdin"
            );
            return Ok(vec![Secret::from(text.as_str())]);
        }
        if let Some(name) = &self.secret_env {
            return Ok(vec![Secret::from_env(name)?]);
        }
        if self.secret_stdin {
            return Ok(vec![secret_from_stdin()?]);
        }
        self.secret_file
            .iter()
            .map(|path| secret_file(path, !self.keep_newline))
            .collect()
    }

    /// The secrets as a keyring, checked against the policy (`--allow-weak`).
    pub fn keyring(&self) -> Result<Keyring, Failure> {
        Ok(Keyring::from_secrets(self.secrets()?, self.allow_weak)?)
    }

    /// The one secret given (a master secret): a second `--secret-file` is refused.
    pub fn single(&self) -> Result<Secret, Failure> {
        let mut secrets = self.secrets()?;
        if secrets.len() > 1 {
            return Err(Failure::input("give one secret only"));
        }
        Ok(secrets.remove(0))
    }
}

/// Reads a secret file (a regular file, opened without blocking, bounded), optionally
/// dropping one trailing newline.
pub fn secret_file(path: &Path, strip_newline: bool) -> Result<Secret, Failure> {
    Ok(Secret::from_file(path, strip_newline)?)
}

fn secret_from_stdin() -> Result<Secret, Failure> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        let _ = std::io::Write::write_all(&mut std::io::stderr(), b"secret: ");
    }
    let mut line = Zeroizing::new(String::new());
    std::io::BufRead::read_line(&mut stdin.lock().take(MAX_INPUT), &mut line)
        .map_err(|e| Failure::input(format!("cannot read the secret from stdin: {e}")))?;
    let text = line.strip_suffix('\n').unwrap_or(&line);
    let text = text.strip_suffix('\r').unwrap_or(text);
    Ok(Secret::from(text))
}

/// Reads a text: `-` is stdin, anything else the path of a regular file (opened
/// without blocking: a FIFO or device is refused at once); at most [`MAX_INPUT`] bytes.
pub fn read_text(source: &str) -> Result<String, Failure> {
    if source != "-" {
        let mut bytes = regular_file::read(Path::new(source), MAX_INPUT)
            .map_err(|e| Failure::input(format!("{source} {e}")))?;
        return String::from_utf8(std::mem::take(&mut *bytes))
            .map_err(|_| Failure::input(format!("{source} is not UTF-8 text")));
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_INPUT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::input(format!("cannot read stdin: {}", e.kind())))?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(Failure::input(format!(
            "stdin is larger than {MAX_INPUT} bytes"
        )));
    }
    String::from_utf8(bytes).map_err(|_| Failure::input("stdin is not UTF-8 text"))
}

/// A value given inline, or `-` for stdin (refused when stdin carries the secret).
pub fn inline_or_stdin(value: &str, secret: &SecretArgs) -> Result<String, Failure> {
    if value == "-" {
        if secret.uses_stdin() {
            return Err(Failure::input(
                "stdin carries the secret; give this input as an argument or a file",
            ));
        }
        return Ok(read_text("-")?.trim().to_owned());
    }
    Ok(value.to_owned())
}
