//! File-system calls that keep the archive whole: every write goes aside,
//! is synced, and is renamed into place without replacing anything; every
//! error says which file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// An I/O error with the path it concerns.
#[derive(Debug, Error)]
#[error("{action} {path}: {source}")]
pub struct FsError {
    /// What was being done, in Bahasa Indonesia.
    pub action: &'static str,
    /// The file or folder.
    pub path: PathBuf,
    /// The underlying error.
    pub source: io::Error,
}

fn at<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> FsError + 'a {
    move |source| FsError { action, path: path.to_path_buf(), source }
}

/// Creates a folder and its parents.
pub fn create_dir_all(path: &Path) -> Result<(), FsError> {
    fs::create_dir_all(path).map_err(at("gagal membuat folder", path))
}

/// Writes `bytes` to `path` whole or not at all, and never over an existing file.
///
/// The bytes go to a temporary file in `staging` (on the same file system), are synced
/// to disk, and are then moved to their final name (which fails if the name is taken; see
/// [`place`]). The caller syncs the folder (once for several files) so that the new names
/// survive a power loss.
pub fn write_new(path: &Path, bytes: &[u8], staging: &Path) -> Result<(), FsError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    create_dir_all(dir)?;
    let tmp = staged(path, bytes, staging)?;
    place(&tmp, path).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        at("gagal menaruh berkas", path)(e)
    })
}

/// Writes `bytes` aside in `staging`, synced, under a name of `path`'s: the first half of every whole
/// write.
///
/// The file is new: created exclusively (`O_CREAT | O_EXCL`, which also refuses a symbolic link at the
/// name, dangling or not) under a name no one can guess in advance (`<name>.<random>.tmp`), so that a
/// link planted in a shared folder can never make us write through it into another file.
fn staged(path: &Path, bytes: &[u8], staging: &Path) -> Result<std::path::PathBuf, FsError> {
    create_dir_all(staging)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut tries = 0;
    let (tmp, mut f) = loop {
        let tmp = staging.join(format!("{name}.{:016x}.tmp", fastrand::u64(..)));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => break (tmp, f),
            // Taken (by chance, or by someone who plants names): another name.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tries < 16 => tries += 1,
            Err(e) => return Err(at("gagal menulis", &tmp)(e)),
        }
    };
    let written = f.write_all(bytes).map_err(at("gagal menulis", &tmp));
    let synced = written.and_then(|()| f.sync_all().map_err(at("gagal menyimpan ke disk", &tmp)));
    if let Err(e) = synced {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(tmp)
}

/// Writes `bytes` to `path` whole or not at all, replacing what is there: for a derived file (the
/// index page), which is rewritten, never edited. Written aside in `staging`, synced, renamed over.
pub fn replace(path: &Path, bytes: &[u8], staging: &Path) -> Result<(), FsError> {
    let tmp = staged(path, bytes, staging)?;
    fs::rename(&tmp, path).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        at("gagal menaruh berkas", path)(e)
    })?;
    sync_dir(path.parent().unwrap_or(Path::new(".")));
    Ok(())
}

/// Gives the file `tmp` the name `path`, failing if that name is taken. On Linux one rename that
/// refuses to replace (no file is created and deleted per document, which the file system would
/// have to keep track of); elsewhere, or where the file system cannot, a hard link and an unlink.
pub fn place(tmp: &Path, path: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(|_| io::ErrorKind::InvalidInput);
        let (from, to) = (c(tmp)?, c(path)?);
        // SAFETY: two valid NUL-terminated paths, resolved against the working directory.
        let r = unsafe {
            libc::renameat2(libc::AT_FDCWD, from.as_ptr(), libc::AT_FDCWD, to.as_ptr(), libc::RENAME_NOREPLACE)
        };
        if r == 0 {
            return Ok(());
        }
        let e = io::Error::last_os_error();
        if !matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS)) {
            return Err(e);
        }
    }
    let linked = fs::hard_link(tmp, path);
    let _ = fs::remove_file(tmp);
    linked
}

/// Appends one line to `path` and syncs it.
pub fn append_line(path: &Path, line: &str) -> Result<(), FsError> {
    write_line(&mut open_append(path)?, path, line)
}

/// Opens `path` for appending, creating it if needed; never through a symbolic link (a link planted at
/// the manifest's or a journal's name would have us append to whatever file it points at).
pub fn open_append(path: &Path) -> Result<File, FsError> {
    no_follow(OpenOptions::new().create(true).append(true)).open(path).map_err(at("gagal membuka", path))
}

/// Options that refuse to open a symbolic link at the last component of the path (Unix: `O_NOFOLLOW`;
/// elsewhere links need privileges to make, and the options are left as they are).
pub fn no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    options
}

/// Writes one line to a file opened for appending (`path` names it in errors) and syncs it.
pub fn write_line(f: &mut File, path: &Path, line: &str) -> Result<(), FsError> {
    f.write_all(format!("{line}\n").as_bytes()).map_err(at("gagal menulis", path))?;
    f.sync_all().map_err(at("gagal menyimpan ke disk", path))
}

/// The last byte of a file, when it has one.
pub fn last_byte(path: &Path) -> Option<u8> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = File::open(path).ok()?;
    f.seek(SeekFrom::End(-1)).ok()?;
    let mut b = [0u8; 1];
    f.read_exact(&mut b).ok()?;
    Some(b[0])
}

/// Syncs a folder's entries (best effort: not every platform allows it).
pub fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Reads a file, naming it on error.
pub fn read(path: &Path) -> Result<Vec<u8>, FsError> {
    fs::read(path).map_err(at("gagal membaca", path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_new_never_replaces_a_file_and_leaves_nothing_aside() {
        let dir = tempfile::tempdir().unwrap();
        let (path, staging) = (dir.path().join("a/b.pdf"), dir.path().join("tmp"));
        write_new(&path, b"pertama", &staging).unwrap();
        let err = write_new(&path, b"kedua", &staging).unwrap_err();
        assert_eq!(err.action, "gagal menaruh berkas");
        assert_eq!(err.source.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"pertama");
        assert_eq!(fs::read_dir(&staging).unwrap().count(), 0, "no temporary file is left");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_in_the_staging_folder_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let (victim, staging) = (dir.path().join("korban.pdf"), dir.path().join("tmp"));
        fs::write(&victim, b"dokumen arsip").unwrap();
        fs::create_dir_all(&staging).unwrap();
        // Every name the old scheme would use, planted as a link to the victim.
        let link = staging.join(format!("index.html.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        replace(&dir.path().join("index.html"), b"<html>", &staging).unwrap();
        assert_eq!(fs::read(&victim).unwrap(), b"dokumen arsip");
        assert_eq!(fs::read(dir.path().join("index.html")).unwrap(), b"<html>");
    }
}
