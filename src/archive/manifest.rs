//! `manifest.jsonl`: one JSON object per archived document, appended and
//! never rewritten, each line linked to all before it (see [`super::chain`]).
//! Reading it gives the newest version of each document and the chain's links.

use super::chain::Chain;
use super::fsutil::{self, FsError};
use crate::document::{DocKey, DocKind, Stage};
use crate::model::Period;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The manifest's file name at the archive root.
pub const FILE: &str = "manifest.jsonl";

/// One archived document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// `pengukuran-kinerja` or `rencana-aksi`.
    pub document: DocKind,
    /// The unit's code.
    #[serde(rename = "unit")]
    pub unit_code: String,
    /// The unit's name.
    #[serde(default)]
    pub unit_name: String,
    /// The position within the unit, for an official's own document (see [`DocKey::position`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// The year.
    pub year: i32,
    /// `tahunan`, `tw1` … `tw4`.
    pub period: Period,
    /// `draft`, `konsep`, `final`.
    pub stage: Stage,
    /// Version number within unit, year, period, stage and document.
    pub version: u32,
    /// Build date, `YYYY-MM-DD`.
    pub date: String,
    /// The PDF's path, relative to the archive root.
    pub path: String,
    /// sha256 of the PDF.
    pub sha256: String,
    /// sha256 of the sources (workbook meaning, templates, program).
    pub source_sha256: String,
    /// The data snapshot's path, relative to the archive root.
    pub data_path: String,
    /// sha256 of the data snapshot.
    #[serde(default)]
    pub data_sha256: String,
    /// For a konsep the draft it follows, for a final the konsep it was signed from.
    pub parent_sha256: Option<String>,
    /// Program name and version.
    pub tool: String,
    /// What changed since the previous version, one line each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<String>,
    /// sha256 of what the document was made from that is known before reading the workbook: its
    /// bytes, the template set, the program and the kind. A rebuild whose input hash is the newest
    /// version's knows it unchanged without reading the workbook. (Empty in entries of older versions.)
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub input_sha256: String,
    /// sha256 of the workbook file's bytes it was made from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub workbook_sha256: String,
    /// How many warnings reading and measuring the workbook gave.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub warnings: usize,
    /// The chain's head before this line (sha256 over every earlier line, [`Chain`]); set when the line
    /// is appended. (None in lines of older versions.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev: Option<String>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Entry {
    /// True when the entry is a version of the document `key` names (without building its key).
    pub fn is(&self, key: &DocKey) -> bool {
        self.document == key.kind
            && self.stage == key.stage
            && self.period == key.period
            && self.year == key.year
            && self.unit_code == key.unit_code
            && self.position == key.position
    }

    /// Its build date as the documents write dates: "15 Januari 2025".
    pub fn date_words(&self) -> String {
        chrono::NaiveDate::parse_from_str(&self.date, "%Y-%m-%d")
            .map(crate::format::date)
            .unwrap_or_else(|_| self.date.clone())
    }

    /// The key versions are counted under.
    pub fn key(&self) -> DocKey {
        DocKey {
            unit_code: self.unit_code.clone(),
            year: self.year,
            period: self.period,
            stage: self.stage,
            kind: self.document,
            position: self.position.clone(),
        }
    }
}

/// The manifest as read: its entries, lines that could not be read, and the chain over all lines.
#[derive(Debug, Default)]
pub struct Manifest {
    /// Entries in the order they were appended.
    pub entries: Vec<Entry>,
    /// (line number, text) of lines that are not an entry.
    pub bad_lines: Vec<(usize, String)>,
    /// Lines in a form the program never writes (the file was rewritten by another tool or by hand).
    pub rewritten: Vec<(usize, Rewritten)>,
    /// The chain's head over every line (the next line's `prev`).
    pub chain: Chain,
    /// Each line's link: what it holds as `prev`, and what the lines before it give.
    pub links: Vec<Link>,
}

/// How a line shows that the manifest file was rewritten: the program writes each entry as one line of
/// compact JSON ended by a line feed, and nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rewritten {
    /// A carriage return (saved with CRLF line ends, or one put between JSON tokens).
    CarriageReturn,
    /// An empty line.
    Blank,
    /// A linked line whose text is not what the program writes for its entry (spaces, another order of
    /// keys, escapes, a field the program does not know).
    NotAsWritten,
}

impl Rewritten {
    /// In words.
    pub fn describe(self) -> &'static str {
        match self {
            Rewritten::CarriageReturn => "memuat carriage return (CRLF)",
            Rewritten::Blank => "kosong",
            Rewritten::NotAsWritten => "tidak persis seperti yang ditulis kinerja untuk isinya",
        }
    }
}

/// One line of the manifest in the chain.
#[derive(Debug, Clone)]
pub struct Link {
    /// Its line number in the file (1-based).
    pub line: usize,
    /// Its `prev`, when it is an entry that has one.
    pub prev: Option<String>,
    /// True when the line is an entry (a torn or foreign line is not).
    pub entry: bool,
    /// The chain's head over the lines before it.
    pub head_before: String,
    /// The chain's head over the lines up to it.
    pub head_after: String,
}

/// True when `rel` is a path of the archive's tree as the program names its files: relative, `/`
/// between plain names (ASCII letters, digits, `.`, `-`, `_`; never `.` or `..`), at least a folder and
/// a file, and not under the archive's own working folders (`.kinerja…`). Nothing else is read, linked
/// or removed as a document's file.
pub fn is_tree_path(rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    parts.len() >= 2
        && !parts[0].starts_with('.')
        && parts.iter().all(|p| {
            !p.is_empty()
                && *p != "."
                && *p != ".."
                && p.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
        })
}

