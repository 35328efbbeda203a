//! The track stage's inputs and outputs. Inputs are what the store holds of each paper;
//! outputs are what the `programme`, `actions`, `thread` and `threads` commands, the web
//! pages and the JSON API show.

use serde::{Deserialize, Serialize};

/// How a paper's date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// The paper states its date.
    Stated,
    /// The date is a window inferred from the dates the paper mentions; `date` is a
    /// point within it.
    Inferred,
    /// Nothing is known.
    Unknown,
}

/// A paper as the track stage sees it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PaperRef {
    /// The store's id.
    pub id: i64,
    /// The source file's path.
    pub path: String,
    /// 0 for a paper on its own, else its position in an agenda pack.
    pub part: u32,
    /// The body (board, committee) it belongs to.
    pub body: Option<String>,
    /// report, minutes, decision, agenda, other.
    pub kind: String,
    /// Its title.
    pub title: Option<String>,
    /// ISO date used for ordering: the stated date, else a point in the inferred window.
    pub date: Option<String>,
    /// How the date is known.
    pub date_basis: DateBasis,
}

/// One passage of a paper's text (as stored and indexed).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PassageRef {
    /// Position in the paper.
    pub ord: u32,
    /// Paragraph number where it has one.
    pub number: Option<String>,
    /// The heading it sits under (for minutes, the agenda item).
    pub heading: Option<String>,
    /// summary, recommendation, paragraph, text, decision, action.
    pub field: String,
    /// Its text.
    pub text: String,
}

/// What kind of thing is followed through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// An action recorded in minutes or on a report's cover.
    Action,
    /// A decision or resolution.
    Decision,
    /// An activity of a work programme.
    Activity,
}

impl ItemKind {
    /// The lower-case name used in keys and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Action => "action",
            ItemKind::Decision => "decision",
            ItemKind::Activity => "activity",
        }
    }
}

/// An action, decision or activity to follow through, as found in one paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// The paper it comes from (store id).
    pub paper: i64,
    /// Action, decision or activity.
    pub kind: ItemKind,
    /// Position within its kind's list in the record.
    pub ord: u32,
    /// Its text.
    pub text: String,
    /// Who is to do it, where stated.
    pub owner: Option<String>,
    /// The agenda item it was made under (its number), where any.
    pub item: Option<String>,
    /// What it sits under: the agenda item's title, else the paper's title. Matching
    /// uses it as context.
    pub context: Option<String>,
    /// The timescale as printed.
    pub timescale: Option<String>,
    /// The timescale's first day (ISO).
    pub start: Option<String>,
    /// The timescale's last day (ISO): the item is due by then.
    pub end: Option<String>,
}

/// Whether a user has confirmed or rejected a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// A user said the link is right.
    Confirmed,
    /// A user said the link is wrong: it is never proposed again.
    Rejected,
}

/// A later paragraph that reports on an item, with why it was linked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// The later paper (store id).
    pub paper: i64,
    /// The passage's position in that paper.
    pub ord: u32,
    /// Its paragraph number, where it has one.
    pub paragraph: Option<String>,
    /// How strongly it matches (0..1).
    pub score: f32,
    /// Why it was linked: shared names, overlapping phrases, a report-back cue.
    pub why: Vec<String>,
    /// A user's verdict, if any.
    pub verdict: Option<Verdict>,
}

/// The status of an item as of a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// A later paper reports on it.
    Reported,
    /// Its timescale is still running.
    Due,
    /// Its timescale has passed and no later paper reports on it.
    Overdue,
    /// It has no timescale and no later paper reports on it.
    NoTimescale,
}

