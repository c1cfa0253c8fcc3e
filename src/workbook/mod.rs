//! Reading an office's workbook into the plain [`Workbook`] model, forgiving about layout and
//! strict about meaning: every problem becomes a [`Finding`] with file, sheet and cell, all of them
//! at once.
//!
//! [`read`] opens the file ([`open`]) and hands its sheets to the reader of their layout
//! ([`LAYOUTS`]; today one, [`kinerja`], the workbook of docs/workbook.md). A reader of another form
//! is a module beside `kinerja/`, using the same toolkit: [`grid`] (cells), [`table`] (headers and
//! aliases), [`values`] (numbers, dates, periods, NIPs).

pub mod grid;
pub mod kinerja;
mod ods;
pub mod open;
pub mod renja;
pub mod table;
pub mod values;

use crate::findings::{Finding, Findings};
use crate::model::{Identity, Period, Workbook};
use calamine::Data;
use grid::Sheet;
use std::path::Path;

/// What reading one workbook gave: the model when it could be built, and every finding.
#[derive(Debug, Clone)]
pub struct ReadOutcome {
    /// The workbook's content; None when required parts are missing or unreadable.
    pub workbook: Option<Workbook>,
    /// Every error and warning, in the order found.
    pub findings: Vec<Finding>,
    /// For an unfilled template (as `kinerja init` writes it, or a regulation's empty form): what to
    /// fill, in the user's words. Nothing to report, nothing to build.
    pub unfilled: Option<String>,
    /// How a Renja form was read (its column map), for `kinerja check`.
    pub form: Option<renja::map::FormMap>,
    /// sha256 of the bytes read (empty when the file could not be read).
    pub sha256: String,
}

/// What a reader gives: the model when it could be built, and, for a form, how it was read.
pub type Reading = (Option<Workbook>, Option<renja::map::FormMap>);

/// A workbook layout and its reader.
pub struct Layout {
    /// Its name, for messages.
    pub name: &'static str,
    /// True when the sheets are laid out this way.
    pub matches: fn(&[Sheet]) -> bool,
    /// Reads the model, recording every finding; with the reading of a form.
    pub read: fn(&[Sheet], &Path, &mut Findings) -> Reading,
    /// For an unfilled template of this layout: what to fill.
    pub is_unfilled: fn(&[Sheet]) -> Option<String>,
    /// The sheets that hold the identity (unit, year, period), by name.
    pub identity_sheet: fn(&str) -> bool,
    /// Reads the identity from those sheets alone.
    pub identity: fn(&[Sheet], &Path, &mut Findings) -> Option<Identity>,
    /// True for a sheet (of these sheets) the reader reads.
    pub reads: fn(&[Sheet], &Sheet) -> bool,
}

/// The kinerja workbook (docs/workbook.md): the layout a workbook of no known layout is read as,
/// whose findings then say what is missing.
pub const KINERJA: Layout = Layout {
    name: "buku kerja kinerja",
    matches: kinerja::matches,
    read: |sheets, path, f| (kinerja::read(sheets, path, f), None),
    is_unfilled: |sheets| {
        kinerja::is_unfilled(sheets)
            .then(|| "templat belum diisi; isi lembar Identitas dan Kinerja lalu jalankan lagi".into())
    },
    identity_sheet: kinerja::identitas::is_sheet,
    identity: kinerja::read_identity,
    reads: kinerja::reads,
};

/// The Renja evaluation form of Permendagri 86/2017 and its family (docs/renja-form.md).
pub const RENJA: Layout = Layout {
    name: "formulir evaluasi Renja",
    matches: renja::matches,
    read: renja::read,
    is_unfilled: renja::is_unfilled,
    identity_sheet: renja::identity_sheet,
    identity: renja::read_identity,
    reads: |_, sheet| renja::header::find(sheet, None).is_some() || kinerja::is_read(&sheet.name),
};

/// The layouts kinerja reads, tried in order: the form first, since an office may add an
/// `Identitas` sheet beside it (which alone would look like the kinerja workbook).
pub const LAYOUTS: &[Layout] = &[RENJA, KINERJA];

/// File extensions the reader takes.
pub const EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xls", "xlsb", "ods"];

/// True for a path that looks like a workbook and not like an editor's lock file.
pub fn is_workbook_path(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with("~$") || name.starts_with('.') {
        return false;
    }
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    EXTENSIONS.contains(&ext.as_str())
}

/// The layout of a workbook's sheets.
fn layout(sheets: &[Sheet]) -> &'static Layout {
    LAYOUTS.iter().find(|l| (l.matches)(sheets)).unwrap_or(&KINERJA)
}

