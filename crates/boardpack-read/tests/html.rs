//! The HTML reader: fixture pages against their expected lines, layout edge cases, hostile
//! input, and a property test that no input makes it panic.
//!
//! Each `tests/fixtures/html/NAME.html` has `NAME.expected`: the block stream one line a
//! block, a tab-prefixed line for a tabbed block, an empty line for a blank block. Run
//! with `UPDATE_EXPECT=1` to rewrite the expected files after a deliberate change, and
//! review the diff.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use boardpack_read::{Document, Format, ReadError, html::read_html, read_detected};
use proptest::prelude::*;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html")
}

/// The block stream as text: one line a block, tabbed blocks with their tab.
fn lines(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .map(|b| {
            if b.tabbed {
                format!("\t{}", b.raw)
            } else {
                b.raw.clone()
            }
        })
        .collect()
}

/// The non-blank lines of a page given as a string.
fn read(html: &str) -> Vec<String> {
    read_bytes(html.as_bytes())
}

fn read_bytes(bytes: &[u8]) -> Vec<String> {
    let doc = read_html(bytes).expect("HTML is always readable");
    lines(&doc).into_iter().filter(|l| !l.is_empty()).collect()
}

/// The only call site of the reader for layout cases: `html`'s non-blank lines must be
/// `want`.
fn check(html: &str, want: &[&str]) {
    assert_eq!(read(html), want, "reading {html:?}");
}

#[test]
fn fixture_pages_read_as_expected() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut seen = 0;
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    paths.sort();
    for path in paths {
        let bytes = std::fs::read(&path).expect("fixture");
        let (format, doc) = read_detected(&bytes).expect("fixture reads");
        assert_eq!(format, Format::Html, "{} detected as HTML", path.display());
        let got = lines(&doc).join("\n") + "\n";
        let expected = path.with_extension("expected");
        if update {
            std::fs::write(&expected, &got).expect("write expected");
        }
        let want = std::fs::read_to_string(&expected)
            .unwrap_or_else(|_| panic!("{} is missing", expected.display()));
        assert_eq!(
            got,
            want,
            "{} no longer reads as {}",
            path.display(),
            expected.display()
        );
        seen += 1;
    }
    assert!(seen >= 6, "only {seen} fixtures");
}

#[test]
fn fixture_headings_keep_their_level() {
    let bytes = std::fs::read(fixtures().join("moderngov-item-minutes.html")).expect("fixture");
    let doc = read_html(&bytes).expect("reads");
    let headings: Vec<(u8, &str)> = doc
        .blocks
        .iter()
        .filter_map(|b| Some((b.heading?, b.raw.as_str())))
        .collect();
    assert_eq!(
        headings,
        vec![
            (1, "Agenda item"),
            (2, "Culture and Visitor Economy Update"),
            (2, "Minutes:"),
            (2, "Decision:"),
            (2, "Actions:"),
            (2, "Supporting documents:"),
        ]
    );
    assert!(doc.blocks.iter().all(|b| b.page == 0));
}

#[test]
fn furniture_is_dropped() {
    let bytes = std::fs::read(fixtures().join("lga-board-report.html")).expect("fixture");
    let text = read_bytes(&bytes).join("\n");
    for furniture in [
        "Skip to main content",
        "cookies",
        "Accept all cookies",
        "Search",
        "Topics",
        "Governance",
        "Related documents",
        "Last updated",
        "Accessibility",
        "Not a paragraph",
        "Association of Local Councils in England 2025",
    ] {
        assert!(!text.contains(furniture), "{furniture:?} was kept");
    }
    assert!(text.starts_with("Rural Transport and Access to Work\nPurpose of Report"));
}

