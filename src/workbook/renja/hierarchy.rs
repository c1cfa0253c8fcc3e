//! The hierarchy of column 3: urusan (or bidang) › program › kegiatan › sub-kegiatan, each row with
//! the rows of its indicators (its own and its continuation rows).
//!
//! A row's level is told, most certain first, by the form's own level column ("Bidang", "Program",
//! "Kegiatan", "Subkegiatan"), by a Permendagri 90/2019 code in front of its text (or in the Kode
//! column) from 2021 on, by its first word ("Program …"), and otherwise by the budget: a kegiatan's
//! pagu is the sum of its sub-kegiatan's. Before 2021 there were no sub-kegiatan (Permendagri
//! 13/2006): every row with an indicator under a program is a kegiatan.

use super::super::grid::{address, Sheet};
use super::header::{typed_text, Form};
use super::headings::Group;
use super::rows::Rows;
use crate::findings::Findings;
use crate::model::Place;
use crate::names::normalize;

/// The first year of Permendagri 90/2019's sub-kegiatan.
const SUB_KEGIATAN_FROM: i32 = 2021;

/// A row of column 3: an urusan (or bidang), a program, a kegiatan or a sub-kegiatan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Urusan,
    Program,
    Kegiatan,
    SubKegiatan,
    /// A kegiatan or a sub-kegiatan: told apart by their budgets once every row is read.
    Activity,
}

impl Level {
    /// The level's name, for `kinerja check`.
    pub fn name(self) -> &'static str {
        match self {
            Level::Urusan => "urusan / bidang",
            Level::Program => "program",
            Level::Kegiatan | Level::Activity => "kegiatan",
            Level::SubKegiatan => "sub-kegiatan",
        }
    }
}

/// One row of column 3 with the rows of its indicators (the row itself and its continuation rows).
#[derive(Debug)]
pub struct Node {
    pub row: u32,
    pub level: Level,
    pub name: String,
    pub indicator_rows: Vec<u32>,
    pub place: Place,
    /// How the level was told, for `kinerja check`.
    pub by: &'static str,
}

/// The parts of a Permendagri 90/2019 code and the level they say: `1.01` bidang, `1.01.01`
/// program, `1.01.01.1.01` kegiatan, `1.01.01.1.01.0001` sub-kegiatan (`X` for a digit of a
/// non-urusan code).
fn p90_level(code: &str) -> Option<Level> {
    let parts: Vec<&str> = code.trim_end_matches('.').split('.').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.chars().all(|c| c.is_ascii_digit() || c == 'X');
    let shape = [1, 2, 2, 1, 2, 4];
    if parts.len() < 2 || parts.len() > 6 || parts.len() == 4 {
        return None;
    }
    if !parts.iter().zip(shape).all(|(p, n)| digits(p, n)) {
        return None;
    }
    Some(match parts.len() {
        2 => Level::Urusan,
        3 => Level::Program,
        5 => Level::Kegiatan,
        _ => Level::SubKegiatan,
    })
}

/// The level a row's text says: a code in front (from 2021), else its first word; `None` when the
/// text says nothing (an activity with an indicator, or an urusan without one).
fn level_of(text: &str, has_indicator: bool, codes: bool) -> (Level, &'static str) {
    let mut words = text.split_whitespace().peekable();
    // A list marker ("1.", "A.", "a)", "IV.") is not a code.
    if words.peek().is_some_and(|w| {
        let core = w.trim_end_matches(['.', ')']);
        w.len() > core.len() && !core.contains('.') && core.len() <= 4
    }) {
        words.next();
    }
    let first = words.peek().copied().unwrap_or("");
    if codes {
        if let Some(level) = p90_level(first) {
            return (level, "kode");
        }
    }
    // A code of another scheme in front: the words after it decide.
    let code_like = first.contains('.') && first.chars().all(|c| c.is_ascii_digit() || c == '.' || c == 'X');
    if code_like {
        words.next();
    }
    let n = normalize(&words.collect::<Vec<_>>().join(" "));
    if n.starts_with("program") {
        (Level::Program, "kata \"Program\"")
    } else if n.starts_with("subkegiatan") {
        (Level::SubKegiatan, "kata \"Sub Kegiatan\"")
    } else if n.starts_with("kegiatan") {
        (Level::Kegiatan, "kata \"Kegiatan\"")
    } else if n.starts_with("urusan") || n.starts_with("bidangurusan") {
        (Level::Urusan, "kata \"Urusan\"")
    } else if !has_indicator {
        (Level::Urusan, "tanpa indikator")
    } else {
        (Level::Activity, "pagu")
    }
}

