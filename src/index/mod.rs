//! `index.html`: the kabupaten's view of one archive or of several — per unit, year and period the stage
//! reached, the newest version of each stage, capaian and predikat, the unmet indicators and whether each
//! has its rencana aksi, and every archived file one click away. Derived from the manifest and the
//! snapshots, never an input to anything, rewritten whole (atomically) after every build that changed
//! the archive and by `kinerja index`.
//!
//! The page is one static file: no server, no network. Every text from a workbook goes through
//! minijinja's HTML auto-escaping (the template is named `.html`); no data is embedded as script, so a
//! `</script>` in a unit's name is text like any other. The script is ours, a few dozen lines: filters,
//! sorting and the history rows. Same archive, same bytes: no clock, rows in a fixed order.

use crate::archive::manifest::{self, Entry};
use crate::archive::snapshot::Snapshot;
use crate::archive::{commit, fsutil, Archive};
use crate::document::{DocKind, Stage};
use crate::format;
use crate::model::Period;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The page's file name at the archive root.
pub const FILE: &str = "index.html";

const TEMPLATE: &str = include_str!("index.html.j2");

/// One archive the page is drawn from.
pub struct Source<'a> {
    /// The archive, open (none when it could not be opened: shown with its problem and no documents).
    pub archive: Option<&'a Archive>,
    /// Its folder as given.
    pub root: &'a Path,
    /// The link from the page's folder to the archive's root ("" when the page is at the root).
    pub href: String,
    /// How `verify` found it, when the page was asked to verify.
    pub verified: Option<Verified>,
}

/// What `verify` said of an archive the page shows.
#[derive(Debug, Clone, Serialize)]
pub struct Verified {
    /// True when the archive is whole.
    pub ok: bool,
    /// Each problem as verify prints it.
    pub problems: Vec<String>,
}

/// The page's data: the template's contract.
#[derive(Debug, Serialize)]
struct Page {
    /// The archives drawn from (more than one, or verified: shown at the top).
    archives: Vec<ArchiveView>,
    /// True when the archives are listed (several, or verified).
    show_archives: bool,
    /// One per unit, year and period.
    rows: Vec<Row>,
    /// Years present, for the filter.
    years: Vec<i32>,
    /// Periods present (slug, label), for the filter.
    periods: Vec<(String, String)>,
    /// The rekapitulasi documents (`kinerja rekap`), per year and period, newest first.
    recaps: Vec<Recap>,
    /// Documents drawn from.
    documents: usize,
    /// The program.
    tool: &'static str,
}

#[derive(Debug, Serialize)]
struct ArchiveView {
    /// The archive's folder as given.
    label: String,
    /// Its number on the page (1, 2, …).
    number: usize,
    /// Documents in its manifest.
    documents: usize,
    /// verify's answer, when asked.
    verified: Option<Verified>,
}

/// One unit, year and period.
#[derive(Debug, Serialize)]
struct Row {
    /// A unique id on the page (for the history row).
    id: String,
    /// Archive number (1-based), shown when several.
    archive: usize,
    /// False when the archive it comes from failed verification.
    archive_ok: bool,
    /// The unit's code and name.
    #[serde(rename = "unit")]
    unit_code: String,
    unit_name: String,
    /// Lower-case name and code, for the search.
    search: String,
    year: i32,
    period: String,
    period_label: String,
    /// Period order for sorting (0 tahunan, 1–4 quarters).
    period_order: u8,
    /// The stage reached (slug) and its order (1 draft … 3 final).
    stage: String,
    stage_order: u8,
    /// Newest version of each stage: draft, konsep, final.
    stages: Vec<Option<StageCell>>,
    /// "85,20 %", or empty.
    capaian: String,
    /// For sorting: the capaian, or -1.
    capaian_sort: f64,
    predikat: String,
    /// Counts of the measurement (from the stage reached).
    tercapai: usize,
    tidak_tercapai: usize,
    tidak_dapat_dihitung: usize,
    belum_ada_realisasi: usize,
    /// Unmet indicators, with whether each has its rencana aksi.
    unmet: Vec<Unmet>,
    /// Why figures are missing, when a snapshot could not be read.
    note: String,
    /// The Perjanjian Kinerja of the unit's year: "—", "draft v2", "ditandatangani (murni v1)" …
    pk: String,
    /// Its newest PDF, when there is one.
    pk_href: String,
    /// For sorting and filtering: 0 none, 1 draft, 2 signed.
    pk_order: u8,
    /// The Laporan Kinerja of the unit's year: "—", "draft v1, 2025-02-10", "final v1, 2025-02-20".
    lkjip: String,
    /// Its newest PDF, when there is one.
    lkjip_href: String,
    /// For sorting: 0 none, 1 draft, 2 final.
    lkjip_order: u8,
    /// The pohon kinerja of the newest tree document of the year, as nested boxes (none without one).
    pohon: Option<Box<Cabang>>,
    /// Every archived document of the unit, year and period, oldest first (the year's PK documents and
    /// Laporan Kinerja in its annual row, or its first row).
    history: Vec<Version>,
}

