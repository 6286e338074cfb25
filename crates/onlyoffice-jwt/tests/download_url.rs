//! `check_download_url`: the SSRF guard for callback `url`/`changesurl`.

use onlyoffice_jwt::internal::json_api;
use onlyoffice_jwt::ErrorKind;
use serde_json::{json, Value};

const DS: &str = "https://ds.example/";
const INTERNAL: &str = "http://ds-internal:8000/";

fn check(url: &str, ds_url: &str, internal: Option<&str>) -> onlyoffice_jwt::Result<Value> {
    json_api::check_download_url(url, ds_url, &json!({"ds_internal_url": internal}))
}

fn refused(url: &str, ds_url: &str, internal: Option<&str>) -> onlyoffice_jwt::Error {
    let err = check(url, ds_url, internal).expect_err(url);
    assert_eq!(
        err.kind(),
        ErrorKind::UrlNotAllowed,
        "{url}: {}",
        err.message()
    );
    err
}

#[test]
fn a_public_ds_url_is_mapped_to_the_internal_origin() {
    let url = "https://ds.example/cache/files/data/k_1/output.docx/output.docx?md5=a-b_c&expires=1767226500&filename=output.docx";
    assert_eq!(
        check(url, DS, Some(INTERNAL)).expect("allowed"),
        "http://ds-internal:8000/cache/files/data/k_1/output.docx/output.docx?md5=a-b_c&expires=1767226500&filename=output.docx"
    );
    assert_eq!(check(url, DS, None).expect("allowed"), url);
    // The internal origin itself is accepted as is.
    let internal = "http://ds-internal:8000/cache/files/x.docx";
    assert_eq!(
        check(internal, DS, Some(INTERNAL)).expect("allowed"),
        internal
    );
    // Base paths: /ds/ public, /onlyoffice/ internal.
    assert_eq!(
        check(
            "https://office.example:443/ds/cache/files/x.docx?a=1",
            "https://office.example/ds",
            Some("http://10.0.0.5:8080/onlyoffice/")
        )
        .expect("allowed"),
        "http://10.0.0.5:8080/onlyoffice/cache/files/x.docx?a=1"
    );
    // Dot-segments inside the base path resolve and stay allowed.
    assert_eq!(
        check(
            "https://ds.example/cache/x/../files/y.docx",
            DS,
            Some(INTERNAL)
        )
        .expect("allowed"),
        "http://ds-internal:8000/cache/files/y.docx"
    );
}

#[test]
fn other_origins_are_refused_and_named() {
    let err = refused(
        "https://evil.example/cache/files/x.docx",
        DS,
        Some(INTERNAL),
    );
    assert!(
        err.message().contains("https://evil.example:443"),
        "{}",
        err.message()
    );
    assert!(
        err.message().contains("https://ds.example:443"),
        "{}",
        err.message()
    );
    assert!(
        err.message().contains("http://ds-internal:8000"),
        "{}",
        err.message()
    );
    for url in [
        "https://ds.example:8443/cache/files/x.docx",
        "http://ds.example/cache/files/x.docx",
        "ftp://ds.example/cache/files/x.docx",
        "file:///etc/passwd",
        "https://ds@evil.example/",
        "https://ds.example@evil.example/",
        "https://user:pass@ds.example/cache/x",
        "https://ds.example.evil/",
        "https://ds.example.evil.example/cache/files/x",
        "https://evilds.example/",
        "https://[::1]/cache/files/x.docx",
        "http://[::ffff:127.0.0.1]:8000/cache/files/x.docx",
        "http://127.0.0.1:8000/",
        "http://169.254.169.254/latest/meta-data/",
        "https://%65vil.example/x",
        "https://evil%2Eexample/x",
        "https://ds.example%2Eevil.example/x",
        "http://ds-internal:8001/cache/files/x.docx",
        "https://ds-internal:8000/cache/files/x.docx",
        "not a url",
        "/cache/files/x.docx",
        "",
    ] {
        refused(url, DS, Some(INTERNAL));
    }
}

