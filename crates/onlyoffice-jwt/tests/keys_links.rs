//! `derive_secrets`, `document_key`, `sign_link`/`verify_link` and the DS reply
//! table. Expected values: tests/expected_values.py (Python stdlib HKDF/HMAC).

use onlyoffice_jwt::ds::{explain_ds_reply as explain, Service, REPLIES};
use onlyoffice_jwt::internal::json_api;
use onlyoffice_jwt::{ErrorKind, Keyring, Secret};
use serde_json::{json, Value};

const SECRET: &str = "OZUrNsPqPdQ1Og7YN8gKkgboxhQGTa3V";
const NOW: i64 = 1_767_225_600;

fn ring() -> Keyring {
    Keyring::new(SECRET, false).expect("strong")
}

#[test]
fn derived_secrets_are_hkdf_sha256_with_one_label_each() {
    let derived = json_api::derive_secrets(&Secret::from(SECRET), &Value::Null).expect("derive");
    assert_eq!(
        derived,
        json!({
            "inbox": "CMlnyaq9IpHeCHTMawTGffvTijIrjy3wuYi4J4KhFpw",
            "outbox": "-KsyDlokWKRSPH9-Qb0HxK_Xs2xXSQpvku-5XpOoigU",
            "session": "zuSEoZkj0c_a06KqOKZYSHIrerjRB3xKQ-bZtYQL0A0",
            "links": "KiAUJlVtK2Nce7ddLFUENDKbvycY7YK0hbFNy9Q_vZQ",
            "doc_keys": "RINk1KgjUhvd94iX0bOxcLdcwHGLwvJPOMI0uHGuH6o"
        })
    );
    let typed = onlyoffice_jwt::derive_secrets(&Secret::from(SECRET), false).expect("derive");
    assert_eq!(
        typed.inbox.expose(),
        b"CMlnyaq9IpHeCHTMawTGffvTijIrjy3wuYi4J4KhFpw"
    );
    assert_eq!(typed.links.len(), 32);
    let shown = format!("{typed:?}");
    assert!(
        !shown.contains("9l-fw3") && !shown.contains("UMEoH4"),
        "{shown}"
    );
}

#[test]
fn derive_checks_the_master_with_the_policy() {
    for master in ["", "secret", "short-master"] {
        let err = json_api::derive_secrets(&Secret::from(master), &Value::Null).expect_err(master);
        assert_eq!(err.kind(), ErrorKind::WeakSecret, "{master:?}");
    }
    assert!(
        json_api::derive_secrets(&Secret::from("short-master"), &json!({"allow_weak": true}))
            .is_ok()
    );
    let empty = json_api::derive_secrets(&Secret::from(""), &json!({"allow_weak": true}));
    assert_eq!(empty.expect_err("empty").kind(), ErrorKind::WeakSecret);
    let unknown = json_api::derive_secrets(&Secret::from(SECRET), &json!({"ttl": 1}));
    assert_eq!(
        unknown.expect_err("unknown").kind(),
        ErrorKind::InvalidInput
    );
}

#[test]
fn document_keys_are_stable_per_version_and_unambiguous() {
    let key = |file: &str, version: Value| {
        json_api::document_key(&ring(), file, &version, &Value::Null).expect("key")
    };
    assert_eq!(
        key("file-42", json!("3")),
        "bVjbdLN9PY0RUxvEaocNbqsVoKvsuW90"
    );
    assert_eq!(key("file-42", json!(3)), "bVjbdLN9PY0RUxvEaocNbqsVoKvsuW90");
    assert_eq!(
        key("file-42", json!("4")),
        "Kl_-FimONFPk6Fvn5AnGri_kC0ahU30s"
    );
    assert_eq!(
        key("file-43", json!("3")),
        "VYdy0l4bnCKQsu-qmxoQXjJdL_6fEqGL"
    );
    assert_eq!(key("ab", json!("c")), "gs4MCf4oI1M1Krlq1MrMLqHr7RFtMeNN");
    assert_eq!(key("a", json!("bc")), "mH3Yx_f9lWGdswgsSRd0p5KckLaGRoJw");
    // Another secret, another key; the same secret in a rotated keyring signs alike.
    let other = Keyring::new("another-secret-vNp1Zj1hHoRyFSAFDKUb", false).expect("strong");
    let by_other =
        json_api::document_key(&other, "file-42", &json!("3"), &Value::Null).expect("key");
    assert_ne!(by_other, "bVjbdLN9PY0RUxvEaocNbqsVoKvsuW90");
}

