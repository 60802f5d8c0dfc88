-- One number that every change to what the desk shows moves on, in the same
-- transaction as the change: pages rendered for an older number are stale.
-- +goose Up
CREATE TABLE desk_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  BIGINT NOT NULL
);
INSERT INTO desk_version (id, n) VALUES (1, 1);

-- +goose Down
DROP TABLE desk_version;
