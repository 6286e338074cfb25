//! The ipfilter: rules the Document Server cannot match, and filters that let everyone in.

use serde_json::Value;

use super::tokens::wrong_type;
use super::{get, Code, Finding, Severity, CO};

pub(super) fn audit_ipfilter(root: &Value, findings: &mut Vec<Finding>) {
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
            Code::IpfilterAllowsEveryone,
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
        Code::IpfilterCidr,
        path,
        format!(
            "\"{address}\" is CIDR notation, which the Document Server does not understand: \
             it matches addresses literally with * wildcards, so this rule matches nothing"
        ),
        fix,
    ))
}
