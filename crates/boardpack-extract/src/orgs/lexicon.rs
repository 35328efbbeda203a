//! Closed word lists that decide what a capitalised phrase is: organisational head nouns,
//! generic modifiers, relational words ("Chair of ..."), words that may trail a body's
//! name ("Board Lead Members") and words that open sentences rather than names.
//!
//! All lists are lower case; callers lower-case the word first. [`classes`] answers every
//! list for one word with a single table look-up.

use std::sync::LazyLock;

use crate::hash::FastMap;
use crate::people::shape::{NOT_NAME, POSTNOMINALS, ROLE_NOUNS, is_postnominal_lower};

/// The singular head nouns that end an organisation's name.
const HEADS: &[&str] = &[
    "board",
    "committee",
    "sub-committee",
    "subcommittee",
    "council",
    "department",
    "agency",
    "commission",
    "authority",
    "partnership",
    "confederation",
    "association",
    "network",
    "institute",
    "institution",
    "trust",
    "foundation",
    "group",
    "sub-group",
    "subgroup",
    "panel",
    "forum",
    "office",
    "service",
    "unit",
    "taskforce",
    "society",
    "federation",
    "alliance",
    "union",
    "assembly",
    "inquiry",
    "team",
    "directorate",
    "company",
    "ltd",
    "limited",
    "llp",
    "plc",
    "corporation",
    "appg",
    "ombudsman",
    "tribunal",
    "consortium",
    "collaborative",
    "congress",
    "constabulary",
    "university",
    "lep",
];

/// Heads written in lower case that still end a name ("Capability sub-group").
const LOWER_HEADS: &[&str] = &["sub-group", "subgroup", "sub-committee", "subcommittee"];

/// Heads whose plural, after a coordination, names several bodies ("City Regions and
/// Community Wellbeing Boards").
const COORD_HEADS: &[&str] = &[
    "board",
    "committee",
    "sub-committee",
    "panel",
    "group",
    "commission",
    "forum",
    "council",
];

/// Modifiers that leave a head generic: "County Council", "Scrutiny Committee", "Local
/// Authority", "Integrated Care Board".
const GENERIC_MODS: &[&str] = &[
    "local",
    "county",
    "city",
    "district",
    "borough",
    "town",
    "parish",
    "unitary",
    "metropolitan",
    "combined",
    "mayoral",
    "regional",
    "national",
    "scrutiny",
    "working",
    "steering",
    "project",
    "task",
    "joint",
    "the",
    "full",
    "principal",
    "government",
    "integrated",
    "care",
    "other",
    "relevant",
    "new",
    "partner",
    "statutory",
    "independent",
    "parliamentary",
    "select",
    "all-party",
    "party",
    "political",
    "sub",
    "advisory",
    "uk",
    "english",
    "public",
    "senior",
    "management",
    "policy",
    "programme",
    "project",
    "this",
    "that",
    "our",
    "each",
    "every",
    "executive",
    "main",
    "shadow",
    "relevant",
    "health",
    "police",
];

/// Words after which "of" starts a body's name: "Chair of the Audit Committee".
const RELATIONAL: &[&str] = &[
    "minutes",
    "meeting",
    "meetings",
    "chair",
    "chairman",
    "chairwoman",
    "chairs",
    "vice-chair",
    "leader",
    "member",
    "members",
    "head",
    "director",
    "secretary",
    "clerk",
    "report",
    "reports",
    "notice",
    "chief",
    "officer",
    "officers",
    "manager",
    "minister",
    "commissioner",
    "lead",
    "agenda",
    "part",
    "decision",
    "decisions",
    "review",
    "terms",
    "role",
    "membership",
    "recommendation",
    "recommendations",
    "deputy",
    "president",
    "mayor",
    "holder",
    "representative",
    "representatives",
    "work",
    "programme",
    "business",
    "treasurer",
    "auditor",
    "session",
    "proceedings",
    "constitution",
    "budget",
    "flexibility",
    "chief",
    "executive",
];

/// Role words before "for" that make the rest a portfolio: "Cabinet Member for Finance".
const ROLE_FOR: &[&str] = &[
    "member",
    "minister",
    "lead",
    "holder",
    "councillor",
    "spokesperson",
    "champion",
    "secretary",
    "director",
    "officer",
    "manager",
    "head",
    "commissioner",
    "mayor",
    "leader",
    "chair",
    "adviser",
    "advisor",
];

