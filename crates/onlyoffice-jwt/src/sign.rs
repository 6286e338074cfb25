//! Signing: compact JWS with the Document Server's header, the caller's claim order kept.

use serde_json::{Map, Value};

use crate::algorithm::Algorithm;
use crate::clock::now_or_system;
use crate::encoding::{b64_encode_into, parse_json, to_json};
use crate::error::{err, Result};
use crate::secret::Keyring;
use crate::verify::header_algorithm;

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
    Ok(sign_payload(&payload, keyring, options.alg))
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
/// is signed with [`crate::jws::sign_jws_bytes`].
///
/// [`verify`]: crate::verify::verify
pub fn sign_jws(header: &str, payload: &str, keyring: &Keyring) -> Result<String> {
    let alg = signing_algorithm(header)?;
    object(payload, "payload")?;
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
fn sign_payload(payload_json: &str, keyring: &Keyring, alg: Algorithm) -> String {
    let header = match alg {
        // base64url of {"alg":"HS256","typ":"JWT"} (and HS384, HS512)
        Algorithm::HS256 => "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
        Algorithm::HS384 => "eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9",
        Algorithm::HS512 => "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9",
    };
    let mut token = String::with_capacity(header.len() + payload_json.len() * 4 / 3 + 92);
    token.push_str(header);
    token.push('.');
    b64_encode_into(payload_json.as_bytes(), &mut token);
    let tag = alg.sign(keyring.signing().expose(), token.as_bytes());
    token.push('.');
    b64_encode_into(&tag, &mut token);
    token
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring() -> Keyring {
        Keyring::new("0123456789abcdef0123456789abcdef", false).unwrap()
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
        let json = crate::encoding::b64_decode(payload).unwrap();
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
            crate::encoding::b64_decode(parts.next().unwrap()).unwrap(),
            header.as_bytes()
        );
        assert_eq!(
            crate::encoding::b64_decode(parts.next().unwrap()).unwrap(),
            payload.as_bytes()
        );
        let claims = crate::verify(&token, &ring(), &crate::VerifyOptions::default()).unwrap();
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
}
