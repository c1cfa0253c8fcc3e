//! What changed between two versions of what a document is made from: [`diff`] compares them once, field
//! by field, into typed [`Change`]s; each is written in the words of where it is shown — the archive's
//! "what changed" between two versions ([`history`]: "realisasi 94 → 96") and the final's gate against
//! the konsep the Kadis reviewed ([`against_konsep`]: "realisasi 94 di konsep, 96 sekarang").
//!
//! Figures are compared as they are printed (see [`crate::format::same`]): targets and realisations to
//! the 4 decimals of these lines, capaian and serapan to 2, rupiah to the sen. A figure read back
//! from a snapshot is never "changed" by the last bits of its binary form, and a change is listed
//! only when its old and new figures print differently.

use super::snapshot::{LastYear, Snapshot};
use crate::format::{figure, percent, rupiah, same, same_opt};
use crate::measure::{IndicatorResult, Measurement};
use crate::model::{EvaluationNote, Settings, Target, Workbook};
use chrono::NaiveDate;

/// What a document is made from, as two versions are compared: the workbook, its measurement, and last
/// year's figures it shows.
#[derive(Debug, Clone, Copy)]
pub struct Made<'a> {
    /// The workbook as read.
    pub workbook: &'a Workbook,
    /// Its measurement.
    pub measurement: &'a Measurement,
    /// Last year's figures, when the document shows them.
    pub last_year: Option<&'a LastYear>,
    /// sha256 of the logo's bytes, when the workbook names a logo (versions made before the logo
    /// counted record none).
    pub logo_sha256: Option<&'a str>,
}

impl<'a> Made<'a> {
    /// What an archived version was made from, as its snapshot records it.
    pub fn of(snapshot: &'a Snapshot) -> Self {
        Made {
            workbook: &snapshot.workbook,
            measurement: &snapshot.measurement,
            last_year: snapshot.last_year.as_ref(),
            logo_sha256: snapshot.logo_sha256.as_deref(),
        }
    }
}

/// A value before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved<T> {
    /// In the older version.
    pub was: T,
    /// In the newer.
    pub now: T,
}

/// How an indicator was judged: met or not, and its predikat.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    /// Met, unmet, or no capaian.
    pub tercapai: Option<bool>,
    /// The predikat of its capaian.
    pub predikat: Option<String>,
}

/// One difference between two versions.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// An indicator the older version lacks.
    IndicatorAdded { code: String, name: String },
    /// An indicator of the older version the newer lacks.
    IndicatorRemoved { code: String, name: String },
    /// An indicator of both whose figures or texts differ (its name is the newer's), in the order of
    /// [`Field`].
    Indicator { code: String, name: String, fields: Vec<Field> },
    /// A budget line the older version lacks.
    BudgetAdded { name: String },
    /// A budget line of the older version the newer lacks.
    BudgetRemoved { name: String },
    /// A budget line whose pagu or realisation differ.
    Budget { name: String, pagu: Moved<f64>, realisation: Moved<f64> },
    /// A sasaran the older measurement lacks.
    SasaranAdded { name: String },
    /// A sasaran whose capaian, predikat or indicators differ.
    Sasaran { name: String, capaian: Moved<Option<f64>>, predikat: Moved<Option<String>> },
    /// The overall capaian or its predikat.
    Summary { capaian: Moved<Option<f64>>, predikat: Moved<Option<String>> },
    /// A budget line's efficiency.
    Efficiency { name: String, efficiency: Moved<Option<f64>> },
    /// A note of an evaluation meeting the older version lacks.
    Evaluation(EvaluationNote),
    /// A rencana aksi the older version lacks.
    ActionPlan { indicator: String, action: String },
    /// The archived document last year's figures come from ("final v1, 15 Januari 2025, 3f1e73dd9a0f").
    LastYearDocument(Moved<Option<String>>),
    /// Last year's figures of one indicator.
    LastYear { code: String, realisation: Moved<Option<f64>>, capaian: Moved<Option<f64>> },
    /// The settings that differ, in words.
    Settings(Vec<&'static str>),
    /// The place and date of signing.
    PlaceAndDate { place: Moved<Option<String>>, date: Moved<Option<NaiveDate>> },
    /// The signer (their name, title or NIP); named by name.
    Signer(Moved<Option<String>>),
    /// The letterhead's logo, where the older snapshot tells what it was.
    Logo(LogoChange),
}

