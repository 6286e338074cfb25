//! The operations: for each, its name, arguments, options (type, default, meaning),
//! result, the bindings that have it and its documentation. The core reads a call's
//! options through [`Opt`] (so that a default exists once); the bindings' wrappers and
//! stubs are made from [`OPERATIONS`] by [`crate::render`].

/// The defaults of the options that have one, each written once.
pub mod defaults {
    /// `leeway`: seconds of clock skew accepted on `exp`, `nbf` and `iat`.
    pub const LEEWAY: u64 = 60;
    /// `max_size`: the largest token `verify` reads, in bytes (1 MiB).
    pub const MAX_SIZE: u64 = 1 << 20;
    /// `prefix`: what precedes the token in a header value.
    pub const PREFIX: &str = "Bearer ";
    /// `header`: the header that carries a request's token.
    pub const HEADER: &str = "Authorization";
    /// `alg`: the algorithm that signs.
    pub const ALG: &str = "HS256";
    /// `ttl` of `sign_request`: the Document Server's own lifetime of a request token.
    pub const REQUEST_TTL: u64 = 300;
    /// `ttl` of `sign_link`: the lifetime of a signed connector link.
    pub const LINK_TTL: u64 = 900;
    /// `time_rules`: how `verify` compares the time claims with the clock.
    pub const TIME_RULES: &str = "precise";
}

/// How a binding takes an argument, and what the core receives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ArgKind {
    /// Claims to sign: a JSON object (a binding may write it to JSON text itself).
    Claims,
    /// A JSON object (a config, a request body); an empty PHP array is `{}`.
    Object,
    /// Text (Python: `str` or UTF-8 `bytes`).
    Text,
    /// Text or null: a header value the request may not have.
    OptionalText,
    /// Bytes (Python: `bytes`, `bytearray` or `str`): a request body.
    Bytes,
    /// Bytes or null, optional (a trailing argument whose default is null).
    OptionalBytes,
    /// One secret or a list of them (the first signs, all verify); the call's
    /// `allow_weak` applies.
    Secrets,
    /// Exactly one secret.
    Secret,
    /// A string or an integer (written in decimal).
    StringOrInt,
}

/// The type of an option's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OptKind {
    /// `true` or `false`.
    Bool,
    /// A non-negative integer of seconds.
    Seconds,
    /// A non-negative integer of bytes.
    Bytes,
    /// An integer of Unix seconds (the clock, pinned).
    Time,
    /// A string.
    Text,
    /// A list of strings.
    Texts,
    /// One algorithm name: `HS256`, `HS384` or `HS512`.
    Algorithm,
    /// A non-empty list of algorithm names.
    Algorithms,
    /// A secret given as a string.
    Secret,
}

/// The default of an option: what an absent option, or one given as null, means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Default {
    /// No value: the option is off, or its absence has a meaning of its own that its
    /// documentation gives.
    None,
    /// A boolean.
    Bool(bool),
    /// A non-negative integer.
    Int(u64),
    /// A string.
    Str(&'static str),
}

/// The binding an option or an operation is limited to (none: every binding).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Binding {
    /// The Python module (for its PyJWT facade).
    Python,
    /// The PHP extension.
    Php,
}

/// An option of an operation.
#[derive(Clone, Copy, Debug)]
pub struct Opt {
    /// The keyword name (Python), the options array's key (PHP), the options
    /// object's member (C and the CLI's JSON).
    pub name: &'static str,
    /// The type of its value.
    pub kind: OptKind,
    /// Its default.
    pub default: Default,
    /// Whether Python also takes it as an optional positional argument, after the
    /// arguments.
    pub positional: bool,
    /// The binding that has it, if only one does (the core refuses it).
    pub only_in: Option<Binding>,
    /// Whether its value is a credential (a token, a secret): PHP hides the options
    /// array from stack traces.
    pub sensitive: bool,
    /// Whether an explicit null means something else than the default (its
    /// documentation says what).
    pub nullable: bool,
    /// What it does, in a phrase.
    pub doc: &'static str,
}

impl Opt {
    const fn new(name: &'static str, kind: OptKind, default: Default, doc: &'static str) -> Opt {
        Opt {
            name,
            kind,
            default,
            positional: false,
            only_in: None,
            sensitive: false,
            nullable: false,
            doc,
        }
    }

