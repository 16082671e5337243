-- The first schema: articles as first seen, the model-call cache, and each day's briefings.
-- Statements are separated by a semicolon at the end of a line.

CREATE TABLE articles (
    id            TEXT PRIMARY KEY,          -- the article id (a hash of its cleaned text)
    path          TEXT NOT NULL,             -- where it was last read, as the user named it
    content_hash  TEXT NOT NULL,             -- SHA-256 of the cleaned title and paragraphs
    first_seen    TEXT NOT NULL,             -- ISO day it was first briefed
    title         TEXT NOT NULL,
    paragraphs    TEXT NOT NULL              -- the cleaned paragraphs, a JSON array of strings
);

CREATE TABLE llm_cache (
    cache_key          TEXT PRIMARY KEY,     -- SHA-256 over model, options, schema and messages
    model              TEXT NOT NULL,
    options            TEXT NOT NULL,        -- num_ctx, num_predict, temperature, seed as JSON
    input_hash         TEXT NOT NULL,        -- SHA-256 of the messages
    purpose            TEXT NOT NULL,        -- what the first call with this key was for
    content            TEXT NOT NULL,
    prompt_tokens      INTEGER NOT NULL,
    completion_tokens  INTEGER NOT NULL,
    finish_reason      TEXT NOT NULL,
    duration_ms        INTEGER NOT NULL,
    created_at         TEXT NOT NULL
);

CREATE TABLE briefings (
    day           TEXT NOT NULL,             -- ISO day
    version       INTEGER NOT NULL,          -- 1, 2, ... for reruns of the same day
    created_at    TEXT NOT NULL,
    model         TEXT NOT NULL,
    articles      INTEGER NOT NULL,
    new_articles  INTEGER NOT NULL,
    events        INTEGER NOT NULL,
    calls         INTEGER NOT NULL,          -- requests sent to the model server
    incomplete    INTEGER NOT NULL,
    briefing      TEXT NOT NULL,             -- briefing.json
    PRIMARY KEY (day, version)
);
