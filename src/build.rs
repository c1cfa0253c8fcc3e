//! The build of a batch, top to bottom: every workbook is loaded (read and measured), passes its
//! stage's gate, and each document the stage makes is composed, typeset and handed to the archive
//! thread. One bad workbook is reported and the others go on.
//!
//! ```text
//! workbook ─ load ─▶ Loaded ─ stage::gate ─▶ make: compose ─▶ typeset ─▶ Document ─▶ archive thread
//!              (read + measure)                  (per kind)                        (journal, files, manifest)
//! ```
//!
//! A workbook whose bytes, templates and program are those of the newest version of its document
//! is known unchanged without being read (see [`unchanged_unread`]).

use crate::archive::changes::{self, Made};
use crate::archive::commit::{Document, Inputs, NewDocument};
use crate::archive::manifest::{self, Entry};
use crate::archive::snapshot::{self, LastYear, LastYearRow, Snapshot};
use crate::archive::{self, Archive, Next};
use crate::compose::{Composer, DocContext};
use crate::document::{Doc, DocKey, DocKind, Stage, Status};
use crate::findings::{self, Finding};
use crate::lkjip;
use crate::load::{self, Loaded};
use crate::measure::Measurement;
use crate::model::Workbook;
use crate::pk;
use crate::stage;
use crate::templates::{Hashes, Templates};
use crate::typeset::{Job, Typesetter};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex, OnceLock};
use std::time::Instant;

/// What one run shares between its documents.
pub struct Run<'a> {
    /// The template set.
    pub templates: &'a Templates,
    /// Its hash, per family of documents.
    pub templates_sha: Hashes,
    /// The documents asked for (`--doc`).
    pub doc: Doc,
    /// Composes every document of the run from the template set.
    pub composer: Composer<'a>,
    /// Fonts and library, loaded when the first document is typeset (a rebuild with nothing
    /// changed never needs them); see [`Run::typesetter`].
    pub typesetter: OnceLock<Typesetter>,
    /// How many documents are typeset at once.
    pub workers: usize,
    /// The stage asked for.
    pub stage: Stage,
    /// The archive, opened for writing (its manifest grows with what this run archives).
    pub archive: &'a Archive,
    /// The build date.
    pub date: NaiveDate,
    /// Where the time goes, summed over documents.
    pub timings: Timings,
    /// Where typeset documents go to be archived (see [`archive_all`]); `None` once the batch is done.
    pub sender: Mutex<Option<mpsc::Sender<Document>>>,
}

impl Run<'_> {
    /// The typesetter, loaded on first use.
    pub fn typesetter(&self) -> &Typesetter {
        self.typesetter.get_or_init(|| Typesetter::new(self.templates, self.workers))
    }
}

/// The outcome of one workbook.
#[derive(Debug, Serialize)]
pub struct Outcome {
    /// The workbook's path.
    pub file: String,
    /// The unit's name, when the workbook could be read.
    #[serde(rename = "unit")]
    pub unit_name: Option<String>,
    /// The stage asked for.
    pub stage: Stage,
    /// What became of it.
    pub status: Status,
    /// The documents written or found unchanged.
    pub documents: Vec<Written>,
    /// Why the stage refused or the build failed, one line each.
    pub reasons: Vec<String>,
    /// Every finding of the workbook.
    pub findings: Vec<Finding>,
    /// Warnings when the workbook was not read again (unchanged): as many as when its newest
    /// version was made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warnings_unread: Option<usize>,
}

impl Outcome {
    fn new(file: String, stage: Stage, status: Status) -> Self {
        Outcome {
            file,
            unit_name: None,
            stage,
            status,
            documents: vec![],
            reasons: vec![],
            findings: vec![],
            warnings_unread: None,
        }
    }

    /// The outcome of a path that does not exist.
    pub fn missing(path: &Path, stage: Stage) -> Self {
        let mut o = Outcome::new(path.display().to_string(), stage, Status::Error);
        o.findings = vec![load::missing_path(path)];
        o
    }
}

/// What a batch came to, in documents: the terminal's last line and `--json`'s summary count them alike.
/// A workbook that was refused, failed or is an empty template counts as one (it stands for what it
/// would have made); every other document counts once, so a final with its Rencana Aksi is two.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// All of the below.
    pub documents: usize,
    /// New versions archived.
    pub written: usize,
    /// Documents whose newest version was already made from the same sources.
    pub unchanged: usize,
    /// Workbooks a gate refused.
    pub refused: usize,
    /// Workbooks that could not be read, or whose documents could not be made or archived.
    pub error: usize,
    /// Unfilled templates, skipped.
    pub empty: usize,
}

impl Tally {
    /// The tally of a batch's outcomes.
    pub fn of(outcomes: &[Outcome]) -> Tally {
        let mut t = Tally::default();
        for o in outcomes {
            t.written += o.documents.iter().filter(|d| d.status == Status::Written).count();
            t.unchanged += o.documents.iter().filter(|d| d.status == Status::Unchanged).count();
            match o.status {
                Status::Refused => t.refused += 1,
                Status::Error => t.error += 1,
                Status::Empty => t.empty += 1,
                Status::Written | Status::Unchanged => {}
            }
        }
        t.documents = t.written + t.unchanged + t.refused + t.error + t.empty;
        t
    }
}

/// One document as written (or found unchanged).
#[derive(Debug, Clone, Serialize)]
pub struct Written {
    /// Its kind.
    pub document: DocKind,
    /// `written` or `unchanged`.
    pub status: Status,
    /// Version number.
    pub version: u32,
    /// The PDF's path relative to the archive root.
    pub path: String,
    /// The data snapshot's path relative to the archive root.
    pub data_path: String,
    /// sha256 of the PDF.
    pub sha256: String,
    /// sha256 of the sources.
    pub source_sha256: String,
    /// typst's warnings while making it, with their places.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Written {
    fn unchanged(e: &Entry) -> Self {
        Written {
            document: e.document,
            status: Status::Unchanged,
            version: e.version,
            path: e.path.clone(),
            data_path: e.data_path.clone(),
            sha256: e.sha256.clone(),
            source_sha256: e.source_sha256.clone(),
            warnings: vec![],
        }
    }
}

