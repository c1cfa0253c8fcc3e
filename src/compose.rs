//! Compose: a measured workbook becomes one document's sources — the Typst main source of its
//! template, the data the template reads (`data.json`), and the logo. One composition serves
//! `build` and `typst`, so the sources a template author gets are those the archive's PDF was made
//! from.
//!
//! The data is [`Data`]: every figure already written the Indonesian way, every text as typed.
//! Its fields are the template's contract (`templates/PANDUAN.md` points here); layout is the
//! template's business, and nothing here is markup.

use crate::archive::snapshot::LastYear;
use crate::document::{DocKey, DocKind, Stage};
use crate::format::{self, entered, figure, percent, rupiah_plain};
use crate::measure::{Formula, IndicatorResult, Measurement, Status};
use crate::model::{Efficiency, Identity, NegativeFormula, Overall, Polarity, Scale, Workbook};
use crate::names::names_indicator;
use crate::templates::{TemplateError, Templates};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

/// Facts about one document that do not come from the workbook.
#[derive(Debug, Clone)]
pub struct DocContext {
    /// The stage.
    pub stage: Stage,
    /// The kind of document.
    pub kind: DocKind,
    /// Version number within unit, year, period, stage and kind.
    pub version: u32,
    /// The build date (`--date`, else today): printed in the footer.
    pub build_date: NaiveDate,
    /// Short source hash, printed in the final's verification line.
    pub source_short: String,
    /// What changed since the previous version, one line each.
    pub changes: Vec<String>,
    /// The previous version's number, when there is one.
    pub previous_version: Option<u32>,
    /// Last year's figures, from the archive or the workbook.
    pub last_year: Option<LastYear>,
    /// The signed Perjanjian Kinerja the measurement was held to, as the footnote names it.
    pub pk: Option<String>,
}

/// The data the Typst template reads as `data.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Data {
    /// About the document itself.
    pub dokumen: Dokumen,
    /// Who, when, who signs.
    pub identitas: Identitas,
    /// Names of the quarter columns shown ("TW I" …), empty when the workbook has no quarters.
    pub triwulan: Vec<&'static str>,
    /// The measurement table, by sasaran.
    pub sasaran: Vec<Sasaran>,
    /// The budget table, when the workbook has a budget.
    pub anggaran: Option<Anggaran>,
    /// Counts and the overall capaian.
    pub ringkasan: Ringkasan,
    /// Notes of the evaluation meetings.
    pub evaluasi: Vec<Evaluasi>,
    /// What changed since the previous version, one line each.
    pub perubahan: Vec<String>,
    /// The unmet indicators with their rencana aksi.
    pub rencana_aksi: Vec<RencanaAksi>,
    /// Faktor pendorong, penghambat and tindak lanjut per indicator, when the workbook has them.
    pub analisis: Vec<Analisis>,
    /// The footnotes of the measurement table: the marks of polarity and formula used, and every
    /// setting that is not the default, one line each.
    pub catatan_kaki: Vec<String>,
    /// This year against last year, when last year's figures are known.
    pub tahun_lalu: Option<TahunLalu>,
    /// Against the Renstra's end-of-period targets, when the workbook gives them.
    pub renstra: Option<RenstraData>,
    /// The charts: on the draft and konsep, and on the final when the office turns them on.
    pub grafik: Option<Grafik>,
}

