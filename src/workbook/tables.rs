//! The five parts of the workbook: `Identitas` (keys and values) and the
//! tables `Kinerja`, `Anggaran`, `Evaluasi` and `Rencana Aksi`, each found by
//! name and read row by row with every problem recorded.

use super::grid::{self, address, Sheet};
use super::headers::{quarter_token, sheet_matches, Field, Key, Table};
use super::values::{parse_nip, parse_number, parse_period};
use super::{is_totals_label, sheet_list};
use crate::findings::{Findings, Reported};
use crate::model::*;
use crate::names::normalize;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Reads every part; returns the model when `Identitas` and `Kinerja` could be read.
pub fn read_all(sheets: &[Sheet], path: &Path, f: &mut Findings) -> Option<Workbook> {
    check_text_lengths(sheets, f);
    let (identity, settings) = read_identity(sheets, path, f);
    let indicators = read_kinerja(sheets, f);
    let budget = optional_table(sheets, "anggaran", Table::Anggaran, f)
        .map(|(s, h)| read_budget(s, &h, indicators.as_deref().unwrap_or(&[]), f))
        .unwrap_or_default();
    let evaluations = optional_table(sheets, "evaluasi", Table::Evaluasi, f)
        .map(|(s, h)| read_evaluations(s, &h, indicators.as_deref().unwrap_or(&[]), f))
        .unwrap_or_default();
    let action_plans = optional_table(sheets, "rencanaaksi", Table::RencanaAksi, f)
        .map(|(s, h)| read_action_plans(s, &h, indicators.as_deref().unwrap_or(&[]), f))
        .unwrap_or_default();
    f.set_sheet(None);
    Some(Workbook { identity: identity?, settings, indicators: indicators?, budget, evaluations, action_plans })
}

/// Most characters one cell may hold: more can't be laid out in a table cell of the document.
pub const MAX_TEXT_CHARS: usize = 2000;

/// Most data rows one table may have: a Pengukuran Kinerja has tens of indicators, not thousands.
pub const MAX_TABLE_ROWS: usize = 2000;