/// What became of the logo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoChange {
    /// Another file, or the same file with other bytes.
    Replaced,
    /// A logo where there was none.
    Added,
    /// No logo where there was one.
    Removed,
}

/// One field of an indicator that differs.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    /// Its name.
    Name(Moved<String>),
    /// The annual target as the workbook writes it.
    Target(Moved<Target>),
    /// The period's target its capaian is measured against.
    PeriodTarget(Moved<Target>),
    /// The realisation of quarter 1–4 as written.
    RealQuarter(usize, Moved<Option<f64>>),
    /// The realisation of the period.
    Realisation(Moved<Option<f64>>),
    /// Its capaian.
    Capaian(Moved<Option<f64>>),
    /// Its capaian against the Renstra's end target.
    RenstraCapaian(Moved<Option<f64>>),
    /// Met or not, and the predikat (the same capaian may be judged otherwise under a new threshold or
    /// scale).
    Judgement(Moved<Judgement>),
    /// The Renstra's end target as written.
    RenstraTarget(Moved<Option<f64>>),
    /// The Renstra's realisation up to last year as written.
    RenstraBefore(Moved<Option<f64>>),
    /// Last year's realisation as the workbook writes it.
    LastYearRealisation(Moved<Option<f64>>),
    /// Last year's capaian as the workbook writes it.
    LastYearCapaian(Moved<Option<f64>>),
}

/// Decimals at which targets and realisations are compared: as [`opt`] and [`target`] print them.
const FIGURE_DECIMALS: u32 = 4;
/// Decimals at which capaian are compared: as [`percent`] prints them.
const PERCENT_DECIMALS: u32 = 2;
/// Decimals at which rupiah are compared: the sen, as [`rupiah`] prints them.
const RUPIAH_DECIMALS: u32 = 2;

/// Two targets that print alike (a range and a single figure never do).
pub(crate) fn same_target(a: &Target, b: &Target) -> bool {
    match (a, b) {
        (Target::Single(a), Target::Single(b)) => same(*a, *b, FIGURE_DECIMALS),
        (Target::Range(a, b), Target::Range(c, d)) => same(*a, *c, FIGURE_DECIMALS) && same(*b, *d, FIGURE_DECIMALS),
        _ => false,
    }
}

/// `Some(Moved)` when `was` and `now` differ by `same`.
fn moved<T: Clone>(was: &T, now: &T, same: impl Fn(&T, &T) -> bool) -> Option<Moved<T>> {
    (!same(was, now)).then(|| Moved { was: was.clone(), now: now.clone() })
}

/// A figure that moved at `decimals`.
fn moved_at(was: Option<f64>, now: Option<f64>, decimals: u32) -> Option<Moved<Option<f64>>> {
    moved(&was, &now, |a, b| same_opt(*a, *b, decimals))
}

fn judgement(i: &IndicatorResult) -> Judgement {
    Judgement { tercapai: i.tercapai, predikat: i.predikat.clone() }
}

