//! The benchmark's fixed queries: 50 searches of the kinds people run over a library of
//! papers (single words, two words, "phrases", boolean, and filtered by kind, body, year
//! range or whether the paper records decisions), each written in our query language and
//! as the equivalent FTS5 MATCH expression.
//!
//! Not a relevance test: the two engines' tokenizers differ a little (tantivy's English
//! stemmer, FTS5's porter), so totals are close, not equal.

use boardpack_index::Query;

/// One benchmark query.
#[derive(Debug, Clone, Copy)]
pub struct BenchQuery {
    /// Which group it belongs to: "word", "two words", "phrase", "boolean", "filtered".
    pub group: &'static str,
    /// Our query text.
    pub text: &'static str,
    /// The same in FTS5's MATCH syntax.
    pub fts: &'static str,
    /// Only papers of this kind.
    pub kind: Option<&'static str>,
    /// Only papers of this board or committee.
    pub body: Option<&'static str>,
    /// Only papers dated in these years (inclusive).
    pub years: Option<(u32, u32)>,
    /// Only papers that record decisions.
    pub has_decision: bool,
}

/// How many hits each query asks for.
pub const LIMIT: usize = 10;

impl BenchQuery {
    /// The query for [`boardpack_app::Library::search`].
    pub fn query(&self) -> Query {
        Query {
            text: self.text.to_string(),
            kind: self.kind.map(str::to_string),
            body: self.body.map(str::to_string),
            since: self.years.map(|(a, _)| a.to_string()),
            until: self.years.map(|(_, b)| b.to_string()),
            has_decision: self.has_decision,
            limit: LIMIT,
            ..Query::default()
        }
    }

    /// A short label for tables: the text and its filters.
    pub fn label(&self) -> String {
        let mut s = self.text.replace('|', "\\|");
        if let Some(k) = self.kind {
            s.push_str(&format!(" kind={k}"));
        }
        if let Some(b) = self.body {
            s.push_str(&format!(" body=\"{b}\""));
        }
        if let Some((a, b)) = self.years {
            s.push_str(&format!(" {a}–{b}"));
        }
        if self.has_decision {
            s.push_str(" has-decision");
        }
        s
    }
}

const fn q(group: &'static str, text: &'static str, fts: &'static str) -> BenchQuery {
    BenchQuery {
        group,
        text,
        fts,
        kind: None,
        body: None,
        years: None,
        has_decision: false,
    }
}

const fn word(w: &'static str) -> BenchQuery {
    q("word", w, w)
}

const fn two(w: &'static str) -> BenchQuery {
    q("two words", w, w)
}

const fn phrase(p: &'static str) -> BenchQuery {
    q("phrase", p, p)
}

const fn boolean(ours: &'static str, fts: &'static str) -> BenchQuery {
    q("boolean", ours, fts)
}

const fn filtered(text: &'static str, fts: &'static str) -> BenchQuery {
    q("filtered", text, fts)
}

/// The 50 queries.
pub const QUERIES: [BenchQuery; 50] = [
    // Single words, from very common to rare.
    word("funding"),
    word("employers"),
    word("apprenticeships"),
    word("homelessness"),
    word("retrofit"),
    word("safeguarding"),
    word("broadband"),
    word("underspend"),
    word("jobseekers"),
    word("procurement"),
    word("biodiversity"),
    word("DWP"),
    // Two words (both required).
    two("adult education"),
    two("skills bootcamps"),
    two("care leavers"),
    two("housing providers"),
    two("transport funding"),
    two("digital inclusion"),
    two("employers vacancies"),
    two("heat pumps"),
    two("rural bus"),
    two("consultation response"),
    // Phrases.
    phrase("\"Work and Health Programme\""),
    phrase("\"Adult Education Budget\""),
    phrase("\"Jobs Taskforce\""),
    phrase("\"Local Skills Improvement Plan\""),
    phrase("\"Household Support Fund\""),
    phrase("\"corporate risk register\""),
    phrase("\"forecast outturn\""),
    phrase("\"care leavers\""),
    phrase("\"Department for Work and Pensions\""),
    phrase("\"second round\""),
    // Boolean.
    boolean("retrofit OR insulation", "retrofit OR insulation"),
    boolean("housing AND homelessness", "housing AND homelessness"),
    boolean("skills -bootcamps", "skills NOT bootcamps"),
    boolean(
        "(transport OR cycleways) AND funding",
        "(transport OR cycleways) AND funding",
    ),
    boolean(
        "\"Towns Fund\" OR \"Levelling Up Fund\"",
        "\"Towns Fund\" OR \"Levelling Up Fund\"",
    ),
    boolean("employers -construction", "employers NOT construction"),
    boolean(
        "(homelessness OR tenancies) AND landlords",
        "(homelessness OR tenancies) AND landlords",
    ),
    boolean(
        "\"Jobs Taskforce\" AND employers",
        "\"Jobs Taskforce\" AND employers",
    ),
    // Filtered.
    BenchQuery {
        kind: Some("report"),
        ..filtered("funding", "funding")
    },
    BenchQuery {
        kind: Some("minutes"),
        ..filtered("employers", "employers")
    },
    BenchQuery {
        body: Some("Skills and Employment Board"),
        ..filtered("skills", "skills")
    },
    BenchQuery {
        body: Some("Cabinet"),
        ..filtered("\"Household Support Fund\"", "\"Household Support Fund\"")
    },
    BenchQuery {
        years: Some((2018, 2020)),
        ..filtered("retrofit", "retrofit")
    },
    BenchQuery {
        years: Some((2021, 2023)),
        ..filtered(
            "\"Work and Health Programme\"",
            "\"Work and Health Programme\"",
        )
    },
    BenchQuery {
        has_decision: true,
        ..filtered("funding", "funding")
    },
    BenchQuery {
        kind: Some("minutes"),
        has_decision: true,
        ..filtered("apprenticeships", "apprenticeships")
    },
    BenchQuery {
        body: Some("City Regions Board"),
        years: Some((2016, 2019)),
        ..filtered("transport", "transport")
    },
    BenchQuery {
        kind: Some("decision"),
        years: Some((2020, 2025)),
        ..filtered("procurement", "procurement")
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifty_queries_in_five_groups() {
        assert_eq!(QUERIES.len(), 50);
        for g in ["word", "two words", "phrase", "boolean", "filtered"] {
            assert!(QUERIES.iter().filter(|q| q.group == g).count() >= 8, "{g}");
        }
        let f = QUERIES[49].query();
        assert_eq!(f.kind.as_deref(), Some("decision"));
        assert_eq!(
            (f.since.as_deref(), f.until.as_deref()),
            (Some("2020"), Some("2025"))
        );
        assert_eq!(f.limit, LIMIT);
    }
}
