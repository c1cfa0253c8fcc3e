//! The Perjanjian Kinerja (PK, PermenPAN-RB 53/2014; `../shared/spec/sakip-cycle.md`): what a
//! workbook promises for its year — the sasaran, indicators and targets, the budget per program —
//! signed by the head of the unit (pihak pertama) with the superior (pihak kedua), and the Rencana
//! Aksi PK that plans each indicator's quarters. Its rules live here: what the PK lists from a
//! workbook ([`Promise`]), what changed between two promises ([`changes`]), and how a measurement
//! differs from the PK in force ([`against`]); its data for the template is [`PkData`].
//!
//! The Rencana Aksi PK is not the SOP's Rencana Aksi (step 7, for an unmet indicator): names with
//! "PK" (`PkAction`, `DocKind::RencanaAksiPk`, sheet `Rencana Aksi PK`) are always the PK's.

use crate::archive::changes::same_target;
use crate::compose::{self, DocContext, Dokumen, Identitas};
use crate::format::{self, entered, rupiah_plain};
use crate::model::{Indicator, Level, Person, Target, Workbook};
use crate::names::names_indicator;
use serde::Serialize;

/// Where the signed PKs of a unit's year are archived: the murni's final, then the perubahan's.
pub fn signed_keys(unit_code: &str, year: i32) -> [crate::document::DocKey; 2] {
    use crate::document::{DocKey, DocKind, Stage};
    [DocKind::PerjanjianKinerja, DocKind::PerjanjianKinerjaPerubahan].map(|kind| DocKey {
        unit_code: unit_code.to_string(),
        year,
        period: crate::model::Period::Tahunan,
        stage: Stage::Final,
        kind,
        position: None,
    })
}
/// What a PK promises, in a form that compares: the indicators with their targets, the budget lines,
/// and who signs. Made from a workbook, now or from an archived snapshot's.
#[derive(Debug, Clone, PartialEq)]
pub struct Promise {
    /// The level of the signer's position.
    pub level: Level,
    /// Pihak pertama.
    pub first: Person,
    /// Pihak kedua (none for the kepala daerah).
    pub second: Option<Person>,
    /// The indicators, in the workbook's order.
    pub indicators: Vec<Promised>,
    /// The budget lines.
    pub budget: Vec<PromisedBudget>,
}

/// One indicator as promised.
#[derive(Debug, Clone, PartialEq)]
pub struct Promised {
    /// Code.
    pub code: String,
    /// Sasaran.
    pub sasaran: String,
    /// Name.
    pub name: String,
    /// Satuan.
    pub satuan: String,
    /// The year's target.
    pub target: Target,
    /// The quarters' targets (the Target TW columns).
    pub quarters: [Option<f64>; 4],
}

/// One budget line as promised.
#[derive(Debug, Clone, PartialEq)]
pub struct PromisedBudget {
    /// Program (kegiatan at lower levels).
    pub name: String,
    /// Anggaran in rupiah.
    pub pagu: f64,
    /// Keterangan.
    pub note: Option<String>,
}

impl Promise {
    /// What the workbook's PK promises. A Renja evaluation form lists its programs' own (outcome)
    /// indicators, the head's; its kegiatan's belong to the PKs of the levels below. A kinerja
    /// workbook lists every indicator.
    pub fn of(wb: &Workbook) -> Promise {
        let id = &wb.identity;
        Promise {
            level: level(wb),
            first: Person {
                name: id.signer_name.clone().unwrap_or_default(),
                title: id.signer_title.clone().unwrap_or_default(),
                rank: id.signer_rank.clone(),
                nip: id.nip.clone().filter(|n| !n.is_empty()),
            },
            second: id.superior.clone(),
            indicators: indicators(wb)
                .into_iter()
                .map(|i| Promised {
                    code: i.code.clone(),
                    sasaran: i.sasaran.clone(),
                    name: i.name.clone(),
                    satuan: i.satuan.clone(),
                    target: i.target,
                    quarters: i.target_quarters,
                })
                .collect(),
            budget: wb
                .budget
                .iter()
                .map(|b| PromisedBudget { name: b.name.clone(), pagu: b.pagu, note: b.note.clone() })
                .collect(),
        }
    }

    /// The promised indicator that a measured one stands for: by code, else by name.
    fn find(&self, code: &str, name: &str) -> Option<&Promised> {
        self.indicators
            .iter()
            .find(|p| p.code == code)
            .or_else(|| self.indicators.iter().find(|p| names_indicator(&p.name, code, name)))
    }
}

