//! C: the `extern "C"` functions and error constants of `bindings/c` (its build script
//! includes [`wrappers`] and [`error_constants`]; cbindgen reads them for the header).

use super::{doc_comment, signature_line};
use crate::errors::{ErrorKind, INTERNAL_NUMBER, INTERNAL_SUMMARY};
use crate::operations::{ArgKind, Operation, OPERATIONS};

/// The C function name, `oojwt_<name>`.
pub fn function_name(operation: &Operation) -> String {
    format!("oojwt_{}", operation.name)
}

/// The C constant of an error kind, `OOJWT_ERR_<NAME>`.
pub fn constant_name(kind: ErrorKind) -> String {
    format!("OOJWT_ERR_{}", kind.name().to_ascii_uppercase())
}

/// What the C comment says an argument is.
fn argument_note(name: &str, kind: ArgKind) -> Option<String> {
    match kind {
        ArgKind::Claims | ArgKind::Object => Some(format!("`{name}` is JSON text")),
        ArgKind::StringOrInt => Some(format!(
            "`{name}` is JSON text: a string (`\"\\\"v7\\\"\"`) or an integer (`\"7\"`)"
        )),
        ArgKind::OptionalText => Some(format!("a NULL `{name}` means none")),
        ArgKind::Bytes | ArgKind::Secret => Some(format!("`{name}` is bytes")),
        _ => None,
    }
}

/// The wrapper of one operation.
fn wrapper(operation: &'static Operation) -> String {
    let mut text = format!(
        "`{}`: {}",
        signature_line(operation, '"'),
        operation.doc_text()
    );
    let notes: Vec<String> = operation
        .arguments
        .iter()
        .filter_map(|argument| argument_note(argument.name, argument.kind))
        .collect();
    if !notes.is_empty() {
        text.push_str(&format!(" In C, {}.", notes.join("; ")));
    }
    text.push_str(" `*out` is the result: a string result as is, any other as JSON text.");
    // The keyring carries its own `allow_weak`; only a bare secret takes the option.
    let bare_secret = operation
        .arguments
        .iter()
        .any(|argument| argument.kind == ArgKind::Secret);
    let options: Vec<String> = operation
        .all_options()
        .filter(|opt| opt.only_in.is_none())
        .filter(|opt| opt.name != "allow_weak" || bare_secret)
        .map(|opt| format!("`{}`: {}", opt.name, opt.doc))
        .collect();
    text.push_str("\n\n");
    if options.is_empty() {
        text.push_str("No options are defined.");
    } else {
        text.push_str(&format!("Options: {}.", options.join("; ")));
    }
    text.push_str(
        "\n\n# Safety\n\nEvery pointer must be NULL or point to its length of readable bytes, \
         unchanged during the call; `out` must be NULL or valid for writing one pointer",
    );
    let keyring = operation
        .arguments
        .iter()
        .any(|argument| argument.kind == ArgKind::Secrets);
    if keyring {
        text.push_str("; `keyring` must be NULL or a live keyring");
    }
    text.push('.');
    let mut out = doc_comment(&text, "");
    out.push_str("#[no_mangle]\n");
    out.push_str(&format!(
        "pub unsafe extern \"C\" fn {}(\n",
        function_name(operation)
    ));
    if keyring {
        out.push_str("    keyring: *const OojwtKeyring,\n");
    }
    let mut raws = Vec::new();
    for argument in operation.arguments {
        let pointer = match argument.kind {
            ArgKind::Secrets => continue,
            ArgKind::Bytes | ArgKind::Secret | ArgKind::OptionalBytes => "*const u8",
            _ => "*const c_char",
        };
        out.push_str(&format!(
            "    {0}: {pointer},\n    {0}_len: usize,\n",
            argument.name
        ));
        raws.push(format!("Raw::new({0}.cast(), {0}_len)", argument.name));
    }
    out.push_str(
        "    options_json: *const c_char,\n    options_len: usize,\n    out: *mut *mut c_char,\n) -> i32 {\n",
    );
    out.push_str(
        "    // SAFETY: every pointer is passed on under this function's contract.\n    unsafe {\n",
    );
    out.push_str(&format!(
        "        crate::call(\n            Op::{:?},\n            {},\n            &[{}],\n            Raw::new(options_json.cast(), options_len),\n            out,\n        )\n    }}\n}}\n\n",
        operation.op,
        if keyring { "Some(keyring)" } else { "None" },
        raws.join(", ")
    ));
    out
}

