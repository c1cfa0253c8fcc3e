//! The form's header: where it is, and what each column under it holds.
//!
//! The header is the block of rows from the one naming the indicator column down to the data: rows
//! of group names (one level or two), the quarter labels under the quarters' group (`I`, `II`, `Il`,
//! `TW 1` …), the row of column numbers (wherever it sits, however it numbers, with or without its
//! formulas as text) and the `K` / `%` / `Rp` labels. Each name spans the columns up to the next name
//! in its row, within the name above it; a column is placed by the deepest name over it
//! ([`super::headings`]), and a column whose name says too little by what it holds when that is
//! certain (a level column, a polarity column, the satuan in an unlabelled sub-column). Every column
//! gets a [`Role`]; one the reader cannot place is a [`Problem`] at its heading, never a guess.

use super::super::grid::{address, is_blank, Sheet};
use super::headings::{self, heading, leading_number, quarter_label, sub_label, Aside, Group, Heading, Sub};
use crate::names::normalize;
use calamine::Data;
use std::collections::{BTreeMap, HashMap};

/// The columns of one group: its first column (the text of a text group), its last, and its `K`,
/// `%` and `Rp` sub-columns.
#[derive(Debug, Clone, Copy)]
pub struct Cols {
    /// The group's first column (the column holding the text of a text group).
    pub first: u32,
    /// Its last column.
    pub last: u32,
    /// The performance figure (K).
    pub k: Option<u32>,
    /// The progress in percent some offices add under each quarter.
    pub pct: Option<u32>,
    /// The rupiah figure.
    pub rp: Option<u32>,
    /// What one unit of the Rp column is worth in rupiah (1000 under `Rp. (000)`).
    pub rp_scale: f64,
}

impl Default for Cols {
    fn default() -> Self {
        Cols { first: 0, last: 0, k: None, pct: None, rp: None, rp_scale: 1.0 }
    }
}

/// What a column is read as.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    /// A part of a group: its text, or its K, % or Rp figure.
    Read(Group, Part),
    /// Known and left aside.
    Aside(Aside),
    /// A heading (or an unlabelled part of a group) the reader cannot place: not read, said at its heading.
    Unplaced(String),
    /// No heading over it.
    Untitled,
}

/// Which part of a group a column is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Part {
    Text,
    K,
    Pct,
    Rp(f64),
    /// The group was told by what the column holds (no heading names it).
    ByContent,
}

/// One column of the form, as the reader placed it.
#[derive(Debug, Clone)]
pub struct Column {
    pub col: u32,
    /// The deepest heading over it and that heading's cell.
    pub heading: Option<(String, String)>,
    /// The sub-column label under it (K, %, Rp …), as written.
    pub label: Option<String>,
    pub role: Role,
}

/// Something about the header the user must hear: an error when it leaves a figure the document
/// needs unplaced, else a warning.
#[derive(Debug, Clone)]
pub struct Problem {
    pub cell: String,
    pub error: bool,
    pub message: String,
    pub hint: Option<String>,
}

/// Where the form's table is on a sheet, and what each of its columns holds.
#[derive(Debug)]
pub struct Form {
    /// 0-based row of the top row of names (the one naming the indicator column).
    pub header_row: u32,
    /// The last row of the header.
    pub header_end: u32,
    /// First row after the header.
    pub data_start: u32,
    /// The row of column numbers, when the form has one.
    pub number_row: Option<u32>,
    /// Each group's columns.
    pub groups: HashMap<Group, Cols>,
    /// The columns of a code split over several columns (J-1's B–F), in order.
    pub kode_cols: Vec<u32>,
    /// The last column the header labels.
    pub last_col: u32,
    /// The group names as written, for years in them ("Pada Tahun 2030").
    pub names: HashMap<Group, String>,
    /// The cell of each group's heading.
    pub name_cells: HashMap<Group, String>,
    /// The column of a quarters' group whose I–IV labels were not found.
    pub unsplit_quarters: Option<u32>,
    /// The year the form evaluates, as its header and title say.
    pub year: Option<i32>,
    /// Every column from the first to the last the header labels.
    pub columns: Vec<Column>,
    /// The form's own number over each numbered column.
    pub numbers: BTreeMap<u32, u32>,
    /// The formula written beside a number ("13 = 9 + 10 + 11 + 12"), by column.
    pub formulas: BTreeMap<u32, String>,
    /// What the user must hear about the header.
    pub problems: Vec<Problem>,
}

