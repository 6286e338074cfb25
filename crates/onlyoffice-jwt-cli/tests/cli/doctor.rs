//! `doctor nextcloud|seahub` against stand-ins of an installation: an `occ` script that
//! answers as Nextcloud's does, PHP's Debian configuration tree, a seahub_settings.py,
//! and a Document Server whose clock is set by the test.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use predicates::prelude::*;
use tempfile::TempDir;

use crate::common::cli;

/// A strong secret (random characters) and a weak one (the connector's demo length).
const STRONG: &str = "Zq7Lw2Xr9Kp4Vn8Bt1Md6Hc3Fs5Jg0YaQe";
const WEAK: &str = "sn2puSUF7muF5Jas";

/// A Document Server stand-in that answers every request once with its `Date` header
/// `offset` seconds from this host's clock; returns its base URL.
fn ds_with_clock(offset: i64) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(4) {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut request = [0_u8; 2048];
            let _ = stream.read(&mut request);
            let now = SystemTime::now();
            let date = if offset >= 0 {
                now + Duration::from_secs(offset.unsigned_abs())
            } else {
                now - Duration::from_secs(offset.unsigned_abs())
            };
            let answer = format!(
                "HTTP/1.1 200 OK\r\nDate: {}\r\nContent-Length: 4\r\nConnection: close\r\n\r\ntrue",
                httpdate::fmt_http_date(date)
            );
            let _ = stream.write_all(answer.as_bytes());
        }
    });
    format!("http://127.0.0.1:{port}/")
}

/// A Nextcloud stand-in: `occ` (a script answering `app:list`, `config:app:get` and
/// `config:system:get` from the given values) and PHP's configuration tree.
struct Nextcloud {
    dir: TempDir,
}

impl Nextcloud {
    fn new(apps: &[&str], values: &[(&str, &str)], fpm_ini: &str) -> Nextcloud {
        let dir = tempfile::tempdir().expect("temp dir");
        let enabled: Vec<String> = apps.iter().map(|a| format!("\"{a}\":\"1.0.0\"")).collect();
        let mut script = format!(
            "#!/bin/sh\ncase \"$1\" in\n  app:list) echo '{{\"enabled\":{{{}}},\"disabled\":{{}}}}' ;;\n",
            enabled.join(",")
        );
        script.push_str("  config:app:get)\n    case \"$3\" in\n");
        for (key, value) in values {
            script.push_str(&format!("      {key}) printf '%s\\n' '{value}' ;;\n"));
        }
        script.push_str("      *) exit 1 ;;\n    esac ;;\n  *) exit 1 ;;\nesac\n");
        let occ = dir.path().join("occ");
        std::fs::write(&occ, script).expect("occ");
        let conf_d = dir.path().join("php/8.2/fpm/conf.d");
        std::fs::create_dir_all(&conf_d).expect("conf.d");
        std::fs::write(conf_d.join("10-opcache.ini"), "zend_extension=opcache.so\n").expect("ini");
        if !fpm_ini.is_empty() {
            std::fs::write(conf_d.join("20-onlyoffice_jwt.ini"), fpm_ini).expect("ini");
        }
        Nextcloud { dir }
    }

    fn args(&self) -> Vec<String> {
        vec![
            "doctor".into(),
            "nextcloud".into(),
            "--occ".into(),
            format!("sh {}", self.dir.path().join("occ").display()),
            "--php-etc".into(),
            self.dir.path().join("php").display().to_string(),
        ]
    }
}

const ENABLED_INI: &str =
    "; priority=20\nextension=onlyoffice_jwt.so\nonlyoffice_jwt.compat_leeway_floor = 60\n";

fn nextcloud(apps: &[&str], secret: &str, ds: &str, ini: &str) -> Nextcloud {
    Nextcloud::new(
        apps,
        &[
            ("jwt_secret", secret),
            ("DocumentServerUrl", "https://ds.example/"),
            ("DocumentServerInternalUrl", ds),
        ],
        ini,
    )
}

#[test]
fn a_protected_nextcloud_passes_and_the_secret_is_never_shown() {
    let ds = ds_with_clock(0);
    let nc = nextcloud(
        &["onlyoffice", "onlyoffice_jwt_guard"],
        STRONG,
        &ds,
        ENABLED_INI,
    );
    cli()
        .args(nc.args())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("protected: every check passed"))
        .stdout(predicate::str::contains(
            "onlyoffice_jwt is enabled for PHP 8.2 fpm",
        ))
        .stdout(predicate::str::contains("strong (34 bytes)"))
        .stdout(predicate::str::contains(STRONG).not());
}

#[test]
fn nextcloud_without_the_guard_app_the_extension_or_a_strong_secret_is_not_protected() {
    let ds = ds_with_clock(0);
    let cases = [
        (
            nextcloud(&["onlyoffice"], STRONG, &ds, ENABLED_INI),
            "occ app:enable onlyoffice_jwt_guard",
        ),
        (
            nextcloud(&["onlyoffice", "onlyoffice_jwt_guard"], STRONG, &ds, ""),
            "onlyoffice_jwt is not enabled for PHP 8.2 fpm",
        ),
        (
            nextcloud(
                &["onlyoffice", "onlyoffice_jwt_guard"],
                WEAK,
                &ds,
                ENABLED_INI,
            ),
            "weak: the secret is 16 bytes long",
        ),
        (
            nextcloud(
                &["onlyoffice", "onlyoffice_jwt_guard"],
                "",
                &ds,
                ENABLED_INI,
            ),
            "the connector verifies nothing",
        ),
    ];
    for (nc, reason) in cases {
        cli()
            .args(nc.args())
            .assert()
            .code(1)
            .stdout(predicate::str::contains(reason))
            .stdout(predicate::str::contains("NOT protected"))
            .stdout(predicate::str::contains(WEAK).not());
    }
}

