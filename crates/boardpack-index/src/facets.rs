//! Facet counts (kind, body, year, purpose) and the total, over every matching passage.
//!
//! A tantivy collector that reads the fast columns of the facet fields: per segment it
//! counts term ordinals in arrays (doc ids buffered so columns are read a block at a
//! time), and only the ordinals that occurred are turned into strings when segments are
//! merged. No stored document is read. Not for ranking: `TopDocs` runs beside it.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::Facets;

/// How many doc ids are buffered before the columns are read.
const BLOCK: usize = 256;

/// Counts matches and facet values.
pub(crate) struct FacetCounter;

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

impl Collector for FacetCounter {
    type Fruit = (u64, Facets);
    type Child = SegmentFacetCounter;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
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

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<SegmentCounts>) -> tantivy::Result<Self::Fruit> {
        let mut total = 0;
        let mut maps: [HashMap<String, u64>; 3] = Default::default();
        let mut years: HashMap<u64, u64> = HashMap::new();
        let mut s = String::new();
        for seg in segments {
            total += seg.total;
            for (map, (col, counts)) in maps.iter_mut().zip(seg.strs) {
                let Some(col) = col else { continue };
                for (ord, &n) in counts.iter().enumerate() {
                    if n > 0 {
                        s.clear();
                        col.ord_to_str(ord as u64, &mut s)?;
                        *map.entry(s.clone()).or_default() += n;
                    }
                }
            }
            for (y, n) in seg.years {
                *years.entry(y).or_default() += n;
            }
        }
        let [kind, body, purpose] = maps.map(sorted);
        let year = sorted(years.into_iter().map(|(y, n)| (y.to_string(), n)).collect());
        Ok((
            total,
            Facets {
                kind,
                body,
                year,
                purpose,
            },
        ))
    }
}

/// Most frequent first, then by value.
fn sorted(map: HashMap<String, u64>) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = map.into_iter().collect();
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

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = SegmentCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.buf.push(doc);
        if self.buf.len() == BLOCK {
            self.flush();
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        for &doc in docs {
            self.collect(doc, 0.0);
        }
    }

    fn harvest(mut self) -> SegmentCounts {
        self.flush();
        self.counts
    }
}
