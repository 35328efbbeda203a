//! People: named people with the role the text gives them.
//!
//! Sources, in order of trust: the parse stage's contacts and presenters (with their
//! positions), then the text itself: names after a personal title ("Sir Merrick Cockell",
//! "Cllrs A, B and C"), names with post-nominals ("Mims Davies MP"), a name followed by its
//! role ("Jasbir Jhas, Senior Adviser,"), a role followed by a titled name ("the Deputy
//! Mayor, Councillor J McCarthy"), a name line followed by a role line (cabinet lists), and
//! attendance rows that pair council place names with members' names. Not for
//! organisations, places, document titles or bare roles ("the Chair"). Linear in the input.

use std::collections::HashMap;

use boardpack_model::{Paper, Person, Source};

use crate::Unit;
use crate::orgs::gazetteer::GAZETTEER;
use crate::orgs::lexicon::{head, is_relational, is_title};
use crate::orgs::words::{Tokens, words};

pub(crate) mod shape;

use shape::{Hit, find_in_line, is_name_line, role_line};

/// Every named person in the paper, one entry each.
pub fn people(units: &[Unit<'_>], paper: &Paper) -> Vec<Person> {
    let tokens: Vec<Tokens<'_>> = units.iter().map(|u| Tokens::new(u.text)).collect();
    people_in(units, &tokens, paper)
}

/// [`people`] over the units' [`Tokens`], made once and shared with the organisation
/// finder.
pub(crate) fn people_in(units: &[Unit<'_>], tokens: &[Tokens<'_>], paper: &Paper) -> Vec<Person> {
    let mut book = Book::default();
    for c in &paper.contacts {
        let role = c.position.clone().or_else(|| author_label(units, &c.name));
        book.add(&c.name, role, source_of(units, &c.name));
    }
    for item in &paper.items {
        for p in &item.presenters {
            book.add(&p.name, p.position.clone(), source_of(units, &p.name));
        }
    }
    for (u, (unit, t)) in units.iter().zip(tokens).enumerate() {
        for Hit {
            name,
            role,
            start,
            end,
        } in find_in_line(t)
        {
            book.add(&name, role, unit.source(start, end));
        }
        // A name line followed by a role line: "Keith Mitchell" / "Leader of the Council".
        if is_name_line(t)
            && let Some(role) = tokens.get(u + 1).and_then(role_line)
        {
            {
                book.add(
                    unit.text.trim(),
                    Some(role),
                    unit.source(0, unit.text.len()),
                );
            }
        }
    }
    book.finish()
}

/// "Report author: Jane Taylor" gives the role "Report author" when nothing better is said.
fn author_label(units: &[Unit<'_>], name: &str) -> Option<String> {
    let unit = units.iter().find(|u| u.text.contains(name))?;
    let (label, _) = unit.text.split_once(':')?;
    let l = label.trim().to_lowercase();
    (l == "report author" || l == "author").then(|| label.trim().to_string())
}

fn source_of(units: &[Unit<'_>], name: &str) -> Source {
    units
        .iter()
        .find_map(|u| u.text.find(name).map(|s| u.source(s, s + name.len())))
        .unwrap_or_default()
}

/// The key people merge on: the name without titles and post-nominals, lower case.
pub(crate) fn person_key(name: &str) -> String {
    let ws = words(name);
    let mut parts: Vec<String> = ws
        .iter()
        .map(|w| w.lower().replace('.', ""))
        .filter(|w| !is_title(w) && !matches!(w.as_str(), "the" | "rt" | "hon" | "mayor"))
        .collect();
    while parts.last().is_some_and(|w| shape::is_postnominal_lower(w)) {
        parts.pop();
    }
    parts.join(" ")
}

/// The people found so far, one entry per key.
#[derive(Default)]
struct Book {
    people: Vec<Person>,
    by_key: HashMap<String, usize>,
}

impl Book {
    fn add(&mut self, name: &str, role: Option<String>, source: Source) {
        let name = name.trim();
        let key = person_key(name);
        if key.is_empty() || !plausible(name) {
            return;
        }
        let role = role
            .map(|r| {
                r.trim()
                    .trim_end_matches([',', '.', ';'])
                    .trim()
                    .to_string()
            })
            .filter(|r| !r.is_empty());
        if let Some(&i) = self.by_key.get(&key) {
            if self.people[i].role.is_none() {
                self.people[i].role = role;
            }
            return;
        }
        self.by_key.insert(key, self.people.len());
        self.people.push(Person {
            name: name.to_string(),
            role,
            source,
        });
    }

    /// Folds surname-only mentions ("Councillor Carlin") into the full name.
    fn finish(self) -> Vec<Person> {
        let keys: Vec<String> = self.people.iter().map(|p| person_key(&p.name)).collect();
        // Surname to the first full name ending in it.
        let mut by_surname: HashMap<&str, usize> = HashMap::new();
        for (i, k) in keys.iter().enumerate() {
            if let Some((_, surname)) = k.rsplit_once(' ') {
                by_surname.entry(surname).or_insert(i);
            }
        }
        let mut folded: Vec<Option<usize>> = vec![None; keys.len()];
        for (i, k) in keys.iter().enumerate() {
            if !k.contains(' ') {
                folded[i] = by_surname.get(k.as_str()).copied();
            }
        }
        let mut people = self.people;
        for i in 0..people.len() {
            if let Some(j) = folded[i]
                && people[j].role.is_none()
            {
                people[j].role = people[i].role.take();
            }
        }
        people
            .into_iter()
            .enumerate()
            .filter(|(i, _)| folded[*i].is_none())
            .map(|(_, p)| p)
            .collect()
    }
}

/// Whether a name can be a person's: no body's head noun, no place, no bare role.
fn plausible(name: &str) -> bool {
    let ws = words(name);
    let mut real = 0;
    for w in &ws {
        let l = w.lower();
        let particle = matches!(
            l.as_str(),
            "de" | "van" | "von" | "der" | "da" | "le" | "la" | "bin"
        );
        if !w.is_cap() && !particle {
            return false;
        }
        if head(&l).is_some() || is_relational(&l) && !is_title(&l) {
            return false;
        }
        if !is_title(&l) && !shape::is_postnominal_lower(&l) {
            real += 1;
        }
    }
    if real == 0 || name.len() > 60 {
        return false;
    }
    let key = crate::orgs::gazetteer::key(name);
    !GAZETTEER.is_place(&key) && GAZETTEER.by_key(&key).is_none()
}

#[cfg(test)]
mod tests;
