//! Errors: an [`Error`] is one [`ErrorKind`] (the catalog of the table of operations,
//! with the stable names and numbers every language shows), a message and a detail.

pub use onlyoffice_jwt_table::{Detail, ErrorKind, Segment};

/// A failure: its [`ErrorKind`], a message that says which step failed, and where
/// known the [`detail`](Error::detail) naming the part of the input that failed.
///
/// Messages never contain a secret or a whole token.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    kind: ErrorKind,
    message: String,
    detail: Option<Detail>,
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
    pub fn with_detail(mut self, detail: Detail) -> Error {
        self.detail = Some(detail);
        self
    }

    /// Which part of the input failed, where the step knows it (`None` otherwise):
    /// typed, and shown in every language as its stable dotted name (see [`Detail`]).
    pub fn detail(&self) -> Option<&Detail> {
        self.detail.as_ref()
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
/// `detail = Detail::Json(Segment::Header);`, also its [`Error::detail`].
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
