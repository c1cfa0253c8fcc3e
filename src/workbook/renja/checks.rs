//! The form's own checks: its computed columns (13 = 9 + 10 + 11 + 12, 14 = 7 + 13, 15 = 14 / 6 ×
//! 100, the totals row) against ours, a quarter filled beyond the period, one cell holding several
//! indicators, figures in columns without a heading, and what the header could not place. Each is a
//! warning at the form's cell with both figures; the document uses our figures.

use super::super::grid::{address, Sheet};
use super::super::kinerja::indikator::roman;
use super::header::{letters, Form};
use super::headings::Group;
use super::hierarchy::{Level, Node};
use super::indicators::{aggregation_phrase, fig};
use super::rows::Rows;
use crate::findings::Findings;
use crate::format::{self, figure, same};
use crate::model::{Aggregation, Period, Polarity};

/// What the header could not place, at its heading; and every quarter's columns found: a quarters'
/// group without its I–IV labels is an error at its heading, a quarter missing from the header a
/// warning.
pub fn header(form: &Form, f: &mut Findings) {
    for p in &form.problems {
        if p.error {
            f.error(Some(p.cell.clone()), p.message.clone(), p.hint.clone());
        } else {
            f.warning(Some(p.cell.clone()), p.message.clone(), p.hint.clone());
        }
    }
    if let Some(col) = form.unsplit_quarters {
        f.error(
            Some(address(form.header_row, col)),
            "Kolom realisasi per triwulan tidak dapat dibagi: di bawah judulnya tidak ada label I, II, III, IV (atau TW I …).",
            Some("Tulis I, II, III dan IV di atas kolom tiap triwulan, pada baris di bawah judul kelompok.".into()),
        );
        return;
    }
    let present = (1..=4u8).filter(|&q| form.cols(Group::Quarter(q)).is_some()).count();
    let missing: Vec<&str> = (1..=4u8).filter(|&q| form.cols(Group::Quarter(q)).is_none()).map(roman).collect();
    // A form without any quarter (the annual J-1) reads the year's realisation instead.
    if !missing.is_empty() && present > 0 {
        f.warning(
            form.col(Group::Indikator).map(|c| address(form.header_row, c)),
            format!(
                "Kolom realisasi triwulan {} tidak ditemukan di kepala tabel; realisasinya dianggap belum dilaporkan.",
                missing.join(", ")
            ),
            Some(format!("Periksa judul kolom realisasi per triwulan ({}).", form.quarters_label(4))),
        );
    }
    if present == 0 && form.k(Group::RealRenja).is_none() {
        f.error(
            form.col(Group::Indikator).map(|c| address(form.header_row, c)),
            "Formulir tidak punya kolom realisasi yang dapat ditempatkan dengan pasti: tidak ada realisasi per triwulan dan tidak ada realisasi tahun ini.",
            Some("Periksa judul kolom realisasi: \"Realisasi Kinerja Pada Triwulan\" dengan I–IV di bawahnya, atau \"Realisasi … Tahun …\" untuk tahun yang dievaluasi.".into()),
        );
    }
}

/// A quarter after the period with a figure in it: not this period's, and said.
pub fn beyond_period(form: &Form, row: u32, q: u8, value: f64, code: u32, period: Period, f: &mut Findings) {
    f.warning(
        form.k(Group::Quarter(q)).map(|c| address(row, c)),
        format!(
            "Realisasi TW {} indikator {code} terisi {}, padahal formulir untuk {}; angka itu tidak dipakai.",
            roman(q),
            fig(value),
            period.label()
        ),
        Some("Kosongkan triwulan yang belum berjalan, atau tulis Periode yang benar di lembar Identitas.".into()),
    );
}

/// The year's realisation the form computes (column 13 = 9 + 10 + 11 + 12) against ours.
pub fn year_column(
    form: &Form,
    row: u32,
    code: u32,
    (stated, ours): (Option<f64>, Option<f64>),
    aggregation: Aggregation,
    n: usize,
    f: &mut Findings,
) {
    let (Some(s), Some(o)) = (stated, ours) else { return };
    if same(s, o, 4) {
        return;
    }
    f.warning(
        form.k(Group::RealRenja).map(|c| address(row, c)),
        format!(
            "Realisasi Renja indikator {code} di {} formulir {}, sedangkan {} realisasi {} ({}) = {}; yang dipakai {}.",
            form.label(Group::RealRenja),
            fig(s),
            aggregation_phrase(aggregation),
            quarters_up_to(n),
            form.quarters_label(n as u8),
            fig(o),
            fig(o)
        ),
        Some(format!(
            "Periksa rumus {} (mungkin tertimpa angka) atau realisasi triwulannya.",
            form.label(Group::RealRenja)
        )),
    );
}

/// "TW I–IV", or "TW I" alone.
fn quarters_up_to(n: usize) -> String {
    if n <= 1 {
        "TW I".into()
    } else {
        format!("TW I–{}", roman(n as u8))
    }
}

