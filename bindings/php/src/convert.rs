//! PHP values ↔ JSON values, decided once for every function of the extension.
//!
//! PHP → JSON: `null`, booleans, integers and strings map to themselves (strings must
//! be UTF-8), a finite float to a JSON number; an array whose keys are exactly
//! `0..n-1` in order (including the empty array) to a JSON array, any other array or a
//! `stdClass` object to a JSON object (integer keys written in decimal). Anything else
//! (another object class, a resource, NaN or infinity, invalid UTF-8, nesting deeper
//! than the core's [`MAX_NESTING`], which also stops self-referencing arrays) is
//! `invalid_input`. The conversion recurses once per level: bounded by that limit, it
//! fits a PHP fiber's stack (tested with 512 KiB).
//! Whether an empty array given as claims, config or body means an empty object is
//! decided by the core (`json_api`), not here.
//!
//! JSON → PHP: a JSON array becomes a list, a JSON object an associative array (keys
//! that are canonical decimal integers become integer keys, as with
//! `json_decode($text, true)`), an integer beyond PHP's range a float.

use ext_php_rs::boxed::ZBox;
use ext_php_rs::convert::IntoZval;
use ext_php_rs::ffi::zend_std_get_properties;
use ext_php_rs::flags::DataType;
use ext_php_rs::types::{ArrayKey, ZendHashTable, ZendObject, Zval};
use ext_php_rs::zend::ce;
use std::borrow::Cow;

use onlyoffice_jwt::internal::json::{build_value, Build, Sink, ValueSink};
use onlyoffice_jwt::internal::json_api::{OptionValue, Options};
use onlyoffice_jwt::internal::table::Op;
use onlyoffice_jwt::jwt::MAX_NESTING;
use onlyoffice_jwt::{Error, ErrorKind, Result, Secret};
use serde_json::Value;

use crate::collector::Paused;
use crate::memory;
use crate::table::{entries, is_list, Key};

/// Strings from this length on are checked against `memory_limit` before their copy.
pub const LARGE_STRING: usize = 64 * 1024;

/// Array and object entries converted between two checks against `memory_limit`.
const MEMORY_CHECK_EVERY: usize = 1024;

/// The Rust heap an array or object entry takes besides its key and text: the value,
/// its slot in the list or map, and the key's string header.
const ENTRY_BYTES: usize = 2 * std::mem::size_of::<Value>() + std::mem::size_of::<String>();

fn invalid(message: String) -> Error {
    Error::new(ErrorKind::InvalidInput, message)
}

/// A PHP value as the core's `Value`; `what` names the argument in error messages.
pub fn to_json(paused: &Paused, zval: &Zval, what: &str) -> Result<Value> {
    let mut sink = ValueSink::default();
    write_json(paused, zval, what, &mut sink)?;
    sink.finish()
        .map_err(|error| invalid(format!("{what}: {}", error.message())))
}

/// One conversion from PHP: what is converted, how many entries so far, and an
/// estimate of the bytes the JSON value takes on the Rust heap.
struct Walk<'w> {
    what: &'w str,
    entries: usize,
    bytes: usize,
}

impl<'w> Walk<'w> {
    /// A conversion of the argument `what` that has converted nothing yet.
    fn new(what: &'w str) -> Self {
        Walk {
            what,
            entries: 0,
            bytes: 0,
        }
    }

    /// Counts one array or object entry (its key and value slots); every
    /// [`MEMORY_CHECK_EVERY`] entries, checks the estimate against `memory_limit`.
    fn entry(&mut self, key: usize) -> Result<()> {
        self.entries += 1;
        self.bytes = self.bytes.saturating_add(ENTRY_BYTES + key);
        if self.entries.is_multiple_of(MEMORY_CHECK_EVERY) {
            memory::check(self.what, self.bytes)?;
        }
        Ok(())
    }

    /// Counts a string's bytes; a large one is checked before its copy is made.
    fn string(&mut self, len: usize) -> Result<()> {
        self.bytes = self.bytes.saturating_add(len);
        if len >= LARGE_STRING {
            memory::check(self.what, self.bytes)?;
        }
        Ok(())
    }
}

fn deeper(what: &str, depth: usize) -> Result<usize> {
    if depth >= MAX_NESTING {
        return Err(invalid(format!(
            "{what}: nested deeper than {MAX_NESTING} levels (or refers to itself)"
        )));
    }
    Ok(depth + 1)
}

/// Which entries of a table become JSON members.
#[derive(Clone, Copy, PartialEq)]
enum Members {
    /// Every entry (a PHP array).
    All,
    /// Entries whose key does not start with NUL (an object's public properties).
    Public,
}

