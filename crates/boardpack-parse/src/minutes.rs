//! Minutes, agendas and decision notices: agenda items with their presenters, decisions
//! and actions; the paper's decisions and actions overall.
//!
//! Under a "Decision:" label every entry is a decision (except "None"), but where the block
//! holds a resolution ("RESOLVED that ...") only the resolution counts, not the narrative
//! around it. Under "Minutes:" only RESOLVED / AGREED wording is a decision. Plain minutes
//! with no labels decide in the passive ("The minutes were agreed as a correct record").

use std::sync::LazyLock;

use boardpack_model::{Action, Item, Kind, Paper, Presenter};
use boardpack_read::Marker;
use regex::Regex;

use crate::entries::{Entry, entries, substantive};
use crate::labels::LabelKind;
use crate::lines::Line;
use crate::sections::{Layout, Role, Section};
use crate::text::squash;

static RESOLUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?-u:\b)RESOLVED(?-u:\b)|(?-u:\b)AGREED(?-u:\b)|(?-u:\b)RECOMMENDED(?-u:\b)|^(?:Resolved|Agreed)(?-u:\b)|(?i:(?-u:\b)it\s+was\s+(?:resolved|agreed)(?-u:\b)))")
        .expect("valid regex")
});

static PASSIVE_DECISION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:was|were)\s+(?:unanimously\s+)?(?:agreed|accepted|approved|adopted|endorsed|ratified|confirmed)(?-u:\b)|(?-u:\b)(?:committee|board|members|cabinet|council|panel|executive|sub-committee)\s+(?:unanimously\s+)?(?:agreed|resolved|approved|decided)(?-u:\b)")
        .expect("valid regex")
});

static ASK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:is|are)\s+(?:asked|invited|requested|recommended)\s+to(?-u:\b)|^it\s+is\s+recommended(?-u:\b)|(?-u:\b)recommended\s+to(?-u:\b)")
        .expect("valid regex")
});

static OWNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:[A-Z][\w’'&.-]*)(?:\s+(?:[A-Z][\w’'&.-]*|of|and|the|for|&|officers?|team|members?|staff|services?|leads?|directors?|managers?|chairs?|clerk|colleagues))*?)\s+to\s+[a-z]")
        .expect("valid regex")
});

static ACTION_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\(?(?-u:\b)action(?:\s+by)?\s*[:–-]\s*([^)]{2,60})\)?\.?\s*$")
        .expect("valid regex")
});

static PRESENTER: LazyLock<Regex> = LazyLock::new(|| {
    let name = r"(?:(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady|Baroness|Professor|Prof)\.?\s+(?:[A-Z][A-Za-z'’-]+\s+){0,2}[A-Z][A-Za-z'’-]+|[A-Z][A-Za-z'’-]+(?:\s+(?:[A-Z]\.?|[A-Z][A-Za-z'’-]+)){0,2}\s+[A-Z][A-Za-z'’-]+)";
    let verb = r"(?:introduced|presented|gave|outlined|provided|delivered|reported|explained|summarised|updated)";
    Regex::new(&format!(
        r"(?:^|[.;]\s+|(?-u:\b)the\s+|(?-u:\b)The\s+)(?:(?P<name1>{name}),\s+(?P<pos1>[A-Z][^,]{{2,90}}?),\s+{verb}|(?P<name2>{name})\s+\((?P<pos2>[^)]{{2,90}})\),?\s+{verb}|(?P<pos3>[A-Z][\w’'&-]*(?:\s+[\w’'&-]+){{0,8}}),\s+(?P<name3>{name}),\s+{verb}|^(?P<name4>{name})\s+{verb}\s+(?:the|a|an|his|her|their)\s+(?:[a-z]+\s+){{0,3}}(?:report|item|paper|presentation|update))"
    ))
    .expect("valid regex")
});

/// The verbs of [`PRESENTER`], to skip lines that cannot match it cheaply.
const PRESENTING_VERBS: &[&str] = &[
    "introduced",
    "presented",
    "gave",
    "outlined",
    "provided",
    "delivered",
    "reported",
    "explained",
    "summarised",
    "updated",
];

/// Whether a sentence asks the reader to act ("Members are asked to note ...").
pub(crate) fn is_ask(text: &str) -> bool {
    ASK.is_match(text)
}

