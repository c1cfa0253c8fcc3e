//! What a heading of the form says, word by word: the regulation's groups under the names offices
//! give them (E.81 of Permendagri 86/2017, its RKPD twin E.79, the annual J-1 of Permendagri
//! 54/2010, an office's own data sheet), the K / % / Rp labels under a group, and the quarter
//! labels under the quarters' group. A heading is placed only by what it says; one that says
//! too little is `None`, and the column is then placed by what it holds (`header.rs`) or not at all.

use super::super::values::quarter_number;
use crate::names::normalize;

/// A column group of the form. The numbers are the regulation's for E.81 (docs/renja-form.md);
/// a form that numbers its columns otherwise is named by its own numbers in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// 1: No.
    No,
    /// 2: Sasaran perangkat daerah.
    Sasaran,
    /// 3: Urusan / bidang / program / kegiatan / sub-kegiatan.
    Program,
    /// 4: Indikator kinerja program (outcome) / kegiatan (output).
    Indikator,
    /// 5: Satuan.
    Satuan,
    /// 6: Target Renstra (or RPJMD) at the end of the period (K, Rp).
    TargetRenstra,
    /// 7: Realisasi Renstra (or RPJMD) up to last year (K, Rp): earlier years, never this year's.
    RenstraBefore,
    /// 8: Target Renja (or RKPD) this year (K, Rp).
    TargetRenja,
    /// 9–12: Realisasi TW I–IV (K, %, Rp).
    Quarter(u8),
    /// 13: Realisasi Renja this year = 9 + 10 + 11 + 12.
    RealRenja,
    /// 14: Realisasi Renstra up to this year = 7 + 13.
    RenstraNow,
    /// 15: Tingkat capaian Renstra = 14 / 6 × 100.
    Capaian,
    /// The year's capaian some forms print (E.79's 13 = 12 / 7 × 100, J-1's 8 = 7 / 6).
    CapaianRenja,
    /// 16: Unit penanggung jawab.
    UnitPj,
    /// A column of codes beside column 3 (1.01.01 …), which some offices add.
    Kode,
    /// A column naming each row's level (Bidang, Program, Kegiatan, Subkegiatan).
    Level,
    /// Columns some offices add: polarity, aggregation, a note.
    Polaritas,
    Agregasi,
    Keterangan,
}

impl Group {
    /// The regulation's number of the group (E.81), for messages of a form without its own numbers.
    pub fn number(self) -> u8 {
        match self {
            Group::No => 1,
            Group::Sasaran => 2,
            Group::Program => 3,
            Group::Indikator => 4,
            Group::Satuan => 5,
            Group::TargetRenstra => 6,
            Group::RenstraBefore => 7,
            Group::TargetRenja => 8,
            Group::Quarter(q) => 8 + q,
            Group::RealRenja => 13,
            Group::RenstraNow => 14,
            Group::Capaian => 15,
            Group::UnitPj => 16,
            Group::CapaianRenja
            | Group::Kode
            | Group::Level
            | Group::Polaritas
            | Group::Agregasi
            | Group::Keterangan => 0,
        }
    }

    /// True for a group of figures (K, %, Rp sub-columns), false for a group of text.
    pub fn is_figure(self) -> bool {
        matches!(
            self,
            Group::TargetRenstra
                | Group::RenstraBefore
                | Group::TargetRenja
                | Group::Quarter(_)
                | Group::RealRenja
                | Group::RenstraNow
                | Group::Capaian
                | Group::CapaianRenja
        )
    }

