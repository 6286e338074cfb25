//! Writes the C functions and error constants from the table of operations
//! (`onlyoffice_jwt_table::render::c`) into OUT_DIR, where `src/lib.rs` includes them
//! and the header test hands them to cbindgen; and gives the shared library its SONAME
//! on Linux: `libonlyoffice_jwt.so.<ABI>`, where ABI is the C ABI's major version
//! (docs/c.md, "Versions"): it changes only when a change would break programs linked
//! against an earlier library, independently of the crate version.

use std::path::PathBuf;

use onlyoffice_jwt_table::render::c;

/// The C ABI's major version.
const ABI: u32 = 0;

fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libonlyoffice_jwt.so.{ABI}");
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for (name, text) in [
        ("operations.rs", c::wrappers()),
        ("errors.rs", c::error_constants()),
    ] {
        std::fs::write(out.join(name), text).expect("OUT_DIR is writable");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
