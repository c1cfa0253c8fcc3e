//! The Laporan Kinerja (LKjIP, PermenPAN-RB 53/2014; `../shared/spec/sakip-cycle.md`): the year of a
//! unit told from what its archive already holds. Its figures are the archive's, never measured again —
//! the year's final Pengukuran Kinerja, the signed Perjanjian Kinerja, the earlier years' finals — and
//! its words are the office's (`Narasi LKjIP`). Its rules live here: what it is drawn from
//! ([`gather`], the one place its archive reads are), what it hashes ([`meaning`], [`hash_lines`]), what
//! changed between two versions ([`changes`]), what the final must agree with ([`differs_from_draft`]),
//! and its data for the template ([`data`], `laporan-kinerja.typ.j2` and `lkjip.typ`).

use crate::archive::manifest::Entry;
use crate::archive::snapshot::{Snapshot, Used};
use crate::archive::Archive;
use crate::compose::{self, DocContext, Dokumen, Identitas};
use crate::document::{DocKey, DocKind, Stage};
use crate::format::{self, entered, percent, rupiah_plain};
use crate::measure::{IndicatorResult, Measurement};
use crate::model::{Identity, Passage, Period, Polarity, Section, Workbook};
use crate::names::normalize;
use crate::workbook::kinerja::narasi::{self, SECTIONS};
use serde::Serialize;

/// A Renstra period is five years: without its last year, the report looks this many years back.
const YEARS_BACK: i32 = 4;

/// An archived document the report is drawn from: its manifest line and its snapshot.
#[derive(Debug, Clone)]
pub struct Drawn {
    /// Its manifest line.
    pub entry: Entry,
    /// Its data snapshot.
    pub snapshot: Snapshot,
}

impl Drawn {
    /// The reference the report's snapshot keeps.
    pub fn used(&self) -> Used {
        Used::of(&self.entry)
    }
}

/// What a Laporan Kinerja is drawn from in the archive.
#[derive(Debug, Clone)]
pub struct Sources {
    /// The year.
    pub year: i32,
    /// The unit's code.
    pub unit_code: String,
    /// The year's final Pengukuran Kinerja: the annual one, else the TW IV one.
    pub measurement: Drawn,
    /// The signed PK of the year: the newest perubahan, else the newest murni; none when unsigned.
    pub pk: Option<Drawn>,
    /// The earlier years' finals, oldest first.
    pub earlier: Vec<Drawn>,
    /// The first year looked at (the Renstra's first year, else four years back).
    pub from: i32,
    /// The last year of the Renstra, when known.
    pub renstra_end: Option<i32>,
    /// The years from `from` on with no final in the archive (or whose snapshot could not be read).
    pub missing: Vec<i32>,
    /// What the build should say about the sources (unreadable snapshots, an unsigned PK).
    pub notes: Vec<String>,
}

impl Sources {
    /// Every document used, in the order they are hashed and named: the measurement, the PK, the
    /// earlier years.
    pub fn used(&self) -> Vec<Used> {
        std::iter::once(&self.measurement).chain(&self.pk).chain(&self.earlier).map(Drawn::used).collect()
    }

    /// Every year of the trend with its measurement, oldest first (this year last).
    fn years(&self) -> Vec<&Drawn> {
        self.earlier.iter().chain(std::iter::once(&self.measurement)).collect()
    }
}

/// The newest Pengukuran Kinerja of a unit's year at `stage`: the annual one, else the TW IV one.
fn measurement_of(archive: &Archive, unit: &str, year: i32, stage: Stage) -> Option<Entry> {
    [Period::Tahunan, Period::Tw4].into_iter().find_map(|period| {
        archive.newest(&DocKey {
            unit_code: unit.to_string(),
            year,
            period,
            stage,
            kind: DocKind::PengukuranKinerja,
            position: None,
        })
    })
}

