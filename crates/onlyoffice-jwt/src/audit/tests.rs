//! Unit tests of the audit (the CLI tests run one fixture per finding).

use super::*;
use crate::keys::derive::{merge_fragment, secure_fragment};

const SECURE: &str = r#"{"services": {"CoAuthoring": {
    "token": {"enable": {"browser": true, "request": {"inbox": true, "outbox": true}}},
    "secret": {
        "inbox": {"string": "Kp2rW9xQv4Lm7Zt1Bn8Yc3Hd6Fs0Ja5E"},
        "outbox": {"string": "Kp2rW9xQv4Lm7Zt1Bn8Yc3Hd6Fs0Ja5E"},
        "session": {"string": "Tq8Vn3Xc6Rm1Zp4Wb7Ks2Hf9Ld5Gj0Ey"}}}}}"#;

fn codes(text: &str, connector: Option<&str>) -> Vec<(&'static str, String)> {
    let options = AuditOptions {
        connector_secret: connector.map(Secret::from),
    };
    audit_ds_config(text, &options)
        .unwrap()
        .into_iter()
        .map(|f| (f.code.name(), f.path))
        .collect()
}

#[test]
fn a_secure_config_has_no_findings() {
    assert_eq!(
        codes(SECURE, Some("Kp2rW9xQv4Lm7Zt1Bn8Yc3Hd6Fs0Ja5E")),
        vec![]
    );
}

#[test]
fn a_different_connector_secret_is_reported_for_inbox_and_outbox() {
    assert_eq!(
        codes(SECURE, Some("another-secret-of-32-bytes-length")),
        vec![
            (
                "connector_mismatch",
                "services.CoAuthoring.secret.inbox.string".to_owned()
            ),
            (
                "connector_mismatch",
                "services.CoAuthoring.secret.outbox.string".to_owned()
            ),
        ]
    );
}

#[test]
fn secrets_derived_from_the_connector_secret_match_it() {
    // inbox/outbox of master "m" * 32, computed with Python's hmac/hashlib (HKDF).
    let text = SECURE
        .replacen(
            "Kp2rW9xQv4Lm7Zt1Bn8Yc3Hd6Fs0Ja5E",
            "8lPQt3F4nafEPZS5KKGDKFGfr_5-6CpBun3-wyDGfSk",
            1,
        )
        .replacen(
            "Kp2rW9xQv4Lm7Zt1Bn8Yc3Hd6Fs0Ja5E",
            "I2x3DPyayQbGSDruuB31S6Xc3-EN-74hb1RaYSX46uU",
            1,
        );
    assert_eq!(codes(&text, Some(&"m".repeat(32))), vec![]);
}

#[test]
fn the_forum_paste_is_located_at_the_unclosed_section() {
    let text = "{\n  \"services\": {\n    \"CoAuthoring\": {\n      \"secret\": {\n        \"inbox\": {\n          \"string\": \"mysecret\"\n        \"outbox\": {\n";
    let findings = audit_ds_config(text, &AuditOptions::default()).unwrap();
    assert_eq!(findings.len(), 1);
    let finding = &findings[0];
    assert_eq!(finding.code.name(), "unclosed_brace");
    assert!(finding.message.contains("\"inbox\" opened at line 5"));
    let location = finding.location.as_ref().unwrap();
    assert_eq!((location.line, location.column), (7, 9));
    assert!(
        !location.context.contains("mysecret"),
        "{}",
        location.context
    );
}

#[test]
fn typographic_quotes_are_named_with_their_position() {
    let findings = audit_ds_config(
        "{\n  \u{201C}ipfilter\u{201D}: {}\n}",
        &AuditOptions::default(),
    )
    .unwrap();
    assert_eq!(findings[0].code.name(), "typographic_quotes");
    let location = findings[0].location.as_ref().unwrap();
    assert_eq!((location.line, location.column), (2, 3));
}

#[test]
fn a_too_large_file_is_refused() {
    let text = " ".repeat(MAX_CONFIG_SIZE + 1);
    assert_eq!(
        audit_ds_config(&text, &AuditOptions::default())
            .unwrap_err()
            .kind(),
        crate::ErrorKind::TooLarge
    );
}

#[test]
fn odd_inputs_give_one_syntax_finding_and_never_panic() {
    for text in [
        "",
        "{",
        "[",
        "\u{201C}",
        "{\"a\": \"\u{00E9}\u{00E9}",
        "{\"string\": \"x",
        "\"k\": [\n]]]}",
        "{\r\n\"a\": 1,\r\n}",
        "\u{FEFF}{}",
        "{\"a\" 1}",
        "nul",
    ] {
        let findings = audit_ds_config(text, &AuditOptions::default()).unwrap();
        assert_eq!(findings.len(), 1, "{text:?}");
        assert_eq!(findings[0].severity, Severity::Error);
        assert!(findings[0].location.is_some(), "{text:?}");
    }
}

