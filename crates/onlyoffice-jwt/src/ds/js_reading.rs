//! What the Document Server reads, as its JavaScript reads it: an object the connector
//! signs for it must mean to the Document Server exactly what it means to the
//! connector.
//!
//! The Document Server (ONLYOFFICE/server, spring 2026) reads a verified request in
//! `getRequestParams` (DocService/sources/DocsCoServer.js): `Object.assign(params,
//! decoded)`, then the members of `decoded.payload` and then of `decoded.query` over
//! that, whenever either is "not empty" (`utils.isEmptyObject`: truthy with at least
//! one key — a non-empty object, array or string). The command service, the converter,
//! docbuilder and `/downloadfile` all read their parameters this way; the editor
//! config is read as it is, but `document.permissions` is copied with `Object.assign`
//! too. Three JavaScript facts follow:
//!
//! - a signed `payload` or `query` member overrides the signed top level (a
//!   `{"c":"forcesave","key":"A","payload":{"c":"drop","key":"B"}}` drops `B`);
//! - `Object.assign` writes an own `__proto__` member through the `__proto__` setter:
//!   its object becomes the prototype of the parameters, which then "have" members
//!   that were not signed at that level;
//! - numbers are IEEE-754 doubles: an integer beyond ±(2^53 − 1) arrives rounded.
//!
//! And the command service and the converter `JSON.parse` again the string members
//! `users`, `thumbnail` and `documentRenderer`: JSON text there must read as written.

use serde_json::Value;

use crate::error::{err, Result};
use crate::jwt::encoding::parse_json;
use crate::jwt::sign::Claims;

/// The largest integer JavaScript holds exactly, `Number.MAX_SAFE_INTEGER` = 2^53 − 1.
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// Top-level members of a request that the Document Server merges over the request
/// itself.
const MERGED_MEMBERS: [&str; 2] = ["payload", "query"];

/// String members of a request that the Document Server parses again as JSON.
const REPARSED_MEMBERS: [&str; 3] = ["users", "thumbnail", "documentRenderer"];

/// Checks a value bound for the Document Server, at any depth: no member named
/// `__proto__`, no integer beyond ±(2^53 − 1). `what` names the value in messages
/// (`config`, `body`); the message names the path (`body.userdata`).
pub(crate) fn check_value(value: &Value, what: &str) -> Result<()> {
    walk(value, &mut what.to_owned())
}

/// [`check_value`] of an object's members.
pub(crate) fn check_object(object: &Claims, what: &str) -> Result<()> {
    let mut path = what.to_owned();
    walk_members(object, &mut path)
}

fn walk(value: &Value, path: &mut String) -> Result<()> {
    match value {
        Value::Number(number) => {
            let exact = number
                .as_i64()
                .map(|n| (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&n))
                .or_else(|| number.as_u64().map(|_| false));
            if exact == Some(false) {
                return Err(err!(
                    InvalidInput,
                    "{path} is {number}, beyond ±(2^53 − 1): the Document Server reads \
                     numbers as JavaScript does and would act on a rounded value; send it \
                     as a string"
                ));
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let at = path.len();
                path.push_str(&format!("[{index}]"));
                walk(item, path)?;
                path.truncate(at);
            }
        }
        Value::Object(members) => walk_members(members, path)?,
        Value::Null | Value::Bool(_) | Value::String(_) => {}
    }
    Ok(())
}

fn walk_members(members: &Claims, path: &mut String) -> Result<()> {
    for (name, member) in members {
        let at = path.len();
        push_member(path, name);
        if name == "__proto__" {
            return Err(err!(
                InvalidInput,
                "{path}: a member named __proto__ becomes the prototype of what the \
                 Document Server reads (Object.assign), so it would read members that \
                 were not signed at that level"
            ));
        }
        walk(member, path)?;
        path.truncate(at);
    }
    Ok(())
}

/// Appends `.name`, or `["name"]` when the name is not a plain identifier (at most 32
/// characters of it).
fn push_member(path: &mut String, name: &str) {
    let plain = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if plain {
        path.push('.');
        path.push_str(name);
    } else {
        let shown: String = name.chars().take(32).collect();
        path.push('[');
        path.push_str(&Value::String(shown).to_string());
        path.push(']');
    }
}

