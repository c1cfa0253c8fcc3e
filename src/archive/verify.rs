//! The archive's proof of itself (SOP step 9): every hash recomputed, the manifest's chain followed, each
//! file that was modified, is missing, or is not in the manifest named, the first manifest line that no
//! longer follows the lines before it, and every line that disagrees with what it describes (its files'
//! names, its PDF's identity, its snapshot, the versions before it) — as [`Problem`]s, rendered for the
//! terminal by their `Display` and for `--json` by serde. And what a given PDF (or the code of a final's QR
//! code) is to the archive ([`answer`]), and whether a chain head written down earlier is still the
//! history's ([`find_head`]). `kinerja verify` prints them; `index` and `rekap` over several archives
//! verify each first. What it proves and what it cannot: docs/decisions.md, "What verify proves".

use super::audit;
use super::chain::Chain;
use super::commit::{self, is_internal};
use super::manifest::{self, Entry, Manifest};
use super::Archive;
use crate::document;
use crate::text::for_terminal as shown;
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::Path;

/// One thing wrong with the archive.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Problem {
    /// A file whose bytes no longer have the recorded hash.
    Modified { path: String, expected: String, actual: String },
    /// A file the manifest records that is not there.
    Missing { path: String },
    /// A file in the archive that no manifest line records.
    NotInManifest { path: String },
    /// A manifest line that is not an entry.
    BadManifestLine { line: usize },
    /// The first manifest line that does not follow the lines before it: it, or the line before it,
    /// was edited, inserted, removed or moved.
    ChainBroken { line: usize },
    /// The first line without a link although its document was made by a version that links every
    /// line (its PDF carries an identity code): the links were stripped.
    ChainUnlinked { line: usize },
    /// A manifest line in a form the program never writes: the file was rewritten.
    ManifestRewritten { line: usize, how: manifest::Rewritten },
    /// A manifest line that disagrees with what it describes.
    Disagrees { line: usize, path: String, what: String },
    /// A path in the manifest outside the archive's tree (absolute, climbing out, not a name the program
    /// gives): never read, never linked.
    OutsideArchive { line: usize, path: String },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let short = |s: &str| s.chars().take(12).collect::<String>();
        match self {
            Problem::Modified { path, expected, actual } => write!(
                f,
                "DIUBAH: {} (sha256 tercatat {}…, sekarang {}…)",
                shown(path),
                shown(&short(expected)),
                short(actual)
            ),
            Problem::Missing { path } => write!(f, "HILANG: {}", shown(path)),
            Problem::NotInManifest { path } => write!(f, "TIDAK TERCATAT di manifest: {}", shown(path)),
            Problem::BadManifestLine { line } => write!(f, "BARIS RUSAK: manifest.jsonl baris {line}"),
            Problem::ChainBroken { line } => write!(
                f,
                "RANTAI PUTUS di manifest.jsonl baris {line}: baris ini tidak menyambung dengan baris-baris sebelumnya. Baris {line} atau baris {} telah diubah, disisipkan atau ditukar, atau ada baris yang dihapus di antaranya; riwayat arsip tidak lagi utuh.",
                line.saturating_sub(1)
            ),
            Problem::ChainUnlinked { line } => write!(
                f,
                "RANTAI DILEPAS di manifest.jsonl baris {line}: baris ini tanpa tautan (prev), padahal dokumennya dibuat oleh versi kinerja yang menautkan setiap baris (PDF-nya memuat kode identitas). Tautannya telah dihapus; riwayat arsip tidak lagi utuh."
            ),
            Problem::ManifestRewritten { line, how } => write!(
                f,
                "MANIFEST DITULIS ULANG: manifest.jsonl baris {line} {}; kinerja hanya menambah baris, tidak pernah menyunting berkas ini.",
                how.describe()
            ),
            Problem::Disagrees { line, path, what } => {
                write!(f, "TIDAK SESUAI: manifest.jsonl baris {line} ({}): {}", shown(path), shown(what))
            }
            Problem::OutsideArchive { line, path } => write!(
                f,
                "JALUR DI LUAR ARSIP: manifest.jsonl baris {line} menyebut \"{}\"; berkas itu tidak dibaca.",
                shown(path)
            ),
        }
    }
}

