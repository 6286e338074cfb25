//! Verification: every rule of the compact JWS format and of the time claims, checked
//! strictly and in a fixed order (see docs/formats.md).

use serde_json::{Map, Value};

use crate::error::{err, Detail, Result, Segment};
use crate::json::{parse_with, Build, Failure, ParseError, Probe, ValueBuilder};
use crate::jwt::algorithm::{truncate, Algorithm};
use crate::jwt::encoding::{b64_decode, parse_json};
use crate::jwt::sign::Claims;
use crate::jwt::times::{check_times, TimeRules, TIME_CLAIMS};
use crate::keys::secret::Keyring;

/// The default size limit of a token, in bytes (the table's `max_size`).
pub const DEFAULT_MAX_SIZE: usize = onlyoffice_jwt_table::defaults::MAX_SIZE as usize;

/// The default clock tolerance, in seconds: the Document Server's `clockTolerance`.
pub const DEFAULT_LEEWAY: u64 = onlyoffice_jwt_table::defaults::LEEWAY;

/// Options of [`verify`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyOptions {
    /// Accepted algorithms (default HS256, HS384, HS512).
    pub algorithms: Vec<Algorithm>,
    /// Clock tolerance in seconds for `exp`, `nbf` and `iat` (default [`DEFAULT_LEEWAY`]).
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
    /// Largest accepted token, in bytes (default [`DEFAULT_MAX_SIZE`]), checked before
    /// decoding.
    pub max_size: usize,
    /// The clock, in seconds since the epoch (default: the system clock).
    pub now: Option<i64>,
    /// How the time claims are compared with the clock: the core's own rules
    /// (default), or those of PyJWT or firebase/php-jwt for their facades.
    pub time_rules: TimeRules,
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
            time_rules: TimeRules::default(),
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
    let payload = verified_payload(token, keyring, options)?;
    match claims_with(&payload, options, &mut ValueBuilder::default()) {
        Ok(Value::Object(claims)) => Ok(claims),
        Ok(_) => Err(not_an_object()),
        Err(Failure::Core(error)) => Err(error),
        Err(Failure::Host(never)) => match never {},
    }
}

/// The steps of [`verify`] up to the signature (size, structure and encoding, header,
/// signature against every secret): the payload's bytes, for [`claims_with`]. A
/// binding may run it without its interpreter's lock, and build the claims after.
pub(crate) fn verified_payload(
    token: &str,
    keyring: &Keyring,
    options: &VerifyOptions,
) -> Result<Vec<u8>> {
    let [header, payload, signature] = segments(token, options.max_size)?;
    if let Some(alg) =
        Algorithm::of_known_header(header).filter(|alg| options.algorithms.contains(alg))
    {
        // A common header, allowed: nothing in it to decode or check (the same steps
        // and errors as below otherwise).
        let payload_bytes = decode_segment(payload, Segment::Payload)?;
        let signature_bytes = decode_segment(signature, Segment::Signature)?;
        let signing_input = &token[..header.len() + 1 + payload.len()];
        check_mac(alg, keyring, signing_input.as_bytes(), &signature_bytes)?;
        return Ok(payload_bytes);
    }
    let parts = split(token, options.max_size)?;
    check_signature(&parts, keyring, &options.algorithms)?;
    Ok(parts.payload)
}

/// The steps of [`verify`] after the signature, the claims built by `builder` (a
/// binding's own dicts or arrays) straight from the payload: a JSON object without
/// duplicate members, nesting ≤ 128, the types and windows of `exp`/`nbf`/`iat`, the
/// required claims.
pub(crate) fn claims_with<B: Build>(
    payload: &[u8],
    options: &VerifyOptions,
    builder: &mut B,
) -> std::result::Result<B::Value, Failure<B::Error>> {
    let with_required: Vec<&str>;
    let names: &[&str] = if options.require.is_empty() {
        &TIME_CLAIMS
    } else {
        with_required = TIME_CLAIMS
            .into_iter()
            .chain(options.require.iter().map(String::as_str))
            .collect();
        &with_required
    };
    let mut probe = Probe::new(names);
    let claims = match parse_with(payload, builder, &mut probe) {
        Ok(claims) => claims,
        Err(ParseError::Host(failure)) => return Err(Failure::Host(failure)),
        Err(ParseError::Json(e) | ParseError::Duplicate { message: e, .. }) => {
            return Err(Failure::Core(
                err!(detail = Detail::Json(Segment::Payload); Malformed, "the payload is not valid JSON: {e}"),
            ))
        }
    };
    if !probe.is_object() {
        return Err(Failure::Core(not_an_object()));
    }
    check_times(&probe, options)?;
    for name in &options.require {
        if probe.get(name).is_none() {
            return Err(Failure::Core(err!(
                detail = Detail::claim(name.as_str());
                MissingClaim,
                "required claim {:?} is absent",
                truncate(name)
            )));
        }
    }
    Ok(claims)
}

