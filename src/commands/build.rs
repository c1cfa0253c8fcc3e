//! `kinerja build`: SOP steps 4–8. Every workbook of the batch is read,
//! measured, passed through its stage's gates, typeset and archived; a bad
//! workbook is reported and the others go on.

use crate::archive::{self, commit, fsutil, manifest, KIND_PK, KIND_RA};
use crate::cli::BuildArgs;
use crate::document::Stage;
use crate::findings::Finding;
use crate::pipeline::{self, Loaded};
use crate::render::Templates;
use crate::stages::{self, Failure, Run, Timings, Written};
use crate::workbook;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

/// The outcome of one workbook.
#[derive(Debug, Serialize)]
pub struct Outcome {
    /// The workbook's path.
    pub file: String,
    /// The unit's name, when the workbook could be read.
    pub unit: Option<String>,
    /// The stage asked for.
    pub stage: &'static str,
    /// `written`, `unchanged`, `refused` or `error`.
    pub status: &'static str,
    /// The documents written or found unchanged.
    pub documents: Vec<Written>,
    /// Why the stage refused, one line each.
    pub reasons: Vec<String>,
    /// Every finding of the workbook.
    pub findings: Vec<Finding>,
}

/// Builds the batch; true when every workbook was built or already up to date.
pub fn run(args: &BuildArgs) -> bool {
    let started = Instant::now();
    let date = match super::build_date(args.date.as_deref()) {
        Ok(d) => d,
        Err(msg) => {
            eprintln!("{msg}");
            std::process::exit(2);
        }
    };
    let templates = match Templates::load(&args.templates) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("KESALAHAN: {e}");
            return false;
        }
    };
    let (files, missing) = pipeline::collect(&args.paths, &args.input);
    if let Err(e) = fsutil::create_dir_all(&args.output) {
        eprintln!("KESALAHAN: {e}");
        return false;
    }
    let _lock = match archive::lock::acquire(&args.output) {
        Ok(l) => l,
        Err(msg) => {
            eprintln!("KESALAHAN: {msg}");
            return false;
        }
    };
    match commit::recover(&args.output) {
        Ok(r) => {
            for p in &r.completed {
                eprintln!("Dilengkapi dari build yang terhenti: {p}");
            }
            for p in &r.rolled_back {
                eprintln!("Dihapus (tidak pernah selesai diarsipkan): {p}");
            }
        }
        Err(e) => {
            eprintln!("KESALAHAN: {e}");
            return false;
        }
    }
    let mf = match manifest::read(&args.output) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("KESALAHAN: {e}");
            return false;
        }
    };
    let jobs =
        args.jobs.filter(|&j| j > 0).unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let (to_archive, documents) = std::sync::mpsc::channel();
    let run = Run {
        templates: &templates,
        templates_sha: templates.sha256(),
        typesetter: OnceLock::new(),
        workers: jobs.min(files.len()),
        root: args.output.clone(),
        date,
        manifest: Mutex::new(mf),
        timings: Timings::default(),
        main_sources: Mutex::default(),
        archive: Mutex::new(Some(to_archive)),
    };
    // Two workbooks for one unit and period must be seen together, before either is built: a first
    // pass reads each workbook's Identitas sheet alone (keeping whole workbooks would grow memory with
    // the batch).
    let keys: Vec<Option<DocKey>> = parallel_map(&files, jobs, |path| {
        let read_started = Instant::now();
        let key = workbook::document_key(path).map(|(unit, year, period)| (unit, year, period.slug()));
        Timings::add(&run.timings.read, read_started);
        key
    });
    let twins = same_document(&files, &keys);
    let progress = Progress::new(files.len() as u64, args.json);
    // The workers read, measure and typeset; one more thread writes what they made into the archive.
    let (mut outcomes, failed) = std::thread::scope(|scope| {
        let run = &run;
        let archiver = std::thread::Builder::new()
            .name("kinerja-arsip".into())
            .spawn_scoped(scope, move || stages::archive_all(run, documents))
            .expect("thread arsip");
        let outcomes: Vec<Outcome> = parallel_map(&files, jobs, |path| {
            let read_started = Instant::now();
            let loaded = pipeline::load(path);
            Timings::add(&run.timings.read, read_started);
            let o = match twins.get(&loaded.display) {
                Some(others) => refuse_twin(&loaded, others, args),
                None => build_one(run, &loaded, args),
            };
            progress.step(&o);
            o
        });
        run.archive.lock().unwrap_or_else(|e| e.into_inner()).take();
        (outcomes, archiver.join().map_err(|_| ()))
    });
    progress.finish();
    not_archived(&mut outcomes, failed.as_ref().ok());
    for m in &missing {
        outcomes.push(Outcome {
            file: m.display().to_string(),
            unit: None,
            stage: args.stage.slug(),
            status: "error",
            documents: vec![],
            reasons: vec![],
            findings: vec![pipeline::missing_path(m)],
        });
    }
    let elapsed = started.elapsed().as_secs_f64();
    let ok = outcomes.iter().all(|o| matches!(o.status, "written" | "unchanged" | "empty"))
        && !(files.is_empty() && missing.is_empty());
    if args.json {
        let summary = summary(&outcomes, elapsed, &run.timings, jobs);
        println!(
            "{}",
            serde_json::to_string_pretty(
                &serde_json::json!({ "workbooks": outcomes, "summary": summary, "output": args.output })
            )
            .unwrap_or_default()
        );
    } else {
        print_report(&outcomes, args, elapsed);
    }
    ok
}

