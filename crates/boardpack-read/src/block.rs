//! The block stream: what every reader produces and the parser consumes.

/// A paper as a stream of lines, whatever format it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The blocks in reading order. Blank lines are kept as blank blocks, because the
    /// parser uses them as paragraph boundaries.
    pub blocks: Vec<Block>,
}

impl Document {
    /// Builds a document from already normalised lines (one block per line).
    pub fn from_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Document {
        Document {
            blocks: lines
                .into_iter()
                .enumerate()
                .map(|(i, l)| Block::from_line(i + 1, l))
                .collect(),
        }
    }

    /// Appends one line of text as the next block, on `page` (1-based; 0 where the format
    /// has no pages). Readers of structured formats build documents this way; a table cell
    /// is pushed as a line starting with a tab, as word processors export it.
    pub fn push_line(&mut self, text: &str, page: u32) {
        let mut block = Block::from_line(self.blocks.len() + 1, text);
        block.page = page;
        self.blocks.push(block);
    }

    /// Appends a heading of the given level (1 = Heading 1; 0 = the document's title).
    pub fn push_heading(&mut self, text: &str, level: u8, page: u32) {
        self.push_line(text, page);
        if let Some(b) = self.blocks.last_mut() {
            b.heading = Some(level);
        }
    }

    /// Appends a blank line (a paragraph boundary), never two in a row.
    pub fn push_blank(&mut self, page: u32) {
        if self.blocks.last().is_some_and(|b| !b.is_blank()) {
            self.push_line("", page);
        }
    }

    /// The non-blank blocks.
    pub fn non_blank(&self) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(|b| !b.is_blank())
    }
}

/// The marker that opens a numbered paragraph or list entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// "1.", "2.8.1.", "10.1", "3.0": the number without its final dot, and whether the
    /// final dot (or bracket) was printed.
    Number {
        /// The digits and inner dots, e.g. "2.8.1".
        number: String,
        /// Whether a final "." or ")" followed.
        dotted: bool,
    },
    /// "(1)", "(a)", "(iv)": a bracketed list label, without its brackets.
    Paren(String),
    /// "a)", "b.", "a.": a lettered list entry.
    Letter(char),
    /// "i.", "iv)", "ii.": a roman-numeral list entry, lower-cased.
    Roman(String),
    /// "•", "·", "-", "*", "o", "▪": a bullet.
    Bullet,
}

impl Marker {
    /// The paragraph number, for [`Marker::Number`] only.
    pub fn number(&self) -> Option<&str> {
        match self {
            Marker::Number { number, .. } => Some(number),
            _ => None,
        }
    }
}

/// A "Label: value" line, as the shape of the text suggests (the parser decides which
/// labels mean something).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The text before the colon (or question mark), trimmed.
    pub name: String,
    /// The text after it, trimmed; empty where the value is on the following lines.
    pub value: String,
}

/// One line of a paper.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Block {
    /// 1-based line number in the normalised source.
    pub line: usize,
    /// Width of the leading white space (a tab counts 4).
    pub indent: usize,
    /// Whether the line began with a tab: word processors export table cells and
    /// two-column layouts that way.
    pub tabbed: bool,
    /// The whole line, white space collapsed, with its marker.
    pub raw: String,
    /// The line without its marker.
    pub text: String,
    /// The list or paragraph marker that opens the line, if any.
    pub marker: Option<Marker>,
    /// Cells, where the line is a row of a pipe-delimited table.
    pub cells: Vec<String>,
    /// The label:value shape of the line, if it has one.
    pub label: Option<Label>,
    /// The 1-based page the line is on, for paged formats (PDF, and DOCX page breaks);
    /// 0 where unknown.
    pub page: u32,
    /// The heading level a structured format gave the line (0 = title, 1 = Heading 1 ...),
    /// where it gave one.
    pub heading: Option<u8>,
}

impl Block {
    /// Analyses one normalised line.
    pub fn from_line(line: usize, s: &str) -> Block {
        let mut indent = 0;
        for c in s.chars() {
            match c {
                ' ' => indent += 1,
                '\t' => indent += 4,
                _ => break,
            }
        }
        let tabbed = s.starts_with('\t');
        let raw = collapse_spaces(s);
        let (marker, text) = split_marker(&raw);
        let cells = table_cells(&raw);
        let label = label_of(text);
        Block {
            line,
            indent,
            tabbed,
            text: text.to_string(),
            marker,
            cells,
            label,
            raw,
            page: 0,
            heading: None,
        }
    }

