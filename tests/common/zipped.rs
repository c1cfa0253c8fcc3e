//! A real .xlsx with an `Identitas` sheet added beside it, as an office would add one: every part of
//! the original is copied byte for byte (its sheets, strings, styles), and only the workbook's list
//! of sheets, its relations and its content types gain the new sheet.

use std::io::{Read, Write};
use std::path::Path;

/// XML text escaped.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Writes `dst`: the workbook `src` with a sheet `Identitas` of `(key, value)` rows in A and B.
pub fn with_identitas(src: &Path, dst: &Path, keys: &[(&str, &str)]) {
    let mut zin = zip::ZipArchive::new(std::fs::File::open(src).unwrap()).unwrap();
    let mut zout = zip::ZipWriter::new(std::fs::File::create(dst).unwrap());
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zin.len() {
        let mut entry = zin.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        let text = || String::from_utf8(bytes.clone()).unwrap();
        let bytes = match name.as_str() {
            "xl/workbook.xml" => text()
                .replace("</sheets>", r#"<sheet name="Identitas" sheetId="900" r:id="rIdIdentitas"/></sheets>"#)
                .into_bytes(),
            "xl/_rels/workbook.xml.rels" => text()
                .replace(
                    "</Relationships>",
                    r#"<Relationship Id="rIdIdentitas" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheetIdentitas.xml"/></Relationships>"#,
                )
                .into_bytes(),
            "[Content_Types].xml" => text()
                .replace(
                    "</Types>",
                    r#"<Override PartName="/xl/worksheets/sheetIdentitas.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
                )
                .into_bytes(),
            _ => bytes,
        };
        zout.start_file(name, opts).unwrap();
        zout.write_all(&bytes).unwrap();
    }
    let rows: String = keys
        .iter()
        .enumerate()
        .map(|(i, (k, v))| {
            let r = i + 1;
            format!(
                r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{}</t></is></c><c r="B{r}" t="inlineStr"><is><t>{}</t></is></c></row>"#,
                esc(k),
                esc(v)
            )
        })
        .collect();
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    );
    zout.start_file("xl/worksheets/sheetIdentitas.xml", opts).unwrap();
    zout.write_all(sheet.as_bytes()).unwrap();
    zout.finish().unwrap();
}
