//! Runs every known-answer case of `tests/vectors/*.json` and `tests/attacks/*.json`
//! (made by independent generators, see tests/vectors/README.md) through `json_api`,
//! and checks the exact `ok` value or the error name.

use std::path::{Path, PathBuf};

use base64::Engine;
use onlyoffice_jwt::json_api;
use onlyoffice_jwt::{Keyring, Result, Secret};
use serde_json::{Map, Value};

fn repo_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests")
        .join(name)
}

/// One secret argument: text (its UTF-8 bytes) or `{"base64url": …}` (raw bytes).
fn secret(value: &Value) -> std::result::Result<Secret, String> {
    match value {
        Value::String(text) => Ok(Secret::from(text.as_str())),
        Value::Object(map) => match map.get("base64url").and_then(Value::as_str) {
            Some(encoded) => base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(encoded)
                .map(Secret::new)
                .map_err(|e| format!("bad base64url secret: {e}")),
            None => Err(format!("unknown secret form {value}")),
        },
        _ => Err(format!("unknown secret form {value}")),
    }
}

/// A secret argument: one secret or a list (first signs, all verify).
fn secrets(value: &Value) -> std::result::Result<Vec<Secret>, String> {
    match value {
        Value::Array(items) => items.iter().map(secret).collect(),
        one => Ok(vec![secret(one)?]),
    }
}

fn keyring(
    args: &Map<String, Value>,
    options: &Value,
) -> std::result::Result<Result<Keyring>, String> {
    let value = args.get("secret").ok_or("case has no secret")?;
    Ok(json_api::keyring(secrets(value)?, options))
}

fn text<'a>(args: &'a Map<String, Value>, name: &str) -> std::result::Result<&'a str, String> {
    args.get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("case has no string {name}"))
}

/// The token argument: `token`, or the case's `token_repeat`
/// (`prefix` + `char` repeated up to `total_length` bytes).
fn token(
    case: &Map<String, Value>,
    args: &Map<String, Value>,
) -> std::result::Result<String, String> {
    if let Some(repeat) = case.get("token_repeat") {
        let prefix = repeat["prefix"].as_str().ok_or("token_repeat.prefix")?;
        let fill = repeat["char"].as_str().ok_or("token_repeat.char")?;
        let total = repeat["total_length"]
            .as_u64()
            .ok_or("token_repeat.total_length")? as usize;
        let count = total
            .checked_sub(prefix.len())
            .ok_or("token_repeat shorter than its prefix")?
            / fill.len().max(1);
        return Ok(format!("{prefix}{}", fill.repeat(count)));
    }
    text(args, "token").map(str::to_owned)
}

/// Runs one case; `Ok(result of the operation)` or `Err(why the case is unusable)`.
fn run(operation: &str, case: &Map<String, Value>) -> std::result::Result<Result<Value>, String> {
    let empty = Map::new();
    let args = case
        .get("args")
        .map(|a| a.as_object().ok_or("args is not an object"))
        .transpose()?
        .unwrap_or(&empty);
    let options = args.get("options").cloned().unwrap_or(Value::Null);
    macro_rules! ring {
        () => {
            match keyring(args, &options)? {
                Ok(ring) => ring,
                Err(e) => return Ok(Err(e)),
            }
        };
    }
    let arg = |name: &str| args.get(name).cloned().unwrap_or(Value::Null);
    Ok(match operation {
        "sign" => json_api::sign(&arg("claims"), &ring!(), &options),
        "verify" => json_api::verify(&token(case, args)?, &ring!(), &options),
        "decode_unverified" => json_api::decode_unverified(&token(case, args)?, &options),
        "sign_config" => json_api::sign_config(&arg("config"), &ring!(), &options),
        "sign_request" => json_api::sign_request(&arg("body"), &ring!(), &options),
        "verify_callback" => {
            let body = text(args, "body")?.as_bytes().to_vec();
            json_api::verify_callback(&body, &ring!(), &options)
        }
        "verify_incoming" => {
            let authorization = args.get("authorization").and_then(Value::as_str);
            json_api::verify_incoming(authorization, &ring!(), &options)
        }
        "guard_callback" => {
            let body = text(args, "body")?.as_bytes().to_vec();
            json_api::guard_callback(&body, &ring!(), text(args, "ds_url")?, &options)
        }
        "guard_download" => {
            let authorization = args.get("authorization").and_then(Value::as_str);
            json_api::guard_download(authorization, &ring!(), text(args, "target")?, &options)
        }
        "check_download_url" => {
            json_api::check_download_url(text(args, "url")?, text(args, "ds_url")?, &options)
        }
        "document_key" => {
            json_api::document_key(&ring!(), text(args, "file_id")?, &arg("version"), &options)
        }
        "derive_secrets" => {
            let master = secrets(args.get("master").ok_or("case has no master")?)?;
            let first = master.first().ok_or("empty master list")?;
            json_api::derive_secrets(first, &options)
        }
        "sign_link" => json_api::sign_link(text(args, "url")?, &ring!(), &options),
        "verify_link" => json_api::verify_link(text(args, "url")?, &ring!(), &options),
        other => return Err(format!("unknown operation {other:?}")),
    })
}