    /// The same option, taken positionally by Python.
    const fn positional(self) -> Opt {
        Opt {
            positional: true,
            ..self
        }
    }

    /// The same option, holding a credential.
    const fn sensitive(self) -> Opt {
        Opt {
            sensitive: true,
            ..self
        }
    }

    /// The default as a boolean (`false` when the option has none).
    pub const fn default_bool(&self) -> bool {
        matches!(self.default, Default::Bool(true))
    }

    /// The default as an integer, if it is one.
    pub const fn default_int(&self) -> Option<u64> {
        match self.default {
            Default::Int(n) => Some(n),
            _ => None,
        }
    }

    /// The default as a string, if it is one.
    pub const fn default_str(&self) -> Option<&'static str> {
        match self.default {
            Default::Str(text) => Some(text),
            _ => None,
        }
    }
}

/// The options, each declared once; an operation lists those it takes.
pub mod opts {
    use super::{defaults, Binding, Default, Opt, OptKind};

    /// `allow_weak`: accepted by every operation that takes a secret.
    pub const ALLOW_WEAK: Opt = Opt::new(
        "allow_weak",
        OptKind::Bool,
        Default::Bool(false),
        "accept a secret shorter than 32 bytes, the default `secret` or a guessable one \
         (while it is being replaced)",
    );
    /// `alg`.
    pub const ALG: Opt = Opt::new(
        "alg",
        OptKind::Algorithm,
        Default::Str(defaults::ALG),
        "the algorithm that signs: HS256, HS384 or HS512",
    );
    /// `algorithms`.
    pub const ALGORITHMS: Opt = Opt::new(
        "algorithms",
        OptKind::Algorithms,
        Default::None,
        "the algorithms accepted, never empty (none given: HS256, HS384 and HS512)",
    );
    /// `ttl` of `sign` and `sign_config`.
    pub const TTL: Opt = Opt::new(
        "ttl",
        OptKind::Seconds,
        Default::None,
        "seconds of validity: adds `exp` = now + ttl (none given: no `exp`)",
    );
    /// `ttl` of `sign_request`.
    pub const REQUEST_TTL: Opt = Opt {
        nullable: true,
        ..Opt::new(
            "ttl",
            OptKind::Seconds,
            Default::Int(defaults::REQUEST_TTL),
            "seconds of validity of both tokens (`exp` = `iat` + ttl); an explicit null \
             signs without `exp`, 0 is refused",
        )
    };
    /// `ttl` of `sign_link`.
    pub const LINK_TTL: Opt = Opt::new(
        "ttl",
        OptKind::Seconds,
        Default::Int(defaults::LINK_TTL),
        "seconds until the link expires",
    );
    /// `iat`.
    pub const IAT: Opt = Opt::new(
        "iat",
        OptKind::Bool,
        Default::Bool(true),
        "add `iat`, the time of signing",
    );
    /// `now`.
    pub const NOW: Opt = Opt::new(
        "now",
        OptKind::Time,
        Default::None,
        "the clock, in Unix seconds, for tests (none given: the system clock)",
    );
    /// `leeway`.
    pub const LEEWAY: Opt = Opt::new(
        "leeway",
        OptKind::Seconds,
        Default::Int(defaults::LEEWAY),
        "seconds of clock skew accepted on `exp`, `nbf` and `iat`",
    );
    /// `verify_exp`.
    pub const VERIFY_EXP: Opt = Opt::new(
        "verify_exp",
        OptKind::Bool,
        Default::Bool(true),
        "check `exp` (its type is checked either way)",
    );
    /// `verify_nbf`.
    pub const VERIFY_NBF: Opt = Opt::new(
        "verify_nbf",
        OptKind::Bool,
        Default::Bool(true),
        "check `nbf` (its type is checked either way)",
    );
    /// `verify_iat`.
    pub const VERIFY_IAT: Opt = Opt::new(
        "verify_iat",
        OptKind::Bool,
        Default::Bool(true),
        "refuse an `iat` in the future (its type is checked either way)",
    );
    /// `time_rules`.
    pub const TIME_RULES: Opt = Opt::new(
        "time_rules",
        OptKind::Text,
        Default::Str(defaults::TIME_RULES),
        "how the time claims meet the clock: `precise` (each at its own precision), \
         `pyjwt` or `firebase` (their rules, for the facades: docs/formats.md)",
    );
    /// `require`.
    pub const REQUIRE: Opt = Opt::new(
        "require",
        OptKind::Texts,
        Default::None,
        "claims that must be present",
    );
    /// `max_size` of `verify` and the JWS operations.
    pub const MAX_SIZE: Opt = Opt::new(
        "max_size",
        OptKind::Bytes,
        Default::Int(defaults::MAX_SIZE),
        "the largest token accepted, in bytes",
    );
    /// `max_size` of the callback operations.
    pub const CALLBACK_MAX_SIZE: Opt = Opt::new(
        "max_size",
        OptKind::Bytes,
        Default::None,
        "the largest body accepted, in bytes (none given: no limit, as the Document \
         Server posts callbacks over 1 MiB)",
    );
    /// `header` of `sign_request`.
    pub const HEADER: Opt = Opt::new(
        "header",
        OptKind::Text,
        Default::Str(defaults::HEADER),
        "the header that carries the token (the Document Server's `token.inbox.header`)",
    );
    /// `prefix`.
    pub const PREFIX: Opt = Opt::new(
        "prefix",
        OptKind::Text,
        Default::Str(defaults::PREFIX),
        "what precedes the token in the header value",
    );
    /// `authorization`.
    pub const AUTHORIZATION: Opt = Opt::new(
        "authorization",
        OptKind::Text,
        Default::None,
        "the value of the header that may carry the token, used when the body has none",
    )
    .positional()
    .sensitive();
    /// `expected_key`.
    pub const EXPECTED_KEY: Opt = Opt::new(
        "expected_key",
        OptKind::Text,
        Default::None,
        "the document key the connector expects: the signed `key` must equal it",
    );
    /// `url` of `verify_incoming`.
    pub const URL: Opt = Opt::new(
        "url",
        OptKind::Text,
        Default::None,
        "the URL of this request: the signed `url` must name it",
    )
    .positional();
    /// `ds_internal_url`.
    pub const DS_INTERNAL_URL: Opt = Opt::new(
        "ds_internal_url",
        OptKind::Text,
        Default::None,
        "the Document Server as the connector reaches it, when not by `ds_url`",
    );
    /// `ds_internal_url`, taken positionally by `check_download_url`.
    pub const DS_INTERNAL_URL_POSITIONAL: Opt = DS_INTERNAL_URL.positional();
    /// `extra_ds_urls`.
    pub const EXTRA_DS_URLS: Opt = Opt::new(
        "extra_ds_urls",
        OptKind::Texts,
        Default::None,
        "further allowed bases, such as the origin of the DS's `storage.externalHost`",
    );
    /// `connector_secret`.
    pub const CONNECTOR_SECRET: Opt = Opt::new(
        "connector_secret",
        OptKind::Secret,
        Default::None,
        "the connector's secret: the Document Server's must match it",
    )
    .sensitive();
    /// `objects` (PHP only).
    pub const OBJECTS: Opt = Opt {
        only_in: Some(Binding::Php),
        ..Opt::new(
            "objects",
            OptKind::Bool,
            Default::Bool(false),
            "the claims as `stdClass` objects, as `json_decode($json, false, 512, \
             JSON_BIGINT_AS_STRING)` gives them",
        )
    };
}

