//! What a document says, as data: the stage, and the JSON that the Typst
//! template reads (every figure already in Indonesian format, every text as
//! typed). Layout is the template's business; nothing here is markup.

use crate::format::{figure, percent, rupiah_plain};
use crate::measure::{IndicatorResult, Measurement, Status};
use crate::model::{Period, Workbook};
use crate::workbook::values::{format_date_id, format_nip};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// The SOP stage a document is made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// SOP langkah 4–5: selalu dibuat, kekosongan terlihat, bertanda DRAFT.
    Draft,
    /// SOP langkah 6: lengkap, bertanda KONSEP, dengan tempat paraf.
    Konsep,
    /// SOP langkah 8: dengan tanda tangan dan baris verifikasi, PDF/A-2b.
    Final,
}

impl Stage {
    /// `draft`, `konsep`, `final`: folder and file names.
    pub fn slug(self) -> &'static str {
        match self {
            Stage::Draft => "draft",
            Stage::Konsep => "konsep",
            Stage::Final => "final",
        }
    }

    /// The marking printed on every page, if any.
    pub fn marking(self) -> Option<&'static str> {
        match self {
            Stage::Draft => Some("DRAFT"),
            Stage::Konsep => Some("KONSEP"),
            Stage::Final => None,
        }
    }
}

/// Facts about one document that do not come from the workbook.
#[derive(Debug, Clone)]
pub struct DocContext {
    /// The stage.
    pub stage: Stage,
    /// Version number within unit, year, period, stage and kind.
    pub version: u32,
    /// The build date (`--date`, else today): printed in the footer.
    pub build_date: NaiveDate,
    /// Short source hash, printed in the final's verification line.
    pub source_short: String,
    /// File name of the logo inside the Typst world, when there is one.
    pub logo_file: Option<String>,
    /// What changed since the previous version, one line each.
    pub changes: Vec<String>,
    /// The previous version's number, when there is one.
    pub previous_version: Option<u32>,
    /// The document's name as printed ("Pengukuran Kinerja", "Rencana Aksi").
    pub title: &'static str,
}

