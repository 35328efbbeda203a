//! A paper's text cut into passages for the store and the index: each numbered paragraph,
//! each unnumbered block of body text (minutes prose, unnumbered reports), and each
//! front-matter entry (summary, recommendations, decisions, actions), with the kinds of
//! facts each holds.

use boardpack_model::Paper;
use boardpack_read::Document;
use boardpack_store::Passage;

/// Cuts a parsed paper into passages, in reading order.
pub fn passages(doc: &Document, paper: &Paper) -> Vec<Passage> {
    let mut out: Vec<Passage> = Vec::new();
    let push = |out: &mut Vec<Passage>,
                number: Option<String>,
                heading: Option<String>,
                field: &str,
                line: u32,
                text: String| {
        let text = text.trim().to_string();
        if text.is_empty() {
            return;
        }
        out.push(Passage {
            ord: out.len() as u32,
            number,
            heading,
            field: field.to_string(),
            line,
            text,
            facts: Vec::new(),
        });
    };
    if let Some(summary) = &paper.summary {
        push(&mut out, None, None, "summary", 0, summary.clone());
    }
    for r in &paper.recommendations {
        push(&mut out, None, None, "recommendation", 0, r.clone());
    }
    // Body: numbered paragraphs as they are; other lines grouped into blocks that end at
    // a blank line, a heading or a numbered paragraph.
    let units = boardpack_extract::units(doc, paper);
    let fronts: Vec<&str> = paper
        .summary
        .iter()
        .chain(&paper.recommendations)
        .chain(&paper.decisions)
        .map(String::as_str)
        .chain(paper.actions.iter().map(|a| a.text.as_str()))
        .collect();
    let mut paragraphs = paper.paragraphs.iter().peekable();
    let mut heading: Option<String> = None;
    let mut block = String::new();
    let mut block_line = 0u32;
    let mut prev_line = 0usize;
    let flush =
        |out: &mut Vec<Passage>, block: &mut String, heading: &Option<String>, line: u32| {
            let text = std::mem::take(block);
            // Labels and stubs ("Summary", "For information.") are not passages.
            if text.split_whitespace().count() >= 4 {
                out.push(Passage {
                    ord: out.len() as u32,
                    number: None,
                    heading: heading.clone(),
                    field: "text".into(),
                    line,
                    text: text.trim().to_string(),
                    facts: Vec::new(),
                });
            }
        };
    for unit in &units {
        let gap = unit.line > prev_line + 1;
        prev_line = unit.line;
        if unit.field == "title" {
            continue;
        }
        if let Some(number) = unit.paragraph {
            flush(&mut out, &mut block, &heading, block_line);
            while let Some(p) = paragraphs.peek() {
                if p.line > unit.line {
                    break;
                }
                let p = paragraphs.next().expect("peeked");
                heading = p.section.clone().or(heading.take());
                if p.number == number || p.line <= unit.line {
                    push(
                        &mut out,
                        Some(p.number.clone()),
                        p.section.clone(),
                        "paragraph",
                        p.line as u32,
                        p.text.clone(),
                    );
                }
            }
            continue;
        }
        if paper.headings.iter().any(|h| h == unit.text.trim()) {
            flush(&mut out, &mut block, &heading, block_line);
            heading = Some(unit.text.trim().to_string());
            continue;
        }
        if gap {
            flush(&mut out, &mut block, &heading, block_line);
        }
        // Lines already given as front-matter passages are not repeated as body text.
        let t = unit.text.trim();
        if fronts.iter().any(|f| f.contains(t)) {
            continue;
        }
        if block.is_empty() {
            block_line = unit.line as u32;
        } else {
            block.push(' ');
        }
        block.push_str(unit.text);
    }
    flush(&mut out, &mut block, &heading, block_line);
    for d in &paper.decisions {
        push(&mut out, None, None, "decision", 0, d.clone());
    }
    for a in &paper.actions {
        push(&mut out, None, None, "action", 0, a.text.clone());
    }
    tag_facts(&mut out, paper);
    for (i, p) in out.iter_mut().enumerate() {
        p.ord = i as u32;
    }
    out
}

/// Marks each passage with the kinds of facts found on its lines.
fn tag_facts(passages: &mut [Passage], paper: &Paper) {
    // Line ranges: a body passage runs from its line to the next body passage's line.
    let mut starts: Vec<(u32, usize)> = passages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.line > 0)
        .map(|(i, p)| (p.line, i))
        .collect();
    starts.sort();
    let find = |line: usize| -> Option<usize> {
        let line = line as u32;
        let k = starts.partition_point(|(l, _)| *l <= line);
        k.checked_sub(1).map(|k| starts[k].1)
    };
    let mut tag = |line: usize, kind: &str| {
        if let Some(i) = find(line) {
            let facts = &mut passages[i].facts;
            if !facts.iter().any(|f| f == kind) {
                facts.push(kind.to_string());
            }
        }
    };
    for t in &paper.timescales {
        tag(t.source.line, "timescale");
    }
    for m in &paper.money {
        tag(m.source.line, "money");
    }
    for o in &paper.organisations {
        tag(o.source.line, "organisation");
    }
    for p in &paper.people {
        tag(p.source.line, "person");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passages_cover_paragraphs_prose_and_front_matter() {
        let text = "Budget Update\nSummary\nThis report updates members on spend.\nRecommendation(s)\nMembers are asked to note the update.\n\nIntroduction\nOpening remarks by the Chair were brief.\nThey ran over two lines.\n\nA second block of prose.\n\nBackground\n1. The Board agreed a budget of £2 million in March 2025.\n2. Spending is on track.\n";
        let doc = boardpack_read::read_text(text.as_bytes()).expect("text");
        let paper = crate::record(&doc);
        let got: Vec<(String, Option<String>, Option<String>)> = passages(&doc, &paper)
            .into_iter()
            .map(|p| (p.field, p.number, p.heading))
            .collect();
        let bg = Some("Background".to_string());
        let intro = Some("Introduction".to_string());
        assert_eq!(
            got,
            vec![
                ("summary".into(), None, None),
                ("recommendation".into(), None, None),
                ("text".into(), None, intro.clone()),
                ("text".into(), None, intro),
                ("paragraph".into(), Some("1".into()), bg.clone()),
                ("paragraph".into(), Some("2".into()), bg),
            ]
        );
        let ps = passages(&doc, &paper);
        assert!(ps[4].facts.contains(&"money".to_string()), "{:?}", ps[4]);
        assert!(ps[4].facts.contains(&"timescale".to_string()));
    }
}
