//! The SAKIP arithmetic of `docs/domain.md`: period figures from
//! quarters, capaian by polarity, caps and thresholds, predikat, sasaran
//! means, and budget serapan and efficiency.
//!
//! Every function here is pure; [`measure`] turns a [`Workbook`] into a
//! [`Measurement`] and reports what a careful reader would point out.

use crate::findings::Findings;
use crate::format::{self, round};
use crate::model::*;
use serde::{Deserialize, Serialize};

/// The measured document: per indicator, per sasaran, the budget and the totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measurement {
    /// One entry per indicator, in workbook order.
    pub indicators: Vec<IndicatorResult>,
    /// One entry per sasaran, in order of first appearance.
    pub sasaran: Vec<SasaranResult>,
    /// One entry per budget line.
    pub budget: Vec<BudgetResult>,
    /// Budget totals, when the workbook has a budget.
    pub budget_total: Option<BudgetTotal>,
    /// Counts and the overall capaian.
    pub summary: Summary,
}

/// Whether an indicator could be measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Capaian computed.
    Terukur,
    /// No realisation for the period yet: a visible gap.
    BelumAdaRealisasi,
    /// A realisation exists but no ratio can be formed (T = 0, R = 0 for T/R).
    TidakDapatDihitung,
}

/// The measurement of one indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorResult {
    /// Indicator code.
    pub code: String,
    /// Sasaran strategis.
    pub sasaran: String,
    /// Indicator name.
    pub name: String,
    /// Satuan.
    #[serde(rename = "unit")]
    pub satuan: String,
    /// Polarity.
    pub polarity: Polarity,
    /// How quarters add up.
    pub aggregation: Aggregation,
    /// The target for the period (the lower bound for a range).
    pub target: f64,
    /// The upper bound, for a range target.
    pub target_upper: Option<f64>,
    /// True when the period target came from the quarterly targets.
    pub target_from_quarters: bool,
    /// Quarterly targets TW I–IV as given.
    pub target_quarters: [Option<f64>; 4],
    /// Quarterly realisations TW I–IV as given.
    pub real_quarters: [Option<f64>; 4],
    /// The realisation for the period, when there is one.
    pub realisation: Option<f64>,
    /// Measured, missing, or not computable.
    pub status: Status,
    /// Capaian in percent, rounded to two decimals, after the cap.
    pub capaian: Option<f64>,
    /// Why there is no capaian.
    pub reason: Option<String>,
    /// Permendagri 86/2017 predikat of the capaian.
    pub predikat: Option<String>,
    /// Capaian at or above the threshold.
    pub tercapai: Option<bool>,
    /// Keterangan.
    pub note: Option<String>,
    /// Sumber data.
    pub data_source: Option<String>,
    /// The formula the capaian was computed with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formula: Option<Formula>,
    /// True when the capaian was below 0 % and is shown as 0 %.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub floored: bool,
    /// Against the Renstra's end-of-period target, when the workbook gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renstra: Option<RenstraResult>,
}

/// An indicator against the Renstra's end-of-period target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RenstraResult {
    /// The end-of-period target.
    pub target: f64,
    /// The realisation up to last year, as stated.
    pub before: Option<f64>,
    /// Up to this year: before + this year when the figure adds up over the years, else this year's
    /// position.
    pub cumulative: Option<f64>,
    /// The cumulative realisation against the end target, with the indicator's polarity.
    pub capaian: Option<f64>,
    /// How this year was carried over the years (older snapshots lack it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<AcrossYears>,
}

/// How an indicator's realisation runs over the Renstra's years, and who said so. This is another axis
/// than Agregasi, which says how a year's quarters combine: a count reported cumulatively within the
/// year (`terakhir`) still adds its year to the years before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcrossYears {
    /// True when this year's realisation is added to the years before.
    pub adds: bool,
    /// Where the rule came from.
    pub by: RuleSource,
}

/// Who decided whether a figure adds up over the years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleSource {
    /// The satuan: a count or an amount adds, a level (%, indeks, nilai, skor, rasio) does not.
    Satuan,
    /// The row's `Renstra Kumulatif` column.
    Baris,
    /// The office's default, the `Renstra Kumulatif` key of Identitas.
    Identitas,
}

