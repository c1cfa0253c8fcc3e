//! One sheet as a grid of cells with their addresses, and typed reads of a
//! cell that turn anything unreadable into a finding at that cell.

use super::values::{date_from_serial, parse_date_text, parse_number};
use crate::findings::{Findings, Reported};
use calamine::{Data, Range};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// A sheet's cells, addressed by absolute 0-based (row, column).
pub struct Sheet {
    /// The sheet's name as written in the workbook.
    pub name: String,
    /// The cells calamine read (formulas as their cached values).
    range: Range<Data>,
    /// Cells whose number format is a percentage (xlsx only).
    percent: HashSet<(u32, u32)>,
    /// Formulas saved without a cached value (as scripts write them), by cell: their text. They read
    /// as blank; a typed read of one is an error, and the layout names the rest.
    uncomputed: HashMap<(u32, u32), String>,
    /// Set when the sheet's filled cells span more than [`MAX_CELLS`]: the sheet was not loaded.
    too_large: Option<Extent>,
}

/// Most cells a sheet's filled area (rows × columns, from its first filled cell to its last) may span
/// to be loaded; larger is a finding at its farthest cells. 2 000 000 cells are 50 000 rows of 40
/// columns, and at most 64 MiB in memory.
pub const MAX_CELLS: u64 = 2_000_000;

/// The area a sheet's filled cells span, and the cells at its far edges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extent {
    /// The first filled row and column.
    pub first: (u32, u32),
    /// Rows from the first filled row to the last.
    pub rows: u64,
    /// Columns from the first filled column to the last.
    pub cols: u64,
    /// The filled cell in the last row (the rightmost of them).
    pub lowest: (u32, u32),
    /// The filled cell in the last column (the lowest of them).
    pub rightmost: (u32, u32),
}

impl Extent {
    /// The extent of the cells at `positions`; None when there are none.
    pub fn of(positions: impl IntoIterator<Item = (u32, u32)>) -> Option<Extent> {
        let mut it = positions.into_iter();
        let first = it.next()?;
        let (mut r0, mut c0) = first;
        let (mut lowest, mut rightmost) = (first, first);
        for p in it {
            r0 = r0.min(p.0);
            c0 = c0.min(p.1);
            if (p.0, p.1) > lowest {
                lowest = p;
            }
            if (p.1, p.0) > (rightmost.1, rightmost.0) {
                rightmost = p;
            }
        }
        Some(Extent {
            first: (r0, c0),
            rows: u64::from(lowest.0 - r0) + 1,
            cols: u64::from(rightmost.1 - c0) + 1,
            lowest,
            rightmost,
        })
    }

    /// True when (row, col) lies within the area.
    pub fn contains(&self, row: u32, col: u32) -> bool {
        let (r0, c0) = self.first;
        row >= r0 && col >= c0 && u64::from(row - r0) < self.rows && u64::from(col - c0) < self.cols
    }

    /// True when the area is more than a sheet may span.
    pub fn too_large(&self) -> bool {
        self.rows.saturating_mul(self.cols) > MAX_CELLS
    }

    /// The finding for a sheet this large: (its cell, message, hint); `consequence` says what becomes of it.
    pub fn finding(&self, consequence: &str) -> (String, String, String) {
        let far = self.far_cells().join(" dan ");
        let message = format!(
            "Lembar ini terisi sampai sel {far} ({} baris × {} kolom dari sel pertama yang terisi), melebihi batas {} sel untuk satu lembar; {consequence}.",
            crate::format::fixed(self.rows as f64, 0),
            crate::format::fixed(self.cols as f64, 0),
            crate::format::fixed(MAX_CELLS as f64, 0),
        );
        let hint = format!(
            "Hapus isi sel {far} (Ctrl+End di Excel atau LibreOffice menuju sel terakhir yang terisi), simpan, lalu jalankan lagi."
        );
        (address(self.lowest.0, self.lowest.1), message, hint)
    }

