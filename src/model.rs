//! The plain data of one workbook: identity, settings, indicators, budget,
//! evaluation notes and rencana aksi. What the reader produces and every later
//! stage (measurement, typesetting, hashing) consumes; serialisable to JSON.
//!
//! Where a value came from (sheet and row) is kept beside it but left out of
//! the JSON, so that moving a row or renaming a file does not change the
//! workbook's meaning.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One workbook: one unit, one year, one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workbook {
    /// Sheet `Identitas`: who, when, who signs.
    pub identity: Identity,
    /// The policy settings of the measurement.
    pub settings: Settings,
    /// Sheet `Kinerja`, one entry per indicator, in workbook order.
    pub indicators: Vec<Indicator>,
    /// Sheet `Anggaran`, one entry per budget line.
    pub budget: Vec<BudgetLine>,
    /// Sheet `Evaluasi`, one entry per note.
    pub evaluations: Vec<EvaluationNote>,
    /// Sheet `Rencana Aksi`, one entry per row.
    pub action_plans: Vec<ActionPlan>,
    /// Sheet `Rencana Aksi PK`: the actions planned per indicator with the Perjanjian Kinerja.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pk_actions: Vec<PkAction>,
    /// Sheet `Narasi LKjIP`: the office's own words for its Laporan Kinerja, one passage per row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub narrative: Vec<Passage>,
    /// Sheet `Cascading`: the positions below the head, each with its indicators and the indicator
    /// above that each supports (the pohon kinerja).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cascade: Vec<Position>,
}

/// One position of the cascade (sheet `Cascading`): an official's rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Position {
    /// The position's title, as written ("Kepala Bidang Aplikasi Informatika"); its identity.
    pub title: String,
    /// Its level.
    pub level: Level,
    /// Who holds it (name, rank, NIP; `title` is the position's).
    pub holder: Person,
    /// The title of the position above; none for the head.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superior: Option<String>,
    /// Its indicators, in the sheet's order.
    pub indicators: Vec<CascadeIndicator>,
    /// Where its first row stands.
    #[serde(skip)]
    pub origin: Origin,
}

/// One indicator of a position in the cascade.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CascadeIndicator {
    /// Its code, unique in the sheet ("1.1.2").
    pub code: String,
    /// The sasaran (strategis, program, kegiatan or individu, by level).
    pub sasaran: String,
    /// Name.
    pub name: String,
    /// Satuan.
    pub satuan: String,
    /// The year's target.
    pub target: Target,
    /// The quarters' targets.
    pub target_quarters: [Option<f64>; 4],
    /// The code of the indicator above it supports; none for the head's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supports: Option<String>,
    /// Marked as the position's own: nobody below supports it, and that is meant.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub own: bool,
    /// Its target is the sum of the targets of the indicators below that support it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sum_of_below: bool,
    /// The program, kegiatan or sub kegiatan it is carried by, with its pagu.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<CascadeBudget>,
    /// Where the row stands.
    #[serde(skip)]
    pub origin: CascadeOrigin,
}

/// A position's program, kegiatan or sub kegiatan and its pagu.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CascadeBudget {
    /// Program, kegiatan or sub kegiatan, as written.
    pub name: String,
    /// Its pagu in rupiah, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagu: Option<f64>,
}

/// Where a cascade row stands.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CascadeOrigin {
    /// The sheet's name.
    pub sheet: String,
    /// 1-based row.
    pub row: u32,
    /// Cell of the code.
    pub code: Option<String>,
    /// Cell of the target.
    pub target: Option<String>,
    /// Cell of "Mendukung".
    pub supports: Option<String>,
    /// Cell of the pagu.
    pub pagu: Option<String>,
    /// Cell of the holder's name.
    pub holder: Option<String>,
    /// Cell of "Jabatan Atasan".
    pub superior: Option<String>,
}

impl Identity {
    /// The signer's keys this identity lacks, by their names in the `Identitas` sheet: what the
    /// konsep and the final need and a draft does without.
    pub fn missing_signer(&self) -> Vec<&'static str> {
        [
            ("Tempat", self.place.is_none()),
            ("Jabatan Penandatangan", self.signer_title.is_none()),
            ("Nama Penandatangan", self.signer_name.is_none()),
            ("NIP", self.nip.is_none()),
        ]
        .into_iter()
        .filter_map(|(key, missing)| missing.then_some(key))
        .collect()
    }
}