/// Builds the batch `files` at the run's stage: one outcome per workbook, in their order.
/// `done` is told of each outcome as it is made (the progress bar).
pub fn batch(run: &Run, files: &[PathBuf], jobs: usize, done: &(dyn Fn(&Outcome) + Sync)) -> Vec<Outcome> {
    // Two workbooks for one unit and period must be seen together, before either is built: a first
    // pass hashes each workbook and finds its key in the manifest, or reads its Identitas sheet alone
    // (keeping whole workbooks would grow memory with the batch).
    let first: Vec<FirstPass> = parallel_map(files, jobs, |path| {
        let started = Instant::now();
        // A panic here leaves the workbook to the second pass, which reports it as its failure.
        let pass = load::contained(|| first_pass(run, path)).unwrap_or(FirstPass {
            workbook_sha: String::new(),
            key: None,
            unchanged: None,
        });
        Timings::add(&run.timings.read, started);
        pass
    });
    let twins = same_document(run.doc, files, &first);
    // A unit's earlier year is archived before its later one is made, which shows last year's figures:
    // the batch goes in waves, a workbook's wave the rank of its year among its unit and period's.
    let wave = |i: usize| match &first[i].key {
        Some((unit, year, period)) => first
            .iter()
            .filter_map(|p| p.key.as_ref())
            .filter(|(u, y, p)| u == unit && p == period && y < year)
            .map(|(_, y, _)| *y)
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        None => 0,
    };
    let waves: Vec<usize> = (0..files.len()).map(wave).collect();
    let mut outcomes: Vec<Option<Outcome>> = (0..files.len()).map(|_| None).collect();
    for w in 0..=waves.iter().copied().max().unwrap_or(0) {
        let items: Vec<usize> = (0..files.len()).filter(|i| waves[*i] == w).collect();
        for (i, o) in items.iter().zip(build_wave(run, files, &first, &items, w > 0, &twins, jobs, done)) {
            outcomes[*i] = Some(o);
        }
    }
    outcomes.into_iter().flatten().collect()
}

/// Builds the workbooks `items` (indices into `files`) on the workers, with one more thread writing
/// what they make into the archive; returns when all is archived. In a later wave the first pass's
/// "unchanged" is decided again: the wave before may have archived last year's document.
#[allow(clippy::too_many_arguments)]
fn build_wave(
    run: &Run,
    files: &[PathBuf],
    first: &[FirstPass],
    items: &[usize],
    again: bool,
    twins: &HashMap<String, Vec<String>>,
    jobs: usize,
    done: &(dyn Fn(&Outcome) + Sync),
) -> Vec<Outcome> {
    let (to_archive, documents) = mpsc::channel();
    *run.sender.lock().unwrap_or_else(|e| e.into_inner()) = Some(to_archive);
    let (mut outcomes, failed) = std::thread::scope(|scope| {
        let archiver = std::thread::Builder::new()
            .name("kinerja-arsip".into())
            .spawn_scoped(scope, move || archive_all(run, documents))
            .expect("thread arsip");
        // However the workers end, the archive thread is told the batch is done, or it (and the
        // scope, and the build holding the lock) would wait for ever.
        let _batch_done = BatchDone(run);
        let outcomes: Vec<Outcome> = parallel_map(items, jobs, |&i| {
            let path = &files[i];
            let o = load::contained(|| {
                let pass = &first[i];
                let unchanged =
                    if again { unchanged_unread(run, path, &pass.workbook_sha) } else { pass.unchanged.clone() };
                match (&unchanged, twins.get(&path.display().to_string())) {
                    (Some(entries), None) => unread(path, entries),
                    (_, twin) => {
                        let started = Instant::now();
                        let loaded = load::load(path);
                        Timings::add(&run.timings.read, started);
                        match twin {
                            Some(others) => refuse_twin(run, &loaded, others),
                            None => build_one(run, &loaded),
                        }
                    }
                }
            })
            .unwrap_or_else(|panic| {
                let mut o = Outcome::new(path.display().to_string(), run.stage, Status::Error);
                o.reasons = vec![format!(
                    "galat internal kinerja saat membuat dokumennya: {panic}. Dokumen lain tetap dibuat; mohon laporkan galat ini beserta buku kerjanya."
                )];
                o
            });
            done(&o);
            o
        });
        drop(_batch_done);
        (outcomes, archiver.join().map_err(|_| ()))
    });
    not_archived(&mut outcomes, failed.as_ref().ok());
    outcomes
}

/// Drops the archive thread's sender when dropped: the batch is done, even when a worker panicked.
struct BatchDone<'r, 'a>(&'r Run<'a>);

impl Drop for BatchDone<'_, '_> {
    fn drop(&mut self) {
        self.0.sender.lock().unwrap_or_else(|e| e.into_inner()).take();
    }
}

/// What the first pass learns of a workbook.
struct FirstPass {
    /// sha256 of the workbook's bytes (empty when it can't be read).
    workbook_sha: String,
    /// The unit, year and period it is for, when known.
    key: Option<(String, i32, crate::model::Period)>,
    /// Its documents' newest entries, when they were made from these very bytes, templates and
    /// program (the workbook need not be read).
    unchanged: Option<Vec<Entry>>,
}

fn first_pass(run: &Run, path: &Path) -> FirstPass {
    let workbook_sha = std::fs::read(path).map(|b| archive::sha256(&b)).unwrap_or_default();
    if let Some(entries) = unchanged_unread(run, path, &workbook_sha) {
        let e = &entries[0];
        return FirstPass {
            key: Some((e.unit_code.clone(), e.year, e.period)),
            workbook_sha,
            unchanged: Some(entries),
        };
    }
    FirstPass { key: crate::workbook::document_key(path), workbook_sha, unchanged: None }
}

