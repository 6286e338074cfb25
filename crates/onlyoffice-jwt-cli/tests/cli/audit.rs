//! audit: one fixture per finding (tests/fixtures/audit), connector secret sources.

use predicates::prelude::*;
use serde_json::Value;

use crate::common::{cli, fixture, secret_file};

/// The inbox secret of the fixtures (clean.json and those made from it).
const FIXTURE_INBOX: &str = "kW3pQ9vZt7LmR2xB8nJc4HfYd6GsA1Ue";

fn findings(name: &str, extra: &[&str], exit: i32) -> Vec<Value> {
    let output = cli()
        .current_dir(fixture(""))
        .args(["audit", "--json", name])
        .args(extra)
        .assert()
        .code(exit)
        .get_output()
        .clone();
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["ok"], exit == 0, "{name}");
    json["findings"].as_array().unwrap().clone()
}

fn has(findings: &[Value], code: &str, path: &str, severity: &str) -> bool {
    findings
        .iter()
        .any(|f| f["code"] == code && f["path"] == path && f["severity"] == severity)
}

#[test]
fn a_clean_local_json_has_no_findings() {
    assert_eq!(findings("clean.json", &[], 0), Vec::<Value>::new());
    cli()
        .args(["audit"])
        .arg(fixture("clean.json"))
        .assert()
        .success()
        .stdout(predicate::str::ends_with("0 errors, 0 warnings\n"));
}

#[test]
fn each_setting_fixture_gives_its_finding() {
    let co = "services.CoAuthoring";
    let cases = [
        (
            "tokens_disabled.json",
            "tokens_disabled",
            format!("{co}.token.enable.browser"),
            "error",
            1,
        ),
        (
            "tokens_disabled.json",
            "tokens_disabled",
            format!("{co}.token.enable.request.outbox"),
            "error",
            1,
        ),
        (
            "wrong_type.json",
            "wrong_type",
            format!("{co}.token.enable.request.inbox"),
            "error",
            1,
        ),
        (
            "default_secret.json",
            "default_secret",
            format!("{co}.secret.inbox.string"),
            "error",
            1,
        ),
        (
            "default_secret_unset.json",
            "default_secret",
            format!("{co}.secret.session.string"),
            "error",
            1,
        ),
        (
            "short_secret.json",
            "short_secret",
            format!("{co}.secret.outbox.string"),
            "warning",
            0,
        ),
        (
            "weak_secret.json",
            "weak_secret",
            format!("{co}.secret.outbox.string"),
            "warning",
            0,
        ),
        (
            "tenant_secret_rule.json",
            "tenant_secret_rule",
            "tenants.baseDir".to_owned(),
            "warning",
            0,
        ),
        (
            "empty_secret.json",
            "empty_secret",
            format!("{co}.secret.inbox.string"),
            "error",
            1,
        ),
        (
            "obsolete_browser_secret.json",
            "obsolete_browser_secret",
            format!("{co}.secret.browser"),
            "warning",
            0,
        ),
        (
            "obsolete_in_body.json",
            "obsolete_in_body",
            format!("{co}.token.inbox.inBody"),
            "warning",
            0,
        ),
        (
            "secret_file_missing.json",
            "secret_file_missing",
            format!("{co}.secret.outbox.file"),
            "error",
            1,
        ),
        (
            "secret_file_newline.json",
            "secret_file_newline",
            format!("{co}.secret.inbox.file"),
            "warning",
            0,
        ),
        (
            "ipfilter_allows_everyone.json",
            "ipfilter_allows_everyone",
            format!("{co}.ipfilter.rules"),
            "warning",
            0,
        ),
        (
            "ipfilter_cidr.json",
            "ipfilter_cidr",
            format!("{co}.ipfilter.rules.0.address"),
            "error",
            1,
        ),
        (
            "wrong_parent.json",
            "wrong_parent",
            "secret".to_owned(),
            "error",
            1,
        ),
        (
            "unknown_setting.json",
            "unknown_setting",
            format!("{co}.token.enable.inbox"),
            "warning",
            0,
        ),
        (
            "not_an_object.json",
            "not_an_object",
            String::new(),
            "error",
            1,
        ),
        (
            "secret_whitespace.json",
            "secret_whitespace",
            format!("{co}.secret.outbox.string"),
            "warning",
            0,
        ),
        (
            "duplicate_key.json",
            "duplicate_key",
            "services".to_owned(),
            "warning",
            0,
        ),
    ];
    for (name, code, path, severity, exit) in cases {
        let found = findings(name, &[], exit);
        assert!(has(&found, code, &path, severity), "{name}: {found:#?}");
        for finding in &found {
            assert!(!finding["message"].as_str().unwrap().is_empty());
            assert!(!finding["fix"].as_str().unwrap().is_empty());
        }
    }
}

