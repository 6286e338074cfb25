//! Verification: every rule of the compact JWS format and of the time claims, checked
//! strictly and in a fixed order (see docs/formats.md).

use serde_json::{Map, Value};

use crate::algorithm::{truncate, Algorithm};
use crate::clock::precise_now;
use crate::encoding::{b64_decode, parse_json};
use crate::error::{err, Result};
use crate::secret::Keyring;
use crate::sign::Claims;

/// The default size limit of a token, in bytes (1 MiB).
pub const DEFAULT_MAX_SIZE: usize = 1 << 20;

/// The default clock tolerance, in seconds: the Document Server's `clockTolerance`.
pub const DEFAULT_LEEWAY: u64 = 60;

/// Options of [`verify`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyOptions {
    /// Accepted algorithms (default HS256, HS384, HS512).
    pub algorithms: Vec<Algorithm>,
    /// Clock tolerance in seconds for `exp`, `nbf` and `iat` (default 60).
    pub leeway: u64,
    /// Whether an `exp` at or before now - leeway is refused (`expired`; default true).
    /// Off only for facades of libraries that let callers switch it off (PyJWT's
    /// `verify_exp`); a present `exp` must be a valid date either way.
    pub verify_exp: bool,
    /// Whether an `nbf` later than now + leeway is refused (`not_yet_valid`; default
    /// true); off as `verify_exp`.
    pub verify_nbf: bool,
    /// Whether an `iat` later than now + leeway is refused (`not_yet_valid`; default
    /// true, as PyJWT and firebase/php-jwt do). The Document Server never checks `iat`,
    /// so its traffic ([`crate::verify_callback`], [`crate::verify_incoming`]) is
    /// verified with false. A present `iat` must be a valid date either way.
    pub verify_iat: bool,
    /// Claims that must be present.
    pub require: Vec<String>,
    /// Largest accepted token, in bytes (default 1 MiB), checked before decoding.
    pub max_size: usize,
    /// The clock, in seconds since the epoch (default: the system clock).
    pub now: Option<i64>,
}

impl Default for VerifyOptions {
    fn default() -> VerifyOptions {
        VerifyOptions {
            algorithms: Algorithm::ALL.to_vec(),
            leeway: DEFAULT_LEEWAY,
            verify_exp: true,
            verify_nbf: true,
            verify_iat: true,
            require: Vec::new(),
            max_size: DEFAULT_MAX_SIZE,
            now: None,
        }
    }
}

/// A token's header and claims, decoded without any check of signature or time.
#[derive(Clone, Debug, PartialEq)]
pub struct Unverified {
    /// The JOSE header.
    pub header: Map<String, Value>,
    /// The claims.
    pub claims: Claims,
}

/// The decoded parts of a token whose structure is valid.
struct Parts<'t> {
    header: Map<String, Value>,
    payload: Vec<u8>,
    signature: Vec<u8>,
    signing_input: &'t str,
}

/// Verifies `token` and returns its claims.
///
/// The steps, in order: size, structure and encoding, header (`alg` allow-list, `typ`,
/// no `crit`/`b64`), signature in constant time against every secret of the keyring,
/// payload object, types of `exp`/`nbf`/`iat`, their times with leeway (`iat` only with
/// [`VerifyOptions::verify_iat`]), required claims.
pub fn verify(token: &str, keyring: &Keyring, options: &VerifyOptions) -> Result<Claims> {
    let parts = split(token, options.max_size)?;
    let alg = header_algorithm(&parts.header, &options.algorithms)?;
    let mut valid = false;
    for secret in keyring.verifying() {
        valid |= alg.verify(
            secret.expose(),
            parts.signing_input.as_bytes(),
            &parts.signature,
        );
    }
    if !valid {
        return Err(err!(
            BadSignature,
            "the {} signature does not match the secret{}",
            alg.name(),
            if keyring.verifying().len() > 1 {
                "s"
            } else {
                ""
            }
        ));
    }
    let claims = payload_object(&parts.payload)?;
    check_times(&claims, options)?;
    for name in &options.require {
        if !claims.contains_key(name) {
            return Err(err!(
                MissingClaim,
                "required claim {:?} is absent",
                truncate(name)
            ));
        }
    }
    Ok(claims)
}

/// Decodes header and claims **without verifying anything** but the structure.
/// For inspection only: never trust what it returns.
pub fn decode_unverified(token: &str) -> Result<Unverified> {
    let parts = split(token, DEFAULT_MAX_SIZE)?;
    let claims = payload_object(&parts.payload)?;
    Ok(Unverified {
        header: parts.header,
        claims,
    })
}