/// Every difference between what two versions were made from, in the order of the newer: its indicators
/// (then those it dropped), its budget lines (then those it dropped), new evaluation notes and rencana
/// aksi, last year's figures, settings, place and date, signer, and the figures derived from the
/// indicators and the budget (sasaran, the overall capaian, efficiency).
pub fn diff(old: &Made, new: &Made) -> Vec<Change> {
    let mut out = Vec::new();
    let (ow, om) = (old.workbook, old.measurement);
    let (wb, m) = (new.workbook, new.measurement);
    for i in &m.indicators {
        let Some(o) = om.indicators.iter().find(|o| o.code == i.code) else {
            out.push(Change::IndicatorAdded { code: i.code.clone(), name: i.name.clone() });
            continue;
        };
        let written = ow.indicator(&i.code).zip(wb.indicator(&i.code));
        let renstra = |x: &IndicatorResult| x.renstra.as_ref().and_then(|r| r.capaian);
        let mut fields: Vec<Field> = Vec::new();
        fields.extend(moved(&o.name, &i.name, |a, b| a == b).map(Field::Name));
        if let Some((was, now)) = written {
            fields.extend(moved(&was.target, &now.target, same_target).map(Field::Target));
        }
        fields.extend(moved(&o.period_target(), &i.period_target(), same_target).map(Field::PeriodTarget));
        if let Some((was, now)) = written {
            for q in 0..4 {
                let quarter = moved_at(was.real_quarters[q], now.real_quarters[q], FIGURE_DECIMALS);
                fields.extend(quarter.map(|x| Field::RealQuarter(q, x)));
            }
        }
        fields.extend(moved_at(o.realisation, i.realisation, FIGURE_DECIMALS).map(Field::Realisation));
        fields.extend(moved_at(o.capaian, i.capaian, PERCENT_DECIMALS).map(Field::Capaian));
        fields.extend(moved_at(renstra(o), renstra(i), PERCENT_DECIMALS).map(Field::RenstraCapaian));
        fields.extend(moved(&judgement(o), &judgement(i), |a, b| a == b).map(Field::Judgement));
        if let Some((was, now)) = written {
            let at = |a, b| moved_at(a, b, FIGURE_DECIMALS);
            fields.extend(at(was.renstra_target, now.renstra_target).map(Field::RenstraTarget));
            fields.extend(at(was.renstra_before, now.renstra_before).map(Field::RenstraBefore));
            fields.extend(at(was.last_year_realisation, now.last_year_realisation).map(Field::LastYearRealisation));
            fields.extend(at(was.last_year_capaian, now.last_year_capaian).map(Field::LastYearCapaian));
        }
        if !fields.is_empty() {
            out.push(Change::Indicator { code: i.code.clone(), name: i.name.clone(), fields });
        }
    }
    for o in om.indicators.iter().filter(|o| !m.indicators.iter().any(|i| i.code == o.code)) {
        out.push(Change::IndicatorRemoved { code: o.code.clone(), name: o.name.clone() });
    }
    for b in &m.budget {
        match om.budget.iter().find(|x| x.name == b.name) {
            None => out.push(Change::BudgetAdded { name: b.name.clone() }),
            Some(x)
                if !same(x.pagu, b.pagu, RUPIAH_DECIMALS) || !same(x.realisation, b.realisation, RUPIAH_DECIMALS) =>
            {
                out.push(Change::Budget {
                    name: b.name.clone(),
                    pagu: Moved { was: x.pagu, now: b.pagu },
                    realisation: Moved { was: x.realisation, now: b.realisation },
                })
            }
            Some(_) => {}
        }
    }
    for x in om.budget.iter().filter(|x| !m.budget.iter().any(|b| b.name == x.name)) {
        out.push(Change::BudgetRemoved { name: x.name.clone() });
    }
    out.extend(wb.evaluations.iter().filter(|e| !ow.evaluations.contains(e)).cloned().map(Change::Evaluation));
    for p in wb.action_plans.iter().filter(|p| !ow.action_plans.contains(p)) {
        out.push(Change::ActionPlan { indicator: p.indicator.clone(), action: p.action.clone() });
    }
    out.extend(last_year_differs(old.last_year, new.last_year));
    let settings = settings_differ(&ow.settings, &wb.settings);
    if !settings.is_empty() {
        out.push(Change::Settings(settings));
    }
    let (oi, ni) = (&ow.identity, &wb.identity);
    if oi.date != ni.date || oi.place != ni.place {
        out.push(Change::PlaceAndDate {
            place: Moved { was: oi.place.clone(), now: ni.place.clone() },
            date: Moved { was: oi.date, now: ni.date },
        });
    }
    if oi.signer_name != ni.signer_name || oi.signer_title != ni.signer_title || oi.nip != ni.nip {
        out.push(Change::Signer(Moved { was: oi.signer_name.clone(), now: ni.signer_name.clone() }));
    }
    out.extend(derived_differ(om, m));
    // The logo, where the old snapshot tells what it was (a version made before the logo counted does
    // not record its bytes).
    let had_logo = oi.logo.is_some();
    match (old.logo_sha256, new.logo_sha256) {
        (Some(a), Some(b)) if a != b => out.push(Change::Logo(LogoChange::Replaced)),
        (None, Some(_)) if !had_logo => out.push(Change::Logo(LogoChange::Added)),
        (_, None) if had_logo => out.push(Change::Logo(LogoChange::Removed)),
        _ => {}
    }
    out
}

