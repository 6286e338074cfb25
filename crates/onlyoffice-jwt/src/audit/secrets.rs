//! The inbox, outbox and session secrets (text or file), their strength, the match
//! with the connector's secret, and the multitenant rule.

use std::path::Path;

use serde_json::Value;
use zeroize::Zeroizing;

use super::{
    get, tokens::wrong_type, AuditOptions, Code, Finding, Severity, CO, DS_SECRETS, MAX_SECRET_FILE,
};
use crate::keys::secret::{Secret, MIN_SECRET_LEN};

/// Where the DS takes one secret from, and its bytes when they could be read.
enum SecretSource {
    /// `string` (or the default `secret` when neither string nor file is set).
    Text { path: String, defaulted: bool },
    /// `file`, read as raw bytes.
    File { path: String },
}

pub(super) fn audit_secrets(root: &Value, options: &AuditOptions, findings: &mut Vec<Finding>) {
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
                        Code::ConnectorMismatch,
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
    // One message for every failure (missing, no permission, not a regular file, too
    // large): the audit must not tell whoever wrote the path more about the file than
    // that the Document Server cannot use it.
    let Ok(bytes) = crate::regular_file::read(Path::new(name), MAX_SECRET_FILE) else {
        findings.push(Finding::new(
            Severity::Error,
            Code::SecretFileMissing,
            path,
            format!(
                "{name} is not a readable regular file of at most {MAX_SECRET_FILE} bytes on \
                 this machine: the Document Server cannot read its secret"
            ),
            "create the file with the secret alone in it (onlyoffice-jwt keygen --no-newline \
             > FILE), or correct the path; run the audit on the Document Server's machine",
        ));
        return None;
    };
    if matches!(bytes.last(), Some(b'\n' | b'\r')) {
        findings.push(Finding::new(
            Severity::Warning,
            Code::SecretFileNewline,
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
            Code::SecretWhitespace,
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
            Code::EmptySecret,
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
            Code::DefaultSecret,
            path,
            message,
            "set a random secret: onlyoffice-jwt keygen (or onlyoffice-jwt derive)",
        ));
    } else if bytes.len() < MIN_SECRET_LEN {
        findings.push(Finding::new(
            Severity::Warning,
            Code::ShortSecret,
            path,
            match source {
                // A file's exact length is not told: the path may name any file.
                SecretSource::File { .. } => format!(
                    "the secret file holds fewer than {MIN_SECRET_LEN} bytes; a guessable \
                     secret lets anyone forge tokens"
                ),
                SecretSource::Text { .. } => format!(
                    "the secret is {} bytes long; a guessable secret lets anyone forge tokens \
                     (at least {MIN_SECRET_LEN} random bytes are needed)",
                    bytes.len()
                ),
            },
            "set a random secret: onlyoffice-jwt keygen",
        ));
    } else if let Err(weak) = Secret::new(bytes).check(false) {
        findings.push(Finding::new(
            Severity::Warning,
            Code::WeakSecret,
            path,
            format!("{}: a secret without variety is guessable", weak.message()),
            "set a random secret: onlyoffice-jwt keygen",
        ));
    }
}

/// Multitenant mode (`tenants.baseDir` set): the tenants' secrets are read by another
/// rule than the main ones, which the administrator must know when writing them.
pub(super) fn audit_tenants(root: &Value, findings: &mut Vec<Finding>) {
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
        Code::TenantSecretRule,
        "tenants.baseDir",
        format!(
            "multitenant mode: each tenant's secret is read from {}/<tenant>/{file} as \
             text with whitespace and line breaks at either end trimmed (one secret for \
             inbox, outbox and session unless the tenant's config.json sets them), while \
             services.CoAuthoring.secret.*.file is read as raw bytes (a trailing newline \
             is part of that secret); this audit checks the main secrets only",
            crate::jwt::algorithm::truncate(base)
        ),
        "give each tenant its own random secret (onlyoffice-jwt keygen > FILE; the trailing \
         newline is trimmed there), and configure each tenant's connector with that text",
    ));
}

/// Whether the DS secret `name` equals the connector's secret, or the secret that
/// [`derive_secrets`](crate::keys::derive::derive_secrets) derives from it for that purpose.
fn matches_connector(connector: &Secret, name: &str, bytes: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    let direct: bool = connector.expose().ct_eq(bytes).into();
    let derived = crate::keys::derive::derive_secrets(connector, true).is_ok_and(|derived| {
        let secret = if name == "inbox" {
            &derived.inbox
        } else {
            &derived.outbox
        };
        secret.expose().ct_eq(bytes).into()
    });
    direct || derived
}