#[test]
fn only_the_named_problem_is_reported() {
    assert_eq!(findings("short_secret.json", &[], 0).len(), 1);
    assert_eq!(findings("weak_secret.json", &[], 0).len(), 1);
    assert_eq!(findings("tenant_secret_rule.json", &[], 0).len(), 1);
    assert_eq!(findings("ipfilter_cidr.json", &[], 1).len(), 1);
    assert_eq!(findings("tokens_disabled.json", &[], 1).len(), 2);
    let duplicate = &findings("duplicate_key.json", &[], 0)[0];
    assert_eq!(
        (duplicate["line"].as_u64(), duplicate["column"].as_u64()),
        (Some(13), Some(3))
    );
    assert!(duplicate["message"]
        .as_str()
        .unwrap()
        .contains("first at line 2"));
    let cidr = &findings("ipfilter_cidr.json", &[], 1)[0];
    assert!(cidr["fix"].as_str().unwrap().contains("\"192.168.1.*\""));
}

#[test]
fn each_syntax_fixture_gives_its_finding_with_position() {
    let cases = [
        (
            "unclosed_brace_nextcloud_forum.json",
            "unclosed_brace",
            15,
            17,
        ),
        ("unclosed_brace_at_end.json", "unclosed_brace", 13, 1),
        ("fragment_nextcloud_forum.json", "fragment", 1, 1),
        ("typographic_quotes.json", "typographic_quotes", 4, 7),
        ("missing_comma.json", "missing_comma", 7, 11),
        ("trailing_comma.json", "trailing_comma", 10, 11),
        ("comment.json", "comment", 2, 3),
        ("syntax_error.json", "syntax_error", 4, 41),
        ("empty_file.json", "empty_file", 1, 1),
    ];
    for (name, code, line, column) in cases {
        let found = findings(name, &[], 1);
        assert_eq!(found.len(), 1, "{name}: {found:#?}");
        let finding = &found[0];
        assert_eq!(finding["code"], code, "{name}");
        assert_eq!(finding["severity"], "error", "{name}");
        assert_eq!(
            (finding["line"].as_u64(), finding["column"].as_u64()),
            (Some(line), Some(column)),
            "{name}"
        );
        assert!(finding["context"].as_str().unwrap().contains('^'), "{name}");
    }
}

#[test]
fn the_forum_paste_is_explained_without_showing_the_secret() {
    cli()
        .arg("audit")
        .arg(fixture("unclosed_brace_nextcloud_forum.json"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "ERROR [unclosed_brace] line 15, column 17",
        ))
        .stdout(predicate::str::contains("\"inbox\" opened at line 13"))
        .stdout(predicate::str::contains(
            "15 |                 \"outbox\": {",
        ))
        .stdout(predicate::str::contains("mysecret").not());
    cli()
        .arg("audit")
        .arg(fixture("fragment_nextcloud_forum.json"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "8 braces opened in it are never closed",
        ));
}

#[test]
fn the_connector_secret_is_compared_from_every_source() {
    let co = "services.CoAuthoring";
    let (dir, plain) = secret_file(FIXTURE_INBOX);
    let nextcloud = dir.path().join("config.php");
    std::fs::write(
        &nextcloud,
        format!("<?php\n$CONFIG = array (\n  'onlyoffice' => array (\n    'jwt_secret' => '{FIXTURE_INBOX}',\n  ),\n);\n"),
    )
    .unwrap();
    let seahub = dir.path().join("seahub_settings.py");
    std::fs::write(
        &seahub,
        format!("ENABLE_ONLYOFFICE = True\nONLYOFFICE_JWT_SECRET = '{FIXTURE_INBOX}'\n"),
    )
    .unwrap();
    for flag in [
        "--connector-secret-file",
        "--nextcloud-config",
        "--seahub-settings",
    ] {
        let source = match flag {
            "--connector-secret-file" => &plain,
            "--nextcloud-config" => &nextcloud,
            _ => &seahub,
        };
        let found = findings(
            "connector_mismatch.json",
            &[flag, source.to_str().unwrap()],
            1,
        );
        assert_eq!(found.len(), 1, "{flag}: {found:#?}");
        assert!(has(
            &found,
            "connector_mismatch",
            &format!("{co}.secret.outbox.string"),
            "error"
        ));
        let text = serde_json::to_string(&found).unwrap();
        assert!(!text.contains(FIXTURE_INBOX));
    }
}

#[test]
fn unreadable_inputs_exit_2() {
    cli()
        .args(["audit", "/nonexistent/local.json"])
        .assert()
        .code(2);
    let (dir, _) = secret_file("x");
    let config = dir.path().join("config.php");
    std::fs::write(&config, "<?php $CONFIG = array('dbtype' => 'sqlite');").unwrap();
    cli()
        .args(["audit", "--nextcloud-config"])
        .arg(&config)
        .arg(fixture("clean.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "occ config:app:get onlyoffice jwt_secret",
        ));
    cli()
        .args([
            "audit",
            "--seahub-settings",
            "/nonexistent/seahub_settings.py",
        ])
        .arg(fixture("clean.json"))
        .assert()
        .code(2);
    cli()
        .args([
            "audit",
            "--connector-secret-file",
            "a",
            "--seahub-settings",
            "b",
            "x",
        ])
        .assert()
        .code(2);
}

#[test]
fn audit_reads_stdin() {
    cli()
        .args(["audit", "-", "--json"])
        .write_stdin(std::fs::read(fixture("typographic_quotes.json")).unwrap())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"code\": \"typographic_quotes\""));
}
