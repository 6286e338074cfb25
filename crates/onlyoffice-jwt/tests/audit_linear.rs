//! The audit stays linear in its input: 1 MiB adversarial files (the largest the audit
//! reads) are audited well within a generous bound. Quadratic code took minutes here
//! (83 s for 1 MiB of repeated sections, over 120 s for 1 MiB of repeated members);
//! the speed itself is measured by `cargo bench --bench audit`.

use std::time::{Duration, Instant};

use onlyoffice_jwt::audit::{audit_ds_config, AuditOptions, MAX_CONFIG_SIZE};

#[path = "support/adversarial.rs"]
mod adversarial;

/// Generous: a debug build on a loaded 2-core machine audits each in well under 1 s.
const BOUND: Duration = Duration::from_secs(20);

#[test]
fn a_mebibyte_of_adversarial_local_json_is_audited_in_linear_time() {
    for (shape, text) in adversarial::shapes(MAX_CONFIG_SIZE) {
        assert!(
            text.len() <= MAX_CONFIG_SIZE && text.len() > MAX_CONFIG_SIZE - 64,
            "{shape}"
        );
        let start = Instant::now();
        let findings = audit_ds_config(&text, &AuditOptions::default()).expect(shape);
        let took = start.elapsed();
        assert!(took < BOUND, "{shape}: {took:?}");
        assert!(!findings.is_empty(), "{shape}");
        // Listing every member written twice would be as large as the file: at most
        // 100 are listed, then one finding counts the rest.
        let listed = findings
            .iter()
            .filter(|f| f.code.name() == "duplicate_key")
            .count();
        assert!(listed <= 101, "{shape}: {listed}");
    }
}

#[test]
fn the_members_beyond_the_listed_ones_are_counted() {
    let text = format!("{{{}\"a\":1}}", "\"a\":1,".repeat(150));
    let findings = audit_ds_config(&text, &AuditOptions::default()).unwrap();
    let duplicates: Vec<_> = findings
        .iter()
        .filter(|f| f.code.name() == "duplicate_key")
        .collect();
    assert_eq!(duplicates.len(), 101);
    assert!(duplicates[0].location.is_some());
    assert!(
        duplicates[100]
            .message
            .starts_with("50 more members are written twice"),
        "{}",
        duplicates[100].message
    );
}
