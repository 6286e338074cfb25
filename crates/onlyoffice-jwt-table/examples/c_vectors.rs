//! Writes what the C vector test takes from the table of operations into a folder:
//! `vector_layout.json` (read by bindings/c/tests/flatten_vectors.py) and
//! `vector_call.h` (included by bindings/c/tests/test_oojwt.c). `make c-vectors` runs it.

use onlyoffice_jwt_table::render::c;

fn main() -> std::io::Result<()> {
    let folder = std::env::args_os()
        .nth(1)
        .ok_or_else(|| std::io::Error::other("usage: c_vectors FOLDER"))?;
    let folder = std::path::PathBuf::from(folder);
    std::fs::create_dir_all(&folder)?;
    std::fs::write(folder.join("vector_layout.json"), c::vector_layout())?;
    std::fs::write(folder.join("vector_call.h"), c::vector_call())
}
