//! PHP: the `#[php_function]` wrappers of `bindings/php` (its build script includes
//! [`wrappers`]), the positions of the parameters PHP hides from stack traces, and the
//! stub `php/stubs/onlyoffice_jwt.stub.php` ([`stub`]).

use super::{doc_comment, operations_of, options_of, rust_literal, wrap};
use crate::errors::{ErrorKind, INTERNAL_NAME, INTERNAL_NUMBER};
use crate::operations::{ArgKind, Binding, Default, Operation, Opt, OptKind, Returns};

/// The PHP function name, `OnlyOffice\Jwt\<name>`.
pub fn function_name(operation: &Operation) -> String {
    format!("OnlyOffice\\Jwt\\{}", operation.name)
}

/// The class name of an error kind.
pub fn class_name(kind: ErrorKind) -> String {
    format!("{}Exception", kind.camel_name())
}

/// Whether the options array of `operation` may hold a credential.
fn options_sensitive(operation: &'static Operation) -> bool {
    options_of(operation, Binding::Php).any(|opt| opt.sensitive)
}

/// The positions (from 0) of the parameters of `operation` that hold a credential:
/// its sensitive arguments, and the options array when an option may hold one.
pub fn sensitive_positions(operation: &'static Operation) -> Vec<u32> {
    let mut positions: Vec<u32> = (0u32..)
        .zip(operation.arguments)
        .filter(|(_, argument)| argument.is_sensitive())
        .map(|(position, _)| position)
        .collect();
    if options_sensitive(operation) {
        positions.push(u32::try_from(operation.arguments.len()).unwrap_or(u32::MAX));
    }
    positions
}

/// The wrapper of one operation.
fn wrapper(operation: &'static Operation) -> String {
    let mut out = doc_comment(&operation.doc_text(), "");
    out.push_str("#[php_function]\n");
    out.push_str(&format!(
        "#[php(name = {})]\n",
        rust_literal(&function_name(operation))
    ));
    let params: Vec<String> = operation
        .arguments
        .iter()
        .map(|argument| format!("{}: &Zval", argument.name))
        .collect();
    let names: Vec<&str> = operation.arguments.iter().map(|a| a.name).collect();
    out.push_str(&format!(
        "pub fn {}({}, options: Option<&Zval>) -> PhpResult<Zval> {{\n    crate::call(Op::{:?}, &[{}], options)\n}}\n\n",
        operation.name,
        params.join(", "),
        operation.op,
        names.join(", ")
    ));
    out
}

/// Every wrapper, and `add_operations`, which registers them with the module.
pub fn wrappers() -> String {
    let mut out = String::new();
    let mut adds = String::new();
    for operation in operations_of(Some(Binding::Php)) {
        out.push_str(&wrapper(operation));
        adds.push_str(&format!(
            "        .function(wrap_function!({}))\n",
            operation.name
        ));
    }
    out.push_str(&doc_comment(
        "Registers every operation with the module.",
        "",
    ));
    out.push_str("fn add_operations(module: ModuleBuilder) -> ModuleBuilder {\n    module\n");
    out.push_str(&adds);
    out.push_str("}\n");
    out
}

/// The native type of an argument.
fn argument_type(kind: ArgKind) -> &'static str {
    match kind {
        ArgKind::Claims | ArgKind::Object => "array|\\stdClass",
        ArgKind::Text | ArgKind::Bytes | ArgKind::Secret => "string",
        ArgKind::OptionalText | ArgKind::OptionalBytes => "?string",
        ArgKind::Secrets => "string|array",
        ArgKind::StringOrInt => "int|string",
    }
}

/// The phpdoc type of an option's value.
fn option_type(opt: &Opt) -> String {
    const ALGORITHM: &str = "'HS256'|'HS384'|'HS512'";
    let base = match opt.kind {
        OptKind::Bool => "bool".to_owned(),
        OptKind::Seconds | OptKind::Bytes | OptKind::Time => "int".to_owned(),
        OptKind::Text | OptKind::Secret => "string".to_owned(),
        OptKind::Texts => "list<string>".to_owned(),
        OptKind::Algorithm => ALGORITHM.to_owned(),
        OptKind::Algorithms => format!("list<{ALGORITHM}>"),
    };
    let scalar = !matches!(opt.kind, OptKind::Texts | OptKind::Algorithms);
    if scalar && (opt.default == Default::None || opt.nullable) {
        format!("{base}|null")
    } else {
        base
    }
}

/// An option's default as PHP writes it.
fn default_repr(opt: &Opt) -> String {
    match opt.default {
        Default::None => "null".to_owned(),
        Default::Bool(flag) => flag.to_string(),
        Default::Int(n) => n.to_string(),
        Default::Str(text) => format!("\"{text}\""),
    }
}

/// The native return type, and the phpdoc one where it says more.
fn return_types(returns: Returns) -> (&'static str, Option<&'static str>) {
    match returns {
        Returns::Token | Returns::Text => ("string", None),
        Returns::Claims => ("array|\\stdClass", Some("array<string, mixed>|\\stdClass")),
        Returns::Object => ("array", Some("array<string, mixed>")),
        Returns::Decoded => (
            "array",
            Some("array{header: array<string, mixed>, claims: array<string, mixed>}"),
        ),
        Returns::SignedRequest => (
            "array",
            Some("array{body: array<string, mixed>, headers: array<string, string>, header_omitted: bool}"),
        ),
        Returns::GuardedCallback => (
            "array",
            Some("array{claims: array<string, mixed>, fetch: array<string, string>}"),
        ),
        Returns::DerivedSecrets => (
            "array",
            Some("array{inbox: string, outbox: string, session: string, links: string, doc_keys: string}"),
        ),
        Returns::Findings => (
            "array",
            Some("list<array{severity: string, code: string, path: string, message: string, fix: string}>"),
        ),
        Returns::Bytes | Returns::JwsParts => ("string", None),
    }
}

