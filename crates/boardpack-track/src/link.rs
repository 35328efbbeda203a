//! Follow-through links: for each item, the later paragraph that reports on it.
//!
//! A [`Matcher`] holds the items of one body with their words weighted by rarity. Each
//! passage of a later paper is offered to it; the items it shares rare words with are
//! scored on what a reader would check: how much of the item's wording the passage
//! covers, phrases they share, report-back wording ("Further to the action agreed ..."),
//! a reference back to the item's meeting, and an ordinal that matches ("the second
//! action"). A [`Best`] keeps, for each item, the first later paper that reports on it,
//! whatever order passages arrive in, so full and incremental runs agree.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use crate::text::{content_words, raw_words};
use crate::{Item, Link, PaperRef, PassageRef};

/// A fast, non-keyed hasher for short words (the FxHash mix): the matcher hashes every
/// word of every passage, and SipHash's protection against crafted keys is not needed
/// for words looked up in our own tables.
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(buf))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;
type FastSet<K> = HashSet<K, BuildHasherDefault<WordHasher>>;

/// Scores at or above this link an item to a passage.
pub const THRESHOLD: f32 = 0.5;
/// Scores at or above this are strong: a strong link in a later paper beats a weak one
/// in an earlier paper.
pub const STRONG: f32 = 0.8;
/// How long after an item's paper a report-back is looked for, in days.
pub const HORIZON_DAYS: i64 = 3 * 366;
/// The share of an item's own wording (by weight) a passage must contain to report on
/// it: report-back wording and dates alone never link.
pub const MIN_COVERAGE: f32 = 0.35;
/// How long after an item's paper, or after its timescale ends if later, a weak match may
/// still link, in days: report-backs come within a few meetings.
pub const WEAK_DAYS: i64 = 366;
/// How long before an item's timescale opens a paper may already report on it, in days.
pub const EARLY_DAYS: i64 = 31;

/// How rare (informative) a word is: e.g. an inverse document frequency. Words the
/// library has never seen should weigh the most.
pub trait Weights {
    /// The weight of a normalised word (as `text::content_words` gives it), ≥ 0.
    fn weight(&self, word: &str) -> f32;
}

/// Equal weights: for tests and tiny libraries.
pub struct Uniform;

impl Weights for Uniform {
    fn weight(&self, _word: &str) -> f32 {
        1.0
    }
}

/// An item ready to be matched.
struct Prepared {
    /// Day number of the item's paper date.
    day: i64,
    /// The first day a report on it may come: its paper's next day, or shortly before
    /// its timescale opens, whichever is later.
    from: i64,
    /// The last day a weak match may link.
    weak_until: i64,
    /// (year, month) of the item's paper date.
    month: (i32, u32),
    /// Item words with their weights and printed forms.
    words: Vec<(String, f32, String)>,
    total: f32,
    context: Vec<(String, f32)>,
    context_total: f32,
    bigrams: FastSet<(String, String)>,
    /// The weight of its words too common to find candidates by (see `Matcher::cap`):
    /// an upper bound on what a passage can add beyond the rarer words.
    common: f32,
    /// 1-based position among the actions of its agenda item (or paper).
    position: u32,
}

/// Items of one body, matched against the passages of later papers.
pub struct Matcher {
    items: Vec<Prepared>,
    /// For each word, the items using it with the word's weight in the item's own
    /// wording (0 where it is only in the item's context).
    postings: FastMap<String, Vec<(u32, f32)>>,
    /// Longest posting list used to find candidates: words shared by more items say
    /// little about which one a passage reports on (they still count in the score).
    cap: usize,
}

/// The longest posting list that finds candidates: a word more than this many items use
/// is too common to say which of them a passage reports on (it still counts in the
/// score). Fixed, so the work per passage does not grow with the library.
pub const CAP: usize = 64;

/// A worker's reusable state for [`Matcher::offer`]: remembered word forms and a
/// per-item accumulator.
#[derive(Default)]
pub struct Scratch {
    cache: crate::text::WordCache,
    acc: Vec<f32>,
}

/// A passage scored against one item.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// The item's index in the list the matcher was built from.
    pub item: usize,
    /// The link (verdict unset).
    pub link: Link,
}