impl Workbook {
    /// The indicator with this code.
    pub fn indicator(&self, code: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|x| x.code == code)
    }

    /// The workbook without what only the Laporan Kinerja prints — the narrative and the national
    /// standards — and, unless `cascade`, without the cascade, which only the pohon kinerja prints (each
    /// official's PK has its own workbook, `cascade::official`): the meaning every other document is
    /// hashed by, so that writing the report's words or another official's target makes no new version
    /// of the measurement or the PK (and a workbook without them is itself).
    pub fn without_report(&self, cascade: bool) -> std::borrow::Cow<'_, Workbook> {
        let has_standards = self.indicators.iter().any(|i| i.standard.is_some() || i.standard_source.is_some());
        if self.narrative.is_empty() && !has_standards && (cascade || self.cascade.is_empty()) {
            return std::borrow::Cow::Borrowed(self);
        }
        let mut wb = self.clone();
        if !cascade {
            wb.cascade.clear();
        }
        wb.narrative.clear();
        for i in &mut wb.indicators {
            i.standard = None;
            i.standard_source = None;
        }
        std::borrow::Cow::Owned(wb)
    }
}

/// Sheet `Identitas`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Identity {
    /// "Pemerintah Kabupaten Lumajang".
    pub government: String,
    /// The perangkat daerah's name: "Dinas Komunikasi dan Informatika".
    #[serde(rename = "unit")]
    pub unit_name: String,
    /// Address line of the letterhead.
    pub address: Option<String>,
    /// Short name for folders and files, always a safe slug (`[a-z0-9-]+`).
    pub unit_code: String,
    /// The year measured.
    pub year: i32,
    /// The period measured.
    pub period: Period,
    /// Place of signing. The signer's four keys are always given by a kinerja workbook; a Renja form
    /// without a signature block leaves them out, and only the draft is made from it (the konsep and
    /// the final require them). Absent keys are left out of the JSON, so a workbook that gives them
    /// serialises as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Date of signing, when the workbook gives one.
    pub date: Option<NaiveDate>,
    /// Position of the signer ("Kepala Dinas …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer_title: Option<String>,
    /// Name of the signer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer_name: Option<String>,
    /// Rank of the signer ("Pembina Tk. I (IV/b)").
    pub signer_rank: Option<String>,
    /// NIP, 18 digits without spaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nip: Option<String>,
    /// Logo path as written in the workbook (relative to the workbook).
    pub logo: Option<String>,
    /// The Perjanjian Kinerja measured: its number, date and kind (murni or perubahan).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement: Option<Agreement>,
    /// Who evaluated the document, when the office prints a "Dievaluasi oleh" block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluator: Option<Evaluator>,
    /// The last year of the Renstra period (the year its end targets are for).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renstra_end: Option<i32>,
    /// The level of the signer's position (for the Perjanjian Kinerja: who signs with whom, and the
    /// names of its tables); eselon II when the workbook does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// Pihak kedua of the Perjanjian Kinerja: the superior who signs it with the signer (none for the
    /// kepala daerah's own PK).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superior: Option<Person>,
    /// The position within the unit whose documents these are, for an official's own (a slug; see
    /// `cascade::official`); none for the unit's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
}

/// An official as a signature block prints them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// Name with titles.
    pub name: String,
    /// Position ("Bupati Lumajang").
    pub title: String,
    /// Rank ("Pembina Utama Muda (IV/c)").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<String>,
    /// NIP, 18 digits without spaces (an elected official has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nip: Option<String>,
}

/// The level of a position in the cascade of Perjanjian Kinerja (sakip-cycle.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Bupati / Walikota: one signatory.
    KepalaDaerah,
    /// Kepala Perangkat Daerah, with the kepala daerah as pihak kedua.
    EselonIi,
    /// Kepala Bidang / Sekretaris.
    EselonIii,
    /// Kepala Seksi / Subbagian.
    EselonIv,
    /// Staff (JFU / JFT): the Indikator Kinerja Individu.
    Staf,
}

