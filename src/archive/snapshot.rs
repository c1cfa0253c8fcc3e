//! The data snapshot archived beside every PDF: the workbook's meaning and its measurement as the
//! document was made from them, and what changed since the version before. Written by the build,
//! read back by the next version (what changed) and by the final's gate (the figures the Kadis saw).

use crate::document::DocKind;
use crate::measure::Measurement;
use crate::model::Workbook;
use serde::{Deserialize, Serialize};

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

impl Snapshot {
    /// The snapshot as archived: pretty JSON.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }

    /// A snapshot read back from the archive; `path` names it in the message.
    pub fn from_bytes(bytes: &[u8], path: &str) -> Result<Self, String> {
        serde_json::from_slice(bytes).map_err(|e| format!("cuplikan data {path} tidak dapat dibaca: {e}"))
    }

    /// The snapshot of an archived entry, read from the archive at `root`.
    pub fn of(root: &std::path::Path, entry: &crate::archive::manifest::Entry) -> Result<Self, String> {
        let bytes = crate::archive::fsutil::read(&root.join(&entry.data_path)).map_err(|e| e.to_string())?;
        Self::from_bytes(&bytes, &entry.data_path)
    }
}
