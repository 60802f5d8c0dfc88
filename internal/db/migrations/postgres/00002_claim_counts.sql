-- The dashboard's headline numbers, kept up to date in the same transaction as every
-- change that moves a claim between buckets, so the dashboard reads them instead of
-- counting claims.
-- +goose Up
CREATE TABLE claim_counts (
    bucket TEXT PRIMARY KEY,
    n      INTEGER NOT NULL DEFAULT 0
);
INSERT INTO claim_counts (bucket, n) SELECT 'all', COUNT(*) FROM claims;
INSERT INTO claim_counts (bucket, n) SELECT 'officially-confirmed', COUNT(*) FROM claims WHERE officially_confirmed;
INSERT INTO claim_counts (bucket, n) SELECT 'contested', COUNT(*) FROM claims WHERE contested;
INSERT INTO claim_counts (bucket, n) SELECT 'unverified', COUNT(*) FROM claims WHERE verdict = 'unverified';
INSERT INTO claim_counts (bucket, n) SELECT 'confirmed', COUNT(*) FROM claims WHERE verdict = 'confirmed';
INSERT INTO claim_counts (bucket, n) SELECT 'disputed', COUNT(*) FROM claims WHERE verdict = 'disputed';
INSERT INTO claim_counts (bucket, n) SELECT 'false', COUNT(*) FROM claims WHERE verdict = 'false';

-- +goose Down
DROP TABLE claim_counts;
