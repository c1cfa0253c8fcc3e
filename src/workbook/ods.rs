//! Percent cells of an OpenDocument spreadsheet. calamine reads an .ods
//! percentage as its fraction (0,93) without saying it was one; this walks
//! `content.xml` to find the cells typed `percentage`, so that 93 % means 93
//! as it does in an .xlsx.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

/// Largest content.xml read (the zip itself was checked for inflation before).
const MAX_CONTENT: u64 = 256 * 1024 * 1024;

/// Sheet name → the (row, column) of its percentage cells; empty when the bytes are not an .ods.
pub fn percent_cells(bytes: &[u8]) -> HashMap<String, HashSet<(u32, u32)>> {
    let mut out = HashMap::new();
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
            Ok(Event::Eof) | Err(_) => break,
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
                if attr(&e, b"value-type").as_deref() == Some("percentage") {
                    let cells: &mut HashSet<(u32, u32)> = out.entry(sheet.clone()).or_default();
                    for r in row..row.saturating_add(row_repeat.min(1000)) {
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
