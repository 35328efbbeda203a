//! The organisation finders for one line: gazetteer look-ups, capitalised phrases that end
//! in a head noun, coordinations, single-word bodies ("Cabinet") and label values.
//!
//! [`analyse_tokens`] returns what one line names; merging across lines is the caller's job.
//! Every loop moves forward through the line or looks a bounded number of words around a
//! position, so the work is linear in the line's length.

use std::sync::LazyLock;

use regex::Regex;

use super::gazetteer::{self, GAZETTEER};
use super::lexicon::class::{
    CONNECTOR, GENERIC_MOD, LOWER_HEAD, RELATIONAL, ROLE_FOR, STOP_LEAD, TITLE, TRAILING,
};
use super::lexicon::is_coord_head;
use super::words::{Sep, Tokens, Word};

/// The longest name, in words, that the shape finder accepts.
const MAX_NAME_WORDS: usize = 12;

/// Something a line names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    /// One body's name.
    Name {
        /// The name as written.
        name: String,
        /// The gazetteer entry, where the name is one.
        body: Option<usize>,
        /// Byte span in the line.
        start: usize,
        /// Byte span end.
        end: usize,
        /// The name without a leading parent body ("Grants Committee" of "London Councils
        /// Grants Committee").
        rest: Option<String>,
        /// An abbreviation defined in brackets right after the name.
        abbr: Option<String>,
    },
    /// A coordination of names sharing one head ("People and Places, City Regions and
    /// Community Wellbeing Boards"), to be split once the paper's known names are in.
    Coord {
        /// Comma-separated groups, each a list of the "and"-separated parts.
        groups: Vec<Vec<String>>,
        /// The head noun, singular, as written.
        head: String,
        /// Whether the head was plural (then the split always happens).
        plural: bool,
        /// The whole phrase as written.
        whole: String,
        /// Byte span in the line.
        start: usize,
        /// Byte span end.
        end: usize,
    },
}

/// What one line names, and its all-capitals words (candidate abbreviations).
#[derive(Debug, Default)]
pub(crate) struct LineFinds {
    /// Names and coordinations, in order.
    pub found: Vec<Found>,
    /// Byte spans of all-capitals words not inside a name.
    pub caps_words: Vec<(usize, usize)>,
}

#[derive(Debug)]
struct Item {
    s: usize,
    e: usize,
    prio: u8,
    found: Found,
}

struct Line<'t, 'a> {
    text: &'a str,
    t: &'t Tokens<'a>,
    ws: &'t [Word<'a>],
    caps: bool,
    items: Vec<Item>,
}

/// Finds the bodies one line, split into [`Tokens`], names.
pub(crate) fn analyse_tokens(t: &Tokens<'_>) -> LineFinds {
    let mut line = Line {
        text: t.text,
        t,
        ws: &t.ws,
        caps: t.caps,
        items: Vec::new(),
    };
    line.gazetteer_hits();
    line.runs();
    line.specials();
    line.label_value();
    line.agent_names();
    line.dated_list();
    line.resolve()
}

