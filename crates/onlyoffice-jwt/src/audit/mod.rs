//! Audit of a Document Server `local.json`: every mistake that kept administrators'
//! servers open or stopped them, as findings with a severity, a [`Code`], the JSON path,
//! what it means and how to fix it. One module per part: syntax errors and members
//! written twice (one linear scan of the text), the placement of sections, the token
//! switches, the secrets, obsolete settings and the ipfilter; the context shown around
//! a finding is masked by one linear pass over the text. The fragment that sets derived
//! secrets, and its merge into a `local.json`, are beside [`crate::keys::derive_secrets`].
//!
//! The audit reads the file system for one thing only: each `secret.*.file` path is
//! opened as a regular file (without blocking: a FIFO or device is refused at once) and
//! read, at most [`MAX_SECRET_FILE`] bytes, to judge it as the Document Server would use
//! it. Whatever the reason a file cannot be used, one message says so, and a file's
//! exact length is never told, so that a path written into the audited text reveals
//! nothing else about the file it names. Nothing is ever written. Messages never
//! contain a secret: the context shown around a finding masks the value after every
//! name containing `string`, `secret`, `pass`, `key` or `token`, whatever the syntax
//! around it, and the user information of URLs.

mod context;
mod ipfilter;
mod obsolete;
mod placement;
mod secrets;
mod syntax;
#[cfg(test)]
mod tests;
mod tokens;

use serde_json::{Map, Value};

use crate::error::{err, Result};
use crate::keys::secret::Secret;

/// The largest `local.json` accepted, in bytes.
pub const MAX_CONFIG_SIZE: usize = 1 << 20;

/// The largest secret file read, in bytes.
pub const MAX_SECRET_FILE: u64 = crate::keys::secret::MAX_SECRET_FILE_LEN;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
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

/// What a finding is about: one stable code per kind of mistake (docs/cli.md lists
/// them with their meaning).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Code {
    /// `unclosed_brace`: A section not closed (pasted without its closing braces, or the file ends inside one).
    UnclosedBrace,
    /// `fragment`: A fragment pasted without the braces around it.
    Fragment,
    /// `typographic_quotes`: Typographic quotes instead of straight ones.
    TypographicQuotes,
    /// `missing_comma`: Two settings without a comma between them.
    MissingComma,
    /// `trailing_comma`: A comma after the last setting of a section.
    TrailingComma,
    /// `comment`: A comment: JSON has none.
    Comment,
    /// `syntax_error`: Any other JSON syntax error.
    SyntaxError,
    /// `empty_file`: Nothing in the file.
    EmptyFile,
    /// `not_an_object`: Valid JSON, but not an object.
    NotAnObject,
    /// `tokens_disabled`: A token switch off or absent (the DS default is off).
    TokensDisabled,
    /// `wrong_type`: A setting of the wrong JSON type.
    WrongType,
    /// `default_secret`: A secret that is the literal `secret`, or not set at all.
    DefaultSecret,
    /// `empty_secret`: `string` and `file` both empty.
    EmptySecret,
    /// `connector_mismatch`: The inbox or outbox secret differs from the connector's.
    ConnectorMismatch,
    /// `secret_file_missing`: A `secret.*.file` that cannot be read here.
    SecretFileMissing,
    /// `ipfilter_cidr`: An ipfilter rule in CIDR notation, which the DS does not understand.
    IpfilterCidr,
    /// `wrong_parent`: A section at a place the DS does not read.
    WrongParent,
    /// `short_secret`: A secret shorter than 32 bytes.
    ShortSecret,
    /// `weak_secret`: A secret of 32 bytes or more with too little variety.
    WeakSecret,
    /// `secret_whitespace`: A text secret with whitespace at either end.
    SecretWhitespace,
    /// `secret_file_newline`: A secret file ending with a line break, which becomes part of the secret.
    SecretFileNewline,
    /// `tenant_secret_rule`: Multitenant mode: tenant secrets are read by another rule.
    TenantSecretRule,
    /// `obsolete_browser_secret`: `secret.browser`, not read since DS 7.2.
    ObsoleteBrowserSecret,
    /// `obsolete_in_body`: `token.*.inBody`, obsolete.
    ObsoleteInBody,
    /// `ipfilter_allows_everyone`: `useforrequest` on while every address is let through.
    IpfilterAllowsEveryone,
    /// `duplicate_key`: A member written twice in one section.
    DuplicateKey,
    /// `unknown_setting`: A name the DS does not read in a security section.
    UnknownSetting,
}

impl Code {
    /// The code's stable name, e.g. `tokens_disabled`.
    pub fn name(self) -> &'static str {
        match self {
            Code::UnclosedBrace => "unclosed_brace",
            Code::Fragment => "fragment",
            Code::TypographicQuotes => "typographic_quotes",
            Code::MissingComma => "missing_comma",
            Code::TrailingComma => "trailing_comma",
            Code::Comment => "comment",
            Code::SyntaxError => "syntax_error",
            Code::EmptyFile => "empty_file",
            Code::NotAnObject => "not_an_object",
            Code::TokensDisabled => "tokens_disabled",
            Code::WrongType => "wrong_type",
            Code::DefaultSecret => "default_secret",
            Code::EmptySecret => "empty_secret",
            Code::ConnectorMismatch => "connector_mismatch",
            Code::SecretFileMissing => "secret_file_missing",
            Code::IpfilterCidr => "ipfilter_cidr",
            Code::WrongParent => "wrong_parent",
            Code::ShortSecret => "short_secret",
            Code::WeakSecret => "weak_secret",
            Code::SecretWhitespace => "secret_whitespace",
            Code::SecretFileNewline => "secret_file_newline",
            Code::TenantSecretRule => "tenant_secret_rule",
            Code::ObsoleteBrowserSecret => "obsolete_browser_secret",
            Code::ObsoleteInBody => "obsolete_in_body",
            Code::IpfilterAllowsEveryone => "ipfilter_allows_everyone",
            Code::DuplicateKey => "duplicate_key",
            Code::UnknownSetting => "unknown_setting",
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
    /// What it is about (its stable name: [`Code::name`]).
    pub code: Code,
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
    pub(super) fn new(
        severity: Severity,
        code: Code,
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
        out.insert("code".into(), self.code.name().into());
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

pub(super) const CO: &str = "services.CoAuthoring";
pub(super) const DS_SECRETS: [&str; 3] = ["inbox", "outbox", "session"];

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
        Err(error) => return Ok(vec![syntax::syntax_finding(text, &error)]),
    };
    let mut findings = Vec::new();
    match &root {
        Value::Object(map) => {
            syntax::audit_duplicates(text, &mut findings);
            placement::audit_placement(map, "", &mut findings);
            tokens::audit_tokens(&root, &mut findings);
            secrets::audit_secrets(&root, options, &mut findings);
            secrets::audit_tenants(&root, &mut findings);
            obsolete::audit_obsolete(&root, &mut findings);
            ipfilter::audit_ipfilter(&root, &mut findings);
        }
        _ => findings.push(Finding::new(
            Severity::Error,
            Code::NotAnObject,
            "",
            "the file is valid JSON but not an object: the Document Server reads its \
             settings from an object { \"services\": … }",
            "write the settings inside { }",
        )),
    }
    findings.sort_by_key(|f| f.severity);
    Ok(findings)
}

pub(super) fn get<'v>(root: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(root, |v, name| v.get(name))
}

pub(super) fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}.{name}")
    }
}
