//! `verify_callback` and `verify_incoming`: which token wins, what is returned, and
//! every refusal. Tokens are built here with the hmac and base64 crates directly,
//! not with this crate's signer.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use onlyoffice_jwt::ds::{verify_callback, CallbackOptions, Status};
use onlyoffice_jwt::internal::json_api;
use onlyoffice_jwt::{derive_secrets, ErrorKind, Keyring, Secret};
use serde_json::{json, Value};
use sha2::Sha256;

const OUTBOX: &str = "ds-outbox-secret-0123456789abcdefghij";
const OTHER: &str = "ds-inbox-secret-pMBPLP1zu3BkYxrmjmBX5";
const NOW: i64 = 1_767_225_600;

/// A DS-style HS256 token of `claims` (compact JSON) under `secret`.
fn token(claims: &Value, secret: &[u8]) -> String {
    let head = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let body = URL_SAFE_NO_PAD.encode(claims.to_string());
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("any key length");
    mac.update(format!("{head}.{body}").as_bytes());
    let sig = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{head}.{body}.{sig}")
}

fn timed(fields: &Value) -> Value {
    let mut claims = fields.clone();
    claims["iat"] = json!(NOW);
    claims["exp"] = json!(NOW + 300);
    claims
}

fn body_token(fields: &Value, secret: &str) -> String {
    token(&timed(fields), secret.as_bytes())
}

fn header(fields: &Value, secret: &str) -> String {
    let wrapped = json!({"payload": fields, "iat": NOW, "exp": NOW + 300});
    format!("Bearer {}", token(&wrapped, secret.as_bytes()))
}

fn saved() -> Value {
    json!({
        "key": "Khirz6zTPdfd7",
        "status": 2,
        "url": "https://ds.example/cache/files/data/Khirz6zTPdfd7_1/output.docx/output.docx?md5=a&expires=1767226500&filename=output.docx",
        "changesurl": "https://ds.example/cache/files/data/Khirz6zTPdfd7_1/changes.zip/changes.zip?md5=b&expires=1767226500&filename=changes.zip",
        "history": {"serverVersion": "9.0.0", "changes": [{"created": "2026-01-01 00:00:00", "user": {"id": "u1", "name": "Ana"}}]},
        "users": ["u1"],
        "actions": [{"type": 0, "userid": "u1"}],
        "filetype": "docx"
    })
}

/// The saved callback as the DS trims it when its header token would be too long: no
/// `changesurl`, an empty `history` (in the header token and the plain body).
fn trimmed() -> Value {
    let mut reduced = saved();
    reduced
        .as_object_mut()
        .expect("object")
        .remove("changesurl");
    reduced["history"] = json!({});
    reduced
}

fn with_token(fields: &Value, token: String) -> Vec<u8> {
    let mut body = fields.clone();
    body["token"] = json!(token);
    body.to_string().into_bytes()
}

fn ring() -> Keyring {
    Keyring::new(OUTBOX, false).expect("strong")
}

fn verify(body: &[u8], options: Value) -> onlyoffice_jwt::Result<Value> {
    let mut options = options;
    if options.get("now").is_none() {
        options["now"] = json!(NOW);
    }
    json_api::verify_callback(body, &ring(), &options)
}

fn error(body: &[u8], options: Value) -> ErrorKind {
    verify(body, options).expect_err("refused").kind()
}

