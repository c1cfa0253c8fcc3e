//! What one manifest line must agree with, beyond its hashes: the names of its files (which carry the
//! year, period, unit, stage, date, version and the PDF's sha256), the identity its PDF carries (the
//! code in its keywords, the date it was made), its data snapshot (kind, version, source hash, unit,
//! what changed), and the lines before it (versions counted without gaps, the parent a konsep or final
//! follows). The chain covers every line but the last; these checks cover the last line too, so an edit
//! of its fields, or a PDF swapped under it with its hash recomputed, is found without a head written
//! down. What they cannot see (a line removed whole with its files, a forged document consistent in
//! every part) only a head kept outside the archive proves (`verify --head`; docs/decisions.md, "What
//! verify proves").

use super::manifest::Entry;
use crate::document::{self, DocKey, DocKind, Stage};
use crate::model::Period;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// What a PDF says it is: the identity code in its keywords and the date it was made.
#[derive(Debug, Default, PartialEq)]
pub struct PdfIdentity {
    /// The document's key, version and short source hash (`kinerja:…`), when it carries one (every
    /// document made since the manifest is chained does).
    pub code: Option<(DocKey, u32, String)>,
    /// Its creation date.
    pub created: Option<NaiveDate>,
}

/// Reads a PDF's identity from its document information: `/Keywords(kinerja:…)` (else the XMP
/// `<pdf:Keywords>`) and `/CreationDate(D:YYYYMMDD…)`. Only those keys are read, never page text or
/// the title, which carry a workbook's words.
pub fn pdf_identity(bytes: &[u8]) -> PdfIdentity {
    let value = |key: &[u8], end: u8| -> Option<String> {
        let at = find(bytes, key)? + key.len();
        let len = bytes[at..].iter().take(512).position(|b| *b == end)?;
        std::str::from_utf8(&bytes[at..at + len]).ok().map(str::to_string)
    };
    let code = value(b"/Keywords(kinerja:", b')')
        .or_else(|| value(b"<pdf:Keywords>kinerja:", b'<'))
        .and_then(|rest| document::parse_code(&format!("kinerja:{rest}")));
    let created = value(b"/CreationDate(D:", b')')
        .filter(|d| d.len() >= 8)
        .and_then(|d| NaiveDate::parse_from_str(&d[..8], "%Y%m%d").ok());
    PdfIdentity { code, created }
}

/// The last occurrence (the document information sits at the end of a PDF, and an appended update's
/// information is the one a reader shows).
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The paths a line's files must have: exactly the names the build and the rekap give for its fields
/// ([`super::paths`]).
pub fn expected_paths(e: &Entry) -> (String, String) {
    super::paths(&e.key(), &e.date, e.version, &e.sha256)
}

/// The parts of a data snapshot that say which document it belongs to (a unit's [`super::snapshot::Snapshot`]
/// or a [`crate::rekap::RekapSnapshot`]).
#[derive(Deserialize)]
struct SnapshotIdentity {
    document: DocKind,
    version: u32,
    source_sha256: String,
    #[serde(default)]
    changes: Vec<String>,
    /// A unit's document: its workbook's identity.
    workbook: Option<WorkbookIdentity>,
    /// A rekap: its year and period.
    year: Option<i32>,
    period: Option<Period>,
}

#[derive(Deserialize)]
struct WorkbookIdentity {
    identity: IdentityFields,
}

#[derive(Deserialize)]
struct IdentityFields {
    #[serde(rename = "unit")]
    unit_name: String,
    unit_code: String,
    year: i32,
    period: Period,
}

/// What the lines read so far hold, for the checks that look back: each key's version count, and the
/// documents a later stage may follow. Lines are taken in order ([`History::push`]).
#[derive(Debug, Default)]
pub struct History {
    /// Versions recorded per document key.
    versions: HashMap<DocKey, u32>,
    /// (unit, year, period, stage, PDF sha256) of every Pengukuran Kinerja and Perjanjian Kinerja recorded.
    parents: HashSet<(String, i32, Period, Stage, String)>,
}

impl History {
    /// Takes in one more line.
    pub fn push(&mut self, e: &Entry) {
        *self.versions.entry(e.key()).or_default() += 1;
        // A later stage follows a Pengukuran Kinerja, or (a PK's or a Laporan Kinerja's final) its draft.
        if matches!(
            e.document,
            DocKind::PengukuranKinerja
                | DocKind::PerjanjianKinerja
                | DocKind::PerjanjianKinerjaPerubahan
                | DocKind::LaporanKinerja
        ) {
            self.parents.insert((e.unit_code.clone(), e.year, e.period, e.stage, e.sha256.clone()));
        }
    }
}