/// Whether an indicator's realisation adds up over the Renstra's years: as its row says, else as the
/// office's default says, else by its satuan (a count or an amount adds; a level does not). The form's
/// own column 14 = 7 + 13 adds for every indicator; a percentage added over the years (100 + 100) is
/// the error the rule keeps out.
pub fn across_years(satuan: &str, row: Option<bool>, office: Option<bool>) -> AcrossYears {
    match (row, office) {
        (Some(adds), _) => AcrossYears { adds, by: RuleSource::Baris },
        (None, Some(adds)) => AcrossYears { adds, by: RuleSource::Identitas },
        (None, None) => AcrossYears { adds: !is_level_unit(satuan), by: RuleSource::Satuan },
    }
}

/// The formula a capaian was computed with: the document marks each indicator with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Formula {
    /// R / T × 100 (positive polarity, or a range below or above against its bound).
    RatioUp,
    /// (2T − R) / T × 100.
    TwoTMinusR,
    /// T / R × 100.
    TOverR,
    /// Inside a range target: 100.
    InRange,
    /// 100 − |R − T| / T × 100 (a target to hold).
    Stable,
    /// T = 0 and R = 0 of a negative indicator, scored 100 by the office's setting.
    ZeroZero,
}

impl IndicatorResult {
    /// The period's target it was measured against.
    pub fn period_target(&self) -> Target {
        self.target_upper.map_or(Target::Single(self.target), |hi| Target::Range(self.target, hi))
    }
}

/// The measurement of one sasaran: the mean of its indicators' capaian.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SasaranResult {
    /// Sasaran strategis.
    pub name: String,
    /// Codes of its indicators.
    pub codes: Vec<String>,
    /// Mean capaian of the indicators that have one, two decimals.
    pub capaian: Option<f64>,
    /// Predikat of that mean.
    pub predikat: Option<String>,
}

/// One budget line with its recomputed serapan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetResult {
    /// Program / kegiatan.
    pub name: String,
    /// Pagu (Rp).
    pub pagu: f64,
    /// Realisasi (Rp).
    pub realisation: f64,
    /// Realisation ÷ pagu × 100, two decimals; None when pagu is 0.
    pub serapan: Option<f64>,
    /// The serapan the workbook stated.
    pub stated_serapan: Option<f64>,
    /// 100 − serapan when every linked indicator is tercapai.
    pub efficiency: Option<f64>,
    /// Codes of linked indicators.
    pub codes: Vec<String>,
}

/// Sums of the budget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetTotal {
    /// Total pagu.
    pub pagu: f64,
    /// Total realisation.
    pub realisation: f64,
    /// Total serapan.
    pub serapan: Option<f64>,
}

/// Counts and the overall figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Number of indicators.
    pub indicators: usize,
    /// Indicators tercapai.
    pub tercapai: usize,
    /// Indicators measured and not tercapai.
    pub tidak_tercapai: usize,
    /// Indicators without a realisation for the period.
    pub belum_ada_realisasi: usize,
    /// Indicators whose capaian cannot be computed.
    pub tidak_dapat_dihitung: usize,
    /// Mean of the sasaran capaian.
    pub capaian: Option<f64>,
    /// Predikat of that mean.
    pub predikat: Option<String>,
}

/// Capaian of a realisation against a target, before floor, cap and rounding.
pub fn capaian(polarity: Polarity, target: Target, r: f64, formula: NegativeFormula) -> Result<f64, String> {
    capaian_by(polarity, target, r, formula).map(|(c, _)| c)
}

/// [`capaian`] with the formula it used.
pub fn capaian_by(
    polarity: Polarity,
    target: Target,
    r: f64,
    formula: NegativeFormula,
) -> Result<(f64, Formula), String> {
    match target {
        Target::Range(lo, hi) => {
            if (lo..=hi).contains(&r) {
                Ok((100.0, Formula::InRange))
            } else if r > hi {
                // Above the range: measured against the upper bound; only a positive indicator gains.
                match polarity {
                    Polarity::Positif => positive(hi, r),
                    _ => negative(hi, r, formula),
                }
            } else {
                match polarity {
                    Polarity::Negatif => negative(lo, r, formula),
                    _ => positive(lo, r),
                }
            }
        }
        Target::Single(t) => match polarity {
            Polarity::Positif | Polarity::Rentang => positive(t, r),
            Polarity::Negatif => negative(t, r, formula),
            Polarity::Tetap => {
                if t == 0.0 {
                    Err("target 0 tidak dapat menjadi pembagi".into())
                } else {
                    Ok((100.0 - (r - t).abs() / t.abs() * 100.0, Formula::Stable))
                }
            }
        },
    }
}