/// The chain's head, as the report gives it.
#[derive(Debug, Serialize)]
pub struct ChainReport {
    /// sha256 over every line.
    pub head: String,
    /// How many lines.
    pub lines: usize,
}

/// The verification of one archive.
#[derive(Debug, Serialize)]
pub struct Report {
    /// True when nothing is wrong.
    pub ok: bool,
    /// Documents in the manifest.
    pub documents: usize,
    /// Files checked.
    pub files: usize,
    /// The manifest chain's head.
    pub chain: ChainReport,
    /// Everything wrong.
    pub problems: Vec<Problem>,
    /// Documents an interrupted build left half-done; the next build completes or removes them.
    pub pending: Vec<String>,
    /// The page `index.html`: a derived file, not a document; not a problem when stale or absent.
    pub index: IndexState,
}

/// What `verify` finds of `index.html`, the archive's derived page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IndexState {
    /// No page (an empty archive, or it was removed).
    TidakAda,
    /// The page is exactly what the archive gives now.
    Sesuai,
    /// The page differs from what the archive gives now (edited, or written by another version).
    Usang,
}

/// How `index.html` stands against what the archive gives now.
pub fn index_state(archive: &Archive) -> IndexState {
    match std::fs::read(archive.root().join(crate::index::FILE)) {
        Err(_) => IndexState::TidakAda,
        Ok(bytes) if crate::index::render_one(archive).is_ok_and(|e| e == bytes) => IndexState::Sesuai,
        Ok(_) => IndexState::Usang,
    }
}

/// Where the chain fails first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainFault {
    /// A link that does not hold the head of the lines before it, or a line without one after the chain
    /// began.
    Broken(usize),
    /// A line without a link that should have one (see [`Problem::ChainUnlinked`]).
    Unlinked(usize),
}

impl ChainFault {
    /// As a problem of the report.
    pub fn problem(self) -> Problem {
        match self {
            ChainFault::Broken(line) => Problem::ChainBroken { line },
            ChainFault::Unlinked(line) => Problem::ChainUnlinked { line },
        }
    }
}

/// The first line that breaks the chain: a link that does not hold the head of the lines before it, an
/// entry without a link once the chain has begun, or one whose document shows it was made by a version
/// that links every line (`made_linked`, per entry in order; lines of older versions have no link).
pub fn chain_break(mf: &Manifest, made_linked: &[bool]) -> Option<ChainFault> {
    let mut begun = false;
    for (i, link) in mf.links.iter().filter(|l| l.entry).enumerate() {
        match &link.prev {
            Some(p) if *p == link.head_before => begun = true,
            Some(_) => return Some(ChainFault::Broken(link.line)),
            None if begun => return Some(ChainFault::Broken(link.line)),
            None if made_linked.get(i).copied().unwrap_or(false) => return Some(ChainFault::Unlinked(link.line)),
            None => {}
        }
    }
    None
}

