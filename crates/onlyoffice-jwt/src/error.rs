//! Errors: an [`Error`] is one [`ErrorKind`] (the catalog of the table of operations,
//! with the stable names and numbers every language shows), a message and a detail.

pub use onlyoffice_jwt_table::ErrorKind;

/// A failure: its [`ErrorKind`], a message that says which step failed, and where
/// known the [`detail`](Error::detail) naming the part of the input that failed.
///
/// Messages never contain a secret or a whole token.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    kind: ErrorKind,
    message: String,
    detail: Option<String>,
}

impl Error {
    /// A new error of `kind` with a message naming what was wrong.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            detail: None,
        }
    }

    /// The same error with its [`detail`](Error::detail) set.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Error {
        self.detail = Some(detail.into());
        self
    }

    /// Which part of the input failed, as a stable dotted name, where the step knows it
    /// (`None` otherwise), so that a facade can word its own message without parsing
    /// this one:
    ///
    /// - the token's structure: `token.segments` (not three segments),
    ///   `header.base64`, `payload.base64`, `signature.base64` (not canonical unpadded
    ///   base64url), `header.json`, `payload.json` (not valid JSON, or a duplicate
    ///   member or nesting beyond the limit), `header.object`, `payload.object` (JSON,
    ///   but not an object);
    /// - the header: `header.alg`, `header.typ`, `header.crit`, `header.b64`;
    /// - the claims: `claims.<name>` for a time claim of the wrong type or out of its
    ///   window (`claims.exp`, `claims.nbf`, `claims.iat`) and for an absent required
    ///   claim.
    pub fn detail(&self) -> Option<&str> {
        self.detail.as_deref()
    }

    /// The class of the failure.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The human-readable message (without the kind's name).
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// Builds an [`Error`]: `err!(Malformed, "token has {} segments", n)`; with a leading
/// `detail = "header.json";`, also its [`Error::detail`].
macro_rules! err {
    (detail = $detail:expr; $kind:ident, $($arg:tt)+) => {
        $crate::error::Error::new($crate::error::ErrorKind::$kind, format!($($arg)+))
            .with_detail($detail)
    };
    ($kind:ident, $($arg:tt)+) => {
        $crate::error::Error::new($crate::error::ErrorKind::$kind, format!($($arg)+))
    };
}
pub(crate) use err;
