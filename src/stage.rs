//! The rules of the SOP's stages: which documents each stage makes, and the gate each must pass
//! before anything is made — a konsep follows a discussed draft and lacks no realisation (SOP step
//! 6); a final is signed from the figures of the newest konsep, with a rencana aksi for every unmet
//! indicator (SOP steps 7–8).

use crate::archive::changes::{self, Change, Made, View};
use crate::archive::manifest::Entry;
use crate::archive::snapshot::{LastYear, Snapshot};
use crate::archive::Archive;
use crate::build::HeldTo;
use crate::document::{Doc, DocKey, DocKind, Stage};
use crate::findings::{Finding, Severity};
use crate::format::percent;
use crate::measure::{self, Measurement};
use crate::model::{Level, Period, Workbook};
use crate::names::names_indicator;
use crate::pk;
use chrono::NaiveDate;

/// The documents `stage` makes for a measured workbook. The Pengukuran Kinerja, and at the final
/// the Rencana Aksi beside it when an indicator is unmet. The Perjanjian Kinerja (murni or perubahan,
/// as Identitas says), and its Rencana Aksi PK when the workbook plans quarters (Target TW columns or
/// a `Rencana Aksi PK` sheet).
pub fn kinds(doc: Doc, stage: Stage, wb: &Workbook, m: &Measurement) -> Vec<DocKind> {
    match doc {
        Doc::Pengukuran => {
            let mut kinds = vec![DocKind::PengukuranKinerja];
            if stage == Stage::Final && m.indicators.iter().any(|i| i.tercapai == Some(false)) {
                kinds.push(DocKind::RencanaAksi);
            }
            kinds
        }
        Doc::Pk => {
            let revision = pk::is_revision(wb);
            let mut kinds =
                vec![if revision { DocKind::PerjanjianKinerjaPerubahan } else { DocKind::PerjanjianKinerja }];
            let plans = !wb.pk_actions.is_empty()
                || pk::indicators(wb).iter().any(|i| i.target_quarters.iter().any(Option::is_some));
            if plans {
                kinds.push(if revision { DocKind::RencanaAksiPkPerubahan } else { DocKind::RencanaAksiPk });
            }
            if !wb.cascade.is_empty() {
                kinds.push(DocKind::PohonKinerja);
            }
            kinds
        }
        Doc::Lkjip => vec![DocKind::LaporanKinerja],
    }
}

/// The gate of the Laporan Kinerja at `stage`: it is made from the workbook of the year (Tahunan, or
/// Triwulan IV) and from the year's final measurement in the archive (`sources`, with the reason when
/// there is none); the final is signed from the sources of the newest draft (the figures read); there
/// is no konsep.
pub fn lkjip_gate(
    stage: Stage,
    wb: &Workbook,
    sources: &Result<crate::lkjip::Sources, String>,
    archive: &Archive,
    date: NaiveDate,
) -> Result<Option<String>, Refusal> {
    let kind = DocKind::LaporanKinerja;
    let mut reasons = Vec::new();
    let period = wb.identity.period;
    if !matches!(period, Period::Tahunan | Period::Tw4) {
        reasons.push(Reason::NotAnnual { period });
    }
    if stage == Stage::Konsep {
        return Err(Refusal { reasons: vec![Reason::NoKonsepStage(kind)] });
    }
    let sources = match sources {
        Ok(s) => s,
        Err(why) => {
            reasons.push(Reason::NoFinalMeasurement(why.clone()));
            return Err(Refusal { reasons });
        }
    };
    if stage == Stage::Draft {
        return if reasons.is_empty() { Ok(None) } else { Err(Refusal { reasons }) };
    }
    signed_from_draft(stage, wb, kind, archive, reasons, date, |old| crate::lkjip::differs_from_draft(old, wb, sources))
}

