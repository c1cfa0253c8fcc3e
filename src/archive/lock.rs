//! The archive's lock: one build at a time. A second build waits a while,
//! then stops with a clear message.
//!
//! The lock is the operating system's lock on `.kinerja.lock` (`flock` on
//! Unix, `LockFileEx` on Windows), not the file's existence: the system
//! releases it when the process ends, however it ends, so a killed build can
//! never leave the archive locked. While a build holds the lock the file
//! names the build's process id, for the message of the one waiting. On Unix
//! the build removes the file when it is done (the archive shows only the
//! documents and the manifest); a build that locked a file already removed
//! sees that the path no longer leads to it and starts again. A killed build
//! leaves the file behind, unlocked and harmless.
//!
//! What only reads an archive (`verify`, the page and the rekap over other offices' archives) takes the
//! lock shared ([`acquire_shared`]): several readers at once, never beside a build, so that a reader
//! never sees a build's half-written group and reports it as damage. A reader leaves the file to a
//! build, and removes it only when it is the last one holding it. An archive where the lock file cannot
//! be made (a read-only drive) is read without it: no build can write there either.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The lock file's name at the archive root.
pub const FILE: &str = ".kinerja.lock";

/// How long a second build waits for the first.
const WAIT: Duration = Duration::from_secs(30);

/// Held while a build runs (or, shared, while an archive is read); the system lock goes with the open
/// file.
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
    /// Taken by a reader, beside other readers.
    shared: bool,
}

impl Drop for Lock {
    fn drop(&mut self) {
        // A reader removes the file only when it is the last holder: taking the lock whole proves it.
        if self.shared && (cfg!(not(unix)) || self.file.try_lock().is_err()) {
            return;
        }
        // Removed while still locked, so the next build cannot lock this file
        // and take it for the one at the path (see `still_at`).
        if cfg!(unix) {
            let _ = std::fs::remove_file(&self.path);
        } else {
            let _ = self.file.set_len(0);
        }
    }
}

/// Takes the lock of the archive at `root`, waiting up to 30 s for another build.
pub fn acquire(root: &Path) -> Result<Lock, String> {
    acquire_within(root, WAIT)
}

