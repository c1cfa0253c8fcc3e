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
};

/// The Renja evaluation form of Permendagri 86/2017 and its family (docs/renja-form.md).
pub const RENJA: Layout = Layout {
    name: "formulir evaluasi Renja",
    matches: renja::matches,
    read: renja::read,
    is_unfilled: renja::is_unfilled,
    identity_sheet: renja::identity_sheet,
    identity: renja::read_identity,
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
    let (workbook, form) = (layout.read)(&sheets, path, &mut f);
    ReadOutcome { workbook, findings: f.into_vec(), unfilled: None, form, sha256 }
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
