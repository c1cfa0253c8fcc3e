//! `kinerja verify`: SOP step 9's proof. Walks the archive, recomputes every hash and the manifest's
//! chain, and names each file that was modified, is missing, or is not in the manifest, and the first
//! manifest line that no longer follows the lines before it. `--head` proves that a chain head
//! written down earlier is still the history's. Given PDFs (or the code of a final's QR code), it
//! answers for each whether it is a document of this archive, byte for byte, and the newest.

use crate::archive::chain::Chain;
use crate::archive::commit::{self, file_sha, is_internal};
use crate::archive::manifest::{self, Entry, Manifest};
use crate::cli::VerifyArgs;
use crate::document;
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::Path;

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
    /// The first manifest line that does not follow the lines before it: it, or the line before it,
    /// was edited, inserted, removed or moved.
    ChainBroken { line: usize },
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
            Problem::BadManifestLine { line } => write!(f, "BARIS RUSAK: manifest.jsonl baris {line}"),
            Problem::ChainBroken { line } => write!(
                f,
                "RANTAI PUTUS di manifest.jsonl baris {line}: baris ini tidak menyambung dengan baris-baris sebelumnya. Baris {line} atau baris {} telah diubah, disisipkan atau ditukar, atau ada baris yang dihapus di antaranya; riwayat arsip tidak lagi utuh.",
                line.saturating_sub(1)
            ),
        }
    }
}

/// The chain's head, as the report gives it.
#[derive(Debug, Serialize)]
pub struct ChainReport {
    /// sha256 over every line.
    pub head: String,
    /// How many lines.
    pub lines: usize,
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
    /// The manifest chain's head.
    pub chain: ChainReport,
    /// Everything wrong.
    pub problems: Vec<Problem>,
    /// Documents an interrupted build left half-done; the next build completes or removes them.
    pub pending: Vec<String>,
    /// The page `index.html`: a derived file, not a document; not a problem when stale or absent.
    pub index: IndexState,
}

/// What `verify` finds of `index.html`, the archive's derived page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IndexState {
    /// No page (an empty archive, or it was removed).
    TidakAda,
    /// The page is exactly what the archive gives now.
    Sesuai,
    /// The page differs from what the archive gives now (edited, or written by another version).
    Usang,
}

/// How `index.html` stands against what the archive gives now.
fn index_state(root: &Path) -> IndexState {
    match std::fs::read(root.join(crate::index::FILE)) {
        Err(_) => IndexState::TidakAda,
        Ok(bytes) if crate::index::expected(root).is_ok_and(|e| e == bytes) => IndexState::Sesuai,
        Ok(_) => IndexState::Usang,
    }
}

/// The first line that breaks the chain: a link that does not hold the head of the lines before it,
/// or an entry without a link once the chain has begun (lines of older versions have none).
pub fn chain_break(mf: &Manifest) -> Option<usize> {
    let mut begun = false;
    for link in mf.links.iter().filter(|l| l.entry) {
        match &link.prev {
            Some(p) if *p == link.head_before => begun = true,
            Some(_) => return Some(link.line),
            None if begun => return Some(link.line),
            None => {}
        }
    }
    None
}

/// Verifies the archive under `root`.
pub fn verify(root: &Path) -> Result<Report, String> {
    if !root.is_dir() {
        return Err(format!("arsip {} tidak ditemukan.", root.display()));
    }
    if !is_archive(root) {
        return Err(format!(
            "folder {} bukan arsip kinerja: tidak ada manifest.jsonl dan tidak ada dokumen arsip (<tahun>/<periode>/<unit>/<tahap>/<tanggal>/…) di dalamnya. Sebutkan folder arsipnya dengan --output (bawaan: output).",
            root.display()
        ));
    }
    let mf = manifest::read(root).map_err(|e| e.to_string())?;
    let mut problems: Vec<Problem> =
        mf.bad_lines.iter().map(|(line, _)| Problem::BadManifestLine { line: *line }).collect();
    if let Some(line) = chain_break(&mf) {
        problems.push(Problem::ChainBroken { line });
    }
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
        if is_internal(&rel)
            || rel == manifest::FILE
            || rel == crate::index::FILE
            || rel == ".gitkeep"
            || known.contains(&rel)
        {
            continue;
        }
        problems.push(Problem::NotInManifest { path: rel });
    }
    Ok(Report {
        ok: problems.is_empty(),
        documents: mf.entries.len(),
        files,
        chain: ChainReport { head: mf.chain.head.clone(), lines: mf.chain.lines },
        problems,
        pending,
        index: index_state(root),
    })
}

