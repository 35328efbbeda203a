//! The total and facet counts of a search: exact up to [`EXACT_UP_TO`] matches, estimated
//! from a sample beyond.
//!
//! First, with scoring disabled and unless tantivy's bound on the matches (the scorers'
//! size hints) is already within the limit, [`sample`] counts the matches in every
//! [`STRIDE`]th chunk of [`CHUNK`] documents of each segment (a systematic sample: evenly spread runs
//! of consecutive documents, so papers of every body, year and kind are in it in
//! proportion, whatever order they were added in). When that suggests few matches,
//! `lib.rs` ranks and counts in one pass (`facets::FacetCounter` beside `TopDocs`),
//! exactly. Otherwise it ranks alone, so tantivy keeps its block-WAND pruning, and
//! [`Sample::finish`] counts the other chunks until the matches seen in all segments (a
//! lower bound of the total, shared between the threads) pass the limit: a search with
//! no more matches than that is therefore always counted exactly. A segment that stopped
//! early contributes its sample, scaled by its documents over those sampled, to the
//! total and facets, and the result says it is an estimate.
//!
//! Not for ranking or snippets (`lib.rs`), nor for reading the columns (`facets.rs`).

use std::sync::atomic::{AtomicU64, Ordering};

use tantivy::query::{EnableScoring, Query, Scorer, Weight};
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

/// The sample chunks of every segment, counted.
pub(crate) struct Sample {
    weight: Box<dyn Weight>,
    segments: Vec<SegmentSample>,
    /// Matches found in the sample.
    seen: u64,
}

/// One segment's sample.
struct SegmentSample {
    counts: SegmentCounts,
    /// Matches found.
    found: u64,
    /// Documents sampled, of `max_doc`.
    sampled_docs: u32,
    max_doc: u32,
}

impl SegmentSample {
    /// What each match found in the sample stands for.
    fn weight(&self) -> f64 {
        f64::from(self.max_doc) / f64::from(self.sampled_docs.max(1))
    }
}

/// Counts the matches of `query` in every [`STRIDE`]th chunk of each segment; None,
/// without sampling, when tantivy's own bound on the matches (the scorers' size hints,
/// e.g. the rarest term's documents for an AND) is at most `exact_up_to`.
pub(crate) fn sample(
    searcher: &Searcher,
    query: &dyn Query,
    exact_up_to: u64,
) -> tantivy::Result<Option<Sample>> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut bound = 0u64;
    for reader in searcher.segment_readers() {
        bound += u64::from(weight.scorer(reader, 1.0)?.size_hint());
    }
    if bound <= exact_up_to {
        return Ok(None);
    }
    let segments = searcher.index().search_executor().map(
        |reader: &SegmentReader| sample_segment(weight.as_ref(), reader),
        searcher.segment_readers().iter(),
    )?;
    let seen = segments.iter().map(|s| s.found).sum();
    Ok(Some(Sample {
        weight,
        segments,
        seen,
    }))
}

fn sample_segment(weight: &dyn Weight, reader: &SegmentReader) -> tantivy::Result<SegmentSample> {
    let max_doc = reader.max_doc();
    let chunks = max_doc.div_ceil(CHUNK);
    let alive = reader.alive_bitset();
    let mut scorer = weight.scorer(reader, 1.0)?;
    let mut counts = SegmentFacetCounter::new(reader)?;
    let (mut found, mut sampled_docs) = (0u64, 0u32);
    for c in (0..chunks).step_by(STRIDE as usize) {
        sampled_docs += ((c + 1) * CHUNK).min(max_doc) - c * CHUNK;
        found += scan(scorer.as_mut(), c * CHUNK, (c + 1) * CHUNK, |doc| {
            let ok = alive.is_none_or(|a| a.is_alive(doc));
            if ok {
                counts.count(doc);
            }
            ok
        });
    }
    Ok(SegmentSample {
        counts: counts.finish(),
        found,
        sampled_docs,
        max_doc,
    })
}

impl Sample {
    /// The total the sample suggests.
    pub(crate) fn estimated_total(&self) -> f64 {
        self.segments
            .iter()
            .map(|s| s.found as f64 * s.weight())
            .sum()
    }

    /// Counts the other chunks too, while no more than `exact_up_to` matches have been
    /// seen in all; segments that stop early are estimated from their sample.
    pub(crate) fn finish(self, searcher: &Searcher, exact_up_to: u64) -> tantivy::Result<Counts> {
        let Sample {
            weight,
            segments,
            seen,
        } = self;
        let seen = AtomicU64::new(seen);
        let readers = searcher.segment_readers();
        let rests = searcher.index().search_executor().map(
            |(reader, sample): (&SegmentReader, &SegmentSample)| {
                if seen.load(Ordering::Relaxed) > exact_up_to {
                    return Ok(None);
                }
                count_rest(weight.as_ref(), reader, sample, &seen, exact_up_to)
            },
            readers.iter().zip(&segments),
        )?;
        let mut estimate = false;
        let mut parts = Vec::with_capacity(segments.len() * 2);
        for (sample, rest) in segments.into_iter().zip(rests) {
            let whole = sample.sampled_docs >= sample.max_doc;
            match rest {
                Some(rest) => {
                    parts.push((sample.counts, 1.0));
                    parts.push((rest, 1.0));
                }
                None => {
                    estimate |= !whole;
                    let w = if whole { 1.0 } else { sample.weight() };
                    parts.push((sample.counts, w));
                }
            }
        }
        let (mut total, facets) = merge(parts)?;
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
}

/// The chunks of a segment outside its sample, or None if the matches seen in all
/// segments pass `exact_up_to` on the way.
fn count_rest(
    weight: &dyn Weight,
    reader: &SegmentReader,
    sample: &SegmentSample,
    seen: &AtomicU64,
    exact_up_to: u64,
) -> tantivy::Result<Option<SegmentCounts>> {
    let max_doc = sample.max_doc;
    let chunks = max_doc.div_ceil(CHUNK);
    let alive = reader.alive_bitset();
    let mut scorer = weight.scorer(reader, 1.0)?;
    let mut rest = SegmentFacetCounter::new(reader)?;
    for c in (0..chunks).step_by(STRIDE as usize) {
        let (lo, hi) = ((c + 1) * CHUNK, ((c + STRIDE) * CHUNK).min(max_doc));
        if lo >= hi {
            continue;
        }
        let n = scan(scorer.as_mut(), lo, hi, |doc| {
            let ok = alive.is_none_or(|a| a.is_alive(doc));
            if ok {
                rest.count(doc);
            }
            ok
        });
        if seen.fetch_add(n, Ordering::Relaxed) + n > exact_up_to {
            return Ok(None);
        }
    }
    Ok(Some(rest.finish()))
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