impl Status {
    /// The lower-case name used in JSON and filters.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Reported => "reported",
            Status::Due => "due",
            Status::Overdue => "overdue",
            Status::NoTimescale => "no_timescale",
        }
    }

    /// Parses a status name as `as_str` writes it (also "no-timescale").
    pub fn parse(s: &str) -> Option<Status> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "reported" => Some(Status::Reported),
            "due" => Some(Status::Due),
            "overdue" => Some(Status::Overdue),
            "no_timescale" | "none" => Some(Status::NoTimescale),
            _ => None,
        }
    }

    /// Whether the item is still open (not reported).
    pub fn is_open(self) -> bool {
        self != Status::Reported
    }
}

/// What kind of mention of a subject a passage is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// Put forward: a recommendation, a proposal, planned work.
    Proposed,
    /// Decided: a decision or resolution.
    Decided,
    /// Money attached: the passage names a sum.
    Funded,
    /// An action recorded on it.
    Actioned,
    /// Reported on: progress, outcomes, updates.
    Reported,
}

impl MentionKind {
    /// The lower-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Proposed => "proposed",
            MentionKind::Decided => "decided",
            MentionKind::Funded => "funded",
            MentionKind::Actioned => "actioned",
            MentionKind::Reported => "reported",
        }
    }
}

/// One mention of a subject in one passage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// The subject's key (its normalised name).
    pub key: String,
    /// The name as printed.
    pub name: String,
    /// The passage's position in its paper.
    pub ord: u32,
    /// What kind of mention.
    pub kind: MentionKind,
    /// The sum named, where the mention is `Funded`.
    pub amount: Option<String>,
}

/// A subject as found in one paper: its mentions and any abbreviation it defines.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PaperSubjects {
    /// Mentions, in passage order.
    pub mentions: Vec<Mention>,
    /// Abbreviations the paper defines: (abbreviation key, long-form key).
    pub aliases: Vec<(String, String)>,
}

/// An item with its status and the paragraph that reported on it, as the actions
/// register and the programme show it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FollowUp {
    /// A stable id (survives re-ingest of the same text at the same path).
    pub id: String,
    /// The item.
    #[serde(flatten)]
    pub item: Item,
    /// The paper it comes from.
    pub source: PaperRef,
    /// Its citation: "Title, action 2 (body, date)".
    pub citation: String,
    /// Its status as of the day asked about.
    pub status: Status,
    /// Whether a user set the status by hand.
    pub status_set_by_user: bool,
    /// The later paragraph that reports on it, if any.
    pub link: Option<LinkView>,
}

/// A link with the later paper and paragraph it points at.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LinkView {
    /// The link itself (score, why, verdict).
    #[serde(flatten)]
    pub link: Link,
    /// The later paper.
    pub target: PaperRef,
    /// The later passage's text.
    pub text: String,
    /// Its citation: "Title §2 (body, date)".
    pub citation: String,
}

/// A subject that recurs across papers.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ThreadSummary {
    /// Its key (normalised name), used in URLs and `boardpack thread`.
    pub key: String,
    /// Its name as most often printed.
    pub name: String,
    /// Other names merged into it (abbreviations, shorter forms).
    pub aliases: Vec<String>,
    /// How many papers mention it.
    pub papers: usize,
    /// How many passages mention it.
    pub mentions: usize,
    /// The first and last paper dates (ISO).
    pub first: Option<String>,
    /// See `first`.
    pub last: Option<String>,
}

/// One dated step of a subject's history: a passage of one paper.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ThreadEntry {
    /// The paper.
    pub paper: PaperRef,
    /// The passage's position in it.
    pub ord: u32,
    /// Its paragraph number, where any.
    pub paragraph: Option<String>,
    /// The passage's text.
    pub text: String,
    /// What kind of mention.
    pub kind: MentionKind,
    /// The sum, for funding mentions.
    pub amount: Option<String>,
    /// "Title §2 (body, date)".
    pub citation: String,
}

/// A subject's whole history, paper by paper, oldest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ThreadDetail {
    /// The subject.
    #[serde(flatten)]
    pub summary: ThreadSummary,
    /// Its mentions in date order.
    pub timeline: Vec<ThreadEntry>,
}
