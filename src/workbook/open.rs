//! Opening a workbook file safely: its size, an encrypted workbook and a zip that would inflate
//! absurdly are refused before any parser sees the bytes; then every sheet (or those a filter
//! keeps) is loaded with the cells formatted as percentages.

use super::grid::Sheet;
use super::ods;
use crate::findings::Findings;
use calamine::{open_workbook_from_rs, Ods, Reader, Sheets, Xls, Xlsb, Xlsx};
use std::collections::HashSet;
use std::io::Cursor;
use std::path::Path;

/// Largest workbook file read, in bytes; anything larger is refused with a finding.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Largest total a zipped workbook (xlsx, xlsm, xlsb, ods) may inflate to.
pub const MAX_INFLATED_BYTES: u64 = 512 * 1024 * 1024;

/// Largest ratio of inflated to compressed size for one part of a zipped workbook. Real sheets
/// compress 5–30 times; a "zip bomb" compresses a thousand times and more.
pub const MAX_INFLATE_RATIO: u64 = 400;

/// The start of an OLE2 compound file (.xls, or an encrypted .xlsx).
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Opens the file and loads every sheet (or only those of one kind); a corrupt or foreign file is a finding.
/// Returns the sheets and the sha256 of the very bytes they were read from.
pub fn open(path: &Path, f: &mut Findings, only: Option<fn(&str) -> bool>) -> Option<(Vec<Sheet>, String)> {
    let size = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) => {
            f.file_error(format!("Berkas tidak dapat dibuka: {e}."), None);
            return None;
        }
    };
    if size > MAX_FILE_BYTES {
        f.file_error(
            format!(
                "Berkas berukuran {} MiB, melebihi batas {} MiB untuk satu buku kerja.",
                size / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            Some("Pisahkan data menjadi beberapa buku kerja atau hapus lembar yang tidak diperlukan.".into()),
        );
        return None;
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            f.file_error(format!("Berkas tidak dapat dibaca: {e}."), None);
            return None;
        }
    };
    let sha = crate::archive::sha256(&bytes);
    if let Some(problem) = refuse_before_parsing(&bytes) {
        f.file_error(problem.0, Some(problem.1));
        return None;
    }
    let mut ods_percent = ods::percent_cells(&bytes);
    let format = Format::of(&bytes);
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    if let Some(format) = format.filter(|f| !f.extensions().contains(&ext.as_str())) {
        // An old .xls saved under an .xlsx name (and the like) is read as what it is.
        f.set_sheet(None);
        f.warning(
            None,
            format!("Berkas bernama .{ext} tetapi isinya {}; dibaca menurut isinya.", format.name()),
            Some(format!(
                "Simpan ulang dengan nama berakhiran .{} (atau sebagai .xlsx) agar aplikasi lain tidak keliru.",
                format.extensions()[0]
            )),
        );
    }
    let opened: Result<Sheets<Cursor<Vec<u8>>>, String> = match format {
        Some(Format::Xls) => {
            open_workbook_from_rs::<Xls<_>, _>(Cursor::new(bytes)).map(Sheets::Xls).map_err(|e| e.to_string())
        }
        Some(Format::Xlsx) => {
            open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes)).map(Sheets::Xlsx).map_err(|e| e.to_string())
        }
        Some(Format::Xlsb) => {
            open_workbook_from_rs::<Xlsb<_>, _>(Cursor::new(bytes)).map(Sheets::Xlsb).map_err(|e| e.to_string())
        }
        Some(Format::Ods) => {
            open_workbook_from_rs::<Ods<_>, _>(Cursor::new(bytes)).map(Sheets::Ods).map_err(|e| e.to_string())
        }
        None => Err(format!("isinya bukan xlsx, xlsm, xls, xlsb atau ods ({})", Format::describe(&bytes))),
    };
    let mut book = match opened {
        Ok(b) => b,
        Err(e) => {
            f.file_error(
                format!("Berkas bukan buku kerja yang dapat dibaca (xlsx, xlsm, xls, xlsb, ods): {e}."),
                Some("Buka berkas di Excel atau LibreOffice, simpan ulang sebagai .xlsx, lalu jalankan lagi. Berkas yang dilindungi kata sandi harus dibuka kuncinya dulu.".into()),
            );
            return None;
        }
    };
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        if only.is_some_and(|keep| !keep(&name)) {
            continue;
        }
        let range = match book.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                f.set_sheet(Some(&name));
                f.error(None, format!("Lembar tidak dapat dibaca: {e}."), None);
                f.set_sheet(None);
                continue;
            }
        };
        let mut percent = percent_cells(&mut book, &name);
        percent.extend(ods_percent.remove(&name).unwrap_or_default());
        sheets.push(Sheet::new(name, range, percent));
    }
    if sheets.is_empty() {
        f.file_error("Buku kerja tidak berisi lembar apa pun.", None);
        return None;
    }
    Some((sheets, sha))
}

