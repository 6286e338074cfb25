//! derive: the fragment, and --merge into a local.json.

use predicates::prelude::*;
use serde_json::{json, Value};

use crate::common::{cli, fixture, secret_file, MASTER};

// HKDF-SHA256 of MASTER with the labels of docs/formats.md, computed with Python's
// hmac/hashlib.
const INBOX: &str = "1RUntIfQlldGGnCBv5EfnBAg-Z-SxH3GuN78lKsGikc";
const OUTBOX: &str = "1qAkR88C5dso9Yx6l-3kJaP0gA0SH2QdWHfJhNF-BaY";
const SESSION: &str = "1uF2rkXfTeWjQL7nIXxGhqnjcxR-me7nn-XeODmHbWw";

fn expected_fragment() -> Value {
    json!({"services": {"CoAuthoring": {
        "secret": {
            "inbox": {"string": INBOX},
            "outbox": {"string": OUTBOX},
            "session": {"string": SESSION},
        },
        "token": {"enable": {"browser": true, "request": {"inbox": true, "outbox": true}}},
    }}})
}

#[test]
fn derive_prints_the_local_json_fragment() {
    let (_dir, path) = secret_file(MASTER);
    let output = cli()
        .args(["derive", "--secret-file"])
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains("keep them private"))
        .get_output()
        .clone();
    let fragment: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(fragment, expected_fragment());
}

#[test]
fn derive_json_has_every_secret_and_the_fragment() {
    let (_dir, path) = secret_file(MASTER);
    let output = cli()
        .args(["derive", "--json", "--secret-file"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .clone();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["inbox"], INBOX);
    assert_eq!(json["outbox"], OUTBOX);
    assert_eq!(json["session"], SESSION);
    assert_eq!(json["links"].as_str().unwrap().len(), 43);
    assert_eq!(json["doc_keys"].as_str().unwrap().len(), 43);
    assert_eq!(json["local_json"], expected_fragment());
}

#[test]
fn derive_refuses_a_weak_master_with_exit_2() {
    let (_dir, path) = secret_file("secret");
    cli()
        .args(["derive", "--secret-file"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("weak_secret"));
}

#[test]
fn merge_keeps_other_settings_writes_a_backup_and_passes_the_audit() {
    let (dir, master) = secret_file(MASTER);
    let local = dir.path().join("local.json");
    let before = "{\n  \"services\": {\n    \"CoAuthoring\": {\n      \"sql\": {\"dbHost\": \"db\", \"dbPass\": \"pw\"},\n      \"secret\": {\"inbox\": {\"string\": \"secret\"}, \"browser\": {\"string\": \"secret\"}},\n      \"token\": {\"enable\": {\"browser\": false}}\n    }\n  },\n  \"rabbitmq\": {\"url\": \"amqp://guest:guest@localhost\"}\n}\n";
    std::fs::write(&local, before).unwrap();
    cli()
        .args(["derive", "--merge"])
        .arg(&local)
        .arg("--secret-file")
        .arg(&master)
        .assert()
        .success()
        .stdout(predicate::str::contains("backup"))
        .stdout(predicate::str::contains(INBOX).not());
    let merged: Value = serde_json::from_str(&std::fs::read_to_string(&local).unwrap()).unwrap();
    let co = &merged["services"]["CoAuthoring"];
    assert_eq!(co["sql"], json!({"dbHost": "db", "dbPass": "pw"}));
    assert_eq!(co["secret"]["inbox"]["string"], INBOX);
    assert_eq!(co["secret"]["outbox"]["string"], OUTBOX);
    assert_eq!(co["secret"]["session"]["string"], SESSION);
    assert_eq!(co["secret"]["browser"]["string"], "secret");
    assert_eq!(co["token"]["enable"]["browser"], true);
    assert_eq!(co["token"]["enable"]["request"]["outbox"], true);
    assert_eq!(merged["rabbitmq"]["url"], "amqp://guest:guest@localhost");
    let keys: Vec<&String> = merged.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["services", "rabbitmq"]);
    let backups: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("local.json.bak-"))
        .collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(std::fs::read_to_string(&backups[0]).unwrap(), before);
    // the merged file passes the audit, the master being the connector's secret
    cli()
        .args(["audit", "--connector-secret-file"])
        .arg(&master)
        .arg(&local)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 errors, 1 warning"));
}

#[test]
fn derive_says_which_rule_reads_the_secrets() {
    let (dir, master) = secret_file(MASTER);
    cli()
        .args(["derive", "--secret-file"])
        .arg(&master)
        .assert()
        .success()
        .stderr(predicate::str::contains("read as raw bytes"))
        .stderr(predicate::str::contains("secret.key as text"));
    let local = dir.path().join("local.json");
    let multitenant =
        r#"{"tenants": {"baseDir": "/var/www/onlyoffice/Data/tenants"}, "services": {}}"#;
    for (text, expected) in [(multitenant, true), ("{\"services\": {}}", false)] {
        std::fs::write(&local, text).unwrap();
        let output = cli()
            .args(["derive", "--json", "--merge"])
            .arg(&local)
            .arg("--secret-file")
            .arg(&master)
            .assert()
            .success()
            .get_output()
            .clone();
        let json: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(json["multitenant"], expected, "{text}");
    }
    std::fs::write(&local, multitenant).unwrap();
    cli()
        .args(["derive", "--merge"])
        .arg(&local)
        .arg("--secret-file")
        .arg(&master)
        .assert()
        .success()
        .stdout(predicate::str::contains("derive does not change it"));
}

#[test]
fn merge_into_a_broken_file_changes_nothing() {
    let (dir, master) = secret_file(MASTER);
    let local = dir.path().join("local.json");
    let broken = std::fs::read(fixture("unclosed_brace_nextcloud_forum.json")).unwrap();
    std::fs::write(&local, &broken).unwrap();
    cli()
        .args(["derive", "--merge"])
        .arg(&local)
        .arg("--secret-file")
        .arg(&master)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid_config"));
    assert_eq!(std::fs::read(&local).unwrap(), broken);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn merge_keeps_the_owner_group_and_mode() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let (dir, master) = secret_file(MASTER);
    let local = dir.path().join("local.json");
    std::fs::write(&local, "{}").unwrap();
    std::fs::set_permissions(&local, std::fs::Permissions::from_mode(0o640)).unwrap();
    // As root (CI), hand the file to another user, as the DS's own user owns it.
    let _ = std::os::unix::fs::chown(&local, Some(12345), Some(12346));
    let before = std::fs::metadata(&local).unwrap();
    cli()
        .args(["derive", "--merge"])
        .arg(&local)
        .arg("--secret-file")
        .arg(&master)
        .assert()
        .success();
    let after = std::fs::metadata(&local).unwrap();
    assert_ne!(
        after.ino(),
        before.ino(),
        "the file was replaced, not rewritten"
    );
    assert_eq!(after.mode() & 0o7777, 0o640);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
}
