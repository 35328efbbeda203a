//! Words for matching: lower-cased, lightly stemmed content words, with the function words
//! and the vocabulary every committee paper shares left out.

/// Words that say nothing about a subject: function words and the vocabulary of every
/// committee paper. Sorted, for binary search.
const STOP: &[&str] = &[
    "a",
    "about",
    "across",
    "after",
    "agree",
    "agreed",
    "all",
    "also",
    "an",
    "and",
    "any",
    "appropriate",
    "are",
    "as",
    "asked",
    "at",
    "back",
    "be",
    "been",
    "before",
    "being",
    "board",
    "both",
    "bring",
    "but",
    "by",
    "can",
    "comment",
    "committee",
    "could",
    "council",
    "did",
    "directed",
    "do",
    "does",
    "each",
    "for",
    "forward",
    "from",
    "further",
    "give",
    "had",
    "has",
    "have",
    "he",
    "her",
    "his",
    "how",
    "if",
    "in",
    "including",
    "into",
    "is",
    "it",
    "item",
    "its",
    "last",
    "light",
    "meeting",
    "member",
    "more",
    "new",
    "next",
    "not",
    "note",
    "noted",
    "of",
    "officer",
    "on",
    "one",
    "or",
    "other",
    "our",
    "out",
    "over",
    "paper",
    "per",
    "progress",
    "provide",
    "report",
    "reported",
    "she",
    "should",
    "so",
    "such",
    "take",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "two",
    "under",
    "up",
    "update",
    "upon",
    "view",
    "was",
    "we",
    "were",
    "what",
    "when",
    "which",
    "while",
    "who",
    "will",
    "with",
    "within",
    "would",
];

/// Calendar words: dates are matched as dates, not as words. Sorted.
const CALENDAR: &[&str] = &[
    "april",
    "august",
    "autumn",
    "december",
    "february",
    "friday",
    "january",
    "july",
    "june",
    "march",
    "may",
    "monday",
    "november",
    "october",
    "saturday",
    "september",
    "spring",
    "summer",
    "sunday",
    "thursday",
    "tuesday",
    "wednesday",
    "winter",
];

/// Whether a normalised word carries no subject.
pub fn is_stop(word: &str) -> bool {
    STOP.binary_search(&word).is_ok() || CALENDAR.binary_search(&word).is_ok()
}

/// The words of `text` as (byte offset, word) pairs: runs of letters and digits; an
/// apostrophe inside a word keeps it whole ("council's"), a hyphen splits it.
pub fn raw_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        loop {
            let (start, c) = chars.next()?;
            if !c.is_alphanumeric() {
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some(&(i, c)) = chars.peek() {
                if c.is_alphanumeric() {
                    end = i + c.len_utf8();
                    chars.next();
                } else if (c == '\'' || c == '’') && {
                    let mut ahead = chars.clone();
                    ahead.next();
                    ahead.peek().is_some_and(|&(_, n)| n.is_alphabetic())
                } {
                    chars.next();
                    end = i + c.len_utf8();
                } else {
                    break;
                }
            }
            return Some((start, &text[start..end]));
        }
    })
}

/// A word's matching form: lower case, possessive dropped, English (Porter 2) stem, so
/// "evaluation", "evaluate" and "evaluator" match.
pub fn stem(word: &str) -> String {
    static STEMMER: std::sync::LazyLock<rust_stemmers::Stemmer> = std::sync::LazyLock::new(|| {
        rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English)
    });
    let w = norm(word);
    if w.contains('-') || !w.is_ascii() {
        return w;
    }
    STEMMER.stem(&w).into_owned()
}

/// A word's display-and-key form: lower case, possessive dropped, a light plural stem
/// ("enrolments" → "enrolment", "agencies" → "agency", "placements" → "placement").
pub fn norm(word: &str) -> String {
    let mut w = word.to_lowercase().replace('’', "'");
    for suffix in ["'s", "s'"] {
        if let Some(stem) = w.strip_suffix(suffix) {
            w = stem.to_string();
        }
    }
    if w.len() > 4 && w.is_ascii() {
        if let Some(stem) = w.strip_suffix("ies") {
            return format!("{stem}y");
        }
        if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
            w.pop();
        }
    }
    w
}

/// The content words of `text`, normalised, in order (repeats kept). Numbers are kept
/// only when they have three or more digits and are not years (dates are matched as
/// dates). Words joined by a hyphen are also kept as one compound ("take-up",
/// "self-assessment"), since the compound says more than its parts.
pub fn content_words(text: &str) -> Vec<String> {
    content_words_by(text, &mut single)
}

/// [`content_words`] with each word's form remembered in `cache` (keyed by the word as
/// printed), for callers that read much text: stemming is the costly part.
pub fn content_words_cached(text: &str, cache: &mut WordCache) -> Vec<String> {
    content_words_by(text, &mut |w| {
        if let Some(form) = cache.get(w) {
            return form.clone();
        }
        let form = single(w);
        if cache.len() < WORD_CACHE_LIMIT {
            cache.insert(w.to_string(), form.clone());
        }
        form
    })
}

/// Remembered word forms (see [`content_words_cached`]).
pub type WordCache = std::collections::HashMap<String, Option<String>>;

/// How many distinct words a [`WordCache`] keeps.
const WORD_CACHE_LIMIT: usize = 1 << 20;

/// One word's matching form, or None when it carries no subject.
fn single(w: &str) -> Option<String> {
    if w.chars().all(|c| c.is_ascii_digit()) {
        let year = w.len() == 4 && (w.starts_with("19") || w.starts_with("20"));
        return (w.len() >= 3 && !year).then(|| w.to_string());
    }
    if w.chars().count() < 2 {
        return None;
    }
    let n = norm(w);
    (!is_stop(&n)).then(|| stem(w))
}

fn content_words_by(text: &str, form: &mut dyn FnMut(&str) -> Option<String>) -> Vec<String> {
    let mut out = Vec::new();
    let mut prev_end: Option<usize> = None;
    let mut compound = String::new();
    let mut parts = 0;
    for (start, w) in raw_words(text) {
        let joined = prev_end.is_some_and(|e| text[e..start] == *"-");
        if joined {
            compound.push('-');
            compound.push_str(&norm(w));
            parts += 1;
        } else {
            if parts > 1 {
                out.push(std::mem::take(&mut compound));
            }
            compound.clear();
            parts = 1;
            // The compound's first part, kept only if a hyphen follows.
            if text[start + w.len()..].starts_with('-') {
                compound = norm(w);
            }
        }
        prev_end = Some(start + w.len());
        if let Some(f) = form(w) {
            out.push(f);
        }
    }
    if parts > 1 {
        out.push(compound);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_list_is_sorted() {
        assert!(STOP.windows(2).all(|w| w[0] < w[1]));
        assert!(CALENDAR.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn words_and_norms() {
        let w: Vec<&str> = raw_words("The Board’s self-assessment (2024/25) enrolments")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(
            w,
            [
                "The",
                "Board’s",
                "self",
                "assessment",
                "2024",
                "25",
                "enrolments"
            ]
        );
        assert_eq!(norm("Board’s"), "board");
        assert_eq!(norm("enrolments"), "enrolment");
        assert_eq!(norm("agencies"), "agency");
        assert_eq!(norm("business"), "business");
        assert_eq!(norm("bus"), "bus");
        assert_eq!(
            content_words("Officers to bring a mobilisation update on the Eastcliffe procurement"),
            ["mobilis", "eastcliff", "procur"]
        );
        assert_eq!(
            content_words("report on take-up and the self-assessment"),
            ["take-up", "self", "assess", "self-assessment"]
        );
    }
}