fn not_an_object() -> crate::Error {
    err!(detail = Detail::Object(Segment::Payload); Malformed, "the payload is not a JSON object")
}

/// The header rules and the signature, in constant time against every secret.
fn check_signature(parts: &Parts<'_>, keyring: &Keyring, allowed: &[Algorithm]) -> Result<()> {
    let alg = header_algorithm(&parts.header, allowed)?;
    check_mac(
        alg,
        keyring,
        parts.signing_input.as_bytes(),
        &parts.signature,
    )
}

/// Whether `signature` is the `alg` MAC of `signing_input` under any secret of the
/// keyring, every secret tried (constant time in which one matches).
pub(crate) fn check_mac(
    alg: Algorithm,
    keyring: &Keyring,
    signing_input: &[u8],
    signature: &[u8],
) -> Result<()> {
    let mut valid = false;
    for secret in keyring.verifying() {
        valid |= alg.verify(secret.expose(), signing_input, signature);
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
    Ok(())
}

/// Decodes header and claims **without verifying anything** but the structure, of a
/// token of at most [`DEFAULT_MAX_SIZE`] bytes. For inspection only: never trust what
/// it returns.
pub fn decode_unverified(token: &str) -> Result<Unverified> {
    decode_unverified_within(token, DEFAULT_MAX_SIZE)
}

/// [`decode_unverified`] of a token of at most `max_size` bytes (a Document Server
/// callback's token may pass 1 MiB).
pub fn decode_unverified_within(token: &str, max_size: usize) -> Result<Unverified> {
    let parts = split(token, max_size)?;
    let claims = payload_object(&parts.payload)?;
    Ok(Unverified {
        header: parts.header,
        claims,
    })
}

fn split(token: &str, max_size: usize) -> Result<Parts<'_>> {
    let [header, payload, signature] = segments(token, max_size)?;
    let header_json = decode_segment(header, Segment::Header)?;
    let payload_bytes = decode_segment(payload, Segment::Payload)?;
    let signature_bytes = decode_segment(signature, Segment::Signature)?;
    Ok(Parts {
        header: parse_header(&header_json)?,
        payload: payload_bytes,
        signature: signature_bytes,
        signing_input: &token[..header.len() + 1 + payload.len()],
    })
}

/// The three dot-separated segments of a token of at most `max_size` bytes.
pub(crate) fn segments(token: &str, max_size: usize) -> Result<[&str; 3]> {
    if token.len() > max_size {
        return Err(err!(
            TooLarge,
            "the token is {} bytes long; the limit is {max_size}",
            token.len()
        ));
    }
    let mut parts = token.splitn(4, '.');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(header), Some(payload), Some(signature), None) => Ok([header, payload, signature]),
        _ => Err(err!(
            detail = Detail::Segments;
            Malformed,
            "a token has 3 dot-separated segments, this one has {}",
            token.split('.').count()
        )),
    }
}

/// The bytes of a token segment, which must be canonical unpadded base64url
/// (`malformed` otherwise, with the detail `<which>.base64`).
pub(crate) fn decode_segment(segment: &str, which: Segment) -> Result<Vec<u8>> {
    b64_decode(segment).ok_or_else(|| {
        err!(
            detail = Detail::Base64(which);
            Malformed,
            "the {} segment is not canonical unpadded base64url",
            which.name()
        )
    })
}

/// The header members a duplicate of which the error names (detail `header.<member>`).
const NAMED_HEADER_MEMBERS: [&str; 7] = ["alg", "typ", "kid", "crit", "b64", "zip", "enc"];

