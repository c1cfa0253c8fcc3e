//! Sheet `Kinerja`: one row per indicator — sasaran, name, satuan, polarity, target, quarterly
//! targets and realisations, aggregation. Its columns with their aliases are [`TABLE`].

use super::super::grid::{self, address, Sheet};
use super::super::table::{self, first_col, Column, Header, SubHeader, TableSpec};
use super::super::values::{parse_number, parse_yes_no, quarter_token};
use super::super::{is_totals_label, sheet_list};
use crate::findings::{Findings, Reported};
use crate::model::{Aggregation, Indicator, Origin, Polarity, Target};
use crate::names::normalize;
use std::collections::HashMap;

/// A column of `Kinerja`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Col {
    Kode,
    Sasaran,
    Indikator,
    Satuan,
    Polaritas,
    Target,
    /// Target of quarter 1–4 (0 stands for all four in the reference).
    TargetQuarter(u8),
    /// Realisation of quarter 1–4 (0 stands for all four in the reference).
    RealisasiQuarter(u8),
    Realisasi,
    Agregasi,
    Keterangan,
    SumberData,
    Jenis,
    FaktorPendorong,
    FaktorPenghambat,
    TindakLanjut,
    RealisasiTahunLalu,
    CapaianTahunLalu,
    TargetRenstra,
    RenstraBefore,
    RenstraKumulatif,
    StandarNasional,
    SumberStandar,
    /// A running number ("No"): known, and not used.
    Nomor,
    /// Capaian or predikat computed in the sheet: known, and recomputed by us instead.
    Computed,
}

