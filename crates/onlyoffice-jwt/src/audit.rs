//! Audit of a Document Server `local.json`: every mistake that kept administrators'
//! servers open or stopped them, as findings with a severity, the JSON path, what it
//! means and how to fix it. Also the secure settings themselves: the fragment that
//! sets derived secrets and switches tokens on, and its merge into a `local.json`.
//!
//! The audit reads the file system for one thing only: a `secret.*.file` setting is
//! checked for existence and read (at most [`MAX_SECRET_FILE`] bytes) to compare it,
//! exactly as the Document Server would read it. Nothing is ever written. Messages
//! never contain a secret: the context shown around a syntax error masks the values
//! of members named `string` or containing `secret`, `pass`, `key` or `token`.

use std::io::Read;
use std::path::Path;

use serde_json::{Map, Value};
use zeroize::Zeroizing;

use crate::error::{err, Result};
use crate::secret::{Secret, MIN_SECRET_LEN};

/// The largest `local.json` accepted, in bytes.
pub const MAX_CONFIG_SIZE: usize = 1 << 20;

/// The largest secret file read, in bytes.
pub const MAX_SECRET_FILE: u64 = 64 * 1024;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The server is broken or open to anyone: fix before going live.
    Error,
    /// A setting that does not do what its author meant, or weakens security.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Where a syntax error is, with the text around it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The lines before and at the error, numbered, with a caret under the column;
    /// values of members whose names look secret masked.
    pub context: String,
}

/// One problem found in a `local.json`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// How serious it is.
    pub severity: Severity,
    /// A stable identifier, e.g. `tokens_disabled` (see docs/cli.md for the list).
    pub code: &'static str,
    /// The JSON path concerned, dot-separated (`""` for the whole file).
    pub path: String,
    /// What it means.
    pub message: String,
    /// How to fix it.
    pub fix: String,
    /// For syntax errors and duplicate members: where.
    pub location: Option<Location>,
}

impl Finding {
    fn new(
        severity: Severity,
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Finding {
        Finding {
            severity,
            code,
            path: path.into(),
            message: message.into(),
            fix: fix.into(),
            location: None,
        }
    }

    /// The finding as a JSON object: `severity`, `code`, `path`, `message`, `fix`, and
    /// for syntax errors `line`, `column`, `context`.
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        out.insert("severity".into(), self.severity.name().into());
        out.insert("code".into(), self.code.into());
        out.insert("path".into(), self.path.clone().into());
        out.insert("message".into(), self.message.clone().into());
        out.insert("fix".into(), self.fix.clone().into());
        if let Some(location) = &self.location {
            out.insert("line".into(), location.line.into());
            out.insert("column".into(), location.column.into());
            out.insert("context".into(), location.context.clone().into());
        }
        Value::Object(out)
    }
}

/// Options of [`audit_ds_config`].
#[derive(Clone, Debug, Default)]
pub struct AuditOptions {
    /// The connector's secret: the inbox and outbox secrets must equal it (or the
    /// secret `derive_secrets` derives from it for that purpose).
    pub connector_secret: Option<Secret>,
}

const CO: &str = "services.CoAuthoring";
const DS_SECRETS: [&str; 3] = ["inbox", "outbox", "session"];

/// Audits the text of a Document Server `local.json`.
///
/// Returns the findings, errors first; an empty list means nothing was found. A file
/// that is not valid JSON gives exactly one finding (the DS would not start at all).
/// Fails only with `too_large` for a text over [`MAX_CONFIG_SIZE`] bytes.
pub fn audit_ds_config(text: &str, options: &AuditOptions) -> Result<Vec<Finding>> {
    if text.len() > MAX_CONFIG_SIZE {
        return Err(err!(
            TooLarge,
            "the configuration is {} bytes long; the limit is {MAX_CONFIG_SIZE}",
            text.len()
        ));
    }
    let root = match serde_json::from_str::<Value>(text) {
        Ok(value) => value,
        Err(error) => return Ok(vec![syntax_finding(text, &error)]),
    };
    let mut findings = Vec::new();
    match &root {
        Value::Object(map) => {
            audit_duplicates(text, &mut findings);
            audit_placement(map, "", &mut findings);
            audit_tokens(&root, &mut findings);
            audit_secrets(&root, options, &mut findings);
            audit_tenants(&root, &mut findings);
            audit_obsolete(&root, &mut findings);
            audit_ipfilter(&root, &mut findings);
        }
        _ => findings.push(Finding::new(
            Severity::Error,
            "not_an_object",
            "",
            "the file is valid JSON but not an object: the Document Server reads its \
             settings from an object { \"services\": … }",
            "write the settings inside { }",
        )),
    }
    findings.sort_by_key(|f| f.severity);
    Ok(findings)
}

fn get<'v>(root: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(root, |v, name| v.get(name))
}

fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}.{name}")
    }
}

// ---- the secure settings ------------------------------------------------------------

/// The `local.json` fragment that sets the Document Server's inbox, outbox and session
/// secrets (`services.CoAuthoring.secret.*.string`) to the derived ones and switches
/// tokens on (`token.enable.browser`, `token.enable.request.{inbox,outbox}`).
pub fn secure_fragment(secrets: &crate::derive::DerivedSecrets) -> Value {
    let text = |secret: &Secret| String::from_utf8_lossy(secret.expose()).into_owned();
    serde_json::json!({"services": {"CoAuthoring": {
        "secret": {
            "inbox": {"string": text(&secrets.inbox)},
            "outbox": {"string": text(&secrets.outbox)},
            "session": {"string": text(&secrets.session)},
        },
        "token": {"enable": {"browser": true, "request": {"inbox": true, "outbox": true}}},
    }}})
}

