//! Title phrases matched once per paper instead of once per passage.
//!
//! Every passage of a paper carries the paper's title, so a phrase matches the title of
//! one passage exactly when it matches the title of all of them, with the same BM25 score
//! (same phrase count, same title length). Passages of a paper are mostly neighbours in
//! a segment; [`PaperRuns`] wraps a title phrase query so that, on a matching passage, it
//! reports the whole run of consecutive passages with that passage's paper id (read from
//! the `paper_id` fast column) without checking their positions, then lets the phrase
//! skip past the run. For a phrase found in the titles of thousands of papers, that is
//! most of a search's position reads saved. Results are the same as without it.
//!
//! [`rewrite`] puts it into a parsed query. Single words are left alone: tantivy's
//! block-WAND pruning needs them to stay plain term queries.

use std::fmt;

use tantivy::columnar::Column;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, EnableScoring, Explanation, PhraseQuery, Query,
    Scorer, TermQuery, Weight,
};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED};

use crate::query::Boxed;
use crate::schema::{FIELD_BOOST, Fields};

/// A parsed query (from a parser without field boosts) with the heading and title
/// boosts applied to its leaves and title phrases wrapped in [`PaperRuns`]; None when it
/// holds anything else (e.g. a boost written in the query), for the caller to use the
/// query as tantivy's parser builds it.
pub(crate) fn rewrite(q: &dyn Query, f: &Fields) -> Option<Boxed> {
    let boosted = |field, q: Boxed| -> Boxed {
        if field == f.heading || field == f.title {
            Box::new(BoostQuery::new(q, FIELD_BOOST))
        } else {
            q
        }
    };
    if let Some(b) = q.downcast_ref::<BooleanQuery>() {
        let clauses = b
            .clauses()
            .iter()
            .map(|(occur, c)| rewrite(c.as_ref(), f).map(|c| (*occur, c)))
            .collect::<Option<Vec<_>>>()?;
        let mut out = BooleanQuery::new(clauses);
        out.set_minimum_number_should_match(b.get_minimum_number_should_match());
        Some(Box::new(out))
    } else if let Some(t) = q.downcast_ref::<TermQuery>() {
        Some(boosted(t.term().field(), q.box_clone()))
    } else if let Some(p) = q.downcast_ref::<PhraseQuery>() {
        let field = p.field();
        if field == f.title {
            Some(boosted(field, Box::new(PaperRuns(q.box_clone()))))
        } else {
            Some(boosted(field, q.box_clone()))
        }
    } else if q.is::<AllQuery>() || q.is::<EmptyQuery>() {
        Some(q.box_clone())
    } else {
        None
    }
}

/// A query over a field every passage of a paper shares (the title), matched once per
/// run of a paper's passages.
pub(crate) struct PaperRuns(Boxed);

impl Clone for PaperRuns {
    fn clone(&self) -> PaperRuns {
        PaperRuns(self.0.box_clone())
    }
}

impl fmt::Debug for PaperRuns {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PaperRuns").field(&self.0).finish()
    }
}

impl Query for PaperRuns {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(RunWeight(self.0.weight(scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        self.0.query_terms(visitor);
    }
}

struct RunWeight(Box<dyn Weight>);

impl Weight for RunWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let inner = self.0.scorer(reader, boost)?;
        let papers = reader.fast_fields().i64("paper_id")?;
        Ok(Box::new(RunScorer::new(inner, papers, reader.max_doc())))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

/// The inner scorer sits on the first passage of the current run; `doc` walks the run.
struct RunScorer {
    inner: Box<dyn Scorer>,
    papers: Column<i64>,
    max_doc: DocId,
    doc: DocId,
    /// One past the current run's last passage.
    end: DocId,
    score: Score,
}

impl RunScorer {
    fn new(inner: Box<dyn Scorer>, papers: Column<i64>, max_doc: DocId) -> RunScorer {
        let mut s = RunScorer {
            inner,
            papers,
            max_doc,
            doc: TERMINATED,
            end: 0,
            score: 0.0,
        };
        let first = s.inner.doc();
        s.start(first);
        s
    }

    /// Makes `doc`, where the inner scorer now is, the start of the current run.
    fn start(&mut self, doc: DocId) -> DocId {
        self.doc = doc;
        if doc == TERMINATED {
            return doc;
        }
        self.score = self.inner.score();
        let mut end = doc + 1;
        if let Some(paper) = self.papers.first(doc) {
            while end < self.max_doc && self.papers.first(end) == Some(paper) {
                end += 1;
            }
        }
        self.end = end;
        doc
    }

    fn terminate(&mut self) -> DocId {
        self.doc = TERMINATED;
        TERMINATED
    }
}

impl DocSet for RunScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        if self.doc + 1 < self.end {
            self.doc += 1;
            return self.doc;
        }
        if self.end >= self.max_doc {
            return self.terminate();
        }
        let next = self.inner.seek(self.end);
        self.start(next)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc == TERMINATED || target <= self.doc {
            return self.doc;
        }
        if target < self.end {
            self.doc = target;
            return target;
        }
        if target >= self.max_doc {
            return self.terminate();
        }
        let next = self.inner.seek(target);
        self.start(next)
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }
}

impl Scorer for RunScorer {
    fn score(&mut self) -> Score {
        self.score
    }
}
