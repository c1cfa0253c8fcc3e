//! One sheet as a grid of cells with their addresses, and typed reads of a
//! cell that turn anything unreadable into a finding at that cell.

use super::values::{date_from_serial, parse_date_text, parse_number};
use crate::findings::{Findings, Reported};
use calamine::{Data, Range};
use chrono::NaiveDate;
use std::collections::HashSet;

/// A sheet's cells, addressed by absolute 0-based (row, column).
pub struct Sheet {
    /// The sheet's name as written in the workbook.
    pub name: String,
    /// The cells calamine read (formulas as their cached values).
    range: Range<Data>,
    /// Cells whose number format is a percentage (xlsx only).
    percent: HashSet<(u32, u32)>,
}

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
        Sheet { name, range, percent }
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
            Data::Empty => return Ok(None),
            Data::Int(i) => return Ok(Some(self.scale(row, col, *i as f64))),
            Data::Float(x) if x.is_finite() => return Ok(Some(self.scale(row, col, *x))),
            Data::String(s) => {
                let t = s.trim();
                if t.is_empty() || matches!(t, "-" | "–" | "—") {
                    return Ok(None);
                }
                if let Some(n) = parse_number(t) {
                    return Ok(Some(n.value));
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
            Data::Empty => return Ok(None),
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
    fn plain_floats() {
        assert_eq!(format_plain(1.1), "1.1");
        assert_eq!(format_plain(2024.0), "2024");
    }
}