fn positive(t: f64, r: f64) -> Result<(f64, Formula), String> {
    if t == 0.0 {
        return Err("target 0 tidak dapat menjadi pembagi".into());
    }
    Ok((r / t * 100.0, Formula::RatioUp))
}

fn negative(t: f64, r: f64, formula: NegativeFormula) -> Result<(f64, Formula), String> {
    match formula {
        NegativeFormula::TwoTMinusR if t == 0.0 => Err("target 0 tidak dapat menjadi pembagi".into()),
        NegativeFormula::TwoTMinusR => Ok(((2.0 * t - r) / t * 100.0, Formula::TwoTMinusR)),
        NegativeFormula::TOverR if r == 0.0 => Err("realisasi 0 tidak dapat menjadi pembagi (rumus T/R)".into()),
        NegativeFormula::TOverR => Ok((t / r * 100.0, Formula::TOverR)),
    }
}

/// The predikat of a capaian on a scale.
pub fn predikat_on(scale: &Scale, capaian: f64) -> String {
    match scale {
        Scale::Permendagri => predikat(capaian).to_string(),
        Scale::Akip => akip(capaian).to_string(),
        Scale::Own(bands) => bands
            .iter()
            .find(|(lower, _)| capaian >= *lower)
            .or(bands.last())
            .map(|(_, label)| label.clone())
            .unwrap_or_default(),
    }
}

/// The AKIP letters of PermenPAN-RB 88/2021: each band's lower bound is exclusive ("AA > 90–100").
pub fn akip(capaian: f64) -> &'static str {
    match capaian {
        c if c > 90.0 => "AA",
        c if c > 80.0 => "A",
        c if c > 70.0 => "BB",
        c if c > 60.0 => "B",
        c if c > 50.0 => "CC",
        c if c > 30.0 => "C",
        _ => "D",
    }
}

/// Permendagri 86/2017: whole-number bands; a value between bands goes to the lower one.
pub fn predikat(capaian: f64) -> &'static str {
    if capaian >= 91.0 {
        "Sangat Tinggi"
    } else if capaian >= 76.0 {
        "Tinggi"
    } else if capaian >= 66.0 {
        "Sedang"
    } else if capaian >= 51.0 {
        "Rendah"
    } else {
        "Sangat Rendah"
    }
}

/// Aggregates the filled quarters up to `n` (blank quarters are missing, 0 is a value), as the
/// decimal figure a person adds up (28,3 + 27,16 + 30,31 + 27,68 = 113,45, see [`format::decimal`]).
pub fn aggregate(values: &[Option<f64>; 4], n: usize, how: Aggregation) -> Option<f64> {
    let filled: Vec<f64> = values[..n].iter().flatten().copied().collect();
    if filled.is_empty() {
        return None;
    }
    Some(format::decimal(match how {
        Aggregation::Jumlah => filled.iter().sum(),
        Aggregation::Terakhir => *filled.last()?,
        Aggregation::RataRata => filled.iter().sum::<f64>() / filled.len() as f64,
    }))
}

/// Mean of values rounded to two decimals, as the document shows them.
pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| round(values.iter().sum::<f64>() / values.len() as f64, 2))
}

/// Measures the workbook; what a careful reader would point out becomes a warning.
pub fn measure(wb: &Workbook, f: &mut Findings) -> Measurement {
    let period = wb.identity.period;
    let n = period.quarters();
    let mut indicators = Vec::new();
    for ind in &wb.indicators {
        f.set_sheet(Some(&ind.origin.sheet));
        indicators.push(measure_indicator(ind, period, n, &wb.settings, f));
    }
    let mut sasaran: Vec<SasaranResult> = Vec::new();
    for r in &indicators {
        match sasaran.iter_mut().find(|s| s.name == r.sasaran) {
            Some(s) => s.codes.push(r.code.clone()),
            None => sasaran.push(SasaranResult {
                name: r.sasaran.clone(),
                codes: vec![r.code.clone()],
                capaian: None,
                predikat: None,
            }),
        }
    }
    let scale = &wb.settings.scale;
    for s in &mut sasaran {
        let values: Vec<f64> =
            indicators.iter().filter(|r| s.codes.contains(&r.code)).filter_map(|r| r.capaian).collect();
        s.capaian = mean(&values);
        s.predikat = s.capaian.map(|c| predikat_on(scale, c));
    }
    let budget: Vec<BudgetResult> = wb
        .budget
        .iter()
        .map(|line| {
            f.set_sheet(Some(&line.origin.sheet));
            measure_budget(line, &indicators, &wb.settings, f)
        })
        .collect();
    let budget_total = (!budget.is_empty()).then(|| {
        let pagu = format::decimal(budget.iter().map(|b| b.pagu).sum());
        let realisation = format::decimal(budget.iter().map(|b| b.realisation).sum());
        BudgetTotal { pagu, realisation, serapan: (pagu > 0.0).then(|| round(realisation / pagu * 100.0, 2)) }
    });
    let count = |st: Status| indicators.iter().filter(|r| r.status == st).count();
    let overall_values: Vec<f64> = match wb.settings.overall {
        Overall::Sasaran => sasaran.iter().filter_map(|s| s.capaian).collect(),
        Overall::Indicators => indicators.iter().filter_map(|r| r.capaian).collect(),
    };
    let overall = mean(&overall_values);
    let summary = Summary {
        indicators: indicators.len(),
        tercapai: indicators.iter().filter(|r| r.tercapai == Some(true)).count(),
        tidak_tercapai: indicators.iter().filter(|r| r.tercapai == Some(false)).count(),
        belum_ada_realisasi: count(Status::BelumAdaRealisasi),
        tidak_dapat_dihitung: count(Status::TidakDapatDihitung),
        capaian: overall,
        predikat: overall.map(|c| predikat_on(scale, c)),
    };
    f.set_sheet(None);
    Measurement { indicators, sasaran, budget, budget_total, summary }
}

