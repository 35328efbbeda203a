//! The index through its public API, over the passages of a small fictional board's papers.

use boardpack_index::{Index, IndexDoc, IndexError, Query, Results};

/// One passage of a paper (the paper's fields filled in by [`paper`]).
struct P {
    ord: u32,
    field: &'static str,
    heading: Option<&'static str>,
    text: &'static str,
    facts: &'static [&'static str],
}

#[allow(clippy::too_many_arguments)]
fn paper(
    id: i64,
    title: &str,
    body: Option<&str>,
    kind: &str,
    purpose: Option<&str>,
    date: Option<&str>,
    flags: (bool, bool),
    passages: &[P],
) -> Vec<IndexDoc> {
    passages
        .iter()
        .map(|p| IndexDoc {
            paper_id: id,
            ord: p.ord,
            number: Some(format!("{}.{}", id, p.ord + 1)),
            heading: p.heading.map(str::to_string),
            field: p.field.into(),
            text: p.text.into(),
            title: title.into(),
            body: body.map(str::to_string),
            kind: kind.into(),
            purpose: purpose.map(str::to_string),
            date: date.map(str::to_string),
            has_decision: flags.0,
            has_action: flags.1,
            facts: p.facts.iter().map(|f| f.to_string()).collect(),
        })
        .collect()
}

fn p(
    ord: u32,
    field: &'static str,
    heading: Option<&'static str>,
    text: &'static str,
    facts: &'static [&'static str],
) -> P {
    P {
        ord,
        field,
        heading,
        text,
        facts,
    }
}

/// The fictional corpus: five papers, twelve passages, 2016 to 2024.
fn corpus() -> Vec<IndexDoc> {
    let mut docs = Vec::new();
    docs.extend(paper(
        1,
        "Work and Health Programme update",
        Some("Skills Board"),
        "report",
        Some("decision"),
        Some("2016-03-14"),
        (true, false),
        &[
            p(0, "summary", None, "This report updates the Board on the Work and Health Programme, which began in 2016.", &["timescale"]),
            p(1, "paragraph", Some("Funding"), "The allocation is £4.2 million over five years, paid quarterly in arrears.", &["money", "timescale"]),
            p(2, "decision", None, "The Board approved the extension of the scheme to March 2018.", &["timescale"]),
        ],
    ));
    docs.extend(paper(
        2,
        "Adult Education Budget devolution",
        Some("Skills Board"),
        "report",
        Some("information"),
        Some("2018-07-02"),
        (false, true),
        &[
            p(0, "summary", None, "The Adult Education Budget will be devolved to the Combined Authority from August 2019.", &["timescale", "organisation"]),
            p(1, "paragraph", Some("Learners"), "Providers reported work on health outcomes for adult learners.", &[]),
            p(2, "paragraph", Some("Costs"), "Programmes for adult learners cost £1.5 million in 2017/18.", &["money"]),
        ],
    ));
    docs.extend(paper(
        3,
        "Minutes of the Employment Committee",
        Some("Employment Committee"),
        "minutes",
        None,
        Some("2020-11-20"),
        (true, true),
        &[
            p(0, "item", None, "Minutes of the meeting held on 20 November 2020 were agreed.", &["timescale"]),
            p(1, "decision", None, "RESOLVED that the committee notes the Work and Health Programme performance report.", &[]),
            p(2, "action", None, "Officers to report health outcomes to the next meeting.", &["person"]),
        ],
    ));
    docs.extend(paper(
        4,
        "Digital Skills Strategy",
        Some("Skills Board"),
        "report",
        Some("discussion"),
        Some("2024-01-15"),
        (false, false),
        &[
            p(
                0,
                "summary",
                None,
                "The digital skills strategy sets out priorities for 2024 to 2027.",
                &["timescale"],
            ),
            p(
                1,
                "paragraph",
                Some("Budget"),
                "No additional money is requested this year.",
                &[],
            ),
        ],
    ));
    docs.extend(paper(
        5,
        "Note on an undated programme",
        None,
        "report",
        None,
        None,
        (false, false),
        &[p(
            0,
            "text",
            None,
            "An undated note about the programme and its evaluation.",
            &[],
        )],
    ));
    docs
}

fn index() -> Index {
    let mut index = Index::in_memory().unwrap();
    index.rebuild(&mut corpus().into_iter(), 1).unwrap();
    index
}

fn q(text: &str) -> Query {
    Query {
        text: text.into(),
        limit: 100,
        ..Query::default()
    }
}

fn run(index: &Index, query: &Query) -> Results {
    index
        .search(query)
        .unwrap_or_else(|e| panic!("{query:?}: {e}"))
}