/// Merges `fragment` into the text of a `local.json`: objects are merged member by
/// member, any other value of the fragment replaces the file's; every other setting
/// and the order of members are kept. Returns the new text (2-space indentation, final
/// newline). A text that is not a JSON object without duplicate members is
/// `invalid_config` (audit it first).
pub fn merge_fragment(text: &str, fragment: &Value) -> Result<String> {
    if text.len() > MAX_CONFIG_SIZE {
        return Err(err!(
            TooLarge,
            "the configuration is {} bytes long; the limit is {MAX_CONFIG_SIZE}",
            text.len()
        ));
    }
    let parsed = if text.trim().is_empty() {
        Value::Object(Map::new())
    } else {
        crate::encoding::parse_json(text.as_bytes()).map_err(|e| {
            err!(
                InvalidConfig,
                "the configuration is not valid JSON ({e}); run onlyoffice-jwt audit on it"
            )
        })?
    };
    let (Value::Object(mut root), Value::Object(fragment)) = (parsed, fragment) else {
        return Err(err!(
            InvalidConfig,
            "the configuration and the fragment must be JSON objects"
        ));
    };
    merge_into(&mut root, fragment);
    let mut out = serde_json::to_string_pretty(&root)
        .map_err(|e| err!(InvalidConfig, "cannot write the configuration: {e}"))?;
    out.push('\n');
    Ok(out)
}

/// Merges `source` into `target`: objects member by member, other values replaced.
fn merge_into(target: &mut Map<String, Value>, source: &Map<String, Value>) {
    for (name, value) in source {
        match (target.get_mut(name), value) {
            (Some(Value::Object(existing)), Value::Object(value)) => merge_into(existing, value),
            _ => {
                target.insert(name.clone(), value.clone());
            }
        }
    }
}

// ---- duplicate members ----------------------------------------------------------------

fn audit_duplicates(text: &str, findings: &mut Vec<Finding>) {
    for duplicate in scan(text, text.len()).duplicates {
        let (line, column) = position(text, duplicate.offset);
        let mut finding = Finding::new(
            Severity::Warning,
            "duplicate_key",
            duplicate.path.clone(),
            format!(
                "{} is written twice in the same section (first at line {}): the Document \
                 Server keeps only the last one, so everything in the first is ignored",
                duplicate.path, duplicate.first_line
            ),
            "merge the two into one (a section pasted a second time, often at the end of \
             the file)",
        );
        finding.location = Some(Location {
            line,
            column,
            context: context(text, line, column),
        });
        findings.push(finding);
    }
}

// ---- settings under the wrong parent ------------------------------------------------

/// The sections the audit knows: the one path where the DS reads each, and the
/// members that make an object elsewhere recognisably that section (none: any object),
/// so that other settings of the same name (e.g. `aesEncrypt.secret`, a string) are
/// left alone.
const PLACEMENT: [(&str, &str, &[&str]); 5] = [
    ("services", "services", &[]),
    ("CoAuthoring", "services.CoAuthoring", &[]),
    (
        "secret",
        "services.CoAuthoring.secret",
        &["inbox", "outbox", "session", "browser"],
    ),
    (
        "token",
        "services.CoAuthoring.token",
        &["enable", "inbox", "outbox", "verifyOptions"],
    ),
    (
        "ipfilter",
        "services.CoAuthoring.ipfilter",
        &["rules", "useforrequest"],
    ),
];

/// The members the DS reads under the security sections; anything else there is not read.
const KNOWN_CHILDREN: [(&str, &[&str]); 9] = [
    (
        "services.CoAuthoring.secret",
        &["inbox", "outbox", "session", "browser"],
    ),
    (
        "services.CoAuthoring.token",
        &[
            "enable",
            "browser",
            "inbox",
            "outbox",
            "session",
            "verifyOptions",
        ],
    ),
    ("services.CoAuthoring.token.enable", &["browser", "request"]),
    (
        "services.CoAuthoring.token.enable.request",
        &["inbox", "outbox"],
    ),
    (
        "services.CoAuthoring.token.inbox",
        &["header", "prefix", "inBody"],
    ),
    (
        "services.CoAuthoring.token.outbox",
        &[
            "header",
            "prefix",
            "algorithm",
            "expires",
            "inBody",
            "urlExclusionRegex",
        ],
    ),
    (
        "services.CoAuthoring.token.session",
        &["algorithm", "expires"],
    ),
    (
        "services.CoAuthoring.ipfilter",
        &["rules", "useforrequest", "errorcode"],
    ),
    ("services.CoAuthoring.token.browser", &["secretFromInbox"]),
];

fn audit_placement(map: &Map<String, Value>, path: &str, findings: &mut Vec<Finding>) {
    let known = KNOWN_CHILDREN
        .iter()
        .find(|(parent, _)| *parent == path)
        .map(|(_, children)| *children);
    for (name, value) in map {
        let here = join(path, name);
        let placed = PLACEMENT.iter().find(|(section, _, markers)| {
            section.eq_ignore_ascii_case(name)
                && value.as_object().is_some_and(|members| {
                    markers.is_empty() || markers.iter().any(|m| members.contains_key(*m))
                })
        });
        if let Some((section, expected, _)) = placed {
            if here != *expected {
                findings.push(Finding::new(
                    Severity::Error,
                    "wrong_parent",
                    here.clone(),
                    format!(
                        "the Document Server does not read \"{name}\" here: it reads the \
                         section {section} at {expected} only (names are case-sensitive), \
                         so these settings have no effect"
                    ),
                    format!("move this section to {expected}"),
                ));
                continue;
            }
        } else if let Some(known) = known {
            if !known.contains(&name.as_str()) {
                findings.push(unknown_setting(path, name, known));
                continue;
            }
        }
        if let Value::Object(children) = value {
            audit_placement(children, &here, findings);
        }
    }
}

fn unknown_setting(parent: &str, name: &str, known: &[&str]) -> Finding {
    let belongs = match (parent, name) {
        ("services.CoAuthoring.token", "request") => {
            Some("services.CoAuthoring.token.enable.request")
        }
        ("services.CoAuthoring.token.enable", "inbox" | "outbox") => {
            Some("services.CoAuthoring.token.enable.request")
        }
        ("services.CoAuthoring.secret", "string" | "file") => {
            Some("services.CoAuthoring.secret.inbox, .outbox and .session (one each)")
        }
        _ => None,
    };
    let fix = match belongs {
        Some(place) => format!("move it under {place}"),
        None => format!(
            "remove it or correct the name (this section holds: {})",
            known.join(", ")
        ),
    };
    Finding::new(
        Severity::Warning,
        "unknown_setting",
        join(parent, name),
        format!("the Document Server does not read \"{name}\" in {parent}: it has no effect"),
        fix,
    )
}

