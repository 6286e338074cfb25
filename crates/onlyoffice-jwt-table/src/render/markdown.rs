//! The reference of docs/api.md: every operation with its options, and the error
//! catalog, between the page's `generated` markers.

use super::{c, php, python, python_default, signature_line};
use crate::errors::{ErrorKind, INTERNAL_NAME, INTERNAL_NUMBER, INTERNAL_SUMMARY};
use crate::operations::{Binding, Operation, OptKind, OPERATIONS};

/// The marker that opens a generated part of a page; [`END`] closes it.
pub const BEGIN: &str =
    "<!-- generated from crates/onlyoffice-jwt-table: do not edit, run `make generate` -->";
/// The marker that closes a generated part.
pub const END: &str = "<!-- end of generated part -->";

/// The name of an option's type in the reference.
fn type_name(kind: OptKind) -> &'static str {
    match kind {
        OptKind::Bool => "boolean",
        OptKind::Seconds => "seconds",
        OptKind::Bytes => "bytes",
        OptKind::Time => "Unix seconds",
        OptKind::Text => "string",
        OptKind::Texts => "list of strings",
        OptKind::Algorithm => "algorithm",
        OptKind::Algorithms => "list of algorithms",
        OptKind::Secret => "secret",
    }
}

/// Where an operation is, per language.
fn names(operation: &Operation) -> String {
    let python = format!("Python `onlyoffice_jwt.{}`", operation.name);
    match operation.only_in {
        Some(Binding::Python) => format!("{python} only (for its PyJWT facade)"),
        _ => format!(
            "{python}, PHP `{}`, C `{}`",
            php::function_name(operation),
            c::function_name(operation)
        ),
    }
}

/// The section of one operation.
fn section(operation: &'static Operation) -> String {
    let mut out = format!(
        "### `{}`\n\n{}\n\n{}.\n",
        signature_line(operation, '"'),
        operation.doc_text(),
        names(operation)
    );
    let options: Vec<_> = operation.all_options().collect();
    if !options.is_empty() {
        out.push_str("\n| option | type | default | meaning |\n|---|---|---|---|\n");
        for opt in options {
            let only = match opt.only_in {
                Some(Binding::Php) => " (PHP only)",
                Some(Binding::Python) => " (Python only)",
                None => "",
            };
            out.push_str(&format!(
                "| `{}`{only} | {} | `{}` | {} |\n",
                opt.name,
                type_name(opt.kind),
                python_default(opt, '"'),
                opt.doc
            ));
        }
    }
    out
}

/// The operations' reference.
pub fn operations() -> String {
    let sections: Vec<String> = OPERATIONS.iter().map(section).collect();
    sections.join("\n")
}

/// The error catalog as a table.
pub fn errors() -> String {
    let mut out =
        String::from("| name | number | Python | PHP | C | meaning |\n|---|---|---|---|---|---|\n");
    for kind in ErrorKind::ALL {
        out.push_str(&format!(
            "| `{}` | {} | `{}` | `{}` | `{}` | {} |\n",
            kind.name(),
            kind.number(),
            python::class_name(*kind),
            php::class_name(*kind),
            c::constant_name(*kind),
            kind.summary()
        ));
    }
    out.push_str(&format!(
        "| `{INTERNAL_NAME}` | {INTERNAL_NUMBER} | `JwtError` | `JwtException` | \
         `OOJWT_ERR_INTERNAL` | {INTERNAL_SUMMARY} |\n"
    ));
    out
}

/// `page` with the text between each [`BEGIN`] marker and the next [`END`] replaced by
/// `parts`, in order; `None` when the page's markers are not `parts.len()` pairs.
pub fn fill(page: &str, parts: &[String]) -> Option<String> {
    let mut out = String::new();
    let mut rest = page;
    for part in parts {
        let start = rest.find(BEGIN)? + BEGIN.len();
        let end = start + rest[start..].find(END)?;
        out.push_str(&rest[..start]);
        out.push('\n');
        out.push_str(part);
        if !part.ends_with('\n') {
            out.push('\n');
        }
        rest = &rest[end..];
    }
    if rest.contains(BEGIN) {
        return None;
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_each_marked_part_and_keeps_the_rest() {
        let page = format!("a\n{BEGIN}\nold\n{END}\nb\n{BEGIN}\n{END}\nc\n");
        let filled = fill(&page, &["one".to_owned(), "two\n".to_owned()]).unwrap();
        assert_eq!(
            filled,
            format!("a\n{BEGIN}\none\n{END}\nb\n{BEGIN}\ntwo\n{END}\nc\n")
        );
        assert!(fill(&page, &["only one".to_owned()]).is_none());
        assert!(fill("no markers", &["x".to_owned()]).is_none());
    }
}
