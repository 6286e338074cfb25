//! `sign_config` and `sign_request`: the Document Server's refusals, and tokens
//! byte-for-byte as computed by tests/expected_values.py (Python stdlib).

use onlyoffice_jwt::internal::json_api;
use onlyoffice_jwt::{ErrorKind, Keyring};
use serde_json::{json, Value};

const SECRET: &str = "OZUrNsPqPdQ1Og7YN8gKkgboxhQGTa3V";
const NOW: i64 = 1_767_225_600;

fn ring() -> Keyring {
    Keyring::new(SECRET, false).expect("strong secret")
}

fn config() -> Value {
    serde_json::from_str(include_str!("../../../tests/data/editor_config.json")).expect("fixture")
}

fn config_error(config: &Value) -> ErrorKind {
    json_api::sign_config(config, &ring(), &json!({"now": NOW}))
        .expect_err("config must be refused")
        .kind()
}

#[test]
fn config_token_is_the_python_computed_one() {
    let signed = json_api::sign_config(&config(), &ring(), &json!({"ttl": 300, "now": NOW}))
        .expect("signed");
    assert_eq!(
        signed["token"],
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJkb2N1bWVudCI6eyJmaWxlVHlwZSI6ImRvY3giLCJrZXkiOiJLaGlyejZ6VFBkZmQ3IiwidGl0bGUiOiJFeGFtcGxlIERvY3VtZW50IFRpdGxlLmRvY3giLCJ1cmwiOiJodHRwczovL2V4YW1wbGUuY29tL3VybC10by1leGFtcGxlLWRvY3VtZW50LmRvY3giLCJwZXJtaXNzaW9ucyI6eyJjb21tZW50Ijp0cnVlLCJkb3dubG9hZCI6dHJ1ZSwiZWRpdCI6dHJ1ZSwiZmlsbEZvcm1zIjp0cnVlLCJtb2RpZnlGaWx0ZXIiOnRydWUsIm1vZGlmeUNvbnRlbnRDb250cm9sIjp0cnVlLCJyZXZpZXciOnRydWV9fSwiZG9jdW1lbnRUeXBlIjoid29yZCIsImVkaXRvckNvbmZpZyI6eyJjYWxsYmFja1VybCI6Imh0dHBzOi8vZXhhbXBsZS5jb20vdXJsLXRvLWNhbGxiYWNrLmFzaHgiLCJsYW5nIjoiZW4iLCJtb2RlIjoiZWRpdCIsInVzZXIiOnsiZ3JvdXAiOiJHcm91cDEiLCJpZCI6Ijc4ZTFlODQxIiwibmFtZSI6IlNtaXRoIn19LCJoZWlnaHQiOiIxMDAlIiwidHlwZSI6ImRlc2t0b3AiLCJ3aWR0aCI6IjEwMCUiLCJpYXQiOjE3NjcyMjU2MDAsImV4cCI6MTc2NzIyNTkwMH0.j9trIjrhBACwsM42az9WIctxHJP1cJHxWfS92vdDD_A"
    );
    // The config itself is returned unchanged, token last.
    let mut expected = config();
    expected["token"] = signed["token"].clone();
    assert_eq!(signed, expected);
    assert_eq!(
        signed
            .as_object()
            .and_then(|m| m.keys().next_back())
            .map(String::as_str),
        Some("token")
    );
}