/// One cell holding several indicators ("1. Nilai LHE AKIP … 2. Indeks Kepuasan …") with one set of
/// figures: measured as one, and said.
pub fn several(name: &str, cell: Option<String>, f: &mut Findings) {
    let numbered = |k: u32| {
        let mark = format!("{k}.");
        name.starts_with(&mark) || name.contains(&format!(" {mark}")) || name.contains(&format!("\n{mark}"))
    };
    if numbered(1) && numbered(2) {
        f.warning(
            cell,
            format!("Sel ini memuat beberapa indikator bernomor dengan satu target dan satu realisasi: \"{}\"; diukur sebagai satu indikator.", super::super::grid::shorten(name)),
            Some("Tulis setiap indikator pada barisnya sendiri (kolom 3 kosong pada baris lanjutan) dengan target dan realisasinya masing-masing.".into()),
        );
    }
}

/// Columns 14 (= 7 + 13) and 15 (= 14 / 6 × 100) of an indicator against ours: the Renstra realisation
/// up to this year (a count adds this year to the years before, a level is where it stands now), and
/// the capaian against the Renstra's end target. Without a column of the years before, column 14 is
/// not compared (it cannot be told from one).
#[allow(clippy::too_many_arguments)]
pub fn renstra(
    form: &Form,
    unit: &str,
    counts: bool,
    polarity: Polarity,
    (end, before, ours): (Option<f64>, Option<f64>, Option<f64>),
    (stated_now, stated_capaian): (Option<f64>, Option<f64>),
    code: &str,
    cell: &dyn Fn(Group) -> Option<String>,
    f: &mut Findings,
) {
    let Some(r) = ours else { return };
    if form.k(Group::RenstraBefore).is_none() {
        return;
    }
    let now = if counts { format::decimal(before.unwrap_or(0.0) + r) } else { r };
    if let Some(s) = stated_now {
        if !same(s, now, 4) {
            let why = if counts {
                format!("realisasi s.d. tahun lalu {} + tahun ini {}", fig(before.unwrap_or(0.0)), fig(r))
            } else {
                format!("satuan {unit} adalah posisi, tidak dijumlahkan antartahun: realisasi tahun ini {}", fig(r))
            };
            let label = form.label(Group::RenstraNow);
            f.warning(
                cell(Group::RenstraNow),
                format!("Realisasi Renstra s.d. tahun ini indikator {code} di {label} formulir {}, menurut kinerja {} ({why}).", fig(s), fig(now)),
                Some(format!("Periksa rumus {label} dan apakah indikatornya kumulatif.")),
            );
            return; // column 15 follows from 14
        }
    }
    let (Some(end), Some(s)) = (end, stated_capaian) else { return };
    if polarity != Polarity::Positif || end == 0.0 {
        return;
    }
    let capaian = format::decimal(now / end * 100.0);
    if !same(s, capaian, 2) {
        let label = form.label(Group::Capaian);
        f.warning(
            cell(Group::Capaian),
            format!("Tingkat capaian Renstra indikator {code} di {label} formulir {} %, menurut kinerja {} ({} / {} × 100).", figure(s, 2), figure(capaian, 2), fig(now), fig(end)),
            Some(format!(
                "Periksa rumus {label} (= {} / {} × 100).",
                form.label(Group::RenstraNow),
                form.label(Group::TargetRenstra)
            )),
        );
    }
}

/// The rupiah figure of a row at a group's Rp column (blank is None), in rupiah.
pub fn rp(sheet: &Sheet, form: &Form, row: u32, g: Group) -> Option<f64> {
    let scale = form.rp_scale(g);
    let x = match sheet.get(row, form.rp(g)?) {
        calamine::Data::Float(x) => Some(*x),
        calamine::Data::Int(i) => Some(*i as f64),
        calamine::Data::String(s) => super::super::values::parse_number(s).map(|n| n.value),
        _ => None,
    }?;
    Some(if scale == 1.0 { x } else { format::decimal(x * scale) })
}

/// The rows whose budgets make the budget table: the programs (or, in a form without programs,
/// the kegiatan).
pub fn budget_nodes(nodes: &[Node]) -> Vec<&Node> {
    let programs: Vec<&Node> = nodes.iter().filter(|n| n.level == Level::Program).collect();
    if programs.is_empty() {
        nodes.iter().filter(|n| n.level == Level::Kegiatan).collect()
    } else {
        programs
    }
}

