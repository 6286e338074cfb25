//! .NET: `bindings/dotnet/Operations.cs`, one method of `Jwt` per operation of the C
//! ABI and its P/Invoke declaration, each passing its arguments as UTF-8 (or bytes) and
//! length and its result back as a string.

use super::{signature_line, wrap};
use crate::operations::{ArgKind, Operation, OPERATIONS};

/// A snake_case name in C#'s PascalCase or camelCase (`exported`).
pub fn dotnet_name(snake: &str, exported: bool) -> String {
    snake
        .split('_')
        .enumerate()
        .map(|(index, word)| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) if index > 0 || exported => {
                    first.to_ascii_uppercase().to_string() + chars.as_str()
                }
                Some(first) => first.to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// `text` escaped for an XML doc comment.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Whether an argument goes to C as bytes the caller gives (`byte[]`), not as text.
fn is_bytes(kind: ArgKind) -> bool {
    matches!(
        kind,
        ArgKind::Bytes | ArgKind::OptionalBytes | ArgKind::Secret
    )
}

/// The method of `Jwt` and the P/Invoke declaration of one operation.
fn method(operation: &'static Operation) -> (String, String) {
    let keyring = operation
        .arguments
        .iter()
        .any(|argument| argument.kind == ArgKind::Secrets);
    let mut params = Vec::new();
    let mut conversions = Vec::new();
    let mut c_args = Vec::new();
    let mut c_params = Vec::new();
    if keyring {
        params.push("Keyring keyring".to_owned());
        c_args.push("keyring.Handle".to_owned());
        c_params.push("KeyringHandle k".to_owned());
    }
    for argument in operation.arguments {
        if argument.kind == ArgKind::Secrets {
            continue;
        }
        let param = dotnet_name(argument.name, false);
        let passed = if is_bytes(argument.kind) {
            params.push(format!("byte[] {param}"));
            param.clone()
        } else {
            params.push(format!("string {param}"));
            conversions.push(format!(
                "            var {param}Text = Native.Utf8({param}, \"{}\");\n",
                argument.name
            ));
            format!("{param}Text")
        };
        c_args.push(format!("{passed}, Native.Len({passed})"));
        c_params.push(format!("byte[] {param}, UIntPtr {param}Len"));
    }
    params.push("string options = null".to_owned());
    conversions
        .push("            var optionsText = Native.Utf8(options, \"options\");\n".to_owned());
    c_args.push("optionsText, Native.Len(optionsText), out r".to_owned());
    c_params.push("byte[] options, UIntPtr optionsLen, out IntPtr result".to_owned());
    let summary = format!(
        "<c>{}</c>: {} Arguments and the result are as in the C function oojwt_{} (JSON \
         text where it takes or gives a value); options is a JSON object (null: none).",
        xml(&signature_line(operation, '"')),
        xml(&operation.doc_text()),
        operation.name
    );
    let mut lines = wrap(&summary, 80);
    if let Some(first) = lines.first_mut() {
        first.insert_str(0, "<summary>");
    }
    if let Some(last) = lines.last_mut() {
        last.push_str("</summary>");
    }
    let mut out: String = lines
        .iter()
        .map(|line| format!("        /// {line}\n"))
        .collect();
    out.push_str(&format!(
        "        public static string {}({})\n        {{\n",
        dotnet_name(operation.name, true),
        params.join(", ")
    ));
    out.extend(conversions);
    out.push_str(&format!(
        "            return Native.Call((out IntPtr r) => Native.oojwt_{}({}));\n        }}\n",
        operation.name,
        c_args.join(", ")
    ));
    let declaration = format!(
        "        [DllImport(Lib)] internal static extern int oojwt_{}({});\n",
        operation.name,
        c_params.join(", ")
    );
    (out, declaration)
}

/// The whole file `bindings/dotnet/Operations.cs`.
pub fn operations() -> String {
    let (methods, declarations): (Vec<String>, Vec<String>) = OPERATIONS
        .iter()
        .filter(|operation| operation.only_in.is_none())
        .map(method)
        .unzip();
    format!(
        "// Code generated from the table of operations (crates/onlyoffice-jwt-table, `make\n\
         // generate`). DO NOT EDIT.\n\
         using System;\n\
         using System.Runtime.InteropServices;\n\n\
         namespace OnlyOffice.Jwt\n{{\n    \
         public static partial class Jwt\n    {{\n{}    }}\n\n    \
         internal static partial class Native\n    {{\n{}    }}\n}}\n",
        methods.join("\n"),
        declarations.concat()
    )
}

/// The file `bindings/dotnet/tests/Dispatch.cs`: every operation of the C ABI called
/// with a case of the flattened vectors (its arguments in the C function's order, from
/// field 4; its options in field 6), by the operation's name.
pub fn vector_dispatch() -> String {
    let mut cases = String::new();
    for operation in OPERATIONS
        .iter()
        .filter(|operation| operation.only_in.is_none())
    {
        let mut args = Vec::new();
        if operation
            .arguments
            .iter()
            .any(|argument| argument.kind == ArgKind::Secrets)
        {
            args.push("keyring".to_owned());
        }
        let fields = operation
            .arguments
            .iter()
            .filter(|argument| argument.kind != ArgKind::Secrets);
        for (field, argument) in (4..).zip(fields) {
            args.push(if is_bytes(argument.kind) {
                format!("Hex(f[{field}]) ?? new byte[0]")
            } else {
                format!("Text(f[{field}])")
            });
        }
        args.push("options".to_owned());
        cases.push_str(&format!(
            "            case \"{}\": return Jwt.{}({});\n",
            operation.name,
            dotnet_name(operation.name, true),
            args.join(", ")
        ));
    }
    format!(
        "// Code generated from the table of operations (crates/onlyoffice-jwt-table, `make\n\
         // generate`). DO NOT EDIT.\n\
         using System;\nusing OnlyOffice.Jwt;\n\n\
         static partial class Tests\n{{\n    \
         /// <summary>Runs operation <paramref name=\"op\"/> on a flattened vector case.</summary>\n    \
         static string Run(string op, Keyring keyring, string[] f)\n    {{\n        \
         string options = Text(f[6]);\n        switch (op)\n        {{\n{cases}        }}\n        \
         throw new InvalidOperationException(\"unknown operation \" + op);\n    }}\n}}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_dotnet_conventions() {
        assert_eq!(dotnet_name("check_download_url", true), "CheckDownloadUrl");
        assert_eq!(dotnet_name("ds_url", false), "dsUrl");
        assert_eq!(xml("a<b>&c"), "a&lt;b&gt;&amp;c");
    }
}
