//! Conversions between Python objects and the core's arguments: JSON values, secrets,
//! text and bytes. Unsupported objects raise `InvalidInputError`; values are never
//! included in messages (they may be secrets).

use std::borrow::Cow;

use onlyoffice_jwt::Secret;
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple,
};
use serde_json::{Map, Number, Value};

use crate::errors::invalid_input;

/// Deepest nesting of Python containers converted to JSON (serde_json's own limit); it
/// also stops containers that contain themselves.
const MAX_DEPTH: usize = 128;

/// A converted argument and the approximate size of its JSON text in bytes.
pub struct Input {
    /// The JSON value.
    pub value: Value,
    /// Approximate JSON size, used to decide whether to release the GIL.
    pub size: usize,
}

/// Converts a Python object (dict, list, tuple, str, int, float, bool, None) to JSON.
pub fn py_to_value(object: &Bound<'_, PyAny>) -> PyResult<Input> {
    let mut size = 0;
    let value = to_value(object, 0, &mut size)?;
    Ok(Input { value, size })
}

/// The keyword arguments as the core's options object (`null` when there are none).
pub fn options_value(options: Option<&Bound<'_, PyDict>>) -> PyResult<Value> {
    match options {
        None => Ok(Value::Null),
        Some(dict) => Ok(py_to_value(dict.as_any())?.value),
    }
}

fn str_of<'a>(text: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    text.to_cow()
        .map_err(|_| invalid_input("a str is not valid Unicode (lone surrogate)"))
}

fn to_value(object: &Bound<'_, PyAny>, depth: usize, size: &mut usize) -> PyResult<Value> {
    *size += 8;
    if object.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(text) = object.cast::<PyString>() {
        let text = str_of(text)?;
        *size += text.len();
        return Ok(Value::String(text.into_owned()));
    }
    if let Ok(flag) = object.cast::<PyBool>() {
        return Ok(Value::Bool(flag.is_true()));
    }
    if object.is_instance_of::<PyInt>() {
        if let Ok(number) = object.extract::<i64>() {
            return Ok(Value::from(number));
        }
        return object
            .extract::<u64>()
            .map(Value::from)
            .map_err(|_| invalid_input("an int is outside the 64-bit range of JSON numbers"));
    }
    if let Ok(number) = object.cast::<PyFloat>() {
        return Number::from_f64(number.value())
            .map(Value::Number)
            .ok_or_else(|| invalid_input("a float is NaN or infinite, which JSON cannot hold"));
    }
    if depth >= MAX_DEPTH {
        return Err(invalid_input(format!(
            "containers are nested deeper than {MAX_DEPTH} levels"
        )));
    }
    if let Ok(dict) = object.cast::<PyDict>() {
        let mut map = Map::with_capacity(dict.len());
        for (key, item) in dict.iter() {
            let key = key
                .cast::<PyString>()
                .map_err(|_| invalid_input("dict keys must be str"))?;
            let key = str_of(key)?;
            *size += key.len();
            map.insert(key.into_owned(), to_value(&item, depth + 1, size)?);
        }
        return Ok(Value::Object(map));
    }
    if let Ok(list) = object.cast::<PyList>() {
        return list
            .iter()
            .map(|item| to_value(&item, depth + 1, size))
            .collect::<PyResult<_>>()
            .map(Value::Array);
    }
    if let Ok(tuple) = object.cast::<PyTuple>() {
        return tuple
            .iter()
            .map(|item| to_value(&item, depth + 1, size))
            .collect::<PyResult<_>>()
            .map(Value::Array);
    }
    Err(invalid_input(format!(
        "cannot convert a {} to JSON (dict, list, tuple, str, int, float, bool or None)",
        object.get_type().name()?
    )))
}

/// Converts a JSON value to Python: objects become dicts (in order), arrays lists.
pub fn value_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(flag) => PyBool::new(py, *flag).to_owned().into_any(),
        Value::Number(number) => {
            if let Some(integer) = number.as_i64() {
                integer.into_pyobject(py)?.into_any()
            } else if let Some(integer) = number.as_u64() {
                integer.into_pyobject(py)?.into_any()
            } else {
                let float = number
                    .as_f64()
                    .ok_or_else(|| invalid_input("a JSON number has no float value"))?;
                PyFloat::new(py, float).into_any()
            }
        }
        Value::String(text) => PyString::new(py, text).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(value_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (key, item) in map {
                dict.set_item(PyString::new(py, key), value_to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
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

/// `options` with `name` set to `value` when one is given (a positional argument of the
/// Python function that the core reads as an option).
pub fn with_option(options: Value, name: &str, value: Option<Value>) -> Value {
    let Some(value) = value else {
        return options;
    };
    let mut map = match options {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    map.insert(name.to_owned(), value);
    Value::Object(map)
}

/// An optional text argument (str or bytes; None when absent) as a JSON string option.
pub fn optional_text(object: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Option<Value>> {
    object
        .filter(|value| !value.is_none())
        .map(|value| Ok(Value::String(text_or_bytes(value, what)?.into_owned())))
        .transpose()
}
