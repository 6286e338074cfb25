//! The strict parser: JSON text into a [`Build`]'s values.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::Build;
use crate::jwt::encoding::MAX_NESTING;

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