/// Marks the documents the archive thread could not write (all of them, if it stopped) as errors.
fn not_archived(outcomes: &mut [Outcome], failed: Option<&HashMap<String, String>>) {
    for o in outcomes.iter_mut() {
        let reasons: Vec<String> = o
            .documents
            .iter()
            .filter(|d| d.status == "written")
            .filter_map(|d| match failed {
                Some(f) => f.get(&d.path).map(|e| format!("{} tidak dapat diarsipkan: {e}", d.path)),
                None => Some(format!("{} tidak diarsipkan: penulisan arsip terhenti.", d.path)),
            })
            .collect();
        if !reasons.is_empty() {
            o.documents.retain(|d| d.status != "written" || failed.is_some_and(|f| !f.contains_key(&d.path)));
            o.status = "error";
            o.reasons = reasons;
        }
    }
}

/// What makes two workbooks the same document: unit code, year, period.
type DocKey = (String, i32, &'static str);

/// Workbooks that describe the same unit, year and period, each with the others' names.
fn same_document(files: &[std::path::PathBuf], keys: &[Option<DocKey>]) -> HashMap<String, Vec<String>> {
    let mut by_key: HashMap<&DocKey, Vec<String>> = HashMap::new();
    for (file, key) in files.iter().zip(keys) {
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
fn refuse_twin(loaded: &Loaded, others: &[String], args: &BuildArgs) -> Outcome {
    let id = loaded.workbook.as_ref().map(|w| &w.identity);
    Outcome {
        file: loaded.display.clone(),
        unit: id.map(|i| i.unit.clone()),
        stage: args.stage.slug(),
        status: "refused",
        documents: vec![],
        reasons: vec![format!(
            "Buku kerja {} juga untuk unit {}, tahun {} dan periode {}; satu unit dan periode hanya boleh punya satu buku kerja, maka keduanya tidak dibangun. Pindahkan salinan yang lama ke luar folder input.",
            others.join(", "),
            id.map_or(String::new(), |i| i.unit_code.clone()),
            id.map_or(String::new(), |i| i.year.to_string()),
            id.map_or("", |i| i.period.label()),
        )],
        findings: loaded.findings.clone(),
    }
}

fn build_one(run: &Run, loaded: &Loaded, args: &BuildArgs) -> Outcome {
    let mut outcome = Outcome {
        file: loaded.display.clone(),
        unit: loaded.workbook.as_ref().map(|w| w.identity.unit.clone()),
        stage: args.stage.slug(),
        status: "error",
        documents: vec![],
        reasons: vec![],
        findings: loaded.findings.clone(),
    };
    if loaded.unfilled {
        outcome.status = "empty";
        outcome.reasons = vec!["Templat belum diisi; isi lembar Identitas dan Kinerja lalu jalankan lagi.".into()];
        return outcome;
    }
    let stage = args.stage;
    if loaded.has_errors() || loaded.workbook.is_none() {
        if stage != Stage::Draft {
            let (errors, _) = crate::findings::count(&loaded.findings);
            outcome.status = "refused";
            outcome.reasons =
                vec![format!("Buku kerja masih memiliki {errors} kesalahan; perbaiki dulu (rinciannya di bawah).")];
        }
        return outcome;
    }
    let (Some(wb), Some(m)) = (&loaded.workbook, &loaded.measurement) else {
        return outcome;
    };
    // The stage's gate, and the document the new one follows.
    let parent = match stage {
        Stage::Draft => Ok(None),
        Stage::Konsep => stages::konsep_gate(run, wb, m).map(Some),
        Stage::Final => stages::final_gate(run, wb, m).map(Some),
    };
    let parent = match parent {
        Ok(p) => p,
        Err(reasons) => {
            outcome.status = "refused";
            outcome.reasons = reasons;
            return outcome;
        }
    };
    let mut kinds = vec![KIND_PK];
    if stage == Stage::Final && m.indicators.iter().any(|i| i.tercapai == Some(false)) {
        kinds.push(KIND_RA);
    }
    for kind in kinds {
        match stages::make(run, wb, m, &loaded.path, stage, kind, parent.clone()) {
            Ok(w) => outcome.documents.push(w),
            Err(Failure::Refused(reasons)) => {
                outcome.status = "refused";
                outcome.reasons = reasons;
                return outcome;
            }
            Err(Failure::Error(msg)) => {
                outcome.status = "error";
                outcome.reasons = vec![msg];
                return outcome;
            }
        }
    }
    outcome.status = if outcome.documents.iter().any(|d| d.status == "written") { "written" } else { "unchanged" };
    outcome
}

fn summary(outcomes: &[Outcome], elapsed: f64, timings: &Timings, threads: usize) -> serde_json::Value {
    let count = |s: &str| outcomes.iter().filter(|o| o.status == s).count();
    serde_json::json!({
        "documents": outcomes.len(),
        "written": count("written"),
        "unchanged": count("unchanged"),
        "refused": count("refused"),
        "error": count("error"),
        "seconds": elapsed,
        "threads": threads,
        "thread_seconds": timings.seconds(),
        "peak_rss_kib": peak_rss_kib(),
    })
}

/// The process's peak resident memory (Linux: VmHWM), for the benchmark.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A progress bar on a terminal, plain lines otherwise, nothing with --json.
struct Progress {
    bar: Option<ProgressBar>,
    plain: bool,
    done: AtomicUsize,
    total: u64,
}

impl Progress {
    fn new(total: u64, json: bool) -> Self {
        let terminal = std::io::stderr().is_terminal();
        let bar = (terminal && !json && total > 1).then(|| {
            let bar = ProgressBar::new(total);
            bar.set_style(
                ProgressStyle::with_template("{bar:40} {pos}/{len} dokumen · {elapsed} · {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        });
        Progress { plain: !terminal && !json, bar, done: AtomicUsize::new(0), total }
    }

    fn step(&self, o: &Outcome) {
        let n = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(bar) = &self.bar {
            bar.set_message(o.file.clone());
            bar.inc(1);
        } else if self.plain {
            eprintln!("[{n}/{}] {} — {}", self.total, o.file, o.status);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn print_report(outcomes: &[Outcome], args: &BuildArgs, elapsed: f64) {
    for o in outcomes {
        let what = match o.status {
            "written" => "DIBUAT",
            "unchanged" => "TIDAK BERUBAH",
            "empty" => "KOSONG",
            "refused" => "DITOLAK",
            _ => "GAGAL",
        };
        println!("{} — {what}", o.file);
        for d in &o.documents {
            println!("  {} v{}: {}", d.document, d.version, args.output.join(&d.path).display());
            for w in &d.warnings {
                println!("    {w}");
            }
        }
        for r in &o.reasons {
            println!("  - {r}");
        }
        if o.status == "error" || o.status == "refused" {
            for f in &o.findings {
                println!("  {f}");
            }
        } else {
            let warnings = o.findings.len();
            if warnings > 0 {
                println!("  {warnings} peringatan (lihat: kinerja check {})", o.file);
            }
        }
    }
    let count = |s: &str| outcomes.iter().filter(|o| o.status == s).count();
    let failed = count("refused") + count("error");
    let mut notes = Vec::new();
    if count("refused") > 0 {
        notes.push(format!("{} ditolak", count("refused")));
    }
    if count("empty") > 0 {
        notes.push(format!("{} templat kosong", count("empty")));
    }
    let refused = if notes.is_empty() { String::new() } else { format!(" ({})", notes.join(", ")) };
    println!(
        "{} dokumen: {} baru, {} tidak berubah, {} gagal{refused} — {} s",
        outcomes.len(),
        count("written"),
        count("unchanged"),
        failed,
        crate::format::fixed(elapsed, 1)
    );
    if outcomes.is_empty() {
        println!("Tidak ada buku kerja di {}. → Simpan buku kerja di sana, atau sebutkan berkasnya: kinerja build BERKAS.xlsx", args.input.display());
    }
}

/// Maps `f` over `items` on `jobs` worker threads, keeping the items' order.
///
/// Documents are coarse tasks, so plain threads pulling the next index do; typst's own fine-grained
/// parallelism runs on rayon's global pool beside them. (Running documents on a rayon pool too would
/// let a thread waiting inside typst steal a whole other document, which blurs the timings.)
fn parallel_map<T: Sync, R: Send>(items: &[T], jobs: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
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
