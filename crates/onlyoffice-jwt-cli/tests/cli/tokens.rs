//! keygen, sign, verify, decode, doc-key.

use onlyoffice_jwt::Keyring;
use predicates::prelude::*;
use serde_json::Value;

use crate::common::{cli, node, secret_file, MASTER};

const SECRET: &str = "a-shared-secret-of-more-than-32-bytes";

fn json_stdout(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

/// A token signed by node's jsonwebtoken (the DS's library) with `SECRET`.
fn node_token(payload: &str, options: &str) -> String {
    node(&format!(
        "process.stdout.write(require('jsonwebtoken').sign({payload}, '{SECRET}', {options}))"
    ))
}

#[test]
fn keygen_prints_32_random_bytes_as_base64url() {
    let first = cli().arg("keygen").assert().success().get_output().clone();
    let text = String::from_utf8(first.stdout).unwrap();
    assert!(text.ends_with('\n'));
    let key = text.trim_end();
    assert_eq!(key.len(), 43, "{key}");
    assert!(key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    // 32 bytes = 256 bits: the 43rd character carries 4 bits and 2 zero bits.
    assert!("AEIMQUYcgkosw048".contains(key.chars().last().unwrap()));
    let second = cli().args(["keygen", "--no-newline"]).output().unwrap();
    assert!(!second.stdout.ends_with(b"\n"));
    assert_ne!(second.stdout, key.as_bytes());
    let json = cli().args(["keygen", "--json"]).output().unwrap();
    assert_eq!(json_stdout(&json)["secret"].as_str().unwrap().len(), 43);
}

/// keygen's secrets pass the strength rule, as every binding applies it: 200 of them,
/// each used as a signing secret without allow_weak.
#[test]
fn keygen_secrets_pass_the_strength_rule() {
    for _ in 0..200 {
        let output = cli().args(["keygen", "--no-newline"]).output().unwrap();
        let secret = String::from_utf8(output.stdout).unwrap();
        Keyring::new(secret.as_str(), false).expect("a keygen secret is strong");
    }
}

#[test]
fn sign_makes_a_token_that_jsonwebtoken_verifies() {
    let (_dir, path) = secret_file(SECRET);
    let output = cli()
        .args([
            "sign",
            r#"{"c":"version"}"#,
            "--ttl",
            "300",
            "--secret-file",
        ])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .clone();
    let token = String::from_utf8(output.stdout).unwrap().trim().to_owned();
    let claims: Value = serde_json::from_str(&node(&format!(
        "process.stdout.write(JSON.stringify(require('jsonwebtoken').verify('{token}', \
         '{SECRET}', {{algorithms: ['HS256']}})))"
    )))
    .unwrap();
    assert_eq!(claims["c"], "version");
    assert_eq!(
        claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
        300
    );
}

#[test]
fn sign_reads_the_secret_from_env_and_stdin_and_warns_for_a_plain_argument() {
    cli()
        .args([
            "sign",
            "{}",
            "--secret-env",
            "OOJWT_CLI_TEST_SECRET",
            "--json",
        ])
        .env("OOJWT_CLI_TEST_SECRET", SECRET)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"token\": \"eyJ"));
    cli()
        .args(["sign", "{}", "--secret-stdin"])
        .write_stdin(format!("{SECRET}\n"))
        .assert()
        .success()
        .stdout(predicate::str::starts_with("eyJ"));
    cli()
        .args(["sign", "{}", "--secret", SECRET])
        .assert()
        .success()
        .stderr(predicate::str::contains("shell history"))
        .stderr(predicate::str::contains(SECRET).not());
}

