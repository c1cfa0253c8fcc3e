//! The form's three-level header: the group names (row 6 of the Deli Serdang file), the quarter
//! labels under their group, the row of the regulation's column numbers (`1 … 12`, `13 = 9 + 10 +
//! 11 + 12`, `14 = 7 + 13`, `15 = 14 / 6 x 100`) and the `K` / `%` / `Rp.` sub-columns. Either the
//! numbers or the names are enough to find the columns; the numbers win where both are there.

use super::super::grid::Sheet;
use super::super::values::quarter_number;
use crate::names::normalize;
use std::collections::HashMap;

/// A column group of the form, by the regulation's numbering (docs/renja-form.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// 1: No.
    No,
    /// 2: Sasaran perangkat daerah.
    Sasaran,
    /// 3: Urusan / bidang / program / kegiatan / sub-kegiatan.
    Program,
    /// 4: Indikator kinerja program (outcome) / kegiatan (output).
    Indikator,
    /// 5: Satuan.
    Satuan,
    /// 6: Target Renstra at the end of the period (K, Rp).
    TargetRenstra,
    /// 7: Realisasi Renstra up to last year (K, Rp).
    RenstraBefore,
    /// 8: Target Renja this year (K, Rp).
    TargetRenja,
    /// 9–12: Realisasi TW I–IV (K, %, Rp).
    Quarter(u8),
    /// 13: Realisasi Renja this year = 9 + 10 + 11 + 12.
    RealRenja,
    /// 14: Realisasi Renstra up to this year = 7 + 13.
    RenstraNow,
    /// 15: Tingkat capaian Renstra = 14 / 6 × 100.
    Capaian,
    /// 16: Unit penanggung jawab.
    UnitPj,
    /// A column of codes beside column 3 (1.01.01 …), which some offices add.
    Kode,
    /// Columns some offices add: polarity, aggregation, a note.
    Polaritas,
    Agregasi,
    Keterangan,
}

impl Group {
    /// The regulation's number of the group, for messages.
    pub fn number(self) -> u8 {
        match self {
            Group::No => 1,
            Group::Sasaran => 2,
            Group::Program => 3,
            Group::Indikator => 4,
            Group::Satuan => 5,
            Group::TargetRenstra => 6,
            Group::RenstraBefore => 7,
            Group::TargetRenja => 8,
            Group::Quarter(q) => 8 + q,
            Group::RealRenja => 13,
            Group::RenstraNow => 14,
            Group::Capaian => 15,
            Group::UnitPj => 16,
            Group::Kode | Group::Polaritas | Group::Agregasi | Group::Keterangan => 0,
        }
    }

    fn from_number(n: u32) -> Option<Group> {
        Some(match n {
            1 => Group::No,
            2 => Group::Sasaran,
            3 => Group::Program,
            4 => Group::Indikator,
            5 => Group::Satuan,
            6 => Group::TargetRenstra,
            7 => Group::RenstraBefore,
            8 => Group::TargetRenja,
            9..=12 => Group::Quarter((n - 8) as u8),
            13 => Group::RealRenja,
            14 => Group::RenstraNow,
            15 => Group::Capaian,
            16 => Group::UnitPj,
            _ => return None,
        })
    }
}

/// The columns of one group: its first column, and its `K`, `%` and `Rp` sub-columns.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cols {
    /// The group's first column (the text of a text group).
    pub first: u32,
    /// Its last column.
    pub last: u32,
    /// The performance figure (K).
    pub k: Option<u32>,
    /// The progress in percent some offices add under each quarter.
    pub pct: Option<u32>,
    /// The rupiah figure.
    pub rp: Option<u32>,
}

/// Where the form's table is on a sheet.
#[derive(Debug)]
pub struct Form {
    /// 0-based row of the group names (or of the numbers when there are no names).
    pub header_row: u32,
    /// First row after the header.
    pub data_start: u32,
    /// The row of column numbers, when the form has one.
    pub number_row: Option<u32>,
    /// Each group's columns.
    pub groups: HashMap<Group, Cols>,
    /// The last column the header labels.
    pub last_col: u32,
    /// The group names as written, for years in them ("Pada Tahun 2030").
    pub names: HashMap<Group, String>,
    /// The column of a quarters' group whose I–IV labels were not found.
    pub unsplit_quarters: Option<u32>,
}

impl Form {
    /// A group's columns.
    pub fn cols(&self, g: Group) -> Option<Cols> {
        self.groups.get(&g).copied()
    }

    /// A text group's column.
    pub fn col(&self, g: Group) -> Option<u32> {
        self.cols(g).map(|c| c.first)
    }