/// One position of the pohon kinerja on the page, with the positions below it.
#[derive(Debug, Serialize)]
struct Cabang {
    jabatan: String,
    nama: String,
    jenjang: &'static str,
    /// "1.1 Indeks SPBE — 3,5 Indeks", one per indicator.
    indikator: Vec<String>,
    anak: Vec<Cabang>,
}

/// The pohon kinerja of a year's newest tree document (its snapshot's cascade), when there is one.
fn pohon(archive: &Archive, entries: &[&Entry]) -> Option<Box<Cabang>> {
    let e = entries.iter().filter(|e| e.document == DocKind::PohonKinerja).max_by_key(|e| (e.stage, e.version))?;
    let snap = archive.snapshot::<Snapshot>(e).ok()?;
    let tree = crate::cascade::Tree::of(&snap.workbook)?;
    fn cabang(tree: &crate::cascade::Tree, i: usize) -> Cabang {
        let p = &tree.positions[i];
        Cabang {
            jabatan: p.title.clone(),
            nama: p.holder.name.clone(),
            jenjang: p.level.label(),
            indikator: p
                .indicators
                .iter()
                .map(|x| format!("{} {} — {}", x.code, x.name, crate::pk::target_text(x.target, &x.satuan)))
                .collect(),
            anak: tree.children[i].iter().map(|&c| cabang(tree, c)).collect(),
        }
    }
    Some(Box::new(cabang(&tree, tree.head)))
}

/// The Perjanjian Kinerja of a unit's year as the page shows it: the PK perubahan when it is signed,
/// else the murni; signed (final) over draft.
fn pk_state(entries: &[&Entry], link: &dyn Fn(&str) -> String) -> (String, String, u8) {
    let (unit, officials) = pk_state_of_unit(entries, link);
    (format!("{}{}", unit.0, officials), unit.1, unit.2)
}

/// The unit's own PK (see [`pk_state`]), and a word on its officials' PKs from the cascade: how many
/// positions have one, and how many of those are signed.
fn pk_state_of_unit(entries: &[&Entry], link: &dyn Fn(&str) -> String) -> ((String, String, u8), String) {
    let own: Vec<&Entry> = entries.iter().filter(|e| e.position.is_none()).copied().collect();
    let mut positions: BTreeMap<&str, bool> = BTreeMap::new();
    for e in entries.iter().filter(|e| e.document.is_pk() && e.document != DocKind::PohonKinerja) {
        if let Some(p) = &e.position {
            let signed = positions.entry(p.as_str()).or_default();
            *signed |= e.stage == Stage::Final;
        }
    }
    let officials = match positions.len() {
        0 => String::new(),
        n => format!("; PK pejabat: {n} jabatan, {} ditandatangani", positions.values().filter(|s| **s).count()),
    };
    (own_pk_state(&own, link), officials)
}

