//! Real-browser tests: the server on 127.0.0.1:0 in process, headless Chromium through
//! chromedriver. They open the home page, search, follow a hit to its paragraph, use the
//! keyboard, open the programme timeline and an action, check a hostile paper shows as
//! text, and save PNG screenshots under `target/tmp/screenshots/`.
//!
//! Without Chromium and chromedriver they are skipped with a message, unless
//! `BOARDPACK_BROWSER_TESTS=1` (as CI sets), when their absence fails the test.

use std::path::PathBuf;
use std::sync::Arc;

use boardpack_app::Library;
use boardpack_web::AppState;

use crate::webdriver::{Browser, find_browser};
use crate::{hostile, samples};

/// The server, stopped when dropped.
struct Server {
    base: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    fn start(lib: Arc<Library>) -> Server {
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("bind");
                addr_tx
                    .send(listener.local_addr().expect("addr"))
                    .expect("send");
                boardpack_web::serve_on(listener, AppState::shared(lib, None), async {
                    let _ = stopped.await;
                })
                .await
                .expect("serve");
            });
        });
        let addr = addr_rx.recv().expect("the server starts");
        Server {
            base: format!("http://{addr}"),
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A browser, or `None` (with a message) when none is installed and CI did not ask.
fn browser(name: &str) -> Option<Browser> {
    let required = std::env::var("BOARDPACK_BROWSER_TESTS").is_ok_and(|v| v == "1");
    match find_browser() {
        Some((chromium, driver)) => Some(Browser::start(&chromium, &driver, name)),
        None if required => {
            panic!("BOARDPACK_BROWSER_TESTS=1 but chromium or chromedriver is not installed")
        }
        None => {
            eprintln!(
                "skipping browser test {name}: chromium and chromedriver are not installed \
                 (apt-get install chromium chromium-driver)"
            );
            None
        }
    }
}

fn shot(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("screenshots")
        .join(format!("{name}.png"))
}

#[test]
fn search_and_follow_a_hit_to_its_paragraph() {
    let Some(b) = browser("search") else { return };
    let server = Server::start(samples());
    b.goto(&server.url("/"));
    assert_eq!(b.text(&b.find("main h1")), "The library");
    b.screenshot(&shot("home"));

    // The keyboard reaches the skip link first, and it leads to the content.
    b.press("\u{E004}");
    assert_eq!(b.text(&b.active()), "Skip to content");

    // Search from the box in the header, as a user would: type and press Enter.
    let input = b.find("#quick-q");
    b.send_keys(&input, "jobs guarantee\u{E007}");
    b.wait_for("the results", |b| {
        b.url().contains("/search?q=jobs+guarantee")
    });
    let hits = b.find_all("ol.hits a.cite");
    assert!(!hits.is_empty(), "no hits");
    assert!(b.try_find("ol.hits mark").is_some(), "snippets highlighted");
    assert!(b.try_find("aside.facets").is_some(), "facet counts");
    b.screenshot(&shot("search"));

    // Follow the first hit to its paragraph.
    let href = b.attr(&hits[0], "href").expect("href");
    let fragment = href.split_once('#').expect("a fragment").1.to_string();
    b.click(&hits[0]);
    b.wait_for("the paper", |b| b.url().contains("/papers/"));
    assert!(b.url().ends_with(&format!("#{fragment}")), "{}", b.url());
    let target = b.find(":target");
    assert_eq!(b.attr(&target, "id").as_deref(), Some(fragment.as_str()));
    assert!(!b.text(&target).is_empty());
    assert!(b.try_find("header.card").is_some(), "the header card");
    b.screenshot(&shot("paragraph"));

    // Filters work without script: a GET form.
    b.goto(&server.url("/search?q=adult+skills+fund&kind=minutes"));
    let kinds: Vec<String> = b
        .find_all("ol.hits p.meta")
        .iter()
        .map(|e| b.text(e))
        .collect();
    assert!(!kinds.is_empty());
    assert!(kinds.iter().all(|k| k.starts_with("minutes")), "{kinds:?}");
}

#[test]
fn programme_timeline_and_an_action() {
    let Some(b) = browser("programme") else {
        return;
    };
    let server = Server::start(samples());
    b.goto(&server.url("/programme"));
    assert!(b.try_find("svg.timeline").is_some(), "no timeline");
    assert!(!b.find_all("svg.timeline a.bar rect").is_empty(), "no bars");
    assert!(
        b.try_find("svg.timeline line.today").is_some(),
        "no today line"
    );
    b.screenshot(&shot("programme"));

    // Open an activity from the timeline: its bar is a link.
    let bar = b.find("svg.timeline a.bar");
    let href = b.attr(&bar, "href").expect("href");
    b.goto(&server.url(&href));
    assert!(b.url().contains("/actions/"));
    assert!(b.text(&b.find("main h1")).len() > 3);

    // The actions register: sort by owner, then open an action.
    b.goto(&server.url("/actions"));
    let owner = b.find("table.register thead a[href*='sort=owner']");
    b.click(&owner);
    b.wait_for("the sorted register", |b| b.url().contains("sort=owner"));
    b.screenshot(&shot("actions"));
    let first = b.find("table.register tbody a[href^='/actions/']");
    let text = b.text(&first);
    b.click(&first);
    b.wait_for("the action", |b| {
        b.url().contains("/actions/") && !b.url().contains("sort=")
    });
    assert_eq!(b.text(&b.find("main h1")), text);
    assert!(b.try_find("span.status").is_some(), "a status");
    b.screenshot(&shot("action"));

    // Readable on a phone.
    b.resize(390, 844);
    b.goto(&server.url("/"));
    b.screenshot(&shot("home-phone"));
}

#[test]
fn a_paper_with_script_shows_it_as_text() {
    let Some(b) = browser("hostile") else { return };
    let lib = hostile();
    let id = lib.rows().expect("rows")[0].id;
    let server = Server::start(lib);
    b.goto(&server.url(&format!("/papers/{id}")));
    assert_eq!(b.alert(), None, "a script ran");
    let text = b.text(&b.find("article.paper"));
    assert!(
        text.contains("<script>alert(1)</script>"),
        "the script is not shown as text: {text}"
    );
    assert!(text.contains("<img src=x onerror=alert(2)>"));
    assert!(b.try_find("article.paper script").is_none());
    assert!(b.try_find("article.paper img").is_none());
    b.screenshot(&shot("hostile-paper"));
}