impl Matcher {
    /// Prepares `items` (with their papers' ISO dates) for matching. Items without a
    /// dated paper are kept but never linked.
    pub fn new(items: &[(Item, Option<String>)], weights: &dyn Weights) -> Matcher {
        let mut prepared = Vec::with_capacity(items.len());
        let mut postings: FastMap<String, Vec<(u32, f32)>> = FastMap::default();
        // Positions of actions within their agenda item, for "the second action".
        let mut seen: HashMap<(i64, Option<String>, crate::ItemKind), u32> = HashMap::new();
        for (i, (item, date)) in items.iter().enumerate() {
            let position = {
                let n = seen
                    .entry((item.paper, item.item.clone(), item.kind))
                    .or_insert(0);
                *n += 1;
                *n
            };
            let (day, month) = match date.as_deref().and_then(day_of) {
                Some((d, y, m)) => (d, (y, m)),
                None => (i64::MIN, (0, 0)),
            };
            let opens = item
                .start
                .as_deref()
                .and_then(day_of)
                .map_or(i64::MIN, |(d, _, _)| d - EARLY_DAYS);
            // Something due on one day cannot be reported as done before that day.
            let on_day = match (item.start.as_deref(), item.end.as_deref()) {
                (Some(a), Some(b)) if a == b => day_of(a).map_or(i64::MIN, |(d, _, _)| d),
                _ => i64::MIN,
            };
            let from = if day == i64::MIN {
                i64::MAX
            } else {
                (day + 1).max(opens).max(on_day)
            };
            // Boilerplate ("Officers to take forward as directed by members") is not
            // followed through.
            let from = if crate::items::is_boilerplate(&item.text) {
                i64::MAX
            } else {
                from
            };
            let mut words: Vec<(String, f32, String)> = Vec::new();
            let mut printed: HashMap<String, String> = HashMap::new();
            for (_, w) in raw_words(&item.text) {
                printed
                    .entry(crate::text::stem(w))
                    .or_insert_with(|| w.to_string());
            }
            let item_words = content_words(&item.text);
            for w in &item_words {
                if words.iter().any(|(x, _, _)| x == w) {
                    continue;
                }
                let shown = printed.get(w).cloned().unwrap_or_else(|| w.clone());
                words.push((w.clone(), weights.weight(w), shown));
            }
            let bigrams = item_words
                .windows(2)
                .map(|p| (p[0].clone(), p[1].clone()))
                .collect();
            let mut context: Vec<(String, f32)> = Vec::new();
            if let Some(c) = &item.context {
                for w in content_words(c) {
                    if !words.iter().any(|(x, _, _)| *x == w)
                        && !context.iter().any(|(x, _)| *x == w)
                    {
                        let wt = weights.weight(&w);
                        context.push((w, wt));
                    }
                }
            }
            let total = words.iter().map(|(_, w, _)| w).sum();
            let context_total = context.iter().map(|(_, w)| w).sum();
            for (w, wt, _) in &words {
                postings.entry(w.clone()).or_default().push((i as u32, *wt));
            }
            for (w, _) in &context {
                postings.entry(w.clone()).or_default().push((i as u32, 0.0));
            }
            let due = item
                .end
                .as_deref()
                .and_then(day_of)
                .map_or(day, |(d, _, _)| d.max(day));
            let weak_until = due.saturating_add(WEAK_DAYS);
            prepared.push(Prepared {
                day,
                from,
                weak_until,
                month,
                words,
                total,
                context,
                context_total,
                bigrams,
                common: 0.0,
                position,
            });
        }
        let cap = CAP;
        for (w, list) in &postings {
            if list.len() > cap {
                for &(i, _) in list {
                    let it = &mut prepared[i as usize];
                    if let Some((_, wt, _)) = it.words.iter().find(|(x, _, _)| x == w) {
                        it.common += wt;
                    }
                }
            }
        }
        Matcher {
            items: prepared,
            postings,
            cap,
        }
    }