#[test]
fn body_token_gives_the_signed_claims_and_the_typed_view() {
    let body = with_token(&saved(), body_token(&saved(), OUTBOX));
    assert_eq!(verify(&body, json!({})).expect("ok"), timed(&saved()));
    let options = CallbackOptions {
        now: Some(NOW),
        ..Default::default()
    };
    let callback = verify_callback(&body, &ring(), &options).expect("ok");
    assert_eq!(callback.key, "Khirz6zTPdfd7");
    assert_eq!(callback.status, Status::ReadyForSaving);
    assert!(callback.status.has_document());
    assert_eq!(callback.url.as_deref(), saved()["url"].as_str());
    assert_eq!(
        callback.changesurl.as_deref(),
        saved()["changesurl"].as_str()
    );
    assert_eq!(callback.history, Some(saved()["history"].clone()));
    assert_eq!(callback.users, Some(vec!["u1".to_owned()]));
    assert_eq!(callback.actions, Some(saved()["actions"].clone()));
    assert_eq!(callback.filetype.as_deref(), Some("docx"));
    assert_eq!(callback.forcesavetype, None);
    assert_eq!(Value::Object(callback.claims), timed(&saved()));
}

#[test]
fn unsigned_body_fields_are_never_returned() {
    let mut forged = saved();
    forged["url"] = json!("https://evil.example/x.docx");
    forged["status"] = json!(6);
    forged["forcesavetype"] = json!(1);
    let signed = json!({"key": "Khirz6zTPdfd7", "status": 2});
    let body = with_token(&forged, body_token(&signed, OUTBOX));
    assert_eq!(verify(&body, json!({})).expect("ok"), timed(&signed));
    // Same with the header token: the plain body's members are ignored.
    let result = verify(
        forged.to_string().as_bytes(),
        json!({"authorization": header(&signed, OUTBOX)}),
    );
    assert_eq!(result.expect("ok"), signed);
}

#[test]
fn header_tokens_wrapped_or_flat() {
    let plain = saved().to_string().into_bytes();
    let wrapped = verify(&plain, json!({"authorization": header(&saved(), OUTBOX)}));
    assert_eq!(wrapped.expect("ok"), saved());
    let flat = format!("Bearer {}", body_token(&saved(), OUTBOX));
    assert_eq!(
        verify(&plain, json!({"authorization": flat})).expect("ok"),
        timed(&saved())
    );
    let custom = header(&saved(), OUTBOX).replacen("Bearer ", "Token ", 1);
    let result = verify(&plain, json!({"authorization": custom, "prefix": "Token "}));
    assert_eq!(result.expect("ok"), saved());
}

#[test]
fn header_without_or_with_another_prefix_is_malformed() {
    let plain = saved().to_string().into_bytes();
    let bare = token(&json!({"payload": saved()}), OUTBOX.as_bytes());
    for value in [
        bare.clone(),
        format!("bearer {bare}"),
        format!("Bearer  {bare}"),
        format!("Basic {bare}"),
    ] {
        assert_eq!(
            error(&plain, json!({"authorization": value})),
            ErrorKind::Malformed
        );
    }
}

#[test]
fn no_token_anywhere_is_missing_token() {
    let plain = saved().to_string().into_bytes();
    assert_eq!(error(&plain, json!({})), ErrorKind::MissingToken);
    assert_eq!(
        error(&plain, json!({"authorization": ""})),
        ErrorKind::MissingToken
    );
    assert_eq!(
        error(&plain, json!({"authorization": null})),
        ErrorKind::MissingToken
    );
}

#[test]
fn a_bad_body_token_is_final_even_with_a_good_header() {
    let good_header = json!({"authorization": header(&saved(), OUTBOX)});
    let wrong_secret = with_token(&saved(), body_token(&saved(), OTHER));
    assert_eq!(
        error(&wrong_secret, good_header.clone()),
        ErrorKind::BadSignature
    );
    let garbage = with_token(&saved(), "not.a.token".to_owned());
    assert_eq!(error(&garbage, good_header.clone()), ErrorKind::Malformed);
    let mut not_string = saved();
    not_string["token"] = json!(42);
    let body = not_string.to_string().into_bytes();
    assert_eq!(error(&body, good_header), ErrorKind::Malformed);
}