fn utf8<'z>(zval: &'z Zval, what: &str) -> Result<&'z str> {
    zval.str()
        .ok_or_else(|| invalid(format!("{what} must be valid UTF-8 text")))
}

/// A required string argument (UTF-8), borrowed for as long as the collector is held
/// off.
pub fn string_arg<'z>(_: &'z Paused, zval: &'z Zval, what: &str) -> Result<&'z str> {
    string_value(zval, what)
}

fn string_value<'z>(zval: &'z Zval, what: &str) -> Result<&'z str> {
    let zval = zval.dereference();
    if !zval.is_string() {
        return Err(invalid(format!("{what} must be a string")));
    }
    utf8(zval, what)
}

/// An optional string argument: `null` or absent is `None`.
pub fn optional_string_arg<'z>(
    _: &'z Paused,
    zval: Option<&'z Zval>,
    what: &str,
) -> Result<Option<&'z str>> {
    match zval.map(Zval::dereference) {
        None => Ok(None),
        Some(z) if z.is_null() => Ok(None),
        Some(z) => string_value(z, what).map(Some),
    }
}

/// A byte-string argument (any bytes), borrowed for as long as the collector is held
/// off.
pub fn bytes_arg<'z>(_: &'z Paused, zval: &'z Zval, what: &str) -> Result<&'z [u8]> {
    zval.dereference()
        .zend_str()
        .map(|s| s.as_bytes())
        .ok_or_else(|| invalid(format!("{what} must be a string")))
}

/// The options array (or `stdClass`) of `operation` read straight into the core's
/// [`Options`], with no JSON tree (absent, `null` or `[]`: no options), and the value
/// of `own`, a boolean option this binding handles itself (absent or null: false).
/// Option strings stay borrowed for as long as the collector is held off.
pub fn host_options<'z>(
    _: &'z Paused,
    op: Op,
    zval: Option<&'z Zval>,
    own: Option<&str>,
) -> Result<(Options<'z>, bool)> {
    let not_an_object = || invalid(format!("{}: options must be an object", op.name()));
    let mut entries = Vec::new();
    let mut own_value = false;
    match zval.map(Zval::dereference).filter(|z| !z.is_null()) {
        None => {}
        Some(zval) if zval.object().is_some() => {
            let object = zval.object().ok_or_else(not_an_object)?;
            if let Some(table) = public_properties(object, "options")? {
                own_value = option_entries(table, own, &mut entries)?;
            }
        }
        Some(zval) => {
            let table = zval
                .array()
                .filter(|table| table.is_empty() || !is_list(table))
                .ok_or_else(not_an_object)?;
            own_value = option_entries(table, own, &mut entries)?;
        }
    }
    Ok((Options::from_host(op, entries)?, own_value))
}

/// Reads the entries of an options table into `read`, but for `own`, whose value
/// it returns.
fn option_entries<'t>(
    table: &'t ZendHashTable,
    own: Option<&str>,
    read: &mut Vec<(Cow<'t, str>, OptionValue<'t>)>,
) -> Result<bool> {
    let mut own_value = false;
    read.reserve(table.nNumOfElements as usize);
    for (key, value) in entries(table) {
        let name = match key {
            Key::Index(index) => Cow::Owned(index.to_string()),
            Key::Name(name) => Cow::Borrowed(
                std::str::from_utf8(name)
                    .map_err(|_| invalid("an option name must be valid UTF-8 text".to_owned()))?,
            ),
        };
        let value = option_value(value.dereference())?;
        if Some(&*name) == own {
            own_value = match value {
                OptionValue::Null => false,
                OptionValue::Bool(flag) => flag,
                _ => return Err(invalid(format!("option {name} must be true or false"))),
            };
            continue;
        }
        read.push((name, value));
    }
    Ok(own_value)
}

/// One option's value as the core reads options.
fn option_value(zval: &Zval) -> Result<OptionValue<'_>> {
    Ok(if zval.is_null() {
        OptionValue::Null
    } else if let Some(flag) = zval.bool() {
        OptionValue::Bool(flag)
    } else if let Some(number) = zval.long() {
        OptionValue::Int(i128::from(number))
    } else if zval.is_string() {
        OptionValue::Str(Cow::Borrowed(utf8(zval, "options")?))
    } else if let Some(table) = zval.array().filter(|table| is_list(table)) {
        let mut items = Vec::with_capacity(table.len());
        for (_, item) in entries(table) {
            let item = item.dereference();
            items.push(if item.is_string() {
                Some(Cow::Borrowed(utf8(item, "options")?))
            } else {
                None
            });
        }
        OptionValue::List(items)
    } else {
        OptionValue::Other
    })
}

