//! The kinerja workbook (docs/workbook.md): `Identitas` (keys and values) and the tables
//! `Kinerja`, `Anggaran`, `Evaluasi` and `Rencana Aksi`, one module per sheet, each holding its
//! columns and their aliases. Every problem is recorded with its cell, all of them at once.

pub mod anggaran;
pub mod cascading;
pub mod evaluasi;
pub mod identitas;
pub mod indikator;
pub mod narasi;
pub mod rencana_aksi;
pub mod rencana_aksi_pk;

use super::grid::{address, Sheet};
use super::table;
use crate::findings::Findings;
use crate::model::{ActionPlan, EvaluationNote, Identity, Indicator, Passage, PkAction, Workbook};
use std::path::Path;

/// Most characters one cell may hold: more can't be laid out in a table cell of the document.
pub const MAX_TEXT_CHARS: usize = 2000;

/// True when the sheets look like a kinerja workbook: an `Identitas` sheet, or a table whose header
/// names the `Kinerja` columns. (Today the only layout; a workbook of no known layout is read as this
/// one, whose findings then say what is missing.)
pub fn matches(sheets: &[Sheet]) -> bool {
    sheets.iter().any(|s| identitas::is_sheet(&s.name)) || indikator::find(sheets).is_some()
}

/// True for a sheet this layout reads.
pub(crate) fn is_read(name: &str) -> bool {
    identitas::is_sheet(name)
        || indikator::TABLE.is_sheet(name)
        || anggaran::TABLE.is_sheet(name)
        || evaluasi::TABLE.is_sheet(name)
        || rencana_aksi::TABLE.is_sheet(name)
        || rencana_aksi_pk::TABLE.is_sheet(name)
        || narasi::TABLE.is_sheet(name)
        || cascading::TABLE.is_sheet(name)
}

/// True for a sheet this layout reads among `sheets`: by its name, or as the table found under
/// another name.
pub(crate) fn reads(sheets: &[Sheet], sheet: &Sheet) -> bool {
    is_read(&sheet.name) || indikator::find(sheets).is_some_and(|(t, ..)| std::ptr::eq(t, sheet))
}

/// Reads every part; returns the model when `Identitas` and `Kinerja` could be read.
pub fn read(sheets: &[Sheet], path: &Path, f: &mut Findings) -> Option<Workbook> {
    if !matches(sheets) {
        if let Some((sheet, cell)) = cascading::block_layout(sheets) {
            f.set_sheet(Some(&sheet.name));
            f.error(
                Some(cell),
                format!(
                    "Lembar \"{}\" memuat cascading berbentuk kotak per jabatan (jabatan, sasaran dan indikator dengan targetnya di dalam teks), bukan tabel. kinerja tidak membaca bentuk ini: indikator atasan yang didukung, pemangku jabatan dan target tidak berada di sel tersendiri, sehingga membacanya berarti menebak.",
                    sheet.name
                ),
                Some("Salin cascading ke lembar Cascading buku kerja kinerja: satu baris per indikator dengan kolom Jabatan, Jenjang, Nama, Jabatan Atasan, Sasaran, Kode, Indikator, Satuan, Target dan Mendukung (kode indikator atasan). Templatnya: kinerja init, lembar Petunjuk menjelaskan setiap kolom.".into()),
            );
            f.set_sheet(None);
            return None;
        }
    }
    check_text_lengths(sheets, is_read, f);
    let (identity, settings) = identitas::read(sheets, path, f);
    let indicators = indikator::read(sheets, f);
    let known = indicators.as_deref().unwrap_or(&[]);
    let budget = table::optional_table(sheets, &anggaran::TABLE, f)
        .map(|(s, h)| anggaran::read(s, &h, known, f))
        .unwrap_or_default();
    let (evaluations, action_plans) = notes_and_plans(sheets, known, f);
    let pk_actions = pk_actions(sheets, known, f);
    let narrative = narrative(sheets, path, known, f);
    let cascade =
        table::optional_table(sheets, &cascading::TABLE, f).map(|(s, h)| cascading::read(s, &h, f)).unwrap_or_default();
    let wb = Workbook {
        identity: identity?,
        settings,
        indicators: indicators?,
        budget,
        evaluations,
        action_plans,
        pk_actions,
        narrative,
        cascade,
    };
    // A broken tree is said at its cells; it refuses the officials' PKs (stage::pk_gate), not the
    // measurement.
    for p in crate::cascade::problems(&wb) {
        f.set_sheet(Some(&p.sheet));
        f.warning(p.cell, p.message, Some(p.hint));
    }
    f.set_sheet(None);
    Some(wb)
}

/// The `Narasi LKjIP` sheet, read beside any layout's indicators.
pub(crate) fn narrative(sheets: &[Sheet], path: &Path, known: &[Indicator], f: &mut Findings) -> Vec<Passage> {
    let passages = table::optional_table(sheets, &narasi::TABLE, f)
        .map(|(s, h)| narasi::read(s, &h, path, known, f))
        .unwrap_or_default();
    f.set_sheet(None);
    passages
}