    /// How many items it holds.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether it holds no items.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Scores a passage of `paper` against the items it could report on (items of earlier
    /// papers within the horizon that share a word with it); returns those at or above
    /// [`THRESHOLD`].
    pub fn offer(
        &self,
        paper: &PaperRef,
        passage: &PassageRef,
        scratch: &mut Scratch,
    ) -> Vec<Scored> {
        let Some((day, _, _)) = paper.date.as_deref().and_then(day_of) else {
            return Vec::new();
        };
        let words = crate::text::content_words_cached(&passage.text, &mut scratch.cache);
        if words.is_empty() {
            return Vec::new();
        }
        // Accumulate, per item, the weight of its rarer words the passage has; items
        // that cannot reach the coverage floor even with all their common words are
        // dropped before any scoring.
        if scratch.acc.len() < self.items.len() {
            scratch.acc.resize(self.items.len(), -1.0);
        }
        let mut touched: Vec<u32> = Vec::new();
        let set: FastSet<&str> = words.iter().map(String::as_str).collect();
        for w in &set {
            if let Some(list) = self.postings.get(*w).filter(|l| l.len() <= self.cap) {
                for &(i, wt) in list {
                    let it = &self.items[i as usize];
                    if !(it.from <= day && day - it.day <= HORIZON_DAYS) {
                        continue;
                    }
                    let a = &mut scratch.acc[i as usize];
                    if *a < 0.0 {
                        *a = 0.0;
                        touched.push(i);
                    }
                    *a += wt;
                }
            }
        }
        let mut candidates: Vec<u32> = Vec::with_capacity(touched.len());
        for i in touched {
            let it = &self.items[i as usize];
            let a = std::mem::replace(&mut scratch.acc[i as usize], -1.0);
            if it.total > 0.0 && (a + it.common) / it.total >= MIN_COVERAGE - 1e-6 {
                candidates.push(i);
            }
        }
        if candidates.is_empty() {
            return Vec::new();
        }
        candidates.sort_unstable();
        let bigrams: FastSet<(&str, &str)> = words
            .windows(2)
            .map(|p| (p[0].as_str(), p[1].as_str()))
            .collect();
        // Passage-level features, computed once and only when some item needs them.
        let mut features: Option<PassageFeatures> = None;
        let mut out = Vec::new();
        for i in candidates {
            let it = &self.items[i as usize];
            if it.total <= 0.0 {
                continue;
            }
            let covered: f32 = it
                .words
                .iter()
                .filter(|(w, _, _)| set.contains(w.as_str()))
                .map(|(_, w, _)| w)
                .sum();
            let coverage = covered / it.total;
            if coverage < MIN_COVERAGE {
                continue;
            }
            let ctx: f32 = it
                .context
                .iter()
                .filter(|(w, _)| set.contains(w.as_str()))
                .map(|(_, w)| w)
                .sum();
            let ctx_coverage = if it.context_total > 0.0 {
                ctx / it.context_total
            } else {
                0.0
            };
            let shared_phrases = it
                .bigrams
                .iter()
                .filter(|(a, b)| bigrams.contains(&(a.as_str(), b.as_str())))
                .count();
            let mut score =
                0.6 * coverage + 0.25 * ctx_coverage + (0.1 * shared_phrases as f32).min(0.2);
            // Even with every bonus, can it reach the threshold?
            if score + 0.15 + 0.3 + 0.1 < THRESHOLD {
                continue;
            }
            let f = features.get_or_insert_with(|| PassageFeatures::of(&passage.text));
            let cue = f.cue;
            if cue.is_some() {
                score += 0.15;
            }
            let refers = refers_to(f, it);
            if refers {
                score += 0.3;
            }
            let ordinal = f.ordinal;
            match ordinal {
                Some(n) if n == it.position => score += 0.1,
                Some(_) => score -= 0.4,
                None => {}
            }
            if score < STRONG && day > it.weak_until {
                continue;
            }
            if score < THRESHOLD {
                continue;
            }
            // Kept: say why.
            let mut why = Vec::new();
            let mut top: Vec<&(String, f32, String)> = it
                .words
                .iter()
                .filter(|(w, _, _)| set.contains(w.as_str()))
                .collect();
            if !top.is_empty() {
                top.sort_by(|a, b| b.1.total_cmp(&a.1));
                let names: Vec<&str> = top.iter().take(6).map(|(_, _, p)| p.as_str()).collect();
                why.push(format!("shared words: {}", names.join(", ")));
            }
            if shared_phrases > 0 {
                let mut phrases: Vec<String> = it
                    .bigrams
                    .iter()
                    .filter(|(a, b)| bigrams.contains(&(a.as_str(), b.as_str())))
                    .map(|(a, b)| format!("{a} {b}"))
                    .collect();
                phrases.sort();
                why.push(format!("shared phrases: {}", phrases.join("; ")));
            }
            if let Some(c) = cue {
                why.push(format!("report-back wording: \"{c}\""));
            }
            if refers {
                why.push("refers back to the item's meeting".to_string());
            }
            if let Some(n) = ordinal.filter(|&n| n == it.position) {
                why.push(format!("names it as action {n}"));
            }
            out.push(Scored {
                item: i as usize,
                link: Link {
                    paper: paper.id,
                    ord: passage.ord,
                    paragraph: passage.number.clone(),
                    score: (score * 100.0).round() / 100.0,
                    why,
                    verdict: None,
                },
            });
        }
        out
    }
}