/// The unit's own PK: the perubahan when signed, else the murni; signed over draft.
fn own_pk_state(entries: &[&Entry], link: &dyn Fn(&str) -> String) -> (String, String, u8) {
    let newest = |kind: DocKind, stage: Stage| {
        entries.iter().filter(|e| e.document == kind && e.stage == stage).max_by_key(|e| e.version).copied()
    };
    let signed = newest(DocKind::PerjanjianKinerjaPerubahan, Stage::Final)
        .map(|e| (e, "perubahan"))
        .or_else(|| newest(DocKind::PerjanjianKinerja, Stage::Final).map(|e| (e, "murni")));
    if let Some((e, which)) = signed {
        let draft = newest(DocKind::PerjanjianKinerjaPerubahan, Stage::Draft)
            .filter(|_| which == "murni")
            .map(|d| format!("; draft perubahan v{}", d.version))
            .unwrap_or_default();
        return (format!("ditandatangani ({which} v{}, {}){draft}", e.version, e.date), link(&e.path), 2);
    }
    let draft = newest(DocKind::PerjanjianKinerjaPerubahan, Stage::Draft)
        .map(|e| (e, "perubahan"))
        .or_else(|| newest(DocKind::PerjanjianKinerja, Stage::Draft).map(|e| (e, "murni")));
    match draft {
        Some((e, which)) => (format!("draft {which} v{}, {}", e.version, e.date), link(&e.path), 1),
        None => ("—".to_string(), String::new(), 0),
    }
}

/// The Laporan Kinerja of a unit's year as the page shows it: its newest final, else its newest draft.
fn lkjip_state(entries: &[&Entry], link: &dyn Fn(&str) -> String) -> (String, String, u8) {
    let newest = |stage: Stage| {
        entries
            .iter()
            .filter(|e| e.document == DocKind::LaporanKinerja && e.stage == stage)
            .max_by_key(|e| e.version)
            .copied()
    };
    match (newest(Stage::Final), newest(Stage::Draft)) {
        (Some(e), _) => (format!("final v{}, {}", e.version, e.date), link(&e.path), 2),
        (None, Some(e)) => (format!("draft v{}, {}", e.version, e.date), link(&e.path), 1),
        (None, None) => ("—".to_string(), String::new(), 0),
    }
}

/// The versions of one year's and period's rekapitulasi.
#[derive(Debug, Serialize)]
struct Recap {
    year: i32,
    period_label: String,
    /// Archive number.
    archive: usize,
    versions: Vec<Version>,
}

#[derive(Debug, Serialize)]
struct StageCell {
    version: u32,
    date: String,
    href: String,
}

#[derive(Debug, Serialize)]
struct Unmet {
    code: String,
    name: String,
    capaian: String,
    has_plan: bool,
}

#[derive(Debug, Serialize)]
struct Version {
    /// Anchor id of this version on the page.
    id: String,
    title: &'static str,
    stage: &'static str,
    version: u32,
    date: String,
    href: String,
    data_href: String,
    sha: String,
    changes: Vec<String>,
    /// The version it follows (a konsep's draft, a final's konsep): label and anchor.
    parent: Option<(String, String)>,
}

impl Version {
    /// The version of an archived entry, with its anchor and its files' links; no parent.
    fn of(e: &Entry, id: String, link: &dyn Fn(&str) -> String) -> Version {
        Version {
            id,
            title: e.document.title(),
            stage: e.stage.slug(),
            version: e.version,
            date: e.date.clone(),
            href: link(&e.path),
            data_href: link(&e.data_path),
            sha: e.sha256.chars().take(12).collect(),
            changes: e.changes.clone(),
            parent: None,
        }
    }
}

const STAGES: [Stage; 3] = [Stage::Draft, Stage::Konsep, Stage::Final];