// ---- tokens ---------------------------------------------------------------------------

fn audit_tokens(root: &Value, findings: &mut Vec<Finding>) {
    let switches = [
        (
            "browser",
            "editor configs from the browser",
            "anyone who reaches the Document Server can open editors on any document URL \
             and callback",
        ),
        (
            "request.inbox",
            "requests to the command and conversion services",
            "anyone who reaches the Document Server can send it commands and conversions",
        ),
        (
            "request.outbox",
            "callbacks to the connector",
            "callbacks are not signed, so the connector cannot tell them from forged ones",
        ),
    ];
    for (name, what, consequence) in switches {
        let path = format!("{CO}.token.enable.{name}");
        match get(root, &path) {
            Some(Value::Bool(true)) => {}
            Some(Value::Bool(false)) | None => findings.push(Finding::new(
                Severity::Error,
                "tokens_disabled",
                path.clone(),
                format!(
                    "tokens are {} for {what}: {consequence}",
                    if get(root, &path).is_some() {
                        "switched off"
                    } else {
                        "not switched on (the server's default is off)"
                    }
                ),
                format!("set {path} to true"),
            )),
            Some(_) => findings.push(wrong_type(&path, "true (a JSON boolean, no quotes)")),
        }
    }
}

fn wrong_type(path: &str, expected: &str) -> Finding {
    Finding::new(
        Severity::Error,
        "wrong_type",
        path,
        format!("{path} has the wrong type: the Document Server expects {expected}"),
        format!("write {expected}"),
    )
}

// ---- secrets --------------------------------------------------------------------------

/// Where the DS takes one secret from, and its bytes when they could be read.
enum SecretSource {
    /// `string` (or the default `secret` when neither string nor file is set).
    Text { path: String, defaulted: bool },
    /// `file`, read as raw bytes.
    File { path: String },
}

fn audit_secrets(root: &Value, options: &AuditOptions, findings: &mut Vec<Finding>) {
    for name in DS_SECRETS {
        let base = format!("{CO}.secret.{name}");
        let (source, bytes) = match secret_bytes(root, &base, findings) {
            Some(found) => found,
            None => continue,
        };
        let path = match &source {
            SecretSource::Text { path, .. } | SecretSource::File { path } => path.clone(),
        };
        check_strength(&source, &path, &bytes, findings);
        if matches!(source, SecretSource::Text { .. }) {
            check_whitespace(&path, &bytes, findings);
        }
        if name != "session" {
            if let Some(connector) = &options.connector_secret {
                if !matches_connector(connector, name, &bytes) {
                    findings.push(Finding::new(
                        Severity::Error,
                        "connector_mismatch",
                        path,
                        format!(
                            "the {name} secret differs from the connector's secret: {}",
                            if name == "inbox" {
                                "the Document Server will refuse the connector's editor \
                                 configs and commands (error 6)"
                            } else {
                                "the connector will refuse the Document Server's callbacks"
                            }
                        ),
                        "set the same secret on both sides (or derive both from one \
                         master: onlyoffice-jwt derive)",
                    ));
                }
            }
        }
    }
}

fn secret_bytes(
    root: &Value,
    base: &str,
    findings: &mut Vec<Finding>,
) -> Option<(SecretSource, Zeroizing<Vec<u8>>)> {
    let section = get(root, base);
    if let Some(section) = section {
        if !section.is_object() {
            findings.push(wrong_type(base, "an object {\"string\": \"…\"}"));
            return None;
        }
    }
    let string_path = format!("{base}.string");
    let file_path = format!("{base}.file");
    let string = section.and_then(|s| s.get("string"));
    let file = section.and_then(|s| s.get("file"));
    match string {
        Some(Value::String(text)) if !text.is_empty() => {
            return Some((
                SecretSource::Text {
                    path: string_path,
                    defaulted: false,
                },
                Zeroizing::new(text.as_bytes().to_vec()),
            ))
        }
        Some(Value::String(_)) | None => {}
        Some(_) => {
            findings.push(wrong_type(&string_path, "a string"));
            return None;
        }
    }
    match file {
        Some(Value::String(name)) if !name.is_empty() => {
            read_secret_file(name, &file_path, findings)
                .map(|bytes| (SecretSource::File { path: file_path }, bytes))
        }
        Some(Value::String(_)) | None => Some((
            SecretSource::Text {
                path: string_path,
                defaulted: string.is_none(),
            },
            Zeroizing::new(if string.is_none() {
                b"secret".to_vec()
            } else {
                Vec::new()
            }),
        )),
        Some(_) => {
            findings.push(wrong_type(&file_path, "a string (a file path)"));
            None
        }
    }
}

fn read_secret_file(
    name: &str,
    path: &str,
    findings: &mut Vec<Finding>,
) -> Option<Zeroizing<Vec<u8>>> {
    let file = Path::new(name);
    let opened = std::fs::metadata(file)
        .ok()
        .filter(|m| m.is_file())
        .and_then(|_| std::fs::File::open(file).ok());
    let Some(opened) = opened else {
        findings.push(Finding::new(
            Severity::Error,
            "secret_file_missing",
            path,
            format!(
                "{name} is not a readable file on this machine: the Document Server \
                 cannot read its secret"
            ),
            "create the file (onlyoffice-jwt keygen --no-newline > FILE), or correct the \
             path; run the audit on the Document Server's machine",
        ));
        return None;
    };
    let mut bytes = Zeroizing::new(Vec::new());
    if opened
        .take(MAX_SECRET_FILE + 1)
        .read_to_end(&mut bytes)
        .is_err()
        || bytes.len() as u64 > MAX_SECRET_FILE
    {
        findings.push(Finding::new(
            Severity::Error,
            "secret_file_missing",
            path,
            format!("{name} cannot be read, or is larger than {MAX_SECRET_FILE} bytes"),
            "write the secret alone in the file",
        ));
        return None;
    }
    if matches!(bytes.last(), Some(b'\n' | b'\r')) {
        findings.push(Finding::new(
            Severity::Warning,
            "secret_file_newline",
            path,
            format!(
                "{name} ends with a line break: the Document Server reads the file as raw \
                 bytes, so the line break is part of its secret and a connector configured \
                 with the visible text will not match"
            ),
            "write the file without a trailing newline (printf '%s' \"$SECRET\" > FILE, or \
             onlyoffice-jwt keygen --no-newline > FILE)",
        ));
    }
    Some(bytes)
}