/// The newest entries of a workbook's documents at the run's stage, when each was made from the same
/// workbook bytes, templates and program, the same last year's document and the same logo
/// ([`input_hash`]): then nothing the document is made from has changed, and the workbook need not be
/// read. Only for the draft and the konsep, which make one document and whose gates depend on nothing
/// that changes while the workbook doesn't; a final is always read (it may need a Rencana Aksi, and
/// its gate looks at the newest konsep).
fn unchanged_unread(run: &Run, path: &Path, workbook_sha: &str) -> Option<Vec<Entry>> {
    if run.stage == Stage::Final || workbook_sha.is_empty() {
        return None;
    }
    if run.doc != Doc::Pengukuran {
        // A PK's RA PK and its perubahan's murni, a report's archive sources, are not in the input
        // hash: always read.
        return None;
    }
    let mf = run.archive.manifest();
    let made = mf.entries.iter().rev().find(|e| {
        e.stage == run.stage && e.document == DocKind::PengukuranKinerja && e.workbook_sha256 == workbook_sha
    })?;
    let newest = mf.newest(&made.key())?.clone();
    let last = last_year_entry(&mf, &newest.unit_code, newest.year, newest.period).map(|e| e.sha256.clone());
    let pks = pk_entries(&mf, &newest.unit_code, newest.year);
    drop(mf);
    // The logo the workbook names (its snapshot says which file), as it is now beside the workbook.
    let logo = match logo_named(run.archive, &newest)? {
        Some(name) => Some(logo_sha(path, &name)?),
        None => None,
    };
    let input = input_hash(
        workbook_sha,
        run.templates_sha.get(DocKind::PengukuranKinerja),
        DocKind::PengukuranKinerja,
        last.as_deref(),
        logo.as_deref(),
        &pks,
    );
    (newest.input_sha256 == input).then(|| vec![newest])
}

/// The logo file an archived document's workbook names, from its snapshot: Some(None) when it names
/// none, None when the snapshot cannot be read.
fn logo_named(archive: &Archive, e: &Entry) -> Option<Option<String>> {
    #[derive(serde::Deserialize)]
    struct Snap {
        workbook: Wb,
    }
    #[derive(serde::Deserialize)]
    struct Wb {
        identity: Id,
    }
    #[derive(serde::Deserialize)]
    struct Id {
        logo: Option<String>,
    }
    archive.snapshot::<Snap>(e).ok().map(|s| s.workbook.identity.logo)
}

/// sha256 of the logo file `name` beside a workbook, as it is on disk now; None when it cannot be
/// read (the reader reports that at the Logo cell).
fn logo_sha(workbook: &Path, name: &str) -> Option<String> {
    let (_, bytes) = crate::logo::load(workbook, Some(name)).ok()??;
    Some(archive::sha256(&bytes))
}

/// The signed PKs of a unit's year (the murni's and the perubahan's newest finals), which a
/// measurement of that year is held to.
fn pk_entries(mf: &manifest::Manifest, unit: &str, year: i32) -> Vec<Entry> {
    pk::signed_keys(unit, year).iter().filter_map(|key| mf.newest(key).cloned()).collect()
}

/// sha256 of what a document is made from, known before reading its workbook: the workbook's bytes
/// (their sha256), the template set, the program, the document's kind, last year's document when
/// the archive has one, the logo when the workbook names one, and the signed PKs of its year.
fn input_hash(
    workbook_sha: &str,
    templates_sha: &str,
    kind: DocKind,
    last_year: Option<&str>,
    logo: Option<&str>,
    pks: &[Entry],
) -> String {
    let mut text = format!("kinerja-input-v1\n{}\n{}\n{templates_sha}\n{workbook_sha}", archive::TOOL, kind.slug());
    if let Some(sha) = last_year {
        text.push_str(&format!("\nlast-year {sha}"));
    }
    if let Some(sha) = logo {
        text.push_str(&format!("\nlogo {sha}"));
    }
    for pk in pks {
        text.push_str(&format!("\npk {}", pk.sha256));
    }
    archive::sha256(text.as_bytes())
}

/// Last year's document of a unit and period: its final, else its newest konsep.
fn last_year_entry<'a>(
    mf: &'a manifest::Manifest,
    unit: &str,
    year: i32,
    period: crate::model::Period,
) -> Option<&'a Entry> {
    let key = |stage| DocKey {
        unit_code: unit.to_string(),
        year: year - 1,
        period,
        stage,
        kind: DocKind::PengukuranKinerja,
        position: None,
    };
    mf.newest(&key(Stage::Final)).or_else(|| mf.newest(&key(Stage::Konsep)))
}

/// Last year's figures of the workbook's indicators: from the archived document (`archived`, its
/// entry and snapshot), matched by code, else by name; the workbook's own columns win, with a warning
/// where they disagree with the archive. None when neither says anything.
pub fn last_year_of_workbook(
    wb: &Workbook,
    m: &Measurement,
    archived: Option<(&Entry, &Snapshot)>,
) -> (Option<LastYear>, Vec<String>) {
    let mut warnings = Vec::new();
    let has_columns = wb.indicators.iter().any(|i| i.last_year_realisation.is_some() || i.last_year_capaian.is_some());
    if archived.is_none() && !has_columns {
        return (None, warnings);
    }
    let document = archived.map(|(e, _)| {
        format!(
            "{} v{}, {}, {}",
            e.stage.slug(),
            e.version,
            e.date_words(),
            e.sha256.chars().take(12).collect::<String>()
        )
    });
    let rows = m
        .indicators
        .iter()
        .map(|i| {
            let ind = wb.indicator(&i.code);
            let old = archived.and_then(|(_, snap)| {
                let ms = &snap.measurement.indicators;
                ms.iter().find(|o| o.code == i.code).or_else(|| {
                    ms.iter().find(|o| crate::names::normalize(&o.name) == crate::names::normalize(&i.name))
                })
            });
            let stated = ind.map(|x| (x.last_year_realisation, x.last_year_capaian)).unwrap_or_default();
            let archived = (old.and_then(|o| o.realisation), old.and_then(|o| o.capaian));
            if let (Some(_), Some(x)) = (old, ind) {
                // Only where both say something and it differs.
                let differs = |a: Option<f64>, b: Option<f64>, d| a.is_some() && b.is_some() && !crate::format::same_opt(a, b, d);
                if differs(stated.0, archived.0, 4) || differs(stated.1, archived.1, 2) {
                    warnings.push(format!(
                        "peringatan: angka tahun lalu indikator {} di buku kerja ({}!{}) berbeda dengan dokumen arsip {}: yang dipakai angka buku kerja.",
                        i.code,
                        x.origin.sheet,
                        x.origin.row,
                        document.as_deref().unwrap_or("")
                    ));
                }
            }
            // Field by field: the workbook's figure where it gives one, else the archive's.
            let realisation = stated.0.or(archived.0);
            let capaian = stated.1.or(archived.1);
            let from = match (stated.0.is_some() || stated.1.is_some(), archived.0.is_some() || archived.1.is_some()) {
                (true, true) if stated.0.is_some() != archived.0.is_some() || stated.1.is_some() != archived.1.is_some() => "buku kerja dan arsip",
                (true, _) => "buku kerja",
                (false, true) => "arsip",
                (false, false) => "—",
            };
            LastYearRow { code: i.code.clone(), realisation, capaian, from: from.to_string() }
        })
        .collect();
    (Some(LastYear { year: wb.identity.year - 1, document, rows }), warnings)
}

