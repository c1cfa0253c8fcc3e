//! The rekapitulasi: for one year and period, every unit of the government found in the archive (or in
//! several archives) with its stage reached, capaian and predikat, counts of met, unmet and not computable
//! indicators and its serapan, the government's mean and a chart of the units' capaian, signed by the
//! Sekretaris Daerah. Drawn from the manifest and the snapshots like the index page, but a document:
//! typeset, archived and versioned under its own key. Its source is the set of unit documents it was made
//! from (each unit's newest document of its highest stage, by PDF hash) and the signature block: a new
//! final of one unit makes a new version, nothing else does.

use crate::archive::manifest::Entry;
use crate::archive::snapshot::Snapshot;
use crate::archive::{self, Archive};
use crate::document::{self, DocKey, DocKind, Stage};
use crate::format;
use crate::model::Period;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The Typst source of the document (not part of the template set, so that adding it left every unit
/// document's source hash as it was).
pub const SOURCE: &str = include_str!("rekapitulasi.typ");

/// The "unit" the rekap is archived under: its folder and its key.
pub const UNIT: &str = "rekapitulasi";

/// The signature block: the Sekretaris Daerah's, from a small settings file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signer {
    /// "Pemerintah Kabupaten Lumajang" (else the units' own).
    pub pemerintah: Option<String>,
    /// Place of signing.
    pub tempat: String,
    /// "Sekretaris Daerah".
    pub jabatan: String,
    /// Name.
    pub nama: String,
    /// Rank.
    pub pangkat: Option<String>,
    /// NIP.
    pub nip: String,
}

/// Reads the signature block: `Kunci: nilai` lines (`#` starts a comment) with the keys Pemerintah,
/// Tempat, Jabatan, Nama, Pangkat and NIP.
pub fn read_signer(path: &Path) -> Result<Signer, String> {
    let bytes = std::fs::read(path).map_err(|e| {
        format!(
            "berkas penandatangan rekapitulasi {} tidak dapat dibaca ({e}). → Buat berkas itu dengan baris:\nPemerintah: Pemerintah Kabupaten …\nTempat: …\nJabatan: Sekretaris Daerah\nNama: …\nPangkat: …\nNIP: …",
            path.display()
        )
    })?;
    let text = text_of(&bytes).ok_or_else(|| {
        format!(
            "berkas penandatangan rekapitulasi {} bukan teks yang dapat dibaca (UTF-8 atau UTF-16). → Simpan ulang dari Notepad dengan Encoding UTF-8.",
            path.display()
        )
    })?;
    let mut keys: BTreeMap<String, String> = BTreeMap::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        if let Some((k, v)) = line.split_once(':') {
            keys.insert(k.trim().to_lowercase(), v.trim().to_string());
        }
    }
    let get = |k: &str| keys.get(k).filter(|v| !v.is_empty()).cloned();
    let need = |k: &str, label: &str| {
        get(k).ok_or_else(|| format!("{}: kunci \"{label}\" belum diisi (baris \"{label}: …\").", path.display()))
    };
    Ok(Signer {
        pemerintah: get("pemerintah"),
        tempat: need("tempat", "Tempat")?,
        jabatan: get("jabatan").unwrap_or_else(|| "Sekretaris Daerah".to_string()),
        nama: need("nama", "Nama")?,
        pangkat: get("pangkat"),
        nip: {
            let nip = need("nip", "NIP")?;
            if crate::workbook::values::parse_nip(&nip).is_none() {
                let digits = nip.chars().filter(char::is_ascii_digit).count();
                return Err(format!(
                    "{}: NIP \"{nip}\" berisi {digits} angka; diharapkan tepat 18 angka (boleh dengan spasi: 19680101 199003 1 010).",
                    path.display()
                ));
            }
            nip
        },
    })
}

/// A small text file as an office's editor saves it: UTF-8 with or without its byte-order mark, or
/// UTF-16 with its mark (Notepad's "Unicode"); None for anything else.
fn text_of(bytes: &[u8]) -> Option<String> {
    let utf16 = |rest: &[u8], word: fn([u8; 2]) -> u16| {
        if !rest.len().is_multiple_of(2) {
            return None;
        }
        let words: Vec<u16> = rest.chunks_exact(2).map(|c| word([c[0], c[1]])).collect();
        String::from_utf16(&words).ok()
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8(rest.to_vec()).ok(),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => String::from_utf8(bytes.to_vec()).ok(),
    }
}