/// A text secret with spaces, tabs or line breaks at either end: pasted with them, and
/// the connector's copy most likely has none.
fn check_whitespace(path: &str, bytes: &[u8], findings: &mut Vec<Finding>) {
    let edges = [bytes.first(), bytes.last()];
    if edges.into_iter().flatten().any(u8::is_ascii_whitespace) {
        findings.push(Finding::new(
            Severity::Warning,
            "secret_whitespace",
            path,
            "the secret starts or ends with a space, tab or line break: it was probably \
             pasted with it, and a connector configured without it will not match",
            "remove the whitespace inside the quotes (on both sides: DS and connector)",
        ));
    }
}

fn check_strength(source: &SecretSource, path: &str, bytes: &[u8], findings: &mut Vec<Finding>) {
    if bytes.is_empty() {
        findings.push(Finding::new(
            Severity::Error,
            "empty_secret",
            path,
            "the secret is empty: the Document Server cannot sign or check tokens with it",
            "set a random secret: onlyoffice-jwt keygen",
        ));
    } else if bytes == b"secret" {
        let message = match source {
            SecretSource::Text {
                defaulted: true, ..
            } => {
                "no secret is set here, so the Document Server uses its default, the \
                  literal \"secret\", known to everyone"
            }
            _ => {
                "the secret is the Document Server's default, the literal \"secret\", \
                  known to everyone"
            }
        };
        findings.push(Finding::new(
            Severity::Error,
            "default_secret",
            path,
            message,
            "set a random secret: onlyoffice-jwt keygen (or onlyoffice-jwt derive)",
        ));
    } else if bytes.len() < MIN_SECRET_LEN {
        findings.push(Finding::new(
            Severity::Warning,
            "short_secret",
            path,
            format!(
                "the secret is {} bytes long; a guessable secret lets anyone forge tokens \
                 (at least {MIN_SECRET_LEN} random bytes are needed)",
                bytes.len()
            ),
            "set a random secret: onlyoffice-jwt keygen",
        ));
    } else if let Err(weak) = Secret::new(bytes).check(false) {
        findings.push(Finding::new(
            Severity::Warning,
            "weak_secret",
            path,
            format!("{}: a secret without variety is guessable", weak.message()),
            "set a random secret: onlyoffice-jwt keygen",
        ));
    }
}

/// Multitenant mode (`tenants.baseDir` set): the tenants' secrets are read by another
/// rule than the main ones, which the administrator must know when writing them.
fn audit_tenants(root: &Value, findings: &mut Vec<Finding>) {
    let Some(Value::String(base)) = get(root, "tenants.baseDir") else {
        return;
    };
    if base.is_empty() {
        return;
    }
    let file = match get(root, "tenants.filenameSecret") {
        Some(Value::String(name)) if !name.is_empty() => name.as_str(),
        _ => "secret.key",
    };
    findings.push(Finding::new(
        Severity::Warning,
        "tenant_secret_rule",
        "tenants.baseDir",
        format!(
            "multitenant mode: each tenant's secret is read from {}/<tenant>/{file} as \
             text with whitespace and line breaks at either end trimmed (one secret for \
             inbox, outbox and session unless the tenant's config.json sets them), while \
             services.CoAuthoring.secret.*.file is read as raw bytes (a trailing newline \
             is part of that secret); this audit checks the main secrets only",
            crate::algorithm::truncate(base)
        ),
        "give each tenant its own random secret (onlyoffice-jwt keygen > FILE; the trailing \
         newline is trimmed there), and configure each tenant's connector with that text",
    ));
}

/// Whether the DS secret `name` equals the connector's secret, or the secret that
/// [`derive_secrets`](crate::derive::derive_secrets) derives from it for that purpose.
fn matches_connector(connector: &Secret, name: &str, bytes: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    let direct: bool = connector.expose().ct_eq(bytes).into();
    let derived = crate::derive::derive_secrets(connector, true).is_ok_and(|derived| {
        let secret = if name == "inbox" {
            &derived.inbox
        } else {
            &derived.outbox
        };
        secret.expose().ct_eq(bytes).into()
    });
    direct || derived
}

// ---- obsolete settings ----------------------------------------------------------------

fn audit_obsolete(root: &Value, findings: &mut Vec<Finding>) {
    let browser = format!("{CO}.secret.browser");
    if get(root, &browser).is_some() {
        findings.push(Finding::new(
            Severity::Warning,
            "obsolete_browser_secret",
            browser,
            "secret.browser is no longer read (since Document Server 7.2): editor configs \
             from the browser are checked with the inbox secret",
            "remove secret.browser; the connector signs editor configs with the inbox secret",
        ));
    }
    for side in ["inbox", "outbox"] {
        let path = format!("{CO}.token.{side}.inBody");
        if get(root, &path).is_some() {
            findings.push(Finding::new(
                Severity::Warning,
                "obsolete_in_body",
                path,
                "inBody is obsolete: the Document Server reads a body token when there is \
                 one and the header otherwise, whatever this says",
                "remove inBody",
            ));
        }
    }
}

// ---- ipfilter -------------------------------------------------------------------------

fn audit_ipfilter(root: &Value, findings: &mut Vec<Finding>) {
    let base = format!("{CO}.ipfilter");
    let rules_path = format!("{base}.rules");
    let rules = match get(root, &rules_path) {
        None => return,
        Some(Value::Array(rules)) => rules,
        Some(_) => {
            findings.push(wrong_type(
                &rules_path,
                "a list [{\"address\": \"…\", \"allowed\": true}]",
            ));
            return;
        }
    };
    let mut everyone: Option<bool> = None;
    for (index, rule) in rules.iter().enumerate() {
        let path = format!("{rules_path}.{index}");
        let address = rule.get("address").and_then(Value::as_str);
        let allowed = rule.get("allowed").and_then(Value::as_bool);
        let (Some(address), Some(allowed)) = (address, allowed) else {
            findings.push(wrong_type(
                &path,
                "{\"address\": \"…\", \"allowed\": true or false}",
            ));
            continue;
        };
        if let Some(finding) = cidr_finding(address, &format!("{path}.address")) {
            findings.push(finding);
        }
        let matches_all = !address.is_empty()
            && address.contains('*')
            && address.chars().all(|c| matches!(c, '*' | '.' | ':'));
        if matches_all && everyone.is_none() {
            everyone = Some(allowed);
        }
    }
    if get(root, &format!("{base}.useforrequest")) == Some(&Value::Bool(true))
        && everyone != Some(false)
    {
        findings.push(Finding::new(
            Severity::Warning,
            "ipfilter_allows_everyone",
            rules_path,
            "useforrequest is on, but every address is allowed (the first rule matching \
             every address allows, or no rule denies the rest: an address no rule matches \
             is allowed): the filter restricts nothing",
            "list the allowed addresses first, then end with {\"address\": \"*\", \
             \"allowed\": false} — and enable tokens, which protect far better",
        ));
    }
}