/// The (paper, ord) of each hit, sorted.
fn hits(index: &Index, query: &Query) -> Vec<(i64, u32)> {
    let mut v: Vec<(i64, u32)> = run(index, query)
        .hits
        .iter()
        .map(|h| (h.paper_id, h.ord))
        .collect();
    v.sort();
    v
}

/// The papers hit, sorted and deduplicated.
fn papers(index: &Index, query: &Query) -> Vec<i64> {
    let mut v: Vec<i64> = hits(index, query).into_iter().map(|(p, _)| p).collect();
    v.dedup();
    v
}

#[test]
fn stemming_finds_other_forms() {
    let ix = index();
    // "programmes" and "programme" share a stem; titles count too.
    let found = hits(&ix, &q("programmes"));
    for want in [(1, 0), (2, 2), (3, 1), (5, 0)] {
        assert!(found.contains(&want), "{want:?} in {found:?}");
    }
    assert_eq!(hits(&ix, &q("devolving")), hits(&ix, &q("devolved")));
    // Case does not matter.
    assert_eq!(hits(&ix, &q("BUDGET")), hits(&ix, &q("budget")));
}

#[test]
fn phrase_versus_words() {
    let ix = index();
    let phrase = hits(&ix, &q("\"work and health programme\""));
    assert!(
        phrase.contains(&(1, 0)) && phrase.contains(&(3, 1)),
        "{phrase:?}"
    );
    assert!(!phrase.contains(&(2, 1)), "{phrase:?}");
    // Words are all required, anywhere in the passage, its heading or its title.
    let words = hits(&ix, &q("work health outcomes"));
    assert_eq!(words, vec![(2, 1)]);
    let words = hits(&ix, &q("health outcomes"));
    assert_eq!(words, vec![(2, 1), (3, 2)]);
}

#[test]
fn boolean_operators() {
    let ix = index();
    assert_eq!(papers(&ix, &q("devolved OR strategy")), vec![2, 4]);
    let not = hits(&ix, &q("health NOT outcomes"));
    let minus = hits(&ix, &q("health -outcomes"));
    assert_eq!(not, minus);
    assert!(
        !not.contains(&(2, 1)) && !not.contains(&(3, 2)) && not.contains(&(3, 1)),
        "{not:?}"
    );
    assert_eq!(
        papers(&ix, &q("(devolved OR strategy) AND digital")),
        vec![4]
    );
    // A query that only excludes matches everything else.
    let all = run(&ix, &q("")).total;
    let without = run(&ix, &q("-programme")).total;
    assert!(without > 0 && without < all, "{without} of {all}");
    // field:term on a keyword field.
    assert_eq!(papers(&ix, &q("kind:minutes")), vec![3]);
    assert_eq!(papers(&ix, &q("field:decision")), vec![1, 3]);
}

#[test]
fn each_filter() {
    let ix = index();
    let with = |f: &dyn Fn(&mut Query)| {
        let mut query = q("");
        f(&mut query);
        papers(&ix, &query)
    };
    assert_eq!(with(&|q| q.kind = Some("minutes".into())), vec![3]);
    assert_eq!(
        with(&|q| q.body = Some("skills board".into())),
        vec![1, 2, 4]
    );
    assert_eq!(
        with(&|q| q.body = Some("SKILLS BOARD".into())),
        vec![1, 2, 4]
    );
    assert_eq!(with(&|q| q.body = Some("Skills".into())), Vec::<i64>::new());
    assert_eq!(with(&|q| q.purpose = Some("information".into())), vec![2]);
    assert_eq!(with(&|q| q.has_decision = true), vec![1, 3]);
    assert_eq!(with(&|q| q.has_action = true), vec![2, 3]);
    assert_eq!(
        hits(
            &ix,
            &Query {
                fact: Some("money".into()),
                ..q("")
            }
        ),
        vec![(1, 1), (2, 2)]
    );
    // Filters and text together.
    assert_eq!(
        hits(
            &ix,
            &Query {
                kind: Some("minutes".into()),
                ..q("programme")
            }
        ),
        vec![(3, 1)]
    );
}

#[test]
fn date_ranges() {
    let ix = index();
    let range = |since: Option<&str>, until: Option<&str>| {
        papers(
            &ix,
            &Query {
                since: since.map(str::to_string),
                until: until.map(str::to_string),
                ..q("")
            },
        )
    };
    assert_eq!(range(Some("2018"), None), vec![2, 3, 4]);
    assert_eq!(range(None, Some("2016")), vec![1]);
    assert_eq!(range(Some("2016"), Some("2016")), vec![1]);
    assert_eq!(range(Some("2018-07-03"), None), vec![3, 4]);
    assert_eq!(range(Some("2018-07-02"), Some("2020-11-20")), vec![2, 3]);
    assert_eq!(range(Some("2020-11"), Some("2020-11")), vec![3]);
    assert_eq!(range(Some("2025"), None), Vec::<i64>::new());
}