/// The header's JSON object (strictly parsed). A member of [`NAMED_HEADER_MEMBERS`]
/// given twice is named by the detail (`header.alg`): the peers read the last one, so
/// a duplicate `alg` is, to them, a question of which algorithm.
pub(crate) fn parse_header(bytes: &[u8]) -> Result<Map<String, Value>> {
    match parse_with(bytes, &mut ValueBuilder::default(), &mut Probe::new(&[])) {
        Ok(Value::Object(header)) => Ok(header),
        Ok(_) => Err(
            err!(detail = Detail::Object(Segment::Header); Malformed, "the header is not a JSON object"),
        ),
        Err(ParseError::Duplicate { member, message })
            if NAMED_HEADER_MEMBERS.contains(&member.as_str()) =>
        {
            Err(err!(
                detail = Detail::header(member.as_str());
                Malformed,
                "the header is not valid JSON: {message}"
            ))
        }
        Err(ParseError::Json(e) | ParseError::Duplicate { message: e, .. }) => Err(
            err!(detail = Detail::Json(Segment::Header); Malformed, "the header is not valid JSON: {e}"),
        ),
        Err(ParseError::Host(never)) => match never {},
    }
}

/// Header members that change how a token must be read and that nothing here honours:
/// `zip` (a compressed payload, RFC 7516) and `enc` (an encrypted token, JWE). A token
/// carrying one is refused rather than read as if it had none.
pub(crate) const UNSUPPORTED_MEMBERS: [&str; 2] = ["zip", "enc"];

/// `malformed` (detail `header.<member>`) if the header has a member of
/// [`UNSUPPORTED_MEMBERS`].
pub(crate) fn refuse_unsupported_members(header: &Map<String, Value>) -> Result<()> {
    match UNSUPPORTED_MEMBERS
        .iter()
        .find(|member| header.contains_key(**member))
    {
        Some(member) => Err(err!(
            detail = Detail::header(*member);
            Malformed,
            "the header member {member:?} is not supported (no compression or encryption)"
        )),
        None => Ok(()),
    }
}

/// The algorithm of a token header, with every header rule of [`verify`] applied:
/// `alg` a string naming an allowed algorithm (never `none`), `typ` absent or `JWT`, no
/// `crit`, `b64`, `zip` or `enc`.
pub(crate) fn header_algorithm(
    header: &Map<String, Value>,
    allowed: &[Algorithm],
) -> Result<Algorithm> {
    let alg = allowed_algorithm(header, allowed)?;
    refuse_unsupported_members(header)?;
    match header.get("typ") {
        None => {}
        Some(Value::String(typ)) if typ.eq_ignore_ascii_case("JWT") => {}
        Some(_) => {
            return Err(
                err!(detail = Detail::header("typ"); Malformed, "the header's typ is not JWT"),
            )
        }
    }
    for member in ["crit", "b64"] {
        if header.contains_key(member) {
            return Err(err!(
                detail = Detail::header(member);
                Malformed,
                "the header member {member:?} is not supported"
            ));
        }
    }
    Ok(alg)
}

/// The header's `alg`: a string naming an algorithm of `allowed` (never `none`).
pub(crate) fn allowed_algorithm(
    header: &Map<String, Value>,
    allowed: &[Algorithm],
) -> Result<Algorithm> {
    let name = match header.get("alg") {
        Some(Value::String(name)) => name,
        Some(_) => {
            return Err(
                err!(detail = Detail::header("alg"); AlgNotAllowed, "the header's alg is not a string"),
            )
        }
        None => {
            return Err(
                err!(detail = Detail::header("alg"); AlgNotAllowed, "the header has no alg"),
            )
        }
    };
    if name.eq_ignore_ascii_case("none") {
        return Err(err!(
            detail = Detail::header("alg");
            AlgNotAllowed,
            "unsigned tokens (alg {name:?}) are refused"
        ));
    }
    let alg = Algorithm::from_name(name).map_err(|e| e.with_detail(Detail::header("alg")))?;
    if !allowed.contains(&alg) {
        return Err(err!(
            detail = Detail::header("alg");
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
    Ok(alg)
}

fn payload_object(payload: &[u8]) -> Result<Claims> {
    match parse_json(payload) {
        Ok(Value::Object(claims)) => Ok(claims),
        Ok(_) => Err(
            err!(detail = Detail::Object(Segment::Payload); Malformed, "the payload is not a JSON object"),
        ),
        Err(e) => Err(
            err!(detail = Detail::Json(Segment::Payload); Malformed, "the payload is not valid JSON: {e}"),
        ),
    }
}
