//! The logo a workbook names: an image inside the workbook's own folder, checked by the reader
//! (an error at its cell) and loaded for the typesetter. The only file a document reads besides
//! its templates.

use std::path::{Component, Path, PathBuf};

/// Image types a logo may have.
pub const LOGO_EXTENSIONS: [&str; 5] = ["png", "jpg", "jpeg", "svg", "gif"];

/// Largest logo read, in bytes.
pub const MAX_LOGO_BYTES: u64 = 5 * 1024 * 1024;

/// The logo's path on disk, when it is an image inside the workbook's folder; else why not.
pub fn resolve(workbook: &Path, logo: &str) -> Result<PathBuf, String> {
    let rel = Path::new(logo.trim());
    if rel.is_absolute() || rel.components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir)) {
        return Err("jalur harus relatif terhadap folder buku kerja, tanpa \"..\"".into());
    }
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    if !LOGO_EXTENSIONS.contains(&ext.as_str()) {
        return Err("jenis berkas harus PNG, JPG, SVG atau GIF".into());
    }
    let folder = workbook.parent().unwrap_or(Path::new("."));
    let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
    let path = folder.join(rel);
    let real = path.canonicalize().map_err(|_| "berkas tidak ditemukan".to_string())?;
    let base = folder.canonicalize().map_err(|_| "folder buku kerja tidak dapat dibaca".to_string())?;
    if !real.starts_with(&base) {
        return Err("berkas berada di luar folder buku kerja".into());
    }
    let meta = std::fs::metadata(&real).map_err(|_| "berkas tidak dapat dibaca".to_string())?;
    if !meta.is_file() || meta.len() > MAX_LOGO_BYTES {
        return Err("bukan berkas gambar yang wajar (maksimal 5 MiB)".into());
    }
    Ok(real)
}

/// The workbook's logo as (file name in the typst world, bytes), when it names one.
pub fn load(workbook: &Path, logo: Option<&str>) -> Result<Option<(String, Vec<u8>)>, String> {
    logo.map(|l| load_as(workbook, l, "logo")).transpose()
}

/// An image the workbook names (its logo, a picture of its narrative), under the rules of [`resolve`],
/// as (`<stem>.<ext>`, its name in the typst world, and its bytes).
pub fn load_as(workbook: &Path, file: &str, stem: &str) -> Result<(String, Vec<u8>), String> {
    let path = resolve(workbook, file).map_err(|e| format!("{stem} ({file}): {e}"))?;
    let bytes = std::fs::read(&path).map_err(|e| format!("{stem} {}: {e}", path.display()))?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("png").to_lowercase();
    Ok((format!("{stem}.{ext}"), bytes))
}