#[test]
fn a_good_body_token_ignores_whatever_the_header_holds() {
    let body = with_token(&saved(), body_token(&saved(), OUTBOX));
    for authorization in ["garbage", "Bearer not.a.token", "Basic dXNlcjpwYXNz", ""] {
        let result = verify(&body, json!({"authorization": authorization}));
        assert_eq!(
            result.expect("body token wins"),
            timed(&saved()),
            "{authorization}"
        );
    }
    let other = header(&json!({"key": "other", "status": 4}), OUTBOX);
    assert_eq!(
        verify(&body, json!({"authorization": other})).expect("ok")["key"],
        "Khirz6zTPdfd7"
    );
}

#[test]
fn large_callback_changesurl_only_in_the_body_token() {
    // The DS drops changesurl and empties history in the header token and the plain
    // body when the header would be too long; the body token keeps everything.
    let reduced = trimmed();
    let body = with_token(&reduced, body_token(&saved(), OUTBOX));
    let result = verify(&body, json!({"authorization": header(&reduced, OUTBOX)})).expect("ok");
    assert_eq!(result["changesurl"], saved()["changesurl"]);
    assert_eq!(result["history"], saved()["history"]);
}

#[test]
fn inbox_secret_when_outbox_expected_is_refused() {
    let derived = derive_secrets(&Secret::from("connector-master-xhJ2kdn677GV5ZnZ9e"), false)
        .expect("derive");
    let outbox = Keyring::new(derived.outbox.clone(), false).expect("outbox");
    let inbox_text = String::from_utf8(derived.inbox.expose().to_vec()).expect("text");
    let outbox_text = String::from_utf8(derived.outbox.expose().to_vec()).expect("text");
    let options = json!({"now": NOW});
    let wrong = with_token(&saved(), body_token(&saved(), &inbox_text));
    let err = json_api::verify_callback(&wrong, &outbox, &options).expect_err("refused");
    assert_eq!(err.kind(), ErrorKind::BadSignature);
    let right = with_token(&saved(), body_token(&saved(), &outbox_text));
    assert!(json_api::verify_callback(&right, &outbox, &options).is_ok());
}

#[test]
fn key_and_status_rules() {
    let sign = |fields: Value| with_token(&fields, body_token(&fields, OUTBOX));
    assert_eq!(
        error(&sign(json!({"status": 2})), json!({})),
        ErrorKind::MissingClaim
    );
    assert_eq!(
        error(&sign(json!({"key": "k"})), json!({})),
        ErrorKind::MissingClaim
    );
    assert_eq!(
        error(&sign(json!({"key": 5, "status": 2})), json!({})),
        ErrorKind::InvalidClaim
    );
    for status in [
        json!(0),
        json!(8),
        json!(-1),
        json!("2"),
        json!(2.5),
        json!(null),
    ] {
        let body = sign(json!({"key": "k", "status": status}));
        assert_eq!(
            error(&body, json!({})),
            ErrorKind::InvalidClaim,
            "status {status}"
        );
    }
    for status in [1, 2, 3, 4, 5, 6, 7] {
        let body = sign(json!({"key": "k", "status": status}));
        assert!(verify(&body, json!({})).is_ok(), "status {status}");
    }
    for (member, value) in [
        ("url", json!(5)),
        ("changesurl", json!({})),
        ("filetype", json!(true)),
        ("users", json!("u1")),
        ("users", json!([1])),
        ("forcesavetype", json!("1")),
        ("mailMerge", json!("x")),
        ("formsdataurl", json!([])),
        ("lastsave", json!(0)),
        ("notmodified", json!("false")),
        ("encrypted", json!(1)),
    ] {
        let mut fields = json!({"key": "k", "status": 6});
        fields[member] = value;
        assert_eq!(
            error(&sign(fields), json!({})),
            ErrorKind::InvalidClaim,
            "{member}"
        );
    }
    let payload_not_object = format!(
        "Bearer {}",
        token(&json!({"payload": "x", "iat": NOW}), OUTBOX.as_bytes())
    );
    let plain = saved().to_string().into_bytes();
    assert_eq!(
        error(&plain, json!({"authorization": payload_not_object})),
        ErrorKind::InvalidClaim
    );
}

