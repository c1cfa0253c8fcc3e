//! The lines over the form's table: its title ("Evaluasi Terhadap Hasil Renja …", "Kabupaten …",
//! "Tahun 2025", "Triwulan IV"), a line naming unit and government together ("Dinas Pendidikan dan
//! Kebudayaan Kabupaten Bondowoso"), and `Label : value` lines in one cell or two ("Perangkat
//! Daerah : …", "Nama OPD : | …", "Tahun : | 2021").

use super::super::grid::{address, Sheet};
use super::super::values::parse_period;
use crate::model::Period;
use crate::names::normalize;

/// What the lines over a table say, each with its cell.
#[derive(Debug, Default, Clone)]
pub struct Titles {
    /// "Pemerintah Kabupaten Deli Serdang".
    pub government: Option<(String, String)>,
    /// The unit's name.
    pub unit: Option<(String, String)>,
    pub year: Option<(i32, String)>,
    pub period: Option<(Period, String)>,
    /// The first cell of the title, where a finding about it is put.
    pub first: Option<String>,
    /// The cell of the form's own title ("Evaluasi … Renja …"), when there is one.
    pub title: Option<String>,
}

/// Words a unit's name starts with.
const UNIT_WORDS: [&str; 18] = [
    "dinas",
    "badan",
    "biro",
    "bagian",
    "sekretariat",
    "inspektorat",
    "kantor",
    "satuan",
    "rumahsakit",
    "rsud",
    "kecamatan",
    "kelurahan",
    "upt",
    "unit",
    "bappeda",
    "bappelitbang",
    "bappedalitbang",
    "balai",
];

/// True for a text that is a template's placeholder: "{skpd}", "…", "Kabupaten/Kota ….".
fn placeholder(text: &str) -> bool {
    text.contains('{') || text.contains('…') || text.contains("...")
}

/// Reads the rows of `sheet` before row `before`.
pub fn read(sheet: &Sheet, before: u32) -> Titles {
    let mut t = Titles::default();
    let (Some((r0, _)), Some((c0, c1))) = (sheet.rows(), sheet.cols()) else { return t };
    for row in r0..before {
        let cells: Vec<(u32, String)> = (c0..=c1).filter_map(|c| sheet.text(row, c).map(|x| (c, x))).collect();
        for (i, (col, text)) in cells.iter().enumerate() {
            let cell = address(row, *col);
            t.first.get_or_insert(cell.clone());
            let n = normalize(text);
            if ["evaluasi", "renja", "rkpd"].iter().any(|w| n.contains(w)) {
                t.title.get_or_insert(cell.clone());
            }
            // "Label : value" in one cell, or "Label :" and the value in the next cell.
            let (label, value) = match text.split_once(':') {
                Some((l, v)) if !v.trim().is_empty() => (normalize(l), Some(v.trim().to_string())),
                Some((l, _)) => (normalize(l), next_value(&cells[i + 1..])),
                None if cells.get(i + 1).is_some_and(|(_, n)| n.trim().starts_with(':')) => {
                    let rest = cells[i + 1].1.trim().trim_start_matches(':').trim().to_string();
                    (normalize(text), if rest.is_empty() { next_value(&cells[i + 2..]) } else { Some(rest) })
                }
                None => (String::new(), None),
            };
            if let Some(value) = value.filter(|v| !placeholder(v)) {
                let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
                if UNIT_LABELS.contains(&label.as_str()) {
                    t.unit.get_or_insert((value, cell.clone()));
                    continue;
                }
                if matches!(label.as_str(), "tahun" | "tahunanggaran" | "tahunevaluasi") {
                    if let Some(y) = year_in(&value) {
                        t.year.get_or_insert((y, cell.clone()));
                    }
                    continue;
                }
                if matches!(label.as_str(), "periode" | "triwulan") {
                    if let Some(p) = parse_period(&value).or_else(|| parse_period(&format!("triwulan {value}"))) {
                        t.period.get_or_insert((p, cell.clone()));
                    }
                    continue;
                }
            }
            if let Some((unit, government)) = unit_and_government(text) {
                if let Some(unit) = unit {
                    t.unit.get_or_insert((unit, cell.clone()));
                }
                t.government.get_or_insert((government, cell.clone()));
            }
            if let Some(y) = year_in(text).filter(|_| normalize(text).contains("tahun")) {
                t.year.get_or_insert((y, cell.clone()));
            }
            if let Some(p) = period_in(text) {
                t.period.get_or_insert((p, cell.clone()));
            }
        }
    }
    t
}

