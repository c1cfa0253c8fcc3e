//! Putting a document into the archive so that a crash at any moment leaves
//! it whole: the build's journal names what is about to be written, the files
//! are written aside and moved into place, the manifest line comes last, and
//! the journal goes when the build ends. The next build finishes or rolls back
//! what a crash left.

use super::chain::Chain;
use super::fsutil::{self, FsError};
use super::manifest::{self, Entry};
use crate::document::DocKey;
use chrono::NaiveDate;
use std::fs::{self, File};
use std::path::{Path, PathBuf};

/// Folder of journals of documents being written, at the archive root.
pub const PENDING: &str = ".kinerja-pending";

/// Folder where files are written before they are linked into the tree.
pub const STAGING: &str = ".kinerja-tmp";

/// True for the archive's own bookkeeping entries (lock, journals, staging), which are not documents.
pub fn is_internal(rel: &str) -> bool {
    rel.starts_with(".kinerja")
}

/// A document ready for the archive: its manifest entry and its files (relative path, bytes).
pub struct Document {
    /// The manifest line that makes it archived.
    pub entry: Entry,
    /// The data snapshot and the PDF.
    pub files: Vec<(String, Vec<u8>)>,
}

/// A document as made, before the archive names its files: what its manifest line records of it.
pub struct NewDocument {
    /// The document it is a version of.
    pub key: DocKey,
    /// The unit's name, as the page and `log` show it.
    pub unit_name: String,
    /// Its version number (see [`super::Archive::next`]).
    pub version: u32,
    /// The build date.
    pub date: NaiveDate,
    /// sha256 of its sources.
    pub source_sha256: String,
    /// For a konsep the draft it follows, for a final the konsep it was signed from.
    pub parent_sha256: Option<String>,
    /// What changed since the previous version, one line each.
    pub changes: Vec<String>,
    /// What is known of the workbook it was made from (nothing for a document drawn from the archive).
    pub inputs: Inputs,
    /// The PDF.
    pub pdf: Vec<u8>,
    /// Its data snapshot, as archived ([`super::snapshot::to_bytes`]).
    pub snapshot: Vec<u8>,
}

/// What a manifest line records of the workbook a document was made from (see [`Entry`]).
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// sha256 of what is known before reading the workbook.
    pub input_sha256: String,
    /// sha256 of the workbook file's bytes.
    pub workbook_sha256: String,
    /// How many warnings reading and measuring it gave.
    pub warnings: usize,
}

impl Document {
    /// The document as the archive takes it: its files named ([`super::paths`]) and its manifest line
    /// made — the one place an [`Entry`] is built.
    pub fn new(doc: NewDocument) -> Document {
        let sha256 = super::sha256(&doc.pdf);
        let date = doc.date.format("%Y-%m-%d").to_string();
        let (path, data_path) = super::paths(&doc.key, &date, doc.version, &sha256);
        let entry = Entry {
            document: doc.key.kind,
            unit_code: doc.key.unit_code,
            unit_name: doc.unit_name,
            position: doc.key.position,
            year: doc.key.year,
            period: doc.key.period,
            stage: doc.key.stage,
            version: doc.version,
            date,
            path: path.clone(),
            sha256,
            source_sha256: doc.source_sha256,
            data_path: data_path.clone(),
            data_sha256: super::sha256(&doc.snapshot),
            parent_sha256: doc.parent_sha256,
            tool: super::TOOL.to_string(),
            changes: doc.changes,
            input_sha256: doc.inputs.input_sha256,
            workbook_sha256: doc.inputs.workbook_sha256,
            warnings: doc.inputs.warnings,
            prev: None,
        };
        Document { entry, files: vec![(data_path, doc.snapshot), (path, doc.pdf)] }
    }
}

/// The journal of one build: one line per group of documents about to be written, appended and
/// synced before any of their files is put in place. It goes when the build ends with every document
/// archived or rolled back; a crash leaves it for the next build's recovery. (One file per build, not
/// one per group: creating and deleting a file per group is work for the file system that grows with
/// the batch.)
pub struct Journal {
    path: PathBuf,
    file: Option<File>,
    /// A write failed part-way: the next line must start on a line of its own.
    torn: bool,
    /// Some group's manifest lines could not be written: the journal must stay for recovery.
    keep: bool,
}

impl Journal {
    /// The journal of this build in the archive at `root` (created with its first line, under a name no
    /// one can plant a link at in advance).
    pub fn new(root: &Path) -> Journal {
        let name = format!("build-{}-{:016x}.jsonl", std::process::id(), fastrand::u64(..));
        let path = root.join(PENDING).join(name);
        Journal { path, file: None, torn: false, keep: false }
    }

