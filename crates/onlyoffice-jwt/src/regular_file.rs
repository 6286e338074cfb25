//! Reading a file that an administrator names (a secret file, a `local.json`, a
//! connector's settings): a regular file only, opened without blocking, so that a FIFO
//! or a device given in its place is refused at once instead of hanging the caller,
//! and bounded in size. The check is made on the opened file, not on the path before
//! opening it, so the path cannot be swapped in between.

use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::Path;

use zeroize::Zeroizing;

/// Why a file could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// It could not be opened or read (missing, no permission, …).
    Unreadable(std::io::ErrorKind),
    /// It is not a regular file (a directory, a FIFO, a device, a socket).
    NotRegular,
    /// It is larger than the limit.
    TooLarge(u64),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Unreadable(kind) => write!(f, "cannot be read ({kind})"),
            ReadError::NotRegular => f.write_str("is not a regular file"),
            ReadError::TooLarge(max) => write!(f, "is larger than {max} bytes"),
        }
    }
}

/// The bytes of the regular file at `path`, at most `max` of them (zeroized when
/// dropped: it may hold a secret). Symbolic links are followed.
pub fn read(path: &Path, max: u64) -> Result<Zeroizing<Vec<u8>>, ReadError> {
    let file = open(path).map_err(|e| ReadError::Unreadable(e.kind()))?;
    let metadata = file
        .metadata()
        .map_err(|e| ReadError::Unreadable(e.kind()))?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular);
    }
    if metadata.len() > max {
        return Err(ReadError::TooLarge(max));
    }
    let mut bytes = Zeroizing::new(Vec::new());
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Unreadable(e.kind()))?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge(max));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().read(true).open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_are_read_and_anything_else_refused_at_once() {
        let dir = std::env::temp_dir().join(format!("oojwt-regular-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("secret");
        std::fs::write(&file, b"abc\n").unwrap();
        assert_eq!(read(&file, 4).unwrap().as_slice(), b"abc\n");
        assert_eq!(read(&file, 3).unwrap_err(), ReadError::TooLarge(3));
        assert_eq!(read(&dir, 10).unwrap_err(), ReadError::NotRegular);
        assert_eq!(
            read(&dir.join("missing"), 10).unwrap_err(),
            ReadError::Unreadable(std::io::ErrorKind::NotFound)
        );
        #[cfg(unix)]
        {
            // A FIFO nobody writes to: a blocking open would hang here for ever.
            let fifo = dir.join("fifo");
            let made = std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap();
            assert!(made.success());
            assert_eq!(read(&fifo, 10).unwrap_err(), ReadError::NotRegular);
            assert_eq!(
                read(Path::new("/dev/null"), 10).unwrap_err(),
                ReadError::NotRegular
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