    /// What the group holds, in the user's words (for `kinerja check`'s column map).
    pub fn meaning(self) -> String {
        match self {
            Group::No => "nomor baris (kode indikator)".into(),
            Group::Sasaran => "sasaran".into(),
            Group::Program => "urusan / program / kegiatan / sub-kegiatan".into(),
            Group::Indikator => "indikator".into(),
            Group::Satuan => "satuan".into(),
            Group::TargetRenstra => "target akhir periode Renstra/RPJMD".into(),
            Group::RenstraBefore => {
                "realisasi Renstra/RPJMD s.d. tahun lalu (tahun-tahun sebelumnya, bukan realisasi tahun ini)".into()
            }
            Group::TargetRenja => "target tahun ini".into(),
            Group::Quarter(q) => format!("realisasi TW {}", ["?", "I", "II", "III", "IV"][q.min(4) as usize]),
            Group::RealRenja => "realisasi tahun ini menurut formulir (dibandingkan)".into(),
            Group::RenstraNow => "realisasi Renstra/RPJMD s.d. tahun ini menurut formulir (dibandingkan)".into(),
            Group::Capaian => "tingkat capaian Renstra/RPJMD menurut formulir (dibandingkan)".into(),
            Group::CapaianRenja => "tingkat capaian tahun ini menurut formulir (tidak dipakai)".into(),
            Group::UnitPj => "unit penanggung jawab (tidak dipakai)".into(),
            Group::Kode => "kode".into(),
            Group::Level => "tingkat baris (bidang, program, kegiatan, sub-kegiatan)".into(),
            Group::Polaritas => "polaritas".into(),
            Group::Agregasi => "agregasi triwulan".into(),
            Group::Keterangan => "keterangan".into(),
        }
    }
}

/// A column the reader knows and leaves aside.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Aside {
    /// Visi, Misi, Tujuan, Sasaran RPJMD: the plan above the unit's.
    Plan,
    /// A second numbering of the indicators.
    IndicatorNumber,
    /// A target of another year (J-1's next-year target).
    OtherYearTarget(i32),
    /// A Renstra end target of a year before the one evaluated: not this Renstra's.
    EarlierRenstraTarget(i32),
    /// A realisation of another year.
    OtherYearRealisation(i32),
    /// A forecast ("Perkiraan realisasi …") and the columns under it.
    Forecast,
}

impl Aside {
    /// Why the column is not read, in the user's words.
    pub fn meaning(self) -> String {
        match self {
            Aside::Plan => "visi / misi / tujuan / sasaran RPJMD (tidak dipakai)".into(),
            Aside::IndicatorNumber => "nomor indikator (tidak dipakai)".into(),
            Aside::OtherYearTarget(y) => format!("target tahun {y}, bukan tahun ini (tidak dipakai)"),
            Aside::EarlierRenstraTarget(y) => {
                format!("target Renstra tahun {y}, sebelum tahun yang dievaluasi (tidak dipakai)")
            }
            Aside::OtherYearRealisation(y) => format!("realisasi tahun {y}, bukan tahun ini (tidak dipakai)"),
            Aside::Forecast => "perkiraan (tidak dipakai)".into(),
        }
    }
}

/// What a heading names.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Heading {
    /// A group.
    Group(Group),
    /// The quarters' group ("Realisasi Kinerja Pada Triwulan"): its quarters are the labels under it.
    Quarters,
    /// A realisation that names neither a year nor a plan ("Realisasi Kinerja"): the quarters' group
    /// when quarter labels stand under it, else not placed.
    Realisation,
    /// A Renstra (or RPJMD) realisation whose words say neither "last year" nor "this year": placed
    /// by its side of this year's target (the regulation puts the earlier years left of it).
    RenstraRealisation,
    /// Known and not read.
    Aside(Aside),
    /// A heading that names no group ("Pilihan", "Karakter Indikator"): the column is placed by what
    /// it holds, when that is certain.
    ByContent,
}

/// The years 2000–2100 a text names, in order.
pub fn years_in(text: &str) -> Vec<i32> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse().ok())
        .filter(|y| (2000..=2100).contains(y))
        .collect()
}