/// Gathers what the report of `identity`'s unit and year is drawn from: the archive's reads of the
/// Laporan Kinerja, all here. Err with the reason and the way out when the year has no final
/// measurement (or its snapshot cannot be read).
pub fn gather(archive: &Archive, identity: &Identity) -> Result<Sources, String> {
    let (unit, year) = (identity.unit_code.as_str(), identity.year);
    let Some(entry) = measurement_of(archive, unit, year, Stage::Final) else {
        let newest_other =
            [Stage::Konsep, Stage::Draft].into_iter().find_map(|stage| measurement_of(archive, unit, year, stage));
        let so_far = match newest_other {
            Some(e) => format!(" (arsip baru memuat {} v{}, {})", e.stage.slug(), e.version, e.date_words()),
            None => String::new(),
        };
        return Err(format!(
            "Belum ada Pengukuran Kinerja final tahun {year} (tahunan atau triwulan IV) untuk unit {unit} di arsip{so_far}: Laporan Kinerja mengambil angkanya dari final itu. Buat finalnya lebih dulu dengan buku kerja periode Tahunan: kinerja build --stage konsep, lalu kinerja build --stage final (SOP langkah 6–8)."
        ));
    };
    let snapshot = archive.snapshot::<Snapshot>(&entry).map_err(|why| {
        format!(
            "Pengukuran Kinerja final v{} tahun {year} tidak dapat dibaca dari arsip ({why}); periksa arsip dengan kinerja verify.",
            entry.version
        )
    })?;
    let measurement = Drawn { entry, snapshot };
    let renstra_end = measurement.snapshot.workbook.identity.renstra_end.or(identity.renstra_end);
    let from = match renstra_end {
        Some(end) if end - YEARS_BACK <= year && year <= end => end - YEARS_BACK,
        _ => year - YEARS_BACK,
    };
    let mut notes = Vec::new();
    let mut earlier = Vec::new();
    let mut missing = Vec::new();
    for y in from..year {
        let Some(e) = measurement_of(archive, unit, y, Stage::Final) else {
            missing.push(y);
            continue;
        };
        match archive.snapshot::<Snapshot>(&e) {
            Ok(snapshot) => earlier.push(Drawn { entry: e, snapshot }),
            Err(why) => {
                missing.push(y);
                notes.push(format!("peringatan: Pengukuran Kinerja final tahun {y} tidak dapat dibaca dari arsip ({why}); tahun itu tidak ditampilkan."));
            }
        }
    }
    // The perubahan when there is one, else the murni.
    let pk = crate::pk::signed_keys(unit, year).iter().rev().find_map(|key| archive.newest(key));
    let pk = match pk {
        None => {
            notes.push(format!("peringatan: arsip belum memuat Perjanjian Kinerja tahun {year} yang ditandatangani; Bab II memuat target dari Pengukuran Kinerja final (kinerja build --doc pk membuat PK-nya)."));
            None
        }
        Some(e) => match archive.snapshot::<Snapshot>(&e) {
            Ok(snapshot) => Some(Drawn { entry: e, snapshot }),
            Err(why) => {
                notes.push(format!("peringatan: Perjanjian Kinerja arsip tidak dapat dibaca ({why}); Bab II memuat target dari Pengukuran Kinerja final."));
                None
            }
        },
    };
    Ok(Sources { year, unit_code: unit.to_string(), measurement, pk, earlier, from, renstra_end, missing, notes })
}

/// What the report prints from the workbook, for its source hash: the letterhead and the signer, the
/// narrative, the national standards. (The figures are the archive's, hashed by [`hash_lines`].)
#[derive(Debug, Serialize)]
pub struct Meaning<'a> {
    government: &'a str,
    unit: &'a str,
    address: Option<&'a str>,
    place: &'a str,
    signer: (&'a str, &'a str, Option<&'a str>, &'a str),
    logo: Option<&'a str>,
    narrative: &'a [Passage],
    standards: Vec<(&'a str, Option<f64>, Option<&'a str>)>,
}

/// The part of the workbook the report's source hash covers.
pub fn meaning(wb: &Workbook) -> Meaning<'_> {
    let id = &wb.identity;
    Meaning {
        government: &id.government,
        unit: &id.unit_name,
        address: id.address.as_deref(),
        place: id.place.as_deref().unwrap_or_default(),
        signer: (
            id.signer_title.as_deref().unwrap_or_default(),
            id.signer_name.as_deref().unwrap_or_default(),
            id.signer_rank.as_deref(),
            id.nip.as_deref().unwrap_or_default(),
        ),
        logo: id.logo.as_deref(),
        narrative: &wb.narrative,
        standards: wb
            .indicators
            .iter()
            .filter(|i| i.standard.is_some() || i.standard_source.is_some())
            .map(|i| (i.code.as_str(), i.standard, i.standard_source.as_deref()))
            .collect(),
    }
}

/// The documents used, one line each, for the source hash: a new version of any of them (a new final
/// of the measurement, a new PK perubahan, a changed earlier year) makes a new version of the report.
pub fn hash_lines(sources: &Sources) -> Vec<u8> {
    let lines: Vec<String> = sources
        .used()
        .iter()
        .map(|u| {
            format!(
                "used {} {} {} {} v{} {}",
                u.document.slug(),
                u.year,
                u.period.slug(),
                u.stage.slug(),
                u.version,
                u.sha256
            )
        })
        .collect();
    lines.join("\n").into_bytes()
}

/// How the report names a document it is drawn from: "Pengukuran Kinerja Tahunan 2024, final v1,
/// 15 Januari 2025 (kinerja:…)".
fn describe(u: &Used, unit: &str) -> String {
    let what = match u.document {
        DocKind::PengukuranKinerja => format!("Pengukuran Kinerja {} {}", u.period.label(), u.year),
        kind => format!("{} {}", kind.title(), u.year),
    };
    format!("{what}, {} v{}, {} ({})", u.stage.slug(), u.version, u.date_words(), u.code(unit))
}

/// What a document stands for in the report: this year's measurement, the PK, an earlier year.
fn role(u: &Used, year: i32) -> String {
    if u.document.is_pk() {
        "Perjanjian Kinerja".to_string()
    } else if u.year == year {
        format!("Pengukuran Kinerja {year}")
    } else {
        format!("Pengukuran Kinerja {}", u.year)
    }
}

