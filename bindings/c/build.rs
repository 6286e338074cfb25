//! Gives the shared library its SONAME on Linux: `libonlyoffice_jwt.so.<ABI>`, where ABI
//! is the C ABI's major version (docs/c.md, "Versions"): it changes only when a change
//! would break programs linked against an earlier library, independently of the crate
//! version.

/// The C ABI's major version.
const ABI: u32 = 0;

fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libonlyoffice_jwt.so.{ABI}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
