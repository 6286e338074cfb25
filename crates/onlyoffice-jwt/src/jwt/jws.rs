//! JWS over a payload of any bytes, for facades of JWS libraries (PyJWT's `PyJWS`): the
//! compact serialization of RFC 7515, HMAC only, and the unencoded detached payload of
//! RFC 7797 (`"b64": false`, listed in `crit`).
//!
//! JWTs — everything the Document Server and the connectors exchange — go through
//! [`crate::jwt::sign`] and [`crate::jwt::verify`], whose header rules are stricter: `typ` absent
//! or `JWT`, no `crit`, no `b64`. Here `typ` may be any string, and `crit` may list
//! `b64`, the one extension understood.

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::error::{err, Detail, Result, Segment};
use crate::jwt::algorithm::Algorithm;
use crate::jwt::encoding::b64_encode_into;
use crate::jwt::sign::{object, sign_segments};
use crate::jwt::verify::{
    allowed_algorithm, check_mac, decode_segment, parse_header, refuse_unsupported_members,
    segments,
};
use crate::keys::secret::Keyring;

/// A JWS's parts, as [`verify_jws`] and [`decode_jws_unverified`] return them.
#[derive(Clone, Debug, PartialEq)]
pub struct Jws {
    /// The JOSE header.
    pub header: Map<String, Value>,
    /// The payload's bytes: base64url-decoded, or empty for a detached payload.
    pub payload: Vec<u8>,
    /// The signature's bytes.
    pub signature: Vec<u8>,
}

/// Options of [`verify_jws`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JwsOptions {
    /// Accepted algorithms (default HS256, HS384, HS512).
    pub algorithms: Vec<Algorithm>,
    /// Largest accepted token, in bytes (default
    /// [`DEFAULT_MAX_SIZE`](crate::jwt::DEFAULT_MAX_SIZE)), checked before decoding.
    pub max_size: usize,
}

impl Default for JwsOptions {
    fn default() -> JwsOptions {
        JwsOptions {
            algorithms: Algorithm::ALL.to_vec(),
            max_size: crate::jwt::verify::DEFAULT_MAX_SIZE,
        }
    }
}

/// Signs a header given as JSON text and a payload of any bytes, as a JWS library signs
/// what its caller asks. The header must be a JSON object without duplicate members
/// whose `alg` is HS256, HS384 or HS512 and whose `b64`, if any, is a boolean, and
/// `false` only when `crit` lists it (RFC 7797 requires it of producers);
/// `invalid_input` otherwise. Other members, `typ` and `crit` included, are signed as
/// given: [`verify_jws`] refuses a token whose `crit` it does not understand, which is
/// what `crit` is for. With `"b64": false` the payload is signed as it is and left out of
/// the token (detached: the payload segment is empty).
pub fn sign_jws_bytes(header: &str, payload: &[u8], keyring: &Keyring) -> Result<String> {
    let members = object(header, "header")?;
    let (alg, encoded) = signing_rules(&members).map_err(|e| {
        err!(
            InvalidInput,
            "the header cannot sign a JWS: {}",
            e.message()
        )
    })?;
    if encoded {
        return Ok(sign_segments(alg, header, payload, keyring));
    }
    let mut token = String::with_capacity(header.len() * 4 / 3 + 92);
    b64_encode_into(header.as_bytes(), &mut token);
    let mut input = Vec::with_capacity(token.len() + 1 + payload.len());
    input.extend_from_slice(token.as_bytes());
    input.push(b'.');
    input.extend_from_slice(payload);
    let tag = alg.sign(keyring.signing().expose(), &input);
    token.push_str("..");
    b64_encode_into(&tag, &mut token);
    Ok(token)
}

