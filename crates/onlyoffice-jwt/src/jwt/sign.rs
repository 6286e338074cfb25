//! Signing: compact JWS with the Document Server's header, the caller's claim order kept.

use serde_json::{Map, Value};

use crate::error::{err, Result};
use crate::json::JsonWriter;
use crate::jwt::algorithm::Algorithm;
use crate::jwt::clock::now_or_system;
use crate::jwt::encoding::{b64_encode_into, parse_json, to_json};
use crate::jwt::verify::header_algorithm;
use crate::keys::secret::Keyring;

/// A JSON object of claims, in the caller's order.
pub type Claims = Map<String, Value>;

/// Options of [`sign`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignOptions {
    /// The algorithm (default HS256).
    pub alg: Algorithm,
    /// Seconds of validity: sets `exp` = now + ttl when given (0 is refused).
    pub ttl: Option<u64>,
    /// Sets `iat` = now (default true).
    pub iat: bool,
    /// The clock, in seconds since the epoch (default: the system clock).
    pub now: Option<i64>,
}

impl Default for SignOptions {
    fn default() -> SignOptions {
        SignOptions {
            alg: Algorithm::HS256,
            ttl: None,
            iat: true,
            now: None,
        }
    }
}

/// Signs `claims` with the keyring's signing secret.
///
/// The header is `{"alg":"HS256","typ":"JWT"}` (or HS384/HS512); the payload keeps the
/// caller's member order. `iat` and `exp` replace existing members in place or are
/// appended, `iat` first.
pub fn sign(claims: &Claims, keyring: &Keyring, options: &SignOptions) -> Result<String> {
    let added = added_claims(options)?;
    let payload = if added.iter().any(|(name, _)| claims.contains_key(*name)) {
        // Replacing a member in place needs a copy; the common case below does not.
        let mut replaced = claims.clone();
        for (name, value) in added {
            replaced.insert(name.to_owned(), Value::from(value));
        }
        to_json(&Value::Object(replaced))
    } else {
        append_members(claims, &added)
    };
    Ok(sign_payload(payload.as_bytes(), keyring, options.alg))
}

/// The byte spans of the values of a top-level object's `iat` and `exp`, which
/// [`sign_written`] sets in place.
pub(crate) type TimeSpans = [Option<(usize, usize)>; 2];

/// The members whose spans a [`JsonWriter`] records, in [`TimeSpans`] order: the time
/// claims [`sign`] adds.
pub(crate) const SPAN_NAMES: [&str; 2] = ["iat", "exp"];

/// Signs claims a binding wrote itself with a [`JsonWriter`] (a JSON object), as
/// [`sign`] signs the same claims: `iat` and `exp` replace the written members in
/// place or are appended, `iat` first; the token is byte for byte the one [`sign`]
/// gives for the `Value` of those claims.
pub(crate) fn sign_written(
    claims: JsonWriter,
    keyring: &Keyring,
    options: &SignOptions,
) -> Result<String> {
    let added = added_claims(options)?;
    let (mut json, spans) = claims.finish_claims()?;
    let mut appended = Vec::with_capacity(added.len());
    let mut replaced: Vec<((usize, usize), i64)> = Vec::with_capacity(added.len());
    for (name, value) in added {
        let index = SPAN_NAMES.iter().position(|span| *span == name);
        match index.and_then(|index| spans[index]) {
            Some(span) => replaced.push((span, value)),
            None => appended.push((name, value)),
        }
    }
    // From the last span to the first, so that the earlier offsets stay valid.
    replaced.sort_by_key(|(span, _)| std::cmp::Reverse(span.0));
    for ((start, end), value) in replaced {
        json.splice(start..end, value.to_string().into_bytes());
    }
    if !appended.is_empty() {
        json.pop();
        for (name, value) in appended {
            if json.len() > 1 {
                json.push(b',');
            }
            json.push(b'"');
            json.extend_from_slice(name.as_bytes());
            json.extend_from_slice(b"\":");
            // serde_json's integer writer (itoa) on a Vec cannot fail.
            let _ = serde_json::to_writer(&mut json, &value);
        }
        json.push(b'}');
    }
    Ok(sign_payload(&json, keyring, options.alg))
}

/// The members `sign` sets: `iat` = now (with `options.iat`), `exp` = now + ttl.
fn added_claims(options: &SignOptions) -> Result<Vec<(&'static str, i64)>> {
    if !options.iat && options.ttl.is_none() {
        return Ok(Vec::new());
    }
    let now = now_or_system(options.now);
    let mut added: Vec<(&str, i64)> = Vec::with_capacity(2);
    if options.iat {
        added.push(("iat", now));
    }
    if let Some(ttl) = options.ttl {
        if ttl == 0 {
            return Err(zero_ttl());
        }
        let exp = i64::try_from(ttl)
            .ok()
            .and_then(|ttl| now.checked_add(ttl))
            .ok_or_else(|| err!(InvalidInput, "ttl {ttl} is too large"))?;
        added.push(("exp", exp));
    }
    Ok(added)
}

