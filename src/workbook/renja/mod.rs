//! The Renja evaluation form (docs/renja-form.md): the "E.81" table of Permendagri 86/2017 and the
//! family of layouts offices fill for the Bappeda — its RKPD twin numbered 1–17, forms with their
//! budgets in thousands, an office's clean data sheet beside its print sheet, the annual J-1 table
//! of Permendagri 54/2010. It produces the same [`Workbook`] as the kinerja workbook; nothing after
//! the reader knows which form a document came from.
//!
//! The reader goes in small steps, one module each: [`header`] places every column by the words
//! over it ([`headings`]) and says what it cannot place; [`rows`] finds the data rows and the table's
//! end; [`hierarchy`] tells urusan, program, kegiatan and sub-kegiatan; [`indicators`] reads each
//! indicator's figures from the columns placed; [`budget`] the budget table; [`checks`] the form's
//! own computations against ours; [`identity`] (with [`titles`] and [`signature`]) who and when.
//! [`map`] is the reading shown by `kinerja check`.

pub mod budget;
pub mod checks;
pub mod header;
pub mod headings;
pub mod hierarchy;
pub mod identity;
pub mod indicators;
pub mod map;
pub mod rows;
pub mod signature;
pub mod titles;

use super::grid::{address, Sheet};
use super::kinerja::identitas::{self, Given};
use crate::findings::Findings;
use crate::model::{Identity, Overall, Period, Workbook};
use crate::names::normalize;
use header::{letters, typed_text, Form};
use headings::Group;
use map::FormMap;
use rows::Rows;
use std::path::Path;

/// The sheets laid out as the form, each with its table. A sheet named as the kinerja workbook's
/// `Kinerja` sheet is that workbook's, whatever its columns.
fn forms(sheets: &[Sheet], year: Option<i32>) -> Vec<(&Sheet, Form)> {
    sheets
        .iter()
        .filter(|s| !super::kinerja::indikator::TABLE.is_sheet(&s.name))
        .filter_map(|s| header::find(s, year).map(|f| (s, f)))
        .collect()
}

/// True when a sheet is laid out as the form.
pub fn matches(sheets: &[Sheet]) -> bool {
    !forms(sheets, None).is_empty()
}

/// For a form with no indicator in it (the regulation's empty form, or the one `kinerja init --form
/// e81` writes): what to fill, in the form's own columns.
pub fn is_unfilled(sheets: &[Sheet]) -> Option<String> {
    let forms = forms(sheets, None);
    let empty = !forms.is_empty()
        && forms.iter().all(|(s, form)| {
            let (Some((_, last)), Some(col)) = (s.rows(), form.col(Group::Indikator)) else { return true };
            (form.data_start..=last).all(|r| typed_text(s, r, col).is_none())
        });
    if !empty {
        return None;
    }
    let (sheet, form) = &forms[0];
    let col = |g: Group| form.cols(g).map(|c| letters(c.k.unwrap_or(c.first)));
    let quarters: Vec<String> = (1..=4u8).filter_map(|q| col(Group::Quarter(q))).collect();
    let mut parts = vec![format!("indikator di kolom {}", col(Group::Indikator).unwrap_or_default())];
    if let Some(t) = col(Group::TargetRenja) {
        parts.push(format!("target tahun ini di kolom {t}"));
    }
    if !quarters.is_empty() {
        parts.push(format!("realisasi tiap triwulan di kolom {}", quarters.join(", ")));
    } else if let Some(r) = col(Group::RealRenja) {
        parts.push(format!("realisasi tahun ini di kolom {r}"));
    }
    Some(format!(
        "formulir belum diisi; isi baris di bawah kepala tabel lembar \"{}\" mulai baris {} ({}) lalu jalankan lagi",
        sheet.name,
        form.data_start + 1,
        parts.join(", ")
    ))
}

/// Every sheet may hold part of the identity (the form's title and signatures, an `Identitas`).
pub fn identity_sheet(_: &str) -> bool {
    true
}

/// The identity alone.
pub fn read_identity(sheets: &[Sheet], path: &Path, f: &mut Findings) -> Option<Identity> {
    let given = identitas::read_given(sheets, path, f, false);
    let (sheet, form, others) = pick_sheet(sheets, given.as_ref().map(|(g, _)| g), f)?;
    let rows = Rows::read(sheet, &form);
    let beside = identity::Beside { given: given.as_ref().map(|(g, _)| g), other_titles: &others };
    identity::identity(sheet, &form, &rows, &beside, f)
}

