//! `kinerja rekap`: the government's rekapitulasi for one year and period, drawn from the archive (or from
//! several offices' archives, each verified first and none changed), typeset, and archived in `--output`
//! as a versioned document like every other: a new version only when a unit's document changed.

use crate::archive::commit::{Document, Inputs, NewDocument};
use crate::archive::{self, Archive, Next};
use crate::cli::RekapArgs;
use crate::commands::{Drawn, Exit};
use crate::document::DocKind;
use crate::rekap::{self, RekapSnapshot};
use crate::templates::Templates;
use crate::text::for_terminal as shown;
use crate::typeset::{Job, Typesetter};
use std::path::{Path, PathBuf};

/// Makes the rekap; done when it was archived or was already up to date.
pub fn run(args: &RekapArgs) -> super::Result {
    let date = super::build_date(args.date)?;
    let period = rekap::parse_period(&args.period)
        .ok_or_else(|| format!("\"{}\" bukan periode: tahunan, tw1, tw2, tw3 atau tw4.", args.period))?;
    let signer = rekap::read_signer(&args.signer)?;
    let (output, archives) = args.resolve();
    refuse_overlap(&output, archives)?;
    let own = Archive::open(&output).map_err(|e| e.to_string())?;

    // The archives drawn from: each verified first; a failing one is kept and noted on the document.
    // Each is held open (under its shared lock) until the units are gathered: a build in one of them is
    // waited for, never noted as damage on a signed document.
    let mut notes = Vec::new();
    let drawn: Vec<Drawn> = archives.iter().map(|root| Drawn::open(root)).collect();
    for d in &drawn {
        d.print("");
        match &d.verdict {
            Ok(report) if !report.ok => notes.push(format!(
                "Arsip {} BERMASALAH saat diverifikasi ({} temuan); angka unitnya dari arsip itu apa adanya.",
                d.root.display(),
                report.problems.len()
            )),
            Ok(_) => {}
            Err(msg) => notes.push(format!("Arsip {} tidak dapat dibaca: {msg}", d.root.display())),
        }
    }
    let sources: Vec<&Archive> =
        if archives.is_empty() { vec![&own] } else { drawn.iter().filter_map(|d| d.archive.as_ref()).collect() };
    let gathered = rekap::gather(&sources, args.year, period);
    drop(sources);
    drop(drawn);
    for d in &gathered.duplicates {
        println!("PERINGATAN: {}", shown(d));
    }
    notes.extend(gathered.duplicates);
    notes.extend(gathered.unreadable.iter().map(|p| format!("Cuplikan data tidak terbaca: {p}")));
    let units = gathered.units;
    if units.is_empty() {
        return Err(super::Error::Failed(format!(
            "Tidak ada dokumen Pengukuran Kinerja {} {} di arsip. → Bangun dokumen unit lebih dulu (kinerja build).",
            args.year,
            period.label()
        )));
    }
    let government = signer
        .pemerintah
        .clone()
        .or_else(|| units.iter().map(|u| u.government.clone()).find(|g| !g.is_empty()))
        .unwrap_or_default();
    let source = rekap::source_hash(&units, &notes, &signer);
    let key = rekap::key(args.year, period);
    let (version, previous) = match own.next(&key, &source) {
        Next::Unchanged(n) => {
            println!(
                "Rekapitulasi {} {} — TIDAK BERUBAH: v{} ({} unit), {}",
                args.year,
                period.label(),
                n.version,
                units.len(),
                output.join(&n.path).display()
            );
            return Ok(Exit::Done);
        }
        Next::Version { number, previous } => (number, previous),
    };
    let previous: Option<RekapSnapshot> = previous.map(|p| own.snapshot(&p)).transpose().map_err(|e| e.to_string())?;
    let snap = RekapSnapshot {
        document: DocKind::Rekapitulasi,
        version,
        source_sha256: source.clone(),
        changes: rekap::changes(previous.as_ref(), &units, &signer).iter().map(ToString::to_string).collect(),
        year: args.year,
        period,
        units,
        notes,
        signer,
    };
    let data = rekap::data(&snap, &government, date, &source);
    let templates = Templates::builtin();
    let job = Job {
        templates: &templates,
        main: rekap::SOURCE.to_string(),
        main_template: "rekapitulasi.typ".to_string(),
        data: data.to_bytes(),
        images: vec![],
        date,
        ident: format!("kinerja/{}/{}/{}/v{version}", rekap::UNIT, args.year, period.slug()),
        pdfa: true,
    };
    let pdf = Typesetter::new(&templates, 1).typeset(&job).map_err(|e| e.to_string())?.pdf;
    let doc = Document::new(NewDocument {
        key,
        unit_name: format!("Rekapitulasi {government}"),
        version,
        date,
        source_sha256: source,
        parent_sha256: None,
        changes: snap.changes.clone(),
        inputs: Inputs::default(),
        pdf,
        snapshot: archive::snapshot::to_bytes(&snap),
    });
    let path = doc.entry.path.clone();
    own.commit(&[doc]).pop().unwrap_or(Ok(()))?;
    println!(
        "Rekapitulasi {} {} — DIBUAT: v{version} ({} unit), {}",
        args.year,
        period.label(),
        snap.units.len(),
        output.join(&path).display()
    );
    for c in &snap.changes {
        println!("  {}", shown(c));
    }
    match crate::index::write(&own) {
        Ok(Some(p)) => println!("Halaman indeks: {}", p.display()),
        Ok(None) => {}
        Err(e) => println!("PERINGATAN: halaman indeks tidak dapat ditulis ({e}). → Jalankan kinerja index."),
    }
    println!("Rantai manifest: {}", own.manifest().chain.describe());
    Ok(Exit::Done)
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