/// The charts' data: numbers to draw, and the same numbers as text for their labels (so the PDF stays
/// searchable and the figures can be checked). How they are drawn is the template's business.
#[derive(Debug, Clone, Serialize)]
pub struct Grafik {
    /// One bar per indicator, in the document's order.
    pub capaian: Vec<Batang>,
    /// The top of the capaian scale, in percent (at least 120, in steps of 20, at most 300).
    pub maks: f64,
    /// The threshold line, in percent, and its label.
    pub ambang: f64,
    /// "100 %".
    pub ambang_label: String,
    /// Last year, when its bars stand beside this year's.
    pub tahun_lalu: Option<String>,
    /// The legend: (band, words), in order.
    pub pita: Vec<(&'static str, String)>,
    /// Each indicator's realisation per quarter against its target, when the workbook has quarters.
    pub triwulan: Vec<GrafikTriwulan>,
}

/// One indicator's capaian bar.
#[derive(Debug, Clone, Serialize)]
pub struct Batang {
    /// Indicator code.
    pub kode: String,
    /// Capaian in percent (0 when there is none).
    pub nilai: f64,
    /// "96,86 %", or "—".
    pub label: String,
    /// "tercapai", "dekat", "jauh", or "tanpa" (no capaian).
    pub pita: &'static str,
    /// Last year's capaian, when known.
    pub lalu: Option<f64>,
    /// Its label.
    pub label_lalu: Option<String>,
}

/// One indicator's quarters.
#[derive(Debug, Clone, Serialize)]
pub struct GrafikTriwulan {
    /// Indicator code.
    pub kode: String,
    /// Indicator name.
    pub nama: String,
    /// Its satuan: what the chart's vertical axis measures.
    pub satuan: String,
    /// Realisation per quarter of the period (none: not reported).
    pub nilai: Vec<Option<f64>>,
    /// Their labels.
    pub label: Vec<String>,
    /// Target per quarter, when the workbook has quarterly targets.
    pub target: Vec<Option<f64>>,
    /// The top of the scale.
    pub maks: f64,
}

/// The comparison with last year.
#[derive(Debug, Clone, Serialize)]
pub struct TahunLalu {
    /// Last year, "2023".
    pub tahun: String,
    /// Where the figures come from, one line.
    pub sumber: String,
    /// One row per indicator.
    pub baris: Vec<BarisTahunLalu>,
}

/// One indicator this year against last year.
#[derive(Debug, Clone, Serialize)]
pub struct BarisTahunLalu {
    /// Code.
    pub kode: String,
    /// Name.
    pub nama: String,
    /// Satuan.
    pub satuan: String,
    /// Last year's realisation, or "—".
    pub realisasi_lalu: String,
    /// Last year's capaian, or "—".
    pub capaian_lalu: String,
    /// This year's realisation.
    pub realisasi: String,
    /// This year's capaian.
    pub capaian: String,
    /// The change of capaian in points, "+2,35" or "—".
    pub perubahan: String,
    /// "arsip" or "buku kerja".
    pub sumber: String,
}

/// The indicators against the Renstra.
#[derive(Debug, Clone, Serialize)]
pub struct RenstraData {
    /// The Renstra's last year, when the workbook gives it.
    pub tahun_akhir: Option<String>,
    /// One row per indicator with an end target.
    pub baris: Vec<BarisRenstra>,
}

/// One indicator against its Renstra end target.
#[derive(Debug, Clone, Serialize)]
pub struct BarisRenstra {
    /// Code.
    pub kode: String,
    /// Name.
    pub nama: String,
    /// Satuan.
    pub satuan: String,
    /// End-of-period target.
    pub target: String,
    /// Realisation up to last year, or "—".
    pub sebelum: String,
    /// This year's realisation, or "—".
    pub tahun_ini: String,
    /// Up to this year, or "—".
    pub kumulatif: String,
    /// How this year was carried over the years: "jumlah" (added to the years before) or "posisi"
    /// (where it stands now), with "*" when the office said so rather than the satuan.
    pub antartahun: String,
    /// Capaian against the end target, or "—".
    pub capaian: String,
}

/// One indicator's analysis.
#[derive(Debug, Clone, Serialize)]
pub struct Analisis {
    /// Indicator code.
    pub kode: String,
    /// Indicator name.
    pub nama: String,
    /// Its capaian, or why there is none.
    pub capaian: String,
    /// Faktor pendorong.
    pub pendorong: String,
    /// Faktor penghambat.
    pub penghambat: String,
    /// Tindak lanjut.
    pub tindak_lanjut: String,
}

/// `data.dokumen`.
#[derive(Debug, Clone, Serialize)]
pub struct Dokumen {
    /// `draft`, `konsep`, `final`.
    pub tahap: &'static str,
    /// "Pengukuran Kinerja", "Rencana Aksi".
    pub nama: &'static str,
    /// "DRAFT", "KONSEP", or none for the final.
    pub tanda: Option<&'static str>,
    /// Version number.
    pub versi: u32,
    /// The previous version's number.
    pub versi_sebelumnya: Option<u32>,
    /// Build date, "15 Januari 2025".
    pub tanggal_dibuat: String,
    /// Short source hash: the verification code.
    pub hash: String,
    /// Program name and version.
    pub alat: &'static str,
    /// The document's identity as text ([`crate::document::code`]): in the PDF's keywords, and in
    /// the final's QR code.
    pub kode: String,
    /// The QR code of that identity, on the final's signature page.
    pub qr: Option<Qr>,
}

/// A QR code as the template draws it: its side in modules (without the quiet zone), and each row's
/// dark runs as (first module, length).
#[derive(Debug, Clone, Serialize)]
pub struct Qr {
    /// Modules per side.
    pub ukuran: usize,
    /// Per row, its runs of dark modules.
    pub baris: Vec<Vec<(usize, usize)>>,
}

impl Qr {
    /// The QR code of `text` (error correction M: a printout may be creased or stamped).
    pub fn of(text: &str) -> Option<Qr> {
        let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M).ok()?;
        let width = code.width();
        let colors = code.to_colors();
        let baris = colors
            .chunks(width)
            .map(|row| {
                let mut runs: Vec<(usize, usize)> = Vec::new();
                for (x, c) in row.iter().enumerate() {
                    if *c != qrcode::Color::Dark {
                        continue;
                    }
                    match runs.last_mut() {
                        Some((start, len)) if *start + *len == x => *len += 1,
                        _ => runs.push((x, 1)),
                    }
                }
                runs
            })
            .collect();
        Some(Qr { ukuran: width, baris })
    }
}

/// `data.identitas`.
#[derive(Debug, Clone, Serialize)]
pub struct Identitas {
    /// "Pemerintah Kabupaten Lumajang".
    pub pemerintah: String,
    /// The unit's name.
    pub unit: String,
    /// Address line of the letterhead.
    pub alamat: Option<String>,
    /// The year, as text.
    pub tahun: String,
    /// "Tahunan", "Triwulan II" …
    pub periode: &'static str,
    /// Place of signing.
    pub tempat: String,
    /// Date of signing (the workbook's, else the build date), "15 Januari 2025".
    pub tanggal: String,
    /// Position of the signer.
    pub jabatan: String,
    /// Name of the signer.
    pub nama: String,
    /// Rank of the signer.
    pub pangkat: Option<String>,
    /// NIP in its groups, "19840518 201101 1 014".
    pub nip: String,
    /// The logo's file name in the Typst world, when there is one.
    pub logo: Option<String>,
    /// The Perjanjian Kinerja measured, as a line under the title.
    pub pk: Option<String>,
    /// The "Dievaluasi oleh" block beside the final's signature.
    pub evaluator: Option<Evaluator>,
}

