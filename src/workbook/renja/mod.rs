//! The Renja evaluation form of Permendagri 86/2017 (the "E.81" table, docs/renja-form.md), read as
//! offices fill it for the Bappeda: its header found by names or by the regulation's column numbers
//! ([`header`]), its hierarchy of urusan › program › kegiatan › sub-kegiatan rows with their
//! indicators, the budget from its Rp columns, the identity from its title rows and signature blocks
//! ([`signature`]) or from an `Identitas` sheet beside it, and the form's own computed columns
//! (13, 14, 15 and the totals) checked against ours. It produces the same [`Workbook`] as the
//! kinerja workbook; nothing after the reader knows which form a document came from.

pub mod header;
pub mod signature;

use super::grid::{address, Sheet};
use super::kinerja::identitas;
use super::kinerja::indikator::{self, roman};
use crate::findings::{Findings, Reported};
use crate::format::{self, figure, same};
use crate::measure::{across_years, aggregate, is_level_unit};
use crate::model::{
    Aggregation, BudgetLine, Identity, Indicator, Origin, Overall, Period, Place, Polarity, Target, Workbook,
};
use crate::names::normalize;
use header::{Form, Group};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// True when a sheet is laid out as the form.
pub fn matches(sheets: &[Sheet]) -> bool {
    sheets.iter().any(|s| header::find(s).is_some())
}

/// True for a form with no indicator in it (as `kinerja init --form e81` writes it).
pub fn is_unfilled(sheets: &[Sheet]) -> bool {
    let forms: Vec<(&Sheet, Form)> = sheets.iter().filter_map(|s| header::find(s).map(|f| (s, f))).collect();
    !forms.is_empty()
        && forms.iter().all(|(s, form)| {
            let (Some((_, last)), Some(col)) = (s.rows(), form.col(Group::Indikator)) else { return true };
            (form.data_start..=last).all(|r| s.text(r, col).is_none())
        })
}

/// Every sheet may hold part of the identity (the form's title and signatures, an `Identitas`).
pub fn identity_sheet(_: &str) -> bool {
    true
}

/// The identity alone.
pub fn read_identity(sheets: &[Sheet], path: &Path, f: &mut Findings) -> Option<Identity> {
    let (sheet, form) = pick_sheet(sheets, path, f)?;
    let given = identitas::read_given(sheets, path, f, false);
    let table_end = Rows::read(sheet, &form).end;
    identity(sheet, &form, table_end, given.as_ref().map(|(g, _)| g), f)
}

/// Reads the form, and the `Identitas`, `Evaluasi` and `Rencana Aksi` sheets an office may add beside it.
pub fn read(sheets: &[Sheet], path: &Path, f: &mut Findings) -> Option<Workbook> {
    let (sheet, form) = pick_sheet(sheets, path, f)?;
    super::kinerja::check_text_lengths(sheets, |name| name == sheet.name || super::kinerja::is_read(name), f);
    let given = identitas::read_given(sheets, path, f, false);
    let defaults = Defaults::read(sheets, f);
    f.set_sheet(Some(&sheet.name));
    check_quarters(&form, f);
    if let Some(other) = super::kinerja::indikator::TABLE.sheet_in(sheets) {
        f.warning(
            None,
            format!(
                "Buku kerja ini dibaca sebagai formulir evaluasi Renja (lembar \"{}\"); lembar \"{}\" tidak dibaca.",
                sheet.name, other.name
            ),
            Some("Simpan buku kerja kinerja dan formulir evaluasi Renja sebagai dua berkas.".into()),
        );
    }
    let rows = Rows::read(sheet, &form);
    let identity = identity(sheet, &form, rows.end, given.as_ref().map(|(g, _)| g), f);
    let mut settings = given.as_ref().map(|(_, s)| s.clone()).unwrap_or_default();
    if !defaults.overall_given {
        // The form's own summary is the mean of every indicator's capaian.
        settings.overall = Overall::Indicators;
    }
    f.set_sheet(Some(&sheet.name));
    let period = identity.as_ref().map_or(Period::Tw4, |i| i.period);
    let nodes = nodes(sheet, &form, &rows, f);
    let indicators = indicators(sheet, &form, &nodes, period, &defaults, settings.renstra_cumulative, f);
    let budget = budget(sheet, &form, &nodes, &indicators, period, f);
    check_totals(sheet, &form, &rows, &nodes, period, f);
    check_unlabelled(sheet, &form, &rows, f);
    let (evaluations, action_plans) = super::kinerja::notes_and_plans(sheets, &indicators, f);
    let pk_actions = super::kinerja::pk_actions(sheets, &indicators, f);
    if indicators.is_empty() {
        f.set_sheet(Some(&sheet.name));
        f.error(
            form.col(Group::Indikator).map(|c| address(form.data_start, c)),
            "Formulir tidak memuat indikator dengan target Renja tahun ini; tidak ada yang dapat diukur.",
            Some("Isi kolom 4 (indikator) dan kolom 8 (target Renja, K) untuk setiap program dan kegiatan.".into()),
        );
        f.set_sheet(None);
        return None;
    }
    Some(Workbook {
        identity: identity?,
        settings,
        indicators,
        budget,
        evaluations,
        action_plans,
        pk_actions,
        cascade: vec![],
    })
}

