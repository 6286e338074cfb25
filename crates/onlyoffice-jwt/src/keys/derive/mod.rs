//! Derived secrets: one master secret, one HKDF-SHA256 subkey per purpose, so that a
//! leaked or misused key of one purpose says nothing about the others. The Document
//! Server's side of them, the `local.json` fragment and its merge, is in [`fragment`].

mod fragment;

use std::fmt;

use hkdf::Hkdf;
use sha2::Sha256;

use crate::error::{err, Result};
use crate::jwt::encoding::b64_encode;
use crate::keys::secret::Secret;

pub use fragment::{merge_fragment, secure_fragment};

/// The HKDF salt: the ASCII bytes `onlyoffice-jwt/v1`.
pub const SALT: &[u8] = b"onlyoffice-jwt/v1";

/// The length of every derived key, in bytes.
pub const KEY_LEN: usize = 32;

/// What a derived key is for; each purpose has its own HKDF label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Purpose {
    /// The Document Server's inbox secret (requests and editor configs it receives).
    Inbox,
    /// The Document Server's outbox secret (callbacks and requests it sends).
    Outbox,
    /// The Document Server's session secret.
    Session,
    /// The connector's signed links.
    Links,
    /// The connector's document keys.
    DocKeys,
}

impl Purpose {
    /// Every purpose, in the order of `derive_secrets`' result.
    pub const ALL: [Purpose; 5] = [
        Purpose::Inbox,
        Purpose::Outbox,
        Purpose::Session,
        Purpose::Links,
        Purpose::DocKeys,
    ];

    /// The purpose's name, also the last part of its HKDF label.
    pub fn name(self) -> &'static str {
        match self {
            Purpose::Inbox => "inbox",
            Purpose::Outbox => "outbox",
            Purpose::Session => "session",
            Purpose::Links => "links",
            Purpose::DocKeys => "doc_keys",
        }
    }

    /// The HKDF `info`: `onlyoffice-jwt/v1/<name>`.
    pub fn info(self) -> String {
        format!("onlyoffice-jwt/v1/{}", self.name())
    }

    /// Whether the Document Server uses this key as a text secret (base64url form).
    pub fn is_ds_secret(self) -> bool {
        matches!(self, Purpose::Inbox | Purpose::Outbox | Purpose::Session)
    }
}

/// The 32 raw bytes derived from `master` for `purpose` (no policy check: callers
/// check the master first, e.g. through a [`Keyring`](crate::Keyring)).
pub fn subkey(master: &Secret, purpose: Purpose) -> Result<Secret> {
    let hkdf = Hkdf::<Sha256>::new(Some(SALT), master.expose());
    let mut okm = zeroize::Zeroizing::new([0u8; KEY_LEN]);
    hkdf.expand(purpose.info().as_bytes(), okm.as_mut())
        .map_err(|_| err!(InvalidInput, "HKDF cannot produce {KEY_LEN} bytes"))?;
    Ok(Secret::new(okm.to_vec()))
}

/// Every derived secret of one master.
#[derive(Clone)]
pub struct DerivedSecrets {
    /// Inbox secret for the Document Server: 43 base64url characters (as text bytes).
    pub inbox: Secret,
    /// Outbox secret for the Document Server: 43 base64url characters (as text bytes).
    pub outbox: Secret,
    /// Session secret for the Document Server: 43 base64url characters (as text bytes).
    pub session: Secret,
    /// The connector's link-signing subkey: 32 raw bytes.
    pub links: Secret,
    /// The connector's document-key subkey: 32 raw bytes.
    pub doc_keys: Secret,
}

impl DerivedSecrets {
    /// The secret of one purpose.
    pub fn get(&self, purpose: Purpose) -> &Secret {
        match purpose {
            Purpose::Inbox => &self.inbox,
            Purpose::Outbox => &self.outbox,
            Purpose::Session => &self.session,
            Purpose::Links => &self.links,
            Purpose::DocKeys => &self.doc_keys,
        }
    }
}

impl fmt::Debug for DerivedSecrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DerivedSecrets([redacted])")
    }
}

/// Derives every secret from `master`, which is first checked with the secret policy
/// (`allow_weak` as for any secret). The derivation is in docs/formats.md.
pub fn derive_secrets(master: &Secret, allow_weak: bool) -> Result<DerivedSecrets> {
    master
        .check(allow_weak)
        .map_err(|e| err!(WeakSecret, "master secret: {}", e.message()))?;
    let ds_text = |purpose| -> Result<Secret> {
        let raw = subkey(master, purpose)?;
        Ok(Secret::new(b64_encode(raw.expose()).into_bytes()))
    };
    Ok(DerivedSecrets {
        inbox: ds_text(Purpose::Inbox)?,
        outbox: ds_text(Purpose::Outbox)?,
        session: ds_text(Purpose::Session)?,
        links: subkey(master, Purpose::Links)?,
        doc_keys: subkey(master, Purpose::DocKeys)?,
    })
}