/// The evaluator of the "Dievaluasi oleh" block.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluator {
    /// Name.
    pub nama: String,
    /// Position.
    pub jabatan: Option<String>,
    /// NIP in its groups.
    pub nip: Option<String>,
}

/// One sasaran of the measurement table.
#[derive(Debug, Clone, Serialize)]
pub struct Sasaran {
    /// Its number, "1".
    pub no: String,
    /// Sasaran strategis.
    pub nama: String,
    /// Mean capaian of its indicators, "97,50 %".
    pub capaian: Option<String>,
    /// Predikat of that mean.
    pub predikat: Option<String>,
    /// Its indicators.
    pub indikator: Vec<Indikator>,
}

/// One indicator of the measurement table.
#[derive(Debug, Clone, Serialize)]
pub struct Indikator {
    /// Running number over the document, "3".
    pub no: String,
    /// Indicator code.
    pub kode: String,
    /// Indicator name.
    pub nama: String,
    /// Satuan.
    pub satuan: String,
    /// "Positif", "Negatif", "Rentang", "Tetap".
    pub polaritas: &'static str,
    /// The period's target, "90" or "5 – 10".
    pub target: String,
    /// The annual target, when the period's target came from the quarterly targets.
    pub target_tahunan: Option<String>,
    /// Realisation per quarter shown ("—" when not reported).
    pub triwulan: Vec<String>,
    /// Target per quarter, beside each quarter's realisation, when the workbook has quarterly targets.
    pub triwulan_target: Vec<String>,
    /// The indicator's type (IKU, IKK, IKD), when the workbook gives it.
    pub jenis: Option<String>,
    /// Sumber data, when the workbook gives it.
    pub sumber: Option<String>,
    /// The mark of its polarity and of the formula its capaian was computed with ("↓b"), explained in
    /// `catatan_kaki`.
    pub rumus: Option<String>,
    /// The period's realisation, or "—".
    pub realisasi: String,
    /// "96,86 %", or why there is none.
    pub capaian: String,
    /// Predikat of the capaian.
    pub predikat: Option<String>,
    /// "tercapai", "tidak tercapai", "belum ada realisasi", "tidak dapat dihitung".
    pub status: &'static str,
    /// Why there is no capaian.
    pub alasan: Option<String>,
    /// Keterangan.
    pub keterangan: Option<String>,
    /// The program whose rows start with this indicator, printed as a heading row above it (the
    /// Renja evaluation form groups its indicators by program).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub program: Option<String>,
    /// The kegiatan or sub-kegiatan the indicator measures, printed over its name ("Kegiatan: …").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kegiatan: Option<String>,
}

/// The budget table.
#[derive(Debug, Clone, Serialize)]
pub struct Anggaran {
    /// One row per budget line.
    pub baris: Vec<BarisAnggaran>,
    /// The totals.
    pub total: TotalAnggaran,
    /// How serapan and efficiency are computed, under the table.
    pub catatan: &'static str,
}

/// One budget line.
#[derive(Debug, Clone, Serialize)]
pub struct BarisAnggaran {
    /// Its number.
    pub no: String,
    /// Program / kegiatan.
    pub nama: String,
    /// Codes of the indicators it serves, "1.1, 1.2".
    pub indikator: String,
    /// Pagu in rupiah, "1.250.000.000".
    pub pagu: String,
    /// Realisation in rupiah.
    pub realisasi: String,
    /// Serapan, "85,45 %", or "—".
    pub serapan: String,
    /// Efficiency, or "—".
    pub efisiensi: String,
}

/// The budget totals.
#[derive(Debug, Clone, Serialize)]
pub struct TotalAnggaran {
    /// Total pagu.
    pub pagu: String,
    /// Total realisation.
    pub realisasi: String,
    /// Total serapan, or "—".
    pub serapan: String,
}

/// Counts and the overall capaian.
#[derive(Debug, Clone, Serialize)]
pub struct Ringkasan {
    /// Number of indicators.
    pub jumlah: usize,
    /// Indicators tercapai.
    pub tercapai: usize,
    /// Indicators measured and not tercapai.
    pub tidak_tercapai: usize,
    /// Indicators without a realisation for the period.
    pub belum_ada_realisasi: usize,
    /// Indicators whose capaian cannot be computed.
    pub tidak_dapat_dihitung: usize,
    /// Mean of the sasaran capaian.
    pub capaian: Option<String>,
    /// Its predikat.
    pub predikat: Option<String>,
    /// The threshold from which an indicator is tercapai, "100".
    pub ambang: String,
    /// The predikat scale with its bands and how a value between bands is placed.
    pub skala: String,
    /// What the overall capaian is the mean of.
    pub capaian_dari: &'static str,
}

/// One note of an evaluation meeting.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluasi {
    /// Date of the meeting.
    pub tanggal: String,
    /// The indicator concerned, or "Seluruh dokumen".
    pub indikator: String,
    /// The note.
    pub catatan: String,
    /// What will be done about it.
    pub tindak_lanjut: String,
}

/// An unmet indicator with its rencana aksi.
#[derive(Debug, Clone, Serialize)]
pub struct RencanaAksi {
    /// Indicator code.
    pub kode: String,
    /// Indicator name.
    pub nama: String,
    /// Satuan.
    pub satuan: String,
    /// The period's target.
    pub target: String,
    /// The period's realisation, or "—".
    pub realisasi: String,
    /// Its capaian, or "—".
    pub capaian: String,
    /// The rows of `Rencana Aksi` that name it.
    pub rencana: Vec<Rencana>,
}

