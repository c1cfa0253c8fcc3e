//! The rules of the SOP's stages: which documents each stage makes, and the gate each must pass
//! before anything is made — a konsep follows a discussed draft and lacks no realisation (SOP step
//! 6); a final is signed from the figures of the newest konsep, with a rencana aksi for every unmet
//! indicator (SOP steps 7–8).

use crate::archive::changes::{self, Change, Made, View};
use crate::archive::manifest::Entry;
use crate::archive::snapshot::{LastYear, Snapshot};
use crate::archive::Archive;
use crate::document::{DocKey, DocKind, Stage};
use crate::findings::{Finding, Severity};
use crate::format::percent;
use crate::measure::{self, Measurement};
use crate::model::{Period, Workbook};
use crate::names::names_indicator;
use chrono::NaiveDate;

/// The documents `stage` makes for a measured workbook: the Pengukuran Kinerja, and at the final
/// the Rencana Aksi beside it when an indicator is unmet.
pub fn kinds(stage: Stage, m: &Measurement) -> Vec<DocKind> {
    let mut kinds = vec![DocKind::PengukuranKinerja];
    if stage == Stage::Final && m.indicators.iter().any(|i| i.tercapai == Some(false)) {
        kinds.push(DocKind::RencanaAksi);
    }
    kinds
}

/// Why a gate refused: every reason, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Refusal {
    /// Every reason, each one line when shown.
    pub reasons: Vec<Reason>,
}

/// One reason a gate refuses, with what it is about; shown by its `Display`, one line.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// Konsep (SOP step 6): an indicator has no realisation for the period.
    NoRealisation {
        /// The indicator's code and name.
        code: String,
        name: String,
        /// The period measured.
        period: Period,
        /// Its row in the workbook.
        sheet: String,
        row: u32,
        /// The cell to fill: the period's own quarter, else the Realisasi column (none when the sheet has
        /// neither).
        cell: Option<String>,
    },
    /// Konsep: no draft of the unit and period was made (and discussed) first.
    NoDraft,
    /// Final (SOP step 8): no konsep was made first.
    NoKonsep,
    /// Final: the newest konsep's snapshot cannot be read.
    KonsepUnreadable {
        /// The konsep's version.
        version: u32,
        /// Why, as the reader said.
        why: String,
    },
    /// Final: a figure differs from the newest konsep's (the one the Kadis reviewed).
    DiffersFromKonsep(Change),
    /// Konsep and final: the signer is not complete (a form whose signature block is not filled yet).
    Unsigned {
        /// The stage asked for.
        stage: Stage,
        /// The keys missing.
        missing: Vec<String>,
    },
    /// A document would be dated before the one it follows (a final of 1990 from a konsep of 2025).
    DatedBefore {
        /// The stage asked for, and its date.
        stage: Stage,
        date: NaiveDate,
        /// The document it follows: stage, version, date in words.
        parent_stage: Stage,
        parent_version: u32,
        parent_date: String,
    },
    /// Final (SOP step 7): an unmet indicator has no rencana aksi.
    NoActionPlan {
        /// The indicator's code and name.
        code: String,
        name: String,
        /// Its capaian.
        capaian: Option<f64>,
    },
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::NoRealisation { code, name, period, sheet, row, .. } => write!(
                f,
                "Indikator {code} ({name}) belum memiliki realisasi {} (baris {row} lembar {sheet}).",
                period.label()
            ),
            Reason::NoDraft => f.write_str(
                "Belum ada draft untuk unit dan periode ini: buat draft lebih dulu (kinerja build) dan bahas dalam rapat evaluasi (SOP langkah 4–5).",
            ),
            Reason::NoKonsep => f.write_str(
                "Belum ada konsep untuk unit dan periode ini: buat konsep lebih dulu (kinerja build --stage konsep) dan ajukan kepada Kepala Dinas.",
            ),
            Reason::KonsepUnreadable { version, why } => {
                write!(f, "Cuplikan data konsep v{version} tidak dapat dibaca ({why}).")
            }
            Reason::DiffersFromKonsep(change) => write!(
                f,
                "{} Buat konsep baru (kinerja build --stage konsep) agar Kepala Dinas memeriksa angka yang akan ditandatangani.",
                change.render(View::Konsep).unwrap_or_default()
            ),
            Reason::Unsigned { stage, missing } => write!(
                f,
                "Penandatangan belum lengkap ({} tidak ada); {} memerlukannya, draft tidak. Isi blok tanda tangan di bawah tabel formulir (tempat dan tanggal, jabatan, nama, NIP), atau tambahkan lembar Identitas dengan kunci {}.",
                missing.join(", "),
                stage.slug(),
                missing.iter().map(|k| format!("\"{k}\"")).collect::<Vec<_>>().join(", ")
            ),
            Reason::DatedBefore { stage, date, parent_stage, parent_version, parent_date } => write!(
                f,
                "Tanggal {} ({}) lebih awal daripada {} v{parent_version} yang diikutinya ({parent_date}): satu tahap tidak boleh bertanggal sebelum tahap sebelumnya. Periksa --date (atau jam komputer), lalu jalankan lagi.",
                stage.slug(),
                crate::format::date(*date),
                parent_stage.slug()
            ),
            Reason::NoActionPlan { code, name, capaian } => write!(
                f,
                "Indikator {code} ({name}) tidak tercapai ({}) dan belum memiliki rencana aksi: isi baris untuknya di lembar Rencana Aksi (kendala, rencana aksi, penanggung jawab, batas waktu).",
                capaian.map(percent).unwrap_or_default()
            ),
        }
    }
}

