-- The one-time link that creates the first admin, kept in the database so every
-- instance of the desk prints and accepts the same one. Deleted when it is used.
-- +goose Up
CREATE TABLE setup_token (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    token      TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE setup_token;