/// Checks a request body for the command, conversion or docbuilder service: no
/// top-level `payload` or `query` member (whatever its value: none of these services
/// has a parameter of either name), JSON text in `users`, `thumbnail` and
/// `documentRenderer` that reads as written, and [`check_value`].
pub(crate) fn check_request(body: &Claims) -> Result<()> {
    if let Some(member) = MERGED_MEMBERS.iter().find(|m| body.contains_key(**m)) {
        return Err(err!(
            InvalidInput,
            "body.{member}: the Document Server merges the members of a signed {member:?} \
             over the request (getRequestParams), so it would act on them rather than on \
             the signed top level; sign the parameters at the top level"
        ));
    }
    for member in REPARSED_MEMBERS {
        if let Some(Value::String(text)) = body.get(member) {
            reparsed(text, member)?;
        }
    }
    check_object(body, "body")
}

/// JSON text the Document Server parses again: refused when it reads otherwise than
/// written — a duplicate member (JSON.parse keeps the last), or the other rules of
/// [`check_value`]. Text that is not JSON at all is the Document Server's error to
/// report, as it is today.
fn reparsed(text: &str, member: &str) -> Result<()> {
    match parse_json(text.as_bytes()) {
        Ok(value) => check_value(&value, &format!("body.{member} (its JSON text)")),
        Err(_) if serde_json::from_str::<Value>(text).is_ok() => Err(err!(
            InvalidInput,
            "body.{member}: the Document Server parses this JSON text again and would not \
             read it as written (a member given twice: JavaScript keeps the last)"
        )),
        Err(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn refused(body: Value) -> String {
        let Value::Object(body) = body else {
            panic!("an object")
        };
        let error = check_request(&body).expect_err("refused");
        assert_eq!(error.kind(), crate::ErrorKind::InvalidInput);
        error.message().to_owned()
    }

    #[test]
    fn merged_members_are_refused_whatever_their_value() {
        for value in [
            json!({"c": "drop", "key": "B"}),
            json!("xyz"),
            json!([1]),
            json!({}),
        ] {
            assert!(
                refused(json!({"c": "forcesave", "key": "A", "payload": value}))
                    .starts_with("body.payload")
            );
            assert!(
                refused(json!({"c": "info", "key": "A", "query": value})).starts_with("body.query")
            );
        }
    }

    #[test]
    fn proto_members_and_unsafe_integers_are_named_by_path() {
        assert!(
            refused(json!({"c": "info", "x": {"__proto__": {"key": "B"}}}))
                .starts_with("body.x.__proto__")
        );
        assert!(refused(json!({"userdata": 9_007_199_254_740_993_i64}))
            .starts_with("body.userdata is 9007199254740993"));
        assert!(
            refused(json!({"a": [1, {"n": -9_007_199_254_740_992_i64}]}))
                .starts_with("body.a[1].n")
        );
        assert!(refused(json!({"big": u64::MAX})).starts_with("body.big"));
        assert!(refused(json!({"odd name": {"__proto__": 1}})).starts_with(r#"body["odd name"]"#));
        let Value::Object(fine) = json!({
            "c": "forcesave", "key": "A", "userdata": 9_007_199_254_740_991_i64,
            "n": -9_007_199_254_740_991_i64, "f": 1e300, "proto": "__proto__"
        }) else {
            unreachable!()
        };
        assert!(check_request(&fine).is_ok());
    }

    #[test]
    fn reparsed_json_text_must_read_as_written() {
        assert!(refused(json!({"thumbnail": r#"{"aspect":1,"aspect":2}"#}))
            .starts_with("body.thumbnail"));
        assert!(refused(json!({"users": r#"{"__proto__":{"x":1}}"#}))
            .starts_with("body.users (its JSON text).__proto__"));
        assert!(
            refused(json!({"documentRenderer": r#"{"n":9007199254740993}"#}))
                .starts_with("body.documentRenderer (its JSON text).n")
        );
        let Value::Object(fine) = json!({"c": "drop", "key": "A", "users": r#"["u1","u2"]"#,
            "thumbnail": "not json"})
        else {
            unreachable!()
        };
        assert!(check_request(&fine).is_ok());
    }
}