/// Where a line disagrees with what it describes, one sentence each (in Bahasa Indonesia). `earlier`
/// holds the lines before it; `pdf` and `data` the bytes of its files when they are whole (their
/// sha256 is the line's; the PDF as [`pdf_identity`] read it), else None (a missing or changed file is
/// reported on its own). A line of the
/// versions before the chain (`legacy`: no link, and a PDF without an identity code) is not held to the
/// snapshot's later form.
pub fn disagreements(
    e: &Entry,
    earlier: &History,
    pdf: Option<&PdfIdentity>,
    data: Option<&[u8]>,
    legacy: bool,
) -> Vec<String> {
    let mut out = Vec::new();
    let hex64 = |s: &str| s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    for (field, value) in [("sha256", &e.sha256), ("data_sha256", &e.data_sha256), ("source_sha256", &e.source_sha256)]
    {
        if !hex64(value) {
            out.push(format!("{field} bukan sha256 (64 digit heksadesimal): \"{value}\""));
        }
    }
    if NaiveDate::parse_from_str(&e.date, "%Y-%m-%d").map(|d| d.format("%Y-%m-%d").to_string()).ok().as_ref()
        != Some(&e.date)
    {
        out.push(format!("tanggal \"{}\" bukan tanggal YYYY-MM-DD", e.date));
    }
    let code_ok = !e.unit_code.is_empty()
        && e.unit_code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !code_ok {
        out.push(format!("kode unit \"{}\" bukan nama yang diberikan kinerja", e.unit_code));
    }
    if e.document == DocKind::Rekapitulasi && (e.unit_code != crate::rekap::UNIT || e.stage != Stage::Final) {
        out.push("rekapitulasi tercatat di luar unit \"rekapitulasi\" tahap final".to_string());
    }
    let (pdf_path, data_path) = expected_paths(e);
    if e.path != pdf_path || e.data_path != data_path {
        out.push(format!(
            "nama berkasnya tidak sesuai dengan isi baris (tahun, periode, unit, tahap, tanggal, versi, 12 digit sha256): seharusnya {pdf_path}"
        ));
    }
    // Versions count up from 1 under their key, one line each.
    let key = e.key();
    let before = earlier.versions.get(&key).copied().unwrap_or(0);
    if e.version != before + 1 {
        out.push(format!(
            "versi {} tidak menyusul: baris-baris sebelumnya memuat {before} versi dokumen ini, jadi baris ini seharusnya versi {}",
            e.version,
            before + 1
        ));
    }
    // The document a konsep or final follows: the newest earlier version of the stage before it (a PK's
    // final follows its draft: it has no konsep).
    let follows = match (e.document, e.stage) {
        (DocKind::Rekapitulasi, _) | (_, Stage::Draft) => None,
        (_, Stage::Konsep) => Some(Stage::Draft),
        (kind, Stage::Final) if kind.signed_from_draft() => Some(Stage::Draft),
        (_, Stage::Final) => Some(Stage::Konsep),
    };
    match (follows, &e.parent_sha256) {
        (None, None) => {}
        (None, Some(_)) => {
            out.push(format!("{} tidak mengikuti dokumen lain, tetapi barisnya menyebut induk", e.stage.slug()))
        }
        (Some(stage), parent) => {
            let found = parent
                .as_ref()
                .is_some_and(|p| earlier.parents.contains(&(e.unit_code.clone(), e.year, e.period, stage, p.clone())));
            if !found {
                out.push(format!(
                    "induknya ({}) bukan {} unit ini yang tercatat sebelum baris ini",
                    parent.as_deref().unwrap_or("tidak ada"),
                    stage.slug()
                ));
            }
        }
    }
    if let Some(id) = pdf {
        if let Some((k, version, source)) = &id.code {
            if *k != key || *version != e.version || !e.source_sha256.starts_with(source.as_str()) {
                out.push(format!(
                    "PDF-nya mengaku dokumen lain: kode identitasnya {}, barisnya {}",
                    document::code(k, *version, source),
                    document::code(&key, e.version, &e.source_sha256)
                ));
            }
        }
        if let Some(created) = id.created {
            if created.format("%Y-%m-%d").to_string() != e.date {
                out.push(format!("PDF-nya dibuat {}, barisnya bertanggal {}", created.format("%Y-%m-%d"), e.date));
            }
        }
    }
    if let Some(bytes) = data.filter(|_| !legacy) {
        match serde_json::from_slice::<SnapshotIdentity>(bytes) {
            Err(err) => out.push(format!("cuplikan datanya tidak dapat dibaca: {err}")),
            Ok(s) => {
                let (unit, year, period) = match &s.workbook {
                    Some(w) => (w.identity.unit_code.as_str(), Some(w.identity.year), Some(w.identity.period)),
                    None => (crate::rekap::UNIT, s.year, s.period),
                };
                let name_differs =
                    s.workbook.as_ref().is_some_and(|w| !e.unit_name.is_empty() && w.identity.unit_name != e.unit_name);
                if s.document != e.document
                    || s.version != e.version
                    || s.source_sha256 != e.source_sha256
                    || unit != e.unit_code
                    || year != Some(e.year)
                    || period != Some(e.period)
                    || name_differs
                {
                    out.push(
                        "cuplikan datanya milik dokumen lain (jenis, unit, tahun, periode, versi, nama unit atau hash sumber berbeda)"
                            .to_string(),
                    );
                }
                if s.changes != e.changes {
                    out.push("daftar perubahannya tidak sama dengan yang tercatat di cuplikan datanya".to_string());
                }
            }
        }
    }
    out
}

impl PdfIdentity {
    /// True when the PDF shows it was made by a version of kinerja that links every manifest line (such
    /// a PDF carries its identity code; the two came together in one version): its line must be linked.
    pub fn made_linked(&self) -> bool {
        self.code.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_identity_is_read_from_its_keywords_and_date_only() {
        let pdf = b"/Title(kinerja:pengukuran-kinerja/palsu/2024/tahunan/final/v9/aaaaaaaaaaaa)/Keywords(kinerja:pengukuran-kinerja/diskominfo/2024/tahunan/final/v1/3f1e73dd9a0f)/CreationDate(D:20250115000000Z)";
        let id = pdf_identity(pdf);
        let (key, version, source) = id.code.unwrap();
        assert_eq!((key.unit_code.as_str(), version, source.as_str()), ("diskominfo", 1, "3f1e73dd9a0f"));
        assert_eq!(id.created, NaiveDate::from_ymd_opt(2025, 1, 15));
        assert_eq!(pdf_identity(b"%PDF-1.7 nothing"), PdfIdentity::default());
    }
}