/// How the documents used differ between two versions, one line each.
fn sources_differ(old: &[Used], new: &[Used], year: i32, unit: &str) -> Vec<String> {
    let mut out = Vec::new();
    let short = |u: &Used| {
        let kind = if u.document.is_pk() { format!("{} ", u.document.title()) } else { String::new() };
        format!("{kind}{} v{} ({})", u.stage.slug(), u.version, u.date_words())
    };
    for n in new {
        match old.iter().find(|o| role(o, year) == role(n, year)) {
            Some(o) if o.sha256 == n.sha256 => {}
            Some(o) => out.push(format!("{}: {} → {}.", role(n, year), short(o), short(n))),
            None => out.push(format!("{}: {} (baru; {}).", role(n, year), short(n), n.code(unit))),
        }
    }
    for o in old.iter().filter(|o| !new.iter().any(|n| role(n, year) == role(o, year))) {
        out.push(format!("{}: {} tidak ada lagi di arsip.", role(o, year), short(o)));
    }
    out
}

/// The standards of the workbook that differ from the old one's, one line each.
fn standards_differ(old: &Workbook, new: &Workbook) -> Vec<String> {
    let mut out = Vec::new();
    let shown = |x: Option<f64>| x.map_or("—".to_string(), entered);
    let mut codes: Vec<&str> = new.indicators.iter().map(|i| i.code.as_str()).collect();
    codes.extend(old.indicators.iter().map(|i| i.code.as_str()).filter(|c| new.indicator(c).is_none()));
    for code in codes {
        let a = old.indicator(code).and_then(|i| i.standard);
        let b = new.indicator(code).and_then(|i| i.standard);
        if !format::same_opt(a, b, 4) {
            out.push(format!("Standar nasional indikator {code}: {} → {}.", shown(a), shown(b)));
        }
    }
    out
}

/// What the final must agree with: the documents and the standards of the newest draft (the figures
/// read). Each difference, one line.
pub fn differs_from_draft(draft: &Snapshot, wb: &Workbook, sources: &Sources) -> Vec<String> {
    let mut out = sources_differ(&draft.sources, &sources.used(), sources.year, &sources.unit_code);
    out.extend(standards_differ(&draft.workbook, wb));
    out
}

/// What changed since the previous version, one line each: the documents drawn from (with the
/// measurement's figures that moved), the standards, the narrative's sections, the signer.
pub fn changes(old: &Snapshot, wb: &Workbook, sources: &Sources) -> Vec<String> {
    let mut out = sources_differ(&old.sources, &sources.used(), sources.year, &sources.unit_code);
    out.extend(figures_moved(&old.measurement, &sources.measurement.snapshot.measurement));
    out.extend(standards_differ(&old.workbook, wb));
    let keys = |w: &Workbook| {
        let mut k: Vec<(Section, Option<String>)> =
            w.narrative.iter().map(|p| (p.section, p.sasaran.clone())).collect();
        k.dedup();
        k
    };
    let text = |w: &Workbook, key: &(Section, Option<String>)| -> Vec<String> {
        w.narrative
            .iter()
            .filter(|p| (p.section, p.sasaran.clone()) == *key)
            .map(|p| format!("{}|{:?}|{:?}", p.text, p.picture, p.caption))
            .collect()
    };
    let name = |key: &(Section, Option<String>)| match &key.1 {
        Some(s) => format!("{} {s}", key.0.name()),
        None => key.0.name().to_string(),
    };
    let (old_keys, new_keys) = (keys(&old.workbook), keys(wb));
    for k in &new_keys {
        if !old_keys.contains(k) {
            out.push(format!("Narasi: bagian {} ditambahkan.", name(k)));
        } else if text(&old.workbook, k) != text(wb, k) {
            out.push(format!("Narasi: bagian {} diubah.", name(k)));
        }
    }
    for k in old_keys.iter().filter(|k| !new_keys.contains(k)) {
        out.push(format!("Narasi: bagian {} dihapus.", name(k)));
    }
    let signer =
        |id: &Identity| (id.signer_title.clone(), id.signer_name.clone(), id.signer_rank.clone(), id.nip.clone());
    if signer(&old.workbook.identity) != signer(&wb.identity) {
        out.push(format!(
            "Penanda tangan: {} ({}) → {} ({}).",
            old.workbook.identity.signer_name.as_deref().unwrap_or("—"),
            old.workbook.identity.signer_title.as_deref().unwrap_or("—"),
            wb.identity.signer_name.as_deref().unwrap_or("—"),
            wb.identity.signer_title.as_deref().unwrap_or("—")
        ));
    }
    out
}

