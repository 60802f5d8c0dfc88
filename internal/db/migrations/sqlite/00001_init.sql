-- +goose Up
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'factchecker', 'admin')),
    password_hash TEXT NOT NULL,
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL
);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   DATETIME NOT NULL,
    last_seen_at DATETIME NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);
CREATE INDEX sessions_created_at ON sessions (created_at);

CREATE TABLE sources (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL CHECK (kind IN ('official', 'wire', 'outlet', 'affiliated', 'monitor', 'armed_group', 'other')),
    affiliation   TEXT NOT NULL DEFAULT '',
    homepage      TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL,
    created_by_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    updated_by_id INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX sources_kind_name ON sources (kind, name_key);

CREATE TABLE claims (
    id                   INTEGER PRIMARY KEY,
    title                TEXT NOT NULL,
    summary              TEXT NOT NULL DEFAULT '',
    place                TEXT NOT NULL DEFAULT '',
    country              TEXT NOT NULL DEFAULT '',
    latitude             REAL,
    longitude            REAL,
    occurred_on          DATE NOT NULL,
    date_precision       TEXT NOT NULL CHECK (date_precision IN ('day', 'week', 'month')),
    attack_type          TEXT NOT NULL CHECK (attack_type IN ('drone', 'missile', 'rocket', 'other', 'unknown')),
    target               TEXT NOT NULL DEFAULT '',
    verdict              TEXT NOT NULL DEFAULT 'unverified' CHECK (verdict IN ('unverified', 'confirmed', 'disputed', 'false')),
    officially_confirmed BOOLEAN NOT NULL DEFAULT FALSE,
    officially_denied    BOOLEAN NOT NULL DEFAULT FALSE,
    contested            BOOLEAN NOT NULL DEFAULT FALSE,
    contested_reasons    TEXT NOT NULL DEFAULT '',
    source_count         INTEGER NOT NULL DEFAULT 0,
    version              INTEGER NOT NULL DEFAULT 1,
    created_at           DATETIME NOT NULL,
    updated_at           DATETIME NOT NULL,
    created_by_id        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    updated_by_id        INTEGER REFERENCES users (id) ON DELETE SET NULL
);
-- The dashboard lists newest first, optionally narrowed to one bucket or country.
CREATE INDEX claims_newest ON claims (occurred_on DESC, id DESC);
CREATE INDEX claims_verdict_newest ON claims (verdict, occurred_on DESC, id DESC);
CREATE INDEX claims_country_newest ON claims (country, occurred_on DESC, id DESC);
CREATE INDEX claims_official_newest ON claims (occurred_on DESC, id DESC) WHERE officially_confirmed;
CREATE INDEX claims_contested_newest ON claims (occurred_on DESC, id DESC) WHERE contested;

CREATE TABLE citations (
    id            INTEGER PRIMARY KEY,
    claim_id      INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    source_id     INTEGER NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
    stance        TEXT NOT NULL CHECK (stance IN ('reports', 'confirms', 'denies', 'claims_responsibility')),
    url           TEXT NOT NULL DEFAULT '',
    published_at  DATETIME,
    quote         TEXT NOT NULL DEFAULT '',
    attribution   TEXT NOT NULL DEFAULT '',
    weapon        TEXT NOT NULL DEFAULT '',
    launched      INTEGER,
    intercepted   INTEGER,
    killed        INTEGER,
    injured       INTEGER,
    created_at    DATETIME NOT NULL,
    created_by_id INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX citations_claim_id ON citations (claim_id);
CREATE INDEX citations_source_claim ON citations (source_id, claim_id);

CREATE TABLE verdict_changes (
    id            INTEGER PRIMARY KEY,
    claim_id      INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    from_verdict  TEXT NOT NULL,
    to_verdict    TEXT NOT NULL,
    reason        TEXT NOT NULL,
    changed_by_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    changed_at    DATETIME NOT NULL
);
CREATE INDEX verdict_changes_claim ON verdict_changes (claim_id, changed_at);

-- Every other change to a claim (created, edited, cited), so the history says who did what and when.
CREATE TABLE claim_events (
    id         INTEGER PRIMARY KEY,
    claim_id   INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('created', 'edited', 'cited')),
    detail     TEXT NOT NULL DEFAULT '',
    user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    at         DATETIME NOT NULL
);
CREATE INDEX claim_events_claim ON claim_events (claim_id, at);

-- +goose Down
DROP TABLE claim_events;
DROP TABLE verdict_changes;
DROP TABLE citations;
DROP TABLE claims;
DROP TABLE sources;
DROP TABLE sessions;
DROP TABLE users;
