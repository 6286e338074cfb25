//! Conversions between Python objects and the core's arguments: JSON values, secrets,
//! text and bytes. Unsupported objects raise `InvalidInputError`; values are never
//! included in messages (they may be secrets).

use std::borrow::Cow;
use std::sync::{Mutex, MutexGuard, TryLockError};

use onlyoffice_jwt::internal::json::{build_value, Build, Sink, ValueSink};
use onlyoffice_jwt::internal::json_api::{OptionValue, Options};
use onlyoffice_jwt::internal::table::Op;
use onlyoffice_jwt::Secret;
use pyo3::prelude::*;
use pyo3::types::iter::{BoundDictIterator, BoundListIterator, BoundTupleIterator};
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple,
};
use serde_json::Value;

use crate::errors::{core_error, invalid_input};

/// Reads a Python object (dict, list, tuple, str, int, float, bool, None) into the
/// core's `Value`, and about how many bytes its JSON text takes (to decide whether to
/// release the GIL).
pub fn py_to_value(object: &Bound<'_, PyAny>) -> PyResult<(Value, usize)> {
    let mut sink = ValueSink::default();
    write_json(object, &mut sink)?;
    let size = sink.len();
    let value = sink
        .finish()
        .map_err(|error| invalid_input(error.message().to_owned()))?;
    Ok((value, size))
}

/// The options of one call read straight from its keyword arguments, with no JSON
/// tree: the named keyword parameters given (`None` is the default, as in the core),
/// then the other keywords (`rest`: `**options`).
pub fn host_entries<'a>(
    named: &[(&'static str, Option<&'a Bound<'_, PyAny>>)],
    rest: Option<&Bound<'_, PyDict>>,
) -> PyResult<Vec<(Cow<'a, str>, OptionValue<'a>)>> {
    let mut entries = Vec::new();
    for (name, value) in named {
        if let Some(value) = value {
            entries.push((Cow::Borrowed(*name), option_value(value)?));
        }
    }
    for (name, value) in rest.into_iter().flatten() {
        let name = match name.cast::<PyString>() {
            Ok(text) => str_of(text)?.into_owned(),
            Err(_) => return Err(invalid_input("option names must be str")),
        };
        entries.push((Cow::Owned(name), option_value(&value)?.into_owned()));
    }
    Ok(entries)
}

/// The checked options of `operation` (the core's errors as exceptions).
pub fn options_of<'a>(
    py: Python<'_>,
    op: Op,
    entries: Vec<(Cow<'a, str>, OptionValue<'a>)>,
) -> PyResult<Options<'a>> {
    Options::from_host(op, entries).map_err(|error| core_error(py, &error))
}

/// One keyword argument as the core reads options.
fn option_value<'a>(object: &'a Bound<'_, PyAny>) -> PyResult<OptionValue<'a>> {
    Ok(if object.is_none() {
        OptionValue::Null
    } else if let Ok(flag) = object.cast::<PyBool>() {
        OptionValue::Bool(flag.is_true())
    } else if object.is_instance_of::<PyInt>() {
        object
            .extract::<i128>()
            .map_or(OptionValue::Other, OptionValue::Int)
    } else if let Ok(text) = object.cast::<PyString>() {
        OptionValue::Str(str_of(text)?)
    } else if object.is_instance_of::<PyList>() || object.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        for item in object.try_iter()? {
            let item = item?;
            items.push(match item.cast::<PyString>() {
                Ok(text) => Some(Cow::Owned(str_of(text)?.into_owned())),
                Err(_) => None,
            });
        }
        OptionValue::List(items)
    } else {
        OptionValue::Other
    })
}

fn str_of<'a>(text: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    text.to_cow()
        .map_err(|_| invalid_input("a str is not valid Unicode (lone surrogate)"))
}

/// The error for two keys of one dict with the same text.
fn same_text(key: &str) -> PyErr {
    invalid_input(format!(
        "two keys of one dict have the text {:?} (a str subclass whose == or hash differ \
         from str's): a JSON object holds a name once",
        key.chars().take(32).collect::<String>()
    ))
}

/// Checks that no two keys of `dict` have the same text: needed only once a key of a
/// `str` subclass is met (exact `str` keys of a dict are distinct texts).
fn distinct_key_texts(dict: &Bound<'_, PyDict>) -> PyResult<()> {
    let mut seen = std::collections::HashSet::with_capacity(dict.len());
    for (key, _) in dict.iter() {
        let key = key
            .cast::<PyString>()
            .map_err(|_| invalid_input("dict keys must be str"))?;
        let text = str_of(key)?;
        if !seen.insert(text.into_owned()) {
            return Err(same_text(&str_of(key)?));
        }
    }
    Ok(())
}

