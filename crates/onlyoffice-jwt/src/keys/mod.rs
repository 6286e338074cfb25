//! Secrets and what is derived from them: keyrings (zeroized, never printed, checked
//! for strength), HKDF subkeys per purpose and the `local.json` fragments that carry
//! them, document keys, and expiring signed links.

pub(crate) mod derive;
pub(crate) mod document_key;
pub(crate) mod link;
pub(crate) mod secret;
pub(crate) mod strength;

pub use derive::{derive_secrets, merge_fragment, secure_fragment, DerivedSecrets, Purpose};
pub use document_key::{check_key, document_key, DOCUMENT_KEY_LEN, MAX_KEY_LEN};
pub use link::{sign_link, verify_link, LinkOptions, DEFAULT_LINK_TTL};
pub use secret::{Keyring, Secret, MAX_SECRET_FILE_LEN, MIN_SECRET_LEN};
pub use strength::MIN_GUESSES_LOG10;
