//! Sign and verify of the ONLYOFFICE API documentation's sample editor config (~500 bytes).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use onlyoffice_jwt::{sign, verify, Claims, Keyring, SignOptions, VerifyOptions};

fn bench(c: &mut Criterion) {
    let text = include_str!("../../../tests/data/editor_config.json");
    let config: Claims = serde_json::from_str(text).expect("sample config");
    let keyring = Keyring::new("OZUrNsPqPdQ1Og7YN8gKkgboxhQGTa3V", false).expect("secret");
    let sign_options = SignOptions {
        now: Some(1_700_000_000),
        ttl: Some(300),
        ..Default::default()
    };
    let token = sign(&config, &keyring, &sign_options).expect("sign");
    let verify_options = VerifyOptions {
        now: Some(1_700_000_100),
        ..Default::default()
    };
    c.bench_function("sign editor config", |b| {
        b.iter(|| sign(black_box(&config), &keyring, &sign_options))
    });
    c.bench_function("verify editor config", |b| {
        b.iter(|| verify(black_box(&token), &keyring, &verify_options))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
