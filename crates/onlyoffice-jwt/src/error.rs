//! Errors: one [`ErrorKind`] per failure class, with the stable names and numbers
//! shared by every language binding.

use std::fmt;

/// The class of a failure. Names and numbers are stable and identical in Rust, PHP,
/// Python and C.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The token or body is not well-formed (encoding, JSON, structure).
    Malformed,
    /// The signature does not match any accepted secret.
    BadSignature,
    /// The header names an algorithm outside the allow-list (including `none`).
    AlgNotAllowed,
    /// `exp` is in the past, beyond the leeway.
    Expired,
    /// `nbf` or `iat` is in the future, beyond the leeway.
    NotYetValid,
    /// A required claim is absent.
    MissingClaim,
    /// A claim is present but has the wrong type or value.
    InvalidClaim,
    /// No token was given where one is required.
    MissingToken,
    /// The signed document key differs from the expected one.
    KeyMismatch,
    /// A secret is empty, the default `secret`, or too short.
    WeakSecret,
    /// An input exceeds its size limit.
    TooLarge,
    /// A URL points outside the allowed origins.
    UrlNotAllowed,
    /// An argument or option is invalid.
    InvalidInput,
    /// A configuration (e.g. a Document Server `local.json`) cannot be used.
    InvalidConfig,
}

impl ErrorKind {
    /// Every kind, in number order.
    pub const ALL: [ErrorKind; 14] = [
        ErrorKind::Malformed,
        ErrorKind::BadSignature,
        ErrorKind::AlgNotAllowed,
        ErrorKind::Expired,
        ErrorKind::NotYetValid,
        ErrorKind::MissingClaim,
        ErrorKind::InvalidClaim,
        ErrorKind::MissingToken,
        ErrorKind::KeyMismatch,
        ErrorKind::WeakSecret,
        ErrorKind::TooLarge,
        ErrorKind::UrlNotAllowed,
        ErrorKind::InvalidInput,
        ErrorKind::InvalidConfig,
    ];

    /// The stable snake_case name, e.g. `bad_signature`.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Malformed => "malformed",
            ErrorKind::BadSignature => "bad_signature",
            ErrorKind::AlgNotAllowed => "alg_not_allowed",
            ErrorKind::Expired => "expired",
            ErrorKind::NotYetValid => "not_yet_valid",
            ErrorKind::MissingClaim => "missing_claim",
            ErrorKind::InvalidClaim => "invalid_claim",
            ErrorKind::MissingToken => "missing_token",
            ErrorKind::KeyMismatch => "key_mismatch",
            ErrorKind::WeakSecret => "weak_secret",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::UrlNotAllowed => "url_not_allowed",
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::InvalidConfig => "invalid_config",
        }
    }

    /// The stable number, 1 to 14 (0 means success in the C ABI).
    pub fn number(self) -> u32 {
        match self {
            ErrorKind::Malformed => 1,
            ErrorKind::BadSignature => 2,
            ErrorKind::AlgNotAllowed => 3,
            ErrorKind::Expired => 4,
            ErrorKind::NotYetValid => 5,
            ErrorKind::MissingClaim => 6,
            ErrorKind::InvalidClaim => 7,
            ErrorKind::MissingToken => 8,
            ErrorKind::KeyMismatch => 9,
            ErrorKind::WeakSecret => 10,
            ErrorKind::TooLarge => 11,
            ErrorKind::UrlNotAllowed => 12,
            ErrorKind::InvalidInput => 13,
            ErrorKind::InvalidConfig => 14,
        }
    }

    /// The kind with this stable name, if any.
    pub fn from_name(name: &str) -> Option<ErrorKind> {
        ErrorKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The kind with this stable number, if any.
    pub fn from_number(number: u32) -> Option<ErrorKind> {
        ErrorKind::ALL.into_iter().find(|k| k.number() == number)
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers_match_the_shared_table() {
        let table = [
            ("malformed", 1),
            ("bad_signature", 2),
            ("alg_not_allowed", 3),
            ("expired", 4),
            ("not_yet_valid", 5),
            ("missing_claim", 6),
            ("invalid_claim", 7),
            ("missing_token", 8),
            ("key_mismatch", 9),
            ("weak_secret", 10),
            ("too_large", 11),
            ("url_not_allowed", 12),
            ("invalid_input", 13),
            ("invalid_config", 14),
        ];
        assert_eq!(table.len(), ErrorKind::ALL.len());
        for (name, number) in table {
            let kind = ErrorKind::from_name(name).expect(name);
            assert_eq!(kind.number(), number, "{name}");
            assert_eq!(ErrorKind::from_number(number), Some(kind));
            assert_eq!(kind.to_string(), name);
        }
        assert_eq!(ErrorKind::from_number(0), None);
        assert_eq!(ErrorKind::from_name("Malformed"), None);
    }
}