fn measure_indicator(
    ind: &Indicator,
    period: Period,
    n: usize,
    settings: &Settings,
    f: &mut Findings,
) -> IndicatorResult {
    let (annual_lo, _) = match ind.target {
        Target::Single(t) => (t, None),
        Target::Range(lo, hi) => (lo, Some(hi)),
    };
    // The period's target: the quarterly targets when given, else the annual one.
    let quarterly_target = match period {
        Period::Tahunan => None,
        _ => aggregate(&ind.target_quarters, n, ind.aggregation),
    };
    let (target, target_from_quarters) = match (quarterly_target, ind.target) {
        (Some(t), Target::Single(_)) => (Target::Single(t), true),
        _ => (ind.target, false),
    };
    check_quarter_targets(ind, period, n, f);
    let derived = aggregate(&ind.real_quarters, n, ind.aggregation);
    let has_quarters = ind.real_quarters.iter().any(Option::is_some);
    let period_quarter_filled = ind.real_quarters[n - 1].is_some();
    let realisation = match ind.realisation {
        Some(r) => {
            if let Some(d) = derived.filter(|_| period_quarter_filled) {
                if (round(d, 2) - round(r, 2)).abs() >= 0.005 {
                    f.warning(
                        ind.origin.realisation_cell.clone(),
                        format!(
                            "Realisasi {} indikator {} berbeda dengan hasil agregasi ({}) triwulan: {}.",
                            format::figure(r, 4),
                            ind.code,
                            aggregation_word(ind.aggregation),
                            format::figure(d, 4)
                        ),
                        Some(
                            "Periksa kolom Realisasi atau kolom Realisasi TW; yang dipakai adalah kolom Realisasi."
                                .into(),
                        ),
                    );
                }
            }
            Some(r)
        }
        None if period_quarter_filled => derived,
        None => None,
    };
    // For `terakhir`, earlier blank quarters are normal (an index measured once a year).
    if has_quarters && ind.realisation.is_none() && ind.aggregation != Aggregation::Terakhir {
        let last_filled = ind.real_quarters[..n].iter().rposition(Option::is_some);
        if let Some(last) = last_filled {
            for (q, v) in ind.real_quarters[..last].iter().enumerate() {
                if v.is_none() {
                    f.warning(
                        ind.origin.realisation_cell.clone(),
                        format!(
                            "Realisasi TW {} indikator {} kosong, padahal triwulan sesudahnya terisi.",
                            ["I", "II", "III", "IV"][q],
                            ind.code
                        ),
                        Some("Isi 0 bila memang tidak ada realisasi; sel kosong berarti belum dilaporkan.".into()),
                    );
                }
            }
        }
    }
    if period != Period::Tahunan
        && period != Period::Tw4
        && !target_from_quarters
        && ind.aggregation == Aggregation::Jumlah
        && realisation.is_some()
    {
        f.warning(
            ind.origin.target_cell.clone(),
            format!(
                "Indikator {}: target tahunan {} dibandingkan dengan realisasi kumulatif sampai {}, sehingga capaian tampak rendah.",
                ind.code,
                format::figure(annual_lo, 4),
                period.label()
            ),
            Some("Isi kolom Target TW I–IV agar capaian triwulan dihitung terhadap target triwulan.".into()),
        );
    }
    // A percentage typed into a cell formatted as percent in a format that doesn't say so (.xls)
    // reads as its fraction: 0,93 against a target of 90 is almost surely 93 %.
    if let (Some(r), Target::Single(t)) = (realisation, target) {
        let percent_unit = matches!(ind.satuan.trim().to_lowercase().as_str(), "%" | "persen" | "persentase");
        if percent_unit && t > 1.5 && r > 0.0 && r <= 1.0 {
            f.warning(
                ind.origin.realisation_cell.clone(),
                format!(
                    "Realisasi indikator {} tertulis {} untuk satuan %, padahal targetnya {}: mungkin maksudnya {} %.",
                    ind.code,
                    format::figure(r, 4),
                    format::figure(t, 4),
                    format::figure(r * 100.0, 2)
                ),
                Some("Tulis persen sebagai angka biasa (93 atau 93%), bukan pecahan.".into()),
            );
        }
    }
    check_counts_per_quarter(ind, n, f);
    let mut formula = None;
    let mut floored = false;
    let (status, capaian_value, reason) = match realisation {
        None => (Status::BelumAdaRealisasi, None, Some(format!("realisasi {} belum diisi", period.label()))),
        Some(r) => match measured(ind.polarity, target, r, settings) {
            Ok((c, used)) => {
                formula = Some(used);
                // No scale goes below 0 %: a realisation far off the target is 0 %, not a negative
                // figure that pulls its sasaran's mean down.
                if c < 0.0 {
                    floored = true;
                    f.warning(
                        ind.origin.realisation_cell.clone(),
                        format!(
                            "Capaian indikator {} menurut rumusnya {} (target {}, realisasi {}); dicatat 0,00 %, karena capaian tidak pernah di bawah 0 %.",
                            ind.code,
                            format::percent(c),
                            target.text(|v| format::figure(v, 4)),
                            format::figure(r, 4)
                        ),
                        Some("Periksa target dan realisasinya; bila benar, indikator ini jauh dari targetnya.".into()),
                    );
                }
                let c = c.max(0.0);
                let capped = settings.cap.map_or(c, |cap| c.min(cap));
                (Status::Terukur, Some(round(capped, 2)), None)
            }
            Err(why) => {
                f.warning(
                    ind.origin.target_cell.clone(),
                    format!("Capaian indikator {} tidak dapat dihitung: {why}.", ind.code),
                    Some(
                        "Periksa target dan realisasi; capaian ditulis \"tidak dapat dihitung\" dalam dokumen.".into(),
                    ),
                );
                (Status::TidakDapatDihitung, None, Some(why))
            }
        },
    };
    let (target_value, target_upper) = match target {
        Target::Single(t) => (t, None),
        Target::Range(lo, hi) => (lo, Some(hi)),
    };
    IndicatorResult {
        code: ind.code.clone(),
        sasaran: ind.sasaran.clone(),
        name: ind.name.clone(),
        satuan: ind.satuan.clone(),
        polarity: ind.polarity,
        aggregation: ind.aggregation,
        target: target_value,
        target_upper,
        target_from_quarters,
        target_quarters: ind.target_quarters,
        real_quarters: ind.real_quarters,
        realisation,
        status,
        capaian: capaian_value,
        reason,
        predikat: capaian_value.map(|c| predikat_on(&settings.scale, c)),
        tercapai: capaian_value.map(|c| c >= settings.threshold),
        note: ind.note.clone(),
        data_source: ind.data_source.clone(),
        formula,
        floored,
        renstra: renstra(ind, target, realisation, settings, f),
    }
}