/// An argument of an operation.
#[derive(Clone, Copy, Debug)]
pub struct Argument {
    /// Its name (Python's parameter name, PHP's, C's).
    pub name: &'static str,
    /// How it is taken.
    pub kind: ArgKind,
    /// Whether it holds a credential (a token, a body carrying one, a signed link, a
    /// configuration with secrets): PHP hides it from stack traces. Secrets always do.
    pub sensitive: bool,
}

impl Argument {
    /// Whether it holds a credential.
    pub fn is_sensitive(&self) -> bool {
        self.sensitive || matches!(self.kind, ArgKind::Secrets | ArgKind::Secret)
    }
}

/// The shape of an operation's result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Returns {
    /// A compact token (a string).
    Token,
    /// A string: a URL, a document key.
    Text,
    /// The verified claims: an object (PHP: also as `stdClass`, option `objects`).
    Claims,
    /// An object of claims or config members.
    Object,
    /// `{"header": object, "claims": object}`.
    Decoded,
    /// `{"body": object, "headers": {name: value}, "header_omitted": bool}`.
    SignedRequest,
    /// `{"claims": object, "fetch": {member: URL}}`.
    GuardedCallback,
    /// `{"inbox", "outbox", "session", "links", "doc_keys"}`, each a string.
    DerivedSecrets,
    /// A list of findings `{severity, code, path, message, fix}`.
    Findings,
    /// Bytes.
    Bytes,
    /// A JWS's parts: `{"header": object, "payload": bytes, "signature": bytes}`.
    JwsParts,
}

