//! Host values: JSON straight into and out of a binding's own values (Python dicts and
//! lists, …), with no [`serde_json::Value`] tree in between.
//!
//! - In: the core's strict parser ([`parse_with`]) drives a [`Build`] the binding
//!   implements. Every rule stays here — duplicate members, the nesting limit, number
//!   rules, trailing data — and the builder only creates values. [`ValueBuilder`] is
//!   the builder of the core's own `Value` (the JSON-text host of C, the CLI and the
//!   vector runner), so both paths share one parser.
//! - Out: a binding writes its values with a [`JsonWriter`], which keeps the nesting
//!   limit and the number rules and writes exactly what `serde_json` writes for the
//!   same `Value` (escapes, float formatting), so tokens stay byte-identical.
//!
//! Integers beyond 64 bits, which `Value` cannot hold, reach a builder as their decimal
//! text ([`Build::big_integer`]) and are written by [`JsonWriter::big_integer`]: a
//! Python int of any size comes back as it went in.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::map::Entry;
use serde_json::{Map, Number, Value};

use crate::error::err;
use crate::jwt::encoding::MAX_NESTING;

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

/// Why [`parse_with`] failed: the text (a message naming the fault), or the host.
#[derive(Debug)]
pub enum ParseError<E> {
    /// The text is not JSON the core accepts.
    Json(String),
    /// The top-level object has this member twice (the message names it too).
    Duplicate {
        /// The member's name.
        member: String,
        /// The message, as [`ParseError::Json`]'s.
        message: String,
    },
    /// The builder failed.
    Host(E),
}

/// Why a step that builds host values failed: the core's verdict, or the host.
#[derive(Debug)]
pub enum Failure<E> {
    /// The core refused the input.
    Core(crate::Error),
    /// The builder failed.
    Host(E),
}

impl<E> From<crate::Error> for Failure<E> {
    fn from(error: crate::Error) -> Failure<E> {
        Failure::Core(error)
    }
}

/// What a top-level member is, seen by a [`Probe`].
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum Probed {
    /// A JSON number (an integer beyond 64 bits as its nearest f64).
    Number(f64),
    /// Any other JSON value.
    Other,
}

/// Top-level members the core needs while a binding's builder builds the value (the
/// time claims, required claims), and whether the value is an object at all.
#[derive(Debug)]
pub struct Probe<'n> {
    names: &'n [&'n str],
    /// What the first [`FEW_PROBED`] names were (no allocation for the usual few).
    few: [Option<Probed>; FEW_PROBED],
    /// What the others were.
    more: Vec<Option<Probed>>,
    is_object: bool,
}

/// Probed names whose findings a [`Probe`] keeps inline.
const FEW_PROBED: usize = 8;

impl<'n> Probe<'n> {
    /// A probe of the top-level members `names`.
    pub fn new(names: &'n [&'n str]) -> Probe<'n> {
        Probe {
            names,
            few: [None; FEW_PROBED],
            more: vec![None; names.len().saturating_sub(FEW_PROBED)],
            is_object: false,
        }
    }

    /// What the member `name` (one of the probed names) was, if present.
    pub fn get(&self, name: &str) -> Option<Probed> {
        let index = self.names.iter().position(|probed| *probed == name)?;
        match index.checked_sub(FEW_PROBED) {
            None => self.few[index],
            Some(more) => self.more[more],
        }
    }

    /// The finding of the `index`-th probed name.
    fn slot(&mut self, index: usize) -> &mut Option<Probed> {
        match index.checked_sub(FEW_PROBED) {
            None => &mut self.few[index],
            Some(more) => &mut self.more[more],
        }
    }

    /// Whether the parsed value was an object.
    pub fn is_object(&self) -> bool {
        self.is_object
    }
}

/// Parses JSON strictly into `builder`'s values: one value, no trailing data, no
/// duplicate object members, at most [`MAX_NESTING`] nested arrays/objects, finite
/// numbers. The top-level members the `probe` names are reported to it
/// ([`Probe::new`] with no names when none are needed).
pub fn parse_with<B: Build>(
    bytes: &[u8],
    builder: &mut B,
    probe: &mut Probe<'_>,
) -> Result<B::Value, ParseError<B::Error>> {
    // Text that is UTF-8 as a whole (all but hostile input) is checked once here rather
    // than string by string; other bytes get serde_json's error and its position.
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_from(
            serde_json::Deserializer::from_str(text),
            bytes,
            builder,
            probe,
        ),
        Err(_) => parse_from(
            serde_json::Deserializer::from_slice(bytes),
            bytes,
            builder,
            probe,
        ),
    }
}