/// Verifies an archive (opened to read it, or held by the command that writes it).
pub fn verify(archive: &Archive) -> Report {
    let root = archive.root();
    let mf = archive.manifest();
    let mut problems: Vec<Problem> =
        mf.rewritten.iter().map(|(line, how)| Problem::ManifestRewritten { line: *line, how: *how }).collect();
    problems.extend(mf.bad_lines.iter().map(|(line, _)| Problem::BadManifestLine { line: *line }));
    let lines: Vec<(usize, bool)> = mf.links.iter().filter(|l| l.entry).map(|l| (l.line, l.prev.is_some())).collect();
    let mut known: BTreeSet<String> = BTreeSet::new();
    let mut files = 0;
    let mut made_linked = Vec::with_capacity(mf.entries.len());
    let mut disagree = Vec::new();
    let mut history = audit::History::default();
    for (e, &(line, linked)) in mf.entries.iter().zip(&lines) {
        // Each file read once: hashed, and (when whole) asked what it is.
        let mut whole: [Option<Vec<u8>>; 2] = [None, None];
        for (n, (path, sha)) in [(&e.path, &e.sha256), (&e.data_path, &e.data_sha256)].into_iter().enumerate() {
            known.insert(path.clone());
            files += 1;
            if !manifest::is_tree_path(path) {
                problems.push(Problem::OutsideArchive { line, path: path.clone() });
                continue;
            }
            match std::fs::read(root.join(path)) {
                Err(_) => problems.push(Problem::Missing { path: path.clone() }),
                Ok(bytes) => {
                    let actual = crate::archive::sha256(&bytes);
                    if &actual == sha {
                        whole[n] = Some(bytes);
                    } else {
                        problems.push(Problem::Modified { path: path.clone(), expected: sha.clone(), actual });
                    }
                }
            }
        }
        let identity = whole[0].as_deref().map(audit::pdf_identity);
        let identified = identity.as_ref().is_some_and(audit::PdfIdentity::made_linked);
        made_linked.push(identified);
        let legacy = !linked && !identified;
        for what in audit::disagreements(e, &history, identity.as_ref(), whole[1].as_deref(), legacy) {
            disagree.push(Problem::Disagrees { line, path: e.path.clone(), what });
        }
        history.push(e);
    }
    if let Some(fault) = chain_break(&mf, &made_linked) {
        problems.push(fault.problem());
    }
    problems.extend(disagree);
    let mut pending = Vec::new();
    for (_, entries) in commit::pending(root) {
        for e in entries {
            if !known.contains(&e.path) {
                pending.push(e.path.clone());
            }
            known.insert(e.path);
            known.insert(e.data_path);
        }
    }
    // (The root itself may be reached through a link: it is walked, and is not a file of the archive.)
    for entry in walkdir::WalkDir::new(root).follow_links(false).into_iter().filter_map(Result::ok) {
        if entry.depth() == 0 || entry.file_type().is_dir() {
            continue;
        }
        let rel = crate::archive::relative(root, entry.path());
        if is_internal(&rel)
            || rel == manifest::FILE
            || rel == crate::index::FILE
            || rel == ".gitkeep"
            || known.contains(&rel)
        {
            continue;
        }
        problems.push(Problem::NotInManifest { path: rel });
    }
    let (documents, chain) = (mf.entries.len(), ChainReport { head: mf.chain.head.clone(), lines: mf.chain.lines });
    drop(mf);
    Report { ok: problems.is_empty(), documents, files, chain, problems, pending, index: index_state(archive) }
}

/// Opens the archive at `root` to read it (under its shared lock: a build in progress is waited for, up to
/// 30 s, so that its half-written group is never reported as damage) and verifies it; the archive is kept
/// open for what the caller reads of it next.
pub fn open_and_verify(root: &Path) -> Result<(Archive, Report), String> {
    if root.is_dir() && !is_archive(root) {
        return Err(format!(
            "folder {} bukan arsip kinerja: tidak ada manifest.jsonl dan tidak ada dokumen arsip (<tahun>/<periode>/<unit>/<tahap>/<tanggal>/…) di dalamnya. Sebutkan folder arsipnya dengan --output (bawaan: output).",
            root.display()
        ));
    }
    let archive = Archive::read(root).map_err(|e| e.to_string())?;
    let report = verify(&archive);
    Ok((archive, report))
}

/// True for a folder that is an archive: it has a manifest or a build's journal, a document where
/// the archive's tree puts documents, or nothing at all (an empty archive). A folder of other files
/// (`verify --output input`) is not one, and is not reported as an archive whose every file is foreign.
fn is_archive(root: &Path) -> bool {
    if root.join(crate::archive::manifest::FILE).exists() || !crate::archive::commit::pending(root).is_empty() {
        return true;
    }
    let mut files = walkdir::WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file());
    let mut any = false;
    let in_tree = files.any(|e| {
        let rel = crate::archive::relative(root, e.path());
        if crate::archive::commit::is_internal(&rel) || rel == ".gitkeep" || rel == crate::index::FILE {
            return false;
        }
        any = true;
        let parts: Vec<&str> = rel.split('/').collect();
        parts.len() >= 6
            && parts[0].len() == 4
            && parts[0].chars().all(|c| c.is_ascii_digit())
            && parts.iter().any(|p| chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d").is_ok())
            && (rel.ends_with(".pdf") || rel.ends_with(".json"))
    });
    in_tree || !any
}

/// The line count at which the history had the head `wanted` (a prefix of it), if it ever had.
pub fn find_head(mf: &Manifest, wanted: &str) -> Option<Chain> {
    mf.links
        .iter()
        .enumerate()
        .find(|(_, l)| l.head_after.starts_with(wanted))
        .map(|(i, l)| Chain { head: l.head_after.clone(), lines: i + 1 })
}