impl Form {
    /// A group's columns.
    pub fn cols(&self, g: Group) -> Option<Cols> {
        self.groups.get(&g).copied()
    }

    /// A text group's column.
    pub fn col(&self, g: Group) -> Option<u32> {
        self.cols(g).map(|c| c.first)
    }

    /// A figure group's K column.
    pub fn k(&self, g: Group) -> Option<u32> {
        self.cols(g).and_then(|c| c.k)
    }

    /// A figure group's Rp column.
    pub fn rp(&self, g: Group) -> Option<u32> {
        self.cols(g).and_then(|c| c.rp)
    }

    /// What one unit of a group's Rp column is worth in rupiah.
    pub fn rp_scale(&self, g: Group) -> f64 {
        self.cols(g).map_or(1.0, |c| c.rp_scale)
    }

    /// The form's own number of a group (from its row of column numbers), else the regulation's.
    pub fn number(&self, g: Group) -> String {
        self.own_number(g).unwrap_or_else(|| g.number().to_string())
    }

    /// The form's own number of a group, when it numbers it.
    fn own_number(&self, g: Group) -> Option<String> {
        let c = self.cols(g)?;
        (c.first.min(c.k.unwrap_or(c.first))..=c.last).find_map(|col| self.numbers.get(&col).map(u32::to_string))
    }

    /// How a message names a group's column: "kolom 13" on a form that numbers its columns, else
    /// by its letter ("kolom Q").
    pub fn label(&self, g: Group) -> String {
        match (self.number_row, self.own_number(g)) {
            (Some(_), Some(n)) => format!("kolom {n}"),
            _ => match self.cols(g) {
                Some(c) => format!("kolom {}", letters(c.k.unwrap_or(c.first))),
                None => format!("kolom {}", g.number()),
            },
        }
    }

    /// The quarters' columns in a message: "kolom 9–12" (or by letters).
    pub fn quarters_label(&self, to: u8) -> String {
        match (self.number_row, self.own_number(Group::Quarter(1)), self.own_number(Group::Quarter(to))) {
            (Some(_), Some(a), Some(b)) if a != b => format!("kolom {a}–{b}"),
            (Some(_), Some(a), Some(_)) => format!("kolom {a}"),
            _ => {
                let cols: Vec<String> = (1..=to).filter_map(|q| self.k(Group::Quarter(q))).map(letters).collect();
                format!("kolom {}", cols.join(", "))
            }
        }
    }
}

/// The letters of a 0-based column: 0 → A, 27 → AB.
pub fn letters(col: u32) -> String {
    address(0, col).trim_end_matches(|c: char| c.is_ascii_digit()).to_string()
}

/// The kind of a row of the header.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Names,
    Labels,
    Numbers,
    Subs,
}

/// A text typed in a cell (not a number, not a formula error, not a dash or a `{placeholder}`).
pub fn typed_text(sheet: &Sheet, row: u32, col: u32) -> Option<String> {
    match sheet.get(row, col) {
        Data::String(s) => {
            let t = s.trim();
            let error = t.starts_with('#') && t.ends_with(['!', '?', 'A']) && t.len() <= 8;
            let dash = t.chars().all(|c| matches!(c, '-' | '–' | '—' | '.' | '…' | ' '));
            (!t.is_empty() && !error && !dash).then(|| t.to_string())
        }
        _ => None,
    }
}

