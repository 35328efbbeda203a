//! Plain text: decoding (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252) and
//! the clean-up of artefacts that word processors and web pages leave in exported text.

use crate::{Document, MAX_INPUT_BYTES, ReadError};

/// Reads a plain-text paper into a [`Document`], one block per line.
pub fn read_text(bytes: &[u8]) -> Result<Document, ReadError> {
    let text = decode_text(bytes)?;
    let lines: Vec<String> = text.lines().map(clean_line).collect();
    if lines.iter().all(|l| l.trim().is_empty()) {
        return Err(ReadError::Empty);
    }
    Ok(Document::from_lines(lines.iter().map(String::as_str)))
}

/// Decodes bytes to text, detecting the encoding. Fails on empty, oversized or binary input.
pub fn decode_text(bytes: &[u8]) -> Result<String, ReadError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge {
            size: bytes.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    let text = if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (cow, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        cow.into_owned()
    } else {
        if looks_binary(bytes) {
            return Err(ReadError::Binary("it holds NUL or control bytes"));
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => {
                let (cow, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
                cow.into_owned()
            }
        }
    };
    let controls = text
        .chars()
        .filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if controls * 20 > text.chars().count().max(1) {
        return Err(ReadError::Binary(
            "over 5% of its characters are control codes",
        ));
    }
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(text)
}

/// Binary files have NUL bytes or many C0 controls early on.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    controls * 20 > head.len()
}

/// Normalises one line: odd spaces to spaces, invisible characters and Word bookmark
/// residue ("[bookmark: _Hlk127962540]") removed. Leading tabs are kept, because they
/// carry layout.
fn clean_line(line: &str) -> String {
    let line = line.strip_suffix('\r').unwrap_or(line);
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(pos) = rest.find("[bookmark:") {
        out.push_str(&rest[..pos]);
        match rest[pos..].find(']') {
            Some(end) => rest = &rest[pos + end + 1..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    normalise_chars(&out)
}

/// Odd spaces (no-break, thin, ideographic) to spaces; invisible characters, soft hyphens
/// and control codes out; tabs kept. Every reader passes its text through this, so all
/// formats give the parser the same characters.
pub(crate) fn normalise_chars(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => Some(' '),
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => None,
            '\t' => Some('\t'),
            c if c.is_control() => Some(' '),
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(decode_text(b"\xef\xbb\xbfHello").unwrap(), "Hello");
        assert_eq!(decode_text(b"\xff\xfeH\0i\0").unwrap(), "Hi");
        assert_eq!(decode_text(b"\xfe\xff\0H\0i").unwrap(), "Hi");
        assert_eq!(decode_text(b"caf\xe9 \x96 \xa31m").unwrap(), "café – £1m");
        assert_eq!(
            decode_text("£1.4 billion".as_bytes()).unwrap(),
            "£1.4 billion"
        );
    }

    #[test]
    fn bad_input() {
        assert_eq!(decode_text(b""), Err(ReadError::Empty));
        assert_eq!(read_text(b"  \r\n\n ").unwrap_err(), ReadError::Empty);
        assert!(matches!(
            decode_text(b"PK\x03\x04\0\0binary"),
            Err(ReadError::Binary(_))
        ));
        let big = vec![b'a'; MAX_INPUT_BYTES + 1];
        assert!(matches!(decode_text(&big), Err(ReadError::TooLarge { .. })));
    }

    #[test]
    fn artefacts() {
        let doc = read_text(
            "Title\r\n[bookmark: _Hlk127962540]Email:\tA.B@x.gov.uk \r\nSp\u{a0}ace\u{200b}d\n"
                .as_bytes(),
        )
        .unwrap();
        let raws: Vec<&str> = doc.blocks.iter().map(|b| b.raw.as_str()).collect();
        assert_eq!(raws, vec!["Title", "Email: A.B@x.gov.uk", "Sp aced"]);
        assert_eq!(doc.blocks[1].label.as_ref().unwrap().value, "A.B@x.gov.uk");
    }
}
