-- The desk's own work on claims: a work status and an assignee beside the verdict,
-- comments, follows and notifications, and each user's mark of their last look at the
-- activity page. claim_history is rebuilt to take the new kinds of change (SQLite
-- cannot alter a CHECK in place); it stays the one history of every claim.
-- +goose Up
ALTER TABLE claims ADD COLUMN work_status TEXT NOT NULL DEFAULT 'new'
    CHECK (work_status IN ('new', 'in_progress', 'needs_review', 'done'));
ALTER TABLE claims ADD COLUMN assignee_id INTEGER REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE claims ADD COLUMN assigned_at DATETIME;
-- "My queue": one person's claims, oldest assignment first.
CREATE INDEX claims_queue ON claims (assignee_id, assigned_at, id) WHERE assignee_id IS NOT NULL;

CREATE TABLE claim_history_desk (
    id          INTEGER PRIMARY KEY,
    claim_id    INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    citation_id INTEGER REFERENCES citations (id) ON DELETE SET NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('created', 'edited', 'cited', 'citation_edited', 'citation_withdrawn',
                                              'reviewed', 'verdict', 'work', 'commented', 'comment_removed')),
    detail      TEXT NOT NULL DEFAULT '',
    changes     TEXT NOT NULL DEFAULT '[]',
    reason      TEXT NOT NULL DEFAULT '',
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    at          DATETIME NOT NULL
);
INSERT INTO claim_history_desk (id, claim_id, citation_id, kind, detail, changes, reason, user_id, at)
    SELECT id, claim_id, citation_id, kind, detail, changes, reason, user_id, at FROM claim_history;
DROP TABLE claim_history;
ALTER TABLE claim_history_desk RENAME TO claim_history;
CREATE INDEX claim_history_claim ON claim_history (claim_id, at);
-- The activity page reads the whole desk's history newest first, or one person's, or
-- one kind's, a page at a time by (at, id).
CREATE INDEX claim_history_at ON claim_history (at, id);
CREATE INDEX claim_history_user ON claim_history (user_id, at, id);
CREATE INDEX claim_history_kind ON claim_history (kind, at, id);

-- A claim's discussion. A comment an admin removes keeps its row, author and times,
-- with who removed it and when; its text is blanked.
CREATE TABLE comments (
    id            INTEGER PRIMARY KEY,
    claim_id      INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    author_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    body          TEXT NOT NULL,
    created_at    DATETIME NOT NULL,
    edited_at     DATETIME,
    removed_at    DATETIME,
    removed_by_id INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX comments_claim ON comments (claim_id, created_at, id);

-- Who follows which claim: its creator, its assignee, its commenters, and anyone who
-- asked to. Creators of claims made before follows existed follow them.
CREATE TABLE claim_follows (
    claim_id INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    since    DATETIME NOT NULL,
    PRIMARY KEY (claim_id, user_id)
);
CREATE INDEX claim_follows_user ON claim_follows (user_id, claim_id);
INSERT INTO claim_follows (claim_id, user_id, since)
    SELECT id, created_by_id, created_at FROM claims WHERE created_by_id IS NOT NULL;

-- What a person is told: a mention, an assignment, a verdict on a claim they follow.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('mention', 'assigned', 'verdict')),
    claim_id   INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    comment_id INTEGER REFERENCES comments (id) ON DELETE SET NULL,
    actor_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    detail     TEXT NOT NULL DEFAULT '',
    at         DATETIME NOT NULL,
    read_at    DATETIME
);
CREATE INDEX notifications_user ON notifications (user_id, id);
-- The header's unread count, on every page: only unread rows are in this index.
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

-- Each person's last look at the activity page: "since my last visit".
CREATE TABLE activity_marks (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    seen_at DATETIME NOT NULL
);

-- +goose Down
-- Not reversible in place (SQLite cannot drop columns that hold foreign keys):
-- restore the backup taken before upgrading (claimdesk backup -to FILE).