/// [`parse_with`] over one of serde_json's readers of `bytes`.
fn parse_from<'de, R: serde_json::de::Read<'de>, B: Build>(
    mut de: serde_json::Deserializer<R>,
    bytes: &[u8],
    builder: &mut B,
    probe: &mut Probe<'_>,
) -> Result<B::Value, ParseError<B::Error>> {
    // serde_json's own limit stops one level short of 128; ours is counted below.
    de.disable_recursion_limit();
    let mut context = Context {
        builder,
        failure: None,
        input: bytes,
        floats_seen: 0,
        wide: None,
        duplicate: None,
        probe,
    };
    let parsed = Seed {
        context: &mut context,
        depth: 0,
        slot: None,
    }
    .deserialize(&mut de)
    .and_then(|value| de.end().map(|()| value));
    match parsed {
        Ok(value) => Ok(value),
        Err(error) => Err(match (context.failure.take(), context.duplicate.take()) {
            (Some(failure), _) => ParseError::Host(failure),
            (None, Some(member)) => ParseError::Duplicate {
                member,
                message: error.to_string(),
            },
            (None, None) => ParseError::Json(error.to_string()),
        }),
    }
}

/// The state of one parse shared by every level.
struct Context<'c, 'n, B: Build> {
    builder: &'c mut B,
    failure: Option<B::Error>,
    input: &'c [u8],
    /// How many numbers serde_json has given as f64 so far (floats and integers beyond
    /// 64 bits, in document order).
    floats_seen: usize,
    /// The texts of those numbers, read from the input the first time one of them
    /// turns out to be a wide integer (never for ordinary input).
    wide: Option<Vec<(usize, usize)>>,
    /// The member the top-level object has twice, once found.
    duplicate: Option<String>,
    probe: &'c mut Probe<'n>,
}

impl<B: Build> Context<'_, '_, B> {
    /// Keeps a builder failure and turns it into an error serde can carry.
    fn host<T, E: de::Error>(&mut self, result: Result<T, B::Error>) -> Result<T, E> {
        result.map_err(|failure| {
            self.failure = Some(failure);
            E::custom("the host failed")
        })
    }

    /// The text of the `index`-th number serde_json gave as f64, if it is an integer
    /// literal (no fraction, no exponent).
    fn wide_integer(&mut self, index: usize) -> Option<&str> {
        let input = self.input;
        let spans = self.wide.get_or_insert_with(|| f64_number_spans(input));
        let (start, end) = *spans.get(index)?;
        let text = std::str::from_utf8(&input[start..end]).ok()?;
        text.bytes()
            .all(|b| b.is_ascii_digit() || b == b'-')
            .then_some(text)
    }
}

/// The spans of the number literals serde_json reports as f64, in document order:
/// those with a fraction or an exponent, integers beyond 64 bits, and `-0`.
fn f64_number_spans(input: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut index = 0;
    while index < input.len() {
        match input[index] {
            b'"' => {
                index += 1;
                while index < input.len() && input[index] != b'"' {
                    index += if input[index] == b'\\' { 2 } else { 1 };
                }
                index += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = index;
                while index < input.len()
                    && matches!(input[index], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    index += 1;
                }
                let text = std::str::from_utf8(&input[start..index]).unwrap_or_default();
                let integer = !text.contains(['.', 'e', 'E']);
                let wide = text.parse::<i64>().is_err() && text.parse::<u64>().is_err();
                if !integer || wide || text == "-0" {
                    spans.push((start, index));
                }
            }
            _ => index += 1,
        }
    }
    spans
}

/// A value at `depth`, reported to the probe's `slot` when it is a probed member.
struct Seed<'s, 'c, 'n, B: Build> {
    context: &'s mut Context<'c, 'n, B>,
    depth: usize,
    slot: Option<usize>,
}

