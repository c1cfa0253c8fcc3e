//! The rows of the form's table: which are data, where it ends, and which rows under the header are
//! not data — the "Perangkat Daerah :" line, the summary rows some offices put under each program
//! ("Rata-rata capaian kinerja (%)", "Predikat kinerja" and the helper figures under them), template
//! rows of formula errors or zeros with no text, and the totals row.
//!
//! The table runs to its totals or its signatures, not to the first blank rows: an office may leave
//! blank rows between its programs.

use super::super::grid::{address, Sheet};
use super::header::{typed_text, Form};
use super::headings::Group;
use super::signature;
use super::titles::unit_line;
use crate::names::normalize;
use calamine::Data;

/// The rows of the table.
#[derive(Debug, Default)]
pub struct Rows {
    /// Data rows, in order.
    pub data: Vec<u32>,
    /// The row after which the signatures may start.
    pub end: u32,
    /// The totals row, when there is one.
    pub totals: Option<u32>,
    /// The unit named on a "Perangkat Daerah :" line, and its cell.
    pub unit: Option<(String, String)>,
    /// Rows of formula errors or zeros without text (a template's unused rows), left aside.
    pub template: Vec<u32>,
    /// Summary rows inside the table ("Rata-rata capaian kinerja", "Predikat"), left aside.
    pub summary: Vec<u32>,
}

/// What a label left of the figures says about its row.
#[derive(PartialEq)]
enum Label {
    Totals,
    Summary,
    /// The notes under the table (faktor pendorong …): the table has ended.
    Notes,
}

fn label_of(text: &str) -> Option<Label> {
    let n = normalize(text);
    if super::super::is_totals_label(&Data::String(text.to_string())) {
        return Some(Label::Totals);
    }
    if ["faktorpendorong", "faktorpenghambat", "tindaklanjut", "faktorpendukung"].iter().any(|w| n.starts_with(w)) {
        return Some(Label::Notes);
    }
    let summary = ["rataratacapaian", "ratarataseluruh", "predikatkinerja", "predikatcapaian", "nilairatarata"];
    if summary.iter().any(|w| n.starts_with(w)) || matches!(n.as_str(), "predikat" | "rerata") {
        return Some(Label::Summary);
    }
    None
}

impl Rows {
    pub fn read(sheet: &Sheet, form: &Form) -> Rows {
        let mut rows = Rows { end: form.data_start, ..Rows::default() };
        let Some((r0, r1)) = sheet.rows() else { return rows };
        let (c0, c1) = sheet.cols().unwrap_or((0, 0));
        // The "Perangkat Daerah :" line may stand over the header too.
        for row in r0..=r1.min(form.data_start + 5) {
            for col in c0..=form.last_col {
                if let Some(unit) = sheet.text(row, col).and_then(|t| unit_line(&t)) {
                    rows.unit.get_or_insert((unit, address(row, col)));
                }
            }
        }
        let text_cols: Vec<u32> =
            [Group::Sasaran, Group::Program, Group::Indikator].iter().filter_map(|g| form.col(*g)).collect();
        let figure_cols: Vec<u32> =
            form.groups.iter().filter(|(g, _)| g.is_figure()).flat_map(|(_, c)| [c.k, c.rp]).flatten().collect();
        let nip_row = (form.data_start..=r1)
            .find(|&row| (c0..=form.last_col.max(c1)).any(|c| sheet.text(row, c).is_some_and(|t| is_nip_line(&t))));
        let last = nip_row.map_or(r1, |r| r.saturating_sub(1));
        // "Jumlah" / "Total" / "Rata-rata …" in the columns left of the figures (not an Agregasi "jumlah").
        let label_end = form.col(Group::Satuan).or(form.col(Group::Indikator)).unwrap_or(form.last_col);
        let label_end = label_end.max(form.col(Group::Indikator).unwrap_or(0));
        let mut candidates = Vec::new();
        let mut after_summary = false;
        for row in form.data_start..=last {
            if sheet.row_is_blank(row) {
                continue;
            }
            let texts: Vec<String> = (c0..=form.last_col).filter_map(|c| typed_text(sheet, row, c)).collect();
            if texts.iter().any(|t| unit_line(t).is_some()) {
                continue;
            }
            // Not the indicator's own name ("Rata-rata lama sekolah" is an indicator).
            let label = (c0..=label_end)
                .filter(|c| form.col(Group::Indikator) != Some(*c))
                .filter_map(|c| typed_text(sheet, row, c))
                .find_map(|t| label_of(&t));
            let has_text = text_cols.iter().any(|&c| typed_text(sheet, row, c).is_some());
            let figures: Vec<f64> = figure_cols
                .iter()
                .filter_map(|&c| match sheet.get(row, c) {
                    Data::Float(x) => Some(*x),
                    Data::Int(i) => Some(*i as f64),
                    _ => None,
                })
                .collect();
            // A signature's lines (place and date, a role, a position) carry no figures.
            let signature_like = figures.is_empty() && texts.iter().any(|t| signature::is_signature_line(t));
            if (signature_like || label == Some(Label::Notes)) && !rows.data.is_empty() {
                break;
            }
            match label {
                Some(Label::Summary) => {
                    rows.summary.push(row);
                    after_summary = true;
                }
                Some(Label::Totals) => candidates.push(row),
                _ if has_text => {
                    rows.data.push(row);
                    after_summary = false;
                }
                _ if after_summary => rows.summary.push(row),
                _ if figures.iter().any(|x| *x != 0.0) => candidates.push(row),
                _ => rows.template.push(row),
            }
        }
        let last_data = rows.data.last().copied();
        rows.totals = candidates.into_iter().rfind(|&r| last_data.is_some_and(|d| r > d));
        rows.end = rows.totals.or(last_data).unwrap_or(form.data_start);
        rows
    }
}

/// True for a signature block's NIP line: "NIP. 19660506 199203 1 004".
pub fn is_nip_line(text: &str) -> bool {
    normalize(text).strip_prefix("nip").is_some_and(|d| super::super::values::parse_nip(d).is_some())
}
