//! The SOP's stages as code: from a measured workbook to the documents of a
//! stage, written into the archive as new versions (or found unchanged).

use crate::archive::commit::{self, Document};
use crate::archive::{self, changes, fsutil, manifest, KIND_PK};
use crate::document::{self, DocContext, Stage};
use crate::measure::Measurement;
use crate::model::Workbook;
use crate::render::Templates;
use crate::typeset::{assets, Job, Typesetter};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Mutex, OnceLock};
use std::time::Instant;

/// What one run shares between its documents.
pub struct Run<'a> {
    /// The template set.
    pub templates: &'a Templates,
    /// Its hash.
    pub templates_sha: String,
    /// Fonts and library, loaded when the first document is typeset (a rebuild with nothing
    /// changed never needs them); see [`Run::typesetter`].
    pub typesetter: OnceLock<Typesetter>,
    /// How many documents are typeset at once.
    pub workers: usize,
    /// The archive root.
    pub root: PathBuf,
    /// The build date.
    pub date: NaiveDate,
    /// The manifest as read at the start, plus what this run appended (under the lock).
    pub manifest: Mutex<manifest::Manifest>,
    /// Where the time goes, summed over documents.
    pub timings: Timings,
    /// Main sources already composed, by template name (they don't depend on the document).
    pub main_sources: Mutex<HashMap<String, String>>,
    /// Where typeset documents go to be archived (see [`archive_all`]); `None` once the batch is done.
    pub archive: Mutex<Option<mpsc::Sender<Document>>>,
}

impl Run<'_> {
    /// The typesetter, loaded on first use.
    pub fn typesetter(&self) -> &Typesetter {
        self.typesetter.get_or_init(|| Typesetter::new(self.templates, self.workers))
    }
}