/// What a heading names; `year` is the year the form evaluates, when known.
pub fn heading(text: &str, year: Option<i32>) -> Option<Heading> {
    let n = normalize(text);
    if n.is_empty() {
        return None;
    }
    let has = |w: &str| n.contains(w);
    let group = |g: Group| Some(Heading::Group(g));
    match () {
        _ if matches!(n.as_str(), "no" | "nomor" | "nourut" | "nomorurut") => group(Group::No),
        _ if n.starts_with("noindikator") || n.starts_with("nomorindikator") || n == "kodeindikator" => {
            Some(Heading::Aside(Aside::IndicatorNumber))
        }
        _ if n.starts_with("indikator") => group(Group::Indikator),
        _ if n.starts_with("satuan") => group(Group::Satuan),
        _ if n.starts_with("polaritas") => group(Group::Polaritas),
        _ if n.starts_with("agregasi") => group(Group::Agregasi),
        _ if n.starts_with("keterangan") || n == "ket" => group(Group::Keterangan),
        _ if n.starts_with("kode") => group(Group::Kode),
        _ if n.starts_with("visi") || n.starts_with("misi") || n.starts_with("tujuan") => {
            Some(Heading::Aside(Aside::Plan))
        }
        _ if n.starts_with("sasaran") && (has("rpjm") || has("nspk") || has("rkpd")) => {
            Some(Heading::Aside(Aside::Plan))
        }
        _ if n.starts_with("sasaran") => group(Group::Sasaran),
        _ if has("penanggungjawab")
            || has("penanggujawab")
            || n.starts_with("unitpd")
            || n.starts_with("unitperangkatdaerah") =>
        {
            group(Group::UnitPj)
        }
        _ if n.starts_with("karakter") || n.starts_with("sifatindikator") || n == "pilihan" || n == "jenis" => {
            Some(Heading::ByContent)
        }
        _ if n.starts_with("perkiraan") => Some(Heading::Aside(Aside::Forecast)),
        _ if n.starts_with("target") => target(text, &n, year),
        _ if n.starts_with("realisasi") => realisation(text, &n, year),
        _ if n.starts_with("tingkatcapaian")
            || n.starts_with("tingkatrealisasi")
            || n.starts_with("capaian")
            || n.starts_with("persentasecapaian") =>
        {
            if renstra_words(&n) || cumulative(text) {
                group(Group::Capaian)
            } else {
                group(Group::CapaianRenja)
            }
        }
        _ if has("program") || has("kegiatan") || has("urusan") => group(Group::Program),
        _ => None,
    }
}

/// Words of the five-year plan: Renstra, RPJMD, the end of its period, "5 tahun".
fn renstra_words(n: &str) -> bool {
    ["renstra", "rpjm", "akhirperiode", "5tahun", "limatahun"].iter().any(|w| n.contains(w))
}

/// Words of this year's plan: Renja, RKPD, the year under way, the one evaluated.
fn year_words(n: &str) -> bool {
    ["renja", "rkpd", "tahunberjalan", "dievaluasi"].iter().any(|w| n.contains(w))
}

/// "s/d", "s.d.", "sampai dengan": a figure up to a year, added over the years before it.
fn cumulative(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower
        .split(|c: char| c.is_whitespace() || "()[],;:".contains(c))
        .any(|t| matches!(t, "s/d" | "s.d" | "s.d." | "sd" | "sampai" | "hingga" | "sampai dengan"))
}

/// A target: the five-year plan's end target, this year's, or another year's.
fn target(text: &str, n: &str, year: Option<i32>) -> Option<Heading> {
    let y = years_in(text).last().copied();
    let renstra = renstra_words(n) && (!year_words(n) || n.contains("akhirperiode") || n.contains("5tahun"));
    if renstra {
        return Some(match (y, year) {
            (Some(y), Some(year)) if y < year => Heading::Aside(Aside::EarlierRenstraTarget(y)),
            _ => Heading::Group(Group::TargetRenstra),
        });
    }
    if year_words(n) || y.is_some() {
        return Some(match (y, year) {
            (Some(y), Some(year)) if y != year => Heading::Aside(Aside::OtherYearTarget(y)),
            _ => Heading::Group(Group::TargetRenja),
        });
    }
    None
}

