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

/// A segment of a compact JWS, as a [`Detail`] names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Segment {
    /// The JOSE header (`header`).
    Header,
    /// The payload, the claims of a JWT (`payload`).
    Payload,
    /// The signature (`signature`).
    Signature,
    /// A segment given alone, to `b64url_decode` (`segment`).
    Alone,
}

impl Segment {
    /// The segment's name in a detail: `header`, `payload`, `signature` or `segment`.
    pub const fn name(self) -> &'static str {
        match self {
            Segment::Header => "header",
            Segment::Payload => "payload",
            Segment::Signature => "signature",
            Segment::Alone => "segment",
        }
    }
}

/// Which part of the input failed, where the failing step knows it: the `detail` of an
/// error, so that a facade can word its own message (or a caller act on the member)
/// without parsing the message. Every language shows it as its stable dotted name, the
/// [`Display`](fmt::Display) form: `token.segments`, `header.base64`, `header.alg`,
/// `claims.exp`, `body.url`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Detail {
    /// `token.segments`: the token has not three segments.
    Segments,
    /// `<segment>.base64`: the segment is not canonical unpadded base64url.
    Base64(Segment),
    /// `<segment>.json`: the segment is not valid JSON (or has a duplicate member, or
    /// nests beyond the limit).
    Json(Segment),
    /// `<segment>.object`: the segment is JSON, but not an object.
    Object(Segment),
    /// `payload.segment`: the payload segment of a detached JWS (RFC 7797) is not empty.
    DetachedSegment,
    /// `payload.detached`: a detached payload was given where the header's `b64` is not
    /// false, or none where it is.
    Detached,
    /// `header.<member>`: a member of the header (`alg`, `typ`, `crit`, `b64`, or a
    /// member given twice).
    Header(String),
    /// `claims.<name>`: a claim of the wrong type or out of its window (`exp`, `nbf`,
    /// `iat`), another than the one expected (`url`), or a required claim absent.
    Claim(String),
    /// `body.<name>`: a member of a callback's plain body that differs from the signed
    /// one.
    Body(String),
}

impl Detail {
    /// A member of the header (`header.<name>`).
    pub fn header(name: impl Into<String>) -> Detail {
        Detail::Header(name.into())
    }

    /// A claim (`claims.<name>`).
    pub fn claim(name: impl Into<String>) -> Detail {
        Detail::Claim(name.into())
    }

    /// A member of a callback's plain body (`body.<name>`).
    pub fn body(name: impl Into<String>) -> Detail {
        Detail::Body(name.into())
    }

    /// The member or claim named, for the details that name one.
    pub fn member(&self) -> Option<&str> {
        match self {
            Detail::Header(name) | Detail::Claim(name) | Detail::Body(name) => Some(name),
            _ => None,
        }
    }
}

impl fmt::Display for Detail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Detail::Segments => f.write_str("token.segments"),
            Detail::Base64(segment) => write!(f, "{}.base64", segment.name()),
            Detail::Json(segment) => write!(f, "{}.json", segment.name()),
            Detail::Object(segment) => write!(f, "{}.object", segment.name()),
            Detail::DetachedSegment => f.write_str("payload.segment"),
            Detail::Detached => f.write_str("payload.detached"),
            Detail::Header(name) => write!(f, "header.{name}"),
            Detail::Claim(name) => write!(f, "claims.{name}"),
            Detail::Body(name) => write!(f, "body.{name}"),
        }
    }
}
