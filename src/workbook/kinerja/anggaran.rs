//! Sheet `Anggaran` (optional): one row per program or kegiatan — pagu, realisation, the
//! indicators it serves, a stated serapan. Its columns with their aliases are [`TABLE`].

use super::super::grid::{self, address, Sheet};
use super::super::is_totals_label;
use super::super::table::{self, Column, Header, TableSpec};
use crate::findings::{Findings, Reported};
use crate::model::{BudgetLine, Indicator, Origin};
use std::collections::HashSet;

/// A column of `Anggaran`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Col {
    Uraian,
    Pagu,
    Realisasi,
    KodeIndikator,
    Serapan,
    Keterangan,
    /// A running number: known, and not used.
    Nomor,
}

/// The table: its sheet and columns.
pub const TABLE: TableSpec<Col> = TableSpec {
    sheet: "Anggaran",
    sheet_aliases: &["anggaran", "realisasianggaran"],
    columns: &[
        Column {
            field: Col::Uraian,
            name: "Program / Kegiatan",
            aliases: &[
                "programkegiatan",
                "program",
                "kegiatan",
                "subkegiatan",
                "uraian",
                "programkegiatansubkegiatan",
                "uraianprogramkegiatan",
            ],
            required: true,
            help: "Nama program, kegiatan atau sub kegiatan.",
        },
        Column {
            field: Col::Pagu,
            name: "Pagu",
            aliases: &["pagu", "anggaran", "paguanggaran", "pagurp", "paguanggaranrp", "anggaranrp"],
            required: true,
            help: "Pagu anggaran dalam rupiah.",
        },
        Column {
            field: Col::Realisasi,
            name: "Realisasi",
            aliases: &["realisasi", "realisasianggaran", "realisasirp", "realisasianggaranrp"],
            required: true,
            help: "Realisasi anggaran dalam rupiah (0 bila belum ada).",
        },
        Column {
            field: Col::KodeIndikator,
            name: "Kode Indikator",
            aliases: &["kodeindikator", "indikator", "kode"],
            required: false,
            help: "Kode indikator yang didukung, dipisah koma: 1.1, 1.2.",
        },
        Column {
            field: Col::Serapan,
            name: "Serapan (%)",
            aliases: &["serapan", "serapanpersen", "persentaseserapan"],
            required: false,
            help: "Serapan yang dilaporkan; kinerja menghitung ulang dan memberi peringatan bila berbeda.",
        },
        Column {
            field: Col::Keterangan,
            name: "Keterangan",
            aliases: &["keterangan", "ket", "sumberdana", "sumberanggaran"],
            required: false,
            help: "Keterangan anggaran (misalnya APBD, DAK); dicetak di tabel anggaran Perjanjian Kinerja.",
        },
        Column { field: Col::Nomor, name: "No", aliases: &["no", "nomor"], required: false, help: "" },
    ],
    pattern: None,
    sub_header: None,
};

/// Reads the budget lines of the table.
pub fn read(sheet: &Sheet, header: &Header<Col>, indicators: &[Indicator], f: &mut Findings) -> Vec<BudgetLine> {
    let mut lines = Vec::new();
    let known: HashSet<&str> = indicators.iter().map(|i| i.code.as_str()).collect();
    let name_col = header.col(Col::Uraian);
    for row in table::data_rows(sheet, header, &TABLE, f) {
        if name_col.map(|c| sheet.get(row, c)).is_some_and(is_totals_label) {
            continue;
        }
        let Some(name) = name_col.and_then(|c| sheet.text(row, c)) else {
            f.error(
                header.cell(row, Col::Uraian),
                "Uraian program/kegiatan kosong, padahal baris ini berisi angka.",
                Some("Isi nama program/kegiatan, atau kosongkan seluruh baris.".into()),
            );
            continue;
        };
        let mut ok = true;
        let mut money = |field: Col, what: &str, f: &mut Findings| -> Option<f64> {
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
        let pagu = money(Col::Pagu, "Pagu", f);
        let realisation = money(Col::Realisasi, "Realisasi anggaran", f);
        let stated_serapan = match header.col(Col::Serapan) {
            Some(c) => sheet.number(row, c, "Serapan", f).unwrap_or_else(|Reported| {
                ok = false;
                None
            }),
            None => None,
        };
        let indicator_codes: Vec<String> = header
            .text(sheet, row, Col::KodeIndikator)
            .map(|t| t.split([',', ';']).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
            .unwrap_or_default();
        for code in &indicator_codes {
            if !known.is_empty() && !known.contains(code.as_str()) {
                f.warning(
                    header.cell(row, Col::KodeIndikator),
                    format!("Kode indikator \"{}\" tidak ada di lembar Kinerja.", grid::shorten(code)),
                    Some("Periksa kolom Kode Indikator: tulis kode seperti di lembar Kinerja, dipisah koma.".into()),
                );
            }
        }
        let (Some(pagu), Some(realisation), true) = (pagu, realisation, ok) else {
            continue;
        };
        if realisation > pagu {
            f.warning(
                header.cell(row, Col::Realisasi),
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
            note: header.text(sheet, row, Col::Keterangan),
            origin: Origin {
                sheet: sheet.name.clone(),
                row: row + 1,
                target_cell: header.cell(row, Col::Serapan),
                realisation_cell: header.cell(row, Col::Realisasi),
                ..Origin::default()
            },
        });
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_headers() {
        assert_eq!(TABLE.field("Pagu Anggaran (Rp)"), Some(Col::Pagu));
        assert_eq!(TABLE.field("Serapan (%)"), Some(Col::Serapan));
    }
}