/// Wording that reports back on earlier business.
const CUES: &[&str] = &[
    "further to",
    "as agreed",
    "as requested",
    "asked officers",
    "the board asked",
    "members asked",
    "in response to",
    "following the board",
    "following the committee",
    "at its meeting",
    "at the last meeting",
    "at the previous meeting",
    "action agreed",
    "actions agreed",
    "matters arising",
    "report back",
    "reports back",
    "was submitted",
    "were published",
    "was published",
    "presented the",
];

/// The (first, last) day numbers of the dates a passage mentions.
fn dates_in(text: &str) -> Vec<(i64, i64)> {
    boardpack_extract::time::find(text, None)
        .into_iter()
        .filter_map(|f| {
            let a = day_of(f.first.as_deref()?)?.0;
            let b = day_of(f.last.as_deref()?)?.0;
            Some((a, b))
        })
        .collect()
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Whether a passage refers back to the item's meeting: a date or month that contains
/// the meeting's day, or "the <month> meeting".
fn refers_to(features: &PassageFeatures, it: &Prepared) -> bool {
    if it.day == i64::MIN {
        return false;
    }
    if features
        .dates
        .iter()
        .any(|&(a, b)| a <= it.day && it.day <= b && b - a <= 31)
    {
        return true;
    }
    let month = it.month.1;
    (1..=12).contains(&month) && features.months & (1 << (month - 1)) != 0
}

/// What a passage says about earlier business, worked out once per passage.
struct PassageFeatures {
    /// Report-back wording found, if any.
    cue: Option<&'static str>,
    /// The dates it mentions, as day ranges.
    dates: Vec<(i64, i64)>,
    /// Months named as a meeting's ("the September meeting", "agreed in March"), as
    /// bits (January = bit 0).
    months: u16,
    /// "the second action" → 2.
    ordinal: Option<u32>,
}

impl PassageFeatures {
    fn of(text: &str) -> PassageFeatures {
        let lower = text.to_lowercase();
        let mut months = 0u16;
        for (i, name) in MONTHS.iter().enumerate() {
            if lower.contains(name)
                && (lower.contains(&format!("the {name} meeting"))
                    || lower.contains(&format!("agreed in {name}"))
                    || lower.contains(&format!("discussion in {name}")))
            {
                months |= 1 << i;
            }
        }
        PassageFeatures {
            cue: CUES.iter().find(|c| lower.contains(*c)).copied(),
            dates: dates_in(text),
            months,
            ordinal: ordinal(&lower),
        }
    }
}

/// "the second action" → 2.
fn ordinal(lower: &str) -> Option<u32> {
    const ORD: [&str; 5] = [
        "first action",
        "second action",
        "third action",
        "fourth action",
        "fifth action",
    ];
    if !lower.contains(" action") {
        return None;
    }
    ORD.iter()
        .position(|o| lower.contains(o))
        .map(|i| i as u32 + 1)
}

/// (day number, year, month) of an ISO date.
pub fn day_of(iso: &str) -> Option<(i64, i32, u32)> {
    let y: i32 = iso.get(0..4)?.parse().ok()?;
    let m: u32 = iso.get(5..7)?.parse().ok()?;
    let d: u32 = iso.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil (Howard Hinnant).
    let y2 = if m <= 2 { y - 1 } else { y } as i64;
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468, y, m))
}

/// For each item, the link to keep: the first later paper with a strong match, else the
/// first with any match; within a paper, the best-scoring passage.
#[derive(Debug, Clone, Default)]
pub struct Best {
    links: HashMap<usize, (bool, String, Link)>,
}

impl Best {
    /// Considers a scored passage of a paper dated `date` (ISO).
    pub fn consider(&mut self, scored: Scored, date: &str) {
        let strong = scored.link.score >= STRONG;
        let key = (!strong, date.to_string());
        match self.links.get(&scored.item) {
            Some((s, d, l)) => {
                let old = (!*s, d.clone());
                if key < old || (key == old && better(&scored.link, l)) {
                    self.links
                        .insert(scored.item, (strong, date.to_string(), scored.link));
                }
            }
            None => {
                self.links
                    .insert(scored.item, (strong, date.to_string(), scored.link));
            }
        }
    }