/// How last year's figures differ: the document they come from, then each indicator whose figures moved.
fn last_year_differs(old: Option<&LastYear>, new: Option<&LastYear>) -> Vec<Change> {
    let mut out = Vec::new();
    let doc = |l: Option<&LastYear>| l.and_then(|l| l.document.clone());
    out.extend(moved(&doc(old), &doc(new), |a, b| a == b).map(Change::LastYearDocument));
    let was = old.map(|l| l.rows.as_slice()).unwrap_or_default();
    for n in new.map(|l| l.rows.as_slice()).unwrap_or_default() {
        let w = was.iter().find(|w| w.code == n.code);
        let (wr, wc) = (w.and_then(|w| w.realisation), w.and_then(|w| w.capaian));
        if !same_opt(wr, n.realisation, FIGURE_DECIMALS) || !same_opt(wc, n.capaian, PERCENT_DECIMALS) {
            out.push(Change::LastYear {
                code: n.code.clone(),
                realisation: Moved { was: wr, now: n.realisation },
                capaian: Moved { was: wc, now: n.capaian },
            });
        }
    }
    out
}

/// The figures derived from the indicators and the budget that differ: each sasaran's capaian and
/// predikat, the overall capaian and predikat, each budget line's efficiency.
fn derived_differ(old: &Measurement, m: &Measurement) -> Vec<Change> {
    let mut out = Vec::new();
    for s in &m.sasaran {
        match old.sasaran.iter().find(|o| o.name == s.name) {
            Some(o)
                if same_opt(o.capaian, s.capaian, PERCENT_DECIMALS)
                    && o.predikat == s.predikat
                    && o.codes == s.codes => {}
            Some(o) => out.push(Change::Sasaran {
                name: s.name.clone(),
                capaian: Moved { was: o.capaian, now: s.capaian },
                predikat: Moved { was: o.predikat.clone(), now: s.predikat.clone() },
            }),
            None => out.push(Change::SasaranAdded { name: s.name.clone() }),
        }
    }
    let (o, n) = (&old.summary, &m.summary);
    if !same_opt(o.capaian, n.capaian, PERCENT_DECIMALS) || o.predikat != n.predikat {
        out.push(Change::Summary {
            capaian: Moved { was: o.capaian, now: n.capaian },
            predikat: Moved { was: o.predikat.clone(), now: n.predikat.clone() },
        });
    }
    for b in &m.budget {
        if let Some(x) = old.budget.iter().find(|x| x.name == b.name) {
            out.extend(
                moved_at(x.efficiency, b.efficiency, PERCENT_DECIMALS)
                    .map(|efficiency| Change::Efficiency { name: b.name.clone(), efficiency }),
            );
        }
    }
    out
}

