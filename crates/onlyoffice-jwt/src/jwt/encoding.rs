//! Strict encodings: canonical unpadded base64url, and JSON that refuses duplicate
//! members, trailing data and unrepresentable numbers.

use base64_simd::URL_SAFE_NO_PAD as B64;
use serde_json::Value;

/// Encodes bytes as base64url without padding.
pub fn b64_encode(bytes: &[u8]) -> String {
    B64.encode_to_string(bytes)
}

/// Appends the unpadded base64url encoding of `bytes` to `out`.
pub fn b64_encode_into(bytes: &[u8], out: &mut String) {
    B64.encode_append(bytes, out);
}

/// Decodes canonical unpadded base64url (no padding, trailing bits zero); `None` for
/// anything else.
pub fn b64_decode(text: &str) -> Option<Vec<u8>> {
    B64.decode_to_vec(text).ok()
}

/// The deepest nesting of arrays and objects [`parse_json`] accepts.
pub const MAX_NESTING: usize = 128;

/// How deeply `value` nests arrays and objects (a scalar: 0, `{}`: 1), counted without
/// recursion so that any depth is safe to measure.
pub fn nesting_depth(value: &Value) -> usize {
    let mut deepest = 0;
    let mut pending = vec![(value, 1)];
    while let Some((value, depth)) = pending.pop() {
        match value {
            Value::Array(items) => {
                deepest = deepest.max(depth);
                pending.extend(items.iter().map(|item| (item, depth + 1)));
            }
            Value::Object(members) => {
                deepest = deepest.max(depth);
                pending.extend(members.values().map(|member| (member, depth + 1)));
            }
            _ => {}
        }
    }
    deepest
}

/// Parses JSON strictly: one value, no trailing data, no duplicate object members,
/// at most [`MAX_NESTING`] nested arrays/objects, numbers that fit an f64 (the
/// parser of [`crate::json::parse_with`], building the core's own `Value`).
pub fn parse_json(bytes: &[u8]) -> std::result::Result<Value, String> {
    use crate::json::{parse_with, ParseError, Probe, ValueBuilder};
    parse_with(bytes, &mut ValueBuilder::default(), &mut Probe::new(&[])).map_err(|e| match e {
        ParseError::Json(message) | ParseError::Duplicate { message, .. } => message,
        ParseError::Host(never) => match never {},
    })
}

/// Writes JSON compactly, object members in their stored order.
pub fn to_json(value: &Value) -> String {
    // Serializing a `Value` to a String cannot fail: keys are strings and numbers finite.
    serde_json::to_string(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_is_canonical_and_unpadded() {
        assert_eq!(b64_encode(b"\xfb\xff"), "-_8");
        assert_eq!(b64_decode("-_8").unwrap(), b"\xfb\xff");
        assert!(b64_decode("-_8=").is_none(), "padding");
        assert!(b64_decode("+/8").is_none(), "standard alphabet");
        assert!(b64_decode("-_9").is_none(), "non-canonical last character");
        assert!(b64_decode("-_ 8").is_none(), "whitespace");
        assert!(b64_decode("a").is_none(), "impossible length");
    }

    #[test]
    fn json_refuses_duplicates_trailing_data_and_huge_numbers() {
        assert!(parse_json(br#"{"a":1,"a":2}"#)
            .unwrap_err()
            .contains("duplicate"));
        assert!(parse_json(br#"{"x":{"a":1,"a":1}}"#).is_err());
        assert!(parse_json(br#"{"a":1} x"#).is_err());
        assert!(parse_json(br#"{"a":1e400}"#).is_err());
        assert!(parse_json(br#"{"a":NaN}"#).is_err());
        assert!(parse_json(b"{\"a\":\"\xff\"}").is_err());
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse_json(deep.as_bytes()).is_err());
        let v = parse_json(br#"{"b":1,"a":[true,null,1.5,"x"]}"#).unwrap();
        assert_eq!(nesting_depth(&v), 2);
        assert_eq!(nesting_depth(&Value::from(1)), 0);
        assert_eq!(to_json(&v), r#"{"b":1,"a":[true,null,1.5,"x"]}"#);
    }
}