/// The outcome of a workbook known unchanged without reading it.
fn unread(path: &Path, entries: &[Entry]) -> Outcome {
    let e = &entries[0];
    let mut o = Outcome::new(path.display().to_string(), e.stage, Status::Unchanged);
    o.unit_name = Some(e.unit_name.clone());
    o.documents = entries.iter().map(Written::unchanged).collect();
    o.warnings_unread = Some(e.warnings);
    o
}

/// Workbooks that would make the same document, each with the others' names: the same unit, year and
/// period; for a document of the year (the PK, the report), the same unit and year — a report only from
/// the year's workbooks (Tahunan, Triwulan IV), its gate refusing the others.
fn same_document(doc: Doc, files: &[PathBuf], first: &[FirstPass]) -> HashMap<String, Vec<String>> {
    use crate::model::Period;
    let mut by_key: HashMap<_, Vec<String>> = HashMap::new();
    for (file, pass) in files.iter().zip(first) {
        let key = pass.key.as_ref().and_then(|(unit, year, period)| match doc {
            Doc::Pengukuran => Some((unit, *year, *period)),
            Doc::Pk => Some((unit, *year, Period::Tahunan)),
            Doc::Lkjip => matches!(period, Period::Tahunan | Period::Tw4).then_some((unit, *year, Period::Tahunan)),
        });
        if let Some(k) = key {
            by_key.entry(k).or_default().push(file.display().to_string());
        }
    }
    let mut twins = HashMap::new();
    for names in by_key.values().filter(|n| n.len() > 1) {
        for name in names {
            twins.insert(name.clone(), names.iter().filter(|o| *o != name).cloned().collect());
        }
    }
    twins
}

/// The outcome of a workbook that another workbook of the batch duplicates.
fn refuse_twin(run: &Run, loaded: &Loaded, others: &[String]) -> Outcome {
    let id = loaded.workbook.as_ref().map(|w| &w.identity);
    let mut o = Outcome::new(loaded.display.clone(), run.stage, Status::Refused);
    o.unit_name = id.map(|i| i.unit_name.clone());
    o.reasons = vec![if run.doc == Doc::Pengukuran {
        format!(
            "Buku kerja {} juga untuk unit {}, tahun {} dan periode {}; satu unit dan periode hanya boleh punya satu buku kerja, maka keduanya tidak dibangun. Pindahkan salinan yang lama ke luar folder input.",
            others.join(", "),
            id.map_or(String::new(), |i| i.unit_code.clone()),
            id.map_or(String::new(), |i| i.year.to_string()),
            id.map_or("", |i| i.period.label()),
        )
    } else {
        format!(
            "Buku kerja {} juga untuk unit {} dan tahun {}; {} dibuat sekali setahun dari satu buku kerja, maka keduanya tidak dibangun. Sebut buku kerjanya: kinerja build --doc {} BERKAS.xlsx.",
            others.join(", "),
            id.map_or(String::new(), |i| i.unit_code.clone()),
            id.map_or(String::new(), |i| i.year.to_string()),
            if run.doc == Doc::Pk { "Perjanjian Kinerja" } else { "Laporan Kinerja" },
            if run.doc == Doc::Pk { "pk" } else { "lkjip" },
        )
    }];
    o.findings = loaded.findings.clone();
    o
}