#[test]
fn facets_count_all_matches() {
    let ix = index();
    let r = run(
        &ix,
        &Query {
            limit: 1,
            ..q("programme")
        },
    );
    assert_eq!(r.hits.len(), 1);
    // Passages: 1/0, 2/2, 3/1, 5/0 ("programme" in text or title: all of paper 1's).
    assert!(r.total > 1);
    let kinds: u64 = r.facets.kind.iter().map(|(_, n)| n).sum();
    assert_eq!(kinds as usize, r.total);
    assert_eq!(r.facets.kind[0].0, "report", "{:?}", r.facets.kind);

    let all = run(&ix, &Query { limit: 2, ..q("") });
    assert_eq!(all.total, 12);
    assert_eq!(
        all.facets.kind,
        vec![("report".into(), 9), ("minutes".into(), 3)]
    );
    assert_eq!(
        all.facets.body,
        vec![
            ("Skills Board".into(), 8),
            ("Employment Committee".into(), 3)
        ]
    );
    assert_eq!(
        all.facets.year,
        vec![
            ("2016".into(), 3),
            ("2018".into(), 3),
            ("2020".into(), 3),
            ("2024".into(), 2)
        ]
    );
    assert_eq!(
        all.facets.purpose,
        vec![
            ("decision".into(), 3),
            ("information".into(), 3),
            ("discussion".into(), 2)
        ]
    );
}

#[test]
fn snippets_highlight_matched_words() {
    let ix = index();
    let r = run(&ix, &q("devolving budget"));
    assert_eq!(r.hits.len(), 1);
    let hit = &r.hits[0];
    assert!(
        hit.snippet.contains("Adult Education Budget"),
        "{:?}",
        hit.snippet
    );
    let words: Vec<&str> = hit
        .highlights
        .iter()
        .map(|&(a, b)| &hit.snippet[a..b])
        .collect();
    assert_eq!(words, vec!["Budget", "devolved"]);
    assert_eq!(hit.title, "Adult Education Budget devolution");
    assert_eq!(hit.body.as_deref(), Some("Skills Board"));
    assert_eq!(hit.kind, "report");
    assert_eq!(hit.date.as_deref(), Some("2018-07-02"));
    assert_eq!(hit.field, "summary");
    assert_eq!(hit.number.as_deref(), Some("2.1"));
    assert!(hit.score > 0.0);

    // A match in the heading only: the start of the text, nothing highlighted.
    let r = run(&ix, &q("funding"));
    assert_eq!(r.hits.len(), 1);
    let hit = &r.hits[0];
    assert_eq!(hit.heading.as_deref(), Some("Funding"));
    assert_eq!(
        hit.snippet,
        "The allocation is £4.2 million over five years, paid quarterly in arrears."
    );
    assert!(hit.highlights.is_empty());

    // Byte ranges stay right after non-ASCII text.
    let r = run(&ix, &q("quarterly"));
    let hit = &r.hits[0];
    let words: Vec<&str> = hit
        .highlights
        .iter()
        .map(|&(a, b)| &hit.snippet[a..b])
        .collect();
    assert_eq!(words, vec!["quarterly"]);
}

#[test]
fn title_and_heading_weigh_more() {
    let ix = index();
    // "budget" is in paper 2's title (all three passages) and paper 4's heading.
    let r = run(&ix, &q("budget"));
    assert_eq!(r.hits[0].paper_id, 2);
    assert_eq!(r.hits[0].ord, 0, "title and text beat title alone");
}

#[test]
fn update_replaces_a_papers_passages() {
    let mut ix = index();
    assert_eq!(ix.generation(), Some(1));
    let new = paper(
        1,
        "Work and Health Programme closure",
        Some("Skills Board"),
        "report",
        Some("decision"),
        Some("2019-05-01"),
        (true, false),
        &[p(
            0,
            "summary",
            None,
            "The Work and Health Programme closes to new referrals.",
            &[],
        )],
    );
    ix.update(&[1, 99], &mut new.into_iter(), 2).unwrap();
    assert_eq!(ix.generation(), Some(2));
    assert!(hits(&ix, &q("allocation")).is_empty());
    assert_eq!(hits(&ix, &q("referrals")), vec![(1, 0)]);
    assert_eq!(run(&ix, &q("")).total, 10);
    // Deleting only.
    ix.update(&[2], &mut std::iter::empty(), 3).unwrap();
    assert_eq!(run(&ix, &q("")).total, 7);
    assert_eq!(ix.num_passages(), 7);
}

