//! The track stage over the library: subjects (threads) and the follow-through of
//! actions, decisions and activities, kept in the store and brought up to date whenever
//! the library changes. The pure work is in `boardpack-track`; this module feeds it from
//! the store and keeps its results there.
//!
//! A run has two steps. First, papers whose content changed (or that were never tracked)
//! get their items, subject mentions and abbreviations derived and stored. Then links:
//! on a first run, or when much of the library changed, every item is matched against
//! every passage of its body; otherwise only the items of changed papers (and those whose
//! link pointed at one) are matched afresh, and the other items are offered only the
//! changed papers' passages. The rule that picks an item's link does not depend on the
//! order passages arrive in, so both ways give the same links.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

use boardpack_store::{PaperId, PaperRow, Passage, StoredItem, TrackDerived};
use boardpack_track::{
    Best, DateBasis, FollowUp, Item, ItemKind, Link, LinkView, Matcher, PaperRef, PassageRef,
    Status, ThreadDetail, ThreadEntry, ThreadSummary, Verdict, Weights,
};

use crate::{Library, citation, file_name};

/// Which follow-ups to list.
#[derive(Debug, Clone, Default)]
pub struct FollowFilter {
    /// Only this body's papers.
    pub body: Option<String>,
    /// Only these kinds (all when empty).
    pub kinds: Vec<ItemKind>,
    /// Only these statuses (all when empty).
    pub status: Vec<Status>,
    /// Only open items (not reported).
    pub open: bool,
    /// Only items from this paper.
    pub paper: Option<i64>,
    /// The day statuses are computed for (ISO), normally today.
    pub as_of: String,
}

/// What a track run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TrackRun {
    /// Papers whose items and mentions were derived again.
    pub derived: usize,
    /// Items matched against the library.
    pub relinked: usize,
    /// Whether every item was matched afresh.
    pub full: bool,
    /// Wall time, seconds.
    pub seconds: f64,
}

/// Papers derived per write transaction.
const DERIVE_BATCH: usize = 512;

/// Word weights from the search index: inverse document frequency over passages.
struct IndexWeights<'a> {
    index: &'a boardpack_index::Index,
    total: f32,
    cache: Mutex<HashMap<String, f32>>,
}

impl IndexWeights<'_> {
    fn new(index: &boardpack_index::Index) -> IndexWeights<'_> {
        IndexWeights {
            index,
            total: index.num_passages() as f32,
            cache: Mutex::new(HashMap::new()),
        }
    }
}

impl Weights for IndexWeights<'_> {
    fn weight(&self, word: &str) -> f32 {
        if let Some(w) = self.cache.lock().ok().and_then(|c| c.get(word).copied()) {
            return w;
        }
        let df = self.index.doc_freq(word) as f32;
        let w = ((self.total + 1.0) / (df + 1.0)).ln().max(0.0);
        if let Ok(mut c) = self.cache.lock() {
            c.insert(word.to_string(), w);
        }
        w
    }
}

/// A stored paper as the track stage sees it.
pub(crate) fn paper_ref(row: &PaperRow) -> PaperRef {
    PaperRef {
        id: row.id,
        path: row.path.clone(),
        part: row.part,
        body: row.body.clone(),
        kind: row.kind.clone(),
        title: row.title.clone(),
        date: row.date.clone(),
        date_basis: match row.date_basis.as_deref() {
            Some("stated") => DateBasis::Stated,
            Some(_) if row.date.is_some() => DateBasis::Inferred,
            _ => DateBasis::Unknown,
        },
    }
}

fn passage_ref(p: &Passage) -> PassageRef {
    PassageRef {
        ord: p.ord,
        number: p.number.clone(),
        heading: p.heading.clone(),
        field: p.field.clone(),
        text: p.text.clone(),
    }
}

/// FNV-1a, 64 bits: stable across builds and platforms, for ids kept in the library.
fn fnv(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0x1f]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// An item's stable id: its paper's path and part, its kind and its words.
fn item_id(row: &PaperRow, item: &Item, occurrence: usize) -> String {
    let words = item.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let part = row.part.to_string();
    let occ = occurrence.to_string();
    format!(
        "{:016x}",
        fnv(&[&row.path, &part, item.kind.as_str(), &words, &occ])
    )
}

/// A passage's stable key for reviews: its paper's path and part, and its paragraph
/// number (or position).
fn target_key(path: &str, part: u32, number: Option<&str>, ord: u32) -> String {
    match number {
        Some(n) => format!("{path}#{part}§{n}"),
        None => format!("{path}#{part}@{ord}"),
    }
}

/// Papers by id, as the track stage reads them.
fn rows_by_id(store: &boardpack_store::Store) -> Result<HashMap<PaperId, PaperRow>> {
    Ok(store
        .papers_brief()?
        .into_iter()
        .map(|r| (r.id, r))
        .collect())
}