/// Finds the form's table on a sheet: None when the sheet is not laid out as the form. `year` is the
/// year evaluated when something beside the form (an `Identitas` sheet) says it.
pub fn find(sheet: &Sheet, year: Option<i32>) -> Option<Form> {
    let (r0, r1) = sheet.rows()?;
    let (c0, c1) = sheet.cols()?;
    let scan_end = r1.min(r0 + 40);
    (r0..=scan_end).find_map(|h| {
        let names_indicator = (c0..=c1).any(|c| {
            typed_text(sheet, h, c).is_some_and(|t| heading(&t, None) == Some(Heading::Group(Group::Indikator)))
        });
        if names_indicator {
            build(sheet, h, year)
        } else {
            None
        }
    })
}

/// One name over a column: its row, its span and its text.
#[derive(Debug, Clone)]
struct Entry {
    row: u32,
    start: u32,
    text: String,
    /// A quarter label (a row of labels under the quarters' group).
    quarter: Option<u8>,
}

fn build(sheet: &Sheet, h: u32, year_given: Option<i32>) -> Option<Form> {
    let (_, r1) = sheet.rows()?;
    let (c0, c1) = sheet.cols()?;
    // The columns of text in row h: a row with typed text in them is data, not header.
    let text_cols: Vec<u32> = (c0..=c1)
        .filter(|&c| {
            typed_text(sheet, h, c)
                .is_some_and(|t| matches!(heading(&t, None), Some(Heading::Group(Group::Indikator | Group::Program))))
        })
        .collect();
    if text_cols.len() < 2 {
        return None;
    }
    // The header's rows under h.
    let mut kinds: Vec<(u32, Kind)> = vec![(h, Kind::Names)];
    let mut seen_numbers_or_subs = false;
    for row in h + 1..=(h + 6).min(r1) {
        if sheet.row_is_blank(row) {
            continue;
        }
        let Some(kind) = row_kind(sheet, row, &text_cols, seen_numbers_or_subs) else { break };
        seen_numbers_or_subs |= matches!(kind, Kind::Numbers | Kind::Subs);
        kinds.push((row, kind));
    }
    let header_end = kinds.last().map_or(h, |(r, _)| *r);
    let number_row = kinds.iter().find(|(_, k)| *k == Kind::Numbers).map(|(r, _)| *r);
    let last_col =
        (c0..=c1).rev().find(|&c| kinds.iter().any(|(r, k)| *k != Kind::Numbers && sheet.text(*r, c).is_some()))?;
    let data_start = header_end + 1;
    let data_end = r1.min(data_start + 3000);

    // The year evaluated: given, else the title's, else the one this year's target names.
    let year = year_given.or_else(|| super::titles::year_before(sheet, h)).or_else(|| {
        kinds.iter().filter(|(_, k)| *k == Kind::Names).find_map(|(r, _)| {
            (c0..=last_col).filter_map(|c| typed_text(sheet, *r, c)).find_map(|t| {
                (heading(&t, None) == Some(Heading::Group(Group::TargetRenja)))
                    .then(|| headings::years_in(&t).last().copied())
                    .flatten()
            })
        })
    });

    // The names over each column, top down, each spanning to the next name in its row within the
    // name above it.
    let mut stacks: Vec<Vec<Entry>> = vec![Vec::new(); (last_col - c0 + 1) as usize];
    let mut parent_spans: Vec<(u32, u32)> = vec![(c0, last_col)];
    for &(row, kind) in kinds.iter().filter(|(_, k)| matches!(k, Kind::Names | Kind::Labels)) {
        let cells: Vec<(u32, String)> =
            (c0..=last_col).filter_map(|c| typed_text(sheet, row, c).map(|t| (c, t))).collect();
        let mut spans = Vec::new();
        for (i, (col, text)) in cells.iter().enumerate() {
            let parent_end =
                parent_spans.iter().find(|(s, e)| (*s..=*e).contains(col)).map(|(_, e)| *e).unwrap_or_else(|| {
                    parent_spans.iter().map(|(s, _)| *s).filter(|s| s > col).min().map_or(last_col, |s| s - 1)
                });
            let next = cells.get(i + 1).map_or(last_col, |(c, _)| c - 1);
            let end = next.min(parent_end).max(*col);
            let quarter = (kind == Kind::Labels).then(|| quarter_label(text)).flatten();
            spans.push((*col, end));
            for c in *col..=end {
                stacks[(c - c0) as usize].push(Entry { row, start: *col, text: text.clone(), quarter });
            }
        }
        // Spans of the rows above that this row does not split stay the parents of the next row.
        let mut next_parents = spans.clone();
        for &(s, e) in &parent_spans {
            if !spans.iter().any(|(a, b)| *a <= e && *b >= s) {
                next_parents.push((s, e));
            }
        }
        next_parents.sort();
        parent_spans = next_parents;
    }
    // The K / % / Rp labels and the numbers over each column.
    let sub_rows: Vec<u32> = kinds.iter().filter(|(_, k)| *k == Kind::Subs).map(|(r, _)| *r).collect();
    let label_of = |c: u32| sub_rows.iter().rev().find_map(|&r| sheet.text(r, c));
    let numbered: Vec<(u32, u32, String)> = number_row
        .map(|nr| {
            (c0..=c1).filter_map(|c| sheet.text(nr, c).and_then(|t| leading_number(&t).map(|n| (c, n, t)))).collect()
        })
        .unwrap_or_default();
    let numbers: BTreeMap<u32, u32> = numbered.iter().map(|(c, n, _)| (*c, *n)).collect();
    let formulas: BTreeMap<u32, String> =
        numbered.into_iter().filter(|(_, _, t)| t.contains('=')).map(|(c, _, t)| (c, t)).collect();

    // Each column's heading: the deepest name that is not a quarter label; a name left aside over it
    // puts it aside (the columns under J-1's "Perkiraan …").
    #[derive(Clone)]
    enum Placed {
        /// A group, with the id (row, start) of the name that places it.
        Group(Group, (u32, u32)),
        Renstra((u32, u32)),
        Aside(Aside),
        Content,
        Unplaced(String),
        Untitled,
    }
    let mut placed: Vec<(Placed, Option<(String, String)>)> = Vec::new();
    let mut problems: Vec<Problem> = Vec::new();
    let mut unsplit = None;
    for c in c0..=last_col {
        let stack = &stacks[(c - c0) as usize];
        let names: Vec<&Entry> = stack.iter().filter(|e| e.quarter.is_none()).collect();
        let label = stack.iter().rev().find(|e| e.quarter.is_some());
        let Some(own) = names.last() else {
            placed.push((Placed::Untitled, None));
            continue;
        };
        let own_heading = heading(&own.text, year);
        let shown = Some((own.text.clone(), address(own.row, own.start)));
        if let Some(a) = names.iter().find_map(|e| match heading(&e.text, year) {
            Some(Heading::Aside(a)) => Some(a),
            _ => None,
        }) {
            placed.push((Placed::Aside(a), shown));
            continue;
        }
        let id = (own.row, own.start);
        let p = match own_heading {
            Some(Heading::Group(Group::Quarter(q))) => Placed::Group(Group::Quarter(q), id),
            Some(Heading::Quarters) | Some(Heading::Realisation) => match label {
                Some(l) if l.row > own.row => Placed::Group(Group::Quarter(l.quarter.unwrap_or(0)), (l.row, l.start)),
                _ if own_heading == Some(Heading::Quarters) => {
                    unsplit.get_or_insert(own.start);
                    Placed::Unplaced("realisasi per triwulan tanpa label I–IV".into())
                }
                _ => Placed::Unplaced("realisasi yang tidak menyebut tahun atau triwulannya".into()),
            },
            Some(Heading::Group(g)) => Placed::Group(g, id),
            Some(Heading::RenstraRealisation) => Placed::Renstra(id),
            Some(Heading::Aside(a)) => Placed::Aside(a),
            Some(Heading::ByContent) | None => Placed::Content,
        };
        let shown = match &p {
            Placed::Group(Group::Quarter(_), (r, s)) if *r != own.row => {
                Some((format!("{} {}", own.text, sheet.text(*r, *s).unwrap_or_default()), address(*r, *s)))
            }
            _ => shown,
        };
        placed.push((p, shown));
    }
    // A Renstra realisation placed by its side of this year's target.
    let target_col = placed.iter().enumerate().find_map(|(i, (p, _))| match p {
        Placed::Group(Group::TargetRenja, _) => Some(c0 + i as u32),
        _ => None,
    })?;
    for (i, (p, _)) in placed.iter_mut().enumerate() {
        if let Placed::Renstra(id) = p {
            let g = if c0 + (i as u32) < target_col { Group::RenstraBefore } else { Group::RenstraNow };
            *p = Placed::Group(g, *id);
        }
    }

    // The groups: the columns of each name, the first name of a group taken, a second one said.
    let mut order: Vec<(Group, (u32, u32))> = Vec::new();
    let mut members: HashMap<(u32, u32), Vec<u32>> = HashMap::new();
    for (i, (p, _)) in placed.iter().enumerate() {
        if let Placed::Group(g, id) = p {
            if !order.iter().any(|(_, x)| x == id) {
                order.push((*g, *id));
            }
            members.entry(*id).or_default().push(c0 + i as u32);
        }
    }
    let mut columns: Vec<Column> = placed
        .iter()
        .enumerate()
        .map(|(i, (p, shown))| {
            let col = c0 + i as u32;
            let role = match p {
                Placed::Aside(a) => Role::Aside(*a),
                Placed::Unplaced(why) => Role::Unplaced(why.clone()),
                Placed::Untitled => Role::Untitled,
                _ => Role::Untitled, // settled below
            };
            Column { col, heading: shown.clone(), label: label_of(col), role }
        })
        .collect();
    let idx = |col: u32| (col - c0) as usize;
    let data_rows = || data_start..=data_end;
    let holds_text = |col: u32| data_rows().filter(|&r| typed_text(sheet, r, col).is_some()).count();
    let holds_numbers =
        |col: u32| data_rows().filter(|&r| matches!(sheet.get(r, col), Data::Float(_) | Data::Int(_))).count();
    let mut groups: HashMap<Group, Cols> = HashMap::new();
    let mut names: HashMap<Group, String> = HashMap::new();
    let mut name_cells: HashMap<Group, String> = HashMap::new();
    let mut kode_cols = Vec::new();
    let mut satuan_candidates: Vec<(Group, u32)> = Vec::new();
    for (g, id) in order {
        let cols = members.remove(&id).unwrap_or_default();
        let (Some(&first), Some(&last)) = (cols.first(), cols.last()) else { continue };
        let cell = address(id.0, id.1);
        if groups.contains_key(&g) {
            let needed = matches!(g, Group::TargetRenja | Group::Quarter(_) | Group::Indikator);
            problems.push(Problem {
                cell: cell.clone(),
                error: needed,
                message: format!(
                    "Kolom {} disebut lagi sebagai {} (yang pertama di {}); {}.",
                    letters(first),
                    g.meaning(),
                    name_cells.get(&g).cloned().unwrap_or_default(),
                    if needed { "formulir tidak dapat dibaca dengan pasti" } else { "isinya tidak dibaca" }
                ),
                hint: Some("Setiap kelompok kolom cukup satu judul; hapus atau ganti judul yang berulang.".into()),
            });
            for c in cols {
                columns[idx(c)].role = Role::Unplaced(format!("{} yang kedua", g.meaning()));
            }
            continue;
        }
        names.insert(
            g,
            stacks[idx(first)].iter().rev().find(|e| e.quarter.is_none()).map(|e| e.text.clone()).unwrap_or_default(),
        );
        name_cells.insert(g, cell.clone());
        let mut set = Cols { first, last, ..Cols::default() };
        if !g.is_figure() {
            if g == Group::Kode {
                kode_cols = cols.clone();
            } else if cols.len() > 1 {
                // A name merged over two columns: the column holding the text ("-" in the other).
                set.first =
                    cols.iter().copied().max_by_key(|&c| (holds_text(c), std::cmp::Reverse(c))).unwrap_or(first);
            }
            for &c in &cols {
                columns[idx(c)].role = if c == set.first || g == Group::Kode {
                    Role::Read(g, Part::Text)
                } else {
                    Role::Unplaced(format!("kolom tanpa teks di bawah judul {}", g.meaning()))
                };
            }
            groups.insert(g, set);
            continue;
        }
        // K, %, Rp by their labels, in any order.
        let mut unlabelled = Vec::new();
        for &c in &cols {
            match columns[idx(c)].label.as_deref().and_then(sub_label) {
                Some(Sub::K) if set.k.is_none() => set.k = Some(c),
                Some(Sub::Pct) if set.pct.is_none() => set.pct = Some(c),
                Some(Sub::Rp(scale)) if set.rp.is_none() => {
                    set.rp = Some(c);
                    set.rp_scale = scale;
                }
                Some(_) => columns[idx(c)].role = Role::Unplaced("label yang berulang dalam kelompoknya".into()),
                None => unlabelled.push(c),
            }
        }
        let any_label = set.k.is_some() || set.pct.is_some() || set.rp.is_some();
        if !any_label {
            // No labels: the one column, or the one holding figures.
            let with_numbers: Vec<u32> = cols.iter().copied().filter(|&c| holds_numbers(c) > 0).collect();
            set.k = match (cols.len(), with_numbers.as_slice()) {
                (1, _) => Some(first),
                (_, []) => Some(first),
                (_, [one]) => Some(*one),
                _ => None,
            };
            if set.k.is_none() {
                let needed = matches!(g, Group::TargetRenja | Group::Quarter(_));
                problems.push(Problem {
                    cell: cell.clone(),
                    error: needed,
                    message: format!(
                        "Di bawah judul \"{}\" ada {} kolom berisi angka tanpa label K, % atau Rp; tidak jelas mana yang dibaca.",
                        super::super::grid::shorten(names.get(&g).map_or("", String::as_str)),
                        with_numbers.len()
                    ),
                    hint: Some("Tulis K (kinerja) dan Rp (anggaran) di atas kolomnya, pada baris di bawah judul kelompok.".into()),
                });
            }
            unlabelled.retain(|c| Some(*c) != set.k);
        }
        for (c, role) in [(set.k, Part::K), (set.pct, Part::Pct), (set.rp, Part::Rp(set.rp_scale))] {
            if let Some(c) = c {
                columns[idx(c)].role = Role::Read(g, role);
            }
        }
        for c in unlabelled {
            if holds_text(c) > holds_numbers(c) {
                satuan_candidates.push((g, c));
            } else if holds_numbers(c) > 0 {
                columns[idx(c)].role = Role::Unplaced("tanpa label K, % atau Rp".into());
                problems.push(Problem {
                    cell: address(header_end, c),
                    error: false,
                    message: format!(
                        "Kolom {} di bawah judul \"{}\" berisi angka tanpa label K, % atau Rp; isinya tidak dibaca.",
                        letters(c),
                        super::super::grid::shorten(names.get(&g).map_or("", String::as_str))
                    ),
                    hint: Some("Bila kolom itu bagian formulir, tulis labelnya (K, %, Rp) di baris label.".into()),
                });
            } else {
                columns[idx(c)].role = Role::Untitled;
            }
        }
        groups.insert(g, set);
    }
    // The satuan in an unlabelled sub-column (of this year's target first), when no column is named Satuan.
    satuan_candidates.sort_by_key(|(g, c)| (*g != Group::TargetRenja, *c));
    for (i, (g, c)) in satuan_candidates.iter().enumerate() {
        if i == 0 && !groups.contains_key(&Group::Satuan) {
            groups.insert(Group::Satuan, Cols { first: *c, last: *c, ..Cols::default() });
            name_cells.insert(Group::Satuan, address(header_end, *c));
            columns[idx(*c)].role = Role::Read(Group::Satuan, Part::ByContent);
        } else {
            columns[idx(*c)].role = Role::Unplaced(format!("teks tanpa label di bawah \"{}\"", g.meaning()));
            problems.push(Problem {
                cell: address(header_end, *c),
                error: false,
                message: format!("Kolom {} berisi teks tanpa judul atau label; isinya tidak dibaca.", letters(*c)),
                hint: None,
            });
        }
    }
    // Columns placed by what they hold: a level, a polarity, an aggregation ("absolut").
    for i in 0..columns.len() {
        if !matches!(placed[i].0, Placed::Content) {
            continue;
        }
        let col = c0 + i as u32;
        let values: Vec<String> = data_rows().filter_map(|r| typed_text(sheet, r, col)).collect();
        let all = |ok: fn(&str) -> bool| !values.is_empty() && values.iter().all(|v| ok(v));
        let by_content = if all(is_level_word) && values.len() >= 2 {
            Some(Group::Level)
        } else if all(|v| super::super::kinerja::indikator::polarity(v).is_some()) {
            Some(Group::Polaritas)
        } else if all(|v| super::indicators::aggregation_word(v).is_some()) {
            Some(Group::Agregasi)
        } else {
            None
        };
        match by_content.filter(|g| !groups.contains_key(g)) {
            Some(g) => {
                groups.insert(g, Cols { first: col, last: col, ..Cols::default() });
                if let Some((_, cell)) = &columns[i].heading {
                    name_cells.insert(g, cell.clone());
                }
                columns[i].role = Role::Read(g, Part::ByContent);
            }
            None => {
                let (text, cell) = columns[i].heading.clone().unwrap_or_default();
                columns[i].role = Role::Unplaced("judul yang tidak dikenali".into());
                if !values.is_empty() || holds_numbers(col) > 0 {
                    problems.push(Problem {
                        cell,
                        error: false,
                        message: format!(
                            "Kolom {} berjudul \"{}\" tidak dikenali; isinya tidak dibaca.",
                            letters(col),
                            super::super::grid::shorten(&text)
                        ),
                        hint: Some("Bila kolom itu dipakai (misalnya Polaritas atau Agregasi), beri judul yang dikenal; bila tidak, biarkan saja.".into()),
                    });
                }
            }
        }
    }
    // The names say what is Renstra and what is this year's; a name that does not say is not read.
    for (i, column) in columns.iter().enumerate() {
        if let (Role::Aside(Aside::EarlierRenstraTarget(y)), Some((text, cell))) = (&column.role, &column.heading) {
            if stacks[i].iter().rev().find(|e| e.quarter.is_none()).is_some_and(|e| e.start == c0 + i as u32) {
                problems.push(Problem {
                    cell: cell.clone(),
                    error: false,
                    message: format!(
                        "Judul \"{}\" menyebut target Renstra tahun {y}, sebelum tahun yang dievaluasi{}; kolom {} tidak dibaca.",
                        super::super::grid::shorten(text),
                        year.map(|y| format!(" ({y})")).unwrap_or_default(),
                        letters(c0 + i as u32)
                    ),
                    hint: Some("Tulis tahun akhir periode Renstra pada judul kolom target Renstra.".into()),
                });
            }
        }
    }
    if !groups.contains_key(&Group::Indikator)
        || !groups.contains_key(&Group::TargetRenja)
        || !groups.contains_key(&Group::Program)
    {
        return None;
    }
    let form = Form {
        header_row: h,
        header_end,
        data_start,
        number_row,
        groups,
        kode_cols,
        last_col,
        names,
        name_cells,
        unsplit_quarters: unsplit,
        year,
        columns,
        numbers,
        formulas,
        problems,
    };
    Some(check_numbers(form))
}