impl Reason {
    /// The reason as a finding at the cell where the workbook can remedy it, when there is one (`file`
    /// names the workbook).
    pub fn finding(&self, file: &str) -> Option<Finding> {
        match self {
            Reason::NoRealisation { code, period, sheet, cell: Some(cell), .. } => Some(Finding {
                severity: Severity::Error,
                file: file.to_string(),
                sheet: Some(sheet.clone()),
                cell: Some(cell.clone()),
                message: format!("Realisasi {} indikator {code} belum diisi; konsep memerlukannya.", period.label()),
                hint: Some("Isi realisasinya (0 bila memang nol), lalu buat konsep lagi.".into()),
            }),
            _ => None,
        }
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
    date: NaiveDate,
) -> Result<Option<String>, Refusal> {
    let newest = |s: Stage| archive.newest(&DocKey::of(&wb.identity, s, DocKind::PengukuranKinerja));
    // A draft needs only what it prints; the konsep and the final are signed.
    let missing = wb.identity.missing_signer();
    if stage != Stage::Draft && !missing.is_empty() {
        return Err(Refusal {
            reasons: vec![Reason::Unsigned { stage, missing: missing.iter().map(|k| k.to_string()).collect() }],
        });
    }
    let parent = match stage {
        Stage::Draft => return Ok(None),
        Stage::Konsep => newest(Stage::Draft),
        Stage::Final => newest(Stage::Konsep),
    };
    let early = parent.as_ref().and_then(|p| dated_before(stage, p, date));
    let gate = match stage {
        Stage::Draft => Ok(None),
        Stage::Konsep => konsep_gate(wb, m, parent).map(Some),
        Stage::Final => final_gate(wb, m, last_year, parent, archive).map(Some),
    };
    match (gate, early) {
        (gate, None) => gate,
        (Ok(_), Some(reason)) => Err(Refusal { reasons: vec![reason] }),
        (Err(mut refusal), Some(reason)) => {
            refusal.reasons.insert(0, reason);
            Err(refusal)
        }
    }
}

/// Why a document of `stage` dated `date` may not follow `parent`: it would be dated before it (a final
/// of 1990 signed from a konsep of 2025). The same day is in order.
fn dated_before(stage: Stage, parent: &Entry, date: NaiveDate) -> Option<Reason> {
    let parent_date = NaiveDate::parse_from_str(&parent.date, "%Y-%m-%d").ok()?;
    (date < parent_date).then(|| Reason::DatedBefore {
        stage,
        date,
        parent_stage: parent.stage,
        parent_version: parent.version,
        parent_date: parent.date_words(),
    })
}

/// SOP step 6: every indicator has its realisation, and a draft was made and discussed first.
fn konsep_gate(wb: &Workbook, m: &Measurement, draft: Option<Entry>) -> Result<String, Refusal> {
    let mut reasons = Vec::new();
    let period = wb.identity.period;
    for (i, ind) in m.indicators.iter().zip(&wb.indicators) {
        if i.status == measure::Status::BelumAdaRealisasi {
            reasons.push(Reason::NoRealisation {
                code: i.code.clone(),
                name: i.name.clone(),
                period,
                sheet: ind.origin.sheet.clone(),
                row: ind.origin.row,
                cell: ind.origin.real_quarter_cells[period.quarters() - 1]
                    .clone()
                    .or(ind.origin.realisation_cell.clone()),
            });
        }
    }
    if draft.is_none() {
        reasons.push(Reason::NoDraft);
    }
    match draft {
        Some(d) if reasons.is_empty() => Ok(d.sha256),
        _ => Err(Refusal { reasons }),
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
) -> Result<String, Refusal> {
    let mut reasons = Vec::new();
    match &konsep {
        None => reasons.push(Reason::NoKonsep),
        Some(k) => match archive.snapshot::<Snapshot>(k) {
            Err(why) => reasons.push(Reason::KonsepUnreadable { version: k.version, why: why.to_string() }),
            Ok(old) => {
                // The logo is no figure the Kadis reviewed: not compared.
                let now = Made { workbook: wb, measurement: m, last_year, logo_sha256: old.logo_sha256.as_deref() };
                let differ = changes::against_konsep(&changes::diff(&Made::of(&old), &now));
                reasons.extend(differ.into_iter().map(Reason::DiffersFromKonsep));
            }
        },
    }
    for i in m.indicators.iter().filter(|i| i.tercapai == Some(false)) {
        if !wb.action_plans.iter().any(|p| names_indicator(&p.indicator, &i.code, &i.name)) {
            reasons.push(Reason::NoActionPlan { code: i.code.clone(), name: i.name.clone(), capaian: i.capaian });
        }
    }
    match konsep {
        Some(k) if reasons.is_empty() => Ok(k.sha256),
        _ => Err(Refusal { reasons }),
    }
}