#[test]
fn nextcloud_clock_difference_and_missing_leeway_floor_are_warnings() {
    let ds = ds_with_clock(120);
    let nc = nextcloud(
        &["onlyoffice", "onlyoffice_jwt_guard"],
        STRONG,
        &ds,
        "extension=onlyoffice_jwt\n",
    );
    let output = cli().args(nc.args()).arg("--json").output().expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let check = |name: &str| {
        report["checks"]
            .as_array()
            .expect("checks")
            .iter()
            .find(|c| c["check"] == name)
            .cloned()
            .expect(name)
    };
    assert_eq!(check("clock")["verdict"], "warning");
    let clock = check("clock")["detail"].as_str().unwrap().to_owned();
    assert!(clock.contains("+12") && clock.contains("beyond"), "{clock}");
    assert_eq!(check("leeway")["verdict"], "warning");
    assert_eq!(report["protected"], true);
}

/// A Python package standing for the installed onlyoffice_jwt (the doctor only asks
/// whether Seahub's Python can find it and its Seahub middleware).
fn python_path(dir: &Path) -> PathBuf {
    let package = dir.join("site/onlyoffice_jwt");
    std::fs::create_dir_all(&package).expect("package");
    std::fs::write(package.join("__init__.py"), "").expect("init");
    std::fs::write(package.join("seahub.py"), "").expect("seahub");
    dir.join("site")
}

fn seahub(settings: &str, with_module: bool) -> (TempDir, Vec<String>, Option<PathBuf>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("seahub_settings.py");
    std::fs::write(&path, settings).expect("settings");
    let site = with_module.then(|| python_path(dir.path()));
    let args = vec![
        "doctor".into(),
        "seahub".into(),
        "--settings".into(),
        path.display().to_string(),
        "--python".into(),
        "python3".into(),
    ];
    (dir, args, site)
}

fn run_seahub(settings: &str, with_module: bool) -> assert_cmd::assert::Assert {
    let (_dir, args, site) = seahub(settings, with_module);
    let mut command = cli();
    command.args(args).env_remove("PYTHONPATH");
    if let Some(site) = site {
        command.env("PYTHONPATH", site);
    }
    command.assert()
}

#[test]
fn a_protected_seahub_passes_in_both_settings_layouts() {
    let ds = ds_with_clock(0);
    let single = format!(
        "ENABLE_ONLYOFFICE = True\nONLYOFFICE_APIJS_URL = '{ds}web-apps/apps/api/documents/api.js'\n\
         ONLYOFFICE_JWT_SECRET = '{STRONG}'\nEXTRA_MIDDLEWARE = ['onlyoffice_jwt.seahub.GuardMiddleware']\n"
    );
    run_seahub(&single, true)
        .code(0)
        .stdout(predicate::str::contains("protected: every check passed"))
        .stdout(predicate::str::contains(STRONG).not());
    let ds = ds_with_clock(0);
    let multiple = format!(
        "ENABLE_MULTIPLE_OFFICE_SUITE = True\nOFFICE_SUITE_LIST = [\n  {{'id': 'onlyoffice', 'name': 'OnlyOffice', \
         'is_default': True, 'ONLYOFFICE_APIJS_URL': '{ds}web-apps/apps/api/documents/api.js', \
         'ONLYOFFICE_JWT_SECRET': '{STRONG}'}},\n  {{'id': 'collabora', 'name': 'CollaboraOnline', 'is_default': False}},\n]\n\
         EXTRA_MIDDLEWARE = ['onlyoffice_jwt.seahub.GuardMiddleware']\n"
    );
    run_seahub(&multiple, true)
        .code(0)
        .stdout(predicate::str::contains("OFFICE_SUITE_LIST"))
        .stdout(predicate::str::contains(STRONG).not());
}

#[test]
fn seahub_without_the_module_the_middleware_or_a_secret_is_not_protected() {
    let ds = ds_with_clock(0);
    let api = format!("ONLYOFFICE_APIJS_URL = '{ds}web-apps/apps/api/documents/api.js'\n");
    let guard = "EXTRA_MIDDLEWARE = ['onlyoffice_jwt.seahub.GuardMiddleware']\n";
    let secret = format!("ONLYOFFICE_JWT_SECRET = '{STRONG}'\n");
    let cases = [
        (format!("{api}{secret}"), true, "add EXTRA_MIDDLEWARE"),
        (
            format!(
                "{api}{secret}{guard}MIDDLEWARE = ['django.middleware.common.CommonMiddleware']\n"
            ),
            true,
            "sets MIDDLEWARE too",
        ),
        (
            format!("{api}{secret}{guard}"),
            false,
            "cannot import onlyoffice_jwt",
        ),
        (
            format!("{api}{guard}ONLYOFFICE_JWT_SECRET = '{WEAK}'\n"),
            true,
            "weak",
        ),
        (
            format!("{api}{guard}"),
            true,
            "the connector verifies nothing",
        ),
    ];
    for (settings, module, reason) in cases {
        run_seahub(&settings, module)
            .code(1)
            .stdout(predicate::str::contains(reason))
            .stdout(predicate::str::contains(WEAK).not());
    }
}