/// `text` as docblock lines (` * …`), wrapped.
fn docblock_lines(text: &str, out: &mut String) {
    for line in wrap(text, 84) {
        out.push_str(&format!(" * {line}\n"));
    }
}

/// The stub of one operation.
fn function_stub(operation: &'static Operation) -> String {
    let mut out = String::from("/**\n");
    docblock_lines(&operation.doc_text(), &mut out);
    let options: Vec<&Opt> = options_of(operation, Binding::Php).collect();
    if !options.is_empty() {
        out.push_str(" *\n * Options:\n");
        for opt in &options {
            let line = format!(
                "`{}` (default {}): {}",
                opt.name,
                default_repr(opt),
                opt.doc
            );
            for (index, part) in wrap(&line, 82).iter().enumerate() {
                out.push_str(if index == 0 { " * - " } else { " *   " });
                out.push_str(part);
                out.push('\n');
            }
        }
    }
    out.push_str(" *\n");
    for argument in operation.arguments {
        match argument.kind {
            ArgKind::Claims | ArgKind::Object => {
                out.push_str(&format!(" * @param array|\\stdClass ${}\n", argument.name));
            }
            ArgKind::Secrets => {
                out.push_str(&format!(
                    " * @param string|list<string> ${}\n",
                    argument.name
                ));
            }
            _ => {}
        }
    }
    let shape: Vec<String> = options
        .iter()
        .map(|opt| format!("{}?: {}", opt.name, option_type(opt)))
        .collect();
    out.push_str(&format!(
        " * @param array{{{}}} $options\n",
        shape.join(", ")
    ));
    let (native, documented) = return_types(operation.returns);
    if let Some(documented) = documented {
        out.push_str(&format!(" * @return {documented}\n"));
    }
    out.push_str(" * @throws JwtException\n */\n");
    let mut params: Vec<String> = operation
        .arguments
        .iter()
        .map(|argument| {
            let marker = if argument.is_sensitive() {
                "#[\\SensitiveParameter] "
            } else {
                ""
            };
            format!(
                "{marker}{} ${}",
                argument_type(argument.kind),
                argument.name
            )
        })
        .collect();
    let marker = if options_sensitive(operation) {
        "#[\\SensitiveParameter] "
    } else {
        ""
    };
    params.push(format!("{marker}array $options = []"));
    out.push_str(&format!(
        "function {}({}): {native} {{}}\n",
        operation.name,
        params.join(", ")
    ));
    out
}

/// The whole stub file.
pub fn stub() -> String {
    let mut out = String::from(
        "<?php\n\n/**\n * Stubs of the onlyoffice_jwt extension for IDEs and static analysers (PHPStan: add\n \
         * this file to `stubFiles`; Psalm: to `<stubs>`). Never include it at run time: the\n \
         * extension defines these functions and classes. Generated from the table of\n \
         * operations (crates/onlyoffice-jwt-table): do not edit, run `make generate`.\n *\n \
         * Every function takes its options as a trailing array (docs/api.md); an unknown key,\n \
         * or a value of the wrong type, is an InvalidInputException. A secret is one string\n \
         * of bytes or a list of them (the first signs, all verify); a weak secret is refused\n \
         * (WeakSecretException) unless the option `allow_weak` is true.\n *\n \
         * PHP arrays in and out: a list (keys 0..n-1) is a JSON array, any other array or a\n \
         * stdClass a JSON object (its public properties, as json_encode writes them); `[]`\n \
         * given as claims, config or body is an empty object; a JSON object comes back as an\n \
         * associative array (an empty one as `[]`).\n */\n\nnamespace OnlyOffice\\Jwt;\n\n",
    );
    let stubs: Vec<String> = operations_of(Some(Binding::Php))
        .map(function_stub)
        .collect();
    out.push_str(&stubs.join("\n"));
    out.push_str(&format!(
        "\n/**\n * Base class of every exception of the extension. `getCode()` is the stable error\n \
         * number ({INTERNAL_NUMBER} for an internal failure, e.g. a caught Rust panic),\n \
         * `getErrorName()` the stable error name (`{INTERNAL_NAME}` for this base class).\n */\n\
         class JwtException extends \\Exception\n{{\n    /** Which part of the input failed (see getDetail()). */\n    \
         protected $detail = null;\n\n    /** The stable error name, e.g. `bad_signature`. */\n    \
         public function getErrorName(): string {{}}\n\n    /**\n     * Which part of the input failed, \
         as a stable dotted name (`header.json`,\n     * `claims.exp`, …; docs/formats.md, \"Which part \
         failed\"), or null when the\n     * failure names none.\n     */\n    \
         public function getDetail(): ?string {{}}\n}}\n"
    ));
    for kind in ErrorKind::ALL {
        out.push_str(&format!(
            "\n/** `{}` ({}): {} */\nclass {} extends JwtException {{}}\n",
            kind.name(),
            kind.number(),
            kind.summary(),
            class_name(*kind)
        ));
    }
    out
}
