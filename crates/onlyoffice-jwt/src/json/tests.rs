//! The JSON module's own tests.

use serde_json::{Map, Value};

use super::*;
use crate::jwt::encoding::parse_json;
use crate::jwt::MAX_NESTING;

/// Reads a `Value` into a sink (as a binding reads its own values).
pub(crate) fn write<S: Sink>(value: &Value, writer: &mut S) {
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

#[test]
fn a_value_read_into_a_value_sink_or_built_back_is_the_same_value() {
    let text = br#"{"s":"Zo\u00eb","n":[0,-1,18446744073709551615,-9223372036854775808,1.5,-0.0],"e":{},"l":[],"t":true,"z":null,"deep":[[{"a":[{}]}]]}"#;
    let value = parse_json(text).unwrap();
    let mut sink = ValueSink::default();
    write(&value, &mut sink);
    assert!(sink.len() >= 150, "{}", sink.len());
    assert_eq!(sink.finish().unwrap(), value);
    assert_eq!(
        build_value(&value, &mut ValueBuilder::default()).unwrap(),
        value
    );
    assert_eq!(build_value(&Value::Null, &mut Texts).unwrap(), "null");
    assert_eq!(
        build_value(
            &serde_json::json!({"b": [1, "x", {}], "a": 2.5}),
            &mut Texts
        )
        .unwrap(),
        "{b=[i1,sx,{}],a=f2.5e0}"
    );
    assert_eq!(
        build_value(&serde_json::json!(["fail"]), &mut Texts),
        Err(())
    );
}

#[test]
fn a_value_sink_refuses_what_a_value_cannot_hold_and_misuse() {
    let refused = |read: &dyn Fn(&mut ValueSink) -> crate::Result<()>| {
        let mut sink = ValueSink::default();
        match read(&mut sink) {
            Err(error) => error,
            Ok(()) => sink.finish().unwrap_err(),
        }
        .message()
        .to_owned()
    };
    assert!(refused(&|s| s.big_integer("18446744073709551616")).contains("64-bit range"));
    assert!(refused(&|s| s.big_integer("01")).contains("not decimal"));
    assert!(refused(&|s| s.float(f64::NAN)).contains("NaN"));
    let twice = refused(&|s| {
        s.begin_object()?;
        s.key("a");
        s.null();
        s.key("a");
        s.null();
        s.end_object();
        Ok(())
    });
    assert!(twice.contains("the member \"a\" twice"), "{twice}");
    assert!(refused(&|s| {
        s.begin_object()?;
        s.null();
        s.end_object();
        Ok(())
    })
    .contains("no key"));
    assert!(refused(&|s| s.begin_array()).contains("unfinished"));
    assert!(refused(&|s| {
        s.null();
        s.null();
        Ok(())
    })
    .contains("two values"));
    assert!(refused(&|s| {
        for _ in 0..MAX_NESTING {
            s.begin_array()?;
        }
        s.begin_array()
    })
    .contains("nested deeper"));
}
