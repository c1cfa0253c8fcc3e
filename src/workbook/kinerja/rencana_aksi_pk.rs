//! Sheet `Rencana Aksi PK` (optional): the actions planned with the Perjanjian Kinerja to reach each
//! indicator's target, in which quarters, and who is responsible. Not the sheet `Rencana Aksi`, which
//! holds the SOP's rencana aksi for an unmet indicator (step 7). The quarters' targets are the Target
//! TW columns of `Kinerja`, which the quarterly measurement uses too. Its columns are [`TABLE`].

use super::super::grid::{self, address, Sheet};
use super::super::table::{self, Column, Header, TableSpec};
use super::super::values::quarter_number;
use super::check_reference;
use crate::findings::Findings;
use crate::model::{Indicator, Origin, PkAction};

/// A column of `Rencana Aksi PK`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Col {
    Indikator,
    Triwulan,
    RencanaAksi,
    PenanggungJawab,
    /// A running number: known, and not used.
    Nomor,
}

/// The table: its sheet and columns.
pub const TABLE: TableSpec<Col> = TableSpec {
    sheet: "Rencana Aksi PK",
    sheet_aliases: &["rencanaaksipk", "rencanaaksiperjanjiankinerja", "rencanaaksikinerja", "renaksipk"],
    columns: &[
        Column {
            field: Col::Indikator,
            name: "Kode",
            aliases: &["kode", "indikator", "kodeindikator", "kodeatauindikator", "indikatorkinerja"],
            required: true,
            help: "Kode atau nama indikator di lembar Kinerja. Satu indikator boleh beberapa baris, satu baris satu aksi.",
        },
        Column {
            field: Col::Triwulan,
            name: "Triwulan",
            aliases: &["triwulan", "tw", "waktupelaksanaan", "jadwal"],
            required: false,
            help: "Triwulan pelaksanaan aksi: I, II, III, IV, atau beberapa dipisah koma (I, II). Kosong berarti sepanjang tahun. Target tiap triwulan diambil dari kolom Target TW lembar Kinerja.",
        },
        Column {
            field: Col::RencanaAksi,
            name: "Rencana Aksi",
            aliases: &["rencanaaksi", "aksi", "kegiatan", "rencanakegiatan", "uraianaksi"],
            required: true,
            help: "Aksi (kegiatan) yang direncanakan untuk mencapai target indikator.",
        },
        Column {
            field: Col::PenanggungJawab,
            name: "Penanggung Jawab",
            aliases: &["penanggungjawab", "pic", "pelaksana"],
            required: true,
            help: "Pejabat atau bidang yang bertanggung jawab atas aksi itu.",
        },
        Column { field: Col::Nomor, name: "No", aliases: &["no", "nomor"], required: false, help: "" },
    ],
    pattern: None,
    sub_header: None,
};

/// Reads the rows; a row missing its indicator, action or responsible is an error at that cell, and a
/// quarter that is not I–IV an error at its cell.
pub fn read(sheet: &Sheet, header: &Header<Col>, indicators: &[Indicator], f: &mut Findings) -> Vec<PkAction> {
    let mut actions = Vec::new();
    for row in table::data_rows(sheet, header, &TABLE, f) {
        let mut ok = true;
        let get = |field: Col, what: &str, f: &mut Findings| {
            let hint = "Isi kode indikator, rencana aksi dan penanggung jawab pada setiap baris.";
            header.required(sheet, row, field, (what, "rencana aksi PK", hint), f)
        };
        let indicator = get(Col::Indikator, "Kode/Indikator", f);
        let action = get(Col::RencanaAksi, "Rencana aksi", f);
        let responsible = get(Col::PenanggungJawab, "Penanggung jawab", f);
        let quarters = match header.text(sheet, row, Col::Triwulan) {
            None => vec![],
            Some(t) => match quarters(&t) {
                Some(q) => q,
                None => {
                    ok = false;
                    f.error(
                        header.cell(row, Col::Triwulan),
                        format!("Triwulan \"{}\" tidak dikenal; diharapkan I, II, III atau IV.", grid::shorten(&t)),
                        Some("Tulis satu triwulan atau beberapa dipisah koma (I, II), atau kosongkan untuk sepanjang tahun.".into()),
                    );
                    vec![]
                }
            },
        };
        if let Some(r) = &indicator {
            check_reference(r, header.cell(row, Col::Indikator), indicators, f);
        }
        let (Some(indicator), Some(action), Some(responsible), true) = (indicator, action, responsible, ok) else {
            continue;
        };
        actions.push(PkAction {
            indicator,
            quarters,
            action,
            responsible,
            origin: Origin {
                sheet: sheet.name.clone(),
                row: row + 1,
                target_cell: header.col(Col::Indikator).map(|c| address(row, c)),
                ..Origin::default()
            },
        });
    }
    actions
}

/// "I, II", "TW III", "1-2", "I s.d. III" → the quarters, in order; None when a part is not a quarter.
fn quarters(text: &str) -> Option<Vec<u8>> {
    let t = text.to_lowercase().replace("s.d.", "-").replace("s/d", "-").replace("sd", "-").replace("sampai", "-");
    let mut out = Vec::new();
    for part in t.split([',', ';', '/', '&']).map(str::trim).filter(|p| !p.is_empty()) {
        let part = part.replace(" dan ", ",");
        for piece in part.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let q = |x: &str| quarter_number(x.trim().trim_start_matches("triwulan").trim_start_matches("tw").trim());
            match piece.split_once('-') {
                Some((a, b)) => {
                    let (a, b) = (q(a)?, q(b)?);
                    if a > b {
                        return None;
                    }
                    out.extend(a..=b);
                }
                None => out.push(q(piece)?),
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_as_offices_write_them() {
        assert_eq!(quarters("I"), Some(vec![1]));
        assert_eq!(quarters("I, II"), Some(vec![1, 2]));
        assert_eq!(quarters("TW III"), Some(vec![3]));
        assert_eq!(quarters("I s.d. III"), Some(vec![1, 2, 3]));
        assert_eq!(quarters("2-4"), Some(vec![2, 3, 4]));
        assert_eq!(quarters("Triwulan IV"), Some(vec![4]));
        assert_eq!(quarters("V"), None);
        assert_eq!(quarters("Juni"), None);
    }

    #[test]
    fn its_sheet_is_not_the_sops_rencana_aksi() {
        assert!(TABLE.is_sheet("Rencana Aksi PK"));
        assert!(!TABLE.is_sheet("Rencana Aksi"));
        assert!(!super::super::rencana_aksi::TABLE.is_sheet("Rencana Aksi PK"));
    }
}
