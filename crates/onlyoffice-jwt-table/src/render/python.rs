//! Python: the `#[pyfunction]` wrappers of `bindings/python` (its build script includes
//! [`wrappers`]) and the stub `python/onlyoffice_jwt/_native.pyi` ([`stub`]).

use super::{doc_comment, operations_of, options_of, rust_literal, wrap};
use crate::errors::{ErrorKind, INTERNAL_NAME, INTERNAL_NUMBER};
use crate::operations::{ArgKind, Binding, Default, Operation, Opt, OptKind, Returns};

use super::python_default as default_repr;

/// The Python parameters: the arguments, the positional options, then `*` and the
/// keyword options; each item is (name, default if any, the option if it is one).
fn parameters(operation: &'static Operation) -> (Vec<Param>, Vec<Param>) {
    let mut positional: Vec<Param> = operation
        .arguments
        .iter()
        .map(|argument| Param {
            name: argument.name,
            optional: argument.kind == ArgKind::OptionalBytes,
            opt: None,
            kind: Some(argument.kind),
        })
        .collect();
    let mut keywords = Vec::new();
    for opt in options_of(operation, Binding::Python) {
        let param = Param {
            name: opt.name,
            optional: true,
            opt: Some(opt),
            kind: None,
        };
        if opt.positional {
            positional.push(param);
        } else {
            keywords.push(param);
        }
    }
    (positional, keywords)
}

/// One Python parameter.
struct Param {
    name: &'static str,
    optional: bool,
    opt: Option<&'static Opt>,
    kind: Option<ArgKind>,
}

impl Param {
    /// `name` or `name=<default>` (`quote`: the string quote).
    fn with_default(&self, quote: char) -> String {
        match (self.opt, self.optional) {
            (Some(opt), _) => format!("{}={}", self.name, default_repr(opt, quote)),
            (None, true) => format!("{}=None", self.name),
            (None, false) => self.name.to_owned(),
        }
    }

    /// The stub's annotation.
    fn annotation(&self) -> String {
        match (self.opt, self.kind) {
            (Some(opt), _) => option_type(opt),
            (None, Some(kind)) => argument_type(kind).to_owned(),
            (None, None) => "Any".to_owned(),
        }
    }
}

/// The text signature CPython shows (`inspect.signature`, `help`).
pub fn text_signature(operation: &'static Operation) -> String {
    let (positional, keywords) = parameters(operation);
    let mut items: Vec<String> = positional.iter().map(|p| p.with_default('\'')).collect();
    if !keywords.is_empty() {
        items.push("*".to_owned());
        items.extend(keywords.iter().map(|p| p.with_default('\'')));
    }
    format!("({})", items.join(", "))
}

/// Whether pyo3 takes the option as a parameter of its own. pyo3 gives an explicit
/// `None` as no value, so an option whose null means something of its own (see
/// [`Opt::nullable`]) reaches the core through `**unknown`, where `None` stays null.
fn named(param: &Param) -> bool {
    param.opt.is_none_or(|opt| !opt.nullable)
}

/// pyo3's `signature`: every option defaults to `None` here (the core applies the
/// table's default), and other keywords reach the core, which names the unknown ones.
fn pyo3_signature(operation: &'static Operation) -> String {
    let (positional, keywords) = parameters(operation);
    let keywords: Vec<Param> = keywords.into_iter().filter(named).collect();
    let mut items: Vec<String> = positional
        .iter()
        .map(|p| {
            if p.optional {
                format!("{}=None", p.name)
            } else {
                p.name.to_owned()
            }
        })
        .collect();
    if !keywords.is_empty() {
        items.push("*".to_owned());
        items.extend(keywords.iter().map(|p| format!("{}=None", p.name)));
    }
    items.push("**unknown".to_owned());
    format!("({})", items.join(", "))
}

/// The docstring: the operation's documentation and its options.
pub fn docstring(operation: &'static Operation) -> String {
    let mut text = wrap(&operation.doc_text(), 88).join("\n");
    let options: Vec<&Opt> = options_of(operation, Binding::Python).collect();
    if !options.is_empty() {
        text.push_str("\n\nOptions:\n");
        for opt in options {
            let line = format!(
                "{} (default {}): {}",
                opt.name,
                default_repr(opt, '\''),
                opt.doc
            );
            let lines = wrap(&line, 84);
            for (index, line) in lines.iter().enumerate() {
                text.push_str(if index == 0 { "- " } else { "  " });
                text.push_str(line);
                text.push('\n');
            }
        }
    }
    text.trim_end().to_owned()
}

