//! `check_download_url` on arbitrary URLs: no panic, and an accepted URL always lies on
//! the internal Document Server origin under its base path.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onlyoffice_jwt::json_api;
use serde_json::json;

fuzz_target!(|data: &[u8]| {
    let Ok(url) = std::str::from_utf8(data) else {
        return;
    };
    let options = json!({"ds_internal_url": "http://127.0.0.1:8080/ds/"});
    if let Ok(accepted) = json_api::check_download_url(url, "https://docs.example.com/", &options) {
        let accepted = accepted.as_str().expect("a URL string");
        assert!(
            accepted.starts_with("http://127.0.0.1:8080/ds/"),
            "accepted {accepted:?} outside the internal origin"
        );
    }
});