/// Verifies a JWS and returns its parts. The steps, in order: size, three segments,
/// header (canonical base64url, a JSON object, the header rules of [`sign_jws_bytes`],
/// `alg` in `options.algorithms`), payload, signature (canonical base64url), the MAC in
/// constant time against every secret. Nothing about the payload's content is checked.
///
/// `detached` is the payload of a token whose header says `"b64": false` (its payload
/// segment must then be empty); given for any other token, or missing for such a
/// token, it is `malformed` (detail `payload.detached`).
pub fn verify_jws(
    token: &str,
    keyring: &Keyring,
    options: &JwsOptions,
    detached: Option<&[u8]>,
) -> Result<Jws> {
    let [header_segment, payload_segment, signature_segment] = segments(token, options.max_size)?;
    let header = parse_header(&decode_segment(header_segment, Segment::Header)?)?;
    let (alg, encoded) = header_rules(&header, &options.algorithms)?;
    let (payload, signing_input) = match (encoded, detached) {
        (true, None) => (
            decode_segment(payload_segment, Segment::Payload)?,
            Cow::Borrowed(&token.as_bytes()[..header_segment.len() + 1 + payload_segment.len()]),
        ),
        (true, Some(_)) => {
            return Err(err!(
                detail = Detail::Detached;
                Malformed,
                "a detached payload was given, but the header's b64 is not false"
            ))
        }
        (false, None) => {
            return Err(err!(
                detail = Detail::Detached;
                Malformed,
                "the header's b64 is false: the payload must be given (detached)"
            ))
        }
        (false, Some(detached)) => {
            empty_payload_segment(payload_segment)?;
            let mut input = Vec::with_capacity(header_segment.len() + 1 + detached.len());
            input.extend_from_slice(header_segment.as_bytes());
            input.push(b'.');
            input.extend_from_slice(detached);
            (Vec::new(), Cow::Owned(input))
        }
    };
    let signature = decode_segment(signature_segment, Segment::Signature)?;
    check_mac(alg, keyring, &signing_input, &signature)?;
    Ok(Jws {
        header,
        payload,
        signature,
    })
}

/// Decodes a JWS **without verifying anything** but its structure: at most `max_size`
/// bytes (the table's `max_size` for the bindings unless told otherwise), three segments, the header a JSON object, the payload and signature canonical
/// base64url (the payload segment empty when the header's `b64` is false). For
/// inspection only.
pub fn decode_jws_unverified(token: &str, max_size: usize) -> Result<Jws> {
    let [header_segment, payload_segment, signature_segment] = segments(token, max_size)?;
    let header = parse_header(&decode_segment(header_segment, Segment::Header)?)?;
    let payload = if header.get("b64") == Some(&Value::Bool(false)) {
        empty_payload_segment(payload_segment)?;
        Vec::new()
    } else {
        decode_segment(payload_segment, Segment::Payload)?
    };
    Ok(Jws {
        header,
        payload,
        signature: decode_segment(signature_segment, Segment::Signature)?,
    })
}

fn empty_payload_segment(segment: &str) -> Result<()> {
    if segment.is_empty() {
        return Ok(());
    }
    Err(err!(
        detail = Detail::DetachedSegment;
        Malformed,
        "the header's b64 is false: the payload segment must be empty (detached)"
    ))
}

/// The algorithm and whether the payload is base64url-encoded, for signing: `alg` an
/// HMAC, `b64` a boolean, and `false` only when listed in a `crit` list.
fn signing_rules(header: &Map<String, Value>) -> Result<(Algorithm, bool)> {
    let alg = allowed_algorithm(header, &Algorithm::ALL)?;
    refuse_unsupported_members(header)?;
    let encoded = payload_encoded(header)?;
    let listed = matches!(header.get("crit"), Some(Value::Array(names)) if names.contains(&Value::from("b64")));
    if !encoded && !listed {
        return Err(b64_not_critical());
    }
    Ok((alg, encoded))
}

/// The header's `b64`: absent (true) or a boolean.
fn payload_encoded(header: &Map<String, Value>) -> Result<bool> {
    match header.get("b64") {
        None => Ok(true),
        Some(Value::Bool(encoded)) => Ok(*encoded),
        Some(_) => Err(
            err!(detail = Detail::header("b64"); Malformed, "the header's b64 is not a boolean"),
        ),
    }
}

fn b64_not_critical() -> crate::Error {
    err!(
        detail = Detail::header("b64");
        Malformed,
        "the header's b64 is false but not listed in crit (RFC 7797)"
    )
}

