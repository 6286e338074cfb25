//! Failures and their exit codes: 1 when the check failed (a token that does not
//! verify, a refused probe), 2 for usage and input errors.

use onlyoffice_jwt::{Error, ErrorKind};
use serde_json::json;

/// A failure to report, with its exit code.
#[derive(Debug)]
pub struct Failure {
    exit: u8,
    code: &'static str,
    message: String,
}

impl Failure {
    /// A usage or input error (exit 2).
    pub fn input(message: impl Into<String>) -> Failure {
        Failure {
            exit: 2,
            code: ErrorKind::InvalidInput.name(),
            message: message.into(),
        }
    }

    /// A failed check (exit 1) with its own code, e.g. `unreachable`.
    pub fn check(code: &'static str, message: impl Into<String>) -> Failure {
        Failure {
            exit: 1,
            code,
            message: message.into(),
        }
    }

    /// A core error: a token or URL that fails its check exits 1; a bad secret,
    /// argument or configuration exits 2.
    pub fn core(error: Error) -> Failure {
        let exit = match error.kind() {
            ErrorKind::WeakSecret
            | ErrorKind::InvalidInput
            | ErrorKind::TooLarge
            | ErrorKind::InvalidConfig => 2,
            _ => 1,
        };
        Failure {
            exit,
            code: error.kind().name(),
            message: error.message().to_owned(),
        }
    }

    /// The process exit code.
    pub fn exit_code(&self) -> u8 {
        self.exit
    }

    /// Reports the failure: a JSON object on stdout with `--json`, else a line on stderr.
    pub fn report(&self, json: bool) {
        if json {
            crate::print_json(&json!({"ok": false, "error": {
                "code": self.code,
                "message": self.message,
            }}));
        } else {
            tell!("onlyoffice-jwt: {}: {}", self.code, self.message);
        }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure::core(error)
    }
}
