-- Which prompt a cached call used (inspection and history), how many calls of a briefing were
-- served from the cache, and each briefing's verified notes per chunk.

ALTER TABLE llm_cache ADD COLUMN prompt_name TEXT NOT NULL DEFAULT '';
ALTER TABLE llm_cache ADD COLUMN prompt_hash TEXT NOT NULL DEFAULT '';
CREATE INDEX llm_cache_prompt ON llm_cache (prompt_name, prompt_hash);

ALTER TABLE briefings ADD COLUMN cached_calls INTEGER NOT NULL DEFAULT 0;

CREATE TABLE chunk_notes (
    day         TEXT NOT NULL,
    version     INTEGER NOT NULL,
    chunk       TEXT NOT NULL,               -- the chunk's label, "000 chunk 1/2"
    article_id  TEXT NOT NULL,
    failure     TEXT,                        -- null when the chunk was mapped
    notes       TEXT NOT NULL,               -- its verified notes as JSON
    PRIMARY KEY (day, version, chunk),
    FOREIGN KEY (day, version) REFERENCES briefings (day, version)
);