/// One row of `Rencana Aksi`.
#[derive(Debug, Clone, Serialize)]
pub struct Rencana {
    /// Kendala.
    pub kendala: String,
    /// Rencana aksi.
    pub rencana_aksi: String,
    /// Penanggung jawab.
    pub penanggung_jawab: String,
    /// Batas waktu.
    pub batas_waktu: String,
}

/// `data.dokumen` of any document of the unit.
pub fn dokumen(id: &Identity, ctx: &DocContext) -> Dokumen {
    let kode = crate::document::code(&DocKey::of(id, ctx.stage, ctx.kind), ctx.version, &ctx.source_short);
    Dokumen {
        tahap: ctx.stage.slug(),
        nama: ctx.kind.title(),
        tanda: ctx.stage.marking(),
        versi: ctx.version,
        versi_sebelumnya: ctx.previous_version,
        tanggal_dibuat: format::date(ctx.build_date),
        hash: ctx.source_short.clone(),
        alat: crate::archive::TOOL,
        qr: if ctx.stage == Stage::Final { Qr::of(&kode) } else { None },
        kode,
    }
}

/// `data.identitas` of any document of the unit: the letterhead, the signer, the PK measured.
pub fn identitas(id: &Identity, ctx: &DocContext, logo_file: Option<String>) -> Identitas {
    Identitas {
        pemerintah: id.government.clone(),
        unit: id.unit_name.clone(),
        alamat: id.address.clone(),
        tahun: id.year.to_string(),
        periode: id.period.label(),
        // A draft may be made from a form without a signature block: its signer's lines say so (the
        // konsep and the final are refused without them, stage::gate).
        tempat: id.place.clone().unwrap_or_else(|| "……".into()),
        tanggal: format::date(id.date.unwrap_or(ctx.build_date)),
        jabatan: id.signer_title.clone().unwrap_or_else(|| "(jabatan penandatangan belum diisi)".into()),
        nama: id.signer_name.clone().unwrap_or_else(|| "(nama penandatangan belum diisi)".into()),
        pangkat: id.signer_rank.clone(),
        nip: id.nip.as_deref().map_or_else(|| "……".into(), format::nip),
        logo: logo_file,
        pk: id.agreement.as_ref().filter(|a| a.number.is_some() || a.date.is_some() || a.kind.is_some()).map(|a| {
            let mut line = "Perjanjian Kinerja".to_string();
            if let Some(n) = &a.number {
                line.push_str(&format!(" Nomor {n}"));
            }
            if let Some(d) = a.date {
                line.push_str(&format!(" tanggal {}", format::date(d)));
            }
            if let Some(k) = &a.kind {
                line.push_str(&format!(" ({k})"));
            }
            line
        }),
        evaluator: id.evaluator.as_ref().map(|e| Evaluator {
            nama: e.name.clone(),
            jabatan: e.title.clone(),
            nip: e.nip.as_deref().map(format::nip),
        }),
    }
}

/// The data of one document. `logo_file` is the logo's name in the Typst world, when there is one.
pub fn data(wb: &Workbook, m: &Measurement, ctx: &DocContext, logo_file: Option<String>) -> Data {
    let id = &wb.identity;
    let show_quarters = m.indicators.iter().any(|i| i.real_quarters.iter().any(Option::is_some));
    let mut number = 0;
    let sasaran = m
        .sasaran
        .iter()
        .enumerate()
        .map(|(si, s)| Sasaran {
            no: (si + 1).to_string(),
            nama: s.name.clone(),
            capaian: s.capaian.map(percent),
            predikat: s.predikat.clone(),
            indikator: {
                let mut program = None;
                m.indicators
                    .iter()
                    .filter(|i| s.codes.contains(&i.code))
                    .map(|i| {
                        number += 1;
                        let mut row = indikator(wb, i, number, show_quarters);
                        let place = wb.indicator(&i.code).and_then(|x| x.place.as_ref());
                        let this_program = place.and_then(|p| p.program.clone());
                        if this_program.is_some() && this_program != program {
                            row.program = this_program.clone();
                        }
                        program = this_program;
                        row.kegiatan = place.and_then(|p| match (&p.kegiatan, &p.sub_kegiatan) {
                            (_, Some(sub)) => Some(format!("Sub Kegiatan: {sub}")),
                            (Some(k), None) => Some(format!("Kegiatan: {k}")),
                            (None, None) => None,
                        });
                        row
                    })
                    .collect()
            },
        })
        .collect();
    let anggaran = m.budget_total.as_ref().map(|t| Anggaran {
        baris: m
            .budget
            .iter()
            .enumerate()
            .map(|(i, b)| BarisAnggaran {
                no: (i + 1).to_string(),
                nama: b.name.clone(),
                indikator: b.codes.join(", "),
                pagu: rupiah_plain(b.pagu),
                realisasi: rupiah_plain(b.realisation),
                serapan: or_dash(b.serapan.map(percent)),
                efisiensi: or_dash(b.efficiency.map(percent)),
            })
            .collect(),
        total: TotalAnggaran {
            pagu: rupiah_plain(t.pagu),
            realisasi: rupiah_plain(t.realisation),
            serapan: or_dash(t.serapan.map(percent)),
        },
        catatan: efficiency_note(&wb.settings),
    });
    let s = &m.summary;
    Data {
        dokumen: dokumen(id, ctx),
        identitas: identitas(id, ctx, logo_file),
        triwulan: if show_quarters {
            ["TW I", "TW II", "TW III", "TW IV"][..id.period.quarters()].to_vec()
        } else {
            vec![]
        },
        sasaran,
        anggaran,
        ringkasan: Ringkasan {
            jumlah: s.indicators,
            tercapai: s.tercapai,
            tidak_tercapai: s.tidak_tercapai,
            belum_ada_realisasi: s.belum_ada_realisasi,
            tidak_dapat_dihitung: s.tidak_dapat_dihitung,
            capaian: s.capaian.map(percent),
            predikat: s.predikat.clone(),
            ambang: figure(wb.settings.threshold, 2),
            skala: scale_text(&wb.settings.scale),
            capaian_dari: match wb.settings.overall {
                Overall::Sasaran => "Capaian kinerja = rata-rata capaian sasaran.",
                Overall::Indicators => "Capaian kinerja = rata-rata capaian seluruh indikator (pengaturan kantor).",
            },
        },
        evaluasi: wb
            .evaluations
            .iter()
            .map(|e| Evaluasi {
                tanggal: format::date(e.date),
                indikator: e.indicator.clone().unwrap_or_else(|| "Seluruh dokumen".into()),
                catatan: e.note.clone(),
                tindak_lanjut: e.follow_up.clone().unwrap_or_default(),
            })
            .collect(),
        perubahan: ctx.changes.clone(),
        rencana_aksi: m.indicators.iter().filter(|i| i.tercapai == Some(false)).map(|i| rencana_aksi(wb, i)).collect(),
        analisis: analisis(wb, m),
        catatan_kaki: footnotes(wb, m, ctx),
        tahun_lalu: ctx.last_year.as_ref().map(|ly| tahun_lalu(wb, m, ly)),
        renstra: renstra(wb, m),
        grafik: (ctx.kind == DocKind::PengukuranKinerja && (ctx.stage != Stage::Final || wb.settings.charts_on_final))
            .then(|| grafik(wb, m, ctx.last_year.as_ref()))
            .flatten(),
    }
}