/// Archives the documents the workers hand over, on a thread of its own, so that waiting for the disk
/// stays off the typesetting threads. Whatever arrived while the previous group was being synced goes
/// in as the next group (see [`commit::archive`]). Returns the failures by the PDF's path.
pub fn archive_all(run: &Run, documents: mpsc::Receiver<Document>) -> HashMap<String, String> {
    let mut failed = HashMap::new();
    let mut journal = commit::Journal::new(&run.root);
    while let Ok(first) = documents.recv() {
        let started = Instant::now();
        let mut group = vec![first];
        group.extend(documents.try_iter());
        let results = commit::archive(&run.root, &mut journal, &group);
        // (A batch has one workbook per unit and period, so no worker waits for these entries.)
        let mut mf = run.manifest.lock().unwrap_or_else(|e| e.into_inner());
        for (doc, result) in group.into_iter().zip(results) {
            match result {
                Ok(()) => mf.entries.push(doc.entry),
                Err(e) => {
                    failed.insert(doc.entry.path, e);
                }
            }
        }
        drop(mf);
        Timings::add(&run.timings.archive, started);
    }
    journal.finish();
    if let Some(cpu) = thread_cpu_ns() {
        run.timings.archive_cpu.store(cpu, Ordering::Relaxed);
    }
    failed
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

/// One document as written (or found unchanged).
#[derive(Debug, Clone, Serialize)]
pub struct Written {
    /// `pengukuran-kinerja` or `rencana-aksi`.
    pub document: String,
    /// `written` or `unchanged`.
    pub status: &'static str,
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

/// Why a document could not be made.
#[derive(Debug, Clone)]
pub enum Failure {
    /// A gate of the stage refused, one reason per line.
    Refused(Vec<String>),
    /// Typesetting or writing failed.
    Error(String),
}

/// Makes (or finds unchanged) the document of `kind` for a workbook at a stage, adding the time
/// spent to the run's timings (typst apart from the rest).
pub fn make(
    run: &Run,
    wb: &Workbook,
    m: &Measurement,
    workbook_path: &Path,
    stage: Stage,
    kind: &str,
    parent: Option<String>,
) -> Result<Written, Failure> {
    let started = Instant::now();
    let mut typeset_ns = 0;
    let result = (|| {
        let source = archive::source_hash(wb, &run.templates_sha, kind);
        let key = document_key(kind, wb, stage);
        // The version comes from the manifest; the batch has at most one workbook per unit and period.
        let (version, previous) = {
            let mf = run.manifest.lock().unwrap_or_else(|e| e.into_inner());
            let newest = mf.newest(&key).cloned();
            if let Some(n) = &newest {
                if n.source_sha256 == source {
                    return Ok(Written {
                        document: kind.to_string(),
                        status: "unchanged",
                        version: n.version,
                        path: n.path.clone(),
                        data_path: n.data_path.clone(),
                        sha256: n.sha256.clone(),
                        source_sha256: source,
                        warnings: vec![],
                    });
                }
            }
            (newest.as_ref().map_or(1, |n| n.version + 1), newest)
        };
        let logo = assets::load_logo(workbook_path, wb.identity.logo.as_deref()).map_err(Failure::Error)?;
        // What changed since the previous version, from the snapshot archived beside it.
        let changes = match &previous {
            Some(p) => {
                let bytes = fsutil::read(&run.root.join(&p.data_path)).map_err(|e| Failure::Error(e.to_string()))?;
                let old: changes::Snapshot = serde_json::from_slice(&bytes)
                    .map_err(|e| Failure::Error(format!("cuplikan data {} tidak dapat dibaca: {e}", p.data_path)))?;
                changes::changes(&old, wb, m)
            }
            None => Vec::new(),
        };
        let ctx = DocContext {
            stage,
            version,
            build_date: run.date,
            source_short: source[..12].to_string(),
            logo_file: logo.as_ref().map(|(n, _)| n.clone()),
            changes: changes.clone(),
            previous_version: previous.as_ref().map(|p| p.version),
            title: if kind == KIND_PK { "Pengukuran Kinerja" } else { "Rencana Aksi" },
        };
        let data = document::data(wb, m, &ctx);
        let template = if kind == KIND_PK { stage.slug().to_string() } else { kind.to_string() };
        let cached = run.main_sources.lock().unwrap_or_else(|e| e.into_inner()).get(&template).cloned();
        let main = match cached {
            Some(m) => m,
            None => {
                let m = run.templates.main_source(&template, stage).map_err(|e| Failure::Error(e.to_string()))?;
                run.main_sources.lock().unwrap_or_else(|e| e.into_inner()).insert(template.clone(), m.clone());
                m
            }
        };
        let job = Job {
            templates: run.templates,
            main,
            main_template: format!("{template}.typ.j2"),
            data: serde_json::to_vec_pretty(&data).unwrap_or_default(),
            logo,
            date: run.date,
            ident: format!(
                "kinerja/{}/{}/{}/{}/{kind}/v{version}",
                wb.identity.unit_code,
                wb.identity.year,
                wb.identity.period.slug(),
                stage.slug()
            ),
            pdfa: stage == Stage::Final,
        };
        let typeset_started = Instant::now();
        let typeset = run.typesetter().typeset(&job);
        typeset_ns = typeset_started.elapsed().as_nanos() as u64;
        let out = typeset.map_err(|e| Failure::Error(e.to_string()))?;
        let mut warnings = out.warnings.clone();
        let missing = run.typesetter().missing_glyphs(&String::from_utf8_lossy(&job.data));
        if !missing.is_empty() {
            let list: Vec<String> = missing.iter().take(10).map(|c| format!("'{c}' (U+{:04X})", *c as u32)).collect();
            let list = list.join(", ");
            warnings.push(format!(
                "peringatan: huruf dokumen tidak memiliki karakter {list}; karakter itu tercetak sebagai kotak kosong. Ganti teksnya, atau tambahkan huruf yang memuatnya di templates/fonts/."
            ));
        }
        let sha = archive::sha256(&out.pdf);
        let dir = run.root.join(archive::document_dir(wb, stage, run.date));
        let stem = archive::file_stem(kind, wb, stage, version, &sha);
        let pdf_path = dir.join(format!("{stem}.pdf"));
        let data_path = dir.join(format!("{stem}.json"));
        let snapshot = serde_json::to_vec_pretty(&json!({
            "document": kind,
            "version": version,
            "source_sha256": source,
            "changes": changes,
            "workbook": wb,
            "measurement": m,
        }))
        .unwrap_or_default();
        let entry = manifest::Entry {
            document: kind.to_string(),
            unit: wb.identity.unit_code.clone(),
            unit_name: wb.identity.unit.clone(),
            year: wb.identity.year,
            period: wb.identity.period.slug().to_string(),
            stage: stage.slug().to_string(),
            version,
            date: run.date.format("%Y-%m-%d").to_string(),
            path: archive::relative(&run.root, &pdf_path),
            sha256: sha.clone(),
            source_sha256: source.clone(),
            data_path: archive::relative(&run.root, &data_path),
            data_sha256: archive::sha256(&snapshot),
            parent_sha256: parent,
            tool: archive::TOOL.to_string(),
            changes,
        };
        let written = Written {
            document: kind.to_string(),
            status: "written",
            version,
            path: entry.path.clone(),
            data_path: entry.data_path.clone(),
            sha256: sha,
            source_sha256: source,
            warnings,
        };
        let files = vec![(entry.data_path.clone(), snapshot), (entry.path.clone(), out.pdf)];
        let archive = run.archive.lock().unwrap_or_else(|e| e.into_inner());
        archive
            .as_ref()
            .and_then(|tx| tx.send(Document { entry, files }).ok())
            .ok_or_else(|| Failure::Error("penulisan arsip sudah berhenti".to_string()))?;
        Ok(written)
    })();
    let total = started.elapsed().as_nanos() as u64;
    run.timings.typeset.fetch_add(typeset_ns, Ordering::Relaxed);
    run.timings.rest.fetch_add(total.saturating_sub(typeset_ns), Ordering::Relaxed);
    result
}

/// The newest archived entry of a unit's period at a stage.
fn newest(run: &Run, wb: &Workbook, stage: Stage) -> Option<manifest::Entry> {
    run.manifest.lock().unwrap_or_else(|e| e.into_inner()).newest(&document_key(KIND_PK, wb, stage)).cloned()
}

/// The key versions of a workbook's document of `kind` at `stage` are counted under (as
/// [`manifest::Entry::key`]).
fn document_key(kind: &str, wb: &Workbook, stage: Stage) -> (String, String, i32, String, String) {
    (
        kind.to_string(),
        wb.identity.unit_code.clone(),
        wb.identity.year,
        wb.identity.period.slug().to_string(),
        stage.slug().to_string(),
    )
}

/// The gate of the konsep (SOP step 6): every indicator has its realisation, and a draft
/// was made and discussed first. Returns the draft it follows, or every reason to refuse.
pub fn konsep_gate(run: &Run, wb: &Workbook, m: &Measurement) -> Result<String, Vec<String>> {
    let mut reasons = Vec::new();
    for (i, ind) in m.indicators.iter().zip(&wb.indicators) {
        if i.status == crate::measure::Status::BelumAdaRealisasi {
            reasons.push(format!(
                "Indikator {} ({}) belum memiliki realisasi {} (baris {} lembar {}).",
                i.code,
                i.name,
                wb.identity.period.label(),
                ind.origin.row,
                ind.origin.sheet
            ));
        }
    }
    let draft = newest(run, wb, Stage::Draft);
    if draft.is_none() {
        reasons.push(
            "Belum ada draft untuk unit dan periode ini: buat draft lebih dulu (kinerja build) dan bahas dalam rapat evaluasi (SOP langkah 4–5)."
                .to_string(),
        );
    }
    match draft {
        Some(d) if reasons.is_empty() => Ok(d.sha256),
        _ => Err(reasons),
    }
}

/// The gate of the final (SOP steps 7–8): the newest konsep was made from the same measured
/// figures, and every unmet indicator has a rencana aksi. Returns the konsep it is signed
/// from, or every reason to refuse.
pub fn final_gate(run: &Run, wb: &Workbook, m: &Measurement) -> Result<String, Vec<String>> {
    let mut reasons = Vec::new();
    let konsep = newest(run, wb, Stage::Konsep);
    match &konsep {
        None => reasons.push(
            "Belum ada konsep untuk unit dan periode ini: buat konsep lebih dulu (kinerja build --stage konsep) dan ajukan kepada Kepala Dinas."
                .to_string(),
        ),
        Some(k) => match fsutil::read(&run.root.join(&k.data_path))
            .ok()
            .and_then(|b| serde_json::from_slice::<changes::Snapshot>(&b).ok())
        {
            None => reasons.push(format!("Cuplikan data konsep v{} ({}) tidak dapat dibaca.", k.version, k.data_path)),
            Some(old) => {
                for d in changes::figures_differ(&old.measurement, m) {
                    reasons.push(format!("{d} Buat konsep baru (kinerja build --stage konsep) agar Kepala Dinas memeriksa angka yang akan ditandatangani."));
                }
            }
        },
    }
    for i in m.indicators.iter().filter(|i| i.tercapai == Some(false)) {
        let has_plan = wb.action_plans.iter().any(|p| crate::model::names_indicator(&p.indicator, &i.code, &i.name));
        if !has_plan {
            reasons.push(format!(
                "Indikator {} ({}) tidak tercapai ({}) dan belum memiliki rencana aksi: isi baris untuknya di lembar Rencana Aksi (kendala, rencana aksi, penanggung jawab, batas waktu).",
                i.code,
                i.name,
                i.capaian.map(crate::format::percent).unwrap_or_default()
            ));
        }
    }
    match konsep {
        Some(k) if reasons.is_empty() => Ok(k.sha256),
        _ => Err(reasons),
    }
}
