//! `kinerja verify`: SOP step 9's proof. Walks the archive, recomputes every hash and the manifest's
//! chain, and names each file that was modified, is missing, or is not in the manifest, the first
//! manifest line that no longer follows the lines before it, and every line that disagrees with what it
//! describes (its files' names, its PDF's identity, its snapshot, the versions before it). `--head`
//! proves that a chain head written down earlier is still the history's. Given PDFs (or the code of a
//! final's QR code), it answers for each whether it is a document of this archive, byte for byte, and
//! the newest. It reads under the archive's shared lock, so a build in progress is waited for, never
//! reported as damage. What it proves and what it cannot: docs/decisions.md, "What verify proves".

use crate::archive::audit;
use crate::archive::chain::Chain;
use crate::archive::commit::{self, is_internal};
use crate::archive::manifest::{self, Entry, Manifest};
use crate::cli::VerifyArgs;
use crate::document;
use crate::text::for_terminal as shown;
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
    /// The first line without a link although its document was made by a version that links every
    /// line (its PDF carries an identity code): the links were stripped.
    ChainUnlinked { line: usize },
    /// A manifest line in a form the program never writes: the file was rewritten.
    ManifestRewritten { line: usize, how: manifest::Rewritten },
    /// A manifest line that disagrees with what it describes.
    Disagrees { line: usize, path: String, what: String },
    /// A path in the manifest outside the archive's tree (absolute, climbing out, not a name the program
    /// gives): never read, never linked.
    OutsideArchive { line: usize, path: String },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let short = |s: &str| s.chars().take(12).collect::<String>();
        match self {
            Problem::Modified { path, expected, actual } => write!(
                f,
                "DIUBAH: {} (sha256 tercatat {}…, sekarang {}…)",
                shown(path),
                shown(&short(expected)),
                short(actual)
            ),
            Problem::Missing { path } => write!(f, "HILANG: {}", shown(path)),
            Problem::NotInManifest { path } => write!(f, "TIDAK TERCATAT di manifest: {}", shown(path)),
            Problem::BadManifestLine { line } => write!(f, "BARIS RUSAK: manifest.jsonl baris {line}"),
            Problem::ChainBroken { line } => write!(
                f,
                "RANTAI PUTUS di manifest.jsonl baris {line}: baris ini tidak menyambung dengan baris-baris sebelumnya. Baris {line} atau baris {} telah diubah, disisipkan atau ditukar, atau ada baris yang dihapus di antaranya; riwayat arsip tidak lagi utuh.",
                line.saturating_sub(1)
            ),
            Problem::ChainUnlinked { line } => write!(
                f,
                "RANTAI DILEPAS di manifest.jsonl baris {line}: baris ini tanpa tautan (prev), padahal dokumennya dibuat oleh versi kinerja yang menautkan setiap baris (PDF-nya memuat kode identitas). Tautannya telah dihapus; riwayat arsip tidak lagi utuh."
            ),
            Problem::ManifestRewritten { line, how } => write!(
                f,
                "MANIFEST DITULIS ULANG: manifest.jsonl baris {line} {}; kinerja hanya menambah baris, tidak pernah menyunting berkas ini.",
                how.describe()
            ),
            Problem::Disagrees { line, path, what } => {
                write!(f, "TIDAK SESUAI: manifest.jsonl baris {line} ({}): {}", shown(path), shown(what))
            }
            Problem::OutsideArchive { line, path } => write!(
                f,
                "JALUR DI LUAR ARSIP: manifest.jsonl baris {line} menyebut \"{}\"; berkas itu tidak dibaca.",
                shown(path)
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

/// Where the chain fails first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainFault {
    /// A link that does not hold the head of the lines before it, or a line without one after the chain
    /// began.
    Broken(usize),
    /// A line without a link that should have one (see [`Problem::ChainUnlinked`]).
    Unlinked(usize),
}

impl ChainFault {
    /// As a problem of the report.
    pub fn problem(self) -> Problem {
        match self {
            ChainFault::Broken(line) => Problem::ChainBroken { line },
            ChainFault::Unlinked(line) => Problem::ChainUnlinked { line },
        }
    }
}

/// The first line that breaks the chain: a link that does not hold the head of the lines before it, an
/// entry without a link once the chain has begun, or one whose document shows it was made by a version
/// that links every line (`made_linked`, per entry in order; lines of older versions have no link).
pub fn chain_break(mf: &Manifest, made_linked: &[bool]) -> Option<ChainFault> {
    let mut begun = false;
    for (i, link) in mf.links.iter().filter(|l| l.entry).enumerate() {
        match &link.prev {
            Some(p) if *p == link.head_before => begun = true,
            Some(_) => return Some(ChainFault::Broken(link.line)),
            None if begun => return Some(ChainFault::Broken(link.line)),
            None if made_linked.get(i).copied().unwrap_or(false) => return Some(ChainFault::Unlinked(link.line)),
            None => {}
        }
    }
    None
}

/// Verifies the archive under `root` (the caller holds its lock, shared or not).
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
        mf.rewritten.iter().map(|(line, how)| Problem::ManifestRewritten { line: *line, how: *how }).collect();
    problems.extend(mf.bad_lines.iter().map(|(line, _)| Problem::BadManifestLine { line: *line }));
    let lines: Vec<(usize, bool)> = mf.links.iter().filter(|l| l.entry).map(|l| (l.line, l.prev.is_some())).collect();
    let mut known: BTreeSet<String> = BTreeSet::new();
    let mut files = 0;
    let mut made_linked = Vec::with_capacity(mf.entries.len());
    let mut disagree = Vec::new();
    let mut history = audit::History::default();
    for (e, &(line, linked)) in mf.entries.iter().zip(&lines) {
        // Each file read once: hashed, and (when whole) asked what it is.
        let mut whole: [Option<Vec<u8>>; 2] = [None, None];
        for (n, (path, sha)) in [(&e.path, &e.sha256), (&e.data_path, &e.data_sha256)].into_iter().enumerate() {
            known.insert(path.clone());
            files += 1;
            if !manifest::is_tree_path(path) {
                problems.push(Problem::OutsideArchive { line, path: path.clone() });
                continue;
            }
            match std::fs::read(root.join(path)) {
                Err(_) => problems.push(Problem::Missing { path: path.clone() }),
                Ok(bytes) => {
                    let actual = crate::archive::sha256(&bytes);
                    if &actual == sha {
                        whole[n] = Some(bytes);
                    } else {
                        problems.push(Problem::Modified { path: path.clone(), expected: sha.clone(), actual });
                    }
                }
            }
        }
        let identity = whole[0].as_deref().map(audit::pdf_identity);
        let identified = identity.as_ref().is_some_and(audit::PdfIdentity::made_linked);
        made_linked.push(identified);
        let legacy = !linked && !identified;
        for what in audit::disagreements(e, &history, identity.as_ref(), whole[1].as_deref(), legacy) {
            disagree.push(Problem::Disagrees { line, path: e.path.clone(), what });
        }
        history.push(e);
    }
    if let Some(fault) = chain_break(&mf, &made_linked) {
        problems.push(fault.problem());
    }
    problems.extend(disagree);
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
    // (The root itself may be reached through a link: it is walked, and is not a file of the archive.)
    for entry in walkdir::WalkDir::new(root).follow_links(false).into_iter().filter_map(Result::ok) {
        if entry.depth() == 0 || entry.file_type().is_dir() {
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

/// Reads the archive at `root` under its shared lock: a build in progress is waited for (up to 30 s),
/// so that its half-written group is never reported as damage. An archive whose lock file cannot be
/// made (a read-only drive) is read as it is.
pub fn verify_locked(root: &Path) -> Result<Report, String> {
    if !root.is_dir() {
        return Err(format!("arsip {} tidak ditemukan.", root.display()));
    }
    let _lock = crate::archive::lock::acquire_shared(root)?;
    verify(root)
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
/// final v1 · dibuat 15 Januari 2025" (shown safely on a terminal: the name is a workbook's text).
fn describe(e: &Entry) -> String {
    shown(&format!(
        "{} {} ({}) · {} {} · {} v{} · dibuat {}",
        e.document.title(),
        e.unit_name,
        e.unit,
        e.year,
        e.period.label(),
        e.stage.slug(),
        e.version,
        e.date_words()
    ))
    .into_owned()
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
    /// The archive's own copy of that document: `utuh`, `hilang`, `diubah`, or `tidak-sesuai` (its manifest
    /// line disagrees with it); none when no document was found.
    pub archived: Option<&'static str>,
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
        archived: None,
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
    let by_code = audit::pdf_identity(bytes).code.and_then(|(key, version, source)| {
        mf.entries.iter().find(|e| e.is(&key) && e.version == version && e.source_sha256.starts_with(&source))
    });
    by_code.or_else(|| {
        let name = Path::new(target).file_name()?.to_str()?;
        mf.entries.iter().find(|e| e.path.rsplit('/').next() == Some(name))
    })
}

/// How the archive's own copy of `e` stands, from the archive's problems.
fn archived_copy(e: &Entry, problems: &[Problem]) -> &'static str {
    let about = |p: &&Problem| match p {
        Problem::Missing { path } | Problem::Modified { path, .. } | Problem::OutsideArchive { path, .. } => {
            *path == e.path || *path == e.data_path
        }
        Problem::Disagrees { path, .. } => *path == e.path,
        _ => false,
    };
    match problems.iter().find(about) {
        None => "utuh",
        Some(Problem::Missing { .. }) => "hilang",
        Some(Problem::Modified { .. }) => "diubah",
        Some(_) => "tidak-sesuai",
    }
}

/// Prints the verification; true when the archive is whole (and every given file is the archived one,
/// and the head is the history's).
pub fn run(args: &VerifyArgs) -> bool {
    if !args.targets.is_empty() || args.head.is_some() {
        return run_targets(args);
    }
    let report = match verify_locked(&args.output) {
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
        println!("BAIK: setiap berkas sesuai dengan hash di manifest, setiap baris manifest sesuai dengan berkas yang dicatatnya dan menyambung dengan riwayat sebelumnya. (Baris terakhir dan riwayat yang dipotong hanya terbukti utuh dengan kepala rantai yang dicatat di luar arsip: kinerja verify --head.)");
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

fn run_targets(args: &VerifyArgs) -> bool {
    let root = &args.output;
    // The whole archive is verified too: a loose copy is only as good as the archive that vouches for
    // it, and a head only proves the lines, not the files they record.
    let read = verify_locked(root).and_then(|r| manifest::read(root).map(|m| (r, m)).map_err(|e| e.to_string()));
    let (archive, mf) = match read {
        Ok(x) => x,
        Err(msg) => {
            eprintln!("KESALAHAN: {msg}");
            return false;
        }
    };
    let broken = archive.problems.iter().find_map(|p| match p {
        Problem::ChainBroken { line } | Problem::ChainUnlinked { line } => Some(*line),
        _ => None,
    });
    let head = args.head.as_ref().map(|h| HeadAnswer { asked: h.clone(), lines: find_head(&mf, h).map(|c| c.lines) });
    let mut files: Vec<Answer> = args.targets.iter().map(|t| answer(&mf, t)).collect();
    for a in &mut files {
        a.archived = a.document.as_ref().map(|d| archived_copy(d, &archive.problems));
    }
    let ok = archive.ok
        && head.as_ref().is_none_or(|h| h.lines.is_some())
        && files.iter().all(|a| a.answer == "sama" && a.archived == Some("utuh"));
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
        return ok;
    }
    let archive_name = shown(&root.display().to_string()).into_owned();
    for a in &report.files {
        println!("{}", shown(&a.file));
        let is_code = document::parse_code(&a.file).is_some();
        match (a.answer, &a.document) {
            ("sama", Some(d)) if is_code => {
                println!("  KODE SAH: kode ini milik dokumen arsip {}\n  {}", describe(d), shown(&d.path))
            }
            ("sama", Some(d)) => println!("  SAMA PERSIS dengan dokumen arsip: {}\n  {}", describe(d), shown(&d.path)),
            ("berbeda", Some(d)) => println!(
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
            Some("hilang") => println!(
                "  TETAPI salinan arsipnya HILANG: {} tidak ada lagi di arsip. → Pulihkan dari cadangan (berkas ini dapat menjadi salinannya bila SAMA PERSIS).",
                shown(&a.document.as_ref().map(|d| d.path.clone()).unwrap_or_default())
            ),
            Some("diubah") => println!(
                "  TETAPI salinan arsipnya DIUBAH: {} tidak lagi sesuai dengan hash di manifest.",
                shown(&a.document.as_ref().map(|d| d.path.clone()).unwrap_or_default())
            ),
            Some("tidak-sesuai") => {
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
    ok
}
