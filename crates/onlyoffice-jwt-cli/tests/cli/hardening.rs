//! The administrator tools under attack or misuse (issue 15): no window in which
//! another user can read the new secrets, no read that blocks on a FIFO, no byte
//! rewritten that `derive --merge` does not own, no half-written local.json.

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command as Process, Stdio};

use std::time::Duration;

use predicates::prelude::*;
use serde_json::Value;

use crate::common::{cli, secret_file, MASTER};

/// The derived inbox secret of MASTER (see derive.rs).
const NEW_INBOX: &str = "1RUntIfQlldGGnCBv5EfnBAg-Z-SxH3GuN78lKsGikc";
const OLD_SECRET: &str = "old-inbox-secret-0123456789abcdef-marker";

/// Watches a directory with inotify for new `local.json.*` files (argv: directory,
/// `read` or `mode`), opening each the moment it is created, until a `stop` file
/// appears; prints `watched`, then what it could read (or the modes it saw).
const WATCHER: &str = r#"
import ctypes, glob, os, select, struct, sys, time
directory, what = sys.argv[1], sys.argv[2]
libc = ctypes.CDLL(None, use_errno=True)
IN_CREATE = 0x100
notify = libc.inotify_init1(os.O_NONBLOCK)
libc.inotify_add_watch(notify, directory.encode(), IN_CREATE)
print("watched", flush=True)
held, seen = {}, set()
deadline = time.time() + 60
def look(name):
    if name in seen or not os.path.basename(name).startswith("local.json."):
        return
    seen.add(name)
    if what == "mode":
        try:
            print(oct(os.stat(name).st_mode & 0o777)[2:], flush=True)
        except OSError:
            pass
        return
    try:
        held[name] = os.open(name, os.O_RDONLY)
    except OSError:
        pass
while time.time() < deadline and not os.path.exists(os.path.join(directory, "stop")):
    if select.select([notify], [], [], 0.05)[0]:
        events = os.read(notify, 65536)
        at = 0
        while at < len(events):
            _, _, _, size = struct.unpack_from("iIII", events, at)
            name = events[at + 16:at + 16 + size].rstrip(b"\0").decode()
            at += 16 + size
            look(os.path.join(directory, name))
    for name, fd in list(held.items()):
        data = os.pread(fd, 1 << 20, 0)
        if data:
            sys.stdout.write(data.decode("utf-8", "replace"))
            os.close(fd)
            del held[name]
time.sleep(0.2)
for fd in held.values():
    sys.stdout.write(os.pread(fd, 1 << 20, 0).decode("utf-8", "replace"))
"#;

fn is_root() -> bool {
    let output = Process::new("id").arg("-u").output().expect("id runs");
    String::from_utf8_lossy(&output.stdout).trim() == "0"
}

fn local_json() -> String {
    format!(
        "{{\n  \"services\": {{\n    \"CoAuthoring\": {{\n      \"secret\": {{\n        \"inbox\": {{\"string\": \"{OLD_SECRET}\"}}\n      }}\n    }}\n  }}\n}}\n"
    )
}

fn merge(local: &Path, master: &Path) -> assert_cmd::assert::Assert {
    cli()
        .args(["derive", "--merge"])
        .arg(local)
        .arg("--secret-file")
        .arg(master)
        .timeout(Duration::from_secs(30))
        .assert()
}

