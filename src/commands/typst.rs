//! `kinerja typst`: the exact Typst source, data and assets of one document,
//! so that a template author can run the typst CLI on them.

use crate::cli::TypstArgs;
use crate::commands::Exit;
use crate::compose::{Composer, DocContext};
use crate::load;
use crate::templates::{Hashes, Templates};
use crate::typeset::{DATA, MAIN};
use std::path::Path;

/// Writes the document's sources into `--out`.
pub fn run(args: &TypstArgs) -> super::Result {
    let date = super::build_date(args.date)?;
    let loaded = load::load(&args.workbook);
    let (Some(wb), Some(m)) = (&loaded.workbook, &loaded.measurement) else {
        for f in &loaded.findings {
            eprintln!("{f}");
        }
        return Ok(Exit::Failed);
    };
    if loaded.has_errors() {
        for f in loaded.findings.iter().filter(|f| f.severity == crate::findings::Severity::Error) {
            eprintln!("{f}");
        }
        return Ok(Exit::Failed);
    }
    let templates = Templates::load(&args.templates).map_err(|e| e.to_string())?;
    let result = (|| -> Result<String, String> {
        let kind = crate::stage::kinds(args.doc, args.stage, wb, m)[0];
        // A Laporan Kinerja is drawn from the archive (read, never written).
        let sources = match args.doc {
            crate::document::Doc::Lkjip => {
                let archive = crate::archive::Archive::read(&args.output).map_err(|e| e.to_string())?;
                Some(crate::lkjip::gather(&archive, &wb.identity)?)
            }
            _ => None,
        };
        let templates_sha = Hashes::of(&templates);
        let source = match &sources {
            Some(s) => crate::archive::source_hash(
                &crate::lkjip::meaning(wb),
                templates_sha.get(kind),
                kind,
                &crate::lkjip::hash_lines(s),
            ),
            None => crate::archive::source_hash(
                &*wb.without_report(kind == crate::document::DocKind::PohonKinerja),
                templates_sha.get(kind),
                kind,
                &[],
            ),
        };
        let ctx = DocContext {
            stage: args.stage,
            kind,
            version: 1,
            build_date: date,
            source_short: source[..12].to_string(),
            changes: vec![],
            previous_version: None,
            last_year: crate::build::last_year_of_workbook(wb, m, None)
                .0
                .filter(|_| kind == crate::document::DocKind::PengukuranKinerja),
            pk: None,
        };
        let composed = Composer::new(&templates)
            .compose(wb, m, &ctx, &args.workbook, None, sources.as_ref())
            .map_err(|e| e.to_string())?;
        let out = &args.out;
        write(&out.join(MAIN), composed.main.as_bytes())?;
        write(&out.join(DATA), &composed.data)?;
        for (name, bytes) in templates.files() {
            if !name.ends_with(".j2") {
                write(&out.join(name), bytes)?;
            }
        }
        for (name, bytes) in &composed.images {
            write(&out.join(name), bytes)?;
        }
        let epoch = date.and_hms_opt(0, 0, 0).map(|d| d.and_utc().timestamp()).unwrap_or(0);
        Ok(format!(
            "typst compile --root {dir} --font-path {dir}/fonts --ignore-system-fonts --creation-timestamp {epoch} {dir}/main.typ",
            dir = out.display()
        ))
    })();
    let cmd = result?;
    println!("Sumber Typst ditulis ke {}. Susun PDF-nya dengan:\n  {cmd}", args.out.display());
    Ok(Exit::Done)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("gagal membuat folder {}: {e}", dir.display()))?;
    }
    std::fs::write(path, bytes).map_err(|e| format!("gagal menulis {}: {e}", path.display()))
}