#[test]
fn expected_key_must_match_the_signed_key() {
    let body = with_token(&saved(), body_token(&saved(), OUTBOX));
    assert!(verify(&body, json!({"expected_key": "Khirz6zTPdfd7"})).is_ok());
    assert_eq!(
        error(&body, json!({"expected_key": "Khirz6zTPdfd8"})),
        ErrorKind::KeyMismatch
    );
    // An unsigned body key is no help.
    let mut forged = saved();
    forged["key"] = json!("victim-key");
    let signed = json!({"key": "attacker-key", "status": 2});
    let body = with_token(&forged, body_token(&signed, OUTBOX));
    assert_eq!(
        error(&body, json!({"expected_key": "victim-key"})),
        ErrorKind::KeyMismatch
    );
}

#[test]
fn body_size_json_and_time_rules() {
    let body = with_token(&saved(), body_token(&saved(), OUTBOX));
    let limit = body.len() as u64;
    assert!(verify(&body, json!({"max_size": limit})).is_ok());
    assert_eq!(
        error(&body, json!({"max_size": limit - 1})),
        ErrorKind::TooLarge
    );
    for bad in [
        &b"[1]"[..],
        b"",
        b"{",
        b"{\"key\":1,\"key\":2}",
        b"{} {}",
        b"\xff",
    ] {
        assert_eq!(error(bad, json!({})), ErrorKind::Malformed, "{bad:?}");
    }
    let expired = json!({"now": NOW + 300 + 60});
    assert_eq!(error(&body, expired), ErrorKind::Expired);
    assert!(verify(&body, json!({"now": NOW + 300 + 59})).is_ok());
    assert_eq!(
        error(&body, json!({"now": NOW + 305, "leeway": 0})),
        ErrorKind::Expired
    );
}

#[test]
fn incoming_download_request() {
    let url = "https://cloud.example/apps/onlyoffice/download?doc=abc";
    let authorization = header(&json!({"url": url}), OUTBOX);
    let verify = |authorization: Option<&str>, options: Value| {
        let mut options = options;
        options["now"] = json!(NOW);
        json_api::verify_incoming(authorization, &ring(), &options)
    };
    let ok = verify(Some(&authorization), json!({"url": url})).expect("ok");
    assert_eq!(ok, json!({"url": url}));
    // Equal once normalized by the WHATWG parser.
    let spelled = "HTTPS://Cloud.Example:443/apps/onlyoffice/./download?doc=abc";
    assert!(verify(Some(&authorization), json!({"url": spelled})).is_ok());
    let other = verify(Some(&authorization), json!({"url": format!("{url}d")}));
    assert_eq!(
        other.expect_err("other url").kind(),
        ErrorKind::InvalidClaim
    );
    let no_url = header(&json!({"doc": "abc"}), OUTBOX);
    let missing = verify(Some(&no_url), json!({"url": url}));
    assert_eq!(missing.expect_err("no url").kind(), ErrorKind::MissingClaim);
    let bad_option = verify(Some(&authorization), json!({"url": "not a url"}));
    assert_eq!(
        bad_option.expect_err("bad url").kind(),
        ErrorKind::InvalidInput
    );
    assert_eq!(
        verify(None, json!({})).expect_err("none").kind(),
        ErrorKind::MissingToken
    );
    let bare = authorization.trim_start_matches("Bearer ");
    assert_eq!(
        verify(Some(bare), json!({})).expect_err("bare").kind(),
        ErrorKind::Malformed
    );
    let wrong = header(&json!({"url": url}), OTHER);
    assert_eq!(
        verify(Some(&wrong), json!({})).expect_err("secret").kind(),
        ErrorKind::BadSignature
    );
}

