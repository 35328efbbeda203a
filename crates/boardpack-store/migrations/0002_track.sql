-- Schema version 2: the track stage's results and the user's verdicts.
--
-- track_papers, track_items, track_mentions and track_aliases are derived from papers and
-- rebuilt when a paper changes (they cascade with it). link_reviews and status_overrides
-- are the user's own words: they are keyed by stable ids (hashes of path, part, kind and
-- text), not by paper ids, so they survive a paper being re-ingested or removed and
-- added again.

-- Which version of each paper the track rows were derived from.
CREATE TABLE track_papers (
    paper_id INTEGER PRIMARY KEY REFERENCES papers (id) ON DELETE CASCADE,
    hash     TEXT NOT NULL
);

-- Actions, substantive decisions and activities to follow through, with the link the
-- last track run found (NULLs when none).
CREATE TABLE track_items (
    id          TEXT PRIMARY KEY,        -- stable id
    paper_id    INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,           -- 'action', 'decision', 'activity'
    ord         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    owner       TEXT,
    item        TEXT,                    -- agenda item number or paragraph number
    context     TEXT,
    timescale   TEXT,
    start_date  TEXT,
    end_date    TEXT,
    link_paper  INTEGER,                 -- papers.id of the later paper, no FK: checked on read
    link_ord    INTEGER,
    link_number TEXT,
    link_score  REAL,
    link_why    TEXT                     -- JSON array of reasons
);
CREATE INDEX track_items_paper ON track_items (paper_id);
CREATE INDEX track_items_link ON track_items (link_paper);

-- Subjects mentioned in each passage.
CREATE TABLE track_mentions (
    paper_id INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,           -- the passage
    key      TEXT NOT NULL,              -- normalised name
    name     TEXT NOT NULL,              -- as printed
    kind     TEXT NOT NULL,              -- proposed, decided, funded, actioned, reported
    amount   TEXT
);
CREATE INDEX track_mentions_key ON track_mentions (key);
CREATE INDEX track_mentions_paper ON track_mentions (paper_id);

-- Abbreviations papers define: "Adult Skills Fund (ASF)".
CREATE TABLE track_aliases (
    paper_id INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    short    TEXT NOT NULL,
    long     TEXT NOT NULL
);
CREATE INDEX track_aliases_paper ON track_aliases (paper_id);

-- A user's verdict on a link: the item's stable id and the target passage's stable key
-- (path, part and paragraph number or passage position).
CREATE TABLE link_reviews (
    item_id TEXT NOT NULL,
    target  TEXT NOT NULL,
    verdict TEXT NOT NULL,               -- 'confirmed' or 'rejected'
    at      INTEGER NOT NULL,            -- seconds since the epoch
    PRIMARY KEY (item_id, target)
);

-- A status set by hand.
CREATE TABLE status_overrides (
    item_id TEXT PRIMARY KEY,
    status  TEXT NOT NULL,
    at      INTEGER NOT NULL
);

INSERT INTO meta (key, value) VALUES ('track_generation', -1);