#[test]
fn document_key_inputs_are_checked() {
    let long = "x".repeat(1025);
    for (file, version) in [
        ("", json!("1")),
        ("f", json!("")),
        (long.as_str(), json!("1")),
        ("f", json!(long)),
        ("f", json!(1.5)),
        ("f", json!(null)),
        ("f", json!(["1"])),
    ] {
        let err =
            json_api::document_key(&ring(), file, &version, &Value::Null).expect_err("refused");
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{version}");
    }
    let max = "x".repeat(1024);
    assert!(json_api::document_key(&ring(), &max, &json!(max), &Value::Null).is_ok());
}

#[test]
fn links_are_signed_as_computed_in_python() {
    let sign = |url: &str| json_api::sign_link(url, &ring(), &json!({"now": NOW})).expect("signed");
    assert_eq!(
        sign("https://cloud.example/apps/onlyoffice/download?doc=abc&v=2"),
        "https://cloud.example/apps/onlyoffice/download?doc=abc&v=2&oo_exp=1767226500&oo_sig=VzRWGnI0agDLgOiidSs3aItmUddzheVPfIoVSCTy6J4"
    );
    assert_eq!(
        sign("http://cloud.example:8080/dl"),
        "http://cloud.example:8080/dl?oo_exp=1767226500&oo_sig=YVzjshxtxLUfcNy0TEpYz_5qPKTP6K2cLW3lqz7pDmk"
    );
}

#[test]
fn links_survive_ordinary_re_encoding_but_no_tampering() {
    let url = "https://cloud.example/files/a%7eb%20c.docx?name=a%20b%7e&x=%c3%a9";
    let signed = json_api::sign_link(url, &ring(), &json!({"now": NOW})).expect("signed");
    let signed = signed.as_str().expect("a string").to_owned();
    assert_eq!(
        signed,
        "https://cloud.example/files/a%7eb%20c.docx?name=a%20b%7e&x=%c3%a9&oo_exp=1767226500&oo_sig=azTgfVk4HoE20T1ao4YWu1FiRi5_ZIJIu2KId6vRuhE"
    );
    let verify = |link: &str| json_api::verify_link(link, &ring(), &json!({"now": NOW}));
    // As python-requests, PHP or a proxy may send it on.
    for same in [
        signed.replace("name=a%20b", "name=a+b"),
        signed.replace("%7e&", "~&"),
        signed.replace("%c3%a9", "%C3%A9"),
        signed.replace("a%7eb", "a~b").replace("%7e&", "%7E&"),
        signed.replace("/a%7eb%20c", "/a%7Eb%20c"),
        signed.replace("name=a%20b%7e", "%6Eame=a+b~"),
        signed.replace("oo_exp=", "oo%5Fexp="),
    ] {
        assert!(verify(&same).is_ok(), "{same}");
    }
    for tampered in [
        signed.replace("name=a%20b", "name=a%2Bb"),
        signed.replace("name=a%20b%7e&x=%c3%a9", "x=%c3%a9&name=a%20b%7e"),
        signed.replace("/a%7eb%20c", "/a%7eb%2520c"),
        signed.replace("/files/a", "/files%2Fa"),
        signed.replace("x=%c3%a9", "x=%c3%a8"),
        signed.replace("x=%c3%a9", "x=%c3%a9&y"),
        signed.replace("name=", "name=&"),
        signed.replace("a%20b%7e&", "a%20b%7e%26"),
    ] {
        assert_eq!(
            verify(&tampered).expect_err(&tampered).kind(),
            ErrorKind::BadSignature,
            "{tampered}"
        );
    }
}

#[test]
fn verify_link_returns_the_url_and_refuses_any_change() {
    let url = "https://cloud.example/apps/onlyoffice/download?doc=abc&v=2";
    let signed = json_api::sign_link(url, &ring(), &json!({"now": NOW})).expect("signed");
    let signed = signed.as_str().expect("a string").to_owned();
    let verify = |link: &str, now: i64| json_api::verify_link(link, &ring(), &json!({"now": now}));
    assert_eq!(verify(&signed, NOW + 899).expect("valid"), url);
    assert_eq!(
        verify(&signed, NOW + 900).expect_err("expired").kind(),
        ErrorKind::Expired
    );
    let tampered = [
        signed.replace("https://", "http://"),
        signed.replace("cloud.example", "cloud.example:8443"),
        signed.replace("cloud.example", "evil.example"),
        signed.replace("/download", "/Download"),
        signed.replace("doc=abc", "doc=abd"),
        signed.replace("doc=abc&v=2", "v=2&doc=abc"),
        signed.replace("oo_exp=1767226500", "oo_exp=1767226501"),
        signed.replace("&v=2", ""),
        {
            // The signature's first character changed.
            let at = signed.find("oo_sig=").expect("signed") + "oo_sig=".len();
            let first = if signed[at..].starts_with('A') {
                "B"
            } else {
                "A"
            };
            format!("{}{first}{}", &signed[..at], &signed[at + 1..])
        },
        format!("{}A", signed),
    ];
    for link in &tampered {
        assert_eq!(
            verify(link, NOW).expect_err(link).kind(),
            ErrorKind::BadSignature,
            "{link}"
        );
    }
    let other = Keyring::new("another-secret-vNp1Zj1hHoRyFSAFDKUb", false).expect("strong");
    let err = json_api::verify_link(&signed, &other, &json!({"now": NOW})).expect_err("other");
    assert_eq!(err.kind(), ErrorKind::BadSignature);
    // Rotation: a previous secret still verifies.
    let rotated = other.with_previous(SECRET, false).expect("rotated");
    assert!(json_api::verify_link(&signed, &rotated, &json!({"now": NOW})).is_ok());
    let moved = format!("{url}&oo_sig=x&z=1");
    assert_eq!(
        verify(&moved, NOW).expect_err("sig").kind(),
        ErrorKind::MissingToken
    );
    assert_eq!(
        verify(url, NOW).expect_err("none").kind(),
        ErrorKind::MissingToken
    );
}

