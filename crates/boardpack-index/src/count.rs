//! The total and facet counts of a search: exact up to [`EXACT_UP_TO`] matches, estimated
//! from a sample beyond.
//!
//! Runs apart from ranking (so `TopDocs` keeps tantivy's block-WAND pruning) with scoring
//! disabled. Each segment's documents are cut into chunks of [`CHUNK`] ids; every
//! [`STRIDE`]th chunk is the sample and is always counted. Then the other chunks are
//! counted too, until the matches seen in all segments (a lower bound of the total, shared
//! between the threads) pass [`EXACT_UP_TO`]: a search with no more matches than that is
//! therefore always counted exactly. A segment that stopped early contributes its sample,
//! times [`STRIDE`], to the total and facets, and the result says it is an estimate. The
//! sample is systematic (evenly spread chunks of consecutive documents), so papers of
//! every body, year and kind are in it in proportion, whatever order they were added in.
//!
//! Not for ranking or snippets (`lib.rs`), nor for reading the columns (`facets.rs`).

use std::sync::atomic::{AtomicU64, Ordering};

use tantivy::query::{EnableScoring, Query, Scorer};
use tantivy::{DocId, Searcher, SegmentReader, TERMINATED};

use crate::Facets;
use crate::facets::{SegmentCounts, SegmentFacetCounter, merge};

/// Searches with at most this many matches are counted exactly.
pub const EXACT_UP_TO: u64 = 50_000;
/// Documents per chunk.
const CHUNK: u32 = 4096;
/// One chunk in this many is the sample.
const STRIDE: u32 = 16;

/// What a search matched, in numbers.
pub(crate) struct Counts {
    /// Matching passages (estimated when `estimate`).
    pub total: u64,
    /// Facet counts over them (estimated when `estimate`).
    pub facets: Facets,
    /// Whether the figures are estimated from a sample.
    pub estimate: bool,
}

/// Counts the matches of `query` and their facet values, exactly when there are at most
/// `exact_up_to`.
pub(crate) fn count(
    searcher: &Searcher,
    query: &dyn Query,
    exact_up_to: u64,
) -> tantivy::Result<Counts> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let seen = AtomicU64::new(0);
    let segments = searcher.index().search_executor().map(
        |reader: &SegmentReader| count_segment(weight.as_ref(), reader, &seen, exact_up_to),
        searcher.segment_readers().iter(),
    )?;
    let estimate = segments.iter().any(|s| s.sampled);
    let (mut total, facets) = merge(
        segments
            .into_iter()
            .flat_map(|s| std::iter::once((s.sample, s.weight)).chain(s.rest.map(|r| (r, 1.0)))),
    )?;
    if estimate {
        // An unlucky sample must not say fewer than were seen.
        total = total.max(seen.load(Ordering::Relaxed));
    }
    Ok(Counts {
        total,
        facets,
        estimate,
    })
}

/// One segment's counts: the sample chunks, and the others unless it stopped early.
struct SegmentResult {
    sample: SegmentCounts,
    rest: Option<SegmentCounts>,
    /// Whether the sample stands for the whole segment.
    sampled: bool,
    /// What each sampled match stands for: the segment's documents over those sampled
    /// when `sampled`, else 1.
    weight: f64,
}

fn count_segment(
    weight: &dyn tantivy::query::Weight,
    reader: &SegmentReader,
    seen: &AtomicU64,
    exact_up_to: u64,
) -> tantivy::Result<SegmentResult> {
    let max_doc = reader.max_doc();
    let chunks = max_doc.div_ceil(CHUNK);
    let alive = reader.alive_bitset();
    let is_alive = |doc: DocId| alive.is_none_or(|a| a.is_alive(doc));

    // The sample: every STRIDEth chunk.
    let mut scorer = weight.scorer(reader, 1.0)?;
    let mut sample = SegmentFacetCounter::new(reader)?;
    let mut n = 0u64;
    let mut sampled_docs = 0u32;
    for c in (0..chunks).step_by(STRIDE as usize) {
        sampled_docs += ((c + 1) * CHUNK).min(max_doc) - c * CHUNK;
        n += scan(scorer.as_mut(), c * CHUNK, (c + 1) * CHUNK, |doc| {
            if is_alive(doc) {
                sample.collect(doc);
                true
            } else {
                false
            }
        });
    }
    let sample = sample.harvest();
    let estimated = |sample| {
        let sampled = sampled_docs < max_doc;
        Ok(SegmentResult {
            sample,
            rest: None,
            sampled,
            weight: if sampled {
                f64::from(max_doc) / f64::from(sampled_docs.max(1))
            } else {
                1.0
            },
        })
    };
    if seen.fetch_add(n, Ordering::Relaxed) + n > exact_up_to {
        return estimated(sample);
    }

    // The rest, while the total may still be small enough to count exactly.
    let mut scorer = weight.scorer(reader, 1.0)?;
    let mut rest = SegmentFacetCounter::new(reader)?;
    for c in (0..chunks).step_by(STRIDE as usize) {
        let (lo, hi) = ((c + 1) * CHUNK, ((c + STRIDE) * CHUNK).min(max_doc));
        if lo >= hi {
            continue;
        }
        let n = scan(scorer.as_mut(), lo, hi, |doc| {
            if is_alive(doc) {
                rest.collect(doc);
                true
            } else {
                false
            }
        });
        if seen.fetch_add(n, Ordering::Relaxed) + n > exact_up_to {
            return estimated(sample);
        }
    }
    Ok(SegmentResult {
        sample,
        rest: Some(rest.harvest()),
        sampled: false,
        weight: 1.0,
    })
}

/// Feeds the matches in `lo..hi` to `f`, returning how many it took.
fn scan(scorer: &mut dyn Scorer, lo: DocId, hi: DocId, mut f: impl FnMut(DocId) -> bool) -> u64 {
    let mut doc = scorer.doc();
    if doc < lo {
        doc = scorer.seek(lo);
    }
    let mut n = 0;
    while doc < hi && doc != TERMINATED {
        if f(doc) {
            n += 1;
        }
        doc = scorer.advance();
    }
    n
}
