//! `doctor nextcloud|seahub`: reads an installation's configuration and says whether
//! it is protected — the extension or module loaded where the web server runs the
//! connector, the guard switched on, where the secret comes from and whether it is
//! strong (never the secret itself), the Document Server's addresses, and the clock
//! difference to it. Exit 0 only when the installation is protected.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

use clap::{Args, Subcommand};
use onlyoffice_jwt::{regular_file, Secret};
use serde_json::{json, Map, Value};
use zeroize::Zeroizing;

use crate::failure::Failure;
use crate::{print_json, Outcome, FAILED, OK};

/// How long the Document Server may take to answer the clock check.
const TIMEOUT: Duration = Duration::from_secs(10);

/// The Document Server's clock tolerance: beyond this difference its tokens fail.
const DS_TOLERANCE: u64 = 60;

/// The largest output read from `occ` or the settings reader.
const MAX_OUTPUT: usize = 1 << 20;

/// The Nextcloud app of this project.
pub const GUARD_APP: &str = "onlyoffice_jwt_guard";

/// The Seahub middleware of this project, as `EXTRA_MIDDLEWARE` lists it.
pub const GUARD_MIDDLEWARE: &str = "onlyoffice_jwt.seahub.GuardMiddleware";

/// Arguments of `doctor`.
#[derive(Args)]
pub struct DoctorArgs {
    #[command(subcommand)]
    pub platform: Platform,
    /// Machine-readable output: the list of checks.
    #[arg(long, global = true)]
    pub json: bool,
}

/// The platforms `doctor` knows.
#[derive(Subcommand)]
pub enum Platform {
    /// A Nextcloud server with the ONLYOFFICE app.
    Nextcloud(NextcloudArgs),
    /// A Seafile server's Seahub with ONLYOFFICE.
    Seahub(SeahubArgs),
}

/// Arguments of `doctor nextcloud`.
#[derive(Args)]
pub struct NextcloudArgs {
    /// The command that runs occ as the web server's user (run through `sh -c`).
    #[arg(long, default_value = "sudo -u www-data php /var/www/nextcloud/occ")]
    pub occ: String,
    /// PHP's configuration directory (Debian: one directory per version and SAPI).
    #[arg(long, value_name = "DIR", default_value = "/etc/php")]
    pub php_etc: PathBuf,
}

/// Arguments of `doctor seahub`.
#[derive(Args)]
pub struct SeahubArgs {
    /// Seahub's settings file.
    #[arg(
        long,
        value_name = "PATH",
        default_value = "/opt/seafile/conf/seahub_settings.py"
    )]
    pub settings: PathBuf,
    /// The Python interpreter that runs Seahub (it must import onlyoffice_jwt).
    #[arg(long, default_value = "python3")]
    pub python: String,
}

/// How a check came out.
#[derive(Clone, Copy, PartialEq)]
enum Verdict {
    /// As it must be.
    Ok,
    /// Worth fixing, but the installation is protected.
    Warning,
    /// The installation is not protected.
    Failed,
}

/// One line of the report.
struct Check {
    name: &'static str,
    verdict: Verdict,
    detail: String,
}

/// The report being built.
#[derive(Default)]
struct Report(Vec<Check>);

impl Report {
    fn add(&mut self, name: &'static str, verdict: Verdict, detail: impl Into<String>) {
        self.0.push(Check {
            name,
            verdict,
            detail: detail.into(),
        });
    }

    fn finish(self, json_output: bool) -> Outcome {
        let protected = self.0.iter().all(|c| c.verdict != Verdict::Failed);
        if json_output {
            let checks: Vec<Value> = self
                .0
                .iter()
                .map(|c| {
                    json!({"check": c.name, "verdict": match c.verdict {
                        Verdict::Ok => "ok", Verdict::Warning => "warning", Verdict::Failed => "failed",
                    }, "detail": c.detail})
                })
                .collect();
            print_json(&json!({"ok": protected, "protected": protected, "checks": checks}));
        } else {
            for c in &self.0 {
                let mark = match c.verdict {
                    Verdict::Ok => "ok  ",
                    Verdict::Warning => "warn",
                    Verdict::Failed => "FAIL",
                };
                say!("{mark} {:<10} {}", c.name, c.detail);
            }
            say!(
                "{}",
                if protected {
                    "protected: every check passed"
                } else {
                    "NOT protected: fix the checks marked FAIL"
                }
            );
        }
        Ok(if protected { OK } else { FAILED })
    }
}