/// An action with its owner: "LGA officers to capture ..." is owned by "LGA officers".
pub(crate) fn action(text: &str) -> Action {
    let text = squash(text);
    let owner = OWNER
        .captures(&text)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_string())
        .filter(|o| o.split_whitespace().count() <= 7 && !is_not_owner(o))
        .or_else(|| {
            ACTION_TAG
                .captures(&text)
                .and_then(|c| c.get(1))
                .map(|m| m.as_str().trim().to_string())
        });
    Action { text, owner }
}

fn is_not_owner(o: &str) -> bool {
    matches!(
        o.to_lowercase().as_str(),
        "it" | "this" | "that" | "there" | "we" | "the" | "members were asked"
    )
}

/// Fills items, decisions, actions and (for agendas) recommendations.
pub(crate) fn fill(lines: &[Line], layout: &Layout, paper: &mut Paper) {
    if layout.items.is_empty() {
        let (decisions, actions) = block_facts(lines, layout, 0, lines.len(), false);
        paper.decisions.extend(decisions);
        paper.actions.extend(actions);
        return;
    }
    for (k, start) in layout.items.iter().enumerate() {
        let end = layout.items.get(k + 1).map_or(lines.len(), |n| n.at);
        let labelled_minutes = (start.at..end).any(|i| matches!(layout.role[i], Role::In(s) if layout.sections[s].kind == LabelKind::Minutes));
        let (mut decisions, actions) = block_facts(lines, layout, start.at + 1, end, true);
        if decisions.is_empty() && layout.kind != Kind::Agenda {
            decisions = prose_decisions(lines, layout, start.at + 1, end, !labelled_minutes);
        }
        let presenters = presenters(lines, layout, start.at + 1, end);
        if layout.kind == Kind::Agenda {
            paper
                .recommendations
                .extend(asks(lines, layout, start.at + 1, end));
        }
        paper.decisions.extend(decisions.iter().cloned());
        paper.actions.extend(actions.iter().cloned());
        paper.items.push(Item {
            number: start.number.clone(),
            title: start.title.clone(),
            presenters,
            decisions,
            actions,
        });
    }
    // Facts outside any item (a report's cover before attached minutes).
    let first = layout.items[0].at;
    let (decisions, actions) = block_facts(lines, layout, 0, first, false);
    paper.decisions.splice(0..0, decisions);
    paper.actions.splice(0..0, actions);
}

/// Decisions and actions from the labelled sections that start in `from..to`.
fn block_facts(
    lines: &[Line],
    layout: &Layout,
    from: usize,
    to: usize,
    in_item: bool,
) -> (Vec<String>, Vec<Action>) {
    let mut decisions = Vec::new();
    let mut actions = Vec::new();
    for sec in layout
        .sections
        .iter()
        .filter(|s| (from..to).contains(&s.at))
    {
        match sec.kind {
            LabelKind::Decision => decisions.extend(decision_entries(lines, sec)),
            LabelKind::Actions if in_item || layout.meeting => {
                actions.extend(crate::section_entries(lines, sec).iter().map(|t| action(t)));
            }
            LabelKind::Minutes if layout.kind == Kind::Agenda => {}
            _ => {}
        }
    }
    // Resolutions in free text ("The Executive RESOLVED to:" on a decisions page).
    if decisions.is_empty() && !in_item && matches!(layout.kind, Kind::Decision | Kind::Minutes) {
        decisions = prose_decisions(lines, layout, from, to, false);
    }
    (decisions, actions)
}

/// The decisions of a "Decision:" block.
fn decision_entries(lines: &[Line], sec: &Section) -> Vec<String> {
    let es = sec.entries(lines);
    if es.iter().any(|e| RESOLUTION.is_match(&e.text)) {
        return resolutions(&es);
    }
    // Narrative block: stop at a heading such as "Reasons for Decision".
    let cut = es
        .iter()
        .position(|e| {
            crate::text::title_like(&e.text, 8)
                && matches!(&e.marker, None | Some(Marker::Number { .. }))
                && e.text.to_lowercase().starts_with("reason")
        })
        .unwrap_or(es.len());
    substantive(es.into_iter().take(cut).collect())
}