/// A level column's word.
fn level_word(text: &str) -> Option<Level> {
    Some(match normalize(text).as_str() {
        "urusan" | "bidang" | "bidangurusan" => Level::Urusan,
        "program" => Level::Program,
        "kegiatan" => Level::Kegiatan,
        "subkegiatan" => Level::SubKegiatan,
        _ => return None,
    })
}

/// The rows of column 3 in order, each with its indicators and its place in the hierarchy.
pub fn nodes(sheet: &Sheet, form: &Form, rows: &Rows, f: &mut Findings) -> Vec<Node> {
    let (Some(pc), Some(ic)) = (form.col(Group::Program), form.col(Group::Indikator)) else { return vec![] };
    let codes = form.year.is_none_or(|y| y >= SUB_KEGIATAN_FROM);
    let mut nodes: Vec<Node> = Vec::new();
    for &row in &rows.data {
        let indicator = typed_text(sheet, row, ic);
        // An office's own code column goes in front of the name, as the form prints them together,
        // when it is a code of Permendagri 90 (a code split over several columns is not).
        let code = match form.kode_cols.as_slice() {
            [one] => sheet.text(row, *one).filter(|c| codes && p90_level(c).is_some()),
            _ => None,
        };
        let text = typed_text(sheet, row, pc).map(|t| match &code {
            Some(code) if !t.starts_with(code.as_str()) => format!("{code} {t}"),
            _ => t,
        });
        if text.is_none() && indicator.is_none() {
            continue; // a sasaran heading: read with the indicators under it
        }
        match text {
            Some(text) => {
                let own = form.col(Group::Level).and_then(|c| sheet.text(row, c)).and_then(|t| level_word(&t));
                let (level, by) = match own {
                    Some(level) => (level, "kolom tingkat"),
                    None => level_of(&text, indicator.is_some(), codes),
                };
                nodes.push(Node {
                    row,
                    level,
                    name: text.split_whitespace().collect::<Vec<_>>().join(" "),
                    indicator_rows: indicator.iter().map(|_| row).collect(),
                    place: Place::default(),
                    by,
                })
            }
            None => match nodes.last_mut() {
                // A continuation row: another indicator of the row above.
                Some(node) => node.indicator_rows.push(row),
                None => f.warning(
                    Some(address(row, ic)),
                    format!(
                        "Indikator ini tidak berada di bawah program atau kegiatan mana pun ({} di atasnya kosong); tidak dibaca.",
                        form.label(Group::Program)
                    ),
                    Some(format!("Tulis nama program atau kegiatannya di {} pada baris yang sama.", form.label(Group::Program))),
                ),
            },
        }
    }
    resolve_activities(sheet, form, &mut nodes);
    // Each row's place: the urusan, program and kegiatan above it.
    let (mut urusan, mut program, mut kegiatan) = (None::<String>, None::<String>, None::<String>);
    for node in &mut nodes {
        match node.level {
            Level::Urusan => {
                urusan = Some(node.name.clone());
                program = None;
                kegiatan = None;
            }
            Level::Program => {
                program = Some(node.name.clone());
                kegiatan = None;
            }
            Level::Kegiatan | Level::Activity => kegiatan = Some(node.name.clone()),
            Level::SubKegiatan => {}
        }
        node.place = Place {
            urusan: urusan.clone(),
            program: program.clone(),
            kegiatan: matches!(node.level, Level::Kegiatan | Level::Activity | Level::SubKegiatan)
                .then(|| kegiatan.clone())
                .flatten(),
            sub_kegiatan: (node.level == Level::SubKegiatan).then(|| node.name.clone()),
        };
    }
    nodes
}