/// The indicator against the Renstra's end target: the realisation up to this year (a count adds this
/// year to the years before, whatever its quarters' Agregasi; a percentage or an index is where it
/// stands now; [`across_years`]), measured with the indicator's polarity. An end target no larger than
/// this year's target looks annual, against a cumulative realisation: that is warned about at the
/// Target Renstra cell, for every row that adds up.
fn renstra(
    ind: &Indicator,
    target: Target,
    realisation: Option<f64>,
    settings: &Settings,
    f: &mut Findings,
) -> Option<RenstraResult> {
    let end = ind.renstra_target?;
    let rule = across_years(&ind.satuan, ind.renstra_cumulative, settings.renstra_cumulative);
    let counts = rule.adds;
    let cumulative =
        realisation.map(|r| if counts { format::decimal(ind.renstra_before.unwrap_or(0.0) + r) } else { r });
    let capaian = cumulative
        .and_then(|c| measured(ind.polarity, Target::Single(end), c, settings).ok().map(|(v, _)| round(v.max(0.0), 2)));
    let this_year = match target {
        Target::Single(t) => t,
        Target::Range(_, hi) => hi,
    };
    if let (true, Some(c), Some(cap)) = (counts && end <= this_year, cumulative, capaian) {
        f.warning(
            ind.origin.renstra_cell.clone().or_else(|| ind.origin.target_cell.clone()),
            format!(
                "Target Renstra indikator {} ({}) tidak lebih besar dari target tahun ini ({}): tampaknya target tahunan, sedangkan realisasi Renstra kumulatif ({}), sehingga capaian terhadap Renstra {}.",
                ind.code,
                format::figure(end, 4),
                format::figure(this_year, 4),
                format::figure(c, 4),
                format::percent(cap)
            ),
            Some("Isi Target Renstra dengan target akhir periode Renstra (kumulatif), bukan target satu tahun.".into()),
        );
    }
    Some(RenstraResult { target: end, before: ind.renstra_before, cumulative, capaian, rule: Some(rule) })
}

