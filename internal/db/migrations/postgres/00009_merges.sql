-- PostgreSQL translation of sqlite/00009_merges.sql.
-- Duplicates and merges. A claim merged into another keeps its row, so its address can
-- send readers on to the claim it was merged into, but it leaves every list and count.
-- claim_history's CHECK is replaced to take the kind 'merged' and a column says which
-- claim a moved entry came from (SQLite rebuilds the table for this). The kinds allowed are those
-- of 00006 and of 00008 (work status and comments) with 'merged', so this migration
-- runs after either; the indexes 00008 adds are made again, as dropping the table
-- drops them.
-- +goose Up
ALTER TABLE claims ADD COLUMN merged_into BIGINT REFERENCES claims (id) ON DELETE SET NULL;
-- Likely duplicates by place, across countries: one index range per place and date
-- window (by country they walk claims_country_newest). NOCASE becomes lower(place).
CREATE INDEX claims_place_date ON claims (lower(place), occurred_on) WHERE merged_into IS NULL;

ALTER TABLE claim_history DROP CONSTRAINT claim_history_kind_check;
ALTER TABLE claim_history ADD CONSTRAINT claim_history_kind_check
    CHECK (kind IN ('created', 'edited', 'cited', 'citation_edited', 'citation_withdrawn',
                    'reviewed', 'verdict', 'work', 'commented', 'comment_removed', 'merged'));
ALTER TABLE claim_history ADD COLUMN from_claim_id BIGINT REFERENCES claims (id) ON DELETE SET NULL;
CREATE INDEX IF NOT EXISTS claim_history_at ON claim_history (at, id);
CREATE INDEX IF NOT EXISTS claim_history_user ON claim_history (user_id, at, id);
CREATE INDEX IF NOT EXISTS claim_history_kind ON claim_history (kind, at, id);

-- +goose Down
-- Not reversible in place, like its SQLite twin: restore the dump taken before upgrading.