/// An `int` (or an instance of a subclass) as its decimal digits, read from the value
/// it holds by `int.__repr__`: a subclass's own `__int__`, `__index__`, `__str__` or
/// `__repr__` is never called (it could return another number, or run code that
/// changes what is being converted).
fn int_digits<'py>(object: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyString>> {
    let py = object.py();
    py.get_type::<PyInt>()
        .getattr(pyo3::intern!(py, "__repr__"))?
        .call1((object,))
        .map_err(|_| invalid_input("an int has too many digits to write"))?
        .cast_into::<PyString>()
        .map_err(|_| invalid_input("an int has no decimal digits"))
}

/// A JSON value the core returned as Python objects: objects become dicts (in order),
/// arrays lists.
pub fn value_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    build_value(value, &mut PyBuilder::new(py))
}

fn one_secret(object: &Bound<'_, PyAny>) -> PyResult<Secret> {
    if let Ok(text) = object.cast::<PyString>() {
        return Ok(Secret::new(str_of(text)?.as_bytes()));
    }
    if let Ok(bytes) = object.cast::<PyBytes>() {
        return Ok(Secret::new(bytes.as_bytes()));
    }
    if let Ok(bytes) = object.cast::<PyByteArray>() {
        return Ok(Secret::new(bytes.to_vec()));
    }
    Err(invalid_input(format!(
        "a secret must be str or bytes, not {}",
        object.get_type().name()?
    )))
}

/// One secret (str as UTF-8, bytes, bytearray) or a list/tuple of them, first signing.
pub fn secrets_from_py(object: &Bound<'_, PyAny>) -> PyResult<Vec<Secret>> {
    if let Ok(list) = object.cast::<PyList>() {
        return list.iter().map(|item| one_secret(&item)).collect();
    }
    if let Ok(tuple) = object.cast::<PyTuple>() {
        return tuple.iter().map(|item| one_secret(&item)).collect();
    }
    Ok(vec![one_secret(object)?])
}

/// A text argument given as str or bytes; bytes that are not UTF-8 are `invalid_input`,
/// as in the other bindings.
pub fn text_or_bytes<'a>(object: &'a Bound<'_, PyAny>, what: &str) -> PyResult<Cow<'a, str>> {
    if let Ok(text) = object.cast::<PyString>() {
        return str_of(text);
    }
    if let Ok(bytes) = object.cast::<PyBytes>() {
        // Never replaced: two different byte strings must never become one text (two
        // file ids, one document key).
        return std::str::from_utf8(bytes.as_bytes())
            .map(Cow::Borrowed)
            .map_err(|_| invalid_input(format!("{what} is not UTF-8")));
    }
    Err(invalid_input(format!(
        "{what} must be str or bytes, not {}",
        object.get_type().name()?
    )))
}

/// A bytes argument given as bytes, bytearray or str (its UTF-8).
pub fn bytes_arg<'a>(object: &'a Bound<'_, PyAny>, what: &str) -> PyResult<Cow<'a, [u8]>> {
    if let Ok(bytes) = object.cast::<PyBytes>() {
        return Ok(Cow::Borrowed(bytes.as_bytes()));
    }
    if let Ok(bytes) = object.cast::<PyByteArray>() {
        return Ok(Cow::Owned(bytes.to_vec()));
    }
    if let Ok(text) = object.cast::<PyString>() {
        return Ok(match str_of(text)? {
            Cow::Borrowed(text) => Cow::Borrowed(text.as_bytes()),
            Cow::Owned(text) => Cow::Owned(text.into_bytes()),
        });
    }
    Err(invalid_input(format!(
        "{what} must be bytes or str, not {}",
        object.get_type().name()?
    )))
}

/// The single master secret of `derive_secrets` (str or bytes, not a list).
pub fn single_secret(object: &Bound<'_, PyAny>) -> PyResult<Secret> {
    if object.is_instance_of::<PyList>() || object.is_instance_of::<PyTuple>() {
        return Err(invalid_input(
            "the master secret must be one str or bytes, not a list",
        ));
    }
    one_secret(object)
}

/// An optional text argument (str or bytes; None when absent) as the core's option of
/// that name (a positional argument of the Python function that the core reads as an
/// option).
pub fn text_option<'a>(
    object: Option<&'a Bound<'_, PyAny>>,
    name: &'static str,
) -> PyResult<Option<(Cow<'a, str>, OptionValue<'a>)>> {
    object
        .filter(|value| !value.is_none())
        .map(|value| {
            Ok((
                Cow::Borrowed(name),
                OptionValue::Str(text_or_bytes(value, name)?),
            ))
        })
        .transpose()
}

