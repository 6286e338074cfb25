//! Sections placed where the Document Server does not read them, and unknown names
//! inside the security sections.

use serde_json::{Map, Value};

use super::{join, Code, Finding, Severity};

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

pub(super) fn audit_placement(map: &Map<String, Value>, path: &str, findings: &mut Vec<Finding>) {
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
                    Code::WrongParent,
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
        Code::UnknownSetting,
        join(parent, name),
        format!("the Document Server does not read \"{name}\" in {parent}: it has no effect"),
        fix,
    )
}
