//! The data snapshot archived beside every PDF: the workbook's meaning and its measurement as the
//! document was made from them, and what changed since the version before. Written by the build,
//! read back by the next version (what changed) and by the final's gate (the figures the Kadis saw).

use super::fsutil::{self, FsError};
use super::manifest::{self, Entry};
use crate::document::{DocKey, DocKind, Stage};
use crate::measure::Measurement;
use crate::model::{Period, Workbook};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use std::path::Path;

/// One document's data snapshot (`<stem>.json` beside `<stem>.pdf`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The kind of document.
    pub document: DocKind,
    /// Its version.
    pub version: u32,
    /// Its source hash.
    pub source_sha256: String,
    /// What changed since the previous version, one line each.
    pub changes: Vec<String>,
    /// The workbook as it was read.
    pub workbook: Workbook,
    /// Its measurement.
    pub measurement: Measurement,
    /// Last year's figures it showed (none in snapshots of documents without them, and of older
    /// versions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_year: Option<LastYear>,
    /// sha256 of the logo's bytes, when the workbook names a logo (none in snapshots of documents
    /// without one, and of versions made before the logo counted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_sha256: Option<String>,
    /// The archived documents it was made from (a Laporan Kinerja's: the year's final measurement, the
    /// signed PK, the earlier years' finals); empty for a document made from its workbook alone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Used>,
}

/// An archived document another document was made from, as that document's snapshot records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Used {
    /// Its kind.
    pub document: DocKind,
    /// Its year.
    pub year: i32,
    /// Its period.
    pub period: Period,
    /// Its stage.
    pub stage: Stage,
    /// Its version.
    pub version: u32,
    /// Its build date, `YYYY-MM-DD`.
    pub date: String,
    /// sha256 of its PDF.
    pub sha256: String,
    /// Its source hash.
    pub source_sha256: String,
}

impl Used {
    /// The reference to an archived entry.
    pub fn of(e: &crate::archive::manifest::Entry) -> Used {
        Used {
            document: e.document,
            year: e.year,
            period: e.period,
            stage: e.stage,
            version: e.version,
            date: e.date.clone(),
            sha256: e.sha256.clone(),
            source_sha256: e.source_sha256.clone(),
        }
    }

    /// Its identity code (`kinerja:…`), as its QR code holds it, for `unit`.
    pub fn code(&self, unit: &str) -> String {
        let key = DocKey {
            unit_code: unit.to_string(),
            year: self.year,
            period: self.period,
            stage: self.stage,
            kind: self.document,
            position: None,
        };
        crate::document::code(&key, self.version, &self.source_sha256)
    }

    /// Its build date as the documents write dates: "15 Januari 2025".
    pub fn date_words(&self) -> String {
        chrono::NaiveDate::parse_from_str(&self.date, "%Y-%m-%d")
            .map(crate::format::date)
            .unwrap_or_else(|_| self.date.clone())
    }
}

/// Last year's figures of this year's indicators: from last year's final (else newest konsep) of the
/// same unit and period in the archive, and from the workbook's own columns, which win. Part of the
/// document's source hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LastYear {
    /// The year.
    pub year: i32,
    /// The archived document the figures come from: "final v1, 15 Januari 2025, 3f1e73dd9a0f".
    pub document: Option<String>,
    /// Per indicator of this year, in order: (code, realisation, capaian, where from).
    pub rows: Vec<LastYearRow>,
}

/// One indicator's figures last year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LastYearRow {
    /// This year's indicator code.
    pub code: String,
    /// Last year's realisation.
    pub realisation: Option<f64>,
    /// Last year's capaian.
    pub capaian: Option<f64>,
    /// "arsip" or "buku kerja".
    pub from: String,
}

/// A snapshot as archived: pretty JSON (a unit's [`Snapshot`], a [`crate::rekap::RekapSnapshot`]).
pub fn to_bytes<T: Serialize>(snapshot: &T) -> Vec<u8> {
    serde_json::to_vec_pretty(snapshot).unwrap_or_default()
}

/// Why an entry's snapshot could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    /// The entry names a path outside the archive's tree (an edited manifest): never read.
    #[error("{0}: jalur di luar pohon arsip, tidak dibaca")]
    OutsideTree(String),
    /// The file could not be read.
    #[error(transparent)]
    Read(#[from] FsError),
    /// Its bytes are not a snapshot of this kind.
    #[error("cuplikan data {path} tidak dapat dibaca: {source}")]
    Unreadable {
        /// The snapshot's path in the archive.
        path: String,
        /// What JSON said.
        source: serde_json::Error,
    },
}

/// The snapshot archived beside the entry `e`'s PDF in the archive at `root` (see
/// [`super::Archive::snapshot`], the way every command reads one).
pub fn read<T: DeserializeOwned>(root: &Path, e: &Entry) -> Result<T, SnapshotError> {
    if !manifest::is_tree_path(&e.data_path) {
        return Err(SnapshotError::OutsideTree(e.data_path.clone()));
    }
    let bytes = fsutil::read(&root.join(&e.data_path))?;
    serde_json::from_slice(&bytes).map_err(|source| SnapshotError::Unreadable { path: e.data_path.clone(), source })
}