/// Reports every cell of the sheets kinerja reads whose text is longer than [`MAX_TEXT_CHARS`].
fn check_text_lengths(sheets: &[Sheet], f: &mut Findings) {
    for sheet in sheets {
        if !["identitas", "kinerja", "anggaran", "evaluasi", "rencanaaksi"]
            .iter()
            .any(|k| sheet_matches(k, &sheet.name))
        {
            continue;
        }
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

/// The rows of a table to read: not blank, not a repeated header row (skipped with a warning), and
/// at most [`MAX_TABLE_ROWS`] of them (the first row past the bound gets one finding).
fn data_rows(sheet: &Sheet, header: &Header, table: Table, f: &mut Findings) -> Vec<u32> {
    let Some((_, last)) = sheet.rows() else { return vec![] };
    let col0 = header.row_col0(sheet);
    let mut rows = Vec::new();
    for row in header.data_start..=last {
        if sheet.row_is_blank(row) {
            continue;
        }
        if is_repeated_header(sheet, table, header, row) {
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

/// True for a template nobody has filled yet: an `Identitas` sheet whose keys have no values
/// and a `Kinerja` table with no rows (as `kinerja init` writes it).
pub fn is_unfilled(sheets: &[Sheet]) -> bool {
    let Some(id) = sheets.iter().find(|s| sheet_matches("identitas", &s.name)) else { return false };
    let Some(kinerja) = sheets.iter().find(|s| sheet_matches("kinerja", &s.name)) else { return false };
    let (Some((r0, r1)), Some((c0, c1))) = (id.rows(), id.cols()) else { return false };
    let mut keys = 0;
    for row in r0..=r1 {
        let cells: Vec<String> = (c0..=c1).filter_map(|c| id.text(row, c)).collect();
        match cells.first().and_then(|t| Key::from_text(t)) {
            Some(_) if cells.len() == 1 => keys += 1,
            Some(_) => return false,
            None => {}
        }
    }
    let empty_table = match (find_header(kinerja, Table::Kinerja), kinerja.rows()) {
        (Some(h), Some((_, last))) => (h.data_start..=last).all(|r| kinerja.row_is_blank(r)),
        _ => false,
    };
    keys > 0 && empty_table
}

// ---------------------------------------------------------------- Identitas

/// The `Identitas` sheet alone.
pub fn read_identity_only(sheets: &[Sheet], path: &Path, f: &mut Findings) -> Option<Identity> {
    read_identity(sheets, path, f).0
}

fn read_identity(sheets: &[Sheet], path: &Path, f: &mut Findings) -> (Option<Identity>, Settings) {
    let Some(sheet) = sheets.iter().find(|s| sheet_matches("identitas", &s.name)) else {
        f.set_sheet(None);
        f.file_error(
            format!("Lembar \"Identitas\" tidak ditemukan; lembar yang ada: {}.", sheet_list(sheets)),
            Some("Tambahkan lembar Identitas dengan kunci di kolom A dan nilainya di kolom B (Pemerintah, Perangkat Daerah, Tahun, Periode, Tempat, Jabatan Penandatangan, Nama Penandatangan, NIP).".into()),
        );
        return (None, Settings::default());
    };
    f.set_sheet(Some(&sheet.name));
    // Key cell → (row, column of the value).
    let mut found: HashMap<Key, (u32, u32)> = HashMap::new();
    if let (Some((r0, r1)), Some((c0, c1))) = (sheet.rows(), sheet.cols()) {
        for row in r0..=r1 {
            for col in c0..=c1 {
                let Some(key) = sheet.text(row, col).and_then(|t| Key::from_text(&t)) else {
                    continue;
                };
                if found.contains_key(&key) {
                    continue;
                }
                // The value is the next cell with content; a lone ":" between key and value is layout.
                let value_col = (col + 1..=c1).find(|&c| {
                    sheet.text(row, c).is_some_and(|t| !t.chars().all(|ch| ch == ':' || ch.is_whitespace()))
                });
                found.insert(key, (row, value_col.unwrap_or(col + 1)));
                break; // one key per row; the rest of the row is its value
            }
        }
    }
    let mut ok = true;
    let mut text = |key: Key, f: &mut Findings| -> Option<String> {
        let at = found.get(&key).copied();
        let value = at.and_then(|(r, c)| sheet.text(r, c));
        if value.is_none() && key.required() {
            ok = false;
            let cell = at.map(|(r, c)| address(r, c));
            let message = match cell {
                Some(_) => format!("Nilai \"{}\" kosong; kunci ini wajib diisi.", key.name()),
                None => format!("Kunci \"{}\" tidak ditemukan; kunci ini wajib ada.", key.name()),
            };
            f.error(
                cell,
                message,
                Some(format!("Isi baris \"{}\" di lembar Identitas (kunci di kolom A, nilai di kolom B).", key.name())),
            );
        }
        value
    };
    let government = text(Key::Pemerintah, f);
    let unit = text(Key::Unit, f);
    let address_line = text(Key::Alamat, f);
    let unit_code_raw = text(Key::KodeUnit, f);
    let year_text = text(Key::Tahun, f);
    let period_text = text(Key::Periode, f);
    let place = text(Key::Tempat, f);
    let signer_title = text(Key::Jabatan, f);
    let signer_name = text(Key::Nama, f);
    let signer_rank = text(Key::Pangkat, f);
    let nip_text = text(Key::Nip, f);
    let logo = text(Key::Logo, f);
    let negative_text = text(Key::RumusNegatif, f);
    let cell_of = |key: Key| found.get(&key).map(|&(r, c)| address(r, c));

    let year = year_text.as_deref().and_then(|t| {
        let y = parse_number(t).map(|n| n.value).filter(|y| y.fract() == 0.0 && (2000.0..=2100.0).contains(y));
        if y.is_none() {
            f.error(
                cell_of(Key::Tahun),
                format!("Tahun berisi \"{}\"; diharapkan tahun empat angka antara 2000 dan 2100.", grid::shorten(t)),
                Some("Tulis tahunnya saja, misalnya 2024.".into()),
            );
        }
        y.map(|y| y as i32)
    });
    let period = period_text.as_deref().and_then(|t| {
        let p = parse_period(t);
        if p.is_none() {
            f.error(
                cell_of(Key::Periode),
                format!("Periode \"{}\" tidak dikenal; diharapkan Tahunan atau Triwulan I–IV.", grid::shorten(t)),
                Some("Tulis salah satu dari: Tahunan, Triwulan I, Triwulan II, Triwulan III, Triwulan IV (juga TW 1, Q1).".into()),
            );
        }
        p
    });
    let nip = nip_text.as_deref().and_then(|t| {
        let n = parse_nip(t);
        if n.is_none() {
            let digits = t.chars().filter(char::is_ascii_digit).count();
            f.error(
                cell_of(Key::Nip),
                format!("NIP \"{}\" berisi {digits} angka; diharapkan tepat 18 angka.", grid::shorten(t)),
                Some("Tulis NIP 18 angka, boleh dengan spasi: 19840518 201101 1 014. Di Excel, format selnya sebagai Teks agar angka tidak dibulatkan.".into()),
            );
        }
        n
    });
    let date = match found.get(&Key::Tanggal) {
        Some(&(r, c)) => sheet.date(r, c, "Tanggal", f).ok().flatten(),
        None => None,
    };
    let mut settings = Settings::default();
    if let Some(t) = negative_text {
        match normalize(&t).as_str() {
            "2trt" | "2tr" | "2trtx100" | "a" => settings.negative_formula = NegativeFormula::TwoTMinusR,
            "tr" | "trx100" | "b" => settings.negative_formula = NegativeFormula::TOverR,
            _ => f.error(
                cell_of(Key::RumusNegatif),
                format!(
                    "Rumus polaritas negatif \"{}\" tidak dikenal; diharapkan (2T-R)/T atau T/R.",
                    grid::shorten(&t)
                ),
                None,
            ),
        }
    }
    for (key, slot, what) in
        [(Key::Batas, &mut settings.cap, "Batas Capaian"), (Key::Ambang, &mut None, "Ambang Tercapai")]
    {
        if let Some(&(r, c)) = found.get(&key) {
            if let Ok(Some(v)) = sheet.number(r, c, what, f) {
                if v <= 0.0 {
                    f.error(
                        Some(address(r, c)),
                        format!("{what} {v} tidak masuk akal; diharapkan persen lebih dari 0."),
                        None,
                    );
                } else if key == Key::Ambang {
                    settings.threshold = v;
                } else {
                    *slot = Some(v);
                }
            }
        }
    }

    let unit_code = crate::names::slug(unit_code_raw.as_deref().or(unit.as_deref()).unwrap_or(""));
    if unit.is_some() && unit_code.is_empty() {
        ok = false;
        f.error(
            cell_of(Key::KodeUnit).or(cell_of(Key::Unit)),
            "Kode unit tidak dapat dibentuk: diharapkan huruf atau angka.",
            Some("Isi \"Kode Unit\" dengan singkatan seperti diskominfo.".into()),
        );
    }
    if let Some(logo) = &logo {
        check_logo(path, logo, cell_of(Key::Logo), f);
    }
    if !ok || year.is_none() || period.is_none() || nip.is_none() {
        return (None, settings);
    }
    let identity = (|| {
        Some(Identity {
            government: government?,
            unit: unit?,
            address: address_line,
            unit_code,
            year: year?,
            period: period?,
            place: place?,
            date,
            signer_title: signer_title?,
            signer_name: signer_name?,
            signer_rank,
            nip: nip?,
            logo,
        })
    })();
    (identity, settings)
}

/// The logo must be an image inside the workbook's folder.
fn check_logo(workbook: &Path, logo: &str, cell: Option<String>, f: &mut Findings) {
    match crate::logo::resolve(workbook, logo) {
        Ok(_) => {}
        Err(reason) => f.error(
            cell,
            format!("Logo \"{}\" tidak dapat dipakai: {reason}.", grid::shorten(logo)),
            Some("Simpan berkas logo (PNG, JPG atau SVG) di folder yang sama dengan buku kerja dan tulis namanya saja, misalnya logo-lumajang.png.".into()),
        ),
    }
}

// ---------------------------------------------------------------- tables

/// A table's header: its row, where data starts, and which column holds which field.
pub struct Header {
    /// 0-based row of the header.
    pub row: u32,
    /// First row of data.
    pub data_start: u32,
    /// Field → column.
    pub columns: HashMap<Field, u32>,
}

impl Header {
    fn col(&self, field: Field) -> Option<u32> {
        self.columns.get(&field).copied()
    }
}

/// Finds the table's header row by its names, anywhere in the sheet's first rows.
fn find_header(sheet: &Sheet, table: Table) -> Option<Header> {
    let (r0, r1) = sheet.rows()?;
    let (c0, c1) = sheet.cols()?;
    let required = table.required();
    let mut best: Option<(usize, u32)> = None;
    for row in r0..=r1.min(r0 + 60) {
        let fields: HashSet<Field> =
            (c0..=c1).filter_map(|c| sheet.text(row, c).and_then(|t| table.field(&t))).collect();
        let hits = required.iter().filter(|(field, _)| fields.contains(field)).count();
        if hits >= 2 && best.is_none_or(|(h, _)| hits > h) {
            best = Some((hits, row));
        }
    }
    let (_, row) = best?;
    let mut columns = HashMap::new();
    for col in c0..=c1 {
        if let Some(field) = sheet.text(row, col).and_then(|t| table.field(&t)) {
            columns.entry(field).or_insert(col);
        }
    }
    let mut data_start = row + 1;
    // A two-level header: "Realisasi" over "TW I … TW IV" (merged cells read as blanks).
    if table == Table::Kinerja && row < r1 {
        let sub = row + 1;
        let quarters: Vec<(u32, u8)> = (c0..=c1)
            .filter_map(|c| sheet.text(sub, c).and_then(|t| quarter_token(&normalize(&t)).map(|q| (c, q))))
            .collect();
        if quarters.len() >= 2 {
            for (col, q) in quarters {
                let group =
                    (c0..=col).rev().find_map(|c| sheet.text(row, c)).map(|t| normalize(&t)).unwrap_or_default();
                let field = if group.starts_with("target") {
                    Field::TargetQuarter(q)
                } else if group.starts_with("realisasi") {
                    Field::RealisasiQuarter(q)
                } else {
                    continue;
                };
                if columns.get(&Field::Target) == Some(&col) {
                    columns.remove(&Field::Target);
                }
                if columns.get(&Field::Realisasi) == Some(&col) {
                    columns.remove(&Field::Realisasi);
                }
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
fn check_columns(sheet: &Sheet, table: Table, header: &Header, f: &mut Findings) -> bool {
    let mut ok = true;
    for (field, name) in table.required() {
        if !header.columns.contains_key(field) {
            ok = false;
            f.error(
                Some(address(header.row, sheet.cols().map_or(0, |c| c.0))),
                format!("Kolom wajib \"{name}\" tidak ditemukan pada baris judul tabel (baris {}).", header.row + 1),
                Some(format!("Tambahkan kolom \"{name}\" pada baris judul.")),
            );
        }
    }
    if let Some((c0, c1)) = sheet.cols() {
        let used: HashSet<u32> = header.columns.values().copied().collect();
        for col in c0..=c1 {
            if used.contains(&col) {
                continue;
            }
            if let Some(t) = sheet.text(header.row, col) {
                if table.field(&t).is_none() {
                    f.warning(
                        Some(address(header.row, col)),
                        format!(
                            "Kolom \"{}\" tidak dikenal; isinya tidak dipakai dalam perhitungan.",
                            grid::shorten(&t)
                        ),
                        Some("Bila isinya perlu dipakai, ganti nama kolom sesuai lembar Petunjuk di templat (kinerja init); bila tidak, biarkan saja.".into()),
                    );
                }
            }
        }
    }
    ok
}

/// Finds an optional sheet and its header; a sheet with no recognisable header is an error.
fn optional_table<'a>(sheets: &'a [Sheet], kind: &str, table: Table, f: &mut Findings) -> Option<(&'a Sheet, Header)> {
    let sheet = sheets.iter().find(|s| sheet_matches(kind, &s.name))?;
    f.set_sheet(Some(&sheet.name));
    sheet.rows()?; // an empty optional sheet says nothing
    let Some(header) = find_header(sheet, table) else {
        let names: Vec<&str> = table.required().iter().map(|(_, n)| *n).collect();
        f.error(
            None,
            format!("Baris judul tabel tidak ditemukan; diharapkan kolom {}.", names.join(", ")),
            Some("Tulis nama kolom pada satu baris di atas data.".into()),
        );
        return None;
    };
    check_columns(sheet, table, &header, f).then_some((sheet, header))
}

/// True when the row repeats the header's names (a header pasted twice).
fn is_repeated_header(sheet: &Sheet, table: Table, header: &Header, row: u32) -> bool {
    let matched = header
        .columns
        .iter()
        .filter(|(field, &col)| sheet.text(row, col).and_then(|t| table.field(&t)) == Some(**field))
        .count();
    matched >= 2
}

/// The text of a field's cell in a row.
fn field_text(sheet: &Sheet, header: &Header, row: u32, field: Field) -> Option<String> {
    header.col(field).and_then(|c| sheet.text(row, c))
}

/// A field's cell address in a row (or the header row's first column when absent).
fn field_cell(header: &Header, row: u32, field: Field) -> Option<String> {
    header.col(field).map(|c| address(row, c))
}

// ---------------------------------------------------------------- Kinerja

fn read_kinerja(sheets: &[Sheet], f: &mut Findings) -> Option<Vec<Indicator>> {
    let named = sheets.iter().find(|s| sheet_matches("kinerja", &s.name));
    // When no sheet has the name, take the first sheet whose header row names the table.
    let found = match named {
        Some(s) => Some((s, find_header(s, Table::Kinerja))),
        None => sheets.iter().find_map(|s| find_header(s, Table::Kinerja).map(|h| (s, Some(h)))),
    };
    let Some((sheet, header)) = found else {
        f.set_sheet(None);
        let message = format!(
            "Lembar \"Kinerja\" (juga IKU, IKI, Pengukuran Kinerja) tidak ditemukan; lembar yang ada: {}.",
            sheet_list(sheets)
        );
        let hint = "Salin data ke lembar Kinerja dengan kolom Sasaran Strategis, Indikator Kinerja, Satuan, Target dan Realisasi.";
        // Point at the cell that looks most like a table of indicators, so the user sees what was read.
        match closest_indicator_cell(sheets) {
            Some((s, row, col, text)) => {
                f.set_sheet(Some(&s.name));
                f.error(
                    Some(address(row, col)),
                    format!(
                        "{message} Sel ini berisi \"{}\", tetapi baris ini tidak memuat kolom wajib Sasaran Strategis, Indikator Kinerja, Satuan dan Target dengan nama yang dikenali, sehingga tata letak ini tidak dapat dibaca otomatis.",
                        grid::shorten(&text)
                    ),
                    Some(hint.into()),
                );
            }
            None => f.file_error(message, Some(hint.into())),
        }
        return None;
    };
    if named.is_none() {
        f.set_sheet(Some(&sheet.name));
        f.warning(
            None,
            format!(
                "Tidak ada lembar bernama \"Kinerja\"; lembar \"{}\" dipakai karena baris judulnya sesuai.",
                sheet.name
            ),
            Some("Ganti nama lembar menjadi Kinerja agar jelas.".into()),
        );
    }
    f.set_sheet(Some(&sheet.name));
    let Some(header) = header else {
        f.error(
            None,
            "Baris judul tabel kinerja tidak ditemukan; diharapkan kolom Sasaran Strategis, Indikator Kinerja, Satuan dan Target.",
            Some("Tulis nama kolom pada satu baris di atas data.".into()),
        );
        return None;
    };
    if !check_columns(sheet, Table::Kinerja, &header, f) {
        return None;
    }
    let (_, last) = sheet.rows()?;
    let mut indicators = Vec::new();
    let mut codes: HashMap<String, String> = HashMap::new();
    let mut sasaran: Option<String> = None;
    for row in data_rows(sheet, &header, Table::Kinerja, f) {
        let name = field_text(sheet, &header, row, Field::Indikator);
        let sas_cell = header.col(Field::Sasaran).map(|c| sheet.get(row, c));
        let name_cell = header.col(Field::Indikator).map(|c| sheet.get(row, c));
        if sas_cell.is_some_and(is_totals_label) || name_cell.is_some_and(is_totals_label) {
            continue;
        }
        if let Some(s) = field_text(sheet, &header, row, Field::Sasaran) {
            sasaran = Some(s);
        }
        let Some(name) = name else {
            let only_sasaran = header
                .columns
                .iter()
                .filter(|(field, _)| !matches!(field, Field::Sasaran | Field::Nomor | Field::Kode))
                .all(|(_, &c)| grid::is_blank(sheet.get(row, c)));
            if !only_sasaran {
                f.error(
                    field_cell(&header, row, Field::Indikator),
                    "Nama indikator kosong, padahal baris ini berisi data.",
                    Some("Isi nama indikator, atau kosongkan seluruh baris.".into()),
                );
            }
            continue;
        };
        let Some(sas) = sasaran.clone() else {
            f.error(
                field_cell(&header, row, Field::Sasaran),
                "Sasaran Strategis kosong pada indikator pertama; tidak ada baris di atasnya untuk diikuti.",
                Some("Isi Sasaran Strategis pada baris ini.".into()),
            );
            continue;
        };
        let Some(ind) = read_indicator(sheet, &header, row, sas, name, indicators.len() + 1, f) else {
            continue;
        };
        let code_cell = field_cell(&header, row, Field::Kode);
        if let Some(first) = codes.get(&ind.code) {
            f.error(
                code_cell,
                format!("Kode indikator \"{}\" sudah dipakai di {first}; kode harus unik.", ind.code),
                Some("Beri setiap indikator kode yang berbeda, misalnya 1.1, 1.2, 2.1.".into()),
            );
            continue;
        }
        codes.insert(ind.code.clone(), code_cell.unwrap_or_else(|| format!("baris {}", row + 1)));
        indicators.push(ind);
    }
    if indicators.is_empty() && !f.has_errors() {
        f.error(
            Some(address(header.data_start.min(last), header.row_col0(sheet))),
            "Tabel kinerja tidak berisi satu pun indikator.",
            Some("Isi minimal satu baris indikator di bawah baris judul.".into()),
        );
    }
    Some(indicators)
}

/// The first cell of any sheet whose text begins with "Indikator".
fn closest_indicator_cell(sheets: &[Sheet]) -> Option<(&Sheet, u32, u32, String)> {
    sheets.iter().find_map(|s| {
        let (r0, r1) = s.rows()?;
        let (c0, c1) = s.cols()?;
        (r0..=r1.min(r0 + 200)).find_map(|r| {
            (c0..=c1).find_map(|c| {
                let t = s.text(r, c)?;
                normalize(&t).starts_with("indikator").then_some((s, r, c, t))
            })
        })
    })
}

impl Header {
    fn row_col0(&self, sheet: &Sheet) -> u32 {
        sheet.cols().map_or(0, |c| c.0)
    }
}

fn read_indicator(
    sheet: &Sheet,
    header: &Header,
    row: u32,
    sasaran: String,
    name: String,
    ordinal: usize,
    f: &mut Findings,
) -> Option<Indicator> {
    let mut ok = true;
    let code = field_text(sheet, header, row, Field::Kode).unwrap_or_else(|| ordinal.to_string());
    let unit = field_text(sheet, header, row, Field::Satuan);
    if unit.is_none() {
        ok = false;
        f.error(
            field_cell(header, row, Field::Satuan),
            "Satuan kosong.",
            Some("Isi satuan indikator, misalnya %, Indeks atau Dokumen.".into()),
        );
    }
    let polarity = match field_text(sheet, header, row, Field::Polaritas) {
        None => Polarity::Positif,
        Some(t) => match normalize(&t).as_str() {
            "positif"
            | "naik"
            | "maksimal"
            | "maksimum"
            | "max"
            | "naikbaik"
            | "positive"
            | "semakintinggisemakinbaik" => Polarity::Positif,
            "negatif"
            | "turun"
            | "minimal"
            | "minimum"
            | "min"
            | "turunbaik"
            | "negative"
            | "semakinrendahsemakinbaik" => Polarity::Negatif,
            "rentang" | "range" | "antara" => Polarity::Rentang,
            "tetap" | "stabil" | "stable" => Polarity::Tetap,
            _ => {
                ok = false;
                f.error(
                    field_cell(header, row, Field::Polaritas),
                    format!(
                        "Polaritas \"{}\" tidak dikenal; diharapkan Positif, Negatif, Rentang atau Tetap.",
                        grid::shorten(&t)
                    ),
                    None,
                );
                Polarity::Positif
            }
        },
    };
    let target_col = header.col(Field::Target)?;
    let target = read_target(sheet, row, target_col, polarity, f);
    let mut target_quarters = [None; 4];
    let mut real_quarters = [None; 4];
    let mut last_real_cell = None;
    for q in 1..=4u8 {
        if let Some(c) = header.col(Field::TargetQuarter(q)) {
            match sheet.number(row, c, &format!("Target TW {}", roman(q)), f) {
                Ok(v) => target_quarters[q as usize - 1] = v,
                Err(Reported) => ok = false,
            }
        }
        if let Some(c) = header.col(Field::RealisasiQuarter(q)) {
            match sheet.number(row, c, &format!("Realisasi TW {}", roman(q)), f) {
                Ok(v) => {
                    if v.is_some() {
                        last_real_cell = Some(address(row, c));
                    }
                    real_quarters[q as usize - 1] = v
                }
                Err(Reported) => ok = false,
            }
        }
    }
    let realisation = match header.col(Field::Realisasi) {
        Some(c) => match sheet.number(row, c, "Realisasi", f) {
            Ok(v) => {
                if v.is_some() {
                    last_real_cell = Some(address(row, c));
                }
                v
            }
            Err(Reported) => {
                ok = false;
                None
            }
        },
        None => None,
    };
    let aggregation = match field_text(sheet, header, row, Field::Agregasi) {
        None => Aggregation::Terakhir,
        Some(t) => match normalize(&t).as_str() {
            "jumlah" | "sum" | "kumulatif" | "total" => Aggregation::Jumlah,
            "terakhir" | "last" | "posisi" | "posisiakhir" => Aggregation::Terakhir,
            "ratarata" | "average" | "mean" | "rerata" => Aggregation::RataRata,
            _ => {
                ok = false;
                f.error(
                    field_cell(header, row, Field::Agregasi),
                    format!(
                        "Agregasi \"{}\" tidak dikenal; diharapkan jumlah, terakhir atau rata-rata.",
                        grid::shorten(&t)
                    ),
                    None,
                );
                Aggregation::Terakhir
            }
        },
    };
    let target = target?;
    if !ok || unit.is_none() {
        return None;
    }
    Some(Indicator {
        code,
        sasaran,
        name,
        unit: unit?,
        polarity,
        target,
        target_quarters,
        real_quarters,
        realisation,
        aggregation,
        note: field_text(sheet, header, row, Field::Keterangan),
        data_source: field_text(sheet, header, row, Field::SumberData),
        origin: Origin {
            sheet: sheet.name.clone(),
            row: row + 1,
            target_cell: Some(address(row, target_col)),
            realisation_cell: last_real_cell,
        },
    })
}

fn roman(q: u8) -> &'static str {
    ["I", "II", "III", "IV"][(q as usize).clamp(1, 4) - 1]
}

/// A target: one number, or two for a range ("5 - 10", "5 s.d. 10", "antara 5 dan 10").
fn read_target(sheet: &Sheet, row: u32, col: u32, polarity: Polarity, f: &mut Findings) -> Option<Target> {
    let cell = address(row, col);
    if let Some(text) = sheet.text(row, col).filter(|_| matches!(sheet.get(row, col), calamine::Data::String(_))) {
        if let Some((lo, hi)) = parse_range(&text) {
            if lo > hi {
                f.error(
                    Some(cell),
                    format!("Target rentang \"{text}\" terbalik: batas bawah lebih besar dari batas atas."),
                    None,
                );
                return None;
            }
            return Some(Target::Range(lo, hi));
        }
    }
    match sheet.number(row, col, "Target", f) {
        Ok(Some(v)) => {
            if polarity == Polarity::Rentang {
                f.error(
                    Some(cell),
                    "Polaritas Rentang memerlukan target dua angka, misalnya \"5 - 10\".".to_string(),
                    None,
                );
                return None;
            }
            Some(Target::Single(v))
        }
        Ok(None) => {
            f.error(
                Some(cell),
                "Target kosong; setiap indikator wajib memiliki target.",
                Some("Isi target tahunan sesuai Perjanjian Kinerja.".into()),
            );
            None
        }
        Err(Reported) => None,
    }
}

/// "5 - 10", "5–10", "5 s.d. 10", "5 s/d 10", "antara 5 dan 10" → (5, 10).
pub fn parse_range(text: &str) -> Option<(f64, f64)> {
    let t = text.trim().to_lowercase();
    let t = t.strip_prefix("antara").unwrap_or(&t).trim().to_string();
    for sep in [" s.d. ", " s.d ", " s/d ", " sd ", " dan ", " sampai ", " - ", " – ", "–", "-"] {
        if let Some((a, b)) = t.split_once(sep) {
            if a.trim().is_empty() {
                continue; // a negative number, not a range
            }
            let (a, b) = (parse_number(a.trim())?, parse_number(b.trim())?);
            return Some((a.value, b.value));
        }
    }
    None
}

// ---------------------------------------------------------------- Anggaran

fn read_budget(sheet: &Sheet, header: &Header, indicators: &[Indicator], f: &mut Findings) -> Vec<BudgetLine> {
    let mut lines = Vec::new();
    let known: HashSet<&str> = indicators.iter().map(|i| i.code.as_str()).collect();
    // Most specific name column first: Sub Kegiatan, Kegiatan, Program, Uraian.
    let name_cols: Vec<u32> = header.col(Field::Uraian).into_iter().collect();
    for row in data_rows(sheet, header, Table::Anggaran, f) {
        let name_cell = name_cols.first().map(|&c| sheet.get(row, c));
        if name_cell.is_some_and(is_totals_label) {
            continue;
        }
        let Some(name) = name_cols.iter().find_map(|&c| sheet.text(row, c)) else {
            f.error(
                field_cell(header, row, Field::Uraian),
                "Uraian program/kegiatan kosong, padahal baris ini berisi angka.",
                Some("Isi nama program/kegiatan, atau kosongkan seluruh baris.".into()),
            );
            continue;
        };
        let mut ok = true;
        let mut money = |field: Field, what: &str, f: &mut Findings| -> Option<f64> {
            let c = header.col(field)?;
            match sheet.number(row, c, what, f) {
                Ok(Some(v)) if v < 0.0 => {
                    ok = false;
                    f.error(
                        Some(address(row, c)),
                        format!("{what} bernilai negatif ({v}); diharapkan rupiah 0 atau lebih."),
                        None,
                    );
                    None
                }
                Ok(Some(v)) => Some(v),
                Ok(None) => {
                    ok = false;
                    f.error(
                        Some(address(row, c)),
                        format!("{what} kosong; diharapkan rupiah (tulis 0 bila belum ada)."),
                        None,
                    );
                    None
                }
                Err(Reported) => {
                    ok = false;
                    None
                }
            }
        };
        let pagu = money(Field::Pagu, "Pagu", f);
        let realisation = money(Field::Realisasi, "Realisasi anggaran", f);
        let stated_serapan = match header.col(Field::Serapan) {
            Some(c) => sheet.number(row, c, "Serapan", f).unwrap_or_else(|Reported| {
                ok = false;
                None
            }),
            None => None,
        };
        let indicator_codes: Vec<String> = field_text(sheet, header, row, Field::KodeIndikator)
            .map(|t| t.split([',', ';']).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
            .unwrap_or_default();
        for code in &indicator_codes {
            if !known.is_empty() && !known.contains(code.as_str()) {
                f.warning(
                    field_cell(header, row, Field::KodeIndikator),
                    format!("Kode indikator \"{}\" tidak ada di lembar Kinerja.", grid::shorten(code)),
                    Some("Periksa kolom Kode Indikator: tulis kode seperti di lembar Kinerja, dipisah koma.".into()),
                );
            }
        }
        let (Some(pagu), Some(realisation)) = (pagu, realisation) else {
            continue;
        };
        if !ok {
            continue;
        }
        if realisation > pagu {
            f.warning(
                field_cell(header, row, Field::Realisasi),
                format!(
                    "Realisasi anggaran Rp {} melebihi pagu Rp {}.",
                    crate::format::rupiah_plain(realisation),
                    crate::format::rupiah_plain(pagu)
                ),
                Some("Periksa kembali angka realisasi dan pagu.".into()),
            );
        }
        lines.push(BudgetLine {
            name,
            pagu,
            realisation,
            indicator_codes,
            stated_serapan,
            origin: Origin {
                sheet: sheet.name.clone(),
                row: row + 1,
                target_cell: field_cell(header, row, Field::Serapan),
                realisation_cell: field_cell(header, row, Field::Realisasi),
            },
        });
    }
    lines
}

// ---------------------------------------------------------------- Evaluasi

/// Whether a reference (code or name) names one of the indicators.
fn names_any(reference: &str, indicators: &[Indicator]) -> bool {
    indicators.iter().any(|i| crate::names::names_indicator(reference, &i.code, &i.name))
}

fn read_evaluations(sheet: &Sheet, header: &Header, indicators: &[Indicator], f: &mut Findings) -> Vec<EvaluationNote> {
    let mut notes = Vec::new();
    for row in data_rows(sheet, header, Table::Evaluasi, f) {
        let date_col = header.col(Field::Tanggal).unwrap_or(0);
        let date = match sheet.date(row, date_col, "Tanggal rapat", f) {
            Ok(Some(d)) => Some(d),
            Ok(None) => {
                f.error(
                    Some(address(row, date_col)),
                    "Tanggal rapat evaluasi kosong.",
                    Some("Isi tanggal rapat, misalnya 15 Januari 2024.".into()),
                );
                None
            }
            Err(Reported) => None,
        };
        let note = field_text(sheet, header, row, Field::Catatan);
        if note.is_none() {
            f.error(
                field_cell(header, row, Field::Catatan),
                "Catatan evaluasi kosong.",
                Some("Isi catatan rapat, atau kosongkan seluruh baris.".into()),
            );
        }
        let indicator = field_text(sheet, header, row, Field::Indikator);
        if let Some(r) = &indicator {
            if !names_any(r, indicators) && !indicators.is_empty() {
                f.warning(
                    field_cell(header, row, Field::Indikator),
                    format!("Indikator \"{}\" tidak ditemukan di lembar Kinerja (kode atau nama).", grid::shorten(r)),
                    Some("Tulis kode indikator (misalnya 1.1) atau namanya persis seperti di lembar Kinerja.".into()),
                );
            }
        }
        if let (Some(date), Some(note)) = (date, note) {
            notes.push(EvaluationNote {
                date,
                indicator,
                note,
                follow_up: field_text(sheet, header, row, Field::TindakLanjut),
            });
        }
    }
    notes.sort_by_key(|n| n.date);
    notes
}

// ---------------------------------------------------------------- Rencana Aksi

fn read_action_plans(sheet: &Sheet, header: &Header, indicators: &[Indicator], f: &mut Findings) -> Vec<ActionPlan> {
    let mut plans = Vec::new();
    for row in data_rows(sheet, header, Table::RencanaAksi, f) {
        let mut missing = false;
        let mut get = |field: Field, what: &str, f: &mut Findings| {
            let v = field_text(sheet, header, row, field);
            if v.is_none() {
                missing = true;
                f.error(
                    field_cell(header, row, field),
                    format!("{what} kosong; kolom ini wajib diisi pada rencana aksi."),
                    Some("Isi kode, kendala, rencana aksi, penanggung jawab dan batas waktu untuk setiap indikator yang tidak tercapai.".into()),
                );
            }
            v
        };
        let indicator = get(Field::Indikator, "Kode/Indikator", f);
        let problem = get(Field::Kendala, "Kendala", f);
        let action = get(Field::RencanaAksi, "Rencana aksi", f);
        let responsible = get(Field::PenanggungJawab, "Penanggung jawab", f);
        let deadline = match header.col(Field::BatasWaktu) {
            Some(c) => match sheet.get(row, c) {
                calamine::Data::String(s) => {
                    let s = s.trim();
                    if s.is_empty() {
                        None
                    } else {
                        Some(
                            super::values::parse_date_text(s).map(crate::format::date).unwrap_or_else(|| s.to_string()),
                        )
                    }
                }
                calamine::Data::Empty => None,
                _ => sheet.date(row, c, "Batas waktu", f).ok().flatten().map(crate::format::date),
            },
            None => None,
        };
        if deadline.is_none() {
            missing = true;
            f.error(
                field_cell(header, row, Field::BatasWaktu),
                "Batas waktu kosong; kolom ini wajib diisi pada rencana aksi.",
                Some("Isi kode, kendala, rencana aksi, penanggung jawab dan batas waktu untuk setiap indikator yang tidak tercapai.".into()),
            );
        }
        if let Some(r) = &indicator {
            if !names_any(r, indicators) && !indicators.is_empty() {
                f.warning(
                    field_cell(header, row, Field::Indikator),
                    format!("Indikator \"{}\" tidak ditemukan di lembar Kinerja (kode atau nama).", grid::shorten(r)),
                    Some("Tulis kode indikator (misalnya 1.1) atau namanya persis seperti di lembar Kinerja.".into()),
                );
            }
        }
        if missing {
            continue;
        }
        plans.push(ActionPlan {
            indicator: indicator.unwrap_or_default(),
            problem: problem.unwrap_or_default(),
            action: action.unwrap_or_default(),
            responsible: responsible.unwrap_or_default(),
            deadline: deadline.unwrap_or_default(),
        });
    }
    plans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(parse_range("5 - 10"), Some((5.0, 10.0)));
        assert_eq!(parse_range("antara 5 dan 10"), Some((5.0, 10.0)));
        assert_eq!(parse_range("2,5 s.d. 3,5"), Some((2.5, 3.5)));
        assert_eq!(parse_range("-5"), None);
        assert_eq!(parse_range("7"), None);
    }
}