/// The sheet of the form to read: the one of the period the `Identitas` sheet names, else the latest
/// quarter's (a workbook often keeps one sheet per quarter); the others are named in a warning.
fn pick_sheet<'a>(sheets: &'a [Sheet], path: &Path, f: &mut Findings) -> Option<(&'a Sheet, Form)> {
    let forms: Vec<(&Sheet, Form)> = sheets.iter().filter_map(|s| header::find(s).map(|form| (s, form))).collect();
    if forms.len() <= 1 {
        return forms.into_iter().next();
    }
    let mut quiet = Findings::new(String::new());
    let wanted = identitas::read_given(sheets, path, &mut quiet, false).and_then(|(g, _)| g.period);
    let period_of = |s: &Sheet| signature::period_in(&s.name);
    let chosen = match wanted {
        Some(p) => forms.iter().position(|(s, _)| period_of(s) == Some(p)),
        None => None,
    }
    .or_else(|| (0..forms.len()).max_by_key(|&i| (period_of(forms[i].0), i)))?;
    let others: Vec<String> =
        forms.iter().enumerate().filter(|(i, _)| *i != chosen).map(|(_, (s, _))| format!("\"{}\"", s.name)).collect();
    f.set_sheet(None);
    f.warning(
        None,
        format!(
            "Buku kerja memuat {} lembar formulir; yang dibaca lembar \"{}\", lembar {} tidak dibaca.",
            forms.len(),
            forms[chosen].0.name,
            others.join(", ")
        ),
        Some("Untuk periode lain, tulis Periode di lembar Identitas (misalnya Triwulan II), atau simpan tiap triwulan sebagai berkas sendiri.".into()),
    );
    forms.into_iter().nth(chosen)
}

/// Every quarter's columns must be found: a quarters' group without its I–IV labels is an error at
/// its heading, a quarter missing from the header a warning.
fn check_quarters(form: &Form, f: &mut Findings) {
    if let Some(col) = form.unsplit_quarters {
        f.error(
            Some(address(form.header_row, col)),
            "Kolom realisasi per triwulan tidak dapat dibagi: di bawah judulnya tidak ada label I, II, III, IV (atau TW I …).",
            Some("Tulis I, II, III dan IV di atas kolom tiap triwulan, pada baris di bawah judul kelompok.".into()),
        );
        return;
    }
    let missing: Vec<&str> = (1..=4u8).filter(|&q| form.cols(Group::Quarter(q)).is_none()).map(roman).collect();
    if !missing.is_empty() {
        f.warning(
            form.col(Group::Indikator).map(|c| address(form.header_row, c)),
            format!(
                "Kolom realisasi triwulan {} tidak ditemukan di kepala tabel; realisasinya dianggap belum dilaporkan.",
                missing.join(", ")
            ),
            Some("Periksa judul kolom realisasi per triwulan (kolom 9–12).".into()),
        );
    }
}

/// Polarity and aggregation for every indicator, from the `Identitas` sheet beside the form (keys
/// `Polaritas` and `Agregasi`); and whether it names how the overall capaian is taken.
#[derive(Default)]
struct Defaults {
    polarity: Option<Polarity>,
    aggregation: Option<Aggregation>,
    overall_given: bool,
}

impl Defaults {
    fn read(sheets: &[Sheet], f: &mut Findings) -> Defaults {
        let mut d = Defaults::default();
        let Some(sheet) = sheets.iter().find(|s| identitas::is_sheet(&s.name)) else { return d };
        let (Some((r0, r1)), Some((c0, c1))) = (sheet.rows(), sheet.cols()) else { return d };
        f.set_sheet(Some(&sheet.name));
        for row in r0..=r1 {
            let Some((kc, key)) = (c0..=c1).find_map(|c| sheet.text(row, c).map(|t| (c, normalize(&t)))) else {
                continue;
            };
            let value = (kc + 1..=c1).find_map(|c| sheet.text(row, c).filter(|t| t.trim() != ":").map(|t| (c, t)));
            match key.as_str() {
                "polaritas" | "polaritasindikator" => {
                    d.polarity = value
                        .and_then(|v| {
                            parsed(v, row, indikator::polarity, "Polaritas", "Positif, Negatif, Rentang atau Tetap", f)
                        })
                        .or(d.polarity)
                }
                "agregasi" | "agregasitriwulan" => {
                    d.aggregation = value
                        .and_then(|v| {
                            parsed(v, row, indikator::aggregation, "Agregasi", "jumlah, terakhir atau rata-rata", f)
                        })
                        .or(d.aggregation)
                }
                _ if identitas::Key::from_text(&key) == Some(identitas::Key::CapaianKeseluruhan) => {
                    d.overall_given = value.is_some()
                }
                _ => {}
            }
        }
        d
    }
}

/// A key's value read with `parse`; an unknown value is an error at its cell.
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
            format!("{what} \"{}\" tidak dikenal; diharapkan {expected}.", super::grid::shorten(&text)),
            None,
        );
    }
    value
}

/// The rows of the table: where its data ends (before the totals row or the signatures), the
/// totals row, and the "Perangkat Daerah :" line.
struct Rows {
    /// Data rows, in order.
    data: Vec<u32>,
    /// The row after which the signatures may start.
    end: u32,
    /// The totals row, when there is one.
    totals: Option<u32>,
    /// The unit named on a "Perangkat Daerah :" line, and its cell.
    unit: Option<(String, String)>,
}