/// Words that may follow a body's name without being part of it ("Board Lead Members",
/// "Panel Meeting").
const TRAILING: &[&str] = &[
    "meeting",
    "meetings",
    "minutes",
    "agenda",
    "member",
    "members",
    "lead",
    "leads",
    "chair",
    "chairman",
    "vice-chair",
    "report",
    "reports",
    "papers",
    "session",
    "workshop",
    "officer",
    "officers",
    "secretariat",
    "representative",
    "representatives",
    "membership",
    "decision",
    "decisions",
    "resolution",
    "recommendation",
    "recommendations",
    "solicitor",
];

/// Capitalised words that open a sentence or a label rather than a name.
const STOP_LEAD: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "our",
    "its",
    "their",
    "his",
    "her",
    "both",
    "all",
    "each",
    "every",
    "any",
    "following",
    "at",
    "in",
    "on",
    "by",
    "with",
    "from",
    "to",
    "for",
    "of",
    "and",
    "if",
    "as",
    "when",
    "while",
    "where",
    "since",
    "under",
    "dear",
    "please",
    "although",
    "however",
    "members",
    "officers",
    "minutes",
    "agenda",
    "item",
    "items",
    "report",
    "notice",
    "meeting",
    "decision",
    "re",
    "contact",
    "venue",
    "recommendation",
    "recommendations",
    "summary",
    "purpose",
    "background",
    "new",
    "existing",
    "current",
    "former",
    "proposed",
    "draft",
    "resolved",
    "agreed",
    "noted",
    "attached",
    "appendix",
    "annex",
    "joint",
    "whole",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
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
    "spring",
    "summer",
    "autumn",
    "winter",
    "last",
    "next",
    "previous",
    "first",
    "second",
    "annual",
    "inaugural",
    "respective",
    "relevant",
    "appropriate",
    "through",
    "via",
    "between",
    "including",
    "involving",
    "supporting",
    "establish",
    "establishing",
    "organised",
    "organise",
    "sponsoring",
    "working",
    "partnering",
];

/// Personal titles: a phrase holding one is a person, not a body.
pub(crate) const TITLES: &[&str] = &[
    "cllr",
    "cllrs",
    "councillor",
    "councillors",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "lord",
    "lady",
    "dame",
    "baroness",
    "baron",
    "professor",
    "prof",
    "alderman",
    "aldermen",
];

