//! The secure `local.json` settings: the fragment that sets derived secrets and
//! switches tokens on, and its merge into an existing `local.json`.

use std::ops::Range;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::audit::MAX_CONFIG_SIZE;
use crate::error::{err, Result};
use crate::keys::secret::Secret;

/// The `local.json` fragment that sets the Document Server's inbox, outbox and session
/// secrets (`services.CoAuthoring.secret.*.string`) to the derived ones and switches
/// tokens on (`token.enable.browser`, `token.enable.request.{inbox,outbox}`).
pub fn secure_fragment(secrets: &crate::keys::derive::DerivedSecrets) -> Value {
    let text = |secret: &Secret| String::from_utf8_lossy(secret.expose()).into_owned();
    serde_json::json!({"services": {"CoAuthoring": {
        "secret": {
            "inbox": {"string": text(&secrets.inbox)},
            "outbox": {"string": text(&secrets.outbox)},
            "session": {"string": text(&secrets.session)},
        },
        "token": {"enable": {"browser": true, "request": {"inbox": true, "outbox": true}}},
    }}})
}

/// Merges `fragment` into the text of a `local.json`, editing the text in place:
/// objects are merged member by member, any other value of the fragment replaces the
/// file's value, a member the file lacks is added at the end of its object (indented
/// like its siblings). Every byte outside the values it changes is kept: other
/// settings, their order, numbers as written (`123456789012345678901234567890`, `-0`),
/// spacing. An empty text gives the fragment itself (2-space indentation, final
/// newline). A text that is not a JSON object without duplicate members is
/// `invalid_config` (audit it first).
pub fn merge_fragment(text: &str, fragment: &Value) -> Result<String> {
    if text.len() > MAX_CONFIG_SIZE {
        return Err(err!(
            TooLarge,
            "the configuration is {} bytes long; the limit is {MAX_CONFIG_SIZE}",
            text.len()
        ));
    }
    let Value::Object(fragment) = fragment else {
        return Err(err!(InvalidConfig, "the fragment must be a JSON object"));
    };
    if text.trim().is_empty() {
        return Ok(format!(
            "{}\n",
            pretty(&Value::Object(fragment.clone()), "")
        ));
    }
    let parsed = crate::jwt::encoding::parse_json(text.as_bytes()).map_err(|e| {
        err!(
            InvalidConfig,
            "the configuration is not valid JSON ({e}); run onlyoffice-jwt audit on it"
        )
    })?;
    let Value::Object(mut expected) = parsed else {
        return Err(err!(
            InvalidConfig,
            "the configuration must be a JSON object"
        ));
    };
    let root: &RawValue = serde_json::from_str(text)
        .map_err(|e| err!(InvalidConfig, "the configuration cannot be read: {e}"))?;
    let mut edits = Vec::new();
    object_edits(text, root, fragment, &mut edits)?;
    edits.sort_by_key(|edit| std::cmp::Reverse(edit.0.start));
    let mut out = text.to_owned();
    for (range, replacement) in edits {
        out.replace_range(range, &replacement);
    }
    // The edited text must mean exactly the file with the fragment merged in.
    merge_into(&mut expected, fragment);
    let merged = crate::jwt::encoding::parse_json(out.as_bytes()).map_err(|e| {
        err!(
            InvalidConfig,
            "the merged configuration is not valid JSON: {e}"
        )
    })?;
    if merged != Value::Object(expected) {
        return Err(err!(
            InvalidConfig,
            "the configuration could not be merged in place; nothing was changed"
        ));
    }
    Ok(out)
}

/// An object's members in order, each with the raw text of its value (a slice of the
/// text being merged, so that its position is known).
struct Members<'t>(Vec<(String, &'t RawValue)>);

impl<'de: 't, 't> Deserialize<'de> for Members<'t> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct Visit<'t>(std::marker::PhantomData<&'t ()>);
        impl<'de: 't, 't> Visitor<'de> for Visit<'t> {
            type Value = Members<'t>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Members<'t>, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry::<String, &'de RawValue>()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(Visit(std::marker::PhantomData))
    }
}

/// Where `raw` (a slice of `text`) lies in `text`.
fn span(text: &str, raw: &RawValue) -> Range<usize> {
    let start = raw.get().as_ptr() as usize - text.as_ptr() as usize;
    start..start + raw.get().len()
}

/// The edits that merge `fragment` into the object `raw` of `text`.
fn object_edits(
    text: &str,
    raw: &RawValue,
    fragment: &Map<String, Value>,
    edits: &mut Vec<(Range<usize>, String)>,
) -> Result<()> {
    let object = span(text, raw);
    let Members(members) = serde_json::from_str(raw.get())
        .map_err(|e| err!(InvalidConfig, "the configuration cannot be read: {e}"))?;
    let mut missing = Map::new();
    for (name, value) in fragment {
        match (members.iter().find(|(member, _)| member == name), value) {
            (Some((_, raw)), Value::Object(inner)) if raw.get().starts_with('{') => {
                object_edits(text, raw, inner, edits)?;
            }
            (Some((_, raw)), value) => {
                let at = span(text, raw);
                edits.push((at.clone(), pretty(value, indent_of(text, at.start))));
            }
            (None, value) => {
                missing.insert(name.clone(), value.clone());
            }
        }
    }
    if missing.is_empty() {
        return Ok(());
    }
    let Some(last) = members
        .iter()
        .map(|(_, raw)| span(text, raw))
        .max_by_key(|at| at.end)
    else {
        // An empty object: written anew, at its own indentation.
        let indent = indent_of(text, object.start);
        edits.push((object, pretty(&Value::Object(missing), indent)));
        return Ok(());
    };
    let mut insertion = String::new();
    let one_line = !text[object.clone()].contains('\n');
    let indent = indent_of(text, last.start);
    for (name, value) in &missing {
        let name = serde_json::to_string(name).unwrap_or_default();
        if one_line {
            insertion.push_str(&format!(
                ", {name}: {}",
                serde_json::to_string(value).unwrap_or_default()
            ));
        } else {
            insertion.push_str(&format!(",\n{indent}{name}: {}", pretty(value, indent)));
        }
    }
    edits.push((last.end..last.end, insertion));
    Ok(())
}

/// The spaces and tabs that start the line holding byte `at`.
fn indent_of(text: &str, at: usize) -> &str {
    let line = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let rest = &text[line..];
    &rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()]
}

/// `value` as 2-space indented JSON, its inner lines indented by `indent` more.
fn pretty(value: &Value, indent: &str) -> String {
    serde_json::to_string_pretty(value)
        .unwrap_or_default()
        .replace('\n', &format!("\n{indent}"))
}

/// Merges `source` into `target`: objects member by member, other values replaced.
fn merge_into(target: &mut Map<String, Value>, source: &Map<String, Value>) {
    for (name, value) in source {
        match (target.get_mut(name), value) {
            (Some(Value::Object(existing)), Value::Object(value)) => merge_into(existing, value),
            _ => {
                target.insert(name.clone(), value.clone());
            }
        }
    }
}
