//! Strict encodings: canonical unpadded base64url, and JSON that refuses duplicate
//! members, trailing data and unrepresentable numbers.

use std::fmt;

use base64::alphabet::URL_SAFE;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::map::Entry;
use serde_json::{Map, Number, Value};

/// Base64url without padding; decoding refuses padding and non-canonical last
/// characters (trailing bits must be zero).
const B64: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(false),
);

/// Encodes bytes as base64url without padding.
pub fn b64_encode(bytes: &[u8]) -> String {
    B64.encode(bytes)
}

/// Appends the unpadded base64url encoding of `bytes` to `out`.
pub fn b64_encode_into(bytes: &[u8], out: &mut String) {
    B64.encode_string(bytes, out);
}

/// Decodes canonical unpadded base64url; `None` for anything else.
pub fn b64_decode(text: &str) -> Option<Vec<u8>> {
    B64.decode(text).ok()
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
/// at most [`MAX_NESTING`] nested arrays/objects, numbers that fit an f64.
pub fn parse_json(bytes: &[u8]) -> std::result::Result<Value, String> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    // serde_json's own limit stops one level short of 128; ours is counted below.
    de.disable_recursion_limit();
    let value = StrictSeed { depth: 0 }
        .deserialize(&mut de)
        .map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())?;
    Ok(value)
}

/// Writes JSON compactly, object members in their stored order.
pub fn to_json(value: &Value) -> String {
    // Serializing a `Value` to a String cannot fail: keys are strings and numbers finite.
    serde_json::to_string(value).unwrap_or_default()
}

/// A value nested inside `depth` arrays/objects.
struct StrictSeed {
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for StrictSeed {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(StrictVisitor { depth: self.depth })
    }
}

struct StrictVisitor {
    depth: usize,
}

impl StrictVisitor {
    /// The seed of a member of a container at this depth, or an error past the limit.
    fn inner<E: de::Error>(&self) -> Result<StrictSeed, E> {
        if self.depth >= MAX_NESTING {
            return Err(E::custom(format!(
                "nesting deeper than {MAX_NESTING} levels"
            )));
        }
        Ok(StrictSeed {
            depth: self.depth + 1,
        })
    }
}

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("number out of range"))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let inner = self.inner::<A::Error>()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(StrictSeed { depth: inner.depth })? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let inner = self.inner::<A::Error>()?;
        // Members are collected first so that the map is allocated once, at its size.
        let mut pairs = Vec::with_capacity(8);
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(StrictSeed { depth: inner.depth })?;
            pairs.push((key, value));
        }
        let mut members = Map::with_capacity(pairs.len());
        for (key, value) in pairs {
            match members.entry(key) {
                Entry::Vacant(slot) => {
                    slot.insert(value);
                }
                Entry::Occupied(slot) => {
                    return Err(de::Error::custom(format!(
                        "duplicate member {:?}",
                        crate::algorithm::truncate(slot.key())
                    )));
                }
            }
        }
        Ok(Value::Object(members))
    }
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