/// The form's rupiah arithmetic on every row (13 = 9 + 10 + 11 + 12, 14 = 7 + 13, 15 = 14 / 6 × 100),
/// and its totals row against the sum of the programs.
pub fn totals(sheet: &Sheet, form: &Form, rows: &Rows, nodes: &[Node], period: Period, f: &mut Findings) {
    let n = period.quarters();
    let col = |g: Group| form.rp(g);
    let rp_at = |row: u32, g: Group| rp(sheet, form, row, g);
    let all_rows: Vec<u32> = nodes.iter().map(|n| n.row).chain(rows.totals).collect();
    for &row in &all_rows {
        let quarters: Vec<f64> = (1..=n as u8).filter_map(|q| rp_at(row, Group::Quarter(q))).collect();
        let sum = format::decimal(quarters.iter().sum());
        if let (Some(stated), false) = (rp_at(row, Group::RealRenja), quarters.is_empty()) {
            if !same(stated, sum, 2) {
                f.warning(
                    col(Group::RealRenja).map(|c| address(row, c)),
                    format!(
                        "Realisasi anggaran Renja di {} formulir Rp {}, sedangkan jumlah realisasi {} ({}, Rp) Rp {}.",
                        form.label(Group::RealRenja),
                        format::rupiah_plain(stated),
                        quarters_up_to(n),
                        form.quarters_label(n as u8),
                        format::rupiah_plain(sum)
                    ),
                    Some(format!(
                        "Periksa rumus {} (Rp) dan realisasi triwulannya; anggaran dokumen memakai jumlah triwulan.",
                        form.label(Group::RealRenja)
                    )),
                );
            }
        }
        if let (Some(now), Some(before), Some(this)) =
            (rp_at(row, Group::RenstraNow), rp_at(row, Group::RenstraBefore), rp_at(row, Group::RealRenja))
        {
            let expected = format::decimal(before + this);
            if !same(now, expected, 2) {
                let label = form.label(Group::RenstraNow);
                f.warning(
                    col(Group::RenstraNow).map(|c| address(row, c)),
                    format!(
                        "Realisasi anggaran Renstra s.d. tahun ini di {label} formulir Rp {}, sedangkan {} + {} = Rp {} + Rp {} = Rp {}.",
                        format::rupiah_plain(now),
                        form.label(Group::RenstraBefore),
                        form.label(Group::RealRenja),
                        format::rupiah_plain(before),
                        format::rupiah_plain(this),
                        format::rupiah_plain(expected)
                    ),
                    Some(format!("Periksa rumus {label} (Rp): mungkin merujuk kolom yang salah.")),
                );
                continue; // column 15 follows from 14
            }
        }
        // Column 15 (Rp) = 14 / 6 × 100.
        if let (Some(now), Some(end), Some(stated)) = (
            rp_at(row, Group::RenstraNow),
            rp_at(row, Group::TargetRenstra),
            form.rp(Group::Capaian).and_then(|c| match sheet.get(row, c) {
                calamine::Data::Float(x) => Some(*x),
                calamine::Data::Int(i) => Some(*i as f64),
                _ => None,
            }),
        ) {
            let expected = format::decimal(now / end * 100.0);
            if end != 0.0 && !same(stated, expected, 2) {
                let label = form.label(Group::Capaian);
                f.warning(
                    col(Group::Capaian).map(|c| address(row, c)),
                    format!(
                        "Tingkat realisasi anggaran Renstra di {label} formulir {} %, sedangkan {} / {} × 100 = Rp {} / Rp {} × 100 = {} %.",
                        figure(stated, 2),
                        form.label(Group::RenstraNow),
                        form.label(Group::TargetRenstra),
                        format::rupiah_plain(now),
                        format::rupiah_plain(end),
                        figure(expected, 2)
                    ),
                    Some(format!("Periksa rumus {label} (Rp).")),
                );
            }
        }
    }
    let Some(total_row) = rows.totals else { return };
    let programs = budget_nodes(nodes);
    if programs.is_empty() {
        return;
    }
    let mut groups = vec![Group::TargetRenstra, Group::RenstraBefore, Group::TargetRenja];
    groups.extend((1..=4).map(Group::Quarter));
    groups.extend([Group::RealRenja, Group::RenstraNow]);
    for g in groups {
        let Some(stated) = rp_at(total_row, g) else { continue };
        let sum = format::decimal(programs.iter().filter_map(|p| rp_at(p.row, g)).sum());
        if !same(stated, sum, 2) {
            f.warning(
                col(g).map(|c| address(total_row, c)),
                format!(
                    "Baris jumlah {} (Rp) formulir Rp {}, sedangkan jumlah {} program Rp {}.",
                    form.label(g),
                    format::rupiah_plain(stated),
                    programs.len(),
                    format::rupiah_plain(sum)
                ),
                Some("Periksa rumus baris jumlah dan baris urusan di atasnya: mungkin ada program yang terhitung dua kali.".into()),
            );
        }
    }
}

/// Figures in columns without a heading (an office's scratch work) are not read: said once per column.
pub fn unlabelled(sheet: &Sheet, form: &Form, rows: &Rows, f: &mut Findings) {
    let Some((_, c1)) = sheet.cols() else { return };
    for col in form.last_col + 1..=c1 {
        let first = rows.data.iter().find_map(|&r| match sheet.get(r, col) {
            calamine::Data::Float(x) => Some((r, *x)),
            calamine::Data::Int(i) => Some((r, *i as f64)),
            _ => None,
        });
        if let Some((row, value)) = first {
            f.warning(
                Some(address(row, col)),
                format!(
                    "Kolom {} tidak berjudul tetapi berisi angka (misalnya {} = {}); isinya tidak dibaca.",
                    letters(col),
                    address(row, col),
                    figure(value, 2)
                ),
                Some("Bila kolom itu bagian dari formulir, beri judul di baris kepala tabel; bila hitungan bantu, biarkan saja.".into()),
            );
        }
    }
}
