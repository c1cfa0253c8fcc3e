//! Tables as people lay them out, found by their header row: a table's [`TableSpec`] names its
//! sheet and columns with their aliases (one place per table, in the reader of its layout), and
//! this module finds the header anywhere in the sheet's first rows, maps each column to its field,
//! and yields the rows worth reading. Layout-independent: every reader uses it.

use super::grid::{self, address, Sheet};
use crate::findings::Findings;
use crate::names::normalize;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// Most data rows one table may have: a Pengukuran Kinerja has tens of indicators, not thousands.
pub const MAX_TABLE_ROWS: usize = 2000;

/// One column of a table, as the workbook reference describes it.
#[derive(Debug)]
pub struct Column<F: 'static> {
    /// The field it holds.
    pub field: F,
    /// Its name, as the reference and the template write it.
    pub name: &'static str,
    /// Every name it is recognised by, normalised ([`normalize`]): its own and the aliases.
    pub aliases: &'static [&'static str],
    /// Whether the table can't be read without it.
    pub required: bool,
    /// What to fill in, for the template's Petunjuk sheet; empty for a column that is recognised
    /// and not used (a running number, a capaian computed in the sheet).
    pub help: &'static str,
}

/// A header of two levels ("Realisasi" over "TW I … TW IV"): which cells of the row under the
/// header are sub-headers, and the field a sub-header names under its group (both normalised).
#[derive(Debug)]
pub struct SubHeader<F: 'static> {
    /// True for a sub-header cell ("twi", "triwulan2").
    pub is_sub: fn(&str) -> bool,
    /// The field of a sub-header under a group, if any.
    pub field: fn(&str, &str) -> Option<F>,
}

/// A table of a workbook layout: where it is found and what its columns are called.
#[derive(Debug)]
pub struct TableSpec<F: 'static> {
    /// The sheet's name, as the reference writes it.
    pub sheet: &'static str,
    /// Every sheet name it is found under, normalised.
    pub sheet_aliases: &'static [&'static str],
    /// Its columns.
    pub columns: &'static [Column<F>],
    /// Fields named by a pattern rather than a list (the quarter columns), from a normalised header.
    pub pattern: Option<fn(&str) -> Option<F>>,
    /// A second header level, when the table may have one.
    pub sub_header: Option<SubHeader<F>>,
}

impl<F: Copy + Eq + Hash> TableSpec<F> {
    /// The field a header cell names, if any.
    pub fn field(&self, header: &str) -> Option<F> {
        let n = normalize(header);
        if n.is_empty() {
            return None;
        }
        self.columns
            .iter()
            .find(|c| c.aliases.contains(&n.as_str()))
            .map(|c| c.field)
            .or_else(|| self.pattern.and_then(|p| p(&n)))
    }

    /// The columns a header row must name for the table to be read.
    pub fn required(&self) -> impl Iterator<Item = &Column<F>> {
        self.columns.iter().filter(|c| c.required)
    }

    /// True when a sheet's name is the table's.
    pub fn is_sheet(&self, name: &str) -> bool {
        self.sheet_aliases.contains(&normalize(name).as_str())
    }

    /// The sheet that holds the table, by its name.
    pub fn sheet_in<'a>(&self, sheets: &'a [Sheet]) -> Option<&'a Sheet> {
        sheets.iter().find(|s| self.is_sheet(&s.name))
    }
}

/// A table's header: its row, where data starts, and which column holds which field.
#[derive(Debug)]
pub struct Header<F> {
    /// 0-based row of the header.
    pub row: u32,
    /// First row of data.
    pub data_start: u32,
    /// Field → column.
    pub columns: HashMap<F, u32>,
}

impl<F: Copy + Eq + Hash> Header<F> {
    /// The column of a field.
    pub fn col(&self, field: F) -> Option<u32> {
        self.columns.get(&field).copied()
    }

    /// The text of a field's cell in a row.
    pub fn text(&self, sheet: &Sheet, row: u32, field: F) -> Option<String> {
        self.col(field).and_then(|c| sheet.text(row, c))
    }

    /// A field's cell address in a row, when the table has the field.
    pub fn cell(&self, row: u32, field: F) -> Option<String> {
        self.col(field).map(|c| address(row, c))
    }

