//! Rust-side checks of the C crate: the committed header matches the code, and the
//! error constants match the shared table of `shared/api.md`.

use super::*;
use std::ffi::CStr;

/// Regenerates the header with cbindgen and compares it with the committed one;
/// with `OOJWT_WRITE_HEADER=1` in the environment it writes the header instead.
#[test]
fn committed_header_matches_the_code() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let config = cbindgen::Config::from_file(format!("{dir}/cbindgen.toml")).unwrap();
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_src(format!("{dir}/src/lib.rs"))
        .with_config(config)
        .generate()
        .unwrap()
        .write(&mut generated);
    let path = format!("{dir}/include/onlyoffice_jwt.h");
    if std::env::var_os("OOJWT_WRITE_HEADER").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{path} differs from the code: run `make header-c` and commit it"
    );
}

#[test]
fn error_constants_are_the_shared_numbers() {
    // The table of shared/api.md, written out by hand.
    let table = [
        (OOJWT_ERR_MALFORMED, 1, "malformed"),
        (OOJWT_ERR_BAD_SIGNATURE, 2, "bad_signature"),
        (OOJWT_ERR_ALG_NOT_ALLOWED, 3, "alg_not_allowed"),
        (OOJWT_ERR_EXPIRED, 4, "expired"),
        (OOJWT_ERR_NOT_YET_VALID, 5, "not_yet_valid"),
        (OOJWT_ERR_MISSING_CLAIM, 6, "missing_claim"),
        (OOJWT_ERR_INVALID_CLAIM, 7, "invalid_claim"),
        (OOJWT_ERR_MISSING_TOKEN, 8, "missing_token"),
        (OOJWT_ERR_KEY_MISMATCH, 9, "key_mismatch"),
        (OOJWT_ERR_WEAK_SECRET, 10, "weak_secret"),
        (OOJWT_ERR_TOO_LARGE, 11, "too_large"),
        (OOJWT_ERR_URL_NOT_ALLOWED, 12, "url_not_allowed"),
        (OOJWT_ERR_INVALID_INPUT, 13, "invalid_input"),
        (OOJWT_ERR_INVALID_CONFIG, 14, "invalid_config"),
    ];
    for (constant, number, name) in table {
        assert_eq!(constant, number, "{name}");
        let kind = ErrorKind::from_name(name).unwrap();
        assert_eq!(i32::try_from(kind.number()).unwrap(), constant, "{name}");
        // SAFETY: oojwt_error_name returns a static NUL-terminated string.
        let shown = unsafe { CStr::from_ptr(oojwt_error_name(constant)) };
        assert_eq!(shown.to_str().unwrap(), name);
    }
}
