//! Subjects a paper mentions: named programmes, plans, funds, bills, initiatives and
//! bodies, found from the text's own proper-noun phrases (a capitalised run ending in a
//! head noun such as "Programme" or "Fund") and from the extract stage's organisations,
//! each mention labelled with what the passage does with it.

use crate::text::{norm, raw_words};
use crate::{Mention, MentionKind, PaperSubjects, PassageRef};

/// Head nouns of named initiatives (normalised, sorted).
const HEADS: &[&str] = &[
    "account",
    "act",
    "agreement",
    "allowance",
    "bill",
    "bootcamp",
    "budget",
    "charter",
    "compact",
    "credit",
    "deal",
    "framework",
    "fund",
    "grant",
    "guarantee",
    "hub",
    "initiative",
    "network",
    "offer",
    "partnership",
    "pathway",
    "pilot",
    "plan",
    "pledge",
    "premium",
    "program",
    "programme",
    "project",
    "prospectus",
    "review",
    "scheme",
    "strategy",
    "support",
    "taskforce",
    "zone",
];

/// Words that may join a name's capitalised words ("Work and Health Programme").
const JOINERS: &[&str] = &["&", "and", "for", "in", "of", "on", "the", "to"];

/// Capitalised words that open a sentence or a date rather than a name.
const LEADING: &[&str] = &[
    "a",
    "after",
    "all",
    "an",
    "and",
    "april",
    "as",
    "at",
    "august",
    "by",
    "december",
    "during",
    "each",
    "february",
    "following",
    "for",
    "from",
    "further",
    "in",
    "its",
    "january",
    "july",
    "june",
    "march",
    "may",
    "november",
    "october",
    "of",
    "on",
    "our",
    "september",
    "since",
    "that",
    "the",
    "their",
    "this",
    "through",
    "to",
    "under",
    "when",
    "with",
];

/// Words that make a capitalised run a job title, not a named initiative: "Head of
/// Employment Programmes", "Adult Skills Fund Programme Manager". Sorted.
const ROLES: &[&str] = &[
    "adviser",
    "advisor",
    "chair",
    "chief",
    "coordinator",
    "director",
    "executive",
    "head",
    "lead",
    "manager",
    "member",
    "officer",
    "portfolio",
    "principal",
];

fn sorted_contains(list: &[&str], w: &str) -> bool {
    list.binary_search(&w).is_ok()
}

/// The normalised key of a name: lower case, "&" as "and", the last word singular.
pub fn key_of(name: &str) -> String {
    let words: Vec<String> = raw_words(&name.replace('&', " and "))
        .map(|(_, w)| w.to_lowercase().replace('’', "'"))
        .collect();
    let n = words.len();
    words
        .into_iter()
        .enumerate()
        .map(|(i, w)| if i + 1 == n { norm(&w) } else { w })
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_acronym(w: &str) -> bool {
    let n = w.chars().count();
    (2..=7).contains(&n)
        && w.chars().all(|c| c.is_ascii_alphabetic())
        && w.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
        && w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
}

/// Names in `text` as (start, end) byte spans: capitalised runs, joined only by spaces
/// and joiner words, that end in a head noun and keep at least two words once leading
/// sentence words are trimmed.
pub fn names(text: &str) -> Vec<(usize, usize)> {
    let words: Vec<(usize, &str)> = raw_words(text).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !is_capitalised(words[i].1) {
            i += 1;
            continue;
        }
        // Grow a run of capitalised words and joiners separated by single spaces.
        let mut j = i;
        let mut last_cap = i;
        while j + 1 < words.len() {
            let (s, w) = words[j];
            let (ns, nw) = words[j + 1];
            let gap = &text[s + w.len()..ns];
            if gap != " " {
                break;
            }
            if is_capitalised(nw) {
                last_cap = j + 1;
            } else if !sorted_contains(JOINERS, &nw.to_lowercase()) {
                break;
            }
            j += 1;
        }
        // The name ends at the last head noun in the run.
        let mut end = None;
        for k in (i..=last_cap).rev() {
            let w = norm(words[k].1);
            if is_capitalised(words[k].1) && sorted_contains(HEADS, &w) {
                end = Some(k);
                break;
            }
        }
        if let Some(end) = end {
            let mut start = i;
            while start < end {
                let w = words[start].1.to_lowercase();
                if sorted_contains(LEADING, &w) || !is_capitalised(words[start].1) {
                    start += 1;
                } else {
                    break;
                }
            }
            // A job title: opens with a role word, or the run goes on with one.
            let role_start = sorted_contains(ROLES, &words[start].1.to_lowercase());
            let role_after = end < last_cap && sorted_contains(ROLES, &norm(words[end + 1].1));
            if end > start && !role_start && !role_after {
                let (s, _) = words[start];
                let (e, w) = words[end];
                out.push((s, e + w.len()));
            }
        }
        i = last_cap.max(i) + 1;
    }
    out
}