/// Runs `doctor`.
pub fn run(args: &DoctorArgs) -> Outcome {
    match &args.platform {
        Platform::Nextcloud(nextcloud) => run_nextcloud(nextcloud, args.json),
        Platform::Seahub(seahub) => run_seahub(seahub, args.json),
    }
}

fn run_nextcloud(args: &NextcloudArgs, json_output: bool) -> Outcome {
    let mut report = Report::default();
    extension_check(&args.php_etc, &mut report);
    let apps = occ(&args.occ, &["app:list", "--output=json"])?;
    let apps: Value = serde_json::from_str(&apps)
        .map_err(|_| Failure::input("occ app:list did not print JSON: is --occ right?"))?;
    let enabled = |app: &str| apps["enabled"].get(app).is_some();
    report.add(
        "connector",
        if enabled("onlyoffice") {
            Verdict::Ok
        } else {
            Verdict::Failed
        },
        if enabled("onlyoffice") {
            "the ONLYOFFICE app is enabled"
        } else {
            "the ONLYOFFICE app (onlyoffice) is not enabled"
        },
    );
    report.add(
        "guard",
        if enabled(GUARD_APP) {
            Verdict::Ok
        } else {
            Verdict::Failed
        },
        if enabled(GUARD_APP) {
            format!(
                "the {GUARD_APP} app is enabled (its middleware guards track, download, emptyfile)"
            )
        } else {
            format!("the {GUARD_APP} app is not enabled: occ app:enable {GUARD_APP}")
        },
    );
    let value = |key: &str| -> Result<Zeroizing<String>, Failure> {
        let app = occ_value(&args.occ, &["config:app:get", "onlyoffice", key])?;
        if !app.is_empty() {
            return Ok(app);
        }
        occ_value(&args.occ, &["config:system:get", "onlyoffice", key])
    };
    let demo = occ_value(&args.occ, &["config:app:get", "onlyoffice", "demo"])?;
    let in_demo =
        serde_json::from_str::<Value>(&demo).is_ok_and(|demo| demo["enabled"] == Value::Bool(true));
    if in_demo {
        report.add(
            "secret",
            Verdict::Failed,
            "demo mode is on: the public demo server's published secret is used",
        );
    } else {
        secret_check(
            &value("jwt_secret")?,
            "the ONLYOFFICE app's jwt_secret (occ config:app:get onlyoffice jwt_secret, else \
             config.php 'onlyoffice' => ['jwt_secret'])",
            &mut report,
        );
    }
    let public = value("DocumentServerUrl")?;
    let internal = value("DocumentServerInternalUrl")?;
    ds_checks(&public, &internal, &mut report);
    report.finish(json_output)
}