/// True for a satuan that is a level rather than a count: a percentage, an index, a score, a ratio.
pub fn is_level_unit(unit: &str) -> bool {
    let n = crate::names::normalize(unit);
    unit.trim() == "%"
        || ["persen", "persentase", "indeks", "index", "nilai", "skor", "rasio", "predikat"].contains(&n.as_str())
}

/// The capaian and its formula under the office's settings: T = 0 and R = 0 of a negative indicator
/// is 100 % when the office says so, else as [`capaian_by`].
fn measured(polarity: Polarity, target: Target, r: f64, settings: &Settings) -> Result<(f64, Formula), String> {
    let zero_target = matches!(target, Target::Single(t) if t == 0.0);
    if settings.zero_zero_full && polarity == Polarity::Negatif && zero_target && r == 0.0 {
        return Ok((100.0, Formula::ZeroZero));
    }
    capaian_by(polarity, target, r, settings.negative_formula)
}

/// With quarterly targets, the period's own quarter target is required, as its realisation is (an
/// error at its cell); a range target does not use them, which is said rather than done silently.
fn check_quarter_targets(ind: &Indicator, period: Period, n: usize, f: &mut Findings) {
    if period == Period::Tahunan || !ind.target_quarters.iter().any(Option::is_some) {
        return;
    }
    let q = ["I", "II", "III", "IV"][n - 1];
    match ind.target {
        Target::Range(..) => f.warning(
            ind.origin.target_cell.clone(),
            format!(
                "Indikator {} bertarget rentang: target TW-nya tidak dipakai; capaian {} diukur terhadap rentang tahunan.",
                ind.code,
                period.label()
            ),
            Some("Kosongkan kolom Target TW untuk indikator ini, atau tulis targetnya sebagai satu angka.".into()),
        ),
        Target::Single(_) if ind.target_quarters[n - 1].is_none() => f.error(
            ind.origin.target_quarter_cells[n - 1].clone().or_else(|| ind.origin.target_cell.clone()),
            format!(
                "Target TW {q} indikator {} kosong, padahal target triwulan lain diisi: capaian {} memerlukan target TW {q}.",
                ind.code,
                period.label()
            ),
            Some(format!("Isi Target TW {q}, atau kosongkan semua kolom Target TW agar dipakai target tahunan.")),
        ),
        Target::Single(_) => {}
    }
}

/// A count entered per quarter with no Agregasi (so `terakhir`) is measured on its last quarter alone:
/// when that is 0 or less than an earlier quarter, say which Agregasi to set.
fn check_counts_per_quarter(ind: &Indicator, n: usize, f: &mut Findings) {
    if ind.aggregation_given || ind.realisation.is_some() || ind.aggregation != Aggregation::Terakhir {
        return;
    }
    let Some(last) = ind.real_quarters[n - 1] else { return };
    let earlier: Vec<f64> = ind.real_quarters[..n - 1].iter().flatten().copied().collect();
    let Some(highest) = earlier.iter().copied().reduce(f64::max) else { return };
    if last == 0.0 || last < highest {
        f.warning(
            ind.origin.realisation_cell.clone(),
            format!(
                "Indikator {} tanpa Agregasi diukur dengan realisasi triwulan terakhir saja ({}), padahal triwulan sebelumnya mencapai {}.",
                ind.code,
                format::figure(last, 4),
                format::figure(highest, 4)
            ),
            Some("Bila realisasi diisi per triwulan (hitungan), isi Agregasi jumlah; bila rata-rata, rata-rata; bila memang posisi terakhir, tulis terakhir agar peringatan ini hilang.".into()),
        );
    }
}

