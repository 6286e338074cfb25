//! Signs an editor config and verifies it again, then shows what a forged token gets.

use onlyoffice_jwt::{sign, verify, Claims, Keyring, SignOptions, VerifyOptions};

fn main() -> Result<(), onlyoffice_jwt::Error> {
    let config: Claims =
        serde_json::from_str(include_str!("../../../tests/data/editor_config.json"))
            .expect("the sample config is valid JSON");
    let keyring = Keyring::new("demo-only-secret-0123456789abcdef", false)?;
    let token = sign(
        &config,
        &keyring,
        &SignOptions {
            ttl: Some(300),
            ..Default::default()
        },
    )?;
    println!("signed editor config: {}…", &token[..48]);
    let claims = verify(&token, &keyring, &VerifyOptions::default())?;
    println!("verified: document.key = {}", claims["document"]["key"]);
    let forged = Keyring::new("an-attackers-secret-0123456789abcd", false)?;
    let forged_token = sign(&config, &forged, &SignOptions::default())?;
    match verify(&forged_token, &keyring, &VerifyOptions::default()) {
        Ok(_) => println!("forged token accepted (this is a bug)"),
        Err(e) => println!("forged token refused: {} ({})", e.kind(), e.message()),
    }
    Ok(())
}
