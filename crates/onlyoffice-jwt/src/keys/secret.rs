//! Secrets and keyrings: bytes that are zeroized on drop, never printed, and checked
//! against a strength policy before use.

use std::fmt;
use std::path::Path;

use zeroize::Zeroizing;

use crate::error::{err, Result};
use crate::keys::strength;

/// The shortest secret accepted without `allow_weak`, in bytes.
pub const MIN_SECRET_LEN: usize = 32;

/// The largest secret file read, in bytes (64 KiB).
pub const MAX_SECRET_FILE_LEN: u64 = 64 * 1024;

/// The name of the variable a secret was to come from, as an error message shows it: a
/// conventional variable name (upper-case letters, digits, `_`) as it is; anything else
/// is more likely the secret itself, typed in the name's place, and is not repeated.
fn shown_name(name: &str) -> String {
    let conventional = !name.is_empty()
        && name.len() <= 64
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    if conventional {
        name.to_owned()
    } else {
        format!(
            "named by the {}-character value given (not shown: it is not an upper-case \
             variable name, and may be the secret typed in its place)",
            name.chars().count()
        )
    }
}

/// The path of a secret file, as an error message shows it: as it is when something
/// exists there or in its directory (other than `/` or the current directory); any
/// other value may be the secret itself, typed in the path's place, and is not repeated.
fn shown_path(path: &Path) -> String {
    let parent_exists = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty() && *parent != Path::new("/"))
        .is_some_and(Path::is_dir);
    if path.symlink_metadata().is_ok() || parent_exists {
        path.display().to_string()
    } else {
        format!(
            "given ({} characters, not shown: nothing exists there, and it may be the \
             secret typed in the path's place)",
            path.as_os_str().len()
        )
    }
}

/// Secret bytes. Zeroized when dropped; `Debug` shows only the length.
#[derive(Clone)]
pub struct Secret(Zeroizing<Vec<u8>>);

impl Secret {
    /// A secret made of `bytes` (text secrets are their UTF-8 bytes).
    pub fn new(bytes: impl Into<Vec<u8>>) -> Secret {
        Secret(Zeroizing::new(bytes.into()))
    }

    /// Reads a secret file as raw bytes, like the Document Server's `secret.*.file`: a
    /// regular file of at most [`MAX_SECRET_FILE_LEN`] bytes (a FIFO or device is
    /// refused without blocking).
    ///
    /// With `strip_newline`, one trailing `\n` (or `\r\n`) is dropped; otherwise it is
    /// part of the secret, exactly as the Document Server reads it.
    pub fn from_file(path: impl AsRef<Path>, strip_newline: bool) -> Result<Secret> {
        let path = path.as_ref();
        let mut bytes = crate::regular_file::read(path, MAX_SECRET_FILE_LEN)
            .map_err(|e| err!(InvalidInput, "secret file {} {e}", shown_path(path)))?;
        if strip_newline && bytes.last() == Some(&b'\n') {
            bytes.pop();
            if bytes.last() == Some(&b'\r') {
                bytes.pop();
            }
        }
        Ok(Secret(bytes))
    }

    /// Reads a secret from the environment variable `name` (its UTF-8 bytes).
    pub fn from_env(name: &str) -> Result<Secret> {
        match std::env::var_os(name) {
            Some(value) => {
                let value = Zeroizing::new(value.into_encoded_bytes());
                Ok(Secret::new(value.as_slice()))
            }
            None => Err(err!(
                InvalidInput,
                "environment variable {} is not set",
                shown_name(name)
            )),
        }
    }