/// True for a folder that is an archive: it has a manifest or a build's journal, a document where
/// the archive's tree puts documents, or nothing at all (an empty archive). A folder of other files
/// (`verify --output input`) is not one, and is not reported as an archive whose every file is foreign.
fn is_archive(root: &Path) -> bool {
    if root.join(manifest::FILE).exists() || !commit::pending(root).is_empty() {
        return true;
    }
    let mut files = walkdir::WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file());
    let mut any = false;
    let in_tree = files.any(|e| {
        let rel = crate::archive::relative(root, e.path());
        if is_internal(&rel) || rel == ".gitkeep" || rel == crate::index::FILE {
            return false;
        }
        any = true;
        let parts: Vec<&str> = rel.split('/').collect();
        parts.len() == 6
            && parts[0].len() == 4
            && parts[0].chars().all(|c| c.is_ascii_digit())
            && chrono::NaiveDate::parse_from_str(parts[4], "%Y-%m-%d").is_ok()
            && (rel.ends_with(".pdf") || rel.ends_with(".json"))
    });
    in_tree || !any
}

/// Writes `index.html` again (`--index`), under the archive's lock; its state afterwards.
fn rebuild_index(root: &Path) -> IndexState {
    let written = crate::archive::lock::acquire(root).and_then(|_lock| {
        let mf = manifest::read(root).map_err(|e| e.to_string())?;
        crate::index::write(root, &mf)
    });
    match written {
        Ok(Some(path)) => {
            eprintln!("Halaman indeks ditulis ulang: {}", path.display());
            index_state(root)
        }
        Ok(None) => IndexState::TidakAda,
        Err(msg) => {
            eprintln!("KESALAHAN: halaman indeks tidak dapat ditulis: {msg}");
            index_state(root)
        }
    }
}

/// The line count at which the history had the head `wanted` (a prefix of it), if it ever had.
fn find_head(mf: &Manifest, wanted: &str) -> Option<Chain> {
    mf.links
        .iter()
        .enumerate()
        .find(|(_, l)| l.head_after.starts_with(wanted))
        .map(|(i, l)| Chain { head: l.head_after.clone(), lines: i + 1 })
}

/// An archived document as a person reads it: "Pengukuran Kinerja Dinas … (diskominfo) · 2024 Tahunan ·
/// final v1 · dibuat 15 Januari 2025".
fn describe(e: &Entry) -> String {
    format!(
        "{} {} ({}) · {} {} · {} v{} · dibuat {}",
        e.document.title(),
        e.unit_name,
        e.unit,
        e.year,
        e.period.label(),
        e.stage.slug(),
        e.version,
        e.date_words()
    )
}

/// What a given file (or code) is to this archive.
#[derive(Debug, Serialize)]
pub struct Answer {
    /// The file or code as given.
    pub file: String,
    /// `sama` (byte for byte an archived document, or a code of one), `berbeda` (it names or is named
    /// like an archived document but its bytes differ), `tidak-dikenal`.
    pub answer: &'static str,
    /// The archived document it is, or claims to be (its manifest entry).
    pub document: Option<Entry>,
    /// True when no newer version of that document's stage exists.
    pub newest: Option<bool>,
    /// The newest version, when it is newer.
    pub newer: Option<Entry>,
    /// Why it could not be read, if it could not.
    pub error: Option<String>,
}

/// Answers for one file or code.
fn answer(mf: &Manifest, target: &str) -> Answer {
    let mut a = Answer {
        file: target.to_string(),
        answer: "tidak-dikenal",
        document: None,
        newest: None,
        newer: None,
        error: None,
    };
    let found: Option<(&Entry, bool)> = if let Some((key, version, source)) = document::parse_code(target) {
        mf.entries
            .iter()
            .find(|e| e.is(&key) && e.version == version && e.source_sha256.starts_with(&source))
            .map(|e| (e, true))
    } else {
        match std::fs::read(target) {
            Err(e) => {
                a.error = Some(format!("berkas tidak dapat dibaca: {e}"));
                None
            }
            Ok(bytes) => {
                let sha = crate::archive::sha256(&bytes);
                mf.entries
                    .iter()
                    .find(|e| e.sha256 == sha)
                    .map(|e| (e, true))
                    .or_else(|| claimed(mf, target, &bytes).map(|e| (e, false)))
            }
        }
    };
    if let Some((e, same)) = found {
        a.answer = if same { "sama" } else { "berbeda" };
        let newest = mf.newest(&e.key()).filter(|n| n.version > e.version);
        a.newest = Some(newest.is_none());
        a.newer = newest.cloned();
        a.document = Some(e.clone());
    }
    a
}

/// The archived document a file claims to be, though its bytes differ: by the identity its PDF
/// carries in its keywords, else by its file name.
fn claimed<'a>(mf: &'a Manifest, target: &str, bytes: &[u8]) -> Option<&'a Entry> {
    let text = String::from_utf8_lossy(bytes);
    let by_code = text.match_indices("kinerja:").find_map(|(i, _)| {
        let code: String = text[i..].chars().take_while(|c| c.is_ascii_alphanumeric() || ":/-.".contains(*c)).collect();
        let (key, version, source) = document::parse_code(&code)?;
        mf.entries.iter().find(|e| e.is(&key) && e.version == version && e.source_sha256.starts_with(&source))
    });
    by_code.or_else(|| {
        let name = Path::new(target).file_name()?.to_str()?;
        mf.entries.iter().find(|e| e.path.rsplit('/').next() == Some(name))
    })
}

