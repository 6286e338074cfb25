//! Reading a host's values: the trait a binding's reader drives ([`Sink`]) and its two
//! sinks, JSON text ([`JsonWriter`]) and the core's own `Value` ([`ValueSink`]).

use serde_json::{Map, Number, Value};

use crate::error::err;
use crate::jwt::encoding::MAX_NESTING;
use crate::jwt::sign::{TimeSpans, SPAN_NAMES};

/// Where a binding's reader puts the values it reads from its host, in document order:
/// a container is opened, its members (a key, then the value) or elements follow, and
/// it is closed. Both sinks keep the nesting limit and the number rules; misuse (a
/// member without a key, an unbalanced end) is the reader's bug, refused when the sink
/// is finished.
pub trait Sink {
    /// Opens an object (`invalid_input` past the nesting limit).
    fn begin_object(&mut self) -> crate::Result<()>;
    /// Opens an array (`invalid_input` past the nesting limit).
    fn begin_array(&mut self) -> crate::Result<()>;
    /// Closes the innermost object.
    fn end_object(&mut self);
    /// Closes the innermost array.
    fn end_array(&mut self);
    /// An object member's key; its value follows.
    fn key(&mut self, key: &str);
    /// `null`.
    fn null(&mut self);
    /// `true` or `false`.
    fn boolean(&mut self, value: bool);
    /// An integer.
    fn integer(&mut self, value: i64);
    /// A non-negative integer.
    fn unsigned(&mut self, value: u64);
    /// An integer of any size up to the f64 range (about 1.8e308, as the parser reads)
    /// given as its decimal text (`-` and digits, no leading zero), e.g. a Python int
    /// beyond 64 bits.
    fn big_integer(&mut self, digits: &str) -> crate::Result<()>;
    /// A finite float (`invalid_input` for NaN or an infinity, which JSON cannot hold).
    fn float(&mut self, value: f64) -> crate::Result<()>;
    /// A string.
    fn string(&mut self, value: &str);
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

impl Sink for JsonWriter {
    fn begin_object(&mut self) -> crate::Result<()> {
        self.begin(b'{')
    }

    fn begin_array(&mut self) -> crate::Result<()> {
        self.begin(b'[')
    }

    fn end_object(&mut self) {
        self.open.pop();
        self.out.push(b'}');
        self.value_done();
    }

    fn end_array(&mut self) {
        self.open.pop();
        self.out.push(b']');
        self.value_done();
    }

    fn key(&mut self, key: &str) {
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

    fn null(&mut self) {
        self.separate();
        self.out.extend_from_slice(b"null");
        self.value_done();
    }

    fn boolean(&mut self, value: bool) {
        self.separate();
        self.out
            .extend_from_slice(if value { b"true" } else { b"false" });
        self.value_done();
    }

    fn integer(&mut self, value: i64) {
        self.separate();
        write_number(&mut self.out, &value);
        self.value_done();
    }

    fn unsigned(&mut self, value: u64) {
        self.separate();
        write_number(&mut self.out, &value);
        self.value_done();
    }

    fn big_integer(&mut self, digits: &str) -> crate::Result<()> {
        check_digits(digits)?;
        self.separate();
        self.out.extend_from_slice(digits.as_bytes());
        self.value_done();
        Ok(())
    }

    fn float(&mut self, value: f64) -> crate::Result<()> {
        check_finite(value)?;
        self.separate();
        write_number(&mut self.out, &value);
        self.value_done();
        Ok(())
    }

    fn string(&mut self, value: &str) {
        self.separate();
        write_escaped(&mut self.out, value);
        self.value_done();
    }
}

/// Builds the core's own [`Value`] from what a binding's reader reads (an argument the
/// core takes as a value: an editor config, a request body, a document key's parts).
/// An integer beyond 64 bits is refused: `Value` could hold only its nearest float,
/// which is another number. An object given the same key twice is refused too.
#[derive(Debug, Default)]
pub struct ValueSink {
    /// The open containers, innermost last.
    open: Vec<Open>,
    /// The finished top-level value.
    done: Option<Value>,
    /// About how many bytes the value's JSON text takes.
    size: usize,
    /// The first misuse or refusal, reported by [`ValueSink::finish`].
    fault: Option<crate::Error>,
}

/// A container a [`ValueSink`] is filling.
#[derive(Debug)]
enum Open {
    Array(Vec<Value>),
    /// The members so far and the key of the member whose value comes next.
    Object(Map<String, Value>, Option<String>),
}

impl ValueSink {
    /// About how many bytes the JSON text of what was read takes (every value counts
    /// eight, a string or key its length besides).
    pub fn len(&self) -> usize {
        self.size
    }

    /// Whether nothing was read yet.
    pub fn is_empty(&self) -> bool {
        self.size == 0
    }