    /// The text of a field every row must fill: when blank, an error at its cell ("`what` kosong; kolom
    /// ini wajib diisi pada `table`.") with `hint`.
    pub fn required(
        &self,
        sheet: &Sheet,
        row: u32,
        field: F,
        (what, table, hint): (&str, &str, &str),
        f: &mut Findings,
    ) -> Option<String> {
        let v = self.text(sheet, row, field);
        if v.is_none() {
            f.error(
                self.cell(row, field),
                format!("{what} kosong; kolom ini wajib diisi pada {table}."),
                Some(hint.into()),
            );
        }
        v
    }
}

/// The sheet's first column (for findings about a whole row).
pub fn first_col(sheet: &Sheet) -> u32 {
    sheet.cols().map_or(0, |c| c.0)
}

/// Finds the table's header row by its names, anywhere in the sheet's first rows.
pub fn find_header<F: Copy + Eq + Hash>(sheet: &Sheet, spec: &TableSpec<F>) -> Option<Header<F>> {
    let (r0, r1) = sheet.rows()?;
    let (c0, c1) = sheet.cols()?;
    let required: Vec<F> = spec.required().map(|c| c.field).collect();
    let mut best: Option<(usize, u32)> = None;
    for row in r0..=r1.min(r0 + 60) {
        let fields: HashSet<F> = (c0..=c1).filter_map(|c| sheet.text(row, c).and_then(|t| spec.field(&t))).collect();
        let hits = required.iter().filter(|field| fields.contains(field)).count();
        if hits >= 2 && best.is_none_or(|(h, _)| hits > h) {
            best = Some((hits, row));
        }
    }
    let (_, row) = best?;
    let mut columns = HashMap::new();
    for col in c0..=c1 {
        if let Some(field) = sheet.text(row, col).and_then(|t| spec.field(&t)) {
            columns.entry(field).or_insert(col);
        }
    }
    let mut data_start = row + 1;
    // A two-level header: a group over its sub-headers (merged cells read as blanks).
    if let Some(sub_header) = spec.sub_header.as_ref().filter(|_| row < r1) {
        let sub = row + 1;
        let subs: Vec<(u32, String)> = (c0..=c1)
            .filter_map(|c| sheet.text(sub, c).map(|t| (c, normalize(&t))).filter(|(_, t)| (sub_header.is_sub)(t)))
            .collect();
        if subs.len() >= 2 {
            for (col, name) in subs {
                let group =
                    (c0..=col).rev().find_map(|c| sheet.text(row, c)).map(|t| normalize(&t)).unwrap_or_default();
                let Some(field) = (sub_header.field)(&group, &name) else { continue };
                // The group's own name stood over this column: it names the sub-header's field now.
                columns.retain(|_, c| *c != col);
                columns.entry(field).or_insert(col);
            }
            data_start = sub + 1;
        }
    }
    // A row of column numbers under the header: (1) (2) (3) …
    if data_start <= r1 {
        let cells: Vec<String> = (c0..=c1).filter_map(|c| sheet.text(data_start, c)).collect();
        let numbering = cells.len() >= 3
            && cells.iter().all(|t| t.trim_matches(|c| c == '(' || c == ')').chars().all(|c| c.is_ascii_digit()));
        if numbering {
            data_start += 1;
        }
    }
    Some(Header { row, data_start, columns })
}

/// Reports required columns that the header lacks and unknown columns, once each.
pub fn check_columns<F: Copy + Eq + Hash>(
    sheet: &Sheet,
    spec: &TableSpec<F>,
    header: &Header<F>,
    f: &mut Findings,
) -> bool {
    let mut ok = true;
    for column in spec.required() {
        if !header.columns.contains_key(&column.field) {
            ok = false;
            let name = column.name;
            f.error(
                Some(address(header.row, first_col(sheet))),
                format!("Kolom wajib \"{name}\" tidak ditemukan pada baris judul tabel (baris {}).", header.row + 1),
                Some(format!("Tambahkan kolom \"{name}\" pada baris judul.")),
            );
        }
    }
    if let Some((c0, c1)) = sheet.cols() {
        let used: HashSet<u32> = header.columns.values().copied().collect();
        for col in (c0..=c1).filter(|c| !used.contains(c)) {
            if let Some(t) = sheet.text(header.row, col).filter(|t| spec.field(t).is_none()) {
                f.warning(
                    Some(address(header.row, col)),
                    format!("Kolom \"{}\" tidak dikenal; isinya tidak dipakai dalam perhitungan.", grid::shorten(&t)),
                    Some("Bila isinya perlu dipakai, ganti nama kolom sesuai lembar Petunjuk di templat (kinerja init); bila tidak, biarkan saja.".into()),
                );
            }
        }
    }
    ok
}

