//! Turning a [`Query`] into a tantivy query: the user's text through tantivy's query
//! parser, the filters as constant-score clauses, and date bounds.
//!
//! Not for running searches (see `lib.rs`) nor for counting facets (`facets.rs`).

use std::ops::Bound;

use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, QueryParser, QueryParserError, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Term, query_grammar};

use crate::schema::Fields;
use crate::{IndexError, Query, Result};

/// A boxed tantivy query.
pub(crate) type Boxed = Box<dyn tantivy::query::Query>;

/// Parses the user's query text; None when it is blank (every passage matches).
///
/// Words are required by default (AND); "phrases", OR, NOT / -word, +word, (groups) and
/// field:term on any indexed field work. A query that only excludes ("-budget") matches
/// everything else.
pub(crate) fn parse_text(parser: &QueryParser, text: &str) -> Result<Option<Boxed>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    match parser.parse_query(text) {
        Ok(q) => Ok(Some(q)),
        Err(QueryParserError::AllButQueryForbidden) => parser
            .parse_query(&format!("* {text}"))
            .map(Some)
            .map_err(|e| query_error(text, e)),
        Err(e) => Err(query_error(text, e)),
    }
}

/// A short reason for a query that does not parse.
fn query_error(text: &str, e: QueryParserError) -> IndexError {
    if let QueryParserError::SyntaxError(_) = e {
        // The lenient grammar says where the problem is.
        let (_, errors) = query_grammar::parse_query_lenient(text);
        if let Some(first) = errors.first() {
            return IndexError::Query(format!("{} at position {}", first.message, first.pos));
        }
        return IndexError::Query("syntax error".into());
    }
    IndexError::Query(e.to_string())
}

/// The filter clauses of a query (each scoring 0, so they only restrict).
pub(crate) fn filters(f: &Fields, q: &Query) -> Result<Vec<Boxed>> {
    let mut out: Vec<Boxed> = Vec::new();
    let keyword = |field: Field, value: &str| -> Boxed {
        let term = Term::from_field_text(field, &value.trim().to_lowercase());
        Box::new(TermQuery::new(term, IndexRecordOption::Basic))
    };
    if let Some(k) = &q.kind {
        out.push(keyword(f.kind, k));
    }
    if let Some(b) = &q.body {
        out.push(keyword(f.body, b));
    }
    if let Some(p) = &q.purpose {
        out.push(keyword(f.purpose, p));
    }
    if let Some(x) = &q.fact {
        out.push(keyword(f.fact, x));
    }
    if q.has_decision {
        let term = Term::from_field_bool(f.has_decision, true);
        out.push(Box::new(TermQuery::new(term, IndexRecordOption::Basic)));
    }
    if q.has_action {
        let term = Term::from_field_bool(f.has_action, true);
        out.push(Box::new(TermQuery::new(term, IndexRecordOption::Basic)));
    }
    let since = q
        .since
        .as_deref()
        .map(|s| date_bound(s, false))
        .transpose()?;
    let until = q
        .until
        .as_deref()
        .map(|s| date_bound(s, true))
        .transpose()?;
    if since.is_some() || until.is_some() {
        let bound = |d: Option<i64>| match d {
            Some(d) => Bound::Included(Term::from_field_i64(f.date, d)),
            None => Bound::Unbounded,
        };
        out.push(Box::new(RangeQuery::new(bound(since), bound(until))));
    }
    Ok(out
        .into_iter()
        .map(|q| Box::new(ConstScoreQuery::new(q, 0.0)) as Boxed)
        .collect())
}

/// The whole query: text and filters, all required.
pub(crate) fn combine(text: Option<Boxed>, filters: Vec<Boxed>) -> Boxed {
    let mut clauses: Vec<(Occur, Boxed)> = Vec::with_capacity(filters.len() + 1);
    if let Some(t) = text {
        clauses.push((Occur::Must, t));
    }
    clauses.extend(filters.into_iter().map(|q| (Occur::Must, q)));
    match clauses.len() {
        0 => Box::new(AllQuery),
        1 => clauses
            .pop()
            .map(|(_, q)| q)
            .unwrap_or_else(|| Box::new(AllQuery)),
        _ => Box::new(BooleanQuery::new(clauses)),
    }
}

/// A date filter value as yyyymmdd, or a filter error.
fn date_bound(s: &str, upper: bool) -> Result<i64> {
    parse_date(s, upper).map_err(|()| {
        IndexError::Filter(format!(
            "{:?} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)",
            s.trim()
        ))
    })
}

/// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (optionally followed by a time, "T...") into
/// yyyymmdd. A year or month stands for its first day, or its last when `upper`.
pub(crate) fn parse_date(s: &str, upper: bool) -> std::result::Result<i64, ()> {
    let s = s.trim();
    let s = s.split_once(['T', ' ']).map_or(s, |(d, _)| d);
    let mut parts = s.split('-');
    let num = |p: Option<&str>, len: usize| -> std::result::Result<Option<i64>, ()> {
        match p {
            None => Ok(None),
            Some(p) if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) => {
                p.parse().map(Some).map_err(|_| ())
            }
            Some(_) => Err(()),
        }
    };
    let year = num(parts.next(), 4)?.ok_or(())?;
    let month = num(parts.next(), 2)?;
    let day = num(parts.next(), 2)?;
    if parts.next().is_some() || (month.is_none() && day.is_some()) {
        return Err(());
    }
    if let Some(m) = month
        && !(1..=12).contains(&m)
    {
        return Err(());
    }
    let month = month.unwrap_or(if upper { 12 } else { 1 });
    let last = days_in_month(year, month);
    let day = match day {
        Some(d) if (1..=last).contains(&d) => d,
        Some(_) => return Err(()),
        None if upper => last,
        None => 1,
    };
    Ok(year * 10_000 + month * 100 + day)
}

/// Days in a month of the Gregorian calendar.
fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn dates() {
        let cases: &[(&str, bool, Option<i64>)] = &[
            ("2016", false, Some(20160101)),
            ("2016", true, Some(20161231)),
            (" 2016-02 ", true, Some(20160229)),
            ("2017-02", true, Some(20170228)),
            ("2016-03-05", false, Some(20160305)),
            ("2016-03-05T10:00:00Z", true, Some(20160305)),
            ("2016-13-01", false, None),
            ("2016-02-30", false, None),
            ("16", false, None),
            ("last year", false, None),
            ("2016-3-5", false, None),
            ("", false, None),
            ("2016-03-05-01", false, None),
        ];
        for &(s, upper, want) in cases {
            assert_eq!(parse_date(s, upper).ok(), want, "{s:?} upper={upper}");
        }
    }
}
