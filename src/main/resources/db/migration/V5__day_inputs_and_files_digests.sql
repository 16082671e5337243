-- What a version of a day was made from, and what its files were when written, so a rerun
-- with nothing changed can keep that version instead of briefing the day again.
-- inputs_digest is SHA-256 over the build of briefing, the day and its window, every article
-- briefed (id, path, source, script), the new ones, the input warnings, the settings, model,
-- host and context length, the prompt files' hashes and the earlier versions compared with
-- (daily.DayInputs). files_digest is SHA-256 over the day folder's files as written
-- (daily.DayOutput.filesDigest). Both stay '' for a version whose files were not all written.

ALTER TABLE briefings ADD COLUMN inputs_digest TEXT NOT NULL DEFAULT '';
ALTER TABLE briefings ADD COLUMN files_digest TEXT NOT NULL DEFAULT '';