fn acquire_within(root: &Path, wait: Duration) -> Result<Lock, String> {
    let path = root.join(FILE);
    // Never through a link: the file is truncated and written to.
    let open = || {
        crate::archive::fsutil::no_follow(OpenOptions::new().read(true).write(true).create(true).truncate(false))
            .open(&path)
            .map_err(|e| format!("gagal mengunci arsip {}: {e}", path.display()))
    };
    let mut file = open()?;
    let started = Instant::now();
    let mut waiting = false;
    loop {
        match file.try_lock() {
            Ok(()) if !still_at(&file, &path) => {
                // The build before removed it on finishing: lock the file now at the path.
                file = open()?;
            }
            Ok(()) => {
                let _ = file.set_len(0);
                let _ = file.rewind();
                let _ = writeln!(file, "{}", std::process::id());
                return Ok(Lock { file, path, shared: false });
            }
            Err(TryLockError::WouldBlock) => {
                if started.elapsed() >= wait {
                    return Err(format!(
                        "arsip {} sedang dipakai oleh build lain{}; build ini berhenti tanpa menulis apa pun. Tunggu build itu selesai lalu jalankan lagi.",
                        root.display(),
                        holder(&path)
                    ));
                }
                if !waiting {
                    waiting = true;
                    eprintln!(
                        "Arsip {} sedang dipakai oleh build lain{}; menunggu sampai {} detik …",
                        root.display(),
                        holder(&path),
                        wait.as_secs()
                    );
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(TryLockError::Error(e)) => return Err(format!("gagal mengunci arsip {}: {e}", path.display())),
        }
    }
}

/// Takes the lock of the archive at `root` shared, for reading it, waiting up to 30 s for a build. None
/// when the lock file cannot be made (the archive is on a read-only drive, or not ours to write): the
/// archive is then read without the lock.
pub fn acquire_shared(root: &Path) -> Result<Option<Lock>, String> {
    acquire_shared_within(root, WAIT)
}

fn acquire_shared_within(root: &Path, wait: Duration) -> Result<Option<Lock>, String> {
    let path = root.join(FILE);
    // Read-only where the reader may not write (the build's file is there): a shared lock needs no more.
    let open = || {
        crate::archive::fsutil::no_follow(OpenOptions::new().read(true).write(true).create(true).truncate(false))
            .open(&path)
            .or_else(|_| crate::archive::fsutil::no_follow(OpenOptions::new().read(true)).open(&path))
            .ok()
    };
    let Some(mut file) = open() else { return Ok(None) };
    let started = Instant::now();
    loop {
        match file.try_lock_shared() {
            Ok(()) if !still_at(&file, &path) => match open() {
                Some(f) => file = f,
                None => return Ok(None),
            },
            Ok(()) => return Ok(Some(Lock { file, path, shared: true })),
            Err(TryLockError::WouldBlock) => {
                if started.elapsed() >= wait {
                    return Err(format!(
                        "arsip {} sedang dipakai oleh build lain lebih dari {} detik; arsip tidak diperiksa agar tidak ada temuan palsu dari dokumen yang sedang ditulis. Jalankan lagi setelah build itu selesai.",
                        root.display(),
                        wait.as_secs()
                    ));
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(TryLockError::Error(_)) => return Ok(None),
        }
    }
}

/// Who holds the lock, for the messages: ` (proses 4242), perintahnya: kinerja build --stage final`
/// (the command where the system tells it), or nothing when the file names no process.
fn holder(path: &Path) -> String {
    let Some(pid) = std::fs::read_to_string(path).ok().and_then(|s| s.trim().parse::<u32>().ok()) else {
        return String::new();
    };
    match command_of(pid) {
        Some(command) => format!(" (proses {pid}), perintahnya: {command}"),
        None => format!(" (proses {pid})"),
    }
}

/// The command line of a running process (Linux: `/proc/<pid>/cmdline`, the program by its file name).
fn command_of(pid: u32) -> Option<String> {
    let raw = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
    let mut args = raw.split(|b| *b == 0).filter(|a| !a.is_empty()).map(|a| String::from_utf8_lossy(a).into_owned());
    let program = args.next()?;
    let program = Path::new(&program).file_name().map_or(program.clone(), |n| n.to_string_lossy().into_owned());
    let line = std::iter::once(program).chain(args).collect::<Vec<_>>().join(" ");
    Some(if line.chars().count() > 160 { line.chars().take(160).collect::<String>() + "…" } else { line })
}

/// True when `path` still names the open `file` (Unix: same device and inode).
#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Elsewhere the file is never removed, so it is always the one at the path.
#[cfg(not(unix))]
fn still_at(_: &File, _: &Path) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_build_waits_then_stops_naming_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let first = acquire(dir.path()).unwrap();
        let err = acquire_within(dir.path(), Duration::from_millis(300)).unwrap_err();
        assert!(err.contains("sedang dipakai oleh build lain"), "{err}");
        assert!(err.contains(&format!("(proses {})", std::process::id())), "{err}");
        drop(first);
        assert!(!dir.path().join(FILE).exists(), "removed when released");
        // Released: the next one takes it at once.
        let again = acquire_within(dir.path(), Duration::ZERO).unwrap();
        drop(again);
    }

    #[test]
    fn a_lock_file_left_behind_does_not_lock() {
        // What a build killed between creating the file and writing its id left
        // (the old protocol kept a second build waiting for it), and a stale id.
        let dir = tempfile::tempdir().unwrap();
        for left in ["", "4194000\n"] {
            std::fs::write(dir.path().join(FILE), left).unwrap();
            let lock = acquire_within(dir.path(), Duration::ZERO).unwrap();
            let content = std::fs::read_to_string(dir.path().join(FILE)).unwrap();
            assert_eq!(content.trim(), std::process::id().to_string());
            drop(lock);
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_waiting_build_does_not_keep_the_removed_file() {
        // B opened the file while A held it; A finishes and removes it; C makes a
        // new one and locks it. B must not take the old file for the lock.
        let dir = tempfile::tempdir().unwrap();
        let a = acquire(dir.path()).unwrap();
        let b_file = File::open(dir.path().join(FILE)).unwrap();
        drop(a);
        let c = acquire_within(dir.path(), Duration::ZERO).unwrap();
        assert!(b_file.try_lock().is_ok(), "the old file is free to lock");
        assert!(!still_at(&b_file, &dir.path().join(FILE)), "but it is no longer the lock");
        assert!(acquire_within(dir.path(), Duration::from_millis(200)).is_err(), "C holds the lock");
        drop(c);
    }

    #[test]
    fn readers_share_the_lock_and_never_sit_beside_a_build() {
        let dir = tempfile::tempdir().unwrap();
        let a = acquire_shared(dir.path()).unwrap().unwrap();
        let b = acquire_shared_within(dir.path(), Duration::ZERO).unwrap().unwrap();
        assert!(acquire_within(dir.path(), Duration::from_millis(200)).is_err(), "a build waits for readers");
        drop(a);
        assert!(dir.path().join(FILE).exists(), "a reader leaves the file while another reads");
        drop(b);
        assert!(!dir.path().join(FILE).exists(), "the last reader removes it");
        let build = acquire(dir.path()).unwrap();
        assert!(acquire_shared_within(dir.path(), Duration::from_millis(200)).is_err(), "a reader waits for a build");
        drop(build);
        assert!(acquire_shared_within(dir.path(), Duration::ZERO).unwrap().is_some());
    }
}
