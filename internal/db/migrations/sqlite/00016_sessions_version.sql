-- A second number beside the desk's version, moved on only by what can end a session or
-- change its user (logging out, an expired session deleted, a new password, a new
-- account): sessions are kept by it, so saving a verdict does not make every request
-- read its session again. Those changes move the desk's version on too.
-- +goose Up
ALTER TABLE desk_version ADD COLUMN sessions INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE desk_version DROP COLUMN sessions;
