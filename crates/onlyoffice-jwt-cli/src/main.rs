//! Placeholder: the command-line tool is built by its own issue.
fn main() {
    eprintln!("onlyoffice-jwt: not built yet");
    std::process::exit(2);
}
