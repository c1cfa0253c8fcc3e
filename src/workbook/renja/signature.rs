//! What the form says around its table: the title rows over it (the government, the year, the
//! quarter), the "Perangkat Daerah :" line, and the signature blocks under it — place and date
//! (possibly without a day), position over several lines, name, rank, NIP — "Disusun" by the head
//! of the office and, on some forms, "Dievaluasi" by the head of the Bappeda.

use super::super::grid::{address, Sheet};
use super::super::values::{parse_date_text, parse_nip, parse_period};
use crate::model::Period;
use crate::names::normalize;
use chrono::NaiveDate;

/// One signature block.
#[derive(Debug, Clone, Default)]
pub struct Block {
    /// "disusun", "dievaluasi", "mengetahui" … when the block says.
    pub role: Option<String>,
    /// Place of signing, with the cell of its line.
    pub place: Option<(String, String)>,
    /// The date as written after the place ("Desember 2025"), and the date when it has a day.
    pub date_text: Option<String>,
    pub date: Option<NaiveDate>,
    /// Position, its lines joined.
    pub title: Option<String>,
    pub name: Option<String>,
    pub rank: Option<String>,
    /// NIP, 18 digits, and its cell.
    pub nip: String,
    pub nip_cell: String,
    /// Column of the block (the rightmost signs).
    pub col: u32,
}

impl Block {
    /// True for the evaluator's block ("Dievaluasi", "Mengetahui", "Menyetujui").
    pub fn evaluates(&self) -> bool {
        self.role
            .as_deref()
            .is_some_and(|r| r.starts_with("dievaluasi") || r.starts_with("mengetahui") || r.starts_with("menyetujui"))
    }
}

/// The words a rank starts with (PP 99/2000): Pembina, Penata, Pengatur, Juru; also the rank of a
/// contract employee.
fn is_rank(text: &str) -> bool {
    let n = normalize(text);
    ["pembina", "penata", "pengatur", "juru", "ahli", "pangkat"].iter().any(|w| n.starts_with(w))
        || text.contains("(IV/")
        || text.contains("(III/")
}

fn role_of(text: &str) -> Option<String> {
    let n = normalize(text);
    ["disusunoleh", "disusun", "dievaluasioleh", "dievaluasi", "mengetahui", "menyetujui", "dibuatoleh"]
        .iter()
        .find(|w| n.starts_with(*w))
        .map(|w| w.to_string())
}

/// True for a line of a signature block: a place and date, or a role ("Disusun oleh", "Mengetahui").
pub fn is_signature_line(text: &str) -> bool {
    place_and_date(text).is_some() || role_of(text).is_some()
}

/// "Lubuk Pakam,      Desember 2025" → the place and what follows the comma.
fn place_and_date(text: &str) -> Option<(String, String)> {
    let (place, rest) = text.split_once(',')?;
    let rest = rest.trim();
    let has_year = rest.split(|c: char| !c.is_ascii_digit()).any(|w| w.len() == 4 && w.starts_with("20"));
    (has_year && !place.trim().is_empty())
        .then(|| (place.trim().to_string(), rest.split_whitespace().collect::<Vec<_>>().join(" ")))
}

/// The signature blocks under row `after`, each found by its NIP line and read upwards to the NIP line
/// above it in its column (blocks stacked in one column) or to `after`. A block whose own lines have
/// no place and date takes the one line of the signatures that has them (one date over two blocks).
pub fn blocks(sheet: &Sheet, after: u32) -> Vec<Block> {
    let (Some((_, r1)), Some((c0, c1))) = (sheet.rows(), sheet.cols()) else { return vec![] };
    let mut blocks = Vec::new();
    let mut last_nip_in: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
    let mut shared: Option<(String, String, String)> = None;
    for row in after + 1..=r1 {
        for col in c0..=c1 {
            let Some(text) = sheet.text(row, col) else { continue };
            if shared.is_none() {
                if let Some((place, date)) = place_and_date(&text) {
                    shared = Some((place, date, address(row, col)));
                }
            }
            let n = normalize(&text);
            let Some(digits) = n.strip_prefix("nip") else { continue };
            let Some(nip) = parse_nip(digits) else { continue };
            let top = last_nip_in.get(&col).map_or(after + 1, |r| r + 1);
            // Upwards to the block's first line: more than four empty rows end it (a note under the
            // table is not part of the block).
            let mut lines = Vec::new();
            let mut gap = 0;
            for r in (top..row).rev() {
                match sheet.text(r, col) {
                    Some(t) => {
                        gap = 0;
                        lines.push((r, t));
                    }
                    None if gap >= 4 => break,
                    None => gap += 1,
                }
            }
            lines.reverse();
            blocks.push(read_block(lines, nip, address(row, col), col));
            last_nip_in.insert(col, row);
        }
    }
    if let Some((place, date, cell)) = shared {
        for b in blocks.iter_mut().filter(|b| b.place.is_none()) {
            b.date = parse_date_text(&date);
            b.place = Some((place.clone(), cell.clone()));
            b.date_text = Some(date.clone());
        }
    }
    blocks.sort_by_key(|b| b.col);
    blocks
}

fn read_block(mut lines: Vec<(u32, String)>, nip: String, nip_cell: String, col: u32) -> Block {
    let mut b = Block { nip, nip_cell, col, ..Block::default() };
    // From the bottom: the rank (when it is one), the name.
    if lines.last().is_some_and(|(_, t)| is_rank(t)) {
        b.rank = lines.pop().map(|(_, t)| t);
    }
    b.name = lines.pop().map(|(_, t)| t);
    // From the top: the role and the place and date, in either order; the rest is the position.
    let mut title = Vec::new();
    for (r, t) in lines {
        if let Some(role) = role_of(&t) {
            b.role = Some(role);
            // "Disusun oleh: Kepala …" keeps what follows the label.
            if let Some((_, rest)) = t.split_once(':').filter(|(_, rest)| !rest.trim().is_empty()) {
                title.push(rest.trim().to_string());
            }
        } else if let (None, Some((place, date))) = (&b.place, place_and_date(&t)) {
            b.date = parse_date_text(&date);
            b.place = Some((place, address(r, col)));
            b.date_text = Some(date);
        } else {
            title.push(t);
        }
    }
    b.title = (!title.is_empty()).then(|| title.join(" "));
    b
}