/// The `Rencana Aksi PK` sheet, read beside any layout's indicators.
pub(crate) fn pk_actions(sheets: &[Sheet], known: &[Indicator], f: &mut Findings) -> Vec<PkAction> {
    let actions = table::optional_table(sheets, &rencana_aksi_pk::TABLE, f)
        .map(|(s, h)| rencana_aksi_pk::read(s, &h, known, f))
        .unwrap_or_default();
    f.set_sheet(None);
    actions
}

/// The `Evaluasi` and `Rencana Aksi` sheets, read beside any layout's indicators.
pub(crate) fn notes_and_plans(
    sheets: &[Sheet],
    known: &[Indicator],
    f: &mut Findings,
) -> (Vec<EvaluationNote>, Vec<ActionPlan>) {
    let evaluations = table::optional_table(sheets, &evaluasi::TABLE, f)
        .map(|(s, h)| evaluasi::read(s, &h, known, f))
        .unwrap_or_default();
    let action_plans = table::optional_table(sheets, &rencana_aksi::TABLE, f)
        .map(|(s, h)| rencana_aksi::read(s, &h, known, f))
        .unwrap_or_default();
    f.set_sheet(None);
    (evaluations, action_plans)
}

/// The `Identitas` sheet alone.
pub fn read_identity(sheets: &[Sheet], path: &Path, f: &mut Findings) -> Option<Identity> {
    identitas::read(sheets, path, f).0
}

/// True for a template nobody has filled yet: an `Identitas` sheet whose keys have no values
/// and a `Kinerja` table with no rows (as `kinerja init` writes it).
pub fn is_unfilled(sheets: &[Sheet]) -> bool {
    let Some(id) = sheets.iter().find(|s| identitas::is_sheet(&s.name)) else { return false };
    let Some(kinerja) = indikator::TABLE.sheet_in(sheets) else { return false };
    let keys = identitas::unfilled_keys(id).unwrap_or(0);
    let empty_table = match (table::find_header(kinerja, &indikator::TABLE), kinerja.rows()) {
        (Some(h), Some((_, last))) => (h.data_start..=last).all(|r| kinerja.row_is_blank(r)),
        _ => false,
    };
    keys > 0 && empty_table
}

/// Reports every cell of the sheets a layout reads (`is_read`) whose text is longer than
/// [`MAX_TEXT_CHARS`].
pub(crate) fn check_text_lengths(sheets: &[Sheet], is_read: impl Fn(&str) -> bool, f: &mut Findings) {
    for sheet in sheets.iter().filter(|s| is_read(&s.name)) {
        let (Some((r0, r1)), Some((c0, c1))) = (sheet.rows(), sheet.cols()) else { continue };
        f.set_sheet(Some(&sheet.name));
        for row in r0..=r1 {
            for col in c0..=c1 {
                if let calamine::Data::String(s) = sheet.get(row, col) {
                    let n = s.chars().count();
                    if n > MAX_TEXT_CHARS {
                        f.error(
                            Some(address(row, col)),
                            format!(
                                "Teks sel ini {} karakter, melebihi batas {} karakter untuk satu sel dokumen.",
                                crate::format::fixed(n as f64, 0),
                                crate::format::fixed(MAX_TEXT_CHARS as f64, 0)
                            ),
                            Some("Ringkas teksnya; uraian panjang dapat dilampirkan terpisah.".into()),
                        );
                    }
                }
            }
        }
    }
    f.set_sheet(None);
}

/// Warns at `cell` when a reference of `Evaluasi` or `Rencana Aksi` (a code or a name) names none
/// of the indicators.
fn check_reference(reference: &str, cell: Option<String>, indicators: &[Indicator], f: &mut Findings) {
    if indicators.is_empty() || indicators.iter().any(|i| crate::names::names_indicator(reference, &i.code, &i.name)) {
        return;
    }
    f.warning(
        cell,
        format!(
            "Indikator \"{}\" tidak ditemukan di lembar Kinerja (kode atau nama).",
            super::grid::shorten(reference)
        ),
        Some("Tulis kode indikator (misalnya 1.1) atau namanya persis seperti di lembar Kinerja.".into()),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::table::TableSpec;
    use std::hash::Hash;

    fn names_own_columns<F: Copy + Eq + Hash + std::fmt::Debug>(t: &TableSpec<F>) {
        // The pseudo-columns of the quarters have no aliases: a pattern finds them.
        for c in t.columns.iter().filter(|c| !c.aliases.is_empty()) {
            assert_eq!(t.field(c.name), Some(c.field), "{} {}", t.sheet, c.name);
        }
        assert!(t.is_sheet(t.sheet));
    }

    #[test]
    fn every_column_is_recognised_by_its_own_name() {
        names_own_columns(&indikator::TABLE);
        names_own_columns(&anggaran::TABLE);
        names_own_columns(&evaluasi::TABLE);
        names_own_columns(&rencana_aksi::TABLE);
        names_own_columns(&rencana_aksi_pk::TABLE);
        names_own_columns(&narasi::TABLE);
        names_own_columns(&cascading::TABLE);
    }
}