/// Tells kegiatan from sub-kegiatan where the form gives no codes: a kegiatan's pagu is the sum of
/// the pagu of the sub-kegiatan under it (the form's own SUM), to the rupiah. A row's pagu is the
/// sum over its indicator rows (an office may split it over them). Before 2021 every activity is a
/// kegiatan.
fn resolve_activities(sheet: &Sheet, form: &Form, nodes: &mut [Node]) {
    if form.year.is_some_and(|y| y < SUB_KEGIATAN_FROM) {
        for node in nodes.iter_mut().filter(|n| n.level == Level::Activity) {
            node.level = Level::Kegiatan;
            node.by = "tahun sebelum 2021: tanpa sub-kegiatan";
        }
        return;
    }
    let pagu = |node: &Node| -> f64 {
        let cell = |row: u32| {
            form.rp(Group::TargetRenja).map_or(0.0, |c| match sheet.get(row, c) {
                calamine::Data::Float(x) => *x,
                calamine::Data::Int(i) => *i as f64,
                _ => 0.0,
            })
        };
        std::iter::once(node.row).chain(node.indicator_rows.iter().copied().filter(|r| *r != node.row)).map(cell).sum()
    };
    let mut i = 0;
    while i < nodes.len() {
        if nodes[i].level != Level::Activity {
            i += 1;
            continue;
        }
        let own = pagu(&nodes[i]);
        let mut sum = 0.0;
        let mut j = i + 1;
        while own > 0.0 && j < nodes.len() && nodes[j].level == Level::Activity && sum < own - 0.5 {
            sum += pagu(&nodes[j]);
            j += 1;
        }
        if own > 0.0 && j > i + 1 && (sum - own).abs() <= 0.5 {
            nodes[i].level = Level::Kegiatan;
            for node in &mut nodes[i + 1..j] {
                node.level = Level::SubKegiatan;
            }
            i = j;
        } else {
            nodes[i].level = Level::Kegiatan;
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_by_code_or_by_word() {
        let l = |t: &str, ind: bool| level_of(t, ind, true).0;
        assert_eq!(l("1.01 URUSAN PENDIDIKAN", false), Level::Urusan);
        assert_eq!(l("1.01.01 PROGRAM PENUNJANG URUSAN", true), Level::Program);
        assert_eq!(l("1.01.01.2.01 Perencanaan, Penganggaran", true), Level::Kegiatan);
        assert_eq!(l("1.01.01.2.01.0001 Penyusunan Dokumen", true), Level::SubKegiatan);
        assert_eq!(l("X.XX.01 PROGRAM PENUNJANG URUSAN", true), Level::Program);
        assert_eq!(l("Program Penunjang Urusan Pemerintahan Daerah", true), Level::Program);
        assert_eq!(l("PERENCANAAN", false), Level::Urusan);
        assert_eq!(l("Penyusunan Dokumen Perencanaan", true), Level::Activity);
        assert_eq!(l("Sub Kegiatan Penyusunan", true), Level::SubKegiatan);
        // Not a Permendagri 90 code: the words decide.
        assert_eq!(l("X.XX.01.0.00.00.01 Penyusunan", true), Level::Activity);
        assert_eq!(l("1.20.03.53 Program Pelayanan", true), Level::Program);
        // Before 2021 codes are not read as Permendagri 90's.
        assert_eq!(level_of("1.01.01 Pelayanan Administrasi", true, false).0, Level::Activity);
    }
}