/// The settings that differ, in words: what a reader of "what changed" needs when the same figures are
/// judged otherwise.
fn settings_differ(old: &Settings, new: &Settings) -> Vec<&'static str> {
    let mut out = Vec::new();
    if old.threshold != new.threshold {
        out.push("ambang tercapai");
    }
    if old.cap != new.cap {
        out.push("batas capaian");
    }
    if old.negative_formula != new.negative_formula {
        out.push("rumus polaritas negatif");
    }
    if old.scale != new.scale {
        out.push("skala predikat");
    }
    if old.efficiency != new.efficiency {
        out.push("rumus efisiensi");
    }
    if old.overall != new.overall {
        out.push("capaian keseluruhan");
    }
    if old.zero_zero_full != new.zero_zero_full {
        out.push("target dan realisasi nol");
    }
    out
}

/// The changes the final's gate refuses for, in its order: the measured figures of the indicators and
/// the budget lines (the signing place and date, notes and texts may change without a new konsep); when
/// none of those differs, the figures made from them (a setting or the grouping into sasaran may still
/// change them); then last year's figures (not the document they come from).
pub fn against_konsep(changes: &[Change]) -> Vec<Change> {
    let shown = |c: &&Change| c.render(View::Konsep).is_some();
    let figures: Vec<Change> = changes
        .iter()
        .filter(|c| {
            matches!(
                c,
                Change::IndicatorAdded { .. }
                    | Change::IndicatorRemoved { .. }
                    | Change::Indicator { .. }
                    | Change::BudgetAdded { .. }
                    | Change::BudgetRemoved { .. }
                    | Change::Budget { .. }
            )
        })
        .filter(shown)
        .cloned()
        .collect();
    let derived = |c: &&Change| {
        matches!(
            c,
            Change::SasaranAdded { .. } | Change::Sasaran { .. } | Change::Summary { .. } | Change::Efficiency { .. }
        )
    };
    let mut out = if figures.is_empty() { changes.iter().filter(derived).cloned().collect() } else { figures };
    out.extend(changes.iter().filter(|c| matches!(c, Change::LastYear { .. })).cloned());
    out
}

/// The archive's "what changed" between two versions, one line each, in the order of [`diff`].
pub fn history(changes: &[Change]) -> Vec<String> {
    changes.iter().filter_map(|c| c.render(View::History)).collect()
}

/// Where a change is shown, and so in which words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The history of versions: "a → b".
    History,
    /// The final's gate against the konsep: "a di konsep, b sekarang".
    Konsep,
}

fn opt(x: Option<f64>) -> String {
    x.map(|v| figure(v, 4)).unwrap_or_else(|| "kosong".into())
}

fn pct(x: Option<f64>) -> String {
    x.map(percent).unwrap_or_else(|| "—".into())
}

fn target(t: &Target) -> String {
    t.text(|v| figure(v, 4))
}

fn label(code: &str, name: &str) -> String {
    format!("Indikator {code} ({name})")
}

/// "85,20 % (Tinggi) di konsep, 90,00 % (Sangat Tinggi) sekarang".
fn scored(capaian: &Moved<Option<f64>>, predikat: &Moved<Option<String>>) -> String {
    let p = |p: &Option<String>| p.clone().unwrap_or_else(|| "—".into());
    format!(
        "{} ({}) di konsep, {} ({}) sekarang",
        pct(capaian.was),
        p(&predikat.was),
        pct(capaian.now),
        p(&predikat.now)
    )
}

impl Judgement {
    /// "tercapai, Sangat Tinggi".
    fn words(&self) -> String {
        let met = match self.tercapai {
            Some(true) => "tercapai",
            Some(false) => "tidak tercapai",
            None => "tanpa capaian",
        };
        match &self.predikat {
            Some(p) => format!("{met}, {p}"),
            None => met.to_string(),
        }
    }
}