    /// Whether the line is empty.
    pub fn is_blank(&self) -> bool {
        self.raw.is_empty()
    }
}

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Splits a leading list or paragraph marker from a collapsed line.
fn split_marker(s: &str) -> (Option<Marker>, &str) {
    let bytes = s.as_bytes();
    if bytes.is_empty() {
        return (None, s);
    }
    // Bullets.
    let first = s.chars().next().unwrap_or(' ');
    if matches!(
        first,
        '•' | '·'
            | '▪'
            | '■'
            | '●'
            | '○'
            | '◦'
            | '‣'
            | '⁃'
            | '\u{f0b7}'
            | '\u{f0a7}'
            | '–'
            | '—'
    ) {
        let rest = s[first.len_utf8()..].trim_start();
        return (Some(Marker::Bullet), rest);
    }
    if (first == '-' || first == '*' || first == 'o') && s.len() > 2 && bytes[1] == b' ' {
        return (Some(Marker::Bullet), s[2..].trim_start());
    }
    // Numbers: 1. 2.8.1. 10.1 3.0 1)
    if first.is_ascii_digit() {
        let mut end = 0;
        let mut last_dot = false;
        while end < bytes.len() {
            let c = bytes[end];
            if c.is_ascii_digit() {
                last_dot = false;
                end += 1;
            } else if c == b'.' && !last_dot && end < bytes.len() {
                last_dot = true;
                end += 1;
            } else {
                break;
            }
        }
        let mut number = &s[..end];
        let mut dotted = false;
        if let Some(n) = number.strip_suffix('.') {
            number = n;
            dotted = true;
        }
        let mut rest = &s[end..];
        if !dotted && rest.starts_with(')') {
            dotted = true;
            rest = &rest[1..];
        }
        let segments = number.split('.').count();
        let ok_len = number.split('.').all(|p| !p.is_empty() && p.len() <= 4);
        // A bare "2021 ..." or "10 May" is not a marker: a marker needs a dot, a bracket,
        // sub-numbering or the end of the line after it.
        let shaped = dotted || segments > 1 || rest.is_empty();
        let followed = rest.is_empty() || rest.starts_with(' ');
        if ok_len && shaped && followed && !looks_like_decimal_or_date(number, rest, dotted) {
            return (
                Some(Marker::Number {
                    number: number.to_string(),
                    dotted,
                }),
                rest.trim_start(),
            );
        }
        return (None, s);
    }
    // (1) (a) (iv)
    if first == '(' {
        if let Some(close) = s[1..].find(')') {
            let inner = &s[1..1 + close];
            let rest = &s[2 + close..];
            if !inner.is_empty()
                && inner.len() <= 4
                && inner.chars().all(|c| c.is_ascii_alphanumeric())
                && (rest.is_empty() || rest.starts_with(' '))
                && (inner.chars().all(|c| c.is_ascii_digit())
                    || inner.len() == 1
                    || is_roman(inner))
            {
                return (Some(Marker::Paren(inner.to_lowercase())), rest.trim_start());
            }
        }
        return (None, s);
    }
    // a) b. iv) ii.
    if let Some(sep) = s.find(['.', ')']) {
        let head = &s[..sep];
        let rest = &s[sep + 1..];
        if !head.is_empty()
            && head.len() <= 5
            && (rest.is_empty() || rest.starts_with(' '))
            && head.chars().all(|c| c.is_ascii_alphabetic())
        {
            let lower = head.to_ascii_lowercase();
            if is_roman(&lower) && (lower.len() > 1 || lower == "i") {
                return (Some(Marker::Roman(lower)), rest.trim_start());
            }
            if head.len() == 1 && head.chars().all(|c| c.is_ascii_lowercase()) {
                return (
                    Some(Marker::Letter(head.chars().next().unwrap_or('a'))),
                    rest.trim_start(),
                );
            }
            if head.len() == 1 && sep < s.len() && s.as_bytes()[sep] == b')' {
                return (
                    Some(Marker::Letter(
                        head.chars().next().unwrap_or('a').to_ascii_lowercase(),
                    )),
                    rest.trim_start(),
                );
            }
        }
    }
    (None, s)
}

