//! `audit_ds_config` on arbitrary text: no panic, always a list of findings.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onlyoffice_jwt::json_api;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(findings) = json_api::audit_ds_config(text, &Value::Null) {
        assert!(findings.is_array(), "findings must be a list");
    }
});