impl Field {
    /// The field in the words of `view`; none where the view does not show it (the history shows the
    /// figures as written, the gate the figures as measured).
    fn render(&self, view: View) -> Option<String> {
        let (history, konsep) = (view == View::History, view == View::Konsep);
        let pair = |what: &str, was: String, now: String| match view {
            View::History => format!("{what} {was} → {now}"),
            View::Konsep => format!("{what} {was} di konsep, {now} sekarang"),
        };
        Some(match self {
            Field::Name(m) if history => format!("nama \"{}\" → \"{}\"", m.was, m.now),
            Field::Target(m) if history => pair("target", target(&m.was), target(&m.now)),
            Field::PeriodTarget(m) if konsep => pair("target", target(&m.was), target(&m.now)),
            Field::RealQuarter(q, m) if history => {
                pair(&format!("realisasi TW {}", ["I", "II", "III", "IV"][*q]), opt(m.was), opt(m.now))
            }
            Field::Realisation(m) => pair("realisasi", opt(m.was), opt(m.now)),
            Field::Capaian(m) => pair("capaian", pct(m.was), pct(m.now)),
            Field::RenstraCapaian(m) if konsep => pair("capaian Renstra", pct(m.was), pct(m.now)),
            Field::Judgement(m) => pair("penilaian", m.was.words(), m.now.words()),
            Field::RenstraTarget(m) if history => pair("target Renstra", opt(m.was), opt(m.now)),
            Field::RenstraBefore(m) if history => pair("realisasi Renstra s.d. tahun lalu", opt(m.was), opt(m.now)),
            Field::LastYearRealisation(m) if history => pair("realisasi tahun lalu", opt(m.was), opt(m.now)),
            Field::LastYearCapaian(m) if history => pair("capaian tahun lalu", opt(m.was), opt(m.now)),
            _ => return None,
        })
    }
}

