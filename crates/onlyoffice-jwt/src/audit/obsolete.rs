//! Settings the Document Server no longer reads.

use serde_json::Value;

use super::{get, Code, Finding, Severity, CO};

pub(super) fn audit_obsolete(root: &Value, findings: &mut Vec<Finding>) {
    let browser = format!("{CO}.secret.browser");
    if get(root, &browser).is_some() {
        findings.push(Finding::new(
            Severity::Warning,
            Code::ObsoleteBrowserSecret,
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
                Code::ObsoleteInBody,
                path,
                "inBody is obsolete: the Document Server reads a body token when there is \
                 one and the header otherwise, whatever this says",
                "remove inBody",
            ));
        }
    }
}