fn aggregation_word(a: Aggregation) -> &'static str {
    match a {
        Aggregation::Jumlah => "jumlah",
        Aggregation::Terakhir => "terakhir",
        Aggregation::RataRata => "rata-rata",
    }
}

fn measure_budget(
    line: &BudgetLine,
    indicators: &[IndicatorResult],
    settings: &Settings,
    f: &mut Findings,
) -> BudgetResult {
    let exact = (line.pagu > 0.0).then(|| line.realisation / line.pagu * 100.0);
    let serapan = exact.map(|s| round(s, 2));
    if let (Some(stated), Some(exact), Some(computed)) = (line.stated_serapan, exact, serapan) {
        // A fraction (0,8545) is a percentage written as a fraction; "1" is 1 %, not 100 %.
        let fraction = stated < 1.0 && (stated * 100.0 - exact).abs() < (stated - exact).abs();
        let as_percent = if fraction { format::decimal(stated * 100.0) } else { stated };
        // Compared at the stated figure's own precision: 93,6 stated is 93,63 computed.
        let decimals = format::decimals(as_percent).min(4);
        if !format::same(as_percent, exact, decimals) {
            f.warning(
                line.origin.target_cell.clone(),
                format!(
                    "Serapan tertulis {} % berbeda dengan hasil hitung {} (realisasi {} ÷ pagu {}).",
                    format::figure(as_percent, 4),
                    format::percent(computed),
                    format::rupiah(line.realisation),
                    format::rupiah(line.pagu)
                ),
                Some("Dokumen memakai hasil hitung; perbaiki angka serapan di buku kerja bila perlu.".into()),
            );
        }
    }
    let linked: Vec<&IndicatorResult> = indicators.iter().filter(|r| line.indicator_codes.contains(&r.code)).collect();
    let all_met = !linked.is_empty() && linked.iter().all(|r| r.tercapai == Some(true));
    let linked_capaian: Vec<f64> = linked.iter().filter_map(|r| r.capaian).collect();
    let capaian = (!linked_capaian.is_empty() && linked_capaian.len() == linked.len())
        .then(|| linked_capaian.iter().sum::<f64>() / linked_capaian.len() as f64);
    let efficiency = match settings.efficiency {
        Efficiency::RemainingBudget => serapan.filter(|_| all_met).map(|s| round(100.0 - s, 2)),
        Efficiency::CapaianMinusSerapan => serapan.zip(capaian).map(|(s, c)| round(c - s, 2)),
        Efficiency::Ratio => serapan.zip(capaian.filter(|c| *c > 0.0)).map(|(s, c)| round((1.0 - s / c) * 100.0, 2)),
    };
    if let Some(e) = efficiency.filter(|e| *e < 0.0) {
        f.warning(
            line.origin.realisation_cell.clone(),
            format!(
                "Efisiensi \"{}\" negatif ({}): anggaran terserap lebih dari capaian kinerjanya.",
                crate::workbook::grid::shorten(&line.name),
                format::percent(e)
            ),
            Some(
                "Dokumen mencetaknya apa adanya; periksa realisasi anggaran dan capaian indikator yang didukungnya."
                    .into(),
            ),
        );
    }
    BudgetResult {
        name: line.name.clone(),
        pagu: line.pagu,
        realisation: line.realisation,
        serapan,
        stated_serapan: line.stated_serapan,
        efficiency,
        codes: line.indicator_codes.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use NegativeFormula::*;
    use Polarity::*;

    fn c(p: Polarity, t: Target, r: f64, formula: NegativeFormula) -> f64 {
        round(capaian(p, t, r, formula).unwrap(), 2)
    }

    #[test]
    fn positive_polarity() {
        assert_eq!(c(Positif, Target::Single(80.0), 68.0, TwoTMinusR), 85.0);
        assert_eq!(c(Positif, Target::Single(3.0), 7.0, TwoTMinusR), 233.33);
    }

    #[test]
    fn negative_polarity_both_variants() {
        assert_eq!(c(Negatif, Target::Single(7.0), 6.5, TwoTMinusR), 107.14);
        assert_eq!(c(Negatif, Target::Single(10.0), 12.0, TwoTMinusR), 80.0);
        assert_eq!(c(Negatif, Target::Single(10.0), 12.0, TOverR), 83.33);
        assert_eq!(c(Negatif, Target::Single(10.0), 5.0, TwoTMinusR), 150.0);
        assert_eq!(c(Negatif, Target::Single(10.0), 5.0, TOverR), 200.0);
        assert!(capaian(Negatif, Target::Single(10.0), 0.0, TOverR).is_err());
    }

    #[test]
    fn range_and_stable() {
        let range = Target::Range(5.0, 10.0);
        assert_eq!(c(Rentang, range, 7.0, TwoTMinusR), 100.0);
        assert_eq!(c(Rentang, range, 5.0, TwoTMinusR), 100.0);
        assert_eq!(c(Rentang, range, 12.0, TwoTMinusR), 80.0); // above: (2·10 − 12)/10
        assert_eq!(c(Rentang, range, 4.0, TwoTMinusR), 80.0); // below: 4/5
        assert_eq!(c(Positif, range, 12.0, TwoTMinusR), 120.0);
        assert_eq!(c(Tetap, Target::Single(3.5), 3.5, TwoTMinusR), 100.0);
        assert_eq!(c(Tetap, Target::Single(3.5), 3.15, TwoTMinusR), 90.0);
        assert_eq!(c(Tetap, Target::Single(3.5), 3.85, TwoTMinusR), 90.0);
    }

    #[test]
    fn across_the_years_counts_add_and_levels_do_not_unless_the_office_says_so() {
        let adds = |satuan, row, office| across_years(satuan, row, office).adds;
        assert!(adds("Dok", None, None));
        assert!(adds("Rp", None, None));
        for level in ["%", "Persen", "Indeks", "nilai", "Skor", "rasio"] {
            assert!(!adds(level, None, None), "{level}");
        }
        assert!(adds("%", None, Some(true)) && !adds("Dok", None, Some(false)));
        assert!(adds("Dok", Some(true), Some(false)) && !adds("Dok", Some(false), Some(true)));
        assert_eq!(across_years("Dok", None, Some(false)).by, RuleSource::Identitas);
        assert_eq!(across_years("Dok", Some(true), Some(false)).by, RuleSource::Baris);
    }

    #[test]
    fn zero_target_is_not_computable() {
        for p in [Positif, Negatif, Tetap] {
            let err = capaian(p, Target::Single(0.0), 5.0, TwoTMinusR).unwrap_err();
            assert!(err.contains("target 0"), "{err}");
        }
    }

    #[test]
    fn predikat_bands() {
        assert_eq!(predikat(91.0), "Sangat Tinggi");
        assert_eq!(predikat(90.5), "Tinggi");
        assert_eq!(predikat(76.0), "Tinggi");
        assert_eq!(predikat(75.99), "Sedang");
        assert_eq!(predikat(66.0), "Sedang");
        assert_eq!(predikat(65.5), "Rendah");
        assert_eq!(predikat(51.0), "Rendah");
        assert_eq!(predikat(50.0), "Sangat Rendah");
        assert_eq!(predikat(50.5), "Sangat Rendah");
    }

    #[test]
    fn quarters_aggregate() {
        // Deli Serdang row 15: 2 / 0,8 / 1,2 / 0 Dok → 4 Dok for the year.
        let q = [Some(2.0), Some(0.8), Some(1.2), Some(0.0)];
        assert_eq!(aggregate(&q, 4, Aggregation::Jumlah).map(|x| round(x, 2)), Some(4.0));
        assert_eq!(aggregate(&q, 4, Aggregation::Terakhir), Some(0.0));
        assert_eq!(aggregate(&q, 3, Aggregation::Terakhir), Some(1.2));
        assert_eq!(aggregate(&q, 2, Aggregation::RataRata), Some(1.4));
        let gaps = [Some(3.0), None, Some(5.0), None];
        assert_eq!(aggregate(&gaps, 4, Aggregation::RataRata), Some(4.0));
        // Issue 12: the sum is the decimal figure, not the binary 113.44999999999999.
        let q = [Some(28.3), Some(27.16), Some(30.31), Some(27.68)];
        assert_eq!(aggregate(&q, 4, Aggregation::Jumlah), Some(113.45));
        assert_eq!(aggregate(&[None; 4], 4, Aggregation::Jumlah), None);
    }

    #[test]
    fn sasaran_mean() {
        assert_eq!(mean(&[94.68, 105.56]), Some(100.12));
        assert_eq!(mean(&[]), None);
    }
}