impl Change {
    /// The change in the words of `view`, one line; none where the view does not show it.
    pub fn render(&self, view: View) -> Option<String> {
        let history = view == View::History;
        Some(match self {
            Change::IndicatorAdded { code, name } if history => format!("{} ditambahkan.", label(code, name)),
            Change::IndicatorAdded { code, name } => format!("{} tidak ada di konsep.", label(code, name)),
            Change::IndicatorRemoved { code, name } if history => format!("{} dihapus.", label(code, name)),
            Change::IndicatorRemoved { code, name } => {
                format!("{} ada di konsep tetapi tidak ada sekarang.", label(code, name))
            }
            Change::Indicator { code, name, fields } => {
                let parts: Vec<String> = fields.iter().filter_map(|f| f.render(view)).collect();
                if parts.is_empty() {
                    return None;
                }
                let how = if history { ":" } else { " berbeda dari konsep:" };
                format!("{}{how} {}.", label(code, name), parts.join("; "))
            }
            Change::BudgetAdded { name } if history => format!("Anggaran \"{name}\" ditambahkan."),
            Change::BudgetAdded { name } => format!("Anggaran \"{name}\" tidak ada di konsep."),
            Change::BudgetRemoved { name } if history => format!("Anggaran \"{name}\" dihapus."),
            Change::BudgetRemoved { name } => format!("Anggaran \"{name}\" ada di konsep tetapi tidak ada sekarang."),
            Change::Budget { name, pagu, realisation } => format!(
                "Anggaran \"{name}\"{} pagu {} → {}{} realisasi {} → {}.",
                if history { ":" } else { " berbeda dari konsep:" },
                rupiah(pagu.was),
                rupiah(pagu.now),
                if history { ";" } else { "," },
                rupiah(realisation.was),
                rupiah(realisation.now)
            ),
            Change::SasaranAdded { name } if !history => format!("Sasaran \"{name}\" tidak ada di konsep."),
            Change::Sasaran { name, capaian, predikat } if !history => {
                format!("Sasaran \"{name}\" berbeda dari konsep: capaian {}.", scored(capaian, predikat))
            }
            Change::Summary { capaian, predikat } if !history => {
                format!("Capaian kinerja berbeda dari konsep: {}.", scored(capaian, predikat))
            }
            Change::Efficiency { name, efficiency } if !history => format!(
                "Efisiensi \"{name}\" berbeda dari konsep: {} di konsep, {} sekarang.",
                pct(efficiency.was),
                pct(efficiency.now)
            ),
            Change::Evaluation(e) if history => {
                let on = e.indicator.as_deref().map(|i| format!(" tentang {i}")).unwrap_or_default();
                format!("Catatan evaluasi baru ({}){on}: {}", crate::format::date(e.date), e.note)
            }
            Change::ActionPlan { indicator, action } if history => {
                format!("Rencana aksi baru untuk {indicator}: {action}")
            }
            Change::LastYearDocument(m) if history => {
                let doc = |d: &Option<String>| d.clone().unwrap_or_else(|| "tidak ada".into());
                format!("Dokumen tahun lalu: {} → {}.", doc(&m.was), doc(&m.now))
            }
            Change::LastYear { code, realisation, capaian } => format!(
                "Indikator {code} tahun lalu: realisasi {} → {}; capaian {} → {}.",
                opt(realisation.was),
                opt(realisation.now),
                pct(capaian.was),
                pct(capaian.now)
            ),
            Change::Settings(which) if history => format!("Pengaturan berubah: {}.", which.join(", ")),
            Change::PlaceAndDate { place, date } if history => {
                let d = |x: Option<NaiveDate>| x.map(crate::format::date).unwrap_or_else(|| "tanggal build".into());
                format!(
                    "Tempat dan tanggal: {}, {} → {}, {}.",
                    or_dash(&place.was),
                    d(date.was),
                    or_dash(&place.now),
                    d(date.now)
                )
            }
            Change::Signer(m) if history => format!("Penandatangan: {} → {}.", or_dash(&m.was), or_dash(&m.now)),
            Change::Logo(LogoChange::Replaced) if history => "Logo kop diganti.".to_string(),
            Change::Logo(LogoChange::Added) if history => "Logo kop ditambahkan.".to_string(),
            Change::Logo(LogoChange::Removed) if history => "Logo kop dihapus.".to_string(),
            _ => return None,
        })
    }
}