/// A rule written as CIDR (`10.0.0.0/8`): the DS compares literals with `*` wildcards.
fn cidr_finding(address: &str, path: &str) -> Option<Finding> {
    let (network, bits) = address.split_once('/')?;
    let wildcard = match bits.parse::<u8>() {
        Ok(bits @ (8 | 16 | 24 | 32)) => {
            let keep = usize::from(bits / 8);
            let octets: Vec<&str> = network.split('.').collect();
            (octets.len() == 4).then(|| {
                (0..4)
                    .map(|i| if i < keep { octets[i] } else { "*" })
                    .collect::<Vec<_>>()
                    .join(".")
            })
        }
        _ => None,
    };
    let fix = match wildcard {
        Some(w) => format!("write \"{w}\" instead"),
        None => "write the addresses with * wildcards (e.g. \"192.168.1.*\"), one rule per \
                 pattern"
            .to_owned(),
    };
    Some(Finding::new(
        Severity::Error,
        "ipfilter_cidr",
        path,
        format!(
            "\"{address}\" is CIDR notation, which the Document Server does not understand: \
             it matches addresses literally with * wildcards, so this rule matches nothing"
        ),
        fix,
    ))
}

// ---- syntax errors --------------------------------------------------------------------

const TYPOGRAPHIC_QUOTES: [char; 7] = [
    '\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}', '\u{201E}', '\u{00AB}', '\u{00BB}',
];

/// An opened `{` or `[` that is not closed yet.
struct Open {
    line: usize,
    column: usize,
    indent: usize,
    key: Option<String>,
    /// For an object: the member names seen so far, with their line.
    members: Option<Vec<(String, usize)>>,
}

/// A member name given twice in one object.
struct Duplicate {
    /// The dot-separated path of the member (`[]` for an array element).
    path: String,
    /// Where the second occurrence starts.
    offset: usize,
    /// The line of the first occurrence.
    first_line: usize,
}

/// What a scan of the text up to some offset found.
struct Scan {
    open: Vec<Open>,
    typographic: Option<(usize, usize, usize)>,
    duplicates: Vec<Duplicate>,
}

/// The longest member name compared for duplicates, in bytes.
const MAX_COMPARED_NAME: usize = 256;

/// Scans `text[..end]` like a JSON lexer: the brackets still open (with the key that
/// opened them) and the first typographic quote outside a string.
fn scan(text: &str, end: usize) -> Scan {
    let mut open: Vec<Open> = Vec::new();
    let mut typographic = None;
    let mut duplicates = Vec::new();
    let mut string_start = 0;
    let (mut line, mut column, mut indent, mut at_line_start) = (1, 0, 0, true);
    let mut in_string = false;
    let mut escaped = false;
    let mut current = String::new();
    let mut last_string: Option<String> = None;
    let mut key: Option<String> = None;
    for (offset, c) in text.char_indices() {
        if offset >= end {
            break;
        }
        column += 1;
        if at_line_start && (c == ' ' || c == '\t') {
            indent += 1;
        } else {
            at_line_start = false;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
                last_string = Some(std::mem::take(&mut current));
            } else if c == '\n' {
                in_string = false;
            } else if current.len() <= MAX_COMPARED_NAME {
                current.push(c);
            }
        } else {
            match c {
                '"' => {
                    in_string = true;
                    current.clear();
                    last_string = None;
                    string_start = offset;
                }
                ':' => {
                    key = last_string.take();
                    if let Some(name) = key.as_ref().filter(|k| k.len() <= MAX_COMPARED_NAME) {
                        let members = open.last().and_then(|o| o.members.as_ref());
                        match members.map(|m| m.iter().find(|(seen, _)| seen == name)) {
                            Some(Some((_, first_line))) => duplicates.push(Duplicate {
                                path: member_path(&open, name),
                                offset: string_start,
                                first_line: *first_line,
                            }),
                            Some(None) => {
                                if let Some(members) =
                                    open.last_mut().and_then(|o| o.members.as_mut())
                                {
                                    members.push((name.clone(), line));
                                }
                            }
                            None => {}
                        }
                    }
                }
                '{' | '[' => {
                    open.push(Open {
                        line,
                        column,
                        indent,
                        key: key.take(),
                        members: (c == '{').then(Vec::new),
                    });
                    last_string = None;
                }
                '}' | ']' | ',' => {
                    if c != ',' {
                        open.pop();
                    }
                    last_string = None;
                    key = None;
                }
                c if TYPOGRAPHIC_QUOTES.contains(&c) && typographic.is_none() => {
                    typographic = Some((offset, line, column));
                }
                _ => {}
            }
        }
        if c == '\n' {
            line += 1;
            column = 0;
            indent = 0;
            at_line_start = true;
        }
    }
    Scan {
        open,
        typographic,
        duplicates,
    }
}

/// The dot-separated path of member `name` of the innermost open object (`[]` stands
/// for an array element).
fn member_path(open: &[Open], name: &str) -> String {
    open.iter()
        .skip(1)
        .map(|o| o.key.as_deref().unwrap_or("[]"))
        .chain([name])
        .collect::<Vec<_>>()
        .join(".")
}

/// The byte offset of serde_json's 1-based line and (byte) column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let mut offset = (start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The 1-based line and character column of a byte offset.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn describe(open: &Open) -> String {
    let what = match &open.key {
        Some(key) => format!("the section \"{key}\""),
        None => "the brace".to_owned(),
    };
    format!(
        "{what} opened at line {}, column {}",
        open.line, open.column
    )
}