#[test]
fn another_user_never_reads_the_old_or_new_secrets_during_a_merge() {
    let (dir, master) = secret_file(MASTER);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let local = dir.path().join("local.json");
    std::fs::write(&local, local_json()).unwrap();
    std::fs::set_permissions(&local, std::fs::Permissions::from_mode(0o600)).unwrap();
    // The watcher opens every file that appears beside local.json as soon as it can,
    // keeps what it could open, and reads it once it has content: as the unprivileged
    // user `nobody` when we are root (as in CI), else as ourselves, recording modes.
    let root = is_root();
    let mut watcher = Process::new("python3");
    watcher
        .arg("-c")
        .arg(WATCHER)
        .arg(dir.path())
        .arg(if root { "read" } else { "mode" })
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if root {
        watcher.uid(65534).gid(65534);
    }
    let watcher = watcher.spawn().expect("the watcher starts");
    std::thread::sleep(Duration::from_millis(200));
    for _ in 0..40 {
        merge(&local, &master).success();
        std::fs::write(&local, local_json()).unwrap();
    }
    std::fs::write(dir.path().join("stop"), "").unwrap();
    let output = watcher.wait_with_output().unwrap();
    let seen = String::from_utf8_lossy(&output.stdout);
    assert!(seen.contains("watched"), "the watcher did not run: {seen}");
    if root {
        assert!(
            !seen.contains(NEW_INBOX),
            "the watcher read the new secrets"
        );
        assert!(
            !seen.contains(OLD_SECRET),
            "the watcher read the old secrets"
        );
    } else {
        assert!(
            seen.lines().skip(1).all(|mode| mode == "600"),
            "modes seen: {seen}"
        );
    }
    // Every file written kept the original's mode.
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let entry = entry.unwrap();
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with("local.json")
        {
            assert_eq!(
                entry.metadata().unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }
}

#[test]
fn reads_of_a_fifo_are_refused_at_once() {
    let (dir, master) = secret_file(MASTER);
    let fifo = dir.path().join("local.json");
    assert!(Process::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&fifo, &link).unwrap();
    for args in [
        vec!["audit".to_owned(), fifo.display().to_string()],
        vec![
            "audit".to_owned(),
            "--nextcloud-config".to_owned(),
            fifo.display().to_string(),
            "-".to_owned(),
        ],
        vec![
            "derive".to_owned(),
            "--secret-file".to_owned(),
            master.display().to_string(),
            "--merge".to_owned(),
            link.display().to_string(),
        ],
        vec![
            "sign".to_owned(),
            "{}".to_owned(),
            "--secret-file".to_owned(),
            fifo.display().to_string(),
        ],
    ] {
        cli()
            .args(&args)
            .write_stdin("{}")
            .timeout(Duration::from_secs(10))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("not a regular file"));
    }
}

#[test]
fn merge_keeps_every_byte_it_does_not_own() {
    let (dir, master) = secret_file(MASTER);
    let local = dir.path().join("local.json");
    let before = "{\n  \"storage\": {\"fs\": {\"maxDownloadBytes\": 123456789012345678901234567890, \"x\": -0, \"y\": 1.50E+3}},\n  \"services\": {\"CoAuthoring\": {\"secret\": {\"inbox\": {\"string\": \"old\"}}}}\n}\n";
    std::fs::write(&local, before).unwrap();
    merge(&local, &master).success();
    let after = std::fs::read_to_string(&local).unwrap();
    assert!(
        after.starts_with("{\n  \"storage\": {\"fs\": {\"maxDownloadBytes\": 123456789012345678901234567890, \"x\": -0, \"y\": 1.50E+3}},\n"),
        "{after}"
    );
    let merged: Value = serde_json::from_str(&after).unwrap();
    assert_eq!(
        merged["services"]["CoAuthoring"]["secret"]["inbox"]["string"],
        NEW_INBOX
    );
}

#[test]
fn a_read_only_local_json_is_left_alone_unless_forced() {
    let (dir, master) = secret_file(MASTER);
    let local = dir.path().join("local.json");
    std::fs::write(&local, local_json()).unwrap();
    std::fs::set_permissions(&local, std::fs::Permissions::from_mode(0o444)).unwrap();
    merge(&local, &master)
        .code(2)
        .stderr(predicate::str::contains("read-only").and(predicate::str::contains("--force")));
    assert_eq!(std::fs::read_to_string(&local).unwrap(), local_json());
    cli()
        .args(["derive", "--force", "--merge"])
        .arg(&local)
        .arg("--secret-file")
        .arg(&master)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&local).unwrap().contains(NEW_INBOX));
    assert_eq!(
        std::fs::metadata(&local).unwrap().permissions().mode() & 0o777,
        0o444
    );
}

#[test]
fn a_merge_killed_at_any_moment_leaves_the_old_or_the_new_file_whole() {
    let (dir, master) = secret_file(MASTER);
    let local = dir.path().join("local.json");
    // Near 1 MiB, so that writing takes a while.
    let padding = format!("\"log\": {{\"note\": \"{}\"}},\n  ", "p".repeat(900_000));
    let before = local_json().replacen("\"services\"", &format!("{padding}\"services\""), 1);
    let binary = assert_cmd::cargo::cargo_bin("onlyoffice-jwt");
    let mut outcomes = [0; 2];
    for delay_ms in 0..25u64 {
        std::fs::write(&local, &before).unwrap();
        let mut child = Process::new(&binary)
            .args(["derive", "--merge"])
            .arg(&local)
            .arg("--secret-file")
            .arg(&master)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read_to_string(&local).unwrap();
        let value: Value = serde_json::from_str(&now).expect("a whole JSON file");
        let inbox = &value["services"]["CoAuthoring"]["secret"]["inbox"]["string"];
        if now == before {
            outcomes[0] += 1;
        } else {
            assert_eq!(inbox, NEW_INBOX, "neither the old nor the new file");
            outcomes[1] += 1;
        }
    }
    assert_eq!(outcomes.iter().sum::<i32>(), 25);
}