/// The (item id, target key) pairs users rejected: never proposed again.
fn rejected_links(store: &boardpack_store::Store) -> Result<HashSet<(String, String)>> {
    Ok(store
        .link_reviews()?
        .into_iter()
        .filter(|(_, _, v)| *v == Verdict::Rejected)
        .map(|(i, t, _)| (i, t))
        .collect())
}

/// A paper's passages, read once per call site's cache.
fn cached_passages<'c>(
    store: &boardpack_store::Store,
    cache: &'c mut HashMap<PaperId, Vec<Passage>>,
    id: PaperId,
) -> Result<&'c Vec<Passage>> {
    Ok(match cache.entry(id) {
        std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
        std::collections::hash_map::Entry::Vacant(v) => v.insert(store.passages(id)?),
    })
}

impl Library {
    /// Brings the track tables up to date with the store, if they are not. The track
    /// queries below call it first, so it runs after an ingest when the programme,
    /// actions or threads are first asked for.
    pub fn track(&self) -> Result<TrackRun> {
        let _running = self
            .track_lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let started = std::time::Instant::now();
        let generation = self.store.generation()?;
        let previous = self.store.track_generation()?;
        if previous == generation {
            return Ok(TrackRun::default());
        }
        let stale = self.store.track_stale()?;
        let rows = rows_by_id(&self.store)?;
        if std::env::var_os("BOARDPACK_TRACE").is_some() {
            eprintln!(
                "track: {} stale of {} papers found in {:.2} s",
                stale.len(),
                rows.len(),
                started.elapsed().as_secs_f64()
            );
        }
        // Many papers to derive: write mentions without the subject index, then index them
        // in one pass. (A run killed in between leaves the index missing; the next run
        // builds it.)
        let bulk = stale.len() > 10_000;
        self.store.set_mention_index(!bulk)?;
        self.derive(&stale, &rows)?;
        if bulk {
            self.store.set_mention_index(true)?;
        }
        let derived_in = started.elapsed().as_secs_f64();
        let full = previous < 0 || stale.len() * 5 > rows.len();
        let relinked = self.relink(&stale, &rows, full)?;
        if std::env::var_os("BOARDPACK_TRACE").is_some() {
            eprintln!(
                "track: derived {} papers in {derived_in:.2} s, linked {relinked} items in {:.2} s",
                stale.len(),
                started.elapsed().as_secs_f64() - derived_in
            );
        }
        self.store.set_track_generation(generation)?;
        Ok(TrackRun {
            derived: stale.len(),
            relinked,
            full,
            seconds: started.elapsed().as_secs_f64(),
        })
    }

    /// Forgets the track stage's derived results (keeping the user's verdicts and
    /// statuses); the next track query runs it afresh over the whole library.
    pub fn reset_track(&self) -> Result<()> {
        Ok(self.store.clear_track()?)
    }

    /// Derives and stores the items, mentions and abbreviations of `papers`.
    fn derive(&self, papers: &[PaperId], rows: &HashMap<PaperId, PaperRow>) -> Result<()> {
        let trace = std::env::var_os("BOARDPACK_TRACE").is_some();
        let mut writing = std::time::Duration::ZERO;
        for chunk in papers.chunks(DERIVE_BATCH) {
            let store = &self.store;
            let derived: Vec<TrackDerived> = chunk
                .par_iter()
                .filter_map(|id| {
                    let row = rows.get(id)?;
                    let (_, record) = store.paper(*id).ok()??;
                    let passages = store.passages(*id).ok()?;
                    Some(derive_one(row, &record, &passages))
                })
                .collect();
            let t = std::time::Instant::now();
            self.store.write_track(&derived)?;
            writing += t.elapsed();
        }
        if trace {
            eprintln!("track: derive wrote for {:.2} s", writing.as_secs_f64());
        }
        Ok(())
    }

