//! The rules of the SOP's stages: which documents each stage makes, and the gate each must pass
//! before anything is made — a konsep follows a discussed draft and lacks no realisation (SOP step
//! 6); a final is signed from the figures of the newest konsep, with a rencana aksi for every unmet
//! indicator (SOP steps 7–8).

use crate::archive::changes;
use crate::archive::manifest::Entry;
use crate::archive::snapshot::{LastYear, Snapshot};
use crate::document::{DocKey, DocKind, Stage};
use crate::format::percent;
use crate::measure::{self, Measurement};
use crate::model::Workbook;
use crate::names::names_indicator;
use chrono::NaiveDate;
use std::path::Path;

/// The documents `stage` makes for a measured workbook: the Pengukuran Kinerja, and at the final
/// the Rencana Aksi beside it when an indicator is unmet.
pub fn kinds(stage: Stage, m: &Measurement) -> Vec<DocKind> {
    let mut kinds = vec![DocKind::PengukuranKinerja];
    if stage == Stage::Final && m.indicators.iter().any(|i| i.tercapai == Some(false)) {
        kinds.push(DocKind::RencanaAksi);
    }
    kinds
}

/// What a gate may look at in the archive: the newest entry of a document, and the archive's root
/// (to read a snapshot); and the date the new document will carry.
pub struct Archived<'a> {
    /// The archive root.
    pub root: &'a Path,
    /// The newest archived entry of a document key.
    pub newest: &'a dyn Fn(&DocKey) -> Option<Entry>,
    /// The build date: a stage is never dated before the document it follows.
    pub date: NaiveDate,
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
/// draft), or every reason to refuse.
pub fn gate(
    stage: Stage,
    wb: &Workbook,
    m: &Measurement,
    last_year: Option<&LastYear>,
    archived: &Archived,
) -> Result<Option<String>, Refusal> {
    let newest = |s: Stage| (archived.newest)(&DocKey::of(&wb.identity, s, DocKind::PengukuranKinerja));
    // A draft needs only what it prints; the konsep and the final are signed.
    let missing = wb.identity.missing_signer();
    if stage != Stage::Draft && !missing.is_empty() {
        return Err(Refusal {
            reasons: vec![format!(
                "Penandatangan belum lengkap ({} tidak ada); {} memerlukannya, draft tidak. Isi blok tanda tangan di bawah tabel formulir (tempat dan tanggal, jabatan, nama, NIP), atau tambahkan lembar Identitas dengan kunci {}.",
                missing.join(", "),
                stage.slug(),
                missing.iter().map(|k| format!("\"{k}\"")).collect::<Vec<_>>().join(", ")
            )],
            places: vec![],
        });
    }
    let parent = match stage {
        Stage::Draft => return Ok(None),
        Stage::Konsep => newest(Stage::Draft),
        Stage::Final => newest(Stage::Konsep),
    };
    let early = parent.as_ref().and_then(|p| dated_before(stage, p, archived.date));
    let gate = match stage {
        Stage::Draft => Ok(None),
        Stage::Konsep => konsep_gate(wb, m, parent).map(Some),
        Stage::Final => final_gate(wb, m, last_year, parent, archived.root).map(Some).map_err(Refusal::from),
    };
    match (gate, early) {
        (gate, None) => gate,
        (Ok(_), Some(reason)) => Err(vec![reason].into()),
        (Err(mut refusal), Some(reason)) => {
            refusal.reasons.insert(0, reason);
            Err(refusal)
        }
    }
}

/// Why a document of `stage` dated `date` may not follow `parent`: it would be dated before it (a final
/// of 1990 signed from a konsep of 2025). The same day is in order.
fn dated_before(stage: Stage, parent: &Entry, date: NaiveDate) -> Option<String> {
    let parent_date = NaiveDate::parse_from_str(&parent.date, "%Y-%m-%d").ok()?;
    (date < parent_date).then(|| {
        format!(
            "Tanggal {} ({}) lebih awal daripada {} v{} yang diikutinya ({}): satu tahap tidak boleh bertanggal sebelum tahap sebelumnya. Periksa --date (atau jam komputer), lalu jalankan lagi.",
            stage.slug(),
            crate::format::date(date),
            parent.stage.slug(),
            parent.version,
            parent.date_words()
        )
    })
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
    root: &Path,
) -> Result<String, Vec<String>> {
    let mut reasons = Vec::new();
    match &konsep {
        None => reasons.push(
            "Belum ada konsep untuk unit dan periode ini: buat konsep lebih dulu (kinerja build --stage konsep) dan ajukan kepada Kepala Dinas."
                .to_string(),
        ),
        Some(k) => match crate::archive::fsutil::read(&root.join(&k.data_path))
            .ok()
            .and_then(|b| Snapshot::from_bytes(&b, &k.data_path).ok())
        {
            None => reasons.push(format!("Cuplikan data konsep v{} ({}) tidak dapat dibaca.", k.version, k.data_path)),
            Some(old) => {
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
