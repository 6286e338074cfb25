//! Writes the extension's functions from the table of operations
//! (`onlyoffice_jwt_table::render::php`) into OUT_DIR, where `src/lib.rs` includes them;
//! and tells the extension which PHP it is built for: `php84` from PHP 8.4 on (lazy
//! objects, property hooks), read from the same `php-config` ext-php-rs uses
//! (`PHP_CONFIG`, else the one on the PATH).

use std::path::PathBuf;
use std::process::Command;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(
        out.join("operations.rs"),
        onlyoffice_jwt_table::render::php::wrappers(),
    )
    .expect("OUT_DIR is writable");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rustc-check-cfg=cfg(php84)");
    println!("cargo::rerun-if-env-changed=PHP_CONFIG");
    let php_config = std::env::var("PHP_CONFIG").unwrap_or_else(|_| "php-config".to_owned());
    let version = Command::new(&php_config)
        .arg("--vernum")
        .output()
        .ok()
        .filter(|output| output.status.success())
        .and_then(|output| String::from_utf8(output.stdout).ok())
        .and_then(|text| text.trim().parse::<u32>().ok())
        .unwrap_or_else(|| panic!("cannot read the PHP version from `{php_config} --vernum`"));
    if version >= 80400 {
        println!("cargo::rustc-cfg=php84");
    }
}
