//! Rules shared by every URL the core parses: a size bound, and the http/https
//! check.

use url::Url;

use crate::error::{err, Result};

/// The longest URL accepted, in bytes (64 KiB; real download and link URLs are far
/// shorter).
pub const MAX_URL_LEN: usize = 64 * 1024;

/// Refuses (`too_large`) a URL longer than [`MAX_URL_LEN`]; `what` names it.
pub fn check_len(url: &str, what: &str) -> Result<()> {
    if url.len() > MAX_URL_LEN {
        return Err(err!(
            TooLarge,
            "{what} is {} bytes long; the limit is {MAX_URL_LEN}",
            url.len()
        ));
    }
    Ok(())
}

/// Whether `url` is an `http` or `https` URL with a host.
pub fn is_http(url: &Url) -> bool {
    matches!(url.scheme(), "http" | "https") && url.host().is_some()
}