/// A Python container being written as JSON: its remaining items (a dict's: once a
/// key of a `str` subclass is met, all its keys are checked for distinct texts).
enum Writing<'py> {
    Object {
        dict: Bound<'py, PyDict>,
        entries: BoundDictIterator<'py>,
        checked: bool,
    },
    List(BoundListIterator<'py>),
    Tuple(BoundTupleIterator<'py>),
}

/// Reads a Python object into a sink of the core (JSON text, or a `Value`): dicts
/// (str keys), lists, tuples, str, int (of any size, as far as the sink takes it),
/// float, bool and None. Without recursion (an explicit stack of the open containers,
/// at most [`MAX_NESTING`](onlyoffice_jwt::jwt::MAX_NESTING) deep as the sink keeps
/// them), so that the deepest accepted input is as safe on a thread's 128 KiB stack as
/// any other.
pub fn write_json<S: Sink>(object: &Bound<'_, PyAny>, writer: &mut S) -> PyResult<()> {
    let mut stack: Vec<Writing<'_>> = Vec::new();
    let mut current = Some(object.clone());
    loop {
        if let Some(item) = current.take() {
            if let Some(container) = write_scalar_or_open(&item, writer)? {
                stack.push(container);
            }
        }
        let Some(top) = stack.last_mut() else {
            return Ok(());
        };
        let next = match top {
            Writing::Object {
                dict,
                entries,
                checked,
            } => match entries.next() {
                Some((name, item)) => {
                    let name = name
                        .cast::<PyString>()
                        .map_err(|_| invalid_input("dict keys must be str"))?;
                    if !*checked && !name.is_exact_instance_of::<PyString>() {
                        distinct_key_texts(dict)?;
                        *checked = true;
                    }
                    writer.key(&str_of(name)?);
                    Some(item)
                }
                None => {
                    writer.end_object();
                    None
                }
            },
            Writing::List(items) => items.next().or_else(|| {
                writer.end_array();
                None
            }),
            Writing::Tuple(items) => items.next().or_else(|| {
                writer.end_array();
                None
            }),
        };
        match next {
            Some(item) => current = Some(item),
            None => {
                stack.pop();
            }
        }
    }
}

/// Writes a scalar, or opens a container and returns its items to write.
fn write_scalar_or_open<'py, S: Sink>(
    object: &Bound<'py, PyAny>,
    writer: &mut S,
) -> PyResult<Option<Writing<'py>>> {
    let core = |error: onlyoffice_jwt::Error| invalid_input(error.message().to_owned());
    if object.is_none() {
        writer.null();
    } else if let Ok(text) = object.cast::<PyString>() {
        writer.string(&str_of(text)?);
    } else if let Ok(flag) = object.cast::<PyBool>() {
        writer.boolean(flag.is_true());
    } else if object.is_instance_of::<PyInt>() {
        if let Ok(number) = object.extract::<i64>() {
            writer.integer(number);
        } else if let Ok(number) = object.extract::<u64>() {
            writer.unsigned(number);
        } else {
            writer
                .big_integer(&str_of(&int_digits(object)?)?)
                .map_err(core)?;
        }
    } else if let Ok(number) = object.cast::<PyFloat>() {
        writer.float(number.value()).map_err(core)?;
    } else if let Ok(dict) = object.cast::<PyDict>() {
        writer.begin_object().map_err(core)?;
        return Ok(Some(Writing::Object {
            dict: dict.clone(),
            entries: dict.iter(),
            checked: false,
        }));
    } else if let Ok(list) = object.cast::<PyList>() {
        writer.begin_array().map_err(core)?;
        return Ok(Some(Writing::List(list.iter())));
    } else if let Ok(tuple) = object.cast::<PyTuple>() {
        writer.begin_array().map_err(core)?;
        return Ok(Some(Writing::Tuple(tuple.iter())));
    } else {
        return Err(invalid_input(format!(
            "cannot convert a {} to JSON (dict, list, tuple, str, int, float, bool or None)",
            object.get_type().name()?
        )));
    }
    Ok(None)
}

/// Builds Python objects straight from the core's strict parser: dicts (in order),
/// lists, and ints of any size. Keys come from the module's [`KeyCache`] when it is
/// free: a key that recurs (in one result, a callback's history; across calls, every
/// editor config's `document`, `url`…) is one str object whose hash Python has already
/// computed.
pub struct PyBuilder<'py> {
    py: Python<'py>,
    keys: Option<MutexGuard<'static, KeyCache>>,
}

