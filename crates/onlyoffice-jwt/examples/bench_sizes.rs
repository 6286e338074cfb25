//! Timings for `make bench`: sign and verify of the payloads `tests/bench/run.py` writes
//! (two shapes, three sizes), by the core, by the jsonwebtoken crate (rust_crypto), and
//! by the floor of each operation (HMAC and base64 with one pass over the JSON that
//! builds nothing; for sign, serde_json writing the same `Value`). Measured interleaved,
//! best of five rounds; printed as one JSON object of microseconds per call.

use std::hint::black_box;
use std::time::Instant;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use jsonwebtoken::{DecodingKey, EncodingKey, Header, Validation};
use onlyoffice_jwt::{sign, verify, Claims, Keyring, SignOptions, VerifyOptions};
use serde_json::{json, Value};
use sha2::Sha256;

const SECRET: &str = "benchmark-secret-JgWjziIMaidC2Ux3jScG";

/// The floor of a strict verify: the MAC in constant time, base64, and one strict pass
/// over the claims' JSON that keeps nothing.
fn floor_verify(token: &str) -> bool {
    let Some((input, signature)) = token.rsplit_once('.') else {
        return false;
    };
    let Some((_, payload)) = input.split_once('.') else {
        return false;
    };
    let (Ok(signature), Ok(payload)) = (
        URL_SAFE_NO_PAD.decode(signature),
        URL_SAFE_NO_PAD.decode(payload),
    ) else {
        return false;
    };
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()) else {
        return false;
    };
    mac.update(input.as_bytes());
    mac.verify_slice(&signature).is_ok()
        && serde_json::from_slice::<serde::de::IgnoredAny>(&payload).is_ok()
}

/// The floor of sign: serde_json writing the claims, base64 and the MAC.
fn floor_sign(claims: &Value) -> String {
    let mut token = String::from("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.");
    URL_SAFE_NO_PAD.encode_string(serde_json::to_vec(claims).unwrap_or_default(), &mut token);
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()) else {
        return token;
    };
    mac.update(token.as_bytes());
    token.push('.');
    URL_SAFE_NO_PAD.encode_string(mac.finalize().into_bytes(), &mut token);
    token
}

/// Best of five interleaved rounds of each function, µs per call.
fn interleaved(iterations: u32, functions: &mut [(&str, &mut dyn FnMut())]) -> Value {
    let mut best = vec![f64::INFINITY; functions.len()];
    for _ in 0..5 {
        for (index, (_, f)) in functions.iter_mut().enumerate() {
            let start = Instant::now();
            for _ in 0..iterations {
                f();
            }
            let us = start.elapsed().as_secs_f64() * 1e6 / f64::from(iterations);
            best[index] = best[index].min(us);
        }
    }
    Value::Object(
        functions
            .iter()
            .zip(best)
            .map(|((name, _), us)| ((*name).to_owned(), json!(us)))
            .collect(),
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .ok_or("usage: bench_sizes <payload directory>")?;
    let keyring = Keyring::new(SECRET, false)?;
    let sign_options = SignOptions {
        iat: false,
        ..Default::default()
    };
    let verify_options = VerifyOptions {
        max_size: 4 << 20,
        ..Default::default()
    };
    let encoding_key = EncodingKey::from_secret(SECRET.as_bytes())?;
    let decoding_key = DecodingKey::from_secret(SECRET.as_bytes())?;
    let mut validation = Validation::new(jsonwebtoken::Algorithm::HS256);
    validation.required_spec_claims.clear();
    validation.validate_exp = false;
    let mut out = serde_json::Map::new();
    for shape in ["string", "values"] {
        for label in ["0.5KB", "8KB", "1MiB"] {
            let text = std::fs::read(format!("{dir}/{shape}-{label}.json"))?;
            let value: Value = serde_json::from_slice(&text)?;
            let claims: Claims = serde_json::from_value(value.clone())?;
            let token = sign(&claims, &keyring, &sign_options)?;
            let theirs = jsonwebtoken::encode(&Header::default(), &value, &encoding_key)?;
            // jsonwebtoken writes {"typ":"JWT","alg":"HS256"}: the same claims, another header.
            assert_eq!(
                theirs.split('.').nth(1),
                token.split('.').nth(1),
                "{shape} {label}: jsonwebtoken writes other claims"
            );
            assert!(jsonwebtoken::decode::<Value>(&token, &decoding_key, &validation).is_ok());
            assert!(floor_verify(&token) && floor_sign(&value) == token);
            let iterations = u32::try_from(4_000_000 / (text.len() + 400))
                .unwrap_or(1)
                .max(3);
            let signs = interleaved(
                iterations,
                &mut [
                    ("ours", &mut || {
                        black_box(sign(black_box(&claims), &keyring, &sign_options).ok());
                    }),
                    ("jsonwebtoken", &mut || {
                        black_box(
                            jsonwebtoken::encode(
                                &Header::default(),
                                black_box(&value),
                                &encoding_key,
                            )
                            .ok(),
                        );
                    }),
                    ("floor", &mut || {
                        black_box(floor_sign(black_box(&value)));
                    }),
                ],
            );
            let verifies = interleaved(
                iterations,
                &mut [
                    ("ours", &mut || {
                        black_box(verify(black_box(&token), &keyring, &verify_options).ok());
                    }),
                    ("jsonwebtoken", &mut || {
                        black_box(
                            jsonwebtoken::decode::<Value>(
                                black_box(&token),
                                &decoding_key,
                                &validation,
                            )
                            .ok(),
                        );
                    }),
                    ("floor", &mut || {
                        black_box(floor_verify(black_box(&token)));
                    }),
                ],
            );
            out.insert(
                format!("{shape}-{label}"),
                json!({"sign": signs, "verify": verifies}),
            );
        }
    }
    println!("{}", Value::Object(out));
    Ok(())
}
