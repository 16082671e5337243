package dev.briefing.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.llm.FinishReason;
import dev.briefing.llm.ModelReply;
import dev.briefing.normalize.Article;
import dev.briefing.normalize.Paragraph;
import dev.briefing.normalize.Script;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
    @TempDir
    Path dir;

    private static Store.CachedCall call(String key, String content) {
        return new Store.CachedCall(new CacheKey(key, "{}", "in", "map", "ph"), "qwen2.5:7b", "map 000 chunk 1/1",
                new ModelReply(content, 120, 30, FinishReason.STOP, 900));
    }

    @Test
    void should_create_the_schema_by_numbered_migrations_and_record_each() throws Exception {
        Path file = dir.resolve("nested/briefing.db");
        try (Store store = Store.open(file)) {
            assertEquals(Store.MIGRATIONS.size(), store.schemaVersion());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT version, name FROM schema_version ORDER BY version")) {
            List<String> applied = new ArrayList<>();
            while (rs.next()) {
                applied.add(rs.getInt(1) + " " + rs.getString(2));
            }
            assertEquals(List.of("1 V1__initial.sql", "2 V2__prompt_columns_cached_calls_chunk_notes.sql",
                    "3 V3__verified_replies.sql", "4 V4__chunk_notes_shared_by_versions.sql",
                    "5 V5__day_inputs_and_files_digests.sql"), applied);
            try (ResultSet mode = st.executeQuery("PRAGMA journal_mode")) {
                assertEquals("wal", mode.getString(1));
            }
        }
    }

    @Test
    void should_number_migrations_one_to_n_with_a_resource_for_each() {
        Pattern name = Pattern.compile("V(\\d+)__.+\\.sql");
        for (int i = 0; i < Store.MIGRATIONS.size(); i++) {
            Matcher m = name.matcher(Store.MIGRATIONS.get(i));
            assertTrue(m.matches(), Store.MIGRATIONS.get(i));
            assertEquals(i + 1, Integer.parseInt(m.group(1)));
            assertFalse(Store.statements(Store.resource("db/migration/" + Store.MIGRATIONS.get(i))).isEmpty());
        }
    }

    @Test
    void should_migrate_a_version_1_database_and_keep_its_rows() throws Exception {
        Path file = dir.resolve("v1.db");
        // A store as the first release left it: only V1 applied, one cached reply, one article.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                    + "applied_at TEXT NOT NULL)");
            for (String sql : Store.statements(Store.resource("db/migration/V1__initial.sql"))) {
                st.execute(sql);
            }
            st.execute("INSERT INTO schema_version VALUES (1, 'V1__initial.sql', '2026-11-01T00:00:00Z')");
            st.execute("INSERT INTO llm_cache (cache_key, model, options, input_hash, purpose, content, prompt_tokens,"
                    + " completion_tokens, finish_reason, duration_ms, created_at) VALUES ('k1', 'qwen2.5:7b', '{}', "
                    + "'h', 'synthesize', '{\"a\":1}', 10, 5, 'STOP', 7, '2026-11-01T00:00:00Z')");
            st.execute("INSERT INTO articles VALUES ('a1', 'news/a.txt', 'h', '2026-11-01', 'T', '[\"p1\"]')");
            st.execute("INSERT INTO briefings (day, version, created_at, model, articles, new_articles, events, calls,"
                    + " incomplete, briefing) VALUES ('2026-11-01', 1, '2026-11-01T08:00:00Z', 'qwen2.5:7b', 1, 1, 0,"
                    + " 2, 0, '{}')");
        }
        try (Store store = Store.open(file)) {
            assertEquals(5, store.schemaVersion());
            // A version from before V5 says nothing of its inputs or files: a rerun briefs its day again.
            assertEquals(new Store.WrittenVersion(1, false, "", ""),
                    store.latestWritten(java.time.LocalDate.parse("2026-11-01")).orElseThrow());
            assertEquals("{\"a\":1}", store.cachedReply("k1").orElseThrow().content());
            assertEquals(List.of("p1"), store.paragraphs("a1").orElseThrow());
            // V2's columns exist and the old rows got their defaults.
            assertEquals(java.util.Map.of("", 1), store.cachedCallsByPrompt());
            Store.DaySummary day = store.history().get(0);
            assertEquals(LocalDate.parse("2026-11-01"), day.day());
            assertEquals(0, day.cachedCalls());
            assertEquals(2, day.calls());
            store.putReply(call("k2", "{}"));
            assertEquals(java.util.Map.of("", 1, "map", 1), store.cachedCallsByPrompt());
        }
    }

    @Test
    void should_refuse_a_database_from_a_newer_version_and_leave_it_alone() throws Exception {
        Path file = dir.resolve("future.db");
        try (Store store = Store.open(file)) {
            store.putReply(call("k", "{}"));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("INSERT INTO schema_version VALUES (99, 'V99__future.sql', '2027-01-01T00:00:00Z')");
        }
        BriefingException e = assertThrows(BriefingException.class, () -> Store.open(file));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("newer version of briefing (schema version 99; this version knows up to "
                + Store.MIGRATIONS.size() + ")"), e.getMessage());
        assertTrue(e.hint().contains("upgrade briefing"), e.hint());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
            assertEquals(99, rs.getInt(1));
        }
    }

    @Test
    void should_refuse_a_file_that_is_not_a_database_with_one_clear_line() throws Exception {
        Path file = dir.resolve("notes.db");
        Files.writeString(file, "these are my notes, not a database\n".repeat(200), StandardCharsets.UTF_8);
        BriefingException e = assertThrows(BriefingException.class, () -> Store.open(file));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("cannot use " + file + " as the briefing store: "), e.getMessage());
        assertTrue(e.getMessage().contains("not a database"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals("these are my notes, not a database\n".repeat(200), Files.readString(file));
    }

    @Test
    void should_keep_a_reply_once_and_serve_it_back_exactly() {
        try (Store store = Store.open(dir.resolve("b.db"))) {
            assertTrue(store.cachedReply("k").isEmpty());
            store.putReply(call("k", "{\"events\":[]}"));
            store.putReply(call("k", "{\"other\":1}"));
            ModelReply reply = store.cachedReply("k").orElseThrow();
            assertEquals(new ModelReply("{\"events\":[]}", 120, 30, FinishReason.STOP, 900), reply);
        }
        try (Store reopened = Store.open(dir.resolve("b.db"))) {
            assertEquals("{\"events\":[]}", reopened.cachedReply("k").orElseThrow().content());
        }
    }

    @Test
    void should_keep_the_first_seen_day_of_an_article() {
        Article a = new Article("abc", "标题", null, "news/a.txt", Script.SIMPLIFIED,
                List.of(new Paragraph(1, "第一段。", "第一段。"), new Paragraph(2, "第二段。", "第二段。")));
        try (Store store = Store.open(dir.resolve("c.db"))) {
            assertEquals(LocalDate.parse("2026-11-22"), store.recordArticle(a, LocalDate.parse("2026-11-22")));
            assertEquals(LocalDate.parse("2026-11-22"), store.recordArticle(a, LocalDate.parse("2026-11-23")));
            assertEquals(LocalDate.parse("2026-11-22"), store.recordArticle(a, LocalDate.parse("2026-11-20")));
            assertEquals(List.of("第一段。", "第二段。"), store.paragraphs("abc").orElseThrow());
        }
    }

    @Test
    void should_record_an_inbox_in_one_call_as_one_article_at_a_time_would() throws Exception {
        Article a = new Article("aaa", "甲", null, "news/a.txt", Script.SIMPLIFIED, List.of(new Paragraph(1, "甲。", "甲。")));
        Article b = new Article("bbb", "乙", null, "news/b.txt", Script.SIMPLIFIED, List.of(new Paragraph(1, "乙。", "乙。")));
        Article bMoved = new Article("bbb", "乙", null, "moved/b.txt", Script.SIMPLIFIED,
                List.of(new Paragraph(1, "乙。", "乙。")));
        LocalDate today = LocalDate.parse("2026-11-23");
        try (Store store = Store.open(dir.resolve("c.db"))) {
            assertEquals(List.of(LocalDate.parse("2026-11-22")), store.recordArticles(List.of(a),
                    LocalDate.parse("2026-11-22"), today));
            assertEquals(List.of(LocalDate.parse("2026-11-22"), today), store.recordArticles(List.of(a, b), today, today),
                    "the known one keeps its day, the new one gets today");
            assertEquals(List.of(today, LocalDate.parse("2026-11-22")), store.recordArticles(List.of(bMoved, a),
                    LocalDate.parse("2026-11-24"), LocalDate.parse("2026-11-24")), "in the order given");
            assertEquals(List.of("乙。"), store.paragraphs("bbb").orElseThrow());
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("c.db"));
                var rs = c.createStatement().executeQuery("SELECT path FROM articles WHERE id = 'bbb'")) {
            assertTrue(rs.next());
            assertEquals("moved/b.txt", rs.getString(1), "the path follows the file");
        }
    }

    @Test
    void should_move_back_a_first_seen_day_set_ahead_of_today_but_never_a_real_one() {
        Article a = new Article("abc", "标题", null, "news/a.txt", Script.SIMPLIFIED,
                List.of(new Paragraph(1, "第一段。", "第一段。")));
        LocalDate today = LocalDate.parse("2026-11-23");
        try (Store store = Store.open(dir.resolve("c.db"))) {
            // A store written before --date was bounded: 9999-12-31 hid the article from every real day.
            assertEquals(LocalDate.parse("9999-12-31"), store.recordArticle(a, LocalDate.parse("9999-12-31"), today));
            assertEquals(today, store.recordArticle(a, today, today));
            // Now real, it stays: a later day, or a backfill of an earlier one, does not move it.
            assertEquals(today, store.recordArticle(a, LocalDate.parse("2026-11-24"), LocalDate.parse("2026-11-24")));
            assertEquals(today, store.recordArticle(a, LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-24")));
        }
    }

    @Test
    void should_refuse_a_damaged_store_on_open_with_the_fix_and_leave_it_as_it_is() throws Exception {
        Path db = dir.resolve("damaged.db");
        try (Store store = Store.open(db)) {
            for (int i = 0; i < 400; i++) {
                store.putReply(call("k" + i, "{\"events\":[]} " + "数据".repeat(200) + i));
            }
        }
        byte[] bytes = Files.readAllBytes(db);
        int page = 4096;
        int middle = (bytes.length / page / 2) * page;
        for (int i = 0; i < 64; i++) {
            bytes[middle + 8 + i] ^= (byte) 0x5A; // inside a b-tree page's header and cell pointers
        }
        Files.write(db, bytes);

        BriefingException e = assertThrows(BriefingException.class, () -> Store.open(db));

        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("the store " + db + " is damaged ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("nothing was read from it or written to it"), e.getMessage());
        assertTrue(e.hint().contains(".recover") && e.hint().contains("backup"), e.hint());
        assertTrue(java.util.Arrays.equals(bytes, Files.readAllBytes(db)), "not written to");
    }

    @Test
    void should_word_a_full_disk_as_a_full_disk_not_as_a_bad_store() {
        assertTrue(Store.diskFull(new java.sql.SQLException("[SQLITE_FULL] Insertion failed because database is "
                + "full (database or disk is full)")));
        assertFalse(Store.diskFull(new java.sql.SQLException("[SQLITE_NOTADB] file is not a database")));
        assertTrue(Store.corrupt(new java.sql.SQLException("[SQLITE_CORRUPT] The database disk image is malformed "
                + "(database disk image is malformed)")));
    }

    @Test
    void should_not_create_a_store_when_only_reading() {
        assertTrue(Store.openExisting(dir.resolve("none.db")).isEmpty());
        assertFalse(Files.exists(dir.resolve("none.db")));
    }

    @Test
    void should_split_migration_statements_at_line_ending_semicolons_only() {
        assertEquals(List.of("CREATE TABLE a (x TEXT DEFAULT 'a;b')", "CREATE TABLE b (y INTEGER)"),
                Store.statements("-- a comment; with a semicolon;\nCREATE TABLE a (x TEXT DEFAULT 'a;b');\n\n"
                        + "CREATE TABLE b (y INTEGER);\n"));
    }

    /**
     * Bounded memory for a large day, proved the honest way: 4,000 chunks whose notes are 6,000
     * Chinese characters each as JSON (some 70 MB of UTF-8 in all, 48 MB as Java strings) stored
     * as {@code daily} stores them, in a JVM with a 32 MB heap. A JDBC batch holding every chunk's
     * JSON until it is sent runs out of memory there.
     */
    @Test
    void should_store_a_day_whose_chunk_notes_are_larger_than_the_heap_in_32_mb() throws Exception {
        Path db = dir.resolve("briefing.db");
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-cp", System.getProperty("java.class.path"), LargeChunkNotes.class.getName(), db.toString(),
                "4000", "6000")
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        boolean ended = process.waitFor(3, java.util.concurrent.TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String err = Files.readString(stderr);
        assertTrue(ended, "still running after 3 minutes\n" + err);
        assertEquals(0, process.exitValue(), err);
        assertEquals(List.of("version 1"), Files.readAllLines(stdout));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(LENGTH(notes)), COUNT(DISTINCT chunk) FROM chunk_notes"
                        + " WHERE day = '2026-11-23' AND version = 1")) {
            assertTrue(rs.next());
            assertEquals(4000, rs.getInt(1));
            assertTrue(rs.getInt(2) > 6000, "each chunk's notes stored whole: " + rs.getInt(2) + " characters");
            assertEquals(4000, rs.getInt(3));
        }
    }
    @Test
    void should_keep_no_copy_of_chunk_notes_an_unchanged_rerun_shares_with_the_version_before() throws Exception {
        Path db = dir.resolve("shared.db");
        java.time.Instant at = java.time.Instant.parse("2026-11-23T08:00:00Z");
        LocalDate day = LargeChunkNotes.DAY;
        try (Store store = Store.open(db)) {
            var notes = LargeChunkNotes.notes(3, 40);
            var other = LargeChunkNotes.notes(3, 41);
            var briefing = dev.briefing.render.SampleBriefing.briefing();
            assertEquals(1, store.saveBriefing(new Store.DayBriefing(day, at, briefing, 1, 3, 0, notes)));
            assertEquals(2, store.saveBriefing(new Store.DayBriefing(day, at, briefing, 0, 0, 3, notes)));
            assertEquals(3, store.saveBriefing(new Store.DayBriefing(day, at, briefing, 0, 0, 3, notes)));
            assertEquals(4, store.saveBriefing(new Store.DayBriefing(day, at, briefing, 0, 1, 2, other)));
            assertEquals(5, store.saveBriefing(new Store.DayBriefing(day, at, briefing, 0, 0, 3, other)));
            assertEquals(6, store.saveBriefing(new Store.DayBriefing(day, at, briefing, 0, 0, 3, notes)));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT b.version, b.notes_from, (SELECT COUNT(*) FROM chunk_notes n "
                    + "WHERE n.day = b.day AND n.version = b.version) FROM briefings b ORDER BY b.version")) {
                while (rs.next()) {
                    int from = rs.getInt(2);
                    String shared = rs.wasNull() ? "own" : "from " + from;
                    rows.add(rs.getInt(1) + ":" + shared + ":" + rs.getInt(3));
                }
            }
            // 2 and 3 share 1's rows (3 points at 1, not at 2); 4 changed; 6 equals 1 but follows 5.
            assertEquals(List.of("1:own:3", "2:from 1:0", "3:from 1:0", "4:own:3", "5:from 4:0", "6:own:3"), rows);
        }
    }

    @Test
    void should_tell_the_latest_version_of_a_day_with_what_it_was_made_from_once_its_files_are_written() {
        Path db = dir.resolve("written.db");
        java.time.Instant at = java.time.Instant.parse("2026-11-23T08:00:00Z");
        LocalDate day = LargeChunkNotes.DAY;
        try (Store store = Store.open(db)) {
            assertEquals(java.util.Optional.empty(), store.latestWritten(day));
            var notes = LargeChunkNotes.notes(2, 40);
            var briefing = dev.briefing.render.SampleBriefing.briefing();
            boolean incomplete = briefing.incomplete(); // the sample has a failed chunk
            assertEquals(1, store.saveBriefing(new Store.DayBriefing(day, at, briefing, 1, 2, 0, notes)));
            store.markWritten(day, 1, "inputs-1", "files-1");
            assertEquals(new Store.WrittenVersion(1, incomplete, "inputs-1", "files-1"),
                    store.latestWritten(day).orElseThrow());
            // A version stored but not yet written is the latest, and says nothing of its inputs.
            assertEquals(2, store.saveBriefing(new Store.DayBriefing(day, at, briefing, 0, 0, 2, notes)));
            assertEquals(new Store.WrittenVersion(2, incomplete, "", ""), store.latestWritten(day).orElseThrow());
            assertEquals(java.util.Optional.empty(), store.latestWritten(day.plusDays(1)));
        }
    }
}
