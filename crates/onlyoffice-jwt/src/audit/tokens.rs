//! The token switches: off or absent means anyone can open, save or command.

use serde_json::Value;

use super::{get, Code, Finding, Severity, CO};

pub(super) fn audit_tokens(root: &Value, findings: &mut Vec<Finding>) {
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
                Code::TokensDisabled,
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

pub(super) fn wrong_type(path: &str, expected: &str) -> Finding {
    Finding::new(
        Severity::Error,
        Code::WrongType,
        path,
        format!("{path} has the wrong type: the Document Server expects {expected}"),
        format!("write {expected}"),
    )
}
