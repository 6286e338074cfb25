//! `verify_callback` on arbitrary bodies and authorization headers: no panic, no success.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onlyoffice_jwt::{json_api, Keyring};
use serde_json::json;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let (body, rest) = data.split_at(split);
    let authorization = rest.get(1..).and_then(|h| std::str::from_utf8(h).ok());
    let keyring = Keyring::new("fuzzing-secret-0123456789abcdef!", false).expect("strong secret");
    let options = json!({"authorization": authorization, "now": 1_700_000_000});
    assert!(
        json_api::verify_callback(body, &keyring, &options).is_err(),
        "the fuzzer cannot know the secret, so no callback may verify"
    );
});