/// One loaded workbook through its stage: the gate, then each document the stage makes.
fn build_one(run: &Run, loaded: &Loaded) -> Outcome {
    // The hash of the bytes that were parsed (the file may have been saved since the first pass).
    let workbook_sha = loaded.workbook_sha.as_str();
    let mut outcome = Outcome::new(loaded.display.clone(), run.stage, Status::Error);
    outcome.unit_name = loaded.workbook.as_ref().map(|w| w.identity.unit_name.clone());
    outcome.findings = loaded.findings.clone();
    if let Some(advice) = &loaded.unfilled {
        outcome.status = Status::Empty;
        // "templat belum diisi; …" as a sentence.
        let mut chars = advice.chars();
        let first = chars.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
        outcome.reasons = vec![format!("{first}{}.", chars.as_str())];
        return outcome;
    }
    let (Some(wb), Some(m), false) = (&loaded.workbook, &loaded.measurement, loaded.has_errors()) else {
        if run.stage != Stage::Draft {
            let (errors, _) = findings::count(&loaded.findings);
            outcome.status = Status::Refused;
            outcome.reasons =
                vec![format!("Buku kerja masih memiliki {errors} kesalahan; perbaiki dulu (rinciannya di bawah).")];
        }
        return outcome;
    };
    let (last_year, last_year_sha, mut notes) = match run.doc {
        Doc::Pengukuran => last_year(run, wb, m),
        Doc::Pk | Doc::Lkjip => (None, None, vec![]),
    };
    let held_to = match run.doc {
        Doc::Pengukuran => held_to(run, wb, &mut notes),
        Doc::Pk | Doc::Lkjip => None,
    };
    if let Some(h) = &held_to {
        // Each difference from the signed PK is a finding at its cell (the final is refused for them).
        outcome.findings.extend(h.differences.iter().map(|d| Finding {
            severity: findings::Severity::Warning,
            file: loaded.display.clone(),
            sheet: d.sheet.clone(),
            cell: d.cell.clone(),
            message: format!("Berbeda dengan {}: {}.", h.line, d.what),
            hint: Some(
                "Tulis target sesuai PK yang ditandatangani, atau buat PK perubahan (Jenis PK perubahan, kinerja build --doc pk) bila targetnya memang berubah."
                    .into(),
            ),
        }));
    }
    let murni = match run.doc {
        Doc::Pk if pk::is_revision(wb) => murni(run, wb, &mut notes),
        _ => None,
    };
    // A Laporan Kinerja is drawn from the archive's documents of its year.
    let lkjip = (run.doc == Doc::Lkjip).then(|| lkjip::gather(run.archive, &wb.identity));
    if let Some(Ok(sources)) = &lkjip {
        notes.extend(sources.notes.iter().cloned());
        // Each section the office has not written is left out of the report, with a warning.
        notes.extend(lkjip::narrative_warnings(wb, sources).into_iter().map(|w| format!("peringatan: {w}")));
    }
    let gate = match (run.doc, &lkjip) {
        (Doc::Pengukuran, _) => {
            stage::gate(run.stage, wb, m, last_year.as_ref(), held_to.as_ref(), run.archive, run.date)
        }
        (Doc::Pk, _) => stage::pk_gate(run.stage, wb, run.archive, run.date),
        (Doc::Lkjip, Some(sources)) => stage::lkjip_gate(run.stage, wb, sources, run.archive, run.date),
        (Doc::Lkjip, None) => unreachable!("a report's sources are gathered above"),
    };
    let parent = match gate {
        Ok(p) => p,
        Err(refusal) => {
            outcome.status = Status::Refused;
            outcome.reasons = refusal.reasons.iter().map(ToString::to_string).collect();
            // Where a cause has a cell, it is a finding at that cell too.
            outcome.findings.extend(refusal.reasons.iter().filter_map(|r| r.finding(&loaded.display)));
            return outcome;
        }
    };
    let warnings = findings::count(&loaded.findings).1;
    let lkjip = lkjip.and_then(Result::ok);
    let logo_sha = wb.identity.logo.as_deref().and_then(|name| logo_sha(&loaded.path, name));
    let source = Source {
        wb,
        m,
        path: &loaded.path,
        workbook_sha,
        warnings,
        last_year,
        last_year_sha,
        logo_sha,
        notes,
        held_to,
        murni,
        lkjip,
    };
    for kind in stage::kinds(run.doc, run.stage, wb, m) {
        match make(run, &source, kind, parent.clone()) {
            Ok(w) => outcome.documents.push(w),
            Err(msg) => {
                outcome.status = Status::Error;
                outcome.reasons = vec![msg];
                return outcome;
            }
        }
    }
    // The PK of every official of the cascade, each its own document under the unit.
    if run.doc == Doc::Pk {
        if let Err(refusal) = officials(run, loaded, &source, &mut outcome) {
            outcome.status = Status::Refused;
            outcome.reasons = refusal.reasons.iter().map(ToString::to_string).collect();
            return outcome;
        }
    }
    outcome.status =
        if outcome.documents.iter().any(|d| d.status == Status::Written) { Status::Written } else { Status::Unchanged };
    outcome
}

/// The PKs of the officials of a workbook's cascade (`cascade::official`), each through the PK's gate
/// and its own versions; refused whole while the tree is not (the head's documents are made first).
fn officials(run: &Run, loaded: &Loaded, head: &Source, outcome: &mut Outcome) -> Result<(), stage::Refusal> {
    let wb = head.wb;
    // A cascade without its one head is a problem too, so a tree is there whenever there is none.
    let problems = crate::cascade::problems(wb);
    if !problems.is_empty() {
        return Err(stage::Refusal { reasons: vec![stage::Reason::CascadeBroken(problems.len())] });
    }
    let Some(tree) = crate::cascade::Tree::of(wb) else { return Ok(()) };
    for i in crate::cascade::officials(&tree) {
        let owb = crate::cascade::official(wb, &tree, i);
        let om = crate::measure::measure(&owb, &mut findings::Findings::new(loaded.display.clone()));
        let parent = stage::pk_gate(run.stage, &owb, run.archive, run.date)?;
        let mut notes = vec![];
        let murni = if pk::is_revision(&owb) { murni(run, &owb, &mut notes) } else { None };
        let src = Source {
            wb: &owb,
            m: &om,
            path: head.path,
            workbook_sha: head.workbook_sha,
            warnings: 0,
            last_year: None,
            last_year_sha: None,
            logo_sha: head.logo_sha.clone(),
            notes,
            held_to: None,
            murni,
            lkjip: None,
        };
        for kind in stage::kinds(Doc::Pk, run.stage, &owb, &om) {
            let w = make(run, &src, kind, parent.clone()).map_err(|msg| stage::Refusal {
                reasons: vec![stage::Reason::OfficialFailed {
                    position: owb.identity.signer_title.clone().unwrap_or_default(),
                    why: msg,
                }],
            })?;
            outcome.documents.push(w);
        }
    }
    Ok(())
}

/// What a workbook's documents are made from.
struct Source<'a> {
    /// The workbook's meaning.
    wb: &'a Workbook,
    /// Its measurement.
    m: &'a Measurement,
    /// Its path (the logo is found beside it).
    path: &'a Path,
    /// sha256 of its bytes.
    workbook_sha: &'a str,
    /// How many warnings reading and measuring it gave.
    warnings: usize,
    /// Last year's figures.
    last_year: Option<LastYear>,
    /// The PDF hash of last year's archived document, when there is one.
    last_year_sha: Option<String>,
    /// sha256 of the logo's bytes, when the workbook names one.
    logo_sha: Option<String>,
    /// Warnings about last year's figures, for the document's report.
    notes: Vec<String>,
    /// The signed PK a measurement is held to, when the archive has one for its year.
    held_to: Option<HeldTo>,
    /// The signed PK murni a PK perubahan changes, when the archive has one.
    murni: Option<pk::Murni>,
    /// What a Laporan Kinerja is drawn from in the archive.
    lkjip: Option<lkjip::Sources>,
}

/// The signed Perjanjian Kinerja a measurement is held to, and how it differs from it.
pub struct HeldTo {
    /// The PK as the documents name it: "Perjanjian Kinerja final v1, 2 Januari 2024
    /// (kinerja:perjanjian-kinerja/…)".
    pub line: String,
    /// How the measurement's indicators and targets differ from it.
    pub differences: Vec<pk::Difference>,
}