#[test]
fn merge_sets_the_fragment_and_keeps_everything_else() {
    let text = r#"{"log": {"level": "WARN"}, "services": {"CoAuthoring": {
        "secret": {"inbox": {"string": "secret", "file": ""}},
        "token": {"enable": {"browser": false}}, "sql": {"dbPass": "pw"}}}}"#;
    let fragment = serde_json::json!({"services": {"CoAuthoring": {
        "secret": {"inbox": {"string": "new"}},
        "token": {"enable": {"browser": true, "request": {"inbox": true}}}}}});
    let merged = merge_fragment(text, &fragment).unwrap();
    assert!(merged.starts_with(r#"{"log": {"level": "WARN"}, "services": {"CoAuthoring": {"#));
    assert!(
        merged.ends_with(r#""sql": {"dbPass": "pw"}}}}"#),
        "{merged}"
    );
    let value: Value = serde_json::from_str(&merged).unwrap();
    assert_eq!(
        value,
        serde_json::json!({"log": {"level": "WARN"}, "services": {"CoAuthoring": {
            "secret": {"inbox": {"string": "new", "file": ""}},
            "token": {"enable": {"browser": true, "request": {"inbox": true}}},
            "sql": {"dbPass": "pw"}}}})
    );
    let order: Vec<&String> = value.as_object().unwrap().keys().collect();
    assert_eq!(order, ["log", "services"]);
    for broken in ["{", "[]", "{\"a\": 1, \"a\": 2}"] {
        assert_eq!(
            merge_fragment(broken, &fragment).unwrap_err().kind(),
            crate::ErrorKind::InvalidConfig,
            "{broken}"
        );
    }
    assert!(merge_fragment("  ", &fragment).unwrap().contains("\"new\""));
}

#[test]
fn the_secure_fragment_passes_the_audit() {
    let master = Secret::from("m".repeat(32).as_str());
    let derived = crate::keys::derive::derive_secrets(&master, true).unwrap();
    let text = merge_fragment("{}", &secure_fragment(&derived)).unwrap();
    assert_eq!(codes(&text, Some(&"m".repeat(32))), vec![]);
    assert!(text.contains("8lPQt3F4nafEPZS5KKGDKFGfr_5-6CpBun3-wyDGfSk"));
}

#[test]
fn json_api_returns_findings_as_objects() {
    let out = crate::json_api::audit_ds_config(
        "{\"services\": {}}",
        &serde_json::json!({"connector_secret": "k".repeat(32)}),
    )
    .unwrap();
    let list = out.as_array().unwrap();
    assert_eq!(list[0]["severity"], "error");
    assert_eq!(list[0]["code"], "tokens_disabled");
    assert_eq!(list[0]["path"], "services.CoAuthoring.token.enable.browser");
    assert!(list
        .iter()
        .all(|f| f["fix"].is_string() && f["message"].is_string()));
    assert!(crate::json_api::audit_ds_config("{}", &serde_json::json!({"nope": 1})).is_err());
}

#[test]
fn other_settings_named_like_a_section_are_not_misplaced() {
    let text = SECURE.replacen(
        "{\"services\"",
        "{\"aesEncrypt\": {\"secret\": \"verysecretstring\"}, \"wopi\": {\"token\": {}}, \"services\"",
        1,
    );
    assert_eq!(codes(&text, None), vec![]);
    let misplaced = SECURE.replacen(
        "{\"services\"",
        "{\"Services\": {}, \"token\": {\"enable\": {\"browser\": true}}, \"services\"",
        1,
    );
    assert_eq!(
        codes(&misplaced, None),
        vec![
            ("wrong_parent", "Services".to_owned()),
            ("wrong_parent", "token".to_owned())
        ]
    );
}

#[test]
fn every_prefix_of_a_config_is_audited_without_panic() {
    let text = "{\"services\": {\"CoAuthoring\": {\"secret\": {\"inbox\": {\"string\": \"é\u{201C}x\\\"\"}},\r\n \u{201C}token\u{201D}: [1, {\"a\": null}], // c\n\"ipfilter\": {\"rules\": [{\"address\": \"10.0.0.0/8\", \"allowed\": true}]}}}}";
    for (end, _) in text.char_indices().chain([(text.len(), ' ')]) {
        let findings = audit_ds_config(&text[..end], &AuditOptions::default()).unwrap();
        if serde_json::from_str::<Value>(&text[..end]).is_err() {
            assert_eq!(findings.len(), 1, "{:?}", &text[..end]);
            let location = findings[0].location.as_ref().unwrap();
            assert!(location.line >= 1 && location.column >= 1);
        }
    }
}

#[test]
fn a_section_written_twice_is_located() {
    let text = "{\n  \"services\": {\"CoAuthoring\": {\"x\": 1, \"x\": 2}},\n  \"log\": {},\n  \"services\": {}\n}";
    let findings = audit_ds_config(text, &AuditOptions::default()).unwrap();
    let duplicates: Vec<_> = findings
        .iter()
        .filter(|f| f.code.name() == "duplicate_key")
        .map(|f| {
            let l = f.location.as_ref().unwrap();
            (f.path.as_str(), l.line, l.column)
        })
        .collect();
    assert_eq!(
        duplicates,
        vec![("services.CoAuthoring.x", 2, 40), ("services", 4, 3)]
    );
}

#[test]
fn whitespace_around_a_text_secret_is_reported() {
    let text = SECURE.replacen(
        "\"Kp2rW9xQv4Lm7Zt1Bn8Yc3Hd6Fs0Ja5E\"",
        "\"Kp2rW9xQv4Lm7Zt1Bn8Yc3Hd6Fs0Ja5E \"",
        1,
    );
    assert_eq!(
        codes(&text, None),
        vec![(
            "secret_whitespace",
            "services.CoAuthoring.secret.inbox.string".to_owned()
        )]
    );
}

#[test]
fn a_secret_without_variety_is_reported() {
    let text = SECURE.replacen(
        "Tq8Vn3Xc6Rm1Zp4Wb7Ks2Hf9Ld5Gj0Ey",
        "abababababababababababababababab",
        1,
    );
    assert_eq!(
        codes(&text, None),
        vec![(
            "weak_secret",
            "services.CoAuthoring.secret.session.string".to_owned()
        )]
    );
}

#[test]
fn multitenant_mode_says_how_tenant_secrets_are_read() {
    let text = SECURE.replacen(
        "{\"services\"",
        "{\"tenants\": {\"baseDir\": \"/var/www/onlyoffice/tenants\"}, \"services\"",
        1,
    );
    let findings = audit_ds_config(&text, &AuditOptions::default()).unwrap();
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].code.name(), "tenant_secret_rule");
    assert!(findings[0]
        .message
        .contains("/var/www/onlyoffice/tenants/<tenant>/secret.key as text"));
    assert!(findings[0].message.contains("raw bytes"));
    let unset = SECURE.replacen(
        "{\"services\"",
        "{\"tenants\": {\"baseDir\": \"\"}, \"services\"",
        1,
    );
    assert_eq!(codes(&unset, None), vec![]);
}

