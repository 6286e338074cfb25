//! `verify` and `decode_unverified` on arbitrary bytes: no panic; nothing forged verifies.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onlyoffice_jwt::{decode_unverified, verify, Keyring, VerifyOptions};

fuzz_target!(|data: &[u8]| {
    let Ok(token) = std::str::from_utf8(data) else {
        return;
    };
    let keyring = Keyring::new("fuzzing-secret-0123456789abcdef!", false).expect("strong secret");
    let options = VerifyOptions { now: Some(1_700_000_000), ..Default::default() };
    assert!(
        verify(token, &keyring, &options).is_err(),
        "the fuzzer cannot know the secret, so nothing it makes may verify"
    );
    let _ = decode_unverified(token);
});