/// The government named over the table: "Kabupaten Deli Serdang" → "Pemerintah Kabupaten Deli
/// Serdang"; with the cell it came from.
pub fn government(sheet: &Sheet, before: u32) -> Option<(String, String)> {
    title_cells(sheet, before).into_iter().find_map(|(cell, t)| {
        let n = normalize(&t);
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if t.contains('…') || t.contains("...") {
            None // a placeholder of the empty form
        } else if n.starts_with("pemerintah") {
            Some((t, cell))
        } else if ["kabupaten", "kota", "provinsi"].iter().any(|w| n.starts_with(w)) {
            Some((format!("Pemerintah {t}"), cell))
        } else {
            None
        }
    })
}

/// The year named over the table ("Tahun 2025"), with its cell.
pub fn year(sheet: &Sheet, before: u32) -> Option<(i32, String)> {
    title_cells(sheet, before)
        .into_iter()
        .find_map(|(cell, t)| year_in(&t).filter(|_| normalize(&t).contains("tahun")).map(|y| (y, cell)))
}

/// A year 2000–2100 written in a text.
pub fn year_in(text: &str) -> Option<i32> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse().ok())
        .find(|y| (2000..=2100).contains(y))
}

/// The quarter named over the table ("Triwulan IV"), with its cell.
pub fn period(sheet: &Sheet, before: u32) -> Option<(Period, String)> {
    title_cells(sheet, before).into_iter().find_map(|(cell, t)| period_in(&t).map(|p| (p, cell)))
}

/// The quarter a text names: a sheet "Realisasi TW IV", a title "Evaluasi Triwulan III Tahun 2025".
pub fn period_in(text: &str) -> Option<Period> {
    let words: Vec<&str> =
        text.split(|c: char| c.is_whitespace() || c == '-' || c == '_').filter(|w| !w.is_empty()).collect();
    words.iter().enumerate().find_map(|(i, w)| {
        let n = normalize(w);
        if n == "tw" || n == "triwulan" {
            words.get(i + 1).and_then(|next| parse_period(&format!("triwulan {next}")))
        } else if n.starts_with("tw") || n.starts_with("triwulan") {
            parse_period(w).filter(|p| *p != Period::Tahunan)
        } else {
            None
        }
    })
}

/// The unit named on a "Perangkat Daerah : …" line (also "SKPD :", "OPD :", "Unit Kerja :"), with
/// its cell.
pub fn unit_line(text: &str) -> Option<String> {
    let (label, rest) = text.split_once(':')?;
    let l = normalize(label);
    let known = ["perangkatdaerah", "skpd", "opd", "unitkerja", "namaperangkatdaerah", "namaopd", "namaskpd"];
    let rest = rest.split_whitespace().collect::<Vec<_>>().join(" ");
    let placeholder = rest.chars().all(|c| c == '…' || c == '.' || c.is_whitespace());
    (known.contains(&l.as_str()) && !placeholder).then_some(rest)
}

/// Every text cell of the rows before `before`.
fn title_cells(sheet: &Sheet, before: u32) -> Vec<(String, String)> {
    let (Some((r0, _)), Some((c0, c1))) = (sheet.rows(), sheet.cols()) else { return vec![] };
    (r0..before).flat_map(|r| (c0..=c1).filter_map(move |c| sheet.text(r, c).map(|t| (address(r, c), t)))).collect()
}

/// The code a unit is filed under: the abbreviation in brackets at the end of its name
/// ("… (BAPPEDALITBANG)" → "bappedalitbang"), else its name as a slug.
pub fn unit_code(unit: &str) -> String {
    let from_brackets = unit.trim_end().strip_suffix(')').and_then(|s| s.rsplit_once('(')).map(|(_, abbr)| abbr.trim());
    match from_brackets.filter(|a| (2..=24).contains(&a.chars().count()) && !a.contains(' ')) {
        Some(abbr) => crate::names::slug(abbr),
        None => crate::names::slug(unit),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_in_sheet_names_and_titles() {
        assert_eq!(period_in("Realisasi TW IV"), Some(Period::Tw4));
        assert_eq!(period_in("Evaluasi Triwulan III Tahun 2025"), Some(Period::Tw3));
        assert_eq!(period_in("TW2"), Some(Period::Tw2));
        assert_eq!(period_in("Tahun 2025"), None);
    }

    #[test]
    fn place_and_a_date_without_a_day() {
        assert_eq!(
            place_and_date("Lubuk Pakam,      Desember 2025"),
            Some(("Lubuk Pakam".into(), "Desember 2025".into()))
        );
        assert_eq!(parse_date_text("Desember 2025"), None);
        assert_eq!(place_and_date("KEPALA BADAN, PENELITIAN"), None);
    }

    #[test]
    fn unit_codes() {
        assert_eq!(
            unit_code("Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan (BAPPEDALITBANG)"),
            "bappedalitbang"
        );
        assert_eq!(unit_code("Dinas Kesehatan"), "dinas-kesehatan");
        assert_eq!(unit_line("Perangkat Daerah : Dinas Kesehatan"), Some("Dinas Kesehatan".into()));
        assert_eq!(unit_line("Sasaran: x"), None);
    }
}