/// The level of the workbook's signer: eselon II unless Identitas says otherwise.
pub fn level(wb: &Workbook) -> Level {
    wb.identity.level.unwrap_or(Level::EselonIi)
}

/// True for a PK perubahan.
pub fn is_revision(wb: &Workbook) -> bool {
    wb.identity.agreement.as_ref().is_some_and(|a| a.is_revision())
}

/// The indicators the PK lists (see [`Promise::of`]).
pub fn indicators(wb: &Workbook) -> Vec<&Indicator> {
    let from_form = wb.indicators.iter().any(|i| i.place.is_some());
    let own: Vec<&Indicator> =
        wb.indicators.iter().filter(|i| i.place.as_ref().is_some_and(|p| p.kegiatan.is_none())).collect();
    if from_form && !own.is_empty() {
        own
    } else {
        wb.indicators.iter().collect()
    }
}

/// A target as the PK prints it, with its satuan: "85 %", "4 Dokumen", "5 – 10 hari".
pub(crate) fn target_text(target: Target, satuan: &str) -> String {
    let figure = target.text(entered);
    let satuan = satuan.trim();
    if satuan.is_empty() {
        figure
    } else if satuan == "%" {
        format!("{figure} %")
    } else {
        format!("{figure} {satuan}")
    }
}

/// What changed from `old` to `new`, one line each, in the words of the PK: indicators added or
/// removed, targets (of the year and of each quarter), budget lines, who signs.
pub fn changes(old: &Promise, new: &Promise) -> Vec<String> {
    let mut out = Vec::new();
    let person = |p: &Person| format!("{} ({})", p.name, p.title);
    if old.first != new.first {
        out.push(format!("Pihak pertama: {} → {}.", person(&old.first), person(&new.first)));
    }
    match (&old.second, &new.second) {
        (Some(a), Some(b)) if a != b => out.push(format!("Pihak kedua: {} → {}.", person(a), person(b))),
        (None, Some(b)) => out.push(format!("Pihak kedua: {}.", person(b))),
        (Some(a), None) => out.push(format!("Pihak kedua {} tidak lagi ada.", person(a))),
        _ => {}
    }
    for n in &new.indicators {
        match old.find(&n.code, &n.name) {
            None => out.push(format!(
                "Indikator baru {} ({}): target {}.",
                n.code,
                n.name,
                target_text(n.target, &n.satuan)
            )),
            Some(o) => {
                if o.name != n.name {
                    out.push(format!("Indikator {}: nama \"{}\" → \"{}\".", n.code, o.name, n.name));
                }
                if !same_target(&o.target, &n.target) || o.satuan != n.satuan {
                    out.push(format!(
                        "Indikator {} ({}): target {} → {}.",
                        n.code,
                        n.name,
                        target_text(o.target, &o.satuan),
                        target_text(n.target, &n.satuan)
                    ));
                }
                for q in 0..4 {
                    if !format::same_opt(o.quarters[q], n.quarters[q], 4) {
                        out.push(format!(
                            "Indikator {} ({}): target TW {} {} → {}.",
                            n.code,
                            n.name,
                            ["I", "II", "III", "IV"][q],
                            o.quarters[q].map_or("—".into(), entered),
                            n.quarters[q].map_or("—".into(), entered)
                        ));
                    }
                }
            }
        }
    }
    for o in &old.indicators {
        if new.find(&o.code, &o.name).is_none() {
            out.push(format!("Indikator {} ({}) dihapus.", o.code, o.name));
        }
    }
    for n in &new.budget {
        match old.budget.iter().find(|o| o.name == n.name) {
            None => out.push(format!("Anggaran baru {}: Rp {}.", n.name, rupiah_plain(n.pagu))),
            Some(o) if !format::same(o.pagu, n.pagu, 2) => {
                out.push(format!("Anggaran {}: Rp {} → Rp {}.", n.name, rupiah_plain(o.pagu), rupiah_plain(n.pagu)))
            }
            Some(_) => {}
        }
    }
    for o in old.budget.iter().filter(|o| !new.budget.iter().any(|n| n.name == o.name)) {
        out.push(format!("Anggaran {} (Rp {}) dihapus.", o.name, rupiah_plain(o.pagu)));
    }
    let (a, b) = (total(&old.budget), total(&new.budget));
    if !format::same(a, b, 2) {
        out.push(format!("Jumlah anggaran: Rp {} → Rp {}.", rupiah_plain(a), rupiah_plain(b)));
    }
    out
}

fn total(budget: &[PromisedBudget]) -> f64 {
    format::decimal(budget.iter().map(|b| b.pagu).sum())
}