/// The page over `sources`, as bytes.
pub fn render(sources: &[Source]) -> Result<Vec<u8>, String> {
    let mut rows = Vec::new();
    let mut recaps = Vec::new();
    for (n, src) in sources.iter().enumerate() {
        rows.extend(rows_of(src, n + 1));
        recaps.extend(recaps_of(src, n + 1));
    }
    rows.sort_by(|a, b| {
        (a.year, a.period_order, &a.unit_name, &a.unit_code, a.archive).cmp(&(
            b.year,
            b.period_order,
            &b.unit_name,
            &b.unit_code,
            b.archive,
        ))
    });
    let mut years: Vec<i32> = rows.iter().map(|r| r.year).collect();
    years.sort_unstable();
    years.dedup();
    let mut periods: Vec<(u8, String, String)> =
        rows.iter().map(|r| (r.period_order, r.period.clone(), r.period_label.clone())).collect();
    periods.sort();
    periods.dedup();
    let several = sources.len() > 1 || sources.iter().any(|s| s.verified.is_some());
    let page = Page {
        archives: sources
            .iter()
            .enumerate()
            .map(|(i, s)| ArchiveView {
                label: s.root.display().to_string(),
                number: i + 1,
                documents: s.documents(),
                verified: s.verified.clone(),
            })
            .collect(),
        show_archives: several,
        rows,
        recaps,
        years,
        periods: periods.into_iter().map(|(_, s, l)| (s, l)).collect(),
        documents: sources.iter().map(Source::documents).sum(),
        tool: crate::archive::TOOL,
    };
    let mut env = minijinja::Environment::new();
    // Every value is HTML-escaped (the template is named `.html`); a text's bidi controls are isolated
    // first, so that a name cannot reorder what the page shows after it.
    env.set_formatter(|out, state, value| {
        match value.as_str().filter(|_| !value.is_safe()).map(crate::text::isolate_bidi) {
            Some(std::borrow::Cow::Owned(isolated)) => {
                minijinja::escape_formatter(out, state, &minijinja::Value::from(isolated))
            }
            _ => minijinja::escape_formatter(out, state, value),
        }
    });
    env.add_template("index.html", TEMPLATE).map_err(|e| format!("templat halaman indeks: {e}"))?;
    let tmpl = env.get_template("index.html").map_err(|e| format!("templat halaman indeks: {e}"))?;
    tmpl.render(minijinja::value::Serde(&page))
        .map(String::into_bytes)
        .map_err(|e| format!("halaman indeks tidak dapat disusun: {e}"))
}

impl Source<'_> {
    /// How many documents its manifest lists.
    fn documents(&self) -> usize {
        self.archive.map_or(0, |a| a.manifest().entries.len())
    }
}

