//! `kinerja verify`: SOP step 9's proof, printed. The archive verifies itself (`archive::verify`): every
//! hash, the manifest's chain, every line against what it describes; `--head` proves that a chain head
//! written down earlier is still the history's; given PDFs (or the code of a final's QR code), it answers
//! for each whether it is a document of this archive, byte for byte, and the newest. It reads under the
//! archive's shared lock, so a build in progress is waited for, never reported as damage.

use crate::archive::chain::Chain;
use crate::archive::manifest::Entry;
use crate::archive::verify::{
    self, answer, find_head, Answer, ArchivedCopy, ChainReport, IndexState, Likeness, Problem,
};
use crate::archive::Archive;
use crate::cli::VerifyArgs;
use crate::document;
use crate::text::for_terminal as shown;
use serde::Serialize;
use std::path::Path;

/// Writes `index.html` again (`--index`), under the archive's lock; its state afterwards (`before` when
/// it could not be written).
fn rebuild_index(root: &Path, before: IndexState) -> IndexState {
    let archive = match Archive::open_page(root) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("KESALAHAN: halaman indeks tidak dapat ditulis: {e}");
            return before;
        }
    };
    match crate::index::write(&archive) {
        Ok(Some(path)) => {
            eprintln!("Halaman indeks ditulis ulang: {}", path.display());
            verify::index_state(&archive)
        }
        Ok(None) => IndexState::TidakAda,
        Err(msg) => {
            eprintln!("KESALAHAN: halaman indeks tidak dapat ditulis: {msg}");
            verify::index_state(&archive)
        }
    }
}

/// An archived document as a person reads it: "Pengukuran Kinerja Dinas … (diskominfo) · 2024 Tahunan ·
/// final v1 · dibuat 15 Januari 2025" (shown safely on a terminal: the name is a workbook's text).
fn describe(e: &Entry) -> String {
    shown(&format!(
        "{} {} ({}) · {} {} · {} v{} · dibuat {}",
        e.document.title(),
        e.unit_name,
        e.unit_code,
        e.year,
        e.period.label(),
        e.stage.slug(),
        e.version,
        e.date_words()
    ))
    .into_owned()
}

/// Prints the verification; done when the archive is whole (and every given file is the archived one,
/// and the head is the history's).
pub fn run(args: &VerifyArgs) -> super::Result {
    if !args.targets.is_empty() || args.head.is_some() {
        return run_targets(args);
    }
    // (The archive is closed again at once, its shared lock released: `--index` takes it whole.)
    let (_, report) = verify::open_and_verify(&args.output)?;
    if args.json {
        let mut report = report;
        if args.index && report.index != IndexState::Sesuai && report.documents > 0 {
            report.index = rebuild_index(&args.output, report.index);
        }
        println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
        return Ok(report.ok.into());
    }
    println!(
        "Arsip {}: {} dokumen, {} berkas diperiksa.",
        shown(&args.output.display().to_string()),
        report.documents,
        report.files
    );
    for p in &report.problems {
        println!("  {p}");
    }
    for p in &report.pending {
        println!("  TERTUNDA: {} (build terhenti; build berikutnya melengkapinya)", shown(p));
    }
    let mut index = report.index;
    if args.index && index != IndexState::Sesuai && report.documents > 0 {
        index = rebuild_index(&args.output, index);
    }
    match index {
        IndexState::Sesuai => println!("  index.html: halaman turunan, sesuai dengan arsip."),
        IndexState::Usang => println!(
            "  index.html: halaman turunan, TIDAK sesuai dengan arsip (bukan bukti; yang sah adalah PDF dan manifest). → kinerja verify --index atau kinerja index menulisnya ulang."
        ),
        IndexState::TidakAda if report.documents > 0 => {
            println!("  index.html: belum ada. → kinerja verify --index atau kinerja index menulisnya.")
        }
        IndexState::TidakAda => {}
    }
    let chain = Chain { head: report.chain.head.clone(), lines: report.chain.lines };
    println!("Rantai manifest: {}", chain.describe());
    if report.ok {
        println!("BAIK: setiap berkas sesuai dengan hash di manifest, setiap baris manifest sesuai dengan berkas yang dicatatnya dan menyambung dengan riwayat sebelumnya. (Baris terakhir dan riwayat yang dipotong hanya terbukti utuh dengan kepala rantai yang dicatat di luar arsip: kinerja verify --head.)");
    } else {
        println!(
            "BERMASALAH: {} temuan. Berkas arsip tidak boleh diubah atau dihapus; pulihkan dari cadangan, atau bangun ulang dokumennya (versi baru).",
            report.problems.len()
        );
    }
    Ok(report.ok.into())
}

/// The report about given files, codes and a head.
#[derive(Debug, Serialize)]
struct TargetReport {
    /// True when every file is the archived one, its archived copy is whole, the head is found and the
    /// archive is whole.
    ok: bool,
    /// The manifest chain's head now.
    chain: ChainReport,
    /// The first line that breaks the chain, if any.
    chain_broken_at: Option<usize>,
    /// The head asked about, and the history it proves, when it was found.
    head: Option<HeadAnswer>,
    /// One answer per file or code.
    files: Vec<Answer>,
    /// Everything wrong with the archive (as `kinerja verify` reports it).
    problems: Vec<Problem>,
}