/// The signed PK in force for the workbook's period: a PK perubahan from its date on, the murni before
/// (a PK's date is its Tanggal PK, else the day its final was made). None without a signed PK.
fn held_to(run: &Run, wb: &Workbook, notes: &mut Vec<String>) -> Option<HeldTo> {
    let id = &wb.identity;
    let entries = pk_entries(&run.archive.manifest(), &id.unit_code, id.year);
    let end = period_end(id.year, id.period);
    let mut best: Option<(Entry, Snapshot, NaiveDate)> = None;
    for e in entries {
        let snap = match run.archive.snapshot::<Snapshot>(&e) {
            Ok(s) => s,
            Err(why) => {
                notes.push(format!("peringatan: Perjanjian Kinerja arsip tidak dapat dibaca: {why}"));
                continue;
            }
        };
        let made = NaiveDate::parse_from_str(&e.date, "%Y-%m-%d").unwrap_or(end);
        let date = snap.workbook.identity.agreement.as_ref().and_then(|a| a.date).unwrap_or(made);
        let in_force = e.document == DocKind::PerjanjianKinerja || date <= end;
        if in_force && best.as_ref().is_none_or(|(b, _, _)| b.document == DocKind::PerjanjianKinerja) {
            best = Some((e, snap, date));
        }
    }
    let (e, snap, date) = best?;
    let code = crate::document::code(&e.key(), e.version, &e.source_sha256);
    let line = format!("{} final v{}, {} ({code})", e.document.title(), e.version, crate::format::date(date));
    Some(HeldTo { line, differences: pk::against(&pk::Promise::of(&snap.workbook), wb) })
}

/// The last day of a period of `year`.
fn period_end(year: i32, period: crate::model::Period) -> NaiveDate {
    let (m, d) = match period {
        crate::model::Period::Tw1 => (3, 31),
        crate::model::Period::Tw2 => (6, 30),
        crate::model::Period::Tw3 => (9, 30),
        crate::model::Period::Tw4 | crate::model::Period::Tahunan => (12, 31),
    };
    NaiveDate::from_ymd_opt(year, m, d).unwrap_or(NaiveDate::MIN)
}

/// The signed PK murni of the workbook's year, which its PK perubahan changes.
fn murni(run: &Run, wb: &Workbook, notes: &mut Vec<String>) -> Option<pk::Murni> {
    let e = run.archive.newest(&DocKey::of(&wb.identity, Stage::Final, DocKind::PerjanjianKinerja));
    let Some(e) = e else {
        notes.push(
            "peringatan: arsip belum memuat PK murni final tahun ini, maka PK perubahan tidak dapat menyebut apa yang berubah darinya."
                .into(),
        );
        return None;
    };
    match run.archive.snapshot::<Snapshot>(&e) {
        Ok(snap) => Some(pk::Murni {
            line: format!(
                "Mengubah Perjanjian Kinerja final v{}, {} ({}).",
                e.version,
                e.date_words(),
                crate::document::code(&e.key(), e.version, &e.source_sha256)
            ),
            promise: pk::Promise::of(&snap.workbook),
        }),
        Err(why) => {
            notes.push(format!("peringatan: PK murni arsip tidak dapat dibaca: {why}"));
            None
        }
    }
}

/// Last year's figures for a workbook: the archive's document of last year (read from its snapshot)
/// and the workbook's columns.
fn last_year(run: &Run, wb: &Workbook, m: &Measurement) -> (Option<LastYear>, Option<String>, Vec<String>) {
    let id = &wb.identity;
    let entry = last_year_entry(&run.archive.manifest(), &id.unit_code, id.year, id.period).cloned();
    let mut notes = Vec::new();
    let snapshot = entry.as_ref().and_then(|e| match run.archive.snapshot::<Snapshot>(e) {
        Ok(s) => Some(s),
        Err(why) => {
            notes.push(format!("peringatan: angka tahun lalu tidak dapat dibaca dari arsip: {why}"));
            None
        }
    });
    let archived = entry.as_ref().zip(snapshot.as_ref());
    let (ly, warnings) = last_year_of_workbook(wb, m, archived);
    notes.extend(warnings);
    (ly, archived.map(|(e, _)| e.sha256.clone()), notes)
}

