//! The dated archive (README, "The archive"): the source hash,
//! versions, the tree and file names, the append-only manifest, atomic
//! writes and the lock that keeps two builds apart.
//!
//! [`Archive`] is the archive as a command holds it: opened once (its lock, the recovery of a build
//! that was cut short, its manifest), asked for the newest entry of a document and an entry's snapshot,
//! and given each new document to [`Archive::commit`]. Every document — a unit's, its Rencana Aksi, the
//! rekapitulasi — is archived through it, so a new kind of document needs nothing here.

pub mod audit;
pub mod chain;
pub mod changes;
pub mod commit;
pub mod fsutil;
pub mod lock;
pub mod manifest;
pub mod snapshot;
pub mod verify;

use crate::document::{DocKey, DocKind};
use commit::{Document, Journal, Recovered};
use fsutil::FsError;
use lock::Lock;
use manifest::{Entry, Manifest};
use sha2::{Digest, Sha256};
use snapshot::SnapshotError;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// An archive opened by a command, for writing (a build, a rekap), for rewriting its page, or for
/// reading (verify, a page or a rekap over other offices' archives).
pub struct Archive {
    /// Its folder.
    root: PathBuf,
    /// The manifest as read when the archive was opened, with every entry committed since.
    manifest: Mutex<Manifest>,
    /// The journal of what this command writes (opened for writing only); it goes when the archive is
    /// closed, unless a document of it may still need recovery.
    journal: Option<Mutex<Journal>>,
    /// What opening finished or rolled back of a build that was cut short.
    recovered: Recovered,
    /// The lock: exclusive for a writer, shared for a reader; none for a reader where the lock file
    /// cannot be made (a read-only drive, where no build can write either). Released last.
    _lock: Option<Lock>,
}

/// Why an archive could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The folder is not there (only a writer makes it).
    #[error("arsip {} tidak ditemukan.", .0.display())]
    NotFound(PathBuf),
    /// Another command holds the lock, or it cannot be taken.
    #[error("{0}")]
    Lock(String),
    /// The folder, the manifest or a journal could not be read or written.
    #[error(transparent)]
    Io(#[from] FsError),
}

/// What a document made from given sources is to the archive.
#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    /// The newest version was made from the same sources: nothing is written.
    Unchanged(Entry),
    /// A new version: its number, and the version it follows (none for the first).
    Version {
        /// Its number: one more than the newest.
        number: u32,
        /// The newest version so far.
        previous: Option<Entry>,
    },
}

impl Archive {
    /// Opens the archive at `root` to add documents: makes the folder, takes its lock (waiting up to 30 s
    /// for another build), finishes or rolls back what a build that was cut short left, reads the manifest.
    pub fn open(root: &Path) -> Result<Archive, OpenError> {
        fsutil::create_dir_all(root)?;
        let lock = lock::acquire(root).map_err(OpenError::Lock)?;
        let recovered = commit::recover(root)?;
        Archive::with(root, Some(lock), recovered, true)
    }

    /// Opens the archive at `root` to rewrite its page (`index.html`): its lock, its manifest. What a cut
    /// build left is left to the next build (and reported by verify).
    pub fn open_page(root: &Path) -> Result<Archive, OpenError> {
        if !root.is_dir() {
            return Err(OpenError::NotFound(root.to_path_buf()));
        }
        let lock = lock::acquire(root).map_err(OpenError::Lock)?;
        Archive::with(root, Some(lock), Recovered::default(), false)
    }

    /// Opens the archive at `root` to read it, under its lock taken shared: a build in progress is waited
    /// for (up to 30 s), never read half-written.
    pub fn read(root: &Path) -> Result<Archive, OpenError> {
        if !root.is_dir() {
            return Err(OpenError::NotFound(root.to_path_buf()));
        }
        let lock = lock::acquire_shared(root).map_err(OpenError::Lock)?;
        Archive::with(root, lock, Recovered::default(), false)
    }

    fn with(root: &Path, lock: Option<Lock>, recovered: Recovered, writes: bool) -> Result<Archive, OpenError> {
        Ok(Archive {
            root: root.to_path_buf(),
            manifest: Mutex::new(manifest::read(root)?),
            journal: writes.then(|| Mutex::new(Journal::new(root))),
            recovered,
            _lock: lock,
        })
    }

    /// Its folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// What opening finished or rolled back of a build that was cut short.
    pub fn recovered(&self) -> &Recovered {
        &self.recovered
    }

    /// The manifest as it stands (held while the guard lives: keep it short on a build's threads).
    pub fn manifest(&self) -> MutexGuard<'_, Manifest> {
        self.manifest.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The newest entry of a document.
    pub fn newest(&self, key: &DocKey) -> Option<Entry> {
        self.manifest().newest(key).cloned()
    }