/// How serapan and efficiency are computed under the office's setting, as the budget's note says it.
pub fn efficiency_note(settings: &crate::model::Settings) -> &'static str {
    match settings.efficiency {
        Efficiency::RemainingBudget => {
            "Serapan = realisasi ÷ pagu × 100 (dihitung ulang). Efisiensi = 100 − serapan, hanya bila semua indikator yang didukung tercapai."
        }
        Efficiency::CapaianMinusSerapan => {
            "Serapan = realisasi ÷ pagu × 100 (dihitung ulang). Efisiensi = capaian rata-rata indikator yang didukung − serapan."
        }
        Efficiency::Ratio => {
            "Serapan = realisasi ÷ pagu × 100 (dihitung ulang). Efisiensi = (1 − serapan ÷ capaian rata-rata indikator yang didukung) × 100."
        }
    }
}

/// The charts' data, when any indicator has a capaian.
fn grafik(wb: &Workbook, m: &Measurement, last: Option<&LastYear>) -> Option<Grafik> {
    if m.indicators.iter().all(|i| i.capaian.is_none()) {
        return None;
    }
    let threshold = wb.settings.threshold;
    let close = wb.settings.chart_close.unwrap_or(90.0).min(threshold);
    let band = |c: f64| {
        if c >= threshold {
            "tercapai"
        } else if c >= close {
            "dekat"
        } else {
            "jauh"
        }
    };
    let last_of = |code: &str| last.and_then(|l| l.rows.iter().find(|r| r.code == code)).and_then(|r| r.capaian);
    let capaian: Vec<Batang> = m
        .indicators
        .iter()
        .map(|i| Batang {
            kode: i.code.clone(),
            nilai: i.capaian.unwrap_or(0.0),
            label: or_dash(i.capaian.map(percent)),
            pita: i.capaian.map_or("tanpa", band),
            lalu: last_of(&i.code),
            label_lalu: last_of(&i.code).map(percent),
        })
        .collect();
    let top = capaian.iter().flat_map(|b| [Some(b.nilai), b.lalu]).flatten().fold(threshold, f64::max);
    let maks = ((top.max(120.0) / 20.0).ceil() * 20.0).min(300.0);
    let n = wb.identity.period.quarters();
    let triwulan = m
        .indicators
        .iter()
        .filter(|i| i.real_quarters.iter().any(Option::is_some))
        .map(|i| {
            let nilai: Vec<Option<f64>> = i.real_quarters[..n].to_vec();
            let target: Vec<Option<f64>> = i.target_quarters[..n].to_vec();
            let top = nilai.iter().chain(&target).flatten().fold(0.0f64, |a, b| a.max(*b));
            // (Below zero is drawn at zero, its figure written: a quarter of negative growth.)
            GrafikTriwulan {
                kode: i.code.clone(),
                nama: i.name.clone(),
                satuan: i.satuan.clone(),
                label: nilai.iter().map(|v| or_dash(v.map(entered))).collect(),
                nilai,
                target,
                maks: if top > 0.0 { top * 1.15 } else { 1.0 },
            }
        })
        .collect();
    Some(Grafik {
        capaian,
        maks,
        ambang: threshold,
        ambang_label: format!("{} %", figure(threshold, 2)),
        tahun_lalu: last.map(|l| l.year.to_string()),
        pita: [
            Some(("tercapai", format!("tercapai (≥ {} %)", figure(threshold, 2)))),
            (close < threshold)
                .then(|| ("dekat", format!("mendekati ({}–{} %)", figure(close, 2), figure(threshold, 2)))),
            Some(("jauh", format!("jauh dari target (< {} %)", figure(close, 2)))),
        ]
        .into_iter()
        .flatten()
        .collect(),
        triwulan,
    })
}