/// The rows of one archive: its entries grouped by unit, year and period.
fn rows_of(src: &Source, number: usize) -> Vec<Row> {
    let Some(archive) = src.archive else { return vec![] };
    let mf = archive.manifest();
    let mut groups: BTreeMap<(String, i32, Period), Vec<&Entry>> = BTreeMap::new();
    // The documents of a unit's year (the PK's and the Laporan Kinerja) apart from its periods' rows.
    let mut pks: BTreeMap<(String, i32), Vec<&Entry>> = BTreeMap::new();
    for e in mf.entries.iter().filter(|e| e.document != DocKind::Rekapitulasi) {
        if e.document.is_annual() {
            pks.entry((e.unit_code.clone(), e.year)).or_default().push(e);
        } else {
            groups.entry((e.unit_code.clone(), e.year, e.period)).or_default().push(e);
        }
    }
    // A year with a PK (or a report) and no measurement yet still has its row.
    for (unit, year) in pks.keys() {
        if !groups.keys().any(|(u, y, _)| u == unit && y == year) {
            groups.insert((unit.clone(), *year, Period::Tahunan), vec![]);
        }
    }
    // The year's PK documents join the history of its annual row, else of its first row.
    let mut history_of: BTreeMap<(String, i32), Period> = BTreeMap::new();
    for (unit, year, period) in groups.keys() {
        let p = history_of.entry((unit.clone(), *year)).or_insert(*period);
        if *period == Period::Tahunan {
            *p = Period::Tahunan;
        }
    }
    let archive_ok = src.verified.as_ref().is_none_or(|v| v.ok);
    let link = |p: &str| file_link(&src.href, p);
    groups
        .into_iter()
        .map(|((unit, year, period), mut entries)| {
            let year_pks = pks.get(&(unit.clone(), year)).cloned().unwrap_or_default();
            let (pk_text, pk_href, pk_order) = pk_state(&year_pks, &link);
            let (lkjip, lkjip_href, lkjip_order) = lkjip_state(&year_pks, &link);
            let pohon = pohon(archive, &year_pks);
            let measured = !entries.is_empty();
            if history_of.get(&(unit.clone(), year)) == Some(&period) {
                entries.extend(year_pks.iter().copied());
            }
            entries.sort_by(|a, b| {
                (a.stage, a.document, a.version, &a.path).cmp(&(b.stage, b.document, b.version, &b.path))
            });
            let measurement = |stage: Stage| {
                entries
                    .iter()
                    .filter(|e| e.document == DocKind::PengukuranKinerja && e.stage == stage)
                    .max_by_key(|e| e.version)
                    .copied()
            };
            let stages: Vec<Option<&Entry>> = STAGES.iter().map(|s| measurement(*s)).collect();
            let reached = stages
                .iter()
                .rev()
                .flatten()
                .next()
                .copied()
                .or_else(|| entries.iter().rev().find(|e| !e.document.is_annual()).copied())
                .filter(|_| measured);
            let unit_name =
                entries.iter().rev().map(|e| e.unit_name.clone()).find(|n| !n.is_empty()).unwrap_or_default();
            let id = format!("a{number}-{unit}-{year}-{}", period.slug());
            let mut row = Row {
                id: id.clone(),
                archive: number,
                archive_ok,
                search: format!("{} {}", unit_name.to_lowercase(), unit),
                unit_code: unit,
                unit_name,
                year,
                period: period.slug().to_string(),
                period_label: period.label().to_string(),
                period_order: period as u8,
                stage: reached.map(|e| e.stage.slug()).unwrap_or_default().to_string(),
                stage_order: reached.map(|e| e.stage as u8 + 1).unwrap_or(0),
                stages: stages
                    .iter()
                    .map(|e| e.map(|e| StageCell { version: e.version, date: e.date.clone(), href: link(&e.path) }))
                    .collect(),
                capaian: String::new(),
                capaian_sort: -1.0,
                predikat: String::new(),
                tercapai: 0,
                tidak_tercapai: 0,
                tidak_dapat_dihitung: 0,
                belum_ada_realisasi: 0,
                unmet: vec![],
                note: String::new(),
                pk: pk_text,
                pk_href,
                pk_order,
                lkjip,
                lkjip_href,
                lkjip_order,
                pohon,
                history: vec![],
            };
            if let Some(e) = reached {
                match archive.snapshot::<Snapshot>(e) {
                    Ok(snap) => figures(&mut row, &snap),
                    Err(why) => row.note = format!("Cuplikan data tidak terbaca: {why}"),
                }
            }
            let anchor = |e: &Entry| format!("{id}-{}-{}-v{}", e.document.slug(), e.stage.slug(), e.version);
            row.history = entries
                .iter()
                .map(|e| Version {
                    parent: e.parent_sha256.as_ref().map(|p| match entries.iter().find(|x| &x.sha256 == p) {
                        Some(x) => (format!("{} v{}", x.stage.slug(), x.version), format!("#{}", anchor(x))),
                        None => (p.chars().take(12).collect(), String::new()),
                    }),
                    ..Version::of(e, anchor(e), &link)
                })
                .collect();
            row
        })
        .collect()
}