/// A realisation: of a quarter, of the year, of the five-year plan before or up to this year.
fn realisation(text: &str, n: &str, year: Option<i32>) -> Option<Heading> {
    let words: Vec<String> = text.to_lowercase().split_whitespace().map(str::to_string).collect();
    if n.contains("triwulan") || words.iter().any(|w| w.starts_with("tw")) {
        let q = super::signature::period_in(text).map(|p| p.quarters() as u8);
        return Some(match q {
            Some(q) => Heading::Group(Group::Quarter(q)),
            None => Heading::Quarters,
        });
    }
    let y = years_in(text).last().copied();
    let last_year = n.contains("tahunlalu") || n.contains("tahunsebelumnya");
    let this_year = ["akhirtahun", "akhirthn", "tahunberjalan", "tahunini"].iter().any(|w| n.contains(w));
    if renstra_words(n) || cumulative(text) {
        return Some(match (y, year) {
            _ if last_year => Heading::Group(Group::RenstraBefore),
            (Some(y), Some(year)) if y < year => Heading::Group(Group::RenstraBefore),
            (Some(y), Some(year)) if y == year => Heading::Group(Group::RenstraNow),
            _ if this_year => Heading::Group(Group::RenstraNow),
            _ => Heading::RenstraRealisation,
        });
    }
    match (y, year) {
        (Some(y), Some(year)) if y != year => Some(Heading::Aside(Aside::OtherYearRealisation(y))),
        _ if year_words(n) || y.is_some() => Some(Heading::Group(Group::RealRenja)),
        _ if last_year => Some(Heading::Aside(Aside::OtherYearRealisation(year.map_or(0, |y| y - 1)))),
        _ => Some(Heading::Realisation),
    }
}

/// A sub-column label: K, %, Rp (with its scale: `Rp. (000)` is thousands).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sub {
    K,
    Pct,
    Rp(f64),
}

/// The sub-column a label names.
pub fn sub_label(text: &str) -> Option<Sub> {
    let t = text.trim();
    if t == "%" || t == "(%)" {
        return Some(Sub::Pct);
    }
    let n = normalize(t);
    match n.as_str() {
        "k" | "kinerja" | "fisik" => Some(Sub::K),
        "anggaran" | "keuangan" => Some(Sub::Rp(1.0)),
        _ => match n.strip_prefix("rp")? {
            "" => Some(Sub::Rp(1.0)),
            "000" | "ribu" | "ribuan" | "dalamribuan" | "dalamriburupiah" => Some(Sub::Rp(1_000.0)),
            "000000" | "juta" | "jt" | "jutaan" | "dalamjutaan" => Some(Sub::Rp(1_000_000.0)),
            _ => None,
        },
    }
}

/// The quarter a label under the quarters' group names: `I`, `2`, `TW III`, `Triwulan IV`, and
/// `Il`, `Ill` typed with the letter l for I.
pub fn quarter_label(text: &str) -> Option<u8> {
    let t = text.trim();
    let fixed: String = if !t.is_empty() && t.chars().all(|c| matches!(c, 'I' | 'i' | 'l' | 'V' | 'v')) {
        t.chars().map(|c| if c == 'l' { 'I' } else { c }).collect()
    } else {
        t.to_string()
    };
    let n = normalize(&fixed);
    quarter_number(&n).or_else(|| ["triwulan", "tw"].iter().find_map(|p| n.strip_prefix(p)).and_then(quarter_number))
}

/// The leading number of a column-number cell: `6` → 6, `(6)` → 6, `13 = 9 + 10 + 11 + 12` → 13,
/// `8=(7/6)` → 8.
pub fn leading_number(text: &str) -> Option<u32> {
    let t = text.trim().trim_start_matches('(');
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = t[digits.len()..].trim_start();
    if digits.is_empty() || !(rest.is_empty() || rest.starts_with('=') || rest.starts_with(')')) {
        return None;
    }
    digits.parse().ok()
}

