//! Facet counts (kind, body, year, purpose) over matching passages, from fast columns.
//!
//! Per segment, [`SegmentFacetCounter`] counts term ordinals in arrays (doc ids buffered
//! so columns are read a block at a time); [`merge`] turns only the ordinals that
//! occurred into strings, weighting each segment's counts (a sampled segment stands for
//! more passages than it saw). No stored document is read. Which passages are counted,
//! and whether exactly, is `count.rs`'s business.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::Facets;

/// How many doc ids are buffered before the columns are read.
const BLOCK: usize = 256;

/// What one segment counted.
pub(crate) struct SegmentCounts {
    total: u64,
    strs: Vec<(Option<StrColumn>, Vec<u64>)>,
    years: HashMap<u64, u64>,
}

/// The collector of one segment.
pub(crate) struct SegmentFacetCounter {
    buf: Vec<DocId>,
    vals: Vec<Option<u64>>,
    counts: SegmentCounts,
    columns: Vec<Column<u64>>,
    year: Column<u64>,
}

/// The string facet fields, in the order of [`Facets`]' string fields.
const STR_FIELDS: [&str; 3] = ["kind", "body", "purpose"];

impl SegmentFacetCounter {
    /// A counter over `reader`'s fast columns (missing columns count nothing).
    pub(crate) fn new(reader: &SegmentReader) -> tantivy::Result<SegmentFacetCounter> {
        let ff = reader.fast_fields();
        let mut strs = Vec::with_capacity(STR_FIELDS.len());
        let mut columns = Vec::with_capacity(STR_FIELDS.len());
        for name in STR_FIELDS {
            let col = ff.str(name)?;
            let (ords, n) = match &col {
                Some(c) => (c.ords().clone(), c.num_terms()),
                None => (Column::build_empty_column(reader.max_doc()), 0),
            };
            columns.push(ords);
            strs.push((col, vec![0u64; n]));
        }
        let year = ff
            .u64("year")
            .unwrap_or_else(|_| Column::build_empty_column(reader.max_doc()));
        Ok(SegmentFacetCounter {
            buf: Vec::with_capacity(BLOCK),
            vals: vec![None; BLOCK],
            counts: SegmentCounts {
                total: 0,
                strs,
                years: HashMap::new(),
            },
            columns,
            year,
        })
    }

    /// Counts one matching document.
    pub(crate) fn count(&mut self, doc: DocId) {
        self.buf.push(doc);
        if self.buf.len() == BLOCK {
            self.flush();
        }
    }

    /// What was counted.
    pub(crate) fn finish(mut self) -> SegmentCounts {
        self.flush();
        self.counts
    }
}

/// A collector of the total and facets of every match, exactly (beside `TopDocs`, when
/// there are few matches and one pass does both).
pub(crate) struct FacetCounter;

impl Collector for FacetCounter {
    type Fruit = (u64, Facets);
    type Child = SegmentFacetCounter;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounter> {
        SegmentFacetCounter::new(reader)
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<SegmentCounts>) -> tantivy::Result<(u64, Facets)> {
        merge(segments.into_iter().map(|s| (s, 1.0)))
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = SegmentCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.count(doc);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        for &doc in docs {
            self.count(doc);
        }
    }

    fn harvest(self) -> SegmentCounts {
        self.finish()
    }
}

/// The total and facets of segments' counts, each multiplied by its weight (1 for a
/// segment counted in full; documents over documents sampled for a sample), rounded.
pub(crate) fn merge(
    segments: impl IntoIterator<Item = (SegmentCounts, f64)>,
) -> tantivy::Result<(u64, Facets)> {
    let mut total = 0.0;
    let mut maps: [HashMap<String, f64>; 3] = Default::default();
    let mut years: HashMap<u64, f64> = HashMap::new();
    let mut s = String::new();
    for (seg, weight) in segments {
        total += seg.total as f64 * weight;
        for (map, (col, counts)) in maps.iter_mut().zip(seg.strs) {
            let Some(col) = col else { continue };
            for (ord, &n) in counts.iter().enumerate() {
                if n > 0 {
                    s.clear();
                    col.ord_to_str(ord as u64, &mut s)?;
                    *map.entry(s.clone()).or_default() += n as f64 * weight;
                }
            }
        }
        for (y, n) in seg.years {
            *years.entry(y).or_default() += n as f64 * weight;
        }
    }
    let [kind, body, purpose] = maps.map(sorted);
    let year = sorted(years.into_iter().map(|(y, n)| (y.to_string(), n)).collect());
    Ok((
        total.round() as u64,
        Facets {
            kind,
            body,
            year,
            purpose,
        },
    ))
}

/// Rounded, most frequent first, then by value.
fn sorted(map: HashMap<String, f64>) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = map
        .into_iter()
        .map(|(k, n)| (k, n.round() as u64))
        .filter(|(_, n)| *n > 0)
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}
impl SegmentFacetCounter {
    /// Reads the buffered docs' values and counts them.
    fn flush(&mut self) {
        let n = self.buf.len();
        if n == 0 {
            return;
        }
        self.counts.total += n as u64;
        let vals = &mut self.vals[..n];
        for (col, (_, counts)) in self.columns.iter().zip(self.counts.strs.iter_mut()) {
            vals.fill(None);
            col.first_vals(&self.buf, vals);
            for ord in vals.iter().flatten() {
                counts[*ord as usize] += 1;
            }
        }
        vals.fill(None);
        self.year.first_vals(&self.buf, vals);
        for y in vals.iter().flatten() {
            *self.counts.years.entry(*y).or_default() += 1;
        }
        self.buf.clear();
    }
}