/// One way a measurement differs from the PK in force, at its cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// The indicator's code in the measurement (or in the PK, when the measurement lacks it).
    pub code: String,
    /// The sheet of the measurement's cell, when there is one.
    pub sheet: Option<String>,
    /// The cell: the target (or the quarter's target), else none.
    pub cell: Option<String>,
    /// What differs, in the document's words (without naming the PK: the caller does).
    pub what: String,
}

/// How the measurement's indicators and targets differ from the promise: a target of the year or of
/// a quarter up to the period, an indicator the PK does not have, an indicator of the PK the
/// measurement lacks.
pub fn against(pk: &Promise, wb: &Workbook) -> Vec<Difference> {
    let mut out = Vec::new();
    let n = wb.identity.period.quarters();
    for ind in &wb.indicators {
        let Some(p) = pk.find(&ind.code, &ind.name) else {
            // A form's kegiatan indicators belong to lower levels' PKs.
            if ind.place.as_ref().is_some_and(|pl| pl.kegiatan.is_some()) {
                continue;
            }
            out.push(Difference {
                code: ind.code.clone(),
                sheet: Some(ind.origin.sheet.clone()),
                cell: ind.origin.target_cell.clone(),
                what: format!("indikator {} ({}) tidak ada dalam Perjanjian Kinerja", ind.code, ind.name),
            });
            continue;
        };
        if !same_target(&p.target, &ind.target) {
            out.push(Difference {
                code: ind.code.clone(),
                sheet: Some(ind.origin.sheet.clone()),
                cell: ind.origin.target_cell.clone(),
                what: format!(
                    "target indikator {} di buku kerja {}, dalam Perjanjian Kinerja {}",
                    ind.code,
                    ind.target.text(entered),
                    p.target.text(entered)
                ),
            });
        }
        for q in 0..n {
            if ind.target_quarters[q].is_some() && !format::same_opt(p.quarters[q], ind.target_quarters[q], 4) {
                out.push(Difference {
                    code: ind.code.clone(),
                    sheet: Some(ind.origin.sheet.clone()),
                    cell: ind.origin.target_quarter_cells[q].clone().or_else(|| ind.origin.target_cell.clone()),
                    what: format!(
                        "target TW {} indikator {} di buku kerja {}, dalam Rencana Aksi PK {}",
                        ["I", "II", "III", "IV"][q],
                        ind.code,
                        ind.target_quarters[q].map_or("—".into(), entered),
                        p.quarters[q].map_or("—".into(), entered)
                    ),
                });
            }
        }
    }
    for p in &pk.indicators {
        if !wb.indicators.iter().any(|i| pk.find(&i.code, &i.name) == Some(p)) {
            out.push(Difference {
                code: p.code.clone(),
                sheet: None,
                cell: None,
                what: format!("indikator {} ({}) dari Perjanjian Kinerja tidak diukur", p.code, p.name),
            });
        }
    }
    out
}

/// The data the PK's templates read as `data.json`.
#[derive(Debug, Clone, Serialize)]
pub struct PkData {
    /// About the document itself (as every document's).
    pub dokumen: Dokumen,
    /// The letterhead and the unit (as every document's).
    pub identitas: Identitas,
    /// What changed since the previous version, one line each.
    pub perubahan: Vec<String>,
    /// The agreement.
    pub pk: Pk,
}

/// `data.pk`.
#[derive(Debug, Clone, Serialize)]
pub struct Pk {
    /// "PERJANJIAN KINERJA TAHUN 2024", "PERJANJIAN KINERJA PERUBAHAN TAHUN 2024".
    pub judul: String,
    /// True for the PK perubahan.
    pub perubahan_pk: bool,
    /// The level: "kepala-daerah", "eselon-ii" …
    pub jenjang: Level,
    /// Its number, when the workbook gives one.
    pub nomor: Option<String>,
    /// Place of signing.
    pub tempat: String,
    /// Date of signing, "2 Januari 2024".
    pub tanggal: String,
    /// Pihak pertama.
    pub pihak_pertama: Pihak,
    /// Pihak kedua; none for the kepala daerah's PK (one signatory).
    pub pihak_kedua: Option<Pihak>,
    /// The heading of the first column: "Sasaran Strategis", "Sasaran Program" …
    pub kolom_sasaran: &'static str,
    /// The performance table, by sasaran.
    pub kinerja: Vec<PkSasaran>,
    /// The budget table; none at the staff's level or without a budget.
    pub anggaran: Option<PkAnggaran>,
    /// The signed PK murni a PK perubahan changes, as one line; none when it is not in the archive.
    pub murni: Option<String>,
    /// What the PK perubahan changes from the signed PK murni, one line each.
    pub perubahan_murni: Vec<String>,
    /// The Rencana Aksi PK, by sasaran.
    pub rencana_aksi: Vec<RaSasaran>,
}