/// This year's figures that moved between two finals the report was drawn from, one line per indicator
/// (target, realisation, capaian as printed) and for the budget's total.
fn figures_moved(old: &Measurement, new: &Measurement) -> Vec<String> {
    let mut out = Vec::new();
    let pct = |x: Option<f64>| x.map_or("—".to_string(), percent);
    let fig = |x: Option<f64>| x.map_or("—".to_string(), entered);
    for i in &new.indicators {
        let Some(o) = old.indicators.iter().find(|o| o.code == i.code) else {
            out.push(format!("Indikator {} ({}) baru.", i.code, i.name));
            continue;
        };
        let mut parts = Vec::new();
        let (a, b) = (o.period_target().text(entered), i.period_target().text(entered));
        if a != b {
            parts.push(format!("target {a} → {b}"));
        }
        if !format::same_opt(o.realisation, i.realisation, 4) {
            parts.push(format!("realisasi {} → {}", fig(o.realisation), fig(i.realisation)));
        }
        if !format::same_opt(o.capaian, i.capaian, 2) {
            parts.push(format!("capaian {} → {}", pct(o.capaian), pct(i.capaian)));
        }
        if !parts.is_empty() {
            out.push(format!("Indikator {} ({}): {}.", i.code, i.name, parts.join("; ")));
        }
    }
    for o in old.indicators.iter().filter(|o| !new.indicators.iter().any(|i| i.code == o.code)) {
        out.push(format!("Indikator {} ({}) tidak ada lagi.", o.code, o.name));
    }
    let total = |m: &Measurement| m.budget_total.as_ref().map(|t| (t.pagu, t.realisation));
    if let (Some(a), Some(b)) = (total(old), total(new)) {
        if !format::same(a.0, b.0, 2) || !format::same(a.1, b.1, 2) {
            out.push(format!(
                "Jumlah anggaran: pagu Rp {} → Rp {}, realisasi Rp {} → Rp {}.",
                rupiah_plain(a.0),
                rupiah_plain(b.0),
                rupiah_plain(a.1),
                rupiah_plain(b.1)
            ));
        }
    }
    if !format::same_opt(old.summary.capaian, new.summary.capaian, 2) {
        out.push(format!("Capaian kinerja: {} → {}.", pct(old.summary.capaian), pct(new.summary.capaian)));
    }
    out
}

/// The report's warnings about the narrative: each section with no text (left out of the report),
/// each sasaran without its analysis, each analysis naming no sasaran of the year's final.
pub fn narrative_warnings(wb: &Workbook, sources: &Sources) -> Vec<String> {
    let sheet = narasi::TABLE.sheet;
    if wb.narrative.is_empty() {
        return vec![format!(
            "Lembar {sheet} tidak ada atau kosong: Laporan Kinerja dicetak tanpa uraian kantor (Bab I, Renstra, analisis tiap sasaran, Bab IV). Isi lembar itu (kinerja init menulis templatnya)."
        )];
    }
    let mut out = Vec::new();
    for s in SECTIONS.iter().filter(|s| s.section != Section::AnalisisSasaran) {
        if !wb.narrative.iter().any(|p| p.section == s.section) {
            out.push(format!("Bagian {} kosong di lembar {sheet}: tidak dicetak ({}).", s.name, s.place));
        }
    }
    let names = sasaran_names(&sources.measurement.snapshot.measurement);
    for (k, name) in names.iter().enumerate() {
        if !analyses(wb, &names).any(|(i, _)| i == k) {
            out.push(format!(
                "Analisis Sasaran {} ({name}) kosong di lembar {sheet}: Bab III A sasaran itu tanpa uraian kantor.",
                k + 1
            ));
        }
    }
    for p in wb.narrative.iter().filter(|p| p.section == Section::AnalisisSasaran) {
        let r = p.sasaran.as_deref().unwrap_or_default();
        if narasi::names_sasaran(r, &names).is_none() {
            out.push(format!(
                "Analisis Sasaran \"{r}\" ({sheet} baris {}) tidak menyebut sasaran Pengukuran Kinerja final (nomor 1 sampai {} atau namanya): tidak dicetak.",
                p.origin.row,
                names.len()
            ));
        }
    }
    out
}

fn sasaran_names(m: &Measurement) -> Vec<&str> {
    m.sasaran.iter().map(|s| s.name.as_str()).collect()
}

