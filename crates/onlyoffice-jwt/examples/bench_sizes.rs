//! Timings for `make bench`: sign and verify of the sample editor config padded to
//! 0.5 KB, 8 KB and 1 MiB of JSON, printed as one JSON object (microseconds per call).

use std::hint::black_box;
use std::time::Instant;

use onlyoffice_jwt::{sign, verify, Claims, Keyring, SignOptions, VerifyOptions};
use serde_json::{json, Value};

/// The sample config with a `padding` member that brings its JSON to `size` bytes.
fn payload(size: usize) -> Claims {
    let mut claims: Claims =
        serde_json::from_str(include_str!("../../../tests/data/editor_config.json"))
            .expect("the sample config is valid JSON");
    let base = serde_json::to_string(&claims).map_or(0, |s| s.len());
    let pad = size.saturating_sub(base + r#","padding":"""#.len());
    if pad > 0 {
        claims.insert("padding".into(), Value::String("a".repeat(pad)));
    }
    claims
}

/// Best of five runs of `f`, in microseconds per call.
fn best(iterations: u32, mut f: impl FnMut()) -> f64 {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iterations {
                f();
            }
            start.elapsed().as_secs_f64() * 1e6 / f64::from(iterations)
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() -> Result<(), onlyoffice_jwt::Error> {
    let keyring = Keyring::new("benchmark-secret-0123456789abcdefghij", false)?;
    let sign_options = SignOptions {
        iat: false,
        ..Default::default()
    };
    let verify_options = VerifyOptions {
        max_size: 4 << 20,
        ..Default::default()
    };
    let mut out = serde_json::Map::new();
    for (label, size, iterations) in [
        ("0.5KB", 512, 20_000),
        ("8KB", 8192, 4_000),
        ("1MiB", 1 << 20, 40),
    ] {
        let claims = payload(size);
        let token = sign(&claims, &keyring, &sign_options)?;
        verify(&token, &keyring, &verify_options)?;
        let sign_us = best(iterations, || {
            black_box(sign(black_box(&claims), &keyring, &sign_options).ok());
        });
        let verify_us = best(iterations, || {
            black_box(verify(black_box(&token), &keyring, &verify_options).ok());
        });
        out.insert(label.into(), json!({"sign": sign_us, "verify": verify_us}));
    }
    println!("{}", Value::Object(out));
    Ok(())
}