/// The table: its sheet and columns.
pub const TABLE: TableSpec<Col> = TableSpec {
    sheet: "Kinerja",
    sheet_aliases: &["kinerja", "iku", "iki", "pengukurankinerja", "pengukuran"],
    columns: &[
        Column { field: Col::Kode, name: "Kode", aliases: &["kode", "kodeindikator"], required: false, help: "Kode indikator yang unik, misalnya 1.1. Bila kosong diberi nomor urut." },
        Column { field: Col::Sasaran, name: "Sasaran Strategis", aliases: &["sasaranstrategis", "sasaran", "sasaranprogram"], required: true, help: "Sasaran yang dituju indikator. Sel kosong berarti sama dengan baris di atasnya." },
        Column { field: Col::Indikator, name: "Indikator Kinerja", aliases: &["indikatorkinerja", "indikator", "indikatorkinerjautama", "iku", "iki", "indikatorkinerjaindividu", "indikatorsasaran"], required: true, help: "Nama indikator kinerja." },
        Column { field: Col::Satuan, name: "Satuan", aliases: &["satuan"], required: true, help: "Misalnya %, Indeks, Dokumen." },
        Column { field: Col::Polaritas, name: "Polaritas", aliases: &["polaritas", "sifat", "polarisasi"], required: false, help: "Pilih Positif (makin tinggi makin baik, bawaan), Negatif (makin rendah makin baik), Rentang (target dua angka, misalnya 5 - 10) atau Tetap." },
        Column { field: Col::Target, name: "Target", aliases: &["target", "targettahunan", "targetpk"], required: true, help: "Target tahunan sesuai Perjanjian Kinerja." },
        Column { field: Col::TargetQuarter(0), name: "Target TW I … TW IV", aliases: &[], required: false, help: "Target per triwulan; dipakai untuk pengukuran triwulan." },
        Column { field: Col::RealisasiQuarter(0), name: "Realisasi TW I … TW IV", aliases: &[], required: false, help: "Realisasi per triwulan. Sel kosong berarti belum dilaporkan; isi 0 bila memang nol." },
        Column { field: Col::Realisasi, name: "Realisasi", aliases: &["realisasi", "realisasikumulatif", "realisasisdtw"], required: false, help: "Realisasi sampai periode ini. Bila kosong dihitung dari kolom triwulan menurut Agregasi." },
        Column { field: Col::Agregasi, name: "Agregasi", aliases: &["agregasi"], required: false, help: "Pilih terakhir (bawaan; untuk indeks dan persentase), jumlah (untuk hitungan) atau rata-rata." },
        Column { field: Col::Keterangan, name: "Keterangan", aliases: &["keterangan", "ket"], required: false, help: "Catatan yang dicetak di bawah nama indikator." },
        Column { field: Col::SumberData, name: "Sumber Data", aliases: &["sumberdata"], required: false, help: "Asal data; dicetak di bawah nama indikator." },
        Column { field: Col::Jenis, name: "Jenis", aliases: &["jenis", "jenisindikator", "tipeindikator"], required: false, help: "Jenis indikator: IKU, IKK, IKD …; dicetak di bawah kodenya." },
        Column { field: Col::FaktorPendorong, name: "Faktor Pendorong", aliases: &["faktorpendorong", "pendorong", "faktorpendukung"], required: false, help: "Apa yang mendorong capaian; dicetak dalam tabel Analisis Capaian, juga untuk indikator yang tercapai." },
        Column { field: Col::FaktorPenghambat, name: "Faktor Penghambat", aliases: &["faktorpenghambat", "penghambat"], required: false, help: "Apa yang menghambat capaian." },
        Column { field: Col::RealisasiTahunLalu, name: "Realisasi Tahun Lalu", aliases: &["realisasitahunlalu", "realisasitahunsebelumnya"], required: false, help: "Realisasi tahun lalu; dipakai bila arsip tidak memuat dokumen final tahun lalu, dan diutamakan (dengan peringatan) bila keduanya berbeda." },
        Column { field: Col::CapaianTahunLalu, name: "Capaian Tahun Lalu", aliases: &["capaiantahunlalu", "capaiantahunsebelumnya"], required: false, help: "Capaian tahun lalu dalam persen; seperti Realisasi Tahun Lalu." },
        Column { field: Col::TargetRenstra, name: "Target Renstra", aliases: &["targetrenstra", "targetakhirrenstra", "targetakhirperioderenstra", "targetakhirperiode"], required: false, help: "Target akhir periode Renstra (tahunnya di kunci Tahun Akhir Renstra, lembar Identitas)." },
        Column { field: Col::RenstraBefore, name: "Realisasi Renstra s.d. Tahun Lalu", aliases: &["realisasirenstrasdtahunlalu", "realisasisdtahunlalu", "realisasikumulatifsdtahunlalu", "realisasirenstrasampaitahunlalu"], required: false, help: "Realisasi periode Renstra sampai tahun lalu; realisasi tahun ini ditambahkan padanya bila indikatornya dijumlahkan antartahun (lihat Renstra Kumulatif)." },
        Column { field: Col::RenstraKumulatif, name: "Renstra Kumulatif", aliases: &["renstrakumulatif", "kumulatifrenstra", "kumulatifantartahun", "dijumlahkanantartahun"], required: false, help: "ya: realisasi tahun ini ditambahkan ke realisasi s.d. tahun lalu (hitungan, jumlah uang); tidak: realisasi Renstra adalah posisi tahun ini (tingkat). Kosong: menurut kunci Renstra Kumulatif di Identitas, bila tidak ada menurut satuan (%, indeks, nilai, skor, rasio tidak dijumlahkan; satuan lain dijumlahkan), apa pun Agregasi triwulannya." },
        Column { field: Col::StandarNasional, name: "Standar Nasional", aliases: &["standarnasional", "standar", "standarnasionalindikator", "targetnasional", "rataratanasional", "capaiannasional", "benchmark"], required: false, help: "Angka pembanding nasional untuk indikator ini (standar pelayanan minimal, target atau rata-rata nasional) dalam satuan indikatornya; Laporan Kinerja membandingkan realisasi dengannya." },
        Column { field: Col::SumberStandar, name: "Sumber Standar", aliases: &["sumberstandar", "acuanstandar", "sumberstandarnasional", "dasarstandar"], required: false, help: "Asal standar nasional itu, misalnya Permendagri 59/2021 (SPM) atau rata-rata nasional BPS 2023; dicetak di Laporan Kinerja." },
        Column { field: Col::TindakLanjut, name: "Tindak Lanjut", aliases: &["tindaklanjut", "rekomendasi", "tindaklanjutrekomendasi"], required: false, help: "Apa yang akan dilakukan berikutnya (untuk indikator yang tidak tercapai, rencana aksinya tetap di lembar Rencana Aksi)." },
        Column { field: Col::Nomor, name: "No", aliases: &["no", "nomor"], required: false, help: "" },
        Column { field: Col::Computed, name: "Capaian", aliases: &["capaian", "capaianpersen", "predikat", "kategori"], required: false, help: "" },
    ],
    pattern: Some(quarter_column),
    sub_header: Some(SubHeader { is_sub: |n| quarter_token(n).is_some(), field: quarter_under_group }),
};

