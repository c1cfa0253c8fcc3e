//! The dated archive (README, "The archive"): the source hash,
//! versions, the tree and file names, the append-only manifest, atomic
//! writes and the lock that keeps two builds apart.

pub mod audit;
pub mod chain;
pub mod changes;
pub mod commit;
pub mod fsutil;
pub mod lock;
pub mod manifest;
pub mod snapshot;

use crate::document::{DocKey, DocKind};
use crate::model::Workbook;
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The program's name and version, as the manifest records it.
pub const TOOL: &str = concat!("kinerja ", env!("CARGO_PKG_VERSION"));

/// sha256 of a document's sources: the workbook's meaning (its model as canonical JSON, so
/// that re-saving or renaming the file changes nothing), the template set, the program
/// version, the document kind, and what else the document shows from the archive (`extra`, last
/// year's figures; nothing for most documents, which then hash as they always have).
pub fn source_hash(wb: &Workbook, templates_sha: &str, kind: DocKind, extra: &[u8]) -> String {
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

/// Where one document lives: `<tahun>/<periode>/<kode-unit>/<tahap>/<YYYY-MM-DD>/`, relative to the root.
pub fn document_dir(key: &DocKey, date: NaiveDate) -> PathBuf {
    PathBuf::from(key.year.to_string())
        .join(key.period.slug())
        .join(&key.unit)
        .join(key.stage.slug())
        .join(date.format("%Y-%m-%d").to_string())
}

/// `pengukuran-kinerja_<kode-unit>_<tahun>-<periode>_<tahap>_v<N>_<sha256 12>` (no extension).
pub fn file_stem(key: &DocKey, version: u32, pdf_sha: &str) -> String {
    format!(
        "{}_{}_{}-{}_{}_v{version}_{}",
        key.kind.slug(),
        key.unit,
        key.year,
        key.period.slug(),
        key.stage.slug(),
        &pdf_sha[..12.min(pdf_sha.len())]
    )
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