/// Every wrapper (the operations every binding has).
pub fn wrappers() -> String {
    OPERATIONS
        .iter()
        .filter(|operation| operation.only_in.is_none())
        .map(wrapper)
        .collect()
}

/// `OOJWT_OK`, one `OOJWT_ERR_*` per error kind, and `OOJWT_ERR_INTERNAL`.
pub fn error_constants() -> String {
    let mut out = doc_comment("Success.", "");
    out.push_str("pub const OOJWT_OK: i32 = 0;\n");
    for kind in ErrorKind::ALL {
        out.push_str(&doc_comment(kind.summary(), ""));
        out.push_str(&format!(
            "pub const {}: i32 = {};\n",
            constant_name(*kind),
            kind.number()
        ));
    }
    out.push_str(&doc_comment(INTERNAL_SUMMARY, ""));
    out.push_str(&format!(
        "pub const OOJWT_ERR_INTERNAL: i32 = {INTERNAL_NUMBER};\n"
    ));
    out
}

/// How the C vector test passes each argument: `json` (a value's JSON text), `text`
/// (a string's UTF-8), `bytes` (a secret-like value's bytes).
fn vector_kind(kind: ArgKind) -> &'static str {
    match kind {
        ArgKind::Claims | ArgKind::Object | ArgKind::StringOrInt => "json",
        ArgKind::Secret => "bytes",
        _ => "text",
    }
}

/// The C vector test's layout of each operation, as JSON text for its flattening
/// script: `{"<name>": {"secret": "<argument>" or null, "args": [["<name>", "<how>"],
/// …]}}` (the secret argument is the keyring; the others in the C function's order).
pub fn vector_layout() -> String {
    let entries: Vec<String> = OPERATIONS
        .iter()
        .filter(|operation| operation.only_in.is_none())
        .map(|operation| {
            let secret = operation
                .arguments
                .iter()
                .find(|argument| argument.kind == ArgKind::Secrets)
                .map_or("null".to_owned(), |argument| {
                    format!("\"{}\"", argument.name)
                });
            let args: Vec<String> = operation
                .arguments
                .iter()
                .filter(|argument| argument.kind != ArgKind::Secrets)
                .map(|argument| {
                    format!(
                        "[\"{}\", \"{}\"]",
                        argument.name,
                        vector_kind(argument.kind)
                    )
                })
                .collect();
            format!(
                "  \"{}\": {{\"secret\": {secret}, \"args\": [{}]}}",
                operation.name,
                args.join(", ")
            )
        })
        .collect();
    format!("{{\n{}\n}}\n", entries.join(",\n"))
}

/// The C vector test's `vector_call`: each operation's C function, called with the
/// case's keyring, its first two arguments `a` and `b`, and its options.
pub fn vector_call() -> String {
    let mut out = String::from(
        "/* Made from the table of operations (crates/onlyoffice-jwt-table): the C function\n \
         * of each operation, given the case's keyring, arguments a and b, and options. */\n\
         static int vector_call(const char *op, oojwt_keyring *keyring, struct buffer a, \
         struct buffer b,\n                       struct buffer options, char **out) {\n",
    );
    for operation in OPERATIONS
        .iter()
        .filter(|operation| operation.only_in.is_none())
    {
        let mut params = Vec::new();
        if operation
            .arguments
            .iter()
            .any(|argument| argument.kind == ArgKind::Secrets)
        {
            params.push("keyring".to_owned());
        }
        let buffers = ["a", "b"];
        let mut next = buffers.iter();
        for argument in operation.arguments {
            if argument.kind == ArgKind::Secrets {
                continue;
            }
            let buffer = next.next().copied().unwrap_or("b");
            let cast = match argument.kind {
                ArgKind::Bytes | ArgKind::Secret | ArgKind::OptionalBytes => "(const uint8_t *)",
                _ => "",
            };
            params.push(format!("{cast}{buffer}.data, {buffer}.len"));
        }
        params.push("options.data, options.len, out".to_owned());
        out.push_str(&format!(
            "    if (strcmp(op, \"{}\") == 0) return {}({});\n",
            operation.name,
            function_name(operation),
            params.join(", ")
        ));
    }
    out.push_str("    return OOJWT_ERR_INTERNAL;\n}\n");
    out
}
