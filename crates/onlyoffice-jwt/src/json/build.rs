//! Making values: the trait a binding implements ([`Build`]), the builder of the core's
//! own `Value`, and a `Value` made into a host's values ([`build_value`]).

use serde_json::map::Entry;
use serde_json::{Map, Number, Value};

/// What the strict parser builds. Each method creates one value; `Error` is the
/// host's own failure (e.g. a Python exception), passed through unchanged.
pub trait Build {
    /// A finished value.
    type Value;
    /// An object being filled.
    type Object;
    /// An array being filled.
    type Array;
    /// The host's failure.
    type Error;

    /// JSON `null`.
    fn null(&mut self) -> Result<Self::Value, Self::Error>;
    /// `true` or `false`.
    fn boolean(&mut self, value: bool) -> Result<Self::Value, Self::Error>;
    /// An integer that fits an `i64`.
    fn integer(&mut self, value: i64) -> Result<Self::Value, Self::Error>;
    /// A non-negative integer beyond `i64` that fits a `u64`.
    fn unsigned(&mut self, value: u64) -> Result<Self::Value, Self::Error>;
    /// A number with a fraction or an exponent (finite).
    fn float(&mut self, value: f64) -> Result<Self::Value, Self::Error>;
    /// An integer beyond 64 bits, as its decimal text (`-` and digits).
    fn big_integer(&mut self, digits: &str) -> Result<Self::Value, Self::Error>;
    /// A string.
    fn string(&mut self, value: &str) -> Result<Self::Value, Self::Error>;
    /// A new empty object.
    fn object(&mut self) -> Result<Self::Object, Self::Error>;
    /// Adds a member; `Ok(false)` when `key` is already a member (the parser then
    /// refuses the text).
    fn member(
        &mut self,
        object: &mut Self::Object,
        key: &str,
        value: Self::Value,
    ) -> Result<bool, Self::Error>;
    /// The finished object.
    fn end_object(&mut self, object: Self::Object) -> Result<Self::Value, Self::Error>;
    /// A new empty array.
    fn array(&mut self) -> Result<Self::Array, Self::Error>;
    /// Appends an element.
    fn element(&mut self, array: &mut Self::Array, value: Self::Value) -> Result<(), Self::Error>;
    /// The finished array.
    fn end_array(&mut self, array: Self::Array) -> Result<Self::Value, Self::Error>;
}

/// The builder of the core's own [`Value`]. An integer beyond 64 bits becomes its
/// nearest float, the only number `Value` can hold for it.
///
/// The members of the objects being built wait on one stack shared by all of them (an
/// object's members are always the top of it: objects nest), so that building an
/// object allocates nothing but its map.
#[derive(Default)]
pub struct ValueBuilder {
    members: Vec<(String, Value)>,
}

/// An object being built by [`ValueBuilder`]: its first members on the builder's stack
/// (checked for duplicates by comparison, and moved into a map of the right size at the
/// end), then a map once it grows past 16 members.
pub enum ValueObject {
    /// Up to 16 members, on the stack from this index, and a bit per member's
    /// `name_bit` (a name whose bit is not set cannot be a duplicate).
    Small(usize, u64),
    /// More.
    Large(Map<String, Value>),
}

/// The most members a [`ValueObject`] keeps on the stack.
const SMALL_OBJECT: usize = 16;

/// One of 64 bits chosen by a member name's length and last byte: names with
/// different bits differ, so most members are known new without a comparison.
fn name_bit(name: &str) -> u64 {
    let last = name.as_bytes().last().copied().unwrap_or(0);
    1 << ((name.len().wrapping_mul(31) ^ usize::from(last)) & 63)
}

impl Build for ValueBuilder {
    type Value = Value;
    type Object = ValueObject;
    type Array = Vec<Value>;
    type Error = std::convert::Infallible;

    fn null(&mut self) -> Result<Value, Self::Error> {
        Ok(Value::Null)
    }

    fn boolean(&mut self, value: bool) -> Result<Value, Self::Error> {
        Ok(Value::Bool(value))
    }

    fn integer(&mut self, value: i64) -> Result<Value, Self::Error> {
        Ok(Value::from(value))
    }

    fn unsigned(&mut self, value: u64) -> Result<Value, Self::Error> {
        Ok(Value::from(value))
    }

