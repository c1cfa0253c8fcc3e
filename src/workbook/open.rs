//! Opening a workbook file safely: its size, an encrypted workbook and a zip that would inflate
//! absurdly are refused before any parser sees the bytes; then every sheet (or those a filter
//! keeps) is loaded with the cells formatted as percentages and the formulas saved without a value.
//! A sheet is read cell by cell and loaded whole only when its filled area is within
//! [`super::grid::MAX_CELLS`]: one value at XFD1048576 must not ask for 512 GiB.

use super::grid::{Extent, Sheet};
use super::ods;
use crate::findings::Findings;
use calamine::{
    open_workbook_from_rs, Cell, Data, DataRef, Ods, Range, Reader, Sheets, Style, Xls, Xlsb, Xlsx, XlsxError,
};
use std::collections::{HashMap, HashSet};
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
    let mut ods_scan = ods::scan(&bytes);
    // calamine lays out every sheet of an .ods when it opens the file: one too large is refused first.
    let mut too_large: Vec<(&String, Extent)> =
        ods_scan.iter().filter_map(|(name, scan)| Some((name, scan.extent.filter(Extent::too_large)?))).collect();
    if !too_large.is_empty() {
        too_large.sort_by(|a, b| a.0.cmp(b.0));
        for (name, extent) in too_large {
            let (cell, message, hint) = extent.finding("berkas .ods dengan lembar sebesar ini tidak dibuka");
            f.set_sheet(Some(name));
            f.error(Some(cell), message, Some(hint));
        }
        f.set_sheet(None);
        return None;
    }
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
        let scan = ods_scan.remove(&name).unwrap_or_default();
        match load_sheet(&mut book, &name, scan) {
            Ok(sheet) => sheets.push(sheet),
            Err(e) => {
                f.set_sheet(Some(&name));
                f.error(None, format!("Lembar tidak dapat dibaca: {e}."), None);
                f.set_sheet(None);
            }
        }
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

/// Loads one sheet, or only its name and extent when it is too large (see [`super::grid::MAX_CELLS`]).
/// `.xlsx` and `.xlsb` are read cell by cell before anything is laid out; an `.ods` (measured by
/// [`ods::scan`] before it was opened) and an `.xls` (whose format bounds a sheet to 65 536 × 256
/// cells) are laid out by calamine when the file is opened, and dropped here when too large.
fn load_sheet(book: &mut Sheets<Cursor<Vec<u8>>>, name: &str, scan: ods::Scan) -> Result<Sheet, String> {
    let (cells, percent, uncomputed) = match book {
        Sheets::Xlsx(x) => xlsx_cells(x, name).map_err(|e| e.to_string())?,
        Sheets::Xlsb(x) => {
            let mut reader = x.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
            let mut cells = Vec::new();
            while let Some(c) = reader.next_cell().map_err(|e| e.to_string())? {
                if !matches!(c.get_value(), DataRef::Empty) {
                    cells.push(Cell::new(c.get_position(), Data::from(c.get_value().clone())));
                }
            }
            (cells, HashSet::new(), HashMap::new())
        }
        Sheets::Ods(_) | Sheets::Xls(_) => {
            let range = book.worksheet_range(name).map_err(|e| e.to_string())?;
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let used = range.used_cells().map(|(r, c, _)| (r0 + r as u32, c0 + c as u32));
            if let Some(extent) = Extent::of(used).filter(Extent::too_large) {
                return Ok(Sheet::too_large(name.to_string(), extent));
            }
            return Ok(Sheet::new(name.to_string(), range, scan.percent).with_uncomputed(scan.uncomputed));
        }
    };
    if let Some(extent) = extent(&cells, &uncomputed).filter(Extent::too_large) {
        return Ok(Sheet::too_large(name.to_string(), extent));
    }
    Ok(Sheet::new(name.to_string(), Range::from_sparse(cells), percent).with_uncomputed(uncomputed))
}

/// The area a sheet's values and formulas span.
fn extent(cells: &[Cell<Data>], uncomputed: &HashMap<(u32, u32), String>) -> Option<Extent> {
    Extent::of(cells.iter().map(Cell::get_position).chain(uncomputed.keys().copied()))
}

/// An .xlsx sheet's filled cells, its cells formatted as a percentage, and its formulas saved
/// without a value (a `<f>` and no `<v>`), each read one cell at a time.
#[allow(clippy::type_complexity)]
fn xlsx_cells(
    x: &mut Xlsx<Cursor<Vec<u8>>>,
    name: &str,
) -> Result<(Vec<Cell<Data>>, HashSet<(u32, u32)>, HashMap<(u32, u32), String>), XlsxError> {
    let (mut cells, mut percent, mut uncomputed) = (Vec::new(), HashSet::new(), HashMap::new());
    let mut reader = match x.worksheet_cells_reader(name) {
        Ok(r) => r,
        // A chart sheet: no cells.
        Err(XlsxError::NotAWorksheet(_)) => return Ok((cells, percent, uncomputed)),
        Err(e) => return Err(e),
    };
    while let Some(c) = reader.next_cell_with_formula()? {
        match (c.value, c.formula) {
            (DataRef::Empty, Some(formula)) => {
                uncomputed.insert(c.pos, formula);
            }
            (DataRef::Empty, None) => {}
            (value, _) => cells.push(Cell::new(c.pos, Data::from(value))),
        }
    }
    drop(reader);
    // Percent formats matter only where there are values: marks are kept within their area (styled
    // empty cells elsewhere could be millions), and not looked for on a sheet too large to load.
    let Some(area) = extent(&cells, &uncomputed).filter(|e| !e.too_large()) else {
        return Ok((cells, percent, uncomputed));
    };
    let mut reader = x.worksheet_cells_reader(name)?;
    while let Some((row, col, id)) = reader.next_style_id()? {
        if area.contains(row, col) && reader.styles().get(id).is_some_and(is_percent) {
            percent.insert((row, col));
        }
    }
    Ok((cells, percent, uncomputed))
}

/// True for a cell style whose number format is a percentage.
fn is_percent(style: &Style) -> bool {
    style.number_format.as_ref().is_some_and(|n| n.format_code.contains('%') || matches!(n.format_id, Some(9 | 10)))
}