impl Level {
    /// Every level, from the top.
    pub const ALL: [Level; 5] = [Level::KepalaDaerah, Level::EselonIi, Level::EselonIii, Level::EselonIv, Level::Staf];

    /// How a workbook writes it: "kepala daerah", "eselon II" …
    pub fn label(self) -> &'static str {
        match self {
            Level::KepalaDaerah => "kepala daerah",
            Level::EselonIi => "eselon II",
            Level::EselonIii => "eselon III",
            Level::EselonIv => "eselon IV",
            Level::Staf => "staf",
        }
    }

    /// The heading of the PK's first column at this level.
    pub fn sasaran_heading(self) -> &'static str {
        match self {
            Level::KepalaDaerah | Level::EselonIi => "Sasaran Strategis",
            Level::EselonIii => "Sasaran Program",
            Level::EselonIv => "Sasaran Kegiatan",
            Level::Staf => "Sasaran Kinerja Individu",
        }
    }

    /// The heading of the PK's budget table at this level (staff have none).
    pub fn budget_heading(self) -> Option<&'static str> {
        match self {
            Level::KepalaDaerah | Level::EselonIi => Some("Program"),
            Level::EselonIii => Some("Kegiatan"),
            Level::EselonIv => Some("Kegiatan / Sub Kegiatan"),
            Level::Staf => None,
        }
    }
}

/// The Perjanjian Kinerja a document measures (and the one the workbook makes).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    /// Its number.
    pub number: Option<String>,
    /// Its date.
    pub date: Option<NaiveDate>,
    /// "murni" or "perubahan".
    pub kind: Option<String>,
    /// Where it is signed, when not at the document's place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

impl Agreement {
    /// True for a PK perubahan (the revised agreement of the year).
    pub fn is_revision(&self) -> bool {
        self.kind.as_deref().is_some_and(|k| k.starts_with("perubahan"))
    }
}

/// The evaluator of a "Dievaluasi oleh" block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluator {
    /// Name.
    pub name: String,
    /// Position.
    pub title: Option<String>,
    /// NIP, 18 digits.
    pub nip: Option<String>,
}

/// The measurement period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Tahunan,
    Tw1,
    Tw2,
    Tw3,
    Tw4,
}

impl Period {
    /// `tahunan`, `tw1` … `tw4`: the archive's folder name.
    pub fn slug(self) -> &'static str {
        match self {
            Period::Tahunan => "tahunan",
            Period::Tw1 => "tw1",
            Period::Tw2 => "tw2",
            Period::Tw3 => "tw3",
            Period::Tw4 => "tw4",
        }
    }

    /// "Tahunan", "Triwulan I" …: how the document names it.
    pub fn label(self) -> &'static str {
        match self {
            Period::Tahunan => "Tahunan",
            Period::Tw1 => "Triwulan I",
            Period::Tw2 => "Triwulan II",
            Period::Tw3 => "Triwulan III",
            Period::Tw4 => "Triwulan IV",
        }
    }

    /// How many quarters the period covers, counted from the start of the year.
    pub fn quarters(self) -> usize {
        match self {
            Period::Tw1 => 1,
            Period::Tw2 => 2,
            Period::Tw3 => 3,
            Period::Tw4 | Period::Tahunan => 4,
        }
    }
}

