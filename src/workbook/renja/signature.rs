//! The signature blocks under the form's table — place and date (possibly without a day), position
//! over several lines, name, rank, NIP — "Disusun" by the head of the office and, on some forms,
//! "Dievaluasi" by the head of the Bappeda; and the quarter a sheet's name or a title names.

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
}