    /// A figure group's K column.
    pub fn k(&self, g: Group) -> Option<u32> {
        self.cols(g).and_then(|c| c.k)
    }

    /// A figure group's Rp column.
    pub fn rp(&self, g: Group) -> Option<u32> {
        self.cols(g).and_then(|c| c.rp)
    }
}

/// The group a header name names, before quarters are told apart (a quarter's own number, when the
/// name has one).
fn name_group(n: &str) -> Option<Group> {
    if n.is_empty() {
        return None;
    }
    let has = |w: &str| n.contains(w);
    Some(match () {
        _ if n == "no" || n == "nomor" || n == "nourut" => Group::No,
        _ if n.starts_with("indikator") => Group::Indikator,
        _ if n.starts_with("satuan") => Group::Satuan,
        _ if n.starts_with("polaritas") => Group::Polaritas,
        _ if n.starts_with("agregasi") => Group::Agregasi,
        _ if n.starts_with("keterangan") => Group::Keterangan,
        _ if n == "kode" || n.starts_with("koderekening") || n == "kodeprogram" || n == "kodeprogramkegiatan" => {
            Group::Kode
        }
        _ if n.starts_with("sasaran") && !has("rpjm") && !has("nspk") => Group::Sasaran,
        _ if (has("program") || has("kegiatan")) && !n.starts_with("realisasi") && !n.starts_with("target") => {
            Group::Program
        }
        _ if n.starts_with("target") && has("renstra") => Group::TargetRenstra,
        _ if n.starts_with("target") && (has("renja") || has("rkpd")) => Group::TargetRenja,
        _ if n.starts_with("tingkatcapaian") || (n.starts_with("capaian") && has("renstra")) => Group::Capaian,
        _ if n.starts_with("realisasi") && (has("triwulan") || n.contains("tw")) && !has("renstra") => {
            let q = ["triwulan", "tw"].iter().find_map(|p| n.split_once(p).and_then(|(_, rest)| quarter_number(rest)));
            Group::Quarter(q.unwrap_or(0))
        }
        _ if n.starts_with("realisasi") && has("renstra") && (has("tahunlalu") || has("sampaidenganrenja")) => {
            Group::RenstraBefore
        }
        _ if n.starts_with("realisasi") && has("renstra") => Group::RenstraNow,
        _ if n.starts_with("realisasi") && (has("renja") || has("rkpd")) => Group::RealRenja,
        _ if has("penanggungjawab") || n.starts_with("unitpd") || n.starts_with("unitperangkatdaerah") => Group::UnitPj,
        _ => return None,
    })
}

/// The group a header names, a quarter's own number read from the words ("Realisasi Triwulan I
/// (Jan–Mar)", "Realisasi TW III Tahun 2025").
fn group_of(text: &str) -> Option<Group> {
    match name_group(&normalize(text))? {
        Group::Quarter(0) => {
            let q = super::signature::period_in(text).map(|p| p.quarters() as u8).unwrap_or(0);
            Some(Group::Quarter(q))
        }
        g => Some(g),
    }
}

/// Whether a name and a number say the same group (a quarters' group name stands over the first
/// quarter's number; the two Renstra realisations are told apart by place).
fn same_group(named: Group, numbered: Group) -> bool {
    named == numbered
        || matches!((named, numbered), (Group::Quarter(0), Group::Quarter(_)))
        || matches!(
            (named, numbered),
            (Group::RenstraBefore | Group::RenstraNow, Group::RenstraBefore | Group::RenstraNow)
        )
}

/// The leading number of a column-number cell: `6` → 6, `(6)` → 6, `13 = 9 + 10 + 11 + 12` → 13.
fn leading_number(text: &str) -> Option<u32> {
    let t = text.trim().trim_start_matches('(');
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = t[digits.len()..].trim_start();
    if digits.is_empty() || !(rest.is_empty() || rest.starts_with('=') || rest.starts_with(')')) {
        return None;
    }
    digits.parse().ok()
}

/// A sub-column label: K, %, Rp.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Sub {
    K,
    Pct,
    Rp,
}

fn sub_label(text: &str) -> Option<Sub> {
    let t = text.trim();
    if t == "%" || t == "(%)" {
        return Some(Sub::Pct);
    }
    match normalize(t).as_str() {
        "k" | "kinerja" | "fisik" => Some(Sub::K),
        "rp" | "anggaran" | "keuangan" => Some(Sub::Rp),
        _ => None,
    }
}

/// The quarter a label under the quarters' group names: `I`, `2`, `TW III`, `Triwulan IV`.
fn quarter_label(text: &str) -> Option<u8> {
    let n = normalize(text);
    quarter_number(&n).or_else(|| ["triwulan", "tw"].iter().find_map(|p| n.strip_prefix(p)).and_then(quarter_number))
}