    fn float(&mut self, value: f64) -> Result<Value, Self::Error> {
        Ok(Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn big_integer(&mut self, digits: &str) -> Result<Value, Self::Error> {
        let nearest = digits.parse::<f64>().unwrap_or(f64::NAN);
        Ok(Number::from_f64(nearest).map_or(Value::Null, Value::Number))
    }

    fn string(&mut self, value: &str) -> Result<Value, Self::Error> {
        Ok(Value::String(value.to_owned()))
    }

    fn object(&mut self) -> Result<ValueObject, Self::Error> {
        Ok(ValueObject::Small(self.members.len(), 0))
    }

    fn member(
        &mut self,
        object: &mut ValueObject,
        key: &str,
        value: Value,
    ) -> Result<bool, Self::Error> {
        match object {
            ValueObject::Small(start, bits) if self.members.len() - *start < SMALL_OBJECT => {
                let bit = name_bit(key);
                if *bits & bit != 0 && self.members[*start..].iter().any(|(name, _)| name == key) {
                    return Ok(false);
                }
                *bits |= bit;
                self.members.push((key.to_owned(), value));
                Ok(true)
            }
            ValueObject::Small(start, _) => {
                let mut map = Map::with_capacity(SMALL_OBJECT * 2);
                map.extend(self.members.drain(*start..));
                let inserted = insert_new(&mut map, key, value);
                *object = ValueObject::Large(map);
                Ok(inserted)
            }
            ValueObject::Large(map) => Ok(insert_new(map, key, value)),
        }
    }

    fn end_object(&mut self, object: ValueObject) -> Result<Value, Self::Error> {
        Ok(Value::Object(match object {
            ValueObject::Small(start, _) => {
                let mut map = Map::with_capacity(self.members.len() - start);
                map.extend(self.members.drain(start..));
                map
            }
            ValueObject::Large(map) => map,
        }))
    }

    fn array(&mut self) -> Result<Self::Array, Self::Error> {
        Ok(Vec::new())
    }

    fn element(&mut self, array: &mut Self::Array, value: Value) -> Result<(), Self::Error> {
        array.push(value);
        Ok(())
    }

    fn end_array(&mut self, array: Self::Array) -> Result<Value, Self::Error> {
        Ok(Value::Array(array))
    }
}

/// Inserts a member that is not yet in `map`; false (and nothing changed) otherwise.
fn insert_new(map: &mut Map<String, Value>, key: &str, value: Value) -> bool {
    match map.entry(key) {
        Entry::Vacant(slot) => {
            slot.insert(value);
            true
        }
        Entry::Occupied(_) => false,
    }
}

/// A container of a `Value` being built by [`build_value`]: its remaining members and
/// what is built so far.
enum Open<'v, B: Build> {
    Array(std::slice::Iter<'v, Value>, B::Array),
    Object(serde_json::map::Iter<'v>, B::Object, &'v str),
}

/// Makes `builder`'s values from a `Value` the core made (a result, a JWS header):
/// objects keep their member order. Without recursion (an explicit stack), so that the
/// deepest value the core accepts is as safe on a thread's 128 KiB stack as any other.
pub fn build_value<B: Build>(value: &Value, builder: &mut B) -> Result<B::Value, B::Error> {
    let mut stack: Vec<Open<'_, B>> = Vec::new();
    let mut current = value;
    loop {
        let mut finished = match current {
            Value::Array(items) => {
                stack.push(Open::Array(items.iter(), builder.array()?));
                None
            }
            Value::Object(members) => {
                stack.push(Open::Object(members.iter(), builder.object()?, ""));
                None
            }
            Value::Null => Some(builder.null()?),
            Value::Bool(flag) => Some(builder.boolean(*flag)?),
            Value::Number(number) => Some(match (number.as_i64(), number.as_u64()) {
                (Some(integer), _) => builder.integer(integer)?,
                (None, Some(integer)) => builder.unsigned(integer)?,
                _ => builder.float(number.as_f64().unwrap_or(f64::NAN))?,
            }),
            Value::String(text) => Some(builder.string(text)?),
        };
        current = loop {
            if let Some(made) = finished.take() {
                match stack.last_mut() {
                    None => return Ok(made),
                    Some(Open::Array(_, array)) => builder.element(array, made)?,
                    // A `Value`'s object holds each key once.
                    Some(Open::Object(_, object, key)) => {
                        builder.member(object, key, made)?;
                    }
                }
            }
            let next = match stack.last_mut() {
                Some(Open::Array(items, _)) => items.next(),
                Some(Open::Object(members, _, key)) => members.next().map(|(name, item)| {
                    *key = name.as_str();
                    item
                }),
                None => None,
            };
            if let Some(item) = next {
                break item;
            }
            finished = Some(match stack.pop() {
                Some(Open::Array(_, array)) => builder.end_array(array)?,
                Some(Open::Object(_, object, _)) => builder.end_object(object)?,
                // Never: the stack is empty only once the outermost value is made,
                // which returned above.
                None => return builder.null(),
            });
        };
    }
}
