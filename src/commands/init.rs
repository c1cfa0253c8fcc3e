//! `kinerja init`: SOP step 3, "membuat format". A working folder with a
//! filled example workbook, an empty template workbook, and copies of the
//! built-in templates to customise. Nothing that exists is overwritten.

use crate::cli::{InitArgs, InitForm};
use crate::templates::Templates;
use std::path::Path;

/// The example workbook's file name in `input/`.
pub const EXAMPLE: &str = "contoh-diskominfo-2024.xlsx";
/// The empty template's file name in `input/`.
pub const TEMPLATE: &str = "templat-pengukuran-kinerja.xlsx";
/// The empty Renja evaluation form's file name in `input/` (`--form e81`).
pub const FORM: &str = "formulir-evaluasi-renja-e81.xlsx";

const GUIDE: &str = include_str!("../../templates/PANDUAN.md");

/// The filled example (the Diskominfo example of `input/`) and the empty template, as shipped; the
/// tests describe both cell by cell and check these files against that description.
const EXAMPLE_BYTES: &[u8] = include_bytes!("../../input/diskominfo-lumajang-2024.xlsx");
const TEMPLATE_BYTES: &[u8] = include_bytes!("../../templates/buku-kerja/templat-pengukuran-kinerja.xlsx");
/// The empty form of `--form e81`, as shipped; described cell by cell by the tests too.
const FORM_BYTES: &[u8] = include_bytes!("../../templates/buku-kerja/formulir-evaluasi-renja-e81.xlsx");

/// Makes the working folder; done when everything asked for exists afterwards.
pub fn run(args: &InitArgs) -> super::Result {
    let dir = &args.dir;
    let mut ok = true;
    let mut report = |path: &Path, result: Result<bool, String>| match result {
        Ok(true) => println!("  dibuat     {}", path.display()),
        Ok(false) => println!("  sudah ada  {} (tidak ditimpa)", path.display()),
        Err(e) => {
            ok = false;
            eprintln!("KESALAHAN: {}: {e}", path.display());
        }
    };
    println!("Folder kerja {}:", dir.display());
    let example = dir.join("input").join(EXAMPLE);
    report(&example, write_if_absent(&example, |p| std::fs::write(p, EXAMPLE_BYTES).map_err(|e| e.to_string())));
    let (empty_name, empty_bytes) = match args.form {
        InitForm::Kinerja => (TEMPLATE, TEMPLATE_BYTES),
        InitForm::E81 => (FORM, FORM_BYTES),
    };
    let template = dir.join("input").join(empty_name);
    report(&template, write_if_absent(&template, |p| std::fs::write(p, empty_bytes).map_err(|e| e.to_string())));
    for (name, bytes) in Templates::builtin().files() {
        let path = dir.join("templates").join(name);
        report(&path, write_if_absent(&path, |p| std::fs::write(p, bytes).map_err(|e| e.to_string())));
    }
    let guide = dir.join("templates").join("PANDUAN.md");
    report(&guide, write_if_absent(&guide, |p| std::fs::write(p, GUIDE).map_err(|e| e.to_string())));
    if ok {
        let cd = if dir == Path::new(".") { String::new() } else { format!("cd {} && ", dir.display()) };
        println!(
            "\nLangkah berikutnya:\n  1. Isi {empty_name} (atau lihat contohnya, {EXAMPLE}); petunjuk tiap kolom ada di lembar Petunjuk.\n     Setelah mencoba, pindahkan {EXAMPLE} keluar dari input/ agar tidak ikut dibangun.\n  2. {cd}kinerja check     — periksa isian\n  3. {cd}kinerja build     — buat draft di folder output/"
        );
    }
    Ok(ok.into())
}

/// Writes `path` with `write` unless it exists; Ok(false) when it was left alone.
fn write_if_absent(path: &Path, write: impl FnOnce(&Path) -> Result<(), String>) -> Result<bool, String> {
    if path.exists() {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    // Written aside and moved into place, so that a file appearing meanwhile is never replaced.
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    write(&tmp)?;
    let placed = crate::archive::fsutil::place(&tmp, path);
    if placed.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    match placed {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e.to_string()),
    }
}