    /// Finds links; returns how many items were matched afresh.
    fn relink(
        &self,
        stale: &[PaperId],
        rows: &HashMap<PaperId, PaperRow>,
        full: bool,
    ) -> Result<usize> {
        // A full run reads every item; an incremental one only those the changed papers
        // can touch: their own, and their bodies' items from within the horizon before
        // them (which include every item linked to them), and items whose link points
        // at a paper that is gone.
        let items = if full {
            self.store.track_items(None)?
        } else {
            let bodies: Vec<Option<String>> = stale
                .iter()
                .filter_map(|id| rows.get(id))
                .map(|r| r.body.clone())
                .collect::<HashSet<_>>()
                .into_iter()
                .collect();
            let earliest = stale
                .iter()
                .filter_map(|id| rows.get(id).and_then(|r| r.date.as_deref()))
                .filter_map(boardpack_track::link::day_of)
                .map(|d| d.0)
                .min();
            let mut items = self.store.track_items(Some(stale))?;
            if let Some(day) = earliest {
                let since =
                    boardpack_track::iso_from_days(day - boardpack_track::link::HORIZON_DAYS - 1);
                items.extend(self.store.track_items_since(&bodies, &since)?);
            } else {
                items.extend(self.store.track_items_since(&bodies, "")?);
            }
            items.extend(self.store.track_items_dangling()?);
            let mut seen = HashSet::new();
            items.retain(|it| seen.insert(it.id.clone()));
            items
        };
        let rejected = rejected_links(&self.store)?;
        if std::env::var_os("BOARDPACK_TRACE").is_some() {
            eprintln!("track: {} items to consider", items.len());
        }
        let weights = IndexWeights::new(&self.index);
        let stale_set: HashSet<PaperId> = stale.iter().copied().collect();
        // Items to match against every later passage of their body (not work the paper
        // itself reports as done).
        let fresh: Vec<&StoredItem> = items
            .iter()
            .filter(|it| !done_in_own_paper(it, rows))
            .filter(|it| {
                full || stale_set.contains(&it.item.paper)
                    || it.link.as_ref().is_some_and(|l| {
                        stale_set.contains(&l.paper) || !rows.contains_key(&l.paper)
                    })
            })
            .collect();
        let mut updates: Vec<(String, Option<Link>)> = Vec::new();
        if !fresh.is_empty() {
            // Papers to read: those of the items' bodies dated after the earliest item.
            let bodies: HashSet<Option<&str>> = fresh
                .iter()
                .map(|it| rows.get(&it.item.paper).and_then(|r| r.body.as_deref()))
                .collect();
            let earliest = fresh
                .iter()
                .filter_map(|it| rows.get(&it.item.paper).and_then(|r| r.date.clone()))
                .min();
            let scan: Option<Vec<PaperId>> = (!full).then(|| {
                let mut ids: Vec<PaperId> = rows
                    .values()
                    .filter(|r| bodies.contains(&r.body.as_deref()))
                    .filter(|r| r.date.is_some() && r.date > earliest)
                    .map(|r| r.id)
                    .collect();
                ids.sort_unstable();
                ids
            });
            let links = self.match_items(&fresh, scan.as_deref(), rows, &weights, &rejected)?;
            for (i, it) in fresh.iter().enumerate() {
                updates.push((it.id.clone(), links.get(&i).cloned()));
            }
        }
        if !full && !stale.is_empty() {
            // Other items may now be reported on in the changed papers.
            let fresh_ids: HashSet<&str> = fresh.iter().map(|it| it.id.as_str()).collect();
            let stale_bodies: HashSet<Option<&str>> = stale
                .iter()
                .filter_map(|id| rows.get(id))
                .map(|r| r.body.as_deref())
                .collect();
            // Only items a changed paper could report on, and could report on first: older
            // than the latest changed paper, within the horizon, and not already reported
            // strongly by a paper no later than the earliest changed one.
            let stale_dates: Vec<&str> = stale
                .iter()
                .filter_map(|id| rows.get(id).and_then(|r| r.date.as_deref()))
                .collect();
            let first_stale = stale_dates.iter().min().copied().unwrap_or("");
            let last_stale = stale_dates.iter().max().copied().unwrap_or("");
            let last_day = boardpack_track::link::day_of(last_stale).map_or(i64::MIN, |d| d.0);
            let others: Vec<&StoredItem> = items
                .iter()
                .filter(|it| !done_in_own_paper(it, rows))
                .filter(|it| !fresh_ids.contains(it.id.as_str()))
                .filter(|it| {
                    let Some(row) = rows.get(&it.item.paper) else {
                        return false;
                    };
                    let Some(day) = row.date.as_deref().and_then(boardpack_track::link::day_of)
                    else {
                        return false;
                    };
                    stale_bodies.contains(&row.body.as_deref())
                        && day.0 < last_day
                        && last_day - day.0 <= boardpack_track::link::HORIZON_DAYS
                })
                .filter(|it| {
                    !it.link.as_ref().is_some_and(|l| {
                        l.score >= boardpack_track::link::STRONG
                            && rows
                                .get(&l.paper)
                                .and_then(|r| r.date.as_deref())
                                .is_some_and(|d| d <= first_stale)
                    })
                })
                .collect();
            if !others.is_empty() {
                let mut ids = stale.to_vec();
                ids.sort_unstable();
                let found = self.match_items(&others, Some(&ids), rows, &weights, &rejected)?;
                for (i, new) in found {
                    let it = others[i];
                    let keep_old = it.link.as_ref().is_some_and(|old| {
                        let date = |l: &Link| {
                            rows.get(&l.paper)
                                .and_then(|r| r.date.clone())
                                .unwrap_or_default()
                        };
                        let mut best = Best::default();
                        best.consider(
                            boardpack_track::Scored {
                                item: 0,
                                link: old.clone(),
                            },
                            &date(old),
                        );
                        best.consider(
                            boardpack_track::Scored {
                                item: 0,
                                link: new.clone(),
                            },
                            &date(&new),
                        );
                        best.get(0) == Some(old)
                    });
                    if !keep_old {
                        updates.push((it.id.clone(), Some(new)));
                    }
                }
            }
        }
        let relinked = fresh.len();
        let t = std::time::Instant::now();
        self.store.set_links(&updates)?;
        if std::env::var_os("BOARDPACK_TRACE").is_some() {
            eprintln!(
                "track: stored {} links in {:.2} s",
                updates.len(),
                t.elapsed().as_secs_f64()
            );
        }
        Ok(relinked)
    }

