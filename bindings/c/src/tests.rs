//! Rust-side checks of the C crate: the committed header matches the code, and every
//! error number has its name.

use super::*;
use std::ffi::CStr;

/// Regenerates the header with cbindgen and compares it with the committed one;
/// with `OOJWT_WRITE_HEADER=1` in the environment it writes the header instead.
#[test]
fn committed_header_matches_the_code() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let config = cbindgen::Config::from_file(format!("{dir}/cbindgen.toml")).unwrap();
    let mut header = Vec::new();
    // The functions and constants build.rs wrote from the table, then the rest.
    let generated = env!("OUT_DIR");
    cbindgen::Builder::new()
        .with_src(format!("{generated}/errors.rs"))
        .with_src(format!("{dir}/src/lib.rs"))
        .with_src(format!("{generated}/operations.rs"))
        .with_config(config)
        .generate()
        .unwrap()
        .write(&mut header);
    let path = format!("{dir}/include/onlyoffice_jwt.h");
    if std::env::var_os("OOJWT_WRITE_HEADER").is_some() {
        std::fs::write(&path, &header).unwrap();
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == header,
        "{path} differs from the code: run `make header-c` and commit it"
    );
}

#[test]
fn every_error_number_has_its_name() {
    let name = |code: i32| {
        // SAFETY: oojwt_error_name returns a static NUL-terminated string.
        unsafe { CStr::from_ptr(oojwt_error_name(code)) }
            .to_str()
            .unwrap()
            .to_owned()
    };
    for kind in ErrorKind::ALL {
        assert_eq!(name(i32::try_from(kind.number()).unwrap()), kind.name());
    }
    assert_eq!(OOJWT_ERR_MALFORMED, 1);
    assert_eq!(name(OOJWT_OK), "ok");
    assert_eq!(name(OOJWT_ERR_INTERNAL), "internal");
    assert_eq!(name(99), "unknown");
}
