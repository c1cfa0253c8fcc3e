//! Sheet `Cascading` (optional): the cascade of the head's indicators down to the officials below —
//! one row per indicator of a position, with its holder, the position above, and the indicator above
//! it supports. Rows of one position follow each other; a blank Jabatan (and a blank holder, position
//! above, sasaran) means "the same as the row above", as merged cells read. Its columns are [`TABLE`];
//! what makes a cascade whole is checked in `crate::cascade`.

use super::super::grid::{self, address, Sheet};
use super::super::table::{self, Column, Header, TableSpec};
use super::super::values::{parse_nip, parse_yes_no, quarter_token};
use super::identitas::parse_level;
use super::indikator::read_target;
use crate::findings::{Findings, Reported};
use crate::model::{CascadeBudget, CascadeIndicator, CascadeOrigin, Level, Origin, Person, Polarity, Position};
use std::collections::HashMap;

/// A column of `Cascading`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Col {
    Jabatan,
    Jenjang,
    Nama,
    Pangkat,
    Nip,
    Atasan,
    Sasaran,
    Kode,
    Indikator,
    Satuan,
    Target,
    /// Target of quarter 1–4 (0 stands for all four in the reference).
    TargetQuarter(u8),
    Mendukung,
    Sendiri,
    Jumlah,
    Anggaran,
    Pagu,
    /// A running number: known, and not used.
    Nomor,
}

/// The table: its sheet and columns.
pub const TABLE: TableSpec<Col> = TableSpec {
    sheet: "Cascading",
    sheet_aliases: &["cascading", "kaskade", "cascadingkinerja", "pohonkinerja", "cascadingpk"],
    columns: &[
        Column { field: Col::Jabatan, name: "Jabatan", aliases: &["jabatan", "namajabatan", "posisi"], required: true, help: "Jabatan pemangku indikator, misalnya Kepala Bidang Aplikasi Informatika. Satu jabatan boleh beberapa baris (satu baris satu indikator); sel kosong berarti jabatan baris di atasnya." },
        Column { field: Col::Jenjang, name: "Jenjang", aliases: &["jenjang", "eselon", "jenjangjabatan"], required: true, help: "eselon III, eselon IV atau staf (kepala perangkat daerah: eselon II, baris-barisnya sama dengan lembar Kinerja)." },
        Column { field: Col::Nama, name: "Nama", aliases: &["nama", "namapejabat", "pemangku", "namapemangku"], required: true, help: "Nama pemangku jabatan dengan gelar; dicetak sebagai pihak pertama Perjanjian Kinerjanya." },
        Column { field: Col::Pangkat, name: "Pangkat", aliases: &["pangkat", "pangkatgolongan"], required: false, help: "Pangkat/golongan pemangku jabatan." },
        Column { field: Col::Nip, name: "NIP", aliases: &["nip"], required: false, help: "NIP pemangku jabatan, 18 angka." },
        Column { field: Col::Atasan, name: "Jabatan Atasan", aliases: &["jabatanatasan", "atasan", "atasanlangsung"], required: true, help: "Jabatan satu tingkat di atasnya, persis seperti ditulis di kolom Jabatan (untuk eselon III: jabatan kepala perangkat daerah di lembar Identitas). Pemangkunya pihak kedua Perjanjian Kinerja jabatan ini." },
        Column { field: Col::Sasaran, name: "Sasaran", aliases: &["sasaran", "sasaranprogram", "sasarankegiatan", "sasarankinerja", "sasaranstrategis"], required: true, help: "Sasaran program (eselon III), sasaran kegiatan (eselon IV) atau sasaran kinerja individu (staf); sel kosong berarti sama dengan baris di atasnya dalam jabatan yang sama." },
        Column { field: Col::Kode, name: "Kode", aliases: &["kode", "kodeindikator"], required: true, help: "Kode indikator yang unik di lembar ini, misalnya 1.1.2; indikator kepala perangkat daerah memakai kodenya di lembar Kinerja." },
        Column { field: Col::Indikator, name: "Indikator", aliases: &["indikator", "indikatorkinerja", "iki", "indikatorkinerjaindividu"], required: true, help: "Nama indikator." },
        Column { field: Col::Satuan, name: "Satuan", aliases: &["satuan"], required: true, help: "Misalnya %, Dokumen, Kegiatan." },
        Column { field: Col::Target, name: "Target", aliases: &["target", "targettahunan"], required: true, help: "Target tahunan." },
        Column { field: Col::TargetQuarter(0), name: "Target TW I … TW IV", aliases: &[], required: false, help: "Target per triwulan, untuk Rencana Aksi PK pejabat itu." },
        Column { field: Col::Mendukung, name: "Mendukung", aliases: &["mendukung", "mendukungindikator", "kodeindikatoratasan", "indikatoratasan", "mendukungkode"], required: true, help: "Kode indikator jabatan atasan yang didukung indikator ini (satu kode). Kosong hanya untuk indikator kepala perangkat daerah." },
        Column { field: Col::Sendiri, name: "Indikator Sendiri", aliases: &["indikatorsendiri", "sendiri", "tanpabawahan"], required: false, help: "ya bila tidak ada indikator bawahan yang mendukung indikator ini dan memang demikian (dikerjakan sendiri); bila kosong, setiap indikator selain staf harus didukung indikator di bawahnya." },
        Column { field: Col::Jumlah, name: "Jumlah dari Bawahan", aliases: &["jumlahdaribawahan", "dijumlahkan", "penjumlahan", "jumlahbawahan"], required: false, help: "ya bila target indikator ini jumlah target indikator bawahan yang mendukungnya; kinerja memeriksa jumlahnya." },
        Column { field: Col::Anggaran, name: "Program / Kegiatan", aliases: &["programkegiatan", "program", "kegiatan", "subkegiatan", "programkegiatansubkegiatan"], required: false, help: "Program (eselon II), kegiatan (eselon III) atau sub kegiatan (eselon IV) yang membiayai indikator ini." },
        Column { field: Col::Pagu, name: "Pagu", aliases: &["pagu", "anggaran", "paguanggaran", "pagurp"], required: false, help: "Pagu program, kegiatan atau sub kegiatan itu, dalam rupiah; kegiatan di bawah satu program tidak boleh melebihi pagu programnya." },
        Column { field: Col::Nomor, name: "No", aliases: &["no", "nomor"], required: false, help: "" },
    ],
    pattern: Some(quarter_column),
    sub_header: None,
};

