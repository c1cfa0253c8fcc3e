//! A real browser for the tests and the benchmark: Debian's headless Chromium driven through its
//! chromedriver (WebDriver, plain http on localhost) with the `fantoccini` client. Nothing is downloaded:
//! both programs come from `bash tests/setup.sh`, and the browser is started offline with a fresh profile.

use fantoccini::{Client, ClientBuilder};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The flags of an offline, headless Chromium (the project's rule for starting it).
const FLAGS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// A chromedriver process and one browser session on it.
pub struct Browser {
    /// The runtime the WebDriver client runs on.
    pub rt: tokio::runtime::Runtime,
    /// The session.
    pub client: Client,
    driver: Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts chromedriver and a headless Chromium of `width` × `height` pixels. Panics with what to do
    /// when either program is missing.
    pub fn start(width: u32, height: u32) -> Browser {
        for program in [CHROMIUM, CHROMEDRIVER] {
            assert!(
                Path::new(program).exists(),
                "{program} tidak ada: uji peramban memerlukan chromium dan chromium-driver dari paket Debian. → Jalankan: bash tests/setup.sh"
            );
        }
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).unwrap();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver");
        // chromedriver takes a moment to listen; this waits for it, it does not time anything.
        let ready = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(ready.elapsed() < Duration::from_secs(60), "chromedriver tidak mendengarkan di port {port}");
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = tempfile::tempdir().unwrap();
        let mut args: Vec<String> = FLAGS.iter().map(|s| s.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        args.push(format!("--window-size={width},{height}"));
        let caps = serde_json::json!({
            "goog:chromeOptions": { "binary": CHROMIUM, "args": args },
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let client = rt
            .block_on(async {
                let connector = hyper_util::client::legacy::connect::HttpConnector::new();
                ClientBuilder::new(connector)
                    .capabilities(caps.as_object().unwrap().clone())
                    .connect(&format!("http://127.0.0.1:{port}"))
                    .await
            })
            .expect("a Chromium session");
        let session = rt.block_on(client.session_id()).unwrap().expect("a session id");
        Browser { rt, client, driver, port, session, _profile: profile }
    }

    /// Opens a file of this machine.
    pub fn open(&self, path: &Path) {
        let url = format!("file://{}", path.canonicalize().unwrap().display());
        self.rt.block_on(self.client.goto(&url)).unwrap();
    }

    /// Runs a script in the page and returns its value.
    pub fn js(&self, script: &str) -> serde_json::Value {
        self.rt.block_on(self.client.execute(script, vec![])).unwrap()
    }

    /// The browser's console messages of level SEVERE (errors) since the last call, through
    /// chromedriver's log endpoint (the `goog:loggingPrefs` capability).
    pub fn console_errors(&self) -> Vec<String> {
        let body = r#"{"type":"browser"}"#;
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            s,
            "POST /session/{}/se/log HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.session,
            body.len()
        )
        .unwrap();
        // chromedriver keeps the connection open: read the head, then as many bytes as it announces.
        let mut bytes = Vec::new();
        let mut buf = [0u8; 8192];
        let body = loop {
            let n = s.read(&mut buf).unwrap();
            assert!(n > 0, "chromedriver closed the connection: {}", String::from_utf8_lossy(&bytes));
            bytes.extend_from_slice(&buf[..n]);
            let text = String::from_utf8_lossy(&bytes).into_owned();
            if let Some(end) = text.find("\r\n\r\n") {
                let length: usize = text[..end]
                    .lines()
                    .find_map(|l| {
                        l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap())
                    })
                    .expect("Content-Length");
                if bytes.len() >= end + 4 + length {
                    break String::from_utf8_lossy(&bytes[end + 4..end + 4 + length]).into_owned();
                }
            }
        };
        let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("log: {e}: {body}"));
        v["value"]
            .as_array()
            .unwrap_or_else(|| panic!("no log in {v}"))
            .iter()
            .filter(|m| m["level"] == "SEVERE")
            .map(|m| m["message"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// A PNG of the window.
    pub fn screenshot(&self) -> Vec<u8> {
        self.rt.block_on(self.client.screenshot()).unwrap()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let client = self.client.clone();
        let _ = self.rt.block_on(client.close());
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
