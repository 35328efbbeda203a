//! Organisations: named bodies with their aliases.
//!
//! Three finders run over every line, and their mentions are merged per body:
//!
//! 1. the gazetteer of UK public bodies ([`gazetteer`]): departments, agencies, local
//!    government associations, combined authorities, sector bodies, with their
//!    abbreviations;
//! 2. the shape of a name ([`shape`]): a capitalised phrase ending in an organisational
//!    head noun ("Ministerial Green Jobs Delivery Group"), with coordinations split and
//!    completed ("City Regions and Community Wellbeing Boards" is two boards) and
//!    generic classes, back-references, portfolios and legislation titles left out;
//! 3. a few single words that name a body's own executive ("Cabinet", "the Executive",
//!    "Parliament") and the values of labels such as "Department:".
//!
//! Mentions merge when they share a gazetteer entry or a normalised name, when one name
//! is the other with a parent body's name in front ("London Councils Grants Committee"),
//! when the paper defines an abbreviation ("UK Trade and Investment (UKTI)"), or when an
//! all-capitals word spells a found name's initials ("CSC"). Not for people, places,
//! programmes or documents. Every step is linear in the size of the input.

use std::collections::HashMap;

use boardpack_model::{Organisation, Paper, Source};

use crate::Unit;

pub(crate) mod gazetteer;
pub(crate) mod lexicon;
mod shape;
pub(crate) mod words;

use gazetteer::GAZETTEER;
use shape::Found;
use words::Tokens;

/// One mention of a body, as found on one line.
#[derive(Debug, Clone)]
struct Mention {
    /// The name as written (or completed, for a coordination).
    name: String,
    /// The normalised key it merges on.
    key: String,
    /// The gazetteer entry, where known.
    body: Option<usize>,
    /// The key of the name without a leading parent body ("Grants Committee").
    rest_key: Option<String>,
    /// An abbreviation the text defines right after it ("(UKTI)").
    defined_abbr: Option<String>,
    /// Where it was found.
    source: Source,
}

