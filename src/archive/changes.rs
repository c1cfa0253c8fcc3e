//! What changed between two versions of a document, read from the data
//! snapshot archived beside the older one: indicators added or removed,
//! targets and realisations that moved (old → new), new evaluation notes.

use crate::format::{figure, percent, rupiah};
use crate::measure::{IndicatorResult, Measurement};
use crate::model::{Target, Workbook};
use crate::workbook::values::format_date_id;
use serde::Deserialize;

/// The part of a data snapshot that a comparison needs.
#[derive(Debug, Deserialize)]
pub struct Snapshot {
    /// The workbook as it was.
    pub workbook: Workbook,
    /// Its measurement.
    pub measurement: Measurement,
}

fn opt(x: Option<f64>) -> String {
    x.map(|v| figure(v, 4)).unwrap_or_else(|| "kosong".into())
}

fn target(t: &Target) -> String {
    match t {
        Target::Single(v) => figure(*v, 4),
        Target::Range(a, b) => format!("{} – {}", figure(*a, 4), figure(*b, 4)),
    }
}

fn label(i: &IndicatorResult) -> String {
    format!("Indikator {} ({})", i.code, i.name)
}

/// One line per change, in Bahasa Indonesia, in the order of the new document.
pub fn changes(old: &Snapshot, wb: &Workbook, m: &Measurement) -> Vec<String> {
    let mut out = Vec::new();
    let (ow, om) = (&old.workbook, &old.measurement);
    for i in &m.indicators {
        let Some(o) = om.indicators.iter().find(|o| o.code == i.code) else {
            out.push(format!("{} ditambahkan.", label(i)));
            continue;
        };
        let (Some(new_ind), Some(old_ind)) =
            (wb.indicators.iter().find(|x| x.code == i.code), ow.indicators.iter().find(|x| x.code == i.code))
        else {
            continue;
        };
        let mut parts = Vec::new();
        if o.name != i.name {
            parts.push(format!("nama \"{}\" → \"{}\"", o.name, i.name));
        }
        if old_ind.target != new_ind.target {
            parts.push(format!("target {} → {}", target(&old_ind.target), target(&new_ind.target)));
        }
        for q in 0..4 {
            if old_ind.real_quarters[q] != new_ind.real_quarters[q] {
                parts.push(format!(
                    "realisasi TW {} {} → {}",
                    ["I", "II", "III", "IV"][q],
                    opt(old_ind.real_quarters[q]),
                    opt(new_ind.real_quarters[q])
                ));
            }
        }
        if o.realisation != i.realisation {
            parts.push(format!("realisasi {} → {}", opt(o.realisation), opt(i.realisation)));
        }
        if o.capaian != i.capaian {
            let c = |x: Option<f64>| x.map(percent).unwrap_or_else(|| "—".into());
            parts.push(format!("capaian {} → {}", c(o.capaian), c(i.capaian)));
        }
        if !parts.is_empty() {
            out.push(format!("{}: {}.", label(i), parts.join("; ")));
        }
    }
    for o in &om.indicators {
        if !m.indicators.iter().any(|i| i.code == o.code) {
            out.push(format!("{} dihapus.", label(o)));
        }
    }
    for b in &wb.budget {
        match ow.budget.iter().find(|x| x.name == b.name) {
            None => out.push(format!("Anggaran \"{}\" ditambahkan.", b.name)),
            Some(x) if x.pagu != b.pagu || x.realisation != b.realisation => out.push(format!(
                "Anggaran \"{}\": pagu {} → {}; realisasi {} → {}.",
                b.name,
                rupiah(x.pagu),
                rupiah(b.pagu),
                rupiah(x.realisation),
                rupiah(b.realisation)
            )),
            _ => {}
        }
    }
    for x in &ow.budget {
        if !wb.budget.iter().any(|b| b.name == x.name) {
            out.push(format!("Anggaran \"{}\" dihapus.", x.name));
        }
    }
    for e in &wb.evaluations {
        if !ow.evaluations.contains(e) {
            let on = e.indicator.as_deref().map(|i| format!(" tentang {i}")).unwrap_or_default();
            out.push(format!("Catatan evaluasi baru ({}){on}: {}", format_date_id(e.date), e.note));
        }
    }
    for p in &wb.action_plans {
        if !ow.action_plans.contains(p) {
            out.push(format!("Rencana aksi baru untuk {}: {}", p.indicator, p.action));
        }
    }
    let (oi, ni) = (&ow.identity, &wb.identity);
    if oi.date != ni.date || oi.place != ni.place {
        let d = |x: Option<chrono::NaiveDate>| x.map(format_date_id).unwrap_or_else(|| "tanggal build".into());
        out.push(format!("Tempat dan tanggal: {}, {} → {}, {}.", oi.place, d(oi.date), ni.place, d(ni.date)));
    }
    if oi.signer_name != ni.signer_name || oi.signer_title != ni.signer_title || oi.nip != ni.nip {
        out.push(format!("Penandatangan: {} → {}.", oi.signer_name, ni.signer_name));
    }
    out
}

/// The measured figures that differ between a konsep and now, one line each (the signing
/// place and date, notes and texts may change without a new konsep).
pub fn figures_differ(old: &Measurement, m: &Measurement) -> Vec<String> {
    let mut out = Vec::new();
    let c = |x: Option<f64>| x.map(percent).unwrap_or_else(|| "—".into());
    for i in &m.indicators {
        match old.indicators.iter().find(|o| o.code == i.code) {
            None => out.push(format!("{} tidak ada di konsep.", label(i))),
            Some(o) => {
                let mut parts = Vec::new();
                if (o.target, o.target_upper) != (i.target, i.target_upper) {
                    parts.push(format!("target {} di konsep, {} sekarang", figure(o.target, 4), figure(i.target, 4)));
                }
                if o.realisation != i.realisation {
                    parts.push(format!("realisasi {} di konsep, {} sekarang", opt(o.realisation), opt(i.realisation)));
                }
                if o.capaian != i.capaian {
                    parts.push(format!("capaian {} di konsep, {} sekarang", c(o.capaian), c(i.capaian)));
                }
                if !parts.is_empty() {
                    out.push(format!("{} berbeda dari konsep: {}.", label(i), parts.join("; ")));
                }
            }
        }
    }
    for o in &old.indicators {
        if !m.indicators.iter().any(|i| i.code == o.code) {
            out.push(format!("{} ada di konsep tetapi tidak ada sekarang.", label(o)));
        }
    }
    for b in &m.budget {
        match old.budget.iter().find(|x| x.name == b.name) {
            Some(x) if x.pagu == b.pagu && x.realisation == b.realisation => {}
            Some(x) => out.push(format!(
                "Anggaran \"{}\" berbeda dari konsep: pagu {} → {}, realisasi {} → {}.",
                b.name,
                rupiah(x.pagu),
                rupiah(b.pagu),
                rupiah(x.realisation),
                rupiah(b.realisation)
            )),
            None => out.push(format!("Anggaran \"{}\" tidak ada di konsep.", b.name)),
        }
    }
    for x in &old.budget {
        if !m.budget.iter().any(|b| b.name == x.name) {
            out.push(format!("Anggaran \"{}\" ada di konsep tetapi tidak ada sekarang.", x.name));
        }
    }
    out
}
