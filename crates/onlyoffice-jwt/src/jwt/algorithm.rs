//! The HMAC algorithms the Document Server accepts: HS256, HS384, HS512.

use hmac::{Hmac, Mac};
use sha2::{Sha256, Sha384, Sha512};

use crate::error::{err, Result};

/// An HMAC-SHA-2 JWT algorithm. No other algorithm exists here, so `none` and
/// asymmetric algorithms can never be selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    /// HMAC with SHA-256.
    HS256,
    /// HMAC with SHA-384.
    HS384,
    /// HMAC with SHA-512.
    HS512,
}

impl Algorithm {
    /// Every supported algorithm: the default verification allow-list.
    pub const ALL: [Algorithm; 3] = [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512];

    /// The JOSE name, e.g. `HS256`.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::HS256 => "HS256",
            Algorithm::HS384 => "HS384",
            Algorithm::HS512 => "HS512",
        }
    }

    /// The algorithm with this exact (case-sensitive) JOSE name.
    pub fn from_name(name: &str) -> Result<Algorithm> {
        Algorithm::ALL
            .into_iter()
            .find(|a| a.name() == name)
            .ok_or_else(|| {
                err!(
                    AlgNotAllowed,
                    "algorithm {:?} is not supported (HS256, HS384, HS512 only)",
                    truncate(name)
                )
            })
    }

    /// The base64url of the Document Server's header for this algorithm,
    /// `{"alg":"HS256","typ":"JWT"}` (PyJWT writes the same bytes), as `sign` writes it.
    pub fn header_segment(self) -> &'static str {
        match self {
            Algorithm::HS256 => "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
            Algorithm::HS384 => "eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9",
            Algorithm::HS512 => "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9",
        }
    }

    /// The algorithm of a header segment that is byte for byte one of the common
    /// headers — the Document Server's (and PyJWT's) `{"alg":…,"typ":"JWT"}` or
    /// firebase/php-jwt's `{"typ":"JWT","alg":…}` — recognised without decoding it
    /// (those headers pass every header rule); `None` for any other segment.
    pub fn of_known_header(segment: &str) -> Option<Algorithm> {
        Algorithm::ALL
            .into_iter()
            .find(|alg| segment == alg.header_segment() || segment == alg.firebase_header_segment())
    }

    /// The base64url of `{"typ":"JWT","alg":"HS256"}` (and HS384, HS512).
    fn firebase_header_segment(self) -> &'static str {
        match self {
            Algorithm::HS256 => "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9",
            Algorithm::HS384 => "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzM4NCJ9",
            Algorithm::HS512 => "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9",
        }
    }

    /// The MAC of `data` under `key`.
    pub fn sign(self, key: &[u8], data: &[u8]) -> Vec<u8> {
        match self {
            Algorithm::HS256 => mac::<Hmac<Sha256>>(key, data),
            Algorithm::HS384 => mac::<Hmac<Sha384>>(key, data),
            Algorithm::HS512 => mac::<Hmac<Sha512>>(key, data),
        }
    }

    /// Whether `tag` is the MAC of `data` under `key`, compared in constant time.
    pub fn verify(self, key: &[u8], data: &[u8], tag: &[u8]) -> bool {
        match self {
            Algorithm::HS256 => check::<Hmac<Sha256>>(key, data, tag),
            Algorithm::HS384 => check::<Hmac<Sha384>>(key, data, tag),
            Algorithm::HS512 => check::<Hmac<Sha512>>(key, data, tag),
        }
    }
}

fn mac<M: Mac + hmac::digest::KeyInit>(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut m = <M as Mac>::new_from_slice(key).expect("HMAC takes keys of any length");
    m.update(data);
    m.finalize().into_bytes().to_vec()
}

fn check<M: Mac + hmac::digest::KeyInit>(key: &[u8], data: &[u8], tag: &[u8]) -> bool {
    let mut m = <M as Mac>::new_from_slice(key).expect("HMAC takes keys of any length");
    m.update(data);
    // `verify_slice` compares in constant time (the `subtle` crate underneath).
    m.verify_slice(tag).is_ok()
}

/// At most 32 characters of an untrusted string, for error messages.
pub(crate) fn truncate(text: &str) -> String {
    match text.char_indices().nth(32) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    #[test]
    fn rfc4231_case_2() {
        let data = b"what do ya want for nothing?";
        let hex = |v: Vec<u8>| v.iter().map(|b| format!("{b:02x}")).collect::<String>();
        assert_eq!(
            hex(Algorithm::HS256.sign(b"Jefe", data)),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert_eq!(
            hex(Algorithm::HS384.sign(b"Jefe", data)),
            "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e\
             8e2240ca5e69e2c78b3239ecfab21649"
        );
        assert_eq!(
            hex(Algorithm::HS512.sign(b"Jefe", data)),
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554\
             9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"
        );
    }

    #[test]
    fn verify_rejects_altered_and_truncated_tags() {
        let tag = Algorithm::HS256.sign(b"k", b"data");
        assert!(Algorithm::HS256.verify(b"k", b"data", &tag));
        let mut altered = tag.clone();
        altered[31] ^= 1;
        assert!(!Algorithm::HS256.verify(b"k", b"data", &altered));
        assert!(!Algorithm::HS256.verify(b"k", b"data", &tag[..16]));
        assert!(!Algorithm::HS256.verify(b"k", b"data", &[]));
    }

    #[test]
    fn names_are_exact() {
        assert_eq!(Algorithm::from_name("HS384").unwrap(), Algorithm::HS384);
        assert!(Algorithm::from_name("hs256").is_err());
        assert!(Algorithm::from_name("none").is_err());
    }

    #[test]
    fn the_common_headers_are_recognised_and_nothing_else() {
        // base64url of the headers, from Python's base64 module.
        let known = [
            ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", Algorithm::HS256),
            ("eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9", Algorithm::HS384),
            ("eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9", Algorithm::HS512),
            ("eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9", Algorithm::HS256),
            ("eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzM4NCJ9", Algorithm::HS384),
            ("eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9", Algorithm::HS512),
        ];
        for (segment, alg) in known {
            assert_eq!(Algorithm::of_known_header(segment), Some(alg), "{segment}");
        }
        // {"alg":"none","typ":"JWT"} and {"alg":"HS256"}
        assert_eq!(
            Algorithm::of_known_header("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0"),
            None
        );
        assert_eq!(Algorithm::of_known_header("eyJhbGciOiJIUzI1NiJ9"), None);
    }
}
