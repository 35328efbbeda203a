//! The DOCX reader against its fixtures, hostile files and mutated bytes.
//!
//! Fixtures (`tests/fixtures/docx/`, written by `make_fixtures.py` there) are DOCX
//! versions of the project's fictional papers; each `NAME.expected.txt` holds the lines
//! (and `@page N` page starts) the reader must produce, compared modulo white space.

use boardpack_read::docx::read_docx;
use boardpack_read::{Document, MAX_NESTING, MAX_UNCOMPRESSED_BYTES, MAX_ZIP_ENTRIES, ReadError};
use proptest::prelude::*;
use std::io::{Cursor, Read, Write};
use std::path::PathBuf;
use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

const FIXTURES: &[&str] = &[
    "lga-board-report",
    "cabinet-report",
    "moderngov-item-minutes",
    "agenda-page",
];

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx")
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture_dir().join(format!("{name}.docx"))).expect("fixture")
}

/// A line with its white space collapsed, keeping whether it began with a tab.
fn norm(line: &str) -> String {
    let tab = if line.starts_with('\t') { "\t" } else { "" };
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() {
        String::new()
    } else {
        format!("{tab}{}", words.join(" "))
    }
}

/// Lines with runs of blank lines collapsed and blank lines at either end dropped.
fn tidy(lines: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in lines {
        if l.is_empty()
            && out
                .last()
                .is_none_or(|p| p.is_empty() || p.starts_with("@page"))
        {
            continue;
        }
        if l.starts_with("@page") && out.last().is_some_and(String::is_empty) {
            out.pop();
        }
        out.push(l);
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// The document as the expected files write it: one line per block, "@page N" where
/// the page changes.
fn render(doc: &Document) -> Vec<String> {
    let mut lines = Vec::new();
    let mut page = 1;
    for b in &doc.blocks {
        if b.page != page {
            page = b.page;
            lines.push(format!("@page {page}"));
        }
        let tab = if b.tabbed { "\t" } else { "" };
        lines.push(norm(&format!("{tab}{}", b.raw)));
    }
    tidy(lines)
}

fn expected(name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(fixture_dir().join(format!("{name}.expected.txt"))).unwrap();
    tidy(text.lines().map(norm))
}

#[test]
fn fixtures_read_as_their_expected_lines() {
    for name in FIXTURES {
        let doc = read_docx(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let got = render(&doc);
        let want = expected(name);
        if got != want {
            let diff: Vec<String> = got
                .iter()
                .zip(want.iter())
                .enumerate()
                .filter(|(_, (g, w))| g != w)
                .take(5)
                .map(|(i, (g, w))| format!("line {i}:\n  got  {g:?}\n  want {w:?}"))
                .collect();
            panic!(
                "{name}: {} lines read, {} expected\n{}",
                got.len(),
                want.len(),
                diff.join("\n")
            );
        }
        // The crate's entry point detects the format and gives the same document.
        assert_eq!(boardpack_read::read(&fixture(name)).unwrap(), doc, "{name}");
    }
}

fn all_text(doc: &Document) -> String {
    doc.blocks
        .iter()
        .map(|b| b.raw.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn word_features() {
    let doc = read_docx(&fixture("lga-board-report")).unwrap();
    let text = all_text(&doc);
    let find = |s: &str| {
        doc.blocks
            .iter()
            .find(|b| b.raw.starts_with(s))
            .unwrap_or_else(|| panic!("no line starting {s:?}"))
    };
    // Title and Heading 1.
    assert_eq!(find("Rural Transport and Access").heading, Some(0));
    assert_eq!(find("Background").heading, Some(1));
    assert_eq!(find("Purpose of Report").heading, None);
    // Automatic numbering: "%1.%2.%3." and the restarted body list.
    assert_eq!(
        find("3.2.1.").marker.as_ref().and_then(|m| m.number()),
        Some("3.2.1")
    );
    assert!(find("1. At its meeting").raw.starts_with("1. "));
    // The text box is read once (the XML holds it twice).
    assert_eq!(text.matches("ALCE Plan Theme").count(), 1);
    // Tracked deletion dropped, insertion kept; field code dropped, result kept.
    assert!(!text.contains("is now in"));
    assert!(text.contains("has now completed"));
    assert!(!text.contains("HYPERLINK"));
    assert!(text.contains("harriet.ollerenshaw@example.gov.uk"));
    // Footnotes, headers and footers are not in the block stream.
    assert!(!text.contains("Budget figures are as agreed"));
    assert!(!text.contains("Association of Local Councils in England\n"));
    assert!(!text.contains("18 September 2025"));
    // The contact table's cells are tab-prefixed lines.
    assert!(find("Contact officer:").tabbed);
    assert!(find("Harriet Ollerenshaw").tabbed);

    let agenda = read_docx(&fixture("agenda-page")).unwrap();
    let page_of = |s: &str| {
        agenda
            .blocks
            .iter()
            .find(|b| b.raw.contains(s))
            .map(|b| b.page)
    };
    assert_eq!(page_of("Meeting documents"), Some(1));
    assert_eq!(page_of("Membership"), Some(2));
    assert_eq!(page_of("3. Minutes"), Some(2));
    assert_eq!(page_of("4. Revenue Budget"), Some(3));

    let minutes = read_docx(&fixture("moderngov-item-minutes")).unwrap();
    let bullets = minutes
        .blocks
        .iter()
        .filter(|b| b.marker == Some(boardpack_read::Marker::Bullet))
        .count();
    assert_eq!(bullets, 4);
}

// ---------------------------------------------------------------------------------------
// Hostile files.

fn zip_of(parts: &[(&str, &[u8])], method: CompressionMethod) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(method);
    for (name, bytes) in parts {
        w.start_file(*name, options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn docx_with(document: &str) -> Vec<u8> {
    zip_of(
        &[("word/document.xml", document.as_bytes())],
        CompressionMethod::Deflated,
    )
}

const W_NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

fn is_limit(r: &Result<Document, ReadError>) -> bool {
    matches!(r, Err(ReadError::Limit(_)))
}

fn is_malformed(r: &Result<Document, ReadError>) -> bool {
    matches!(r, Err(ReadError::Malformed { .. }))
}

#[test]
fn minimal_docx_reads() {
    let doc = read_docx(&docx_with(&format!(
        "<w:document {W_NS}><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>"
    )))
    .unwrap();
    assert_eq!(render(&doc), vec!["Hello"]);
}

/// Reads a body (WordprocessingML inside `w:body`), with optional numbering and styles
/// parts, into normalised lines; blank lines collapsed.
fn body_lines(body: &str, numbering: &str, styles: &str) -> Vec<String> {
    let wrap = |root: &str, inner: &str| format!("<w:{root} {W_NS}>{inner}</w:{root}>");
    let document = wrap("document", &format!("<w:body>{body}</w:body>"));
    let numbering = wrap("numbering", numbering);
    let styles = wrap("styles", styles);
    let zip = zip_of(
        &[
            ("word/document.xml", document.as_bytes()),
            ("word/numbering.xml", numbering.as_bytes()),
            ("word/styles.xml", styles.as_bytes()),
        ],
        CompressionMethod::Deflated,
    );
    let doc = read_docx(&zip).unwrap_or_else(|e| panic!("{body}: {e}"));
    render(&doc)
}

fn check(body: &str, want: &[&str]) {
    assert_eq!(body_lines(body, "", ""), want, "{body}");
}

fn p(inner: &str) -> String {
    format!("<w:p>{inner}</w:p>")
}

fn r(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

#[test]
fn runs_and_inline_elements() {
    let cases: Vec<(String, Vec<&str>)> = vec![
        (p(&(r("a") + &r("b"))), vec!["ab"]),
        (
            p("<w:r><w:t>Email:</w:t><w:tab/><w:t>x@y</w:t></w:r>"),
            vec!["Email: x@y"],
        ),
        (
            p("<w:r><w:t>one</w:t><w:br/><w:t>two</w:t><w:cr/><w:t>three</w:t></w:r>"),
            vec!["one", "two", "three"],
        ),
        (
            p(
                "<w:r><w:t>co</w:t><w:noBreakHyphen/><w:t>op</w:t><w:softHyphen/><w:t>eration</w:t></w:r>",
            ),
            vec!["co-operation"],
        ),
        (
            p(
                "<w:r><w:sym w:font=\"Symbol\" w:char=\"F0B7\"/><w:t xml:space=\"preserve\"> item</w:t></w:r>",
            ),
            vec!["· item"],
        ),
        (
            p(&(r("shown ") + "<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r>")),
            vec!["shown"],
        ),
        (
            p(&(r("kept ")
                + "<w:del w:id=\"1\"><w:r><w:delText>gone</w:delText></w:r></w:del><w:ins w:id=\"2\">"
                + &r("new")
                + "</w:ins>")),
            vec!["kept new"],
        ),
        (
            p(&format!(
                "<w:fldSimple w:instr=\" DATE \">{}</w:fldSimple>",
                r("1 May 2026")
            )),
            vec!["1 May 2026"],
        ),
        // Nested complex fields: only the outer result is printed.
        (
            p(&format!(
                "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>\
             <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>\
             <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>\
             <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>{}",
                r("3"),
                r("result"),
                r(" after")
            )),
            vec!["result after"],
        ),
        (
            p(&format!(
                "<w:hyperlink w:history=\"1\">{}</w:hyperlink><w:bookmarkStart w:id=\"0\" w:name=\"_Hlk1\"/>{}<w:bookmarkEnd w:id=\"0\"/>",
                r("link"),
                r(" text")
            )),
            vec!["link text"],
        ),
        (
            p(&format!(
                "<w:sdt><w:sdtContent>{}</w:sdtContent></w:sdt><w:smartTag>{}</w:smartTag>",
                r("in control"),
                r(" and tag")
            )),
            vec!["in control and tag"],
        ),
        (
            p(&format!(
                "{}<w:r><w:footnoteReference w:id=\"1\"/></w:r>{}",
                r("note"),
                r(".")
            )),
            vec!["note."],
        ),
        (p(&r("a\u{a0}b\u{200b}c")), vec!["a bc"]),
        (
            p("") + &p(&r("x")) + &p("") + &p("") + &p(&r("y")),
            vec!["x", "", "y"],
        ),
    ];
    for (body, want) in cases {
        check(&body, &want);
    }
}

#[test]
fn tables_and_text_boxes() {
    let cell = |t: &str| format!("<w:tc>{}</w:tc>", p(&r(t)));
    let table = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}<w:tc>{}<w:tbl><w:tr>{}{}</w:tr></w:tbl></w:tc></w:tr></w:tbl>",
        cell("Name"),
        cell("Role"),
        cell("Ann"),
        p(&r("Chair")),
        cell("inner 1"),
        cell("inner 2")
    );
    check(
        &(table + &p(&r("after"))),
        &[
            "\tName",
            "\tRole",
            "",
            "\tAnn",
            "\tChair",
            "\tinner 1",
            "\tinner 2",
            "",
            "after",
        ],
    );
    // A VML text box (no alternate content) is read in place.
    let vml = p(&format!(
        "{}<w:r><w:pict><v:shape xmlns:v=\"urn:schemas-microsoft-com:vml\"><v:textbox><w:txbxContent>{}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>",
        r("anchor"),
        p(&r("boxed"))
    ));
    check(&(vml + &p(&r("next"))), &["anchor", "boxed", "next"]);
}

#[test]
fn pages() {
    let body = [
        p(&r("one")),
        p(&format!(
            "{}<w:r><w:br w:type=\"page\"/></w:r>",
            r("still one")
        )),
        // A rendered page break right after a hard one counts once.
        p(&format!(
            "<w:r><w:lastRenderedPageBreak/></w:r>{}",
            r("two")
        )),
        p(&format!(
            "{}<w:r><w:lastRenderedPageBreak/></w:r>{}",
            r("flows "),
            r("over")
        )),
        format!(
            "<w:p><w:pPr><w:pageBreakBefore/></w:pPr>{}</w:p>",
            r("four")
        ),
    ]
    .concat();
    check(
        &body,
        &[
            "one",
            "still one",
            "@page 2",
            "two",
            "flows over",
            "@page 4",
            "four",
        ],
    );
}

#[test]
fn numbering_cases() {
    let numbering = r#"
        <w:abstractNum w:abstractNumId="0">
          <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1.%2"/></w:lvl>
          <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%3)"/><w:lvlRestart w:val="1"/></w:lvl>
        </w:abstractNum>
        <w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="LegalList"/></w:abstractNum>
        <w:abstractNum w:abstractNumId="2"><w:styleLink w:val="LegalList"/>
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:suff w:val="nothing"/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/><w:isLgl/></w:lvl>
        </w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride></w:num>
        <w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>
        <w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>"#;
    let styles = r#"
        <w:style w:type="numbering" w:styleId="LegalList"><w:name w:val="Legal List"/><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>"#;
    let np = |num: &str, lvl: u8, text: &str| {
        format!(
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr>{}</w:p>",
            r(text)
        )
    };
    let body = [
        np("1", 0, "a"),
        np("1", 1, "b"),
        np("1", 2, "c"),
        np("1", 1, "d"),
        np("1", 2, "e"),
        np("1", 0, "f"),
        np("2", 0, "g"),
        np("0", 0, "no number"),
        format!("<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>{}</w:p>", r("Head")),
        format!("<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:numPr><w:ilvl w:val=\"1\"/></w:numPr></w:pPr>{}</w:p>", r("Sub")),
        np("3", 0, "Linked"),
        np("1", 0, "h"),
    ]
    .concat();
    assert_eq!(
        body_lines(&body, numbering, styles),
        vec![
            "III. a",
            "III.A b",
            "(1) c",
            "III.B d",
            "(2) e",
            "IV. f",
            "X. g",
            "no number",
            "1.Head",
            "(1) Sub",
            "2.Linked",
            "XI. h",
        ]
    );
}

/// A document part of zeros-like text that inflates past the limit.
fn bomb() -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .large_file(false);
    w.start_file("word/document.xml", options).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..=(MAX_UNCOMPRESSED_BYTES >> 20) {
        w.write_all(&chunk).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// Rewrites every uncompressed size the archive declares (local headers and central
/// directory) to `size`: a bomb that lies about itself.
fn lie_about_sizes(mut bytes: Vec<u8>, size: u32) -> Vec<u8> {
    let mut i = 0;
    while i + 46 <= bytes.len() {
        match &bytes[i..i + 4] {
            b"PK\x03\x04" => {
                bytes[i + 22..i + 26].copy_from_slice(&size.to_le_bytes());
                i += 30;
            }
            b"PK\x01\x02" => {
                bytes[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
                i += 46;
            }
            _ => i += 1,
        }
    }
    bytes
}

#[test]
fn zip_bomb_is_a_limit() {
    let bomb = bomb();
    assert!(bomb.len() < 2 * 1024 * 1024, "the bomb is small");
    assert!(is_limit(&read_docx(&bomb)));
    let liar = lie_about_sizes(bomb, 1000);
    // Declared sizes pass; the bytes actually inflated are counted and stop it.
    let r = read_docx(&liar);
    assert!(is_limit(&r), "{r:?}");
}

#[test]
fn too_many_entries() {
    let names: Vec<String> = (0..=MAX_ZIP_ENTRIES).map(|i| format!("f{i}")).collect();
    let parts: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let zip = zip_of(&parts, CompressionMethod::Stored);
    assert!(is_limit(&read_docx(&zip)));
}

#[test]
fn truncated_archives() {
    let bytes = fixture("lga-board-report");
    for cut in [
        0,
        4,
        30,
        100,
        bytes.len() / 2,
        bytes.len() - 30,
        bytes.len() - 1,
    ] {
        let r = read_docx(&bytes[..cut]);
        assert!(is_malformed(&r), "cut at {cut}: {r:?}");
    }
}

#[test]
fn zip_that_is_not_a_docx() {
    let zip = zip_of(
        &[
            ("hello.txt", b"hello"),
            ("_rels/.rels", b"<Relationships/>"),
        ],
        CompressionMethod::Deflated,
    );
    assert!(is_malformed(&read_docx(&zip)));
    // A document part without a body.
    assert!(is_malformed(&read_docx(&docx_with(&format!(
        "<w:document {W_NS}></w:document>"
    )))));
    // Invalid XML.
    assert!(is_malformed(&read_docx(&docx_with(
        "<w:document><w:body><w:p></w:body>"
    ))));
}

#[test]
fn deep_nesting() {
    let depth = MAX_NESTING * 4;
    let doc = format!(
        "<w:document {W_NS}><w:body>{}{}</w:body></w:document>",
        "<w:sdt><w:sdtContent>".repeat(depth),
        "</w:sdtContent></w:sdt>".repeat(depth)
    );
    assert!(is_limit(&read_docx(&docx_with(&doc))));
    // Deep but within the limit: read (with no stack trouble).
    let ok = (MAX_NESTING - 8) / 2;
    let doc = format!(
        "<w:document {W_NS}><w:body>{}<w:p><w:r><w:t>deep</w:t></w:r></w:p>{}</w:body></w:document>",
        "<w:sdt><w:sdtContent>".repeat(ok),
        "</w:sdtContent></w:sdt>".repeat(ok)
    );
    assert_eq!(render(&read_docx(&docx_with(&doc)).unwrap()), vec!["deep"]);
    // Nested tables and hyperlinks as deep as the limit allows.
    let tables = (MAX_NESTING - 8) / 3;
    let doc = format!(
        "<w:document {W_NS}><w:body>{}<w:p>{}<w:r><w:t>cell</w:t></w:r>{}</w:p>{}</w:body></w:document>",
        "<w:tbl><w:tr><w:tc>".repeat(tables),
        "<w:hyperlink>".repeat(4),
        "</w:hyperlink>".repeat(4),
        "</w:tc></w:tr></w:tbl>".repeat(tables)
    );
    assert_eq!(
        render(&read_docx(&docx_with(&doc)).unwrap()),
        vec!["\tcell"]
    );
}

#[test]
fn billion_laughs() {
    let mut dtd = String::from("<!DOCTYPE w:document [<!ENTITY lol \"lol\">");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        dtd.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
    }
    dtd.push_str("]>");
    let doc = format!(
        "<?xml version=\"1.0\"?>{dtd}<w:document {W_NS}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    );
    assert!(is_malformed(&read_docx(&docx_with(&doc))));
    // An entity used without any declaration is refused too, never expanded.
    let doc = format!(
        "<w:document {W_NS}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    );
    assert!(is_malformed(&read_docx(&docx_with(&doc))));
}

#[test]
fn encrypted_files() {
    // An OLE compound file holding an EncryptedPackage stream, as Office writes a
    // password-protected document.
    let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    cfb.resize(512, 0);
    for u in "EncryptedPackage".encode_utf16() {
        cfb.extend_from_slice(&u.to_le_bytes());
    }
    cfb.resize(4096, 0);
    assert_eq!(read_docx(&cfb).unwrap_err(), ReadError::Encrypted("DOCX"));
    // A compound file without one is a legacy .doc.
    let mut doc = cfb[..8].to_vec();
    doc.resize(4096, 0);
    assert!(is_malformed(&read_docx(&doc)));
    // A zip whose entries carry the encryption flag.
    let mut zip = docx_with(&format!("<w:document {W_NS}><w:body/></w:document>"));
    for i in 0..zip.len().saturating_sub(46) {
        if &zip[i..i + 4] == b"PK\x03\x04" {
            zip[i + 6] |= 1;
        } else if &zip[i..i + 4] == b"PK\x01\x02" {
            zip[i + 8] |= 1;
        }
    }
    let r = read_docx(&zip);
    assert!(
        matches!(
            r,
            Err(ReadError::Encrypted(_)) | Err(ReadError::Malformed { .. })
        ),
        "{r:?}"
    );
}

#[test]
fn random_bytes_with_a_zip_header() {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for len in [4usize, 30, 100, 1000, 65_536] {
        let mut bytes = b"PK\x03\x04".to_vec();
        while bytes.len() < len {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            bytes.push(state as u8);
        }
        let r = read_docx(&bytes);
        assert!(is_malformed(&r), "{len}: {r:?}");
    }
}

// ---------------------------------------------------------------------------------------
// Fuzzing: mutated fixture bytes never panic.

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, u8),
    Delete(usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1u8..=255).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, mutations: &[Mutation]) {
    for m in mutations {
        if bytes.is_empty() {
            return;
        }
        let n = bytes.len();
        match *m {
            Mutation::Flip(i, b) => bytes[i % n] ^= b,
            Mutation::Insert(i, b) => bytes.insert(i % (n + 1), b),
            Mutation::Delete(i) => {
                bytes.remove(i % n);
            }
            Mutation::Truncate(i) => bytes.truncate(i % n),
        }
    }
}

/// The parts of a fixture, to mutate the XML inside rather than the compressed bytes.
fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut out = Vec::new();
            f.read_to_end(&mut out).unwrap();
            (f.name().to_string(), out)
        })
        .collect()
}

fn cases(default: u32) -> u32 {
    std::env::var("DOCX_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(1000), ..ProptestConfig::default() })]

    /// Mutated archive bytes: a result or an error, never a panic.
    #[test]
    fn mutated_archives_never_panic(
        which in 0..FIXTURES.len(),
        mutations in proptest::collection::vec(mutation(), 1..8),
    ) {
        let mut bytes = fixture(FIXTURES[which]);
        apply(&mut bytes, &mutations);
        let _ = read_docx(&bytes);
    }

    /// Mutated XML inside an intact (stored) archive: exercises the XML, styles,
    /// numbering and body code rather than the zip layer.
    #[test]
    fn mutated_parts_never_panic(
        which in 0..FIXTURES.len(),
        part in 0usize..16,
        mutations in proptest::collection::vec(mutation(), 1..12),
    ) {
        let mut parts = parts(&fixture(FIXTURES[which]));
        let n = parts.len();
        // Mostly the document part, sometimes styles, numbering or the relationships.
        let target = match part {
            0..=9 => parts.iter().position(|(name, _)| name == "word/document.xml").unwrap_or(0),
            p => p % n,
        };
        apply(&mut parts[target].1, &mutations);
        let refs: Vec<(&str, &[u8])> =
            parts.iter().map(|(name, b)| (name.as_str(), b.as_slice())).collect();
        let _ = read_docx(&zip_of(&refs, CompressionMethod::Stored));
    }
}
