//! JWT and JWS: the HMAC algorithms, strict encodings, signing, verification, and JWS
//! over any bytes for facades. Everything the Document Server's tokens need, and
//! nothing about the Document Server itself.

pub(crate) mod algorithm;
pub(crate) mod clock;
pub(crate) mod encoding;
pub(crate) mod jws;
pub(crate) mod sign;
pub(crate) mod times;
pub(crate) mod verify;

pub use algorithm::Algorithm;
pub use encoding::{b64_decode, b64_encode, nesting_depth, parse_json, to_json, MAX_NESTING};
pub use jws::{decode_jws_unverified, sign_jws_bytes, verify_jws, Jws, JwsOptions};
pub use sign::{sign, sign_jws, Claims, SignOptions};
pub use times::TimeRules;
pub use verify::{
    decode_unverified, decode_unverified_within, verify, Unverified, VerifyOptions, DEFAULT_LEEWAY,
    DEFAULT_MAX_SIZE,
};