/// One secret (a string of bytes) or a list of them (the first signs, all verify),
/// copied into the core's zeroized secrets.
pub fn secrets_arg(_: &Paused, zval: &Zval) -> Result<Vec<Secret>> {
    let zval = zval.dereference();
    if let Some(bytes) = zval.zend_str() {
        return Ok(vec![Secret::new(bytes.as_bytes())]);
    }
    let not_a_list = || invalid("secret must be a string or a list of strings".to_owned());
    let table = zval.array().ok_or_else(not_a_list)?;
    let mut secrets = Vec::with_capacity(table.len());
    for (key, item) in entries(table) {
        if key.index().and_then(|index| usize::try_from(index).ok()) != Some(secrets.len()) {
            return Err(not_a_list());
        }
        let bytes = item
            .dereference()
            .zend_str()
            .ok_or_else(|| invalid("every secret in the list must be a string".to_owned()))?;
        secrets.push(Secret::new(bytes.as_bytes()));
    }
    Ok(secrets)
}

/// A JSON value the core returned as a PHP value (arrays, as `json_decode($json, true)`).
pub fn to_php(value: &Value) -> Result<Zval> {
    build_value(value, &mut PhpBuilder { objects: false })
}

fn push(table: &mut ZBox<ZendHashTable>, value: Zval) {
    // Appending a Zval to a fresh table cannot fail: the only error is a failed
    // conversion, and a Zval needs none.
    let _ = table.push(value);
}

fn insert(table: &mut ZBox<ZendHashTable>, key: &str, value: Zval) {
    // As for `push`: inserting a Zval cannot fail.
    let _ = table.insert(ArrayKey::from(key), value);
}

/// Whether a value is one [`write_json`] writes as a JSON object: an array that is not
/// a list (so not empty either), or an object.
pub fn is_object_like(zval: &Zval) -> bool {
    let zval = zval.dereference();
    zval.object().is_some() || zval.array().is_some_and(|table| !is_list(table))
}

/// Reads a PHP value into a sink of the core (JSON text with no `Value` tree, or a
/// `Value`), as `json_encode` maps it: lists as arrays, other arrays and `stdClass`
/// objects as objects. `what` names the argument in error messages.
pub fn write_json<S: Sink>(_: &Paused, zval: &Zval, what: &str, writer: &mut S) -> Result<()> {
    write_at(zval, &mut Walk::new(what), 0, writer)
}

fn write_at<S: Sink>(zval: &Zval, walk: &mut Walk, depth: usize, writer: &mut S) -> Result<()> {
    let what = walk.what;
    let zval = zval.dereference();
    if let Some(b) = zval.bool() {
        writer.boolean(b);
    } else if let Some(i) = zval.long() {
        writer.integer(i);
    } else if let Some(f) = zval.double() {
        writer.float(f).map_err(|_| {
            invalid(format!(
                "{what}: a float that is NaN or infinite has no JSON form"
            ))
        })?;
    } else if zval.is_string() {
        let text = utf8(zval, what)?;
        walk.string(text.len())?;
        writer.string(text);
    } else if let Some(table) = zval.array() {
        write_table(table, Members::All, walk, depth, writer)?;
    } else if let Some(object) = zval.object() {
        match public_properties(object, what)? {
            Some(table) => write_table(table, Members::Public, walk, depth, writer)?,
            None => {
                deeper(what, depth)?;
                writer.begin_object().map_err(|_| {
                    invalid(format!("{what}: nested deeper than {MAX_NESTING} levels"))
                })?;
                writer.end_object();
            }
        }
    } else if zval.is_null() || zval.get_type() == DataType::Undef {
        writer.null();
    } else {
        return Err(invalid(format!(
            "{what}: a PHP {:?} value has no JSON form",
            zval.get_type()
        )));
    }
    Ok(())
}

