//! `local.json` texts built to make an audit slow: many members written twice (on one
//! line, on many lines, as whole sections), deep nesting, a syntax error at the end of
//! a long file, masses of typographic quotes. Shared by the audit's time-bound test and
//! its benchmark.

/// One adversarial text of each shape, each `size` bytes or just under.
pub fn shapes(size: usize) -> Vec<(&'static str, String)> {
    let repeat = |open: &str, unit: &str, close: &str| {
        let count = (size - open.len() - close.len()) / unit.len();
        format!("{open}{}{close}", unit.repeat(count))
    };
    vec![
        (
            "members twice, one line",
            repeat("{", "\"a\":1,", "\"a\":1}"),
        ),
        (
            "members twice, many lines",
            repeat("{\n", "  \"a\": 1,\n", "  \"a\": 1\n}"),
        ),
        (
            "sections twice",
            repeat(
                "{\"services\":{\"CoAuthoring\":{",
                "\"secret\":{\"inbox\":{\"string\":\"x\"}},",
                "\"x\":1}}}",
            ),
        ),
        ("deep nesting", "[".repeat(size)),
        (
            "syntax error at the end",
            repeat("{", "\"k\":\"v\",", "\"k\" \"v\"}"),
        ),
        ("typographic quotes", "\u{201C}".repeat(size / 3)),
    ]
}