    /// Names a group of documents, durably.
    fn record(&mut self, entries: &[&Entry]) -> Result<(), FsError> {
        let file = match &mut self.file {
            Some(f) => f,
            None => {
                let dir = self.path.parent().unwrap_or(Path::new("."));
                fsutil::create_dir_all(dir)?;
                let f = fsutil::open_append(&self.path)?;
                fsutil::sync_dir(dir);
                self.file.insert(f)
            }
        };
        let mut line = serde_json::to_string(entries).unwrap_or_default();
        if self.torn {
            line.insert(0, '\n');
        }
        let written = fsutil::write_line(file, &self.path, &line);
        self.torn = written.is_err();
        written
    }

    /// Ends the build's journal: removed, unless a document of it may still need recovery; the
    /// working folders go too when nothing is left in them, so the archive shows only its tree.
    pub fn finish(self) {
        if self.file.is_some() && !self.keep && !self.torn {
            let _ = fs::remove_file(&self.path);
        }
        if let Some(root) = self.path.parent().and_then(Path::parent) {
            // `remove_dir` refuses a folder that is not empty: another journal stays for recovery.
            let _ = fs::remove_dir(root.join(PENDING));
            let _ = fs::remove_dir(root.join(STAGING));
        }
    }
}

/// Archives documents together, each whole or not at all: a journal line names them all, their files
/// are written aside, synced and moved into place, and their manifest lines are appended in one write
/// (the moment they are archived). One sync of each kind serves the whole group, so a slow disk costs
/// per group, not per document. One result per document: a document whose files cannot be written is
/// rolled back at once and the others are archived.
pub fn archive(root: &Path, journal: &mut Journal, docs: &[Document], chain: &mut Chain) -> Vec<Result<(), String>> {
    if docs.is_empty() {
        return vec![];
    }
    let staging = root.join(STAGING);
    let entries: Vec<&Entry> = docs.iter().map(|d| &d.entry).collect();
    if let Err(e) = journal.record(&entries) {
        return docs.iter().map(|_| Err(e.to_string())).collect();
    }
    let mut dirs: Vec<PathBuf> = Vec::new();
    let mut results: Vec<Result<(), String>> = Vec::with_capacity(docs.len());
    for doc in docs {
        let mut written: Vec<PathBuf> = Vec::new();
        let result = doc.files.iter().try_for_each(|(rel, bytes)| {
            let path = root.join(rel);
            fsutil::write_new(&path, bytes, &staging)?;
            if let Some(dir) = path.parent().filter(|d| !dirs.iter().any(|x| x == d)) {
                dirs.push(dir.to_path_buf());
            }
            written.push(path);
            Ok::<(), FsError>(())
        });
        if result.is_err() {
            // Only what this document wrote: a name that was taken is never ours to remove.
            for path in &written {
                let _ = fs::remove_file(path);
            }
        }
        results.push(result.map_err(|e| e.to_string()));
    }
    for dir in &dirs {
        fsutil::sync_dir(dir);
    }
    let whole: Vec<&Entry> = docs.iter().zip(&results).filter(|(_, r)| r.is_ok()).map(|(d, _)| &d.entry).collect();
    if let Err(e) = manifest::append(root, &whole, chain) {
        // The journal stays: the next build completes the documents whose files are whole. Part of
        // the lines may be in the file: the chain goes on from what the file holds.
        journal.keep = true;
        if let Ok(m) = manifest::read(root) {
            *chain = m.chain;
        }
        results.iter_mut().filter(|r| r.is_ok()).for_each(|r| *r = Err(e.to_string()));
    }
    results
}

/// What recovery did: documents completed, and files of unfinished documents removed.
#[derive(Debug, Default)]
pub struct Recovered {
    /// Entries appended to the manifest for documents whose files were whole.
    pub completed: Vec<String>,
    /// Files removed because their document was never finished (never in the manifest).
    pub rolled_back: Vec<String>,
    /// What a journal named that recovery would not touch, and why: a path outside the archive's tree,
    /// a file the manifest lists, a file whose bytes are not those the journal recorded.
    pub refused: Vec<String>,
}

