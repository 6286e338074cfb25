//! `probe`: a signed `{"c":"version"}` to a live Document Server's command service,
//! then the same command unsigned, each reply explained with the core's table.

use std::time::Duration;

use clap::Args;
use onlyoffice_jwt::{explain_ds_reply, sign_request, Claims, RequestOptions, Service};
use serde_json::{Map, Value};

use crate::failure::Failure;
use crate::input::SecretArgs;
use crate::{print_json, Outcome, FAILED, OK};

/// The probe's time limit for each request.
const TIMEOUT: Duration = Duration::from_secs(10);

/// The largest reply read.
const MAX_REPLY: u64 = 64 * 1024;

/// The command service's path under the Document Server's base URL.
const COMMAND_PATH: &str = "coauthoring/CommandService.ashx";

/// Arguments of `probe`.
#[derive(Args)]
pub struct ProbeArgs {
    /// The Document Server's base URL (e.g. https://docs.example.com/), or the full
    /// command service URL.
    pub url: String,
    #[command(flatten)]
    pub secret: SecretArgs,
    /// Do not verify the server's TLS certificate (self-signed test servers only).
    #[arg(long)]
    pub insecure: bool,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
}

/// One reply of the command service.
struct Reply {
    error: i64,
    body: Map<String, Value>,
}

/// Runs `probe`: exit 0 when the signed command is accepted and an unsigned one is
/// refused, 1 otherwise.
pub fn run(args: &ProbeArgs) -> Outcome {
    let endpoint = endpoint(&args.url)?;
    let keyring = args.secret.keyring()?;
    let mut command = Claims::new();
    command.insert("c".to_owned(), Value::from("version"));
    let signed = sign_request(&command, &keyring, &RequestOptions::default())?;
    let agent = agent(args.insecure);
    let signed_reply = post(
        &agent,
        &endpoint,
        &Value::Object(signed.body),
        signed
            .header_value
            .as_ref()
            .map(|value| (&signed.header, value)),
    )?;
    let mut report = Map::new();
    report.insert("url".to_owned(), Value::from(endpoint.clone()));
    report.insert(
        "signed_reply".to_owned(),
        Value::Object(signed_reply.body.clone()),
    );
    if signed_reply.error != 0 {
        let explanation = explanation(signed_reply.error);
        report.insert("ok".to_owned(), Value::Bool(false));
        report.insert("explanation".to_owned(), Value::from(explanation.clone()));
        return finish(
            args.json,
            report,
            FAILED,
            &[format!(
            "REFUSED: the Document Server answered error {} to our signed command: {explanation}",
            signed_reply.error
        )],
        );
    }
    let version = signed_reply
        .body
        .get("version")
        .and_then(Value::as_str)
        .unwrap_or("unknown")
        .to_owned();
    report.insert("version".to_owned(), Value::from(version.clone()));
    let unsigned_reply = post(&agent, &endpoint, &Value::Object(command), None)?;
    report.insert(
        "unsigned_reply".to_owned(),
        Value::Object(unsigned_reply.body.clone()),
    );
    if unsigned_reply.error == 0 {
        let problem = "the Document Server accepts commands WITHOUT a token: \
                       services.CoAuthoring.token.enable.request.inbox is off, so anyone who \
                       reaches it can send commands (and the secret was not checked); set it \
                       to true and restart";
        report.insert("ok".to_owned(), Value::Bool(false));
        report.insert("explanation".to_owned(), Value::from(problem));
        return finish(
            args.json,
            report,
            FAILED,
            &[format!("OPEN: Document Server {version}: {problem}")],
        );
    }
    report.insert("ok".to_owned(), Value::Bool(true));
    finish(
        args.json,
        report,
        OK,
        &[
            format!(
                "ok: the Document Server {version} accepted our signed command (the inbox \
                 secret matches)"
            ),
            format!(
                "ok: a command without a token is refused (error {}: {})",
                unsigned_reply.error,
                explain_ds_reply(Service::Command, unsigned_reply.error)
                    .map_or("unknown code", |r| r.meaning)
            ),
        ],
    )
}