    /// Matches `items` against the passages of `scan` papers (all papers when None);
    /// returns the link kept for each item, by position.
    fn match_items(
        &self,
        items: &[&StoredItem],
        scan: Option<&[PaperId]>,
        rows: &HashMap<PaperId, PaperRow>,
        weights: &dyn Weights,
        rejected: &HashSet<(String, String)>,
    ) -> Result<HashMap<usize, Link>> {
        // One matcher per body; positions map back to `items`.
        let mut by_body: HashMap<Option<String>, Vec<usize>> = HashMap::new();
        for (i, it) in items.iter().enumerate() {
            let body = rows.get(&it.item.paper).and_then(|r| r.body.clone());
            by_body.entry(body).or_default().push(i);
        }
        let matchers: HashMap<Option<String>, (Matcher, &Vec<usize>)> = by_body
            .iter()
            .map(|(body, positions)| {
                let list: Vec<(Item, Option<String>)> = positions
                    .iter()
                    .map(|&i| {
                        let it = items[i];
                        let date = rows.get(&it.item.paper).and_then(|r| r.date.clone());
                        (it.item.clone(), date)
                    })
                    .collect();
                (body.clone(), (Matcher::new(&list, weights), positions))
            })
            .collect();
        // The store streams passages on this thread in batches; two workers score them
        // (the matchers are read-only); this thread keeps the best link per item.
        type Found = (Option<String>, boardpack_track::Scored, String);
        let mut best: HashMap<Option<String>, Best> = HashMap::new();
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
        std::thread::scope(|scope| -> Result<()> {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(PaperRef, PassageRef)>>(8);
            let rx = std::sync::Arc::new(Mutex::new(rx));
            let (found_tx, found_rx) = std::sync::mpsc::channel::<Vec<Found>>();
            for _ in 0..workers {
                let rx = rx.clone();
                let found_tx = found_tx.clone();
                let matchers = &matchers;
                scope.spawn(move || {
                    // One scratch per body's matcher (its accumulator is sized to it).
                    let mut scratch: HashMap<Option<String>, boardpack_track::link::Scratch> =
                        HashMap::new();
                    loop {
                        let batch = match rx.lock() {
                            Ok(r) => r.recv(),
                            Err(_) => return,
                        };
                        let Ok(batch) = batch else { return };
                        let mut out: Vec<Found> = Vec::new();
                        for (paper, passage) in &batch {
                            let Some((matcher, positions)) = matchers.get(&paper.body) else {
                                continue;
                            };
                            let Some(date) = &paper.date else { continue };
                            let cache = scratch.entry(paper.body.clone()).or_default();
                            for scored in matcher.offer(paper, passage, cache) {
                                let it = items[positions[scored.item]];
                                let key = target_key(
                                    &paper.path,
                                    paper.part,
                                    passage.number.as_deref(),
                                    passage.ord,
                                );
                                if rejected.contains(&(it.id.clone(), key)) {
                                    continue;
                                }
                                out.push((paper.body.clone(), scored, date.clone()));
                            }
                        }
                        if !out.is_empty() && found_tx.send(out).is_err() {
                            return;
                        }
                    }
                });
            }
            drop(found_tx);
            // Keep the best link per item as results arrive, so memory stays flat.
            let collector = scope.spawn(move || {
                let mut best: HashMap<Option<String>, Best> = HashMap::new();
                for found in found_rx {
                    for (body, scored, date) in found {
                        best.entry(body).or_default().consider(scored, &date);
                    }
                }
                best
            });
            let mut batch: Vec<(PaperRef, PassageRef)> = Vec::with_capacity(512);
            let mut open = true;
            let streamed = self.store.for_each_passage(scan, &mut |row, p| {
                // An action entry restates work to do, and an agenda lists business to
                // come: neither reports on anything.
                if !open || p.field == "action" || row.kind == "agenda" || row.date.is_none() {
                    return;
                }
                if !matchers.contains_key(&row.body) {
                    return;
                }
                batch.push((paper_ref(row), passage_ref(p)));
                if batch.len() == 512 {
                    open = tx.send(std::mem::take(&mut batch)).is_ok();
                }
            });
            if !batch.is_empty() {
                let _ = tx.send(batch);
            }
            drop(tx);
            best = collector
                .join()
                .map_err(|_| anyhow::anyhow!("the track stage's collector failed"))?;
            streamed?;
            Ok(())
        })?;
        let mut out = HashMap::new();
        for (body, b) in best {
            let positions = &by_body[&body];
            for (k, link) in b.into_links() {
                out.insert(positions[k], link);
            }
        }
        Ok(out)
    }

