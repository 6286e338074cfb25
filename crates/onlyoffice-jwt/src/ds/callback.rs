//! Callbacks: the Document Server's POST to the connector's `callbackUrl`, signed
//! with the outbox secret. Only signed claims are ever returned.

use std::fmt;

use serde_json::Value;

use crate::ds::authorization::{header_token, unwrap_payload, DEFAULT_PREFIX};
use crate::error::{err, Result};
use crate::jwt::algorithm::Algorithm;
use crate::jwt::encoding::parse_json;
use crate::jwt::sign::Claims;
use crate::jwt::verify::{verify, VerifyOptions, DEFAULT_LEEWAY};
use crate::keys::secret::Keyring;

/// Options of [`verify_callback`]. `Debug` never shows the header value (a token).
#[derive(Clone, PartialEq, Eq)]
pub struct CallbackOptions {
    /// The request's header value carrying a token, if any (e.g. `Authorization`).
    pub authorization: Option<String>,
    /// The header value's prefix (default `Bearer `, case-sensitive).
    pub prefix: String,
    /// The accepted algorithms (default HS256, HS384 and HS512, as the Document Server
    /// may sign with any; pin its `services.CoAuthoring.token.outbox.algorithm`).
    pub algorithms: Vec<Algorithm>,
    /// Clock tolerance in seconds (default [`DEFAULT_LEEWAY`](crate::jwt::DEFAULT_LEEWAY)).
    pub leeway: u64,
    /// The document key the connector expects; a different signed key is refused.
    pub expected_key: Option<String>,
    /// Largest accepted body (and token), in bytes. Default `None`: no limit, because
    /// the Document Server puts none on a callback (a long `history` rides in the body
    /// token and passes 1 MiB) and the body is already in the connector's memory; the
    /// web server's own request limit is the bound. Set one to refuse larger bodies.
    pub max_size: Option<usize>,
    /// The clock, in seconds since the epoch (default: the system clock).
    pub now: Option<i64>,
}

impl Default for CallbackOptions {
    fn default() -> CallbackOptions {
        CallbackOptions {
            authorization: None,
            prefix: DEFAULT_PREFIX.to_owned(),
            algorithms: Algorithm::ALL.to_vec(),
            leeway: DEFAULT_LEEWAY,
            expected_key: None,
            max_size: None,
            now: None,
        }
    }
}

impl fmt::Debug for CallbackOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallbackOptions")
            .field(
                "authorization",
                &self
                    .authorization
                    .as_ref()
                    .map(|value| format!("[redacted; {} bytes]", value.len())),
            )
            .field("prefix", &self.prefix)
            .field("algorithms", &self.algorithms)
            .field("leeway", &self.leeway)
            .field("expected_key", &self.expected_key)
            .field("max_size", &self.max_size)
            .field("now", &self.now)
            .finish()
    }
}

/// The callback statuses of the Document Server.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Status {
    /// 1: the document is being edited.
    Editing,
    /// 2: the document is ready for saving (all editors closed it).
    ReadyForSaving,
    /// 3: an error occurred while saving.
    SaveError,
    /// 4: the document was closed without changes.
    ClosedWithoutChanges,
    /// 5: one record of a mail merge is ready: `url` is the merged file of that
    /// record (not the edited document), `mailMerge` describes it.
    MailMerge,
    /// 6: the document is being edited, its current state is saved (force-save).
    ForceSave,
    /// 7: an error occurred while force-saving.
    ForceSaveError,
}

impl Status {
    /// The status with this number, if the Document Server defines it.
    pub fn from_code(code: i64) -> Option<Status> {
        match code {
            1 => Some(Status::Editing),
            2 => Some(Status::ReadyForSaving),
            3 => Some(Status::SaveError),
            4 => Some(Status::ClosedWithoutChanges),
            5 => Some(Status::MailMerge),
            6 => Some(Status::ForceSave),
            7 => Some(Status::ForceSaveError),
            _ => None,
        }
    }