    /// The secret's bytes. Handle with care: never log them.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    /// The length in bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the secret is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Checks the strength policy: empty is always refused; unless `allow_weak`, so are
    /// the literal `secret`, anything shorter than [`MIN_SECRET_LEN`] bytes, and any
    /// secret that the zxcvbn estimator judges guessable in fewer than
    /// 10^[`MIN_GUESSES_LOG10`](crate::keys::MIN_GUESSES_LOG10) guesses (repeats, sequences, keyboard walks, words).
    /// Random secrets of 32 characters or bytes, and `onlyoffice-jwt keygen`'s, always
    /// pass; a secret judged strong once is not judged again in this process.
    pub fn check(&self, allow_weak: bool) -> Result<()> {
        if self.is_empty() {
            return Err(err!(WeakSecret, "the secret is empty"));
        }
        if allow_weak {
            return Ok(());
        }
        if self.expose() == b"secret" {
            return Err(err!(
                WeakSecret,
                "the secret is the Document Server's default value; generate a random one \
                 (onlyoffice-jwt keygen) or pass allow_weak for a legacy installation"
            ));
        }
        if self.len() < MIN_SECRET_LEN {
            return Err(err!(
                WeakSecret,
                "the secret is {} bytes long; at least {MIN_SECRET_LEN} are required \
                 (pass allow_weak for a legacy installation)",
                self.len()
            ));
        }
        strength::judge(self.expose()).map_err(|(log10, warning)| {
            err!(
                WeakSecret,
                "the secret is guessable: the zxcvbn estimator puts it at about 10^{} \
                 guesses, and 10^{} are required{}; generate a random one (onlyoffice-jwt \
                 keygen) or pass allow_weak for a legacy installation",
                log10.floor(),
                strength::MIN_GUESSES_LOG10,
                warning.map(|w| format!(" ({w})")).unwrap_or_default()
            )
        })
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret([redacted; {} bytes])", self.len())
    }
}

impl From<&str> for Secret {
    fn from(text: &str) -> Secret {
        Secret::new(text.as_bytes())
    }
}

impl From<&[u8]> for Secret {
    fn from(bytes: &[u8]) -> Secret {
        Secret::new(bytes)
    }
}

/// One or more secrets: the first signs, every one verifies (key rotation).
#[derive(Clone)]
pub struct Keyring {
    secrets: Vec<Secret>,
}

impl Keyring {
    /// A keyring with the current (signing) secret, checked against the policy.
    pub fn new(current: impl Into<Secret>, allow_weak: bool) -> Result<Keyring> {
        Keyring::from_secrets(vec![current.into()], allow_weak)
    }

    /// A keyring from a list: the first signs, all verify. Every secret is checked.
    pub fn from_secrets(secrets: Vec<Secret>, allow_weak: bool) -> Result<Keyring> {
        if secrets.is_empty() {
            return Err(err!(WeakSecret, "no secret given"));
        }
        for (index, secret) in secrets.iter().enumerate() {
            secret.check(allow_weak).map_err(|e| {
                if secrets.len() == 1 {
                    e
                } else {
                    err!(WeakSecret, "secret #{}: {}", index + 1, e.message())
                }
            })?;
        }
        Ok(Keyring { secrets })
    }

    /// Adds a previous secret that still verifies but no longer signs.
    pub fn with_previous(
        mut self,
        previous: impl Into<Secret>,
        allow_weak: bool,
    ) -> Result<Keyring> {
        let previous = previous.into();
        previous.check(allow_weak)?;
        self.secrets.push(previous);
        Ok(self)
    }

    /// The secret that signs.
    pub fn signing(&self) -> &Secret {
        &self.secrets[0]
    }

