-- Duplicates and merges. A claim merged into another keeps its row, so its address can
-- send readers on to the claim it was merged into, but it leaves every list and count.
-- claim_history is rebuilt to take the kind 'merged' and to say which claim a moved
-- entry came from (SQLite cannot alter a CHECK in place). The kinds allowed are those
-- of 00006 and of 00008 (work status and comments) with 'merged', so this migration
-- runs after either; the indexes 00008 adds are made again, as dropping the table
-- drops them.
-- +goose Up
ALTER TABLE claims ADD COLUMN merged_into INTEGER REFERENCES claims (id) ON DELETE SET NULL;
-- Likely duplicates by place, across countries: one index range per place and date
-- window (by country they walk claims_country_newest).
CREATE INDEX claims_place_date ON claims (place COLLATE NOCASE, occurred_on) WHERE merged_into IS NULL;

CREATE TABLE claim_history_merges (
    id            INTEGER PRIMARY KEY,
    claim_id      INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    citation_id   INTEGER REFERENCES citations (id) ON DELETE SET NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('created', 'edited', 'cited', 'citation_edited', 'citation_withdrawn',
                                                'reviewed', 'verdict', 'work', 'commented', 'comment_removed', 'merged')),
    detail        TEXT NOT NULL DEFAULT '',
    changes       TEXT NOT NULL DEFAULT '[]',
    reason        TEXT NOT NULL DEFAULT '',
    user_id       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    at            DATETIME NOT NULL,
    from_claim_id INTEGER REFERENCES claims (id) ON DELETE SET NULL
);
INSERT INTO claim_history_merges (id, claim_id, citation_id, kind, detail, changes, reason, user_id, at)
    SELECT id, claim_id, citation_id, kind, detail, changes, reason, user_id, at FROM claim_history;
DROP TABLE claim_history;
ALTER TABLE claim_history_merges RENAME TO claim_history;
CREATE INDEX claim_history_claim ON claim_history (claim_id, at);
CREATE INDEX claim_history_at ON claim_history (at, id);
CREATE INDEX claim_history_user ON claim_history (user_id, at, id);
CREATE INDEX claim_history_kind ON claim_history (kind, at, id);

-- +goose Down
-- Not reversible in place (SQLite cannot drop columns that hold foreign keys):
-- restore the backup taken before upgrading (claimdesk backup -to FILE).