/// Keys longer than this many bytes are not cached (they rarely recur).
const CACHED_KEY_LEN: usize = 64;

/// Slots of the key cache (a power of two).
const KEY_SLOTS: usize = 1024;

/// The str objects of recently built keys, one per slot, each slot chosen by a hash of
/// the key's bytes: bounded (at most [`KEY_SLOTS`] short strs held), and a key only
/// ever replaces the one in its own slot.
pub struct KeyCache {
    slots: [Option<(Box<str>, Py<PyString>)>; KEY_SLOTS],
}

/// The one key cache of the module. Builders only ever `try_lock` it: a builder that
/// runs while another holds it (a finalizer that verifies, run by the garbage
/// collector during a build; another thread) makes its keys without it.
static KEY_CACHE: Mutex<KeyCache> = Mutex::new(KeyCache {
    slots: [const { None }; KEY_SLOTS],
});

/// FNV-1a of a key's bytes: the slot of the key in the cache.
fn key_slot(key: &[u8]) -> usize {
    let hash = key.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    });
    (hash as usize) & (KEY_SLOTS - 1)
}

impl<'py> PyBuilder<'py> {
    /// A builder of objects of this interpreter.
    pub fn new(py: Python<'py>) -> Self {
        PyBuilder {
            py,
            // Every slot is always a valid key: a panic elsewhere while it was held
            // leaves nothing half-written, so a poisoned cache is used as it is.
            keys: match KEY_CACHE.try_lock() {
                Ok(cache) => Some(cache),
                Err(TryLockError::Poisoned(poisoned)) => Some(poisoned.into_inner()),
                Err(TryLockError::WouldBlock) => None,
            },
        }
    }

    /// The str of a key: the cached one for an equal key if there is one, otherwise a
    /// new one (which then takes the key's slot).
    fn key(&mut self, key: &str) -> Bound<'py, PyString> {
        let Some(cache) = self.keys.as_mut().filter(|_| key.len() <= CACHED_KEY_LEN) else {
            return PyString::new(self.py, key);
        };
        let slot = &mut cache.slots[key_slot(key.as_bytes())];
        if let Some((text, cached)) = slot {
            if **text == *key {
                return cached.bind(self.py).clone();
            }
        }
        let made = PyString::new(self.py, key);
        *slot = Some((key.into(), made.clone().unbind()));
        made
    }
}

impl<'py> Build for PyBuilder<'py> {
    type Value = Bound<'py, PyAny>;
    type Object = Bound<'py, PyDict>;
    type Array = Vec<Bound<'py, PyAny>>;
    type Error = PyErr;

    fn null(&mut self) -> PyResult<Self::Value> {
        Ok(self.py.None().into_bound(self.py))
    }

    fn boolean(&mut self, value: bool) -> PyResult<Self::Value> {
        Ok(PyBool::new(self.py, value).to_owned().into_any())
    }

    fn integer(&mut self, value: i64) -> PyResult<Self::Value> {
        Ok(value.into_pyobject(self.py)?.into_any())
    }

    fn unsigned(&mut self, value: u64) -> PyResult<Self::Value> {
        Ok(value.into_pyobject(self.py)?.into_any())
    }

    fn float(&mut self, value: f64) -> PyResult<Self::Value> {
        Ok(PyFloat::new(self.py, value).into_any())
    }

    fn big_integer(&mut self, digits: &str) -> PyResult<Self::Value> {
        self.py.get_type::<PyInt>().call1((digits,))
    }

    fn string(&mut self, value: &str) -> PyResult<Self::Value> {
        Ok(PyString::new(self.py, value).into_any())
    }

    fn object(&mut self) -> PyResult<Self::Object> {
        Ok(PyDict::new(self.py))
    }

    fn member(
        &mut self,
        object: &mut Self::Object,
        key: &str,
        value: Self::Value,
    ) -> PyResult<bool> {
        // One lookup: a new key grows the dict, a duplicate only replaces (and the
        // parser then refuses the whole text).
        let before = object.len();
        object.set_item(self.key(key), value)?;
        Ok(object.len() > before)
    }

    fn end_object(&mut self, object: Self::Object) -> PyResult<Self::Value> {
        Ok(object.into_any())
    }

    fn array(&mut self) -> PyResult<Self::Array> {
        Ok(Vec::new())
    }

    fn element(&mut self, array: &mut Self::Array, value: Self::Value) -> PyResult<()> {
        array.push(value);
        Ok(())
    }

    fn end_array(&mut self, array: Self::Array) -> PyResult<Self::Value> {
        Ok(PyList::new(self.py, array)?.into_any())
    }
}