#[test]
fn paths_outside_the_base_path_are_refused() {
    let (ds, internal) = (
        "https://office.example/ds/",
        Some("http://10.0.0.5:8080/onlyoffice/"),
    );
    for url in [
        "https://office.example/ds/../admin",
        "https://office.example/ds/x/../../admin",
        "https://office.example/dsx/cache",
        "https://office.example/ds",
        "https://office.example/",
        "https://office.example/ds/%2e%2e/admin",
        "https://office.example/ds/.%2E/admin",
        "https://office.example/ds/cache%2f..%2f..%2fadmin",
        "https://office.example/ds/cache%5C..%5Cadmin",
        "https://office.example/ds\\..\\admin",
        "https://office.example/ds/cache\\files",
        "https://office.example\\@evil.example/ds/",
        "http://10.0.0.5:8080/other/x",
        "http://10.0.0.5:8080/onlyoffice/../x",
        "https://office.example/ds/cache/%2\te%2\te/x",
        "https://office.example/ds/cache/%2\ne%2\r\nE/x",
        "https://office.example/ds/cache\t\\x",
    ] {
        refused(url, ds, internal);
    }
}

#[test]
fn a_percent_encoded_host_that_decodes_to_the_ds_host_is_the_ds_host() {
    // WHATWG percent-decodes hosts: the URL that would be fetched is the DS's own.
    assert_eq!(
        check(
            "https://ds%2Eexample/cache/files/x.docx",
            DS,
            Some(INTERNAL)
        )
        .expect("allowed"),
        "http://ds-internal:8000/cache/files/x.docx"
    );
}

#[test]
fn urls_longer_than_64_kib_are_too_large() {
    let base = "https://ds.example/cache/files/";
    let fits = format!("{base}{}", "a".repeat(64 * 1024 - base.len()));
    assert!(check(&fits, DS, None).is_ok());
    let over = format!("{fits}a");
    let err = check(&over, DS, None).expect_err("too long");
    assert_eq!(err.kind(), ErrorKind::TooLarge);
    let err = check("https://ds.example/x", &over, None).expect_err("too long ds_url");
    assert_eq!(err.kind(), ErrorKind::TooLarge);
}

#[test]
fn bad_ds_urls_are_invalid_input() {
    for (ds, internal) in [
        ("not a url", None),
        ("ftp://ds.example/", None),
        ("file:///srv/ds", None),
        (DS, Some("ds-internal:8000")),
        (DS, Some("mailto:ds@example.com")),
    ] {
        let err = check("https://ds.example/x", ds, internal).expect_err("invalid");
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{ds} {internal:?}");
    }
    let unknown = json_api::check_download_url("https://ds.example/x", DS, &json!({"ds": 1}));
    assert_eq!(
        unknown.expect_err("unknown option").kind(),
        ErrorKind::InvalidInput
    );
}

#[test]
fn extra_origins_of_storage_external_host_are_allowed_only_when_given() {
    // With storage.externalHost = https://files.example, the DS writes its cache URLs
    // on that origin (utils.checkBaseUrl in its Common/sources/utils.js).
    let url = "https://files.example/cache/files/data/k_1/output.docx/output.docx?md5=a&expires=1767226500&filename=output.docx";
    refused(url, DS, Some(INTERNAL));
    let options = json!({"ds_internal_url": INTERNAL, "extra_ds_urls": ["https://files.example/"]});
    assert_eq!(
        json_api::check_download_url(url, DS, &options).expect("allowed"),
        url,
        "returned as is, not mapped to the internal origin"
    );
    // Still the same rules under an extra base: origin, base path, raw-URL checks.
    for bad in [
        "https://files.example:8443/cache/files/x.docx",
        "http://files.example/cache/files/x.docx",
        "https://files.example.evil/cache/files/x.docx",
        "https://files.example/cache/..%2f..%2fetc/passwd",
        "https://user@files.example/cache/files/x.docx",
    ] {
        let err = json_api::check_download_url(bad, DS, &options).expect_err(bad);
        assert_eq!(err.kind(), ErrorKind::UrlNotAllowed, "{bad}");
    }
    let under = json!({"extra_ds_urls": ["https://files.example/storage/"]});
    let outside = "https://files.example/other/x.docx";
    let err = json_api::check_download_url(outside, DS, &under).expect_err(outside);
    assert_eq!(err.kind(), ErrorKind::UrlNotAllowed);
    assert!(
        err.message().contains("https://files.example:443"),
        "{}",
        err.message()
    );
    for bad in [
        json!("https://files.example/"),
        json!([1]),
        json!(["ftp://x/"]),
    ] {
        let err = json_api::check_download_url(url, DS, &json!({"extra_ds_urls": bad}))
            .expect_err("bad option");
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{bad}");
    }
}