/// "Target TW II" (normalised) → the quarter column.
fn quarter_column(n: &str) -> Option<Col> {
    n.strip_prefix("target").and_then(quarter_token).map(Col::TargetQuarter)
}

/// Reads the positions of the sheet, each with its indicators; rows that can't be read are errors at
/// their cells and left out.
pub fn read(sheet: &Sheet, header: &Header<Col>, f: &mut Findings) -> Vec<Position> {
    let mut positions: Vec<Position> = Vec::new();
    let mut codes: HashMap<String, String> = HashMap::new();
    // What a blank cell continues: the position, and its sasaran.
    let mut current: Option<usize> = None;
    let mut sasaran: Option<String> = None;
    for row in table::data_rows(sheet, header, &TABLE, f) {
        let text = |c: Col| header.text(sheet, row, c);
        if let Some(title) = text(Col::Jabatan) {
            let existing = positions.iter().position(|p| p.title == title);
            match existing {
                Some(i) if current != Some(i) => {
                    f.error(
                        header.cell(row, Col::Jabatan),
                        format!(
                            "Jabatan \"{}\" sudah ada di baris {}; baris satu jabatan harus berurutan.",
                            grid::shorten(&title),
                            positions[i].origin.row
                        ),
                        Some("Pindahkan baris ini ke bawah baris jabatan itu, atau bedakan nama jabatannya.".into()),
                    );
                    current = None;
                    continue;
                }
                Some(i) => same_holder(sheet, header, row, &positions[i], f),
                None => match position(sheet, header, row, title, f) {
                    Some(p) => {
                        positions.push(p);
                        current = Some(positions.len() - 1);
                        sasaran = None;
                    }
                    None => {
                        current = None;
                        continue;
                    }
                },
            }
        } else if current.is_none() {
            f.error(
                header.cell(row, Col::Jabatan),
                "Jabatan kosong pada baris pertama; tidak ada baris di atasnya untuk diikuti.",
                Some("Isi jabatan pemangku indikator ini.".into()),
            );
            continue;
        }
        let Some(i) = current else { continue };
        if text(Col::Jabatan).is_none() {
            same_holder(sheet, header, row, &positions[i], f);
        }
        if let Some(s) = text(Col::Sasaran) {
            sasaran = Some(s);
        }
        let Some(sas) = sasaran.clone() else {
            f.error(
                header.cell(row, Col::Sasaran),
                "Sasaran kosong pada indikator pertama jabatan ini.",
                Some("Isi sasaran pada baris ini.".into()),
            );
            continue;
        };
        let Some(ind) = indicator(sheet, header, row, sas, f) else { continue };
        if let Some(first) = codes.get(&ind.code) {
            f.error(
                header.cell(row, Col::Kode),
                format!("Kode indikator \"{}\" sudah dipakai di {first}; kode harus unik di lembar ini.", ind.code),
                Some("Beri setiap indikator kode yang berbeda, misalnya 1.1.1, 1.1.2.".into()),
            );
            continue;
        }
        codes.insert(ind.code.clone(), header.cell(row, Col::Kode).unwrap_or_else(|| format!("baris {}", row + 1)));
        positions[i].indicators.push(ind);
    }
    positions.retain(|p| !p.indicators.is_empty());
    positions
}