/// Makes (or finds unchanged) the document of `kind` for a workbook at the run's stage, adding the
/// time spent to the run's timings (typst apart from the rest).
fn make(run: &Run, src: &Source, kind: DocKind, parent: Option<String>) -> Result<Written, String> {
    let started = Instant::now();
    let mut typeset_ns = 0;
    let result = (|| {
        // Last year's figures are shown by the Pengukuran Kinerja alone.
        let shows_last_year = kind == DocKind::PengukuranKinerja;
        let mut extra = src
            .last_year
            .as_ref()
            .filter(|_| shows_last_year)
            .map(|ly| serde_json::to_vec(ly).unwrap_or_default())
            .unwrap_or_default();
        // The PK a measurement names, and the murni a PK perubahan changes, are part of what they show.
        let held_to = src.held_to.as_ref().filter(|_| kind == DocKind::PengukuranKinerja);
        if let Some(h) = held_to {
            extra.extend(format!("\npk {}", h.line).into_bytes());
        }
        if let Some(m) = src.murni.as_ref().filter(|_| kind.is_pk()) {
            extra.extend(format!("\nmurni {}", m.line).into_bytes());
        }
        let templates_sha = run.templates_sha.get(kind);
        let source = match (&src.lkjip, kind) {
            // A report hashes what it prints from the workbook, and the archive's documents it is drawn from.
            (Some(sources), DocKind::LaporanKinerja) => {
                archive::source_hash(&lkjip::meaning(src.wb), templates_sha, kind, &lkjip::hash_lines(sources))
            }
            _ => archive::source_hash(
                &*src.wb.without_report(kind == DocKind::PohonKinerja),
                templates_sha,
                kind,
                &with_logo(&extra, src.logo_sha.as_deref()),
            ),
        };
        // A document archived before the logo counted has the hash without it: unchanged too (whether
        // its logo was another, nothing recorded can tell; docs/decisions.md, "Hardening").
        let before_logo = src.logo_sha.as_ref().filter(|_| kind != DocKind::LaporanKinerja).map(|_| {
            archive::source_hash(&*src.wb.without_report(kind == DocKind::PohonKinerja), templates_sha, kind, &extra)
        });
        // The version comes from the manifest; the batch has at most one workbook per unit and period.
        let key = DocKey::of(&src.wb.identity, run.stage, kind);
        let (version, previous) = match run.archive.next(&key, &source) {
            Next::Unchanged(p) => return Ok(Written { source_sha256: source, ..Written::unchanged(&p) }),
            // A document archived before the logo counted has the hash without it: unchanged too.
            Next::Version { previous: Some(p), .. } if before_logo.as_ref() == Some(&p.source_sha256) => {
                return Ok(Written { source_sha256: source, ..Written::unchanged(&p) })
            }
            Next::Version { number, previous } => (number, previous),
        };
        let ctx = DocContext {
            stage: run.stage,
            kind,
            version,
            build_date: run.date,
            source_short: source[..12].to_string(),
            changes: changes_since(run, previous.as_ref(), src)?,
            previous_version: previous.as_ref().map(|p| p.version),
            last_year: src.last_year.clone().filter(|_| shows_last_year),
            pk: held_to.map(|h| h.line.clone()),
        };
        let composed = run
            .composer
            .compose(src.wb, src.m, &ctx, src.path, src.murni.as_ref(), src.lkjip.as_ref())
            .map_err(|e| e.to_string())?;
        let typeset_started = Instant::now();
        let job = Job {
            templates: run.templates,
            main: composed.main,
            main_template: composed.main_template,
            data: composed.data,
            images: composed.images,
            date: run.date,
            ident: format!(
                "kinerja/{}/{}/{}/{}/{}/v{}",
                src.wb.identity.unit_code,
                src.wb.identity.year,
                src.wb.identity.period.slug(),
                run.stage.slug(),
                kind.slug(),
                ctx.version
            ),
            pdfa: run.stage == Stage::Final,
        };
        // The tests' fault injection (debug builds only): a panic while typesetting the named workbook.
        #[cfg(debug_assertions)]
        if std::env::var("KINERJA_UJI_PANIK").is_ok_and(|v| !v.is_empty() && src.path.ends_with(&v)) {
            panic!("uji: panik yang disengaja");
        }
        let typeset = run.typesetter().typeset(&job);
        typeset_ns = typeset_started.elapsed().as_nanos() as u64;
        let out = typeset.map_err(|e| e.to_string())?;
        let mut warnings = out.warnings;
        warnings.extend(missing_glyphs(run, &job.data));
        warnings.extend(src.notes.iter().cloned());
        let doc = document(run, src, key, &ctx, source, parent, out.pdf);
        let written = Written {
            document: kind,
            status: Status::Written,
            version: ctx.version,
            path: doc.entry.path.clone(),
            data_path: doc.entry.data_path.clone(),
            sha256: doc.entry.sha256.clone(),
            source_sha256: doc.entry.source_sha256.clone(),
            warnings,
        };
        let sender = run.sender.lock().unwrap_or_else(|e| e.into_inner());
        sender.as_ref().and_then(|tx| tx.send(doc).ok()).ok_or_else(|| "penulisan arsip sudah berhenti".to_string())?;
        Ok(written)
    })();
    let total = started.elapsed().as_nanos() as u64;
    run.timings.typeset.fetch_add(typeset_ns, Ordering::Relaxed);
    run.timings.rest.fetch_add(total.saturating_sub(typeset_ns), Ordering::Relaxed);
    result
}

/// What changed since the previous version, from the snapshot archived beside it.
fn changes_since(run: &Run, previous: Option<&Entry>, src: &Source) -> Result<Vec<String>, String> {
    let Some(p) = previous else { return Ok(vec![]) };
    let old: Snapshot = run.archive.snapshot(p).map_err(|e| e.to_string())?;
    if let (DocKind::LaporanKinerja, Some(sources)) = (p.document, &src.lkjip) {
        return Ok(lkjip::changes(&old, src.wb, sources));
    }
    if p.document.is_pk() {
        return Ok(pk::changes(&pk::Promise::of(&old.workbook), &pk::Promise::of(src.wb)));
    }
    let now = Made {
        workbook: src.wb,
        measurement: src.m,
        last_year: src.last_year.as_ref(),
        logo_sha256: src.logo_sha.as_deref(),
    };
    Ok(changes::history(&changes::diff(&Made::of(&old), &now)))
}

/// The source hash's `extra` with the logo's sha256 added when the workbook names a logo; without a
/// logo it is `extra` as it was, so that documents without one keep their source hash.
fn with_logo(extra: &[u8], logo: Option<&str>) -> Vec<u8> {
    let mut out = extra.to_vec();
    if let Some(sha) = logo {
        if !out.is_empty() {
            out.push(b'\n');
        }
        out.extend_from_slice(format!("logo {sha}").as_bytes());
    }
    out
}

/// The warning for characters of the data that the fonts lack (they print as empty boxes).
fn missing_glyphs(run: &Run, data: &[u8]) -> Option<String> {
    let missing = run.typesetter().missing_glyphs(&String::from_utf8_lossy(data));
    if missing.is_empty() {
        return None;
    }
    let list: Vec<String> = missing.iter().take(10).map(|c| format!("'{c}' (U+{:04X})", *c as u32)).collect();
    Some(format!(
        "peringatan: huruf dokumen tidak memiliki karakter {}; karakter itu tercetak sebagai kotak kosong. Ganti teksnya, atau tambahkan huruf yang memuatnya di templates/fonts/.",
        list.join(", ")
    ))
}