/// The error of a ttl of 0: a token that expires when it is issued is never meant,
/// and "no expiry" is spelt as no ttl. One meaning everywhere (sign, sign_config,
/// sign_request, sign_link).
pub(crate) fn zero_ttl() -> crate::Error {
    err!(
        InvalidInput,
        "ttl 0 is refused: give a ttl of at least 1 second, or none for no exp"
    )
}

/// The claims as compact JSON with `added` integer members appended, without copying
/// the claims.
fn append_members(claims: &Claims, added: &[(&str, i64)]) -> String {
    let mut json = serde_json::to_string(claims).unwrap_or_default();
    if added.is_empty() {
        return json;
    }
    json.pop();
    for (index, (name, value)) in added.iter().enumerate() {
        if index > 0 || !claims.is_empty() {
            json.push(',');
        }
        json.push_str(&format!("\"{name}\":{value}"));
    }
    json.push('}');
    json
}

/// Signs a header and a payload given as JSON texts, byte for byte, for a facade that
/// must reproduce another library's tokens exactly (firebase/php-jwt's header order and
/// escapes, extra header members such as `kid`). Both are checked so that [`verify`]
/// accepts the token: the header a JSON object whose `alg` is HS256, HS384 or HS512,
/// whose `typ` is absent or `JWT`, without `crit` or `b64`; the payload a JSON object;
/// neither with duplicate members (`invalid_input` otherwise). A payload of any bytes
/// is signed with [`crate::jwt::jws::sign_jws_bytes`].
///
/// [`verify`]: crate::jwt::verify::verify
pub fn sign_jws(header: &str, payload: &str, keyring: &Keyring) -> Result<String> {
    let alg = signing_algorithm(header)?;
    crate::jwt::times::check_time_claims(&object(payload, "payload")?).map_err(|e| {
        err!(
            InvalidInput,
            "the payload cannot be signed: {} (verify would refuse it)",
            e.message()
        )
    })?;
    Ok(sign_segments(alg, header, payload.as_bytes(), keyring))
}

/// The algorithm of a header given as JSON text, with every header rule of verification.
fn signing_algorithm(header: &str) -> Result<Algorithm> {
    header_algorithm(&object(header, "header")?, &Algorithm::ALL).map_err(|e| {
        err!(
            InvalidInput,
            "the header cannot sign a token: {}",
            e.message()
        )
    })
}

/// The compact token over `header` and `payload`, both base64url-encoded here.
pub(crate) fn sign_segments(
    alg: Algorithm,
    header: &str,
    payload: &[u8],
    keyring: &Keyring,
) -> String {
    let mut token = String::with_capacity((header.len() + payload.len()) * 4 / 3 + 92);
    b64_encode_into(header.as_bytes(), &mut token);
    token.push('.');
    b64_encode_into(payload, &mut token);
    let tag = alg.sign(keyring.signing().expose(), token.as_bytes());
    token.push('.');
    b64_encode_into(&tag, &mut token);
    token
}

/// `text` parsed strictly as a JSON object (`invalid_input` naming `what` otherwise).
pub(crate) fn object(text: &str, what: &str) -> Result<Claims> {
    match parse_json(text.as_bytes()) {
        Ok(Value::Object(members)) => Ok(members),
        Ok(_) => Err(err!(InvalidInput, "the {what} is not a JSON object")),
        Err(e) => Err(err!(InvalidInput, "the {what} is not valid JSON: {e}")),
    }
}