fn write_table<S: Sink>(
    table: &ZendHashTable,
    members: Members,
    walk: &mut Walk,
    depth: usize,
    writer: &mut S,
) -> Result<()> {
    let what = walk.what;
    let depth = deeper(what, depth)?;
    let nested = |_| invalid(format!("{what}: nested deeper than {MAX_NESTING} levels"));
    if members == Members::All && is_list(table) {
        writer.begin_array().map_err(nested)?;
        for (_, value) in entries(table) {
            walk.entry(0)?;
            write_at(value, walk, depth, writer)?;
        }
        writer.end_array();
        return Ok(());
    }
    writer.begin_object().map_err(nested)?;
    for (key, value) in entries(table) {
        let name = key.name();
        walk.entry(name.map_or(0, <[u8]>::len))?;
        if members == Members::Public && name.is_some_and(|name| name.first() == Some(&0)) {
            continue;
        }
        match key.index() {
            Some(index) => writer.key(&index.to_string()),
            None => writer.key(
                std::str::from_utf8(name.unwrap_or_default())
                    .map_err(|_| invalid(format!("{what}: an array key is not valid UTF-8")))?,
            ),
        }
        write_at(value, walk, depth, writer)?;
    }
    writer.end_object();
    Ok(())
}

fn unreadable(what: &str) -> Error {
    invalid(format!("{what}: unreadable object properties"))
}

/// The property table of an object of class stdClass or a subclass of it, read in
/// place (`None`: it has no properties); another class is `invalid_input`. This calls
/// no PHP code (see `collector.rs`): a stdClass keeps its properties in its own table;
/// for a subclass with declared properties, `zend_std_get_properties` builds the table
/// of indirect slots that `get_object_vars` and `json_encode` read.
fn public_properties<'o>(object: &'o ZendObject, what: &str) -> Result<Option<&'o ZendHashTable>> {
    if !object.instance_of(ce::stdclass()) {
        // SAFETY: an object's class entry lives as long as the object, and its name
        // is set when the class is declared.
        let class = unsafe { object.ce.as_ref() }
            .and_then(|class| unsafe { class.name.as_ref() })
            .and_then(|name| name.as_str().ok())
            .unwrap_or_default();
        return Err(invalid(format!(
            "{what}: only arrays and stdClass objects convert to JSON, not {class}"
        )));
    }
    refuse_computed(object, what)?;
    // SAFETY: a live object has its class entry and handlers for as long as it lives.
    let (declared, handlers) = unsafe {
        (
            object
                .ce
                .as_ref()
                .map_or(0, |class| class.default_properties_count),
            object.handlers.as_ref(),
        )
    };
    let properties = if declared == 0 {
        object.properties
    } else {
        let standard = handlers
            .and_then(|handlers| handlers.get_properties)
            .is_some_and(|get| {
                std::ptr::fn_addr_eq(get, zend_std_get_properties as unsafe extern "C" fn(_) -> _)
            });
        if !standard {
            return Err(unreadable(what));
        }
        // SAFETY: the object uses the standard handlers (checked above), whose
        // `get_properties` builds, at most, the table of its declared properties and
        // returns the table the object owns; it runs no PHP code.
        unsafe { zend_std_get_properties(std::ptr::from_ref(object).cast_mut()) }
    };
    // SAFETY: the object owns its property table (or has none) while it lives, and
    // no PHP code runs during the borrow (the caller holds the collector off).
    Ok(unsafe { properties.as_ref() })
}

/// PHP 8.4: objects whose properties PHP code computes are refused — a lazy object
/// (reading it runs its initializer, and a stdClass can be one) and an object of a class
/// with property hooks (`json_encode` calls the hooks; the property table holds only
/// backing values). Either would run PHP code in the middle of the conversion, or sign
/// something else than `json_encode` writes.
#[cfg(php84)]
fn refuse_computed(object: &ZendObject, what: &str) -> Result<()> {
    /// `IS_OBJ_LAZY_UNINITIALIZED | IS_OBJ_LAZY_PROXY` (Zend/zend_types.h, PHP 8.4).
    const LAZY: u32 = (1 << 31) | (1 << 30);
    if object.extra_flags & LAZY != 0 {
        return Err(invalid(format!(
            "{what}: a lazy object converts only after its initializer ran (initialize it first)"
        )));
    }
    // SAFETY: a live object has its class entry for as long as it lives.
    if unsafe { object.ce.as_ref() }.is_some_and(|class| class.num_hooked_props > 0) {
        return Err(invalid(format!(
            "{what}: an object with property hooks does not convert (its values are computed \
             by PHP code): give an array or a stdClass"
        )));
    }
    Ok(())
}

/// Before PHP 8.4 there are neither lazy objects nor property hooks.
#[cfg(not(php84))]
fn refuse_computed(_: &ZendObject, _: &str) -> Result<()> {
    Ok(())
}

