//! Bytes of a web page to text: a byte-order mark first, then the page's own
//! `<meta charset>` or `http-equiv="content-type"` declaration, else UTF-8 with a
//! Windows-1252 fallback. Not for finding anything but the encoding.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use html5gum::{DefaultEmitter, Token, Tokenizer};

/// How far into the file a `<meta>` declaration is looked for (the HTML standard's
/// pre-scan reads 1024 bytes; pages with long `<head>` styles often put it later).
const PRESCAN_BYTES: usize = 8 * 1024;

/// Decodes a page's bytes to text. Never fails: undecodable bytes become U+FFFD.
pub(super) fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    if let Some(enc) =
        xml_declared(bytes).or_else(|| declared(&bytes[..bytes.len().min(PRESCAN_BYTES)]))
    {
        return enc.decode_without_bom_handling(bytes).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// The encoding the page declares in its head, if any. A declared UTF-16 is read as
/// UTF-8, as browsers do (a real UTF-16 page has a byte-order mark).
fn declared(head: &[u8]) -> Option<&'static Encoding> {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    for token in Tokenizer::new_with_emitter(head, emitter).flatten() {
        let Token::StartTag(tag) = token else {
            continue;
        };
        match tag.name.as_slice() {
            b"body" => return None,
            b"meta" => {}
            _ => continue,
        }
        let attr = |name: &str| {
            tag.attributes
                .get(name.as_bytes())
                .map(|v| String::from_utf8_lossy(&v.value).into_owned())
        };
        let label = if let Some(charset) = attr("charset") {
            Some(charset)
        } else if attr("http-equiv").is_some_and(|h| h.trim().eq_ignore_ascii_case("content-type"))
        {
            attr("content").and_then(|c| charset_in_content(&c))
        } else {
            None
        };
        if let Some(enc) = label.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
            return Some(
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    UTF_8
                } else {
                    enc
                },
            );
        }
    }
    None
}

/// The encoding an XHTML page's `<?xml ... encoding="..."?>` declaration names.
fn xml_declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.strip_prefix(b"<?xml")?;
    let end = head.iter().take(200).position(|&b| b == b'>')?;
    let decl = String::from_utf8_lossy(&head[..end]).to_ascii_lowercase();
    let rest = decl[decl.find("encoding")? + "encoding".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    let value = &value[..value.find(quote)?];
    let enc = Encoding::for_label(value.trim().as_bytes())?;
    Some(
        if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
            UTF_8
        } else {
            enc
        },
    )
}

/// The `charset=` value of a content-type string ("text/html; charset=windows-1252").
fn charset_in_content(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = lower[at + "charset".len()..]
        .trim_start()
        .strip_prefix('=')?;
    let rest = rest.trim_start().trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_ascii_whitespace())
        .unwrap_or(rest.len());
    (end > 0).then(|| rest[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        let cases: &[(&[u8], &str)] = &[
            (b"\xef\xbb\xbf<p>caf\xc3\xa9</p>", "<p>café</p>"),
            (
                b"<meta charset=windows-1252><p>caf\xe9</p>",
                "<meta charset=windows-1252><p>café</p>",
            ),
            (
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">\x96",
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">–",
            ),
            (b"<p>\xa3100</p>", "<p>£100</p>"),
            (
                b"<meta charset=utf-16><p>ok</p>",
                "<meta charset=utf-16><p>ok</p>",
            ),
            (
                b"<meta charset=nonsense><p>\xc2\xa3</p>",
                "<meta charset=nonsense><p>£</p>",
            ),
            (
                b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><p>\xa3</p>",
                "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><p>£</p>",
            ),
        ];
        for (bytes, want) in cases {
            assert_eq!(
                decode(bytes),
                *want,
                "decoding {:?}",
                String::from_utf8_lossy(bytes)
            );
        }
    }

    #[test]
    fn content_type() {
        assert_eq!(
            charset_in_content("text/html; charset=UTF-8").as_deref(),
            Some("utf-8")
        );
        assert_eq!(
            charset_in_content("text/html;charset = 'cp1252'").as_deref(),
            Some("cp1252")
        );
        assert_eq!(charset_in_content("text/html"), None);
    }
}
