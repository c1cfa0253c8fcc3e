//! How a form was read, for `kinerja check`: each column's letter, its heading and what it was taken
//! for, the header's rows, the data rows and each level of rows, and the rows left aside — so a user
//! sees the mapping before trusting the figures.

use super::header::{letters, Form, Part, Role};
use super::headings::Group;
use super::hierarchy::{Level, Node};
use super::rows::Rows;
use serde::Serialize;

/// The reading of one form sheet.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FormMap {
    /// The sheet read.
    pub sheet: String,
    /// First and last row of the header (1-based).
    pub header_rows: (u32, u32),
    /// The row of column numbers (1-based), when the form has one.
    pub number_row: Option<u32>,
    /// First and last data row (1-based).
    pub data_rows: Option<(u32, u32)>,
    /// The totals row (1-based).
    pub totals_row: Option<u32>,
    /// Each column, or run of columns read alike.
    pub columns: Vec<MapColumn>,
    /// The rows of each level of the hierarchy (1-based).
    pub levels: Vec<MapLevel>,
    /// Rows under the header that are not data: summary rows, template rows (1-based).
    pub summary_rows: Vec<u32>,
    pub template_rows: Vec<u32>,
}

/// A column (or a run of columns) and what it was taken for.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MapColumn {
    /// "A", or "B–E".
    pub columns: String,
    /// The heading over it, as written.
    pub heading: Option<String>,
    /// The cell of that heading.
    pub heading_cell: Option<String>,
    /// Its K / % / Rp label, as written.
    pub label: Option<String>,
    /// What it was taken for, in the user's words.
    pub read_as: String,
    /// Whether its figures or text feed the document (or the form's checks).
    pub read: bool,
}

/// A level of the hierarchy and its rows.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MapLevel {
    pub level: &'static str,
    pub rows: Vec<u32>,
}

fn read_as(role: &Role, form: &Form) -> (String, bool) {
    // Without the years before, the form's Renstra figures up to this year cannot be checked.
    if let Role::Read(g @ (Group::RenstraNow | Group::Capaian), _) = role {
        if form.k(Group::RenstraBefore).is_none() {
            let what = g.meaning().replace(" (dibandingkan)", "");
            return (format!("{what} (tidak dibandingkan: formulir tanpa realisasi s.d. tahun lalu)"), false);
        }
    }
    match role {
        Role::Read(g, Part::Text) => (g.meaning(), true),
        Role::Read(g, Part::K) => (format!("{}, K", g.meaning()), true),
        Role::Read(g, Part::Pct) => (format!("{}, % (tidak dipakai)", g.meaning()), false),
        Role::Read(g, Part::Rp(scale)) if *scale == 1.0 => (format!("{}, Rp", g.meaning()), true),
        Role::Read(g, Part::Rp(scale)) => {
            (format!("{}, Rp × {}", g.meaning(), crate::format::rupiah_plain(*scale)), true)
        }
        Role::Read(g, Part::ByContent) => (format!("{} (menurut isinya)", g.meaning()), true),
        Role::Aside(a) => (a.meaning(), false),
        Role::Unplaced(why) => (format!("tidak dibaca: {why}"), false),
        Role::Untitled => ("tanpa judul (tidak dibaca)".into(), false),
    }
}

impl FormMap {
    pub fn of(sheet: &str, form: &Form, rows: &Rows, nodes: &[Node]) -> FormMap {
        let mut columns: Vec<MapColumn> = Vec::new();
        let mut last: Option<(u32, u32)> = None; // first and last column of the run in `columns.last()`
        for c in &form.columns {
            let (what, read) = read_as(&c.role, form);
            let entry = MapColumn {
                columns: letters(c.col),
                heading: c.heading.as_ref().map(|(t, _)| t.split_whitespace().collect::<Vec<_>>().join(" ")),
                heading_cell: c.heading.as_ref().map(|(_, cell)| cell.clone()),
                label: c.label.clone(),
                read_as: what,
                read,
            };
            // A run of columns under one heading read alike (a code split over B–F) is one line.
            if let (Some(prev), Some((first, end))) = (columns.last_mut(), last) {
                if end + 1 == c.col
                    && prev.heading_cell == entry.heading_cell
                    && prev.read_as == entry.read_as
                    && prev.label == entry.label
                {
                    prev.columns = format!("{}–{}", letters(first), letters(c.col));
                    last = Some((first, c.col));
                    continue;
                }
            }
            columns.push(entry);
            last = Some((c.col, c.col));
        }
        let mut levels: Vec<MapLevel> = Vec::new();
        for level in [Level::Urusan, Level::Program, Level::Kegiatan, Level::SubKegiatan] {
            let rows: Vec<u32> = nodes
                .iter()
                .filter(|n| n.level == level || (level == Level::Kegiatan && n.level == Level::Activity))
                .map(|n| n.row + 1)
                .collect();
            if !rows.is_empty() {
                levels.push(MapLevel { level: level.name(), rows });
            }
        }
        FormMap {
            sheet: sheet.to_string(),
            header_rows: (form.header_row + 1, form.header_end + 1),
            number_row: form.number_row.map(|r| r + 1),
            data_rows: rows.data.first().zip(rows.data.last()).map(|(a, b)| (a + 1, b + 1)),
            totals_row: rows.totals.map(|r| r + 1),
            columns,
            levels,
            summary_rows: rows.summary.iter().map(|r| r + 1).collect(),
            template_rows: rows.template.iter().map(|r| r + 1).collect(),
        }
    }

    /// The reading as lines for the terminal.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!(
            "Cara formulir dibaca (lembar \"{}\"): kepala tabel baris {}–{}{}, data baris {}{}.",
            self.sheet,
            self.header_rows.0,
            self.header_rows.1,
            self.number_row.map(|r| format!(" (nomor kolom di baris {r})")).unwrap_or_default(),
            self.data_rows.map(|(a, b)| format!("{a}–{b}")).unwrap_or_else(|| "–".into()),
            self.totals_row.map(|r| format!(", baris jumlah {r}")).unwrap_or_default(),
        )];
        for c in &self.columns {
            let heading = match (&c.heading, &c.label) {
                (Some(h), Some(l)) => format!("\"{}\" {l}", crate::workbook::grid::shorten(h)),
                (Some(h), None) => format!("\"{}\"", crate::workbook::grid::shorten(h)),
                (None, _) => "(tanpa judul)".into(),
            };
            out.push(format!("  {:<6} {heading} → {}", c.columns, c.read_as));
        }
        let levels: Vec<String> = self.levels.iter().map(|l| format!("{} {}", l.level, ranges(&l.rows))).collect();
        if !levels.is_empty() {
            out.push(format!("  Tingkat baris: {}.", levels.join("; ")));
        }
        let mut aside = Vec::new();
        if !self.summary_rows.is_empty() {
            aside.push(format!("ringkasan {}", ranges(&self.summary_rows)));
        }
        if !self.template_rows.is_empty() {
            aside.push(format!("templat tanpa teks {}", ranges(&self.template_rows)));
        }
        if !aside.is_empty() {
            out.push(format!("  Baris yang tidak dibaca: {}.", aside.join("; ")));
        }
        out
    }
}

/// "17, 42, 43–46" for a sorted list of rows.
fn ranges(rows: &[u32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let mut j = i;
        while j + 1 < rows.len() && rows[j + 1] == rows[j] + 1 {
            j += 1;
        }
        out.push(if j > i { format!("{}–{}", rows[i], rows[j]) } else { rows[i].to_string() });
        i = j + 1;
    }
    out.join(", ")
}
