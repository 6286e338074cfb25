//! How guessable a secret is, by the zxcvbn estimator (Dropbox's model of how an
//! attacker guesses: dictionaries, keyboard walks, sequences, repeats, dates,
//! brute force), and a verdict cache so that a keyring made for every call (as the
//! PHP and Python bindings make one) pays the estimate once per secret and process.
//!
//! A token signed with HMAC lets anyone who holds it test guesses of the secret
//! offline, at GPU speed: the estimate must be far beyond what a login password needs.

use std::sync::Mutex;

use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

/// The fewest guesses (as a power of ten) that zxcvbn must estimate for a secret:
/// 10^18, about 60 bits under its model. zxcvbn caps its estimate at 2^64 ≈ 10^19.3,
/// which every random secret of 32 characters reaches.
pub const MIN_GUESSES_LOG10: f64 = 18.0;

/// The bytes of a secret that are judged: the estimate's cost grows with the square of
/// the length, and a prefix as strong as this is strong whatever follows it.
const JUDGED_BYTES: usize = 128;

/// Slots of the verdict cache (a power of two).
const SLOTS: usize = 256;

/// Secrets already judged strong, one per slot chosen by a hash of their bytes. A slot
/// holds a copy of the secret (zeroized when replaced); the cache is bounded and a
/// secret only ever replaces the one in its own slot.
static STRONG: Mutex<[Option<Zeroizing<Vec<u8>>>; SLOTS]> = Mutex::new([const { None }; SLOTS]);

/// The estimate for `secret`: the number of guesses, as a power of ten, and zxcvbn's
/// warning (generic advice such as "Repeats like \"abcabcabc\" are only slightly
/// harder to guess than \"abc\""; it never quotes the secret).
pub(crate) fn estimate(secret: &[u8]) -> (f64, Option<String>) {
    // Text is judged as the text it is (its characters within the first JUDGED_BYTES
    // bytes); other bytes one character each (Latin-1), so that random binary secrets
    // are judged as the random characters they are.
    let text: Zeroizing<String> = Zeroizing::new(match std::str::from_utf8(secret) {
        Ok(text) => text
            .char_indices()
            .take_while(|(at, c)| at + c.len_utf8() <= JUDGED_BYTES)
            .map(|(_, c)| c)
            .collect(),
        Err(_) => secret
            .iter()
            .take(JUDGED_BYTES)
            .map(|&byte| char::from(byte))
            .collect(),
    });
    let entropy = zxcvbn::zxcvbn(&text, &[]);
    let warning = entropy
        .feedback()
        .and_then(|feedback| feedback.warning())
        .map(|warning| warning.to_string());
    (entropy.guesses_log10(), warning)
}

/// Whether `secret` is strong enough: first from the cache, else by [`estimate`] (and
/// a strong verdict is cached); `Err` carries the estimate and zxcvbn's warning.
pub(crate) fn judge(secret: &[u8]) -> Result<(), (f64, Option<String>)> {
    let slot = slot(secret);
    if let Ok(cache) = STRONG.try_lock() {
        if cache[slot]
            .as_ref()
            .is_some_and(|known| bool::from(known.as_slice().ct_eq(secret)))
        {
            return Ok(());
        }
    }
    let (log10, warning) = estimate(secret);
    if log10 < MIN_GUESSES_LOG10 {
        return Err((log10, warning));
    }
    // Only `try_lock`: a thread that finds the cache busy judges again next time.
    if let Ok(mut cache) = STRONG.try_lock() {
        cache[slot] = Some(Zeroizing::new(secret.to_vec()));
    }
    Ok(())
}

/// FNV-1a of the secret's bytes: its slot in the cache.
fn slot(secret: &[u8]) -> usize {
    let hash = secret.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    });
    (hash as usize) & (SLOTS - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_weak_secrets_of_the_review_are_weak() {
        for weak in [
            "abcdefghi".repeat(4),
            "0123456789".repeat(4),
            "password1".repeat(4),
            "qwertyuiopasdfghjklzxcvbnm123456".to_owned(),
            "12345678901234567890123456789012".to_owned(),
            "secretsecretsecretsecretsecret123".to_owned(),
            " ".repeat(32),
            "\0".repeat(32),
            "ab".repeat(16),
        ] {
            assert!(judge(weak.as_bytes()).is_err(), "{weak:?} passed");
        }
    }

    #[test]
    fn a_verdict_is_cached_and_the_same_as_without_the_cache() {
        let strong = b"Kq3vX9pLm2Tz8RwY4nB7cD1fG6hJ0sA5eU";
        assert!(judge(strong).is_ok());
        assert!(judge(strong).is_ok());
        let (log10, _) = estimate(strong);
        assert!(log10 >= MIN_GUESSES_LOG10);
        // A cached secret's slot never lets another secret through.
        let weak = "password1".repeat(4);
        assert!(judge(weak.as_bytes()).is_err());
    }
}