/// This year against last year, per indicator.
fn tahun_lalu(wb: &Workbook, m: &Measurement, ly: &LastYear) -> TahunLalu {
    let baris = m
        .indicators
        .iter()
        .map(|i| {
            let row = ly.rows.iter().find(|r| r.code == i.code);
            let last_capaian = row.and_then(|r| r.capaian);
            let change = i.capaian.zip(last_capaian).map(|(now, then)| {
                let d = format::round(format::round(now, 2) - format::round(then, 2), 2);
                if d > 0.0 {
                    format!("+{}", format::fixed(d, 2))
                } else {
                    format::fixed(d, 2)
                }
            });
            BarisTahunLalu {
                kode: i.code.clone(),
                nama: i.name.clone(),
                satuan: i.satuan.clone(),
                realisasi_lalu: or_dash(row.and_then(|r| r.realisation).map(entered)),
                capaian_lalu: or_dash(last_capaian.map(percent)),
                realisasi: realisation_text(wb, i),
                capaian: or_dash(i.capaian.map(percent)),
                perubahan: or_dash(change),
                sumber: row.map_or_else(|| "—".to_string(), |r| r.from.clone()),
            }
        })
        .collect();
    let sumber = match &ly.document {
        Some(d) => format!(
            "Angka tahun {} dari dokumen arsip {d}; yang bertanda buku kerja dari kolom tahun lalu di buku kerja.",
            ly.year
        ),
        None => format!(
            "Angka tahun {} dari kolom tahun lalu di buku kerja (arsip tidak memuat dokumen tahun itu).",
            ly.year
        ),
    };
    TahunLalu { tahun: ly.year.to_string(), sumber, baris }
}

/// The indicators against the Renstra, when any has an end target.
fn renstra(wb: &Workbook, m: &Measurement) -> Option<RenstraData> {
    let baris: Vec<BarisRenstra> = m
        .indicators
        .iter()
        .filter_map(|i| {
            let r = i.renstra.as_ref()?;
            Some(BarisRenstra {
                kode: i.code.clone(),
                nama: i.name.clone(),
                satuan: i.satuan.clone(),
                target: entered(r.target),
                sebelum: or_dash(r.before.map(entered)),
                tahun_ini: realisation_text(wb, i),
                kumulatif: or_dash(r.cumulative.map(entered)),
                antartahun: r.rule.map_or_else(String::new, |rule| {
                    let word = if rule.adds { "jumlah" } else { "posisi" };
                    let by_office = rule.by != crate::measure::RuleSource::Satuan;
                    format!("{word}{}", if by_office { "*" } else { "" })
                }),
                capaian: or_dash(r.capaian.map(percent)),
            })
        })
        .collect();
    (!baris.is_empty()).then(|| RenstraData { tahun_akhir: wb.identity.renstra_end.map(|y| y.to_string()), baris })
}

/// The predikat scale as the summary's footnote states it.
pub fn scale_text(scale: &Scale) -> String {
    match scale {
        Scale::Permendagri => "Predikat menurut Permendagri 86/2017: ≥ 91 Sangat Tinggi; 76–90 Tinggi; 66–75 Sedang; 51–65 Rendah; ≤ 50 Sangat Rendah.".into(),
        Scale::Akip => "Predikat menurut skala AKIP (PermenPAN-RB 88/2021): > 90 AA; > 80 A; > 70 BB; > 60 B; > 50 CC; > 30 C; ≤ 30 D (batas bawah tiap pita tidak termasuk).".into(),
        Scale::Own(bands) => {
            let list: Vec<String> = bands.iter().map(|(lo, label)| format!("≥ {} {label}", figure(*lo, 2))).collect();
            format!("Predikat menurut skala kantor: {} (batas bawah tiap pita termasuk).", list.join("; "))
        }
    }
}

/// The mark of an indicator's polarity and formula: "↑a", "↓b" …
fn mark(polarity: Polarity, formula: Formula) -> String {
    let p = match polarity {
        Polarity::Positif => "↑",
        Polarity::Negatif => "↓",
        Polarity::Rentang => "↔",
        Polarity::Tetap => "=",
    };
    format!("{p}{}", formula_letter(formula))
}

fn formula_letter(f: Formula) -> &'static str {
    match f {
        Formula::RatioUp => "a",
        Formula::TwoTMinusR => "b",
        Formula::TOverR => "c",
        Formula::InRange => "d",
        Formula::Stable => "e",
        Formula::ZeroZero => "f",
    }
}

