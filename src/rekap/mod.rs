//! The rekapitulasi: for one year and period, every unit of the government found in the archive (or in
//! several archives) with its stage reached, capaian and predikat, counts of met, unmet and not computable
//! indicators and its serapan, the government's mean and a chart of the units' capaian, signed by the
//! Sekretaris Daerah. Drawn from the manifest and the snapshots like the index page, but a document:
//! typeset, archived and versioned under its own key. Its source is the set of unit documents it was made
//! from (each unit's newest document of its highest stage, by PDF hash) and the signature block: a new
//! final of one unit makes a new version, nothing else does.

use crate::archive::manifest::{Entry, Manifest};
use crate::archive::snapshot::Snapshot;
use crate::archive::{self, fsutil};
use crate::document::{self, DocKey, DocKind, Stage};
use crate::format;
use crate::model::Period;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
    pub unit: String,
    /// Its name.
    pub name: String,
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

/// An archive the rekap is drawn from.
pub struct Source<'a> {
    /// Its folder, as given.
    pub root: &'a Path,
    /// Its manifest.
    pub manifest: &'a Manifest,
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
pub fn gather(sources: &[Source], year: i32, period: Period) -> Gathered {
    let mut best: BTreeMap<String, (&Entry, &Path)> = BTreeMap::new();
    // Per unit code, the newest document of its highest stage in each archive that has it.
    let mut found: BTreeMap<String, Vec<(&Entry, &Path)>> = BTreeMap::new();
    for src in sources {
        let mut own: BTreeMap<&str, &Entry> = BTreeMap::new();
        for e in src
            .manifest
            .entries
            .iter()
            .filter(|e| e.document == DocKind::PengukuranKinerja && e.year == year && e.period == period)
        {
            let better = match best.get(&e.unit) {
                None => true,
                Some((b, _)) => (e.stage, e.version, &e.date) > (b.stage, b.version, &b.date),
            };
            if better {
                best.insert(e.unit.clone(), (e, src.root));
            }
            let mine = own.entry(&e.unit).or_insert(e);
            if (e.stage, e.version, &e.date) > (mine.stage, mine.version, &mine.date) {
                *mine = e;
            }
        }
        for (unit, e) in own {
            found.entry(unit.to_string()).or_default().push((e, src.root));
        }
    }
    let duplicates = found
        .iter()
        .filter(|(_, v)| v.len() > 1)
        .map(|(unit, v)| {
            let (taken, root) = best[unit];
            let each: Vec<String> = v
                .iter()
                .map(|(e, r)| format!("{} ({}, {} v{})", r.display(), e.unit_name, e.stage.slug(), e.version))
                .collect();
            format!(
                "Kode unit {unit} ada di {} arsip: {}. Yang direkap: {} v{} dari {}. Periksa apakah keduanya memang unit yang sama.",
                v.len(),
                each.join("; "),
                taken.stage.slug(),
                taken.version,
                root.display()
            )
        })
        .collect();
    let mut problems = Vec::new();
    let mut rows: Vec<UnitRow> = best
        .into_values()
        .map(|(e, root)| {
            let mut row = UnitRow {
                unit: e.unit.clone(),
                name: e.unit_name.clone(),
                government: String::new(),
                stage: e.stage,
                version: e.version,
                date: e.date.clone(),
                sha256: e.sha256.clone(),
                archive: root.display().to_string(),
                capaian: None,
                predikat: None,
                tercapai: 0,
                tidak_tercapai: 0,
                tidak_dapat_dihitung: 0,
                serapan: None,
            };
            match crate::archive::manifest::readable(&e.data_path)
                .and_then(|()| fsutil::read(&root.join(&e.data_path)).map_err(|e| e.to_string()))
                .and_then(|b| Snapshot::from_bytes(&b, &e.data_path))
            {
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
                Err(msg) => problems.push(format!("{} ({}): {msg}", row.name, row.unit)),
            }
            row
        })
        .collect();
    rows.sort_by(|a, b| (&a.name, &a.unit).cmp(&(&b.name, &b.unit)));
    Gathered { units: rows, unreadable: problems, duplicates }
}

/// The rekap's key for `year` and `period`.
pub fn key(year: i32, period: Period) -> DocKey {
    DocKey { unit: UNIT.to_string(), year, period, stage: Stage::Final, kind: DocKind::Rekapitulasi }
}