/// One unit in the rekap, as its document has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitRow {
    /// The unit's code.
    #[serde(rename = "unit")]
    pub unit_code: String,
    /// Its name.
    #[serde(rename = "name")]
    pub unit_name: String,
    /// Its government, as its workbook says.
    pub government: String,
    /// The stage reached.
    pub stage: Stage,
    /// The version of that stage's newest document.
    pub version: u32,
    /// Its date.
    pub date: String,
    /// sha256 of that PDF: what the rekap was made from.
    pub sha256: String,
    /// The archive it is in (as given).
    pub archive: String,
    /// Overall capaian.
    pub capaian: Option<f64>,
    /// Its predikat.
    pub predikat: Option<String>,
    /// Indicators met.
    pub tercapai: usize,
    /// Indicators unmet.
    pub tidak_tercapai: usize,
    /// Indicators not computable.
    pub tidak_dapat_dihitung: usize,
    /// Serapan of the whole budget.
    pub serapan: Option<f64>,
    /// The unit's Laporan Kinerja of the year (in a rekap of the year, tahunan), from the archive of
    /// its measurement: its newest final, else its newest draft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lkjip: Option<Report>,
}

/// A unit's Laporan Kinerja as the rekap counts it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Final, else draft.
    pub stage: Stage,
    /// Its version.
    pub version: u32,
    /// sha256 of its PDF.
    pub sha256: String,
}

/// The newest Laporan Kinerja of a unit's year in a manifest: its final, else its draft.
fn report_of(mf: &crate::archive::manifest::Manifest, unit: &str, year: i32) -> Option<Report> {
    [Stage::Final, Stage::Draft].into_iter().find_map(|stage| {
        mf.newest(&DocKey {
            unit_code: unit.to_string(),
            year,
            period: Period::Tahunan,
            stage,
            kind: DocKind::LaporanKinerja,
            position: None,
        })
        .map(|e| Report { stage, version: e.version, sha256: e.sha256.clone() })
    })
}

/// The rekap's data snapshot, archived beside its PDF.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RekapSnapshot {
    /// Always `rekapitulasi`.
    pub document: DocKind,
    /// Its version.
    pub version: u32,
    /// Its source hash.
    pub source_sha256: String,
    /// What changed since the previous version.
    pub changes: Vec<String>,
    /// The year.
    pub year: i32,
    /// The period.
    pub period: Period,
    /// The units, in the document's order.
    pub units: Vec<UnitRow>,
    /// Archives that failed verification, as the document notes them.
    pub notes: Vec<String>,
    /// The signature block.
    pub signer: Signer,
}

/// What [`gather`] found: the units, and what the document must say about how they were found.
pub struct Gathered {
    /// One row per unit code, in the document's order.
    pub units: Vec<UnitRow>,
    /// Snapshots that could not be read: "name (code): why".
    pub unreadable: Vec<String>,
    /// Unit codes found in more than one archive, each with the archives and the one taken.
    pub duplicates: Vec<String>,
}