/// The JSON the Typst template reads.
pub fn data(wb: &Workbook, m: &Measurement, ctx: &DocContext) -> Value {
    let id = &wb.identity;
    let quarters: Vec<&str> = ["TW I", "TW II", "TW III", "TW IV"][..id.period.quarters()].to_vec();
    let show_quarters = m.indicators.iter().any(|i| i.real_quarters.iter().any(Option::is_some));
    let mut sasaran = Vec::new();
    let mut number = 0;
    for (si, s) in m.sasaran.iter().enumerate() {
        let indicators: Vec<Value> = m
            .indicators
            .iter()
            .filter(|i| s.codes.contains(&i.code))
            .map(|i| {
                number += 1;
                // A quarter measured against its quarterly targets also shows the annual target.
                let annual =
                    wb.indicators.iter().find(|x| x.code == i.code && i.target_from_quarters).map(|x| match x.target {
                        crate::model::Target::Single(t) => figure(t, 2),
                        crate::model::Target::Range(a, b) => format!("{} – {}", figure(a, 2), figure(b, 2)),
                    });
                indicator_json(i, annual, number, id.period, show_quarters)
            })
            .collect();
        sasaran.push(json!({
            "no": (si + 1).to_string(),
            "nama": s.name,
            "capaian": s.capaian.map(percent),
            "predikat": s.predikat,
            "indikator": indicators,
        }));
    }
    let anggaran = m.budget_total.as_ref().map(|t| {
        let rows: Vec<Value> = m
            .budget
            .iter()
            .enumerate()
            .map(|(i, b)| {
                json!({
                    "no": (i + 1).to_string(),
                    "nama": b.name,
                    "indikator": b.codes.join(", "),
                    "pagu": rupiah_plain(b.pagu),
                    "realisasi": rupiah_plain(b.realisation),
                    "serapan": b.serapan.map(percent).unwrap_or_else(|| "—".into()),
                    "efisiensi": b.efficiency.map(percent).unwrap_or_else(|| "—".into()),
                })
            })
            .collect();
        json!({
            "baris": rows,
            "total": {
                "pagu": rupiah_plain(t.pagu),
                "realisasi": rupiah_plain(t.realisation),
                "serapan": t.serapan.map(percent).unwrap_or_else(|| "—".into()),
            }
        })
    });
    let s = &m.summary;
    let evaluasi: Vec<Value> = wb
        .evaluations
        .iter()
        .map(|e| {
            json!({
                "tanggal": format_date_id(e.date),
                "indikator": e.indicator.clone().unwrap_or_else(|| "Seluruh dokumen".into()),
                "catatan": e.note,
                "tindak_lanjut": e.follow_up.clone().unwrap_or_default(),
            })
        })
        .collect();
    let unmet: Vec<&IndicatorResult> = m.indicators.iter().filter(|i| i.tercapai == Some(false)).collect();
    let rencana_aksi: Vec<Value> = unmet
        .iter()
        .map(|i| {
            let plans: Vec<Value> = wb
                .action_plans
                .iter()
                .filter(|p| crate::model::names_indicator(&p.indicator, &i.code, &i.name))
                .map(|p| json!({"kendala": p.problem, "rencana_aksi": p.action, "penanggung_jawab": p.responsible, "batas_waktu": p.deadline}))
                .collect();
            json!({
                "kode": i.code,
                "nama": i.name,
                "satuan": i.unit,
                "target": target_text(i),
                "realisasi": i.realisation.map(|r| figure(r, 2)).unwrap_or_else(|| "—".into()),
                "capaian": i.capaian.map(percent).unwrap_or_else(|| "—".into()),
                "rencana": plans,
            })
        })
        .collect();
    let signing_date = id.date.unwrap_or(ctx.build_date);
    json!({
        "dokumen": {
            "tahap": ctx.stage.slug(),
            "nama": ctx.title,
            "tanda": ctx.stage.marking(),
            "versi": ctx.version,
            "versi_sebelumnya": ctx.previous_version,
            "tanggal_dibuat": format_date_id(ctx.build_date),
            "hash": ctx.source_short,
            "alat": concat!("kinerja ", env!("CARGO_PKG_VERSION")),
        },
        "identitas": {
            "pemerintah": id.government,
            "unit": id.unit,
            "alamat": id.address,
            "tahun": id.year.to_string(),
            "periode": id.period.label(),
            "tempat": id.place,
            "tanggal": format_date_id(signing_date),
            "jabatan": id.signer_title,
            "nama": id.signer_name,
            "pangkat": id.signer_rank,
            "nip": format_nip(&id.nip),
            "logo": ctx.logo_file,
        },
        "triwulan": if show_quarters { quarters } else { vec![] },
        "sasaran": sasaran,
        "anggaran": anggaran,
        "ringkasan": {
            "jumlah": s.indicators,
            "tercapai": s.tercapai,
            "tidak_tercapai": s.tidak_tercapai,
            "belum_ada_realisasi": s.belum_ada_realisasi,
            "tidak_dapat_dihitung": s.tidak_dapat_dihitung,
            "capaian": s.capaian.map(percent),
            "predikat": s.predikat,
            "ambang": figure(wb.settings.threshold, 2),
        },
        "evaluasi": evaluasi,
        "perubahan": ctx.changes,
        "rencana_aksi": rencana_aksi,
    })
}

fn target_text(i: &IndicatorResult) -> String {
    match i.target_upper {
        Some(hi) => format!("{} – {}", figure(i.target, 2), figure(hi, 2)),
        None => figure(i.target, 2),
    }
}

fn indicator_json(
    i: &IndicatorResult,
    annual: Option<String>,
    number: usize,
    period: Period,
    show_quarters: bool,
) -> Value {
    let quarters: Vec<String> = if show_quarters {
        i.real_quarters[..period.quarters()]
            .iter()
            .map(|q| q.map(|v| figure(v, 2)).unwrap_or_else(|| "—".into()))
            .collect()
    } else {
        vec![]
    };
    let (capaian, status) = match i.status {
        Status::Terukur => (
            i.capaian.map(percent).unwrap_or_default(),
            if i.tercapai == Some(true) { "tercapai" } else { "tidak tercapai" },
        ),
        Status::BelumAdaRealisasi => ("belum ada realisasi".to_string(), "belum ada realisasi"),
        Status::TidakDapatDihitung => ("tidak dapat dihitung".to_string(), "tidak dapat dihitung"),
    };
    json!({
        "no": number.to_string(),
        "kode": i.code,
        "nama": i.name,
        "satuan": i.unit,
        "polaritas": i.polarity.label(),
        "target": target_text(i),
        "target_tahunan": annual,
        "triwulan": quarters,
        "realisasi": i.realisation.map(|r| figure(r, 2)).unwrap_or_else(|| "—".into()),
        "capaian": capaian,
        "predikat": i.predikat,
        "status": status,
        "alasan": i.reason,
        "keterangan": i.note,
    })
}