/// A later row of a position that names its holder or the position above again must name the same:
/// one position, one holder, one position above.
fn same_holder(sheet: &Sheet, header: &Header<Col>, row: u32, p: &Position, f: &mut Findings) {
    let text = |c: Col| header.text(sheet, row, c);
    if let Some(name) = text(Col::Nama).filter(|n| *n != p.holder.name) {
        f.error(
            header.cell(row, Col::Nama),
            format!(
                "Jabatan \"{}\" dipangku \"{}\" di baris {}, di sini \"{}\"; satu jabatan satu pemangku.",
                grid::shorten(&p.title),
                grid::shorten(&p.holder.name),
                p.origin.row,
                grid::shorten(&name)
            ),
            Some("Kosongkan nama pada baris berikutnya jabatan itu, atau bedakan jabatannya.".into()),
        );
    }
    if let Some(above) = text(Col::Atasan).filter(|a| Some(a) != p.superior.as_ref()) {
        f.error(
            header.cell(row, Col::Atasan),
            format!(
                "Jabatan \"{}\" punya atasan \"{}\" di sini, lain dari baris {}; satu jabatan satu atasan.",
                grid::shorten(&p.title),
                grid::shorten(&above),
                p.origin.row
            ),
            Some("Kosongkan jabatan atasan pada baris berikutnya jabatan itu.".into()),
        );
    }
}

/// A position from its first row: level, holder, the position above.
fn position(sheet: &Sheet, header: &Header<Col>, row: u32, title: String, f: &mut Findings) -> Option<Position> {
    let text = |c: Col| header.text(sheet, row, c);
    let level = match text(Col::Jenjang) {
        Some(t) => match parse_level(&t) {
            Some(Level::KepalaDaerah) | None => {
                f.error(
                    header.cell(row, Col::Jenjang),
                    format!("Jenjang \"{}\" tidak dikenal di lembar Cascading.", grid::shorten(&t)),
                    Some("Tulis eselon II (kepala perangkat daerah), eselon III, eselon IV atau staf.".into()),
                );
                return None;
            }
            Some(l) => l,
        },
        None => {
            f.error(
                header.cell(row, Col::Jenjang),
                format!("Jenjang jabatan \"{}\" kosong.", grid::shorten(&title)),
                Some("Tulis eselon III, eselon IV atau staf pada baris pertama jabatan ini.".into()),
            );
            return None;
        }
    };
    let Some(name) = text(Col::Nama) else {
        f.error(
            header.cell(row, Col::Nama),
            format!("Nama pemangku jabatan \"{}\" kosong.", grid::shorten(&title)),
            Some("Isi nama pejabat pada baris pertama jabatan ini; ia pihak pertama Perjanjian Kinerjanya.".into()),
        );
        return None;
    };
    let nip = match text(Col::Nip) {
        None => None,
        Some(t) => match parse_nip(&t) {
            Some(n) => Some(n),
            None => {
                f.error(
                    header.cell(row, Col::Nip),
                    format!("NIP \"{}\" tidak terdiri dari 18 angka.", grid::shorten(&t)),
                    Some("Tulis NIP 18 angka, boleh dengan spasi: 19840518 201101 1 014 (sel berformat teks).".into()),
                );
                return None;
            }
        },
    };
    Some(Position {
        holder: Person { name, title: title.clone(), rank: text(Col::Pangkat), nip },
        title,
        level,
        superior: text(Col::Atasan),
        indicators: vec![],
        origin: Origin { sheet: sheet.name.clone(), row: row + 1, ..Origin::default() },
    })
}

