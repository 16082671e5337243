-- What a caller's own checks made of a cached reply (the map stage's verified notes of a chunk),
-- so a rerun that gets the same reply takes the result instead of parsing and verifying again.
-- A row answers only while the reply under cache_key hashes to reply_hash and the checker
-- (the checks' name and version, and what else they read) is the same.

CREATE TABLE verified_replies (
    cache_key   TEXT NOT NULL,               -- the call, as in llm_cache
    checker     TEXT NOT NULL,               -- the checks' name and version, with a hash of their other input
    reply_hash  TEXT NOT NULL,               -- SHA-256 of the reply's content the result was derived from
    result      TEXT NOT NULL,               -- what the checks made of it, as the checker writes it (JSON)
    created_at  TEXT NOT NULL,
    PRIMARY KEY (cache_key, checker)
);