/// A workbook's format, by its first bytes (and, for a zip, by its parts), whatever its name says.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Format {
    Xls,
    Xlsx,
    Xlsb,
    Ods,
}

impl Format {
    fn of(bytes: &[u8]) -> Option<Format> {
        if bytes.starts_with(&OLE_MAGIC) {
            return Some(Format::Xls);
        }
        if !bytes.starts_with(b"PK\x03\x04") {
            return None;
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
        let names: Vec<String> = zip.file_names().filter_map(Result::ok).map(|n| n.into_owned()).collect();
        let has = |name: &str| names.iter().any(|n| n == name);
        Some(if has("mimetype") && has("content.xml") {
            Format::Ods
        } else if has("xl/workbook.bin") {
            Format::Xlsb
        } else {
            Format::Xlsx
        })
    }

    /// How a message names it.
    fn name(self) -> &'static str {
        match self {
            Format::Xls => "buku kerja Excel lama (.xls)",
            Format::Xlsx => "buku kerja Excel (.xlsx)",
            Format::Xlsb => "buku kerja Excel biner (.xlsb)",
            Format::Ods => "buku kerja LibreOffice (.ods)",
        }
    }

    /// The file extensions of the format.
    fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Xls => &["xls"],
            Format::Xlsx => &["xlsx", "xlsm"],
            Format::Xlsb => &["xlsb"],
            Format::Ods => &["ods"],
        }
    }

    /// What a file of no workbook format looks like, for the message.
    fn describe(bytes: &[u8]) -> &'static str {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_lowercase();
        if head.contains("<html") || head.contains("<table") || head.contains("<!doctype") {
            "tampaknya halaman HTML"
        } else if bytes.starts_with(b"%PDF") {
            "tampaknya PDF"
        } else if bytes.iter().take(512).all(|b| b.is_ascii() && (*b >= 0x20 || b"\r\n\t".contains(b))) {
            "tampaknya teks biasa, misalnya CSV"
        } else {
            "formatnya tidak dikenal"
        }
    }
}

/// Checks what must be refused before a parser sees the bytes: an encrypted workbook, and a zip
/// that would inflate absurdly. Returns (message, hint).
fn refuse_before_parsing(bytes: &[u8]) -> Option<(String, String)> {
    if bytes.starts_with(&OLE_MAGIC) {
        // An encrypted .xlsx is an OLE2 file holding the streams EncryptionInfo and EncryptedPackage.
        let name: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
        if bytes.windows(name.len()).any(|w| w == name.as_slice()) {
            return Some((
                "Buku kerja dilindungi kata sandi, sehingga isinya tidak dapat dibaca.".into(),
                "Buka di Excel, hapus kata sandinya (File → Info → Proteksi Buku Kerja → Enkripsi dengan Kata Sandi → kosongkan), simpan, lalu jalankan lagi.".into(),
            ));
        }
        return None;
    }
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return None };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(i) else { continue };
        let (inflated, packed) = (entry.size(), entry.compressed_size().max(1));
        total = total.saturating_add(inflated);
        if inflated > 1024 * 1024 && inflated / packed > MAX_INFLATE_RATIO {
            return Some((
                format!(
                    "Bagian \"{}\" buku kerja mengembang {}× (dari {} KiB menjadi {} MiB); berkas seperti ini ditolak agar memori tidak habis.",
                    entry.name().map(|n| n.into_owned()).unwrap_or_default(),
                    inflated / packed,
                    packed / 1024,
                    inflated / (1024 * 1024)
                ),
                "Buka dan simpan ulang berkas di Excel atau LibreOffice; bila tetap ditolak, berkas itu bukan buku kerja biasa.".into(),
            ));
        }
    }
    if total > MAX_INFLATED_BYTES {
        return Some((
            format!(
                "Buku kerja mengembang menjadi {} MiB, melebihi batas {} MiB.",
                total / (1024 * 1024),
                MAX_INFLATED_BYTES / (1024 * 1024)
            ),
            "Pisahkan data menjadi beberapa buku kerja atau hapus lembar yang tidak diperlukan.".into(),
        ));
    }
    None
}

/// Cells formatted as a percentage (only xlsx tells calamine its formats).
fn percent_cells(book: &mut Sheets<Cursor<Vec<u8>>>, name: &str) -> HashSet<(u32, u32)> {
    let mut set = HashSet::new();
    if let Ok(styles) = book.worksheet_style(name) {
        if let (Some(start), Some(end)) = (styles.start(), styles.end()) {
            for row in start.0..=end.0 {
                for col in start.1..=end.1 {
                    let is_percent = styles
                        .get((row, col))
                        .and_then(|s| s.number_format.as_ref())
                        .is_some_and(|n| n.format_code.contains('%') || matches!(n.format_id, Some(9 | 10)));
                    if is_percent {
                        set.insert((row, col));
                    }
                }
            }
        }
    }
    set
}