    /// What a document of `key` made from sources hashing to `source_sha256` is: the newest version
    /// unchanged, or the next version.
    pub fn next(&self, key: &DocKey, source_sha256: &str) -> Next {
        match self.newest(key) {
            Some(e) if e.source_sha256 == source_sha256 => Next::Unchanged(e),
            previous => Next::Version { number: previous.as_ref().map_or(1, |p| p.version + 1), previous },
        }
    }

    /// The data snapshot archived beside an entry's PDF (a unit's [`snapshot::Snapshot`], a
    /// [`crate::rekap::RekapSnapshot`]): read only from inside the archive's tree.
    pub fn snapshot<T: serde::de::DeserializeOwned>(&self, e: &Entry) -> Result<T, SnapshotError> {
        snapshot::read(&self.root, e)
    }

    /// Archives documents together, each whole or not at all (see [`commit::archive`]), and adds their
    /// entries to the manifest; one result per document. Commits wait for one another; readers of the
    /// manifest wait only while the entries are added.
    pub fn commit(&self, docs: &[Document]) -> Vec<Result<(), String>> {
        let Some(journal) = &self.journal else {
            return docs.iter().map(|_| Err("arsip dibuka hanya untuk dibaca".to_string())).collect();
        };
        let mut journal = journal.lock().unwrap_or_else(|e| e.into_inner());
        // Only a commit changes the chain, and commits hold the journal: the head is ours until we are done.
        let mut chain = self.manifest().chain.clone();
        let results = commit::archive(&self.root, &mut journal, docs, &mut chain);
        let mut mf = self.manifest();
        mf.chain = chain;
        for (doc, result) in docs.iter().zip(&results) {
            if result.is_ok() {
                mf.entries.push(doc.entry.clone());
            }
        }
        results
    }
}

impl Drop for Archive {
    fn drop(&mut self) {
        // Under the lock still held: the journal goes when every document of it is archived or rolled back.
        if let Some(journal) = self.journal.take() {
            journal.into_inner().unwrap_or_else(|e| e.into_inner()).finish();
        }
    }
}

/// The program's name and version, as the manifest records it.
pub const TOOL: &str = concat!("kinerja ", env!("CARGO_PKG_VERSION"));

/// sha256 of a document's sources: the workbook's meaning (its model as canonical JSON, so
/// that re-saving or renaming the file changes nothing; for most documents the whole `Workbook`, for
/// a report the part it prints), the template set, the program version, the document kind, and what
/// else the document shows from the archive (`extra`, last year's figures; nothing for most
/// documents, which then hash as they always have).
pub fn source_hash(wb: &impl serde::Serialize, templates_sha: &str, kind: DocKind, extra: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(b"kinerja-source-v1\n");
    h.update(TOOL.as_bytes());
    h.update(b"\n");
    h.update(kind.slug().as_bytes());
    h.update(b"\n");
    h.update(templates_sha.as_bytes());
    h.update(b"\n");
    h.update(serde_json::to_vec(wb).unwrap_or_default());
    if !extra.is_empty() {
        h.update(b"\n");
        h.update(extra);
    }
    hex(&h.finalize())
}

/// sha256 of bytes, in hexadecimal.
pub fn sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Where a document's PDF and data snapshot live, relative to the root:
/// `<tahun>/<periode>/<kode-unit>[/<jabatan>]/<tahap>/<YYYY-MM-DD>/<stem>.pdf|json`, the stem naming the kind, unit,
/// year, period, stage, version and the PDF's sha256 (12 digits) —
/// `pengukuran-kinerja_<kode-unit>_<tahun>-<periode>_<tahap>_v<N>_<sha256 12>` — and for the rekap, whose
/// unit and stage are always the same, `rekapitulasi_<tahun>-<periode>_v<N>_<sha256 12>`. `date` is
/// `YYYY-MM-DD`. The one naming of the tree: the build and the rekap write these names, verify expects them.
pub fn paths(key: &DocKey, date: &str, version: u32, pdf_sha: &str) -> (String, String) {
    // An official's documents lie in a folder of their position under the unit's.
    let owner_dir = match &key.position {
        Some(p) => format!("{}/{p}", key.unit_code),
        None => key.unit_code.clone(),
    };
    let dir = format!("{}/{}/{owner_dir}/{}/{date}", key.year, key.period.slug(), key.stage.slug());
    let sha: String = pdf_sha.chars().take(12).collect();
    let (kind, year, period) = (key.kind.slug(), key.year, key.period.slug());
    let stem = match key.kind {
        DocKind::Rekapitulasi => format!("{kind}_{year}-{period}_v{version}_{sha}"),
        _ => format!("{kind}_{}_{year}-{period}_{}_v{version}_{sha}", key.owner(), key.stage.slug()),
    };
    (format!("{dir}/{stem}.pdf"), format!("{dir}/{stem}.json"))
}

/// Lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A path relative to the archive root, with `/` separators (as the manifest stores it).
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}