fn has(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

/// The singular head noun of a word, and whether the word was plural.
pub(crate) fn head(lower: &str) -> Option<(&'static str, bool)> {
    if let Some(h) = HEADS.iter().find(|h| **h == lower) {
        return Some((h, false));
    }
    let singular = if let Some(stem) = lower.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = lower.strip_suffix('s') {
        stem.to_string()
    } else {
        return None;
    };
    HEADS.iter().find(|h| **h == singular).map(|h| (*h, true))
}

/// Whether a lower-case head may end a name written in lower case.
pub(crate) fn is_lower_head(lower: &str) -> bool {
    has(LOWER_HEADS, lower)
}

/// Whether a plural of this head, after a coordination, names several bodies.
pub(crate) fn is_coord_head(singular: &str) -> bool {
    has(COORD_HEADS, singular)
}

/// Whether a modifier leaves a head generic.
pub(crate) fn is_generic_mod(lower: &str) -> bool {
    has(GENERIC_MODS, lower)
}

/// Whether "of" after this word starts a body's name.
pub(crate) fn is_relational(lower: &str) -> bool {
    has(RELATIONAL, lower)
}

/// Whether "for" after this word starts a portfolio.
pub(crate) fn is_role_for(lower: &str) -> bool {
    has(ROLE_FOR, lower)
}

/// Whether the word may trail a body's name.
pub(crate) fn is_trailing(lower: &str) -> bool {
    has(TRAILING, lower)
}

/// Whether the word opens a sentence or label rather than a name.
pub(crate) fn is_stop_lead(lower: &str) -> bool {
    has(STOP_LEAD, lower)
}

/// Whether the word is a personal title.
pub(crate) fn is_title(lower: &str) -> bool {
    has(TITLES, lower)
}

/// Whether the word joins the parts of a name: "and", "&", "of", "for".
pub(crate) fn is_connector(lower: &str) -> bool {
    matches!(lower, "and" | "&" | "of" | "for")
}

/// Bits of [`Classes`]: which closed lists a lower-case word is on.
pub(crate) mod class {
    /// [`super::is_lower_head`].
    pub const LOWER_HEAD: u16 = 1;
    /// [`super::is_generic_mod`].
    pub const GENERIC_MOD: u16 = 1 << 1;
    /// [`super::is_relational`].
    pub const RELATIONAL: u16 = 1 << 2;
    /// [`super::is_role_for`].
    pub const ROLE_FOR: u16 = 1 << 3;
    /// [`super::is_trailing`].
    pub const TRAILING: u16 = 1 << 4;
    /// [`super::is_stop_lead`].
    pub const STOP_LEAD: u16 = 1 << 5;
    /// [`super::is_title`].
    pub const TITLE: u16 = 1 << 6;
    /// [`super::is_connector`].
    pub const CONNECTOR: u16 = 1 << 7;
    /// A role noun of the people finder ("adviser", "chair").
    pub const ROLE_NOUN: u16 = 1 << 8;
    /// A capitalised word that is never part of a person's name ("Agenda").
    pub const NOT_NAME: u16 = 1 << 9;
    /// A post-nominal ("mp", "obe").
    pub const POSTNOMINAL: u16 = 1 << 10;
}

/// What the closed lists say about one lower-case word, looked up once instead of
/// scanning every list each time a finder asks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Classes {
    /// The [`class`] bits.
    bits: u16,
    /// [`head`] of the word.
    head: Option<(&'static str, bool)>,
}

impl Classes {
    /// Whether the word is on the list of this [`class`] bit.
    pub fn is(self, bit: u16) -> bool {
        self.bits & bit != 0
    }

    /// The same as [`head`] of the word.
    pub fn head(self) -> Option<(&'static str, bool)> {
        self.head
    }
}

/// Every word on some list (and every plural a head noun can take), with its classes.
/// Built from the predicates themselves, so a look-up answers exactly as they do; a word
/// not in the table is on no list.
static CLASSES: LazyLock<FastMap<String, Classes>> = LazyLock::new(|| {
    let mut words: Vec<String> = Vec::new();
    for list in [
        HEADS,
        LOWER_HEADS,
        GENERIC_MODS,
        RELATIONAL,
        ROLE_FOR,
        TRAILING,
        STOP_LEAD,
        TITLES,
        &["and", "&", "of", "for"],
        ROLE_NOUNS,
        NOT_NAME,
        POSTNOMINALS,
    ] {
        words.extend(list.iter().map(|w| (*w).to_string()));
    }
    for h in HEADS {
        words.push(format!("{h}s"));
        if let Some(stem) = h.strip_suffix('y') {
            words.push(format!("{stem}ies"));
        }
    }
    let mut map = FastMap::default();
    for w in words {
        let bits = [
            (is_lower_head(&w), class::LOWER_HEAD),
            (is_generic_mod(&w), class::GENERIC_MOD),
            (is_relational(&w), class::RELATIONAL),
            (is_role_for(&w), class::ROLE_FOR),
            (is_trailing(&w), class::TRAILING),
            (is_stop_lead(&w), class::STOP_LEAD),
            (is_title(&w), class::TITLE),
            (is_connector(&w), class::CONNECTOR),
            (ROLE_NOUNS.contains(&w.as_str()), class::ROLE_NOUN),
            (NOT_NAME.contains(&w.as_str()), class::NOT_NAME),
            (is_postnominal_lower(&w), class::POSTNOMINAL),
        ]
        .into_iter()
        .filter(|(on, _)| *on)
        .fold(0, |acc, (_, bit)| acc | bit);
        let c = Classes {
            bits,
            head: head(&w),
        };
        if c != Classes::default() {
            map.insert(w, c);
        }
    }
    map
});

/// The lengths (bit `n` for `n` bytes, up to 31) of the listed words, by first byte: most
/// words of a line are settled by one bit test, without hashing.
static LENGTHS: LazyLock<[u32; 256]> = LazyLock::new(|| {
    let mut table = [0u32; 256];
    for w in CLASSES.keys() {
        let first = w.as_bytes()[0];
        table[usize::from(first)] |= 1 << w.len().min(31);
    }
    table
});

/// The classes of a lower-case word (see [`Classes`]).
pub(crate) fn classes(lower: &str) -> Classes {
    let Some(&first) = lower.as_bytes().first() else {
        return Classes::default();
    };
    if LENGTHS[usize::from(first)] & (1 << lower.len().min(31)) == 0 {
        return Classes::default();
    }
    CLASSES.get(lower).copied().unwrap_or_default()
}
