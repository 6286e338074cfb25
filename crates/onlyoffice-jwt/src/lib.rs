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
//! The Document Server protocol, one module per concern: [`config`] (editor configs),
//! [`request`] (command/conversion/docbuilder requests), [`callback`] (save
//! callbacks: only signed claims, typed), [`incoming`] (the DS's requests to the
//! connector), [`download_url`] (the SSRF guard for callback URLs), [`document_key`](mod@document_key),
//! [`derive`](mod@derive) (HKDF subkeys per purpose), [`link`] (expiring signed links) and
//! [`ds_reply`] (what the DS's error codes mean). Byte formats: `docs/formats.md`.
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

pub mod algorithm;
pub mod audit;
pub mod authorization;
pub mod callback;
pub mod clock;
pub mod config;
pub mod derive;
pub mod document_key;
pub mod download_url;
pub mod ds_reply;
pub mod encoding;
pub mod error;
pub mod host;
pub mod incoming;
pub mod json_api;
pub mod jws;
pub mod link;
pub mod operations;
pub mod regular_file;
pub mod request;
pub mod secret;
pub mod sign;
pub mod urls;
pub mod verify;

pub use algorithm::Algorithm;
pub use audit::{audit_ds_config, AuditOptions, Finding, Severity};
pub use callback::{verify_callback, Callback, CallbackOptions, Status};
pub use config::{sign_config, ConfigOptions};
pub use derive::{derive_secrets, DerivedSecrets, Purpose};
pub use document_key::document_key;
pub use download_url::check_download_url;
pub use ds_reply::{explain as explain_ds_reply, DsReply, Service};
pub use error::{Error, ErrorKind, Result};
pub use incoming::{verify_incoming, IncomingOptions};
pub use jws::{decode_jws_unverified, sign_jws_bytes, verify_jws, Jws, JwsOptions};
pub use link::{sign_link, verify_link, LinkOptions};
pub use request::{sign_request, RequestOptions, SignedRequest};
pub use secret::{Keyring, Secret};
pub use sign::{sign, sign_jws, Claims, SignOptions};
pub use verify::{decode_unverified, verify, Unverified, VerifyOptions};