/// Finds the form's table on a sheet: None when the sheet is not laid out as the form.
pub fn find(sheet: &Sheet) -> Option<Form> {
    let (r0, r1) = sheet.rows()?;
    let (c0, c1) = sheet.cols()?;
    let scan_end = r1.min(r0 + 40);
    // The row of column numbers: at least eight of 1–16, increasing left to right, with 4 and 8.
    let number_row = (r0..=scan_end).find(|&row| {
        let numbers: Vec<u32> =
            (c0..=c1).filter_map(|c| sheet.text(row, c)).filter_map(|t| leading_number(&t)).collect();
        numbers.len() >= 8
            && numbers.windows(2).all(|w| w[0] < w[1])
            && numbers.iter().all(|n| (1..=16).contains(n))
            && numbers.contains(&4)
            && numbers.contains(&8)
    });
    // The row of group names: the indicator and this year's Renja target at least.
    let header_row = (r0..=scan_end)
        .filter_map(|row| {
            let groups: Vec<Group> =
                (c0..=c1).filter_map(|c| sheet.text(row, c)).filter_map(|t| name_group(&normalize(&t))).collect();
            let ok = groups.contains(&Group::Indikator) && groups.contains(&Group::TargetRenja);
            ok.then_some((groups.len(), row))
        })
        .max_by_key(|&(n, row)| (n, std::cmp::Reverse(row)))
        .map(|(_, row)| row);
    // The names are what tell the form from another table with numbered columns (the kinerja
    // workbook may number its columns too); the numbers only place the columns.
    let header_row = header_row?;
    let number_row = number_row.filter(|&nr| nr > header_row && nr <= header_row + 4);
    let last_header = number_row.unwrap_or(header_row).max(header_row);
    // The quarters' labels (I, II, III, IV or TW I …) in a row of their own under the names: text
    // cells, two or more, in increasing order (never a row of figures).
    let label_row = (header_row + 1..=(header_row + 4).min(r1)).find(|&row| {
        let qs: Vec<u8> = (c0..=c1)
            .filter(|&c| matches!(sheet.get(row, c), calamine::Data::String(_)))
            .filter_map(|c| sheet.text(row, c).and_then(|t| quarter_label(&t)))
            .collect();
        qs.len() >= 2 && qs.windows(2).all(|w| w[0] < w[1])
    });
    let last_header = last_header.max(label_row.unwrap_or(0));
    // The sub-column labels: the first row after the names with three or more of K, %, Rp.
    let sub_row = (header_row + 1..=(last_header + 2).max(header_row + 4).min(r1))
        .find(|&row| (c0..=c1).filter(|&c| sheet.text(row, c).is_some_and(|t| sub_label(&t).is_some())).count() >= 3);
    let header_end = sub_row.unwrap_or(last_header).max(last_header);
    // The last column any header row labels.
    let last_col = (c0..=c1).rev().find(|&c| (header_row..=header_end).any(|r| sheet.text(r, c).is_some()))?;

    // Each group's first column.
    let mut starts: Vec<(u32, Group)> = Vec::new();
    let mut names = HashMap::new();
    for col in c0..=last_col {
        if let Some(text) = sheet.text(header_row, col) {
            if let Some(g) = group_of(&text) {
                names.entry(g).or_insert(text);
                starts.push((col, g));
            }
        }
    }
    // Named only: a Renstra realisation left of this year's target is the one up to last year.
    let renja_col = starts.iter().find(|(_, g)| *g == Group::TargetRenja).map(|(c, _)| *c);
    for (col, g) in starts.iter_mut() {
        if *g == Group::RenstraNow && renja_col.is_some_and(|rc| *col < rc) {
            *g = Group::RenstraBefore;
        }
    }
    if let Some(nr) = number_row {
        // The numbers place the regulation's groups, the names the columns an office adds. Where a
        // name over a numbered column names another group (an office's own Kode column shifting
        // the numbers), the names are trusted and the numbers left aside.
        let mut numbered: Vec<(u32, Group)> = (c0..=last_col)
            .filter_map(|c| {
                sheet.text(nr, c).and_then(|t| leading_number(&t)).and_then(Group::from_number).map(|g| (c, g))
            })
            .collect();
        let agrees = numbered.iter().all(|(c, g)| match starts.iter().find(|(sc, _)| sc == c) {
            Some((_, named)) => same_group(*named, *g),
            None => true,
        });
        if agrees {
            let extra = starts.iter().filter(|(c, g)| {
                matches!(g, Group::Polaritas | Group::Agregasi | Group::Keterangan | Group::Kode)
                    && !numbered.iter().any(|(nc, _)| nc == c)
            });
            numbered.extend(extra.copied().collect::<Vec<_>>());
            numbered.sort_by_key(|(c, _)| *c);
            // A name over a numbered column lends the group its name (the years in it).
            for (col, g) in &numbered {
                if let Some(text) = (c0..=*col).rev().find_map(|c| sheet.text(header_row, c)) {
                    names.insert(*g, text);
                }
            }
            starts = numbered;
        }
    }
    // The quarters: one group "Realisasi … Triwulan" over four labelled parts, or a group per quarter.
    let mut split = Vec::new();
    let mut unsplit = None;
    for (i, &(col, g)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(last_col, |(c, _)| c - 1);
        if g == Group::Quarter(0) {
            let labels: Vec<(u32, u8)> = label_row
                .map(|row| {
                    (col..=end)
                        .filter_map(|c| sheet.text(row, c).and_then(|t| quarter_label(&t)).map(|q| (c, q)))
                        .collect()
                })
                .unwrap_or_default();
            if labels.is_empty() {
                unsplit = Some(col);
            }
            split.extend(labels.into_iter().map(|(c, q)| (c, Group::Quarter(q))));
        } else {
            split.push((col, g));
        }
    }
    let starts = split;
    let mut groups = HashMap::new();
    for (i, &(col, g)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(last_col, |(c, _)| c - 1).max(col);
        let mut cols = Cols { first: col, last: end, ..Cols::default() };
        if let Some(sr) = sub_row {
            for c in col..=end {
                match sheet.text(sr, c).and_then(|t| sub_label(&t)) {
                    Some(Sub::K) if cols.k.is_none() => cols.k = Some(c),
                    Some(Sub::Pct) if cols.pct.is_none() => cols.pct = Some(c),
                    Some(Sub::Rp) if cols.rp.is_none() => cols.rp = Some(c),
                    _ => {}
                }
            }
        }
        if cols.k.is_none() && cols.rp.is_none() && cols.pct.is_none() {
            // No sub-labels: the group's first column is its figure.
            cols.k = Some(col);
        }
        groups.entry(g).or_insert(cols);
    }
    if !groups.contains_key(&Group::Indikator) || !groups.contains_key(&Group::TargetRenja) {
        return None;
    }
    Some(Form {
        header_row,
        data_start: header_end + 1,
        number_row,
        groups,
        last_col,
        names,
        unsplit_quarters: unsplit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_numbers_with_their_formulas() {
        assert_eq!(leading_number("13 = 9 + 10 + 11 + 12"), Some(13));
        assert_eq!(leading_number("(6)"), Some(6));
        assert_eq!(leading_number("15 = 14 / 6 x 100"), Some(15));
        assert_eq!(leading_number("2024"), Some(2024));
        assert_eq!(leading_number("3 Dok"), None);
    }

    #[test]
    fn the_deli_serdang_group_names() {
        let g = |t: &str| name_group(&normalize(t));
        assert_eq!(g("Indikator Kinerja Program (Outcome)/Kegiatan (Output)"), Some(Group::Indikator));
        assert_eq!(g("Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan"), Some(Group::Program));
        assert_eq!(
            g("Target Renstra Perangkat Daerah Pada Tahun 2030  (Akhir Periode Renstra Perangkat Daerah)"),
            Some(Group::TargetRenstra)
        );
        assert_eq!(
            g("Realisasi Capaian Kinerja Renstra Perangkat Daerah sampai dengan Renja Perangkat Daerah Tahun 2024"),
            Some(Group::RenstraBefore)
        );
        assert_eq!(
            g("Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan (Tahun 2025) yang dievaluasi"),
            Some(Group::TargetRenja)
        );
        assert_eq!(g("Realisasi Kinerja Pada Triwulan"), Some(Group::Quarter(0)));
        assert_eq!(g("Realisasi Triwulan III"), Some(Group::Quarter(3)));
        assert_eq!(
            g("Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang Dievaluasi"),
            Some(Group::RealRenja)
        );
        assert_eq!(
            g("Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah  s/d Tahun 2025 (Akhir Tahun Pelaksanaan Renja Perangkat Daerah)"),
            Some(Group::RenstraNow)
        );
        assert_eq!(
            g("Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra Perangkat Daerah s/d Tahun 2030 (%)"),
            Some(Group::Capaian)
        );
        assert_eq!(g("Sasaran RPJMD/ NSPK"), None);
        assert_eq!(g("Sasaran Perangkat daerah"), Some(Group::Sasaran));
    }
}