    /// The actions register (and, with `kinds`, the programme of activities), oldest
    /// paper first.
    pub fn follow_ups(&self, filter: &FollowFilter) -> Result<Vec<FollowUp>> {
        self.track()?;
        let rows = rows_by_id(&self.store)?;
        let items = match filter.paper {
            Some(p) => self.store.track_items(Some(&[p]))?,
            None => self.store.track_items(None)?,
        };
        let reviews = self.store.link_reviews()?;
        let overrides = self.store.status_overrides()?;
        let mut passages: HashMap<PaperId, Vec<Passage>> = HashMap::new();
        let mut out = Vec::new();
        for it in items {
            let Some(row) = rows.get(&it.item.paper) else {
                continue;
            };
            if filter.body.is_some() && row.body != filter.body {
                continue;
            }
            if !filter.kinds.is_empty() && !filter.kinds.contains(&it.item.kind) {
                continue;
            }
            let f = self.follow_up_of(
                it,
                row,
                &rows,
                &reviews,
                &overrides,
                &mut passages,
                &filter.as_of,
            )?;
            if filter.open && !f.status.is_open() {
                continue;
            }
            if !filter.status.is_empty() && !filter.status.contains(&f.status) {
                continue;
            }
            out.push(f);
        }
        out.sort_by(|a, b| {
            (
                a.source.date.as_deref(),
                a.source.id,
                a.item.kind,
                a.item.ord,
            )
                .cmp(&(
                    b.source.date.as_deref(),
                    b.source.id,
                    b.item.kind,
                    b.item.ord,
                ))
        });
        Ok(out)
    }

    /// One follow-up by its id.
    pub fn follow_up(&self, id: &str, as_of: &str) -> Result<Option<FollowUp>> {
        self.track()?;
        let Some(it) = self.store.track_item(id)? else {
            return Ok(None);
        };
        let rows = rows_by_id(&self.store)?;
        let Some(row) = rows.get(&it.item.paper) else {
            return Ok(None);
        };
        let reviews = self.store.link_reviews()?;
        let overrides = self.store.status_overrides()?;
        let mut passages = HashMap::new();
        Ok(Some(self.follow_up_of(
            it,
            row,
            &rows,
            &reviews,
            &overrides,
            &mut passages,
            as_of,
        )?))
    }