/// The numbers a column-number cell's formula adds: `13 = 9 + 10 + 11 + 12` → [9, 10, 11, 12],
/// `14 = 7 + 13` → [7, 13]; None for a cell that is no sum.
pub fn summed_numbers(text: &str) -> Option<Vec<u32>> {
    let (_, rhs) = text.split_once('=')?;
    let rhs = rhs.trim().trim_start_matches('(').trim_end_matches(')');
    if !rhs.contains('+') || rhs.contains(['/', '*', 'x', '×']) {
        return None;
    }
    rhs.split('+').map(|p| p.trim().parse::<u32>().ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(text: &str, year: i32) -> Option<Heading> {
        heading(text, Some(year))
    }

    #[test]
    fn column_numbers_with_their_formulas() {
        assert_eq!(leading_number("13 = 9 + 10 + 11 + 12"), Some(13));
        assert_eq!(leading_number("(6)"), Some(6));
        assert_eq!(leading_number("15 = 14 / 6 x 100"), Some(15));
        assert_eq!(leading_number("8=(7/6)"), Some(8));
        assert_eq!(leading_number("3 Dok"), None);
        assert_eq!(summed_numbers("13 = 9 + 10 + 11 + 12"), Some(vec![9, 10, 11, 12]));
        assert_eq!(summed_numbers("12 = 8+9+10+11"), Some(vec![8, 9, 10, 11]));
        assert_eq!(summed_numbers("10=(5+7+9)"), Some(vec![5, 7, 9]));
        assert_eq!(summed_numbers("15 = 14 / 6 x 100"), None);
    }

    #[test]
    fn the_deli_serdang_group_names() {
        let y = 2025;
        assert_eq!(
            g("Indikator Kinerja Program (Outcome)/Kegiatan (Output)", y),
            Some(Heading::Group(Group::Indikator))
        );
        assert_eq!(
            g("Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan", y),
            Some(Heading::Group(Group::Program))
        );
        assert_eq!(
            g("Target Renstra Perangkat Daerah Pada Tahun 2030  (Akhir Periode Renstra Perangkat Daerah)", y),
            Some(Heading::Group(Group::TargetRenstra))
        );
        assert_eq!(
            g("Realisasi Capaian Kinerja Renstra Perangkat Daerah sampai dengan Renja Perangkat Daerah Tahun 2024", y),
            Some(Heading::Group(Group::RenstraBefore))
        );
        assert_eq!(
            g("Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan (Tahun 2025) yang dievaluasi", y),
            Some(Heading::Group(Group::TargetRenja))
        );
        assert_eq!(g("Realisasi Kinerja Pada Triwulan", y), Some(Heading::Quarters));
        assert_eq!(g("Realisasi Triwulan III", y), Some(Heading::Group(Group::Quarter(3))));
        assert_eq!(
            g("Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang Dievaluasi", y),
            Some(Heading::Group(Group::RealRenja))
        );
        assert_eq!(
            g("Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah  s/d Tahun 2025 (Akhir Tahun Pelaksanaan Renja Perangkat Daerah)", y),
            Some(Heading::Group(Group::RenstraNow))
        );
        assert_eq!(
            g("Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra Perangkat Daerah s/d Tahun 2030 (%)", y),
            Some(Heading::Group(Group::Capaian))
        );
        assert_eq!(g("Sasaran RPJMD/ NSPK", y), Some(Heading::Aside(Aside::Plan)));
        assert_eq!(g("Sasaran Perangkat daerah", y), Some(Heading::Group(Group::Sasaran)));
    }

    #[test]
    fn the_rkpd_wording_of_sukabumi_and_its_earlier_years() {
        let y = 2018;
        assert_eq!(
            g("Target RPJMD pada\nTahun 2016 s/d 2021\n(Periode RPJMD)", y),
            Some(Heading::Group(Group::TargetRenstra))
        );
        // The RPJMD up to last year: earlier years, never this year's realisation.
        assert_eq!(
            g("Realisasi Capaian Kinerja RPJMD s/d RKPD Tahun Lalu (n-2) \n", y),
            Some(Heading::Group(Group::RenstraBefore))
        );
        assert_eq!(
            g("Target Kinerja dan Anggaran\nRKPD Tahun berjalan\n(tahun n-1) yang dievaluasi\n", y),
            Some(Heading::Group(Group::TargetRenja))
        );
        assert_eq!(
            g("Realisasi Capaian Kinerja dan Anggaran RKPD yang Dievaluasi\n(tahun n-1)\n", y),
            Some(Heading::Group(Group::RealRenja))
        );
        assert_eq!(
            g("Tingkat Capaian Kinerja dan Realisasi Anggaran RKPD Tahun n-1 (%)\n", y),
            Some(Heading::Group(Group::CapaianRenja))
        );
        assert_eq!(
            g("Realisasi Kinerja & Anggaran RPJMD s/d Tahun n-1\n(Akhir Thn Pelaks RKPD)\n", y),
            Some(Heading::Group(Group::RenstraNow))
        );
        assert_eq!(g("Perangkat Daerah \nPenanggung\nJawab\n", y), Some(Heading::Group(Group::UnitPj)));
    }

    #[test]
    fn a_data_sheet_names_its_years() {
        let y = 2021;
        assert_eq!(g("Target 5 Tahun", y), Some(Heading::Group(Group::TargetRenstra)));
        assert_eq!(g("Realisasi s/d Tahun 2020", y), Some(Heading::Group(Group::RenstraBefore)));
        assert_eq!(g("Target Tahun 2021", y), Some(Heading::Group(Group::TargetRenja)));
        assert_eq!(g("Realisasi Kinerja", y), Some(Heading::Realisation));
        assert_eq!(g("Realisasi kinerja Th 2021", y), Some(Heading::Group(Group::RealRenja)));
        assert_eq!(g("Realisasi kinerja s/d Th 2021", y), Some(Heading::Group(Group::RenstraNow)));
        assert_eq!(g("Capaian kinerja Th 2021", y), Some(Heading::Group(Group::CapaianRenja)));
        assert_eq!(g("Capaian kinerja s/d Th 2021", y), Some(Heading::Group(Group::Capaian)));
        assert_eq!(g("Pilihan", y), Some(Heading::ByContent));
        assert_eq!(g("Target", y), None, "a bare Target names no year");
    }

    #[test]
    fn the_j1_years_and_its_next_year_target() {
        let y = 2014;
        assert_eq!(g("Target Renja SKPD Tahun 2014", y), Some(Heading::Group(Group::TargetRenja)));
        assert_eq!(g("Realisasi Renja SKPD Tahun 2014", y), Some(Heading::Group(Group::RealRenja)));
        assert_eq!(
            g("Target Program dan Kegiatan (Renja SKPD 2013)", y),
            Some(Heading::Aside(Aside::OtherYearTarget(2013)))
        );
        assert_eq!(
            g("Target Kinerja Capaian Program (Renstra SKPD) Tahun 2013", y),
            Some(Heading::Aside(Aside::EarlierRenstraTarget(2013)))
        );
        assert_eq!(
            g("Perkiraan Realisasi Capaian Target Renstra SKPD s/d 2014", y),
            Some(Heading::Aside(Aside::Forecast))
        );
        assert_eq!(g("Tingkat Realisasi (%)", y), Some(Heading::Group(Group::CapaianRenja)));
    }

    #[test]
    fn labels_under_a_group() {
        assert_eq!(sub_label("Rp."), Some(Sub::Rp(1.0)));
        assert_eq!(sub_label("Rp. (000)"), Some(Sub::Rp(1000.0)));
        assert_eq!(sub_label("k"), Some(Sub::K));
        assert_eq!(sub_label("%"), Some(Sub::Pct));
        for (label, q) in [("I ", 1), ("Il ", 2), ("Ill ", 3), ("IV ", 4), ("TW 1", 1), ("Triwulan III", 3)] {
            assert_eq!(quarter_label(label), Some(q), "{label}");
        }
        assert_eq!(quarter_label("Kode"), None);
    }
}
