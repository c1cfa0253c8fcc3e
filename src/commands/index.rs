//! `kinerja index`: the archive's page (`index.html`) written again from the manifest and the snapshots;
//! or, given several archives (each office's, collected on a shared drive), one page over all of them,
//! each verified first and a failing one shown as such, written outside them so that none is changed.

use crate::archive::{self, manifest, manifest::Manifest};
use crate::cli::IndexArgs;
use crate::commands::verify;
use crate::index::{self, Source, Verified};
use crate::text::for_terminal as shown;
use std::path::{Path, PathBuf};

/// Writes the page; false when an archive could not be read or failed verification.
pub fn run(args: &IndexArgs) -> bool {
    if args.archives.is_empty() {
        one(&args.output)
    } else {
        several(&args.archives, &args.to)
    }
}

/// `index.html` of the archive at `root`, under its lock.
fn one(root: &Path) -> bool {
    if !root.is_dir() {
        eprintln!("KESALAHAN: arsip {} tidak ditemukan. → Jalankan kinerja build lebih dulu.", root.display());
        return false;
    }
    let _lock = match archive::lock::acquire(root) {
        Ok(l) => l,
        Err(msg) => {
            eprintln!("KESALAHAN: {msg}");
            return false;
        }
    };
    let mf = match manifest::read(root) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("KESALAHAN: {e}");
            return false;
        }
    };
    match index::write(root, &mf) {
        Ok(Some(path)) => {
            println!("Halaman indeks ditulis: {} ({} dokumen).", path.display(), mf.entries.len());
            true
        }
        Ok(None) => {
            println!(
                "Arsip {} masih kosong: tidak ada halaman indeks. → Jalankan kinerja build lebih dulu.",
                root.display()
            );
            true
        }
        Err(msg) => {
            eprintln!("KESALAHAN: {msg}");
            false
        }
    }
}

/// One page over several archives, written to `to`.
fn several(roots: &[PathBuf], to: &Path) -> bool {
    let page_dir = match to.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).canonicalize() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("KESALAHAN: folder halaman indeks {} tidak ada: {e}", to.display());
            return false;
        }
    };
    // Nor inside any other archive (one with a manifest), whose own page it would replace.
    if let Some(archive) = page_dir.ancestors().find(|d| d.join("manifest.jsonl").is_file()) {
        eprintln!(
            "KESALAHAN: halaman indeks gabungan {} berada di dalam arsip {}; arsip tidak boleh diubah (halamannya sendiri akan tertimpa). → Pilih --to di luar arsip.",
            to.display(),
            archive.display()
        );
        return false;
    }
    // Only a page kinerja wrote is replaced: `--to important.txt` is refused, not overwritten.
    if let Err(msg) = replaceable(to) {
        eprintln!("KESALAHAN: {msg}");
        return false;
    }
    let mut read: Vec<(PathBuf, Manifest, Verified, String)> = Vec::new();
    // Each archive is read under its shared lock, held until the page is drawn (its snapshots too): a
    // build in one of them is waited for, never shown as damage.
    let mut locks = Vec::new();
    for root in roots {
        let canonical = root.canonicalize().unwrap_or_else(|_| root.clone());
        if page_dir.starts_with(&canonical) {
            eprintln!(
                "KESALAHAN: halaman indeks gabungan {} berada di dalam arsip {}; arsip tidak boleh diubah. → Pilih --to di luar arsip.",
                to.display(),
                root.display()
            );
            return false;
        }
        let locked = match archive::lock::acquire_shared(root) {
            Ok(lock) => {
                locks.push(lock);
                verify::verify(root)
            }
            Err(msg) => Err(msg),
        };
        let (mf, verified) = match locked {
            Ok(report) => {
                let mut problems: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
                problems.extend(report.pending.iter().map(|p| format!("TERTUNDA: {p}")));
                let mf = manifest::read(root).unwrap_or_default();
                (mf, Verified { ok: report.ok, problems })
            }
            Err(msg) => (Manifest::default(), Verified { ok: false, problems: vec![msg] }),
        };
        let href =
            index::relative_href(&page_dir, &canonical).unwrap_or_else(|| format!("file://{}/", canonical.display()));
        read.push((root.clone(), mf, verified, href));
    }
    let sources: Vec<Source> = read
        .iter()
        .map(|(root, mf, v, href)| Source { root, manifest: mf, href: href.clone(), verified: Some(v.clone()) })
        .collect();
    let bytes = match index::render(&sources) {
        Ok(b) => b,
        Err(msg) => {
            eprintln!("KESALAHAN: {msg}");
            return false;
        }
    };
    drop(locks);
    if let Err(e) = archive::fsutil::replace(to, &bytes, &page_dir) {
        eprintln!("KESALAHAN: {e}");
        return false;
    }
    let mut ok = true;
    for (root, mf, v, _) in &read {
        if v.ok {
            println!("{} — BAIK: {} dokumen", shown(&root.display().to_string()), mf.entries.len());
        } else {
            ok = false;
            println!(
                "{} — BERMASALAH: {} temuan (ditandai di halaman)",
                shown(&root.display().to_string()),
                v.problems.len()
            );
            for p in &v.problems {
                println!("  {}", shown(p));
            }
        }
    }
    println!("Halaman indeks gabungan ditulis: {} ({} arsip).", to.display(), read.len());
    ok
}

/// Whether the combined page may be written at `to`: nothing there yet, or a page kinerja wrote. (A link
/// there is replaced by the page, never written through: see `fsutil::replace`.)
fn replaceable(to: &Path) -> Result<(), String> {
    let Ok(meta) = std::fs::symlink_metadata(to) else { return Ok(()) };
    let own = !meta.is_dir() && std::fs::read(to).is_ok_and(|b| index::is_own_page(&b));
    if own {
        Ok(())
    } else {
        Err(format!(
            "{} sudah ada dan bukan halaman indeks yang ditulis kinerja; kinerja tidak menimpanya. → Pilih --to yang lain (misalnya indeks-kabupaten.html), atau pindahkan berkas itu lebih dulu.",
            to.display()
        ))
    }
}