/// A text that may be missing (a form's signer before its signature block is filled), as printed.
fn or_dash(x: &Option<String>) -> String {
    x.clone().unwrap_or_else(|| "–".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measure::{Status, Summary};
    use crate::model::{Aggregation, Polarity};

    fn measured(realisation: f64, capaian: f64) -> Measurement {
        let i = IndicatorResult {
            code: "3.1".into(),
            sasaran: "S".into(),
            name: "Jumlah pengaduan masyarakat yang belum ditindaklanjuti".into(),
            satuan: "Pengaduan".into(),
            polarity: Polarity::Negatif,
            aggregation: Aggregation::Jumlah,
            target: 120.0,
            target_upper: None,
            target_from_quarters: false,
            target_quarters: [None; 4],
            real_quarters: [Some(28.3), Some(27.16), Some(30.31), Some(27.68)],
            realisation: Some(realisation),
            status: Status::Terukur,
            capaian: Some(capaian),
            reason: None,
            predikat: Some("Sangat Tinggi".into()),
            tercapai: Some(true),
            note: None,
            data_source: None,
            formula: None,
            floored: false,
            renstra: None,
        };
        Measurement {
            indicators: vec![i],
            sasaran: vec![],
            budget: vec![],
            budget_total: None,
            summary: Summary {
                indicators: 1,
                tercapai: 1,
                tidak_tercapai: 0,
                belum_ada_realisasi: 0,
                tidak_dapat_dihitung: 0,
                capaian: Some(capaian),
                predikat: None,
            },
        }
    }

    /// The gate's lines between two measurements of one (empty) workbook.
    fn figures_differ(old: &Measurement, now: &Measurement) -> Vec<String> {
        let wb: Workbook = serde_json::from_value(serde_json::json!({
            "identity": {"government": "", "unit": "", "address": null, "unit_code": "x", "year": 2024,
                "period": "tahunan", "place": "", "date": null, "signer_title": "", "signer_name": "",
                "signer_rank": null, "nip": "", "logo": null},
            "settings": {"negative_formula": "(2T-R)/T", "cap": null, "threshold": 100.0},
            "indicators": [], "budget": [], "evaluations": [], "action_plans": []
        }))
        .unwrap();
        let made = |m| Made { workbook: &wb, measurement: m, last_year: None, logo_sha256: None };
        against_konsep(&diff(&made(old), &made(now))).iter().filter_map(|c| c.render(View::Konsep)).collect()
    }

    #[test]
    fn the_last_bits_of_a_figure_are_no_difference() {
        // Issue 12: the konsep's snapshot held the binary sum 113.44999999999999; read back by a
        // reader that is not exactly round-trip it came back a bit off. Same figure, no refusal.
        let binary: f64 = 28.3 + 27.16 + 30.31 + 27.68;
        let read_back = f64::from_bits(binary.to_bits() - 1);
        let now = measured(113.45, 105.46);
        assert!(figures_differ(&measured(binary, 105.46), &now).is_empty());
        assert!(figures_differ(&measured(read_back, 105.46), &now).is_empty());
        // A real change of 0,01 is one, and says so with figures that differ.
        let moved = figures_differ(&measured(113.45, 105.46), &measured(113.46, 105.45));
        assert_eq!(
            moved,
            ["Indikator 3.1 (Jumlah pengaduan masyarakat yang belum ditindaklanjuti) berbeda dari konsep: realisasi 113,45 di konsep, 113,46 sekarang; capaian 105,46 % di konsep, 105,45 % sekarang."]
        );
    }

    #[test]
    fn a_new_judgement_of_the_same_capaian_is_a_difference() {
        let mut now = measured(113.45, 105.46);
        now.indicators[0].tercapai = Some(false);
        let d = figures_differ(&measured(113.45, 105.46), &now);
        assert_eq!(d.len(), 1);
        assert!(
            d[0].ends_with("penilaian tercapai, Sangat Tinggi di konsep, tidak tercapai, Sangat Tinggi sekarang."),
            "{d:?}"
        );
    }

    #[test]
    fn when_only_the_derived_figures_differ_the_gate_names_them() {
        use crate::measure::SasaranResult;
        let sasaran = |capaian: f64, predikat: &str| SasaranResult {
            name: "S".into(),
            codes: vec!["3.1".into()],
            capaian: Some(capaian),
            predikat: Some(predikat.into()),
        };
        let mut old = measured(113.45, 105.46);
        old.sasaran = vec![sasaran(105.46, "Sangat Tinggi")];
        old.summary.predikat = Some("Sangat Tinggi".into());
        // Another overall capaian and scale, the indicator as it was.
        let mut now = old.clone();
        now.sasaran = vec![sasaran(105.46, "A")];
        now.summary.capaian = Some(90.0);
        now.summary.predikat = Some("A".into());
        assert_eq!(
            figures_differ(&old, &now),
            [
                "Sasaran \"S\" berbeda dari konsep: capaian 105,46 % (Sangat Tinggi) di konsep, 105,46 % (A) sekarang.",
                "Capaian kinerja berbeda dari konsep: 105,46 % (Sangat Tinggi) di konsep, 90,00 % (A) sekarang."
            ]
        );
        // Beside a change of an indicator's figures, the derived ones are not repeated.
        now.indicators[0].realisation = Some(120.0);
        assert_eq!(figures_differ(&old, &now).len(), 1);
    }
}