/// Each unit's newest document of its highest stage for `year` and `period`, over every archive (a unit
/// found in several archives is taken from the one whose document is the furthest along, then newest,
/// and said: two offices that use one code, or an archive copied into another, show on the document).
pub fn gather(sources: &[&Archive], year: i32, period: Period) -> Gathered {
    let manifests: Vec<_> = sources.iter().map(|a| a.manifest()).collect();
    let mut best: BTreeMap<String, (&Entry, &Archive, usize)> = BTreeMap::new();
    // Per unit code, the newest document of its highest stage in each archive that has it.
    let mut found: BTreeMap<String, Vec<(&Entry, &Archive)>> = BTreeMap::new();
    for (n, (src, mf)) in sources.iter().zip(&manifests).enumerate() {
        let mut own: BTreeMap<&str, &Entry> = BTreeMap::new();
        for e in mf
            .entries
            .iter()
            .filter(|e| e.document == DocKind::PengukuranKinerja && e.year == year && e.period == period)
        {
            let better = match best.get(&e.unit_code) {
                None => true,
                Some((b, _, _)) => (e.stage, e.version, &e.date) > (b.stage, b.version, &b.date),
            };
            if better {
                best.insert(e.unit_code.clone(), (e, src, n));
            }
            let mine = own.entry(&e.unit_code).or_insert(e);
            if (e.stage, e.version, &e.date) > (mine.stage, mine.version, &mine.date) {
                *mine = e;
            }
        }
        for (unit, e) in own {
            found.entry(unit.to_string()).or_default().push((e, src));
        }
    }
    let duplicates = found
        .iter()
        .filter(|(_, v)| v.len() > 1)
        .map(|(unit, v)| {
            let (taken, from, _) = best[unit];
            let each: Vec<String> = v
                .iter()
                .map(|(e, a)| format!("{} ({}, {} v{})", a.root().display(), e.unit_name, e.stage.slug(), e.version))
                .collect();
            format!(
                "Kode unit {unit} ada di {} arsip: {}. Yang direkap: {} v{} dari {}. Periksa apakah keduanya memang unit yang sama.",
                v.len(),
                each.join("; "),
                taken.stage.slug(),
                taken.version,
                from.root().display()
            )
        })
        .collect();
    let mut problems = Vec::new();
    let mut rows: Vec<UnitRow> = best
        .into_values()
        .map(|(e, archive, n)| {
            let mut row = UnitRow {
                unit_code: e.unit_code.clone(),
                unit_name: e.unit_name.clone(),
                government: String::new(),
                stage: e.stage,
                version: e.version,
                date: e.date.clone(),
                sha256: e.sha256.clone(),
                archive: archive.root().display().to_string(),
                capaian: None,
                predikat: None,
                tercapai: 0,
                tidak_tercapai: 0,
                tidak_dapat_dihitung: 0,
                serapan: None,
                // The Laporan Kinerja is the year's: counted in the rekap of the year.
                lkjip: if period == Period::Tahunan { report_of(&manifests[n], &e.unit_code, year) } else { None },
            };
            match archive.snapshot::<Snapshot>(e) {
                Ok(s) => {
                    let m = &s.measurement;
                    row.government = s.workbook.identity.government.clone();
                    row.capaian = m.summary.capaian;
                    row.predikat = m.summary.predikat.clone();
                    row.tercapai = m.summary.tercapai;
                    row.tidak_tercapai = m.summary.tidak_tercapai;
                    row.tidak_dapat_dihitung = m.summary.tidak_dapat_dihitung;
                    row.serapan = m.budget_total.as_ref().and_then(|b| b.serapan);
                }
                Err(msg) => problems.push(format!("{} ({}): {msg}", row.unit_name, row.unit_code)),
            }
            row
        })
        .collect();
    rows.sort_by(|a, b| (&a.unit_name, &a.unit_code).cmp(&(&b.unit_name, &b.unit_code)));
    Gathered { units: rows, unreadable: problems, duplicates }
}

/// The rekap's key for `year` and `period`.
pub fn key(year: i32, period: Period) -> DocKey {
    DocKey {
        unit_code: UNIT.to_string(),
        year,
        period,
        stage: Stage::Final,
        kind: DocKind::Rekapitulasi,
        position: None,
    }
}

/// sha256 of what the rekap is made from: the program, its Typst source, the signature block, the notes
/// on failing archives, and each unit's document (code, stage, version, PDF hash) and Laporan Kinerja. (The
/// hash's input is the canonical JSON of these, keys sorted, exactly as every archived rekap was hashed.)
pub fn source_hash(units: &[UnitRow], notes: &[String], signer: &Signer) -> String {
    let made_from: Vec<(&str, &str, u32, &str, Option<&Report>)> = units
        .iter()
        .map(|u| (u.unit_code.as_str(), u.stage.slug(), u.version, u.sha256.as_str(), u.lkjip.as_ref()))
        .collect();
    let text = serde_json::json!({
        "kind": "kinerja-rekap-v1",
        "tool": archive::TOOL,
        "template": archive::sha256(SOURCE.as_bytes()),
        "signer": signer,
        "notes": notes,
        "units": made_from,
    });
    archive::sha256(text.to_string().as_bytes())
}

