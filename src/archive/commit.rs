//! Putting a document into the archive so that a crash at any moment leaves
//! it whole: a journal names what is about to be written, the files are
//! written aside and linked into place, the manifest line comes last, and the
//! journal goes. The next build finishes or rolls back what a crash left.

use super::fsutil::{self, FsError};
use super::manifest::{self, Entry};
use std::fs;
use std::path::{Path, PathBuf};

/// Folder of journals of documents being written, at the archive root.
pub const PENDING: &str = ".kinerja-pending";

/// Folder where files are written before they are linked into the tree.
pub const STAGING: &str = ".kinerja-tmp";

/// True for the archive's own bookkeeping entries (lock, journals, staging), which are not documents.
pub fn is_internal(rel: &str) -> bool {
    rel.starts_with(".kinerja")
}

/// Writes a document's files (relative path, bytes) under a journal; returns the journal's path.
///
/// The document is archived only once [`record`] has appended its manifest line.
pub fn stage_files(root: &Path, entry: &Entry, files: &[(&str, &[u8])]) -> Result<PathBuf, FsError> {
    let journal = root.join(PENDING).join(format!("{}.json", entry.sha256));
    fsutil::write_new(&journal, &serde_json::to_vec(entry).unwrap_or_default(), &root.join(STAGING))?;
    fsutil::sync_dir(&root.join(PENDING));
    let mut dirs: Vec<PathBuf> = Vec::new();
    for (rel, bytes) in files {
        let path = root.join(rel);
        fsutil::write_new(&path, bytes, &root.join(STAGING))?;
        if let Some(dir) = path.parent().filter(|d| !dirs.iter().any(|x| x == d)) {
            dirs.push(dir.to_path_buf());
        }
    }
    for dir in &dirs {
        fsutil::sync_dir(dir);
    }
    Ok(journal)
}

/// Appends the document's manifest line (the moment it is archived) and drops its journal.
/// Callers serialise this step; writing the files before it can run in parallel.
pub fn record(root: &Path, entry: &Entry, journal: &Path) -> Result<(), FsError> {
    manifest::append(root, entry)?;
    let _ = fs::remove_file(journal);
    Ok(())
}

/// What recovery did: documents completed, and files of unfinished documents removed.
#[derive(Debug, Default)]
pub struct Recovered {
    /// Entries appended to the manifest for documents whose files were whole.
    pub completed: Vec<String>,
    /// Files removed because their document was never finished (never in the manifest).
    pub rolled_back: Vec<String>,
}

/// The journals of documents a crashed build was writing: (journal path, entry).
pub fn pending(root: &Path) -> Vec<(PathBuf, Option<Entry>)> {
    let Ok(dir) = fs::read_dir(root.join(PENDING)) else {
        return vec![];
    };
    let mut v: Vec<(PathBuf, Option<Entry>)> = dir
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let entry = fs::read(&p).ok().and_then(|b| serde_json::from_slice(&b).ok());
            (p, entry)
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

/// Finishes what a crashed build left, under the archive's lock: a document whose files are
/// whole gets its manifest line; the files of one that is not are removed (they were never
/// archived). Staged files are cleared.
pub fn recover(root: &Path) -> Result<Recovered, FsError> {
    let mut done = Recovered::default();
    let manifest = manifest::read(root)?;
    for (journal, entry) in pending(root) {
        if let Some(e) = entry {
            let in_manifest = manifest.entries.iter().any(|m| m.path == e.path && m.sha256 == e.sha256);
            let whole = file_sha(&root.join(&e.path)).as_deref() == Some(e.sha256.as_str())
                && file_sha(&root.join(&e.data_path)).as_deref() == Some(e.data_sha256.as_str());
            if in_manifest {
                // Only the journal's removal was missing.
            } else if whole {
                manifest::append(root, &e)?;
                done.completed.push(e.path.clone());
            } else {
                for rel in [&e.path, &e.data_path] {
                    if fs::remove_file(root.join(rel)).is_ok() {
                        done.rolled_back.push(rel.clone());
                    }
                }
            }
        }
        let _ = fs::remove_file(&journal);
    }
    if let Ok(dir) = fs::read_dir(root.join(STAGING)) {
        for e in dir.filter_map(Result::ok) {
            let _ = fs::remove_file(e.path());
        }
    }
    Ok(done)
}

/// sha256 of a file's bytes, or None when it can't be read.
pub fn file_sha(path: &Path) -> Option<String> {
    fs::read(path).ok().map(|b| super::sha256(&b))
}