    #[allow(clippy::too_many_arguments)]
    fn follow_up_of(
        &self,
        it: StoredItem,
        row: &PaperRow,
        rows: &HashMap<PaperId, PaperRow>,
        reviews: &[(String, String, Verdict)],
        overrides: &HashMap<String, Status>,
        passages: &mut HashMap<PaperId, Vec<Passage>>,
        as_of: &str,
    ) -> Result<FollowUp> {
        let source = paper_ref(row);
        let title = row.title.clone().unwrap_or_else(|| file_name(&row.path));
        let place = match (&it.item.item, it.item.kind) {
            (Some(n), ItemKind::Activity) => format!("§{n}"),
            (Some(n), k) => format!("item {n}, {} {}", k.as_str(), it.item.ord + 1),
            (None, k) => format!("{} {}", k.as_str(), it.item.ord + 1),
        };
        let meta: Vec<&str> = [row.body.as_deref(), row.date.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let cite = if meta.is_empty() {
            format!("{title}, {place}")
        } else {
            format!("{title}, {place} ({})", meta.join(", "))
        };
        // An activity whose timescale ended before its own paper was written is reported
        // as done by that paper.
        let done_in_own_paper = done_in_own_paper(&it, rows);
        // A confirmed target wins; a rejected computed link is dropped.
        let mine: Vec<&(String, String, Verdict)> =
            reviews.iter().filter(|(i, _, _)| *i == it.id).collect();
        let mut link: Option<(Link, &PaperRow)> = None;
        if let Some((_, target, _)) = mine.iter().rev().find(|(_, _, v)| *v == Verdict::Confirmed) {
            link = self.resolve_target(target, rows, passages)?;
        }
        if link.is_none()
            && !done_in_own_paper
            && let Some(l) = &it.link
            && let Some(r) = rows.get(&l.paper)
        {
            let key = target_key(&r.path, r.part, l.paragraph.as_deref(), l.ord);
            if !mine
                .iter()
                .any(|(_, t, v)| *t == key && *v == Verdict::Rejected)
            {
                link = Some((l.clone(), r));
            }
        }
        let view = match link {
            Some((l, r)) => {
                let list = cached_passages(&self.store, passages, r.id)?;
                let p = list.iter().find(|p| p.ord == l.ord);
                let text = p.map(|p| p.text.clone()).unwrap_or_default();
                let t = r.title.clone().unwrap_or_else(|| file_name(&r.path));
                let c = citation(
                    &t,
                    l.paragraph.as_deref(),
                    p.and_then(|p| p.heading.as_deref()),
                    p.map_or("text", |p| p.field.as_str()),
                    r.body.as_deref(),
                    r.date.as_deref(),
                );
                Some(LinkView {
                    link: l,
                    target: paper_ref(r),
                    text,
                    citation: c,
                })
            }
            None => None,
        };
        let by_user = overrides.get(&it.id).copied();
        let status = by_user.unwrap_or_else(|| {
            if view.is_some() || done_in_own_paper {
                Status::Reported
            } else {
                match it.item.end.as_deref() {
                    None => Status::NoTimescale,
                    Some(end) if end >= as_of => Status::Due,
                    Some(_) => Status::Overdue,
                }
            }
        });
        Ok(FollowUp {
            id: it.id,
            item: it.item,
            source,
            citation: cite,
            status,
            status_set_by_user: by_user.is_some(),
            link: view,
        })
    }

    /// A review's target key as a link to a stored passage, if it still exists.
    fn resolve_target<'r>(
        &self,
        target: &str,
        rows: &'r HashMap<PaperId, PaperRow>,
        passages: &mut HashMap<PaperId, Vec<Passage>>,
    ) -> Result<Option<(Link, &'r PaperRow)>> {
        for r in rows.values() {
            let prefix = format!("{}#{}", r.path, r.part);
            let Some(rest) = target.strip_prefix(&prefix) else {
                continue;
            };
            let list = cached_passages(&self.store, passages, r.id)?;
            let found = if let Some(n) = rest.strip_prefix('§') {
                list.iter().find(|p| p.number.as_deref() == Some(n))
            } else if let Some(o) = rest.strip_prefix('@') {
                let o: u32 = o.parse().unwrap_or(u32::MAX);
                list.iter().find(|p| p.ord == o)
            } else {
                None
            };
            if let Some(p) = found {
                return Ok(Some((
                    Link {
                        paper: r.id,
                        ord: p.ord,
                        paragraph: p.number.clone(),
                        score: 1.0,
                        why: vec!["confirmed by a user".into()],
                        verdict: Some(Verdict::Confirmed),
                    },
                    r,
                )));
            }
        }
        Ok(None)
    }

    /// Confirms or rejects a follow-up's link. With `target` (paper id, passage ord) the
    /// user names the paragraph that reports on it; without, the verdict is on the
    /// current link. Kept in the library; survives re-ingest.
    pub fn review_link(
        &self,
        id: &str,
        verdict: Verdict,
        target: Option<(i64, u32)>,
    ) -> Result<()> {
        let Some(it) = self.store.track_item(id)? else {
            anyhow::bail!("no action, decision or activity has the id {id}");
        };
        let (paper, ord) = match target {
            Some(t) => t,
            None => match &it.link {
                Some(l) => (l.paper, l.ord),
                None => anyhow::bail!("{id} has no link to confirm or reject; name a paragraph"),
            },
        };
        let Some(row) = self.store.row(paper)? else {
            anyhow::bail!("no paper has the id {paper}");
        };
        let passages = self.store.passages(paper)?;
        let Some(p) = passages.iter().find(|p| p.ord == ord) else {
            anyhow::bail!("paper {paper} has no passage {ord}");
        };
        let key = target_key(&row.path, row.part, p.number.as_deref(), p.ord);
        self.store.set_link_review(id, &key, Some(verdict), now())?;
        if verdict == Verdict::Rejected
            && it
                .link
                .as_ref()
                .is_some_and(|l| l.paper == paper && l.ord == ord)
        {
            // Look again without the rejected passage at the next track run.
            self.store.set_links(&[(id.to_string(), None)])?;
            let rows = rows_by_id(&self.store)?;
            let rejected = rejected_links(&self.store)?;
            let weights = IndexWeights::new(&self.index);
            let scan: Vec<PaperId> = {
                let body = rows.get(&it.item.paper).and_then(|r| r.body.clone());
                let mut ids: Vec<PaperId> = rows
                    .values()
                    .filter(|r| r.body == body)
                    .map(|r| r.id)
                    .collect();
                ids.sort_unstable();
                ids
            };
            let links = self.match_items(&[&it], Some(&scan), &rows, &weights, &rejected)?;
            self.store
                .set_links(&[(id.to_string(), links.get(&0).cloned())])?;
        }
        Ok(())
    }

