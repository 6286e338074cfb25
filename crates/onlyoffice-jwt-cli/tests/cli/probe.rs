//! probe against the Document Server stand-in (tests/ds-standin, node jsonwebtoken).

use predicates::prelude::*;
use serde_json::Value;

use crate::common::{cli, secret_file, StandIn};

const INBOX: &str = "the-document-servers-inbox-secret-0123456789";

#[test]
fn a_matching_secret_is_accepted_and_the_version_shown() {
    let ds = StandIn::start(&[
        ("STANDIN_INBOX_SECRET", INBOX),
        ("STANDIN_VERSION", "8.3.1"),
    ]);
    let (_dir, secret) = secret_file(INBOX);
    cli()
        .args(["probe", &ds.url(), "--secret-file"])
        .arg(&secret)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Document Server 8.3.1 accepted our signed command",
        ))
        .stdout(predicate::str::contains(
            "without a token is refused (error 6",
        ));
    let output = cli()
        .args([
            "probe",
            &format!("{}coauthoring/CommandService.ashx", ds.url()),
            "--json",
        ])
        .arg("--secret-file")
        .arg(&secret)
        .assert()
        .success()
        .get_output()
        .clone();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["ok"], true);
    assert_eq!(json["version"], "8.3.1");
    assert_eq!(json["signed_reply"]["error"], 0);
    assert_eq!(json["unsigned_reply"]["error"], 6);
}

#[test]
fn a_wrong_secret_is_explained_as_error_6() {
    let ds = StandIn::start(&[("STANDIN_INBOX_SECRET", INBOX)]);
    let (_dir, secret) = secret_file("the-connectors-different-secret-0123456789");
    cli()
        .args(["probe", &ds.url(), "--secret-file"])
        .arg(&secret)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("answered error 6"))
        .stdout(predicate::str::contains("inbox secret"));
    let output = cli()
        .args(["probe", &ds.url(), "--json", "--secret-file"])
        .arg(&secret)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["ok"], false);
    assert_eq!(json["signed_reply"]["error"], 6);
}

#[test]
fn disabled_tokens_are_reported_as_open() {
    let ds = StandIn::start(&[("STANDIN_TOKENS", "off")]);
    let (_dir, secret) = secret_file(INBOX);
    cli()
        .args(["probe", &ds.url(), "--secret-file"])
        .arg(&secret)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("accepts commands WITHOUT a token"))
        .stdout(predicate::str::contains("token.enable.request.inbox"));
}

#[test]
fn no_server_fails_with_exit_1() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let (_dir, secret) = secret_file(INBOX);
    cli()
        .args([
            "probe",
            &format!("http://127.0.0.1:{port}/"),
            "--secret-file",
        ])
        .arg(&secret)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unreachable"))
        .stderr(predicate::str::contains("nothing listens at this address"));
}

#[test]
fn a_bad_url_or_missing_secret_exits_2() {
    let (_dir, secret) = secret_file(INBOX);
    cli()
        .args(["probe", "ftp://127.0.0.1/", "--secret-file"])
        .arg(&secret)
        .assert()
        .code(2);
    cli()
        .args(["probe", "http://127.0.0.1:9/"])
        .assert()
        .code(2);
}

#[test]
fn tls_is_verified_unless_insecure() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    let made = std::process::Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        ])
        .args([
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .expect("openssl runs");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let ds = StandIn::start(&[
        ("STANDIN_INBOX_SECRET", INBOX),
        ("STANDIN_TLS_CERT", cert.to_str().unwrap()),
        ("STANDIN_TLS_KEY", key.to_str().unwrap()),
    ]);
    let url = format!("https://127.0.0.1:{}/", ds.port);
    let (_secret_dir, secret) = secret_file(INBOX);
    cli()
        .args(["probe", &url, "--secret-file"])
        .arg(&secret)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("TLS handshake failed"));
    cli()
        .args(["probe", &url, "--insecure", "--secret-file"])
        .arg(&secret)
        .assert()
        .success()
        .stdout(predicate::str::contains("accepted our signed command"));
}