#[test]
fn encodings() {
    let bytes = std::fs::read(fixtures().join("edge-windows-1252.html")).expect("fixture");
    assert_eq!(
        read_bytes(&bytes),
        [
            "Café licensing – review",
            "The fee rises to £120 from “April” 2026.",
            "Members’ views were sought…",
        ]
    );
    // Undeclared: UTF-8 where valid, else Windows-1252.
    assert_eq!(read_bytes(b"<p>caf\xc3\xa9</p>"), ["café"]);
    assert_eq!(read_bytes(b"<p>caf\xe9 \x96 \xa31m</p>"), ["café – £1m"]);
    // A byte-order mark wins over the declaration.
    assert_eq!(
        read_bytes(b"\xef\xbb\xbf<meta charset=windows-1252><p>\xc2\xa35</p>"),
        ["£5"]
    );
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain("<p>£5</p>".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(read_bytes(&utf16), ["£5"]);
    // Declared UTF-8 with a bad byte: the declaration holds.
    assert_eq!(
        read_bytes(b"<meta charset=\"utf-8\"><p>a\xffb</p>"),
        ["a\u{fffd}b"]
    );
}

#[test]
fn entities() {
    check(
        "<p>Fish &amp; chips &lt;b&gt; &pound;5 &#8211; &#x2014; a&nbsp;b &rsquo; &bogus; AT&T &amp</p>",
        &["Fish & chips <b> £5 – — a b ’ &bogus; AT&T &"],
    );
    // Legacy entities without a semicolon are decoded in text, as browsers do.
    check("<p>&notanentity; &copy 2026</p>", &["¬anentity; © 2026"]);
    check(
        "<p title=\"&amp;\">x&#0;y &#xD800;</p>",
        &["x\u{fffd}y \u{fffd}"],
    );
}

#[test]
fn paragraphs_and_breaks() {
    check(
        "<p>one <b>bold</b><i>italic</i>\n  wrapped</p><p>two<br>three<br/><br>four</p>",
        &["one bolditalic wrapped", "two", "three", "four"],
    );
    let doc = read_html(b"<p>a<br><br>b</p><p>c</p>").expect("reads");
    assert_eq!(lines(&doc), ["a", "", "b", "", "c", ""]);
    check("<div>a<div>b</div>c</div>", &["a", "b", "c"]);
    check("<p>x</p></p><p>y</p>", &["x", "y"]);
}

#[test]
fn inline_labels_get_a_space() {
    check(
        "<p><span class=\"mgLabel\">Decision Maker:</span><a href=\"x\">Cabinet</a></p><p><b>Note:</b></p>",
        &["Decision Maker: Cabinet", "Note:"],
    );
}

#[test]
fn unclosed_tags() {
    check(
        "<p>one<p>two<ul><li>a<li>b</ul><p>three<table><tr><td>c<td>d<tr><td>e</table>four",
        &[
            "one", "two", "• a", "• b", "three", "\tc", "\td", "\te", "four",
        ],
    );
    check("<h2>Heading<p>text", &["Heading", "text"]);
    check("<b>bold <p>para</b> still</p>", &["bold", "para still"]);
    check("</div></li></td>text</table>", &["text"]);
    check("<a href=x>one<a href=y>two</a>", &["onetwo"]);
}

#[test]
fn lists() {
    check(
        "<ul><li>a<ul><li>a1</li><li>a2</li></ul></li><li>b</li></ul>",
        &["• a", "• a1", "• a2", "• b"],
    );
    // Nested items are indented.
    let doc = read_html(b"<ul><li>a<ul><li>a1</li></ul></li></ul>").expect("reads");
    assert_eq!(doc.blocks[1].raw, "• a1");
    assert_eq!(doc.blocks[1].indent, 4);
    check(
        "<ol start=\"4\"><li>four<li>five<li value=\"9\">nine<li>ten</ol>",
        &["4. four", "5. five", "9. nine", "10. ten"],
    );
    check(
        "<ol type=\"a\"><li>x<li>y</ol><ol type=\"i\" start=\"3\"><li>z</ol><ol type=\"A\"><li>w</ol>",
        &["a. x", "b. y", "iii. z", "A) w"],
    );
    check(
        "<ol><li>1. already numbered</li><li>(b) lettered</li></ol><ul><li>• bullet</li><li>i. roman</li></ul>",
        &[
            "1. already numbered",
            "(b) lettered",
            "• bullet",
            "• i. roman",
        ],
    );
    check(
        "<ol><li><p>para in item</p><p>second</p></li></ol>",
        &["1. para in item", "second"],
    );
    check("<li>stray item</li>", &["• stray item"]);
    let doc = read_html(b"<p>intro</p><ul><li>a</li><li>b</li></ul><p>after</p>").expect("reads");
    assert_eq!(lines(&doc), ["intro", "", "• a", "• b", "", "after", ""]);
}

#[test]
fn tables() {
    // Label rows become one "Label: value" line.
    check(
        "<table><tr><th>Contact officer:</th><td>Jo Bloggs</td></tr>\
         <tr><th scope=row>Position</th><td>Adviser</td></tr>\
         <tr><td>Is this urgent?</td><td>No</td></tr>\
         <tr><td>Email:</td><td></td></tr></table>",
        &[
            "Contact officer: Jo Bloggs",
            "Position: Adviser",
            "Is this urgent? No",
            "Email:",
        ],
    );
    // Data rows become tab-prefixed cells, a blank line between rows.
    let doc = read_html(
        b"<table><thead><tr><th>Activity</th><th>Timescale</th></tr></thead>\
          <tbody><tr><td>Roundtable</td><td>June 2021 -</td></tr></tbody></table>",
    )
    .expect("reads");
    assert_eq!(
        lines(&doc),
        [
            "\tActivity",
            "\tTimescale",
            "",
            "\tRoundtable",
            "\tJune 2021 -",
            ""
        ]
    );
    assert!(doc.blocks[0].tabbed);
    // Cells holding paragraphs keep their lines, untabbed.
    check(
        "<table><tr><td><p>41.</p></td><td><p>Apologies</p><h3>Minutes:</h3><p>None.</p></td></tr></table>",
        &["41.", "Apologies", "Minutes:", "None."],
    );
    // A table inside a cell.
    check(
        "<table><tr><td>outer<table><tr><td>Name:</td><td>Jo</td></tr></table></td></tr></table>",
        &["outer", "Name: Jo"],
    );
    check(
        "<table><caption>Items</caption><td>x</td></table>",
        &["Items", "\tx"],
    );
    check(
        "<dl><dt>Decision Maker</dt><dd>Cabinet</dd><dt>Notes</dt><dd>one</dd><dd>two</dd></dl>",
        &["Decision Maker: Cabinet", "Notes", "one", "two"],
    );
}

#[test]
fn preformatted() {
    let doc = read_html(b"<pre>\nline one\n  indented\n\nafter gap</pre><p>x</p>").expect("reads");
    assert_eq!(
        lines(&doc),
        ["line one", "indented", "", "after gap", "", "x", ""]
    );
    assert_eq!(doc.blocks[1].indent, 2);
}

#[test]
fn hidden_and_furniture() {
    check(
        "<body><div hidden>h</div><p aria-hidden=\"true\">a</p><p style=\"color:red; display : none\">s</p>\
         <nav>n</nav><aside>as</aside><header>site</header><div role=\"navigation\">rn</div>\
         <div id=\"cookie-banner\">c</div><div class=\"consent-box\">cb</div>\
         <ol class=\"breadcrumb\"><li>Home</li></ol><template><p>t</p></template>\
         <svg><title>icon</title><text>s</text></svg><noscript>Enable JS</noscript>\
         <button>Accept</button><select><option>One</option></select><!-- comment -->\
         <article><header><h1>Kept title</h1></header><p>kept</p><footer>kept footer</footer></article>\
         <footer>site footer</footer></body>",
        &["Kept title", "kept", "kept footer"],
    );
    check(
        "<p class=\"d-none\">x</p><p class=\"visually-hidden\">Summary</p><span class=\"hidden\">y</span>",
        &["Summary"],
    );
    check(
        "<a href=\"#content\">Skip to main content</a><p>body <a href=\"#s2\">see section 2</a></p>",
        &["body see section 2"],
    );
}

#[test]
fn main_content() {
    check(
        "<p>outside</p><main><p>inside</p></main><p>after</p>",
        &["inside"],
    );
    check(
        "<p>outside</p><div role=\"main\"><p>inside</p></div>",
        &["inside"],
    );
    check(
        "<div>site</div><div id=\"modgov\"><h1>Agenda item</h1><div class=\"mgContent\"><p>text</p></div></div>",
        &["Agenda item", "text"],
    );
    check(
        "<div>site</div><div class=\"mgContent x\"><p>text</p></div>",
        &["text"],
    );
    // A main element with no text is not the content.
    check("<main> </main><p>the paper</p>", &["the paper"]);
    // The head is left even where it is not closed.
    check(
        "<html><head><title>t</title><meta charset=utf-8><p>body text",
        &["body text"],
    );
}

// ---- Hostile input -------------------------------------------------------------------

/// Reads `bytes` and fails if it takes longer than `limit`.
/// Reads hostile input. Not timed: speed belongs in benchmarks, and a quadratic path on
/// these inputs (100,000 levels) would not finish at all, which the test run shows.
fn read_hostile(bytes: &[u8]) -> Result<Document, ReadError> {
    read_html(bytes)
}

#[test]
fn deep_nesting_is_flattened() {
    let n = 100_000;
    let html = format!("{}deep text{}", "<div>".repeat(n), "</div>".repeat(n));
    let doc = read_hostile(html.as_bytes()).expect("reads");
    assert_eq!(
        lines(&doc)
            .into_iter()
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>(),
        ["deep text"]
    );
    let html = format!("{}x{}", "<ul><li>".repeat(n), "<span>".repeat(n));
    read_hostile(html.as_bytes()).expect("reads");
    let html = format!("{}<p>after</p>", "<b><table><tr><td>".repeat(n / 4));
    let doc = read_hostile(html.as_bytes()).expect("reads");
    assert!(lines(&doc).iter().any(|l| l.contains("after")));
}

#[test]
fn unterminated_constructs() {
    check("<p>a</p><!-- never closed <p>b</p>", &["a"]);
    check("<p>a</p><script>var x = '<p>b</p>';", &["a"]);
    check("<p>a</p><style>p { x: 1 }", &["a"]);
    check("<p>a</p><title>never", &["a"]);
    check("<p>a</p><p class=\"unterminated", &["a"]);
    check("<p>a</p><textarea>b", &["a"]);
    check("<p>a</p><![CDATA[ b", &["a"]);
}

#[test]
fn script_text_is_not_markup() {
    check(
        "<p>a<script>if (x) { document.write(\"</p><p>no</p>\"); }</script> b</p><p>c</p>",
        &["a b", "c"],
    );
    check(
        "<p>a<style>p::after { content: \"</p>\" }</style>b</p>",
        &["ab"],
    );
}

#[test]
fn huge_attribute_values() {
    let big = "x".repeat(3_000_000);
    let html = format!(
        "<div class=\"{big}\" id=\"{big}\" style=\"{big}\"><p title='{big}'>text</p></div><a href=\"{big}"
    );
    let doc = read_hostile(html.as_bytes()).expect("reads");
    assert!(lines(&doc).contains(&"text".to_string()));
}

#[test]
fn nul_and_control_bytes() {
    let doc = read_html(b"<p>a\0b</p><p>\x01\x02c\x7f</p>\0").expect("reads");
    let got = lines(&doc);
    assert!(got[0].starts_with('a') && got[0].ends_with('b'), "{got:?}");
    assert!(
        got.iter()
            .all(|l| !l.chars().any(|c| c.is_control() && c != '\t'))
    );
    assert!(got.contains(&"c".to_string()));
}

#[test]
fn invalid_utf8() {
    let mut bytes = b"<p>".to_vec();
    bytes.extend((0u8..=255).cycle().take(20_000));
    bytes.extend(b"</p><p>end</p>");
    let doc = read_html(&bytes).expect("reads");
    assert!(lines(&doc).contains(&"end".to_string()));
}

#[test]
fn time_is_linear() {
    // The same page 8 times bigger takes not much more than 8 times as long. Timings are
    // noisy, so the bound is loose: a quadratic reader would take 64 times as long.
    let page = std::fs::read(fixtures().join("moderngov-meeting-minutes.html")).expect("fixture");
    let unit = String::from_utf8(page).expect("utf-8");
    let body = &unit[unit.find("<body>").unwrap_or(0)..];
    let small = format!("<html>{}", body.repeat(40));
    let large = format!("<html>{}", body.repeat(320));
    let time = |s: &str| {
        let start = Instant::now();
        read_html(s.as_bytes()).expect("reads");
        start.elapsed()
    };
    time(&small);
    let t_small = (0..3).map(|_| time(&small)).min().unwrap_or_default();
    let t_large = (0..3).map(|_| time(&large)).min().unwrap_or_default();
    assert!(
        t_large < t_small * 24 + Duration::from_millis(50),
        "8x input took {t_large:?} against {t_small:?}"
    );
}

// ---- Never panics -------------------------------------------------------------------

fn fixture_bytes() -> Vec<Vec<u8>> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(fixtures()).expect("fixture folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "html") {
            all.push(std::fs::read(path).expect("fixture"));
        }
    }
    all.sort();
    all
}