#[test]
fn config_without_ttl_has_neither_iat_nor_exp_and_old_token_is_dropped() {
    let mut input = config();
    input["token"] = json!("an-old-token");
    let signed = json_api::sign_config(&input, &ring(), &json!({"now": NOW})).expect("signed");
    assert_eq!(
        signed["token"],
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJkb2N1bWVudCI6eyJmaWxlVHlwZSI6ImRvY3giLCJrZXkiOiJLaGlyejZ6VFBkZmQ3IiwidGl0bGUiOiJFeGFtcGxlIERvY3VtZW50IFRpdGxlLmRvY3giLCJ1cmwiOiJodHRwczovL2V4YW1wbGUuY29tL3VybC10by1leGFtcGxlLWRvY3VtZW50LmRvY3giLCJwZXJtaXNzaW9ucyI6eyJjb21tZW50Ijp0cnVlLCJkb3dubG9hZCI6dHJ1ZSwiZWRpdCI6dHJ1ZSwiZmlsbEZvcm1zIjp0cnVlLCJtb2RpZnlGaWx0ZXIiOnRydWUsIm1vZGlmeUNvbnRlbnRDb250cm9sIjp0cnVlLCJyZXZpZXciOnRydWV9fSwiZG9jdW1lbnRUeXBlIjoid29yZCIsImVkaXRvckNvbmZpZyI6eyJjYWxsYmFja1VybCI6Imh0dHBzOi8vZXhhbXBsZS5jb20vdXJsLXRvLWNhbGxiYWNrLmFzaHgiLCJsYW5nIjoiZW4iLCJtb2RlIjoiZWRpdCIsInVzZXIiOnsiZ3JvdXAiOiJHcm91cDEiLCJpZCI6Ijc4ZTFlODQxIiwibmFtZSI6IlNtaXRoIn19LCJoZWlnaHQiOiIxMDAlIiwidHlwZSI6ImRlc2t0b3AiLCJ3aWR0aCI6IjEwMCUifQ.FPVk7_IePz1EtLIH76g-6XWuT0Uuo0B4hrwwkmU7YXM"
    );
}

#[test]
fn configs_the_document_server_rejects_are_refused() {
    let with = |path: &[&str], value: Value| {
        let mut c = config();
        let mut target = &mut c;
        for step in &path[..path.len() - 1] {
            target = &mut target[*step];
        }
        target[path[path.len() - 1]] = value;
        c
    };
    let without = |parent: Option<&str>, member: &str| {
        let mut c = config();
        let target = match parent {
            Some(p) => &mut c[p],
            None => &mut c,
        };
        target.as_object_mut().expect("object").remove(member);
        c
    };
    let cases = [
        ("not an object", json!("config")),
        ("array", json!([1])),
        ("empty", json!({})),
        ("no document", without(None, "document")),
        ("document not object", with(&["document"], json!("x"))),
        ("no key", without(Some("document"), "key")),
        ("no url", without(Some("document"), "url")),
        ("key not string", with(&["document", "key"], json!(12))),
        ("empty key", with(&["document", "key"], json!(""))),
        ("key with slash", with(&["document", "key"], json!("a/b"))),
        ("key with space", with(&["document", "key"], json!("a b"))),
        ("key with plus", with(&["document", "key"], json!("a+b"))),
        ("key non-ascii", with(&["document", "key"], json!("clé"))),
        (
            "key 129",
            with(&["document", "key"], json!("k".repeat(129))),
        ),
        ("url empty", with(&["document", "url"], json!(""))),
        ("url not string", with(&["document", "url"], json!(["u"]))),
        ("top-level url", with(&["url"], json!("https://x.example/"))),
        ("top-level payload", with(&["payload"], json!({}))),
        ("top-level key", with(&["key"], json!("k"))),
    ];
    for (name, case) in cases {
        assert_eq!(config_error(&case), ErrorKind::InvalidInput, "{name}");
    }
    for key in ["k".repeat(128), "Az09._=-".to_owned()] {
        let ok = with(&["document", "key"], json!(key));
        assert!(
            json_api::sign_config(&ok, &ring(), &Value::Null).is_ok(),
            "{key}"
        );
    }
}

#[test]
fn config_options_are_checked() {
    for options in [
        json!({"ttl": -1}),
        json!({"ttl": "300"}),
        json!({"alg": 256}),
        json!({"algorithms": ["HS256"]}),
        json!(5),
    ] {
        let err = json_api::sign_config(&config(), &ring(), &options).expect_err("bad option");
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{options}");
    }
    let err = json_api::sign_config(&config(), &ring(), &json!({"alg": "none"})).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AlgNotAllowed);
}

