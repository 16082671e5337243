-- A version whose chunk notes are exactly those of an earlier version of the same day (an
-- unchanged rerun) keeps no copy of them: notes_from names the version whose chunk_notes rows
-- hold them. notes_digest is SHA-256 over every chunk's label, failure and notes JSON, in order.
-- Before this, each unchanged rerun of a day of a thousand articles added 3-4 MB of identical
-- rows, and every open's quick_check reads the whole file.

ALTER TABLE briefings ADD COLUMN notes_digest TEXT NOT NULL DEFAULT '';
ALTER TABLE briefings ADD COLUMN notes_from INTEGER;