/// One difference between a rekap and its previous version.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// The signature block.
    Signer,
    /// A unit the previous version lacks, with the document it is drawn from.
    Added { unit_name: String, unit_code: String, stage: Stage, version: u32 },
    /// A unit drawn from another document than before.
    Moved { unit_name: String, unit_code: String, was: (Stage, u32), now: (Stage, u32) },
    /// A unit of the previous version no longer found.
    Gone { unit_name: String, unit_code: String },
    /// A unit's Laporan Kinerja of the year: none, or its stage and version.
    Report { unit_name: String, unit_code: String, was: Option<(Stage, u32)>, now: Option<(Stage, u32)> },
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Change::Signer => f.write_str("Penandatangan berubah."),
            Change::Added { unit_name: name, unit_code: unit, stage, version } => {
                write!(f, "{name} ({unit}): baru, {} v{version}", stage.slug())
            }
            Change::Moved { unit_name: name, unit_code: unit, was, now } => {
                write!(f, "{name} ({unit}): {} v{} → {} v{}", was.0.slug(), was.1, now.0.slug(), now.1)
            }
            Change::Gone { unit_name: name, unit_code: unit } => write!(f, "{name} ({unit}): tidak ada lagi"),
            Change::Report { unit_name: name, unit_code: unit, was, now } => {
                let shown =
                    |r: &Option<(Stage, u32)>| r.map_or("—".to_string(), |(s, v)| format!("{} v{v}", s.slug()));
                write!(f, "{name} ({unit}): Laporan Kinerja {} → {}", shown(was), shown(now))
            }
        }
    }
}

/// What changed since the previous rekap: the signature block, then each unit in the document's order,
/// then the units no longer found.
pub fn changes(old: Option<&RekapSnapshot>, units: &[UnitRow], signer: &Signer) -> Vec<Change> {
    let Some(old) = old else { return vec![] };
    let mut out = Vec::new();
    if &old.signer != signer {
        out.push(Change::Signer);
    }
    for u in units {
        let (unit_name, unit_code) = (u.unit_name.clone(), u.unit_code.clone());
        match old.units.iter().find(|o| o.unit_code == u.unit_code) {
            None => out.push(Change::Added { unit_name, unit_code, stage: u.stage, version: u.version }),
            Some(o) => {
                if o.sha256 != u.sha256 {
                    out.push(Change::Moved {
                        unit_name: unit_name.clone(),
                        unit_code: unit_code.clone(),
                        was: (o.stage, o.version),
                        now: (u.stage, u.version),
                    })
                }
                if o.lkjip != u.lkjip {
                    let at = |r: &Option<Report>| r.as_ref().map(|r| (r.stage, r.version));
                    out.push(Change::Report { unit_name, unit_code, was: at(&o.lkjip), now: at(&u.lkjip) })
                }
            }
        }
    }
    for o in old.units.iter().filter(|o| !units.iter().any(|u| u.unit_code == o.unit_code)) {
        out.push(Change::Gone { unit_name: o.unit_name.clone(), unit_code: o.unit_code.clone() });
    }
    out
}

/// The mean of the units' capaian (those that have one), rounded as every capaian is.
pub fn mean(units: &[UnitRow]) -> Option<f64> {
    let v: Vec<f64> = units.iter().filter_map(|u| u.capaian).collect();
    (!v.is_empty()).then(|| format::round(format::decimal(v.iter().sum::<f64>() / v.len() as f64), 2))
}

/// The data `rekapitulasi.typ` reads as `data.json`: the template's contract, every figure already
/// written the Indonesian way (as [`crate::compose::Data`] is for a unit's documents).
#[derive(Debug, Clone, Serialize)]
pub struct Data {
    /// About the document itself.
    pub dokumen: Dokumen,
    /// "Pemerintah Kabupaten Lumajang".
    pub pemerintah: String,
    /// The year.
    pub tahun: String,
    /// "Tahunan", "Triwulan II".
    pub periode: &'static str,
    /// One row per unit, in the document's order.
    pub unit: Vec<Baris>,
    /// The government's means.
    pub rata_rata: RataRata,
    /// True for the rekap of the year, which counts the units' Laporan Kinerja.
    pub tahunan: bool,
    /// The units' counts added up.
    pub jumlah: Jumlah,
    /// Notes on the archives drawn from.
    pub catatan: Vec<String>,
    /// The chart of the units' capaian.
    pub grafik: Grafik,
    /// The signature block.
    pub ttd: Ttd,
}