#[test]
fn request_is_signed_in_the_body_and_the_header() {
    let body = json!({"c": "info", "key": "Khirz6zTPdfd7", "token": "stale"});
    let signed = json_api::sign_request(&body, &ring(), &json!({"now": NOW})).expect("signed");
    assert_eq!(
        signed,
        json!({
            "body": {"c": "info", "key": "Khirz6zTPdfd7",
                "token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJjIjoiaW5mbyIsImtleSI6IktoaXJ6NnpUUGRmZDciLCJpYXQiOjE3NjcyMjU2MDAsImV4cCI6MTc2NzIyNTkwMH0.z9Mjvj821AsjOkiKrhVbswFBgu0mQeihkU-GAikb7AY"},
            "headers": {"Authorization": "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwYXlsb2FkIjp7ImMiOiJpbmZvIiwia2V5IjoiS2hpcno2elRQZGZkNyJ9LCJpYXQiOjE3NjcyMjU2MDAsImV4cCI6MTc2NzIyNTkwMH0.883PxKN2F-3zcvUUnigvMVi-o0fdPHw5o2JvhfXlEuI"},
            "header_omitted": false
        })
    );
}

#[test]
fn request_ttl_null_means_no_exp_and_header_is_configurable() {
    let body = json!({"c": "info", "key": "Khirz6zTPdfd7"});
    let expected = "Token eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwYXlsb2FkIjp7ImMiOiJpbmZvIiwia2V5IjoiS2hpcno2elRQZGZkNyJ9LCJpYXQiOjE3NjcyMjU2MDB9.EiXmA57D_gB9HgfjqbWFOrKFDzs9pDqxyLXb1b0gUPQ";
    let options =
        json!({"now": NOW, "ttl": null, "header": "AuthorizationJwt", "prefix": "Token "});
    let signed = json_api::sign_request(&body, &ring(), &options).expect("signed");
    assert_eq!(signed["headers"], json!({"AuthorizationJwt": expected}));
}

#[test]
fn a_ttl_of_zero_has_one_meaning_refused() {
    let body = json!({"c": "info", "key": "Khirz6zTPdfd7"});
    let options = json!({"now": NOW, "ttl": 0});
    for result in [
        json_api::sign(&body, &ring(), &options),
        json_api::sign_config(&config(), &ring(), &options),
        json_api::sign_request(&body, &ring(), &options),
        json_api::sign_link("https://cloud.example/file?id=1", &ring(), &options),
    ] {
        let err = result.expect_err("ttl 0");
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
        assert!(err.message().contains("ttl 0"), "{}", err.message());
    }
}

#[test]
fn a_request_key_follows_the_document_key_rule() {
    for key in [
        json!(""),
        json!("a b"),
        json!("k".repeat(129)),
        json!(5),
        json!("ключ"),
    ] {
        let body = json!({"c": "forcesave", "key": key});
        let err = json_api::sign_request(&body, &ring(), &json!({"now": NOW})).expect_err("key");
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{key}");
    }
    let body = json!({"async": false, "filetype": "docx", "key": "Az09._=-", "outputtype": "pdf"});
    assert!(json_api::sign_request(&body, &ring(), &json!({"now": NOW})).is_ok());
    // A body without a key (docbuilder, version) is signed as it is.
    assert!(json_api::sign_request(&json!({"c": "version"}), &ring(), &Value::Null).is_ok());
}