/// The rekapitulasi of an archive, per year and period (newest year first), each with every version.
fn recaps_of(src: &Source, number: usize) -> Vec<Recap> {
    let Some(archive) = src.archive else { return vec![] };
    let mf = archive.manifest();
    let mut groups: BTreeMap<(std::cmp::Reverse<i32>, Period), Vec<&Entry>> = BTreeMap::new();
    for e in mf.entries.iter().filter(|e| e.document == DocKind::Rekapitulasi) {
        groups.entry((std::cmp::Reverse(e.year), e.period)).or_default().push(e);
    }
    let link = |p: &str| file_link(&src.href, p);
    groups
        .into_iter()
        .map(|((year, period), mut entries)| {
            entries.sort_by_key(|e| std::cmp::Reverse(e.version));
            Recap {
                year: year.0,
                period_label: period.label().to_string(),
                archive: number,
                versions: entries
                    .iter()
                    .map(|e| {
                        Version::of(e, format!("a{number}-rekap-{}-{}-v{}", e.year, e.period.slug(), e.version), &link)
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The figures of the stage reached: capaian, predikat, counts, unmet indicators and their plans.
fn figures(row: &mut Row, snap: &Snapshot) {
    let s = &snap.measurement.summary;
    if let Some(c) = s.capaian {
        row.capaian = format::percent(c);
        row.capaian_sort = c;
    }
    row.predikat = s.predikat.clone().unwrap_or_default();
    row.tercapai = s.tercapai;
    row.tidak_tercapai = s.tidak_tercapai;
    row.tidak_dapat_dihitung = s.tidak_dapat_dihitung;
    row.belum_ada_realisasi = s.belum_ada_realisasi;
    row.unmet = snap
        .measurement
        .indicators
        .iter()
        .filter(|i| i.tercapai == Some(false))
        .map(|i| Unmet {
            code: i.code.clone(),
            name: i.name.clone(),
            capaian: i.capaian.map(format::percent).unwrap_or_default(),
            has_plan: snap
                .workbook
                .action_plans
                .iter()
                .any(|p| crate::names::names_indicator(&p.indicator, &i.code, &i.name)),
        })
        .collect();
}

/// The link to an archived file from the page: the archive's link and the file's path; none (`#`) for a
/// path outside the archive's tree (absolute, climbing out), which a manifest may name only when edited.
fn file_link(archive: &str, path: &str) -> String {
    if manifest::is_tree_path(path) {
        format!("{archive}{}", href_path(path))
    } else {
        "#".to_string()
    }
}

/// A path of the archive as a link: each segment percent-encoded where it is not a plain character.
fn href_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The link from folder `from` to folder `to` (both absolute), ending in `/`; none when they share no
/// root (another drive).
pub fn relative_href(from: &Path, to: &Path) -> Option<String> {
    let (a, b): (Vec<_>, Vec<_>) = (from.components().collect(), to.components().collect());
    if a.first() != b.first() {
        return None;
    }
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = vec!["..".to_string(); a.len() - common];
    parts.extend(b[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    let mut s = parts.join("/");
    if !s.is_empty() {
        s.push('/');
    }
    Some(href_path(&s))
}

/// Writes the page of an archive (opened to write) to its `index.html`, atomically. Nothing is written for
/// an archive without documents.
pub fn write(archive: &Archive) -> Result<Option<PathBuf>, String> {
    if archive.manifest().entries.is_empty() {
        return Ok(None);
    }
    let bytes = render_one(archive)?;
    let root = archive.root();
    let path = root.join(FILE);
    let staging = root.join(commit::STAGING);
    fsutil::replace(&path, &bytes, &staging).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir(&staging);
    Ok(Some(path))
}

/// True when `bytes` are a page kinerja wrote (any version): the only file `kinerja index --to` replaces.
/// Recognised by its head: the doctype, then the generator named in the first lines.
pub fn is_own_page(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head);
    head.starts_with("<!DOCTYPE html>") && head.contains("<meta name=\"generator\" content=\"kinerja ")
}

/// The page of one archive, at its root: what its `index.html` holds (verify compares the two).
pub fn render_one(archive: &Archive) -> Result<Vec<u8>, String> {
    render(&[Source { archive: Some(archive), root: archive.root(), href: String::new(), verified: None }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_between_folders() {
        let h = |a: &str, b: &str| relative_href(Path::new(a), Path::new(b)).unwrap();
        assert_eq!(h("/srv/kab", "/srv/kab/arsip-dinkes"), "arsip-dinkes/");
        assert_eq!(h("/srv/kab/web", "/srv/opd/dinas kesehatan"), "../../opd/dinas%20kesehatan/");
        assert_eq!(h("/srv/kab", "/srv/kab"), "");
        assert_eq!(href_path("2024/tw1/a#b/x?.pdf"), "2024/tw1/a%23b/x%3F.pdf");
    }
}
