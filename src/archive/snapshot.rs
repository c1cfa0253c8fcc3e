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
}
