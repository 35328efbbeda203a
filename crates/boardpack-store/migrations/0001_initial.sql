-- Schema version 1: files seen, papers, their passages and one table per kind of fact.
--
-- Runs once, in one transaction, when a library is created; `PRAGMA user_version` then
-- records 1. Never edit this file once released: a change to the schema is a new file
-- `0002_*.sql`. Written in SQL that PostgreSQL also runs with the few changes listed in
-- ../POSTGRES.md (AUTOINCREMENT ids, 0/1 booleans).
--
-- Column naming: a fact's `Source` is spread over `src_field`, `src_paragraph`,
-- `src_line`, `src_start` and `src_end` (byte offsets within the line); a period's first
-- and last days are `start_date` and `end_date` (ISO). `end` alone is reserved in
-- PostgreSQL.

-- Counters of the library: `generation` goes up once per committed write of papers.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO meta (key, value) VALUES ('generation', 0);

-- Every file ingest has looked at, including those that failed and those whose content
-- was already stored under another path.
CREATE TABLE files (
    path     TEXT PRIMARY KEY,
    size     INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    hash     TEXT NOT NULL,             -- '' when the file failed to read
    error    TEXT,                      -- the last failure, NULL when it was read
    seen_at  INTEGER NOT NULL           -- seconds since the epoch
);
CREATE INDEX files_hash ON files (hash);

-- One row per paper: a file read on its own (part 0) or one paper of an agenda pack
-- (part 1, 2, ...). `record_json` is the whole `Paper`; the other columns copy the
-- fields the library lists, sorts and filters on.
CREATE TABLE papers (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    path          TEXT NOT NULL,
    part          INTEGER NOT NULL,
    hash          TEXT NOT NULL,
    format        TEXT NOT NULL,
    body          TEXT,
    kind          TEXT NOT NULL,
    title         TEXT,
    date          TEXT,                 -- the date's value, else the earliest of its window
    date_earliest TEXT,
    date_latest   TEXT,
    date_basis    TEXT,                 -- 'stated' or 'inferred'
    purpose       TEXT,
    confidential  INTEGER,              -- 1, 0 or NULL
    summary       TEXT,
    record_json   TEXT NOT NULL,
    UNIQUE (path, part)
);
CREATE INDEX papers_hash ON papers (hash, part);
CREATE INDEX papers_body_date ON papers (body, date);

-- The paper's text as indexed: numbered paragraphs, body text and front-matter fields.
CREATE TABLE passages (
    paper_id INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,
    number   TEXT,
    heading  TEXT,
    field    TEXT NOT NULL,
    line     INTEGER NOT NULL,
    text     TEXT NOT NULL,
    facts    TEXT NOT NULL,             -- JSON array of fact kinds
    PRIMARY KEY (paper_id, ord)
);

-- Facts. `ord` is the fact's position in its list in the record. The primary keys lead
-- with paper_id, so they also serve lookups by paper.
CREATE TABLE timescales (
    paper_id      INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    ord           INTEGER NOT NULL,
    text          TEXT NOT NULL,
    start_date    TEXT,
    end_date      TEXT,
    src_field     TEXT NOT NULL,
    src_paragraph TEXT,
    src_line      INTEGER NOT NULL,
    src_start     INTEGER NOT NULL,
    src_end       INTEGER NOT NULL,
    PRIMARY KEY (paper_id, ord)
);

CREATE TABLE money (
    paper_id      INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    ord           INTEGER NOT NULL,
    text          TEXT NOT NULL,
    amount        REAL,
    per           TEXT,
    src_field     TEXT NOT NULL,
    src_paragraph TEXT,
    src_line      INTEGER NOT NULL,
    src_start     INTEGER NOT NULL,
    src_end       INTEGER NOT NULL,
    PRIMARY KEY (paper_id, ord)
);

CREATE TABLE organisations (
    paper_id      INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    ord           INTEGER NOT NULL,
    name          TEXT NOT NULL,
    aliases       TEXT NOT NULL,        -- JSON array of names
    src_field     TEXT NOT NULL,
    src_paragraph TEXT,
    src_line      INTEGER NOT NULL,
    src_start     INTEGER NOT NULL,
    src_end       INTEGER NOT NULL,
    PRIMARY KEY (paper_id, ord)
);

CREATE TABLE people (
    paper_id      INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    ord           INTEGER NOT NULL,
    name          TEXT NOT NULL,
    role          TEXT,
    src_field     TEXT NOT NULL,
    src_paragraph TEXT,
    src_line      INTEGER NOT NULL,
    src_start     INTEGER NOT NULL,
    src_end       INTEGER NOT NULL,
    PRIMARY KEY (paper_id, ord)
);

CREATE TABLE activities (
    paper_id      INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    ord           INTEGER NOT NULL,
    text          TEXT NOT NULL,
    timescale     TEXT,
    start_date    TEXT,
    end_date      TEXT,
    src_field     TEXT NOT NULL,
    src_paragraph TEXT,
    src_line      INTEGER NOT NULL,
    src_start     INTEGER NOT NULL,
    src_end       INTEGER NOT NULL,
    PRIMARY KEY (paper_id, ord)
);

-- Decisions and actions: `item` is the 0-based position, in the record's `items`, of the
-- agenda item they were made under, NULL where none.
CREATE TABLE decisions (
    paper_id INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,
    text     TEXT NOT NULL,
    item     INTEGER,
    PRIMARY KEY (paper_id, ord)
);

CREATE TABLE actions (
    paper_id INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,
    text     TEXT NOT NULL,
    owner    TEXT,
    item     INTEGER,
    PRIMARY KEY (paper_id, ord)
);

CREATE TABLE recommendations (
    paper_id INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,
    text     TEXT NOT NULL,
    PRIMARY KEY (paper_id, ord)
);

CREATE TABLE contacts (
    paper_id INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,
    name     TEXT NOT NULL,
    position TEXT,
    phone    TEXT,
    email    TEXT,
    PRIMARY KEY (paper_id, ord)
);