/// The analyses of the narrative with the index of the sasaran each names.
fn analyses<'a>(wb: &'a Workbook, names: &'a [&'a str]) -> impl Iterator<Item = (usize, &'a Passage)> + 'a {
    wb.narrative
        .iter()
        .filter(|p| p.section == Section::AnalisisSasaran)
        .filter_map(move |p| narasi::names_sasaran(p.sasaran.as_deref().unwrap_or_default(), names).map(|k| (k, p)))
}

// ---------------------------------------------------------------------------------------------------
// The template's data.

/// The data the report's templates read as `data.json`.
#[derive(Debug, Clone, Serialize)]
pub struct LkjipData {
    /// About the document itself (as every document's).
    pub dokumen: Dokumen,
    /// The letterhead and the signer (as every document's; its date the report's own).
    pub identitas: Identitas,
    /// What changed since the previous version, one line each.
    pub perubahan: Vec<String>,
    /// The report.
    pub laporan: Laporan,
}

/// `data.laporan`.
#[derive(Debug, Clone, Serialize)]
pub struct Laporan {
    /// "LAPORAN KINERJA INSTANSI PEMERINTAH".
    pub judul: &'static str,
    /// "2024".
    pub tahun: String,
    /// The documents its figures come from, one line each (measurement, PK, earlier years).
    pub sumber: Vec<String>,
    /// The years of the range without a final in the archive, one line.
    pub tahun_kosong: Option<String>,
    /// The Ikhtisar Eksekutif.
    pub ikhtisar: Ikhtisar,
    /// Bab I: the office's sections, each only when written.
    pub pendahuluan: Vec<Bagian>,
    /// Bab II: the Renstra in the office's words.
    pub renstra: Option<Bagian>,
    /// Bab II: the Renstra's end targets, from the final's measurement.
    pub renstra_target: Vec<TargetRenstra>,
    /// The Renstra's last year, "2026".
    pub renstra_akhir: Option<String>,
    /// Bab II (and Lampiran 1): the PK of the year.
    pub pk: PkBab,
    /// The years of the trend, oldest first ("2022", "2023", "2024").
    pub tahun_tren: Vec<String>,
    /// Bab III A: per sasaran.
    pub sasaran: Vec<SasaranBab>,
    /// How efficiency is computed (the final's setting).
    pub catatan_efisiensi: &'static str,
    /// Bab III B: the budget per program.
    pub anggaran: Option<AnggaranBab>,
    /// Bab IV: the office's conclusions and steps, each only when written.
    pub penutup: Vec<Bagian>,
    /// Bab IV: the rencana aksi of the unmet indicators, from the final.
    pub rencana_aksi: Vec<compose::RencanaAksi>,
    /// Lampiran 2: the final measurement's table.
    pub pengukuran: Vec<compose::Sasaran>,
    /// Lampiran 2: its summary.
    pub ringkasan: compose::Ringkasan,
}

/// The Ikhtisar Eksekutif's figures (the template writes its sentences).
#[derive(Debug, Clone, Serialize)]
pub struct Ikhtisar {
    /// Sasaran.
    pub sasaran: usize,
    /// Indicators.
    pub indikator: usize,
    /// Met.
    pub tercapai: usize,
    /// Unmet.
    pub tidak_tercapai: usize,
    /// Without a capaian (not computable or not reported).
    pub tanpa_capaian: usize,
    /// The overall capaian, "99,33 %".
    pub capaian: Option<String>,
    /// Its predikat.
    pub predikat: Option<String>,
    /// The predikat scale, one line.
    pub skala: String,
    /// Pagu, realisation and serapan of the whole budget.
    pub anggaran: Option<compose::TotalAnggaran>,
    /// The sasaran with the highest capaian.
    pub terbaik: Option<Sorotan>,
    /// The sasaran with the lowest capaian (none when there is only one).
    pub terlemah: Option<Sorotan>,
    /// The office's words.
    pub narasi: Option<Bagian>,
}

/// A sasaran singled out in the Ikhtisar.
#[derive(Debug, Clone, Serialize)]
pub struct Sorotan {
    /// "1".
    pub no: String,
    /// Its name.
    pub nama: String,
    /// Its capaian.
    pub capaian: String,
    /// Its predikat.
    pub predikat: Option<String>,
}

/// A section the office wrote: its passages in order, each its paragraphs and its picture.
#[derive(Debug, Clone, Serialize)]
pub struct Bagian {
    /// Its heading, "Gambaran Umum".
    pub judul: String,
    /// Its passages.
    pub isi: Vec<Potongan>,
}

/// One passage: paragraphs, then a picture.
#[derive(Debug, Clone, Serialize)]
pub struct Potongan {
    /// The paragraphs as typed.
    pub paragraf: Vec<String>,
    /// The picture's file in the Typst world, when there is one.
    pub gambar: Option<String>,
    /// Its caption.
    pub keterangan: Option<String>,
}

/// One indicator's end target in Bab II.
#[derive(Debug, Clone, Serialize)]
pub struct TargetRenstra {
    /// Code.
    pub kode: String,
    /// Name.
    pub nama: String,
    /// Satuan.
    pub satuan: String,
    /// The end target.
    pub target: String,
    /// This year's target.
    pub target_tahun_ini: String,
}

/// The PK in Bab II and Lampiran 1.
#[derive(Debug, Clone, Serialize)]
pub struct PkBab {
    /// True when it is the archive's signed PK; false: the targets of the final measurement.
    pub ditandatangani: bool,
    /// The signed PK as one line ("Perjanjian Kinerja Perubahan final v1, 2 September 2024 (kinerja:…)").
    pub dokumen: Option<String>,
    /// The PK's data, composed as the PK itself composes it.
    pub pk: crate::pk::Pk,
}

/// One sasaran of Bab III A.
#[derive(Debug, Clone, Serialize)]
pub struct SasaranBab {
    /// "1".
    pub no: String,
    /// Its name.
    pub nama: String,
    /// Its capaian this year.
    pub capaian: Option<String>,
    /// Its predikat.
    pub predikat: Option<String>,
    /// (1) Target against realisation.
    pub indikator: Vec<IndikatorBab>,
    /// (2) The trend over the years, per indicator.
    pub tren: Vec<Tren>,
    /// (3) Against the Renstra's end target.
    pub renstra: Vec<compose::BarisRenstra>,
    /// (4) Against a national standard.
    pub standar: Vec<Standar>,
    /// (5) Why: faktor pendorong, penghambat, tindak lanjut.
    pub analisis: Vec<compose::Analisis>,
    /// The office's analysis.
    pub narasi: Option<Bagian>,
    /// (6)(7) The programs that support it, with serapan and efficiency.
    pub program: Vec<compose::BarisAnggaran>,
}

/// One indicator this year.
#[derive(Debug, Clone, Serialize)]
pub struct IndikatorBab {
    /// Code.
    pub kode: String,
    /// Name.
    pub nama: String,
    /// Satuan.
    pub satuan: String,
    /// Target.
    pub target: String,
    /// Realisation.
    pub realisasi: String,
    /// Capaian, or why there is none.
    pub capaian: String,
    /// Predikat.
    pub predikat: Option<String>,
    /// "tercapai", "tidak tercapai", …
    pub status: &'static str,
}

/// One indicator over the years.
#[derive(Debug, Clone, Serialize)]
pub struct Tren {
    /// Code.
    pub kode: String,
    /// Name.
    pub nama: String,
    /// Satuan.
    pub satuan: String,
    /// Per year of [`Laporan::tahun_tren`]: target, realisation, capaian ("—" where none).
    pub target: Vec<String>,
    /// Realisation per year.
    pub realisasi: Vec<String>,
    /// Capaian per year.
    pub capaian: Vec<String>,
    /// For the chart: the realisation per year.
    pub nilai: Vec<Option<f64>>,
    /// For the chart: the target per year (a range by its lower bound).
    pub nilai_target: Vec<Option<f64>>,
}

/// One indicator against its national standard.
#[derive(Debug, Clone, Serialize)]
pub struct Standar {
    /// Code.
    pub kode: String,
    /// Name.
    pub nama: String,
    /// Satuan.
    pub satuan: String,
    /// The standard.
    pub standar: String,
    /// Where it comes from.
    pub sumber: Option<String>,
    /// This year's realisation.
    pub realisasi: String,
    /// Realisation − standard, "+0,39".
    pub selisih: String,
    /// "memenuhi standar", "belum memenuhi standar", "—".
    pub keterangan: &'static str,
}

/// Bab III B.
#[derive(Debug, Clone, Serialize)]
pub struct AnggaranBab {
    /// Per program, with the sasaran it serves.
    pub baris: Vec<ProgramBab>,
    /// The totals.
    pub total: compose::TotalAnggaran,
}

/// One program of Bab III B.
#[derive(Debug, Clone, Serialize)]
pub struct ProgramBab {
    /// Its line as the measurement printed it.
    #[serde(flatten)]
    pub baris: compose::BarisAnggaran,
    /// The sasaran its indicators belong to, "1, 2"; "—" when it names none.
    pub sasaran: String,
}

/// The report's data. `pictures`: the world's file name of each passage's picture (by its index in
/// the narrative).
pub fn data(
    wb: &Workbook,
    sources: &Sources,
    ctx: &DocContext,
    logo_file: Option<String>,
    pictures: &[Option<String>],
) -> LkjipData {
    let id = &wb.identity;
    let fin = &sources.measurement.snapshot;
    let (fwb, m) = (&fin.workbook, &fin.measurement);
    let mut identitas = compose::identitas(id, ctx, logo_file);
    // The report is the year's, signed the day it is made; it measures no PK of its own.
    identitas.periode = Period::Tahunan.label();
    identitas.tanggal = format::date(ctx.build_date);
    identitas.pk = None;
    identitas.evaluator = None;
    let section = |s: Section| bagian(wb, pictures, |p| p.section == s, s.name());
    let names = sasaran_names(m);
    let composed = compose::data(fwb, m, &measurement_ctx(ctx, &sources.measurement), None);
    let years = sources.years();
    let mut sasaran = Vec::new();
    for (k, s) in m.sasaran.iter().enumerate() {
        let inds: Vec<&IndicatorResult> = m.indicators.iter().filter(|i| s.codes.contains(&i.code)).collect();
        let analysis_of = |p: &Passage| {
            p.section == Section::AnalisisSasaran
                && narasi::names_sasaran(p.sasaran.as_deref().unwrap_or_default(), &names) == Some(k)
        };
        sasaran.push(SasaranBab {
            no: (k + 1).to_string(),
            nama: s.name.clone(),
            capaian: s.capaian.map(percent),
            predikat: s.predikat.clone(),
            indikator: inds.iter().map(|i| indikator_bab(fwb, i)).collect(),
            tren: inds.iter().map(|i| tren(i, &years)).collect(),
            renstra: composed
                .renstra
                .iter()
                .flat_map(|r| &r.baris)
                .filter(|b| s.codes.contains(&b.kode))
                .cloned()
                .collect(),
            standar: inds.iter().filter_map(|i| standar(wb, fwb, i)).collect(),
            analisis: composed.analisis.iter().filter(|a| s.codes.contains(&a.kode)).cloned().collect(),
            narasi: bagian(wb, pictures, analysis_of, &format!("Analisis Sasaran {}", k + 1)),
            program: composed
                .anggaran
                .iter()
                .flat_map(|a| &a.baris)
                .zip(&m.budget)
                .filter(|(_, b)| b.codes.iter().any(|c| s.codes.contains(c)))
                .map(|(row, _)| row.clone())
                .collect(),
        });
    }
    let anggaran = composed.anggaran.as_ref().map(|a| AnggaranBab {
        baris: a
            .baris
            .iter()
            .zip(&m.budget)
            .map(|(row, b)| {
                let served: Vec<String> = m
                    .sasaran
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| b.codes.iter().any(|c| s.codes.contains(c)))
                    .map(|(k, _)| (k + 1).to_string())
                    .collect();
                ProgramBab {
                    baris: row.clone(),
                    sasaran: if served.is_empty() { "—".into() } else { served.join(", ") },
                }
            })
            .collect(),
        total: a.total.clone(),
    });
    let with_capaian: Vec<(usize, &crate::measure::SasaranResult)> =
        m.sasaran.iter().enumerate().filter(|(_, s)| s.capaian.is_some()).collect();
    let sorotan = |(k, s): (usize, &crate::measure::SasaranResult)| Sorotan {
        no: (k + 1).to_string(),
        nama: s.name.clone(),
        capaian: s.capaian.map(percent).unwrap_or_default(),
        predikat: s.predikat.clone(),
    };
    // The first of equals: the best is the first with the highest capaian, the weakest the first with the lowest.
    let best = with_capaian.iter().copied().reduce(|a, b| if b.1.capaian > a.1.capaian { b } else { a });
    let weakest = with_capaian.iter().copied().reduce(|a, b| if b.1.capaian < a.1.capaian { b } else { a });
    let summary = &m.summary;
    let pk = pk_bab(sources, ctx);
    LkjipData {
        dokumen: compose::dokumen(id, ctx),
        identitas,
        perubahan: ctx.changes.clone(),
        laporan: Laporan {
            judul: "LAPORAN KINERJA INSTANSI PEMERINTAH",
            tahun: sources.year.to_string(),
            sumber: sources.used().iter().map(|u| describe(u, &sources.unit_code)).collect(),
            tahun_kosong: (!sources.missing.is_empty()).then(|| {
                let years: Vec<String> = sources.missing.iter().map(i32::to_string).collect();
                format!(
                    "Arsip tidak memuat Pengukuran Kinerja final tahun {}; tahun itu tidak ada dalam perbandingan antartahun.",
                    years.join(", ")
                )
            }),
            ikhtisar: Ikhtisar {
                sasaran: m.sasaran.len(),
                indikator: summary.indicators,
                tercapai: summary.tercapai,
                tidak_tercapai: summary.tidak_tercapai,
                tanpa_capaian: summary.tidak_dapat_dihitung + summary.belum_ada_realisasi,
                capaian: summary.capaian.map(percent),
                predikat: summary.predikat.clone(),
                skala: composed.ringkasan.skala.clone(),
                anggaran: composed.anggaran.as_ref().map(|a| a.total.clone()),
                terbaik: best.map(sorotan),
                terlemah: weakest.filter(|w| with_capaian.len() > 1 && Some(w.0) != best.map(|b| b.0)).map(sorotan),
                narasi: section(Section::Ikhtisar),
            },
            pendahuluan: [
                Section::GambaranUmum,
                Section::TugasFungsi,
                Section::StrukturOrganisasi,
                Section::SumberDayaManusia,
                Section::IsuStrategis,
            ]
            .into_iter()
            .filter_map(section)
            .collect(),
            renstra: section(Section::RencanaStrategis),
            renstra_target: m
                .indicators
                .iter()
                .filter_map(|i| {
                    let r = i.renstra.as_ref()?;
                    Some(TargetRenstra {
                        kode: i.code.clone(),
                        nama: i.name.clone(),
                        satuan: i.satuan.clone(),
                        target: entered(r.target),
                        target_tahun_ini: i.period_target().text(entered),
                    })
                })
                .collect(),
            renstra_akhir: sources.renstra_end.map(|y| y.to_string()),
            pk,
            tahun_tren: years.iter().map(|d| d.entry.year.to_string()).collect(),
            sasaran,
            catatan_efisiensi: compose::efficiency_note(&fwb.settings),
            anggaran,
            penutup: [Section::Kesimpulan, Section::LangkahPerbaikan].into_iter().filter_map(section).collect(),
            rencana_aksi: composed.rencana_aksi.clone(),
            pengukuran: composed.sasaran.clone(),
            ringkasan: composed.ringkasan.clone(),
        },
    }
}

