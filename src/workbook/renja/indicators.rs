//! The indicators of the form's rows, each with its target, its quarters' realisation (or the
//! year's, on a form without quarters), its satuan, polarity and aggregation, and every cell it came
//! from. A figure is read only from a column the header placed: this year's target, the quarters,
//! this year's realisation — never from a column of earlier years.

use super::super::grid::{address, shorten, Sheet};
use super::super::kinerja::indikator::{self, roman};
use super::checks;
use super::header::{typed_text, Form};
use super::headings::Group;
use super::hierarchy::Node;
use crate::findings::{Findings, Reported};
use crate::format::{figure, same};
use crate::measure::{across_years, aggregate, is_level_unit};
use crate::model::{Aggregation, Indicator, Origin, Period, Polarity, Target};
use crate::names::normalize;
use std::collections::{BTreeMap, HashSet};

/// Polarity and aggregation for every indicator without its own (the `Identitas` keys beside the form).
#[derive(Default)]
pub struct Defaults {
    pub polarity: Option<Polarity>,
    pub aggregation: Option<Aggregation>,
}

/// The aggregation a cell names: jumlah, terakhir, rata-rata, or an office's "absolut" (a count,
/// added up) and "non absolut" (a level, its last quarter).
pub fn aggregation_word(text: &str) -> Option<Aggregation> {
    indikator::aggregation(text).or_else(|| match normalize(text).as_str() {
        "absolut" | "absolute" => Some(Aggregation::Jumlah),
        "nonabsolut" | "nonabsolute" | "tidakabsolut" => Some(Aggregation::Terakhir),
        _ => None,
    })
}

/// A number at a group's K or Rp column; blank is None, unreadable an error at the cell.
pub fn number(
    sheet: &Sheet,
    row: u32,
    col: Option<u32>,
    what: &str,
    f: &mut Findings,
) -> Result<Option<f64>, Reported> {
    match col {
        Some(c) => sheet.number(row, c, what, f),
        None => Ok(None),
    }
}

/// A cell's value read with `parse`; an unknown value is an error at its cell.
fn parsed<T>(
    (col, text): (u32, String),
    row: u32,
    parse: fn(&str) -> Option<T>,
    what: &str,
    expected: &str,
    f: &mut Findings,
) -> Option<T> {
    let value = parse(&text);
    if value.is_none() {
        f.error(
            Some(address(row, col)),
            format!("{what} \"{}\" tidak dikenal; diharapkan {expected}.", shorten(&text)),
            None,
        );
    }
    value
}

