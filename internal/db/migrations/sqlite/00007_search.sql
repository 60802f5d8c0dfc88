-- Full-text search (FTS4: compiled into mattn's SQLite without build tags). One row per
-- claim in claims_fts, docid = claims.id, kept by triggers inside the transaction of every
-- write. Sources and parties are not copied into it by name: a claim's row holds
-- reference tokens (U+E000 then src12 or pty7; no search term can contain U+E000, so no
-- typed word or prefix reaches them) and the names live in sources_fts and parties_fts,
-- one row each. A search expands each term into (term OR the tokens of the sources and
-- parties whose names match it), so renaming a source rewrites one row, not its claims.
-- +goose Up
CREATE VIRTUAL TABLE claims_fts USING fts4(title, summary, place, target, quotes, refs,
    tokenize=unicode61 "remove_diacritics=2");
CREATE VIRTUAL TABLE sources_fts USING fts4(name, tokenize=unicode61 "remove_diacritics=2");
CREATE VIRTUAL TABLE parties_fts USING fts4(name, tokenize=unicode61 "remove_diacritics=2");

-- What claims_fts holds for each claim: its own text, the quotes and attributions of its
-- live citations, and the tokens of the sources it cites, the sources and parties those
-- pass on, and its alleged attackers and targeted parties. Withdrawn citations are out.
CREATE VIEW claims_search_doc AS
SELECT c.id, c.title, c.summary, c.place, c.target,
    coalesce((SELECT group_concat(t, char(10)) FROM (
        SELECT trim(quote || char(10) || attribution, ' ' || char(10)) AS t FROM citations
        WHERE claim_id = c.id AND withdrawn_at IS NULL ORDER BY id)), '') AS quotes,
    coalesce((SELECT group_concat(r, ' ') FROM (
        SELECT char(57344) || 'src' || source_id AS r FROM citations
            WHERE claim_id = c.id AND withdrawn_at IS NULL
        UNION SELECT char(57344) || 'src' || relays_source_id FROM citations
            WHERE claim_id = c.id AND withdrawn_at IS NULL AND relays_source_id IS NOT NULL
        UNION SELECT char(57344) || 'pty' || relays_party_id FROM citations
            WHERE claim_id = c.id AND withdrawn_at IS NULL AND relays_party_id IS NOT NULL
        UNION SELECT char(57344) || 'pty' || party_id FROM claim_parties WHERE claim_id = c.id)), '') AS refs
FROM claims c;

INSERT INTO claims_fts (docid, title, summary, place, target, quotes, refs) SELECT * FROM claims_search_doc;
INSERT INTO sources_fts (docid, name) SELECT id, name FROM sources;
INSERT INTO parties_fts (docid, name) SELECT id, name FROM parties;

-- +goose StatementBegin
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims
BEGIN
    INSERT INTO claims_fts (docid, title, summary, place, target, quotes, refs) SELECT * FROM claims_search_doc WHERE id = NEW.id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER claims_fts_update AFTER UPDATE OF id, title, summary, place, target ON claims
    WHEN OLD.id IS NOT NEW.id OR OLD.title IS NOT NEW.title OR OLD.summary IS NOT NEW.summary
        OR OLD.place IS NOT NEW.place OR OLD.target IS NOT NEW.target
BEGIN
    DELETE FROM claims_fts WHERE docid IN (OLD.id, NEW.id);
    INSERT INTO claims_fts (docid, title, summary, place, target, quotes, refs) SELECT * FROM claims_search_doc WHERE id IN (OLD.id, NEW.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims
BEGIN
    DELETE FROM claims_fts WHERE docid = OLD.id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER citations_fts_insert AFTER INSERT ON citations
BEGIN
    DELETE FROM claims_fts WHERE docid IN (NEW.claim_id);
    INSERT INTO claims_fts (docid, title, summary, place, target, quotes, refs) SELECT * FROM claims_search_doc WHERE id IN (NEW.claim_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER citations_fts_update AFTER UPDATE OF claim_id, source_id, quote, attribution, relays_source_id, relays_party_id, withdrawn_at ON citations
    WHEN OLD.claim_id IS NOT NEW.claim_id OR OLD.source_id IS NOT NEW.source_id OR OLD.quote IS NOT NEW.quote
        OR OLD.attribution IS NOT NEW.attribution OR OLD.relays_source_id IS NOT NEW.relays_source_id
        OR OLD.relays_party_id IS NOT NEW.relays_party_id OR (OLD.withdrawn_at IS NULL) <> (NEW.withdrawn_at IS NULL)
BEGIN
    DELETE FROM claims_fts WHERE docid IN (OLD.claim_id, NEW.claim_id);
    INSERT INTO claims_fts (docid, title, summary, place, target, quotes, refs) SELECT * FROM claims_search_doc WHERE id IN (OLD.claim_id, NEW.claim_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER citations_fts_delete AFTER DELETE ON citations
BEGIN
    DELETE FROM claims_fts WHERE docid IN (OLD.claim_id);
    INSERT INTO claims_fts (docid, title, summary, place, target, quotes, refs) SELECT * FROM claims_search_doc WHERE id IN (OLD.claim_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER claim_parties_fts_insert AFTER INSERT ON claim_parties
BEGIN
    DELETE FROM claims_fts WHERE docid IN (NEW.claim_id);
    INSERT INTO claims_fts (docid, title, summary, place, target, quotes, refs) SELECT * FROM claims_search_doc WHERE id IN (NEW.claim_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER claim_parties_fts_update AFTER UPDATE ON claim_parties
BEGIN
    DELETE FROM claims_fts WHERE docid IN (OLD.claim_id, NEW.claim_id);
    INSERT INTO claims_fts (docid, title, summary, place, target, quotes, refs) SELECT * FROM claims_search_doc WHERE id IN (OLD.claim_id, NEW.claim_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER claim_parties_fts_delete AFTER DELETE ON claim_parties
BEGIN
    DELETE FROM claims_fts WHERE docid IN (OLD.claim_id);
    INSERT INTO claims_fts (docid, title, summary, place, target, quotes, refs) SELECT * FROM claims_search_doc WHERE id IN (OLD.claim_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER sources_fts_insert AFTER INSERT ON sources
BEGIN
    INSERT INTO sources_fts (docid, name) VALUES (NEW.id, NEW.name);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER sources_fts_update AFTER UPDATE OF id, name ON sources
    WHEN OLD.id IS NOT NEW.id OR OLD.name IS NOT NEW.name
BEGIN
    DELETE FROM sources_fts WHERE docid = OLD.id;
    INSERT INTO sources_fts (docid, name) VALUES (NEW.id, NEW.name);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER sources_fts_delete AFTER DELETE ON sources
BEGIN
    DELETE FROM sources_fts WHERE docid = OLD.id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER parties_fts_insert AFTER INSERT ON parties
BEGIN
    INSERT INTO parties_fts (docid, name) VALUES (NEW.id, NEW.name);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER parties_fts_update AFTER UPDATE OF id, name ON parties
    WHEN OLD.id IS NOT NEW.id OR OLD.name IS NOT NEW.name
BEGIN
    DELETE FROM parties_fts WHERE docid = OLD.id;
    INSERT INTO parties_fts (docid, name) VALUES (NEW.id, NEW.name);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER parties_fts_delete AFTER DELETE ON parties
BEGIN
    DELETE FROM parties_fts WHERE docid = OLD.id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER claims_fts_insert;
DROP TRIGGER claims_fts_update;
DROP TRIGGER claims_fts_delete;
DROP TRIGGER citations_fts_insert;
DROP TRIGGER citations_fts_update;
DROP TRIGGER citations_fts_delete;
DROP TRIGGER claim_parties_fts_insert;
DROP TRIGGER claim_parties_fts_update;
DROP TRIGGER claim_parties_fts_delete;
DROP TRIGGER sources_fts_insert;
DROP TRIGGER sources_fts_update;
DROP TRIGGER sources_fts_delete;
DROP TRIGGER parties_fts_insert;
DROP TRIGGER parties_fts_update;
DROP TRIGGER parties_fts_delete;
DROP VIEW claims_search_doc;
DROP TABLE parties_fts;
DROP TABLE sources_fts;
DROP TABLE claims_fts;