impl<'de, B: Build> DeserializeSeed<'de> for Seed<'_, '_, '_, B> {
    type Value = B::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<B::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<B: Build> Seed<'_, '_, '_, B> {
    fn report(&mut self, seen: Probed) {
        if let Some(slot) = self.slot {
            *self.context.probe.slot(slot) = Some(seen);
        }
    }

    fn inner<E: de::Error>(&self) -> Result<usize, E> {
        if self.depth >= MAX_NESTING {
            return Err(E::custom(format!(
                "nesting deeper than {MAX_NESTING} levels"
            )));
        }
        Ok(self.depth + 1)
    }

    fn string<E: de::Error>(mut self, v: &str) -> Result<B::Value, E> {
        self.report(Probed::Other);
        let built = self.context.builder.string(v);
        self.context.host(built)
    }
}

impl<'de, B: Build> Visitor<'de> for Seed<'_, '_, '_, B> {
    type Value = B::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(mut self, v: bool) -> Result<B::Value, E> {
        self.report(Probed::Other);
        let built = self.context.builder.boolean(v);
        self.context.host(built)
    }

    fn visit_i64<E: de::Error>(mut self, v: i64) -> Result<B::Value, E> {
        self.report(Probed::Number(v as f64));
        let built = self.context.builder.integer(v);
        self.context.host(built)
    }

    fn visit_u64<E: de::Error>(mut self, v: u64) -> Result<B::Value, E> {
        self.report(Probed::Number(v as f64));
        let built = match i64::try_from(v) {
            Ok(small) => self.context.builder.integer(small),
            Err(_) => self.context.builder.unsigned(v),
        };
        self.context.host(built)
    }

    fn visit_f64<E: de::Error>(mut self, v: f64) -> Result<B::Value, E> {
        let index = self.context.floats_seen;
        self.context.floats_seen += 1;
        if !v.is_finite() {
            return Err(E::custom("number out of range"));
        }
        self.report(Probed::Number(v));
        // Only an integral value of at least 2^63 can be an integer literal that
        // serde_json could not hold in 64 bits.
        if v.fract() == 0.0 && v.abs() >= 9.2e18 {
            if let Some(digits) = self.context.wide_integer(index).map(str::to_owned) {
                let built = self.context.builder.big_integer(&digits);
                return self.context.host(built);
            }
        }
        let built = self.context.builder.float(v);
        self.context.host(built)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<B::Value, E> {
        self.string(v)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<B::Value, E> {
        self.string(v)
    }

    fn visit_unit<E: de::Error>(mut self) -> Result<B::Value, E> {
        self.report(Probed::Other);
        let built = self.context.builder.null();
        self.context.host(built)
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<B::Value, A::Error> {
        self.report(Probed::Other);
        let depth = self.inner::<A::Error>()?;
        let started = self.context.builder.array();
        let mut array = self.context.host(started)?;
        while let Some(item) = seq.next_element_seed(Seed {
            context: &mut *self.context,
            depth,
            slot: None,
        })? {
            let added = self.context.builder.element(&mut array, item);
            self.context.host(added)?;
        }
        let built = self.context.builder.end_array(array);
        self.context.host(built)
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<B::Value, A::Error> {
        self.report(Probed::Other);
        let depth = self.inner::<A::Error>()?;
        let top = self.depth == 0;
        if top {
            self.context.probe.is_object = true;
        }
        let started = self.context.builder.object();
        let mut object = self.context.host(started)?;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let slot = if top {
                let names = self.context.probe.names;
                names.iter().position(|name| *name == key.as_str())
            } else {
                None
            };
            let value = map.next_value_seed(Seed {
                context: &mut *self.context,
                depth,
                slot,
            })?;
            let added = self
                .context
                .builder
                .member(&mut object, key.as_str(), value);
            if !self.context.host(added)? {
                if top {
                    self.context.duplicate = Some(key.as_str().to_owned());
                }
                return Err(de::Error::custom(format!(
                    "duplicate member {:?}",
                    crate::jwt::algorithm::truncate(key.as_str())
                )));
            }
        }
        let built = self.context.builder.end_object(object);
        self.context.host(built)
    }
}

/// An object key, borrowed from the input when it has no escapes.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(text) => text,
            Key::Owned(text) => text,
        }
    }
}

struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key<'de>, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key::Borrowed(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key::Owned(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
        Ok(Key::Owned(v))
    }
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