impl Rows {
    fn read(sheet: &Sheet, form: &Form) -> Rows {
        let mut rows = Rows { data: vec![], end: form.data_start, totals: None, unit: None };
        let Some((r0, r1)) = sheet.rows() else { return rows };
        let (c0, _) = sheet.cols().unwrap_or((0, 0));
        // The "Perangkat Daerah :" line may stand over the header too.
        for row in r0..=r1.min(form.data_start + 5) {
            for col in c0..=form.last_col {
                if let Some(unit) = sheet.text(row, col).and_then(|t| signature::unit_line(&t)) {
                    rows.unit.get_or_insert((unit, address(row, col)));
                }
            }
        }
        // The table runs to its last row of text in columns 2–4 before the signatures (the first
        // NIP line), a sasaran heading or a subtotal row in between included; the totals row is
        // the last row of figures (or the row labelled Jumlah / Total) after it.
        let text_cols: Vec<u32> =
            [Group::Sasaran, Group::Program, Group::Indikator].iter().filter_map(|g| form.col(*g)).collect();
        let figure_cols: Vec<u32> = form.groups.values().flat_map(|c| [c.k, c.rp]).flatten().collect();
        let nip_row = (form.data_start..=r1).find(|&row| {
            (c0..=form.last_col.max(sheet.cols().map_or(0, |c| c.1)))
                .any(|c| sheet.text(row, c).is_some_and(|t| is_nip_line(&t)))
        });
        let last = nip_row.map_or(r1, |r| r.saturating_sub(1));
        let has_figures = |row: u32| {
            figure_cols.iter().any(|&c| matches!(sheet.get(row, c), calamine::Data::Float(_) | calamine::Data::Int(_)))
        };
        let mut candidates = Vec::new();
        let mut blanks = 0;
        for row in form.data_start..=last {
            if sheet.row_is_blank(row) {
                blanks += 1;
                // Two empty rows after the data: the signatures follow.
                if blanks >= 2 && !rows.data.is_empty() {
                    break;
                }
                continue;
            }
            blanks = 0;
            let texts: Vec<String> = (c0..=form.last_col).filter_map(|c| sheet.text(row, c)).collect();
            if texts.iter().any(|t| signature::unit_line(t).is_some()) {
                continue;
            }
            // "Jumlah" / "Total" in the columns left of the figures (not an Agregasi "jumlah").
            let label_end = form.col(Group::Satuan).or(form.col(Group::Indikator)).unwrap_or(form.last_col);
            let labelled_total = (c0..=label_end)
                .filter_map(|c| sheet.text(row, c))
                .any(|t| super::is_totals_label(&calamine::Data::String(t)));
            let has_text = text_cols.iter().any(|&c| sheet.text(row, c).is_some());
            let figures = has_figures(row);
            // A signature's lines (place and date, a role, a position) carry no figures.
            let signature_like = !figures && texts.iter().any(|t| signature::is_signature_line(t));
            if signature_like && !rows.data.is_empty() {
                break;
            }
            if has_text && !labelled_total {
                rows.data.push(row);
            } else if figures || labelled_total {
                candidates.push(row);
            }
        }
        let last_data = rows.data.last().copied();
        rows.totals = candidates.into_iter().rfind(|&r| last_data.is_some_and(|d| r > d));
        rows.end = rows.totals.or(last_data).unwrap_or(form.data_start);
        rows
    }
}

/// True for a signature block's NIP line: "NIP. 19660506 199203 1 004".
fn is_nip_line(text: &str) -> bool {
    normalize(text).strip_prefix("nip").is_some_and(|d| super::values::parse_nip(d).is_some())
}

/// A row of column 3: an urusan (or bidang), a program, a kegiatan or a sub-kegiatan.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Level {
    Urusan,
    Program,
    Kegiatan,
    SubKegiatan,
    /// A kegiatan or a sub-kegiatan: told apart by their budgets once every row is read.
    Activity,
}

/// One row of column 3 with the rows of its indicators (the row itself and its continuation rows).
#[derive(Debug)]
struct Node {
    row: u32,
    level: Level,
    name: String,
    indicator_rows: Vec<u32>,
    place: Place,
}

/// The level a code in front of column 3's text says (Permendagri 90/2019: urusan `1`, bidang
/// `1.01`, program `1.01.01`, kegiatan `1.01.01.1.01`, sub-kegiatan `1.01.01.1.01.0001`), or its
/// first word.
fn level_of(text: &str, has_indicator: bool) -> Level {
    let mut words = text.split_whitespace().peekable();
    // A list marker ("1.", "A.", "a)", "IV.") is not a code.
    if words.peek().is_some_and(|w| {
        let core = w.trim_end_matches(['.', ')']);
        w.len() > core.len() && !core.contains('.') && core.len() <= 4
    }) {
        words.next();
    }
    let first = words.peek().copied().unwrap_or("");
    let parts: Vec<&str> = first.trim_end_matches('.').split('.').collect();
    let code_like =
        parts.len() >= 2 && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit() || c == 'X'));
    if code_like {
        return match parts.len() {
            2 => Level::Urusan,
            3 => Level::Program,
            4 | 5 => Level::Kegiatan,
            _ => Level::SubKegiatan,
        };
    }
    let n = normalize(&words.collect::<Vec<_>>().join(" "));
    if n.starts_with("program") {
        Level::Program
    } else if n.starts_with("subkegiatan") {
        Level::SubKegiatan
    } else if n.starts_with("kegiatan") {
        Level::Kegiatan
    } else if n.starts_with("urusan") || n.starts_with("bidangurusan") || !has_indicator {
        Level::Urusan
    } else {
        Level::Activity
    }
}