/// Policy settings, from `Identitas`. A setting left at its default is left out of the JSON, so that
/// settings added later change no existing workbook's meaning (nor its source hash).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Which formula negative polarity uses.
    pub negative_formula: NegativeFormula,
    /// Cap on capaian in percent; none by default.
    pub cap: Option<f64>,
    /// Capaian from which an indicator is tercapai, in percent.
    pub threshold: f64,
    /// The predikat scale.
    #[serde(default, skip_serializing_if = "is_default")]
    pub scale: Scale,
    /// How a budget line's efficiency is computed.
    #[serde(default, skip_serializing_if = "is_default")]
    pub efficiency: Efficiency,
    /// What the overall capaian is the mean of.
    #[serde(default, skip_serializing_if = "is_default")]
    pub overall: Overall,
    /// Score T = 0 and R = 0 of a negative indicator 100 % (as several e-SAKIP systems do) instead of
    /// "tidak dapat dihitung".
    #[serde(default, skip_serializing_if = "is_default")]
    pub zero_zero_full: bool,
    /// Charts on the final too (a signed document is often kept plain; drafts and konsep always
    /// have them).
    #[serde(default, skip_serializing_if = "is_default")]
    pub charts_on_final: bool,
    /// The lowest capaian, in percent, that the charts colour as close to the target (below the
    /// threshold); 90 by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chart_close: Option<f64>,
    /// The office's default for rows that don't say whether their realisation adds up over the
    /// Renstra's years (`Renstra Kumulatif` in Identitas); None: by the satuan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renstra_cumulative: Option<bool>,
}

fn is_default<T: Default + PartialEq>(x: &T) -> bool {
    *x == T::default()
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            negative_formula: NegativeFormula::TwoTMinusR,
            cap: None,
            threshold: 100.0,
            scale: Scale::default(),
            efficiency: Efficiency::default(),
            overall: Overall::default(),
            zero_zero_full: false,
            charts_on_final: false,
            chart_close: None,
            renstra_cumulative: None,
        }
    }
}

/// A predikat scale: which label a capaian gets.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scale {
    /// Permendagri 86/2017: ≥ 91 Sangat Tinggi; 76–90 Tinggi; 66–75 Sedang; 51–65 Rendah; ≤ 50 Sangat
    /// Rendah; whole-number bands, a value between two bands in the lower one.
    #[default]
    Permendagri,
    /// The AKIP letters of PermenPAN-RB 88/2021: AA > 90; A > 80; BB > 70; B > 60; CC > 50; C > 30; D.
    Akip,
    /// The office's own bands: (lowest capaian of the band, label), highest band first; a capaian at
    /// or above a band's lower bound is in it.
    Own(Vec<(f64, String)>),
}

/// How a budget line's efficiency is computed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Efficiency {
    /// 100 − serapan, only when every linked indicator is tercapai.
    #[default]
    RemainingBudget,
    /// Capaian (mean of the linked indicators) − serapan.
    CapaianMinusSerapan,
    /// (1 − serapan ÷ capaian) × 100.
    Ratio,
}

/// What the overall capaian is the mean of.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Overall {
    /// The sasaran's capaian.
    #[default]
    Sasaran,
    /// Every indicator's capaian (as the Renja evaluation form does).
    Indicators,
}

/// The two variants of the negative-polarity formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NegativeFormula {
    /// (2T − R) / T × 100 (PermenPAN-RB 6/2022), the default.
    #[serde(rename = "(2T-R)/T")]
    TwoTMinusR,
    /// T / R × 100.
    #[serde(rename = "T/R")]
    TOverR,
}

/// Which way is better for an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    /// Higher is better.
    Positif,
    /// Lower is better.
    Negatif,
    /// Inside a range is best.
    Rentang,
    /// Holding a value is best.
    Tetap,
}

impl Polarity {
    /// The word the document prints.
    pub fn label(self) -> &'static str {
        match self {
            Polarity::Positif => "Positif",
            Polarity::Negatif => "Negatif",
            Polarity::Rentang => "Rentang",
            Polarity::Tetap => "Tetap",
        }
    }
}

/// How quarterly figures add up to the year-to-date figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Aggregation {
    /// Sum of the quarters (counts).
    Jumlah,
    /// The last filled quarter (indices, percentages).
    Terakhir,
    /// Mean of the filled quarters.
    RataRata,
}

/// An annual target: one number, or a range for `Rentang`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    Single(f64),
    Range(f64, f64),
}

impl Target {
    /// The target written with `figure` for each number: "90", "5 – 10".
    pub fn text(self, figure: impl Fn(f64) -> String) -> String {
        match self {
            Target::Single(v) => figure(v),
            Target::Range(a, b) => format!("{} – {}", figure(a), figure(b)),
        }
    }
}