/// The indicators of every row, in the form's order.
pub fn indicators(
    sheet: &Sheet,
    form: &Form,
    nodes: &[Node],
    period: Period,
    defaults: &Defaults,
    office_renstra: Option<bool>,
    f: &mut Findings,
) -> Vec<Indicator> {
    let n = period.quarters();
    let has_quarter_columns = (1..=4u8).any(|q| form.k(Group::Quarter(q)).is_some());
    let no_of = |r: u32| form.col(Group::No).and_then(|c| sheet.text(r, c)).and_then(|t| t.parse::<u32>().ok());
    let max_no = nodes.iter().flat_map(|node| node.indicator_rows.iter()).filter_map(|&r| no_of(r)).max().unwrap_or(0);
    let mut next_free = max_no + 1;
    let mut used = HashSet::new();
    let mut out = Vec::new();
    // Each row's sasaran: the last one written at or above it (a sasaran heading row included).
    let last_row = nodes.iter().flat_map(|n| n.indicator_rows.iter()).max().copied();
    let sasaran_rows: BTreeMap<u32, String> = match (form.col(Group::Sasaran), last_row) {
        (Some(c), Some(last)) => {
            (form.data_start..=last).filter_map(|r| typed_text(sheet, r, c).map(|t| (r, t))).collect()
        }
        _ => BTreeMap::new(),
    };
    let mut defaulted_polarity = 0;
    let mut aggregation_counts = [0usize; 3]; // inferred: jumlah, terakhir, rata-rata
    let mut unit_defaults = 0;
    let mut without_satuan = 0;
    let target_label = form.label(Group::TargetRenja);
    for node in nodes {
        for &row in &node.indicator_rows {
            let sasaran = sasaran_rows.range(..=row).next_back().map(|(_, s)| s.clone());
            let Some(name) = form.col(Group::Indikator).and_then(|c| typed_text(sheet, row, c)) else { continue };
            let name_cell = form.col(Group::Indikator).map(|c| address(row, c));
            let code = match no_of(row).filter(|n| *n > 0 && !used.contains(n)) {
                Some(n) => n,
                None => {
                    next_free += 1;
                    next_free - 1
                }
            };
            used.insert(code);
            let tr = form.cols(Group::TargetRenja).unwrap_or_default();
            let mut ok = true;
            let mut num = |col: Option<u32>, what: &str, f: &mut Findings| match number(sheet, row, col, what, f) {
                Ok(v) => v,
                Err(_) => {
                    ok = false;
                    None
                }
            };
            let target = num(tr.k, &format!("Target Renja ({target_label}, K)"), f);
            let pagu = num(tr.rp, &format!("Target Renja ({target_label}, Rp)"), f);
            // The quarters of the period only: a later quarter's figure is not this period's.
            let mut quarters: [Option<f64>; 4] = [None; 4];
            for q in 1..=4u8 {
                let what = format!("Realisasi TW {} ({}, K)", roman(q), form.label(Group::Quarter(q)));
                let value = num(form.k(Group::Quarter(q)), &what, f);
                if (q as usize) <= n {
                    quarters[q as usize - 1] = value;
                } else if let Some(v) = value {
                    checks::beyond_period(form, row, q, v, code, period, f);
                }
            }
            let renstra_target = num(
                form.k(Group::TargetRenstra),
                &format!("Target Renstra ({}, K)", form.label(Group::TargetRenstra)),
                f,
            );
            let renstra_before = num(
                form.k(Group::RenstraBefore),
                &format!("Realisasi Renstra s.d. tahun lalu ({}, K)", form.label(Group::RenstraBefore)),
                f,
            );
            // The form's own computed columns are only compared with ours: one its formula could not
            // compute (#DIV/0! where a target is 0) is nothing to compare.
            let computed =
                |g: Group| number(sheet, row, form.k(g), "", &mut Findings::new(String::new())).ok().flatten();
            let (stated, stated_renstra, stated_capaian) =
                (computed(Group::RealRenja), computed(Group::RenstraNow), computed(Group::Capaian));
            if !ok {
                continue;
            }
            let target_cell = tr.k.map(|c| address(row, c));
            let nothing_planned = pagu.unwrap_or(0.0) == 0.0 && quarters.iter().all(|q| q.unwrap_or(0.0) == 0.0);
            let target = match target {
                Some(t) if t != 0.0 || !nothing_planned => t,
                _ if nothing_planned => {
                    f.warning(
                        target_cell.clone(),
                        format!(
                            "Indikator {code} (\"{}\") tidak punya target Renja tahun ini ({}); tidak diukur.",
                            shorten(&name),
                            if target.is_some() { "target dan pagu 0".to_string() } else { format!("{target_label} kosong") }
                        ),
                        Some(format!("Bila indikator ini memang direncanakan tahun ini, isi target kinerja dan pagunya di {target_label}.")),
                    );
                    continue;
                }
                _ => {
                    f.error(
                        target_cell.clone(),
                        format!(
                            "Target Renja ({target_label}, K) indikator {code} kosong, padahal pagu atau realisasinya terisi."
                        ),
                        Some(format!("Isi target kinerja tahun ini di {target_label} (K).")),
                    );
                    continue;
                }
            };
            checks::several(&name, name_cell.clone(), f);
            let unit = form.col(Group::Satuan).and_then(|c| typed_text(sheet, row, c));
            if unit.is_none() {
                if form.col(Group::Satuan).is_some() {
                    f.warning(
                        form.col(Group::Satuan).map(|c| address(row, c)),
                        format!("Satuan indikator {code} kosong."),
                        Some(format!("Isi satuannya di {} (%, Dokumen, Orang …).", form.label(Group::Satuan))),
                    );
                } else {
                    without_satuan += 1;
                }
            }
            let unit = unit.unwrap_or_default();
            let own = |g: Group| form.col(g).and_then(|c| typed_text(sheet, row, c).map(|t| (c, t)));
            let own_polarity = own(Group::Polaritas).and_then(|v| {
                parsed(v, row, indikator::polarity, "Polaritas", "Positif, Negatif, Rentang atau Tetap", f)
            });
            let polarity = own_polarity.or(defaults.polarity).unwrap_or_else(|| {
                defaulted_polarity += 1;
                Polarity::Positif
            });
            let own_aggregation = own(Group::Agregasi)
                .and_then(|v| parsed(v, row, aggregation_word, "Agregasi", "jumlah, terakhir atau rata-rata", f));
            let inferred = stated.and_then(|s| {
                [Aggregation::Jumlah, Aggregation::Terakhir, Aggregation::RataRata]
                    .into_iter()
                    .find(|&a| aggregate(&quarters, n, a).is_some_and(|v| same(v, s, 4)))
            });
            let aggregation = match own_aggregation.or(defaults.aggregation) {
                Some(a) => a,
                None if !has_quarter_columns => Aggregation::Jumlah,
                None => match inferred {
                    Some(a) => {
                        aggregation_counts[a as usize] += 1;
                        a
                    }
                    None => {
                        unit_defaults += 1;
                        if is_level_unit(&unit) {
                            Aggregation::Terakhir
                        } else {
                            Aggregation::Jumlah
                        }
                    }
                },
            };
            let has_quarters = quarters[..n].iter().any(Option::is_some);
            // Without quarter figures, the year's realisation column; a 0 there over blank quarters
            // is the form's formula over nothing reported, not a realisation.
            let from_year_column = stated.filter(|s| !has_quarter_columns || *s != 0.0);
            let realisation = if has_quarters { None } else { from_year_column };
            let ours = if has_quarters { aggregate(&quarters, n, aggregation) } else { from_year_column };
            let cell = |g: Group| form.k(g).map(|c| address(row, c));
            if has_quarters {
                checks::year_column(form, row, code, (stated, ours), aggregation, n, f);
            }
            checks::renstra(
                form,
                &unit,
                across_years(&unit, None, office_renstra).adds,
                polarity,
                (renstra_target, renstra_before, ours),
                (stated_renstra, stated_capaian),
                &code.to_string(),
                &cell,
                f,
            );
            let q_cells = [1u8, 2, 3, 4].map(|q| cell(Group::Quarter(q)).filter(|_| (q as usize) <= n));
            let sasaran_name =
                sasaran.clone().or_else(|| node.place.program.clone()).unwrap_or_else(|| node.name.clone());
            let origin = Origin {
                sheet: sheet.name.clone(),
                row: row + 1,
                target_cell,
                realisation_cell: if has_quarters {
                    q_cells[..n].iter().rev().flatten().next().cloned()
                } else {
                    cell(Group::RealRenja)
                },
                target_quarter_cells: [None, None, None, None],
                real_quarter_cells: q_cells,
                renstra_cell: cell(Group::TargetRenstra),
            };
            out.push(Indicator {
                polarity,
                real_quarters: quarters,
                realisation,
                aggregation,
                note: form.col(Group::Keterangan).and_then(|c| typed_text(sheet, row, c)),
                renstra_target,
                renstra_before,
                place: Some(node.place.clone()),
                aggregation_given: own_aggregation.or(defaults.aggregation).is_some(),
                ..Indicator::planned(code.to_string(), sasaran_name, name, unit, Target::Single(target), origin)
            });
        }
    }
    let header_cell = |g: Group| form.cols(g).map(|c| address(form.header_row, c.first));
    if without_satuan > 0 {
        f.warning(
            header_cell(Group::Indikator),
            format!("Formulir tidak punya kolom satuan; satuan {without_satuan} indikator kosong di dokumen."),
            Some("Tambahkan kolom Satuan di samping kolom indikator bila satuan perlu dicetak.".into()),
        );
    }
    if defaulted_polarity > 0 {
        f.warning(
            header_cell(Group::Indikator),
            format!("Formulir tidak menyebut polaritas; {defaulted_polarity} indikator dianggap positif (makin tinggi makin baik)."),
            Some("Bila ada indikator yang makin rendah makin baik, tambahkan kolom Polaritas di kanan tabel, atau kunci Polaritas di lembar Identitas untuk semua indikator.".into()),
        );
    }
    let inferred_total: usize = aggregation_counts.iter().sum();
    if inferred_total + unit_defaults > 0 {
        let real_label = form.label(Group::RealRenja);
        let mut parts = Vec::new();
        for (i, word) in ["dijumlahkan", "memakai triwulan terakhir", "dirata-ratakan"].iter().enumerate() {
            if aggregation_counts[i] > 0 {
                parts.push(format!("{} indikator {word}", aggregation_counts[i]));
            }
        }
        let mut message = String::from("Formulir tidak menyebut agregasi triwulan.");
        if !parts.is_empty() {
            message += &format!(" Sesuai {real_label} formulir: {}.", parts.join(", "));
        }
        if unit_defaults > 0 {
            message += &format!(" {unit_defaults} indikator tanpa {real_label} yang cocok: jumlah untuk satuan hitungan, triwulan terakhir untuk persen, indeks dan nilai.");
        }
        f.warning(
            header_cell(Group::RealRenja).or(header_cell(Group::Indikator)),
            message,
            Some("Bila perlu lain, tambahkan kolom Agregasi di kanan tabel (jumlah, terakhir, rata-rata), atau kunci Agregasi di lembar Identitas.".into()),
        );
    }
    out
}

/// How a message names an aggregation.
pub fn aggregation_phrase(a: Aggregation) -> &'static str {
    match a {
        Aggregation::Jumlah => "jumlah",
        Aggregation::Terakhir => "yang terakhir dari",
        Aggregation::RataRata => "rata-rata",
    }
}

/// A figure for messages.
pub fn fig(x: f64) -> String {
    figure(x, 4)
}
