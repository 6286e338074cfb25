//! The Document Server protocol: editor configs, requests to its services and their
//! replies, its callbacks and requests to the connector, and the guard on the URLs it
//! names. Built on [`crate::jwt`] and [`crate::keys`].

pub(crate) mod authorization;
pub(crate) mod callback;
pub(crate) mod config;
pub(crate) mod download_url;
pub(crate) mod ds_reply;
pub(crate) mod guard;
pub(crate) mod incoming;
pub(crate) mod js_reading;
pub(crate) mod request;
pub(crate) mod urls;

pub use authorization::{DEFAULT_HEADER, DEFAULT_PREFIX};
pub use callback::{verify_callback, Callback, CallbackOptions, Status};
pub use config::{check_config, sign_config, ConfigOptions};
pub use download_url::check_download_url;
pub use ds_reply::{explain as explain_ds_reply, DsReply, Service, REPLIES};
pub use guard::{
    guard_callback, guard_download, CallbackGuardOptions, GuardedCallback, FETCHED_MEMBERS,
};
pub use incoming::{verify_incoming, IncomingOptions};
pub use js_reading::MAX_SAFE_INTEGER;
pub use request::{
    sign_request, RequestOptions, SignedRequest, DEFAULT_REQUEST_TTL, MAX_HEADER_TOKEN_LEN,
};
pub use urls::MAX_URL_LEN;
