//! Sheet `Evaluasi` (optional): one row per note of an evaluation meeting (SOP step 5). Its columns
//! with their aliases are [`TABLE`].

use super::super::grid::{address, Sheet};
use super::super::table::{self, Column, Header, TableSpec};
use super::check_reference;
use crate::findings::{Findings, Reported};
use crate::model::{EvaluationNote, Indicator};

/// A column of `Evaluasi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Col {
    Tanggal,
    Indikator,
    Catatan,
    TindakLanjut,
    /// A running number: known, and not used.
    Nomor,
}

/// The table: its sheet and columns.
pub const TABLE: TableSpec<Col> = TableSpec {
    sheet: "Evaluasi",
    sheet_aliases: &["evaluasi", "catatanevaluasi"],
    columns: &[
        Column {
            field: Col::Tanggal,
            name: "Tanggal",
            aliases: &["tanggal", "tanggalrapat", "tanggalevaluasi"],
            required: true,
            help: "Tanggal rapat evaluasi.",
        },
        Column {
            field: Col::Indikator,
            name: "Kode",
            aliases: &["kode", "indikator", "kodeindikator", "kodeatauindikator", "indikatorkinerja"],
            required: false,
            help: "Kode atau nama indikator yang dibahas; kosong untuk catatan atas seluruh dokumen.",
        },
        Column {
            field: Col::Catatan,
            name: "Catatan",
            aliases: &["catatan", "catatanevaluasi", "hasilevaluasi"],
            required: true,
            help: "Catatan rapat.",
        },
        Column {
            field: Col::TindakLanjut,
            name: "Tindak Lanjut",
            aliases: &["tindaklanjut"],
            required: false,
            help: "Apa yang akan dilakukan.",
        },
        Column { field: Col::Nomor, name: "No", aliases: &["no", "nomor"], required: false, help: "" },
    ],
    pattern: None,
    sub_header: None,
};

/// Reads the notes, in date order.
pub fn read(sheet: &Sheet, header: &Header<Col>, indicators: &[Indicator], f: &mut Findings) -> Vec<EvaluationNote> {
    let mut notes = Vec::new();
    for row in table::data_rows(sheet, header, &TABLE, f) {
        let date_col = header.col(Col::Tanggal).unwrap_or(0);
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
        let note = header.text(sheet, row, Col::Catatan);
        if note.is_none() {
            f.error(
                header.cell(row, Col::Catatan),
                "Catatan evaluasi kosong.",
                Some("Isi catatan rapat, atau kosongkan seluruh baris.".into()),
            );
        }
        let indicator = header.text(sheet, row, Col::Indikator);
        if let Some(r) = &indicator {
            check_reference(r, header.cell(row, Col::Indikator), indicators, f);
        }
        if let (Some(date), Some(note)) = (date, note) {
            notes.push(EvaluationNote { date, indicator, note, follow_up: header.text(sheet, row, Col::TindakLanjut) });
        }
    }
    notes.sort_by_key(|n| n.date);
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_headers() {
        assert_eq!(TABLE.field("Tanggal Rapat"), Some(Col::Tanggal));
        assert!(TABLE.is_sheet("Catatan Evaluasi"));
    }
}
