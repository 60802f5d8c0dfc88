-- One row that /readyz rewrites, to prove the database can still take a write.
-- +goose Up
CREATE TABLE health (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    checked_at TIMESTAMPTZ NOT NULL
);
INSERT INTO health (id, checked_at) VALUES (1, CURRENT_TIMESTAMP);

-- +goose Down
DROP TABLE health;
