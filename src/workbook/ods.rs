//! What calamine does not tell of an OpenDocument spreadsheet, from one walk over `content.xml`:
//! the cells typed `percentage` (calamine reads 93 % as its fraction 0,93; this makes it mean 93 as in
//! an .xlsx), the area each sheet's filled cells span (so that a sheet too large is never laid out),
//! and the formulas saved without a value.

use super::grid::{Extent, MAX_CELLS};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

/// One sheet's scan.
#[derive(Debug, Default)]
pub struct Scan {
    /// The (row, column) of its percentage cells.
    pub percent: HashSet<(u32, u32)>,
    /// The area its filled cells span.
    pub extent: Option<Extent>,
    /// Its formulas without a value, by cell: their text.
    pub uncomputed: HashMap<(u32, u32), String>,
}

/// The filled cells' corners seen so far: the first filled row's and column's cells, the lowest and
/// the rightmost.
#[derive(Debug, Default)]
struct Corners(Option<[(u32, u32); 4]>);

impl Corners {
    fn add(&mut self, top: (u32, u32), bottom: (u32, u32)) {
        let [mut first_row, mut first_col, mut lowest, mut rightmost] = self.0.unwrap_or([top, top, bottom, bottom]);
        if top.0 < first_row.0 {
            first_row = top;
        }
        if top.1 < first_col.1 {
            first_col = top;
        }
        if bottom > lowest {
            lowest = bottom;
        }
        if (bottom.1, bottom.0) > (rightmost.1, rightmost.0) {
            rightmost = bottom;
        }
        self.0 = Some([first_row, first_col, lowest, rightmost]);
    }
}

/// Largest content.xml read (the zip itself was checked for inflation before).
const MAX_CONTENT: u64 = 256 * 1024 * 1024;

/// Sheet name → its scan; empty when the bytes are not an .ods.
pub fn scan(bytes: &[u8]) -> HashMap<String, Scan> {
    let mut out: HashMap<String, Scan> = HashMap::new();
    let mut corners: HashMap<String, Corners> = HashMap::new();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return out };
    let mut xml = Vec::new();
    match zip.by_name("content.xml") {
        Ok(f) => {
            if f.take(MAX_CONTENT).read_to_end(&mut xml).is_err() {
                return out;
            }
        }
        Err(_) => return out,
    }
    let mut reader = Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    let (mut sheet, mut row, mut col) = (String::new(), 0u32, 0u32);
    let mut row_repeat = 1u32;
    loop {
        let (e, empty) = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => {
                for (sheet, c) in corners {
                    out.entry(sheet).or_default().extent = c.0.and_then(Extent::of);
                }
                break;
            }
            Ok(Event::Start(e)) => (e.into_owned(), false),
            Ok(Event::Empty(e)) => (e.into_owned(), true),
            Ok(Event::End(e)) => {
                if e.local_name().as_ref() == b"table-row" {
                    row = row.saturating_add(row_repeat);
                }
                buf.clear();
                continue;
            }
            Ok(_) => {
                buf.clear();
                continue;
            }
        };
        match e.local_name().as_ref() {
            b"table" => {
                sheet = attr(&e, b"name").unwrap_or_default();
                row = 0;
            }
            b"table-row" => {
                col = 0;
                row_repeat = attr(&e, b"number-rows-repeated").and_then(|n| n.parse().ok()).unwrap_or(1);
                if empty {
                    row = row.saturating_add(row_repeat);
                }
            }
            b"table-cell" | b"covered-table-cell" => {
                let repeat: u32 = attr(&e, b"number-columns-repeated").and_then(|n| n.parse().ok()).unwrap_or(1);
                let value_type = attr(&e, b"value-type");
                let formula = attr(&e, b"formula");
                if value_type.is_some() || formula.is_some() {
                    let bottom = (row.saturating_add(row_repeat.max(1) - 1), col.saturating_add(repeat.max(1) - 1));
                    match corners.get_mut(&sheet) {
                        Some(c) => c.add((row, col), bottom),
                        None => corners.entry(sheet.clone()).or_default().add((row, col), bottom),
                    }
                }
                if let (None, Some(formula)) = (&value_type, formula) {
                    let text = formula.split_once(":=").map_or(formula.as_str(), |(_, f)| f).to_string();
                    out.entry(sheet.clone()).or_default().uncomputed.insert((row, col), text);
                }
                if value_type.as_deref() == Some("percentage") {
                    let cells: &mut HashSet<(u32, u32)> = &mut out.entry(sheet.clone()).or_default().percent;
                    // (At most as many marks as a sheet may have cells; repeats beyond are not marked.)
                    let rows = if (cells.len() as u64) < MAX_CELLS { row_repeat.min(1000) } else { 0 };
                    for r in row..row.saturating_add(rows) {
                        for c in col..col.saturating_add(repeat.min(1000)) {
                            cells.insert((r, c));
                        }
                    }
                }
                col = col.saturating_add(repeat);
            }
            _ => {}
        }
        buf.clear();
    }
    out
}

/// The value of an attribute by its local name.
fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}
