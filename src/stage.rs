//! The rules of the SOP's stages: which documents each stage makes, and the gate each must pass
//! before anything is made — a konsep follows a discussed draft and lacks no realisation (SOP step
//! 6); a final is signed from the figures of the newest konsep, with a rencana aksi for every unmet
//! indicator (SOP steps 7–8).

use crate::archive::changes;
use crate::archive::manifest::Entry;
use crate::archive::snapshot::{LastYear, Snapshot};
use crate::archive::Archive;
use crate::document::{DocKey, DocKind, Stage};
use crate::format::percent;
use crate::measure::{self, Measurement};
use crate::model::Workbook;
use crate::names::names_indicator;

/// The documents `stage` makes for a measured workbook: the Pengukuran Kinerja, and at the final
/// the Rencana Aksi beside it when an indicator is unmet.
pub fn kinds(stage: Stage, m: &Measurement) -> Vec<DocKind> {
    let mut kinds = vec![DocKind::PengukuranKinerja];
    if stage == Stage::Final && m.indicators.iter().any(|i| i.tercapai == Some(false)) {
        kinds.push(DocKind::RencanaAksi);
    }
    kinds
}

/// Why a gate refused: one line each, and where in the workbook the cause is when a cell is.
#[derive(Debug, Clone, Default)]
pub struct Refusal {
    /// Every reason, one line each.
    pub reasons: Vec<String>,
    /// The cells to fill or fix: (sheet, cell, what), for the findings of the workbook.
    pub places: Vec<(String, String, String)>,
}

impl From<Vec<String>> for Refusal {
    fn from(reasons: Vec<String>) -> Self {
        Refusal { reasons, places: vec![] }
    }
}

/// The gate of `stage`: Ok with the PDF hash of the document the new one follows (none for a
/// draft), or every reason to refuse. It looks at the archive for the newest document of the stage
/// before, and the final at that konsep's snapshot.
pub fn gate(
    stage: Stage,
    wb: &Workbook,
    m: &Measurement,
    last_year: Option<&LastYear>,
    archive: &Archive,
) -> Result<Option<String>, Refusal> {
    let newest = |s: Stage| archive.newest(&DocKey::of(&wb.identity, s, DocKind::PengukuranKinerja));
    match stage {
        Stage::Draft => Ok(None),
        Stage::Konsep => konsep_gate(wb, m, newest(Stage::Draft)).map(Some),
        Stage::Final => final_gate(wb, m, last_year, newest(Stage::Konsep), archive).map(Some).map_err(Refusal::from),
    }
}

/// SOP step 6: every indicator has its realisation, and a draft was made and discussed first.
fn konsep_gate(wb: &Workbook, m: &Measurement, draft: Option<Entry>) -> Result<String, Refusal> {
    let mut reasons = Vec::new();
    let mut places = Vec::new();
    let period = wb.identity.period;
    for (i, ind) in m.indicators.iter().zip(&wb.indicators) {
        if i.status == measure::Status::BelumAdaRealisasi {
            // The cell to fill: the period's own quarter, else the Realisasi column.
            let cell =
                ind.origin.real_quarter_cells[period.quarters() - 1].clone().or(ind.origin.realisation_cell.clone());
            if let Some(cell) = cell {
                places.push((
                    ind.origin.sheet.clone(),
                    cell,
                    format!("Realisasi {} indikator {} belum diisi; konsep memerlukannya.", period.label(), i.code),
                ));
            }
            reasons.push(format!(
                "Indikator {} ({}) belum memiliki realisasi {} (baris {} lembar {}).",
                i.code,
                i.name,
                wb.identity.period.label(),
                ind.origin.row,
                ind.origin.sheet
            ));
        }
    }
    if draft.is_none() {
        reasons.push(
            "Belum ada draft untuk unit dan periode ini: buat draft lebih dulu (kinerja build) dan bahas dalam rapat evaluasi (SOP langkah 4–5)."
                .to_string(),
        );
    }
    match draft {
        Some(d) if reasons.is_empty() => Ok(d.sha256),
        _ => Err(Refusal { reasons, places }),
    }
}

/// SOP steps 7–8: the newest konsep was made from the same measured figures, and every unmet
/// indicator has a rencana aksi.
fn final_gate(
    wb: &Workbook,
    m: &Measurement,
    last_year: Option<&LastYear>,
    konsep: Option<Entry>,
    archive: &Archive,
) -> Result<String, Vec<String>> {
    let mut reasons = Vec::new();
    match &konsep {
        None => reasons.push(
            "Belum ada konsep untuk unit dan periode ini: buat konsep lebih dulu (kinerja build --stage konsep) dan ajukan kepada Kepala Dinas."
                .to_string(),
        ),
        Some(k) => match archive.snapshot::<Snapshot>(k) {
            Err(why) => reasons.push(format!("Cuplikan data konsep v{} tidak dapat dibaca ({why}).", k.version)),
            Ok(old) => {
                let mut differ = changes::figures_differ(&old.measurement, m);
                differ.extend(changes::last_year_differs(old.last_year.as_ref(), last_year, false));
                for d in differ {
                    reasons.push(format!("{d} Buat konsep baru (kinerja build --stage konsep) agar Kepala Dinas memeriksa angka yang akan ditandatangani."));
                }
            }
        },
    }
    for i in m.indicators.iter().filter(|i| i.tercapai == Some(false)) {
        if !wb.action_plans.iter().any(|p| names_indicator(&p.indicator, &i.code, &i.name)) {
            reasons.push(format!(
                "Indikator {} ({}) tidak tercapai ({}) dan belum memiliki rencana aksi: isi baris untuknya di lembar Rencana Aksi (kendala, rencana aksi, penanggung jawab, batas waktu).",
                i.code,
                i.name,
                i.capaian.map(percent).unwrap_or_default()
            ));
        }
    }
    match konsep {
        Some(k) if reasons.is_empty() => Ok(k.sha256),
        _ => Err(reasons),
    }
}