#[test]
fn rebuild_replaces_everything() {
    let mut ix = index();
    let one = paper(
        9,
        "Only paper",
        None,
        "agenda",
        None,
        Some("2022-02-02"),
        (false, false),
        &[p(0, "item", None, "Apologies for absence.", &[])],
    );
    ix.rebuild(&mut one.into_iter(), 7).unwrap();
    assert_eq!(ix.generation(), Some(7));
    let r = run(&ix, &q(""));
    assert_eq!(r.total, 1);
    assert_eq!(r.hits[0].paper_id, 9);
}

#[test]
fn empty_query_with_filters_lists_newest_first() {
    let ix = index();
    let r = run(
        &ix,
        &Query {
            body: Some("skills board".into()),
            ..q("")
        },
    );
    assert_eq!(r.total, 8);
    let dates: Vec<&str> = r.hits.iter().filter_map(|h| h.date.as_deref()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by_key(|d| std::cmp::Reverse(*d));
    assert_eq!(dates, sorted);
    assert_eq!(dates[0], "2024-01-15");
    assert!(
        r.hits
            .iter()
            .all(|h| h.highlights.is_empty() && !h.snippet.is_empty())
    );
}

#[test]
fn paging() {
    let ix = index();
    let all = run(&ix, &q("report"));
    assert!(all.total >= 4, "{}", all.total);
    let first = run(
        &ix,
        &Query {
            limit: 2,
            offset: 0,
            ..q("report")
        },
    );
    let second = run(
        &ix,
        &Query {
            limit: 2,
            offset: 2,
            ..q("report")
        },
    );
    assert_eq!((first.total, second.total), (all.total, all.total));
    let key = |r: &Results| {
        r.hits
            .iter()
            .map(|h| (h.paper_id, h.ord))
            .collect::<Vec<_>>()
    };
    let mut paged = key(&first);
    paged.extend(key(&second));
    assert_eq!(paged, key(&all)[..4]);
    // Past the end, and no hits asked for: counts only.
    let past = run(
        &ix,
        &Query {
            offset: 100,
            ..q("report")
        },
    );
    assert!(past.hits.is_empty());
    assert_eq!(past.total, all.total);
    let counts = run(
        &ix,
        &Query {
            limit: 0,
            ..q("report")
        },
    );
    assert!(counts.hits.is_empty());
    assert_eq!(counts.total, all.total);
    assert!(!counts.facets.kind.is_empty());
}

#[test]
fn bad_queries_and_filters_are_user_errors() {
    let ix = index();
    for text in ["\"unclosed phrase", "budget AND (", "nosuchfield:budget"] {
        match ix.search(&q(text)) {
            Err(IndexError::Query(reason)) => {
                assert!(!reason.is_empty() && reason.len() < 100, "{reason}");
            }
            other => panic!("{text:?}: {other:?}"),
        }
    }
    for date in ["2016-13", "last year", "16/03/2016"] {
        match ix.search(&Query {
            since: Some(date.into()),
            ..q("budget")
        }) {
            Err(IndexError::Filter(reason)) => assert!(reason.contains(date), "{reason}"),
            other => panic!("{date:?}: {other:?}"),
        }
    }
}

/// A temporary folder, removed on drop.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("boardpack-index-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn generation_survives_reopening() {
    let tmp = TempDir::new("reopen");
    let dir = tmp.0.join("index");
    {
        let ix = Index::open(&dir).unwrap();
        assert_eq!(ix.generation(), None);
        assert_eq!(run(&ix, &q("")).total, 0);
    }
    {
        let mut ix = Index::open(&dir).unwrap();
        ix.rebuild(&mut corpus().into_iter(), 41).unwrap();
        ix.update(&[5], &mut std::iter::empty(), 42).unwrap();
    }
    let ix = Index::open(&dir).unwrap();
    assert_eq!(ix.generation(), Some(42));
    assert_eq!(run(&ix, &q("")).total, 11);
    assert_eq!(papers(&ix, &q("programmes")), vec![1, 2, 3]);
}

