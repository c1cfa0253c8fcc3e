//! Load: the workbooks of a batch found on disk, each read by the reader its layout calls for and
//! measured. What every command starts from; a workbook that can't be read is its findings.

use crate::findings::{Finding, Findings, Severity};
use crate::measure::{measure, Measurement};
use crate::model::Workbook;
use crate::workbook;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// One workbook read and measured.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The workbook's path on disk.
    pub path: PathBuf,
    /// How messages name the file.
    pub display: String,
    /// The workbook's content, when it could be read.
    pub workbook: Option<Workbook>,
    /// The measurement, when the workbook could be read.
    pub measurement: Option<Measurement>,
    /// Every finding of reading and measuring.
    pub findings: Vec<Finding>,
    /// An unfilled template, with what to fill: skipped without error.
    pub unfilled: Option<String>,
    /// How a Renja form was read (its column map).
    pub form: Option<crate::workbook::renja::map::FormMap>,
    /// sha256 of the bytes that were read.
    pub workbook_sha: String,
}

impl Loaded {
    /// True when any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// Reads and measures the workbook at `path`; a reader that panics is this workbook's finding.
pub fn load(path: &Path) -> Loaded {
    let display = path.display().to_string();
    contained(|| load_unguarded(path, display.clone())).unwrap_or_else(|panic| Loaded {
        path: path.to_path_buf(),
        display: display.clone(),
        workbook: None,
        measurement: None,
        findings: vec![Finding {
            severity: Severity::Error,
            file: display.clone(),
            sheet: None,
            cell: None,
            message: format!("Galat internal kinerja saat membaca buku kerja ini: {panic}."),
            hint: Some("Buku kerja lain tetap diproses. Mohon laporkan galat ini beserta buku kerjanya.".into()),
        }],
        unfilled: None,
        form: None,
        workbook_sha: String::new(),
    })
}

/// Runs `f`, turning a panic into its message: one workbook's failure, never the batch's.
pub fn contained<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panik tanpa pesan".to_string())
    })
}

fn load_unguarded(path: &Path, display: String) -> Loaded {
    let outcome = workbook::read(path, &display);
    let mut findings = outcome.findings;
    let measurement = outcome.workbook.as_ref().map(|wb| {
        let mut f = Findings::new(&display);
        let m = measure(wb, &mut f);
        findings.extend(f.into_vec());
        m
    });
    Loaded {
        path: path.to_path_buf(),
        display,
        workbook: outcome.workbook,
        measurement,
        findings,
        unfilled: outcome.unfilled,
        form: outcome.form,
        workbook_sha: outcome.sha256,
    }
}

/// The workbooks named on the command line, or every workbook under `default_dir`.
///
/// Folders are walked (sorted, lock files skipped); a named file is taken as it is.
/// A path that does not exist is returned in the second list.
pub fn collect(paths: &[PathBuf], default_dir: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let roots: Vec<PathBuf> = if paths.is_empty() { vec![default_dir.to_path_buf()] } else { paths.to_vec() };
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for root in roots {
        if root.is_file() {
            found.push(root);
        } else if root.is_dir() {
            let mut files: Vec<PathBuf> = WalkDir::new(&root)
                .follow_links(false)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file() && workbook::is_workbook_path(e.path()))
                .map(|e| e.into_path())
                .collect();
            files.sort();
            found.extend(files);
        } else {
            missing.push(root);
        }
    }
    // A file named twice (`build input input/a.xlsx`) is one workbook.
    let mut seen = std::collections::HashSet::new();
    found.retain(|p| seen.insert(p.canonicalize().unwrap_or_else(|_| p.clone())));
    (found, missing)
}

/// The finding for a path that does not exist.
pub fn missing_path(path: &Path) -> Finding {
    Finding {
        severity: Severity::Error,
        file: path.display().to_string(),
        sheet: None,
        cell: None,
        message: "Berkas atau folder tidak ditemukan.".into(),
        hint: Some(
            "Periksa penulisan jalurnya; tanpa argumen, kinerja membaca semua buku kerja di folder input/.".into(),
        ),
    }
}