/// sha256 of what the rekap is made from: the program, its Typst source, the signature block, the notes
/// on failing archives, and each unit's document (code, stage, version, PDF hash).
pub fn source_hash(units: &[UnitRow], notes: &[String], signer: &Signer) -> String {
    let made_from: Vec<(&str, &str, u32, &str)> =
        units.iter().map(|u| (u.unit.as_str(), u.stage.slug(), u.version, u.sha256.as_str())).collect();
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

/// What changed since the previous rekap, one line per unit (and the signature block).
pub fn changes(old: Option<&RekapSnapshot>, units: &[UnitRow], signer: &Signer) -> Vec<String> {
    let Some(old) = old else { return vec![] };
    let mut lines = Vec::new();
    if &old.signer != signer {
        lines.push("Penandatangan berubah.".to_string());
    }
    for u in units {
        match old.units.iter().find(|o| o.unit == u.unit) {
            None => lines.push(format!("{} ({}): baru, {} v{}", u.name, u.unit, u.stage.slug(), u.version)),
            Some(o) if o.sha256 != u.sha256 => lines.push(format!(
                "{} ({}): {} v{} → {} v{}",
                u.name,
                u.unit,
                o.stage.slug(),
                o.version,
                u.stage.slug(),
                u.version
            )),
            Some(_) => {}
        }
    }
    for o in old.units.iter().filter(|o| !units.iter().any(|u| u.unit == o.unit)) {
        lines.push(format!("{} ({}): tidak ada lagi", o.name, o.unit));
    }
    lines
}

/// The mean of the units' capaian (those that have one), rounded as every capaian is.
pub fn mean(units: &[UnitRow]) -> Option<f64> {
    let v: Vec<f64> = units.iter().filter_map(|u| u.capaian).collect();
    (!v.is_empty()).then(|| format::round(format::decimal(v.iter().sum::<f64>() / v.len() as f64), 2))
}

/// The template's data.
pub fn data(snap: &RekapSnapshot, government: &str, date: chrono::NaiveDate, source_sha: &str) -> serde_json::Value {
    let pct = |x: Option<f64>| x.map(format::percent).unwrap_or_else(|| "—".to_string());
    let mean_c = mean(&snap.units);
    let serapan: Vec<f64> = snap.units.iter().filter_map(|u| u.serapan).collect();
    let mean_s = (!serapan.is_empty())
        .then(|| format::round(format::decimal(serapan.iter().sum::<f64>() / serapan.len() as f64), 2));
    let top = snap.units.iter().filter_map(|u| u.capaian).fold(100.0_f64, f64::max);
    let skala = ((top / 20.0).ceil() * 20.0).clamp(120.0, 300.0);
    let key = key(snap.year, snap.period);
    serde_json::json!({
        "dokumen": {
            "nama": DocKind::Rekapitulasi.title(),
            "versi": snap.version,
            "hash": &source_sha[..12],
            "kode": document::code(&key, snap.version, source_sha),
            "tanggal": format::date(date),
            "tanggal_dibuat": format::date(date),
        },
        "pemerintah": government,
        "tahun": snap.year.to_string(),
        "periode": snap.period.label(),
        "unit": snap.units.iter().map(|u| serde_json::json!({
            "nama": u.name,
            "kode": u.unit,
            "dokumen": format!("{} v{}, {}", u.stage.slug(), u.version, u.sha256.chars().take(12).collect::<String>()),
            "tahap": u.stage.slug(),
            "capaian": pct(u.capaian),
            "predikat": u.predikat.clone().unwrap_or_else(|| "—".to_string()),
            "tercapai": u.tercapai.to_string(),
            "tidak_tercapai": u.tidak_tercapai.to_string(),
            "tidak_dapat_dihitung": u.tidak_dapat_dihitung.to_string(),
            "serapan": pct(u.serapan),
        })).collect::<Vec<_>>(),
        "rata_rata": {
            "capaian": pct(mean_c),
            "predikat": mean_c.map(|c| crate::measure::predikat(c).to_string()).unwrap_or_else(|| "—".to_string()),
            "serapan": pct(mean_s),
        },
        "jumlah": {
            "tercapai": snap.units.iter().map(|u| u.tercapai).sum::<usize>().to_string(),
            "tidak_tercapai": snap.units.iter().map(|u| u.tidak_tercapai).sum::<usize>().to_string(),
            "tidak_dapat_dihitung": snap.units.iter().map(|u| u.tidak_dapat_dihitung).sum::<usize>().to_string(),
        },
        "catatan": snap.notes,
        "grafik": {
            "skala": skala,
            "batang": snap.units.iter().map(|u| serde_json::json!({
                "label": u.name,
                "nilai": u.capaian,
                "teks": pct(u.capaian),
            })).collect::<Vec<_>>(),
        },
        "ttd": {
            "tempat": snap.signer.tempat,
            "jabatan": snap.signer.jabatan,
            "nama": snap.signer.nama,
            "pangkat": snap.signer.pangkat,
            "nip": format::nip(&snap.signer.nip),
        },
    })
}

/// Where the rekap's files go: `<tahun>/<periode>/rekapitulasi/final/<YYYY-MM-DD>/` and its stem.
pub fn paths(year: i32, period: Period, date: chrono::NaiveDate, version: u32, pdf_sha: &str) -> (PathBuf, String) {
    let dir = PathBuf::from(year.to_string())
        .join(period.slug())
        .join(UNIT)
        .join(Stage::Final.slug())
        .join(date.format("%Y-%m-%d").to_string());
    let stem = format!("{}_{}-{}_v{version}_{}", DocKind::Rekapitulasi.slug(), year, period.slug(), &pdf_sha[..12]);
    (dir, stem)
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