/// The gate of the Perjanjian Kinerja at `stage`: a draft needs what it prints (both parties, unless
/// the kepala daerah signs alone, and an indicator); the final is signed from the figures of the newest
/// draft (the one the parties read); there is no konsep.
pub fn pk_gate(stage: Stage, wb: &Workbook, archive: &Archive, date: NaiveDate) -> Result<Option<String>, Refusal> {
    let kind = stage_kind(wb);
    let mut reasons = Vec::new();
    if pk::level(wb) != Level::KepalaDaerah && wb.identity.superior.is_none() {
        reasons.push(Reason::NoSecondParty);
    }
    let missing = wb.identity.missing_signer();
    if !missing.is_empty() {
        reasons.push(Reason::FirstPartyIncomplete { missing: missing.iter().map(|k| k.to_string()).collect() });
    }
    if pk::indicators(wb).is_empty() {
        reasons.push(Reason::NoIndicators);
    }
    match stage {
        Stage::Draft if reasons.is_empty() => Ok(None),
        Stage::Draft => Err(Refusal { reasons }),
        Stage::Konsep => Err(Refusal { reasons: vec![Reason::NoKonsepStage(kind)] }),
        Stage::Final => signed_from_draft(stage, wb, kind, archive, reasons, date, |old| {
            pk::changes(&pk::Promise::of(&old.workbook), &pk::Promise::of(wb))
        }),
    }
}

/// The end of a gate of a document signed from its draft: the draft's PDF hash as the parent when
/// nothing stands in the way: the reasons found so far, no draft, a draft whose snapshot cannot be read,
/// what `differs` finds between the draft's snapshot and now, a final dated before its draft.
fn signed_from_draft(
    stage: Stage,
    wb: &Workbook,
    kind: DocKind,
    archive: &Archive,
    mut reasons: Vec<Reason>,
    date: NaiveDate,
    differs: impl FnOnce(&Snapshot) -> Vec<String>,
) -> Result<Option<String>, Refusal> {
    let draft = archive.newest(&DocKey::of(&wb.identity, Stage::Draft, kind));
    match &draft {
        None => reasons.push(Reason::NoDraftOf(kind)),
        Some(d) => match archive.snapshot::<Snapshot>(d) {
            Err(why) => reasons.push(Reason::DraftUnreadable { kind, version: d.version, why: why.to_string() }),
            Ok(old) => reasons.extend(differs(&old).into_iter().map(|what| Reason::DiffersFromDraft {
                kind,
                version: d.version,
                date: d.date_words(),
                what,
            })),
        },
    }
    if let Some(early) = draft.as_ref().and_then(|d| dated_before(stage, d, date)) {
        reasons.insert(0, early);
    }
    match draft {
        Some(d) if reasons.is_empty() => Ok(Some(d.sha256)),
        _ => Err(Refusal { reasons }),
    }
}

/// The `--doc` that makes a document kind.
fn doc_flag(kind: DocKind) -> &'static str {
    match kind {
        DocKind::LaporanKinerja => "lkjip",
        k if k.is_pk() => "pk",
        _ => "pengukuran",
    }
}

