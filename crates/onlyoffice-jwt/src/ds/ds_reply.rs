//! Replies of the Document Server's services explained: the command service's
//! `error` and the conversion/docbuilder services' negative codes, each with the
//! likely cause on the connector's side.

/// A Document Server service that answers with numeric codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Service {
    /// The command service (`/command`, formerly `/coauthoring/CommandService.ashx`).
    Command,
    /// The conversion service (`/ConvertService.ashx`) and docbuilder.
    Conversion,
}

/// One known reply code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DsReply {
    /// The service that sends it.
    pub service: Service,
    /// The code as the service sends it.
    pub code: i64,
    /// What the code means.
    pub meaning: &'static str,
    /// The likely cause and what to check.
    pub likely_cause: &'static str,
}

const fn reply(
    service: Service,
    code: i64,
    meaning: &'static str,
    likely_cause: &'static str,
) -> DsReply {
    DsReply {
        service,
        code,
        meaning,
        likely_cause,
    }
}

/// Every explained code: command service 0–7, conversion −1 … −10 and −20.
pub const REPLIES: [DsReply; 19] = [
    reply(Service::Command, 0, "no error", "the command was accepted"),
    reply(
        Service::Command,
        1,
        "the document key is missing or no document with this key is open",
        "the key is not the one in the editor config, or every editor has closed the document",
    ),
    reply(
        Service::Command,
        2,
        "the callback URL is not correct",
        "the callbackUrl is malformed or unreachable from the Document Server",
    ),
    reply(
        Service::Command,
        3,
        "internal server error",
        "see the Document Server's docservice log",
    ),
    reply(
        Service::Command,
        4,
        "no changes were applied before the forcesave command",
        "nothing to save: not an error for the connector",
    ),
    reply(
        Service::Command,
        5,
        "the command is not correct",
        "the c field names no known command, or its parameters are wrong",
    ),
    reply(
        Service::Command,
        6,
        "the token is missing or invalid",
        "the Document Server refused our token: check that the connector signs with the \
         Document Server's inbox secret and that token.enable.request.inbox matches",
    ),
    reply(
        Service::Command,
        7,
        "the token has expired",
        "the clocks of the connector and the Document Server differ by more than the \
         token's ttl plus 60 s, or the ttl is too short",
    ),
    reply(
        Service::Conversion,
        -1,
        "unknown error",
        "see the Document Server's converter log",
    ),
    reply(
        Service::Conversion,
        -2,
        "conversion timeout",
        "the file is too large or complex, or the converter is overloaded",
    ),
    reply(
        Service::Conversion,
        -3,
        "conversion error",
        "the file is damaged or its format is not what filetype says",
    ),
    reply(
        Service::Conversion,
        -4,
        "error while downloading the file to convert",
        "the Document Server cannot reach the url, or the connector refused its request \
         (for example the download token)",
    ),
    reply(
        Service::Conversion,
        -5,
        "incorrect password",
        "the document is password-protected and the password is missing or wrong",
    ),
    reply(
        Service::Conversion,
        -6,
        "error while accessing the conversion result database",
        "the Document Server's database is unavailable",
    ),
    reply(
        Service::Conversion,
        -7,
        "input error",
        "a request parameter is wrong, often the key (characters outside [0-9A-Za-z._=-] \
         or longer than 128)",
    ),
    reply(
        Service::Conversion,
        -8,
        "invalid token",
        "the Document Server refused our token (invalid or expired): check the inbox \
         secret and the clocks",
    ),
    reply(
        Service::Conversion,
        -9,
        "the output format cannot be determined",
        "give outputtype explicitly (the input could be a text document or a spreadsheet)",
    ),
    reply(
        Service::Conversion,
        -10,
        "size limit exceeded",
        "the file is larger than the Document Server's limits",
    ),
    reply(
        Service::Conversion,
        -20,
        "conversion failed without a documented reason",
        "not listed in the conversion API documentation: see the Document Server's \
         converter log",
    ),
];

/// The explanation of `code` from `service`, if it is a known code.
pub fn explain(service: Service, code: i64) -> Option<&'static DsReply> {
    REPLIES
        .iter()
        .find(|reply| reply.service == service && reply.code == code)
}