/// Signs an already serialized JSON payload.
fn sign_payload(payload_json: &[u8], keyring: &Keyring, alg: Algorithm) -> String {
    let header = alg.header_segment();
    let mut token = String::with_capacity(header.len() + payload_json.len() * 4 / 3 + 92);
    token.push_str(header);
    token.push('.');
    b64_encode_into(payload_json, &mut token);
    let tag = alg.sign(keyring.signing().expose(), token.as_bytes());
    token.push('.');
    b64_encode_into(&tag, &mut token);
    token
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Sink;

    fn ring() -> Keyring {
        Keyring::new("OZUrNsPqPdQ1Og7YN8gKkgboxhQGTa3V", false).unwrap()
    }

    #[test]
    fn header_is_the_document_servers() {
        let token = sign(
            &Claims::new(),
            &ring(),
            &SignOptions {
                iat: false,
                ..Default::default()
            },
        )
        .unwrap();
        // base64url of {"alg":"HS256","typ":"JWT"} and of {}
        assert!(
            token.starts_with("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30."),
            "{token}"
        );
    }

    #[test]
    fn iat_and_exp_replace_in_place_or_append() {
        let mut claims = Claims::new();
        claims.insert("exp".into(), Value::from(1));
        claims.insert("b".into(), Value::from(2));
        let options = SignOptions {
            ttl: Some(300),
            now: Some(1000),
            ..Default::default()
        };
        let token = sign(&claims, &ring(), &options).unwrap();
        let payload = token.split('.').nth(1).unwrap();
        let json = crate::jwt::encoding::b64_decode(payload).unwrap();
        assert_eq!(
            std::str::from_utf8(&json).unwrap(),
            r#"{"exp":1300,"b":2,"iat":1000}"#
        );
    }

    #[test]
    fn given_header_and_payload_are_signed_byte_for_byte() {
        // firebase/php-jwt's form: typ first, kid, escaped non-ASCII and slashes kept.
        let header = r#"{"typ":"JWT","alg":"HS256","kid":"0"}"#;
        let payload = r#"{"name":"Zo\u00eb","url":"https://x/y"}"#;
        let token = sign_jws(header, payload, &ring()).unwrap();
        let mut parts = token.split('.');
        assert_eq!(
            crate::jwt::encoding::b64_decode(parts.next().unwrap()).unwrap(),
            header.as_bytes()
        );
        assert_eq!(
            crate::jwt::encoding::b64_decode(parts.next().unwrap()).unwrap(),
            payload.as_bytes()
        );
        let claims = crate::jwt::verify(&token, &ring(), &crate::VerifyOptions::default()).unwrap();
        assert_eq!(claims["name"], "Zo\u{eb}");
        for (header, payload) in [
            (r#"{"alg":"none"}"#, "{}"),
            (r#"{"alg":"RS256"}"#, "{}"),
            (r#"{"alg":"HS256","crit":["b64"]}"#, "{}"),
            (r#"{"alg":"HS256","typ":"JOSE"}"#, "{}"),
            (r#"{"alg":"HS256","alg":"HS256"}"#, "{}"),
            (r#"["HS256"]"#, "{}"),
            (r#"{"alg":"HS256"}"#, "[]"),
            (r#"{"alg":"HS256"}"#, r#"{"a":1,"a":2}"#),
            (r#"{"alg":"HS256"}"#, "{"),
            // What verify refuses is not signed: time claims that are not dates, and
            // header members nothing here honours.
            (r#"{"alg":"HS256"}"#, r#"{"exp":"1"}"#),
            (r#"{"alg":"HS256"}"#, r#"{"exp":-1}"#),
            (r#"{"alg":"HS256"}"#, r#"{"nbf":true}"#),
            (r#"{"alg":"HS256"}"#, r#"{"iat":null}"#),
            (r#"{"alg":"HS256"}"#, r#"{"exp":1e999}"#),
            (r#"{"alg":"HS256","zip":"DEF"}"#, "{}"),
            (r#"{"alg":"HS256","enc":"A256GCM"}"#, "{}"),
        ] {
            let err = sign_jws(header, payload, &ring()).unwrap_err();
            assert_eq!(
                err.kind(),
                crate::ErrorKind::InvalidInput,
                "{header} {payload}"
            );
        }
    }

    #[test]
    fn huge_ttl_is_refused() {
        let options = SignOptions {
            ttl: Some(u64::MAX),
            now: Some(1),
            ..Default::default()
        };
        assert_eq!(
            sign(&Claims::new(), &ring(), &options).unwrap_err().kind(),
            crate::ErrorKind::InvalidInput
        );
    }

    #[test]
    fn claims_written_by_a_binding_sign_as_the_same_value() {
        let cases = [
            r#"{}"#,
            r#"{"a":1}"#,
            r#"{"iat":"x","b":[{"iat":1}],"exp":{"nested":[1,2]},"c":null}"#,
            r#"{"exp":5,"z":"Zo\u00eb"}"#,
            r#"{"iat":[[[]]]}"#,
        ];
        let option_sets = [
            SignOptions {
                now: Some(1000),
                ..Default::default()
            },
            SignOptions {
                now: Some(1000),
                ttl: Some(60),
                ..Default::default()
            },
            SignOptions {
                now: Some(1000),
                iat: false,
                ..Default::default()
            },
            SignOptions {
                now: Some(1000),
                iat: false,
                ttl: Some(5),
                alg: Algorithm::HS512,
            },
        ];
        for text in cases {
            let Value::Object(claims) = parse_json(text.as_bytes()).unwrap() else {
                unreachable!()
            };
            for options in &option_sets {
                let mut writer = JsonWriter::default();
                crate::json::tests::write(&Value::Object(claims.clone()), &mut writer);
                let written = sign_written(writer, &ring(), options).unwrap();
                assert_eq!(
                    written,
                    sign(&claims, &ring(), options).unwrap(),
                    "{text} {options:?}"
                );
            }
        }
        let mut list = JsonWriter::default();
        list.begin_array().unwrap();
        list.end_array();
        let err = sign_written(list, &ring(), &SignOptions::default()).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::InvalidInput);
        let zero = SignOptions {
            ttl: Some(0),
            ..Default::default()
        };
        let mut empty = JsonWriter::default();
        empty.begin_object().unwrap();
        empty.end_object();
        assert_eq!(sign_written(empty, &ring(), &zero).unwrap_err(), zero_ttl());
    }
}
