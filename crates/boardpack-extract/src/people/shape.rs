//! The people finders for one line: titled names and lists of them, names with
//! post-nominals, "Name, Role" and "Role, Name" pairs, attendance rows of place and name,
//! and the name-line / role-line pairs of cabinet lists.
//!
//! Every loop moves forward through the line or looks a bounded number of words around a
//! position, so the work is linear in the line's length.

use crate::orgs::gazetteer::GAZETTEER;
use crate::orgs::lexicon::Classes;
use crate::orgs::lexicon::class::{
    NOT_NAME as NOT_NAME_WORD, POSTNOMINAL, ROLE_NOUN, STOP_LEAD, TITLE,
};
use crate::orgs::words::{Sep, Tokens, Word, is_initials};

/// A person found on a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hit {
    /// The name as written, with its title and post-nominals.
    pub name: String,
    /// The role the line gives, if any.
    pub role: Option<String>,
    /// Byte span of the name.
    pub start: usize,
    /// Byte span end.
    pub end: usize,
}

/// Letters after a name, lower case ("mp", "obe").
pub(crate) const POSTNOMINALS: &[&str] = &[
    "mp", "mbe", "obe", "cbe", "bem", "jp", "qc", "kc", "mep", "msp", "ms", "am", "frs", "dl",
];

/// Whether a lower-case word is a post-nominal ("mp", "obe").
pub(crate) fn is_postnominal_lower(l: &str) -> bool {
    POSTNOMINALS.contains(&l)
}

/// Nouns that make a phrase a role.
pub(crate) const ROLE_NOUNS: &[&str] = &[
    "adviser",
    "advisor",
    "officer",
    "director",
    "manager",
    "head",
    "leader",
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
    "chief",
    "minister",
    "mayor",
    "secretary",
    "member",
    "assistant",
    "commissioner",
    "executive",
    "lead",
    "coordinator",
    "co-ordinator",
    "consultant",
    "analyst",
    "clerk",
    "solicitor",
    "treasurer",
    "controller",
    "engineer",
    "planner",
    "governor",
    "deputy",
    "president",
    "chancellor",
    "spokesperson",
    "champion",
    "holder",
    "representative",
    "substitute",
    "researcher",
    "editor",
    "author",
    "employee",
    "principal",
    "partner",
    "ceo",
];

/// Capitalised words that are never part of a person's name.
pub(crate) const NOT_NAME: &[&str] = &[
    "government",
    "members",
    "member",
    "apologies",
    "item",
    "agenda",
    "decision",
    "page",
    "email",
    "e-mail",
    "tel",
    "telephone",
    "phone",
    "mobile",
    "website",
    "london",
    "england",
    "northern",
    "greater",
    "united",
    "kingdom",
    "british",
    "national",
    "city",
    "borough",
    "royal",
    "street",
    "road",
    "square",
    "hall",
    "house",
    "centre",
    "chamber",
    "room",
    "pdf",
    "kb",
    "additional",
    "documents",
    "declarations",
    "interest",
    "interests",
    "urgent",
    "business",
    "public",
    "questions",
    "petitions",
    "announcements",
    "policy",
    "strategy",
    "plan",
    "programme",
    "budget",
    "fund",
    "act",
    "paper",
    "statement",
    "review",
    "implications",
    "financial",
    "legal",
    "equalities",
    "next",
    "steps",
    "update",
    "recommendations",
    "purpose",
    "background",
    "position",
    "contact",
    "officer",
    "details",
    "support",
    "work",
    "health",
    "care",
    "housing",
    "transport",
    "education",
    "skills",
    "employment",
    "local",
    "universal",
    "devolution",
    "economic",
    "green",
    "white",
    "jobs",
];

/// Whether a word may be part of a person's name (`caps`: the line is in capitals), given
/// its [`Classes`].
fn name_word(w: &Word<'_>, c: Classes, all_caps: bool, caps: bool) -> bool {
    if is_initial(w) {
        return true;
    }
    // Every name word starts with a capital; most words of a line do not.
    if !w.is_cap() {
        return false;
    }
    if c.is(TITLE)
        || c.is(STOP_LEAD)
        || c.head().is_some()
        || c.is(NOT_NAME_WORD)
        || c.is(ROLE_NOUN)
        || c.is(POSTNOMINAL) && all_caps
    {
        return false;
    }
    let has_lower = w.text.chars().any(char::is_lowercase);
    let alpha = w
        .text
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'));
    alpha && (has_lower || caps && w.text.len() > 1)
}