#[test]
fn merge_keeps_every_byte_outside_the_members_it_changes() {
    let text = "{\n  \"big\": 123456789012345678901234567890,\n  \"neg\": -0,\n  \"f\": 1.50e3,\n  \"services\": {\n    \"CoAuthoring\": {\n      \"sql\": {\"dbPort\": 5432},\n      \"secret\": {\n        \"inbox\": {\"string\": \"secret\", \"file\": \"\"}\n      }\n    }\n  }\n}\n";
    let fragment = serde_json::json!({"services": {"CoAuthoring": {
        "secret": {"inbox": {"string": "new"}, "outbox": {"string": "out"}},
        "token": {"enable": {"browser": true}}}}});
    let merged = merge_fragment(text, &fragment).unwrap();
    assert_eq!(
        merged,
        "{\n  \"big\": 123456789012345678901234567890,\n  \"neg\": -0,\n  \"f\": 1.50e3,\n  \"services\": {\n    \"CoAuthoring\": {\n      \"sql\": {\"dbPort\": 5432},\n      \"secret\": {\n        \"inbox\": {\"string\": \"new\", \"file\": \"\"},\n        \"outbox\": {\n          \"string\": \"out\"\n        }\n      },\n      \"token\": {\n        \"enable\": {\n          \"browser\": true\n        }\n      }\n    }\n  }\n}\n"
    );
    // One-line and empty objects.
    let merged = merge_fragment(r#"{"services": {}, "x": [1, 2]}"#, &fragment).unwrap();
    assert!(merged.ends_with(r#", "x": [1, 2]}"#), "{merged}");
    assert_eq!(
        serde_json::from_str::<Value>(&merged).unwrap()["services"],
        fragment["services"]
    );
    let merged = merge_fragment(r#"{"a": {"b": 1}}"#, &fragment).unwrap();
    assert!(
        merged.starts_with(r#"{"a": {"b": 1}, "services": {"CoAuthoring""#),
        "{merged}"
    );
    // A non-object where the fragment has an object is replaced.
    let merged = merge_fragment(r#"{"services": "x"}"#, &fragment).unwrap();
    assert_eq!(serde_json::from_str::<Value>(&merged).unwrap(), fragment);
}

#[test]
fn no_secret_is_shown_in_a_finding_whatever_the_syntax_error() {
    for text in [
        "{\"secret\": {\"inbox\": {\"string\" \"hunter2-secret\"}}}",
        "{\"secret\": {\"inbox\": {\"string\": 'hunter2-secret'}}}",
        "{\"secret\": {\"inbox\": {\"string\": hunter2-secret}}}",
        "{\"secret\": {\"inbox\": {\"string\":\n   \"hunter2-secret\" \"x\"}}}",
        "{\"rabbitmq\": {\"url\": \"amqp://guest:hunter2-secret@localhost\"} \"x\"}",
        "{\"sql\": {\"dbPass\": \"hunter2-secret\",}}",
        "{\"a\": 1, \"a\": 2, \"secretString\": \"hunter2-secret\"}",
    ] {
        let findings = audit_ds_config(text, &AuditOptions::default()).unwrap();
        assert!(!findings.is_empty(), "{text}");
        for finding in findings {
            let shown = finding.to_json().to_string();
            assert!(!shown.contains("hunter2"), "{text}: {shown}");
        }
    }
}