#[test]
fn debug_of_callback_options_never_shows_the_header_token() {
    let options = CallbackOptions {
        authorization: Some(header(&saved(), OUTBOX)),
        ..Default::default()
    };
    let shown = format!("{options:?}");
    assert!(!shown.contains("eyJ"), "{shown}");
    assert!(shown.contains("redacted"), "{shown}");
}

/// A mail-merge callback as the Document Server's `commandSendMMCallback` builds it
/// (DocService/sources/canvasservice.js): status 5, the merged file of one record in
/// `url`, `filetype`, `users` and the `mailMerge` object of `OutputMailMerge`.
fn mail_merge() -> Value {
    json!({
        "key": "Khirz6zTPdfd7",
        "status": 5,
        "url": "https://ds.example/cache/files/data/Khirz6zTPdfd7_5/output.docx/output.docx?md5=c&expires=1767226500&filename=output.docx",
        "mailMerge": {
            "from": "office@example.com", "message": "Hello", "subject": "Invoice",
            "title": "Invoice", "type": 1, "recordCount": 3, "recordErrorCount": 0,
            "to": "ana@example.com", "recordIndex": 0
        },
        "users": ["u1"],
        "filetype": "docx"
    })
}

#[test]
fn a_mail_merge_callback_is_accepted_and_typed() {
    let body = with_token(&mail_merge(), body_token(&mail_merge(), OUTBOX));
    let options = CallbackOptions {
        now: Some(NOW),
        ..Default::default()
    };
    let callback = verify_callback(&body, &ring(), &options).expect("status 5 accepted");
    assert_eq!(callback.status, Status::MailMerge);
    assert_eq!(callback.status.code(), 5);
    assert!(
        !callback.status.has_document(),
        "a merge result is not the document"
    );
    let merge = callback.mail_merge.expect("mailMerge typed");
    assert_eq!(merge["to"], "ana@example.com");
    assert_eq!(merge["recordCount"], 3);
    assert_eq!(callback.url.as_deref(), mail_merge()["url"].as_str());
}

#[test]
fn force_save_fields_are_typed() {
    let mut fields = saved();
    fields["status"] = json!(6);
    fields["forcesavetype"] = json!(1);
    fields["userdata"] = json!("sample userdata");
    fields["lastsave"] = json!("2026-01-01T00:00:00.000Z");
    fields["notmodified"] = json!(false);
    fields["encrypted"] = json!(true);
    fields["formsdataurl"] = json!("https://ds.example/cache/files/data/k/formdata.json");
    let body = with_token(&fields, body_token(&fields, OUTBOX));
    let options = CallbackOptions {
        now: Some(NOW),
        ..Default::default()
    };
    let callback = verify_callback(&body, &ring(), &options).expect("ok");
    assert_eq!(callback.userdata, Some(json!("sample userdata")));
    assert_eq!(
        callback.lastsave.as_deref(),
        Some("2026-01-01T00:00:00.000Z")
    );
    assert_eq!(callback.notmodified, Some(false));
    assert_eq!(callback.encrypted, Some(true));
    assert_eq!(
        callback.formsdataurl.as_deref(),
        Some("https://ds.example/cache/files/data/k/formdata.json")
    );
    assert_eq!(callback.mail_merge, None);
}

