//! The data snapshot archived beside every PDF: the workbook's meaning and its measurement as the
//! document was made from them, and what changed since the version before. Written by the build,
//! read back by the next version (what changed) and by the final's gate (the figures the Kadis saw).

use super::fsutil::{self, FsError};
use super::manifest::{self, Entry};
use crate::document::DocKind;
use crate::measure::Measurement;
use crate::model::Workbook;
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