/// The context the final measurement was composed in, for composing its tables again as it printed
/// them (its figures, not its charts or changes).
fn measurement_ctx(ctx: &DocContext, d: &Drawn) -> DocContext {
    DocContext {
        stage: Stage::Final,
        kind: DocKind::PengukuranKinerja,
        version: d.entry.version,
        build_date: chrono::NaiveDate::parse_from_str(&d.entry.date, "%Y-%m-%d").unwrap_or(ctx.build_date),
        source_short: d.entry.source_sha256.chars().take(12).collect(),
        changes: vec![],
        previous_version: None,
        last_year: None,
        pk: None,
    }
}

/// Bab II's PK: the archive's signed PK as the PK composes itself, else the final measurement's targets.
fn pk_bab(sources: &Sources, ctx: &DocContext) -> PkBab {
    match &sources.pk {
        Some(d) => {
            let pk_ctx = DocContext { kind: d.entry.document, ..measurement_ctx(ctx, d) };
            PkBab {
                ditandatangani: true,
                dokumen: Some(describe(&d.used(), &sources.unit_code)),
                pk: crate::pk::data(&d.snapshot.workbook, &pk_ctx, None, None).pk,
            }
        }
        None => {
            let d = &sources.measurement;
            let pk_ctx = DocContext { kind: DocKind::PerjanjianKinerja, ..measurement_ctx(ctx, d) };
            PkBab {
                ditandatangani: false,
                dokumen: None,
                pk: crate::pk::data(&d.snapshot.workbook, &pk_ctx, None, None).pk,
            }
        }
    }
}

