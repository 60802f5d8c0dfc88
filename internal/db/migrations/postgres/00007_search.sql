-- PostgreSQL translation of sqlite/00007_search.sql. Full-text search with tsvector
-- columns instead of FTS4 tables. One row per claim in claims_search, kept by triggers
-- inside the transaction of every write: each field's text and its own vector (ranking
-- weighs a match by the field it is in), and doc, all of them together, GIN-indexed.
-- The text search configuration claimdesk_search is 'simple' with unaccent before it,
-- so words fold case and diacritics as FTS4's unicode61 "remove_diacritics=2" does.
-- As in SQLite, sources and parties are not copied into a claim's row by name: refs
-- holds reference tokens (U+E000 then src12 or pty7), put into the vector as they are
-- (array_to_tsvector), so no typed word can reach them; a search expands each term into
-- (term OR the tokens of the sources and parties whose names match it). Names are
-- searched through GIN expression indexes on sources and parties. Text goes through
-- claimdesk_search_text first, which blanks < > and &: the default parser reads
-- "<script>" as a markup tag and "&amp;" as an entity and leaves them out, where FTS4
-- indexes the words; blanking keeps every byte offset, so highlights still line up.
-- +goose Up
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
CREATE TEXT SEARCH CONFIGURATION claimdesk_search (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION claimdesk_search
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
    WITH public.unaccent, pg_catalog.simple;

CREATE FUNCTION claimdesk_search_text(t TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN translate(t, '<>&', '   ');

CREATE TABLE claims_search (
    claim_id  BIGINT PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE,
    title     TEXT NOT NULL,
    summary   TEXT NOT NULL,
    place     TEXT NOT NULL,
    target    TEXT NOT NULL,
    quotes    TEXT NOT NULL,
    refs      TEXT NOT NULL,
    title_v   TSVECTOR NOT NULL,
    summary_v TSVECTOR NOT NULL,
    place_v   TSVECTOR NOT NULL,
    target_v  TSVECTOR NOT NULL,
    quotes_v  TSVECTOR NOT NULL,
    refs_v    TSVECTOR NOT NULL,
    doc       TSVECTOR NOT NULL
);
CREATE INDEX claims_search_doc_gin ON claims_search USING gin (doc);
CREATE INDEX sources_name_search ON sources USING gin (to_tsvector('claimdesk_search', claimdesk_search_text(name)));
CREATE INDEX parties_name_search ON parties USING gin (to_tsvector('claimdesk_search', claimdesk_search_text(name)));

-- What claims_search holds for each claim: its own text, the quotes and attributions of
-- its live citations, and the tokens of the sources it cites, the sources and parties
-- those pass on, and its alleged attackers and targeted parties. Withdrawn citations
-- are out.
CREATE VIEW claims_search_doc AS
SELECT c.id, c.title, c.summary, c.place, c.target,
    coalesce((SELECT string_agg(btrim(quote || chr(10) || attribution, ' ' || chr(10)), chr(10) ORDER BY id)
        FROM citations WHERE claim_id = c.id AND withdrawn_at IS NULL), '') AS quotes,
    coalesce((SELECT string_agg(r, ' ' ORDER BY r) FROM (
        SELECT chr(57344) || 'src' || source_id AS r FROM citations
            WHERE claim_id = c.id AND withdrawn_at IS NULL
        UNION SELECT chr(57344) || 'src' || relays_source_id FROM citations
            WHERE claim_id = c.id AND withdrawn_at IS NULL AND relays_source_id IS NOT NULL
        UNION SELECT chr(57344) || 'pty' || relays_party_id FROM citations
            WHERE claim_id = c.id AND withdrawn_at IS NULL AND relays_party_id IS NOT NULL
        UNION SELECT chr(57344) || 'pty' || party_id FROM claim_parties WHERE claim_id = c.id) refs), '') AS refs
FROM claims c;

-- +goose StatementBegin
CREATE FUNCTION claims_search_refresh(ids BIGINT[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM claims_search WHERE claim_id = ANY (ids);
    INSERT INTO claims_search (claim_id, title, summary, place, target, quotes, refs,
                               title_v, summary_v, place_v, target_v, quotes_v, refs_v, doc)
    SELECT id, title, summary, place, target, quotes, refs, t, s, p, g, q, r, t || s || p || g || q || r
    FROM (SELECT d.*,
              to_tsvector('claimdesk_search', claimdesk_search_text(d.title)) AS t,
              to_tsvector('claimdesk_search', claimdesk_search_text(d.summary)) AS s,
              to_tsvector('claimdesk_search', claimdesk_search_text(d.place)) AS p,
              to_tsvector('claimdesk_search', claimdesk_search_text(d.target)) AS g,
              to_tsvector('claimdesk_search', claimdesk_search_text(d.quotes)) AS q,
              array_to_tsvector(string_to_array(d.refs, ' ')) AS r
          FROM claims_search_doc d WHERE d.id = ANY (ids)) v;
$$;
-- +goose StatementEnd

SELECT claims_search_refresh(array_agg(id)) FROM claims;

-- +goose StatementBegin
CREATE FUNCTION claims_search_claims() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM claims_search_refresh(ARRAY[NEW.id]);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER claims_search_insert AFTER INSERT ON claims
    FOR EACH ROW EXECUTE FUNCTION claims_search_claims();
CREATE TRIGGER claims_search_update AFTER UPDATE OF title, summary, place, target ON claims
    FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.summary IS DISTINCT FROM NEW.summary
        OR OLD.place IS DISTINCT FROM NEW.place OR OLD.target IS DISTINCT FROM NEW.target)
    EXECUTE FUNCTION claims_search_claims();

-- Citations and claim_parties: refresh the claims of the old and the new row.
-- +goose StatementBegin
CREATE FUNCTION claims_search_children() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM claims_search_refresh(ARRAY[NEW.claim_id]);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM claims_search_refresh(ARRAY[OLD.claim_id]);
    ELSE
        PERFORM claims_search_refresh(ARRAY[OLD.claim_id, NEW.claim_id]);
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER citations_search_insert AFTER INSERT OR DELETE ON citations
    FOR EACH ROW EXECUTE FUNCTION claims_search_children();
CREATE TRIGGER citations_search_update AFTER UPDATE OF claim_id, source_id, quote, attribution, relays_source_id, relays_party_id, withdrawn_at ON citations
    FOR EACH ROW WHEN (OLD.claim_id IS DISTINCT FROM NEW.claim_id OR OLD.source_id IS DISTINCT FROM NEW.source_id
        OR OLD.quote IS DISTINCT FROM NEW.quote OR OLD.attribution IS DISTINCT FROM NEW.attribution
        OR OLD.relays_source_id IS DISTINCT FROM NEW.relays_source_id
        OR OLD.relays_party_id IS DISTINCT FROM NEW.relays_party_id
        OR (OLD.withdrawn_at IS NULL) <> (NEW.withdrawn_at IS NULL))
    EXECUTE FUNCTION claims_search_children();
CREATE TRIGGER claim_parties_search AFTER INSERT OR UPDATE OR DELETE ON claim_parties
    FOR EACH ROW EXECUTE FUNCTION claims_search_children();

-- +goose Down
DROP TRIGGER claim_parties_search ON claim_parties;
DROP TRIGGER citations_search_update ON citations;
DROP TRIGGER citations_search_insert ON citations;
DROP TRIGGER claims_search_update ON claims;
DROP TRIGGER claims_search_insert ON claims;
DROP FUNCTION claims_search_children();
DROP FUNCTION claims_search_claims();
DROP FUNCTION claims_search_refresh(BIGINT[]);
DROP VIEW claims_search_doc;
DROP INDEX parties_name_search;
DROP INDEX sources_name_search;
DROP TABLE claims_search;
DROP TEXT SEARCH CONFIGURATION claimdesk_search;
DROP FUNCTION claimdesk_search_text(TEXT);
