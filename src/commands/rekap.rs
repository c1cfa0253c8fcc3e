//! `kinerja rekap`: the government's rekapitulasi for one year and period, drawn from the archive (or from
//! several offices' archives, each verified first and none changed), typeset, and archived in `--output`
//! as a versioned document like every other: a new version only when a unit's document changed.

use crate::archive::commit::{self, Document, Journal};
use crate::archive::manifest::{self, Entry, Manifest};
use crate::archive::{self, fsutil};
use crate::cli::RekapArgs;
use crate::commands::verify;
use crate::document::{DocKind, Stage};
use crate::rekap::{self, RekapSnapshot, Source};
use crate::templates::Templates;
use crate::text::for_terminal as shown;
use crate::typeset::{Job, Typesetter};
use std::path::{Path, PathBuf};

/// Makes the rekap; true when it was archived or was already up to date.
pub fn run(args: &RekapArgs) -> bool {
    match make(args) {
        Ok(()) => true,
        Err(msg) => {
            eprintln!("KESALAHAN: {msg}");
            false
        }
    }
}

fn make(args: &RekapArgs) -> Result<(), String> {
    let date = super::build_date(args.date)?;
    let period = rekap::parse_period(&args.period)
        .ok_or_else(|| format!("\"{}\" bukan periode: tahunan, tw1, tw2, tw3 atau tw4.", args.period))?;
    let signer = rekap::read_signer(&args.signer)?;
    refuse_overlap(&args.output, &args.archives)?;
    fsutil::create_dir_all(&args.output).map_err(|e| e.to_string())?;
    let _lock = archive::lock::acquire(&args.output)?;
    commit::recover(&args.output).map_err(|e| e.to_string())?;
    let own = manifest::read(&args.output).map_err(|e| e.to_string())?;

    // The archives drawn from: each verified first; a failing one is kept and noted on the document.
    // Each read under its shared lock, held until the units are gathered: a build in one of them is waited
    // for, never noted as damage on a signed document.
    let mut notes = Vec::new();
    let mut others: Vec<(PathBuf, Manifest)> = Vec::new();
    let mut locks = Vec::new();
    for root in &args.archives {
        let name = shown(&root.display().to_string()).into_owned();
        let locked = archive::lock::acquire_shared(root).and_then(|lock| {
            locks.push(lock);
            verify::verify(root)
        });
        match locked {
            Ok(report) if report.ok => {
                println!("{name} — BAIK: {} dokumen", report.documents);
            }
            Ok(report) => {
                println!("{name} — BERMASALAH: {} temuan", report.problems.len());
                for p in &report.problems {
                    println!("  {p}");
                }
                notes.push(format!(
                    "Arsip {} BERMASALAH saat diverifikasi ({} temuan); angka unitnya dari arsip itu apa adanya.",
                    root.display(),
                    report.problems.len()
                ));
            }
            Err(msg) => {
                println!("{name} — BERMASALAH: {}", shown(&msg));
                notes.push(format!("Arsip {} tidak dapat dibaca: {msg}", root.display()));
            }
        }
        others.push((root.clone(), manifest::read(root).unwrap_or_default()));
    }
    let sources: Vec<Source> = if args.archives.is_empty() {
        vec![Source { root: &args.output, manifest: &own }]
    } else {
        others.iter().map(|(root, mf)| Source { root, manifest: mf }).collect()
    };
    let gathered = rekap::gather(&sources, args.year, period);
    drop(locks);
    for d in &gathered.duplicates {
        println!("PERINGATAN: {}", shown(d));
    }
    notes.extend(gathered.duplicates);
    notes.extend(gathered.unreadable.iter().map(|p| format!("Cuplikan data tidak terbaca: {p}")));
    let units = gathered.units;
    if units.is_empty() {
        return Err(format!(
            "Tidak ada dokumen Pengukuran Kinerja {} {} di arsip. → Bangun dokumen unit lebih dulu (kinerja build).",
            args.year,
            period.label()
        ));
    }
    let government = signer
        .pemerintah
        .clone()
        .or_else(|| units.iter().map(|u| u.government.clone()).find(|g| !g.is_empty()))
        .unwrap_or_default();
    let source = rekap::source_hash(&units, &notes, &signer);
    let key = rekap::key(args.year, period);
    let newest = own.newest(&key).cloned();
    if let Some(n) = newest.as_ref().filter(|n| n.source_sha256 == source) {
        println!(
            "Rekapitulasi {} {} — TIDAK BERUBAH: v{} ({} unit), {}",
            args.year,
            period.label(),
            n.version,
            units.len(),
            args.output.join(&n.path).display()
        );
        return Ok(());
    }
    let previous: Option<RekapSnapshot> = newest
        .as_ref()
        .and_then(|n| fsutil::read(&args.output.join(&n.data_path)).ok().and_then(|b| serde_json::from_slice(&b).ok()));
    let version = newest.as_ref().map_or(1, |n| n.version + 1);
    let snap = RekapSnapshot {
        document: DocKind::Rekapitulasi,
        version,
        source_sha256: source.clone(),
        changes: rekap::changes(previous.as_ref(), &units, &signer),
        year: args.year,
        period,
        units,
        notes,
        signer,
    };
    let mut data = rekap::data(&snap, &government, date, &source);
    crate::text::isolate_bidi_json(&mut data);
    let templates = Templates::builtin();
    let job = Job {
        templates: &templates,
        main: rekap::SOURCE.to_string(),
        main_template: "rekapitulasi.typ".to_string(),
        data: serde_json::to_vec(&data).map_err(|e| e.to_string())?,
        logo: None,
        date,
        ident: format!("kinerja/{}/{}/{}/v{version}", rekap::UNIT, args.year, period.slug()),
        pdfa: true,
    };
    let pdf = Typesetter::new(&templates, 1).typeset(&job).map_err(|e| e.to_string())?.pdf;
    let pdf_sha = archive::sha256(&pdf);
    let (dir, stem) = rekap::paths(args.year, period, date, version, &pdf_sha);
    let json = serde_json::to_vec_pretty(&snap).map_err(|e| e.to_string())?;
    let rel = |ext: &str| archive::relative(std::path::Path::new(""), &dir.join(format!("{stem}.{ext}")));
    let entry = Entry {
        document: DocKind::Rekapitulasi,
        unit: rekap::UNIT.to_string(),
        unit_name: format!("Rekapitulasi {government}"),
        year: args.year,
        period,
        stage: Stage::Final,
        version,
        date: date.format("%Y-%m-%d").to_string(),
        path: rel("pdf"),
        sha256: pdf_sha,
        source_sha256: source,
        data_path: rel("json"),
        data_sha256: archive::sha256(&json),
        parent_sha256: None,
        tool: archive::TOOL.to_string(),
        changes: snap.changes.clone(),
        input_sha256: String::new(),
        workbook_sha256: String::new(),
        warnings: 0,
        prev: None,
    };
    let doc =
        Document { files: vec![(entry.data_path.clone(), json), (entry.path.clone(), pdf)], entry: entry.clone() };
    let mut chain = own.chain.clone();
    let mut journal = Journal::new(&args.output);
    let result = commit::archive(&args.output, &mut journal, &[doc], &mut chain).pop().unwrap_or(Ok(()));
    journal.finish();
    result?;
    println!(
        "Rekapitulasi {} {} — DIBUAT: v{version} ({} unit), {}",
        args.year,
        period.label(),
        snap.units.len(),
        args.output.join(&entry.path).display()
    );
    for c in &snap.changes {
        println!("  {}", shown(c));
    }
    let mf = manifest::read(&args.output).map_err(|e| e.to_string())?;
    match crate::index::write(&args.output, &mf) {
        Ok(Some(p)) => println!("Halaman indeks: {}", p.display()),
        Ok(None) => {}
        Err(e) => println!("PERINGATAN: halaman indeks tidak dapat ditulis ({e}). → Jalankan kinerja index."),
    }
    println!("Rantai manifest: {}", mf.chain.describe());
    Ok(())
}