/// The algorithm and whether the payload is base64url-encoded (`b64`), with the JWS
/// header rules of verification: `alg` allowed, `typ` a string, `b64` a boolean, `crit`
/// a non-empty list of distinct extension names each understood (only `b64`) and
/// present, and `"b64": false` only when listed in `crit`.
fn header_rules(header: &Map<String, Value>, allowed: &[Algorithm]) -> Result<(Algorithm, bool)> {
    let alg = allowed_algorithm(header, allowed)?;
    refuse_unsupported_members(header)?;
    if !matches!(header.get("typ"), None | Some(Value::String(_))) {
        return Err(
            err!(detail = Detail::header("typ"); Malformed, "the header's typ is not a string"),
        );
    }
    let encoded = payload_encoded(header)?;
    let mut critical: Vec<&str> = Vec::new();
    match header.get("crit") {
        None => {}
        Some(Value::Array(names)) if !names.is_empty() => {
            for name in names {
                let Value::String(name) = name else {
                    return Err(err!(
                        detail = Detail::header("crit");
                        Malformed,
                        "the header's crit lists a value that is not a string"
                    ));
                };
                if name != "b64" {
                    return Err(err!(
                        detail = Detail::header("crit");
                        Malformed,
                        "the critical extension {:?} is not supported (only b64 is)",
                        crate::jwt::algorithm::truncate(name)
                    ));
                }
                if critical.contains(&name.as_str()) || !header.contains_key(name) {
                    return Err(err!(
                        detail = Detail::header("crit");
                        Malformed,
                        "the critical extension {name:?} is listed twice or missing from the header"
                    ));
                }
                critical.push(name);
            }
        }
        Some(_) => {
            return Err(err!(
                detail = Detail::header("crit");
                Malformed,
                "the header's crit is not a non-empty list"
            ))
        }
    }
    if !encoded && !critical.contains(&"b64") {
        return Err(b64_not_critical());
    }
    Ok((alg, encoded))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ErrorKind, Secret};

    const KEY: &str = "9jYg7SjjPvttfbfMLZuPjII4OoaQmzBinnpy3MPNZEPFqzi0";

    fn ring() -> Keyring {
        Keyring::new(KEY, false).unwrap()
    }

    #[test]
    fn a_payload_of_any_bytes_is_signed_and_verified() {
        // Known answer from Python's hmac and base64 modules (not from this crate).
        let token = "eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9.aGVsbG8gd29ybGQA_yBub3QgSlNPTg.\
                     xpDOpeTG93QpJtEjYDRGAK7Abtkge7NxQCE5d9e0UxzognWyyHPVAwnQmmICIPC2";
        let payload = b"hello world\x00\xff not JSON";
        let signed = sign_jws_bytes(r#"{"alg":"HS384","typ":"JWT"}"#, payload, &ring()).unwrap();
        assert_eq!(signed, token);
        let jws = verify_jws(token, &ring(), &JwsOptions::default(), None).unwrap();
        assert_eq!(jws.payload, payload);
        assert_eq!(jws.header["alg"], "HS384");
        assert_eq!(jws.signature.len(), 48);
        assert_eq!(
            decode_jws_unverified(token, JwsOptions::default().max_size).unwrap(),
            jws
        );
        // Not a JWT: the JWT verifier refuses the payload.
        let err = crate::jwt::verify(token, &ring(), &crate::VerifyOptions::default()).unwrap_err();
        assert_eq!(
            err.detail().map(ToString::to_string).as_deref(),
            Some("payload.json")
        );
        let other = Keyring::new("another secret of at least 32 bytes!!!", false).unwrap();
        let err = verify_jws(token, &other, &JwsOptions::default(), None).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::BadSignature);
        let only_256 = JwsOptions {
            algorithms: vec![Algorithm::HS256],
            ..Default::default()
        };
        let err = verify_jws(token, &ring(), &only_256, None).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::AlgNotAllowed);
    }

    #[test]
    fn a_detached_unencoded_payload_follows_rfc_7797() {
        // RFC 7797, section 4.2: the JWS of "$.02" with b64 false, detached, under the
        // HMAC key of RFC 7515 appendix A.1.
        let key = crate::jwt::encoding::b64_decode(
            "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",
        )
        .unwrap();
        let ring = Keyring::new(Secret::new(key), true).unwrap();
        let token = "eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19..\
                     A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY";
        let header = r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#;
        assert_eq!(sign_jws_bytes(header, b"$.02", &ring).unwrap(), token);
        let options = JwsOptions::default();
        let jws = verify_jws(token, &ring, &options, Some(b"$.02")).unwrap();
        assert_eq!(jws.header["b64"], false);
        assert!(jws.payload.is_empty());
        let err = verify_jws(token, &ring, &options, Some(b"$.03")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::BadSignature);
        let err = verify_jws(token, &ring, &options, None).unwrap_err();
        assert_eq!(
            err.detail().map(ToString::to_string).as_deref(),
            Some("payload.detached")
        );
        let attached = sign_jws_bytes(r#"{"alg":"HS256"}"#, b"$.02", &ring).unwrap();
        let err = verify_jws(&attached, &ring, &options, Some(b"$.02")).unwrap_err();
        assert_eq!(
            err.detail().map(ToString::to_string).as_deref(),
            Some("payload.detached")
        );
        let stuffed = token.replacen("..", ".JC4wMg.", 1);
        let err = verify_jws(&stuffed, &ring, &options, Some(b"$.02")).unwrap_err();
        assert_eq!(
            err.detail().map(ToString::to_string).as_deref(),
            Some("payload.segment")
        );
        assert_eq!(
            decode_jws_unverified(&stuffed, JwsOptions::default().max_size)
                .unwrap_err()
                .detail(),
            Some(&Detail::DetachedSegment)
        );
        // The JWT verifier refuses b64 and crit whatever they say.
        let err = crate::jwt::verify(token, &ring, &crate::VerifyOptions::default()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Malformed);
    }

    #[test]
    fn header_rules_name_the_member_that_failed() {
        // (header, detail of verification, whether signing refuses it too)
        for (header, detail, signing_refuses) in [
            (r#"{"alg":"none"}"#, "header.alg", true),
            (r#"{"alg":"HS256","b64":"no"}"#, "header.b64", true),
            (r#"{"alg":"HS256","b64":false}"#, "header.b64", true),
            (r#"{"alg":"HS256","typ":1}"#, "header.typ", false),
            (r#"{"alg":"HS256","crit":[]}"#, "header.crit", false),
            (
                r#"{"alg":"HS256","crit":"b64","b64":true}"#,
                "header.crit",
                false,
            ),
            (r#"{"alg":"HS256","crit":[1]}"#, "header.crit", false),
            (
                r#"{"alg":"HS256","crit":["exp"],"exp":1}"#,
                "header.crit",
                false,
            ),
            (r#"{"alg":"HS256","crit":["b64"]}"#, "header.crit", false),
            (
                r#"{"alg":"HS256","crit":["b64","b64"],"b64":true}"#,
                "header.crit",
                false,
            ),
        ] {
            let members = object(header, "header").unwrap();
            let err = header_rules(&members, &Algorithm::ALL).unwrap_err();
            assert_eq!(
                err.detail().map(ToString::to_string).as_deref(),
                Some(detail),
                "{header}"
            );
            match sign_jws_bytes(header, b"x", &ring()) {
                Err(err) => {
                    assert!(signing_refuses, "{header}");
                    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{header}");
                }
                Ok(token) => {
                    assert!(!signing_refuses, "{header}");
                    let err =
                        verify_jws(&token, &ring(), &JwsOptions::default(), None).unwrap_err();
                    assert_eq!(
                        err.detail().map(ToString::to_string).as_deref(),
                        Some(detail),
                        "{header}"
                    );
                }
            }
        }
        let typ = r#"{"alg":"HS256","typ":"secevent+jwt","crit":["b64"],"b64":true}"#;
        let token = sign_jws_bytes(typ, b"x", &ring()).unwrap();
        assert!(verify_jws(&token, &ring(), &JwsOptions::default(), None).is_ok());
    }
}