    /// The far cells as addresses: `XFD1048576`, or two when the lowest and the rightmost differ.
    pub fn far_cells(&self) -> Vec<String> {
        let mut v = vec![address(self.lowest.0, self.lowest.1)];
        if self.rightmost != self.lowest {
            v.push(address(self.rightmost.0, self.rightmost.1));
        }
        v
    }
}

/// The largest magnitude a figure may have: 10¹⁵ (Rp 1.000 triliun); beyond, a double no longer
/// holds every digit a person types (docs/workbook.md, "Bounds").
pub const MAX_FIGURE: f64 = 1e15;

/// The smallest magnitude a figure other than 0 may have: documents print at most 4 decimals, so a
/// smaller figure would print as 0 while being measured as something else.
pub const MIN_FIGURE: f64 = 1e-4;

/// The error values Excel shows in a cell whose formula failed.
const EXCEL_ERRORS: [&str; 8] = ["#DIV/0!", "#REF!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!"];

/// `F7` for row 6, column 5 (0-based).
pub fn address(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push((b'A' + rem as u8) as char);
        c = (c - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

impl Sheet {
    /// Wraps a calamine range and the set of percent-formatted cells.
    pub fn new(name: String, range: Range<Data>, percent: HashSet<(u32, u32)>) -> Self {
        Sheet { name, range, percent, uncomputed: HashMap::new(), too_large: None }
    }

    /// The same sheet, knowing which of its cells hold a formula saved without its value.
    pub fn with_uncomputed(mut self, uncomputed: HashMap<(u32, u32), String>) -> Self {
        self.uncomputed = uncomputed;
        self
    }

    /// A sheet whose filled area is larger than a sheet may span: its name and extent, no cells.
    pub fn too_large(name: String, extent: Extent) -> Self {
        Sheet { too_large: Some(extent), ..Sheet::new(name, Range::empty(), HashSet::new()) }
    }

    /// The extent of a sheet that was too large to load.
    pub fn extent_refused(&self) -> Option<&Extent> {
        self.too_large.as_ref()
    }

    /// True when any formula of the sheet was saved without its value.
    pub fn has_uncomputed(&self) -> bool {
        !self.uncomputed.is_empty()
    }

    /// The formulas saved without a value: (row, column, formula text), in row order.
    pub fn uncomputed(&self) -> Vec<(u32, u32, &str)> {
        let mut v: Vec<(u32, u32, &str)> = self.uncomputed.iter().map(|(&(r, c), f)| (r, c, f.as_str())).collect();
        v.sort_unstable();
        v
    }

    /// The error for a typed read of a formula saved without its value, when the cell is one.
    fn uncomputed_error(&self, row: u32, col: u32, what: &str, f: &mut Findings) -> Result<(), Reported> {
        let Some(formula) = self.uncomputed.get(&(row, col)) else { return Ok(()) };
        f.error(
            Some(address(row, col)),
            format!(
                "{what} berisi rumus ={} tanpa nilai tersimpan: berkas disimpan oleh program yang tidak menghitung rumus, sehingga nilainya tidak diketahui.",
                shorten(formula)
            ),
            Some("Buka berkas di Excel atau LibreOffice lalu simpan ulang (rumus dihitung saat disimpan), atau ketik nilainya.".into()),
        );
        Err(Reported)
    }

    /// First and last row (absolute, 0-based), or None for an empty sheet.
    pub fn rows(&self) -> Option<(u32, u32)> {
        Some((self.range.start()?.0, self.range.end()?.0))
    }

    /// First and last column (absolute, 0-based).
    pub fn cols(&self) -> Option<(u32, u32)> {
        Some((self.range.start()?.1, self.range.end()?.1))
    }

    /// The cell at (row, col); Empty outside the range.
    pub fn get(&self, row: u32, col: u32) -> &Data {
        static EMPTY: Data = Data::Empty;
        self.range.get_value((row, col)).unwrap_or(&EMPTY)
    }

    /// The cell's text when it is a non-blank text or number cell, trimmed.
    pub fn text(&self, row: u32, col: u32) -> Option<String> {
        cell_text(self.get(row, col))
    }

    /// True when every cell of the row is blank.
    pub fn row_is_blank(&self, row: u32) -> bool {
        let Some((c0, c1)) = self.cols() else {
            return true;
        };
        (c0..=c1).all(|c| is_blank(self.get(row, c)))
    }

    /// Reads a number; blank (or `-`) is None; anything else unreadable is an error finding.
    pub fn number(&self, row: u32, col: u32, what: &str, f: &mut Findings) -> Result<Option<f64>, Reported> {
        let cell = self.get(row, col);
        let found = match cell {
            Data::Empty => return self.uncomputed_error(row, col, what, f).map(|()| None),
            Data::Int(i) => return bounded(self.scale(row, col, *i as f64), row, col, what, f).map(Some),
            Data::Float(x) if x.is_finite() => return bounded(self.scale(row, col, *x), row, col, what, f).map(Some),
            Data::String(s) => {
                let t = s.trim();
                if t.is_empty() || matches!(t, "-" | "–" | "—") {
                    return Ok(None);
                }
                if let Some(n) = parse_number(t) {
                    return bounded(n.value, row, col, what, f).map(Some);
                }
                if EXCEL_ERRORS.contains(&t.to_uppercase().as_str()) {
                    f.error(
                        Some(address(row, col)),
                        format!("{what} berisi galat rumus {t}; diharapkan angka."),
                        Some("Perbaiki rumusnya di Excel (atau ketik nilainya), simpan, lalu jalankan lagi.".into()),
                    );
                    return Err(Reported);
                }
                format!("teks \"{}\"", shorten(t))
            }
            Data::Error(e) => {
                f.error(
                    Some(address(row, col)),
                    format!("{what} berisi galat rumus {e}; diharapkan angka."),
                    Some("Perbaiki rumusnya di Excel (atau ketik nilainya), simpan, lalu jalankan lagi.".into()),
                );
                return Err(Reported);
            }
            Data::Bool(b) => format!("nilai logika {}", if *b { "TRUE" } else { "FALSE" }),
            Data::DateTime(_) | Data::DateTimeIso(_) => "tanggal".to_string(),
            other => format!("\"{other}\""),
        };
        f.error(
            Some(address(row, col)),
            format!("{what} berisi {found}; diharapkan angka."),
            Some("Tulis angka saja, misalnya 85,5 atau 1.234.567 (tanpa satuan).".into()),
        );
        Err(Reported)
    }

    fn scale(&self, row: u32, col: u32, x: f64) -> f64 {
        if self.percent.contains(&(row, col)) {
            // A cell formatted as a percentage holds the fraction: 0,855 shows as 85,5%.
            (x * 100.0 * 1e9).round() / 1e9
        } else {
            x
        }
    }

    /// Reads a date: a date cell, an Excel serial, or text such as "15 Januari 2024".
    pub fn date(&self, row: u32, col: u32, what: &str, f: &mut Findings) -> Result<Option<NaiveDate>, Reported> {
        let cell = self.get(row, col);
        let date = match cell {
            Data::Empty => return self.uncomputed_error(row, col, what, f).map(|()| None),
            Data::DateTime(dt) => dt.as_datetime().map(|d| d.date()),
            Data::DateTimeIso(s) => NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok(),
            Data::Float(x) => date_from_serial(*x),
            Data::Int(i) => date_from_serial(*i as f64),
            Data::String(s) if s.trim().is_empty() => return Ok(None),
            Data::String(s) => parse_date_text(s),
            _ => None,
        };
        if date.is_none() {
            f.error(
                Some(address(row, col)),
                format!("{what} berisi {}; diharapkan tanggal.", describe(cell)),
                Some("Tulis tanggal seperti 15 Januari 2024 atau 15-01-2024, atau gunakan sel bertipe tanggal.".into()),
            );
            return Err(Reported);
        }
        Ok(date)
    }
}

/// A figure within [`MIN_FIGURE`] and [`MAX_FIGURE`] (or 0); anything else is an error at its cell.
fn bounded(x: f64, row: u32, col: u32, what: &str, f: &mut Findings) -> Result<f64, Reported> {
    let size = x.abs();
    if x == 0.0 || (MIN_FIGURE..MAX_FIGURE).contains(&size) {
        return Ok(x);
    }
    let message = if size >= MAX_FIGURE || !x.is_finite() {
        format!(
            "{what} berisi {}, di luar batas: angka sebesar ini (1.000 triliun atau lebih) tidak dapat dihitung dan dicetak dengan tepat.",
            describe_figure(x)
        )
    } else {
        format!(
            "{what} berisi {}, terlalu kecil: dokumen mencetak paling banyak 4 desimal, sehingga angka ini akan tercetak 0 padahal dihitung lain.",
            describe_figure(x)
        )
    };
    f.error(
        Some(address(row, col)),
        message,
        Some("Periksa angkanya (salah ketik, atau satuan yang keliru) lalu jalankan lagi.".into()),
    );
    Err(Reported)
}

/// An absurd figure as a message shows it: `1e308`, `1e-310`.
fn describe_figure(x: f64) -> String {
    if x.is_finite() {
        format!("{x:e}")
    } else {
        "angka yang melampaui jangkauan hitung".to_string()
    }
}

/// Text of a cell: trimmed strings, numbers as written, None for blank.
pub fn cell_text(cell: &Data) -> Option<String> {
    let t = match cell {
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(x) => format_plain(*x),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) => d.date().format("%Y-%m-%d").to_string(),
            None => dt.as_f64().to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("{e}"),
        Data::Empty => String::new(),
    };
    (!t.is_empty()).then_some(t)
}

/// A float as a person would have typed it: 1.1, 2024, 0.5.
fn format_plain(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        let s = format!("{:.10}", x);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// True for an empty cell or one holding only spaces.
pub fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// How a cell's content is described in a message.
pub fn describe(cell: &Data) -> String {
    match cell {
        Data::Empty => "sel kosong".into(),
        Data::String(s) => format!("teks \"{}\"", shorten(s.trim())),
        Data::Error(e) => format!("galat rumus {e}"),
        other => format!("\"{}\"", cell_text(other).unwrap_or_default()),
    }
}

/// Long text cut for a message, on a character boundary.
pub fn shorten(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        s.chars().take(MAX).collect::<String>() + "…"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(address(0, 0), "A1");
        assert_eq!(address(6, 5), "F7");
        assert_eq!(address(9, 25), "Z10");
        assert_eq!(address(0, 26), "AA1");
        assert_eq!(address(115, 23), "X116");
    }

    #[test]
    fn the_area_of_filled_cells_and_its_far_cells() {
        // A table in A1:L40 and one value at XFD1048576.
        let e = Extent::of([(0, 0), (39, 11), (1_048_575, 16_383)]).unwrap();
        assert_eq!((e.rows, e.cols), (1_048_576, 16_384));
        assert!(e.too_large());
        assert_eq!(e.far_cells(), ["XFD1048576"]);
        let e = Extent::of([(2, 1), (39, 11), (5, 30)]).unwrap();
        assert_eq!((e.first, e.rows, e.cols), ((2, 1), 38, 30));
        assert_eq!(e.far_cells(), ["L40", "AE6"]);
        assert!(!e.too_large());
        assert!(
            e.contains(2, 1) && e.contains(39, 30) && !e.contains(1, 5) && !e.contains(40, 5) && !e.contains(3, 31)
        );
        // 2 000 000 cells is the most a sheet may span.
        assert!(!Extent::of([(0, 0), (49_999, 39)]).unwrap().too_large());
        assert!(Extent::of([(0, 0), (50_000, 39)]).unwrap().too_large());
    }

    #[test]
    fn plain_floats() {
        assert_eq!(format_plain(1.1), "1.1");
        assert_eq!(format_plain(2024.0), "2024");
    }
}