/// Refuses a rekap whose archive (`--output`) is one of the archives it draws from, lies inside one, or
/// holds one: it would write into an office's archive, or count its own tree among the offices'.
fn refuse_overlap(output: &Path, archives: &[PathBuf]) -> Result<(), String> {
    // The folder may not exist yet: its nearest existing ancestor, with the rest as given.
    let absolute = |p: &Path| -> PathBuf {
        let mut base = p.to_path_buf();
        let mut rest = Vec::new();
        while !base.as_os_str().is_empty() && base.canonicalize().is_err() {
            rest.push(base.file_name().map(|n| n.to_os_string()).unwrap_or_default());
            base = base.parent().map(Path::to_path_buf).unwrap_or_default();
        }
        let mut full = if base.as_os_str().is_empty() { Path::new(".").canonicalize() } else { base.canonicalize() }
            .unwrap_or(base);
        full.extend(rest.iter().rev());
        full
    };
    let out = absolute(output);
    for root in archives {
        let src = absolute(root);
        if out.starts_with(&src) || src.starts_with(&out) {
            return Err(format!(
                "arsip rekapitulasi {} {} arsip yang direkap {}; arsip perangkat daerah tidak boleh diubah. → Pilih --output di luar arsip-arsip itu (misalnya folder kabupaten sendiri).",
                output.display(),
                if out == src { "sama dengan" } else if out.starts_with(&src) { "berada di dalam" } else { "memuat" },
                root.display()
            ));
        }
    }
    Ok(())
}
