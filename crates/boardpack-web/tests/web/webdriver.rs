//! A small WebDriver client for the browser tests: chromedriver on a loopback port,
//! driving headless Chromium, spoken to in blocking HTTP/1.1 with JSON bodies. It covers
//! only what the tests use (navigate, find, click, type, read text and attributes, the
//! active element, alerts, window size, screenshots). Written here rather than taken from
//! a crate: the usual Rust WebDriver client depends on an MPL-licensed crate.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{Value, json};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// The browser and driver binaries, if installed.
pub fn find_browser() -> Option<(PathBuf, PathBuf)> {
    let which = |names: &[&str]| -> Option<PathBuf> {
        let path = std::env::var_os("PATH")?;
        names.iter().find_map(|n| {
            std::env::split_paths(&path)
                .map(|d| d.join(n))
                .find(|p| p.is_file())
        })
    };
    let browser = which(&["chromium", "chromium-browser", "google-chrome"])?;
    let driver = which(&["chromedriver"])?;
    Some((browser, driver))
}

/// A chromedriver process with one headless Chromium session.
pub struct Browser {
    port: u16,
    session: String,
    driver: Child,
    _profile: TempDir,
}

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// An element found on the page.
#[derive(Clone)]
pub struct Element(String);

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl Browser {
    /// Starts chromedriver and a headless Chromium session with a fresh profile.
    pub fn start(browser: &Path, driver: &Path, name: &str) -> Browser {
        let port = free_port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile = TempDir(
            std::env::temp_dir().join(format!("boardpack-chromium-{}-{name}", std::process::id())),
        );
        let _ = std::fs::remove_dir_all(&profile.0);
        let mut b = Browser {
            port,
            session: String::new(),
            driver: child,
            _profile: profile,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while b.call("GET", "/status", None).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,900",
        ]
        .iter()
        .map(|s| s.to_string())
        .chain([format!("--user-data-dir={}", b._profile.0.display())])
        .collect::<Vec<_>>();
        let caps = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": browser.display().to_string(), "args": args }
        } } });
        let v = b
            .call("POST", "/session", Some(&caps))
            .unwrap_or_else(|e| panic!("no browser session: {e}"));
        b.session = v["sessionId"].as_str().expect("session id").to_string();
        b
    }

    /// One WebDriver command: its `value`, or the error message.
    fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).map_err(|e| e.to_string())?;
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .map_err(|e| e.to_string())?;
        let body = body.map(Value::to_string).unwrap_or_default();
        let req = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.port,
            body.len()
        );
        stream
            .write_all(req.as_bytes())
            .map_err(|e| e.to_string())?;
        // chromedriver keeps connections open whatever the request says, so read by length.
        let mut raw = Vec::new();
        let mut buf = [0u8; 64 * 1024];
        let (head, body) = loop {
            let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
            if n == 0 {
                return Err("the driver closed the connection".into());
            }
            raw.extend_from_slice(&buf[..n]);
            let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
                continue;
            };
            let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
            let rest = &raw[split + 4..];
            if head.contains("transfer-encoding: chunked")
                || head.contains("transfer-encoding:chunked")
            {
                if rest.ends_with(b"0\r\n\r\n") {
                    break (head, dechunk(rest));
                }
                continue;
            }
            let len = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if rest.len() >= len {
                break (head, rest[..len].to_vec());
            }
        };
        let body = String::from_utf8_lossy(&body);
        let v: Value = serde_json::from_str(&body).map_err(|e| format!("{e}: {body}"))?;
        let status: u16 = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        if status != 200 {
            return Err(format!(
                "{method} {path}: {status} {}",
                v["value"]["message"].as_str().unwrap_or("")
            ));
        }
        Ok(v["value"].clone())
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let path = format!("/session/{}{path}", self.session);
        self.call(method, &path, body.as_ref())
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// Opens `url` and waits for it to load.
    pub fn goto(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({ "url": url })));
    }

    /// The current URL.
    pub fn url(&self) -> String {
        self.cmd("GET", "/url", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// The first element matching a CSS selector, if any.
    pub fn try_find(&self, css: &str) -> Option<Element> {
        let path = format!("/session/{}/element", self.session);
        let v = self
            .call(
                "POST",
                &path,
                Some(&json!({ "using": "css selector", "value": css })),
            )
            .map_err(|e| eprintln!("find {css:?}: {e}"))
            .ok()?;
        v[ELEMENT].as_str().map(|s| Element(s.to_string()))
    }

    /// The first element matching a CSS selector.
    pub fn find(&self, css: &str) -> Element {
        self.try_find(css)
            .unwrap_or_else(|| panic!("no element {css:?} on {}", self.url()))
    }

    /// Every element matching a CSS selector.
    pub fn find_all(&self, css: &str) -> Vec<Element> {
        self.cmd(
            "POST",
            "/elements",
            Some(json!({ "using": "css selector", "value": css })),
        )
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| e[ELEMENT].as_str().map(|s| Element(s.to_string())))
                .collect()
        })
        .unwrap_or_default()
    }

    /// Clicks an element.
    pub fn click(&self, e: &Element) {
        self.cmd("POST", &format!("/element/{}/click", e.0), Some(json!({})));
    }

    /// Types into an element (WebDriver key codes allowed, e.g. "\u{E007}" for Enter).
    pub fn send_keys(&self, e: &Element, text: &str) {
        self.cmd(
            "POST",
            &format!("/element/{}/value", e.0),
            Some(json!({ "text": text })),
        );
    }

    /// Presses keys on the page, wherever the focus is.
    pub fn press(&self, key: &str) {
        let actions: Vec<Value> = key
            .chars()
            .flat_map(|c| {
                [
                    json!({ "type": "keyDown", "value": c.to_string() }),
                    json!({ "type": "keyUp", "value": c.to_string() }),
                ]
            })
            .collect();
        self.cmd(
            "POST",
            "/actions",
            Some(json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] })),
        );
    }

    /// The element's visible text.
    pub fn text(&self, e: &Element) -> String {
        self.cmd("GET", &format!("/element/{}/text", e.0), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// An attribute of the element.
    pub fn attr(&self, e: &Element, name: &str) -> Option<String> {
        self.cmd("GET", &format!("/element/{}/attribute/{name}", e.0), None)
            .as_str()
            .map(str::to_string)
    }

    /// The element that has the keyboard focus.
    pub fn active(&self) -> Element {
        let v = self.cmd("GET", "/element/active", None);
        Element(v[ELEMENT].as_str().expect("an active element").to_string())
    }

    /// The text of an open alert, if one is open.
    pub fn alert(&self) -> Option<String> {
        let path = format!("/session/{}/alert/text", self.session);
        self.call("GET", &path, None)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
    }

    /// Resizes the window.
    pub fn resize(&self, width: u32, height: u32) {
        self.cmd(
            "POST",
            "/window/rect",
            Some(json!({ "width": width, "height": height })),
        );
    }

    /// Saves a PNG screenshot of the viewport to `file`.
    pub fn screenshot(&self, file: &Path) {
        let v = self.cmd("GET", "/screenshot", None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(v.as_str().expect("base64"))
            .expect("a PNG");
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir).expect("screenshot folder");
        }
        std::fs::write(file, png).expect("screenshot written");
    }

    /// Waits until `f` holds (the page may still be loading after a click).
    pub fn wait_for(&self, what: &str, f: impl Fn(&Browser) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while !f(self) {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what} on {}",
                self.url()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let path = format!("/session/{}", self.session);
            let _ = self.call("DELETE", &path, None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn dechunk(mut s: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = s.windows(2).position(|w| w == b"\r\n") {
        let size = String::from_utf8_lossy(&s[..eol]);
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        let rest = &s[eol + 2..];
        if n == 0 || rest.len() < n {
            break;
        }
        out.extend_from_slice(&rest[..n]);
        s = rest[n..].strip_prefix(b"\r\n").unwrap_or(&rest[n..]);
    }
    out
}