/// "Target TW II", "Realisasi Q3" (normalised) → the quarter column.
fn quarter_column(n: &str) -> Option<Col> {
    if let Some(q) = n.strip_prefix("target").and_then(quarter_token) {
        return Some(Col::TargetQuarter(q));
    }
    n.strip_prefix("realisasi").and_then(quarter_token).map(Col::RealisasiQuarter)
}

/// "TW I" under a "Target" or "Realisasi" group (normalised).
fn quarter_under_group(group: &str, sub: &str) -> Option<Col> {
    let q = quarter_token(sub)?;
    if group.starts_with("target") {
        Some(Col::TargetQuarter(q))
    } else if group.starts_with("realisasi") {
        Some(Col::RealisasiQuarter(q))
    } else {
        None
    }
}

/// Finds the table; when no sheet has its name, the first sheet whose header row names it.
pub(super) fn find(sheets: &[Sheet]) -> Option<(&Sheet, Option<Header<Col>>, bool)> {
    match TABLE.sheet_in(sheets) {
        Some(s) => Some((s, table::find_header(s, &TABLE), true)),
        None => sheets.iter().find_map(|s| table::find_header(s, &TABLE).map(|h| (s, Some(h), false))),
    }
}

/// Reads the indicators; None when the table can't be found or read.
pub fn read(sheets: &[Sheet], f: &mut Findings) -> Option<Vec<Indicator>> {
    let Some((sheet, header, named)) = find(sheets) else {
        not_found(sheets, f);
        return None;
    };
    if !named {
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
    if !table::check_columns(sheet, &TABLE, &header, f) {
        return None;
    }
    let (_, last) = sheet.rows()?;
    let mut indicators = Vec::new();
    let mut codes: HashMap<String, String> = HashMap::new();
    let mut sasaran: Option<String> = None;
    for row in table::data_rows(sheet, &header, &TABLE, f) {
        let name = header.text(sheet, row, Col::Indikator);
        let sas_cell = header.col(Col::Sasaran).map(|c| sheet.get(row, c));
        let name_cell = header.col(Col::Indikator).map(|c| sheet.get(row, c));
        if sas_cell.is_some_and(is_totals_label) || name_cell.is_some_and(is_totals_label) {
            continue;
        }
        if let Some(s) = header.text(sheet, row, Col::Sasaran) {
            sasaran = Some(s);
        }
        let Some(name) = name else {
            let only_sasaran = header
                .columns
                .iter()
                .filter(|(field, _)| !matches!(field, Col::Sasaran | Col::Nomor | Col::Kode))
                .all(|(_, &c)| grid::is_blank(sheet.get(row, c)));
            if !only_sasaran {
                f.error(
                    header.cell(row, Col::Indikator),
                    "Nama indikator kosong, padahal baris ini berisi data.",
                    Some("Isi nama indikator, atau kosongkan seluruh baris.".into()),
                );
            }
            continue;
        };
        let Some(sas) = sasaran.clone() else {
            f.error(
                header.cell(row, Col::Sasaran),
                "Sasaran Strategis kosong pada indikator pertama; tidak ada baris di atasnya untuk diikuti.",
                Some("Isi Sasaran Strategis pada baris ini.".into()),
            );
            continue;
        };
        let Some(ind) = read_indicator(sheet, &header, row, sas, name, indicators.len() + 1, f) else {
            continue;
        };
        let code_cell = header.cell(row, Col::Kode);
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
            Some(address(header.data_start.min(last), first_col(sheet))),
            "Tabel kinerja tidak berisi satu pun indikator.",
            Some("Isi minimal satu baris indikator di bawah baris judul.".into()),
        );
    }
    Some(indicators)
}

