//! Runs every known-answer case of `tests/vectors/*.json` and `tests/attacks/*.json`
//! (made by independent generators, see tests/vectors/README.md) through the core's
//! entry point `json_api::call`, each argument taken as the table of operations
//! declares it, and checks the exact `ok` value or the error name.

use std::path::{Path, PathBuf};

use std::borrow::Cow;

use base64::Engine;
use onlyoffice_jwt::internal::json_api::{self, Arg};
use onlyoffice_jwt::internal::table::{ArgKind, Argument, Op};
use onlyoffice_jwt::{Result, Secret};
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

/// The token argument: `token`, or the case's `token_repeat`
/// (`prefix` + `char` repeated up to `total_length` bytes).
fn token(case: &Map<String, Value>) -> std::result::Result<Option<String>, String> {
    let Some(repeat) = case.get("token_repeat") else {
        return Ok(None);
    };
    let prefix = repeat["prefix"].as_str().ok_or("token_repeat.prefix")?;
    let fill = repeat["char"].as_str().ok_or("token_repeat.char")?;
    let total = repeat["total_length"]
        .as_u64()
        .ok_or("token_repeat.total_length")? as usize;
    let count = total
        .checked_sub(prefix.len())
        .ok_or("token_repeat shorter than its prefix")?
        / fill.len().max(1);
    Ok(Some(format!("{prefix}{}", fill.repeat(count))))
}

/// One argument of the case as the table declares it: JSON for objects and versions,
/// text (or its bytes), secrets.
fn argument(
    argument: &Argument,
    value: Option<&Value>,
) -> std::result::Result<Arg<'static>, String> {
    let name = argument.name;
    Ok(match (argument.kind, value) {
        (ArgKind::Secrets | ArgKind::Secret, Some(value)) => Arg::Secrets(secrets(value)?),
        (ArgKind::Claims | ArgKind::Object | ArgKind::StringOrInt, value) => {
            Arg::Json(Cow::Owned(value.cloned().unwrap_or(Value::Null)))
        }
        (ArgKind::OptionalText | ArgKind::OptionalBytes, None | Some(Value::Null)) => Arg::Absent,
        (_, Some(Value::String(text))) => Arg::Text(Cow::Owned(text.clone())),
        (_, other) => return Err(format!("case has no usable {name}: {other:?}")),
    })
}

/// Runs one case through the core's single entry point; `Ok(result of the operation)`
/// or `Err(why the case is unusable)`.
fn run(operation: &str, case: &Map<String, Value>) -> std::result::Result<Result<Value>, String> {
    let op = Op::from_name(operation).ok_or_else(|| format!("unknown operation {operation:?}"))?;
    let empty = Map::new();
    let mut args = case
        .get("args")
        .map(|a| a.as_object().ok_or("args is not an object"))
        .transpose()?
        .unwrap_or(&empty)
        .clone();
    if let Some(repeated) = token(case)? {
        args.insert("token".to_owned(), Value::String(repeated));
    }
    let options = args.get("options").cloned().unwrap_or(Value::Null);
    // derive_secrets takes one master secret; a case may give a list of one.
    if let Some(Value::Array(items)) = args.get("master") {
        if let [one] = items.as_slice() {
            args.insert("master".to_owned(), one.clone());
        }
    }
    let mut arguments = op
        .declaration()
        .arguments
        .iter()
        .map(|declared| argument(declared, args.get(declared.name)))
        .collect::<std::result::Result<Vec<_>, String>>()?;
    Ok(json_api::call(op, &mut arguments, &options).and_then(|output| output.into_value()))
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
