//! # onlyoffice-jwt
//!
//! Every security-sensitive step of an ONLYOFFICE Docs connector, done once and
//! strictly: JWT signing and verification (HS256/HS384/HS512 only), secrets that are
//! zeroized and never printed, and the Document Server protocol on top of them.
//!
//! ```
//! use onlyoffice_jwt::{sign, verify, Claims, Keyring, SignOptions, VerifyOptions};
//!
//! let keyring = Keyring::new("a-random-secret-of-at-least-32-bytes", false)?;
//! let mut claims = Claims::new();
//! claims.insert("key".into(), "Khirz6zTPdfd7".into());
//! let token = sign(&claims, &keyring, &SignOptions { ttl: Some(300), ..Default::default() })?;
//! let verified = verify(&token, &keyring, &VerifyOptions::default())?;
//! assert_eq!(verified["key"], "Khirz6zTPdfd7");
//! # Ok::<(), onlyoffice_jwt::Error>(())
//! ```
//!
//! The crate is grouped by concern, each group a module with its own chosen surface,
//! and the items most callers need re-exported here: [`jwt`] (algorithms, strict
//! encodings, sign, verify, JWS over any bytes), [`ds`] (the Document Server protocol:
//! editor configs, requests and their replies, callbacks, the DS's requests to the
//! connector, the guard on the URLs it names), [`keys`] (keyrings, HKDF subkeys,
//! document keys, signed links) and [`audit`] (a Document Server `local.json` judged).
//! The table of operations and error kinds is the crate `onlyoffice-jwt-table`; what
//! exists only for the bindings and the CLI (the entry point `json_api::call`, the
//! seam `json` to their own values) is in [`internal`], outside the stable API. Byte
//! formats: `docs/formats.md`; the API in every language: `docs/api.md`.
//!
//! ```
//! use onlyoffice_jwt::{check_download_url, verify_callback, CallbackOptions, Keyring};
//!
//! let outbox = Keyring::new("the-document-server-outbox-secret!", false)?;
//! let body = br#"{"key":"Khirz6zTPdfd7","status":4}"#; // no token: refused
//! let err = verify_callback(body, &outbox, &CallbackOptions::default()).unwrap_err();
//! assert_eq!(err.kind().name(), "missing_token");
//! let fetch = check_download_url(
//!     "https://ds.example/cache/files/data/k_1/output.docx?md5=x&expires=1",
//!     "https://ds.example/",
//!     Some("http://ds-internal:8000/"),
//!     &[],
//! )?;
//! assert_eq!(fetch, "http://ds-internal:8000/cache/files/data/k_1/output.docx?md5=x&expires=1");
//! # Ok::<(), onlyoffice_jwt::Error>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod audit;
pub mod ds;
mod error;
mod json;
mod json_api;
pub mod jwt;
pub mod keys;
pub mod regular_file;

/// For the bindings and the CLI only, not part of the stable API: the entry point
/// [`json_api::call`](internal::json_api::call) with its options and arguments, the
/// seam [`json`](internal::json) between the core's JSON rules and a host's own values,
/// and the [`table`](internal::table) of operations.
#[doc(hidden)]
pub mod internal {
    /// The seam between the core's JSON rules and a host's own values: parse, build,
    /// write.
    pub mod json {
        pub use crate::json::*;
    }
    /// The entry point of the bindings and the vector runners.
    pub mod json_api {
        pub use crate::json_api::*;
    }
    pub use onlyoffice_jwt_table as table;
}

pub use audit::{audit_ds_config, AuditOptions, Finding, Severity};
pub use ds::{
    check_download_url, explain_ds_reply, sign_config, sign_request, verify_callback,
    verify_incoming, Callback, CallbackOptions, ConfigOptions, DsReply, IncomingOptions,
    RequestOptions, Service, SignedRequest, Status,
};
pub use error::{Error, ErrorKind, Result};
pub use jwt::{
    decode_jws_unverified, decode_unverified, sign, sign_jws, sign_jws_bytes, verify, verify_jws,
    Algorithm, Claims, Jws, JwsOptions, SignOptions, TimeRules, Unverified, VerifyOptions,
};
pub use keys::{
    derive_secrets, document_key, sign_link, verify_link, DerivedSecrets, Keyring, LinkOptions,
    Purpose, Secret,
};
