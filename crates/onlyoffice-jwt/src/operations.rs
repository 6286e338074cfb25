//! The table of operations: every operation's name, arguments, options and defaults,
//! written once. [`crate::json_api`] takes each call's known options from it; the
//! bindings' signatures — the Python wrappers' text signatures and `.pyi`, the PHP
//! stub, the C header's comments — are checked against it by
//! `tests/operations_table.rs`, so that a default cannot drift in one of them.

use crate::ds::authorization::{DEFAULT_HEADER, DEFAULT_PREFIX};
use crate::ds::request::DEFAULT_REQUEST_TTL;
use crate::jwt::verify::{DEFAULT_LEEWAY, DEFAULT_MAX_SIZE};
use crate::keys::link::DEFAULT_LINK_TTL;

/// An operation of the API (shared/api.md).
#[derive(Debug)]
pub struct Operation {
    /// Its name in every language (`OnlyOffice\Jwt\<name>`, `onlyoffice_jwt.<name>`,
    /// `oojwt_<name>`).
    pub name: &'static str,
    /// The required arguments, in order.
    pub arguments: &'static [&'static str],
    /// Whether it takes a secret (and so the `allow_weak` option).
    pub secret: bool,
    /// Its options, in the order the signatures list them.
    pub options: &'static [Opt],
    /// The bindings that do not have it (they are for facades of one language).
    pub only_in: Option<&'static [&'static str]>,
}

/// An option of an operation.
#[derive(Debug)]
pub struct Opt {
    /// The keyword name (Python), the key of the options array (PHP, C's JSON).
    pub name: &'static str,
    /// Its default.
    pub default: DefaultValue,
    /// Whether the bindings take it as an optional positional argument (Python, and
    /// PHP where the stub says so) rather than a keyword.
    pub positional: bool,
}

/// The default of an option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DefaultValue {
    /// None / null: the option is off or the value is absent.
    None,
    /// A boolean.
    Bool(bool),
    /// A non-negative integer.
    Int(u64),
    /// A string.
    Str(&'static str),
}

const fn opt(name: &'static str, default: DefaultValue) -> Opt {
    Opt {
        name,
        default,
        positional: false,
    }
}

const fn positional(name: &'static str) -> Opt {
    Opt {
        name,
        default: DefaultValue::None,
        positional: true,
    }
}

const NOW: Opt = opt("now", DefaultValue::None);
const ALG: Opt = opt("alg", DefaultValue::Str("HS256"));
const ALGORITHMS: Opt = opt("algorithms", DefaultValue::None);
const LEEWAY: Opt = opt("leeway", DefaultValue::Int(DEFAULT_LEEWAY));
const PREFIX: Opt = opt("prefix", DefaultValue::Str(DEFAULT_PREFIX));
const MAX_SIZE: Opt = opt("max_size", DefaultValue::Int(DEFAULT_MAX_SIZE as u64));
const PYTHON: Option<&[&str]> = Some(&["python"]);

