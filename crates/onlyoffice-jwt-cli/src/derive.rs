//! `derive`: the Document Server's secrets from a master secret, printed as a
//! `local.json` fragment or merged into a `local.json` (backup first, atomic write).

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;
use onlyoffice_jwt::keys::{merge_fragment, secure_fragment};
use serde_json::{json, Value};

use crate::failure::Failure;
use crate::input::{read_text, SecretArgs};
use crate::{print_json, Outcome, OK};

/// Arguments of `derive`.
#[derive(Args)]
pub struct DeriveArgs {
    #[command(flatten)]
    pub secret: SecretArgs,
    /// Merge the secrets and the token switches into this local.json instead of
    /// printing them (every other byte kept, backup written first, atomic write).
    #[arg(long, value_name = "PATH")]
    pub merge: Option<PathBuf>,
    /// With --merge: replace the file even when it is read-only.
    #[arg(long, requires = "merge")]
    pub force: bool,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
}

/// Runs `derive`.
pub fn run(args: &DeriveArgs) -> Outcome {
    let master = args.secret.single()?;
    let derived = onlyoffice_jwt::derive_secrets(&master, args.secret.allow_weak)?;
    let fragment = secure_fragment(&derived);
    if let Some(path) = &args.merge {
        let (target, backup, multitenant) = merge(path, &fragment, args.force)?;
        if args.json {
            print_json(&json!({
                "ok": true,
                "merged": target.display().to_string(),
                "backup": backup.display().to_string(),
                "multitenant": multitenant,
            }));
        } else {
            say!(
                "merged the derived secrets and token switches into {}\nbackup of the \
                 previous file: {}\nrestart the Document Server (supervisorctl restart all, \
                 or systemctl restart ds-*), and give the connector the master secret",
                target.display(),
                backup.display()
            );
            if multitenant {
                say!("{TENANT_RULE}");
            }
        }
        return Ok(OK);
    }
    if args.json {
        let mut out = onlyoffice_jwt::internal::json_api::derive_secrets(
            &master,
            &json!({"allow_weak": args.secret.allow_weak}),
        )?;
        if let Value::Object(map) = &mut out {
            map.insert("ok".to_owned(), Value::Bool(true));
            map.insert("local_json".to_owned(), fragment);
        }
        print_json(&out);
    } else {
        tell!(
            "onlyoffice-jwt: the Document Server's local.json settings below contain \
             secrets: keep them private (or use --merge PATH). They are secret.*.string \
             values, used as written; put into a secret.*.file instead, a secret is read \
             as raw bytes, so write that file without a trailing newline."
        );
        tell!("onlyoffice-jwt: {TENANT_RULE}");
        print_json(&fragment);
    }
    Ok(OK)
}

/// How the Document Server reads a tenant's secret, which `derive` does not set.
const TENANT_RULE: &str = "multitenant mode (tenants.baseDir): each tenant's secret is \
    read from <baseDir>/<tenant>/secret.key as text with whitespace and line breaks \
    trimmed, not from these settings; derive does not change it";

/// Merges `fragment` into the file at `path`: returns the file written, its backup,
/// and whether the file sets `tenants.baseDir` (multitenant mode).
/// A read-only file is refused unless `force`. The original stays whole whatever
/// happens: the new text goes to a temporary file, synced, then renamed over it.
fn merge(path: &Path, fragment: &Value, force: bool) -> Result<(PathBuf, PathBuf, bool), Failure> {
    let target = fs::canonicalize(path)
        .map_err(|e| Failure::input(format!("cannot open {}: {}", path.display(), e.kind())))?;
    let name = target.display().to_string();
    let text = read_text(&name)?;
    let merged = merge_fragment(&text, fragment)?;
    let multitenant = serde_json::from_str::<Value>(&text).is_ok_and(|root| {
        root.pointer("/tenants/baseDir")
            .and_then(Value::as_str)
            .is_some_and(|base| !base.is_empty())
    });
    let metadata = fs::metadata(&target)
        .map_err(|e| Failure::input(format!("cannot read {name}: {}", e.kind())))?;
    if metadata.permissions().readonly() && !force {
        return Err(Failure::input(format!(
            "{name} is read-only: someone protected it; pass --force to replace it anyway"
        )));
    }
    let backup = write_new(&target, "bak", text.as_bytes(), &metadata)?;
    let temporary = write_new(&target, "tmp", merged.as_bytes(), &metadata)?;
    fs::rename(&temporary, &target).map_err(|e| {
        let _ = fs::remove_file(&temporary);
        Failure::input(format!("cannot replace {name}: {}", e.kind()))
    })?;
    sync_directory(&target);
    Ok((target, backup, multitenant))
}

/// Writes `bytes` to a new file beside `target` named `<name>.<suffix>-<n>`, never
/// overwriting anything (O_EXCL), with the target's owner, group and permissions (the
/// DS runs as its own user), synced to disk. The file is created with the target's
/// permissions (less the umask) and owned by whoever runs this, before any byte is
/// written: nobody else can read the secrets in it at any moment.
fn write_new(
    target: &Path,
    suffix: &str,
    bytes: &[u8],
    original: &fs::Metadata,
) -> Result<PathBuf, Failure> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    for attempt in 0..100 {
        let mut candidate = target.as_os_str().to_owned();
        candidate.push(format!(".{suffix}-{stamp}"));
        if attempt > 0 {
            candidate.push(format!("-{attempt}"));
        }
        let candidate = PathBuf::from(candidate);
        let mut file = match create_private(&candidate, original) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(Failure::input(format!(
                    "cannot create {}: {}",
                    candidate.display(),
                    e.kind()
                )))
            }
        };
        let written = same_owner(&file, original)
            .and_then(|()| file.set_permissions(original.permissions()))
            .and_then(|()| file.write_all(bytes))
            .and_then(|()| file.sync_all());
        return match written {
            Ok(()) => Ok(candidate),
            Err(e) => {
                let _ = fs::remove_file(&candidate);
                Err(Failure::input(format!(
                    "cannot write {}: {}",
                    candidate.display(),
                    e.kind()
                )))
            }
        };
    }
    Err(Failure::input(format!(
        "too many {suffix} files beside {}",
        target.display()
    )))
}

/// Creates a new file (never an existing one, nor through a symbolic link) with the
/// permissions of `original` from its first byte.
#[cfg(unix)]
fn create_private(path: &Path, original: &fs::Metadata) -> std::io::Result<fs::File> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(original.permissions().mode() & 0o7777)
        .open(path)
}

/// Creates a new file (never an existing one).
#[cfg(not(unix))]
fn create_private(path: &Path, _original: &fs::Metadata) -> std::io::Result<fs::File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

/// Syncs the directory of `target`, so that the rename survives a crash.
fn sync_directory(target: &Path) {
    if let Some(directory) = target.parent() {
        if let Ok(directory) = fs::File::open(directory) {
            let _ = directory.sync_all();
        }
    }
}

/// Gives `file` the owner and group of `original`.
#[cfg(unix)]
fn same_owner(file: &fs::File, original: &fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    std::os::unix::fs::fchown(file, Some(original.uid()), Some(original.gid()))
}

/// Ownership is left to the platform where it is not Unix.
#[cfg(not(unix))]
fn same_owner(_file: &fs::File, _original: &fs::Metadata) -> std::io::Result<()> {
    Ok(())
}