fn is_initial(w: &Word<'_>) -> bool {
    is_initials(w.text) || (w.is_cap() && w.text.chars().count() == 1)
}

/// What the name finder asks of one word, worked out once per line.
#[derive(Debug, Clone, Copy, Default)]
struct Shape {
    /// It may be part of a name.
    name: bool,
    /// It is a surname: a name word that is not an initial.
    surname: bool,
    /// It is an initial ("J", "C.H.").
    initial: bool,
}

struct Line<'t, 'a> {
    text: &'a str,
    t: &'t Tokens<'a>,
    ws: &'t [Word<'a>],
    shapes: Vec<Shape>,
}

impl<'t, 'a> Line<'t, 'a> {
    /// A line of `t`, read as written in capitals or not.
    fn new(t: &'t Tokens<'a>, caps: bool) -> Line<'t, 'a> {
        let shapes =
            t.ws.iter()
                .enumerate()
                .map(|(i, w)| {
                    let name = name_word(w, t.class(i), t.is_all_caps(i), caps);
                    let initial = is_initial(w);
                    Shape {
                        name,
                        surname: name && !initial && w.text.chars().count() > 1,
                        initial,
                    }
                })
                .collect();
        Line {
            text: t.text,
            t,
            ws: &t.ws,
            shapes,
        }
    }