/// What a passage does with what it mentions.
fn mention_kind(passage: &PassageRef, lower: &str, has_money: bool) -> MentionKind {
    match passage.field.as_str() {
        "decision" => return MentionKind::Decided,
        "action" => return MentionKind::Actioned,
        "recommendation" => return MentionKind::Proposed,
        _ => {}
    }
    if has_money {
        return MentionKind::Funded;
    }
    const DECIDED: &[&str] = &[
        "resolved",
        "approved",
        "agreed to",
        "agreed that",
        "agreed the",
        "decided",
        "was agreed",
    ];
    const PROPOSED: &[&str] = &[
        "propose",
        "recommend",
        "will be",
        "plans to",
        "intend",
        "is asked to",
        "are asked to",
        "options for",
    ];
    if DECIDED.iter().any(|w| lower.contains(w)) {
        MentionKind::Decided
    } else if PROPOSED.iter().any(|w| lower.contains(w)) {
        MentionKind::Proposed
    } else {
        MentionKind::Reported
    }
}

/// The first sum of money in a passage, as printed ("£4.2 million").
pub fn first_sum(text: &str) -> Option<String> {
    let at = text.find('£')?;
    let rest = &text[at + '£'.len_utf8()..];
    let digits = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map_or(rest.len(), |(i, _)| i);
    let number = rest[..digits].trim_end_matches(['.', ',']);
    if number.is_empty() {
        return None;
    }
    let after = &rest[number.len()..];
    let unit = ["m", "k", "bn", " million", " billion"]
        .iter()
        .find(|u| {
            after.starts_with(*u)
                && after[u.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
        .copied()
        .unwrap_or("");
    Some(format!("£{number}{unit}"))
}

/// The subjects a paper's passages mention. `organisations` are the extract stage's
/// names with their abbreviations; `own_body` (the paper's own board) is left out, since
/// every paper of a body mentions it.
pub fn subjects(
    passages: &[PassageRef],
    organisations: &[(String, Vec<String>)],
    own_body: Option<&str>,
) -> PaperSubjects {
    let own = own_body.map(key_of);
    let mut out = PaperSubjects::default();
    // Abbreviations defined in the paper: "Local Skills Improvement Plan (LSIP)".
    let mut defined: Vec<(String, String)> = Vec::new();
    for p in passages {
        for (s, e) in names(&p.text) {
            let after = &p.text[e..];
            if let Some(rest) = after.strip_prefix(" (")
                && let Some(close) = rest.find(')')
                && is_acronym(&rest[..close])
                && rest[..close].chars().next() == p.text[s..e].chars().next()
            {
                let short = rest[..close].to_lowercase();
                let long = key_of(&p.text[s..e]);
                if !defined.iter().any(|(a, _)| *a == short) {
                    defined.push((short, long));
                }
            }
        }
    }
    for (name, aliases) in organisations {
        let long = key_of(name);
        for a in aliases {
            if is_acronym(a) && !defined.iter().any(|(s, _)| *s == a.to_lowercase()) {
                defined.push((a.to_lowercase(), long.clone()));
            }
        }
    }
    for p in passages {
        let lower = p.text.to_lowercase();
        let amount = first_sum(&p.text);
        let kind = mention_kind(p, &lower, amount.is_some());
        let mut seen: Vec<String> = Vec::new();
        let mut push = |out: &mut PaperSubjects, key: String, name: &str| {
            if key.is_empty() || own.as_deref() == Some(key.as_str()) || seen.contains(&key) {
                return;
            }
            seen.push(key.clone());
            out.mentions.push(Mention {
                key,
                name: name.to_string(),
                ord: p.ord,
                kind,
                amount: if kind == MentionKind::Funded {
                    amount.clone()
                } else {
                    None
                },
            });
        };
        for (s, e) in names(&p.text) {
            push(&mut out, key_of(&p.text[s..e]), &p.text[s..e]);
        }
        for (name, _) in organisations {
            if name.split_whitespace().count() >= 2 && p.text.contains(name.as_str()) {
                push(&mut out, key_of(name), name);
            }
        }
        for (_, w) in raw_words(&p.text) {
            if is_acronym(w) {
                let short = w.to_lowercase();
                if defined.iter().any(|(s, _)| *s == short) {
                    push(&mut out, short, w);
                }
            }
        }
    }
    out.aliases = defined;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted() {
        for list in [HEADS, JOINERS, LEADING, ROLES] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    fn found(text: &str) -> Vec<&str> {
        names(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn names_from_capitalised_runs() {
        assert_eq!(
            found("The Work and Health Programme ends in March. Universal Support starts."),
            ["Work and Health Programme", "Universal Support"]
        );
        assert_eq!(
            found(
                "In January the Northmoor Jobs Guarantee opened; Local Skills Improvement Plans follow."
            ),
            ["Northmoor Jobs Guarantee", "Local Skills Improvement Plans"]
        );
        assert_eq!(
            found("Further Adult Skills Fund allocations"),
            ["Adult Skills Fund"]
        );
        // A lone head noun, or a run without one, is not a name.
        assert!(found("The Plan was agreed. Cllr Jane Smith spoke.").is_empty());
        assert_eq!(
            key_of("Local Skills Improvement Plans"),
            "local skills improvement plan"
        );
        assert_eq!(key_of("Jobs & Skills Fund"), "jobs and skills fund");
    }

    #[test]
    fn mentions_kinds_and_aliases() {
        let p = |ord, field: &str, text: &str| PassageRef {
            ord,
            number: None,
            heading: None,
            field: field.into(),
            text: text.into(),
        };
        let got = subjects(
            &[
                p(
                    0,
                    "paragraph",
                    "The Adult Skills Fund (ASF) is devolved in 2025.",
                ),
                p(
                    1,
                    "paragraph",
                    "The ASF allocation is £38.6 million a year.",
                ),
                p(
                    2,
                    "decision",
                    "The Board agreed the Adult Skills Fund commissioning approach.",
                ),
                p(3, "paragraph", "The Skills Board met."),
            ],
            &[],
            Some("Skills Board"),
        );
        assert_eq!(
            got.aliases,
            [("asf".to_string(), "adult skills fund".to_string())]
        );
        let m: Vec<(u32, &str, MentionKind, Option<&str>)> = got
            .mentions
            .iter()
            .map(|m| (m.ord, m.key.as_str(), m.kind, m.amount.as_deref()))
            .collect();
        assert_eq!(
            m,
            [
                (0, "adult skills fund", MentionKind::Reported, None),
                (0, "asf", MentionKind::Reported, None),
                (1, "asf", MentionKind::Funded, Some("£38.6 million")),
                (2, "adult skills fund", MentionKind::Decided, None),
            ]
        );
    }
}
