//! Shared helpers of the CLI tests: the binary, paths, secret files, node, and the
//! Document Server stand-in (tests/ds-standin) stopped by a Drop guard.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command as Process, Stdio};

use assert_cmd::Command;

/// A 39-byte master secret used by the known-answer tests.
pub const MASTER: &str = "correct-horse-battery-staple-0123456789";

/// The `onlyoffice-jwt` binary.
pub fn cli() -> Command {
    Command::cargo_bin("onlyoffice-jwt").expect("the binary is built")
}

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fixture of tests/fixtures/audit.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/audit").join(name)
}

/// A temporary directory holding a secret file with `secret` (no newline).
pub fn secret_file(secret: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("secret");
    std::fs::write(&path, secret).expect("write secret");
    (dir, path)
}

/// Runs a node script with the stand-in's node_modules (the npm jsonwebtoken package)
/// and returns its trimmed stdout.
pub fn node(script: &str) -> String {
    let output = Process::new("node")
        .arg("-e")
        .arg(script)
        .current_dir(root().join("tests/ds-standin"))
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

/// The Document Server stand-in, killed when dropped.
pub struct StandIn {
    child: Child,
    /// The loopback port it listens on.
    pub port: u16,
}

impl StandIn {
    /// Starts the stand-in with these environment settings and waits for it to listen.
    pub fn start(env: &[(&str, &str)]) -> StandIn {
        let mut child = Process::new("node")
            .arg(root().join("tests/ds-standin/standin.js"))
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("node starts the stand-in (run npm install in tests/ds-standin)");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("stdout");
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the stand-in prints its port");
        let port = line
            .strip_prefix("ready ")
            .and_then(|p| p.trim().parse().ok());
        let Some(port) = port else {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the stand-in did not start: {line:?}");
        };
        StandIn { child, port }
    }

    /// The stand-in's base URL.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