/// One party of the PK.
#[derive(Debug, Clone, Serialize)]
pub struct Pihak {
    /// Name.
    pub nama: String,
    /// Position.
    pub jabatan: String,
    /// Rank.
    pub pangkat: Option<String>,
    /// NIP in its groups.
    pub nip: Option<String>,
}

impl Pihak {
    fn of(p: &Person) -> Pihak {
        Pihak {
            nama: p.name.clone(),
            jabatan: p.title.clone(),
            pangkat: p.rank.clone(),
            nip: p.nip.as_deref().map(format::nip),
        }
    }
}

/// One sasaran of the PK's table.
#[derive(Debug, Clone, Serialize)]
pub struct PkSasaran {
    /// "1".
    pub no: String,
    /// Its name.
    pub nama: String,
    /// Its indicators.
    pub indikator: Vec<PkIndikator>,
}

/// One indicator of the PK's table.
#[derive(Debug, Clone, Serialize)]
pub struct PkIndikator {
    /// Code.
    pub kode: String,
    /// Name.
    pub nama: String,
    /// The year's target with its satuan.
    pub target: String,
}

/// The PK's budget table.
#[derive(Debug, Clone, Serialize)]
pub struct PkAnggaran {
    /// "Program", "Kegiatan" …
    pub judul: &'static str,
    /// One line each.
    pub baris: Vec<PkBaris>,
    /// The total, "1.234.567".
    pub total: String,
}

/// One budget line of the PK.
#[derive(Debug, Clone, Serialize)]
pub struct PkBaris {
    /// "1".
    pub no: String,
    /// Program.
    pub nama: String,
    /// Anggaran, "1.234.567".
    pub anggaran: String,
    /// Keterangan.
    pub keterangan: String,
}

/// One sasaran of the Rencana Aksi PK.
#[derive(Debug, Clone, Serialize)]
pub struct RaSasaran {
    /// "1".
    pub no: String,
    /// Its name.
    pub nama: String,
    /// Its indicators.
    pub indikator: Vec<RaIndikator>,
}

/// One indicator of the Rencana Aksi PK.
#[derive(Debug, Clone, Serialize)]
pub struct RaIndikator {
    /// "1".
    pub no: String,
    /// Name.
    pub nama: String,
    /// The year's target with its satuan.
    pub target: String,
    /// The targets of TW I–IV, "—" where none.
    pub triwulan: Vec<String>,
    /// The actions planned.
    pub aksi: Vec<RaAksi>,
}

/// One action of the Rencana Aksi PK.
#[derive(Debug, Clone, Serialize)]
pub struct RaAksi {
    /// The action.
    pub aksi: String,
    /// Who is responsible.
    pub penanggung_jawab: String,
    /// Its quarters, "TW I, II"; none for the whole year.
    pub waktu: Option<String>,
}

/// The murni a PK perubahan changes: its line for the document, and its promise.
pub struct Murni {
    /// "PK murni final v1, 2 Januari 2024, kode …".
    pub line: String,
    /// What it promised.
    pub promise: Promise,
}