/// The journals of documents a crashed build was writing: (journal path, the entries it names).
pub fn pending(root: &Path) -> Vec<(PathBuf, Vec<Entry>)> {
    let Some(Ok(dir)) = own_dir(root, PENDING).map(fs::read_dir) else {
        return vec![];
    };
    let mut v: Vec<(PathBuf, Vec<Entry>)> = dir
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl" || x == "json"))
        .map(|p| {
            let entries = journal_entries(&fs::read(&p).unwrap_or_default());
            (p, entries)
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

/// The entries a journal names: a line per group (a line torn by a crash named documents none of
/// whose files was put in place yet), or, from earlier versions, one entry or a list per file.
fn journal_entries(bytes: &[u8]) -> Vec<Entry> {
    if let Ok(v) = serde_json::from_slice::<Vec<Entry>>(bytes) {
        return v;
    }
    if let Ok(e) = serde_json::from_slice::<Entry>(bytes) {
        return vec![e];
    }
    String::from_utf8_lossy(bytes)
        .lines()
        .flat_map(|l| serde_json::from_str::<Vec<Entry>>(l).unwrap_or_default())
        .collect()
}

/// Finishes what a crashed build left, under the archive's lock: a document whose files are
/// whole gets its manifest line; the files of one that is not are removed (they were never
/// archived). Staged files are cleared.
///
/// A journal is a file in the archive like any other, so what it names is checked before anything is
/// removed: only files inside the archive's tree (a relative path of plain names, no `..`, not the
/// archive's own files, through no link), never a file the manifest lists, and only a file whose bytes
/// are those the journal recorded — a file this program staged and placed itself. Anything else is left
/// where it is and named in [`Recovered::refused`].
pub fn recover(root: &Path) -> Result<Recovered, FsError> {
    let mut done = Recovered::default();
    let manifest = manifest::read(root)?;
    let mut chain = manifest.chain.clone();
    let listed = |rel: &str| manifest.entries.iter().any(|m| m.path == rel || m.data_path == rel);
    for (journal, entries) in pending(root) {
        for e in entries {
            let in_manifest = manifest.entries.iter().any(|m| m.path == e.path && m.sha256 == e.sha256);
            let files = [(&e.path, &e.sha256, "pdf"), (&e.data_path, &e.data_sha256, "json")];
            if let Some((rel, _, _)) = files.iter().find(|(rel, _, ext)| !ours(root, rel, ext)) {
                done.refused.push(format!("{rel} (jalur di luar pohon arsip)"));
                continue;
            }
            let whole = files.iter().all(|(rel, sha, _)| file_sha(&root.join(rel)).as_deref() == Some(sha.as_str()));
            if in_manifest {
                // Only the journal's removal was missing.
            } else if whole && !listed(&e.path) && !listed(&e.data_path) {
                manifest::append(root, &[&e], &mut chain)?;
                done.completed.push(e.path.clone());
            } else {
                for (rel, sha, _) in files {
                    let path = root.join(rel);
                    match file_sha(&path) {
                        None => {}
                        Some(_) if listed(rel) => done.refused.push(format!("{rel} (tercatat di manifest)")),
                        Some(actual) if actual != *sha => {
                            done.refused.push(format!("{rel} (isinya bukan yang dicatat jurnal)"))
                        }
                        Some(_) if fs::remove_file(&path).is_ok() => done.rolled_back.push(rel.clone()),
                        Some(_) => {}
                    }
                }
            }
        }
        let _ = fs::remove_file(&journal);
    }
    if let Some(dir) = own_dir(root, STAGING).and_then(|d| fs::read_dir(d).ok()) {
        for e in dir.filter_map(Result::ok) {
            if e.file_type().is_ok_and(|t| !t.is_dir()) {
                let _ = fs::remove_file(e.path());
            }
        }
    }
    Ok(done)
}

/// True when `rel` names a document's file (`.pdf` or `.json`, by `ext`) in the archive's tree: a
/// relative path of plain names, not one of the archive's own files, whose folders are real folders
/// inside the root (no link leads out of it).
fn ours(root: &Path, rel: &str, ext: &str) -> bool {
    if !manifest::is_tree_path(rel) || !rel.ends_with(&format!(".{ext}")) {
        return false;
    }
    let Some(parent) = root.join(rel).parent().map(Path::to_path_buf) else { return false };
    match (parent.canonicalize(), root.canonicalize()) {
        (Ok(p), Ok(r)) => p.starts_with(r),
        // Its folder is not there: nothing of it to remove.
        (Err(_), _) => true,
        (_, Err(_)) => false,
    }
}

/// The archive's working folder `name`, when it is a real folder (not a link that would lead recovery
/// elsewhere).
fn own_dir(root: &Path, name: &str) -> Option<PathBuf> {
    let dir = root.join(name);
    fs::symlink_metadata(&dir).ok().filter(|m| m.is_dir()).map(|_| dir)
}

/// sha256 of a file's bytes, or None when it can't be read.
pub fn file_sha(path: &Path) -> Option<String> {
    fs::read(path).ok().map(|b| super::sha256(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(name: &str, pdf: &[u8]) -> Document {
        let data = format!("{{\"name\":\"{name}\"}}").into_bytes();
        let entry = Entry {
            sha256: super::super::sha256(pdf),
            data_sha256: super::super::sha256(&data),
            ..manifest::sample_entry(name, 1)
        };
        Document { files: vec![(entry.data_path.clone(), data), (entry.path.clone(), pdf.to_vec())], entry }
    }

    #[test]
    fn a_group_is_archived_under_one_journal_that_goes_at_the_end() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let docs = vec![document("a", b"%PDF a"), document("b", b"%PDF b")];
        let mut journal = Journal::new(root);
        let results = archive(root, &mut journal, &docs, &mut Chain::default());
        assert!(results.iter().all(Result::is_ok), "{results:?}");
        // Until the build ends, its journal names the group.
        assert_eq!(pending(root)[0].1.len(), 2);
        journal.finish();
        let m = manifest::read(root).unwrap();
        assert_eq!(m.entries.iter().map(|e| e.unit_code.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(fs::read(root.join("b/v1.pdf")).unwrap(), b"%PDF b");
        assert!(pending(root).is_empty());
        assert!(!root.join(STAGING).exists() && !root.join(PENDING).exists(), "working folders removed");
    }

    #[test]
    fn one_document_refused_by_the_disk_leaves_the_rest_of_its_group_archived() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        // `b`'s folder is taken by a file.
        fs::write(root.join("b"), "bukan folder").unwrap();
        let docs = vec![document("a", b"%PDF a"), document("b", b"%PDF b"), document("c", b"%PDF c")];
        let mut journal = Journal::new(root);
        let results = archive(root, &mut journal, &docs, &mut Chain::default());
        journal.finish();
        assert!(results[0].is_ok() && results[2].is_ok(), "{results:?}");
        assert!(results[1].as_ref().unwrap_err().contains("gagal membuat folder"), "{results:?}");
        let m = manifest::read(root).unwrap();
        assert_eq!(m.entries.iter().map(|e| e.unit_code.as_str()).collect::<Vec<_>>(), ["a", "c"]);
        assert_eq!(fs::read(root.join("b")).unwrap(), b"bukan folder", "what was there stays");
        assert!(pending(root).is_empty());
    }

    #[test]
    fn recovery_completes_the_whole_documents_of_a_group_and_removes_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        // A build stopped in the middle of a group: its journal names three documents; `a` is already
        // in the manifest, `b`'s files are whole, `c` has only its snapshot.
        let docs = [document("a", b"%PDF a"), document("b", b"%PDF b"), document("c", b"%PDF c")];
        let mut journal = Journal::new(root);
        archive(root, &mut journal, &docs[..1], &mut Chain::default());
        // The crash: the second group's line is written, then `b`'s files and `c`'s snapshot, and a
        // third group's line is torn.
        let entries: Vec<&Entry> = docs[1..].iter().map(|d| &d.entry).collect();
        journal.record(&entries).unwrap();
        for (rel, bytes) in docs[1].files.iter().chain(&docs[2].files[..1]) {
            fs::create_dir_all(root.join(rel).parent().unwrap()).unwrap();
            fs::write(root.join(rel), bytes).unwrap();
        }
        let path = journal.path.clone();
        drop(journal);
        let mut text = fs::read_to_string(&path).unwrap();
        text.push_str("[{\"document\":\"pengukuran-kin");
        fs::write(&path, text).unwrap();
        let done = recover(root).unwrap();
        assert_eq!(done.completed, ["b/v1.pdf"]);
        assert_eq!(done.rolled_back, ["c/v1.json"]);
        let m = manifest::read(root).unwrap();
        assert_eq!(m.entries.iter().map(|e| e.unit_code.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        assert!(!root.join("c/v1.json").exists());
        assert!(pending(root).is_empty());
    }

    #[test]
    fn a_journal_of_one_document_from_an_earlier_version_is_still_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let doc = document("a", b"%PDF a");
        for (rel, bytes) in &doc.files {
            fs::create_dir_all(root.join(rel).parent().unwrap()).unwrap();
            fs::write(root.join(rel), bytes).unwrap();
        }
        fs::create_dir_all(root.join(PENDING)).unwrap();
        fs::write(root.join(PENDING).join("x.json"), serde_json::to_vec(&doc.entry).unwrap()).unwrap();
        assert_eq!(recover(root).unwrap().completed, ["a/v1.pdf"]);
    }
}