/// Prints the verification; true when the archive is whole (and every given file is the archived one,
/// and the head is the history's).
pub fn run(args: &VerifyArgs) -> bool {
    if !args.targets.is_empty() || args.head.is_some() {
        return run_targets(args);
    }
    let report = match verify(&args.output) {
        Ok(r) => r,
        Err(msg) => {
            eprintln!("KESALAHAN: {msg}");
            return false;
        }
    };
    if args.json {
        let mut report = report;
        if args.index && report.index != IndexState::Sesuai && report.documents > 0 {
            report.index = rebuild_index(&args.output);
        }
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
    let mut index = report.index;
    if args.index && index != IndexState::Sesuai && report.documents > 0 {
        index = rebuild_index(&args.output);
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
        println!("BAIK: setiap berkas sesuai dengan hash di manifest, dan setiap baris manifest menyambung dengan riwayat sebelumnya.");
    } else {
        println!(
            "BERMASALAH: {} temuan. Berkas arsip tidak boleh diubah atau dihapus; pulihkan dari cadangan, atau bangun ulang dokumennya (versi baru).",
            report.problems.len()
        );
    }
    report.ok
}

/// The report about given files, codes and a head.
#[derive(Debug, Serialize)]
struct TargetReport {
    /// True when every file is the archived one, the head is found and the chain is whole.
    ok: bool,
    /// The manifest chain's head now.
    chain: ChainReport,
    /// The first line that breaks the chain, if any.
    chain_broken_at: Option<usize>,
    /// The head asked about, and the history it proves, when it was found.
    head: Option<HeadAnswer>,
    /// One answer per file or code.
    files: Vec<Answer>,
}

/// The answer about `--head`.
#[derive(Debug, Serialize)]
struct HeadAnswer {
    /// The head as given.
    asked: String,
    /// The lines it covers, when the history has it.
    lines: Option<usize>,
}

fn run_targets(args: &VerifyArgs) -> bool {
    let mf = match manifest::read(&args.output) {
        Ok(m) if args.output.is_dir() => m,
        Ok(_) => {
            eprintln!("KESALAHAN: arsip {} tidak ditemukan.", args.output.display());
            return false;
        }
        Err(e) => {
            eprintln!("KESALAHAN: {e}");
            return false;
        }
    };
    let broken = chain_break(&mf);
    let head = args.head.as_ref().map(|h| HeadAnswer { asked: h.clone(), lines: find_head(&mf, h).map(|c| c.lines) });
    let files: Vec<Answer> = args.targets.iter().map(|t| answer(&mf, t)).collect();
    let ok =
        broken.is_none() && head.as_ref().is_none_or(|h| h.lines.is_some()) && files.iter().all(|a| a.answer == "sama");
    let report = TargetReport {
        ok,
        chain: ChainReport { head: mf.chain.head.clone(), lines: mf.chain.lines },
        chain_broken_at: broken,
        head,
        files,
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
        return ok;
    }
    for a in &report.files {
        println!("{}", a.file);
        let is_code = document::parse_code(&a.file).is_some();
        match (a.answer, &a.document) {
            ("sama", Some(d)) if is_code => println!("  KODE SAH: kode ini milik dokumen arsip {}\n  {}", describe(d), d.path),
            ("sama", Some(d)) => println!("  SAMA PERSIS dengan dokumen arsip: {}\n  {}", describe(d), d.path),
            ("berbeda", Some(d)) => println!(
                "  BERBEDA: berkas ini mengaku atau bernama seperti dokumen arsip {}, tetapi isinya tidak sama persis; yang sah adalah {}",
                describe(d),
                d.path
            ),
            _ => println!(
                "  TIDAK DIKENAL: bukan dokumen arsip {}.{}",
                args.output.display(),
                a.error.as_ref().map(|e| format!(" ({e})")).unwrap_or_default()
            ),
        }
        match (&a.newer, a.newest) {
            (Some(n), _) => {
                println!("  ADA VERSI LEBIH BARU: {} v{} (dibuat {}), {}", n.stage.slug(), n.version, n.date, n.path)
            }
            (None, Some(true)) => println!("  Versi terbaru untuk tahap ini."),
            _ => {}
        }
    }
    if let Some(h) = &report.head {
        match h.lines {
            Some(n) => println!(
                "Kepala rantai {} ({n} baris) ada dalam riwayat arsip: {n} baris pertama manifest masih utuh seperti saat kepala itu dicatat.",
                &h.asked[..12.min(h.asked.len())]
            ),
            None => println!(
                "Kepala rantai {} tidak ada dalam riwayat arsip {}: riwayat sejak kepala itu dicatat telah ditulis ulang (atau kepala itu dari arsip lain).",
                h.asked,
                args.output.display()
            ),
        }
    }
    if let Some(line) = report.chain_broken_at {
        println!("  {}", Problem::ChainBroken { line });
    }
    let chain = Chain { head: report.chain.head.clone(), lines: report.chain.lines };
    println!("Rantai manifest: {}", chain.describe());
    ok
}