/// One indicator row of `Kinerja`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// Code, unique within the workbook ("1.1"); numbered in order when the sheet has none.
    pub code: String,
    /// The sasaran strategis the indicator belongs to.
    pub sasaran: String,
    /// The indicator's name.
    pub name: String,
    /// Satuan ("%", "Indeks", "Dokumen").
    #[serde(rename = "unit")]
    pub satuan: String,
    /// Which way is better.
    pub polarity: Polarity,
    /// Annual target.
    pub target: Target,
    /// Quarterly targets TW I–IV, when given.
    pub target_quarters: [Option<f64>; 4],
    /// Quarterly realisations TW I–IV; None is "not yet reported".
    pub real_quarters: [Option<f64>; 4],
    /// Year-to-date realisation as stated in the workbook.
    pub realisation: Option<f64>,
    /// How quarters add up.
    pub aggregation: Aggregation,
    /// Keterangan printed with the indicator.
    pub note: Option<String>,
    /// Sumber data.
    pub data_source: Option<String>,
    /// The indicator's type: IKU, IKK, IKD …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Faktor pendorong: what helped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drivers: Option<String>,
    /// Faktor penghambat: what held it back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub obstacles: Option<String>,
    /// Tindak lanjut: what follows (for met indicators too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<String>,
    /// Last year's realisation as the workbook states it (used when the archive has no last year's
    /// document, and preferred over it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_year_realisation: Option<f64>,
    /// Last year's capaian as the workbook states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_year_capaian: Option<f64>,
    /// The Renstra's end-of-period target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renstra_target: Option<f64>,
    /// The realisation of the Renstra period up to last year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renstra_before: Option<f64>,
    /// Whether the realisation adds up over the Renstra's years, as the row says (column `Renstra
    /// Kumulatif`); None: as the office's default, else as its satuan (see `measure::across_years`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renstra_cumulative: Option<bool>,
    /// Where the indicator stands in the Renja's hierarchy, when the workbook says (the Renja
    /// evaluation form does: urusan › program › kegiatan › sub-kegiatan).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    /// A national standard for the indicator (column `Standar Nasional`), which the Laporan Kinerja
    /// compares the realisation with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<f64>,
    /// Where that standard comes from (column `Sumber Standar`: a regulation, the SPM …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard_source: Option<String>,
    /// True when the sheet said how quarters add up (a blank Agregasi is `terakhir` by default).
    #[serde(skip)]
    pub aggregation_given: bool,
    /// Where the row stands in the workbook (not part of its meaning).
    #[serde(skip)]
    pub origin: Origin,
}

impl Indicator {
    /// An indicator as promised: its code, sasaran, name, satuan, target and where its row is; positive,
    /// measured by its last quarter, with nothing realised, noted or carried from other years yet. The
    /// readers that know more set it over this (`Indicator { realisation, ..Indicator::planned(…) }`).
    pub fn planned(
        code: String,
        sasaran: String,
        name: String,
        satuan: String,
        target: Target,
        origin: Origin,
    ) -> Indicator {
        Indicator {
            code,
            sasaran,
            name,
            satuan,
            polarity: Polarity::Positif,
            target,
            target_quarters: [None; 4],
            real_quarters: [None; 4],
            realisation: None,
            aggregation: Aggregation::Terakhir,
            note: None,
            data_source: None,
            kind: None,
            drivers: None,
            obstacles: None,
            follow_up: None,
            last_year_realisation: None,
            last_year_capaian: None,
            renstra_target: None,
            renstra_before: None,
            renstra_cumulative: None,
            place: None,
            standard: None,
            standard_source: None,
            aggregation_given: false,
            origin,
        }
    }
}

/// An indicator's place in the Renja: the urusan (or bidang urusan), program, kegiatan and
/// sub-kegiatan it measures. A program's own (outcome) indicator has no kegiatan; a kegiatan's
/// (output) indicator no sub-kegiatan.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Place {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urusan: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub program: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kegiatan: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_kegiatan: Option<String>,
}