/// The data of a PK document (the PK or its Rencana Aksi). `murni`: for a PK perubahan, the signed
/// murni of the archive.
pub fn data(wb: &Workbook, ctx: &DocContext, logo_file: Option<String>, murni: Option<&Murni>) -> PkData {
    let id = &wb.identity;
    let promise = Promise::of(wb);
    let lvl = promise.level;
    let revision = is_revision(wb);
    let agreement = id.agreement.as_ref();
    // The PK's own date (Tanggal PK), else the day it is made: Identitas' Tanggal is the measurement's.
    let date = agreement.and_then(|a| a.date).unwrap_or(ctx.build_date);
    let mut sasaran: Vec<PkSasaran> = Vec::new();
    for p in &promise.indicators {
        if sasaran.last().is_none_or(|s| s.nama != p.sasaran) {
            sasaran.push(PkSasaran { no: (sasaran.len() + 1).to_string(), nama: p.sasaran.clone(), indikator: vec![] });
        }
        if let Some(s) = sasaran.last_mut() {
            s.indikator.push(PkIndikator {
                kode: p.code.clone(),
                nama: p.name.clone(),
                target: target_text(p.target, &p.satuan),
            });
        }
    }
    let anggaran = lvl.budget_heading().filter(|_| !promise.budget.is_empty()).map(|judul| PkAnggaran {
        judul,
        baris: promise
            .budget
            .iter()
            .enumerate()
            .map(|(i, b)| PkBaris {
                no: (i + 1).to_string(),
                nama: b.name.clone(),
                anggaran: rupiah_plain(b.pagu),
                keterangan: b.note.clone().unwrap_or_default(),
            })
            .collect(),
        total: rupiah_plain(total(&promise.budget)),
    });
    let mut number = 0;
    let rencana_aksi = sasaran
        .iter()
        .map(|s| RaSasaran {
            no: s.no.clone(),
            nama: s.nama.clone(),
            indikator: s
                .indikator
                .iter()
                .filter_map(|k| promise.indicators.iter().find(|p| p.code == k.kode))
                .map(|p| {
                    number += 1;
                    RaIndikator {
                        no: number.to_string(),
                        nama: p.name.clone(),
                        target: target_text(p.target, &p.satuan),
                        triwulan: p.quarters.iter().map(|q| q.map_or("—".into(), entered)).collect(),
                        aksi: wb
                            .pk_actions
                            .iter()
                            .filter(|a| names_indicator(&a.indicator, &p.code, &p.name))
                            .map(|a| RaAksi {
                                aksi: a.action.clone(),
                                penanggung_jawab: a.responsible.clone(),
                                waktu: (!a.quarters.is_empty()).then(|| {
                                    let q: Vec<&str> = a
                                        .quarters
                                        .iter()
                                        .map(|q| ["I", "II", "III", "IV"][(*q as usize - 1) % 4])
                                        .collect();
                                    format!("TW {}", q.join(", "))
                                }),
                            })
                            .collect(),
                    }
                })
                .collect(),
        })
        .collect();
    let title = if revision { "PERJANJIAN KINERJA PERUBAHAN" } else { "PERJANJIAN KINERJA" };
    PkData {
        dokumen: compose::dokumen(id, ctx),
        identitas: compose::identitas(id, ctx, logo_file),
        perubahan: ctx.changes.clone(),
        pk: Pk {
            judul: format!("{title} TAHUN {}", id.year),
            perubahan_pk: revision,
            jenjang: lvl,
            nomor: agreement.and_then(|a| a.number.clone()),
            tempat: agreement.and_then(|a| a.place.clone()).or_else(|| id.place.clone()).unwrap_or_else(|| "……".into()),
            tanggal: format::date(date),
            pihak_pertama: Pihak::of(&promise.first),
            pihak_kedua: promise.second.as_ref().filter(|_| lvl != Level::KepalaDaerah).map(Pihak::of),
            kolom_sasaran: lvl.sasaran_heading(),
            kinerja: sasaran,
            anggaran,
            murni: murni.map(|m| m.line.clone()),
            perubahan_murni: murni.map(|m| changes(&m.promise, &promise)).unwrap_or_default(),
            rencana_aksi,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn promised(code: &str, target: f64) -> Promised {
        Promised {
            code: code.into(),
            sasaran: "S".into(),
            name: format!("Indikator {code}"),
            satuan: "%".into(),
            target: Target::Single(target),
            quarters: [None; 4],
        }
    }

    fn promise(indicators: Vec<Promised>, budget: Vec<(&str, f64)>) -> Promise {
        Promise {
            level: Level::EselonIi,
            first: Person { name: "A".into(), title: "Kepala".into(), rank: None, nip: None },
            second: Some(Person { name: "B".into(), title: "Bupati".into(), rank: None, nip: None }),
            indicators,
            budget: budget.into_iter().map(|(n, p)| PromisedBudget { name: n.into(), pagu: p, note: None }).collect(),
        }
    }

    #[test]
    fn what_a_revision_changes() {
        let murni = promise(vec![promised("1.1", 80.0), promised("1.2", 10.0)], vec![("Program A", 1000.0)]);
        let revised = promise(
            vec![promised("1.1", 85.0), promised("1.3", 5.0)],
            vec![("Program A", 1500.0), ("Program B", 200.0)],
        );
        assert_eq!(
            changes(&murni, &revised),
            vec![
                "Indikator 1.1 (Indikator 1.1): target 80 % → 85 %.",
                "Indikator baru 1.3 (Indikator 1.3): target 5 %.",
                "Indikator 1.2 (Indikator 1.2) dihapus.",
                "Anggaran Program A: Rp 1.000 → Rp 1.500.",
                "Anggaran baru Program B: Rp 200.",
                "Jumlah anggaran: Rp 1.000 → Rp 1.700.",
            ]
        );
        assert!(changes(&murni, &murni).is_empty());
    }
}