#[test]
fn a_large_request_is_signed_in_the_body_only() {
    // A docbuilder/conversion body of 200 KB: its header token would be far over the
    // 7168 characters the DS keeps its own header tokens under, and a stock Node
    // server answers 431 to it. The body token is enough for the DS.
    let script = "builder.CreateFile(\"docx\");".repeat(7_000);
    let body =
        json!({"async": false, "url": "https://cloud.example/script.docbuilder", "script": script});
    assert!(body.to_string().len() > 200_000);
    let signed = json_api::sign_request(&body, &ring(), &json!({"now": NOW})).expect("signed");
    assert_eq!(signed["headers"], json!({}));
    assert_eq!(signed["header_omitted"], json!(true));
    let token = signed["body"]["token"].as_str().expect("body token");
    let claims = json_api::verify(token, &ring(), &json!({"now": NOW, "max_size": 1 << 21}));
    assert_eq!(claims.expect("verifies")["script"], body["script"]);
    // The limit is the DS's: a header token of 7167 characters is sent, 7168 is not.
    let base = json!({"c": "info", "key": "Khirz6zTPdfd7", "userdata": ""});
    let header_len = |body: &Value| {
        let signed = json_api::sign_request(body, &ring(), &json!({"now": NOW})).expect("signed");
        let value = signed["headers"]["Authorization"].as_str().map(str::len);
        (value, signed["header_omitted"].clone())
    };
    let mut largest_sent = 0;
    for pad in 5_200..5_400 {
        let mut body = base.clone();
        body["userdata"] = json!("u".repeat(pad));
        match header_len(&body) {
            (Some(len), omitted) => {
                assert_eq!(omitted, json!(false));
                largest_sent = largest_sent.max(len - "Bearer ".len());
            }
            (None, omitted) => assert_eq!(omitted, json!(true)),
        }
    }
    assert!((7_164..7_168).contains(&largest_sent), "{largest_sent}");
}

#[test]
fn configs_the_document_server_routes_elsewhere_are_refused() {
    let mut cases = Vec::new();
    for (member, value) in [
        ("version", json!("1.0")),
        ("version", json!(1)),
        ("version", json!({"key": "k"})),
        ("fileInfo", json!({"BaseFileName": "a.docx"})),
        ("fileInfo", json!(true)),
    ] {
        let mut config = config();
        config[member] = value.clone();
        cases.push((member, value, config));
    }
    for (member, value, config) in cases {
        let err = json_api::sign_config(&config, &ring(), &json!({"now": NOW})).expect_err(member);
        assert_eq!(err.kind(), ErrorKind::InvalidConfig, "{member} {value}");
        assert!(err.message().contains("would"), "{}", err.message());
    }
    // Falsy values route nowhere (JavaScript truthiness, as the DS tests them).
    for value in [json!(""), json!(0), json!(false), json!(null)] {
        let mut config = config();
        config["version"] = value.clone();
        config["fileInfo"] = value.clone();
        assert!(
            json_api::sign_config(&config, &ring(), &json!({"now": NOW})).is_ok(),
            "{value}"
        );
    }
}

#[test]
fn request_header_injection_and_bad_bodies_are_refused() {
    let body = json!({"c": "info"});
    for options in [
        json!({"header": ""}),
        json!({"header": "Authorization\r\nX-Evil: 1"}),
        json!({"header": "Auth orization"}),
        json!({"prefix": "Bearer\r\n"}),
        json!({"ttl": -5}),
        json!({"unknown": 1}),
    ] {
        let err = json_api::sign_request(&body, &ring(), &options).expect_err("refused");
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{options}");
    }
    for bad in [json!("body"), json!(["c"]), json!(null)] {
        let err = json_api::sign_request(&bad, &ring(), &Value::Null).expect_err("refused");
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{bad}");
    }
}

#[test]
fn debug_of_a_signed_request_never_shows_a_token() {
    let body = json!({"c": "info", "key": "Khirz6zTPdfd7"});
    let map = body.as_object().expect("object").clone();
    let signed =
        onlyoffice_jwt::sign_request(&map, &ring(), &onlyoffice_jwt::RequestOptions::default())
            .expect("signed");
    let shown = format!("{signed:?}");
    assert!(!shown.contains("eyJ"), "{shown}");
    assert!(shown.contains("Authorization"), "{shown}");
}