fn syntax_finding(text: &str, error: &serde_json::Error) -> Finding {
    let trimmed = text.trim_start_matches('\u{FEFF}').trim();
    let mut offset = offset_of(text, error.line(), error.column());
    let full = scan(text, text.len());
    let at_error = scan(text, offset);
    let next = text[offset..].trim_start();
    let next_indent = text[..offset + (text[offset..].len() - next.len())]
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.len() - l.trim_start().len());
    let serde_message = error.to_string();
    let detail = serde_message
        .split(" at line ")
        .next()
        .unwrap_or(&serde_message);
    let (code, message, fix) = if trimmed.is_empty() {
        offset = 0;
        (
            "empty_file",
            "the file is empty: the Document Server cannot start with it".to_owned(),
            "write {} (an empty object), or the settings you need".to_owned(),
        )
    } else if let Some((quote_offset, line, column)) = full.typographic {
        offset = quote_offset;
        (
            "typographic_quotes",
            format!(
                "typographic quotes (“ ” ‘ ’) at line {line}, column {column}: JSON needs \
                 straight quotes \", and word processors, forums and chat programs replace \
                 them; the Document Server will not start"
            ),
            "retype every quote as a straight double quote \" (or paste through a plain-text \
             editor)"
                .to_owned(),
        )
    } else if trimmed.starts_with('"') {
        offset = text.len() - text.trim_start().len();
        let unclosed = full.open.len();
        (
            "fragment",
            format!(
                "the file starts with a key, not with {{: it is a fragment pasted without the \
                 braces around it{}; the Document Server will not start",
                if unclosed > 0 {
                    format!(
                        ", and {unclosed} brace{} opened in it {} never closed (first: {})",
                        if unclosed == 1 { "" } else { "s" },
                        if unclosed == 1 { "is" } else { "are" },
                        describe(&full.open[0])
                    )
                } else {
                    String::new()
                }
            ),
            "wrap the whole text in { … }, close every section's brace, and check it with \
             onlyoffice-jwt audit again"
                .to_owned(),
        )
    } else if error.is_eof() && !at_error.open.is_empty() {
        let innermost = &at_error.open[at_error.open.len() - 1];
        (
            "unclosed_brace",
            format!(
                "the file ends while {} {} still open (innermost: {}); the Document \
                 Server will not start",
                at_error.open.len(),
                if at_error.open.len() == 1 {
                    "brace is"
                } else {
                    "braces are"
                },
                describe(innermost)
            ),
            "add the missing closing braces } (and brackets ]) where each section ends".to_owned(),
        )
    } else if detail.starts_with("expected `,` or `}`") || detail.starts_with("expected `,` or `]`")
    {
        match at_error.open.last() {
            Some(innermost) if next.starts_with('"') && next_indent <= innermost.indent => (
                "unclosed_brace",
                format!(
                    "{} is not closed before the next setting at line {}: a closing }} is \
                     missing (a section pasted without its closing braces); the Document \
                     Server will not start",
                    describe(innermost),
                    position(text, offset).0
                ),
                "add the closing } (followed by a comma when another setting follows) where \
                 the section ends"
                    .to_owned(),
            ),
            _ => (
                "missing_comma",
                "a comma is missing between two settings; the Document Server will not start"
                    .to_owned(),
                "add a comma , at the end of the setting before this position".to_owned(),
            ),
        }
    } else if detail.contains("trailing comma") {
        (
            "trailing_comma",
            "a comma after the last setting of a section is not allowed in JSON; the \
             Document Server will not start"
                .to_owned(),
            "remove the comma before the closing brace or bracket".to_owned(),
        )
    } else if next.starts_with("//") || next.starts_with("/*") || next.starts_with('#') {
        (
            "comment",
            "JSON has no comments; the Document Server will not start".to_owned(),
            "remove the comment".to_owned(),
        )
    } else {
        (
            "syntax_error",
            format!("the file is not valid JSON ({detail}); the Document Server will not start"),
            "correct the JSON at this position".to_owned(),
        )
    };
    let (line, column) = position(text, offset);
    let mut finding = Finding::new(Severity::Error, code, "", message, fix);
    finding.location = Some(Location {
        line,
        column,
        context: context(text, line, column),
    });
    finding
}

/// Up to three numbered lines ending at `line`, with a caret under `column`.
fn context(text: &str, line: usize, column: usize) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let first = line.saturating_sub(2).max(1);
    let width = line.to_string().len();
    let mut out = String::new();
    for number in first..=line.min(lines.len()) {
        let shown: String = mask_secrets(lines[number - 1].trim_end_matches('\r'))
            .chars()
            .take(160)
            .collect();
        out.push_str(&format!("{number:>width$} | {shown}\n"));
    }
    out.push_str(&format!(
        "{:>width$} | {}^",
        "",
        " ".repeat(column.saturating_sub(1).min(160))
    ));
    out
}

/// Member names whose string values are masked in the context of a syntax error.
const SENSITIVE: [&str; 5] = ["string", "secret", "pass", "key", "token"];