/// A section of the narrative: the passages `wanted` picks, in order; none when it has no text.
fn bagian(
    wb: &Workbook,
    pictures: &[Option<String>],
    wanted: impl Fn(&Passage) -> bool,
    judul: &str,
) -> Option<Bagian> {
    let isi: Vec<Potongan> = wb
        .narrative
        .iter()
        .enumerate()
        .filter(|(_, p)| wanted(p))
        .map(|(k, p)| Potongan {
            paragraf: p.paragraphs().map(str::to_string).collect(),
            gambar: pictures.get(k).cloned().flatten(),
            keterangan: p.caption.clone().or_else(|| p.picture.as_ref().map(|_| judul.to_string())),
        })
        .filter(|p| !p.paragraf.is_empty() || p.gambar.is_some())
        .collect();
    (!isi.is_empty()).then(|| Bagian { judul: judul.to_string(), isi })
}

fn indikator_bab(wb: &Workbook, i: &IndicatorResult) -> IndikatorBab {
    let (capaian, status) = compose::capaian_status(i);
    IndikatorBab {
        kode: i.code.clone(),
        nama: i.name.clone(),
        satuan: i.satuan.clone(),
        target: compose::target_text(i),
        realisasi: compose::realisation_text(wb, i),
        capaian,
        predikat: i.predikat.clone(),
        status,
    }
}