/// A positive number in lower-case roman numerals ("iv", "xii"), as list markers print it.
pub(crate) fn roman(mut n: i64) -> String {
    const TABLE: &[(i64, &str)] = &[
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for &(value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

fn is_roman(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 5
        && s.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
        && !s.contains("iiii")
        && !s.contains("vv")
}

/// "12.02.2020" (a date), "1.5 million" (a decimal) are not paragraph numbers.
fn looks_like_decimal_or_date(number: &str, rest: &str, dotted: bool) -> bool {
    let parts: Vec<&str> = number.split('.').collect();
    if parts.len() == 3 && parts[2].len() == 4 {
        return true; // 12.02.2020
    }
    if parts.len() == 3 && parts.iter().all(|p| p.len() == 2) && !dotted {
        return true; // 12.02.20
    }
    let unit = rest.trim_start().split(' ').next().unwrap_or("");
    let unit = unit.to_ascii_lowercase();
    parts.len() == 2
        && !dotted
        && matches!(
            unit.as_str(),
            "million"
                | "billion"
                | "m"
                | "bn"
                | "per"
                | "percent"
                | "%"
                | "pm"
                | "am"
                | "p.m."
                | "a.m."
        )
}

/// Cells of a pipe-delimited row ("No. | Item |"), or nothing.
fn table_cells(s: &str) -> Vec<String> {
    if s.matches('|').count() < 1 || !(s.contains(" |") || s.starts_with('|') || s.ends_with('|')) {
        return Vec::new();
    }
    s.split('|').map(|c| c.trim().to_string()).collect()
}

/// The label:value shape: a short capitalised lead-in ending in ':' (or a question
/// ending in '?' followed by an answer).
fn label_of(s: &str) -> Option<Label> {
    let idx = s.find(':')?;
    let name = s[..idx].trim();
    let value = s[idx + 1..].trim();
    if name.is_empty() || name.len() > 60 || name.split(' ').count() > 8 {
        return None;
    }
    if !name.chars().next().is_some_and(|c| c.is_alphabetic()) {
        return None;
    }
    // "https://..." and clock times are not labels.
    if value.starts_with("//") || name.chars().last().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(Label {
        name: name.trim_end_matches(['?', ' ']).to_string(),
        value: value.trim_start_matches(['-', ' ']).to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(s: &str) -> (Option<Marker>, String) {
        let b = Block::from_line(1, s);
        (b.marker, b.text)
    }

    fn num(n: &str, dotted: bool) -> Option<Marker> {
        Some(Marker::Number {
            number: n.into(),
            dotted,
        })
    }

    #[test]
    fn markers() {
        let cases: &[(&str, Option<Marker>, &str)] = &[
            ("1. Officers have", num("1", true), "Officers have"),
            (
                "2.8.1. Councillor's guide",
                num("2.8.1", true),
                "Councillor's guide",
            ),
            (
                "5.1 Consider the priorities.",
                num("5.1", false),
                "Consider the priorities.",
            ),
            ("8.1. ", num("8.1", true), ""),
            ("10.1", num("10.1", false), ""),
            ("635.", num("635", true), ""),
            ("2.0 BACKGROUND", num("2.0", false), "BACKGROUND"),
            ("1) first", num("1", true), "first"),
            ("2021 was a year", None, "2021 was a year"),
            ("10 May 2016 meeting", None, "10 May 2016 meeting"),
            ("12.02.2020 CSC", None, "12.02.2020 CSC"),
            ("1.5 million people", None, "1.5 million people"),
            ("(1) That a", Some(Marker::Paren("1".into())), "That a"),
            ("(a) first", Some(Marker::Paren("a".into())), "first"),
            ("(All Wards)", None, "(All Wards)"),
            ("a) consider", Some(Marker::Letter('a')), "consider"),
            ("b. Approve", Some(Marker::Letter('b')), "Approve"),
            ("ii. Estates", Some(Marker::Roman("ii".into())), "Estates"),
            (
                "i. Integration",
                Some(Marker::Roman("i".into())),
                "Integration",
            ),
            ("· Devolution", Some(Marker::Bullet), "Devolution"),
            (
                "- Health devolution",
                Some(Marker::Bullet),
                "Health devolution",
            ),
            ("o Finance", Some(Marker::Bullet), "Finance"),
            ("Members are", None, "Members are"),
            ("e.g. this", None, "e.g. this"),
        ];
        for (input, m, text) in cases {
            let (got_m, got_t) = marker(input);
            assert_eq!(&got_m, m, "marker of {input:?}");
            assert_eq!(got_t, *text, "text of {input:?}");
        }
    }

    #[test]
    fn labels() {
        let b = Block::from_line(1, "Contact officer:   Philip Clifford");
        assert_eq!(
            b.label,
            Some(Label {
                name: "Contact officer".into(),
                value: "Philip Clifford".into()
            })
        );
        assert!(Block::from_line(1, "https://example.org").label.is_none());
        assert!(Block::from_line(1, "at 10:30 the meeting").label.is_none());
    }

    #[test]
    fn tables() {
        let b = Block::from_line(1, "No. | Item |");
        assert_eq!(b.cells, vec!["No.", "Item", ""]);
        assert!(Block::from_line(1, "plain").cells.is_empty());
    }
}