/// The wrapper of one operation.
fn wrapper(operation: &'static Operation) -> String {
    let (positional, keywords) = parameters(operation);
    let keywords: Vec<Param> = keywords.into_iter().filter(named).collect();
    let mut out = String::new();
    out.push_str(&format!(
        "#[doc = {}]\n",
        rust_literal(&docstring(operation))
    ));
    out.push_str("#[pyfunction]\n#[pyo3(\n");
    out.push_str(&format!("    signature = {},\n", pyo3_signature(operation)));
    out.push_str(&format!(
        "    text_signature = {}\n)]\n",
        rust_literal(&text_signature(operation))
    ));
    out.push_str("#[allow(clippy::too_many_arguments)]\n");
    out.push_str(&format!(
        "fn {}<'py>(\n    py: Python<'py>,\n",
        operation.name
    ));
    for param in &positional {
        let optional = param.optional || param.opt.is_some();
        out.push_str(&format!(
            "    {}: {},\n",
            param.name,
            if optional {
                "Option<&Bound<'py, PyAny>>"
            } else {
                "&Bound<'py, PyAny>"
            }
        ));
    }
    for param in &keywords {
        out.push_str(&format!(
            "    {}: Option<&Bound<'py, PyAny>>,\n",
            param.name
        ));
    }
    out.push_str("    unknown: Option<&Bound<'py, PyDict>>,\n) -> PyResult<Bound<'py, PyAny>> {\n");
    let arguments: Vec<String> = positional
        .iter()
        .filter(|p| p.opt.is_none())
        .map(|p| {
            if p.optional {
                p.name.to_owned()
            } else {
                format!("Some({})", p.name)
            }
        })
        .collect();
    let pairs = |params: &[Param]| -> String {
        params
            .iter()
            .filter(|p| p.opt.is_some())
            .map(|p| format!("({:?}, {})", p.name, p.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    out.push_str(&format!(
        "    crate::call(\n        py,\n        Op::{:?},\n        &[{}],\n        &[{}],\n        &[{}],\n        unknown,\n    )\n}}\n\n",
        operation.op,
        arguments.join(", "),
        pairs(&positional),
        pairs(&keywords)
    ));
    out
}

/// Every wrapper, and `add_operations`, which adds them to the module.
pub fn wrappers() -> String {
    let mut out = String::new();
    let mut adds = String::new();
    for operation in operations_of(Some(Binding::Python)) {
        out.push_str(&wrapper(operation));
        adds.push_str(&format!(
            "    module.add_function(wrap_pyfunction!({}, module)?)?;\n",
            operation.name
        ));
    }
    out.push_str(&doc_comment("Adds every operation to the module.", ""));
    out.push_str("fn add_operations(module: &Bound<'_, PyModule>) -> PyResult<()> {\n");
    out.push_str(&adds);
    out.push_str("    Ok(())\n}\n");
    out
}

/// The stub's type of an argument.
fn argument_type(kind: ArgKind) -> &'static str {
    match kind {
        ArgKind::Claims | ArgKind::Object => "_JsonObject",
        ArgKind::Text => "_Text",
        ArgKind::OptionalText => "Optional[_Text]",
        ArgKind::Bytes => "Union[bytes, bytearray, str]",
        ArgKind::OptionalBytes => "Optional[bytes]",
        ArgKind::Secrets => "_Secrets",
        ArgKind::Secret => "_Secret",
        ArgKind::StringOrInt => "Union[str, int]",
    }
}

/// The stub's type of an option.
fn option_type(opt: &Opt) -> String {
    let base = match opt.kind {
        OptKind::Bool => "bool",
        OptKind::Seconds | OptKind::Bytes | OptKind::Time => "int",
        OptKind::Text | OptKind::Algorithm | OptKind::Secret => "str",
        OptKind::Texts | OptKind::Algorithms => "Sequence[str]",
    };
    if opt.default == Default::None || opt.nullable {
        format!("Optional[{base}]")
    } else {
        base.to_owned()
    }
}

/// The stub's type of a result.
fn return_type(returns: Returns) -> &'static str {
    match returns {
        Returns::Token | Returns::Text => "str",
        Returns::Claims
        | Returns::Object
        | Returns::Decoded
        | Returns::SignedRequest
        | Returns::GuardedCallback => "_JsonObject",
        Returns::DerivedSecrets => "dict[str, str]",
        Returns::Findings => "list[_JsonObject]",
        Returns::Bytes => "bytes",
        Returns::JwsParts => "dict[str, Any]",
    }
}

/// The stub of one operation.
fn function_stub(operation: &'static Operation) -> String {
    let (positional, keywords) = parameters(operation);
    let mut items: Vec<String> = positional.iter().map(annotated).collect();
    if !keywords.is_empty() {
        items.push("*".to_owned());
        items.extend(keywords.iter().map(annotated));
    }
    let returns = return_type(operation.returns);
    let one_line = format!("def {}({}) -> {returns}:", operation.name, items.join(", "));
    let mut out = if one_line.len() <= 100 {
        one_line
    } else {
        let mut lines = format!("def {}(\n", operation.name);
        for item in &items {
            lines.push_str(&format!("    {item},\n"));
        }
        lines.push_str(&format!(") -> {returns}:"));
        lines
    };
    out.push('\n');
    out.push_str(&stub_docstring(&operation.summary()));
    out
}

/// A docstring in the stub, indented and wrapped.
fn stub_docstring(text: &str) -> String {
    let lines = wrap(text, 82);
    format!("    \"\"\"{}\"\"\"\n", lines.join("\n    "))
}

/// `name: type` or `name: type = default`.
fn annotated(param: &Param) -> String {
    let annotation = param.annotation();
    match (param.opt, param.optional) {
        (Some(opt), _) => format!("{}: {annotation} = {}", param.name, default_repr(opt, '"')),
        (None, true) => format!("{}: {annotation} = None", param.name),
        (None, false) => format!("{}: {annotation}", param.name),
    }
}

/// The class name of an error kind.
pub fn class_name(kind: ErrorKind) -> String {
    format!("{}Error", kind.camel_name())
}

/// The whole of `_native.pyi`.
pub fn stub() -> String {
    let mut names: Vec<String> = vec!["DETACH_THRESHOLD".to_owned(), "JwtError".to_owned()];
    names.extend(ErrorKind::ALL.iter().map(|kind| class_name(*kind)));
    names.extend(operations_of(Some(Binding::Python)).map(|o| o.name.to_owned()));
    names.sort();
    let mut out = String::from(
        "\"\"\"Type stubs of the native part of onlyoffice_jwt (see the package docstring).\n\n\
         Generated from the table of operations (crates/onlyoffice-jwt-table): do not edit,\n\
         run `make generate`.\n\"\"\"\n\n\
         from typing import Any, ClassVar, Optional, Sequence, Union\n\n\
         _Secret = Union[str, bytes, bytearray]\n\
         _Secrets = Union[_Secret, Sequence[_Secret]]\n\
         _Text = Union[str, bytes]\n\
         _JsonObject = dict[str, Any]\n\n__all__ = [\n",
    );
    for name in names {
        out.push_str(&format!("    \"{name}\",\n"));
    }
    out.push_str("]\n\nDETACH_THRESHOLD: int\n\n");
    out.push_str(&format!(
        "class JwtError(Exception):\n    \"\"\"Base class of every onlyoffice_jwt error (\"{INTERNAL_NAME}\" and \
         {INTERNAL_NUMBER} only here).\"\"\"\n\n    code: ClassVar[str]\n    number: ClassVar[int]\n    \
         detail: Optional[str]\n    \"\"\"Which part of the input failed (e.g. \"header.json\", \
         \"claims.exp\"), or None.\"\"\"\n\n"
    ));
    for kind in ErrorKind::ALL {
        out.push_str(&format!("class {}(JwtError):\n", class_name(*kind)));
        out.push_str(&stub_docstring(&format!(
            "{} Code \"{}\", number {}.",
            kind.summary(),
            kind.name(),
            kind.number()
        )));
        out.push('\n');
    }
    let stubs: Vec<String> = operations_of(Some(Binding::Python))
        .map(function_stub)
        .collect();
    out.push_str(&stubs.join("\n"));
    out
}