/// The Perjanjian Kinerja a workbook makes: murni or perubahan.
fn stage_kind(wb: &Workbook) -> DocKind {
    if pk::is_revision(wb) {
        DocKind::PerjanjianKinerjaPerubahan
    } else {
        DocKind::PerjanjianKinerja
    }
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
    /// Final: a target or an indicator differs from the signed PK in force for the period.
    DiffersFromPk {
        /// The PK as named ("Perjanjian Kinerja final v1, 2 Januari 2024 (kinerja:…)").
        pk: String,
        /// What differs.
        what: String,
    },
    /// A document without a konsep (the PK's, the Laporan Kinerja) asked for at that stage.
    NoKonsepStage(DocKind),
    /// The final of a document signed from its draft, with no draft made first.
    NoDraftOf(DocKind),
    /// That draft's snapshot cannot be read.
    DraftUnreadable { kind: DocKind, version: u32, why: String },
    /// What differs from that draft (the figures the parties or the Kadis read).
    DiffersFromDraft {
        kind: DocKind,
        /// The draft's version and date in words.
        version: u32,
        date: String,
        /// What moved, as the document's rules say it.
        what: String,
    },
    /// The PK: pihak kedua is not given (and the kepala daerah does not sign alone).
    NoSecondParty,
    /// The PK: pihak pertama's keys are missing.
    FirstPartyIncomplete { missing: Vec<String> },
    /// The PK: no indicator to promise.
    NoIndicators,
    /// The officials' PKs while the cascade has problems (each a finding at its cell).
    CascadeBroken(usize),
    /// An official's PK could not be made.
    OfficialFailed { position: String, why: String },
    /// The Laporan Kinerja from a quarter's workbook.
    NotAnnual { period: Period },
    /// The Laporan Kinerja with no final measurement of the year, said as the archive stands.
    NoFinalMeasurement(String),
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
            Reason::DiffersFromPk { pk, what } => write!(
                f,
                "Berbeda dengan {pk}: {what}. Tulis target sesuai PK yang ditandatangani, atau buat PK perubahan (Jenis PK perubahan, kinerja build --doc pk) lalu final-nya."
            ),
            Reason::NoKonsepStage(kind) => write!(
                f,
                "{} tidak memiliki tahap konsep: buat draft (kinerja build --doc {doc}), periksa, lalu final (kinerja build --doc {doc} --stage final).",
                kind.title(),
                doc = doc_flag(*kind)
            ),
            Reason::NoDraftOf(kind) => write!(
                f,
                "Belum ada draft {} untuk unit dan tahun ini: buat draft lebih dulu (kinerja build --doc {}).",
                kind.title(),
                doc_flag(*kind)
            ),
            Reason::DraftUnreadable { kind, version, why } => {
                write!(f, "Draft {} v{version} tidak dapat dibaca: {why}", kind.title())
            }
            Reason::DiffersFromDraft { kind, version, date, what } => write!(
                f,
                "Sejak draft v{version} ({date}): {what} Buat draft baru (kinerja build --doc {}) agar yang ditandatangani adalah yang dibaca.",
                doc_flag(*kind)
            ),
            Reason::NoSecondParty => f.write_str(
                "Pihak kedua Perjanjian Kinerja belum diisi: isi Nama Pihak Kedua dan Jabatan Pihak Kedua (atasan yang menandatangani, misalnya bupati) di lembar Identitas, atau Jenjang Jabatan kepala daerah untuk PK yang ditandatangani kepala daerah sendiri.",
            ),
            Reason::FirstPartyIncomplete { missing } => write!(
                f,
                "Pihak pertama Perjanjian Kinerja belum lengkap ({} tidak ada): isi kunci {} di lembar Identitas.",
                missing.join(", "),
                missing.iter().map(|k| format!("\"{k}\"")).collect::<Vec<_>>().join(", ")
            ),
            Reason::NoIndicators => f.write_str(
                "Perjanjian Kinerja tidak memuat satu indikator pun: isi lembar Kinerja (sasaran, indikator, satuan, target).",
            ),
            Reason::NotAnnual { period } => write!(
                f,
                "Laporan Kinerja adalah laporan tahunan: buatlah dari buku kerja periode Tahunan (atau Triwulan IV), bukan {}. Sebut buku kerjanya: kinerja build --doc lkjip input/<buku kerja tahunan>.",
                period.label()
            ),
            Reason::NoFinalMeasurement(why) => f.write_str(why),
            Reason::CascadeBroken(n) => write!(
                f,
                "PK para pejabat belum dibuat: pohon kinerja di lembar Cascading belum utuh ({n} masalah, masing-masing disebut di selnya). Perbaiki lembar Cascading, lalu jalankan lagi."
            ),
            Reason::OfficialFailed { position, why } => write!(f, "PK {position} tidak dapat dibuat: {why}"),
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
    held_to: Option<&HeldTo>,
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
        Stage::Final => {
            let mut result = final_gate(wb, m, last_year, parent, archive);
            // The measurement is held to the signed PK in force for its period.
            if let Some(h) = held_to.filter(|h| !h.differences.is_empty()) {
                let mut refusal = result.err().unwrap_or_default();
                refusal.reasons.extend(
                    h.differences.iter().map(|d| Reason::DiffersFromPk { pk: h.line.clone(), what: d.what.clone() }),
                );
                result = Err(refusal);
            }
            result.map(Some)
        }
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
