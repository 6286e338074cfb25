//! The committed files made from the table are what the table makes now: the Python
//! stub, the PHP stub, the Go and .NET operations and the reference parts of
//! docs/api.md. With
//! `OOJWT_WRITE_GENERATED=1` in the environment (`make generate`), they are written
//! instead.

use std::path::PathBuf;

use onlyoffice_jwt_table::render::{dotnet, go, markdown, php, python};

fn path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative)
}

/// Compares (or writes) one file.
fn check(relative: &str, generated: &str) {
    let path = path(relative);
    if std::env::var_os("OOJWT_WRITE_GENERATED").is_some() {
        std::fs::write(&path, generated).unwrap_or_else(|e| panic!("{relative}: {e}"));
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{relative} differs from what the table makes: run `make generate` and commit it"
    );
}

#[test]
fn the_python_stub_is_the_tables() {
    check("python/onlyoffice_jwt/_native.pyi", &python::stub());
}

#[test]
fn the_php_stub_is_the_tables() {
    check("php/stubs/onlyoffice_jwt.stub.php", &php::stub());
}

#[test]
fn the_go_operations_are_the_tables() {
    check("bindings/go/operations.go", &go::operations());
    check(
        "bindings/go/vectors_generated_test.go",
        &go::vector_dispatch(),
    );
}

#[test]
fn the_dotnet_operations_are_the_tables() {
    check("bindings/dotnet/Operations.cs", &dotnet::operations());
    check(
        "bindings/dotnet/tests/Dispatch.cs",
        &dotnet::vector_dispatch(),
    );
}

#[test]
fn the_reference_of_docs_api_is_the_tables() {
    let page = std::fs::read_to_string(path("docs/api.md")).expect("docs/api.md");
    let filled = markdown::fill(&page, &[markdown::operations(), markdown::errors()])
        .expect("docs/api.md has two generated parts (operations, errors)");
    check("docs/api.md", &filled);
}