#[test]
fn another_schema_gives_a_fresh_index() {
    use tantivy::schema::{STORED, Schema, TEXT};
    let tmp = TempDir::new("schema");
    let dir = tmp.0.clone();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "not tantivy's").unwrap();
    {
        let mut b = Schema::builder();
        let f = b.add_text_field("something", TEXT | STORED);
        let old = tantivy::Index::create_in_dir(&dir, b.build()).unwrap();
        let mut w: tantivy::IndexWriter = old.writer(15_000_000).unwrap();
        w.add_document(tantivy::doc!(f => "old data")).unwrap();
        let mut c = w.prepare_commit().unwrap();
        c.set_payload("boardpack-index schema=0 generation=5");
        c.commit().unwrap();
    }
    let mut ix = Index::open(&dir).unwrap();
    assert_eq!(ix.generation(), None);
    assert_eq!(ix.num_passages(), 0);
    assert!(
        dir.join("notes.txt").exists(),
        "only tantivy's files are deleted"
    );
    ix.rebuild(&mut corpus().into_iter(), 1).unwrap();
    drop(ix);
    let ix = Index::open(&dir).unwrap();
    assert_eq!(ix.generation(), Some(1));
    assert_eq!(ix.num_passages(), 12);

    // A meta.json that is not one: also a fresh index.
    std::fs::write(dir.join("meta.json"), "{ broken").unwrap();
    drop(ix);
    let ix = Index::open(&dir).unwrap();
    assert_eq!(ix.generation(), None);
    assert_eq!(ix.num_passages(), 0);
}

/// `n` one-passage papers: every one says "grant"; one in 40 also "rare"; bodies and
/// kinds alternate (so each is half of the whole).
fn many(n: i64) -> Vec<IndexDoc> {
    (0..n)
        .map(|i| IndexDoc {
            paper_id: i,
            field: "paragraph".into(),
            text: if i % 40 == 0 {
                format!("A rare grant number {i}.")
            } else {
                format!("A grant number {i}.")
            },
            title: format!("Paper {i}"),
            body: Some(if i % 2 == 0 { "Cabinet" } else { "Scrutiny" }.into()),
            kind: if i % 2 == 0 { "report" } else { "minutes" }.into(),
            date: Some(format!("{}-01-01", 2016 + i % 4)),
            ..IndexDoc::default()
        })
        .collect()
}

#[test]
fn counts_are_exact_up_to_the_limit_and_estimated_beyond() {
    let n = 30_000;
    let mut ix = Index::in_memory().unwrap();
    ix.rebuild(&mut many(n).into_iter(), 1).unwrap();
    let capped = |text: &str, cap: Option<u64>| {
        run(
            &ix,
            &Query {
                limit: 3,
                count_exactly_up_to: cap,
                ..q(text)
            },
        )
    };

    // Under the default limit (50,000): exact, with exact facets.
    let all = capped("grant", None);
    assert!(!all.total_is_estimate);
    assert_eq!(all.total, n as usize);
    assert_eq!(
        all.facets.kind,
        vec![("minutes".into(), 15_000), ("report".into(), 15_000)]
    );

    // Fewer matches than a small limit: still exact.
    let rare = capped("rare", Some(1_000));
    assert!(!rare.total_is_estimate);
    assert_eq!(rare.total, 750);
    assert_eq!(rare.hits.len(), 3);

    // More: an estimate from the sample, flagged, near the truth and never below the
    // limit; facets in proportion; the hits are the same as when counting exactly.
    let est = capped("grant", Some(1_000));
    assert!(est.total_is_estimate);
    assert!(est.total > 1_000);
    let off = (est.total as f64 - n as f64).abs() / n as f64;
    assert!(off < 0.15, "estimated {} of {n}", est.total);
    let kinds: u64 = est.facets.kind.iter().map(|(_, n)| n).sum();
    assert!(
        (kinds as f64 - est.total as f64).abs() <= 2.0,
        "{:?}",
        est.facets
    );
    let cabinet = est
        .facets
        .body
        .iter()
        .find(|(b, _)| b == "Cabinet")
        .unwrap()
        .1;
    assert!(
        (0.4..0.6).contains(&(cabinet as f64 / est.total as f64)),
        "{:?}",
        est.facets
    );
    assert_eq!(est.facets.year.len(), 4);
    assert_eq!(est.hits, all.hits);

    // Always exact when asked.
    let exact = capped("grant", Some(u64::MAX));
    assert!(!exact.total_is_estimate);
    assert_eq!(exact.total, n as usize);

    // Filters only, over the limit: estimated too.
    let filtered = run(
        &ix,
        &Query {
            kind: Some("report".into()),
            limit: 1,
            count_exactly_up_to: Some(100),
            ..Query::default()
        },
    );
    assert!(filtered.total_is_estimate);
    let off = (filtered.total as f64 - 15_000.0).abs() / 15_000.0;
    assert!(off < 0.2, "estimated {}", filtered.total);
}