impl<'t, 'a> Line<'t, 'a> {
    fn span(&self, s: usize, e: usize) -> &'a str {
        &self.text[self.ws[s].start..self.ws[e].end]
    }

    /// Word `i` in lower case.
    fn lower(&self, i: usize) -> &'t str {
        self.t.lower(i)
    }

    /// Whether word `i` is on the word list of a [`super::lexicon::class`] bit.
    fn is(&self, i: usize, bit: u16) -> bool {
        self.t.class(i).is(bit)
    }

    /// [`super::lexicon::head`] of word `i`.
    fn head(&self, i: usize) -> Option<(&'static str, bool)> {
        self.t.class(i).head()
    }

    fn name_item(&mut self, s: usize, e: usize, prio: u8, body: Option<usize>) {
        let found = Found::Name {
            name: self.span(s, e).to_string(),
            body,
            start: self.ws[s].start,
            end: self.ws[e].end,
            rest: None,
            abbr: None,
        };
        self.items.push(Item { s, e, prio, found });
    }

    fn gazetteer_hits(&mut self) {
        let mut i = 0;
        while i < self.ws.len() {
            match GAZETTEER.longest_at(self.t, i) {
                Some((b, n)) => {
                    self.name_item(i, i + n - 1, 3, Some(b));
                    i += n;
                }
                None => i += 1,
            }
        }
    }

    /// Whether word `i` may continue a capitalised run.
    fn joins_run(&self, i: usize) -> bool {
        let w = &self.ws[i];
        let l = self.lower(i);
        w.is_cap()
            || self.is(i, CONNECTOR)
            || self.is(i, LOWER_HEAD)
            || (l == "the" && i > 0 && matches!(self.lower(i - 1), "of" | "for"))
    }

    /// Whether a run goes on after word `i` ("Leaders' Committee" goes on after its
    /// possessive; "Mayor's Office" does not).
    fn run_continues_after(&self, i: usize) -> bool {
        let w = &self.ws[i];
        if w.stop_after || i + 1 >= self.ws.len() {
            return false;
        }
        let next = &self.ws[i + 1];
        if next.sep != Sep::Space || !self.joins_run(i + 1) {
            return false;
        }
        if w.poss {
            let nl = self.lower(i + 1);
            return next.is_cap() && self.head(i + 1).is_some() && nl != "office";
        }
        true
    }

    fn runs(&mut self) {
        let n = self.ws.len();
        let mut i = 0;
        while i < n {
            if !self.ws[i].is_cap() {
                i += 1;
                continue;
            }
            let a = i;
            let mut b = i;
            while self.run_continues_after(b) {
                b += 1;
            }
            let mut end = b;
            while end > a && (self.is(end, CONNECTOR) || self.lower(end) == "the") {
                end -= 1;
            }
            self.run(a, end);
            i = b + 1;
        }
    }

    fn head_at(&self, i: usize) -> Option<(&'static str, bool)> {
        let w = &self.ws[i];
        let l = self.lower(i);
        if (l == "home" || l == "homes")
            && w.is_cap()
            && i > 0
            && matches!(self.lower(i - 1), "care" | "nursing")
        {
            return Some(("home", l == "homes"));
        }
        if !w.is_cap() && !self.is(i, LOWER_HEAD) {
            return None;
        }
        self.head(i)
    }

    fn run(&mut self, a: usize, b: usize) {
        let Some(h) = (a..=b).rev().find(|&k| self.head_at(k).is_some()) else {
            return;
        };
        let plural = self.head_at(h).is_some_and(|(_, p)| p);
        let mut end = h;
        if h < b {
            let nl = self.lower(h + 1);
            if matches!(nl, "for" | "of") && !plural {
                end = b;
            } else if matches!(nl, "and" | "&") {
                // "MCA Network and UK100": the rest is another name.
                end = h;
            } else if (h + 1..=b).all(|k| self.is(k, TRAILING)) {
                end = h;
            } else {
                return;
            }
        }
        let mut s = a;
        for k in a + 1..h {
            let l = self.lower(k);
            if l == "of" || l == "for" {
                if l == "for" && self.is(k - 1, ROLE_FOR) {
                    return;
                }
                if self.is(k - 1, RELATIONAL) {
                    s = k + 1;
                }
            }
        }
        while s < h && (self.is(s, STOP_LEAD) || self.is(s, CONNECTOR)) {
            s += 1;
        }
        // "Local Authority and Police and Crime Panel": two names.
        let mut seg = s;
        for k in s + 1..h {
            let l = self.lower(k);
            if (l == "and" || l == "&") && self.head_at(k - 1).is_some() {
                self.segment(seg, k - 1, k - 1);
                seg = k + 1;
            }
        }
        self.segment(seg, h, end);
    }

    /// Whether the phrase starting at `s` is the portfolio of a role: "Cabinet Member for
    /// Finance, Customer Services & Net Zero Council".
    fn in_portfolio(&self, s: usize) -> bool {
        let mut k = s;
        for _ in 0..16 {
            if k == 0 || !matches!(self.ws[k].sep, Sep::Space | Sep::Comma) {
                return false;
            }
            let p = &self.ws[k - 1];
            let pl = self.lower(k - 1);
            if pl == "for" {
                return k >= 2 && self.is(k - 2, ROLE_FOR);
            }
            if p.is_cap() || pl == "and" || pl == "&" {
                k -= 1;
            } else {
                return false;
            }
        }
        false
    }

    /// Whether the phrase ending at `e` sits inside the bracketed part of a legislation or
    /// document title: "(Flexibility of ... Panel Meetings) (England and Wales) Regulations".
    fn in_document_title(&self, e: usize) -> bool {
        let mut crossed = false;
        for k in e + 1..(e + 26).min(self.ws.len()) {
            let gap = &self.text[self.ws[k - 1].end..self.ws[k].start];
            if !gap.chars().all(|c| c == ' ' || c == '(' || c == ')') {
                return false;
            }
            crossed |= gap.contains(['(', ')']);
            let w = &self.ws[k];
            let l = self.lower(k);
            if crossed
                && matches!(
                    l,
                    "regulations" | "act" | "order" | "bill" | "rules" | "scheme" | "measure"
                )
            {
                return true;
            }
            if !(w.is_cap() || self.is(k, CONNECTOR) || w.text.chars().all(|c| c.is_ascii_digit()))
            {
                return false;
            }
        }
        false
    }

    fn segment(&mut self, s: usize, h: usize, end: usize) {
        if s > h || end + 1 - s > MAX_NAME_WORDS {
            return;
        }
        let Some((_, plural)) = self.head_at(h) else {
            return;
        };
        if (s..=end).any(|k| self.is(k, TITLE)) {
            return;
        }
        if self.in_portfolio(s) || self.in_document_title(end) {
            return;
        }
        let mods: Vec<usize> = (s..h).filter(|&k| !self.is(k, CONNECTOR)).collect();
        let complement: Vec<usize> = (h + 1..=end)
            .filter(|&k| !self.is(k, CONNECTOR) && self.lower(k) != "the")
            .collect();
        let has_and = (s..h).any(|k| matches!(self.lower(k), "and" | "&"));
        if plural {
            self.plural_coordination(s, h);
            return;
        }
        if mods.is_empty() && complement.is_empty() {
            return;
        }
        let generic = |k: &usize| self.is(*k, GENERIC_MOD);
        if complement.is_empty() && mods.iter().all(generic) {
            return;
        }
        if mods.is_empty() && complement.iter().all(generic) {
            return;
        }
        if has_and && complement.is_empty() {
            let groups = vec![self.atoms(s, h - 1)];
            let found = Found::Coord {
                groups,
                head: self.ws[h].text.to_string(),
                plural: false,
                whole: self.span(s, end).to_string(),
                start: self.ws[s].start,
                end: self.ws[end].end,
            };
            self.items.push(Item {
                s,
                e: end,
                prio: 2,
                found,
            });
            return;
        }
        self.name_item(s, end, 2, None);
    }

    /// The "and"-separated parts of words `s..=e`.
    fn atoms(&self, s: usize, e: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut start = s;
        for k in s..=e {
            if matches!(self.lower(k), "and" | "&") {
                if k > start {
                    out.push(self.span(start, k - 1).to_string());
                }
                start = k + 1;
            }
        }
        if start <= e {
            out.push(self.span(start, e).to_string());
        }
        out
    }

    /// "People and Places, City Regions and Community Wellbeing Boards": the parts before
    /// a plural head, reaching back over commas.
    fn plural_coordination(&mut self, s: usize, h: usize) {
        let (singular, _) = match self.head_at(h) {
            Some(x) => x,
            None => return,
        };
        if !is_coord_head(singular) || s == h {
            return;
        }
        if let Some((_, n)) = GAZETTEER.longest_at(self.t, s)
            && s + n > h
        {
            return;
        }
        let mut groups = vec![self.atoms(s, h - 1)];
        let mut first = s;
        // Only "A, B and C Boards" reaches back over commas.
        let reach = if groups[0].len() > 1 { 6 } else { 0 };
        for _ in 0..reach {
            if first == 0 || self.ws[first].sep != Sep::Comma {
                break;
            }
            let e2 = first - 1;
            if !self.ws[e2].is_cap() || self.ws[e2].poss {
                break;
            }
            let mut s2 = e2;
            while s2 > 0
                && self.ws[s2].sep == Sep::Space
                && self.joins_run(s2 - 1)
                && !self.ws[s2 - 1].stop_after
                && !self.ws[s2 - 1].poss
                && e2 + 1 - s2 < MAX_NAME_WORDS
            {
                s2 -= 1;
            }
            while s2 < e2 && (self.is(s2, STOP_LEAD) || self.is(s2, CONNECTOR)) {
                s2 += 1;
            }
            if self.is(s2, STOP_LEAD) || (s2..=e2).any(|k| self.head_at(k).is_some()) {
                break;
            }
            groups.insert(0, self.atoms(s2, e2));
            first = s2;
        }
        let parts: usize = groups.iter().map(Vec::len).sum();
        if parts < 2 {
            return;
        }
        let text = self.ws[h].text;
        let head = if let Some(stem) = text.strip_suffix("ies") {
            format!("{stem}y")
        } else if let Some(stem) = text.strip_suffix("IES") {
            format!("{stem}Y")
        } else {
            text[..text.len() - 1].to_string()
        };
        let found = Found::Coord {
            groups,
            head,
            plural: true,
            whole: self.span(first, h).to_string(),
            start: self.ws[first].start,
            end: self.ws[h].end,
        };
        self.items.push(Item {
            s: first,
            e: h,
            prio: 2,
            found,
        });
    }

    /// "Cabinet", "the Executive", "Parliament": one word naming a body.
    fn specials(&mut self) {
        for i in 0..self.ws.len() {
            let w = self.ws[i];
            if !w.is_cap() {
                continue;
            }
            let l = self.lower(i);
            if !matches!(l, "cabinet" | "executive" | "parliament") {
                continue;
            }
            let prev = (i > 0 && w.sep == Sep::Space).then(|| self.ws[i - 1]);
            let next = (i + 1 < self.ws.len()
                && !w.stop_after
                && !w.poss
                && self.ws[i + 1].sep == Sep::Space)
                .then(|| self.ws[i + 1]);
            let pl = prev.map_or("", |_| self.lower(i - 1));
            let nl = next.map_or("", |_| self.lower(i + 1));
            let prev_named = prev.is_some_and(|p| p.is_cap() && !self.is(i - 1, STOP_LEAD));
            let next_cap = next.is_some_and(|x| x.is_cap());
            let next_shouts = next.is_some() && self.t.is_all_caps(i + 1) && !self.t.is_all_caps(i);
            let next_trailing = next.is_some() && self.is(i + 1, TRAILING);
            let next_function = self.caps
                && matches!(
                    nl,
                    "on" | "to" | "at" | "in" | "of" | "for" | "and" | "the" | "by" | "with"
                );
            let ok = match l {
                "cabinet" => {
                    pl != "shadow"
                        && !matches!(nl, "office" | "secretary")
                        && (!next_cap || next_trailing || next_function || next_shouts)
                }
                "executive" => {
                    !prev_named
                        && !matches!(pl, "chief" | "deputy" | "non")
                        && if next_cap {
                            next_shouts || next_function
                        } else {
                            !matches!(
                                nl,
                                "summary"
                                    | "director"
                                    | "directors"
                                    | "member"
                                    | "members"
                                    | "officer"
                                    | "team"
                                    | "board"
                                    | "councillor"
                                    | "committee"
                                    | "function"
                                    | "functions"
                                    | "decision"
                                    | "decisions"
                                    | "arrangements"
                                    | "mayor"
                                    | "head"
                                    | "lead"
                                    | "leader"
                                    | "portfolio"
                                    | "powers"
                                    | "level"
                                    | "management"
                            )
                        }
                }
                _ => !prev_named && (!next_cap || next_trailing || next_function),
            };
            if ok {
                self.name_item(i, i, 1, None);
            }
        }
    }

    /// "Department: Strategic Housing", "Decision maker: Cabinet".
    fn label_value(&mut self) {
        static LABEL: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"^\s*(?i:department|directorate|service area|service|decision maker|decision taker|organisation|organization|body|team)\s*:\s*(\S.*?)\s*$",
            )
            .expect("valid regex")
        });
        // The label ends in a colon: most lines have none.
        if !self.text.contains(':') {
            return;
        }
        let Some(c) = LABEL.captures(self.text) else {
            return;
        };
        let Some(m) = c.get(1) else { return };
        let idx: Vec<usize> = (0..self.ws.len())
            .filter(|&k| self.ws[k].start >= m.start())
            .collect();
        let (Some(&s), Some(&e)) = (idx.first(), idx.last()) else {
            return;
        };
        if idx.len() > 6 {
            return;
        }
        let ok = idx.iter().all(|&k| {
            let w = &self.ws[k];
            (w.is_cap() && !w.text.chars().any(|c| c.is_ascii_digit()) || self.is(k, CONNECTOR))
                && !self.is(k, TITLE)
                && !self.is(k, ROLE_FOR)
                && !self.is(k, RELATIONAL)
        }) && !self.is(s, STOP_LEAD);
        if ok {
            self.name_item(s, e, 1, None);
        }
    }

    /// "delivered by Rocket Science", "work with Shared Intelligence on": a two- or
    /// three-word capitalised name after a verb of commissioning, read as a company.
    fn agent_names(&mut self) {
        let n = self.ws.len();
        for i in 1..n {
            let l = self.lower(i);
            let p = self.lower(i - 1);
            let by = l == "by"
                && matches!(
                    p,
                    "delivered"
                        | "produced"
                        | "commissioned"
                        | "undertaken"
                        | "conducted"
                        | "completed"
                        | "prepared"
                        | "hosted"
                        | "funded"
                        | "project"
                        | "research"
                        | "study"
                        | "evaluation"
                        | "analysis"
                );
            let with = l == "with" && matches!(p, "work" | "working" | "worked");
            if !(by || with) || self.ws[i].stop_after {
                continue;
            }
            let s = i + 1;
            let mut e = s;
            while e < n
                && e < s + 3
                && self.ws[e].sep == Sep::Space
                && self.ws[e].is_cap()
                && !self.t.is_all_caps(e)
            {
                if self.ws[e].stop_after || self.ws[e].poss {
                    e += 1;
                    break;
                }
                e += 1;
            }
            if e < s + 2 {
                continue;
            }
            let e = e - 1;
            // The name must end there: a lower-case word or punctuation follows.
            let ends = e + 1 >= n
                || self.ws[e].stop_after
                || self.ws[e + 1].sep != Sep::Space
                || !self.ws[e + 1].is_cap();
            let plain = (s..=e).all(|k| {
                !self.is(k, STOP_LEAD)
                    && !self.is(k, TITLE)
                    && self.head(k).is_none()
                    && !self.is(k, RELATIONAL)
                    && !self.is(k, ROLE_FOR)
            });
            let with_ok = !with || (e + 1 < n && self.lower(e + 1) == "on");
            if ends && plain && with_ok && GAZETTEER.longest_at(self.t, s).is_none() {
                self.name_item(s, e, 1, None);
            }
        }
    }

    /// "• Grants Committee – 8 February 2017 • Audit – 23 March 2017": in a list of dated
    /// minutes where most entries are known bodies, the others are bodies too.
    fn dated_list(&mut self) {
        static ENTRY: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^\s*([A-Z][A-Za-z'’&]*(?: [A-Z&][A-Za-z'’&]*){0,4})\s+[–-]\s+\d")
                .expect("valid regex")
        });
        if !self.text.contains('•') {
            return;
        }
        let mut entries: Vec<(usize, usize)> = Vec::new();
        let mut offset = 0;
        for piece in self.text.split('•') {
            if let Some(m) = ENTRY.captures(piece).and_then(|c| c.get(1)) {
                entries.push((offset + m.start(), offset + m.end()));
            }
            offset += piece.len() + '•'.len_utf8();
        }
        if entries.len() < 3 || entries.len() > 20 {
            return;
        }
        let word_span = |start: usize, end: usize| {
            let s = self.ws.iter().position(|w| w.start == start)?;
            let e = self.ws.iter().position(|w| w.end == end)?;
            Some((s, e))
        };
        let spans: Vec<(usize, usize)> = entries
            .iter()
            .filter_map(|&(a, b)| word_span(a, b))
            .collect();
        let known = spans
            .iter()
            .filter(|(s, e)| self.items.iter().any(|it| it.s <= *s && it.e >= *e))
            .count();
        if known * 2 < spans.len() {
            return;
        }
        for (s, e) in spans {
            if !self.items.iter().any(|it| it.s <= s && it.e >= e) {
                self.name_item(s, e, 1, None);
            }
        }
    }

    /// Drops names inside longer names, links parent prefixes and bracketed abbreviations.
    fn resolve(mut self) -> LineFinds {
        let mut items = std::mem::take(&mut self.items);
        items.sort_by(|x, y| x.s.cmp(&y.s).then(y.e.cmp(&x.e)).then(y.prio.cmp(&x.prio)));
        let mut kept: Vec<Item> = Vec::new();
        for it in items {
            if let Some(last) = kept.last_mut()
                && it.s >= last.s
                && it.e <= last.e
            {
                {
                    // A gazetteer body at the start of a longer name is its parent.
                    if it.s == last.s && it.e < last.e && it.prio == 3 {
                        let rest = self.span(it.e + 1, last.e).to_string();
                        if let Found::Name { rest: r, .. } = &mut last.found {
                            *r = Some(rest);
                        }
                    }
                    continue;
                }
            }
            kept.push(it);
        }
        // "UK Trade and Investment (UKTI)": the bracketed abbreviation.
        for it in &mut kept {
            let e = it.e;
            if let Found::Name { name, abbr, .. } = &mut it.found
                && let Some(w) = self.ws.get(e + 1)
            {
                {
                    let upper = w.text.chars().filter(|c| c.is_uppercase()).count();
                    let first_ok = w.text.chars().next() == name.chars().next();
                    if w.sep == Sep::Open && w.stop_after && upper >= 2 && first_ok {
                        *abbr = Some(w.text.to_string());
                    }
                }
            }
        }
        let mut caps_words = Vec::new();
        let mut ki = 0;
        for (k, w) in self.ws.iter().enumerate() {
            while ki < kept.len() && kept[ki].e < k {
                ki += 1;
            }
            let inside = ki < kept.len() && kept[ki].s <= k;
            let letters = w.text.chars().all(|c| c.is_ascii_uppercase());
            if !inside && letters && (2..=6).contains(&w.text.len()) {
                caps_words.push((w.start, w.end));
            }
        }
        LineFinds {
            found: kept.into_iter().map(|it| it.found).collect(),
            caps_words,
        }
    }
}