/// What a given file (or code) is to this archive.
#[derive(Debug, Serialize)]
pub struct Answer {
    /// The file or code as given.
    pub file: String,
    /// Whether it is an archived document.
    pub answer: Likeness,
    /// The archived document it is, or claims to be (its manifest entry).
    pub document: Option<Entry>,
    /// True when no newer version of that document's stage exists.
    pub newest: Option<bool>,
    /// The newest version, when it is newer.
    pub newer: Option<Entry>,
    /// Why it could not be read, if it could not.
    pub error: Option<String>,
    /// How the archive's own copy of that document stands; none when no document was found.
    pub archived: Option<ArchivedCopy>,
}

/// Whether a given file (or code) is an archived document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Likeness {
    /// Byte for byte an archived document, or a code of one.
    Sama,
    /// It names, or is named like, an archived document, but its bytes differ.
    Berbeda,
    /// Not a document of this archive.
    TidakDikenal,
}

/// How the archive's own copy of a document stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ArchivedCopy {
    /// Whole.
    Utuh,
    /// Gone from the archive.
    Hilang,
    /// Its bytes are no longer those its line records.
    Diubah,
    /// Its manifest line disagrees with it.
    TidakSesuai,
}

/// What one file or code is to the archive whose manifest is `mf` and whose problems are `problems`.
pub fn answer(mf: &Manifest, problems: &[Problem], target: &str) -> Answer {
    let mut a = Answer {
        file: target.to_string(),
        answer: Likeness::TidakDikenal,
        document: None,
        newest: None,
        newer: None,
        error: None,
        archived: None,
    };
    let found: Option<(&Entry, bool)> = if let Some((key, version, source)) = document::parse_code(target) {
        mf.entries
            .iter()
            .find(|e| e.is(&key) && e.version == version && e.source_sha256.starts_with(&source))
            .map(|e| (e, true))
    } else {
        match std::fs::read(target) {
            Err(e) => {
                a.error = Some(format!("berkas tidak dapat dibaca: {e}"));
                None
            }
            Ok(bytes) => {
                let sha = crate::archive::sha256(&bytes);
                mf.entries
                    .iter()
                    .find(|e| e.sha256 == sha)
                    .map(|e| (e, true))
                    .or_else(|| claimed(mf, target, &bytes).map(|e| (e, false)))
            }
        }
    };
    if let Some((e, same)) = found {
        a.answer = if same { Likeness::Sama } else { Likeness::Berbeda };
        let newest = mf.newest(&e.key()).filter(|n| n.version > e.version);
        a.newest = Some(newest.is_none());
        a.newer = newest.cloned();
        a.archived = Some(archived_copy(e, problems));
        a.document = Some(e.clone());
    }
    a
}

/// The archived document a file claims to be, though its bytes differ: by the identity its PDF
/// carries in its keywords, else by its file name.
fn claimed<'a>(mf: &'a Manifest, target: &str, bytes: &[u8]) -> Option<&'a Entry> {
    let by_code = audit::pdf_identity(bytes).code.and_then(|(key, version, source)| {
        mf.entries.iter().find(|e| e.is(&key) && e.version == version && e.source_sha256.starts_with(&source))
    });
    by_code.or_else(|| {
        let name = Path::new(target).file_name()?.to_str()?;
        mf.entries.iter().find(|e| e.path.rsplit('/').next() == Some(name))
    })
}

/// How the archive's own copy of `e` stands, from the archive's problems.
fn archived_copy(e: &Entry, problems: &[Problem]) -> ArchivedCopy {
    let about = |p: &&Problem| match p {
        Problem::Missing { path } | Problem::Modified { path, .. } | Problem::OutsideArchive { path, .. } => {
            *path == e.path || *path == e.data_path
        }
        Problem::Disagrees { path, .. } => *path == e.path,
        _ => false,
    };
    match problems.iter().find(about) {
        None => ArchivedCopy::Utuh,
        Some(Problem::Missing { .. }) => ArchivedCopy::Hilang,
        Some(Problem::Modified { .. }) => ArchivedCopy::Diubah,
        Some(_) => ArchivedCopy::TidakSesuai,
    }
}