/// Every operation.
pub const OPERATIONS: &[Operation] = &[
    Operation {
        name: "sign",
        arguments: &["claims", "secret"],
        secret: true,
        options: &[
            ALG,
            opt("ttl", DefaultValue::None),
            opt("iat", DefaultValue::Bool(true)),
            NOW,
        ],
        only_in: None,
    },
    Operation {
        name: "sign_jws",
        arguments: &["header", "payload", "secret"],
        secret: true,
        options: &[],
        only_in: None,
    },
    Operation {
        name: "sign_jws_bytes",
        arguments: &["header", "payload", "secret"],
        secret: true,
        options: &[],
        only_in: PYTHON,
    },
    Operation {
        name: "verify",
        arguments: &["token", "secret"],
        secret: true,
        options: &[
            ALGORITHMS,
            LEEWAY,
            opt("verify_exp", DefaultValue::Bool(true)),
            opt("verify_nbf", DefaultValue::Bool(true)),
            opt("verify_iat", DefaultValue::Bool(true)),
            opt("require", DefaultValue::None),
            MAX_SIZE,
            NOW,
        ],
        only_in: None,
    },
    Operation {
        name: "verify_jws",
        arguments: &["token", "secret"],
        secret: true,
        options: &[
            positional("detached_payload"),
            opt("algorithms", DefaultValue::None),
            MAX_SIZE,
        ],
        only_in: PYTHON,
    },
    Operation {
        name: "decode_unverified",
        arguments: &["token"],
        secret: false,
        options: &[],
        only_in: None,
    },
    Operation {
        name: "decode_jws_unverified",
        arguments: &["token"],
        secret: false,
        options: &[MAX_SIZE],
        only_in: PYTHON,
    },
    Operation {
        name: "b64url_decode",
        arguments: &["segment"],
        secret: false,
        options: &[],
        only_in: PYTHON,
    },
    Operation {
        name: "sign_config",
        arguments: &["config", "secret"],
        secret: true,
        options: &[ALG, opt("ttl", DefaultValue::None), NOW],
        only_in: None,
    },
    Operation {
        name: "sign_request",
        arguments: &["body", "secret"],
        secret: true,
        options: &[
            ALG,
            opt("header", DefaultValue::Str(DEFAULT_HEADER)),
            PREFIX,
            opt("ttl", DefaultValue::Int(DEFAULT_REQUEST_TTL)),
            NOW,
        ],
        only_in: None,
    },
    Operation {
        name: "verify_callback",
        arguments: &["body", "secret"],
        secret: true,
        options: &[
            positional("authorization"),
            PREFIX,
            ALGORITHMS,
            LEEWAY,
            opt("expected_key", DefaultValue::None),
            opt("max_size", DefaultValue::None),
            NOW,
        ],
        only_in: None,
    },
    Operation {
        name: "verify_incoming",
        arguments: &["authorization", "secret"],
        secret: true,
        options: &[positional("url"), PREFIX, ALGORITHMS, LEEWAY, NOW],
        only_in: None,
    },
    Operation {
        name: "guard_callback",
        arguments: &["body", "secret", "ds_url"],
        secret: true,
        options: &[
            positional("authorization"),
            opt("ds_internal_url", DefaultValue::None),
            opt("extra_ds_urls", DefaultValue::None),
            PREFIX,
            ALGORITHMS,
            LEEWAY,
            opt("expected_key", DefaultValue::None),
            opt("max_size", DefaultValue::None),
            NOW,
        ],
        only_in: None,
    },
    Operation {
        name: "guard_download",
        arguments: &["authorization", "secret", "target"],
        secret: true,
        options: &[PREFIX, ALGORITHMS, LEEWAY, NOW],
        only_in: None,
    },
    Operation {
        name: "check_download_url",
        arguments: &["url", "ds_url"],
        secret: false,
        options: &[
            positional("ds_internal_url"),
            opt("extra_ds_urls", DefaultValue::None),
        ],
        only_in: None,
    },
    Operation {
        name: "document_key",
        arguments: &["secret", "file_id", "version"],
        secret: true,
        options: &[],
        only_in: None,
    },
    Operation {
        name: "derive_secrets",
        arguments: &["master"],
        secret: true,
        options: &[],
        only_in: None,
    },
    Operation {
        name: "sign_link",
        arguments: &["url", "secret"],
        secret: true,
        options: &[opt("ttl", DefaultValue::Int(DEFAULT_LINK_TTL)), NOW],
        only_in: None,
    },
    Operation {
        name: "verify_link",
        arguments: &["url", "secret"],
        secret: true,
        options: &[NOW],
        only_in: None,
    },
    Operation {
        name: "audit_ds_config",
        arguments: &["local_json_text"],
        secret: false,
        options: &[opt("connector_secret", DefaultValue::None)],
        only_in: None,
    },
];

/// The operation named `name`.
pub fn operation(name: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().find(|operation| operation.name == name)
}

impl Operation {
    /// The names of the options the core reads from a call's options object (the
    /// positional ones included, which the bindings pass in it, but not
    /// `detached_payload`, which is an argument of its own).
    pub fn option_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.options
            .iter()
            .filter(|option| option.name != "detached_payload")
            .map(|option| option.name)
    }
}