/// Pairs of parts that usually form one name: "Overview and Scrutiny".
const FIXED_PAIRS: &[&str] = &[
    "overview and scrutiny",
    "health and wellbeing",
    "health and social care",
    "skills and employment",
    "employment and skills",
    "people and places",
    "audit and governance",
    "audit and risk",
    "planning and regulation",
    "children and young people",
    "transport and environment",
    "environment and transport",
    "finance and resources",
    "policy and resources",
    "work and pensions",
    "housing and communities",
    "communities and housing",
    "culture and leisure",
    "economy and skills",
    "safer and stronger",
    "police and crime",
    "fire and rescue",
    "learning and skills",
    "education and skills",
];

/// Splits a coordination into the names it stands for, using the names the paper and the
/// gazetteer know. A singular head is split only when every part is known; `None` keeps
/// the phrase whole.
pub(crate) fn split_coordination(
    groups: &[Vec<String>],
    head: &str,
    plural: bool,
    is_known: &dyn Fn(&str) -> bool,
) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut all_known = true;
    for atoms in groups {
        let m = atoms.len();
        if m == 0 || m > 8 {
            return None;
        }
        // best[i]: (score, -groups, previous cut) for the first i parts.
        let mut best: Vec<(i32, i32, usize)> = vec![(i32::MIN, 0, 0); m + 1];
        best[0] = (0, 0, 0);
        for i in 1..=m {
            for j in 0..i {
                if best[j].0 == i32::MIN {
                    continue;
                }
                let joined = atoms[j..i].join(" and ");
                let name = format!("{joined} {head}");
                let lower = gazetteer::key(&joined);
                let score = if is_known(&gazetteer::key(&name)) {
                    3
                } else if i - j == 1 {
                    1
                } else if i - j == 2 && FIXED_PAIRS.contains(&lower.as_str()) {
                    2
                } else {
                    0
                };
                let cand = (best[j].0 + score, best[j].1 - 1, j);
                if (cand.0, cand.1) > (best[i].0, best[i].1) {
                    best[i] = cand;
                }
            }
        }
        let mut cuts = Vec::new();
        let mut i = m;
        while i > 0 {
            let j = best[i].2;
            cuts.push((j, i));
            i = j;
        }
        cuts.reverse();
        for (j, i) in cuts {
            let name = format!("{} {head}", atoms[j..i].join(" and "));
            all_known &= is_known(&gazetteer::key(&name));
            out.push(name);
        }
    }
    if !plural && (!all_known || out.len() < 2) {
        return None;
    }
    Some(out)
}
