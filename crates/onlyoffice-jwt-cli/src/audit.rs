//! `audit`: presents the core's findings for a Document Server `local.json`.

use std::path::PathBuf;

use clap::Args;
use onlyoffice_jwt::audit::{audit_ds_config, AuditOptions, Finding, Severity};
use onlyoffice_jwt::Secret;
use serde_json::json;

use crate::failure::Failure;
use crate::input::{read_text, secret_file};
use crate::platform::{nextcloud_secret, seahub_secret};
use crate::{print_json, Outcome, FAILED, OK};

/// Arguments of `audit`.
#[derive(Args)]
pub struct AuditArgs {
    /// The Document Server's local.json (e.g. /etc/onlyoffice/documentserver/local.json),
    /// or `-` for stdin.
    pub path: String,
    /// A file holding the connector's secret (one trailing newline dropped), to check
    /// that the Document Server's inbox and outbox secrets match it.
    #[arg(long, value_name = "PATH", group = "connector")]
    pub connector_secret_file: Option<PathBuf>,
    /// Read the connector's secret from Nextcloud's config.php
    /// ('onlyoffice' => ['jwt_secret' => '…']).
    #[arg(long, value_name = "CONFIG_PHP", group = "connector")]
    pub nextcloud_config: Option<PathBuf>,
    /// Read the connector's secret from Seahub's seahub_settings.py
    /// (ONLYOFFICE_JWT_SECRET = '…').
    #[arg(long, value_name = "SEAHUB_SETTINGS_PY", group = "connector")]
    pub seahub_settings: Option<PathBuf>,
    /// Machine-readable output: a list of findings.
    #[arg(long)]
    pub json: bool,
}

/// Runs `audit`: exit 1 when a finding has severity error.
pub fn run(args: &AuditArgs) -> Outcome {
    let text = read_text(&args.path)?;
    let options = AuditOptions {
        connector_secret: connector_secret(args)?,
    };
    let findings = audit_ds_config(&text, &options)?;
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    if args.json {
        print_json(&json!({
            "ok": errors == 0,
            "findings": findings.iter().map(Finding::to_json).collect::<Vec<_>>(),
        }));
    } else {
        for finding in &findings {
            print_finding(finding);
        }
        let warnings = findings.len() - errors;
        say!(
            "{}: {errors} error{}, {warnings} warning{}",
            if args.path == "-" {
                "stdin"
            } else {
                &args.path
            },
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" },
        );
    }
    Ok(if errors == 0 { OK } else { FAILED })
}

fn connector_secret(args: &AuditArgs) -> Result<Option<Secret>, Failure> {
    if let Some(path) = &args.connector_secret_file {
        return secret_file(path, true).map(Some);
    }
    if let Some(path) = &args.nextcloud_config {
        return nextcloud_secret(&read_text(&path.display().to_string())?).map(Some);
    }
    if let Some(path) = &args.seahub_settings {
        return seahub_secret(&read_text(&path.display().to_string())?).map(Some);
    }
    Ok(None)
}

fn print_finding(finding: &Finding) {
    let place = match (&finding.location, finding.path.is_empty()) {
        (Some(location), true) => format!("line {}, column {}", location.line, location.column),
        (Some(location), false) => format!(
            "{} (line {}, column {})",
            finding.path, location.line, location.column
        ),
        (None, true) => "the whole file".to_owned(),
        (None, false) => finding.path.clone(),
    };
    say!(
        "{} [{}] {place}\n  {}\n  fix: {}",
        finding.severity.name().to_uppercase(),
        finding.code.name(),
        finding.message,
        finding.fix
    );
    if let Some(location) = &finding.location {
        for line in location.context.lines() {
            say!("    {line}");
        }
    }
    say!();
}