/// Reads the workbook at `path`; `display` is how findings name the file.
pub fn read(path: &Path, display: &str) -> ReadOutcome {
    let mut f = Findings::new(display);
    let Some((sheets, sha256)) = open::open(path, &mut f, None) else {
        return ReadOutcome {
            workbook: None,
            findings: f.into_vec(),
            unfilled: None,
            form: None,
            sha256: String::new(),
        };
    };
    let layout = layout(&sheets);
    if let Some(advice) = (layout.is_unfilled)(&sheets) {
        return ReadOutcome { workbook: None, findings: f.into_vec(), unfilled: Some(advice), form: None, sha256 };
    }
    too_large(&sheets, layout, &mut f);
    let (workbook, form) = (layout.read)(&sheets, path, &mut f);
    uncomputed(&sheets, layout, &mut f);
    // What a reader says of a sheet too large to load (its header is missing, …) is not so: the
    // sheet's own finding says why it was not read.
    let mut findings = f.into_vec();
    let refused: Vec<(&str, String)> =
        sheets.iter().filter_map(|s| Some((s.name.as_str(), s.extent_refused()?.finding("").0))).collect();
    findings.retain(|x| {
        let far = refused.iter().find(|(name, _)| x.sheet.as_deref() == Some(*name)).map(|(_, cell)| cell);
        far.is_none() || x.cell.as_ref() == far
    });
    ReadOutcome { workbook, findings, unfilled: None, form, sha256 }
}

/// A sheet too large to load, at its far cells: an error when the layout reads it, else a warning
/// (the sheet is left aside as it would have been).
fn too_large(sheets: &[Sheet], layout: &Layout, f: &mut Findings) {
    for sheet in sheets {
        let Some(extent) = sheet.extent_refused() else { continue };
        f.set_sheet(Some(&sheet.name));
        let (cell, message, hint) = extent.finding("lembar ini tidak dibaca");
        let (cell, hint) = (Some(cell), Some(hint));
        if (layout.reads)(sheets, sheet) {
            f.error(cell, message, hint);
        } else {
            f.warning(cell, message, hint);
        }
    }
    f.set_sheet(None);
}

/// Formulas saved without a value on the sheets the layout reads, that no reading of a figure has
/// reported already: one warning per column, at its first such cell (they read as blank).
fn uncomputed(sheets: &[Sheet], layout: &Layout, f: &mut Findings) {
    for sheet in sheets.iter().filter(|s| s.has_uncomputed() && (layout.reads)(sheets, s)) {
        let reported = |r: u32, c: u32| {
            let cell = grid::address(r, c);
            f.as_slice().iter().any(|x| x.sheet.as_deref() == Some(&sheet.name) && x.cell.as_deref() == Some(&cell))
        };
        let mut by_column: std::collections::BTreeMap<u32, Vec<(u32, &str)>> = Default::default();
        for (r, c, formula) in sheet.uncomputed() {
            if !reported(r, c) {
                by_column.entry(c).or_default().push((r, formula));
            }
        }
        f.set_sheet(Some(&sheet.name));
        for (col, cells) in by_column {
            let (row, formula) = cells[0];
            let others = match cells.len() - 1 {
                0 => String::new(),
                n => format!(" (dan {n} sel lain di kolom ini, sampai {})", grid::address(cells[n].0, col)),
            };
            f.warning(
                Some(grid::address(row, col)),
                format!(
                    "Sel ini berisi rumus ={} tanpa nilai tersimpan{others}: kinerja membacanya sebagai sel kosong.",
                    grid::shorten(formula)
                ),
                Some("Buka berkas di Excel atau LibreOffice lalu simpan ulang (rumus dihitung saat disimpan), atau ketik nilainya.".into()),
            );
        }
    }
    f.set_sheet(None);
}

/// The unit code, year and period a workbook is for, read from its identity sheets alone (the
/// batch's check that no two workbooks make the same document); None when they can't be read.
pub fn document_key(path: &Path) -> Option<(String, i32, Period)> {
    let mut f = Findings::new(path.display().to_string());
    // The kinerja workbook first: its identity is one small sheet, the form's is the whole form. A
    // form with a complete `Identitas` beside it gives the same key either way.
    [&KINERJA, &RENJA].into_iter().find_map(|l| {
        let (sheets, _) = open::open(path, &mut f, Some(l.identity_sheet))?;
        let identity = (l.identity)(&sheets, path, &mut f)?;
        Some((identity.unit_code, identity.year, identity.period))
    })
}

/// A sheet in a message: its name quoted.
pub(crate) fn sheet_list(sheets: &[Sheet]) -> String {
    sheets.iter().map(|s| format!("\"{}\"", s.name)).collect::<Vec<_>>().join(", ")
}

/// True for a label that marks a totals row rather than an indicator.
pub(crate) fn is_totals_label(cell: &Data) -> bool {
    let Some(text) = grid::cell_text(cell) else {
        return false;
    };
    matches!(
        crate::names::normalize(&text).as_str(),
        "jumlah" | "total" | "ratarata" | "jumlahtotal" | "totalkeseluruhan" | "grandtotal"
    )
}
