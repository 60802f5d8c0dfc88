-- Dashboard orders walked by keyset (sort key, id), newest or most first, and each
-- person's saved views. Merged claims leave every list, so the indexes skip them.
-- +goose Up
CREATE INDEX claims_attack_live ON claims (occurred_on DESC, id DESC) WHERE merged_into IS NULL;
CREATE INDEX claims_updated_live ON claims (updated_at DESC, id DESC) WHERE merged_into IS NULL;
CREATE INDEX claims_reported_live ON claims (first_reported_at DESC, id DESC) WHERE merged_into IS NULL;
CREATE INDEX claims_sources_live ON claims (source_count DESC, id DESC) WHERE merged_into IS NULL;
CREATE INDEX claims_type_live ON claims (attack_type, occurred_on DESC, id DESC) WHERE merged_into IS NULL;

-- A view is the dashboard's canonical query string, under a name its owner chose.
CREATE TABLE saved_views (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    query      TEXT NOT NULL,
    created_at DATETIME NOT NULL,
    UNIQUE (user_id, name)
);

-- +goose Down
DROP TABLE saved_views;
DROP INDEX claims_type_live;
DROP INDEX claims_sources_live;
DROP INDEX claims_reported_live;
DROP INDEX claims_updated_live;
DROP INDEX claims_attack_live;