/// Resolutions among entries: a resolution's own text, or the list it introduces.
fn resolutions(es: &[Entry]) -> Vec<String> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < es.len() {
        let e = &es[k];
        if RESOLUTION.is_match(&e.text) {
            if e.is_intro() {
                let mut j = k + 1;
                while j < es.len() && is_list_marker(es[j].marker.as_ref()) {
                    out.push(es[j].text.clone());
                    j += 1;
                }
                if j == k + 1 {
                    out.push(e.text.clone());
                }
                k = j;
                continue;
            }
            out.push(e.text.clone());
        }
        k += 1;
    }
    out
}

fn is_list_marker(m: Option<&Marker>) -> bool {
    match m {
        Some(Marker::Number { number, .. }) => !number.contains('.'),
        Some(_) => true,
        None => false,
    }
}

/// Decisions worded in running minutes: RESOLVED / AGREED, and in plain minutes the
/// passive ("were agreed as a correct record").
fn prose_decisions(
    lines: &[Line],
    layout: &Layout,
    from: usize,
    to: usize,
    plain: bool,
) -> Vec<String> {
    let mut units: Vec<Line> = Vec::new();
    for i in from..to.min(lines.len()) {
        let readable = match layout.role[i] {
            Role::Free => true,
            Role::In(s) => matches!(
                layout.sections[s].kind,
                LabelKind::Minutes | LabelKind::Decision
            ),
            _ => false,
        };
        if readable {
            units.push(lines[i].clone());
        }
    }
    let es = entries(&units);
    let mut out = resolutions(&es);
    if out.is_empty() && plain {
        out = es
            .iter()
            .filter(|e| PASSIVE_DECISION.is_match(&e.text))
            .map(|e| e.text.clone())
            .collect();
    }
    out
}

/// Named people who introduced the item.
fn presenters(lines: &[Line], layout: &Layout, from: usize, to: usize) -> Vec<Presenter> {
    let mut out: Vec<Presenter> = Vec::new();
    for i in from..to.min(lines.len()) {
        if !matches!(layout.role[i], Role::Free | Role::In(_)) {
            continue;
        }
        let text = &lines[i].text;
        if !PRESENTING_VERBS.iter().any(|v| text.contains(v)) {
            continue;
        }
        for c in PRESENTER.captures_iter(text) {
            let name = ["name1", "name2", "name3", "name4"]
                .iter()
                .find_map(|g| c.name(g));
            let pos = ["pos1", "pos2", "pos3"].iter().find_map(|g| c.name(g));
            let Some(name) = name else { continue };
            let mut name = name.as_str().trim().to_string();
            let mut pos = pos.map(|p| p.as_str().trim().to_string());
            // "The Licensing Manager, Pat Jones, presented": the first pattern reads the
            // post as the name; the person is the part after it.
            if let Some(post) = name.strip_prefix("The ").map(str::to_string)
                && pos.as_deref().is_some_and(crate::text::looks_like_name)
            {
                name = pos.take().unwrap_or_default();
                pos = Some(post);
            }
            if out.iter().any(|p| p.name == name) || is_not_person(&name) {
                continue;
            }
            out.push(Presenter {
                name,
                position: pos.map(|p| {
                    let p = p.as_str();
                    p.strip_prefix("the ")
                        .or_else(|| p.strip_prefix("The "))
                        .unwrap_or(p)
                        .to_string()
                }),
            });
        }
    }
    out
}

fn is_not_person(name: &str) -> bool {
    let first = name.split_whitespace().next().unwrap_or("");
    matches!(
        first,
        "The"
            | "This"
            | "Members"
            | "Officers"
            | "Chair"
            | "Chairman"
            | "Leader"
            | "Mayor"
            | "Director"
            | "Head"
    )
}

/// What an agenda item asks of the meeting ("The Committee is requested to comment ...").
fn asks(lines: &[Line], layout: &Layout, from: usize, to: usize) -> Vec<String> {
    let mut out = Vec::new();
    for sec in layout
        .sections
        .iter()
        .filter(|s| (from..to).contains(&s.at))
    {
        if sec.kind == LabelKind::Recommendations {
            continue; // already read as recommendations
        }
        if sec.kind == LabelKind::Decision {
            out.extend(crate::section_entries(lines, sec));
        }
    }
    for i in from..to.min(lines.len()) {
        if layout.role[i] == Role::Free
            && lines[i].marker.is_none()
            && is_ask(&lines[i].text)
            && !lines[i].text.trim_end().ends_with(':')
        {
            out.push(squash(&lines[i].text));
        }
    }
    out
}