    /// The status number.
    pub fn code(self) -> i64 {
        match self {
            Status::Editing => 1,
            Status::ReadyForSaving => 2,
            Status::SaveError => 3,
            Status::ClosedWithoutChanges => 4,
            Status::MailMerge => 5,
            Status::ForceSave => 6,
            Status::ForceSaveError => 7,
        }
    }

    /// Whether the callback carries the edited document to store (`url`): statuses 2
    /// and 6 (status 5's `url` is a mail-merge result, not the document).
    pub fn has_document(self) -> bool {
        matches!(self, Status::ReadyForSaving | Status::ForceSave)
    }
}

/// A verified callback: typed views of the known members, and every signed claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Callback {
    /// The document key.
    pub key: String,
    /// The status.
    pub status: Status,
    /// The edited document's URL in the Document Server's cache (statuses 2, 3, 6, 7).
    pub url: Option<String>,
    /// The URL of the changes archive.
    pub changesurl: Option<String>,
    /// The version history object.
    pub history: Option<Value>,
    /// The user ids of the editors.
    pub users: Option<Vec<String>>,
    /// The users' actions (connects, disconnects).
    pub actions: Option<Value>,
    /// The force-save type (0 command, 1 button, 2 timer, 3 form submit).
    pub forcesavetype: Option<i64>,
    /// The edited document's file type.
    pub filetype: Option<String>,
    /// The mail-merge description of a status-5 callback (`mailMerge`: `from`, `to`,
    /// `subject`, `message`, `title`, `type`, `recordCount`, `recordIndex`,
    /// `recordErrorCount`).
    pub mail_merge: Option<Claims>,
    /// The `userdata` the connector passed to a force-save command, echoed as it was
    /// sent (usually a string; the Document Server does not check its type).
    pub userdata: Option<Value>,
    /// The URL of the submitted form's data (`formsdataurl`, form submission).
    pub formsdataurl: Option<String>,
    /// When the document was last saved (`lastsave`, ISO 8601), on force-save.
    pub lastsave: Option<String>,
    /// Whether the document is unchanged since the last save (`notmodified`).
    pub notmodified: Option<bool>,
    /// Whether the document is encrypted (`encrypted`).
    pub encrypted: Option<bool>,
    /// Every signed claim (the `payload` members for a wrapped token).
    pub claims: Claims,
}

/// Verifies a callback from its raw body and header.
///
/// A body `token` wins, and its failure is final. Otherwise the header token is used:
/// no header → `missing_token`, no prefix → `malformed`. A `payload` object is
/// unwrapped. Unsigned body members are never used.
pub fn verify_callback(
    body: &[u8],
    keyring: &Keyring,
    options: &CallbackOptions,
) -> Result<Callback> {
    verify_callback_body(body, keyring, options).map(|(_, callback)| callback)
}

/// [`verify_callback`], also returning the plain body it parsed (for the guard, which
/// compares it with the signed claims).
pub(crate) fn verify_callback_body(
    body: &[u8],
    keyring: &Keyring,
    options: &CallbackOptions,
) -> Result<(Claims, Callback)> {
    if let Some(max_size) = options.max_size.filter(|max| body.len() > *max) {
        return Err(err!(
            TooLarge,
            "the callback body is {} bytes long; the limit is {max_size}",
            body.len()
        ));
    }
    let body = match parse_json(body) {
        Ok(Value::Object(body)) => body,
        Ok(_) => return Err(err!(Malformed, "the callback body is not a JSON object")),
        Err(e) => return Err(err!(Malformed, "the callback body is not valid JSON: {e}")),
    };
    let token = match body.get("token") {
        Some(Value::String(token)) => token.as_str(),
        Some(_) => return Err(err!(Malformed, "the body's token is not a string")),
        None => header_token(options.authorization.as_deref(), &options.prefix)?,
    };
    // As the Document Server verifies: `exp`/`nbf` with the leeway, `iat` ignored.
    let verify_options = VerifyOptions {
        algorithms: options.algorithms.clone(),
        leeway: options.leeway,
        verify_iat: false,
        max_size: options.max_size.unwrap_or(usize::MAX),
        now: options.now,
        ..VerifyOptions::default()
    };
    let claims = unwrap_payload(verify(token, keyring, &verify_options)?)?;
    let callback = Callback::from_claims(claims)?;
    if let Some(expected) = &options.expected_key {
        if &callback.key != expected {
            return Err(err!(
                KeyMismatch,
                "the signed document key {:?} is not the expected {:?}",
                crate::jwt::algorithm::truncate(&callback.key),
                crate::jwt::algorithm::truncate(expected)
            ));
        }
    }
    Ok((body, callback))
}