    /// The link kept for an item.
    pub fn get(&self, item: usize) -> Option<&Link> {
        self.links.get(&item).map(|(_, _, l)| l)
    }

    /// Every item's link.
    pub fn into_links(self) -> HashMap<usize, Link> {
        self.links
            .into_iter()
            .map(|(k, (_, _, l))| (k, l))
            .collect()
    }
}

fn better(a: &Link, b: &Link) -> bool {
    a.score > b.score || (a.score == b.score && (a.paper, a.ord) < (b.paper, b.ord))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DateBasis, ItemKind};

    fn paper(id: i64, date: &str) -> PaperRef {
        PaperRef {
            id,
            path: format!("p{id}.txt"),
            part: 0,
            body: Some("Board".into()),
            kind: "report".into(),
            title: None,
            date: Some(date.into()),
            date_basis: DateBasis::Stated,
        }
    }

    fn passage(ord: u32, number: &str, text: &str) -> PassageRef {
        PassageRef {
            ord,
            number: Some(number.into()),
            heading: None,
            field: "paragraph".into(),
            text: text.into(),
        }
    }

    fn action(text: &str, context: &str) -> Item {
        Item {
            paper: 1,
            kind: ItemKind::Action,
            ord: 0,
            text: text.into(),
            owner: None,
            item: Some("15".into()),
            context: Some(context.into()),
            timescale: None,
            start: None,
            end: None,
        }
    }

    #[test]
    fn days() {
        assert_eq!(day_of("1970-01-01").map(|d| d.0), Some(0));
        assert_eq!(day_of("2024-02-29").map(|d| d.0), Some(19_782));
        assert_eq!(
            crate::iso_from_days(day_of("2031-12-31").unwrap().0),
            "2031-12-31"
        );
        assert_eq!(day_of("2024-13-01"), None);
    }

    #[test]
    fn links_a_report_back_and_explains_it() {
        let items = vec![
            (
                action(
                    "Officers to bring a mobilisation update, including progress on the Eastcliffe procurement, to the Board in November 2023.",
                    "Youth Jobs Guarantee: Business Case",
                ),
                Some("2023-09-21".to_string()),
            ),
            (
                action(
                    "Delivery strands to set targets for the participation of care leavers.",
                    "Youth Jobs Guarantee: Business Case",
                ),
                Some("2023-09-21".to_string()),
            ),
        ];
        let m = Matcher::new(&items, &Uniform);
        let mut cache = Scratch::default();
        let later = paper(2, "2023-11-16");
        let p = passage(
            1,
            "2",
            "At the September meeting the Board asked officers for a mobilisation update, including the Eastcliffe procurement.",
        );
        let got = m.offer(&later, &p, &mut cache);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].item, 0);
        let why = got[0].link.why.join(" | ");
        assert!(why.contains("mobilisation"), "{why}");
        assert!(why.contains("refers back"), "{why}");
        // The second action is named by its ordinal.
        let p = passage(
            2,
            "7",
            "In response to the second action agreed in September, each strand has set targets for care leavers.",
        );
        let got = m.offer(&later, &p, &mut cache);
        assert_eq!(got.iter().map(|s| s.item).collect::<Vec<_>>(), [1]);
        // Earlier or same-day papers never report on an item.
        assert!(m.offer(&paper(3, "2023-09-21"), &p, &mut cache).is_empty());
        // Unrelated text does not link.
        let p = passage(
            3,
            "4",
            "The bus franchising consultation closed in October.",
        );
        assert!(m.offer(&later, &p, &mut cache).is_empty());
    }

    #[test]
    fn best_prefers_the_first_strong_report() {
        let mut best = Best::default();
        let link = |paper, score| Link {
            paper,
            ord: 0,
            paragraph: None,
            score,
            why: vec![],
            verdict: None,
        };
        best.consider(
            Scored {
                item: 0,
                link: link(5, 0.9),
            },
            "2024-06-01",
        );
        best.consider(
            Scored {
                item: 0,
                link: link(4, 0.55),
            },
            "2024-03-01",
        );
        assert_eq!(best.get(0).unwrap().paper, 5);
        best.consider(
            Scored {
                item: 0,
                link: link(3, 0.85),
            },
            "2024-01-01",
        );
        assert_eq!(best.get(0).unwrap().paper, 3);
        best.consider(
            Scored {
                item: 0,
                link: link(6, 0.95),
            },
            "2024-01-01",
        );
        assert_eq!(best.get(0).unwrap().paper, 6);
    }
}
