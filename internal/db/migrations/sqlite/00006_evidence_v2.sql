-- Evidence v2: parties and sides, denials with a scope, figures as reported (JSON), a
-- correctable record of citations, reviewed contests, three stored axes, and one history.
-- Evidence is recomputed by the program after this migration (claims.evidence_rules = 0).
-- +goose Up
CREATE TABLE parties (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL CHECK (kind IN ('state', 'forces', 'armed_group', 'coalition', 'other')),
    parent_id     INTEGER REFERENCES parties (id) ON DELETE SET NULL,
    notes         TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL,
    created_by_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    updated_by_id INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX parties_parent ON parties (parent_id);

-- A source may belong to a party: as its own voice, as media affiliated with it, or not
-- at all. An official source of v1 becomes the voice of a party of its own name, so its
-- confirmations keep counting as official.
ALTER TABLE sources ADD COLUMN party_id INTEGER REFERENCES parties (id) ON DELETE SET NULL;
ALTER TABLE sources ADD COLUMN relation TEXT NOT NULL DEFAULT 'independent'
    CHECK (relation IN ('voice', 'affiliated', 'independent'));
INSERT INTO parties (name, name_key, kind, notes, created_at, updated_at)
    SELECT name, name_key, CASE kind WHEN 'armed_group' THEN 'armed_group' ELSE 'other' END,
           'Made from the source of this name when parties were introduced.', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
    FROM sources WHERE kind IN ('official', 'armed_group');
UPDATE sources SET relation = 'voice', party_id = (SELECT id FROM parties WHERE parties.name_key = sources.name_key)
    WHERE kind IN ('official', 'armed_group');
CREATE INDEX sources_party ON sources (party_id);

-- Alleged attackers and targeted parties of each claim.
CREATE TABLE claim_parties (
    claim_id INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    party_id INTEGER NOT NULL REFERENCES parties (id) ON DELETE RESTRICT,
    role     TEXT NOT NULL CHECK (role IN ('attacker', 'target')),
    PRIMARY KEY (claim_id, role, party_id)
);
CREATE INDEX claim_parties_party ON claim_parties (party_id, claim_id);

-- Citations: what a denial denies, whom a citation relays or blames, quote or
-- paraphrase, figures as reported, and a record that can be corrected or withdrawn.
ALTER TABLE citations ADD COLUMN denial_scope TEXT NOT NULL DEFAULT ''
    CHECK (denial_scope IN ('', 'event', 'location', 'target', 'figures', 'responsibility'));
UPDATE citations SET denial_scope = 'event' WHERE stance = 'denies';
ALTER TABLE citations ADD COLUMN relays_source_id INTEGER REFERENCES sources (id) ON DELETE RESTRICT;
ALTER TABLE citations ADD COLUMN relays_party_id INTEGER REFERENCES parties (id) ON DELETE RESTRICT;
ALTER TABLE citations ADD COLUMN attributes_to_id INTEGER REFERENCES parties (id) ON DELETE RESTRICT;
ALTER TABLE citations ADD COLUMN quote_kind TEXT NOT NULL DEFAULT 'paraphrase' CHECK (quote_kind IN ('quote', 'paraphrase'));
ALTER TABLE citations ADD COLUMN figures TEXT NOT NULL DEFAULT '{}';
UPDATE citations SET figures = json_object(
    'weapon', json(CASE WHEN weapon = '' THEN '{}' ELSE json_object('text', weapon) END),
    'launched', json(CASE WHEN launched IS NULL THEN '{}' ELSE json_object('q', 'exactly', 'n', launched) END),
    'intercepted', json(CASE WHEN intercepted IS NULL THEN '{}' ELSE json_object('q', 'exactly', 'n', intercepted) END),
    'killed', json(CASE WHEN killed IS NULL THEN '{}' ELSE json_object('unknown', json_object('q', 'exactly', 'n', killed)) END),
    'injured', json(CASE WHEN injured IS NULL THEN '{}' ELSE json_object('unknown', json_object('q', 'exactly', 'n', injured)) END));
ALTER TABLE citations DROP COLUMN weapon;
ALTER TABLE citations DROP COLUMN launched;
ALTER TABLE citations DROP COLUMN intercepted;
ALTER TABLE citations DROP COLUMN killed;
ALTER TABLE citations DROP COLUMN injured;
ALTER TABLE citations ADD COLUMN withdrawn_at DATETIME;
ALTER TABLE citations ADD COLUMN withdrawn_by_id INTEGER REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE citations ADD COLUMN withdraw_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE citations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE citations ADD COLUMN updated_at DATETIME;
ALTER TABLE citations ADD COLUMN updated_by_id INTEGER REFERENCES users (id) ON DELETE SET NULL;
UPDATE citations SET updated_at = created_at, updated_by_id = created_by_id;
CREATE INDEX citations_relays_source ON citations (relays_source_id) WHERE relays_source_id IS NOT NULL;

-- The three axes and what they rest on, worked out by the program from the citations.
-- version counts a person's edits of the claim's own fields; revision counts every
-- change to the claim, its citations, reviews and verdict, so a stale verdict form is
-- caught without making an open edit form stale.
ALTER TABLE claims ADD COLUMN occurred_state TEXT NOT NULL DEFAULT 'no_sources';
ALTER TABLE claims ADD COLUMN responsibility_state TEXT NOT NULL DEFAULT 'unclaimed';
ALTER TABLE claims ADD COLUMN response_state TEXT NOT NULL DEFAULT 'none_yet';
ALTER TABLE claims ADD COLUMN suggested_verdict TEXT NOT NULL DEFAULT 'unverified';
ALTER TABLE claims ADD COLUMN first_reported_at DATETIME;
ALTER TABLE claims ADD COLUMN responded_at DATETIME;
ALTER TABLE claims ADD COLUMN reasons TEXT NOT NULL DEFAULT '[]';
ALTER TABLE claims ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE claims ADD COLUMN evidence_rules INTEGER NOT NULL DEFAULT 0;
ALTER TABLE claims DROP COLUMN contested_reasons;
UPDATE claims SET revision = version;
CREATE INDEX claims_occurred_newest ON claims (occurred_state, occurred_on DESC, id DESC);
CREATE INDEX claims_responsibility_newest ON claims (responsibility_state, occurred_on DESC, id DESC);
CREATE INDEX claims_response_newest ON claims (response_state, occurred_on DESC, id DESC);
CREATE INDEX claims_awaiting ON claims (first_reported_at) WHERE response_state = 'none_yet';
CREATE INDEX claims_stale_evidence ON claims (id) WHERE evidence_rules = 0;

-- A fact-checker's review of one contest reason, by its key (rule and values).
CREATE TABLE contest_reviews (
    id             INTEGER PRIMARY KEY,
    claim_id       INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    key            TEXT NOT NULL,
    note           TEXT NOT NULL,
    reviewed_by_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    reviewed_at    DATETIME NOT NULL,
    UNIQUE (claim_id, key)
);

-- The verdict the evidence suggested when a fact-checker chose another.
ALTER TABLE verdict_changes ADD COLUMN suggested TEXT NOT NULL DEFAULT '';
ALTER TABLE verdict_changes ADD COLUMN override BOOLEAN NOT NULL DEFAULT FALSE;

-- One history of every change to a claim, its citations, reviews and verdict, with the
-- old and new values (JSON) and why.
CREATE TABLE claim_history (
    id          INTEGER PRIMARY KEY,
    claim_id    INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    citation_id INTEGER REFERENCES citations (id) ON DELETE SET NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('created', 'edited', 'cited', 'citation_edited', 'citation_withdrawn',
                                              'reviewed', 'verdict')),
    detail      TEXT NOT NULL DEFAULT '',
    changes     TEXT NOT NULL DEFAULT '[]',
    reason      TEXT NOT NULL DEFAULT '',
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    at          DATETIME NOT NULL
);
INSERT INTO claim_history (claim_id, kind, detail, user_id, at)
    SELECT claim_id, kind, detail, user_id, at FROM claim_events;
INSERT INTO claim_history (claim_id, kind, changes, reason, user_id, at)
    SELECT claim_id, 'verdict', json_array(json_object('field', 'verdict', 'label', 'Verdict', 'old', from_verdict, 'new', to_verdict)),
           reason, changed_by_id, changed_at FROM verdict_changes;
DROP TABLE claim_events;
CREATE INDEX claim_history_claim ON claim_history (claim_id, at);

-- Desk-wide settings an admin can change.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO settings (key, value) VALUES ('awaiting_hours', '24');

-- +goose Down
-- Not reversible in place (SQLite cannot drop columns that hold foreign keys):
-- restore the backup taken before upgrading (claimdesk backup -to FILE).