/// The manifest's path under `root`.
pub fn path(root: &Path) -> PathBuf {
    root.join(FILE)
}

/// Reads the manifest (an absent manifest is empty). A torn last line is reported, not fatal.
pub fn read(root: &Path) -> Result<Manifest, FsError> {
    let p = path(root);
    if !p.exists() {
        return Ok(Manifest::default());
    }
    let bytes = fsutil::read(&p)?;
    let text = String::from_utf8_lossy(&bytes);
    let mut m = Manifest::default();
    // Lines as `str::lines` gives them (a `\r` before the line feed is not part of the line, so that
    // heads stay what they always were), each carriage return and blank line noted.
    let body = text.strip_suffix('\n').unwrap_or(&text);
    for (i, raw) in body.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.contains('\r') {
            m.rewritten.push((i + 1, Rewritten::CarriageReturn));
        }
        if line.trim().is_empty() {
            if !text.is_empty() {
                m.rewritten.push((i + 1, Rewritten::Blank));
            }
            continue;
        }
        let head_before = m.chain.head.clone();
        m.chain.push(line);
        let mut link = Link { line: i + 1, prev: None, entry: false, head_before, head_after: m.chain.head.clone() };
        match serde_json::from_str::<Entry>(line) {
            Ok(e) => {
                link.entry = true;
                link.prev = e.prev.clone();
                // A linked line was written by this program's serializer: its text is exactly that.
                // (A field added to `Entry` later must be skipped when empty, as the others are, so
                // that lines written before it still read back to their own text.)
                if e.prev.is_some() && serde_json::to_string(&e).is_ok_and(|s| s != line) {
                    m.rewritten.push((i + 1, Rewritten::NotAsWritten));
                }
                m.entries.push(e);
            }
            Err(_) => m.bad_lines.push((i + 1, line.to_string())),
        }
        m.links.push(link);
    }
    Ok(m)
}

impl Manifest {
    /// The newest entry of a document key.
    pub fn newest(&self, key: &DocKey) -> Option<&Entry> {
        self.entries.iter().filter(|e| e.is(key)).max_by_key(|e| e.version)
    }
}

/// Appends entries, one line each, in one write and one sync, each linked to the chain (which it
/// extends: `chain` is the head of the manifest as it stands, kept by the caller).
pub fn append(root: &Path, entries: &[&Entry], chain: &mut Chain) -> Result<(), FsError> {
    if entries.is_empty() {
        return Ok(());
    }
    let p = path(root);
    let mut next = chain.clone();
    let lines: Vec<String> = entries
        .iter()
        .map(|e| {
            let linked = Entry { prev: Some(next.head.clone()), ..(*e).clone() };
            let line = serde_json::to_string(&linked).unwrap_or_default();
            next.push(&line);
            line
        })
        .collect();
    let mut text = lines.join("\n");
    // A line torn by a crash is closed first, so that the new entries stand on their own lines.
    // (Only the last byte is read: the manifest grows with every document.)
    if fsutil::last_byte(&p).is_some_and(|b| b != b'\n') {
        text.insert(0, '\n');
    }
    fsutil::append_line(&p, &text)?;
    *chain = next;
    Ok(())
}

/// An entry for tests: unit `unit`, version `version`, its files at `{unit}/v{version}.pdf|json`.
#[cfg(test)]
pub(crate) fn sample_entry(unit: &str, version: u32) -> Entry {
    Entry {
        document: DocKind::PengukuranKinerja,
        unit_code: unit.into(),
        unit_name: unit.into(),
        position: None,
        year: 2024,
        period: Period::Tahunan,
        stage: Stage::Draft,
        version,
        date: "2026-11-25".into(),
        path: format!("{unit}/v{version}.pdf"),
        sha256: "0".repeat(64),
        source_sha256: "1".repeat(64),
        data_path: format!("{unit}/v{version}.json"),
        data_sha256: "2".repeat(64),
        parent_sha256: None,
        tool: "kinerja test".into(),
        changes: vec![],
        input_sha256: String::new(),
        workbook_sha256: String::new(),
        warnings: 0,
        prev: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(version: u32) -> Entry {
        sample_entry("diskominfo", version)
    }

    #[test]
    fn a_torn_last_line_does_not_swallow_the_next_entry() {
        let dir = tempfile::tempdir().unwrap();
        let mut chain = Chain::default();
        append(dir.path(), &[&entry(1)], &mut chain).unwrap();
        // A crash (power loss) cut the second line short.
        let mut text = std::fs::read_to_string(path(dir.path())).unwrap();
        text.push_str("{\"document\":\"pengukuran-kin");
        std::fs::write(path(dir.path()), text).unwrap();
        let mut chain = read(dir.path()).unwrap().chain;
        append(dir.path(), &[&entry(3)], &mut chain).unwrap();
        let m = read(dir.path()).unwrap();
        // The torn line is part of the chain: the line after it links to it.
        assert_eq!(m.chain, chain);
        assert_eq!(m.links[2].prev.as_ref(), Some(&m.links[2].head_before));
        assert_eq!(m.entries.iter().map(|e| e.version).collect::<Vec<_>>(), vec![1, 3]);
        assert_eq!(m.bad_lines.len(), 1);
        assert_eq!(m.bad_lines[0].0, 2);
        let key = entry(1).key();
        assert_eq!(m.newest(&key).map(|e| e.version), Some(3));
    }
}