const fn arg(name: &'static str, kind: ArgKind, sensitive: bool) -> Argument {
    Argument {
        name,
        kind,
        sensitive,
    }
}

/// Declares the operations: [`Op`], and [`OPERATIONS`] in the same order.
macro_rules! operations {
    ($(
        $(#[doc = $doc:literal])+
        $op:ident $name:literal ($($(#[$sensitive:ident])? $arg:ident: $kind:ident),*)
            -> $returns:ident
            [$($opt:ident),*] $(only $only:ident)?;
    )+) => {
        /// An operation, by identifier.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Op {
            $($(#[doc = $doc])+ $op,)+
        }

        /// Every operation's declaration, in [`Op`] order.
        pub static OPERATIONS: &[Operation] = &[$(
            Operation {
                op: Op::$op,
                name: $name,
                doc: concat!($($doc, "\n"),+),
                arguments: &[$(
                    arg(stringify!($arg), ArgKind::$kind, operations!(@flag $($sensitive)?))
                ),*],
                options: &[$(opts::$opt),*],
                returns: Returns::$returns,
                only_in: operations!(@only $($only)?),
            },
        )+];
    };
    (@flag) => { false };
    (@flag sensitive) => { true };
    (@only) => { None };
    (@only $only:ident) => { Some(Binding::$only) };
}

operations! {
    /// Signs claims and returns the compact JWT. Adds `iat` (option `iat`) and, with
    /// `ttl`, `exp` = now + ttl.
    Sign "sign" (claims: Claims, secret: Secrets) -> Token [ALG, TTL, IAT, NOW];
    /// Signs a header and a payload given as JSON texts, byte for byte, and returns the
    /// compact JWT: for a facade that must reproduce another library's tokens. The
    /// header must be an object with an HS `alg`, `typ` absent or `JWT`, no
    /// `crit`/`b64`; the payload an object.
    SignJws "sign_jws" (header: Text, payload: Text, secret: Secrets) -> Token [];
    /// Signs a header given as JSON text and a payload of any bytes, and returns the
    /// compact JWS: for a facade of a JWS library whose payloads need not be JSON. The
    /// header rules are those of `sign_jws`.
    SignJwsBytes "sign_jws_bytes" (header: Text, payload: Bytes, secret: Secrets) -> Token []
        only Python;
    /// Verifies a compact JWT strictly and returns its claims: the structure, the
    /// header, the signature in constant time, then the time claims (`nbf`, `iat`,
    /// `exp`, by `time_rules`), then the required claims. Raises the error of the first
    /// check that failed.
    Verify "verify" (#[sensitive] token: Text, secret: Secrets) -> Claims
        [ALGORITHMS, LEEWAY, VERIFY_EXP, VERIFY_NBF, VERIFY_IAT, REQUIRE, MAX_SIZE, NOW, TIME_RULES, OBJECTS];
    /// Verifies a compact JWS whose payload is any bytes: structure, header and
    /// signature, nothing about the payload. `detached_payload` is the payload of a
    /// token whose header says `"b64": false` (RFC 7797).
    VerifyJws "verify_jws" (#[sensitive] token: Text, secret: Secrets, detached_payload: OptionalBytes)
        -> JwsParts [ALGORITHMS, MAX_SIZE] only Python;
    /// The parts of a compact JWS whose payload is any bytes, **nothing verified** but
    /// its structure.
    DecodeJwsUnverified "decode_jws_unverified" (token: Text) -> JwsParts [MAX_SIZE]
        only Python;
    /// The bytes of one token segment, decoded as the core decodes tokens: canonical
    /// unpadded base64url only.
    B64urlDecode "b64url_decode" (segment: Text) -> Bytes [] only Python;
    /// The header and claims of a compact JWT, `{"header": …, "claims": …}`, **nothing
    /// verified**: for inspection and logging only.
    DecodeUnverified "decode_unverified" (#[sensitive] token: Text) -> Decoded [MAX_SIZE];
    /// Signs an editor config for the Document Server and returns it with `token` added
    /// last. Refuses a config the Document Server would reject or read otherwise than
    /// written: no `document.key` of `[0-9A-Za-z._=-]{1,128}`, no `document.url`, a
    /// top-level `url`, `payload` or `key`, a `__proto__` member, an integer beyond
    /// ±(2^53 − 1).
    SignConfig "sign_config" (config: Object, secret: Secrets) -> Object [ALG, TTL, NOW];
    /// Signs a request body for the command, conversion or docbuilder service:
    /// `{"body": {…, "token"}, "headers": {header: prefix + token}, "header_omitted":
    /// false}`, the header token carrying `{"payload": body}`. When that token would
    /// reach 7168 characters, `headers` is empty and `header_omitted` true: send the
    /// body alone (the Document Server reads the body token first). A body with a
    /// `payload` or `query` member is refused.
    SignRequest "sign_request" (body: Object, secret: Secrets) -> SignedRequest
        [ALG, HEADER, PREFIX, REQUEST_TTL, NOW];
    /// Verifies a save callback of the Document Server and returns its signed claims
    /// only: the body's `token` first, else the `authorization` header value; a
    /// `payload` claim is unwrapped; `key` and `status` must be signed. As the Document
    /// Server: `iat` is never a reason to refuse. Never read the plain body.
    VerifyCallback "verify_callback" (#[sensitive] body: Bytes, secret: Secrets) -> Object
        [AUTHORIZATION, PREFIX, ALGORITHMS, LEEWAY, EXPECTED_KEY, CALLBACK_MAX_SIZE, NOW];
    /// Verifies a request of the Document Server to the connector (a file download)
    /// from its header value and returns the signed claims (`payload` unwrapped). No
    /// header value is `missing_token`. With `url`, the signed `url` must equal it, both
    /// as the Document Server requests them.
    VerifyIncoming "verify_incoming" (#[sensitive] authorization: OptionalText, secret: Secrets)
        -> Object
        [URL, PREFIX, ALGORITHMS, LEEWAY, NOW];
    /// Guards a callback before connector code that trusts its plain body reads it:
    /// verified as `verify_callback`; every member of the plain body must be the signed
    /// one (absent is fine, `history` may be `{}`); every URL to fetch must be on the
    /// Document Server (as `check_download_url`). Returns `{"claims": <signed claims>,
    /// "fetch": {member: URL to fetch}}`.
    GuardCallback "guard_callback" (#[sensitive] body: Bytes, secret: Secrets, ds_url: Text)
        -> GuardedCallback
        [AUTHORIZATION, DS_INTERNAL_URL, EXTRA_DS_URLS, PREFIX, ALGORITHMS, LEEWAY,
         EXPECTED_KEY, CALLBACK_MAX_SIZE, NOW];
    /// Guards a request of the Document Server to the connector (a file download):
    /// verified as `verify_incoming`; the signed `url` must name `target` (this
    /// request's path and query, or its whole URL) once both are normalised as the
    /// Document Server requests a URL. Returns the signed claims.
    GuardDownload "guard_download"
        (#[sensitive] authorization: OptionalText, secret: Secrets, target: Text)
        -> Object [PREFIX, ALGORITHMS, LEEWAY, NOW];
    /// The URL to fetch for a callback's `url` or `changesurl`: on the Document
    /// Server's origin and under its path (`ds_url`, or `ds_internal_url`, to which a
    /// URL on `ds_url` is rewritten), or under one of `extra_ds_urls`; anything else is
    /// `url_not_allowed`. Fetch the result with a timeout.
    CheckDownloadUrl "check_download_url" (url: Text, ds_url: Text) -> Text
        [DS_INTERNAL_URL_POSITIONAL, EXTRA_DS_URLS];
    /// The document key of one version of one file: 32 characters of `[0-9A-Za-z_-]`,
    /// stable for (file_id, version), unguessable without the secret.
    DocumentKey "document_key" (secret: Secrets, file_id: Text, version: StringOrInt) -> Text [];
    /// Derives from one master secret the Document Server secrets `inbox`, `outbox`,
    /// `session` and the connector subkeys `links`, `doc_keys` (HKDF-SHA256), as
    /// base64url text.
    DeriveSecrets "derive_secrets" (master: Secret) -> DerivedSecrets [];
    /// Signs a connector URL (a download or callback endpoint) so that it expires: the
    /// URL with `oo_exp` and `oo_sig` appended.
    SignLink "sign_link" (url: Text, secret: Secrets) -> Text [LINK_TTL, NOW];
    /// Verifies a URL made by `sign_link` and returns it without `oo_exp` and `oo_sig`.
    VerifyLink "verify_link" (#[sensitive] url: Text, secret: Secrets) -> Text [NOW];
    /// Audits a Document Server `local.json` (its text): the findings, a list of
    /// objects `{severity, code, path, message, fix}` (plus `line`, `column`, `context`
    /// for a syntax error), errors first. Reads the files named by `secret.*.file`.
    AuditDsConfig "audit_ds_config" (#[sensitive] local_json_text: Text) -> Findings
        [CONNECTOR_SECRET];
}

/// The declaration of an operation.
#[derive(Debug)]
pub struct Operation {
    /// Its identifier.
    pub op: Op,
    /// Its name in every language (`OnlyOffice\Jwt\<name>`, `onlyoffice_jwt.<name>`,
    /// `oojwt_<name>`).
    pub name: &'static str,
    /// What it does (Markdown, one line per source line).
    pub doc: &'static str,
    /// The arguments, in order.
    pub arguments: &'static [Argument],
    /// The options, in the order the signatures list them (`allow_weak` excepted:
    /// see [`Operation::all_options`]).
    pub options: &'static [Opt],
    /// The shape of its result.
    pub returns: Returns,
    /// The binding it is limited to, if any.
    pub only_in: Option<Binding>,
}

impl Operation {
    /// Whether it takes a secret (and so the `allow_weak` option).
    pub fn takes_secret(&self) -> bool {
        self.arguments
            .iter()
            .any(|a| matches!(a.kind, ArgKind::Secrets | ArgKind::Secret))
    }

    /// Its options, with `allow_weak` last when it takes a secret.
    pub fn all_options(&self) -> impl Iterator<Item = &'static Opt> + '_ {
        let weak: &'static [Opt] = if self.takes_secret() {
            std::slice::from_ref(&opts::ALLOW_WEAK)
        } else {
            &[]
        };
        self.options.iter().chain(weak)
    }

    /// Whether `binding` has it.
    pub fn in_binding(&self, binding: Binding) -> bool {
        self.only_in.is_none_or(|only| only == binding)
    }

    /// The option named `name` that the core reads (an option only one binding has is
    /// not the core's), `allow_weak` included.
    pub fn core_option(&self, name: &str) -> Option<&'static Opt> {
        self.all_options()
            .find(|opt| opt.name == name && opt.only_in.is_none())
    }

    /// The documentation as one paragraph of text (its lines joined).
    pub fn doc_text(&self) -> String {
        self.doc
            .lines()
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The first sentence of the documentation.
    pub fn summary(&self) -> String {
        let text = self.doc_text();
        match text.find(". ") {
            Some(end) => text[..=end].to_owned(),
            None => text,
        }
    }
}

impl Op {
    /// Every operation, in the table's order.
    pub fn all() -> impl Iterator<Item = Op> {
        OPERATIONS.iter().map(|operation| operation.op)
    }

    /// Its declaration.
    pub fn declaration(self) -> &'static Operation {
        // OPERATIONS lists the operations in Op order (checked by a test).
        &OPERATIONS[self as usize]
    }

    /// Its name.
    pub fn name(self) -> &'static str {
        self.declaration().name
    }

    /// The operation named `name`.
    pub fn from_name(name: &str) -> Option<Op> {
        OPERATIONS
            .iter()
            .find(|operation| operation.name == name)
            .map(|operation| operation.op)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_op_order_and_names_are_unique() {
        for (index, operation) in OPERATIONS.iter().enumerate() {
            assert_eq!(operation.op as usize, index, "{}", operation.name);
            assert_eq!(Op::from_name(operation.name), Some(operation.op));
            let mut names: Vec<&str> = operation.all_options().map(|o| o.name).collect();
            names.extend(operation.arguments.iter().map(|a| a.name));
            let count = names.len();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), count, "{}: a name twice", operation.name);
        }
    }

    #[test]
    fn positional_options_follow_the_arguments_and_lead_the_options() {
        for operation in OPERATIONS {
            let positional = operation.options.iter().filter(|o| o.positional).count();
            assert!(
                operation.options[..positional].iter().all(|o| o.positional),
                "{}: positional options come first",
                operation.name
            );
        }
    }
}