/// No sheet holds the table: the error points at the cell that looks most like a table of
/// indicators, so the user sees what was read.
fn not_found(sheets: &[Sheet], f: &mut Findings) {
    f.set_sheet(None);
    let message = format!(
        "Lembar \"Kinerja\" (juga IKU, IKI, Pengukuran Kinerja) tidak ditemukan; lembar yang ada: {}.",
        sheet_list(sheets)
    );
    let hint =
        "Salin data ke lembar Kinerja dengan kolom Sasaran Strategis, Indikator Kinerja, Satuan, Target dan Realisasi.";
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

fn read_indicator(
    sheet: &Sheet,
    header: &Header<Col>,
    row: u32,
    sasaran: String,
    name: String,
    ordinal: usize,
    f: &mut Findings,
) -> Option<Indicator> {
    let mut ok = true;
    let code = header.text(sheet, row, Col::Kode).unwrap_or_else(|| ordinal.to_string());
    let unit = header.text(sheet, row, Col::Satuan);
    if unit.is_none() {
        ok = false;
        f.error(
            header.cell(row, Col::Satuan),
            "Satuan kosong.",
            Some("Isi satuan indikator, misalnya %, Indeks atau Dokumen.".into()),
        );
    }
    let polarity = match header.text(sheet, row, Col::Polaritas) {
        None => Polarity::Positif,
        Some(t) => polarity(&t).unwrap_or_else(|| {
            ok = false;
            f.error(
                header.cell(row, Col::Polaritas),
                format!(
                    "Polaritas \"{}\" tidak dikenal; diharapkan Positif, Negatif, Rentang atau Tetap.",
                    grid::shorten(&t)
                ),
                None,
            );
            Polarity::Positif
        }),
    };
    let target_col = header.col(Col::Target)?;
    let target = read_target(sheet, row, target_col, polarity, f);
    let mut target_quarters = [None; 4];
    let mut real_quarters = [None; 4];
    let mut last_real_cell = None;
    let mut target_quarter_cells: [Option<String>; 4] = Default::default();
    let mut real_quarter_cells: [Option<String>; 4] = Default::default();
    for q in 1..=4u8 {
        if let Some(c) = header.col(Col::TargetQuarter(q)) {
            target_quarter_cells[q as usize - 1] = Some(address(row, c));
            match sheet.number(row, c, &format!("Target TW {}", roman(q)), f) {
                Ok(v) => target_quarters[q as usize - 1] = v,
                Err(Reported) => ok = false,
            }
        }
        if let Some(c) = header.col(Col::RealisasiQuarter(q)) {
            real_quarter_cells[q as usize - 1] = Some(address(row, c));
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
    let realisation = match header.col(Col::Realisasi) {
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
    let mut optional = |col: Col, what: &str, f: &mut Findings| match header.col(col) {
        Some(c) => sheet.number(row, c, what, f).unwrap_or_else(|Reported| {
            ok = false;
            None
        }),
        None => None,
    };
    let last_year_realisation = optional(Col::RealisasiTahunLalu, "Realisasi Tahun Lalu", f);
    let last_year_capaian = optional(Col::CapaianTahunLalu, "Capaian Tahun Lalu", f);
    let renstra_target = optional(Col::TargetRenstra, "Target Renstra", f);
    let renstra_before = optional(Col::RenstraBefore, "Realisasi Renstra s.d. Tahun Lalu", f);
    let standard = optional(Col::StandarNasional, "Standar Nasional", f);
    let renstra_cumulative = header.text(sheet, row, Col::RenstraKumulatif).and_then(|t| {
        let v = parse_yes_no(&t);
        if v.is_none() {
            ok = false;
            f.error(
                header.cell(row, Col::RenstraKumulatif),
                format!("Renstra Kumulatif \"{}\" tidak dikenal; diharapkan ya atau tidak.", grid::shorten(&t)),
                Some("Kosongkan sel ini agar ditentukan menurut satuannya.".into()),
            );
        }
        v
    });
    let aggregation_text = header.text(sheet, row, Col::Agregasi);
    let aggregation = match aggregation_text.clone() {
        None => Aggregation::Terakhir,
        Some(t) => aggregation(&t).unwrap_or_else(|| {
            ok = false;
            f.error(
                header.cell(row, Col::Agregasi),
                format!(
                    "Agregasi \"{}\" tidak dikenal; diharapkan jumlah, terakhir atau rata-rata.",
                    grid::shorten(&t)
                ),
                None,
            );
            Aggregation::Terakhir
        }),
    };
    let target = target?;
    if !ok || unit.is_none() {
        return None;
    }
    Some(Indicator {
        code,
        sasaran,
        name,
        satuan: unit?,
        polarity,
        target,
        target_quarters,
        real_quarters,
        realisation,
        aggregation,
        note: header.text(sheet, row, Col::Keterangan),
        data_source: header.text(sheet, row, Col::SumberData),
        kind: header.text(sheet, row, Col::Jenis),
        drivers: header.text(sheet, row, Col::FaktorPendorong),
        obstacles: header.text(sheet, row, Col::FaktorPenghambat),
        follow_up: header.text(sheet, row, Col::TindakLanjut),
        last_year_realisation,
        last_year_capaian,
        renstra_target,
        renstra_before,
        renstra_cumulative,
        place: None,
        standard,
        standard_source: header.text(sheet, row, Col::SumberStandar),
        aggregation_given: aggregation_text.is_some(),
        origin: Origin {
            sheet: sheet.name.clone(),
            row: row + 1,
            target_cell: Some(address(row, target_col)),
            realisation_cell: last_real_cell,
            target_quarter_cells,
            real_quarter_cells,
            renstra_cell: header.cell(row, Col::TargetRenstra),
        },
    })
}

/// The polarity a cell names: Positif, Negatif, Rentang, Tetap, or one of their other words.
pub(crate) fn polarity(t: &str) -> Option<Polarity> {
    Some(match normalize(t).as_str() {
        "positif" | "naik" | "maksimal" | "maksimum" | "max" | "naikbaik" | "positive" | "semakintinggisemakinbaik" => {
            Polarity::Positif
        }
        "negatif" | "turun" | "minimal" | "minimum" | "min" | "turunbaik" | "negative" | "semakinrendahsemakinbaik" => {
            Polarity::Negatif
        }
        "rentang" | "range" | "antara" => Polarity::Rentang,
        "tetap" | "stabil" | "stable" => Polarity::Tetap,
        _ => return None,
    })
}

/// The aggregation a cell names: jumlah, terakhir, rata-rata, or one of their other words.
pub(crate) fn aggregation(t: &str) -> Option<Aggregation> {
    Some(match normalize(t).as_str() {
        "jumlah" | "sum" | "kumulatif" | "total" => Aggregation::Jumlah,
        "terakhir" | "last" | "posisi" | "posisiakhir" => Aggregation::Terakhir,
        "ratarata" | "average" | "mean" | "rerata" => Aggregation::RataRata,
        _ => return None,
    })
}

pub(crate) fn roman(q: u8) -> &'static str {
    ["I", "II", "III", "IV"][(q as usize).clamp(1, 4) - 1]
}

/// A target: one number, or two for a range ("5 - 10", "5 s.d. 10", "antara 5 dan 10").
pub(crate) fn read_target(sheet: &Sheet, row: u32, col: u32, polarity: Polarity, f: &mut Findings) -> Option<Target> {
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

    #[test]
    fn headers_match_with_aliases_and_noise() {
        let t = &TABLE;
        assert_eq!(t.field("Indikator Kinerja Utama"), Some(Col::Indikator));
        assert_eq!(t.field("  SASARAN  strategis "), Some(Col::Sasaran));
        assert_eq!(t.field("Realisasi TW-I"), Some(Col::RealisasiQuarter(1)));
        assert_eq!(t.field("Target Triwulan IV"), Some(Col::TargetQuarter(4)));
        assert_eq!(t.field("Realisasi Q3"), Some(Col::RealisasiQuarter(3)));
        assert_eq!(t.field("Sifat"), Some(Col::Polaritas));
        assert_eq!(t.field("Warna"), None);
        assert!(t.is_sheet("Pengukuran Kinerja"));
    }
}
