-- How many citations each source has, kept by the write that adds a citation, so the
-- list of sources does not count every citation.
-- +goose Up
ALTER TABLE sources ADD COLUMN citation_count INTEGER NOT NULL DEFAULT 0;
UPDATE sources SET citation_count = (SELECT COUNT(*) FROM citations WHERE citations.source_id = sources.id);

-- +goose Down
ALTER TABLE sources DROP COLUMN citation_count;
