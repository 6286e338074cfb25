//! The error catalog: one [`ErrorKind`] per failure class, with the stable name,
//! number and summary that every language shows (`MalformedError`,
//! `MalformedException`, `OOJWT_ERR_MALFORMED`, all number 1).

use std::fmt;

/// Declares the kinds: the enum, its list, and each kind's name, number and summary.
macro_rules! error_kinds {
    ($($(#[doc = $doc:literal])+ $kind:ident = $number:literal, $name:literal;)+) => {
        /// The class of a failure. Names and numbers are stable and identical in Rust,
        /// PHP, Python, C, Go and .NET.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorKind {
            $($(#[doc = $doc])+ $kind,)+
        }

        impl ErrorKind {
            /// Every kind, in number order.
            pub const ALL: &'static [ErrorKind] = &[$(ErrorKind::$kind),+];

            /// The stable snake_case name, e.g. `bad_signature`.
            pub const fn name(self) -> &'static str {
                match self {
                    $(ErrorKind::$kind => $name,)+
                }
            }

            /// The stable number, 1 and up (0 is success in the C ABI).
            pub const fn number(self) -> u32 {
                match self {
                    $(ErrorKind::$kind => $number,)+
                }
            }

            /// One sentence saying what the kind means (the doc of its exception
            /// class and of its C constant).
            pub fn summary(self) -> &'static str {
                match self {
                    $(ErrorKind::$kind => concat!($($doc),+).trim_start(),)+
                }
            }
        }
    };
}

error_kinds! {
    /// The token or body is not well-formed (encoding, JSON, structure).
    Malformed = 1, "malformed";
    /// The signature matches none of the accepted secrets.
    BadSignature = 2, "bad_signature";
    /// The algorithm is outside the allow-list (including `none`).
    AlgNotAllowed = 3, "alg_not_allowed";
    /// `exp` is in the past, beyond the leeway.
    Expired = 4, "expired";
    /// `nbf` or `iat` is in the future, beyond the leeway.
    NotYetValid = 5, "not_yet_valid";
    /// A required claim is absent.
    MissingClaim = 6, "missing_claim";
    /// A claim has the wrong type or value.
    InvalidClaim = 7, "invalid_claim";
    /// No token was given where one is required.
    MissingToken = 8, "missing_token";
    /// The signed document key differs from the expected one.
    KeyMismatch = 9, "key_mismatch";
    /// A secret is empty, the default `secret`, shorter than 32 bytes or guessable.
    WeakSecret = 10, "weak_secret";
    /// An input exceeds its size limit.
    TooLarge = 11, "too_large";
    /// A URL points outside the allowed origins.
    UrlNotAllowed = 12, "url_not_allowed";
    /// An argument or option is invalid.
    InvalidInput = 13, "invalid_input";
    /// A configuration (e.g. a Document Server `local.json`) cannot be used.
    InvalidConfig = 14, "invalid_config";
}

/// The name shown for a failure of the library itself (a caught panic), never a
/// verdict on the input: the base exception class, or `OOJWT_ERR_INTERNAL`.
pub const INTERNAL_NAME: &str = "internal";

/// The number of [`INTERNAL_NAME`].
pub const INTERNAL_NUMBER: i32 = -1;

/// The summary of [`INTERNAL_NAME`].
pub const INTERNAL_SUMMARY: &str =
    "A bug in the library, caught at the boundary instead of crossing it.";

impl ErrorKind {
    /// The kind with this stable name, if any.
    pub fn from_name(name: &str) -> Option<ErrorKind> {
        ErrorKind::ALL.iter().copied().find(|k| k.name() == name)
    }

    /// The kind with this stable number, if any.
    pub fn from_number(number: u32) -> Option<ErrorKind> {
        ErrorKind::ALL
            .iter()
            .copied()
            .find(|k| k.number() == number)
    }

    /// The name in CamelCase (`BadSignature`): the stem of the exception classes
    /// (`BadSignatureError`, `BadSignatureException`).
    pub fn camel_name(self) -> String {
        camel(self.name())
    }
}

/// `snake_case` as `CamelCase`.
pub(crate) fn camel(snake: &str) -> String {
    snake
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers_are_the_published_ones() {
        // The table of docs/api.md as first published: a renumbering fails here.
        let published = [
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
        assert_eq!(published.len(), ErrorKind::ALL.len());
        for (name, number) in published {
            let kind = ErrorKind::from_name(name).expect(name);
            assert_eq!(kind.number(), number, "{name}");
            assert_eq!(ErrorKind::from_number(number), Some(kind));
            assert_eq!(kind.to_string(), name);
        }
        assert_eq!(ErrorKind::from_number(0), None);
        assert_eq!(ErrorKind::from_name("Malformed"), None);
        assert_eq!(ErrorKind::AlgNotAllowed.camel_name(), "AlgNotAllowed");
        assert_eq!(
            ErrorKind::Expired.summary(),
            "`exp` is in the past, beyond the leeway."
        );
    }
}