    /// Sets (or, with `None`, clears) a follow-up's status by hand.
    pub fn set_status(&self, id: &str, status: Option<Status>) -> Result<()> {
        self.track()?;
        if self.store.track_item(id)?.is_none() {
            anyhow::bail!("no action, decision or activity has the id {id}");
        }
        self.store.set_status_override(id, status, now())?;
        Ok(())
    }

    /// The subjects that recur (in at least two papers), most papers first.
    pub fn threads(&self, body: Option<&str>) -> Result<Vec<ThreadSummary>> {
        self.track()?;
        let mut threads = self.thread_groups()?;
        if let Some(body) = body {
            let keep: HashSet<String> =
                self.store.subject_keys_of_body(body)?.into_iter().collect();
            threads.retain(|t| {
                std::iter::once(&t.summary.key)
                    .chain(&t.keys)
                    .any(|k| keep.contains(k))
            });
        }
        Ok(threads.into_iter().map(|t| t.summary).collect())
    }

    /// One subject's history, by key, name or alias.
    pub fn thread(&self, name: &str) -> Result<Option<ThreadDetail>> {
        self.track()?;
        let wanted = boardpack_track::key_of(name);
        let groups = self.thread_groups()?;
        let exact = |g: &Group| {
            g.summary.key == wanted
                || g.keys.contains(&wanted)
                || g.summary
                    .aliases
                    .iter()
                    .any(|a| boardpack_track::key_of(a) == wanted)
        };
        // Else the most-mentioned subject whose name holds the words asked for.
        let padded = format!(" {wanted} ");
        let partial = |g: &Group| {
            !wanted.is_empty()
                && std::iter::once(&g.summary.key)
                    .chain(&g.keys)
                    .any(|k| format!(" {k} ").contains(&padded))
        };
        let found = groups
            .iter()
            .position(exact)
            .or_else(|| groups.iter().position(partial));
        let Some(group) = found.and_then(|i| groups.into_iter().nth(i)) else {
            return Ok(None);
        };
        let rows = rows_by_id(&self.store)?;
        let mut seen = HashSet::new();
        let mut timeline = Vec::new();
        for m in self.store.subject_mentions(&group.keys)? {
            if !seen.insert((m.paper, m.ord)) {
                continue;
            }
            let Some(row) = rows.get(&m.paper) else {
                continue;
            };
            let title = row.title.clone().unwrap_or_else(|| file_name(&row.path));
            timeline.push(ThreadEntry {
                paper: paper_ref(row),
                ord: m.ord,
                paragraph: m.number.clone(),
                citation: citation(
                    &title,
                    m.number.as_deref(),
                    None,
                    "text",
                    row.body.as_deref(),
                    row.date.as_deref(),
                ),
                text: m.text,
                kind: m.mention.kind,
                amount: m.mention.amount,
            });
        }
        timeline.sort_by(|a, b| {
            (a.paper.date.as_deref(), a.paper.id, a.ord).cmp(&(
                b.paper.date.as_deref(),
                b.paper.id,
                b.ord,
            ))
        });
        Ok(Some(ThreadDetail {
            summary: group.summary,
            timeline,
        }))
    }

    /// Subjects grouped: abbreviations and shorter forms merged into the name they stand
    /// for; only those in two or more papers.
    fn thread_groups(&self) -> Result<Vec<Group>> {
        let counts = self.store.subject_counts()?;
        let aliases = self.store.subject_aliases()?;
        Ok(group_subjects(counts, aliases))
    }
}

/// A subject with the keys merged into it.
struct Group {
    summary: ThreadSummary,
    keys: Vec<String>,
}