    /// The value, once every container is closed.
    pub fn finish(self) -> crate::Result<Value> {
        if let Some(fault) = self.fault {
            return Err(fault);
        }
        match self.done {
            Some(value) if self.open.is_empty() => Ok(value),
            _ => Err(err!(InvalidInput, "the JSON value is unfinished")),
        }
    }

    /// Puts a finished value in the innermost container, or makes it the result.
    fn put(&mut self, value: Value) {
        self.size += 8;
        match self.open.last_mut() {
            None if self.done.is_none() => self.done = Some(value),
            None => self.fail(err!(InvalidInput, "the JSON text has two values")),
            Some(Open::Array(items)) => items.push(value),
            Some(Open::Object(members, key)) => match key.take() {
                Some(key) => {
                    if let Some(name) = insert_once(members, key, value) {
                        self.fail(err!(
                            InvalidInput,
                            "an object has the member {:?} twice",
                            name.chars().take(32).collect::<String>()
                        ));
                    }
                }
                None => self.fail(err!(InvalidInput, "an object member has no key")),
            },
        }
    }

    /// Keeps the first fault.
    fn fail(&mut self, fault: crate::Error) {
        self.fault.get_or_insert(fault);
    }

    fn begin(&mut self, container: Open) -> crate::Result<()> {
        if self.open.len() >= MAX_NESTING {
            return Err(err!(
                InvalidInput,
                "containers are nested deeper than {MAX_NESTING} levels"
            ));
        }
        self.open.push(container);
        Ok(())
    }
}

/// Inserts a member; the key back when the object has it already (nothing changed).
fn insert_once(members: &mut Map<String, Value>, key: String, value: Value) -> Option<String> {
    match members.entry(key) {
        serde_json::map::Entry::Vacant(slot) => {
            slot.insert(value);
            None
        }
        serde_json::map::Entry::Occupied(slot) => Some(slot.key().clone()),
    }
}

impl Sink for ValueSink {
    fn begin_object(&mut self) -> crate::Result<()> {
        self.begin(Open::Object(Map::new(), None))
    }

    fn begin_array(&mut self) -> crate::Result<()> {
        self.begin(Open::Array(Vec::new()))
    }

    fn end_object(&mut self) {
        match self.open.pop() {
            Some(Open::Object(members, None)) => self.put(Value::Object(members)),
            _ => self.fail(err!(InvalidInput, "an object was closed out of turn")),
        }
    }

    fn end_array(&mut self) {
        match self.open.pop() {
            Some(Open::Array(items)) => self.put(Value::Array(items)),
            _ => self.fail(err!(InvalidInput, "an array was closed out of turn")),
        }
    }

    fn key(&mut self, name: &str) {
        self.size += name.len();
        match self.open.last_mut() {
            Some(Open::Object(_, key @ None)) => *key = Some(name.to_owned()),
            _ => self.fail(err!(InvalidInput, "a key outside an object")),
        }
    }

    fn null(&mut self) {
        self.put(Value::Null);
    }

    fn boolean(&mut self, value: bool) {
        self.put(Value::Bool(value));
    }

    fn integer(&mut self, value: i64) {
        self.put(Value::from(value));
    }

    fn unsigned(&mut self, value: u64) {
        self.put(Value::from(value));
    }

    fn big_integer(&mut self, digits: &str) -> crate::Result<()> {
        check_digits(digits)?;
        Err(err!(
            InvalidInput,
            "an integer is outside the 64-bit range of JSON numbers"
        ))
    }

    fn float(&mut self, value: f64) -> crate::Result<()> {
        check_finite(value)?;
        self.put(Number::from_f64(value).map_or(Value::Null, Value::Number));
        Ok(())
    }

    fn string(&mut self, value: &str) {
        self.size += value.len();
        self.put(Value::String(value.to_owned()));
    }
}

/// Whether `digits` is an integer's canonical decimal text within the f64 range.
fn check_digits(digits: &str) -> crate::Result<()> {
    let magnitude = digits.strip_prefix('-').unwrap_or(digits);
    let canonical = !magnitude.is_empty()
        && magnitude.bytes().all(|b| b.is_ascii_digit())
        && (magnitude == "0" || !magnitude.starts_with('0'));
    if !canonical {
        return Err(err!(InvalidInput, "an integer's text is not decimal"));
    }
    if digits.parse::<f64>().map_or(true, f64::is_infinite) {
        // The parser (serde_json) refuses a number beyond the f64 range: a token that
        // carries one would not verify.
        return Err(err!(
            InvalidInput,
            "an int beyond 1.8e308 in magnitude has no JSON form this library reads"
        ));
    }
    Ok(())
}

/// Whether a float has a JSON form (it is neither NaN nor infinite).
fn check_finite(value: f64) -> crate::Result<()> {
    if !value.is_finite() {
        return Err(err!(
            InvalidInput,
            "a float is NaN or infinite, which JSON cannot hold"
        ));
    }
    Ok(())
}

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