fn split(token: &str, max_size: usize) -> Result<Parts<'_>> {
    if token.len() > max_size {
        return Err(err!(
            TooLarge,
            "the token is {} bytes long; the limit is {max_size}",
            token.len()
        ));
    }
    let segments: Vec<&str> = token.split('.').collect();
    if segments.len() != 3 {
        return Err(err!(
            Malformed,
            "a token has 3 dot-separated segments, this one has {}",
            segments.len()
        ));
    }
    let names = ["header", "payload", "signature"];
    let mut decoded = Vec::with_capacity(3);
    for (segment, name) in segments.iter().zip(names) {
        decoded.push(b64_decode(segment).ok_or_else(|| {
            err!(
                Malformed,
                "the {name} segment is not canonical unpadded base64url"
            )
        })?);
    }
    let signature = decoded.pop().unwrap_or_default();
    let payload = decoded.pop().unwrap_or_default();
    let header = match parse_json(&decoded[0]) {
        Ok(Value::Object(header)) => header,
        Ok(_) => return Err(err!(Malformed, "the header is not a JSON object")),
        Err(e) => return Err(err!(Malformed, "the header is not valid JSON: {e}")),
    };
    let signing_input = &token[..segments[0].len() + 1 + segments[1].len()];
    Ok(Parts {
        header,
        payload,
        signature,
        signing_input,
    })
}

/// The algorithm of a token header, with every header rule of [`verify`] applied:
/// `alg` a string naming an allowed algorithm (never `none`), `typ` absent or `JWT`, no
/// `crit` or `b64`.
pub(crate) fn header_algorithm(
    header: &Map<String, Value>,
    allowed: &[Algorithm],
) -> Result<Algorithm> {
    let name = match header.get("alg") {
        Some(Value::String(name)) => name,
        Some(_) => return Err(err!(AlgNotAllowed, "the header's alg is not a string")),
        None => return Err(err!(AlgNotAllowed, "the header has no alg")),
    };
    if name.eq_ignore_ascii_case("none") {
        return Err(err!(
            AlgNotAllowed,
            "unsigned tokens (alg {name:?}) are refused"
        ));
    }
    let alg = Algorithm::from_name(name)?;
    if !allowed.contains(&alg) {
        return Err(err!(
            AlgNotAllowed,
            "algorithm {} is not in the allowed list ({})",
            alg.name(),
            allowed
                .iter()
                .map(|a| a.name())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    match header.get("typ") {
        None => {}
        Some(Value::String(typ)) if typ.eq_ignore_ascii_case("JWT") => {}
        Some(_) => return Err(err!(Malformed, "the header's typ is not JWT")),
    }
    for member in ["crit", "b64"] {
        if header.contains_key(member) {
            return Err(err!(
                Malformed,
                "the header member {member:?} is not supported"
            ));
        }
    }
    Ok(alg)
}

fn payload_object(payload: &[u8]) -> Result<Claims> {
    match parse_json(payload) {
        Ok(Value::Object(claims)) => Ok(claims),
        Ok(_) => Err(err!(Malformed, "the payload is not a JSON object")),
        Err(e) => Err(err!(Malformed, "the payload is not valid JSON: {e}")),
    }
}

/// A NumericDate claim: absent, or a finite non-negative number.
fn numeric_date(claims: &Claims, name: &str) -> Result<Option<f64>> {
    match claims.get(name) {
        None => Ok(None),
        Some(Value::Number(n)) => match n.as_f64() {
            Some(t) if t.is_finite() && t >= 0.0 => Ok(Some(t)),
            _ => Err(err!(InvalidClaim, "claim {name:?} is not a valid date")),
        },
        Some(_) => Err(err!(InvalidClaim, "claim {name:?} is not a number")),
    }
}

fn check_times(claims: &Claims, options: &VerifyOptions) -> Result<()> {
    let exp = numeric_date(claims, "exp")?;
    let nbf = numeric_date(claims, "nbf")?;
    let iat = numeric_date(claims, "iat")?;
    // Compared at the claims' own precision: a fractional claim against the
    // sub-second clock (see `precise_now`).
    let now = precise_now(options.now);
    let leeway = options.leeway as f64;
    if let Some(exp) = exp.filter(|_| options.verify_exp) {
        if now >= exp + leeway {
            return Err(err!(
                Expired,
                "the token expired at {exp} (now {now}, leeway {leeway} s)"
            ));
        }
    }
    if let Some(nbf) = nbf.filter(|_| options.verify_nbf) {
        if nbf > now + leeway {
            return Err(err!(
                NotYetValid,
                "the token is not valid before {nbf} (now {now}, leeway {leeway} s)"
            ));
        }
    }
    if let Some(iat) = iat.filter(|_| options.verify_iat) {
        if iat > now + leeway {
            return Err(err!(
                NotYetValid,
                "the token was issued in the future, at {iat} (now {now}, leeway {leeway} s)"
            ));
        }
    }
    Ok(())
}