/// The document's own facts.
#[derive(Debug, Clone, Serialize)]
pub struct Dokumen {
    /// Its title.
    pub nama: &'static str,
    /// Its version.
    pub versi: u32,
    /// The source hash, 12 digits.
    pub hash: String,
    /// Its identity code (the QR code, the PDF's keywords).
    pub kode: String,
    /// The date of signing.
    pub tanggal: String,
    /// The build date.
    pub tanggal_dibuat: String,
}

/// One unit's row.
#[derive(Debug, Clone, Serialize)]
pub struct Baris {
    /// Its name.
    pub nama: String,
    /// Its code.
    pub kode: String,
    /// "final v1, 3f1e73dd9a0f": the document it was made from.
    pub dokumen: String,
    /// The stage reached.
    pub tahap: &'static str,
    /// "85,20 %", or "—".
    pub capaian: String,
    /// Its predikat, or "—".
    pub predikat: String,
    /// Indicators met, unmet, not computable.
    pub tercapai: String,
    pub tidak_tercapai: String,
    pub tidak_dapat_dihitung: String,
    /// Serapan of the whole budget, or "—".
    pub serapan: String,
    /// Its Laporan Kinerja of the year, "final v1", or "—" (shown in the rekap of the year).
    pub lkjip: String,
}

/// The government's means.
#[derive(Debug, Clone, Serialize)]
pub struct RataRata {
    /// Mean capaian, its predikat, mean serapan.
    pub capaian: String,
    pub predikat: String,
    pub serapan: String,
}

/// The units' counts added up.
#[derive(Debug, Clone, Serialize)]
pub struct Jumlah {
    /// Indicators met, unmet, not computable.
    pub tercapai: String,
    pub tidak_tercapai: String,
    pub tidak_dapat_dihitung: String,
    /// Units whose Laporan Kinerja of the year is final.
    pub lkjip_final: String,
}

/// The chart: one bar per unit against the 100 % line.
#[derive(Debug, Clone, Serialize)]
pub struct Grafik {
    /// The scale's top, in percent: rounded up to 20, between 120 and 300.
    pub skala: f64,
    /// The bars, in the units' order.
    pub batang: Vec<Batang>,
}

/// One bar.
#[derive(Debug, Clone, Serialize)]
pub struct Batang {
    /// The unit's name.
    pub label: String,
    /// Its capaian, when it has one.
    pub nilai: Option<f64>,
    /// The capaian as written.
    pub teks: String,
}

/// The signature block as printed.
#[derive(Debug, Clone, Serialize)]
pub struct Ttd {
    /// Place, position, name, rank, NIP (with its spaces).
    pub tempat: String,
    pub jabatan: String,
    pub nama: String,
    pub pangkat: Option<String>,
    pub nip: String,
}

impl Data {
    /// `data.json` as the template reads it: compact JSON with the keys of every object sorted, every
    /// text's bidi controls isolated ([`crate::text::isolate_bidi`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_value(self)
            .and_then(|mut v| {
                crate::text::isolate_bidi_json(&mut v);
                serde_json::to_vec(&v)
            })
            .unwrap_or_default()
    }
}