/// The form's own formula of column 13 (`13 = 9 + 10 + 11 + 12`) names the columns of the quarters:
/// when its numbers do not stand over the quarters the names placed, in order, the reading is not
/// certain.
fn check_numbers(mut form: Form) -> Form {
    let Some(real) = form.cols(Group::RealRenja) else { return form };
    let Some(formula) = (real.first..=real.last).find_map(|c| form.formulas.get(&c)).cloned() else {
        return form;
    };
    let Some(summed) = headings::summed_numbers(&formula) else { return form };
    let quarter_of = |number: u32| {
        let col = form.numbers.iter().find(|(_, n)| **n == number).map(|(c, _)| *c)?;
        (1..=4u8).find(|&q| form.cols(Group::Quarter(q)).is_some_and(|c| (c.first..=c.last).contains(&col)))
    };
    let placed: Vec<Option<u8>> = summed.iter().map(|&n| quarter_of(n)).collect();
    let expected: Vec<Option<u8>> = (1..=summed.len() as u8).map(Some).collect();
    let quarters = (1..=4u8).filter(|&q| form.cols(Group::Quarter(q)).is_some()).count();
    if summed.len() == quarters && placed != expected {
        let cell = address(form.number_row.unwrap_or(form.header_row), real.first);
        form.problems.push(Problem {
            cell,
            error: true,
            message: format!(
                "Rumus kolom \"{formula}\" menjumlahkan kolom bernomor {}, tetapi judul-judulnya tidak menempatkan realisasi triwulan I–{} di kolom-kolom itu; susunan kolom tidak pasti.",
                summed.iter().map(u32::to_string).collect::<Vec<_>>().join(", "),
                ["I", "II", "III", "IV"][quarters.clamp(1, 4) - 1]
            ),
            hint: Some("Periksa judul kolom realisasi per triwulan dan baris nomor kolom.".into()),
        });
    }
    form
}

