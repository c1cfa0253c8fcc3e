//! The command line as typed: clap definitions whose doc comments are the help text.

use crate::document::{Doc, Stage};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// `--head`: a chain head, at least 8 hexadecimal digits.
fn head(s: &str) -> Result<String, String> {
    let h = s.trim().to_lowercase();
    if h.len() >= 8 && h.len() <= 64 && h.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(h)
    } else {
        Err(format!("\"{s}\" bukan kepala rantai: diharapkan 8–64 angka heksadesimal, misalnya 3f1e73dd9a0f."))
    }
}

/// `--date`: a date YYYY-MM-DD.
fn date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("\"{s}\" bukan tanggal YYYY-MM-DD (contoh: --date 2025-01-15)."))
}

/// kinerja — buku kerja Pengukuran Kinerja menjadi dokumen PDF yang ditandatangani dan diarsipkan.
#[derive(Debug, Parser)]
#[command(
    name = "kinerja",
    version,
    about = "kinerja — buku kerja Pengukuran Kinerja menjadi dokumen PDF yang ditandatangani dan diarsipkan (SAKIP)."
)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Membuat folder kerja: input/ dengan contoh buku kerja terisi dan templat kosong, serta templates/ untuk diubah.
    Init(InitArgs),
    /// Membaca dan memeriksa buku kerja, lalu mencetak setiap temuan (tidak menulis apa pun).
    Check(CheckArgs),
    /// Membangun dokumen PDF dari buku kerja dan menyimpannya di arsip.
    Build(BuildArgs),
    /// Menulis sumber Typst, data dan aset satu dokumen (untuk penyusun templat).
    Typst(TypstArgs),
    /// Memeriksa arsip: menghitung ulang setiap hash dan melaporkan berkas yang berubah, hilang, atau tidak tercatat.
    Verify(VerifyArgs),
    /// Riwayat versi per unit, periode dan tahap.
    Log(LogArgs),
    /// Menulis ulang halaman indeks arsip (index.html), atau satu halaman indeks atas beberapa arsip.
    Index(IndexArgs),
    /// Rekapitulasi satu tahun dan periode: semua perangkat daerah di arsip dalam satu dokumen yang ditandatangani Sekretaris Daerah.
    Rekap(RekapArgs),
}

/// Arguments of `kinerja check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Buku kerja atau folder yang diperiksa (bawaan: semua buku kerja di folder --input).
    pub paths: Vec<PathBuf>,
    /// Folder buku kerja.
    #[arg(long, default_value = "input")]
    pub input: PathBuf,
    /// Cetak temuan dan hasil pengukuran sebagai satu objek JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `kinerja build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Buku kerja atau folder yang dibangun (bawaan: semua buku kerja di folder --input).
    pub paths: Vec<PathBuf>,
    /// Tahap dokumen: draft, konsep atau final.
    #[arg(long, value_enum, default_value = "draft")]
    pub stage: Stage,
    /// Dokumen yang dibangun: pengukuran (Pengukuran Kinerja, bawaan), pk (Perjanjian Kinerja dan Rencana Aksi PK; tahap draft dan final) atau lkjip (Laporan Kinerja dari arsip; tahap draft dan final).
    #[arg(long, value_enum, default_value = "pengukuran")]
    pub doc: Doc,
    /// Folder buku kerja.
    #[arg(long, default_value = "input")]
    pub input: PathBuf,
    /// Folder arsip.
    #[arg(long, default_value = "output")]
    pub output: PathBuf,
    /// Tanggal pembuatan (YYYY-MM-DD); bawaan: hari ini, atau SOURCE_DATE_EPOCH bila diatur.
    #[arg(long, value_parser = date)]
    pub date: Option<NaiveDate>,
    /// Jumlah dokumen yang disusun bersamaan (bawaan: semua inti prosesor).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Folder templat yang menimpa templat bawaan berkas demi berkas.
    #[arg(long, default_value = "templates")]
    pub templates: PathBuf,
    /// Cetak hasil sebagai satu objek JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `kinerja typst`.
#[derive(Debug, clap::Args)]
pub struct TypstArgs {
    /// Buku kerja.
    pub workbook: PathBuf,
    /// Tahap dokumen: draft, konsep atau final.
    #[arg(long, value_enum, default_value = "draft")]
    pub stage: Stage,
    /// Dokumen: pengukuran (bawaan), pk atau lkjip.
    #[arg(long, value_enum, default_value = "pengukuran")]
    pub doc: Doc,
    /// Folder tujuan sumber Typst, data dan aset.
    #[arg(long)]
    pub out: PathBuf,
    /// Folder arsip tempat Laporan Kinerja (--doc lkjip) mengambil angkanya; hanya dibaca.
    #[arg(long, default_value = "output")]
    pub output: PathBuf,
    /// Tanggal pembuatan (YYYY-MM-DD); bawaan: hari ini.
    #[arg(long, value_parser = date)]
    pub date: Option<NaiveDate>,
    /// Folder templat yang menimpa templat bawaan berkas demi berkas.
    #[arg(long, default_value = "templates")]
    pub templates: PathBuf,
}