/// Whether the PHP that the web server runs (FPM, Apache's module) loads the
/// extension: an ini file of its `conf.d` with `extension=onlyoffice_jwt`, and which
/// leeway floor the facade has there.
fn extension_check(php_etc: &Path, report: &mut Report) {
    let mut loaded = Vec::new();
    let mut missing = Vec::new();
    let mut floor = None;
    let versions = std::fs::read_dir(php_etc).into_iter().flatten().flatten();
    for version in versions {
        for sapi in ["fpm", "apache2"] {
            let conf_d = version.path().join(sapi).join("conf.d");
            if !conf_d.is_dir() {
                continue;
            }
            let name = format!("PHP {} {sapi}", version.file_name().to_string_lossy());
            let settings = ini_settings(&conf_d);
            let enabled = settings.iter().any(|(key, value)| {
                let file = value.trim_matches('"').rsplit('/').next().unwrap_or("");
                key == "extension" && matches!(file, "onlyoffice_jwt" | "onlyoffice_jwt.so")
            });
            if enabled {
                loaded.push(name);
            } else {
                missing.push(name);
            }
            if let Some((_, value)) = settings
                .iter()
                .find(|(key, _)| key == "onlyoffice_jwt.compat_leeway_floor")
            {
                floor = value.parse::<u64>().ok();
            }
        }
    }
    match (loaded.is_empty(), missing.is_empty()) {
        (true, true) => report.add(
            "extension",
            Verdict::Failed,
            format!(
                "no PHP-FPM or Apache PHP configuration under {}",
                php_etc.display()
            ),
        ),
        (true, false) => report.add(
            "extension",
            Verdict::Failed,
            format!(
                "onlyoffice_jwt is not enabled for {}: install the package, or phpenmod onlyoffice_jwt",
                missing.join(", ")
            ),
        ),
        (false, true) => report.add(
            "extension",
            Verdict::Ok,
            format!("onlyoffice_jwt is enabled for {}", loaded.join(", ")),
        ),
        (false, false) => report.add(
            "extension",
            Verdict::Warning,
            format!(
                "onlyoffice_jwt is enabled for {}, not for {}",
                loaded.join(", "),
                missing.join(", ")
            ),
        ),
    }
    match floor {
        Some(seconds) if seconds >= 5 => report.add(
            "leeway",
            Verdict::Ok,
            format!("the facade tolerates {seconds} s of clock difference (onlyoffice_jwt.compat_leeway_floor)"),
        ),
        _ => report.add(
            "leeway",
            Verdict::Warning,
            "onlyoffice_jwt.compat_leeway_floor is not set: the connector's leeway is 0 unless \
             jwt_leeway is configured, so a Document Server clock a few seconds ahead fails \
             saves; set it to 60 in the extension's ini",
        ),
    }
}