/// True for a word naming a level of the hierarchy (a level column's cell).
fn is_level_word(text: &str) -> bool {
    matches!(normalize(text).as_str(), "urusan" | "bidang" | "bidangurusan" | "program" | "kegiatan" | "subkegiatan")
}

/// What a row under the top row of names is, or None when it is data. Names and quarter labels come
/// before the numbers and the K / Rp labels.
fn row_kind(sheet: &Sheet, row: u32, text_cols: &[u32], after_numbers_or_subs: bool) -> Option<Kind> {
    let (c0, c1) = sheet.cols()?;
    let cells: Vec<(u32, &Data)> = (c0..=c1).map(|c| (c, sheet.get(row, c))).filter(|(_, d)| !is_blank(d)).collect();
    let data_text = text_cols
        .iter()
        .any(|&c| typed_text(sheet, row, c).is_some_and(|t| heading(&t, None).is_none() && sub_label(&t).is_none()));
    let numbers: Vec<u32> =
        cells.iter().filter_map(|(c, _)| sheet.text(row, *c)).filter_map(|t| leading_number(&t)).collect();
    if numbers.len() >= 4
        && numbers.len() * 2 > cells.len()
        && numbers.windows(2).all(|w| w[0] < w[1])
        && numbers[0] <= 2
        && !data_text
    {
        return Some(Kind::Numbers);
    }
    let strings: Vec<String> = cells.iter().filter_map(|(c, _)| typed_text(sheet, row, *c)).collect();
    if strings.iter().filter(|t| sub_label(t).is_some()).count() >= 2 && !data_text {
        return Some(Kind::Subs);
    }
    if after_numbers_or_subs || data_text {
        return None;
    }
    let quarters: Vec<u8> = strings.iter().filter_map(|t| quarter_label(t)).collect();
    if quarters.len() >= 2 && quarters.windows(2).all(|w| w[0] < w[1]) {
        return Some(Kind::Labels);
    }
    let all_text = cells.iter().all(|(_, d)| matches!(d, Data::String(_)));
    let plain = strings.iter().all(|t| super::titles::unit_line(t).is_none() && !t.contains('{'));
    (all_text && plain && !strings.is_empty()).then_some(Kind::Names)
}