/// The footnotes of the measurement table: the marks used, then each setting that is not the default.
fn footnotes(wb: &Workbook, m: &Measurement, ctx: &DocContext) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(pk) = &ctx.pk {
        notes.push(format!("Diukur terhadap {pk}."));
    }
    let mut used: Vec<Formula> = m.indicators.iter().filter_map(|i| i.formula).collect();
    used.sort_by_key(|f| formula_letter(*f));
    used.dedup();
    if !used.is_empty() {
        let words: Vec<String> = used
            .iter()
            .map(|f| {
                let what = match f {
                    Formula::RatioUp => "R ÷ T × 100",
                    Formula::TwoTMinusR => "(2T − R) ÷ T × 100",
                    Formula::TOverR => "T ÷ R × 100",
                    Formula::InRange => "100, realisasi di dalam rentang target",
                    Formula::Stable => "100 − |R − T| ÷ T × 100",
                    Formula::ZeroZero => "100, target 0 dan realisasi 0 (pengaturan kantor)",
                };
                format!("{} = {what}", formula_letter(*f))
            })
            .collect();
        notes.push(format!(
            "Tanda capaian: ↑ polaritas positif, ↓ negatif, ↔ rentang, = tetap; rumus {} (R realisasi, T target).",
            words.join("; ")
        ));
    }
    if wb.indicators.iter().any(|x| x.target_quarters.iter().any(Option::is_some))
        && m.indicators.iter().any(|i| i.real_quarters.iter().any(Option::is_some))
    {
        notes.push("Di bawah realisasi tiap triwulan: T = target triwulan itu.".into());
    }
    if m.indicators.iter().any(|i| i.floored) {
        notes.push("Capaian yang menurut rumusnya di bawah 0 % dicatat 0,00 %.".into());
    }
    let s = &wb.settings;
    if s.negative_formula == NegativeFormula::TOverR {
        notes.push("Polaritas negatif dihitung dengan rumus T ÷ R × 100 (pengaturan kantor).".into());
    }
    if let Some(cap) = s.cap {
        notes.push(format!("Capaian dibatasi paling tinggi {} % (pengaturan kantor).", figure(cap, 2)));
    }
    if s.threshold != 100.0 {
        notes.push(format!("Indikator tercapai bila capaiannya ≥ {} % (pengaturan kantor).", figure(s.threshold, 2)));
    }
    if s.zero_zero_full {
        notes.push("Indikator negatif dengan target 0 dan realisasi 0 dinilai 100 % (pengaturan kantor).".into());
    }
    notes
}

/// The analysis table's rows: every indicator the workbook says something of.
fn analisis(wb: &Workbook, m: &Measurement) -> Vec<Analisis> {
    m.indicators
        .iter()
        .filter_map(|i| {
            let ind = wb.indicator(&i.code)?;
            if ind.drivers.is_none() && ind.obstacles.is_none() && ind.follow_up.is_none() {
                return None;
            }
            Some(Analisis {
                kode: i.code.clone(),
                nama: i.name.clone(),
                capaian: match i.status {
                    Status::Terukur => i.capaian.map(percent).unwrap_or_default(),
                    Status::BelumAdaRealisasi => "belum ada realisasi".into(),
                    Status::TidakDapatDihitung => "tidak dapat dihitung".into(),
                },
                pendorong: ind.drivers.clone().unwrap_or_default(),
                penghambat: ind.obstacles.clone().unwrap_or_default(),
                tindak_lanjut: ind.follow_up.clone().unwrap_or_default(),
            })
        })
        .collect()
}

fn or_dash(text: Option<String>) -> String {
    text.unwrap_or_else(|| "—".into())
}

/// The target of the period as printed.
pub(crate) fn target_text(i: &IndicatorResult) -> String {
    i.period_target().text(entered)
}

/// An indicator's capaian as printed ("96,86 %", or why there is none) and its status word.
pub(crate) fn capaian_status(i: &IndicatorResult) -> (String, &'static str) {
    match i.status {
        Status::Terukur => (
            i.capaian.map(percent).unwrap_or_default(),
            if i.tercapai == Some(true) { "tercapai" } else { "tidak tercapai" },
        ),
        Status::BelumAdaRealisasi => ("belum ada realisasi".to_string(), "belum ada realisasi"),
        Status::TidakDapatDihitung => ("tidak dapat dihitung".to_string(), "tidak dapat dihitung"),
    }
}

/// A realisation as entered; one added up from the quarters with as many decimals as they were entered
/// with, and a mean with at least two (3, 3,5, 3,2 and 2,8 average 3,17).
/// "—" when there is none.
pub fn realisation_text(wb: &Workbook, i: &IndicatorResult) -> String {
    let Some(r) = i.realisation else { return "—".into() };
    let n = wb.identity.period.quarters();
    let Some(ind) = wb.indicator(&i.code).filter(|x| x.realisation.is_none()) else { return entered(r) };
    let most = ind.real_quarters[..n].iter().flatten().map(|q| format::decimals(*q)).max().unwrap_or(0);
    match ind.aggregation {
        crate::model::Aggregation::Terakhir => entered(r),
        crate::model::Aggregation::Jumlah => figure(r, most.min(4)),
        crate::model::Aggregation::RataRata => figure(r, most.clamp(2, 4)),
    }
}

fn indikator(wb: &Workbook, i: &IndicatorResult, number: usize, show_quarters: bool) -> Indikator {
    // A quarter measured against its quarterly targets also shows the annual target.
    let ind = wb.indicator(&i.code);
    let annual = ind.filter(|_| i.target_from_quarters).map(|x| x.target.text(entered));
    let n = wb.identity.period.quarters();
    let triwulan =
        if show_quarters { i.real_quarters[..n].iter().map(|q| or_dash(q.map(entered))).collect() } else { vec![] };
    let show_targets = show_quarters && wb.indicators.iter().any(|x| x.target_quarters.iter().any(Option::is_some));
    let triwulan_target =
        if show_targets { i.target_quarters[..n].iter().map(|q| or_dash(q.map(entered))).collect() } else { vec![] };
    let (capaian, status) = capaian_status(i);
    Indikator {
        no: number.to_string(),
        kode: i.code.clone(),
        nama: i.name.clone(),
        satuan: i.satuan.clone(),
        polaritas: i.polarity.label(),
        target: target_text(i),
        target_tahunan: annual,
        triwulan,
        triwulan_target,
        jenis: ind.and_then(|x| x.kind.clone()),
        sumber: i.data_source.clone(),
        rumus: i.formula.map(|f| mark(i.polarity, f)),
        realisasi: realisation_text(wb, i),
        capaian,
        predikat: i.predikat.clone(),
        status,
        alasan: i.reason.clone(),
        keterangan: i.note.clone(),
        program: None,
        kegiatan: None,
    }
}