impl Callback {
    /// The typed view of verified claims: `key` a string and `status` a known code
    /// (absent → `missing_claim`, wrong → `invalid_claim`); the optional members, when
    /// present, of their documented types (else `invalid_claim`).
    pub fn from_claims(claims: Claims) -> Result<Callback> {
        let key = match claims.get("key") {
            Some(Value::String(key)) => key.clone(),
            Some(_) => return Err(err!(InvalidClaim, "the key claim is not a string")),
            None => return Err(err!(MissingClaim, "the callback has no key claim")),
        };
        let status = match claims.get("status") {
            Some(value) => value.as_i64().and_then(Status::from_code).ok_or_else(|| {
                err!(
                    InvalidClaim,
                    "the status claim is not an integer from 1 to 7"
                )
            })?,
            None => return Err(err!(MissingClaim, "the callback has no status claim")),
        };
        let string = |name: &str| -> Result<Option<String>> {
            match claims.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(text)) => Ok(Some(text.clone())),
                Some(_) => Err(err!(InvalidClaim, "the {name} claim is not a string")),
            }
        };
        let boolean = |name: &str| -> Result<Option<bool>> {
            match claims.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::Bool(flag)) => Ok(Some(*flag)),
                Some(_) => Err(err!(InvalidClaim, "the {name} claim is not true or false")),
            }
        };
        let mail_merge = match claims.get("mailMerge") {
            None | Some(Value::Null) => None,
            Some(Value::Object(members)) => Some(members.clone()),
            Some(_) => return Err(err!(InvalidClaim, "the mailMerge claim is not an object")),
        };
        let users = match claims.get("users") {
            None | Some(Value::Null) => None,
            Some(Value::Array(items)) => Some(
                items
                    .iter()
                    .map(|item| match item {
                        Value::String(user) => Ok(user.clone()),
                        _ => Err(err!(
                            InvalidClaim,
                            "the users claim is not a list of strings"
                        )),
                    })
                    .collect::<Result<Vec<_>>>()?,
            ),
            Some(_) => return Err(err!(InvalidClaim, "the users claim is not a list")),
        };
        let forcesavetype =
            match claims.get("forcesavetype") {
                None | Some(Value::Null) => None,
                Some(value) => Some(value.as_i64().ok_or_else(|| {
                    err!(InvalidClaim, "the forcesavetype claim is not an integer")
                })?),
            };
        Ok(Callback {
            key,
            status,
            url: string("url")?,
            changesurl: string("changesurl")?,
            history: claims.get("history").filter(|v| !v.is_null()).cloned(),
            users,
            actions: claims.get("actions").filter(|v| !v.is_null()).cloned(),
            forcesavetype,
            filetype: string("filetype")?,
            mail_merge,
            userdata: claims.get("userdata").filter(|v| !v.is_null()).cloned(),
            formsdataurl: string("formsdataurl")?,
            lastsave: string("lastsave")?,
            notmodified: boolean("notmodified")?,
            encrypted: boolean("encrypted")?,
            claims,
        })
    }
}