#[test]
fn link_expiry_must_be_one_decimal_integer() {
    // Correctly signed (tests/expected_values.py) but with a bad or no oo_exp.
    for link in [
        "https://cloud.example/dl?a=1&oo_sig=8oL_AnPNrZtiIpEgNJI2BQCLQrNh8G-byWAJRNaSSP8",
        "https://cloud.example/dl?oo_exp=12x&oo_sig=gUJ9cHlD6K2EOpwTD8TiyuEcgDhGDlaywIuo4uGLpaQ",
        "https://cloud.example/dl?oo_exp=1767226500&oo_exp=1767226500&oo_sig=8ySPIHyy-TXoFKsJFEscc2O83Q-Q1JlejaTH2dt36ck",
        "https://cloud.example/dl?oo_exp=&oo_sig=Qeqbost25cGzf3Y9S14oIWEU4VIPaZTBosfcX4qShVE",
        "https://cloud.example/dl?oo_exp=+1767226500&oo_sig=y0ZC9DBb3EAEusRWTAd9Adj6TjkEnONJp-3W5BC6UXs",
    ] {
        let err = json_api::verify_link(link, &ring(), &json!({"now": NOW})).expect_err(link);
        assert_eq!(err.kind(), ErrorKind::Malformed, "{link}: {}", err.message());
    }
}

#[test]
fn urls_that_cannot_be_links_are_invalid_input() {
    for bad in [
        "https://cloud.example/dl?oo_exp=12",
        "https://cloud.example/dl?oo_sig=x",
        "https://cloud.example/dl?a=1&oo%5Fexp=1",
        "https://cloud.example/dl#frag",
        "ftp://cloud.example/dl",
        "https://user@cloud.example/dl",
        "/relative",
    ] {
        let err = json_api::sign_link(bad, &ring(), &Value::Null).expect_err(bad);
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{bad}");
    }
    let long = format!("https://c.example/{}", "a".repeat(64 * 1024));
    let err = json_api::sign_link(&long, &ring(), &Value::Null).expect_err("long");
    assert_eq!(err.kind(), ErrorKind::TooLarge);
    let err = json_api::verify_link(&long, &ring(), &Value::Null).expect_err("long");
    assert_eq!(err.kind(), ErrorKind::TooLarge);
    let huge = json_api::sign_link("https://c.example/", &ring(), &json!({"ttl": u64::MAX}));
    assert_eq!(huge.expect_err("ttl").kind(), ErrorKind::InvalidInput);
    let fragment = json_api::verify_link("https://c.example/?oo_sig=x#f", &ring(), &Value::Null);
    assert_eq!(
        fragment.expect_err("fragment").kind(),
        ErrorKind::InvalidInput
    );
}

#[test]
fn ds_reply_table_explains_every_code() {
    for code in 0..=7 {
        assert!(explain(Service::Command, code).is_some(), "command {code}");
    }
    for code in (-10..=-1).chain([-20]) {
        assert!(
            explain(Service::Conversion, code).is_some(),
            "conversion {code}"
        );
    }
    assert!(explain(Service::Command, 8).is_none());
    assert!(explain(Service::Conversion, 6).is_none());
    for (service, code) in [(Service::Command, 6), (Service::Conversion, -8)] {
        let reply = explain(service, code).expect("known");
        assert!(
            reply.likely_cause.contains("inbox secret"),
            "{code}: {}",
            reply.likely_cause
        );
    }
    let mut seen = std::collections::HashSet::new();
    assert!(
        REPLIES.iter().all(|r| seen.insert((r.service, r.code))),
        "duplicate code"
    );
}