/// The answer about `--head`.
#[derive(Debug, Serialize)]
struct HeadAnswer {
    /// The head as given.
    asked: String,
    /// The lines it covers, when the history has it.
    lines: Option<usize>,
}

fn run_targets(args: &VerifyArgs) -> super::Result {
    let root = &args.output;
    // The whole archive is verified too: a loose copy is only as good as the archive that vouches for
    // it, and a head only proves the lines, not the files they record.
    let (opened, archive) = verify::open_and_verify(root)?;
    let mf = opened.manifest();
    let broken = archive.problems.iter().find_map(|p| match p {
        Problem::ChainBroken { line } | Problem::ChainUnlinked { line } => Some(*line),
        _ => None,
    });
    let head = args.head.as_ref().map(|h| HeadAnswer { asked: h.clone(), lines: find_head(&mf, h).map(|c| c.lines) });
    let files: Vec<Answer> = args.targets.iter().map(|t| answer(&mf, &archive.problems, t)).collect();
    let ok = archive.ok
        && head.as_ref().is_none_or(|h| h.lines.is_some())
        && files.iter().all(|a| a.answer == Likeness::Sama && a.archived == Some(ArchivedCopy::Utuh));
    let report = TargetReport {
        ok,
        chain: ChainReport { head: mf.chain.head.clone(), lines: mf.chain.lines },
        chain_broken_at: broken,
        head,
        files,
        problems: archive.problems,
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
        return Ok(ok.into());
    }
    let archive_name = shown(&root.display().to_string()).into_owned();
    for a in &report.files {
        println!("{}", shown(&a.file));
        let is_code = document::parse_code(&a.file).is_some();
        match (a.answer, &a.document) {
            (Likeness::Sama, Some(d)) if is_code => {
                println!("  KODE SAH: kode ini milik dokumen arsip {}\n  {}", describe(d), shown(&d.path))
            }
            (Likeness::Sama, Some(d)) => {
                println!("  SAMA PERSIS dengan dokumen arsip: {}\n  {}", describe(d), shown(&d.path))
            }
            (Likeness::Berbeda, Some(d)) => println!(
                "  BERBEDA: berkas ini mengaku atau bernama seperti dokumen arsip {}, tetapi isinya tidak sama persis; yang sah adalah {}",
                describe(d),
                shown(&d.path)
            ),
            _ => println!(
                "  TIDAK DIKENAL: bukan dokumen arsip {archive_name}.{}",
                a.error.as_ref().map(|e| format!(" ({})", shown(e))).unwrap_or_default()
            ),
        }
        match a.archived {
            Some(ArchivedCopy::Hilang) => println!(
                "  TETAPI salinan arsipnya HILANG: {} tidak ada lagi di arsip. → Pulihkan dari cadangan (berkas ini dapat menjadi salinannya bila SAMA PERSIS).",
                shown(&a.document.as_ref().map(|d| d.path.clone()).unwrap_or_default())
            ),
            Some(ArchivedCopy::Diubah) => println!(
                "  TETAPI salinan arsipnya DIUBAH: {} tidak lagi sesuai dengan hash di manifest.",
                shown(&a.document.as_ref().map(|d| d.path.clone()).unwrap_or_default())
            ),
            Some(ArchivedCopy::TidakSesuai) => {
                println!("  TETAPI baris manifest dokumen itu tidak sesuai dengan berkasnya (lihat temuan arsip di bawah).")
            }
            _ => {}
        }
        match (&a.newer, a.newest) {
            (Some(n), _) => println!(
                "  ADA VERSI LEBIH BARU: {} v{} (dibuat {}), {}",
                n.stage.slug(),
                n.version,
                shown(&n.date),
                shown(&n.path)
            ),
            (None, Some(true)) => println!("  Versi terbaru untuk tahap ini."),
            _ => {}
        }
    }
    if let Some(h) = &report.head {
        match h.lines {
            Some(n) => println!(
                "Kepala rantai {} ({n} baris) ada dalam riwayat arsip: {n} baris pertama manifest masih utuh seperti saat kepala itu dicatat.",
                h.asked.chars().take(12).collect::<String>()
            ),
            None => println!(
                "Kepala rantai {} tidak ada dalam riwayat arsip {archive_name}: riwayat sejak kepala itu dicatat telah ditulis ulang (atau kepala itu dari arsip lain).",
                h.asked
            ),
        }
    }
    if report.problems.is_empty() {
        println!("Arsip {archive_name}: BAIK.");
    } else {
        println!("Arsip {archive_name}: BERMASALAH, {} temuan:", report.problems.len());
        for p in &report.problems {
            println!("  {p}");
        }
    }
    let chain = Chain { head: report.chain.head.clone(), lines: report.chain.lines };
    println!("Rantai manifest: {}", chain.describe());
    Ok(ok.into())
}