/// Finds an optional table's sheet and header; a sheet with no recognisable header is an error.
pub fn optional_table<'a, F: Copy + Eq + Hash>(
    sheets: &'a [Sheet],
    spec: &TableSpec<F>,
    f: &mut Findings,
) -> Option<(&'a Sheet, Header<F>)> {
    let sheet = spec.sheet_in(sheets)?;
    f.set_sheet(Some(&sheet.name));
    sheet.rows()?; // an empty optional sheet says nothing
    let Some(header) = find_header(sheet, spec) else {
        let names: Vec<&str> = spec.required().map(|c| c.name).collect();
        f.error(
            None,
            format!("Baris judul tabel tidak ditemukan; diharapkan kolom {}.", names.join(", ")),
            Some("Tulis nama kolom pada satu baris di atas data.".into()),
        );
        return None;
    };
    check_columns(sheet, spec, &header, f).then_some((sheet, header))
}

/// The rows of a table to read: not blank, not a repeated header row (skipped with a warning), and
/// at most [`MAX_TABLE_ROWS`] of them (the first row past the bound gets one finding).
pub fn data_rows<F: Copy + Eq + Hash>(
    sheet: &Sheet,
    header: &Header<F>,
    spec: &TableSpec<F>,
    f: &mut Findings,
) -> Vec<u32> {
    let Some((_, last)) = sheet.rows() else { return vec![] };
    let col0 = first_col(sheet);
    let mut rows = Vec::new();
    for row in header.data_start..=last {
        if sheet.row_is_blank(row) {
            continue;
        }
        if header.columns.values().all(|&c| grid::is_blank(sheet.get(row, c))) {
            // Text beside the table in a row of its own (a note, a signature): not a row of the table.
            if let Some(col) = sheet.cols().and_then(|(c0, c1)| (c0..=c1).find(|&c| !grid::is_blank(sheet.get(row, c))))
            {
                f.warning(
                    Some(address(row, col)),
                    format!(
                        "Sel ini berada di luar kolom tabel {} dan barisnya kosong di kolom tabel; dianggap catatan dan tidak dibaca.",
                        spec.sheet
                    ),
                    Some("Bila isinya bagian dari tabel, pindahkan ke kolom yang berjudul; bila catatan, biarkan saja.".into()),
                );
            }
            continue;
        }
        if is_repeated_header(sheet, spec, header, row) {
            f.warning(
                Some(address(row, col0)),
                format!("Baris {} mengulang baris judul; dilewati.", row + 1),
                Some("Hapus baris itu bila tersalin tanpa sengaja.".into()),
            );
            continue;
        }
        if rows.len() == MAX_TABLE_ROWS {
            f.error(
                Some(address(row, col0)),
                format!(
                    "Tabel berisi lebih dari {} baris data; baris ini dan sesudahnya tidak dibaca.",
                    crate::format::fixed(MAX_TABLE_ROWS as f64, 0)
                ),
                Some(
                    "Satu buku kerja memuat satu unit dan satu periode; pisahkan data lain ke buku kerja sendiri."
                        .into(),
                ),
            );
            break;
        }
        rows.push(row);
    }
    rows
}

/// True when the row repeats the header's names (a header pasted twice).
fn is_repeated_header<F: Copy + Eq + Hash>(sheet: &Sheet, spec: &TableSpec<F>, header: &Header<F>, row: u32) -> bool {
    let matched = header
        .columns
        .iter()
        .filter(|(field, &col)| sheet.text(row, col).and_then(|t| spec.field(&t)) == Some(**field))
        .count();
    matched >= 2
}
