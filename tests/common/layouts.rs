//! A generator of the Renja form's layouts (issue 22): the same office's figures written in the
//! layouts offices use — columns in another order or with Visi / Misi / Kode columns, rows of column
//! numbers (the regulation's, shifted by an extra column, one per sheet column, with or without their
//! formulas, above or below the K / Rp labels), RKPD or Renja wording, a title line naming unit and
//! government together, the indicator's heading merged over two columns, blank rows between programs,
//! budgets in thousands, K / % / Rp in any order, the satuan in an unlabelled sub-column, quarter labels
//! typed with the letter l, a group per quarter, one sheet per quarter, template rows of #N/A or zeros,
//! with or without a signature — each with the truth it was generated from.

#![allow(dead_code)]

use super::book::{n, t, Book, SheetSpec, V};

/// How one form is laid out.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The quarter evaluated, 1–4.
    pub period: u8,
    /// RKPD / RPJMD wording (E.79) instead of Renja / Renstra (E.81).
    pub rkpd: bool,
    /// Visi, Misi, Sasaran RPJMD and Tujuan columns before the sasaran.
    pub visi: bool,
    /// A Sasaran column (E.79 offices often have none: No, Kode, program … numbered 1–17).
    pub sasaran: bool,
    /// A Kode column before column 3, with Permendagri 90 codes.
    pub kode: bool,
    /// The satuan as an unlabelled sub-column of this year's target instead of a column of its own.
    pub satuan_in_target: bool,
    /// 0: no row of column numbers; 1: a number per group, as the regulation does (shifted by an
    /// office's Kode column); 2: a number per sheet column.
    pub numbering: u8,
    /// The numbers below the K / Rp labels instead of above them.
    pub numbers_below_labels: bool,
    /// The computed columns' numbers with their formulas ("13 = 9 + 10 + 11 + 12").
    pub formula_text: bool,
    /// The order of K, % and Rp under each quarter: a permutation index 0–5.
    pub sub_order: usize,
    /// A % progress sub-column under each quarter.
    pub pct: bool,
    /// Budgets in thousands ("Rp. (000)").
    pub thousands: bool,
    /// 0: I, II, III, IV; 1: I, Il, Ill, IV (letter l); 2: TW 1 …; 3: Triwulan I …; 4: a group per quarter.
    pub quarter_labels: u8,
    /// The indicator's heading merged over two columns: Some(true) with the text in the first, Some(false)
    /// in the second ("-" in the other).
    pub merged_indicator: Option<bool>,
    /// A title line naming unit and government together instead of a "Perangkat Daerah :" line.
    pub unit_in_title: bool,
    /// The quarter named in the title instead of the sheet's name.
    pub period_in_title: bool,
    /// Blank rows before each program.
    pub blank_rows: bool,
    /// 0: none; 1: template rows of #N/A under the data; 2: rows of zeros without text.
    pub template_rows: u8,
    /// One sheet per quarter up to the period.
    pub sheet_per_quarter: bool,
    /// A signature block under the table.
    pub signature: bool,
}

/// What one indicator must be read as.
#[derive(Debug, Clone)]
pub struct Truth {
    pub name: String,
    pub unit: String,
    pub target: f64,
    /// The quarters up to the period.
    pub quarters: [Option<f64>; 4],
    /// None for an indicator with no quarter reported.
    pub realisation: Option<f64>,
    pub capaian: Option<f64>,
    /// The Renstra figures of earlier years and of the period's end, which never feed this year's.
    pub renstra_target: f64,
    pub renstra_before: f64,
    pub program: String,
}

/// What the whole form must be read as.
#[derive(Debug, Clone)]
pub struct Expected {
    pub indicators: Vec<Truth>,
    pub pagu: f64,
    pub spent: f64,
    pub unit: String,
    pub unit_code: String,
    pub period: &'static str,
}

/// The figures of one generated office: each indicator's target index and quarters.
#[derive(Debug, Clone)]
pub struct Figures {
    pub targets: [usize; 6],
    pub quarters: [[u8; 4]; 6],
    /// Indicators with no quarter reported (their columns of earlier years still full).
    pub unreported: [bool; 6],
}