/// The `key = value` settings of the ini files of a directory, in file order
/// (comments and sections skipped).
fn ini_settings(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ini"))
        .collect();
    files.sort();
    files
        .iter()
        .filter_map(|path| regular_file::read(path, 1 << 20).ok())
        .flat_map(|bytes| {
            String::from_utf8_lossy(&bytes)
                .lines()
                .filter_map(|line| {
                    let line = line.trim();
                    if line.starts_with([';', '#', '[']) {
                        return None;
                    }
                    let (key, value) = line.split_once('=')?;
                    Some((key.trim().to_owned(), value.trim().to_owned()))
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The output of `occ <args>` (run through `sh -c`), trimmed of its last newline.
fn occ(command: &str, args: &[&str]) -> Result<String, Failure> {
    occ_value(command, args).map(|value| value.to_string())
}

/// [`occ`] for a value that may be a secret: kept zeroized; an unset value (occ's exit
/// 1 with no output) is empty.
fn occ_value(command: &str, args: &[&str]) -> Result<Zeroizing<String>, Failure> {
    let line = format!("{command} {}", args.join(" "));
    let output = Command::new("sh")
        .arg("-c")
        .arg(&line)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map_err(|e| Failure::input(format!("cannot run occ ({}): {e}", args[0])))?;
    let stdout = Zeroizing::new(output.stdout);
    if stdout.len() > MAX_OUTPUT {
        return Err(Failure::input("occ printed more than expected"));
    }
    let text = std::str::from_utf8(&stdout)
        .map_err(|_| Failure::input("occ printed something that is not UTF-8"))?;
    match output.status.code() {
        Some(0) => Ok(Zeroizing::new(text.trim_end_matches('\n').to_owned())),
        Some(1) if text.trim().is_empty() => Ok(Zeroizing::new(String::new())),
        _ => Err(Failure::input(format!(
            "occ {} failed ({}): is --occ right, and does it run as the web server's user?",
            args[0], output.status
        ))),
    }
}

/// Where the secret comes from and whether it is strong — never the secret.
fn secret_check(secret: &str, source: &str, report: &mut Report) {
    if secret.is_empty() {
        report.add(
            "secret",
            Verdict::Failed,
            format!("no secret in {source}: the connector verifies nothing; generate one with onlyoffice-jwt keygen"),
        );
        return;
    }
    match Secret::from(secret).check(false) {
        Ok(()) => report.add(
            "secret",
            Verdict::Ok,
            format!("from {source}: strong ({} bytes)", secret.len()),
        ),
        Err(weak) => report.add(
            "secret",
            Verdict::Failed,
            format!("from {source}: weak: {}", weak.message()),
        ),
    }
}

/// The Document Server's addresses and the clock difference to it.
fn ds_checks(public: &str, internal: &str, report: &mut Report) {
    if public.is_empty() {
        report.add(
            "ds_url",
            Verdict::Failed,
            "no Document Server address is configured",
        );
        return;
    }
    let reached = if internal.is_empty() {
        public
    } else {
        internal
    };
    report.add(
        "ds_url",
        Verdict::Ok,
        if internal.is_empty() || internal == public {
            format!("public and internal: {public}")
        } else {
            format!("public {public}, internal {internal}")
        },
    );
    match clock_difference(reached) {
        Ok(seconds) if seconds.unsigned_abs() <= 5 => report.add(
            "clock",
            Verdict::Ok,
            format!("the Document Server's clock is {seconds:+} s from this host's"),
        ),
        Ok(seconds) if seconds.unsigned_abs() <= DS_TOLERANCE => report.add(
            "clock",
            Verdict::Warning,
            format!(
                "the Document Server's clock is {seconds:+} s from this host's: within its \
                 {DS_TOLERANCE} s tolerance, but synchronise both (NTP)"
            ),
        ),
        Ok(seconds) => report.add(
            "clock",
            Verdict::Warning,
            format!(
                "the Document Server's clock is {seconds:+} s from this host's, beyond its \
                 {DS_TOLERANCE} s tolerance: tokens will fail; synchronise both (NTP)"
            ),
        ),
        Err(reason) => report.add(
            "clock",
            Verdict::Warning,
            format!("cannot compare clocks with {reached}: {reason}"),
        ),
    }
}

/// The Document Server's clock minus this host's, in seconds, from the `Date` header
/// of its healthcheck.
fn clock_difference(base: &str) -> Result<i64, String> {
    let url = format!("{}/healthcheck", base.trim_end_matches('/'));
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .build()
        .into();
    let before = SystemTime::now();
    let response = agent.get(&url).call().map_err(|e| e.to_string())?;
    let date = response
        .headers()
        .get("date")
        .and_then(|value| value.to_str().ok())
        .ok_or("its answer has no Date header")?;
    let ds = httpdate::parse_http_date(date).map_err(|_| "its Date header is not an HTTP date")?;
    let seconds = |time: SystemTime| {
        time.duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    };
    Ok(seconds(ds) - seconds(before))
}

/// Reads Seahub's settings file without running it: the Python that runs Seahub parses
/// it (`ast`) and gives back the literal values of the settings that matter, and says
/// whether it can import onlyoffice_jwt and its Seahub middleware.
const SETTINGS_READER: &str = r#"
import ast, importlib.util, json, sys
names = {"ONLYOFFICE_JWT_SECRET", "ONLYOFFICE_APIJS_URL", "ENABLE_ONLYOFFICE",
         "ENABLE_MULTIPLE_OFFICE_SUITE", "OFFICE_SUITE_LIST", "EXTRA_MIDDLEWARE", "MIDDLEWARE",
         "ONLYOFFICE_JWT_GUARD_DS_INTERNAL_URL"}
values, computed = {}, []
with open(sys.argv[1], encoding="utf-8") as f:
    tree = ast.parse(f.read(), sys.argv[1])
for node in tree.body:
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
        name = node.targets[0].id
        if name in names:
            try:
                values[name] = ast.literal_eval(node.value)
            except ValueError:
                computed.append(name)
                values.pop(name, None)
module = importlib.util.find_spec("onlyoffice_jwt") is not None
guard = module and importlib.util.find_spec("onlyoffice_jwt.seahub") is not None
json.dump({"values": values, "computed": computed, "module": module, "guard": guard}, sys.stdout)
"#;

fn run_seahub(args: &SeahubArgs, json_output: bool) -> Outcome {
    regular_file::read(&args.settings, 1 << 20)
        .map_err(|e| Failure::input(format!("{} {e}", args.settings.display())))?;
    let output = Command::new(&args.python)
        .arg("-c")
        .arg(SETTINGS_READER)
        .arg(&args.settings)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map_err(|e| Failure::input(format!("cannot run {}: {e}", args.python)))?;
    let stdout = Zeroizing::new(output.stdout);
    if !output.status.success() || stdout.len() > MAX_OUTPUT {
        return Err(Failure::input(format!(
            "{} cannot read {} (is it valid Python?)",
            args.python,
            args.settings.display()
        )));
    }
    let read: Value = serde_json::from_slice(&stdout)
        .map_err(|_| Failure::input("the settings reader printed something unexpected"))?;
    let values = read["values"].as_object().cloned().unwrap_or_default();
    let computed: Vec<&str> = read["computed"]
        .as_array()
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut report = Report::default();
    report.add(
        "module",
        if read["module"] == true {
            Verdict::Ok
        } else {
            Verdict::Failed
        },
        if read["module"] == true {
            format!("{} imports onlyoffice_jwt", args.python)
        } else {
            format!(
                "{} cannot import onlyoffice_jwt: pip install it into Seahub's Python",
                args.python
            )
        },
    );
    guard_middleware_check(&values, read["guard"] == true, &mut report);
    let multiple = values.get("ENABLE_MULTIPLE_OFFICE_SUITE") == Some(&Value::Bool(true));
    let suite = if multiple {
        values
            .get("OFFICE_SUITE_LIST")
            .and_then(Value::as_array)
            .and_then(|list| list.iter().find(|s| s["id"] == "onlyoffice"))
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    } else {
        values.clone()
    };
    let (where_from, computed_secret) = if multiple {
        (
            "OFFICE_SUITE_LIST (id 'onlyoffice') in seahub_settings.py",
            computed.contains(&"OFFICE_SUITE_LIST"),
        )
    } else {
        (
            "ONLYOFFICE_JWT_SECRET in seahub_settings.py",
            computed.contains(&"ONLYOFFICE_JWT_SECRET"),
        )
    };
    if computed_secret {
        report.add(
            "secret",
            Verdict::Warning,
            format!("{where_from} is computed, not a literal: not judged here"),
        );
    } else {
        let secret = Zeroizing::new(
            suite
                .get("ONLYOFFICE_JWT_SECRET")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned(),
        );
        secret_check(&secret, where_from, &mut report);
    }
    let api = suite
        .get("ONLYOFFICE_APIJS_URL")
        .and_then(Value::as_str)
        .unwrap_or("");
    let public = api
        .strip_suffix("web-apps/apps/api/documents/api.js")
        .unwrap_or(api);
    let internal = values
        .get("ONLYOFFICE_JWT_GUARD_DS_INTERNAL_URL")
        .and_then(Value::as_str)
        .unwrap_or("");
    ds_checks(public, internal, &mut report);
    report.finish(json_output)
}

/// Whether `EXTRA_MIDDLEWARE` lists the guard (Seahub appends it to its own
/// `MIDDLEWARE`) and nothing cancels it: a `MIDDLEWARE` of seahub_settings.py is read
/// after `EXTRA_MIDDLEWARE` (its settings loader goes in alphabetical order) and
/// replaces the list the guard was appended to.
fn guard_middleware_check(values: &Map<String, Value>, importable: bool, report: &mut Report) {
    let listed = values
        .get("EXTRA_MIDDLEWARE")
        .and_then(Value::as_array)
        .is_some_and(|list| list.iter().any(|m| m == GUARD_MIDDLEWARE));
    let (verdict, detail) = if !listed {
        (
            Verdict::Failed,
            format!("add EXTRA_MIDDLEWARE = [\"{GUARD_MIDDLEWARE}\"] to seahub_settings.py"),
        )
    } else if values.contains_key("MIDDLEWARE") {
        (
            Verdict::Failed,
            "seahub_settings.py sets MIDDLEWARE too, which replaces the list EXTRA_MIDDLEWARE \
             is appended to: add the guard to that MIDDLEWARE instead"
                .to_owned(),
        )
    } else if !importable {
        (
            Verdict::Failed,
            format!("EXTRA_MIDDLEWARE lists {GUARD_MIDDLEWARE}, but it cannot be imported"),
        )
    } else {
        (
            Verdict::Ok,
            format!("EXTRA_MIDDLEWARE lists {GUARD_MIDDLEWARE} (restart Seahub after a change)"),
        )
    };
    report.add("guard", verdict, detail);
}