/// A secret typed where its variable's name or its file's path goes is not repeated
/// (before: "environment variable k9fj3kd8…c5v4 is not set"); a real name or path is.
#[test]
fn a_secret_typed_in_place_of_a_name_or_path_is_not_echoed() {
    let typed = "k9fj3kd8Qw7ZpL2xV5nB0tR4yU6iO8c5v4";
    for option in ["--secret-env", "--secret-file", "--connector-secret-file"] {
        let args: Vec<&str> = if option == "--connector-secret-file" {
            vec!["audit", "-", option, typed]
        } else {
            vec!["sign", "{}", option, typed]
        };
        cli()
            .args(&args)
            .write_stdin("{}")
            .assert()
            .code(2)
            .stderr(predicate::str::contains("not shown"))
            .stderr(predicate::str::contains(&typed[..6]).not());
    }
    cli()
        .args(["sign", "{}", "--secret-env", "OOJWT_UNSET_VARIABLE"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("OOJWT_UNSET_VARIABLE is not set"));
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("ds-secret.txt");
    cli()
        .args(["sign", "{}", "--secret-file", missing.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(missing.to_str().unwrap()));
}

#[test]
fn sign_refuses_bad_input_with_exit_2() {
    let (_dir, path) = secret_file(SECRET);
    let (_weak_dir, weak) = secret_file("secret");
    let path = path.to_str().unwrap();
    for args in [
        vec!["sign", "{not json", "--secret-file", path],
        vec!["sign", "[1]", "--secret-file", path],
        vec!["sign", "{}"],
        vec!["sign", "{}", "--secret-file", weak.to_str().unwrap()],
        vec!["sign", "{}", "--secret-file", path, "--alg", "none"],
        vec!["sign", "-", "--secret-stdin"],
        vec!["sign", "{}", "--secret-file", path, "--secret-env", "HOME"],
        vec!["sign", "{}", "--secret-file", "/nonexistent/secret"],
        vec!["sign"],
        vec!["no-such-subcommand"],
    ] {
        cli()
            .args(&args)
            .write_stdin("")
            .assert()
            .code(2)
            .stderr(predicate::str::contains(SECRET).not());
    }
    cli()
        .args([
            "sign",
            "{}",
            "--secret-file",
            weak.to_str().unwrap(),
            "--allow-weak",
        ])
        .assert()
        .success();
}

#[test]
fn verify_accepts_a_jsonwebtoken_token_and_prints_its_claims() {
    let (_dir, path) = secret_file(SECRET);
    let token = node_token(r#"{key: "Khirz6zTPdfd7", status: 2}"#, "{expiresIn: 300}");
    let output = cli()
        .args([
            "verify",
            &token,
            "--json",
            "--require",
            "key",
            "--secret-file",
        ])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .clone();
    let json = json_stdout(&output);
    assert_eq!(json["valid"], true);
    assert_eq!(json["claims"]["key"], "Khirz6zTPdfd7");
    assert_eq!(json["claims"]["status"], 2);
}

#[test]
fn verify_fails_with_exit_1_and_the_error_code() {
    let (_dir, path) = secret_file(SECRET);
    let (_other_dir, other) = secret_file("another-secret-that-is-long-enough-too");
    let good = node_token("{a: 1}", "{}");
    let expired = node_token("{a: 1, iat: 1000000, exp: 1000300}", "{}");
    let future = node_token("{a: 1, nbf: 4102444800}", "{}");
    let hs512 = node_token("{a: 1}", "{algorithm: 'HS512'}");
    let unsigned = format!(
        "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{}.",
        good.split('.').nth(1).unwrap()
    );
    let cases = [
        (good.as_str(), &other, vec![], "bad_signature"),
        (expired.as_str(), &path, vec![], "expired"),
        (future.as_str(), &path, vec![], "not_yet_valid"),
        (unsigned.as_str(), &path, vec![], "alg_not_allowed"),
        (
            hs512.as_str(),
            &path,
            vec!["--alg", "HS256"],
            "alg_not_allowed",
        ),
        ("not.a.token", &path, vec![], "malformed"),
        (
            good.as_str(),
            &path,
            vec!["--require", "exp"],
            "missing_claim",
        ),
    ];
    for (token, secret, extra, code) in cases {
        cli()
            .args(["verify", token, "--json", "--secret-file"])
            .arg(secret)
            .args(&extra)
            .assert()
            .code(1)
            .stdout(predicate::str::contains(format!("\"code\": \"{code}\"")));
    }
    cli()
        .args(["verify", &good, "--secret-file"])
        .arg(&other)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad_signature"));
}

#[test]
fn verify_accepts_a_previous_secret_and_reads_the_token_from_stdin() {
    let (_dir, path) = secret_file(SECRET);
    let (_new_dir, current) = secret_file("the-new-secret-after-rotation-0123456");
    let token = node_token("{a: 1}", "{}");
    cli()
        .args(["verify", "-", "--secret-file"])
        .arg(&current)
        .arg("--secret-file")
        .arg(&path)
        .write_stdin(token)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"a\": 1"));
}

#[test]
fn decode_labels_the_claims_as_not_verified_and_shows_dates() {
    let token = node_token(r#"{key: "k1", iat: 1700000000, exp: 4102444800}"#, "{}");
    cli()
        .args(["decode", &token])
        .assert()
        .success()
        .stdout(predicate::str::contains("NOT VERIFIED"))
        .stdout(predicate::str::contains(
            "iat: 2023-11-14T22:13:20Z (issued ",
        ))
        .stdout(predicate::str::contains(
            "exp: 2100-01-01T00:00:00Z (expires in ",
        ));
    let output = cli().args(["decode", &token, "--json"]).output().unwrap();
    let json = json_stdout(&output);
    assert_eq!(json["verified"], false);
    assert_eq!(json["header"]["alg"], "HS256");
    assert_eq!(json["claims"]["key"], "k1");
    assert_eq!(json["times"]["exp"]["date"], "2100-01-01T00:00:00Z");
    assert!(json["times"]["exp"]["seconds_from_now"].as_i64().unwrap() > 0);
    assert!(json["times"]["iat"]["seconds_from_now"].as_i64().unwrap() < 0);
    let expired = node_token("{iat: 1000000, exp: 1000300}", "{}");
    cli()
        .args(["decode", &expired])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "exp: 1970-01-12T13:51:40Z (expired ",
        ));
    cli()
        .args(["decode", "garbage"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("malformed"));
}

#[test]
fn doc_key_matches_the_known_answer() {
    // Computed with Python's hmac/hashlib from docs/formats.md for MASTER, file-42, 7.
    let (_dir, path) = secret_file(MASTER);
    cli()
        .args(["doc-key", "file-42", "7", "--secret-file"])
        .arg(&path)
        .assert()
        .success()
        .stdout("wmTkPm6Qf7iWYE17Z2cMIYB_Ol5tm35w\n");
    cli()
        .args(["doc-key", "file-42", "7", "--json", "--secret-file"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "\"key\": \"wmTkPm6Qf7iWYE17Z2cMIYB_Ol5tm35w\"",
        ));
    cli()
        .args(["doc-key", "", "7", "--json", "--secret-file"])
        .arg(&path)
        .assert()
        .code(2)
        .stdout(predicate::str::contains("invalid_input"));
}