/// Writes a binding's values as compact JSON text, byte for byte what `serde_json`
/// writes for the same `Value`, with the nesting limit of the parser. Misuse (a member
/// without a key, an unbalanced end) is the binding's bug and writes invalid JSON that
/// [`JsonWriter::finish`] refuses.
#[derive(Debug, Default)]
pub struct JsonWriter {
    out: Vec<u8>,
    /// Per open container: whether it has an element yet.
    open: Vec<bool>,
    /// After an object key: the next value follows it without a comma.
    after_key: bool,
    /// The spans of the top-level `iat` and `exp`, once written.
    spans: TimeSpans,
    /// A top-level `iat` or `exp` whose value is being written: its index and start.
    pending: Option<(usize, usize)>,
}

impl JsonWriter {
    /// A writer for the claims of a token, with room for those of an editor config
    /// (the most frequent call: about 600 bytes) before it grows.
    pub fn for_claims() -> JsonWriter {
        JsonWriter::with_capacity(1024)
    }

    /// A writer with room for about `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> JsonWriter {
        JsonWriter {
            out: Vec::with_capacity(capacity),
            ..Default::default()
        }
    }

    fn separate(&mut self) {
        if self.after_key {
            self.after_key = false;
            return;
        }
        if let Some(has_element) = self.open.last_mut() {
            if *has_element {
                self.out.push(b',');
            }
            *has_element = true;
        }
    }

    /// Opens an object (`invalid_input` past the nesting limit).
    pub fn begin_object(&mut self) -> crate::Result<()> {
        self.begin(b'{')
    }

    /// Opens an array (`invalid_input` past the nesting limit).
    pub fn begin_array(&mut self) -> crate::Result<()> {
        self.begin(b'[')
    }

    fn begin(&mut self, bracket: u8) -> crate::Result<()> {
        if self.open.len() >= MAX_NESTING {
            return Err(err!(
                InvalidInput,
                "containers are nested deeper than {MAX_NESTING} levels"
            ));
        }
        self.separate();
        self.out.push(bracket);
        self.open.push(false);
        Ok(())
    }

    /// Closes the innermost object.
    pub fn end_object(&mut self) {
        self.open.pop();
        self.out.push(b'}');
        self.value_done();
    }

    /// Closes the innermost array.
    pub fn end_array(&mut self) {
        self.open.pop();
        self.out.push(b']');
        self.value_done();
    }

    /// Writes an object key; its value follows.
    pub fn key(&mut self, key: &str) {
        self.separate();
        write_escaped(&mut self.out, key);
        self.out.push(b':');
        self.after_key = true;
        if self.open.len() == 1 {
            self.pending = SPAN_NAMES
                .iter()
                .position(|name| *name == key)
                .map(|index| (index, self.out.len()));
        }
    }

    /// `null`.
    pub fn null(&mut self) {
        self.separate();
        self.out.extend_from_slice(b"null");
        self.value_done();
    }

    /// `true` or `false`.
    pub fn boolean(&mut self, value: bool) {
        self.separate();
        self.out
            .extend_from_slice(if value { b"true" } else { b"false" });
        self.value_done();
    }

    /// An integer.
    pub fn integer(&mut self, value: i64) {
        self.separate();
        write_number(&mut self.out, &value);
        self.value_done();
    }

    /// A non-negative integer.
    pub fn unsigned(&mut self, value: u64) {
        self.separate();
        write_number(&mut self.out, &value);
        self.value_done();
    }

    /// An integer of any size up to the f64 range (about 1.8e308, as the parser reads)
    /// given as its decimal text (`-` and digits, no leading zero), e.g. a Python int
    /// beyond 64 bits.
    pub fn big_integer(&mut self, digits: &str) -> crate::Result<()> {
        let magnitude = digits.strip_prefix('-').unwrap_or(digits);
        let canonical = !magnitude.is_empty()
            && magnitude.bytes().all(|b| b.is_ascii_digit())
            && (magnitude == "0" || !magnitude.starts_with('0'));
        if !canonical {
            return Err(err!(InvalidInput, "an integer's text is not decimal"));
        }
        if digits.parse::<f64>().map_or(true, f64::is_infinite) {
            // The parser (serde_json) refuses a number beyond the f64 range: a token
            // that carries one would not verify.
            return Err(err!(
                InvalidInput,
                "an int beyond 1.8e308 in magnitude has no JSON form this library reads"
            ));
        }
        self.separate();
        self.out.extend_from_slice(digits.as_bytes());
        self.value_done();
        Ok(())
    }

    /// A finite float, formatted as serde_json formats it (`invalid_input` for NaN or
    /// an infinity, which JSON cannot hold).
    pub fn float(&mut self, value: f64) -> crate::Result<()> {
        if !value.is_finite() {
            return Err(err!(
                InvalidInput,
                "a float is NaN or infinite, which JSON cannot hold"
            ));
        }
        self.separate();
        write_number(&mut self.out, &value);
        self.value_done();
        Ok(())
    }

    /// A string.
    pub fn string(&mut self, value: &str) {
        self.separate();
        write_escaped(&mut self.out, value);
        self.value_done();
    }

    /// How many bytes are written so far.
    pub fn len(&self) -> usize {
        self.out.len()
    }

    /// Whether nothing is written yet.
    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    /// The JSON text, once every container is closed.
    pub fn finish(self) -> crate::Result<String> {
        self.check_finished()?;
        String::from_utf8(self.out).map_err(|_| err!(InvalidInput, "the JSON text is not UTF-8"))
    }

    /// The text of a top-level object and the spans of its members `iat` and `exp`
    /// (for [`crate::jwt::sign::sign_written`], which sets them).
    /// The text is not checked for UTF-8 again: every byte came from a `&str` or is
    /// ASCII punctuation the writer added.
    pub(crate) fn finish_claims(self) -> crate::Result<(Vec<u8>, TimeSpans)> {
        self.check_finished()?;
        if self.out.first() != Some(&b'{') {
            return Err(err!(InvalidInput, "sign: claims must be a JSON object"));
        }
        Ok((self.out, self.spans))
    }

    /// Whether every container is closed and a value was written.
    fn check_finished(&self) -> crate::Result<()> {
        if !self.open.is_empty() || self.after_key || self.out.is_empty() {
            return Err(err!(InvalidInput, "the JSON text is unfinished"));
        }
        Ok(())
    }

    /// After a value: when it was a top-level member named `iat` or `exp`, its span.
    fn value_done(&mut self) {
        if self.open.len() == 1 {
            if let Some((index, start)) = self.pending.take() {
                self.spans[index] = Some((start, self.out.len()));
            }
        }
    }
}