/// An indicator of this year over the years: each year's final, the indicator found by code, else by
/// name.
fn tren(i: &IndicatorResult, years: &[&Drawn]) -> Tren {
    let mut t = Tren {
        kode: i.code.clone(),
        nama: i.name.clone(),
        satuan: i.satuan.clone(),
        target: vec![],
        realisasi: vec![],
        capaian: vec![],
        nilai: vec![],
        nilai_target: vec![],
    };
    for d in years {
        let ms = &d.snapshot.measurement.indicators;
        let found = ms
            .iter()
            .find(|o| o.code == i.code)
            .or_else(|| ms.iter().find(|o| normalize(&o.name) == normalize(&i.name)));
        t.target.push(found.map_or("—".into(), |o| o.period_target().text(entered)));
        t.realisasi.push(found.map_or("—".into(), |o| compose::realisation_text(&d.snapshot.workbook, o)));
        t.capaian.push(found.and_then(|o| o.capaian).map_or("—".into(), percent));
        t.nilai.push(found.and_then(|o| o.realisation));
        t.nilai_target.push(found.map(|o| o.target));
    }
    t
}

/// An indicator against the national standard the workbook gives for it (by code, else by name).
fn standar(wb: &Workbook, fwb: &Workbook, i: &IndicatorResult) -> Option<Standar> {
    let ind =
        wb.indicator(&i.code).or_else(|| wb.indicators.iter().find(|x| normalize(&x.name) == normalize(&i.name)))?;
    let s = ind.standard?;
    let r = i.realisation;
    let gap = r.map(|r| format::decimal(r - s));
    let keterangan = match (r, i.polarity) {
        (None, _) | (_, Polarity::Rentang | Polarity::Tetap) => "—",
        (Some(r), Polarity::Positif) if r >= s => "memenuhi standar",
        (Some(r), Polarity::Negatif) if r <= s => "memenuhi standar",
        _ => "belum memenuhi standar",
    };
    Some(Standar {
        kode: i.code.clone(),
        nama: i.name.clone(),
        satuan: i.satuan.clone(),
        standar: entered(s),
        sumber: ind.standard_source.clone(),
        realisasi: compose::realisation_text(fwb, i),
        selisih: gap.map_or("—".into(), |g| if g > 0.0 { format!("+{}", entered(g)) } else { entered(g) }),
        keterangan,
    })
}
