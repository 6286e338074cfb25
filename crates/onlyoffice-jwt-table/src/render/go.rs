//! Go: `bindings/go/operations.go`, one function per operation of the C ABI (a method
//! of `*Keyring` when the operation takes the keyring), each passing its arguments to
//! the C function as pointer and length and its result back as a string.

use super::{signature_line, wrap};
use crate::operations::{ArgKind, Operation, OPERATIONS};

/// Words written in capitals in Go names (`fileID`, `CheckDownloadURL`).
const INITIALISMS: [(&str, &str); 3] = [("url", "URL"), ("id", "ID"), ("json", "JSON")];

/// A snake_case name in Go's camelCase (`exported`: with a capital first letter).
pub fn go_name(snake: &str, exported: bool) -> String {
    snake
        .split('_')
        .enumerate()
        .map(|(index, word)| {
            if index == 0 && !exported {
                return word.to_owned();
            }
            match INITIALISMS.iter().find(|(lower, _)| *lower == word) {
                Some((_, upper)) => (*upper).to_owned(),
                None => {
                    let mut chars = word.chars();
                    chars.next().map_or_else(String::new, |first| {
                        first.to_ascii_uppercase().to_string() + chars.as_str()
                    })
                }
            }
        })
        .collect()
}

/// `text` as `//` comment lines with `indent`, wrapped at 88 columns.
fn go_comment(text: &str, indent: &str) -> String {
    wrap(text, 88 - indent.len() - 3)
        .into_iter()
        .map(|line| format!("{indent}// {line}\n"))
        .collect()
}

/// The Go type of an argument (`None`: the keyring, which is the receiver).
fn go_type(kind: ArgKind) -> Option<&'static str> {
    match kind {
        ArgKind::Secrets => None,
        ArgKind::Bytes | ArgKind::OptionalBytes | ArgKind::Secret => Some("[]byte"),
        ArgKind::OptionalText => Some("*string"),
        _ => Some("string"),
    }
}

/// The function of one operation.
fn function(operation: &'static Operation) -> String {
    let keyring = operation
        .arguments
        .iter()
        .any(|argument| argument.kind == ArgKind::Secrets);
    let name = go_name(operation.name, true);
    let mut params = Vec::new();
    let mut conversions = Vec::new();
    let mut c_args = Vec::new();
    if keyring {
        c_args.push("keyring".to_owned());
    }
    for (index, argument) in operation.arguments.iter().enumerate() {
        let Some(go) = go_type(argument.kind) else {
            continue;
        };
        let param = go_name(argument.name, false);
        params.push(format!("{param} {go}"));
        let (pointer, length) = (format!("a{index}"), format!("n{index}"));
        let convert = match argument.kind {
            ArgKind::Bytes | ArgKind::OptionalBytes | ArgKind::Secret => "bytesArg",
            ArgKind::OptionalText => "optionalTextArg",
            _ => "textArg",
        };
        conversions.push(format!("\t\t{pointer}, {length} := {convert}({param})\n"));
        c_args.push(match argument.kind {
            ArgKind::Bytes | ArgKind::OptionalBytes | ArgKind::Secret => {
                format!("(*C.uint8_t)(unsafe.Pointer({pointer})), {length}")
            }
            _ => format!("{pointer}, {length}"),
        });
    }
    params.push("options []byte".to_owned());
    conversions.push("\t\to, on := bytesArg(options)\n".to_owned());
    c_args.push("o, on, out".to_owned());
    let mut out = go_comment(
        &format!(
            "{name} is `{}`: {} Arguments and the result are as in the C function oojwt_{} \
             (JSON text where it takes or gives a value); options is a JSON object (nil: none).",
            signature_line(operation, '"'),
            operation.doc_text(),
            operation.name
        ),
        "",
    );
    if keyring {
        out.push_str(&format!(
            "func (k *Keyring) {name}({}) (string, error) {{\n\treturn k.call(func(keyring *C.oojwt_keyring, out **C.char) C.int32_t {{\n",
            params.join(", ")
        ));
    } else {
        out.push_str(&format!(
            "func {name}({}) (string, error) {{\n\treturn call(func(out **C.char) C.int32_t {{\n",
            params.join(", ")
        ));
    }
    out.extend(conversions);
    out.push_str(&format!(
        "\t\treturn C.oojwt_{}({})\n\t}})\n}}\n",
        operation.name,
        c_args.join(", ")
    ));
    out
}

/// The whole file `bindings/go/operations.go`.
pub fn operations() -> String {
    let mut out = String::from(
        "// Code generated from the table of operations (crates/onlyoffice-jwt-table, `make \
         generate`). DO NOT EDIT.\n\npackage oojwt\n\n/*\n#include <stdlib.h>\n#include \
         <onlyoffice_jwt.h>\n*/\nimport \"C\"\n\nimport \"unsafe\"\n",
    );
    for operation in OPERATIONS
        .iter()
        .filter(|operation| operation.only_in.is_none())
    {
        out.push('\n');
        out.push_str(&function(operation));
    }
    out
}

/// How the Go vector test reads an argument of a case (`c`): JSON text, a string, its
/// bytes, the first secret, or a string that may be null.
fn vector_argument(name: &str, kind: ArgKind) -> String {
    match kind {
        ArgKind::Claims | ArgKind::Object | ArgKind::StringOrInt => format!("c.json({name:?})"),
        ArgKind::Bytes | ArgKind::OptionalBytes => format!("[]byte(c.text({name:?}))"),
        ArgKind::Secret => format!("c.secrets({name:?})[0]"),
        ArgKind::OptionalText => format!("c.optionalText({name:?})"),
        _ => format!("c.text({name:?})"),
    }
}

/// The file `bindings/go/vectors_generated_test.go`: every operation of the C ABI
/// called with a shared vector case's arguments, by the operation's name.
pub fn vector_dispatch() -> String {
    let mut out = String::from(
        "// Code generated from the table of operations (crates/onlyoffice-jwt-table, `make \
         generate`). DO NOT EDIT.\n\npackage oojwt\n\n\
         // vectorOperations calls each operation with a shared vector case's arguments; keyring\n\
         // says whether it takes the case's keyring.\n\
         var vectorOperations = map[string]vectorOperation{\n",
    );
    for operation in OPERATIONS
        .iter()
        .filter(|operation| operation.only_in.is_none())
    {
        let keyring = operation
            .arguments
            .iter()
            .any(|argument| argument.kind == ArgKind::Secrets);
        let mut args: Vec<String> = operation
            .arguments
            .iter()
            .filter(|argument| argument.kind != ArgKind::Secrets)
            .map(|argument| vector_argument(argument.name, argument.kind))
            .collect();
        args.push("c.options()".to_owned());
        let name = go_name(operation.name, true);
        let (receiver, call) = if keyring {
            ("k", format!("k.{name}"))
        } else {
            ("_", name)
        };
        out.push_str(&format!(
            "\t{:?}: {{{keyring}, func(c *vectorCase, {receiver} *Keyring) (string, error) {{\n\t\treturn {call}({})\n\t}}}},\n",
            operation.name,
            args.join(", ")
        ));
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_go_conventions() {
        assert_eq!(go_name("check_download_url", true), "CheckDownloadURL");
        assert_eq!(go_name("file_id", false), "fileID");
        assert_eq!(go_name("local_json_text", false), "localJSONText");
        assert_eq!(go_name("sign_jws", true), "SignJws");
    }
}
