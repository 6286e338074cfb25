//! One test per verification rule of issue 2 / docs/formats.md. Each test fails if its
//! rule is removed: tokens are forged here with the `hmac`/`base64` crates directly,
//! and known answers come from the RFCs or from Python's standard library.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use onlyoffice_jwt::{
    decode_unverified, sign, verify, Algorithm, Claims, ErrorKind, Keyring, SignOptions,
    VerifyOptions,
};
use serde_json::{json, Value};
use sha2::Sha256;

const KEY: &str = "OZUrNsPqPdQ1Og7YN8gKkgboxhQGTa3V";
const NOW: i64 = 1_700_000_000;

fn ring() -> Keyring {
    Keyring::new(KEY, false).unwrap()
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A token over raw header and payload bytes, HS256-signed with `key` (independently
/// of the crate under test).
fn forge_bytes(header: &[u8], payload: &[u8], key: &[u8]) -> String {
    let input = format!("{}.{}", b64(header), b64(payload));
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(input.as_bytes());
    format!("{input}.{}", b64(&mac.finalize().into_bytes()))
}

fn forge_with(header: &str, payload: &str, key: &[u8]) -> String {
    forge_bytes(header.as_bytes(), payload.as_bytes(), key)
}

fn forge(header: &str, payload: &str) -> String {
    forge_with(header, payload, KEY.as_bytes())
}

const HS256: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

fn opts() -> VerifyOptions {
    VerifyOptions {
        now: Some(NOW),
        ..Default::default()
    }
}

fn at(now: i64, leeway: u64) -> VerifyOptions {
    VerifyOptions {
        now: Some(now),
        leeway,
        ..Default::default()
    }
}

fn kind(token: &str, options: &VerifyOptions) -> ErrorKind {
    verify(token, &ring(), options).unwrap_err().kind()
}

#[test]
fn a_well_formed_token_verifies() {
    let claims = verify(&forge(HS256, r#"{"a":1}"#), &ring(), &opts()).unwrap();
    assert_eq!(Value::Object(claims), json!({"a": 1}));
}

// RFC 7515, appendix A.1: the HS256 example, verified at a time before its exp.
#[test]
fn rfc7515_appendix_a1() {
    let token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let key = URL_SAFE_NO_PAD
        .decode("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow")
        .unwrap();
    let ring = Keyring::new(key.as_slice(), false).unwrap();
    let claims = verify(token, &ring, &at(1_300_819_300, 0)).unwrap();
    assert_eq!(
        Value::Object(claims),
        json!({"iss": "joe", "exp": 1300819380, "http://example.com/is_root": true})
    );
    assert_eq!(
        verify(token, &ring, &at(1_300_819_380, 0))
            .unwrap_err()
            .kind(),
        ErrorKind::Expired
    );
}

// RFC 7520, section 4.4: a valid HS256 signature over a payload that is not a JSON
// object — the signature passes, the payload rule refuses it.
#[test]
fn rfc7520_section_4_4() {
    let token = "eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9.SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4.s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0";
    let key = URL_SAFE_NO_PAD
        .decode("hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg")
        .unwrap();
    let ring = Keyring::new(key.as_slice(), false).unwrap();
    assert_eq!(
        verify(token, &ring, &opts()).unwrap_err().kind(),
        ErrorKind::Malformed
    );
    let other = Keyring::new(&b"another-secret-8leYug1ZFTutgO9u7U"[..], false).unwrap();
    assert_eq!(
        verify(token, &other, &opts()).unwrap_err().kind(),
        ErrorKind::BadSignature
    );
}

#[test]
fn exactly_three_segments() {
    let token = forge(HS256, "{}");
    let two = &token[..token.rfind('.').unwrap()];
    assert_eq!(kind(two, &opts()), ErrorKind::Malformed);
    assert_eq!(kind(&format!("{token}.e30"), &opts()), ErrorKind::Malformed);
    assert_eq!(kind("", &opts()), ErrorKind::Malformed);
}

#[test]
fn base64url_must_be_canonical_and_unpadded() {
    let token = forge(HS256, r#"{"a":"???"}"#);
    let (head, sig) = token.rsplit_once('.').unwrap();
    for bad in [
        format!("{token}="),
        format!("{head}. {sig}"),
        format!("{head}.{sig}\n"),
        format!("{head}.{sig}AA"),
    ] {
        assert_eq!(kind(&bad, &opts()), ErrorKind::Malformed, "{bad:?}");
    }
    // The payload {"a":"???"} encodes with '_' in base64url: '/' in standard base64.
    let (h, rest) = token.split_once('.').unwrap();
    let (p, s) = rest.split_once('.').unwrap();
    assert!(p.contains('_'), "{p}");
    let standard = format!("{h}.{}.{s}", p.replace('_', "/").replace('-', "+"));
    assert_eq!(kind(&standard, &opts()), ErrorKind::Malformed);
    // A 32-byte HS256 signature is 43 characters; the last one carries 2 unused bits,
    // so its neighbour in the alphabet decodes to the same bytes.
    let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let index = alphabet.find(sig.chars().last().unwrap()).unwrap();
    let sibling = alphabet.as_bytes()[index ^ 1] as char;
    let non_canonical = format!("{}{sibling}", &token[..token.len() - 1]);
    assert_eq!(kind(&non_canonical, &opts()), ErrorKind::Malformed);
}

#[test]
fn header_must_be_a_json_object() {
    assert_eq!(
        kind(&forge(r#"["HS256"]"#, "{}"), &opts()),
        ErrorKind::Malformed
    );
    assert_eq!(
        kind(&forge("not json", "{}"), &opts()),
        ErrorKind::Malformed
    );
}

#[test]
fn alg_must_be_in_the_allow_list() {
    for alg in [
        "none", "None", "NONE", "nOnE", "RS256", "ES256", "PS256", "hs256", "",
    ] {
        let header = format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#);
        assert_eq!(
            kind(&forge(&header, "{}"), &opts()),
            ErrorKind::AlgNotAllowed,
            "{alg}"
        );
    }
    assert_eq!(
        kind(&forge(r#"{"typ":"JWT"}"#, "{}"), &opts()),
        ErrorKind::AlgNotAllowed
    );
    assert_eq!(
        kind(&forge(r#"{"alg":256}"#, "{}"), &opts()),
        ErrorKind::AlgNotAllowed
    );
    let hs512 = sign(
        &Claims::new(),
        &ring(),
        &SignOptions {
            alg: Algorithm::HS512,
            now: Some(NOW),
            ..Default::default()
        },
    )
    .unwrap();
    let only256 = VerifyOptions {
        algorithms: vec![Algorithm::HS256],
        ..opts()
    };
    assert_eq!(kind(&hs512, &only256), ErrorKind::AlgNotAllowed);
    assert!(verify(&hs512, &ring(), &opts()).is_ok());
}

#[test]
fn typ_is_absent_or_jwt_in_any_case() {
    assert!(verify(&forge(r#"{"alg":"HS256"}"#, "{}"), &ring(), &opts()).is_ok());
    assert!(verify(
        &forge(r#"{"alg":"HS256","typ":"jwt"}"#, "{}"),
        &ring(),
        &opts()
    )
    .is_ok());
    assert_eq!(
        kind(
            &forge(r#"{"alg":"HS256","typ":"JOSE+JSON"}"#, "{}"),
            &opts()
        ),
        ErrorKind::Malformed
    );
    assert_eq!(
        kind(&forge(r#"{"alg":"HS256","typ":1}"#, "{}"), &opts()),
        ErrorKind::Malformed
    );
}

#[test]
fn crit_and_b64_are_refused() {
    let crit = r#"{"alg":"HS256","crit":["exp"],"exp":1}"#;
    assert_eq!(kind(&forge(crit, "{}"), &opts()), ErrorKind::Malformed);
    let b64_false = r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#;
    assert_eq!(kind(&forge(b64_false, "{}"), &opts()), ErrorKind::Malformed);
    let b64_true = r#"{"alg":"HS256","b64":true}"#;
    assert_eq!(kind(&forge(b64_true, "{}"), &opts()), ErrorKind::Malformed);
}

#[test]
fn kid_changes_nothing() {
    let header = r#"{"alg":"HS256","typ":"JWT","kid":"../../../../dev/null"}"#;
    assert!(verify(&forge(header, "{}"), &ring(), &opts()).is_ok());
    let empty_key = forge_with(header, "{}", b"");
    assert_eq!(kind(&empty_key, &opts()), ErrorKind::BadSignature);
}

#[test]
fn signature_must_match() {
    let token = forge(HS256, r#"{"a":1}"#);
    let other_key = forge_with(HS256, r#"{"a":1}"#, &[b'k'; 32]);
    assert_eq!(kind(&other_key, &opts()), ErrorKind::BadSignature);
    let (head, sig) = token.rsplit_once('.').unwrap();
    assert_eq!(kind(&format!("{head}."), &opts()), ErrorKind::BadSignature);
    let tampered = forge(HS256, r#"{"a":2}"#);
    let spliced = format!("{}.{sig}", tampered.rsplit_once('.').unwrap().0);
    assert_eq!(kind(&spliced, &opts()), ErrorKind::BadSignature);
}

#[test]
fn any_secret_of_the_keyring_verifies() {
    let old = "an-older-secret-that-was-rotated!";
    let token = forge_with(HS256, "{}", old.as_bytes());
    assert_eq!(kind(&token, &opts()), ErrorKind::BadSignature);
    let rotated = Keyring::new(KEY, false)
        .unwrap()
        .with_previous(old, false)
        .unwrap();
    assert!(verify(&token, &rotated, &opts()).is_ok());
}

#[test]
fn payload_must_be_a_json_object() {
    for payload in ["[1]", "\"text\"", "1", "null", "{", "{\"a\":1}x"] {
        assert_eq!(
            kind(&forge(HS256, payload), &opts()),
            ErrorKind::Malformed,
            "{payload}"
        );
    }
    let bad_utf8 = forge_bytes(HS256.as_bytes(), b"{\"a\":\"\xff\"}", KEY.as_bytes());
    assert_eq!(kind(&bad_utf8, &opts()), ErrorKind::Malformed);
}

#[test]
fn duplicate_members_are_refused() {
    let header = r#"{"alg":"HS256","alg":"none"}"#;
    assert_eq!(kind(&forge(header, "{}"), &opts()), ErrorKind::Malformed);
    let payload = r#"{"exp":1,"exp":9999999999}"#;
    assert_eq!(kind(&forge(HS256, payload), &opts()), ErrorKind::Malformed);
    let nested = r#"{"a":{"b":1,"b":2}}"#;
    assert_eq!(kind(&forge(HS256, nested), &opts()), ErrorKind::Malformed);
}

#[test]
fn nesting_is_bounded() {
    let deep = format!("{{\"a\":{}{}}}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(kind(&forge(HS256, &deep), &opts()), ErrorKind::Malformed);
}

#[test]
fn time_claims_must_be_numbers() {
    for claim in ["exp", "nbf", "iat"] {
        for value in [r#""1700000000""#, "null", "true", "[1]", "-1"] {
            let payload = format!(r#"{{"{claim}":{value}}}"#);
            assert_eq!(
                kind(&forge(HS256, &payload), &opts()),
                ErrorKind::InvalidClaim,
                "{payload}"
            );
        }
    }
    let huge = forge(HS256, r#"{"exp":1e400}"#);
    assert_eq!(kind(&huge, &opts()), ErrorKind::Malformed);
    let nan = forge(HS256, r#"{"exp":NaN}"#);
    assert_eq!(kind(&nan, &opts()), ErrorKind::Malformed);
    let fraction = forge(HS256, r#"{"exp":1700000000.5}"#);
    assert!(verify(&fraction, &ring(), &opts()).is_ok());
}

#[test]
fn exp_is_checked_with_leeway() {
    let token = forge(HS256, &format!(r#"{{"exp":{NOW}}}"#));
    assert!(verify(&token, &ring(), &at(NOW + 59, 60)).is_ok());
    assert_eq!(kind(&token, &at(NOW + 60, 60)), ErrorKind::Expired);
    assert!(verify(&token, &ring(), &at(NOW - 1, 0)).is_ok());
    assert_eq!(kind(&token, &at(NOW, 0)), ErrorKind::Expired);
    assert_eq!(VerifyOptions::default().leeway, 60);
}

#[test]
fn nbf_and_future_iat_are_checked_with_leeway() {
    let nbf = forge(HS256, &format!(r#"{{"nbf":{}}}"#, NOW + 60));
    assert!(verify(&nbf, &ring(), &at(NOW, 60)).is_ok());
    assert_eq!(kind(&nbf, &at(NOW - 1, 60)), ErrorKind::NotYetValid);
    let iat = forge(HS256, &format!(r#"{{"iat":{}}}"#, NOW + 61));
    assert_eq!(kind(&iat, &at(NOW, 60)), ErrorKind::NotYetValid);
    assert!(verify(&iat, &ring(), &at(NOW + 1, 60)).is_ok());
    let old_iat = forge(HS256, r#"{"iat":0}"#);
    assert!(verify(&old_iat, &ring(), &at(NOW, 60)).is_ok());
}

#[test]
fn required_claims_must_be_present() {
    let token = forge(HS256, r#"{"key":"k"}"#);
    let require = |names: &[&str]| VerifyOptions {
        require: names.iter().map(|s| s.to_string()).collect(),
        ..opts()
    };
    assert!(verify(&token, &ring(), &require(&["key"])).is_ok());
    assert_eq!(
        kind(&token, &require(&["key", "exp"])),
        ErrorKind::MissingClaim
    );
}

#[test]
fn size_is_checked_before_decoding() {
    let limit = VerifyOptions {
        max_size: 100,
        ..opts()
    };
    assert_eq!(kind(&"!".repeat(101), &limit), ErrorKind::TooLarge);
    assert_eq!(kind(&"!".repeat(100), &limit), ErrorKind::Malformed);
    let big = forge(HS256, &format!(r#"{{"a":"{}"}}"#, "x".repeat(1 << 20)));
    assert_eq!(kind(&big, &opts()), ErrorKind::TooLarge);
}

#[test]
fn messages_never_contain_the_secret_or_the_token() {
    let token = forge_with(HS256, r#"{"a":1}"#, &[b'z'; 40]);
    let error = verify(&token, &ring(), &opts()).unwrap_err();
    assert!(!error.to_string().contains(KEY));
    assert!(!error.to_string().contains(&token));
    assert!(!format!("{error:?}").contains(KEY));
}

// Known answers from Python's standard library (hmac, hashlib, base64, json with
// ensure_ascii=False and separators=(",", ":")), key "OZUrNsPqPdQ1Og7YN8gKkgboxhQGTa3V".
#[test]
fn sign_matches_the_python_standard_library() {
    let expected = [
        (Algorithm::HS256, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJkb2N1bWVudCI6eyJrZXkiOiJLaGlyejZ6VFBkZmQ3IiwidGl0bGUiOiJSw6lzdW3DqSDigJxkcmFmdOKAnSAvIDJcbiJ9LCJ6IjoxLCJhIjpbdHJ1ZSxudWxsXSwiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjE3MDAwMDAzMDB9.mKMuSSW4EghADsI4rAoeVByPZtnMtEhNUyluoyeGU6s"),
        (Algorithm::HS384, "eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9.eyJkb2N1bWVudCI6eyJrZXkiOiJLaGlyejZ6VFBkZmQ3IiwidGl0bGUiOiJSw6lzdW3DqSDigJxkcmFmdOKAnSAvIDJcbiJ9LCJ6IjoxLCJhIjpbdHJ1ZSxudWxsXSwiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjE3MDAwMDAzMDB9.b4WJlryg3xHWEBKdZqp8NTwnMijobBHjOkatwqq99h2m5XWkbnasHKRRWMUTd-Ba"),
        (Algorithm::HS512, "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJkb2N1bWVudCI6eyJrZXkiOiJLaGlyejZ6VFBkZmQ3IiwidGl0bGUiOiJSw6lzdW3DqSDigJxkcmFmdOKAnSAvIDJcbiJ9LCJ6IjoxLCJhIjpbdHJ1ZSxudWxsXSwiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjE3MDAwMDAzMDB9.KOo5h2iBtbCZOtqUPqaZt4UyoeuHqjhGYUCVK5izgWlOPmPEJRh5sMXMFbCQFyhfN35LAZhOLKYxZRzgI3es9Q"),
    ];
    let claims: Claims = serde_json::from_value(json!({
        "document": {"key": "Khirz6zTPdfd7", "title": "Résumé “draft” / 2\n"},
        "z": 1,
        "a": [true, null]
    }))
    .unwrap();
    for (alg, token) in expected {
        let options = SignOptions {
            alg,
            ttl: Some(300),
            now: Some(NOW),
            ..Default::default()
        };
        assert_eq!(sign(&claims, &ring(), &options).unwrap(), token, "{alg:?}");
        assert!(verify(token, &ring(), &opts()).is_ok());
    }
}

#[test]
fn decode_unverified_checks_structure_only() {
    let token = forge_with(HS256, r#"{"exp":1}"#, b"any key at all");
    let decoded = decode_unverified(&token).unwrap();
    assert_eq!(decoded.header["alg"], "HS256");
    assert_eq!(decoded.claims["exp"], 1);
    assert_eq!(
        decode_unverified("a.b").unwrap_err().kind(),
        ErrorKind::Malformed
    );
    assert_eq!(
        decode_unverified(&forge(HS256, "[]")).unwrap_err().kind(),
        ErrorKind::Malformed
    );
}

#[test]
fn decode_unverified_reads_a_token_past_one_mib_when_told() {
    // A Document Server callback's token passes 1 MiB with a long history.
    let history = "h".repeat(1 << 20);
    let token = forge(HS256, &format!(r#"{{"key":"k","history":"{history}"}}"#));
    let call =
        |options: Value| onlyoffice_jwt::internal::json_api::decode_unverified(&token, &options);
    assert_eq!(call(Value::Null).unwrap_err().kind(), ErrorKind::TooLarge);
    let decoded = call(json!({"max_size": token.len()})).unwrap();
    assert_eq!(decoded["claims"]["key"], "k");
    assert_eq!(
        call(json!({"max_size": token.len() - 1}))
            .unwrap_err()
            .kind(),
        ErrorKind::TooLarge
    );
}

/// The system time as `time.time()` or `microtime(true)` would give it.
fn fractional_now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
}

#[test]
fn fractional_time_claims_are_compared_at_their_precision() {
    let no_leeway = VerifyOptions {
        leeway: 0,
        ..Default::default()
    };
    // Issued a moment ago with time.time(): valid now, not up to a second later.
    let issued = fractional_now();
    let token = forge(HS256, &format!(r#"{{"iat":{issued},"nbf":{issued}}}"#));
    assert!(
        verify(&token, &ring(), &no_leeway).is_ok(),
        "iat/nbf {issued}"
    );
    // A fractional exp that has just passed is expired, not accepted a second late.
    let passed = fractional_now() - 0.001;
    let token = forge(HS256, &format!(r#"{{"exp":{passed}}}"#));
    assert_eq!(kind(&token, &no_leeway), ErrorKind::Expired, "exp {passed}");
    let later = fractional_now() + 5.0;
    let token = forge(HS256, &format!(r#"{{"exp":{later}}}"#));
    assert!(verify(&token, &ring(), &no_leeway).is_ok(), "exp {later}");
    // With a pinned whole-second clock, a fractional claim against it: exact too.
    let token = forge(HS256, r#"{"nbf":1700000000.5}"#);
    assert_eq!(kind(&token, &at(NOW, 0)), ErrorKind::NotYetValid);
    assert!(verify(&token, &ring(), &at(NOW + 1, 0)).is_ok());
}

#[test]
fn iat_is_checked_unless_switched_off() {
    let token = forge(HS256, &format!(r#"{{"iat":{}}}"#, NOW + 61));
    assert_eq!(kind(&token, &opts()), ErrorKind::NotYetValid);
    let off = VerifyOptions {
        verify_iat: false,
        ..opts()
    };
    assert!(verify(&token, &ring(), &off).is_ok());
    // Still a date: a string iat is refused either way.
    let token = forge(HS256, r#"{"iat":"1700000000"}"#);
    assert_eq!(kind(&token, &off), ErrorKind::InvalidClaim);
}

#[test]
fn exp_and_nbf_checks_can_be_switched_off_but_not_their_types() {
    let token = forge(
        HS256,
        &format!(r#"{{"exp":{},"nbf":{}}}"#, NOW - 100, NOW + 100),
    );
    // nbf first, as jsonwebtoken, firebase/php-jwt and PyJWT check it.
    assert_eq!(kind(&token, &opts()), ErrorKind::NotYetValid);
    let no_nbf = VerifyOptions {
        verify_nbf: false,
        ..opts()
    };
    assert_eq!(kind(&token, &no_nbf), ErrorKind::Expired);
    let neither = VerifyOptions {
        verify_exp: false,
        ..no_nbf
    };
    assert!(verify(&token, &ring(), &neither).is_ok());
    let token = forge(HS256, r#"{"exp":"soon"}"#);
    assert_eq!(kind(&token, &neither), ErrorKind::InvalidClaim);
}

#[test]
fn each_failure_names_the_part_that_failed() {
    let good = forge(HS256, r#"{"a":1}"#);
    let sig = good.rsplit('.').next().unwrap().to_owned();
    let cases: Vec<(String, &str)> = vec![
        ("a.b".to_owned(), "token.segments"),
        (
            format!("{}=.e30.{sig}", b64(HS256.as_bytes())),
            "header.base64",
        ),
        (
            format!("{}.e30=.{sig}", b64(HS256.as_bytes())),
            "payload.base64",
        ),
        (
            format!("{}.e30.{sig}=", b64(HS256.as_bytes())),
            "signature.base64",
        ),
        (forge("[1]", "{}"), "header.object"),
        (forge("{", "{}"), "header.json"),
        (
            forge(r#"{"alg":"HS256","alg":"HS256"}"#, "{}"),
            "header.alg",
        ),
        (
            forge(r#"{"alg":"HS256","typ":"JWT","typ":"JWT"}"#, "{}"),
            "header.typ",
        ),
        (
            forge(r#"{"alg":"HS256","x-note":1,"x-note":2}"#, "{}"),
            "header.json",
        ),
        (forge(r#"{"typ":"JWT"}"#, "{}"), "header.alg"),
        (forge(r#"{"alg":"none"}"#, "{}"), "header.alg"),
        (forge(r#"{"alg":"RS256"}"#, "{}"), "header.alg"),
        (forge(r#"{"alg":"HS256","typ":"JOSE"}"#, "{}"), "header.typ"),
        (
            forge(r#"{"alg":"HS256","crit":["b64"]}"#, "{}"),
            "header.crit",
        ),
        (forge(r#"{"alg":"HS256","b64":false}"#, "{}"), "header.b64"),
        (forge(HS256, "[]"), "payload.object"),
        (forge(HS256, r#"{"a":1,"a":1}"#), "payload.json"),
        (forge(HS256, r#"{"exp":"soon"}"#), "claims.exp"),
        (forge(HS256, r#"{"nbf":-1}"#), "claims.nbf"),
        (
            forge(HS256, &format!(r#"{{"exp":{}}}"#, NOW - 100)),
            "claims.exp",
        ),
        (
            forge(HS256, &format!(r#"{{"nbf":{}}}"#, NOW + 100)),
            "claims.nbf",
        ),
        (
            forge(HS256, &format!(r#"{{"iat":{}}}"#, NOW + 100)),
            "claims.iat",
        ),
    ];
    for (token, detail) in cases {
        let error = verify(&token, &ring(), &opts()).unwrap_err();
        assert_eq!(
            error.detail().map(ToString::to_string).as_deref(),
            Some(detail),
            "{token}: {error}"
        );
    }
    let require = VerifyOptions {
        require: vec!["sub".to_owned()],
        ..opts()
    };
    let error = verify(&good, &ring(), &require).unwrap_err();
    assert_eq!(
        error.detail().map(ToString::to_string).as_deref(),
        Some("claims.sub")
    );
    let other = Keyring::new("another secret of at least 32 bytes", false).unwrap();
    assert_eq!(verify(&good, &other, &opts()).unwrap_err().detail(), None);
}