/// The labels of a line naming the unit.
const UNIT_LABELS: [&str; 8] =
    ["perangkatdaerah", "skpd", "opd", "unitkerja", "namaperangkatdaerah", "namaopd", "namaskpd", "namaunitkerja"];

/// The first cell after a label that is not a lone ":".
fn next_value(cells: &[(u32, String)]) -> Option<String> {
    cells.iter().map(|(_, t)| t.trim().trim_start_matches(':').trim().to_string()).find(|t| !t.is_empty())
}

/// The year named in the rows before `before` ("Tahun 2025", "Tahun : 2021").
pub fn year_before(sheet: &Sheet, before: u32) -> Option<i32> {
    read(sheet, before).year.map(|(y, _)| y)
}

/// A government line ("Kabupaten Deli Serdang", "Pemerintah Kota Bandung"), or a line naming unit
/// and government together ("Dinas Pendidikan dan Kebudayaan Kabupaten Bondowoso"): the unit (when
/// the line names one) and "Pemerintah …".
fn unit_and_government(text: &str) -> Option<(Option<String>, String)> {
    if placeholder(text) {
        return None;
    }
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = normalize(&t);
    if n.starts_with("pemerintah") {
        return Some((None, t));
    }
    if ["kabupaten", "kota", "provinsi"].iter().any(|w| n.starts_with(w)) {
        return Some((None, format!("Pemerintah {t}")));
    }
    // The unit's name, then the government: split at the last "Kabupaten", "Kota" or "Provinsi".
    if !UNIT_WORDS.iter().any(|w| n.starts_with(w)) {
        return None;
    }
    let words: Vec<&str> = t.split(' ').collect();
    let at = (1..words.len().saturating_sub(1))
        .rev()
        .find(|&i| matches!(normalize(words[i]).as_str(), "kabupaten" | "kota" | "provinsi"))?;
    let unit = words[..at].join(" ");
    Some((Some(unit), format!("Pemerintah {}", words[at..].join(" "))))
}

/// A year 2000–2100 written in a text.
pub fn year_in(text: &str) -> Option<i32> {
    super::headings::years_in(text).first().copied()
}

/// The quarter a text names: a sheet "Realisasi TW IV", a title "Evaluasi Triwulan III Tahun 2025".
pub fn period_in(text: &str) -> Option<Period> {
    super::signature::period_in(text)
}

/// The unit named on a "Perangkat Daerah : …" line (also "SKPD :", "OPD :", "Unit Kerja :").
pub fn unit_line(text: &str) -> Option<String> {
    let (label, rest) = text.split_once(':')?;
    let l = normalize(label);
    let rest = rest.split_whitespace().collect::<Vec<_>>().join(" ");
    let blank = rest.chars().all(|c| c == '…' || c == '.' || c.is_whitespace());
    (UNIT_LABELS.contains(&l.as_str()) && !blank && !placeholder(&rest)).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_and_government_on_one_line() {
        assert_eq!(
            unit_and_government("Dinas Pendidikan dan Kebudayaan Kabupaten Bondowoso"),
            Some((Some("Dinas Pendidikan dan Kebudayaan".into()), "Pemerintah Kabupaten Bondowoso".into()))
        );
        assert_eq!(
            unit_and_government("Kabupaten Deli Serdang "),
            Some((None, "Pemerintah Kabupaten Deli Serdang".into()))
        );
        assert_eq!(unit_and_government("Renja Perangkat Daerah {skpd} Kabupaten/kota Bandung"), None);
        assert_eq!(
            unit_and_government("Evaluasi Terhadap Hasil Renja Perangkat daerah Lingkup Kabupaten /Kota "),
            None
        );
    }

    #[test]
    fn unit_lines() {
        assert_eq!(unit_line("Perangkat Daerah : Dinas Kesehatan"), Some("Dinas Kesehatan".into()));
        assert_eq!(unit_line("SKPD : Biro Bina Produksi "), Some("Biro Bina Produksi".into()));
        assert_eq!(unit_line("Sasaran: x"), None);
        assert_eq!(unit_line("Perangkat Daerah : …"), None);
    }
}