/// Merges subject keys: an abbreviation into the long form most papers define it as; a
/// shorter name into the one longer name that ends with it ("Jobs Guarantee" into
/// "Northmoor Jobs Guarantee"). Keeps subjects mentioned in two or more papers.
fn group_subjects(
    counts: Vec<boardpack_store::SubjectCount>,
    aliases: Vec<(String, String, u64)>,
) -> Vec<Group> {
    let by_key: HashMap<&str, &boardpack_store::SubjectCount> =
        counts.iter().map(|c| (c.key.as_str(), c)).collect();
    let mut parent: HashMap<String, String> = HashMap::new();
    let mut best_alias: HashMap<&str, (&str, u64)> = HashMap::new();
    for (short, long, n) in &aliases {
        let e = best_alias
            .entry(short.as_str())
            .or_insert((long.as_str(), 0));
        if *n > e.1 {
            *e = (long.as_str(), *n);
        }
    }
    for (short, (long, _)) in &best_alias {
        if short != long {
            parent.insert(short.to_string(), long.to_string());
        }
    }
    // Suffixes: "jobs guarantee" → "northmoor jobs guarantee" when exactly one longer
    // key ends with it.
    let mut ends: HashMap<String, Vec<&str>> = HashMap::new();
    for c in &counts {
        let words: Vec<&str> = c.key.split(' ').collect();
        for k in 1..words.len().saturating_sub(1) {
            ends.entry(words[k..].join(" ")).or_default().push(&c.key);
        }
    }
    // A name and the one longer name ending with it are one subject, under whichever
    // more papers use: "Jobs Guarantee" joins "Northmoor Jobs Guarantee", and
    // "Launching the Northmoor Jobs Guarantee" (a sentence's opening caught in the name)
    // joins "Northmoor Jobs Guarantee".
    for c in &counts {
        if parent.contains_key(&c.key) || c.key.split(' ').count() < 2 {
            continue;
        }
        if let Some(longer) = ends.get(&c.key)
            && let [longer] = longer.as_slice()
            && !parent.contains_key(*longer)
        {
            let long_papers = by_key.get(longer).map_or(0, |l| l.papers);
            if long_papers >= c.papers {
                parent.insert(c.key.clone(), longer.to_string());
            } else {
                parent.insert(longer.to_string(), c.key.clone());
            }
        }
    }
    let root = |k: &str| -> String {
        let mut k = k.to_string();
        for _ in 0..8 {
            match parent.get(&k) {
                Some(p) if *p != k => k = p.clone(),
                _ => break,
            }
        }
        k
    };
    let mut groups: HashMap<String, Vec<&boardpack_store::SubjectCount>> = HashMap::new();
    for c in &counts {
        groups.entry(root(&c.key)).or_default().push(c);
    }
    let mut out = Vec::new();
    for (key, members) in groups {
        // Papers: the most any one key has (a lower bound on the union).
        let papers = members.iter().map(|c| c.papers).max().unwrap_or(0) as usize;
        if papers < 2 {
            continue;
        }
        let main = by_key
            .get(key.as_str())
            .copied()
            .or_else(|| members.first().copied());
        let Some(main) = main else { continue };
        let mut aliases: Vec<String> = members
            .iter()
            .filter(|c| c.key != key)
            .map(|c| c.name.clone())
            .collect();
        aliases.sort();
        aliases.dedup();
        out.push(Group {
            summary: ThreadSummary {
                key: key.clone(),
                name: main.name.clone(),
                aliases,
                papers,
                mentions: members.iter().map(|c| c.mentions as usize).sum(),
                first: members.iter().filter_map(|c| c.first.clone()).min(),
                last: members.iter().filter_map(|c| c.last.clone()).max(),
            },
            keys: members.iter().map(|c| c.key.clone()).collect(),
        });
    }
    out.sort_by(|a, b| {
        b.summary
            .papers
            .cmp(&a.summary.papers)
            .then(b.summary.mentions.cmp(&a.summary.mentions))
            .then(a.summary.key.cmp(&b.summary.key))
    });
    out
}

/// Whether an activity's timescale ended before its own paper was written: the paper
/// reports it as done.
fn done_in_own_paper(it: &StoredItem, rows: &HashMap<PaperId, PaperRow>) -> bool {
    it.item.kind == ItemKind::Activity
        && (boardpack_track::is_done(&it.item.text)
            || it.item.end.as_deref().is_some_and(|e| {
                rows.get(&it.item.paper)
                    .and_then(|r| r.date.as_deref())
                    .is_some_and(|d| e < d)
            }))
}

/// One paper's track rows.
fn derive_one(
    row: &PaperRow,
    record: &boardpack_model::Paper,
    passages: &[Passage],
) -> TrackDerived {
    let mut occurrences: HashMap<(ItemKind, String), usize> = HashMap::new();
    let items = boardpack_track::items(row.id, record)
        .into_iter()
        .map(|it| {
            let n = occurrences.entry((it.kind, it.text.clone())).or_insert(0);
            *n += 1;
            (item_id(row, &it, *n), it)
        })
        .collect();
    let refs: Vec<PassageRef> = passages.iter().map(passage_ref).collect();
    let orgs: Vec<(String, Vec<String>)> = record
        .organisations
        .iter()
        .map(|o| (o.name.clone(), o.aliases.clone()))
        .collect();
    let subjects = boardpack_track::subjects(&refs, &orgs, row.body.as_deref());
    TrackDerived {
        paper: row.id,
        hash: row.hash.clone(),
        items,
        mentions: subjects.mentions,
        aliases: subjects.aliases,
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Today's date (UTC) as ISO, for statuses.
pub fn today() -> String {
    let secs = now().max(0);
    boardpack_track::iso_from_days(secs / 86_400)
}
