//! `kinerja index`: the archive's page (`index.html`) written again from the manifest and the snapshots;
//! or, given several archives (each office's, collected on a shared drive), one page over all of them,
//! each verified first and a failing one shown as such, written outside them so that none is changed.

use crate::archive::{self, Archive};
use crate::cli::IndexArgs;
use crate::commands::{Drawn, Error, Exit};
use crate::index::{self, Source, Verified};
use std::path::{Path, PathBuf};

/// Writes the page; failed when an archive could not be read or failed verification.
pub fn run(args: &IndexArgs) -> super::Result {
    if args.archives.is_empty() {
        one(&args.output)
    } else {
        several(&args.archives, &args.to)
    }
}

/// `index.html` of the archive at `root`, under its lock.
fn one(root: &Path) -> super::Result {
    if !root.is_dir() {
        return Err(Error::Failed(format!(
            "arsip {} tidak ditemukan. → Jalankan kinerja build lebih dulu.",
            root.display()
        )));
    }
    let archive = Archive::open_page(root).map_err(|e| e.to_string())?;
    match index::write(&archive)? {
        Some(path) => {
            println!("Halaman indeks ditulis: {} ({} dokumen).", path.display(), archive.manifest().entries.len())
        }
        None => println!(
            "Arsip {} masih kosong: tidak ada halaman indeks. → Jalankan kinerja build lebih dulu.",
            root.display()
        ),
    }
    Ok(Exit::Done)
}

/// One page over several archives, written to `to`.
fn several(roots: &[PathBuf], to: &Path) -> super::Result {
    let page_dir = to
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .canonicalize()
        .map_err(|e| format!("folder halaman indeks {} tidak ada: {e}", to.display()))?;
    // Nor inside any other archive (one with a manifest), whose own page it would replace.
    if let Some(archive) = page_dir.ancestors().find(|d| d.join("manifest.jsonl").is_file()) {
        return Err(Error::Failed(format!(
            "halaman indeks gabungan {} berada di dalam arsip {}; arsip tidak boleh diubah (halamannya sendiri akan tertimpa). → Pilih --to di luar arsip.",
            to.display(),
            archive.display()
        )));
    }
    // Only a page kinerja wrote is replaced: `--to important.txt` is refused, not overwritten.
    replaceable(to)?;
    let mut drawn: Vec<(Drawn, String)> = Vec::new();
    // Each archive is held open under its shared lock until the page is drawn (its snapshots too): a build
    // in one of them is waited for, never shown as damage.
    for root in roots {
        let canonical = root.canonicalize().unwrap_or_else(|_| root.clone());
        if page_dir.starts_with(&canonical) {
            return Err(Error::Failed(format!(
                "halaman indeks gabungan {} berada di dalam arsip {}; arsip tidak boleh diubah. → Pilih --to di luar arsip.",
                to.display(),
                root.display()
            )));
        }
        let href =
            index::relative_href(&page_dir, &canonical).unwrap_or_else(|| format!("file://{}/", canonical.display()));
        drawn.push((Drawn::open(root), href));
    }
    let sources: Vec<Source> = drawn
        .iter()
        .map(|(d, href)| Source {
            archive: d.archive.as_ref(),
            root: &d.root,
            href: href.clone(),
            verified: Some(Verified { ok: d.ok(), problems: d.findings() }),
        })
        .collect();
    let bytes = index::render(&sources)?;
    drop(sources);
    // Released before the page is written outside them.
    drawn.iter_mut().for_each(|(d, _)| d.archive = None);
    archive::fsutil::replace(to, &bytes, &page_dir).map_err(|e| e.to_string())?;
    for (d, _) in &drawn {
        d.print(" (ditandai di halaman)");
    }
    println!("Halaman indeks gabungan ditulis: {} ({} arsip).", to.display(), drawn.len());
    Ok(drawn.iter().all(|(d, _)| d.ok()).into())
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
