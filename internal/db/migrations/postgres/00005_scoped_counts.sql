-- The dashboard's counts per country and per source too, so its tiles can respect
-- those filters without counting claims: scope '' is the whole desk, 'country:NAME' one
-- country, 'source:ID' the claims citing one source.
-- +goose Up
CREATE TABLE claim_counts_scoped (
    scope  TEXT NOT NULL DEFAULT '',
    bucket TEXT NOT NULL,
    n      BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (scope, bucket)
);
INSERT INTO claim_counts_scoped (scope, bucket, n) SELECT '', bucket, n FROM claim_counts;
INSERT INTO claim_counts_scoped (scope, bucket, n)
    SELECT 'country:' || country, 'all', COUNT(*) FROM claims WHERE country <> '' AND 1 = 1 GROUP BY country;
INSERT INTO claim_counts_scoped (scope, bucket, n)
    SELECT 'source:' || s.source_id, 'all', COUNT(*) FROM (SELECT DISTINCT claim_id, source_id FROM citations) s
    JOIN claims ON claims.id = s.claim_id WHERE 1 = 1 GROUP BY s.source_id;
INSERT INTO claim_counts_scoped (scope, bucket, n)
    SELECT 'country:' || country, 'officially-confirmed', COUNT(*) FROM claims WHERE country <> '' AND officially_confirmed GROUP BY country;
INSERT INTO claim_counts_scoped (scope, bucket, n)
    SELECT 'source:' || s.source_id, 'officially-confirmed', COUNT(*) FROM (SELECT DISTINCT claim_id, source_id FROM citations) s
    JOIN claims ON claims.id = s.claim_id WHERE officially_confirmed GROUP BY s.source_id;
INSERT INTO claim_counts_scoped (scope, bucket, n)
    SELECT 'country:' || country, 'contested', COUNT(*) FROM claims WHERE country <> '' AND contested GROUP BY country;
INSERT INTO claim_counts_scoped (scope, bucket, n)
    SELECT 'source:' || s.source_id, 'contested', COUNT(*) FROM (SELECT DISTINCT claim_id, source_id FROM citations) s
    JOIN claims ON claims.id = s.claim_id WHERE contested GROUP BY s.source_id;
INSERT INTO claim_counts_scoped (scope, bucket, n)
    SELECT 'country:' || country, 'unverified', COUNT(*) FROM claims WHERE country <> '' AND verdict = 'unverified' GROUP BY country;
INSERT INTO claim_counts_scoped (scope, bucket, n)
    SELECT 'source:' || s.source_id, 'unverified', COUNT(*) FROM (SELECT DISTINCT claim_id, source_id FROM citations) s
    JOIN claims ON claims.id = s.claim_id WHERE verdict = 'unverified' GROUP BY s.source_id;
INSERT INTO claim_counts_scoped (scope, bucket, n)
    SELECT 'country:' || country, 'confirmed', COUNT(*) FROM claims WHERE country <> '' AND verdict = 'confirmed' GROUP BY country;
INSERT INTO claim_counts_scoped (scope, bucket, n)
    SELECT 'source:' || s.source_id, 'confirmed', COUNT(*) FROM (SELECT DISTINCT claim_id, source_id FROM citations) s
    JOIN claims ON claims.id = s.claim_id WHERE verdict = 'confirmed' GROUP BY s.source_id;
INSERT INTO claim_counts_scoped (scope, bucket, n)
    SELECT 'country:' || country, 'disputed', COUNT(*) FROM claims WHERE country <> '' AND verdict = 'disputed' GROUP BY country;
INSERT INTO claim_counts_scoped (scope, bucket, n)
    SELECT 'source:' || s.source_id, 'disputed', COUNT(*) FROM (SELECT DISTINCT claim_id, source_id FROM citations) s
    JOIN claims ON claims.id = s.claim_id WHERE verdict = 'disputed' GROUP BY s.source_id;
INSERT INTO claim_counts_scoped (scope, bucket, n)
    SELECT 'country:' || country, 'false', COUNT(*) FROM claims WHERE country <> '' AND verdict = 'false' GROUP BY country;
INSERT INTO claim_counts_scoped (scope, bucket, n)
    SELECT 'source:' || s.source_id, 'false', COUNT(*) FROM (SELECT DISTINCT claim_id, source_id FROM citations) s
    JOIN claims ON claims.id = s.claim_id WHERE verdict = 'false' GROUP BY s.source_id;
DROP TABLE claim_counts;
ALTER TABLE claim_counts_scoped RENAME TO claim_counts;

-- +goose Down
DELETE FROM claim_counts WHERE scope <> '';
CREATE TABLE claim_counts_plain (
    bucket TEXT PRIMARY KEY,
    n      BIGINT NOT NULL DEFAULT 0
);
INSERT INTO claim_counts_plain (bucket, n) SELECT bucket, n FROM claim_counts;
DROP TABLE claim_counts;
ALTER TABLE claim_counts_plain RENAME TO claim_counts;