#[test]
fn a_document_server_clock_ahead_does_not_refuse_callbacks() {
    // The DS's clock 120 s ahead: iat is in our future, exp still valid. The DS
    // verifies with jsonwebtoken and clockTolerance 60, which never looks at iat.
    let ahead = NOW + 120;
    let fields = saved();
    let mut claims = fields.clone();
    claims["iat"] = json!(ahead);
    claims["exp"] = json!(ahead + 300);
    let body = with_token(&fields, token(&claims, OUTBOX.as_bytes()));
    assert_eq!(verify(&body, json!({})).expect("accepted"), claims);
    let wrapped = json!({"payload": fields, "iat": ahead, "exp": ahead + 300});
    let authorization = format!("Bearer {}", token(&wrapped, OUTBOX.as_bytes()));
    let plain = fields.to_string().into_bytes();
    assert!(verify(&plain, json!({"authorization": authorization.clone()})).is_ok());
    let url = json!({"url": "https://cloud.example/download?doc=1"});
    let incoming = json!({"payload": url, "iat": ahead, "exp": ahead + 300});
    let download = format!("Bearer {}", token(&incoming, OUTBOX.as_bytes()));
    let verified = json_api::verify_incoming(Some(&download), &ring(), &json!({"now": NOW}));
    assert_eq!(verified.expect("accepted"), url);
    // nbf keeps its meaning: a DS clock ahead by more than the leeway on nbf is refused.
    claims["nbf"] = json!(ahead);
    let body = with_token(&fields, token(&claims, OUTBOX.as_bytes()));
    assert_eq!(error(&body, json!({})), ErrorKind::NotYetValid);
    // The generic verify keeps checking iat by default, and not with verify_iat false.
    let future = token(&json!({"iat": ahead}), OUTBOX.as_bytes());
    let generic = json_api::verify(&future, &ring(), &json!({"now": NOW}));
    assert_eq!(generic.expect_err("iat").kind(), ErrorKind::NotYetValid);
    let off = json!({"now": NOW, "verify_iat": false});
    assert!(json_api::verify(&future, &ring(), &off).is_ok());
}

#[test]
fn a_callback_over_one_mebibyte_with_a_trimmed_header_is_accepted() {
    // ~12 000 history changes: the body token alone passes 1 MiB. The DS trimmed the
    // header token and the plain body (no changesurl, history {}).
    let mut full = saved();
    let change = json!({"created": "2026-01-01 00:00:00", "user": {"id": "u1", "name": "Ana"}});
    full["history"]["changes"] = Value::Array(vec![change; 12_000]);
    let reduced = trimmed();
    let body = with_token(&reduced, body_token(&full, OUTBOX));
    assert!(body.len() > 1 << 20, "{} bytes", body.len());
    let options = json!({"authorization": header(&reduced, OUTBOX)});
    let result = verify(&body, options).expect("accepted by default");
    assert_eq!(result["history"], full["history"]);
    assert_eq!(
        error(&body, json!({"max_size": 1 << 20})),
        ErrorKind::TooLarge
    );
}

#[test]
fn the_download_request_url_is_compared_as_the_ds_requests_it() {
    // The DS signs the URL as given (fragment and all) and requests it normalised:
    // WHATWG serialisation (uri-js-replace 1.0.1 + axios 1.8.3, as it pins), no fragment.
    let signed = "https://Cloud.Example/apps/onlyoffice/./download?doc=a%7eb&x=%2f#page=2";
    let requested = "https://cloud.example/apps/onlyoffice/download?doc=a%7eb&x=%2f";
    let authorization = header(&json!({"url": signed}), OUTBOX);
    let check = |url: &str| {
        json_api::verify_incoming(
            Some(&authorization),
            &ring(),
            &json!({"now": NOW, "url": url}),
        )
    };
    assert!(check(requested).is_ok());
    assert!(check(signed).is_ok());
    // Nothing looser: decoded %7e, another query order or case of the path.
    for other in [
        "https://cloud.example/apps/onlyoffice/download?doc=a~b&x=%2f",
        "https://cloud.example/apps/onlyoffice/download?x=%2f&doc=a%7eb",
        "https://cloud.example/apps/OnlyOffice/download?doc=a%7eb&x=%2f",
        "https://cloud.example/apps/onlyoffice/download?doc=a%7eb&x=/",
    ] {
        assert_eq!(
            check(other).expect_err(other).kind(),
            ErrorKind::InvalidClaim
        );
    }
}