    fn span(&self, s: usize, e: usize) -> &'a str {
        &self.text[self.ws[s].start..self.ws[e].end]
    }

    /// Word `i` in lower case.
    fn lower(&self, i: usize) -> &'t str {
        self.t.lower(i)
    }

    fn is_role_noun(&self, i: usize) -> bool {
        self.t.class(i).is(ROLE_NOUN)
    }

    /// A name starting at word `i`: up to four name words ending in a surname, then any
    /// post-nominals. Returns the last word's index. `single`: one surname is enough.
    fn name_at(&self, i: usize, single: bool) -> Option<usize> {
        self.name_until(i, single, self.ws.len())
    }

    /// [`Line::name_at`], with the name ending before word `n`.
    fn name_until(&self, i: usize, single: bool, n: usize) -> Option<usize> {
        let mut last_surname = None;
        let mut k = i;
        while k < n && k < i + 4 {
            let w = &self.ws[k];
            if k > i && w.sep != Sep::Space {
                break;
            }
            let shape = self.shapes[k];
            if !shape.name {
                break;
            }
            if shape.surname {
                last_surname = Some(k);
            }
            if w.stop_after && !shape.initial || w.poss {
                break;
            }
            k += 1;
        }
        let e = last_surname?;
        if e == i && !single {
            return None;
        }
        let mut e = e;
        while e + 1 < n
            && self.ws[e + 1].sep == Sep::Space
            && self.t.is_all_caps(e + 1)
            && self.t.class(e + 1).is(POSTNOMINAL)
        {
            e += 1;
        }
        Some(e)
    }

    /// The words of a bracket opening at word `i`, if it closes within eight words.
    fn bracket(&self, i: usize) -> Option<(usize, usize)> {
        if self.ws.get(i)?.sep != Sep::Open {
            return None;
        }
        (i..(i + 8).min(self.ws.len()))
            .find(|&k| self.ws[k].stop_after)
            .map(|k| (i, k))
    }

    /// A role in brackets after a name ("(Chairman)", "(substitute)"), not a place label.
    fn bracket_role(&self, s: usize, e: usize) -> Option<String> {
        let text = self.span(s, e);
        let key = crate::orgs::gazetteer::key(text);
        if GAZETTEER.is_place(&key) {
            return None;
        }
        (s..=e)
            .any(|k| self.is_role_noun(k))
            .then(|| text.to_string())
    }

    /// ", Senior Adviser," / ", the Minister for Disabled People, Health and Work".
    fn role_after(&self, e: usize) -> Option<String> {
        let n = self.ws.len();
        let first = e + 1;
        if first >= n || self.ws[first].sep != Sep::Comma {
            return None;
        }
        let mut k = first;
        let mut last = None;
        let mut has_for = false;
        while k < n && k < first + 14 {
            let w = &self.ws[k];
            let l = self.lower(k);
            if k > first {
                match w.sep {
                    Sep::Space => {}
                    Sep::Comma if has_for && w.is_cap() => {}
                    _ => break,
                }
            }
            let joins = matches!(l, "and" | "&" | "of" | "for" | "the");
            if !(w.is_cap() || joins) || self.t.class(k).is(TITLE) {
                break;
            }
            if matches!(l, "email" | "e-mail" | "tel" | "telephone" | "phone") {
                break;
            }
            has_for |= l == "for";
            if !joins {
                last = Some(k);
            }
            if w.stop_after {
                break;
            }
            k += 1;
        }
        let last = last?;
        let role_words = first..=last;
        if !role_words.clone().any(|k| self.is_role_noun(k)) {
            return None;
        }
        Some(self.span(first, last).to_string())
    }

    /// "the LGA Chairman, Sir Merrick Cockell": the role before a titled name.
    fn role_before(&self, i: usize) -> Option<String> {
        if i == 0 || !matches!(self.ws[i].sep, Sep::Comma | Sep::Space) {
            return None;
        }
        let e = i - 1;
        if !self.is_role_noun(e) {
            return None;
        }
        let mut s = e;
        while s > 0 && e - s < 6 && self.ws[s].sep == Sep::Space {
            let p = &self.ws[s - 1];
            if p.text == "the" {
                s -= 1;
                break;
            }
            if !p.is_cap() {
                break;
            }
            s -= 1;
        }
        Some(self.span(s, e).to_string())
    }

    fn hit(&self, s: usize, e: usize, role: Option<String>) -> Hit {
        Hit {
            name: self.span(s, e).to_string(),
            role,
            start: self.ws[s].start,
            end: self.ws[e].end,
        }
    }

    /// The role after a name ending at `e`: a bracket that is not a place, "as ...", or
    /// ", Role". Returns the role and the last word used.
    fn role_of(&self, e: usize) -> (Option<String>, usize) {
        let mut end = e;
        let mut role = None;
        if let Some((bs, be)) = self.bracket(e + 1) {
            role = self.bracket_role(bs, be);
            end = be;
        }
        if role.is_none() && end + 1 < self.ws.len() && self.lower(end + 1) == "as" {
            let s = end + 2;
            let mut k = s;
            while k < self.ws.len() && k < s + 10 && (k == s || self.ws[k].sep == Sep::Space) {
                let l = self.lower(k);
                if l == "and" || self.ws[k].stop_after {
                    if l != "and" {
                        k += 1;
                    }
                    break;
                }
                k += 1;
            }
            if k > s && (s..k).any(|j| self.is_role_noun(j)) {
                role = Some(self.span(s, k - 1).to_string());
                end = k - 1;
            }
        }
        if role.is_none() {
            role = self.role_after(end);
        }
        (role, end)
    }

    /// Names after a titled name: ", Tom Stannard (Salford) & Caroline Simpson".
    fn list_after(&self, mut end: usize, out: &mut Vec<Hit>) -> usize {
        for _ in 0..64 {
            let mut k = end + 1;
            if k >= self.ws.len() {
                break;
            }
            let l = self.lower(k);
            if l == "and" || l == "&" {
                k += 1;
            } else if self.ws[k].sep != Sep::Comma {
                break;
            }
            if k >= self.ws.len() {
                break;
            }
            if matches!(self.lower(k), "and" | "&") {
                k += 1;
            }
            let Some(e) = (k < self.ws.len())
                .then(|| self.name_at(k, false))
                .flatten()
            else {
                break;
            };
            let (role, last) = self.role_of(e);
            out.push(self.hit(k, e, role));
            end = last;
        }
        end
    }

    fn titled(&self, i: usize, out: &mut Vec<Hit>) -> usize {
        let l = self.lower(i);
        let plural = matches!(l, "cllrs" | "councillors" | "aldermen");
        let mut s = i + 1;
        if s < self.ws.len() && matches!(self.lower(s), "rt" | "hon") {
            s += 1;
        }
        if s < self.ws.len() && self.lower(s) == "hon" {
            s += 1;
        }
        if s >= self.ws.len() || self.ws[s].sep != Sep::Space {
            return i;
        }
        let Some(e) = self.name_at(s, !plural) else {
            return i;
        };
        let (mut role, last) = self.role_of(e);
        if plural {
            out.push(self.hit(s, e, role));
        } else {
            if role.is_none() {
                role = self.role_before(i);
            }
            out.push(self.hit(i, e, role));
        }
        self.list_after(last, out)
    }

    /// "Bexley Don Massey Brent Margaret McLennan ...": names between council places.
    fn attendance_row(&self, out: &mut Vec<Hit>) -> bool {
        let n = self.ws.len();
        let mut places = Vec::new();
        let mut i = 0;
        while i < n {
            match self.ws[i]
                .is_cap()
                .then(|| GAZETTEER.place_at(self.t, i))
                .flatten()
            {
                Some(len) => {
                    places.push((i, i + len - 1));
                    i += len;
                }
                None => i += 1,
            }
        }
        if places.len() < 3 {
            return false;
        }
        let mut found = Vec::new();
        for (p, &(_, pe)) in places.iter().enumerate() {
            let s = pe + 1;
            let limit = places.get(p + 1).map_or(n, |&(ns, _)| ns);
            let (ps, _) = places[p];
            if s >= limit || self.ws[s].sep != Sep::Space || self.ws[ps].sep == Sep::Open {
                continue;
            }
            if let Some(e) = self.name_until(s, false, limit) {
                {
                    let (role, _) = self.role_of(e);
                    found.push(self.hit(s, e, role));
                }
            }
        }
        if found.len() < 3 || found.len() * 3 < places.len() * 2 {
            return false;
        }
        out.extend(found);
        true
    }
}

