//! The archive's lock: one build at a time. A second build waits a while,
//! then stops with a clear message; a lock left by a dead process is taken over.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The lock file's name at the archive root.
pub const FILE: &str = ".kinerja.lock";

/// How long a second build waits for the first.
const WAIT: Duration = Duration::from_secs(30);

/// Held while a build runs; removing the lock file when dropped.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Takes the lock of the archive at `root`, waiting up to 30 s for another build.
pub fn acquire(root: &Path) -> Result<Lock, String> {
    let path = root.join(FILE);
    let started = Instant::now();
    loop {
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut f) => {
                let _ = writeln!(f, "{}", std::process::id());
                let _ = f.sync_all();
                return Ok(Lock { path });
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let holder = fs::read_to_string(&path).ok().and_then(|s| s.trim().parse::<u32>().ok());
                if let Some(pid) = holder {
                    if !alive(pid) {
                        // The build that held it is gone (killed): its lock is stale.
                        let _ = fs::remove_file(&path);
                        continue;
                    }
                }
                if started.elapsed() > WAIT {
                    return Err(format!(
                        "arsip {} sedang dipakai oleh build lain{}; build ini berhenti tanpa menulis apa pun. Tunggu build itu selesai lalu jalankan lagi.",
                        root.display(),
                        holder.map(|p| format!(" (proses {p})")).unwrap_or_default()
                    ));
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(e) => return Err(format!("gagal mengunci arsip {}: {e}", path.display())),
        }
    }
}

/// True when a process with this id exists (Linux: /proc; elsewhere assume it does).
fn alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}