/// Tag soup from the pieces of markup the reader reacts to.
fn soup() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<li>",
        "</li>",
        "<ul>",
        "</ul>",
        "<ol start=3 type=i>",
        "</ol>",
        "<table>",
        "</table>",
        "<tr>",
        "</tr>",
        "<td>",
        "</td>",
        "<th>",
        "<dl>",
        "<dt>",
        "<dd>",
        "<br>",
        "</br>",
        "<pre>",
        "</pre>",
        "<h2>",
        "</h3>",
        "<main>",
        "</main>",
        "<nav>",
        "</nav>",
        "<script>",
        "</script>",
        "<style>",
        "<!--",
        "-->",
        "<a href=#x>",
        "</a>",
        "Skip to content",
        "<div id=modgov>",
        "<div hidden>",
        "<head>",
        "<body>",
        "<svg/>",
        "<p/>",
        "&amp;",
        "&#0;",
        "&",
        "text",
        "1. ",
        "Label: ",
        "\n",
        " ",
        "\t",
        "<![CDATA[",
        "<template>",
        "</template>",
        "<header>",
        "<article>",
        "\u{a0}",
        "\0",
    ]);
    prop::collection::vec(pieces, 0..200).prop_map(|v| v.concat())
}

proptest! {
    // 2,000 cases each by default; `PROPTEST_CASES=100000` for a longer campaign.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000)
    ))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let _ = read_html(&bytes);
    }

    #[test]
    fn tag_soup_never_panics(html in soup()) {
        let _ = read_html(html.as_bytes());
    }

    #[test]
    fn mutated_fixtures_never_panic(
        which in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..40),
    ) {
        let all = fixture_bytes();
        let mut bytes = which.get(&all).clone();
        for (at, byte, op) in edits {
            if bytes.is_empty() {
                break;
            }
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = byte,
                1 => bytes.insert(i, byte),
                _ => {
                    let end = (i + usize::from(byte)).min(bytes.len());
                    bytes.drain(i..end);
                }
            }
        }
        let _ = read_html(&bytes);
    }
}
