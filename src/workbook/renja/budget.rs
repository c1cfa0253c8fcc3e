//! The budget table from the form's Rp columns: a line per program (or per kegiatan on a form
//! without programs), this year's target Rp as its pagu, the quarters' Rp up to the period as its
//! realisation, in rupiah (a form in thousands, `Rp. (000)`, is multiplied out), serving the
//! program's own indicators.

use super::super::grid::{address, Sheet};
use super::super::kinerja::indikator::roman;
use super::checks::budget_nodes;
use super::header::Form;
use super::headings::Group;
use super::hierarchy::Node;
use super::indicators::number;
use crate::findings::Findings;
use crate::format;
use crate::model::{BudgetLine, Indicator, Origin, Period};
use std::collections::HashSet;

pub fn lines(
    sheet: &Sheet,
    form: &Form,
    nodes: &[Node],
    indicators: &[Indicator],
    period: Period,
    f: &mut Findings,
) -> Vec<BudgetLine> {
    let n = period.quarters();
    let mut lines = Vec::new();
    for node in budget_nodes(nodes) {
        // The rupiah the document prints are read as every figure is: a word or a formula error
        // in them is an error at its cell.
        let mut read = |g: Group, what: String| {
            number(sheet, node.row, form.rp(g), &what, f)
                .map(|v| v.map(|x| if form.rp_scale(g) == 1.0 { x } else { format::decimal(x * form.rp_scale(g)) }))
        };
        let Ok(Some(pagu)) = read(Group::TargetRenja, format!("Pagu ({}, Rp)", form.label(Group::TargetRenja))) else {
            continue;
        };
        let mut realisation = 0.0;
        for q in 1..=n as u8 {
            let what = format!("Realisasi anggaran TW {} ({}, Rp)", roman(q), form.label(Group::Quarter(q)));
            if let Ok(Some(x)) = read(Group::Quarter(q), what) {
                realisation += x;
            }
        }
        let rows: HashSet<u32> = node.indicator_rows.iter().map(|r| r + 1).collect();
        let codes = indicators.iter().filter(|i| rows.contains(&i.origin.row)).map(|i| i.code.clone()).collect();
        lines.push(BudgetLine {
            name: node.name.clone(),
            pagu,
            realisation: format::decimal(realisation),
            indicator_codes: codes,
            stated_serapan: None,
            note: None,
            origin: Origin {
                sheet: sheet.name.clone(),
                row: node.row + 1,
                target_cell: form.rp(Group::TargetRenja).map(|c| address(node.row, c)),
                ..Origin::default()
            },
        });
    }
    lines
}