/// One indicator row.
fn indicator(
    sheet: &Sheet,
    header: &Header<Col>,
    row: u32,
    sasaran: String,
    f: &mut Findings,
) -> Option<CascadeIndicator> {
    let text = |c: Col| header.text(sheet, row, c);
    let mut ok = true;
    let mut required = |c: Col, what: &str, f: &mut Findings| {
        let v = text(c);
        if v.is_none() {
            ok = false;
            f.error(
                header.cell(row, c),
                format!("{what} kosong."),
                Some("Isi kolom ini pada setiap baris indikator.".into()),
            );
        }
        v
    };
    let code = required(Col::Kode, "Kode indikator", f);
    let name = required(Col::Indikator, "Nama indikator", f);
    let satuan = required(Col::Satuan, "Satuan", f);
    let target = match header.col(Col::Target) {
        Some(c) => read_target(sheet, row, c, Polarity::Positif, f),
        None => None,
    };
    let mut target_quarters = [None; 4];
    for q in 1..=4u8 {
        if let Some(c) = header.col(Col::TargetQuarter(q)) {
            match sheet.number(row, c, &format!("Target TW {}", ["I", "II", "III", "IV"][q as usize - 1]), f) {
                Ok(v) => target_quarters[q as usize - 1] = v,
                Err(Reported) => ok = false,
            }
        }
    }
    let mut flag = |c: Col, what: &str, f: &mut Findings| match text(c) {
        None => false,
        Some(t) => parse_yes_no(&t).unwrap_or_else(|| {
            ok = false;
            f.error(
                header.cell(row, c),
                format!("{what} \"{}\" tidak dikenal; diharapkan ya atau tidak.", grid::shorten(&t)),
                None,
            );
            false
        }),
    };
    let own = flag(Col::Sendiri, "Indikator Sendiri", f);
    let sum_of_below = flag(Col::Jumlah, "Jumlah dari Bawahan", f);
    let pagu = match header.col(Col::Pagu) {
        Some(c) => match sheet.number(row, c, "Pagu", f) {
            Ok(Some(v)) if v < 0.0 => {
                ok = false;
                f.error(Some(address(row, c)), format!("Pagu bernilai negatif ({v})."), None);
                None
            }
            Ok(v) => v,
            Err(Reported) => {
                ok = false;
                None
            }
        },
        None => None,
    };
    let budget_name = text(Col::Anggaran);
    if pagu.is_some() && budget_name.is_none() {
        ok = false;
        f.error(
            header.cell(row, Col::Anggaran),
            "Pagu diisi tanpa nama program/kegiatan.",
            Some("Tulis program, kegiatan atau sub kegiatan yang pagunya diisi.".into()),
        );
    }
    let (Some(code), Some(name), Some(satuan), Some(target), true) = (code, name, satuan, target, ok) else {
        return None;
    };
    Some(CascadeIndicator {
        code,
        sasaran,
        name,
        satuan,
        target,
        target_quarters,
        supports: text(Col::Mendukung),
        own,
        sum_of_below,
        budget: budget_name.map(|name| CascadeBudget { name, pagu }),
        origin: CascadeOrigin {
            sheet: sheet.name.clone(),
            row: row + 1,
            code: header.cell(row, Col::Kode),
            target: header.cell(row, Col::Target),
            supports: header.cell(row, Col::Mendukung),
            pagu: header.cell(row, Col::Pagu),
            holder: header.cell(row, Col::Nama),
            superior: header.cell(row, Col::Atasan),
        },
    })
}

/// A cascade drawn as blocks per position (the title of a position, "Sasaran :" and "Indikator :"
/// labels, the targets inside the indicators' text), as offices lay it out to print: its first
/// position's cell, when a sheet holds one and no `Cascading` table. Such a sheet is refused, not read:
/// which box supports which, who holds a position and what its target is are not in cells of their
/// own, and reading them would be guessing.
pub fn block_layout(sheets: &[Sheet]) -> Option<(&Sheet, String)> {
    const POSITIONS: [&str; 6] =
        ["kepalabiro", "kepalabagian", "kepalabidang", "kepalasubbagian", "kepalaseksi", "kepaladinas"];
    sheets.iter().filter(|s| !TABLE.is_sheet(&s.name)).find_map(|s| {
        let (r0, r1) = s.rows()?;
        let (c0, c1) = s.cols()?;
        let (mut first, mut positions, mut labels) = (None, 0, 0);
        for r in r0..=r1.min(r0 + 400) {
            for c in c0..=c1.min(c0 + 60) {
                let Some(t) = s.text(r, c) else { continue };
                let n = crate::names::normalize(&t);
                if POSITIONS.iter().any(|p| n.starts_with(p)) && t.chars().count() < 120 {
                    positions += 1;
                    first.get_or_insert((r, c));
                } else if n == "indikator" || n == "sasaran" {
                    labels += 1;
                }
            }
        }
        (positions >= 3 && labels >= 2 && table::find_header(s, &TABLE).is_none())
            .then(|| first.map(|(r, c)| (s, address(r, c))))
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cascade_headers() {
        assert_eq!(TABLE.field("Jabatan Atasan"), Some(Col::Atasan));
        assert_eq!(TABLE.field("Kode Indikator Atasan"), Some(Col::Mendukung));
        assert_eq!(TABLE.field("Target TW III"), Some(Col::TargetQuarter(3)));
        assert!(TABLE.is_sheet("Pohon Kinerja"));
    }
}