/// Finds the people a line, already split into [`Tokens`], names.
pub(crate) fn find_in_line(t: &Tokens<'_>) -> Vec<Hit> {
    let line = Line::new(t, t.caps);
    let mut out = Vec::new();
    if line.attendance_row(&mut out) {
        return out;
    }
    let n = line.ws.len();
    let mut i = 0;
    while i < n {
        let w = &line.ws[i];
        if w.is_cap() && t.class(i).is(TITLE) && !w.stop_after {
            let next = line.titled(i, &mut out);
            i = next.max(i) + 1;
            continue;
        }
        // A bare name with post-nominals or followed by ", Role".
        let starts = i == 0 || w.sep != Sep::Space || !line.ws[i - 1].is_cap();
        if starts
            && w.is_cap()
            && let Some(e) = line.name_at(i, false)
        {
            {
                let postnominal = e > i && t.class(e).is(POSTNOMINAL);
                let (role, last) = line.role_of(e);
                if postnominal || role.is_some() {
                    out.push(line.hit(i, e, role));
                    i = line.list_after(last, &mut out) + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// Whether a whole line is a person's name ("Keith R Mitchell", "Mrs J. Heathcoat").
pub(crate) fn is_name_line(t: &Tokens<'_>) -> bool {
    let n = t.ws.len();
    if !(2..=5).contains(&n) || t.text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let line = Line::new(t, false);
    let s = usize::from(t.class(0).is(TITLE));
    line.name_at(s, s == 1) == Some(n - 1)
}

/// A role line under a name line: "Cabinet Member for Finance", "Leader of the Council".
pub(crate) fn role_line(t: &Tokens<'_>) -> Option<String> {
    let (text, ws) = (t.text, &t.ws);
    if ws.is_empty() || ws.len() > 16 || !ws[0].is_cap() {
        return None;
    }
    if !(0..ws.len().min(4)).any(|k| t.class(k).is(ROLE_NOUN)) {
        return None;
    }
    // Drop a trailing date: "June 2007".
    let mut e = ws.len() - 1;
    while e > 0
        && (ws[e].text.chars().all(|c| c.is_ascii_digit())
            || t.class(e).is(STOP_LEAD) && ws[e].sep == Sep::Space && e > 2)
    {
        e -= 1;
    }
    let mut end = ws[e].end;
    if text[end..].starts_with(')') {
        end += 1;
    }
    Some(text[ws[0].start..end].trim().to_string())
}
