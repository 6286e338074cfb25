//! What is made from the table, as text: each binding's wrappers (Rust source its
//! build script includes; Go and C# source committed), the stubs, the C declarations'
//! comments and the reference of docs/api.md. `tests/generated.rs` regenerates the committed files and compares
//! them (`make generate` writes them).

pub mod c;
pub mod dotnet;
pub mod go;
pub mod markdown;
pub mod php;
pub mod python;

use crate::operations::{ArgKind, Binding, Default, Operation, Opt, OPERATIONS};

/// The operations a binding has.
pub(crate) fn operations_of(binding: Option<Binding>) -> impl Iterator<Item = &'static Operation> {
    OPERATIONS
        .iter()
        .filter(move |operation| binding.is_none_or(|b| operation.in_binding(b)))
}

/// The options of `operation` a binding has (`allow_weak` included).
pub(crate) fn options_of(
    operation: &'static Operation,
    binding: Binding,
) -> impl Iterator<Item = &'static Opt> {
    operation
        .all_options()
        .filter(move |opt| opt.only_in.is_none_or(|only| only == binding))
}

/// An option's default as Python writes it (`quote`: the string quote); the notation
/// of the signatures in every document.
pub(crate) fn python_default(opt: &Opt, quote: char) -> String {
    match opt.default {
        Default::None => "None".to_owned(),
        Default::Bool(true) => "True".to_owned(),
        Default::Bool(false) => "False".to_owned(),
        Default::Int(n) => n.to_string(),
        Default::Str(text) => format!("{quote}{text}{quote}"),
    }
}

/// The signature every language shares, in Python's notation: the arguments, then
/// each option the core reads with its default (`allow_weak` left out):
/// `sign(claims, secret, alg="HS256", ttl=None, iat=True, now=None)`.
pub fn signature_line(operation: &'static Operation, quote: char) -> String {
    let mut items: Vec<String> = operation
        .arguments
        .iter()
        .map(|argument| match argument.kind {
            ArgKind::OptionalBytes => format!("{}=None", argument.name),
            _ => argument.name.to_owned(),
        })
        .collect();
    items.extend(
        operation
            .options
            .iter()
            .filter(|opt| opt.only_in.is_none())
            .map(|opt| format!("{}={}", opt.name, python_default(opt, quote))),
    );
    format!("{}({})", operation.name, items.join(", "))
}

/// `text` as a Rust string literal.
pub(crate) fn rust_literal(text: &str) -> String {
    format!("{text:?}")
}

/// `text` as `///` doc comment lines with `indent`, wrapped at 88 columns.
pub(crate) fn doc_comment(text: &str, indent: &str) -> String {
    let mut out = String::new();
    for paragraph in text.split("\n\n") {
        if !out.is_empty() {
            out.push_str(indent);
            out.push_str("///\n");
        }
        if paragraph.starts_with("- ") || paragraph.starts_with("# ") {
            for line in paragraph.lines() {
                out.push_str(&format!("{indent}/// {line}\n"));
            }
            continue;
        }
        for line in wrap(paragraph, 88 - indent.len() - 4) {
            out.push_str(&format!("{indent}/// {line}\n"));
        }
    }
    out
}

/// The words of `text` in lines of at most `width` characters (a longer word stands
/// alone).
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_in_order() {
        let text = "one two three four five six seven eight nine ten";
        let lines = wrap(text, 12);
        assert!(lines.iter().all(|line| line.len() <= 12));
        assert_eq!(lines.join(" "), text);
        assert_eq!(
            wrap("unbreakable-word-longer", 5),
            ["unbreakable-word-longer"]
        );
    }
}