/// Builds PHP values straight from the core's strict parser (and, for [`to_php`], from
/// a `Value`): lists, associative arrays (canonical decimal keys as integer keys), and a
/// float for an integer beyond PHP's range. With `objects`, as
/// `json_decode($json, false, 512, JSON_BIGINT_AS_STRING)` does instead: JSON objects
/// as `stdClass`, integers beyond PHP's range as their digits.
pub struct PhpBuilder {
    /// Objects as `stdClass` and big integers as strings (`json_decode`'s object form).
    pub objects: bool,
}

/// A JSON object being built: an associative array, or the properties of an
/// `stdClass`.
pub enum PhpObject {
    /// `json_decode($json, true)`'s form.
    Array(ZBox<ZendHashTable>),
    /// `json_decode($json, false)`'s form: the property table, given to a new
    /// `stdClass` at the end (property names stay strings, `"1"` included).
    Object(ZBox<ZendHashTable>),
}

impl Build for PhpBuilder {
    type Value = Zval;
    type Object = PhpObject;
    type Array = ZBox<ZendHashTable>;
    type Error = Error;

    fn null(&mut self) -> Result<Zval> {
        let mut zval = Zval::new();
        zval.set_null();
        Ok(zval)
    }

    fn boolean(&mut self, value: bool) -> Result<Zval> {
        let mut zval = Zval::new();
        zval.set_bool(value);
        Ok(zval)
    }

    fn integer(&mut self, value: i64) -> Result<Zval> {
        let mut zval = Zval::new();
        zval.set_long(value);
        Ok(zval)
    }

    fn unsigned(&mut self, value: u64) -> Result<Zval> {
        // Beyond PHP's int, as json_decode: a float (or, as objects, the digits).
        if self.objects {
            return self.string(&value.to_string());
        }
        self.float(value as f64)
    }

    fn float(&mut self, value: f64) -> Result<Zval> {
        let mut zval = Zval::new();
        zval.set_double(value);
        Ok(zval)
    }

    fn big_integer(&mut self, digits: &str) -> Result<Zval> {
        if self.objects {
            return self.string(digits);
        }
        self.float(digits.parse::<f64>().unwrap_or(f64::NAN))
    }

    fn string(&mut self, value: &str) -> Result<Zval> {
        let mut zval = Zval::new();
        zval.set_string(value, false)
            .map_err(|_| invalid("a string cannot be made a PHP string".to_owned()))?;
        Ok(zval)
    }

    fn object(&mut self) -> Result<PhpObject> {
        Ok(if self.objects {
            PhpObject::Object(ZendHashTable::new())
        } else {
            PhpObject::Array(ZendHashTable::new())
        })
    }

    fn member(&mut self, object: &mut PhpObject, key: &str, value: Zval) -> Result<bool> {
        // One lookup: a new key grows the table, a duplicate only replaces (and the
        // parser then refuses the whole text).
        match object {
            PhpObject::Array(table) => {
                // The element count itself: `len()` asks the engine (a call), which
                // only differs for symbol tables.
                let before = table.nNumOfElements;
                insert(table, key, value);
                Ok(table.nNumOfElements > before)
            }
            PhpObject::Object(properties) => {
                if key.starts_with('\0') {
                    return Err(invalid(
                        "a member whose name starts with NUL cannot be a property".to_owned(),
                    ));
                }
                let before = properties.nNumOfElements;
                // As for `insert`: inserting a Zval cannot fail.
                let _ = properties.insert(ArrayKey::Str(key), value);
                Ok(properties.nNumOfElements > before)
            }
        }
    }

    fn end_object(&mut self, object: PhpObject) -> Result<Zval> {
        let mut zval = Zval::new();
        match object {
            PhpObject::Array(table) => zval.set_hashtable(table),
            PhpObject::Object(properties) => {
                let mut object = ZendObject::new_stdclass();
                if !object.properties.is_null() {
                    return Err(invalid("a new stdClass already has properties".to_owned()));
                }
                // Ownership: a new stdClass has no property table yet (its class declares
                // none and nothing was written, checked above); the object owns the
                // table from now on and releases it when it is destroyed, as one that
                // `zend_std_write_property` had made.
                object.properties = properties.into_raw();
                object
                    .set_zval(&mut zval, false)
                    .map_err(|_| invalid("an object cannot be returned".to_owned()))?;
            }
        }
        Ok(zval)
    }

    fn array(&mut self) -> Result<Self::Array> {
        Ok(ZendHashTable::new())
    }

    fn element(&mut self, array: &mut Self::Array, value: Zval) -> Result<()> {
        push(array, value);
        Ok(())
    }

    fn end_array(&mut self, array: Self::Array) -> Result<Zval> {
        let mut zval = Zval::new();
        zval.set_hashtable(array);
        Ok(zval)
    }
}