/// Targets whose capaian have at most one decimal (100 / t is 25, 20, 12,5 …).
const TARGETS: [f64; 9] = [4.0, 5.0, 8.0, 10.0, 20.0, 25.0, 40.0, 50.0, 100.0];

/// A row of column 3 and its indicator.
struct Line {
    code: &'static str,
    program: Option<&'static str>,
    sasaran: Option<&'static str>,
    indicator: Option<(&'static str, &'static str)>,
    pagu: f64,
    rp: [f64; 4],
    is_program: bool,
}

fn lines() -> Vec<Line> {
    let l = |code, program, sasaran, indicator, pagu, rp, is_program| Line {
        code,
        program,
        sasaran,
        indicator,
        pagu,
        rp,
        is_program,
    };
    vec![
        l("1.01", Some("URUSAN PEMERINTAHAN BIDANG CONTOH"), None, None, 0.0, [0.0; 4], false),
        l(
            "1.01.01",
            Some("Program Pelayanan Publik Contoh"),
            Some("Meningkatnya kualitas pelayanan publik"),
            Some(("Jumlah layanan terselesaikan", "Layanan")),
            1.1e9,
            [2e8, 3e8, 2.5e8, 3e8],
            true,
        ),
        l(
            "1.01.01.2.01",
            Some("Penyelenggaraan Layanan Contoh"),
            None,
            Some(("Jumlah laporan layanan", "Laporan")),
            7e8,
            [1e8, 2e8, 1.5e8, 2e8],
            false,
        ),
        l("", None, None, Some(("Jumlah pengaduan yang ditangani", "Pengaduan")), 0.0, [0.0; 4], false),
        l(
            "1.01.01.2.02",
            Some("Penyusunan Standar Layanan"),
            None,
            Some(("Jumlah dokumen standar layanan", "Dokumen")),
            4e8,
            [1e8, 1e8, 1e8, 1e8],
            false,
        ),
        l(
            "1.01.02",
            Some("Program Penunjang Urusan"),
            Some("Meningkatnya akuntabilitas kinerja"),
            Some(("Persentase laporan tepat waktu", "%")),
            5e8,
            [1e8, 1.2e8, 1e8, 1.5e8],
            true,
        ),
        l(
            "1.01.02.2.01",
            Some("Administrasi Keuangan Perangkat Daerah"),
            None,
            Some(("Jumlah dokumen keuangan", "Dokumen")),
            3e8,
            [5e7, 8e7, 7e7, 1e8],
            false,
        ),
    ]
}