fn rencana_aksi(wb: &Workbook, i: &IndicatorResult) -> RencanaAksi {
    RencanaAksi {
        kode: i.code.clone(),
        nama: i.name.clone(),
        satuan: i.satuan.clone(),
        target: target_text(i),
        realisasi: realisation_text(wb, i),
        capaian: or_dash(i.capaian.map(percent)),
        rencana: wb
            .action_plans
            .iter()
            .filter(|p| names_indicator(&p.indicator, &i.code, &i.name))
            .map(|p| Rencana {
                kendala: p.problem.clone(),
                rencana_aksi: p.action.clone(),
                penanggung_jawab: p.responsible.clone(),
                batas_waktu: p.deadline.clone(),
            })
            .collect(),
    }
}

/// One document's sources, ready for the typesetter.
#[derive(Debug, Clone)]
pub struct Composed {
    /// The Typst main source, composed by minijinja from the kind's template.
    pub main: String,
    /// The template it came from (`draft.typ.j2`), for messages.
    pub main_template: String,
    /// [`Data`] as `data.json` (pretty JSON, keys sorted).
    pub data: Vec<u8>,
    /// The images it shows — the logo, a report's pictures — as (file name in the Typst world, bytes).
    pub images: Vec<(String, Vec<u8>)>,
}

/// Composes documents from one template set; a template's main source is composed once and shared
/// by every document that uses it (it does not depend on the document).
pub struct Composer<'a> {
    /// The template set.
    templates: &'a Templates,
    /// Main sources already composed, by template name and stage.
    main_sources: Mutex<HashMap<(&'static str, Stage), String>>,
}

/// Why a document's sources could not be composed.
#[derive(Debug)]
pub enum ComposeError {
    /// The workbook's logo (or a picture of its narrative) could not be read.
    Logo(String),
    /// A Laporan Kinerja was asked for without its sources.
    NoSources,
    /// A template is broken.
    Template(TemplateError),
}

impl std::fmt::Display for ComposeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ComposeError::Logo(e) => f.write_str(e),
            ComposeError::NoSources => f.write_str("Laporan Kinerja disusun tanpa sumber arsipnya"),
            ComposeError::Template(e) => write!(f, "{e}"),
        }
    }
}

impl<'a> Composer<'a> {
    /// A composer over `templates`.
    pub fn new(templates: &'a Templates) -> Self {
        Composer { templates, main_sources: Mutex::default() }
    }

    /// The sources of the document `ctx` describes, for the workbook at `workbook_path`. `murni`: the
    /// signed PK murni a PK perubahan changes; `lkjip`: what a Laporan Kinerja is drawn from.
    pub fn compose(
        &self,
        wb: &Workbook,
        m: &Measurement,
        ctx: &DocContext,
        workbook_path: &Path,
        murni: Option<&crate::pk::Murni>,
        lkjip: Option<&crate::lkjip::Sources>,
    ) -> Result<Composed, ComposeError> {
        let logo = crate::logo::load(workbook_path, wb.identity.logo.as_deref()).map_err(ComposeError::Logo)?;
        let logo_file = logo.as_ref().map(|(n, _)| n.clone());
        let mut images: Vec<(String, Vec<u8>)> = logo.into_iter().collect();
        let data = if ctx.kind == DocKind::PohonKinerja {
            to_json(&crate::cascade::data(wb, ctx, logo_file))
        } else if ctx.kind.is_pk() {
            to_json(&crate::pk::data(wb, ctx, logo_file, murni))
        } else if ctx.kind == DocKind::LaporanKinerja {
            let sources = lkjip.ok_or(ComposeError::NoSources)?;
            // Each picture of the narrative, under a name of its own in the world.
            let mut names = Vec::with_capacity(wb.narrative.len());
            for (k, p) in wb.narrative.iter().enumerate() {
                match &p.picture {
                    None => names.push(None),
                    Some(file) => {
                        let (name, bytes) = crate::logo::load_as(workbook_path, file, &format!("gambar-{}", k + 1))
                            .map_err(ComposeError::Logo)?;
                        names.push(Some(name.clone()));
                        images.push((name, bytes));
                    }
                }
            }
            to_json(&crate::lkjip::data(wb, sources, ctx, logo_file, &names))
        } else {
            to_json(&data(wb, m, ctx, logo_file))
        };
        let template = ctx.kind.template(ctx.stage);
        Ok(Composed {
            main: self.main_source(template, ctx.stage)?,
            main_template: format!("{template}.typ.j2"),
            data,
            images,
        })
    }

    fn main_source(&self, template: &'static str, stage: Stage) -> Result<String, ComposeError> {
        if let Some(m) = self.main_sources.lock().unwrap_or_else(|e| e.into_inner()).get(&(template, stage)) {
            return Ok(m.clone());
        }
        let m = self.templates.main_source(template, stage).map_err(ComposeError::Template)?;
        self.main_sources.lock().unwrap_or_else(|e| e.into_inner()).insert((template, stage), m.clone());
        Ok(m)
    }
}

/// Pretty JSON with the keys of every object sorted, as `data.json` has always been written (so the
/// same document gives the same bytes whatever order the fields are declared in), and every text's bidi
/// controls are isolated ([`crate::text::isolate_bidi`]): a name cannot reorder what the template prints
/// after it.
fn to_json(data: &impl Serialize) -> Vec<u8> {
    serde_json::to_value(data)
        .and_then(|mut v| {
            crate::text::isolate_bidi_json(&mut v);
            serde_json::to_vec_pretty(&v)
        })
        .unwrap_or_default()
}