/// Reads the form, and the `Identitas`, `Evaluasi` and `Rencana Aksi` sheets an office may add
/// beside it; with the reading of the form for `kinerja check`.
pub fn read(sheets: &[Sheet], path: &Path, f: &mut Findings) -> super::Reading {
    let given = identitas::read_given(sheets, path, f, false);
    let g = given.as_ref().map(|(g, _)| g);
    let Some((sheet, form, others)) = pick_sheet(sheets, g, f) else { return (None, None) };
    super::kinerja::check_text_lengths(sheets, |name| name == sheet.name || super::kinerja::is_read(name), f);
    f.set_sheet(Some(&sheet.name));
    checks::header(&form, f);
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
    let beside = identity::Beside { given: g, other_titles: &others };
    let identity = identity::identity(sheet, &form, &rows, &beside, f);
    let mut settings = given.as_ref().map(|(_, s)| s.clone()).unwrap_or_default();
    if !g.is_some_and(|g| g.overall_given) {
        // The form's own summary is the mean of every indicator's capaian.
        settings.overall = Overall::Indicators;
    }
    f.set_sheet(Some(&sheet.name));
    let period = identity.as_ref().map_or(Period::Tw4, |i| i.period);
    let nodes = hierarchy::nodes(sheet, &form, &rows, f);
    let defaults =
        indicators::Defaults { polarity: g.and_then(|g| g.polarity), aggregation: g.and_then(|g| g.aggregation) };
    let indicators = indicators::indicators(sheet, &form, &nodes, period, &defaults, settings.renstra_cumulative, f);
    let budget = budget::lines(sheet, &form, &nodes, &indicators, period, f);
    checks::totals(sheet, &form, &rows, &nodes, period, f);
    checks::unlabelled(sheet, &form, &rows, f);
    let (evaluations, action_plans) = super::kinerja::notes_and_plans(sheets, &indicators, f);
    let pk_actions = super::kinerja::pk_actions(sheets, &indicators, f);
    let map = FormMap::of(&sheet.name, &form, &rows, &nodes);
    let narrative = super::kinerja::narrative(sheets, path, &indicators, f);
    if indicators.is_empty() {
        f.set_sheet(Some(&sheet.name));
        f.error(
            form.col(Group::Indikator).map(|c| address(form.data_start, c)),
            "Formulir tidak memuat indikator dengan target Renja tahun ini; tidak ada yang dapat diukur.",
            Some(format!(
                "Isi {} (indikator) dan {} (target Renja, K) untuk setiap program dan kegiatan.",
                form.label(Group::Indikator),
                form.label(Group::TargetRenja)
            )),
        );
        f.set_sheet(None);
        return (None, Some(map));
    }
    let workbook = identity.map(|identity| Workbook {
        identity,
        settings,
        indicators,
        budget,
        evaluations,
        action_plans,
        pk_actions,
        narrative,
        cascade: vec![],
    });
    (workbook, Some(map))
}

/// A sheet's name that says it is where the data is typed ("Isian Kinerja", "Input") rather than
/// printed ("cetak Laporan").
fn is_data_sheet(name: &str) -> bool {
    let n = normalize(name);
    ["isian", "input", "entri", "entry", "data"].iter().any(|w| n.starts_with(w))
}

/// The sheet of the form to read: the one of the period the `Identitas` sheet names, else the latest
/// quarter's (a workbook often keeps one sheet per quarter), else the data sheet beside a print sheet;
/// the others are named in a warning. With the titles of the other form sheets (a print sheet's title
/// may name the government the data sheet does not).
fn pick_sheet<'a>(
    sheets: &'a [Sheet],
    given: Option<&Given>,
    f: &mut Findings,
) -> Option<(&'a Sheet, Form, Vec<titles::Titles>)> {
    let year = given.and_then(|g| g.year);
    let mut forms = forms(sheets, year);
    if forms.is_empty() {
        // The form's headings name this year's target for another year than the Identitas sheet's.
        if let (Some(year), Some((sheet, form))) = (year, self::forms(sheets, None).into_iter().next()) {
            f.set_sheet(Some(&sheet.name));
            f.error(
                form.name_cells.get(&Group::TargetRenja).cloned(),
                format!(
                    "Judul kolom target tahun ini menyebut tahun lain daripada Tahun {year} di lembar Identitas; kolom target dan realisasi tidak dapat dipastikan."
                ),
                Some("Samakan Tahun di lembar Identitas dengan tahun di judul formulir.".into()),
            );
            f.set_sheet(None);
        }
        return None;
    }
    if forms.len() <= 1 {
        return forms.pop().map(|(s, form)| (s, form, vec![]));
    }
    let wanted = given.and_then(|g| g.period);
    let period_of = |s: &Sheet| signature::period_in(&s.name);
    let by_quarter = forms.iter().any(|(s, _)| period_of(s).is_some());
    let chosen = match wanted {
        Some(p) => forms.iter().position(|(s, _)| period_of(s) == Some(p)),
        None => None,
    }
    .or_else(|| (!by_quarter).then(|| forms.iter().position(|(s, _)| is_data_sheet(&s.name))).flatten())
    .or_else(|| (0..forms.len()).max_by_key(|&i| (period_of(forms[i].0), i)))?;
    let others: Vec<String> =
        forms.iter().enumerate().filter(|(i, _)| *i != chosen).map(|(_, (s, _))| format!("\"{}\"", s.name)).collect();
    f.set_sheet(None);
    let hint = if by_quarter {
        "Untuk periode lain, tulis Periode di lembar Identitas (misalnya Triwulan II), atau simpan tiap triwulan sebagai berkas sendiri."
    } else {
        "Yang dibaca lembar tempat data diketik; lembar cetak biasanya hanya mengambil angka dari sana. Bila lain, simpan lembar yang benar sebagai berkas sendiri."
    };
    f.warning(
        None,
        format!(
            "Buku kerja memuat {} lembar formulir; yang dibaca lembar \"{}\", lembar {} tidak dibaca.",
            forms.len(),
            forms[chosen].0.name,
            others.join(", ")
        ),
        Some(hint.into()),
    );
    let other_titles = forms
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != chosen)
        .map(|(_, (s, form))| titles::read(s, form.header_row))
        .collect();
    let (sheet, form) = forms.swap_remove(chosen);
    Some((sheet, form, other_titles))
}
