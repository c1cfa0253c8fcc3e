//! The test harness: a temporary working folder, workbooks written into it,
//! and the `kinerja` binary run there as a user would run it.

#![allow(dead_code)]

pub mod book;
pub mod browser;
pub mod form;
pub mod kabupaten;
pub mod layouts;
pub mod rng;
pub mod zipped;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary working folder with an `input/` inside.
pub struct Dir {
    pub tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("input")).unwrap();
        Dir { tmp }
    }

    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    /// `input/<name>` in this folder.
    pub fn input(&self, name: &str) -> PathBuf {
        self.path().join("input").join(name)
    }

    /// Writes a workbook to `input/<name>` and returns its path.
    pub fn book(&self, name: &str, book: &book::Book) -> PathBuf {
        let p = self.input(name);
        book.save(&p).unwrap();
        p
    }

    /// Runs `kinerja ARGS…` in this folder.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_kinerja"))
            .args(args)
            .current_dir(self.path())
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .unwrap();
        Run::from(out)
    }

    /// Runs `kinerja ARGS…` with `env` set, and fails the test when it has not ended within `limit`
    /// (a hang is a failure, not a test that never ends; the process is killed first).
    pub fn run_within(&self, args: &[&str], env: &[(&str, &str)], limit: std::time::Duration) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_kinerja"));
        cmd.args(args).current_dir(self.path()).env_remove("SOURCE_DATE_EPOCH");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap();
        // Drain both pipes on threads, so a chatty process cannot block on a full pipe.
        let mut out = child.stdout.take().unwrap();
        let mut err = child.stderr.take().unwrap();
        let read_out = std::thread::spawn(move || {
            let mut s = Vec::new();
            std::io::Read::read_to_end(&mut out, &mut s).ok();
            s
        });
        let read_err = std::thread::spawn(move || {
            let mut s = Vec::new();
            std::io::Read::read_to_end(&mut err, &mut s).ok();
            s
        });
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > limit {
                child.kill().ok();
                child.wait().ok();
                panic!("kinerja {} did not end within {} s", args.join(" "), limit.as_secs());
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        };
        Run::from(Output { status, stdout: read_out.join().unwrap(), stderr: read_err.join().unwrap() })
    }
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Stdout parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", self.stdout, self.stderr))
    }

    /// The entry of `--json` output for the workbook whose file name ends with `name`.
    pub fn workbook(&self, name: &str) -> serde_json::Value {
        let json = self.json();
        json["workbooks"]
            .as_array()
            .and_then(|w| w.iter().find(|w| w["file"].as_str().is_some_and(|f| f.ends_with(name))))
            .unwrap_or_else(|| panic!("no workbook {name} in {json}"))
            .clone()
    }

    /// Stdout and stderr together, for messages.
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// Finds the indicator with `code` in a `check --json` workbook entry.
pub fn indicator<'a>(wb: &'a serde_json::Value, code: &str) -> &'a serde_json::Value {
    wb["measurement"]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == code)
        .unwrap_or_else(|| panic!("no indicator {code}"))
}

/// The text of a PDF (pdftotext -raw), with runs of whitespace made single spaces.
pub fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed by the tests: apt-get install poppler-utils");
    assert!(out.status.success(), "pdftotext failed on {}", path.display());
    String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The lines of an archive's manifest (`out/manifest.jsonl`), parsed; none when it has none.
pub fn manifest_lines(out: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(out.join("manifest.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Every file under `dir`, relative, sorted, with `/` separators.
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    v.sort();
    v
}

/// The PDFs under `dir`, sorted.
pub fn pdfs_under(dir: &Path) -> Vec<PathBuf> {
    files_under(dir).into_iter().filter(|f| f.ends_with(".pdf")).map(|f| dir.join(f)).collect()
}

/// The text of the QR code(s) on a PDF page, read by zbarimg from the page rendered by pdftoppm.
pub fn qr_on_page(pdf: &Path, page: usize, work: &Path) -> String {
    let png = work.join("halaman");
    let st = Command::new("pdftoppm")
        .args(["-r", "200", "-png", "-f", &page.to_string(), "-l", &page.to_string(), "-singlefile"])
        .arg(pdf)
        .arg(&png)
        .status()
        .expect("pdftoppm (poppler-utils)");
    assert!(st.success());
    let out = Command::new("zbarimg")
        .args(["--raw", "-q"])
        .arg(png.with_extension("png"))
        .output()
        .expect("zbarimg (zbar-tools) is needed by this test: bash tests/setup.sh");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A word on a PDF page: its box (xMin, yMin, xMax, yMax) and its text.
pub type Word = (f64, f64, f64, f64, String);

/// The words of a PDF page with their boxes (xMin, yMin, xMax, yMax), from `pdftotext -bbox`.
pub fn pdf_words(pdf: &Path, page: usize) -> Vec<Word> {
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let html = String::from_utf8_lossy(&out.stdout).to_string();
    html.lines()
        .filter_map(|l| {
            let l = l.trim().strip_prefix("<word ")?;
            let attr = |name: &str| -> f64 {
                let start = l.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                l[start..].split('"').next().unwrap().parse().unwrap()
            };
            let word = l.split('>').nth(1)?.split('<').next()?.to_string();
            Some((attr("xMin"), attr("yMin"), attr("xMax"), attr("yMax"), word))
        })
        .collect()
}

/// `kinerja build --json ARGS` in `dir`.
pub fn build_json(dir: &Dir, args: &[&str]) -> Run {
    let mut a = vec!["build", "--json"];
    a.extend_from_slice(args);
    dir.run(&a)
}

/// The `--json` of a run that must have succeeded.
pub fn ok(run: Run) -> serde_json::Value {
    assert_eq!(run.code, 0, "{}", run.all());
    run.json()
}
