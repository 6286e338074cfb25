//! Document keys: the Document Server's identifier of one version of one file,
//! derived with a secret so that it can be neither guessed nor made to collide.

use crate::error::{err, Result};
use crate::jwt::algorithm::Algorithm;
use crate::jwt::encoding::b64_encode;
use crate::keys::derive::{subkey, Purpose};
use crate::keys::secret::Keyring;

/// The longest document key the Document Server accepts, in characters.
pub const MAX_KEY_LEN: usize = 128;

/// The length of the keys [`document_key`] produces, in characters.
pub const DOCUMENT_KEY_LEN: usize = 32;

/// The longest `file_id` or `version` accepted by [`document_key`], in bytes.
pub const MAX_PART_LEN: usize = 1024;

/// Checks the Document Server's rule for a document key: 1 to 128 characters of
/// `[0-9A-Za-z._=-]`.
pub fn check_key(key: &str) -> Result<()> {
    if key.is_empty() {
        return Err(err!(InvalidInput, "the document key is empty"));
    }
    if key.len() > MAX_KEY_LEN {
        return Err(err!(
            InvalidInput,
            "the document key is {} characters long; at most {MAX_KEY_LEN} are allowed",
            key.chars().count()
        ));
    }
    if let Some(bad) = key
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '=' | '-')))
    {
        return Err(err!(
            InvalidInput,
            "the document key contains {bad:?}; only [0-9A-Za-z._=-] is allowed"
        ));
    }
    Ok(())
}

/// The document key of (`file_id`, `version`): HMAC-SHA256 under the `doc_keys`
/// subkey of the keyring's signing secret, over both parts length-prefixed, as the
/// first 32 base64url characters. Every co-editor of one version gets the same key.
pub fn document_key(keyring: &Keyring, file_id: &str, version: &str) -> Result<String> {
    let mut message = Vec::with_capacity(16 + file_id.len() + version.len());
    for (name, part) in [("file_id", file_id), ("version", version)] {
        if part.is_empty() || part.len() > MAX_PART_LEN {
            return Err(err!(
                InvalidInput,
                "{name} must be 1 to {MAX_PART_LEN} bytes long, not {}",
                part.len()
            ));
        }
        message.extend_from_slice(&(part.len() as u64).to_be_bytes());
        message.extend_from_slice(part.as_bytes());
    }
    let key = subkey(keyring.signing(), Purpose::DocKeys)?;
    let mut text = b64_encode(&Algorithm::HS256.sign(key.expose(), &message));
    text.truncate(DOCUMENT_KEY_LEN);
    Ok(text)
}
