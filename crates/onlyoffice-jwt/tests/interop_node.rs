//! Interop with the Document Server's JWT library (npm `jsonwebtoken` 9): tokens we
//! sign must pass `jwt.verify(token, secret, {clockTolerance: 60})` there, and the
//! callbacks it signs the way the DS does must pass (or fail) `verify_callback` here.
//!
//! Needs node and `tests/interop/node/node_modules`: run it with
//! `make test-interop-node` (part of `make test`).

use std::path::{Path, PathBuf};
use std::process::Command;

use onlyoffice_jwt::internal::json_api;
use onlyoffice_jwt::{derive_secrets, Keyring, Secret};
use serde_json::{json, Value};

const MASTER: &str = "interop-master-secret-0123456789abcdef";

fn node_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/interop/node")
}

fn text(secret: &Secret) -> String {
    String::from_utf8(secret.expose().to_vec()).expect("DS secrets are text")
}

fn without_times(value: &Value) -> Value {
    let mut map = value.as_object().expect("claims object").clone();
    map.shift_remove("iat");
    map.shift_remove("exp");
    Value::Object(map)
}

/// Checks a result against `{"ok": claims, "ttl": n|null}` or `{"error": name}`.
fn check(name: &str, result: onlyoffice_jwt::Result<Value>, expect: &Value) {
    match (expect.get("ok"), result) {
        (Some(claims), Ok(value)) => {
            assert_eq!(&without_times(&value), claims, "{name}: claims");
            match expect["ttl"].as_i64() {
                Some(ttl) => {
                    let (iat, exp) = (value["iat"].as_i64(), value["exp"].as_i64());
                    assert_eq!(
                        exp.zip(iat).map(|(e, i)| e - i),
                        Some(ttl),
                        "{name}: exp - iat"
                    );
                }
                None => assert!(value.get("exp").is_none(), "{name}: unexpected exp"),
            }
        }
        (None, Err(e)) => assert_eq!(e.kind().name(), expect["error"], "{name}: {}", e.message()),
        (_, result) => panic!("{name}: expected {expect}, got {result:?}"),
    }
}

#[test]
#[ignore = "needs node and tests/interop/node/node_modules: make test-interop-node"]
fn document_server_jsonwebtoken_interop() {
    let derived = derive_secrets(&Secret::from(MASTER), false).expect("derive");
    let inbox = Keyring::new(derived.inbox.clone(), false).expect("inbox keyring");
    let outbox = Keyring::new(derived.outbox.clone(), false).expect("outbox keyring");

    let config: Value =
        serde_json::from_str(include_str!("../../../tests/data/editor_config.json"))
            .expect("editor config fixture");
    let command = json!({"c": "forcesave", "key": "Khirz6zTPdfd7-v3", "userdata": "ü/\u{2028}"});
    let conversion = json!({"async": false, "filetype": "docx", "key": "Khirz6zTPdfd7-v3",
        "outputtype": "pdf", "title": "Example.docx", "url": "https://cloud.example/dl?doc=1"});

    let mut tokens = Vec::new();
    let signed_config =
        json_api::sign_config(&config, &inbox, &json!({"ttl": 300})).expect("config");
    let mut config_claims = config.as_object().expect("config object").clone();
    config_claims.shift_remove("token");
    tokens.push(
        json!({"name": "sign_config ttl 300", "secret": "inbox", "ttl": 300,
        "token": signed_config["token"], "claims": config_claims}),
    );
    let untimed = json_api::sign_config(&config, &inbox, &Value::Null).expect("config");
    // Without ttl the config token has neither iat nor exp: node sees exactly the config.
    let token = untimed["token"].as_str().expect("token");
    let decoded = json_api::decode_unverified(token, &Value::Null).expect("decode");
    assert_eq!(decoded["claims"], Value::Object(config_claims.clone()));
    for (name, body) in [("command", &command), ("conversion", &conversion)] {
        let signed = json_api::sign_request(body, &inbox, &Value::Null).expect("request");
        tokens.push(
            json!({"name": format!("sign_request {name} body token"), "secret": "inbox",
            "ttl": 300, "token": signed["body"]["token"], "claims": body}),
        );
        let header = signed["headers"]["Authorization"].as_str().expect("header");
        let header_token = header.strip_prefix("Bearer ").expect("Bearer prefix");
        tokens.push(
            json!({"name": format!("sign_request {name} header token"), "secret": "inbox",
            "ttl": 300, "token": header_token, "claims": {"payload": body}}),
        );
    }
    let sent = tokens.len();

    let dir = std::env::temp_dir().join(format!("oojwt-interop-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let (input, output) = (dir.join("input.json"), dir.join("output.json"));
    let request = json!({"secrets": {"inbox": text(&derived.inbox), "outbox": text(&derived.outbox)},
        "tokens": tokens});
    std::fs::write(&input, request.to_string()).expect("write input");
    let status = Command::new("node")
        .arg(node_dir().join("interop.js"))
        .arg(&input)
        .arg(&output)
        .status()
        .expect("node runs (is node installed?)");
    assert!(
        status.success(),
        "jsonwebtoken refused our tokens (see above)"
    );
    let reply: Value =
        serde_json::from_str(&std::fs::read_to_string(&output).expect("node output"))
            .expect("JSON");
    std::fs::remove_dir_all(&dir).expect("clean temp dir");
    assert_eq!(
        reply["verified"],
        json!(sent),
        "every token verified by jsonwebtoken"
    );

    let callbacks = reply["callbacks"].as_array().expect("callbacks");
    assert!(
        callbacks.len() >= 10,
        "node produced {} callbacks",
        callbacks.len()
    );
    for case in callbacks {
        let name = case["name"].as_str().expect("name");
        let body = case["body"].as_str().expect("body text");
        let options =
            json!({"authorization": case["authorization"], "expected_key": "Khirz6zTPdfd7-v3"});
        check(
            name,
            json_api::verify_callback(body.as_bytes(), &outbox, &options),
            &case["expect"],
        );
    }
    let incoming = reply["incoming"].as_array().expect("incoming");
    assert_eq!(incoming.len(), 2);
    for case in incoming {
        let name = case["name"].as_str().expect("name");
        let options = json!({"url": case["url"]});
        let result = json_api::verify_incoming(case["authorization"].as_str(), &outbox, &options);
        check(name, result, &case["expect"]);
    }
    println!(
        "node interop: {sent} tokens verified by jsonwebtoken, {} callbacks and {} requests checked here",
        callbacks.len(),
        incoming.len()
    );
}
