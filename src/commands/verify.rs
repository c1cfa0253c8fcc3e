//! `kinerja verify`: SOP step 9's proof. Walks the archive, recomputes every
//! hash, and names each file that was modified, is missing, or is not in the
//! manifest.

use crate::archive::commit::{self, file_sha, is_internal};
use crate::archive::manifest;
use crate::cli::VerifyArgs;
use serde::Serialize;
use std::collections::BTreeSet;

/// One thing wrong with the archive.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Problem {
    /// A file whose bytes no longer have the recorded hash.
    Modified { path: String, expected: String, actual: String },
    /// A file the manifest records that is not there.
    Missing { path: String },
    /// A file in the archive that no manifest line records.
    NotInManifest { path: String },
    /// A manifest line that is not an entry.
    BadManifestLine { line: usize },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Modified { path, expected, actual } => write!(
                f,
                "DIUBAH: {path} (sha256 tercatat {}…, sekarang {}…)",
                &expected[..12.min(expected.len())],
                &actual[..12.min(actual.len())]
            ),
            Problem::Missing { path } => write!(f, "HILANG: {path}"),
            Problem::NotInManifest { path } => write!(f, "TIDAK TERCATAT di manifest: {path}"),
            Problem::BadManifestLine { line } => {
                write!(f, "BARIS RUSAK: manifest.jsonl baris {line}")
            }
        }
    }
}

/// The verification of one archive.
#[derive(Debug, Serialize)]
pub struct Report {
    /// True when nothing is wrong.
    pub ok: bool,
    /// Documents in the manifest.
    pub documents: usize,
    /// Files checked.
    pub files: usize,
    /// Everything wrong.
    pub problems: Vec<Problem>,
    /// Documents an interrupted build left half-done; the next build completes or removes them.
    pub pending: Vec<String>,
}

/// Verifies the archive under `root`.
pub fn verify(root: &std::path::Path) -> Result<Report, String> {
    if !root.is_dir() {
        return Err(format!("arsip {} tidak ditemukan.", root.display()));
    }
    let mf = manifest::read(root).map_err(|e| e.to_string())?;
    let mut problems: Vec<Problem> =
        mf.bad_lines.iter().map(|(line, _)| Problem::BadManifestLine { line: *line }).collect();
    let mut known: BTreeSet<String> = BTreeSet::new();
    let mut files = 0;
    for e in &mf.entries {
        for (path, sha) in [(&e.path, &e.sha256), (&e.data_path, &e.data_sha256)] {
            known.insert(path.clone());
            files += 1;
            match file_sha(&root.join(path)) {
                None => problems.push(Problem::Missing { path: path.clone() }),
                Some(actual) if !sha.is_empty() && &actual != sha => {
                    problems.push(Problem::Modified { path: path.clone(), expected: sha.clone(), actual })
                }
                Some(_) => {}
            }
        }
    }
    let mut pending = Vec::new();
    for (_, entries) in commit::pending(root) {
        for e in entries {
            if !known.contains(&e.path) {
                pending.push(e.path.clone());
            }
            known.insert(e.path);
            known.insert(e.data_path);
        }
    }
    for entry in walkdir::WalkDir::new(root).follow_links(false).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = crate::archive::relative(root, entry.path());
        if is_internal(&rel) || rel == manifest::FILE || rel == ".gitkeep" || known.contains(&rel) {
            continue;
        }
        problems.push(Problem::NotInManifest { path: rel });
    }
    Ok(Report { ok: problems.is_empty(), documents: mf.entries.len(), files, problems, pending })
}

/// Prints the verification; true when the archive is whole.
pub fn run(args: &VerifyArgs) -> bool {
    let report = match verify(&args.output) {
        Ok(r) => r,
        Err(msg) => {
            eprintln!("KESALAHAN: {msg}");
            return false;
        }
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
        return report.ok;
    }
    println!("Arsip {}: {} dokumen, {} berkas diperiksa.", args.output.display(), report.documents, report.files);
    for p in &report.problems {
        println!("  {p}");
    }
    for p in &report.pending {
        println!("  TERTUNDA: {p} (build terhenti; build berikutnya melengkapinya)");
    }
    if report.ok {
        println!("BAIK: setiap berkas sesuai dengan hash di manifest.");
    } else {
        println!(
            "BERMASALAH: {} temuan. Berkas arsip tidak boleh diubah atau dihapus; pulihkan dari cadangan, atau bangun ulang dokumennya (versi baru).",
            report.problems.len()
        );
    }
    report.ok
}