/// The template's data.
pub fn data(snap: &RekapSnapshot, government: &str, date: chrono::NaiveDate, source_sha: &str) -> Data {
    let pct = |x: Option<f64>| x.map(format::percent).unwrap_or_else(|| "—".to_string());
    let mean_c = mean(&snap.units);
    let serapan: Vec<f64> = snap.units.iter().filter_map(|u| u.serapan).collect();
    let mean_s = (!serapan.is_empty())
        .then(|| format::round(format::decimal(serapan.iter().sum::<f64>() / serapan.len() as f64), 2));
    let top = snap.units.iter().filter_map(|u| u.capaian).fold(100.0_f64, f64::max);
    let skala = ((top / 20.0).ceil() * 20.0).clamp(120.0, 300.0);
    let key = key(snap.year, snap.period);
    let sum = |count: fn(&UnitRow) -> usize| snap.units.iter().map(count).sum::<usize>().to_string();
    Data {
        dokumen: Dokumen {
            nama: DocKind::Rekapitulasi.title(),
            versi: snap.version,
            hash: source_sha[..12].to_string(),
            kode: document::code(&key, snap.version, source_sha),
            tanggal: format::date(date),
            tanggal_dibuat: format::date(date),
        },
        pemerintah: government.to_string(),
        tahun: snap.year.to_string(),
        periode: snap.period.label(),
        unit: snap
            .units
            .iter()
            .map(|u| Baris {
                nama: u.unit_name.clone(),
                kode: u.unit_code.clone(),
                dokumen: format!(
                    "{} v{}, {}",
                    u.stage.slug(),
                    u.version,
                    u.sha256.chars().take(12).collect::<String>()
                ),
                tahap: u.stage.slug(),
                capaian: pct(u.capaian),
                predikat: u.predikat.clone().unwrap_or_else(|| "—".to_string()),
                tercapai: u.tercapai.to_string(),
                tidak_tercapai: u.tidak_tercapai.to_string(),
                tidak_dapat_dihitung: u.tidak_dapat_dihitung.to_string(),
                serapan: pct(u.serapan),
                lkjip: u.lkjip.as_ref().map_or("—".to_string(), |r| format!("{} v{}", r.stage.slug(), r.version)),
            })
            .collect(),
        tahunan: snap.period == Period::Tahunan,
        rata_rata: RataRata {
            capaian: pct(mean_c),
            predikat: mean_c.map(|c| crate::measure::predikat(c).to_string()).unwrap_or_else(|| "—".to_string()),
            serapan: pct(mean_s),
        },
        jumlah: Jumlah {
            tercapai: sum(|u| u.tercapai),
            tidak_tercapai: sum(|u| u.tidak_tercapai),
            tidak_dapat_dihitung: sum(|u| u.tidak_dapat_dihitung),
            lkjip_final: snap
                .units
                .iter()
                .filter(|u| u.lkjip.as_ref().is_some_and(|r| r.stage == Stage::Final))
                .count()
                .to_string(),
        },
        catatan: snap.notes.clone(),
        grafik: Grafik {
            skala,
            batang: snap
                .units
                .iter()
                .map(|u| Batang { label: u.unit_name.clone(), nilai: u.capaian, teks: pct(u.capaian) })
                .collect(),
        },
        ttd: Ttd {
            tempat: snap.signer.tempat.clone(),
            jabatan: snap.signer.jabatan.clone(),
            nama: snap.signer.nama.clone(),
            pangkat: snap.signer.pangkat.clone(),
            nip: format::nip(&snap.signer.nip),
        },
    }
}

/// `tahunan`, `tw1` … `tw4` (or the period's label) as a period.
pub fn parse_period(s: &str) -> Option<Period> {
    let s = s.trim().to_lowercase();
    [Period::Tahunan, Period::Tw1, Period::Tw2, Period::Tw3, Period::Tw4]
        .into_iter()
        .find(|p| p.slug() == s || p.label().to_lowercase() == s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_the_signer_file() {
        assert_eq!(parse_period("TW3"), Some(Period::Tw3));
        assert_eq!(parse_period("Triwulan II"), Some(Period::Tw2));
        assert_eq!(parse_period("semester"), None);
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ttd.txt");
        std::fs::write(&p, "# komentar\nTempat: Lumajang\nNama: Drs. A: B\nNIP: 19690101 199003 1 010\n").unwrap();
        let s = read_signer(&p).unwrap();
        assert_eq!((s.jabatan.as_str(), s.nama.as_str(), s.pangkat), ("Sekretaris Daerah", "Drs. A: B", None));
        std::fs::write(&p, "Tempat: Lumajang\nNIP: 1\n").unwrap();
        assert!(read_signer(&p).unwrap_err().contains("kunci \"Nama\" belum diisi"));
    }
}