/// Arguments of `kinerja verify`.
#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// PDF yang diperiksa terhadap arsip (di dalam atau di luar arsip), atau kode dari kode QR dokumen
    /// final (kinerja:…); tanpa argumen, seluruh arsip diperiksa.
    pub targets: Vec<String>,
    /// Buktikan bahwa riwayat arsip masih memuat kepala rantai manifest ini (12 angka heksadesimal atau lebih,
    /// seperti dicetak build dan log).
    #[arg(long, value_parser = head)]
    pub head: Option<String>,
    /// Tulis ulang index.html (halaman turunan arsip) bila tidak sesuai dengan arsip atau belum ada.
    #[arg(long)]
    pub index: bool,
    /// Folder arsip.
    #[arg(long, default_value = "output")]
    pub output: PathBuf,
    /// Cetak hasil sebagai satu objek JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `kinerja log`.
#[derive(Debug, clap::Args)]
pub struct LogArgs {
    /// Kode atau nama unit (bawaan: semua unit).
    pub unit: Option<String>,
    /// Folder arsip.
    #[arg(long, default_value = "output")]
    pub output: PathBuf,
}

/// Arguments of `kinerja index`.
#[derive(Debug, clap::Args)]
pub struct IndexArgs {
    /// Beberapa folder arsip (misalnya arsip setiap perangkat daerah di drive bersama): setiap arsip
    /// diverifikasi lebih dulu, lalu satu halaman indeks ditulis ke --to tanpa mengubah arsip mana pun.
    /// Tanpa argumen: index.html di folder --output ditulis ulang.
    pub archives: Vec<PathBuf>,
    /// Folder arsip (bila tidak ada arsip yang disebut).
    #[arg(long, default_value = "output")]
    pub output: PathBuf,
    /// Berkas halaman indeks gabungan (bila arsip disebut); tidak boleh di dalam salah satu arsip.
    #[arg(long, default_value = "index.html")]
    pub to: PathBuf,
}

/// Arguments of `kinerja rekap`.
#[derive(Debug, clap::Args)]
pub struct RekapArgs {
    /// Arsip perangkat daerah yang direkap (misalnya di drive bersama) ke dalam --output; setiap arsip
    /// diverifikasi lebih dulu dan tidak diubah. Tanpa argumen: arsip --output sendiri. Satu arsip tanpa
    /// --output: rekapitulasi arsip itu sendiri, disimpan di dalamnya.
    pub archives: Vec<PathBuf>,
    /// Tahun yang direkap.
    #[arg(long)]
    pub year: i32,
    /// Periode: tahunan, tw1, tw2, tw3 atau tw4.
    #[arg(long, default_value = "tahunan")]
    pub period: String,
    /// Berkas blok tanda tangan Sekretaris Daerah (baris Pemerintah:, Tempat:, Jabatan:, Nama:, Pangkat:, NIP:).
    #[arg(long, default_value = "input/penandatangan-rekap.txt")]
    pub signer: PathBuf,
    /// Folder arsip tempat rekapitulasi disimpan (bawaan: output, atau satu-satunya arsip yang disebut).
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Tanggal pembuatan (YYYY-MM-DD); bawaan: hari ini, atau SOURCE_DATE_EPOCH bila diatur.
    #[arg(long, value_parser = date)]
    pub date: Option<NaiveDate>,
}

impl RekapArgs {
    /// Where the rekap goes, and the other archives it is drawn from (none: from its own). One archive
    /// named and no `--output` is that archive's own rekap, as `--output ARSIP` is: the rekap belongs in
    /// the archive it sums up.
    pub fn resolve(&self) -> (PathBuf, &[PathBuf]) {
        match (&self.output, self.archives.as_slice()) {
            (Some(output), archives) => (output.clone(), archives),
            (None, [one]) => (one.clone(), &[]),
            (None, archives) => (PathBuf::from("output"), archives),
        }
    }
}

/// Arguments of `kinerja init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Folder kerja yang dibuat atau dilengkapi (bawaan: folder ini).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Bentuk buku kerja kosong: kinerja (bawaan) atau e81, formulir evaluasi hasil Renja
    /// Permendagri 86/2017 yang biasa diisi untuk Bappeda.
    #[arg(long, value_enum, default_value = "kinerja")]
    pub form: InitForm,
}

/// The empty workbook `kinerja init` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InitForm {
    /// The kinerja workbook (docs/workbook.md).
    Kinerja,
    /// The Renja evaluation form of Permendagri 86/2017 (docs/renja-form.md).
    E81,
}