/// Every named organisation in the paper, one entry each.
pub fn organisations(units: &[Unit<'_>], paper: &Paper) -> Vec<Organisation> {
    let tokens: Vec<Tokens<'_>> = units.iter().map(|u| Tokens::new(u.text)).collect();
    organisations_in(units, &tokens, paper)
}

/// [`organisations`] over the units' [`Tokens`], made once and shared with the people
/// finder.
pub(crate) fn organisations_in(
    units: &[Unit<'_>],
    tokens: &[Tokens<'_>],
    paper: &Paper,
) -> Vec<Organisation> {
    let _ = paper;
    let mut found: Vec<(usize, Found)> = Vec::new();
    let mut caps_words: Vec<(usize, usize, usize)> = Vec::new();
    for (u, t) in tokens.iter().enumerate() {
        let line = shape::analyse_tokens(t);
        found.extend(line.found.into_iter().map(|f| (u, f)));
        caps_words.extend(line.caps_words.into_iter().map(|(s, e)| (u, s, e)));
    }
    // Names known to the paper, for splitting coordinations; each name's key is kept for
    // its mention below.
    let mut known: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut name_keys: Vec<String> = Vec::new();
    for (_, f) in &found {
        if let Found::Name { name, .. } = f {
            let k = gazetteer::key(name);
            known.insert(k.clone());
            name_keys.push(k);
        }
    }
    let mut name_keys = name_keys.into_iter();
    let is_known = |k: &str| known.contains(k) || GAZETTEER.by_key(k).is_some();
    let mut mentions: Vec<Mention> = Vec::new();
    for (u, f) in found {
        let unit = &units[u];
        match f {
            Found::Name {
                name,
                body,
                start,
                end,
                rest,
                abbr,
            } => {
                let k = name_keys.next().unwrap_or_else(|| gazetteer::key(&name));
                let body = body.or_else(|| GAZETTEER.by_key(&k));
                let key = merge_key_of(k);
                mentions.push(Mention {
                    name,
                    key,
                    body,
                    rest_key: rest.map(|r| merge_key_of(gazetteer::key(&r))),
                    defined_abbr: abbr,
                    source: unit.source(start, end),
                });
            }
            Found::Coord {
                groups,
                head,
                plural,
                whole,
                start,
                end,
            } => {
                let names = shape::split_coordination(&groups, &head, plural, &is_known);
                for name in names.unwrap_or_else(|| vec![whole]) {
                    let k = gazetteer::key(&name);
                    let body = GAZETTEER.by_key(&k);
                    let key = merge_key_of(k);
                    mentions.push(Mention {
                        name,
                        key,
                        body,
                        rest_key: None,
                        defined_abbr: None,
                        source: unit.source(start, end),
                    });
                }
            }
        }
    }
    let mut groups = group_mentions(&mentions);
    add_initial_aliases(&mut groups, &mentions, units, &caps_words);
    groups
        .into_iter()
        .map(|g| {
            let mut names: Vec<String> = Vec::new();
            for &m in &g.members {
                let n = &mentions[m].name;
                if !names.contains(n) {
                    names.push(n.clone());
                }
            }
            for a in g.extra {
                if !names.contains(&a) {
                    names.push(a);
                }
            }
            let best = best_name(&names);
            let name = names.remove(best);
            Organisation {
                name,
                aliases: names,
                source: mentions[g.members[0]].source.clone(),
            }
        })
        .collect()
}

/// The fullest name: the longest, preferring one not written in capitals.
fn best_name(names: &[String]) -> usize {
    let mut best = 0;
    let score = |n: &str| {
        let shouting = n.chars().any(char::is_alphabetic) && !n.chars().any(char::is_lowercase);
        (!shouting, n.len())
    };
    for (i, n) in names.iter().enumerate() {
        if score(n) > score(&names[best]) {
            best = i;
        }
    }
    best
}

/// The key a name merges on: its [`gazetteer::key`] `k` with acronym heads spelt out.
fn merge_key_of(k: String) -> String {
    for (short, long) in [
        (" lep", " local enterprise partnership"),
        (" ccg", " clinical commissioning group"),
        (" icb", " integrated care board"),
    ] {
        if let Some(stem) = k.strip_suffix(short) {
            return format!("{stem}{long}");
        }
    }
    k
}

/// A body: the mentions that name it and any aliases found later.
#[derive(Debug)]
struct Group {
    members: Vec<usize>,
    extra: Vec<String>,
    keys: Vec<String>,
    body: Option<usize>,
}

fn group_mentions(mentions: &[Mention]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut by_body: HashMap<usize, usize> = HashMap::new();
    // Keys of every mention, to resolve "parent + name" mentions to the bare name.
    let all_keys: std::collections::HashSet<&str> =
        mentions.iter().map(|m| m.key.as_str()).collect();
    for (i, m) in mentions.iter().enumerate() {
        let target_key = match &m.rest_key {
            Some(r) if all_keys.contains(r.as_str()) && m.body.is_none() => r.clone(),
            _ => m.key.clone(),
        };
        let g = m
            .body
            .and_then(|b| by_body.get(&b).copied())
            .or_else(|| by_key.get(&target_key).copied())
            .or_else(|| by_key.get(&m.key).copied());
        let g = match g {
            Some(g) => g,
            None => {
                groups.push(Group {
                    members: Vec::new(),
                    extra: Vec::new(),
                    keys: Vec::new(),
                    body: m.body,
                });
                groups.len() - 1
            }
        };
        groups[g].members.push(i);
        for k in [&target_key, &m.key] {
            by_key.entry(k.clone()).or_insert(g);
            if !groups[g].keys.contains(k) {
                groups[g].keys.push(k.clone());
            }
        }
        if let Some(b) = m.body {
            by_body.entry(b).or_insert(g);
            if groups[g].body.is_none() {
                groups[g].body = Some(b);
            }
        }
        if let Some(a) = &m.defined_abbr {
            if !groups[g].extra.contains(a) {
                groups[g].extra.push(a.clone());
            }
            by_key.entry(gazetteer::key(a)).or_insert(g);
        }
    }
    // Mentions of a defined abbreviation on their own join the defining group.
    let mut merged: Vec<Option<usize>> = vec![None; groups.len()];
    for (gi, g) in groups.iter().enumerate() {
        if g.members.len() == 1 && g.extra.is_empty() {
            let k = &mentions[g.members[0]].key;
            if let Some(&target) = by_key.get(k)
                && target != gi
            {
                merged[gi] = Some(target);
            }
        }
    }
    merge_subsets(&groups, mentions, &mut merged);
    let mut out: Vec<Group> = Vec::new();
    let mut new_index: Vec<usize> = vec![usize::MAX; groups.len()];
    let resolve = |mut gi: usize| {
        // Follow merge links; they always point to a different group, bounded by count.
        for _ in 0..merged.len() {
            match merged[gi] {
                Some(t) if t != gi => gi = t,
                _ => break,
            }
        }
        gi
    };
    let targets: Vec<usize> = (0..groups.len()).map(resolve).collect();
    let mut groups: Vec<Option<Group>> = groups.into_iter().map(Some).collect();
    for gi in 0..groups.len() {
        let t = targets[gi];
        if new_index[t] == usize::MAX {
            new_index[t] = out.len();
            out.push(Group {
                members: Vec::new(),
                extra: Vec::new(),
                keys: Vec::new(),
                body: None,
            });
        }
        let dest = new_index[t];
        if let Some(g) = groups[gi].take() {
            out[dest].members.extend(g.members);
            out[dest].extra.extend(g.extra);
            out[dest].keys.extend(g.keys);
            out[dest].body = out[dest].body.or(g.body);
        }
    }
    for g in &mut out {
        g.members.sort_unstable();
    }
    out.sort_by_key(|g| g.members[0]);
    out
}

/// Merges a shorter name into a longer one that starts and ends with the same words and
/// holds all of its words ("Lisburn & City Council" into "Lisburn & Castlereagh City
/// Council"). Only small buckets are compared, so the work stays linear.
fn merge_subsets(groups: &[Group], mentions: &[Mention], merged: &mut [Option<usize>]) {
    let mut buckets: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (gi, g) in groups.iter().enumerate() {
        if g.body.is_some() {
            continue;
        }
        let k = &mentions[g.members[0]].key;
        let words: Vec<&str> = k.split(' ').collect();
        if words.len() < 2 {
            continue;
        }
        let first = words[0].to_string();
        let last = words[words.len() - 1].to_string();
        buckets.entry((first, last)).or_default().push(gi);
    }
    for list in buckets.values() {
        if list.len() > 32 {
            continue;
        }
        for &a in list {
            for &b in list {
                if a == b || merged[a].is_some() {
                    continue;
                }
                let ka = &mentions[groups[a].members[0]].key;
                let kb = &mentions[groups[b].members[0]].key;
                if ka.len() < kb.len() {
                    let wb: Vec<&str> = kb.split(' ').collect();
                    if ka.split(' ').all(|w| wb.contains(&w)) {
                        merged[a] = Some(b);
                    }
                }
            }
        }
    }
}

/// Adds an all-capitals word as an alias of the found name whose initials it spells
/// ("CSC" for "Corporate Services Committee").
fn add_initial_aliases(
    groups: &mut [Group],
    mentions: &[Mention],
    units: &[Unit<'_>],
    caps_words: &[(usize, usize, usize)],
) {
    let mut by_initials: HashMap<String, usize> = HashMap::new();
    for (gi, g) in groups.iter().enumerate() {
        for &m in &g.members {
            if let Some(ini) = initials(&mentions[m].name) {
                by_initials.entry(ini).or_insert(gi);
            }
        }
    }
    for &(u, s, e) in caps_words {
        let w = &units[u].text[s..e];
        if let Some(&gi) = by_initials.get(w) {
            let g = &mut groups[gi];
            let already = g.members.iter().any(|&m| mentions[m].name == w);
            if !already && !g.extra.iter().any(|x| x == w) {
                g.extra.push(w.to_string());
            }
        }
    }
}

/// The initials of a name of three or more significant words: the first letter of each
/// word, whole abbreviations kept ("UK Trade and Investment" gives "UKTI").
fn initials(name: &str) -> Option<String> {
    let ws = words::words(name);
    let mut out = String::new();
    let mut n = 0;
    for w in &ws {
        let l = w.lower();
        if matches!(l.as_str(), "and" | "&" | "of" | "for" | "the" | "on" | "in") {
            continue;
        }
        n += 1;
        if w.is_all_caps() && w.text.len() <= 4 {
            out.push_str(w.text);
        } else {
            out.extend(w.text.chars().next().map(|c| c.to_ascii_uppercase()));
        }
    }
    (n >= 3 && out.len() <= 8).then_some(out)
}

#[cfg(test)]
mod tests;
