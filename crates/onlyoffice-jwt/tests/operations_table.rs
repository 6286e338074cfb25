//! The bindings' signatures agree with the core's table of operations
//! (`onlyoffice_jwt::operations`): every argument, option and default of the Python
//! wrappers' text signatures and `.pyi`, the option names of the PHP stub, and the
//! option names and written defaults of the C header's comments. A default changed in
//! the core and not in a binding (or the reverse) fails here.

use std::collections::BTreeSet;
use std::path::PathBuf;

use onlyoffice_jwt::operations::{DefaultValue, Operation, OPERATIONS};

fn repository_file(path: &str) -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A default as Python writes it (`quote` is the string quote of that file).
fn python_default(default: DefaultValue, quote: char) -> String {
    match default {
        DefaultValue::None => "None".to_owned(),
        DefaultValue::Bool(true) => "True".to_owned(),
        DefaultValue::Bool(false) => "False".to_owned(),
        DefaultValue::Int(n) => n.to_string(),
        DefaultValue::Str(s) => format!("{quote}{s}{quote}"),
        other => panic!("a default this test cannot write: {other:?}"),
    }
}

/// The Python parameter list the table implies: `name` or `name=default`, `*`.
fn expected_python(operation: &Operation, quote: char) -> Vec<String> {
    let mut params: Vec<String> = operation
        .arguments
        .iter()
        .map(|a| (*a).to_owned())
        .collect();
    params.extend(
        operation
            .options
            .iter()
            .filter(|o| o.positional)
            .map(|o| format!("{}={}", o.name, python_default(o.default, quote))),
    );
    let keywords: Vec<String> = operation
        .options
        .iter()
        .filter(|o| !o.positional)
        .map(|o| format!("{}={}", o.name, python_default(o.default, quote)))
        .chain(operation.secret.then(|| "allow_weak=False".to_owned()))
        .collect();
    if !keywords.is_empty() {
        params.push("*".to_owned());
        params.extend(keywords);
    }
    params
}

/// Splits a parameter list at the commas outside brackets.
fn split_params(list: &str) -> Vec<String> {
    let mut params = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for c in list.chars() {
        match c {
            '[' | '(' => depth += 1,
            ']' | ')' => depth -= 1,
            ',' if depth == 0 => {
                params.push(current.trim().to_owned());
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.trim().is_empty() {
        params.push(current.trim().to_owned());
    }
    params
}

fn in_binding(operation: &Operation, binding: &str) -> bool {
    operation
        .only_in
        .is_none_or(|bindings| bindings.contains(&binding))
}

#[test]
fn the_python_text_signatures_are_the_table() {
    let source = repository_file("bindings/python/src/lib.rs");
    for operation in OPERATIONS {
        let marker = format!("fn {}<'py>(", operation.name);
        let at = source
            .find(&marker)
            .unwrap_or_else(|| panic!("no Python function {}", operation.name));
        let before = &source[..at];
        let signature = before
            .rfind("text_signature = \"(")
            .map(|start| &before[start + "text_signature = \"(".len()..])
            .and_then(|rest| rest.split(")\"").next())
            .unwrap_or_else(|| panic!("no text_signature for {}", operation.name));
        assert_eq!(
            split_params(signature),
            expected_python(operation, '\''),
            "text_signature of {}",
            operation.name
        );
    }
}

#[test]
fn the_python_stub_is_the_table() {
    let stub = repository_file("python/onlyoffice_jwt/_native.pyi");
    for operation in OPERATIONS {
        let marker = format!("def {}(", operation.name);
        let start = stub
            .find(&marker)
            .unwrap_or_else(|| panic!("no {} in the .pyi", operation.name))
            + marker.len();
        let end = start + stub[start..].find(") ->").unwrap_or(0);
        let params: Vec<String> = split_params(&stub[start..end])
            .into_iter()
            .map(|param| match param.split_once(':') {
                // `name: type = default` -> `name=default`; `name: type` -> `name`
                Some((name, typed)) => match typed.split_once(" = ") {
                    Some((_, default)) => format!("{}={}", name.trim(), default.trim()),
                    None => name.trim().to_owned(),
                },
                None => param,
            })
            .collect();
        assert_eq!(
            params,
            expected_python(operation, '"'),
            ".pyi of {}",
            operation.name
        );
    }
}

#[test]
fn the_php_stub_has_the_tables_options() {
    let stub = repository_file("php/stubs/onlyoffice_jwt.stub.php");
    // The PHP binding's own option (the form of verify's result).
    let own = |name: &str| {
        if name == "verify" {
            vec!["objects"]
        } else {
            vec![]
        }
    };
    for operation in OPERATIONS.iter().filter(|o| in_binding(o, "php")) {
        let marker = format!("\nfunction {}(", operation.name);
        let at = stub
            .find(&marker)
            .unwrap_or_else(|| panic!("no PHP function {}", operation.name));
        let doc = &stub[stub[..at].rfind("/**").unwrap_or(0)..at];
        let shape = doc
            .split("@param array{")
            .nth(1)
            .and_then(|rest| rest.split("} $options").next())
            .unwrap_or_default();
        let names: BTreeSet<String> = split_params(shape)
            .iter()
            .filter_map(|member| {
                member
                    .split_once("?:")
                    .map(|(name, _)| name.trim().to_owned())
            })
            .collect();
        let expected: BTreeSet<String> = operation
            .option_names()
            .chain(operation.secret.then_some("allow_weak"))
            .chain(own(operation.name))
            .map(str::to_owned)
            .collect();
        assert_eq!(names, expected, "PHP stub options of {}", operation.name);
    }
}

#[test]
fn the_c_header_names_every_option_and_writes_the_tables_defaults() {
    let header = repository_file("bindings/c/include/onlyoffice_jwt.h");
    for operation in OPERATIONS.iter().filter(|o| in_binding(o, "c")) {
        let marker = format!("oojwt_{}(", operation.name);
        let at = header
            .find(&marker)
            .unwrap_or_else(|| panic!("no C function oojwt_{}", operation.name));
        let comment_start = header[..at].rfind("/*").unwrap_or(0);
        let comment = &header[comment_start..at];
        for option in operation.options {
            assert!(
                comment.contains(&format!("`{}", option.name))
                    || comment.contains(&format!(" {}", option.name)),
                "the comment of oojwt_{} does not name {}",
                operation.name,
                option.name
            );
            let written = format!("{}=", option.name);
            for (index, _) in comment.match_indices(&written) {
                let preceded = comment[..index].chars().last().unwrap_or(' ');
                if preceded.is_alphanumeric() || preceded == '_' {
                    continue;
                }
                let value = &comment[index + written.len()..];
                let default = python_default(option.default, '"');
                assert!(
                    value.starts_with(&default),
                    "the comment of oojwt_{} writes {}{} where the default is {default}",
                    operation.name,
                    written,
                    value.chars().take(12).collect::<String>()
                );
            }
        }
    }
}
