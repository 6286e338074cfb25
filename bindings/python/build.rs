//! Writes the module's functions from the table of operations
//! (`onlyoffice_jwt_table::render::python`) into OUT_DIR, where `src/lib.rs` includes
//! them: one `#[pyfunction]` per operation, with the table's signature, the defaults
//! shown by `inspect.signature` and `help`, and its documentation.

use std::path::PathBuf;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(
        out.join("operations.rs"),
        onlyoffice_jwt_table::render::python::wrappers(),
    )
    .expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=build.rs");
}