/// Checks one case against its `expect`; the failure description, if any.
fn check(file_operation: Option<&str>, case: &Value) -> Option<String> {
    let case = case.as_object()?;
    let name = case
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("<unnamed>");
    let operation = case
        .get("operation")
        .and_then(Value::as_str)
        .or(file_operation);
    let Some(operation) = operation else {
        return Some(format!("{name}: no operation"));
    };
    let result = match run(operation, case) {
        Ok(result) => result,
        Err(why) => return Some(format!("{name}: unusable case: {why}")),
    };
    let expect = case.get("expect").and_then(Value::as_object);
    match (
        expect.and_then(|e| e.get("ok")),
        expect.and_then(|e| e.get("error")),
        result,
    ) {
        (Some(ok), _, Ok(value)) if *ok == value => None,
        (_, Some(Value::String(error)), Err(e)) if e.kind().name() == error => None,
        (ok, error, result) => Some(format!(
            "{name} ({operation}): expected {}, got {}",
            ok.map(|v| format!("ok {v}"))
                .or(error.map(|e| format!("error {e}")))
                .unwrap_or_else(|| "nothing (no expect)".to_owned()),
            match result {
                Ok(value) => format!("ok {value}"),
                Err(e) => format!("error {} ({})", e.kind(), e.message()),
            }
        )),
    }
}

#[test]
fn every_vector_and_attack_case_gives_the_expected_result() {
    let mut files = Vec::new();
    for dir in ["vectors", "attacks"] {
        let dir = repo_dir(dir);
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("directory entry").path();
            if path.extension().is_some_and(|ext| ext == "json") {
                files.push(path);
            }
        }
    }
    files.sort();
    let (mut ran, mut failures) = (0usize, Vec::new());
    for path in &files {
        let text = std::fs::read_to_string(path).expect("readable vector file");
        let mut de = serde_json::Deserializer::from_str(&text);
        de.disable_recursion_limit();
        let file: Value = serde::Deserialize::deserialize(&mut de)
            .unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()));
        let operation = file.get("operation").and_then(Value::as_str);
        let cases = file
            .get("cases")
            .and_then(Value::as_array)
            .unwrap_or_else(|| panic!("{}: no cases array", path.display()));
        let shown = path.file_name().map(|n| n.to_string_lossy().into_owned());
        for case in cases {
            ran += 1;
            if let Some(failure) = check(operation, case) {
                failures.push(format!("{}: {failure}", shown.clone().unwrap_or_default()));
            }
        }
    }
    println!("vectors: {ran} cases from {} files", files.len());
    assert!(
        ran > 0,
        "no vector cases found in tests/vectors and tests/attacks"
    );
    assert!(
        failures.is_empty(),
        "{} of {ran} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