fn finish(json: bool, report: Map<String, Value>, code: u8, lines: &[String]) -> Outcome {
    if json {
        print_json(&Value::Object(report));
    } else {
        for line in lines {
            say!("{line}");
        }
    }
    Ok(code)
}

fn explanation(code: i64) -> String {
    match explain_ds_reply(Service::Command, code) {
        Some(reply) => format!("{} — {}", reply.meaning, reply.likely_cause),
        None => "a code the command service does not document".to_owned(),
    }
}

/// The command service URL: the given URL if it already names it, else the base URL
/// with [`COMMAND_PATH`] appended.
fn endpoint(url: &str) -> Result<String, Failure> {
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(Failure::input(format!(
            "the URL must start with http:// or https://, not {:?}",
            url.chars().take(60).collect::<String>()
        )));
    }
    if url.contains('?') || url.contains('#') {
        return Err(Failure::input(
            "give the Document Server's base URL, without ? or #",
        ));
    }
    if url.trim_end_matches('/').ends_with("CommandService.ashx") {
        return Ok(url.trim_end_matches('/').to_owned());
    }
    Ok(format!("{}/{COMMAND_PATH}", url.trim_end_matches('/')))
}

fn agent(insecure: bool) -> ureq::Agent {
    let tls = ureq::tls::TlsConfig::builder()
        .disable_verification(insecure)
        .build();
    ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .tls_config(tls)
        .build()
        .into()
}

fn post(
    agent: &ureq::Agent,
    endpoint: &str,
    body: &Value,
    header: Option<(&String, &String)>,
) -> Result<Reply, Failure> {
    let mut request = agent.post(endpoint).content_type("application/json");
    if let Some((name, value)) = header {
        request = request.header(name.as_str(), value.as_str());
    }
    let mut response = request
        .send(body.to_string().as_bytes())
        .map_err(|e| unreachable(endpoint, &e))?;
    let status = response.status().as_u16();
    let text = response
        .body_mut()
        .with_config()
        .limit(MAX_REPLY)
        .read_to_string()
        .map_err(|e| Failure::check("bad_reply", format!("cannot read the reply: {e}")))?;
    if status != 200 {
        return Err(Failure::check(
            "bad_reply",
            format!(
                "{endpoint} answered HTTP {status}: is this the Document Server's address (a \
                 proxy or an ipfilter rule may answer instead)?"
            ),
        ));
    }
    let body = match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(body)) => body,
        _ => {
            return Err(Failure::check(
                "bad_reply",
                format!("{endpoint} did not answer with a JSON object: not a Document Server command service?"),
            ))
        }
    };
    let error = body.get("error").and_then(Value::as_i64).ok_or_else(|| {
        Failure::check(
            "bad_reply",
            format!("the reply of {endpoint} has no numeric error field"),
        )
    })?;
    Ok(Reply { error, body })
}

/// What a failed TLS handshake usually means.
const TLS_HINT: &str = "the TLS handshake failed: a certificate this machine does not trust, \
                        or one for another name (use --insecure only for a test server)";

fn unreachable(endpoint: &str, error: &ureq::Error) -> Failure {
    let hint = match error {
        ureq::Error::Timeout(_) => "no answer within 10 s",
        ureq::Error::HostNotFound => "the host name does not resolve",
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            "nothing listens at this address: is the Document Server running?"
        }
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::InvalidData => TLS_HINT,
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) => TLS_HINT,
        ureq::Error::ConnectionFailed | ureq::Error::Io(_) => {
            "the connection failed: is the Document Server reachable from here?"
        }
        _ => "the request failed",
    };
    Failure::check("unreachable", format!("{endpoint}: {hint} ({error})"))
}