/// Where a row came from: sheet name, 1-based row, and the columns of its main fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Origin {
    /// The sheet's name as written.
    pub sheet: String,
    /// 1-based row number.
    pub row: u32,
    /// Cell of the target (`E7`), for findings about the measurement.
    pub target_cell: Option<String>,
    /// Cell of the realisation or of the last quarter read.
    pub realisation_cell: Option<String>,
    /// Cells of the quarterly targets TW I–IV, where the sheet has the column.
    pub target_quarter_cells: [Option<String>; 4],
    /// Cells of the quarterly realisations TW I–IV, where the sheet has the column.
    pub real_quarter_cells: [Option<String>; 4],
    /// Cell of the Renstra's end target, where the sheet has one.
    pub renstra_cell: Option<String>,
}

/// One line of `Anggaran`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetLine {
    /// Program / Kegiatan / Sub Kegiatan.
    pub name: String,
    /// Pagu in rupiah.
    pub pagu: f64,
    /// Realisation in rupiah.
    pub realisation: f64,
    /// Codes of the indicators this budget serves.
    pub indicator_codes: Vec<String>,
    /// Keterangan (the source of the funds, "APBD"), printed in the PK's budget table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Serapan as stated in the workbook, in percent.
    pub stated_serapan: Option<f64>,
    /// Where the row stands.
    #[serde(skip)]
    pub origin: Origin,
}

/// One note of an evaluation meeting (`Evaluasi`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationNote {
    /// Date of the meeting.
    pub date: NaiveDate,
    /// The indicator concerned (its code or name as written), or None for the whole document.
    pub indicator: Option<String>,
    /// The note.
    pub note: String,
    /// What will be done about it.
    pub follow_up: Option<String>,
}

/// One row of `Rencana Aksi PK`: an action planned with the Perjanjian Kinerja to reach an
/// indicator's target (not the SOP's rencana aksi for an unmet indicator, [`ActionPlan`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PkAction {
    /// The indicator's code or name as written.
    pub indicator: String,
    /// The quarters the action runs in (1–4); empty: the whole year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quarters: Vec<u8>,
    /// The action (kegiatan).
    pub action: String,
    /// Who is responsible.
    pub responsible: String,
    /// Where the row stands.
    #[serde(skip)]
    pub origin: Origin,
}

/// One row of `Narasi LKjIP`: a passage of the office's text for one section of its Laporan Kinerja,
/// and the picture printed with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    /// The section it belongs to.
    pub section: Section,
    /// For an analysis of a sasaran: the sasaran's number or name, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sasaran: Option<String>,
    /// The text as typed; each line of the cell is a paragraph. Empty for a row with only a picture.
    pub text: String,
    /// A picture (an organisation chart …): a file in the workbook's folder, as the logo is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture: Option<String>,
    /// The picture's caption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Where the row stands.
    #[serde(skip)]
    pub origin: Origin,
}

impl Passage {
    /// The paragraphs of its text: each non-blank line of the cell, trimmed.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.text.lines().map(str::trim).filter(|l| !l.is_empty())
    }
}

/// A section of the Laporan Kinerja that the office writes (PermenPAN-RB 53/2014's outline).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    /// The office's words in the Ikhtisar Eksekutif, after its computed summary.
    Ikhtisar,
    /// Bab I: the organisation in general.
    GambaranUmum,
    /// Bab I: its tugas and fungsi.
    TugasFungsi,
    /// Bab I: its structure (often with the organisation chart).
    StrukturOrganisasi,
    /// Bab I: its staff.
    SumberDayaManusia,
    /// Bab I: its strategic issues.
    IsuStrategis,
    /// Bab II: the Renstra in brief (visi, misi, tujuan, sasaran).
    RencanaStrategis,
    /// Bab III A: the analysis of one sasaran ([`Passage::sasaran`] names it).
    AnalisisSasaran,
    /// Bab IV: the conclusions.
    Kesimpulan,
    /// Bab IV: the steps to improve next year.
    LangkahPerbaikan,
}

/// One row of `Rencana Aksi`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionPlan {
    /// The indicator's code or name as written.
    pub indicator: String,
    /// Kendala.
    pub problem: String,
    /// Rencana aksi / tindak lanjut.
    pub action: String,
    /// Penanggung jawab.
    pub responsible: String,
    /// Batas waktu, as written (a date or text such as "Triwulan IV 2024").
    pub deadline: String,
}