/// A typeset document as the archive takes it: its PDF, its data snapshot and what its manifest line
/// records.
fn document(
    run: &Run,
    src: &Source,
    key: DocKey,
    ctx: &DocContext,
    source: String,
    parent: Option<String>,
    pdf: Vec<u8>,
) -> Document {
    let snapshot = Snapshot {
        document: ctx.kind,
        version: ctx.version,
        source_sha256: source.clone(),
        changes: ctx.changes.clone(),
        workbook: src.wb.clone(),
        // A report's figures are its final measurement's, and it names the documents it was drawn from.
        measurement: match (&src.lkjip, ctx.kind) {
            (Some(l), DocKind::LaporanKinerja) => l.measurement.snapshot.measurement.clone(),
            _ => src.m.clone(),
        },
        last_year: ctx.last_year.clone(),
        sources: match (&src.lkjip, ctx.kind) {
            (Some(l), DocKind::LaporanKinerja) => l.used(),
            _ => vec![],
        },
        logo_sha256: src.logo_sha.clone(),
    };
    Document::new(NewDocument {
        key,
        unit_name: src.wb.identity.unit_name.clone(),
        version: ctx.version,
        date: run.date,
        source_sha256: source,
        parent_sha256: parent,
        changes: ctx.changes.clone(),
        inputs: Inputs {
            input_sha256: input_hash(
                src.workbook_sha,
                run.templates_sha.get(ctx.kind),
                ctx.kind,
                src.last_year_sha.as_deref().filter(|_| ctx.kind == DocKind::PengukuranKinerja),
                src.logo_sha.as_deref(),
                &if ctx.kind == DocKind::PengukuranKinerja {
                    pk_entries(&run.archive.manifest(), &src.wb.identity.unit_code, src.wb.identity.year)
                } else {
                    vec![]
                },
            ),
            workbook_sha256: src.workbook_sha.to_string(),
            warnings: src.warnings,
        },
        pdf,
        snapshot: snapshot::to_bytes(&snapshot),
    })
}

/// Archives the documents the workers hand over, on a thread of its own, so that waiting for the disk
/// stays off the typesetting threads. Whatever arrived while the previous group was being synced goes
/// in as the next group (see [`Archive::commit`]). Returns the failures by the PDF's path.
pub fn archive_all(run: &Run, documents: mpsc::Receiver<Document>) -> HashMap<String, String> {
    let mut failed = HashMap::new();
    while let Ok(first) = documents.recv() {
        let started = Instant::now();
        let mut group = vec![first];
        group.extend(documents.try_iter());
        // (A batch has one workbook per unit and period, so no worker waits for these entries.)
        let results = run.archive.commit(&group);
        for (doc, result) in group.into_iter().zip(results) {
            if let Err(e) = result {
                failed.insert(doc.entry.path, e);
            }
        }
        Timings::add(&run.timings.archive, started);
    }
    if let Some(cpu) = thread_cpu_ns() {
        run.timings.archive_cpu.fetch_add(cpu, Ordering::Relaxed);
    }
    failed
}

/// Marks the documents the archive thread could not write (all of them, if it stopped) as errors.
fn not_archived(outcomes: &mut [Outcome], failed: Option<&HashMap<String, String>>) {
    for o in outcomes.iter_mut() {
        let reasons: Vec<String> = o
            .documents
            .iter()
            .filter(|d| d.status == Status::Written)
            .filter_map(|d| match failed {
                Some(f) => f.get(&d.path).map(|e| format!("{} tidak dapat diarsipkan: {e}", d.path)),
                None => Some(format!("{} tidak diarsipkan: penulisan arsip terhenti.", d.path)),
            })
            .collect();
        if !reasons.is_empty() {
            o.documents.retain(|d| d.status != Status::Written || failed.is_some_and(|f| !f.contains_key(&d.path)));
            o.status = Status::Error;
            o.reasons = reasons;
        }
    }
}

/// CPU time the calling thread has used (Linux), in nanoseconds: how much of the archive thread's
/// time is work rather than waiting for the disk.
fn thread_cpu_ns() -> Option<u64> {
    #[cfg(target_os = "linux")]
    {
        let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: a valid pointer to a timespec.
        if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0 {
            return Some(t.tv_sec as u64 * 1_000_000_000 + t.tv_nsec as u64);
        }
    }
    None
}

/// Time spent per part of the pipeline, in nanoseconds, summed over all documents and threads.
#[derive(Debug, Default)]
pub struct Timings {
    /// Reading and measuring workbooks.
    pub read: AtomicU64,
    /// typst compile and PDF export.
    pub typeset: AtomicU64,
    /// Everything else per document on the typesetting threads: hashing, data, snapshots.
    pub rest: AtomicU64,
    /// Writing into the archive, on its own thread (mostly waiting for the disk to sync).
    pub archive: AtomicU64,
    /// The CPU time of the archive thread (Linux; 0 elsewhere).
    pub archive_cpu: AtomicU64,
}

impl Timings {
    /// Adds the time since `since` to a counter.
    pub fn add(counter: &AtomicU64, since: Instant) {
        counter.fetch_add(since.elapsed().as_nanos() as u64, Ordering::Relaxed);
    }

    /// Seconds per part.
    pub fn seconds(&self) -> Seconds {
        let s = |c: &AtomicU64| c.load(Ordering::Relaxed) as f64 / 1e9;
        Seconds {
            read: s(&self.read),
            typeset: s(&self.typeset),
            rest: s(&self.rest),
            archive: s(&self.archive),
            archive_cpu: s(&self.archive_cpu),
        }
    }
}

/// [`Timings`] in seconds, as `kinerja build --json` reports them.
#[derive(Debug, Serialize)]
pub struct Seconds {
    /// Reading and measuring workbooks (typesetting threads).
    pub read: f64,
    /// typst compile and PDF export (typesetting threads).
    pub typeset: f64,
    /// Everything else on the typesetting threads.
    pub rest: f64,
    /// The archive thread, waiting for the disk included.
    pub archive: f64,
    /// The archive thread's CPU time.
    pub archive_cpu: f64,
}

/// Maps `f` over `items` on `jobs` worker threads, keeping the items' order.
///
/// Documents are coarse tasks, so plain threads pulling the next index do; typst's own fine-grained
/// parallelism runs on rayon's global pool beside them. (Running documents on a rayon pool too would
/// let a thread waiting inside typst steal a whole other document, which blurs the timings.)
pub fn parallel_map<T: Sync, R: Send>(items: &[T], jobs: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(items.len()));
    std::thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, items.len().max(1)) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let r = f(item);
                results.lock().unwrap_or_else(|e| e.into_inner()).push((i, r));
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}
