-- Failed logins by account and by client address, kept in the database so every
-- instance of the desk throttles the same guesses.
-- +goose Up
CREATE TABLE login_failures (
    key        TEXT PRIMARY KEY,
    n          INTEGER NOT NULL,
    window_end TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_failures_window_end ON login_failures (window_end);

-- +goose Down
DROP TABLE login_failures;