/// Masks, on one line, the string value of every member whose name looks secret
/// (`string`, `…secret…`, `…pass…`, `…key…`, `…token…`), with straight or typographic
/// quotes.
fn mask_secrets(line: &str) -> String {
    let is_quote = |c: char| c == '"' || TYPOGRAPHIC_QUOTES.contains(&c);
    let sensitive = |name: &str| {
        let name = name.to_ascii_lowercase();
        SENSITIVE.iter().any(|word| name.contains(word))
    };
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    let mut previous_string: Option<String> = None;
    let mut key: Option<String> = None;
    while let Some(c) = chars.next() {
        if !is_quote(c) {
            if c == ':' {
                key = previous_string.take();
            } else if !c.is_whitespace() {
                previous_string = None;
                key = None;
            }
            out.push(c);
            continue;
        }
        let mut content = String::new();
        let mut closing = None;
        let mut escaped = false;
        for d in chars.by_ref() {
            if escaped {
                escaped = false;
            } else if d == '\\' {
                escaped = true;
            } else if is_quote(d) {
                closing = Some(d);
                break;
            }
            content.push(d);
        }
        out.push(c);
        if key.take().is_some_and(|name| sensitive(&name)) {
            out.push_str("•••");
        } else {
            out.push_str(&content);
        }
        out.extend(closing);
        previous_string = Some(content);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECURE: &str = r#"{"services": {"CoAuthoring": {
        "token": {"enable": {"browser": true, "request": {"inbox": true, "outbox": true}}},
        "secret": {
            "inbox": {"string": "Kp2rW9xQv4Lm7Zt1Bn8Yc3Hd6Fs0Ja5E"},
            "outbox": {"string": "Kp2rW9xQv4Lm7Zt1Bn8Yc3Hd6Fs0Ja5E"},
            "session": {"string": "Tq8Vn3Xc6Rm1Zp4Wb7Ks2Hf9Ld5Gj0Ey"}}}}}"#;

    fn codes(text: &str, connector: Option<&str>) -> Vec<(&'static str, String)> {
        let options = AuditOptions {
            connector_secret: connector.map(Secret::from),
        };
        audit_ds_config(text, &options)
            .unwrap()
            .into_iter()
            .map(|f| (f.code, f.path))
            .collect()
    }

    #[test]
    fn a_secure_config_has_no_findings() {
        assert_eq!(
            codes(SECURE, Some("Kp2rW9xQv4Lm7Zt1Bn8Yc3Hd6Fs0Ja5E")),
            vec![]
        );
    }

    #[test]
    fn a_different_connector_secret_is_reported_for_inbox_and_outbox() {
        assert_eq!(
            codes(SECURE, Some("another-secret-of-32-bytes-length")),
            vec![
                (
                    "connector_mismatch",
                    "services.CoAuthoring.secret.inbox.string".to_owned()
                ),
                (
                    "connector_mismatch",
                    "services.CoAuthoring.secret.outbox.string".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn secrets_derived_from_the_connector_secret_match_it() {
        // inbox/outbox of master "m" * 32, computed with Python's hmac/hashlib (HKDF).
        let text = SECURE
            .replacen(
                "Kp2rW9xQv4Lm7Zt1Bn8Yc3Hd6Fs0Ja5E",
                "8lPQt3F4nafEPZS5KKGDKFGfr_5-6CpBun3-wyDGfSk",
                1,
            )
            .replacen(
                "Kp2rW9xQv4Lm7Zt1Bn8Yc3Hd6Fs0Ja5E",
                "I2x3DPyayQbGSDruuB31S6Xc3-EN-74hb1RaYSX46uU",
                1,
            );
        assert_eq!(codes(&text, Some(&"m".repeat(32))), vec![]);
    }

    #[test]
    fn the_forum_paste_is_located_at_the_unclosed_section() {
        let text = "{\n  \"services\": {\n    \"CoAuthoring\": {\n      \"secret\": {\n        \"inbox\": {\n          \"string\": \"mysecret\"\n        \"outbox\": {\n";
        let findings = audit_ds_config(text, &AuditOptions::default()).unwrap();
        assert_eq!(findings.len(), 1);
        let finding = &findings[0];
        assert_eq!(finding.code, "unclosed_brace");
        assert!(finding.message.contains("\"inbox\" opened at line 5"));
        let location = finding.location.as_ref().unwrap();
        assert_eq!((location.line, location.column), (7, 9));
        assert!(
            !location.context.contains("mysecret"),
            "{}",
            location.context
        );
    }

    #[test]
    fn typographic_quotes_are_named_with_their_position() {
        let findings = audit_ds_config(
            "{\n  \u{201C}ipfilter\u{201D}: {}\n}",
            &AuditOptions::default(),
        )
        .unwrap();
        assert_eq!(findings[0].code, "typographic_quotes");
        let location = findings[0].location.as_ref().unwrap();
        assert_eq!((location.line, location.column), (2, 3));
    }

    #[test]
    fn a_too_large_file_is_refused() {
        let text = " ".repeat(MAX_CONFIG_SIZE + 1);
        assert_eq!(
            audit_ds_config(&text, &AuditOptions::default())
                .unwrap_err()
                .kind(),
            crate::ErrorKind::TooLarge
        );
    }

    #[test]
    fn odd_inputs_give_one_syntax_finding_and_never_panic() {
        for text in [
            "",
            "{",
            "[",
            "\u{201C}",
            "{\"a\": \"\u{00E9}\u{00E9}",
            "{\"string\": \"x",
            "\"k\": [\n]]]}",
            "{\r\n\"a\": 1,\r\n}",
            "\u{FEFF}{}",
            "{\"a\" 1}",
            "nul",
        ] {
            let findings = audit_ds_config(text, &AuditOptions::default()).unwrap();
            assert_eq!(findings.len(), 1, "{text:?}");
            assert_eq!(findings[0].severity, Severity::Error);
            assert!(findings[0].location.is_some(), "{text:?}");
        }
    }

    #[test]
    fn context_masks_secret_looking_values_only() {
        assert_eq!(
            mask_secrets(r#"  "string": "mysecret", "dbPass": "pw", "dbHost": "db","#),
            r#"  "string": "•••", "dbPass": "•••", "dbHost": "db","#
        );
        assert_eq!(
            mask_secrets("\u{201C}string\u{201D}: \u{201C}abc\u{201D}"),
            "\u{201C}string\u{201D}: \u{201C}•••\u{201D}"
        );
        assert_eq!(
            mask_secrets(r#""secretString": "a\"b" }"#),
            r#""secretString": "•••" }"#
        );
        assert_eq!(
            mask_secrets(r#""inbox": {"string": "open"#),
            r#""inbox": {"string": "•••"#
        );
    }

    #[test]
    fn merge_sets_the_fragment_and_keeps_everything_else() {
        let text = r#"{"log": {"level": "WARN"}, "services": {"CoAuthoring": {
            "secret": {"inbox": {"string": "secret", "file": ""}},
            "token": {"enable": {"browser": false}}, "sql": {"dbPass": "pw"}}}}"#;
        let fragment = serde_json::json!({"services": {"CoAuthoring": {
            "secret": {"inbox": {"string": "new"}},
            "token": {"enable": {"browser": true, "request": {"inbox": true}}}}}});
        let merged = merge_fragment(text, &fragment).unwrap();
        assert!(merged.ends_with("}\n"));
        let value: Value = serde_json::from_str(&merged).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"log": {"level": "WARN"}, "services": {"CoAuthoring": {
                "secret": {"inbox": {"string": "new", "file": ""}},
                "token": {"enable": {"browser": true, "request": {"inbox": true}}},
                "sql": {"dbPass": "pw"}}}})
        );
        let order: Vec<&String> = value.as_object().unwrap().keys().collect();
        assert_eq!(order, ["log", "services"]);
        for broken in ["{", "[]", "{\"a\": 1, \"a\": 2}"] {
            assert_eq!(
                merge_fragment(broken, &fragment).unwrap_err().kind(),
                crate::ErrorKind::InvalidConfig,
                "{broken}"
            );
        }
        assert!(merge_fragment("  ", &fragment).unwrap().contains("\"new\""));
    }

    #[test]
    fn the_secure_fragment_passes_the_audit() {
        let master = Secret::from("m".repeat(32).as_str());
        let derived = crate::derive::derive_secrets(&master, true).unwrap();
        let text = merge_fragment("{}", &secure_fragment(&derived)).unwrap();
        assert_eq!(codes(&text, Some(&"m".repeat(32))), vec![]);
        assert!(text.contains("8lPQt3F4nafEPZS5KKGDKFGfr_5-6CpBun3-wyDGfSk"));
    }

    #[test]
    fn json_api_returns_findings_as_objects() {
        let out = crate::json_api::audit_ds_config(
            "{\"services\": {}}",
            &serde_json::json!({"connector_secret": "k".repeat(32)}),
        )
        .unwrap();
        let list = out.as_array().unwrap();
        assert_eq!(list[0]["severity"], "error");
        assert_eq!(list[0]["code"], "tokens_disabled");
        assert_eq!(list[0]["path"], "services.CoAuthoring.token.enable.browser");
        assert!(list
            .iter()
            .all(|f| f["fix"].is_string() && f["message"].is_string()));
        assert!(crate::json_api::audit_ds_config("{}", &serde_json::json!({"nope": 1})).is_err());
    }

    #[test]
    fn other_settings_named_like_a_section_are_not_misplaced() {
        let text = SECURE.replacen(
            "{\"services\"",
            "{\"aesEncrypt\": {\"secret\": \"verysecretstring\"}, \"wopi\": {\"token\": {}}, \"services\"",
            1,
        );
        assert_eq!(codes(&text, None), vec![]);
        let misplaced = SECURE.replacen(
            "{\"services\"",
            "{\"Services\": {}, \"token\": {\"enable\": {\"browser\": true}}, \"services\"",
            1,
        );
        assert_eq!(
            codes(&misplaced, None),
            vec![
                ("wrong_parent", "Services".to_owned()),
                ("wrong_parent", "token".to_owned())
            ]
        );
    }

    #[test]
    fn every_prefix_of_a_config_is_audited_without_panic() {
        let text = "{\"services\": {\"CoAuthoring\": {\"secret\": {\"inbox\": {\"string\": \"é\u{201C}x\\\"\"}},\r\n \u{201C}token\u{201D}: [1, {\"a\": null}], // c\n\"ipfilter\": {\"rules\": [{\"address\": \"10.0.0.0/8\", \"allowed\": true}]}}}}";
        for (end, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let findings = audit_ds_config(&text[..end], &AuditOptions::default()).unwrap();
            if serde_json::from_str::<Value>(&text[..end]).is_err() {
                assert_eq!(findings.len(), 1, "{:?}", &text[..end]);
                let location = findings[0].location.as_ref().unwrap();
                assert!(location.line >= 1 && location.column >= 1);
            }
        }
    }

    #[test]
    fn a_section_written_twice_is_located() {
        let text = "{\n  \"services\": {\"CoAuthoring\": {\"x\": 1, \"x\": 2}},\n  \"log\": {},\n  \"services\": {}\n}";
        let findings = audit_ds_config(text, &AuditOptions::default()).unwrap();
        let duplicates: Vec<_> = findings
            .iter()
            .filter(|f| f.code == "duplicate_key")
            .map(|f| {
                let l = f.location.as_ref().unwrap();
                (f.path.as_str(), l.line, l.column)
            })
            .collect();
        assert_eq!(
            duplicates,
            vec![("services.CoAuthoring.x", 2, 40), ("services", 4, 3)]
        );
    }

    #[test]
    fn whitespace_around_a_text_secret_is_reported() {
        let text = SECURE.replacen(
            "\"Kp2rW9xQv4Lm7Zt1Bn8Yc3Hd6Fs0Ja5E\"",
            "\"Kp2rW9xQv4Lm7Zt1Bn8Yc3Hd6Fs0Ja5E \"",
            1,
        );
        assert_eq!(
            codes(&text, None),
            vec![(
                "secret_whitespace",
                "services.CoAuthoring.secret.inbox.string".to_owned()
            )]
        );
    }

    #[test]
    fn a_secret_without_variety_is_reported() {
        let text = SECURE.replacen(
            "Tq8Vn3Xc6Rm1Zp4Wb7Ks2Hf9Ld5Gj0Ey",
            "abababababababababababababababab",
            1,
        );
        assert_eq!(
            codes(&text, None),
            vec![(
                "weak_secret",
                "services.CoAuthoring.secret.session.string".to_owned()
            )]
        );
    }

    #[test]
    fn multitenant_mode_says_how_tenant_secrets_are_read() {
        let text = SECURE.replacen(
            "{\"services\"",
            "{\"tenants\": {\"baseDir\": \"/var/www/onlyoffice/tenants\"}, \"services\"",
            1,
        );
        let findings = audit_ds_config(&text, &AuditOptions::default()).unwrap();
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].code, "tenant_secret_rule");
        assert!(findings[0]
            .message
            .contains("/var/www/onlyoffice/tenants/<tenant>/secret.key as text"));
        assert!(findings[0].message.contains("raw bytes"));
        let unset = SECURE.replacen(
            "{\"services\"",
            "{\"tenants\": {\"baseDir\": \"\"}, \"services\"",
            1,
        );
        assert_eq!(codes(&unset, None), vec![]);
    }
}