/// One column of the form and what its cells hold.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Col {
    No,
    Visi(usize),
    Sasaran,
    Kode,
    Program,
    /// The indicator's text, or the "-" column beside it.
    Indicator(bool),
    Satuan,
    /// A figure: group and part.
    Fig(G, P),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum G {
    TargetRenstra,
    Before,
    Target,
    Q(u8),
    Real,
    CapaianRenja,
    Now,
    Capaian,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum P {
    K,
    Pct,
    Rp,
    Satuan,
}

const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

impl Layout {
    /// The group's heading.
    fn heading(&self, g: G) -> String {
        let r = self.rkpd;
        match g {
            G::TargetRenstra if r => "Target RPJMD pada Tahun 2025 s/d 2029 (Periode RPJMD)".into(),
            G::TargetRenstra => {
                "Target Renstra Perangkat Daerah pada Tahun 2029 (Akhir Periode Renstra Perangkat Daerah)".into()
            }
            G::Before if r => "Realisasi Capaian Kinerja RPJMD s/d RKPD Tahun Lalu (n-2)".into(),
            G::Before => {
                "Realisasi Capaian Kinerja Renstra Perangkat Daerah sampai dengan Renja Perangkat Daerah Tahun 2024"
                    .into()
            }
            G::Target if r => "Target Kinerja dan Anggaran RKPD Tahun berjalan (tahun n-1) yang dievaluasi".into(),
            G::Target => {
                "Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan (Tahun 2025) yang dievaluasi".into()
            }
            G::Q(q) => format!("Realisasi Triwulan {}", ROMAN[q as usize - 1]),
            G::Real if r => "Realisasi Capaian Kinerja dan Anggaran RKPD yang Dievaluasi (tahun n-1)".into(),
            G::Real => "Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang Dievaluasi".into(),
            G::CapaianRenja => "Tingkat Capaian Kinerja dan Realisasi Anggaran RKPD Tahun n-1 (%)".into(),
            G::Now if r => "Realisasi Kinerja & Anggaran RPJMD s/d Tahun n-1 (Akhir Thn Pelaks RKPD)".into(),
            G::Now => "Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s/d Tahun 2025".into(),
            G::Capaian if r => "Tingkat Capaian Kinerja dan Realisasi Anggaran RPJMD s/d Tahun n-1 (%)".into(),
            G::Capaian => {
                "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra Perangkat Daerah s/d Tahun 2029 (%)".into()
            }
        }
    }

    /// The form's columns, left to right, each with the group it starts (if it starts one).
    fn columns(&self) -> Vec<Col> {
        let mut cols = vec![Col::No];
        if self.visi {
            cols.extend((0..4).map(Col::Visi));
        }
        if self.sasaran {
            cols.push(Col::Sasaran);
        }
        if self.kode {
            cols.push(Col::Kode);
        }
        cols.push(Col::Program);
        match self.merged_indicator {
            Some(true) => cols.extend([Col::Indicator(true), Col::Indicator(false)]),
            Some(false) => cols.extend([Col::Indicator(false), Col::Indicator(true)]),
            None => cols.push(Col::Indicator(true)),
        }
        if !self.satuan_in_target {
            cols.push(Col::Satuan);
        }
        let kr = |g: G| [Col::Fig(g, P::K), Col::Fig(g, P::Rp)];
        cols.extend(kr(G::TargetRenstra));
        cols.extend(kr(G::Before));
        if self.satuan_in_target {
            cols.extend([Col::Fig(G::Target, P::K), Col::Fig(G::Target, P::Satuan), Col::Fig(G::Target, P::Rp)]);
        } else {
            cols.extend(kr(G::Target));
        }
        let orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        for q in 1..=4 {
            for part in orders[self.sub_order % 6] {
                match part {
                    0 => cols.push(Col::Fig(G::Q(q), P::K)),
                    1 if self.pct => cols.push(Col::Fig(G::Q(q), P::Pct)),
                    2 => cols.push(Col::Fig(G::Q(q), P::Rp)),
                    _ => {}
                }
            }
        }
        cols.extend(kr(G::Real));
        if self.rkpd {
            cols.extend(kr(G::CapaianRenja));
        }
        cols.extend(kr(G::Now));
        cols.extend(kr(G::Capaian));
        cols
    }
}

/// The first column of the group a column belongs to.
fn starts_group(cols: &[Col], i: usize) -> bool {
    let group = |c: &Col| match c {
        Col::Fig(g, _) => Some(*g),
        _ => None,
    };
    match (&cols[i], i.checked_sub(1).map(|p| &cols[p])) {
        (Col::Indicator(_), Some(Col::Indicator(_))) => false,
        (Col::Fig(..), Some(prev)) => group(&cols[i]) != group(prev),
        _ => true,
    }
}

/// Writes the office's form in `layout` and says what it must be read as.
pub fn generate(layout: &Layout, figures: &Figures) -> (Book, Expected) {
    let lines = lines();
    let sheets: Vec<u8> = if layout.sheet_per_quarter { (1..=layout.period).collect() } else { vec![layout.period] };
    let mut book = Book::new();
    for &upto in &sheets {
        book.sheets.push(sheet(layout, figures, &lines, upto, layout.sheet_per_quarter));
    }
    // The truth.
    let mut indicators = Vec::new();
    let mut program = String::new();
    let mut k = 0;
    let (mut pagu, mut spent) = (0.0, 0.0);
    for line in &lines {
        if line.is_program {
            program = with_code(layout, line, line.program.unwrap());
            pagu += line.pagu;
            spent += line.rp[..layout.period as usize].iter().sum::<f64>();
        }
        let Some((name, unit)) = line.indicator else { continue };
        let target = TARGETS[figures.targets[k] % TARGETS.len()];
        let q = figures.quarters[k].map(f64::from);
        let reported = !figures.unreported[k];
        let mut quarters = [None; 4];
        for i in 0..layout.period as usize {
            quarters[i] = Some(q[i]).filter(|_| reported);
        }
        let realisation = reported.then(|| q[..layout.period as usize].iter().sum::<f64>());
        indicators.push(Truth {
            name: name.into(),
            unit: unit.into(),
            target,
            quarters,
            realisation,
            capaian: realisation.map(|r| (r / target * 100.0 * 100.0).round() / 100.0),
            renstra_target: 9000.0 + k as f64,
            renstra_before: 7000.0 + k as f64,
            program: program.clone(),
        });
        k += 1;
    }
    let (unit, unit_code) = if layout.unit_in_title {
        ("Dinas Contoh Pelayanan".to_string(), "dinas-contoh-pelayanan".to_string())
    } else {
        ("Dinas Contoh Pelayanan (DISCONTOH)".to_string(), "discontoh".to_string())
    };
    let period = ["tw1", "tw2", "tw3", "tw4"][layout.period as usize - 1];
    (book, Expected { indicators, pagu, spent, unit, unit_code, period })
}

/// A row's text as the reader names it: a Kode column's Permendagri 90 code in front.
fn with_code(layout: &Layout, line: &Line, text: &str) -> String {
    if layout.kode && !line.code.is_empty() {
        format!("{} {text}", line.code)
    } else {
        text.to_string()
    }
}

/// One form sheet with the quarters up to `upto` reported.
fn sheet(layout: &Layout, figures: &Figures, lines: &[Line], upto: u8, per_quarter: bool) -> SheetSpec {
    let cols = layout.columns();
    let width = cols.len();
    let blank = || vec![V::B; width];
    let mut rows: Vec<Vec<V>> = Vec::new();
    let mut merges = Vec::new();
    let title = |s: &str| {
        let mut r = blank();
        r[0] = t(s);
        r
    };
    let roman = ROMAN[upto as usize - 1];
    rows.push(title(if layout.rkpd {
        "Evaluasi Terhadap Hasil RKPD"
    } else {
        "Evaluasi Terhadap Hasil Renja Perangkat Daerah"
    }));
    rows.push(title(if layout.unit_in_title { "Dinas Contoh Pelayanan Kabupaten Contoh" } else { "Kabupaten Contoh" }));
    rows.push(title(&if layout.period_in_title && !per_quarter {
        format!("Triwulan {roman} Tahun 2025")
    } else {
        "Tahun 2025".to_string()
    }));
    rows.push(blank());
    let h = rows.len();
    // The names, with a label row under them (Visi …, the quarters).
    let mut names = blank();
    let mut labels = blank();
    let single_quarters = layout.quarter_labels < 4;
    for (i, c) in cols.iter().enumerate() {
        if !starts_group(&cols, i) {
            continue;
        }
        let text = match c {
            Col::No => "No".to_string(),
            Col::Visi(_) => String::new(),
            Col::Sasaran => "Sasaran Perangkat Daerah".into(),
            Col::Kode => "Kode".into(),
            Col::Program => "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan".into(),
            Col::Indicator(_) => "Indikator Kinerja Program (Outcome)/Kegiatan (Output)".into(),
            Col::Satuan => "Satuan".into(),
            Col::Fig(G::Q(q), _) if single_quarters => {
                let label = match layout.quarter_labels {
                    0 => ROMAN[*q as usize - 1].to_string(),
                    1 => ["I", "Il", "Ill", "IV"][*q as usize - 1].to_string(),
                    2 => format!("TW {q}"),
                    _ => format!("Triwulan {}", ROMAN[*q as usize - 1]),
                };
                labels[i] = t(&label);
                if *q == 1 {
                    "Realisasi Kinerja Pada Triwulan".into()
                } else {
                    String::new()
                }
            }
            Col::Fig(g, _) => layout.heading(*g),
        };
        if !text.is_empty() {
            names[i] = t(&text);
        }
        if let Col::Visi(v) = c {
            labels[i] = t(["Visi", "Misi", "Sasaran RPJMD/ NSPK", "Tujuan Perangkat Daerah"][*v]);
        }
    }
    if layout.visi {
        names[0] = t("No");
    }
    // The names merged over their groups.
    let mut start = None;
    for i in 0..=width {
        let begins = i == width
            || starts_group(&cols, i) && !matches!(cols[i], Col::Fig(G::Q(q), _) if single_quarters && q > 1);
        if begins {
            if let Some(s) = start {
                if i - 1 > s && matches!(names[s], V::T(_)) && !matches!(cols[s], Col::No) {
                    merges.push((h as u32, s as u16, h as u32, (i - 1) as u16));
                }
            }
            start = (i < width).then_some(i);
        }
    }
    // The numbers: one per group (the regulation's), or one per sheet column.
    let mut numbers = blank();
    let mut number_of: Vec<Option<u32>> = vec![None; width];
    let mut next = 1;
    for (i, c) in cols.iter().enumerate() {
        let numbered = match layout.numbering {
            1 => starts_group(&cols, i) && !matches!(c, Col::Visi(_)),
            2 => true,
            _ => false,
        };
        if numbered {
            number_of[i] = Some(next);
            next += 1;
        }
    }
    // A group's number: its first column's (whichever of K, % and Rp comes first).
    let num_at = |g: G| cols.iter().position(|c| matches!(c, Col::Fig(x, _) if *x == g)).and_then(|i| number_of[i]);
    for i in 0..width {
        let Some(nr) = number_of[i] else { continue };
        let formula = match cols[i] {
            Col::Fig(G::Real, P::K) => Some(format!(
                "{nr} = {}",
                (1..=4).filter_map(|q| num_at(G::Q(q))).map(|x| x.to_string()).collect::<Vec<_>>().join(" + ")
            )),
            Col::Fig(G::Now, P::K) => {
                Some(format!("{nr} = {} + {}", num_at(G::Before).unwrap_or(0), num_at(G::Real).unwrap_or(0)))
            }
            Col::Fig(G::Capaian, P::K) => Some(format!(
                "{nr} = {} / {} x 100",
                num_at(G::Now).unwrap_or(0),
                num_at(G::TargetRenstra).unwrap_or(0)
            )),
            _ => None,
        };
        numbers[i] = match formula.filter(|_| layout.formula_text) {
            Some(f) => t(&f),
            None => n(nr as f64),
        };
    }
    let mut subs = blank();
    let rp = if layout.thousands { "Rp. (000)" } else { "Rp." };
    for (i, c) in cols.iter().enumerate() {
        match c {
            Col::Fig(_, P::K) => subs[i] = t("K"),
            Col::Fig(_, P::Pct) => subs[i] = t("%"),
            Col::Fig(_, P::Rp) => subs[i] = t(rp),
            _ => {}
        }
    }
    rows.push(names);
    rows.push(labels);
    if layout.numbering == 0 {
        rows.push(subs);
    } else if layout.numbers_below_labels {
        rows.push(subs);
        rows.push(numbers);
    } else {
        rows.push(numbers);
        rows.push(subs);
    }
    if !layout.unit_in_title {
        let mut r = blank();
        let at = cols.iter().position(|c| matches!(c, Col::Sasaran | Col::Program)).unwrap();
        r[at] = t("Perangkat Daerah : Dinas Contoh Pelayanan (DISCONTOH)");
        rows.push(r);
    }
    // The data.
    let money = |x: f64| n(if layout.thousands { x / 1000.0 } else { x });
    let mut k = 0;
    let mut first_program = true;
    for line in lines {
        if line.is_program && layout.blank_rows && !first_program {
            rows.push(blank());
        }
        first_program &= !line.is_program;
        let mut r = blank();
        let indicator = line.indicator.map(|ind| {
            let target = TARGETS[figures.targets[k] % TARGETS.len()];
            let q = figures.quarters[k].map(f64::from);
            let reported = !figures.unreported[k];
            let shown: Vec<f64> = (0..4).map(|i| if (i as u8) < upto && reported { q[i] } else { f64::NAN }).collect();
            k += 1;
            (ind, target, shown, k - 1)
        });
        for (i, c) in cols.iter().enumerate() {
            r[i] = match c {
                Col::No => indicator.as_ref().map_or(V::B, |(_, _, _, k)| n((*k + 1) as f64)),
                Col::Visi(_) => V::B,
                Col::Sasaran => line.sasaran.map_or(V::B, t),
                Col::Kode => {
                    if line.code.is_empty() {
                        V::B
                    } else {
                        t(line.code)
                    }
                }
                Col::Program => line.program.map_or(V::B, t),
                Col::Indicator(text) => match (&indicator, text) {
                    (Some(((name, _), ..)), true) => t(name),
                    (Some(_), false) => t("-"),
                    _ => V::B,
                },
                Col::Satuan | Col::Fig(G::Target, P::Satuan) => {
                    indicator.as_ref().map_or(V::B, |((_, unit), ..)| t(unit))
                }
                Col::Fig(g, part) => match &indicator {
                    None => V::B,
                    Some((_, target, q, k)) => {
                        let real: f64 = q.iter().filter(|x| !x.is_nan()).sum();
                        let before = 7000.0 + *k as f64;
                        let end = 9000.0 + *k as f64;
                        match (g, part) {
                            (G::TargetRenstra, P::K) => n(end),
                            (G::TargetRenstra, P::Rp) => money(line.pagu * 5.0),
                            (G::Before, P::K) => n(before),
                            (G::Before, P::Rp) => money(line.pagu * 2.0),
                            (G::Target, P::K) => n(*target),
                            (G::Target, P::Rp) => money(line.pagu),
                            // The rupiah of a quarter is reported even where its K is not.
                            (G::Q(qn), P::Rp) if *qn <= upto => money(line.rp[*qn as usize - 1]),
                            (G::Q(qn), part) if !q[*qn as usize - 1].is_nan() => match part {
                                P::K => n(q[*qn as usize - 1]),
                                _ => n(q[*qn as usize - 1] / target * 100.0),
                            },
                            (G::Q(_), _) => V::B,
                            // Nothing reported: the form's sum over blank quarters shows blank.
                            (G::Real, P::K) if q.iter().all(|x| x.is_nan()) => t(" "),
                            (G::Real, P::K) => V::F("=1+1".into(), real),
                            (G::Real, P::Rp) => money(line.rp[..upto as usize].iter().sum()),
                            (G::CapaianRenja, P::K) => n(real / target * 100.0),
                            (G::Now, P::K) => n(before + real),
                            (G::Now, P::Rp) => money(line.pagu * 2.0 + line.rp[..upto as usize].iter().sum::<f64>()),
                            (G::Capaian, P::K) => n((before + real) / end * 100.0),
                            _ => V::B,
                        }
                    }
                },
            };
        }
        rows.push(r);
    }
    // Template rows under the data, as a template's unused rows show them.
    for _ in 0..3 {
        let mut r = blank();
        match layout.template_rows {
            1 => {
                for (i, c) in cols.iter().enumerate() {
                    r[i] = if *c == Col::No { n(0.0) } else { V::Err("#N/A".into()) };
                }
            }
            2 => {
                for (i, c) in cols.iter().enumerate() {
                    if matches!(c, Col::Fig(_, P::K | P::Rp)) {
                        r[i] = n(0.0);
                    }
                }
            }
            _ => continue,
        }
        rows.push(r);
    }
    // The totals of the programs' rupiah.
    let mut totals = blank();
    for (i, c) in cols.iter().enumerate() {
        if let Col::Fig(G::Target, P::Rp) = c {
            totals[i] = money(lines.iter().filter(|l| l.is_program).map(|l| l.pagu).sum());
        }
    }
    rows.push(totals);
    if layout.signature {
        rows.push(blank());
        rows.push(blank());
        let at = width - 6;
        for text in [
            "Contoh, 15 Desember 2025",
            "KEPALA DINAS CONTOH PELAYANAN",
            "",
            "",
            "Dr. NAMA KEPALA, S.T.",
            "NIP. 19720314 199803 1 007",
        ] {
            let mut r = blank();
            if !text.is_empty() {
                r[at] = t(text);
            }
            rows.push(r);
        }
    }
    let name = if per_quarter {
        format!("TW {roman}")
    } else if layout.period_in_title {
        "Lembar1".to_string()
    } else {
        format!("Realisasi TW {roman}")
    };
    SheetSpec { name, origin: (0, 0), rows, merges }
}
