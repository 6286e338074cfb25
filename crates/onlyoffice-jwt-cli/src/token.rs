//! `keygen`, `sign`, `verify`, `decode`, `doc-key`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use clap::Args;
use onlyoffice_jwt::jwt::{b64_encode, parse_json};
use onlyoffice_jwt::{Algorithm, Claims, Secret, SignOptions, VerifyOptions};
use serde_json::{json, Map, Value};
use zeroize::Zeroizing;

use crate::failure::Failure;
use crate::input::{inline_or_stdin, SecretArgs};
use crate::{print_json, Outcome, OK};

/// The number of random bytes in a generated secret.
const KEYGEN_BYTES: usize = 32;

/// Arguments of `keygen`.
#[derive(Args)]
pub struct KeygenArgs {
    /// Print without the final newline (for `> secret.key` files the DS reads raw).
    #[arg(long)]
    pub no_newline: bool,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `sign`.
#[derive(Args)]
pub struct SignArgs {
    /// The claims: a JSON object, or `-` to read it from stdin.
    pub claims: String,
    #[command(flatten)]
    pub secret: SecretArgs,
    /// HS256, HS384 or HS512.
    #[arg(long, default_value = "HS256")]
    pub alg: String,
    /// Seconds of validity: adds `exp` = now + TTL.
    #[arg(long, value_name = "SECONDS")]
    pub ttl: Option<u64>,
    /// Do not add `iat`.
    #[arg(long)]
    pub no_iat: bool,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `verify`.
#[derive(Args)]
pub struct VerifyArgs {
    /// The token, or `-` to read it from stdin.
    pub token: String,
    #[command(flatten)]
    pub secret: SecretArgs,
    /// Clock tolerance in seconds for exp/nbf/iat.
    #[arg(long, default_value_t = onlyoffice_jwt::jwt::DEFAULT_LEEWAY)]
    pub leeway: u64,
    /// A claim that must be present (repeatable).
    #[arg(long, value_name = "CLAIM")]
    pub require: Vec<String>,
    /// Accepted algorithms (repeatable; default HS256, HS384, HS512).
    #[arg(long, value_name = "ALG")]
    pub alg: Vec<String>,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `decode`.
#[derive(Args)]
pub struct DecodeArgs {
    /// The token, or `-` to read it from stdin.
    pub token: String,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `doc-key`.
#[derive(Args)]
pub struct DocKeyArgs {
    /// The file's stable identifier in the storage.
    pub file_id: String,
    /// The file's version (any text, e.g. a number or an ETag).
    pub version: String,
    #[command(flatten)]
    pub secret: SecretArgs,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
}

/// `keygen`: prints a new random secret, which the core's strength rule accepts (the
/// rule passes random secrets; a draw it refused would be drawn again).
pub fn keygen(args: &KeygenArgs) -> Outcome {
    let secret = loop {
        let mut bytes = Zeroizing::new([0u8; KEYGEN_BYTES]);
        getrandom::fill(bytes.as_mut()).map_err(|e| {
            Failure::input(format!("the OS random generator is not available: {e}"))
        })?;
        let secret = Zeroizing::new(b64_encode(bytes.as_ref()));
        if Secret::from(secret.as_str()).check(false).is_ok() {
            break secret;
        }
    };
    if args.json {
        print_json(&json!({"ok": true, "secret": secret.as_str()}));
    } else if args.no_newline {
        let _ = std::io::Write::write_all(&mut std::io::stdout(), secret.as_bytes());
    } else {
        say!("{}", secret.as_str());
    }
    Ok(OK)
}

/// `sign`: prints the token.
pub fn sign(args: &SignArgs) -> Outcome {
    let text = inline_or_stdin(&args.claims, &args.secret)?;
    let claims = match parse_json(text.as_bytes()) {
        Ok(Value::Object(claims)) => claims,
        Ok(_) => return Err(Failure::input("the claims must be a JSON object")),
        Err(e) => {
            return Err(Failure::input(format!(
                "the claims are not valid JSON: {e}"
            )))
        }
    };
    let keyring = args.secret.keyring()?;
    let options = SignOptions {
        alg: algorithm(&args.alg)?,
        ttl: args.ttl,
        iat: !args.no_iat,
        now: None,
    };
    let token = onlyoffice_jwt::sign(&claims, &keyring, &options)?;
    if args.json {
        print_json(&json!({"ok": true, "token": token}));
    } else {
        say!("{token}");
    }
    Ok(OK)
}

/// An algorithm named on the command line: an unknown name is a usage error.
fn algorithm(name: &str) -> Result<Algorithm, Failure> {
    Algorithm::from_name(name).map_err(|e| Failure::input(e.message()))
}

/// `verify`: prints the verified claims; a token that does not verify exits 1.
pub fn verify(args: &VerifyArgs) -> Outcome {
    let token = inline_or_stdin(&args.token, &args.secret)?;
    let keyring = args.secret.keyring()?;
    let mut options = VerifyOptions {
        leeway: args.leeway,
        require: args.require.clone(),
        ..VerifyOptions::default()
    };
    if !args.alg.is_empty() {
        options.algorithms = args
            .alg
            .iter()
            .map(|name| algorithm(name))
            .collect::<Result<_, _>>()?;
    }
    let claims = onlyoffice_jwt::verify(&token, &keyring, &options)?;
    if args.json {
        print_json(&json!({"ok": true, "valid": true, "claims": claims}));
    } else {
        say!("valid: the signature matches and the times are within their limits");
        print_json(&Value::Object(claims));
    }
    Ok(OK)
}

/// `decode`: prints header and claims, clearly not verified, with readable times.
pub fn decode(args: &DecodeArgs) -> Outcome {
    let token = inline_or_stdin(&args.token, &SecretArgs::default())?;
    let decoded = onlyoffice_jwt::decode_unverified(&token)?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let times = times(&decoded.claims, now);
    if args.json {
        print_json(&json!({
            "ok": true,
            "verified": false,
            "header": decoded.header,
            "claims": decoded.claims,
            "times": times,
        }));
        return Ok(OK);
    }
    say!("NOT VERIFIED: anyone can write these claims. Use `onlyoffice-jwt verify` with the secret before trusting them.");
    say!("header:");
    print_json(&Value::Object(decoded.header));
    say!("claims:");
    print_json(&Value::Object(decoded.claims));
    for (name, time) in &times {
        say!(
            "{name}: {} ({})",
            time["date"].as_str().unwrap_or(""),
            time["relative"].as_str().unwrap_or("")
        );
    }
    Ok(OK)
}

/// The first second that RFC 3339 (four-digit years) cannot write: year 10000.
const LAST_RFC3339_SECOND: u64 = 253_402_300_800;

/// `iat`, `exp`, `nbf` as dates with the time from `now`, e.g. "expires in 4m 10s".
fn times(claims: &Claims, now: u64) -> Map<String, Value> {
    let mut out = Map::new();
    for name in ["iat", "nbf", "exp"] {
        let Some(seconds) = claims.get(name).and_then(Value::as_u64) else {
            continue;
        };
        let date = if seconds < LAST_RFC3339_SECOND {
            humantime::format_rfc3339_seconds(UNIX_EPOCH + Duration::from_secs(seconds)).to_string()
        } else {
            "after 9999-12-31".to_owned()
        };
        let delta = i128::from(seconds) - i128::from(now);
        let span = humantime::format_duration(Duration::from_secs(
            u64::try_from(delta.unsigned_abs()).unwrap_or(u64::MAX),
        ));
        let relative = match (name, delta > 0) {
            ("exp", true) => format!("expires in {span}"),
            ("exp", false) => format!("expired {span} ago"),
            ("nbf", true) => format!("valid in {span}"),
            ("nbf", false) => format!("valid since {span}"),
            (_, true) => format!("issued in the future, in {span}"),
            (_, false) => format!("issued {span} ago"),
        };
        out.insert(
            name.to_owned(),
            json!({
                "value": seconds,
                "date": date,
                "seconds_from_now": i64::try_from(delta).unwrap_or(i64::MAX),
                "relative": relative,
            }),
        );
    }
    out
}

/// `doc-key`: prints the document key of (file id, version).
pub fn doc_key(args: &DocKeyArgs) -> Outcome {
    let keyring = args.secret.keyring()?;
    let key = onlyoffice_jwt::document_key(&keyring, &args.file_id, &args.version)?;
    if args.json {
        print_json(&json!({"ok": true, "key": key}));
    } else {
        say!("{key}");
    }
    Ok(OK)
}