    /// Every secret that verifies, the signing one first.
    pub fn verifying(&self) -> &[Secret] {
        &self.secrets
    }
}

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Keyring([redacted; {} secrets])", self.secrets.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    const STRONG: &str = "OZUrNsPqPdQ1Og7YN8gKkgboxhQGTa3V";

    #[test]
    fn debug_never_shows_the_bytes() {
        let secret = Secret::from("a-very-private-value-of-32-bytes");
        let shown = format!(
            "{secret:?} {:?}",
            Keyring::new(secret.clone(), false).unwrap()
        );
        assert!(!shown.contains("private"), "{shown}");
        assert!(shown.contains("32 bytes"));
    }

    #[test]
    fn policy_refuses_empty_default_and_short() {
        assert_eq!(
            Secret::from("").check(true).unwrap_err().kind(),
            ErrorKind::WeakSecret
        );
        assert_eq!(
            Secret::from("secret").check(false).unwrap_err().kind(),
            ErrorKind::WeakSecret
        );
        assert_eq!(
            Secret::from(&STRONG[..31]).check(false).unwrap_err().kind(),
            ErrorKind::WeakSecret
        );
        assert!(Secret::from(STRONG).check(false).is_ok());
        assert!(Secret::from("secret").check(true).is_ok());
        assert!(Keyring::from_secrets(vec![], true).is_err());
        let err = Keyring::from_secrets(vec![STRONG.into(), "short".into()], false).unwrap_err();
        assert!(err.message().starts_with("secret #2"), "{}", err.message());
    }

    #[test]
    fn policy_refuses_guessable_secrets_of_any_length() {
        for weak in [
            vec![b'a'; 32],
            vec![b' '; 32],
            vec![0u8; 32],
            b"abcde".repeat(8),
            b"abcdefgh".repeat(4),
            b"0123456".repeat(5),
            b"abcdefabcdefabcdefabcdefabcdefab!".to_vec(),
            b"correcthorsebatterystaple1234567".to_vec(),
        ] {
            let err = Secret::new(weak.clone()).check(false).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::WeakSecret);
            assert!(err.message().contains("zxcvbn"), "{}", err.message());
            assert!(
                !err.message()
                    .contains(std::str::from_utf8(&weak[..8]).unwrap_or("\0")),
                "{}",
                err.message()
            );
            assert!(
                Secret::new(weak).check(true).is_ok(),
                "allow_weak accepts it"
            );
        }
    }

    /// Random secrets always pass: 250 of each kind (text of 32 characters from the
    /// alphabets administrators use, 32 random bytes, base64url of 32 bytes as keygen
    /// writes), from a fixed-seed generator so that a failure can be replayed.
    #[test]
    fn random_secrets_always_pass() {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabets: [&[u8]; 3] = [
            b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
            b"0123456789abcdef",
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
        ];
        for round in 0..250 {
            for alphabet in alphabets {
                let text: Vec<u8> = (0..32)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect();
                assert!(
                    Secret::new(text.clone()).check(false).is_ok(),
                    "round {round}: {}",
                    String::from_utf8_lossy(&text)
                );
            }
            let bytes: Vec<u8> = (0..32).map(|_| next() as u8).collect();
            assert!(
                Secret::new(bytes.clone()).check(false).is_ok(),
                "round {round}: {bytes:?}"
            );
        }
    }

    #[test]
    fn file_keeps_or_drops_the_trailing_newline() {
        let dir = std::env::temp_dir().join(format!("oojwt-secret-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("s");
        std::fs::write(&path, b"abc\r\n").unwrap();
        assert_eq!(
            Secret::from_file(&path, false).unwrap().expose(),
            b"abc\r\n"
        );
        assert_eq!(Secret::from_file(&path, true).unwrap().expose(), b"abc");
        std::fs::write(&path, b"abc\n\n").unwrap();
        assert_eq!(Secret::from_file(&path, true).unwrap().expose(), b"abc\n");
        let missing = Secret::from_file(dir.join("missing"), false).unwrap_err();
        assert_eq!(missing.kind(), ErrorKind::InvalidInput);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn env_reads_the_variable() {
        std::env::set_var("OOJWT_TEST_SECRET_ENV", STRONG);
        assert_eq!(
            Secret::from_env("OOJWT_TEST_SECRET_ENV").unwrap().expose(),
            STRONG.as_bytes()
        );
        assert_eq!(
            Secret::from_env("OOJWT_TEST_SECRET_ENV_UNSET")
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidInput
        );
    }

    #[test]
    fn keyring_signs_with_first_and_keeps_previous() {
        let ring = Keyring::new(STRONG, false)
            .unwrap()
            .with_previous("previous-Xqv8Fch7uueywdm1Oebr5EqY", false)
            .unwrap();
        assert_eq!(ring.signing().expose(), STRONG.as_bytes());
        assert_eq!(ring.verifying().len(), 2);
    }
}
