//! Sheet `Rencana Aksi` (optional; required for every unmet indicator before the final, SOP step 7):
//! kendala, action, who and by when. Its columns with their aliases are [`TABLE`].

use super::super::grid::Sheet;
use super::super::table::{self, Column, Header, TableSpec};
use super::super::values::parse_date_text;
use super::check_reference;
use crate::findings::Findings;
use crate::model::{ActionPlan, Indicator};

/// A column of `Rencana Aksi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Col {
    Indikator,
    Kendala,
    RencanaAksi,
    PenanggungJawab,
    BatasWaktu,
    /// A running number: known, and not used.
    Nomor,
}

/// The table: its sheet and columns.
pub const TABLE: TableSpec<Col> = TableSpec {
    sheet: "Rencana Aksi",
    sheet_aliases: &["rencanaaksi"],
    columns: &[
        Column {
            field: Col::Indikator,
            name: "Kode",
            aliases: &["kode", "indikator", "kodeindikator", "kodeatauindikator", "indikatorkinerja"],
            required: true,
            help: "Kode atau nama indikator yang tidak tercapai.",
        },
        Column {
            field: Col::Kendala,
            name: "Kendala",
            aliases: &["kendala", "permasalahan", "masalah"],
            required: true,
            help: "Masalah yang menghambat.",
        },
        Column {
            field: Col::RencanaAksi,
            name: "Rencana Aksi",
            aliases: &["rencanaaksi", "tindaklanjut", "rencanatindaklanjut"],
            required: true,
            help: "Tindakan yang akan dilakukan.",
        },
        Column {
            field: Col::PenanggungJawab,
            name: "Penanggung Jawab",
            aliases: &["penanggungjawab", "pic"],
            required: true,
            help: "Pejabat atau bidang yang bertanggung jawab.",
        },
        Column {
            field: Col::BatasWaktu,
            name: "Batas Waktu",
            aliases: &["bataswaktu", "tenggatwaktu", "targetwaktu"],
            required: true,
            help: "Tanggal atau periode, misalnya 30 Juni 2025 atau Triwulan II 2025.",
        },
        Column { field: Col::Nomor, name: "No", aliases: &["no", "nomor"], required: false, help: "" },
    ],
    pattern: None,
    sub_header: None,
};

const FILL_ALL: &str =
    "Isi kode, kendala, rencana aksi, penanggung jawab dan batas waktu untuk setiap indikator yang tidak tercapai.";

/// Reads the rows; a row missing any of its five cells is an error at that cell.
pub fn read(sheet: &Sheet, header: &Header<Col>, indicators: &[Indicator], f: &mut Findings) -> Vec<ActionPlan> {
    let mut plans = Vec::new();
    for row in table::data_rows(sheet, header, &TABLE, f) {
        let get = |field: Col, what: &str, f: &mut Findings| {
            header.required(sheet, row, field, (what, "rencana aksi", FILL_ALL), f)
        };
        let indicator = get(Col::Indikator, "Kode/Indikator", f);
        let problem = get(Col::Kendala, "Kendala", f);
        let action = get(Col::RencanaAksi, "Rencana aksi", f);
        let responsible = get(Col::PenanggungJawab, "Penanggung jawab", f);
        let mut missing = [&indicator, &problem, &action, &responsible].iter().any(|v| v.is_none());
        let deadline = header.col(Col::BatasWaktu).and_then(|c| deadline(sheet, row, c, f));
        if deadline.is_none() {
            missing = true;
            f.error(
                header.cell(row, Col::BatasWaktu),
                "Batas waktu kosong; kolom ini wajib diisi pada rencana aksi.",
                Some(FILL_ALL.into()),
            );
        }
        if let Some(r) = &indicator {
            check_reference(r, header.cell(row, Col::Indikator), indicators, f);
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

/// A deadline: a date (written "30 Juni 2025"), or text as typed ("Triwulan II 2025").
fn deadline(sheet: &Sheet, row: u32, col: u32, f: &mut Findings) -> Option<String> {
    match sheet.get(row, col) {
        calamine::Data::String(s) => {
            let s = s.trim();
            if s.is_empty() {
                None
            } else {
                Some(parse_date_text(s).map(crate::format::date).unwrap_or_else(|| s.to_string()))
            }
        }
        calamine::Data::Empty => None,
        _ => sheet.date(row, col, "Batas waktu", f).ok().flatten().map(crate::format::date),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_headers() {
        assert_eq!(TABLE.field("PIC"), Some(Col::PenanggungJawab));
        assert!(TABLE.is_sheet("RENCANA_AKSI"));
    }
}
