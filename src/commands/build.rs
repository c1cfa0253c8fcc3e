//! `kinerja build`: SOP steps 4–8 for a batch. Opens the archive (lock, recovery of a build that was
//! cut short, manifest), hands the workbooks to [`crate::build::batch`], and reports each outcome.

use crate::archive::{self, commit, fsutil, manifest};
use crate::build::{self, Outcome, Run, Timings};
use crate::cli::BuildArgs;
use crate::compose::Composer;
use crate::document::Status;
use crate::load;
use crate::templates::{Hashes, Templates};
use crate::text::for_terminal as shown;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

/// Builds the batch; true when every workbook was built or already up to date.
pub fn run(args: &BuildArgs) -> bool {
    let started = Instant::now();
    let date = match super::build_date(args.date) {
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
    let (files, missing) = load::collect(&args.paths, &args.input);
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
                eprintln!("Dilengkapi dari build yang terhenti: {}", shown(p));
            }
            for p in &r.rolled_back {
                eprintln!("Dihapus (tidak pernah selesai diarsipkan): {}", shown(p));
            }
            for p in &r.refused {
                eprintln!(
                    "PERINGATAN: jurnal build yang terhenti menyebut {}; berkas itu tidak disentuh. → Periksa arsip dengan kinerja verify.",
                    shown(p)
                );
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
    let archived_before = mf.entries.len();
    let jobs =
        args.jobs.filter(|&j| j > 0).unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let run = Run {
        templates: &templates,
        templates_sha: Hashes::of(&templates),
        doc: args.doc,
        composer: Composer::new(&templates),
        typesetter: OnceLock::new(),
        workers: jobs.min(files.len()),
        stage: args.stage,
        root: args.output.clone(),
        date,
        manifest: Mutex::new(mf),
        timings: Timings::default(),
        archive: Mutex::new(None),
    };
    let progress = Progress::new(files.len() as u64, args.json);
    let mut outcomes = build::batch(&run, &files, jobs, &|o| progress.step(o));
    progress.finish();
    outcomes.extend(missing.iter().map(|m| Outcome::missing(m, args.stage)));
    let index = write_index(&run, archived_before);
    let elapsed = started.elapsed().as_secs_f64();
    let ok = outcomes.iter().all(|o| o.status.is_ok()) && !(files.is_empty() && missing.is_empty());
    let chain = run.manifest.lock().unwrap_or_else(|e| e.into_inner()).chain.clone();
    if args.json {
        let mut summary = summary(&outcomes, elapsed, &run.timings, jobs);
        summary["manifest"] = serde_json::json!({ "head": chain.head, "lines": chain.lines });
        summary["index"] = serde_json::json!({
            "path": index.written.as_ref().map(|p| p.display().to_string()),
            "seconds": index.seconds,
            "error": index.error,
        });
        println!(
            "{}",
            serde_json::to_string_pretty(
                &serde_json::json!({ "workbooks": outcomes, "summary": summary, "output": args.output })
            )
            .unwrap_or_default()
        );
    } else {
        print_report(&outcomes, args, elapsed);
        if let Some(p) = &index.written {
            println!("Halaman indeks: {}", p.display());
        }
        if let Some(e) = &index.error {
            println!(
                "PERINGATAN: halaman indeks tidak dapat ditulis ({e}); arsip tetap utuh. → Jalankan kinerja index."
            );
        }
        if chain.lines > 0 {
            println!(
                "Rantai manifest: {} — catat kepala ini; kinerja verify --head {} membuktikan riwayatnya kelak.",
                chain.describe(),
                chain.short()
            );
        }
    }
    ok
}

/// What became of the archive's page after the batch.
struct IndexOutcome {
    /// The page, when it was written.
    written: Option<std::path::PathBuf>,
    /// Why it could not be, when it could not.
    error: Option<String>,
    /// Time spent writing it (for the benchmark).
    seconds: f64,
}

/// Writes `index.html` when the batch archived something (or the archive has documents and no page
/// yet), still under the build's lock. A page that cannot be written is a warning: the archive is whole.
fn write_index(run: &Run, archived_before: usize) -> IndexOutcome {
    let started = Instant::now();
    let mf = run.manifest.lock().unwrap_or_else(|e| e.into_inner());
    let missing = !run.root.join(crate::index::FILE).exists();
    let (written, error) = if mf.entries.len() != archived_before || missing {
        match crate::index::write(&run.root, &mf) {
            Ok(p) => (p, None),
            Err(e) => (None, Some(e)),
        }
    } else {
        (None, None)
    };
    IndexOutcome { written, error, seconds: started.elapsed().as_secs_f64() }
}

fn summary(outcomes: &[Outcome], elapsed: f64, timings: &Timings, threads: usize) -> serde_json::Value {
    let count = |s: Status| outcomes.iter().filter(|o| o.status == s).count();
    serde_json::json!({
        "documents": outcomes.len(),
        "written": count(Status::Written),
        "unchanged": count(Status::Unchanged),
        "refused": count(Status::Refused),
        "error": count(Status::Error),
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
            bar.set_message(shown(&o.file).into_owned());
            bar.inc(1);
        } else if self.plain {
            eprintln!("[{n}/{}] {} — {}", self.total, shown(&o.file), o.status.label().to_lowercase());
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
        println!("{} — {}", shown(&o.file), o.status.label());
        for d in &o.documents {
            println!(
                "  {} v{}: {}",
                d.document.slug(),
                d.version,
                shown(&args.output.join(&d.path).display().to_string())
            );
            for w in &d.warnings {
                println!("    {}", shown(w));
            }
        }
        for r in &o.reasons {
            println!("  - {}", shown(r));
        }
        if matches!(o.status, Status::Error | Status::Refused) {
            for f in crate::findings::summarised(&o.findings) {
                println!("  {f}");
            }
        } else {
            let warnings = o.warnings_unread.unwrap_or(o.findings.len());
            if warnings > 0 {
                println!("  {warnings} peringatan (lihat: kinerja check {})", shown(&o.file));
            }
        }
    }
    let count = |s: Status| outcomes.iter().filter(|o| o.status == s).count();
    let failed = count(Status::Refused) + count(Status::Error);
    let mut notes = Vec::new();
    if count(Status::Refused) > 0 {
        notes.push(format!("{} ditolak", count(Status::Refused)));
    }
    if count(Status::Empty) > 0 {
        notes.push(format!("{} templat kosong", count(Status::Empty)));
    }
    let refused = if notes.is_empty() { String::new() } else { format!(" ({})", notes.join(", ")) };
    println!(
        "{} dokumen: {} baru, {} tidak berubah, {} gagal{refused} — {} s",
        outcomes.len(),
        count(Status::Written),
        count(Status::Unchanged),
        failed,
        crate::format::fixed(elapsed, 1)
    );
    if outcomes.is_empty() {
        println!("Tidak ada buku kerja di {}. → Simpan buku kerja di sana, atau sebutkan berkasnya: kinerja build BERKAS.xlsx", args.input.display());
    }
}