/// The rows of column 3 in order, each with its indicators and its place in the hierarchy.
fn nodes(sheet: &Sheet, form: &Form, rows: &Rows, f: &mut Findings) -> Vec<Node> {
    let (Some(pc), Some(ic)) = (form.col(Group::Program), form.col(Group::Indikator)) else { return vec![] };
    let mut nodes: Vec<Node> = Vec::new();
    for &row in &rows.data {
        let indicator = sheet.text(row, ic);
        // An office's own code column goes in front of the name, as the form prints it together.
        let code = form.col(Group::Kode).and_then(|c| sheet.text(row, c));
        let text = sheet.text(row, pc).map(|t| match &code {
            Some(code) if !t.starts_with(code.as_str()) => format!("{code} {t}"),
            _ => t,
        });
        if text.is_none() && indicator.is_none() {
            continue; // a sasaran heading: read with the indicators under it
        }
        match text {
            Some(text) => nodes.push(Node {
                row,
                level: level_of(&text, indicator.is_some()),
                name: text.split_whitespace().collect::<Vec<_>>().join(" "),
                indicator_rows: indicator.iter().map(|_| row).collect(),
                place: Place::default(),
            }),
            None => match nodes.last_mut() {
                // A continuation row: another indicator of the row above.
                Some(node) => node.indicator_rows.push(row),
                None => f.warning(
                    Some(address(row, ic)),
                    "Indikator ini tidak berada di bawah program atau kegiatan mana pun (kolom 3 di atasnya kosong); tidak dibaca.".to_string(),
                    Some("Tulis nama program atau kegiatannya di kolom 3 pada baris yang sama.".into()),
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
/// the pagu of the sub-kegiatan under it (the form's own SUM), to the rupiah.
fn resolve_activities(sheet: &Sheet, form: &Form, nodes: &mut [Node]) {
    let pagu = |row: u32| -> f64 {
        form.rp(Group::TargetRenja).map_or(0.0, |c| match sheet.get(row, c) {
            calamine::Data::Float(x) => *x,
            calamine::Data::Int(i) => *i as f64,
            _ => 0.0,
        })
    };
    let mut i = 0;
    while i < nodes.len() {
        if nodes[i].level != Level::Activity {
            i += 1;
            continue;
        }
        let own = pagu(nodes[i].row);
        let mut sum = 0.0;
        let mut j = i + 1;
        while own > 0.0 && j < nodes.len() && nodes[j].level == Level::Activity && sum < own - 0.5 {
            sum += pagu(nodes[j].row);
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

/// A number at a group's K or Rp column; blank is None, unreadable an error at the cell.
fn number(sheet: &Sheet, row: u32, col: Option<u32>, what: &str, f: &mut Findings) -> Result<Option<f64>, Reported> {
    match col {
        Some(c) => sheet.number(row, c, what, f),
        None => Ok(None),
    }
}

/// The indicators of every row, in the form's order.
fn indicators(
    sheet: &Sheet,
    form: &Form,
    nodes: &[Node],
    period: Period,
    defaults: &Defaults,
    office_renstra: Option<bool>,
    f: &mut Findings,
) -> Vec<Indicator> {
    let n = period.quarters();
    let max_no = nodes
        .iter()
        .flat_map(|node| node.indicator_rows.iter())
        .filter_map(|&r| form.col(Group::No).and_then(|c| sheet.text(r, c)).and_then(|t| t.parse::<u32>().ok()))
        .max()
        .unwrap_or(0);
    let mut next_free = max_no + 1;
    let mut used = HashSet::new();
    let mut out = Vec::new();
    // Each row's sasaran: the last one written at or above it (a sasaran heading row included).
    let last_row = nodes.iter().flat_map(|n| n.indicator_rows.iter()).max().copied();
    let sasaran_rows: BTreeMap<u32, String> = match (form.col(Group::Sasaran), last_row) {
        (Some(c), Some(last)) => (form.data_start..=last).filter_map(|r| sheet.text(r, c).map(|t| (r, t))).collect(),
        _ => BTreeMap::new(),
    };
    let mut defaulted_polarity = 0;
    let mut aggregation_counts = [0usize; 3]; // inferred: jumlah, terakhir, rata-rata
    let mut unit_defaults = 0;
    for node in nodes {
        for &row in &node.indicator_rows {
            let sasaran = sasaran_rows.range(..=row).next_back().map(|(_, s)| s.clone());
            let Some(name) = form.col(Group::Indikator).and_then(|c| sheet.text(row, c)) else { continue };
            let name_cell = form.col(Group::Indikator).map(|c| address(row, c));
            let no = form
                .col(Group::No)
                .and_then(|c| sheet.text(row, c))
                .and_then(|t| t.parse::<u32>().ok())
                .filter(|n| *n > 0);
            let code = match no.filter(|n| !used.contains(n)) {
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
            let target = num(tr.k, "Target Renja (kolom 8, K)", f);
            let pagu = num(tr.rp, "Target Renja (kolom 8, Rp)", f);
            let quarters: [Option<f64>; 4] = [1u8, 2, 3, 4]
                .map(|q| num(form.k(Group::Quarter(q)), &format!("Realisasi TW {} (kolom {}, K)", roman(q), 8 + q), f));
            let renstra_target = num(form.k(Group::TargetRenstra), "Target Renstra (kolom 6, K)", f);
            let renstra_before = num(form.k(Group::RenstraBefore), "Realisasi Renstra s.d. tahun lalu (kolom 7, K)", f);
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
                            super::grid::shorten(&name),
                            if target.is_some() { "target dan pagu 0" } else { "kolom 8 kosong" }
                        ),
                        Some("Bila indikator ini memang direncanakan tahun ini, isi target kinerja dan pagunya di kolom 8.".into()),
                    );
                    continue;
                }
                _ => {
                    f.error(
                        target_cell.clone(),
                        format!(
                            "Target Renja (kolom 8, K) indikator {code} kosong, padahal pagu atau realisasinya terisi."
                        ),
                        Some("Isi target kinerja tahun ini di kolom 8 (K).".into()),
                    );
                    continue;
                }
            };
            check_several(&name, name_cell.clone(), f);
            let unit = form.col(Group::Satuan).and_then(|c| sheet.text(row, c));
            if unit.is_none() {
                f.warning(
                    form.col(Group::Satuan).map(|c| address(row, c)),
                    format!("Satuan indikator {code} kosong."),
                    Some("Isi satuannya di kolom 5 (%, Dokumen, Orang …).".into()),
                );
            }
            let unit = unit.unwrap_or_default();
            let own = |g: Group| form.col(g).and_then(|c| sheet.text(row, c).map(|t| (c, t)));
            let own_polarity = own(Group::Polaritas).and_then(|v| {
                parsed(v, row, indikator::polarity, "Polaritas", "Positif, Negatif, Rentang atau Tetap", f)
            });
            let polarity = own_polarity.or(defaults.polarity).unwrap_or_else(|| {
                defaulted_polarity += 1;
                Polarity::Positif
            });
            let own_aggregation = own(Group::Agregasi)
                .and_then(|v| parsed(v, row, indikator::aggregation, "Agregasi", "jumlah, terakhir atau rata-rata", f));
            let inferred = stated.and_then(|s| {
                [Aggregation::Jumlah, Aggregation::Terakhir, Aggregation::RataRata]
                    .into_iter()
                    .find(|&a| aggregate(&quarters, n, a).is_some_and(|v| same(v, s, 4)))
            });
            let aggregation = match own_aggregation.or(defaults.aggregation) {
                Some(a) => a,
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
            let realisation = if has_quarters { None } else { stated };
            let ours = if has_quarters { aggregate(&quarters, n, aggregation) } else { stated };
            let cell = |g: Group| form.k(g).map(|c| address(row, c));
            // Column 13 = 9 + 10 + 11 + 12: the form's own realisation against ours.
            if let (Some(s), Some(o), true) = (stated, ours, has_quarters) {
                if !same(s, o, 4) {
                    f.warning(
                        cell(Group::RealRenja),
                        format!(
                            "Realisasi Renja indikator {code} di kolom 13 formulir {}, sedangkan {} realisasi TW I–{} (kolom 9–{}) = {}; yang dipakai {}.",
                            figure(s, 4),
                            aggregation_word(aggregation),
                            roman(n as u8),
                            8 + n,
                            figure(o, 4),
                            figure(o, 4)
                        ),
                        Some("Periksa rumus kolom 13 (mungkin tertimpa angka) atau realisasi triwulannya.".into()),
                    );
                }
            }
            check_renstra(
                &unit,
                across_years(&unit, None, office_renstra).adds,
                polarity,
                (renstra_target, renstra_before, ours),
                (stated_renstra, stated_capaian),
                &code.to_string(),
                &cell,
                f,
            );
            let q_cells = [1u8, 2, 3, 4].map(|q| form.k(Group::Quarter(q)).map(|c| address(row, c)));
            let sasaran_name =
                sasaran.clone().or_else(|| node.place.program.clone()).unwrap_or_else(|| node.name.clone());
            out.push(Indicator {
                code: code.to_string(),
                sasaran: sasaran_name,
                name,
                unit,
                polarity,
                target: Target::Single(target),
                target_quarters: [None; 4],
                real_quarters: quarters,
                realisation,
                aggregation,
                note: form.col(Group::Keterangan).and_then(|c| sheet.text(row, c)),
                data_source: None,
                kind: None,
                drivers: None,
                obstacles: None,
                follow_up: None,
                last_year_realisation: None,
                last_year_capaian: None,
                renstra_target,
                renstra_before,
                renstra_cumulative: None,
                place: Some(node.place.clone()),
                aggregation_given: own_aggregation.or(defaults.aggregation).is_some(),
                origin: Origin {
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
                },
            });
        }
    }
    let header_cell = |g: Group| form.cols(g).map(|c| address(form.header_row, c.first));
    if defaulted_polarity > 0 {
        f.warning(
            header_cell(Group::Indikator),
            format!("Formulir tidak menyebut polaritas; {defaulted_polarity} indikator dianggap positif (makin tinggi makin baik)."),
            Some("Bila ada indikator yang makin rendah makin baik, tambahkan kolom Polaritas di kanan tabel, atau kunci Polaritas di lembar Identitas untuk semua indikator.".into()),
        );
    }
    let inferred_total: usize = aggregation_counts.iter().sum();
    if inferred_total + unit_defaults > 0 {
        let mut parts = Vec::new();
        for (i, word) in ["dijumlahkan", "memakai triwulan terakhir", "dirata-ratakan"].iter().enumerate() {
            if aggregation_counts[i] > 0 {
                parts.push(format!("{} indikator {word}", aggregation_counts[i]));
            }
        }
        let mut message = String::from("Formulir tidak menyebut agregasi triwulan.");
        if !parts.is_empty() {
            message += &format!(" Sesuai kolom 13 formulir: {}.", parts.join(", "));
        }
        if unit_defaults > 0 {
            message += &format!(" {unit_defaults} indikator tanpa kolom 13 yang cocok: jumlah untuk satuan hitungan, triwulan terakhir untuk persen, indeks dan nilai.");
        }
        f.warning(
            header_cell(Group::RealRenja).or(header_cell(Group::Indikator)),
            message,
            Some("Bila perlu lain, tambahkan kolom Agregasi di kanan tabel (jumlah, terakhir, rata-rata), atau kunci Agregasi di lembar Identitas.".into()),
        );
    }
    out
}

fn aggregation_word(a: Aggregation) -> &'static str {
    match a {
        Aggregation::Jumlah => "jumlah",
        Aggregation::Terakhir => "yang terakhir dari",
        Aggregation::RataRata => "rata-rata",
    }
}

/// One cell holding several indicators ("1. Nilai LHE AKIP … 2. Indeks Kepuasan …") with one set of
/// figures: measured as one, and said.
fn check_several(name: &str, cell: Option<String>, f: &mut Findings) {
    let numbered = |k: u32| {
        let mark = format!("{k}.");
        name.starts_with(&mark) || name.contains(&format!(" {mark}")) || name.contains(&format!("\n{mark}"))
    };
    if numbered(1) && numbered(2) {
        f.warning(
            cell,
            format!("Sel ini memuat beberapa indikator bernomor dengan satu target dan satu realisasi: \"{}\"; diukur sebagai satu indikator.", super::grid::shorten(name)),
            Some("Tulis setiap indikator pada barisnya sendiri (kolom 3 kosong pada baris lanjutan) dengan target dan realisasinya masing-masing.".into()),
        );
    }
}

/// Columns 14 (= 7 + 13) and 15 (= 14 / 6 × 100) of an indicator against ours: the Renstra realisation
/// up to this year (a count adds this year to the years before, a level is where it stands now), and
/// the capaian against the Renstra's end target.
#[allow(clippy::too_many_arguments)]
fn check_renstra(
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
    let now = if counts { format::decimal(before.unwrap_or(0.0) + r) } else { r };
    if let Some(s) = stated_now {
        if !same(s, now, 4) {
            let why = if counts {
                format!("realisasi s.d. tahun lalu {} + tahun ini {}", figure(before.unwrap_or(0.0), 4), figure(r, 4))
            } else {
                format!(
                    "satuan {unit} adalah posisi, tidak dijumlahkan antartahun: realisasi tahun ini {}",
                    figure(r, 4)
                )
            };
            f.warning(
                cell(Group::RenstraNow),
                format!("Realisasi Renstra s.d. tahun ini indikator {code} di kolom 14 formulir {}, menurut kinerja {} ({why}).", figure(s, 4), figure(now, 4)),
                Some("Periksa rumus kolom 14 dan apakah indikatornya kumulatif.".into()),
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
        f.warning(
            cell(Group::Capaian),
            format!("Tingkat capaian Renstra indikator {code} di kolom 15 formulir {} %, menurut kinerja {} ({} / {} × 100).", figure(s, 2), figure(capaian, 2), figure(now, 4), figure(end, 4)),
            Some("Periksa rumus kolom 15 (= kolom 14 / kolom 6 × 100).".into()),
        );
    }
}

/// The rupiah figure of a row at a group's Rp column (blank is 0).
fn rp(sheet: &Sheet, row: u32, col: Option<u32>) -> Option<f64> {
    match sheet.get(row, col?) {
        calamine::Data::Float(x) => Some(*x),
        calamine::Data::Int(i) => Some(*i as f64),
        calamine::Data::String(s) => super::values::parse_number(s).map(|n| n.value),
        _ => None,
    }
}

/// The rows whose budgets make the budget table: the programs (or, in a form without programs,
/// the kegiatan).
fn budget_nodes(nodes: &[Node]) -> Vec<&Node> {
    let programs: Vec<&Node> = nodes.iter().filter(|n| n.level == Level::Program).collect();
    if programs.is_empty() {
        nodes.iter().filter(|n| n.level == Level::Kegiatan).collect()
    } else {
        programs
    }
}

/// The budget table from the Rp columns: a line per program, target Renja Rp as its pagu, the
/// quarters' Rp up to the period as its realisation, serving the program's own indicators.
fn budget(
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
        let mut read = |g: Group, what: String| number(sheet, node.row, form.rp(g), &what, f);
        let Ok(Some(pagu)) = read(Group::TargetRenja, "Pagu (kolom 8, Rp)".into()) else { continue };
        let mut realisation = 0.0;
        for q in 1..=n as u8 {
            if let Ok(Some(x)) =
                read(Group::Quarter(q), format!("Realisasi anggaran TW {} (kolom {}, Rp)", roman(q), 8 + q))
            {
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

/// The form's rupiah arithmetic on every row (13 = 9 + 10 + 11 + 12, 14 = 7 + 13, 15 = 14 / 6 × 100),
/// and its totals row against the sum of the programs.
fn check_totals(sheet: &Sheet, form: &Form, rows: &Rows, nodes: &[Node], period: Period, f: &mut Findings) {
    let n = period.quarters();
    let col = |g: Group| form.rp(g);
    let rp_at = |row: u32, g: Group| rp(sheet, row, col(g));
    let all_rows: Vec<u32> = nodes.iter().map(|n| n.row).chain(rows.totals).collect();
    for &row in &all_rows {
        let quarters: Vec<f64> = (1..=n as u8).filter_map(|q| rp_at(row, Group::Quarter(q))).collect();
        let sum = format::decimal(quarters.iter().sum());
        if let (Some(stated), false) = (rp_at(row, Group::RealRenja), quarters.is_empty()) {
            if !same(stated, sum, 2) {
                f.warning(
                    col(Group::RealRenja).map(|c| address(row, c)),
                    format!(
                        "Realisasi anggaran Renja di kolom 13 formulir Rp {}, sedangkan jumlah realisasi TW I–{} (kolom 9–{}, Rp) Rp {}.",
                        format::rupiah_plain(stated),
                        roman(n as u8),
                        8 + n,
                        format::rupiah_plain(sum)
                    ),
                    Some("Periksa rumus kolom 13 (Rp) dan realisasi triwulannya; anggaran dokumen memakai jumlah triwulan.".into()),
                );
            }
        }
        if let (Some(now), Some(before), Some(this)) =
            (rp_at(row, Group::RenstraNow), rp_at(row, Group::RenstraBefore), rp_at(row, Group::RealRenja))
        {
            let expected = format::decimal(before + this);
            if !same(now, expected, 2) {
                f.warning(
                    col(Group::RenstraNow).map(|c| address(row, c)),
                    format!(
                        "Realisasi anggaran Renstra s.d. tahun ini di kolom 14 formulir Rp {}, sedangkan kolom 7 + kolom 13 = Rp {} + Rp {} = Rp {}.",
                        format::rupiah_plain(now),
                        format::rupiah_plain(before),
                        format::rupiah_plain(this),
                        format::rupiah_plain(expected)
                    ),
                    Some("Periksa rumus kolom 14 (Rp): mungkin merujuk kolom yang salah.".into()),
                );
                continue; // column 15 follows from 14
            }
        }
        // Column 15 (Rp) = 14 / 6 × 100.
        if let (Some(now), Some(end), Some(stated)) =
            (rp_at(row, Group::RenstraNow), rp_at(row, Group::TargetRenstra), rp_at(row, Group::Capaian))
        {
            let expected = format::decimal(now / end * 100.0);
            if end != 0.0 && !same(stated, expected, 2) {
                f.warning(
                    col(Group::Capaian).map(|c| address(row, c)),
                    format!(
                        "Tingkat realisasi anggaran Renstra di kolom 15 formulir {} %, sedangkan kolom 14 / kolom 6 × 100 = Rp {} / Rp {} × 100 = {} %.",
                        figure(stated, 2),
                        format::rupiah_plain(now),
                        format::rupiah_plain(end),
                        figure(expected, 2)
                    ),
                    Some("Periksa rumus kolom 15 (Rp).".into()),
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
                    "Baris jumlah kolom {} (Rp) formulir Rp {}, sedangkan jumlah {} program Rp {}.",
                    g.number(),
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
fn check_unlabelled(sheet: &Sheet, form: &Form, rows: &Rows, f: &mut Findings) {
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
                    address(row, col).trim_end_matches(|c: char| c.is_ascii_digit()),
                    address(row, col),
                    figure(value, 2)
                ),
                Some("Bila kolom itu bagian dari formulir, beri judul di baris kepala tabel; bila hitungan bantu, biarkan saja.".into()),
            );
        }
    }
}

/// The identity from the form, each key the `Identitas` sheet gives taking precedence; what neither
/// gives is an error naming where to write it.
fn identity(
    sheet: &Sheet,
    form: &Form,
    table_end: u32,
    given: Option<&identitas::Given>,
    f: &mut Findings,
) -> Option<Identity> {
    f.set_sheet(Some(&sheet.name));
    let empty = identitas::Given::default();
    let g = given.unwrap_or(&empty);
    let blocks = signature::blocks(sheet, table_end);
    let signer = blocks.iter().rev().find(|b| !b.evaluates()).or(blocks.last());
    let evaluator_block =
        blocks.iter().find(|b| b.evaluates() && Some(b.nip_cell.as_str()) != signer.map(|s| s.nip_cell.as_str()));
    let header_cell = address(form.header_row, form.col(Group::Indikator).unwrap_or(0));
    let unit_line = Rows::read(sheet, form).unit;
    let government = g.government.clone().or_else(|| signature::government(sheet, form.header_row).map(|(t, _)| t));
    let unit = g.unit.clone().or_else(|| unit_line.as_ref().map(|(u, _)| u.clone()));
    let year = g
        .year
        .or_else(|| signature::year(sheet, form.header_row).map(|(y, _)| y))
        .or_else(|| form.names.get(&Group::TargetRenja).and_then(|t| signature::year_in(t)))
        .or_else(|| signer.and_then(|s| s.date_text.as_deref()).and_then(signature::year_in));
    let period = g
        .period
        .or_else(|| signature::period_in(&sheet.name))
        .or_else(|| signature::period(sheet, form.header_row).map(|(p, _)| p));
    let mut missing = Vec::new();
    if government.is_none() {
        missing.push(("Pemerintah", "baris judul seperti \"Kabupaten …\""));
    }
    if unit.is_none() {
        missing.push(("Perangkat Daerah", "baris \"Perangkat Daerah : …\" di atas tabel"));
    }
    if year.is_none() {
        missing.push(("Tahun", "baris judul \"Tahun …\""));
    }
    if period.is_none() {
        missing.push(("Periode", "nama lembar seperti \"Realisasi TW IV\" atau judul \"Triwulan IV\""));
    }
    let place = g.place.clone().or_else(|| signer.and_then(|s| s.place.as_ref().map(|(p, _)| p.clone())));
    let signer_title = g.signer_title.clone().or_else(|| signer.and_then(|s| s.title.clone()));
    let signer_name = g.signer_name.clone().or_else(|| signer.and_then(|s| s.name.clone()));
    let nip = g.nip.clone().or_else(|| signer.map(|s| s.nip.clone()));
    for (key, value, found) in [
        ("Tempat", place.is_none(), "baris tempat dan tanggal di atas tanda tangan (\"Lubuk Pakam, Desember 2025\")"),
        ("Jabatan Penandatangan", signer_title.is_none(), "jabatan di blok tanda tangan"),
        ("Nama Penandatangan", signer_name.is_none(), "nama di blok tanda tangan"),
        ("NIP", nip.is_none(), "baris \"NIP. …\" di blok tanda tangan"),
    ] {
        if value {
            missing.push((key, found));
        }
    }
    for (key, wanted) in &missing {
        f.error(
            None,
            format!("{key} tidak ditemukan di formulir (dicari: {wanted})."),
            Some(format!("Tambahkan lembar Identitas di samping formulir dengan kunci \"{key}\" di kolom A dan nilainya di kolom B.")),
        );
    }
    let date = g.date.or_else(|| signer.and_then(|s| s.date));
    if let (None, Some(s)) = (date, signer) {
        if let (Some(text), Some((_, cell))) = (&s.date_text, &s.place) {
            f.warning(
                Some(cell.clone()),
                format!("Tanggal penandatanganan \"{text}\" tanpa hari; dokumen memakai tanggal pembuatannya."),
                Some(
                    "Tulis tanggal lengkap (misalnya 15 Desember 2025), atau kunci Tanggal di lembar Identitas.".into(),
                ),
            );
        }
    }
    let unit_code = match (&g.unit_code, &unit) {
        (Some(code), _) => Some(code.clone()),
        // The unit named by an Identitas sheet: its code as the kinerja workbook makes it, so that
        // the batch's check of one workbook per document finds the same key either way.
        (None, Some(unit)) if g.unit.is_some() => Some(crate::names::slug(unit)).filter(|c| !c.is_empty()),
        (None, Some(unit)) => {
            let code = signature::unit_code(unit);
            if code.is_empty() {
                f.error(
                    unit_line.as_ref().map(|(_, c)| c.clone()),
                    "Kode unit tidak dapat dibentuk dari nama perangkat daerah.",
                    Some("Tambahkan lembar Identitas dengan kunci \"Kode Unit\", misalnya bappeda.".into()),
                );
                None
            } else {
                f.warning(
                    unit_line.as_ref().map(|(_, c)| c.clone()).or(Some(header_cell)),
                    format!("Formulir tidak menyebut Kode Unit; arsip memakai \"{code}\"."),
                    Some("Untuk kode lain, tambahkan lembar Identitas dengan kunci \"Kode Unit\".".into()),
                );
                Some(code)
            }
        }
        _ => None,
    };
    let evaluator = g.evaluator.clone().or_else(|| {
        evaluator_block.and_then(|b| {
            Some(crate::model::Evaluator { name: b.name.clone()?, title: b.title.clone(), nip: Some(b.nip.clone()) })
        })
    });
    let renstra_end =
        g.renstra_end.or_else(|| form.names.get(&Group::TargetRenstra).and_then(|t| signature::year_in(t)));
    if !missing.is_empty() || !g.readable && given.is_some() {
        return None;
    }
    Some(Identity {
        government: government?,
        unit: unit?,
        address: g.address.clone(),
        unit_code: unit_code?,
        year: year?,
        period: period?,
        place: place?,
        date,
        signer_title: signer_title?,
        signer_name: signer_name?,
        signer_rank: g.signer_rank.clone().or_else(|| signer.and_then(|s| s.rank.clone())),
        nip: nip?,
        logo: g.logo.clone(),
        agreement: g.agreement.clone(),
        evaluator,
        renstra_end,
        level: g.level,
        superior: g.superior.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_by_code_or_by_word() {
        assert_eq!(level_of("1.01 URUSAN PENDIDIKAN", false), Level::Urusan);
        assert_eq!(level_of("1.01.01 PROGRAM PENUNJANG URUSAN", true), Level::Program);
        assert_eq!(level_of("1.01.01.2.01 Perencanaan, Penganggaran", true), Level::Kegiatan);
        assert_eq!(level_of("1.01.01.2.01.0001 Penyusunan Dokumen", true), Level::SubKegiatan);
        assert_eq!(level_of("Program Penunjang Urusan Pemerintahan Daerah", true), Level::Program);
        assert_eq!(level_of("PERENCANAAN", false), Level::Urusan);
        assert_eq!(level_of("Penyusunan Dokumen Perencanaan", true), Level::Activity);
        assert_eq!(level_of("Sub Kegiatan Penyusunan", true), Level::SubKegiatan);
    }
}