/// The byte spans of the values of a top-level object's `iat` and `exp`.
pub(crate) type TimeSpans = [Option<(usize, usize)>; 2];

/// The members whose spans a [`JsonWriter`] records, in [`TimeSpans`] order.
pub(crate) const SPAN_NAMES: [&str; 2] = ["iat", "exp"];

/// `text` as a JSON string, escaped as serde_json escapes it.
fn write_escaped(out: &mut Vec<u8>, text: &str) {
    // serde_json escapes only control characters, `"` and `\`: text without any (keys,
    // URLs, names) is written as it is.
    if text
        .bytes()
        .all(|byte| byte >= 0x20 && byte != b'"' && byte != b'\\')
    {
        out.reserve(text.len() + 2);
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
        return;
    }
    // serde_json's writer on a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, text);
}

/// A number as serde_json writes it (itoa for integers, ryu for finite floats).
fn write_number<N: serde::Serialize>(out: &mut Vec<u8>, number: &N) {
    // serde_json's writer on a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, number);
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::jwt::encoding::parse_json;

    /// Writes a `Value` with the writer (as a binding writes its own values).
    pub(crate) fn write(value: &Value, writer: &mut JsonWriter) {
        match value {
            Value::Null => writer.null(),
            Value::Bool(b) => writer.boolean(*b),
            Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
                (Some(i), _, _) => writer.integer(i),
                (None, Some(u), _) => writer.unsigned(u),
                (_, _, Some(f)) => writer.float(f).unwrap(),
                _ => unreachable!(),
            },
            Value::String(s) => writer.string(s),
            Value::Array(items) => {
                writer.begin_array().unwrap();
                items.iter().for_each(|item| write(item, writer));
                writer.end_array();
            }
            Value::Object(members) => {
                writer.begin_object().unwrap();
                for (key, item) in members {
                    writer.key(key);
                    write(item, writer);
                }
                writer.end_object();
            }
        }
    }

    #[test]
    fn the_writer_writes_what_serde_json_writes() {
        let text = r#"{"s":"Zo\u00eb \"q\" \\ \n \u0001 / é","n":[0,-1,18446744073709551615,-9223372036854775808,1.5,1e300,5e-324,0.1,-0.0,1.7976931348623157e308],"e":{},"l":[],"t":true,"f":false,"z":null,"deep":[[{"a":[]}]]}"#;
        let value = parse_json(text.as_bytes()).unwrap();
        let mut writer = JsonWriter::default();
        write(&value, &mut writer);
        assert_eq!(
            writer.finish().unwrap(),
            serde_json::to_string(&value).unwrap()
        );
    }

    #[test]
    fn every_duplicate_member_is_found_and_no_other() {
        // Names that share a bit and names that do not; objects below, at and above the
        // 16 members kept on the stack; the duplicate at every position.
        let names: Vec<String> = (0..40)
            .map(|i| ["a", "b", "ab", "ba", "k1", "1k", "exp", "iat"][i % 8].repeat(1 + i / 8))
            .collect();
        for count in [2, 8, 16, 17, 40] {
            let members = &names[..count];
            let object = |names: &[String]| {
                let body: Vec<String> = names.iter().map(|n| format!("{n:?}:1")).collect();
                format!("{{{}}}", body.join(","))
            };
            let parsed = parse_json(object(members).as_bytes()).unwrap();
            assert_eq!(parsed.as_object().unwrap().len(), count);
            for (at, name) in members.iter().enumerate() {
                for again in [at + 1, count] {
                    let mut twice = members.to_vec();
                    twice.insert(again, name.clone());
                    let error = parse_json(object(&twice).as_bytes()).unwrap_err();
                    assert!(
                        error.contains("duplicate"),
                        "{count} {at} {again}: {error:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_character_is_escaped_as_serde_json_escapes_it() {
        let mut texts: Vec<String> = (0_u8..=0x7f).map(|b| char::from(b).to_string()).collect();
        texts.extend(
            [
                "\u{80}",
                "\u{2028}",
                "\u{fffd}",
                "\u{ffff}",
                "\u{1f600}",
                "",
            ]
            .map(String::from),
        );
        for text in texts.clone() {
            texts.push(format!("key-{text}-value"));
        }
        for text in &texts {
            let mut writer = JsonWriter::default();
            writer.begin_object().unwrap();
            writer.key(text);
            writer.string(text);
            writer.end_object();
            let mut expected = Map::new();
            expected.insert(text.clone(), Value::String(text.clone()));
            assert_eq!(
                writer.finish().unwrap(),
                serde_json::to_string(&expected).unwrap(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn the_writer_keeps_the_nesting_limit_and_number_rules() {
        let mut writer = JsonWriter::default();
        for _ in 0..MAX_NESTING {
            writer.begin_array().unwrap();
        }
        assert!(writer.begin_object().is_err());
        assert!(JsonWriter::default().float(f64::NAN).is_err());
        assert!(JsonWriter::default().float(f64::INFINITY).is_err());
        let huge = format!("1{}", "0".repeat(400));
        for bad in ["", "-", "01", "1.5", "1e3", "+1", "12a", huge.as_str()] {
            assert!(JsonWriter::default().big_integer(bad).is_err(), "{bad}");
        }
        let mut writer = JsonWriter::default();
        writer.begin_array().unwrap();
        writer.big_integer("-1180591620717411303424").unwrap();
        writer.big_integer("0").unwrap();
        writer.end_array();
        assert_eq!(writer.finish().unwrap(), "[-1180591620717411303424,0]");
        let mut unfinished = JsonWriter::default();
        unfinished.begin_object().unwrap();
        assert!(unfinished.finish().is_err());
    }

    /// Records what the parser asks for, as text, to see integers beyond 64 bits.
    struct Texts;

    impl Build for Texts {
        type Value = String;
        type Object = Vec<String>;
        type Array = Vec<String>;
        type Error = ();

        fn null(&mut self) -> Result<String, ()> {
            Ok("null".into())
        }
        fn boolean(&mut self, v: bool) -> Result<String, ()> {
            Ok(v.to_string())
        }
        fn integer(&mut self, v: i64) -> Result<String, ()> {
            Ok(format!("i{v}"))
        }
        fn unsigned(&mut self, v: u64) -> Result<String, ()> {
            Ok(format!("u{v}"))
        }
        fn float(&mut self, v: f64) -> Result<String, ()> {
            Ok(format!("f{v:e}"))
        }
        fn big_integer(&mut self, digits: &str) -> Result<String, ()> {
            Ok(format!("b{digits}"))
        }
        fn string(&mut self, v: &str) -> Result<String, ()> {
            if v == "fail" {
                return Err(());
            }
            Ok(format!("s{v}"))
        }
        fn object(&mut self) -> Result<Vec<String>, ()> {
            Ok(Vec::new())
        }
        fn member(&mut self, o: &mut Vec<String>, k: &str, v: String) -> Result<bool, ()> {
            if o.iter().any(|m| m.starts_with(&format!("{k}="))) {
                return Ok(false);
            }
            o.push(format!("{k}={v}"));
            Ok(true)
        }
        fn end_object(&mut self, o: Vec<String>) -> Result<String, ()> {
            Ok(format!("{{{}}}", o.join(",")))
        }
        fn array(&mut self) -> Result<Vec<String>, ()> {
            Ok(Vec::new())
        }
        fn element(&mut self, a: &mut Vec<String>, v: String) -> Result<(), ()> {
            a.push(v);
            Ok(())
        }
        fn end_array(&mut self, a: Vec<String>) -> Result<String, ()> {
            Ok(format!("[{}]", a.join(",")))
        }
    }

    #[test]
    fn integers_beyond_64_bits_reach_the_builder_as_their_text() {
        let text = br#"{"a":[1.5,-0,"x\"1e99999999999999999999",18446744073709551616,-9223372036854775809,1e19,123456789012345678901234567890,18446744073709551615,-9223372036854775808,2.5e20]}"#;
        let built = parse_with(text, &mut Texts, &mut Probe::new(&[])).unwrap();
        assert_eq!(
            built,
            "{a=[f1.5e0,f-0e0,sx\"1e99999999999999999999,b18446744073709551616,b-9223372036854775809,f1e19,b123456789012345678901234567890,u18446744073709551615,i-9223372036854775808,f2.5e20]}"
        );
    }

    #[test]
    fn the_parser_keeps_its_rules_and_passes_host_failures_through() {
        assert!(matches!(
            parse_with(br#"{"a":1,"a":2}"#, &mut Texts, &mut Probe::new(&[])),
            Err(ParseError::Duplicate { member, message })
                if member == "a" && message.contains("duplicate member \"a\"")
        ));
        assert!(matches!(
            parse_with(br#"{"o":{"a":1,"a":2}}"#, &mut Texts, &mut Probe::new(&[])),
            Err(ParseError::Json(message)) if message.contains("duplicate")
        ));
        assert!(matches!(
            parse_with(br#"{"a":["fail"]}"#, &mut Texts, &mut Probe::new(&[])),
            Err(ParseError::Host(()))
        ));
        let deep = format!("{}1{}", "[".repeat(129), "]".repeat(129));
        assert!(parse_with(deep.as_bytes(), &mut Texts, &mut Probe::new(&[])).is_err());
        let ok = format!("{}1{}", "[".repeat(128), "]".repeat(128));
        assert!(parse_with(ok.as_bytes(), &mut Texts, &mut Probe::new(&[])).is_ok());
        let names = ["exp", "sub"];
        let mut probe = Probe::new(&names);
        parse_with(
            br#"{"x":{"exp":"inner"},"exp":1.5,"sub":[]}"#,
            &mut Texts,
            &mut probe,
        )
        .unwrap();
        assert!(probe.is_object());
        assert_eq!(probe.get("exp"), Some(Probed::Number(1.5)));
        assert_eq!(probe.get("sub"), Some(Probed::Other));
        let mut probe = Probe::new(&names);
        parse_with(b"[1]", &mut Texts, &mut probe).unwrap();
        assert!(!probe.is_object());
        assert_eq!(probe.get("exp"), None);
        // More names than are kept inline: every one is still seen.
        let many: Vec<String> = (0..12).map(|i| format!("c{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let mut probe = Probe::new(&many);
        parse_with(
            br#"{"c0":1,"c9":"x","c11":2,"d":3}"#,
            &mut Texts,
            &mut probe,
        )
        .unwrap();
        assert_eq!(probe.get("c0"), Some(Probed::Number(1.0)));
        assert_eq!(probe.get("c9"), Some(Probed::Other));
        assert_eq!(probe.get("c11"), Some(Probed::Number(2.0)));
        assert_eq!(probe.get("c8"), None);
        assert_eq!(probe.get("d"), None);
    }
}
