//! The command line as typed: clap definitions whose doc comments are the help text.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// kinerja — buku kerja Pengukuran Kinerja menjadi dokumen PDF yang ditandatangani dan diarsipkan.
#[derive(Debug, Parser)]
#[command(name = "kinerja", version, about)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Membaca dan memeriksa buku kerja, lalu mencetak setiap temuan (tidak menulis apa pun).
    Check(CheckArgs),
}

/// Arguments of `kinerja check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Buku kerja atau folder yang diperiksa (bawaan: semua buku kerja di bawah input/).
    pub paths: Vec<PathBuf>,
    /// Cetak temuan dan hasil pengukuran sebagai satu objek JSON.
    #[arg(long)]
    pub json: bool,
}
