package dev.briefing.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.llm.FinishReason;
import dev.briefing.llm.ModelReply;
import dev.briefing.map.MapResult;
import dev.briefing.normalize.Article;
import dev.briefing.normalize.Paragraph;
import dev.briefing.reduce.Briefing;
import dev.briefing.reduce.BriefingCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded SQLite database behind {@code daily}, {@code history} and the model-call cache:
 * articles with the day they were first seen, each day's briefings (every version), the
 * verified notes per chunk, and every usable model reply. One connection, guarded so the
 * parallel map calls can share it; every write commits at once (WAL), so a killed run keeps
 * every reply that arrived before it died.
 *
 * <p>The schema is built by the numbered migrations in {@code db/migration/} (see
 * {@link #MIGRATIONS}), each applied in its own transaction and recorded in
 * {@code schema_version}. A database written by a newer version is refused, never altered.
 */
public final class Store implements AutoCloseable {
    /** The migrations, in order; file {@code V<n>__*.sql} is the n-th. Append, never edit. */
    public static final List<String> MIGRATIONS = List.of(
            "V1__initial.sql",
            "V2__prompt_columns_cached_calls_chunk_notes.sql",
            "V3__verified_replies.sql",
            "V4__chunk_notes_shared_by_versions.sql",
            "V5__day_inputs_and_files_digests.sql");
    private static final Pattern MIGRATION_NAME = Pattern.compile("V(\\d+)__[a-z0-9_]+\\.sql");

    private final Path file;
    private final Connection connection;

    private Store(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens (creating it and its folder if missing) and migrates the store.
     *
     * @throws BriefingException (exit 2) when the file is not a SQLite database, cannot be
     *                           opened, or was written by a newer version of briefing
     */
    public static Store open(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute.getParent());
        } catch (IOException e) {
            throw unusable(absolute, "cannot create its folder (" + e.getMessage() + ")", e);
        }
        Connection connection;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + absolute);
        } catch (SQLException e) {
            throw unusable(absolute, reason(e), e);
        }
        Store store = new Store(absolute, connection);
        try {
            store.configure();
            store.check();
            store.migrate();
            return store;
        } catch (SQLException e) {
            store.close();
            throw unusable(absolute, reason(e), e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The store at {@code file} if it exists; never creates one (for read-only commands). */
    public static Optional<Store> openExisting(Path file) {
        return Files.exists(file) ? Optional.of(open(file)) : Optional.empty();
    }

    public Path file() {
        return file;
    }

    private void configure() throws SQLException {
        try (Statement st = connection.createStatement()) {
            // Reading the schema first turns "file is not a database" into an error here.
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("PRAGMA busy_timeout=10000");
            st.execute("PRAGMA foreign_keys=ON");
        }
    }

    /**
     * SQLite's quick_check (the structure of every page, not the indexes' contents: linear in the
     * file's size, well under a second for a store of thousands of replies). A damaged store is
     * refused before anything is read from or written to it: writing more would spread the damage,
     * and a reply read from a damaged page could poison a briefing.
     */
    private void check() throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA quick_check(3)")) {
            while (rs.next()) {
                problems.add(rs.getString(1));
            }
        }
        if (!problems.equals(List.of("ok"))) {
            throw damaged(file, String.join("; ", problems), null);
        }
    }

    private static BriefingException damaged(Path file, String what, Throwable cause) {
        return new BriefingException(ExitCode.USAGE, "the store " + file + " is damaged (" + what + "); nothing was "
                + "read from it or written to it", "restore it from a backup, or recover what SQLite can with "
                + "'sqlite3 " + file + " .recover | sqlite3 recovered.db' and point --db at that; or move it away to "
                + "start afresh (its call cache and history are lost)", cause);
    }

    private void migrate() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                    + "applied_at TEXT NOT NULL)");
        }
        int current = schemaVersion();
        if (current > MIGRATIONS.size()) {
            throw new BriefingException(ExitCode.USAGE, "the store " + file + " was written by a newer version of "
                    + "briefing (schema version " + current + "; this version knows up to " + MIGRATIONS.size() + ")",
                    "upgrade briefing, or point --data-dir or --db elsewhere; the file was left as it is");
        }
        for (int version = current + 1; version <= MIGRATIONS.size(); version++) {
            apply(version, MIGRATIONS.get(version - 1));
        }
    }

    private void apply(int version, String name) throws SQLException {
        Matcher m = MIGRATION_NAME.matcher(name);
        if (!m.matches() || Integer.parseInt(m.group(1)) != version) {
            throw new IllegalStateException("migration " + name + " is not number " + version);
        }
        List<String> statements = statements(resource("db/migration/" + name));
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)")) {
                ps.setInt(1, version);
                ps.setString(2, name);
                ps.setString(3, Instant.now().toString());
                ps.executeUpdate();
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** A migration file's statements: full-line comments dropped, split at a semicolon ending a line. */
    static List<String> statements(String sql) {
        StringBuilder kept = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (!line.strip().startsWith("--")) {
                kept.append(line).append('\n');
            }
        }
        List<String> out = new ArrayList<>();
        for (String part : kept.toString().split(";\\s*(\\n|$)")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    static String resource(String name) {
        try (InputStream in = Store.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }

    /** The highest migration applied; 0 for a new file. */
    public synchronized int schemaVersion() {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw failed("read the schema version", e);
        }
    }

    // ---- the model-call cache ----

    /** A usable model reply and what it answered. */
    public record CachedCall(CacheKey key, String model, String purpose, ModelReply reply) {
        public CachedCall {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(reply, "reply");
        }
    }

    public synchronized Optional<ModelReply> cachedReply(String key) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT content, prompt_tokens, completion_tokens, "
                + "finish_reason, duration_ms FROM llm_cache WHERE cache_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ModelReply(rs.getString(1), rs.getInt(2), rs.getInt(3),
                        FinishReason.valueOf(rs.getString(4)), rs.getLong(5)));
            }
        } catch (SQLException e) {
            throw failed("read the call cache", e);
        }
    }

    /** Stores a reply, committed before this returns; a second reply for the same key is ignored. */
    public synchronized void putReply(CachedCall call) {
        try (PreparedStatement ps = connection.prepareStatement("INSERT OR IGNORE INTO llm_cache (cache_key, model, "
                + "options, input_hash, purpose, content, prompt_tokens, completion_tokens, finish_reason, duration_ms,"
                + " created_at, prompt_name, prompt_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ModelReply r = call.reply();
            CacheKey key = call.key();
            ps.setString(1, key.value());
            ps.setString(2, call.model());
            ps.setString(3, key.options());
            ps.setString(4, key.inputHash());
            ps.setString(5, call.purpose());
            ps.setString(6, r.content());
            ps.setInt(7, r.promptTokens());
            ps.setInt(8, r.completionTokens());
            ps.setString(9, r.finishReason().name());
            ps.setLong(10, r.durationMs());
            ps.setString(11, Instant.now().toString());
            ps.setString(12, key.promptName());
            ps.setString(13, key.promptHash());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failed("write to the call cache", e);
        }
    }

    /** Deletes a stored reply (one its caller could not use), committed before this returns. */
    public synchronized void forgetReply(String key) {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM llm_cache WHERE cache_key = ?");
                PreparedStatement derived = connection.prepareStatement(
                        "DELETE FROM verified_replies WHERE cache_key = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
            derived.setString(1, key);
            derived.executeUpdate();
        } catch (SQLException e) {
            throw failed("write to the call cache", e);
        }
    }

    /**
     * Stores what a checker made of the reply cached under {@code key} (replacing an earlier
     * result of the same checker), committed before this returns.
     */
    public synchronized void putVerified(String key, String checker, String reply, String result) {
        try (PreparedStatement ps = connection.prepareStatement("INSERT OR REPLACE INTO verified_replies (cache_key,"
                + " checker, reply_hash, result, created_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, key);
            ps.setString(2, checker);
            ps.setString(3, Hashes.sha256(reply));
            ps.setString(4, result);
            ps.setString(5, Instant.now().toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failed("write to the call cache", e);
        }
    }

    /**
     * The cached reply under {@code key} with what {@code checker} made of it, when both are
     * stored and the reply is still the one the result was derived from (its hash matches).
     * Called once per chunk of an unchanged day from every map worker: only the query holds the
     * store, through one statement prepared once, and the reply is hashed after it is let go.
     */
    public Optional<Verified> verified(String key, String checker) {
        VerifiedRow row = verifiedRow(key, checker);
        if (row == null || !Hashes.sha256(row.reply().content()).equals(row.replyHash())) {
            return Optional.empty();
        }
        return Optional.of(new Verified(row.reply(), row.result()));
    }

    private record VerifiedRow(ModelReply reply, String replyHash, String result) {
    }

    private PreparedStatement verifiedQuery;

    private synchronized VerifiedRow verifiedRow(String key, String checker) {
        try {
            if (verifiedQuery == null) {
                verifiedQuery = connection.prepareStatement("SELECT c.content, c.prompt_tokens, c.completion_tokens, "
                        + "c.finish_reason, c.duration_ms, v.reply_hash, v.result FROM verified_replies v "
                        + "JOIN llm_cache c ON c.cache_key = v.cache_key WHERE v.cache_key = ? AND v.checker = ?");
            }
            verifiedQuery.setString(1, key);
            verifiedQuery.setString(2, checker);
            try (ResultSet rs = verifiedQuery.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new VerifiedRow(new ModelReply(rs.getString(1), rs.getInt(2), rs.getInt(3),
                        FinishReason.valueOf(rs.getString(4)), rs.getLong(5)), rs.getString(6), rs.getString(7));
            }
        } catch (SQLException e) {
            throw failed("read the call cache", e);
        }
    }

    /** A cached reply and what a checker made of it. */
    public record Verified(ModelReply reply, String result) {
        public Verified {
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(result, "result");
        }
    }

    /** Cached replies per prompt name ("map", "synthesize", ...). */
    public synchronized Map<String, Integer> cachedCallsByPrompt() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT prompt_name, COUNT(*) FROM llm_cache GROUP BY prompt_name ORDER BY prompt_name")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
            return counts;
        } catch (SQLException e) {
            throw failed("read the call cache", e);
        }
    }

    // ---- articles ----

    /**
     * Records the article as seen on {@code day} unless it is already known, and returns the
     * day it was first seen. A real first-seen day (one not after {@code today}) never changes
     * afterwards: a day briefed later for an earlier date does not rewrite what was new when.
     * A first-seen day after {@code today} was set by a run dated ahead (a mistyped
     * {@code --date}, or one inside the margin); it is not real, so a run for an earlier day
     * moves it back to that day instead of hiding the article from every real day.
     */
    public synchronized LocalDate recordArticle(Article article, LocalDate day, LocalDate today) {
        return recordArticles(List.of(article), day, today).get(0);
    }

    /**
     * As {@link #recordArticle(Article, LocalDate, LocalDate)} for each article, in one transaction:
     * an inbox of a thousand articles is one commit, not three thousand, and an article already
     * known costs a lookup, not its hash and paragraphs again.
     *
     * @return each article's first-seen day, in the order given
     */
    public synchronized List<LocalDate> recordArticles(List<Article> articles, LocalDate day, LocalDate today) {
        List<LocalDate> firstSeen = new ArrayList<>(articles.size());
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement moveBack = connection.prepareStatement(
                    "UPDATE articles SET first_seen = ? WHERE id = ? AND first_seen > ? AND first_seen > ?");
                    PreparedStatement known = connection.prepareStatement(
                            "SELECT first_seen, path FROM articles WHERE id = ?");
                    PreparedStatement insert = connection.prepareStatement("INSERT OR IGNORE INTO articles (id, path, "
                            + "content_hash, first_seen, title, paragraphs) VALUES (?, ?, ?, ?, ?, ?)");
                    PreparedStatement movePath = connection.prepareStatement(
                            "UPDATE articles SET path = ? WHERE id = ?")) {
                // Each article's first statement writes, so the transaction takes the write lock at
                // once (waiting as busy_timeout says) and no other run's commit can slip in between.
                for (Article article : articles) {
                    // A first-seen day ahead of today was set by a mistyped --date: not real, so it moves back.
                    moveBack.setString(1, day.toString());
                    moveBack.setString(2, article.id());
                    moveBack.setString(3, today.toString());
                    moveBack.setString(4, day.toString());
                    moveBack.executeUpdate();
                    known.setString(1, article.id());
                    String seen = null;
                    String path = null;
                    try (ResultSet rs = known.executeQuery()) {
                        if (rs.next()) {
                            seen = rs.getString(1);
                            path = rs.getString(2);
                        }
                    }
                    if (seen == null) {
                        List<String> texts = article.paragraphs().stream().map(Paragraph::text).toList();
                        insert.setString(1, article.id());
                        insert.setString(2, article.path());
                        insert.setString(3, Hashes.sha256(article.title() + "\n" + String.join("\n", texts)));
                        insert.setString(4, day.toString());
                        insert.setString(5, article.title());
                        insert.setString(6, BriefingCodec.mapper().writeValueAsString(texts));
                        if (insert.executeUpdate() == 1) {
                            firstSeen.add(day);
                        } else {
                            try (ResultSet rs = known.executeQuery()) {
                                rs.next();
                                firstSeen.add(LocalDate.parse(rs.getString(1)));
                            }
                        }
                    } else {
                        if (!article.path().equals(path)) {
                            movePath.setString(1, article.path());
                            movePath.setString(2, article.id());
                            movePath.executeUpdate();
                        }
                        firstSeen.add(LocalDate.parse(seen));
                    }
                }
            }
            connection.commit();
            return firstSeen;
        } catch (SQLException | JsonProcessingException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            if (e instanceof SQLException sql) {
                throw failed("record the articles", sql);
            }
            if (e instanceof JsonProcessingException) {
                throw new IllegalStateException("cannot serialize paragraphs", e);
            }
            throw (RuntimeException) e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is broken; the next statement says so
            }
        }
    }

    /** As {@link #recordArticle(Article, LocalDate, LocalDate)} with no first-seen day taken as ahead. */
    public LocalDate recordArticle(Article article, LocalDate day) {
        return recordArticle(article, day, LocalDate.of(9999, 12, 31));
    }

    /** The cleaned paragraphs stored for an article, if known. */
    public synchronized Optional<List<String>> paragraphs(String articleId) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT paragraphs FROM articles WHERE id = ?")) {
            ps.setString(1, articleId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(BriefingCodec.mapper().readValue(rs.getString(1), new TypeReference<List<String>>() {
                }));
            }
        } catch (SQLException e) {
            throw failed("read the articles", e);
        } catch (JsonProcessingException e) {
            throw failed("read the articles", new SQLException(e));
        }
    }

    // ---- briefings ----

    /**
     * A day's briefing as the store keeps it.
     *
     * @param calls       requests sent to the model server for it
     * @param cachedCalls replies served from the cache instead
     */
    public record DayBriefing(LocalDate day, Instant createdAt, Briefing briefing, int newArticles, int calls,
            int cachedCalls, List<MapResult> chunkNotes) {
        public DayBriefing {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(briefing, "briefing");
            chunkNotes = List.copyOf(chunkNotes);
        }
    }

    /**
     * Stores a new version of the day's briefing, with its chunk notes, in one transaction. When
     * the chunk notes are exactly those of the day's latest version (an unchanged rerun), the new
     * version points at that version's rows ({@code notes_from}) instead of copying them.
     */
    public synchronized int saveBriefing(DayBriefing b) {
        try {
            connection.setAutoCommit(false);
            try {
                int version;
                try (PreparedStatement ps = connection.prepareStatement(
                        "SELECT COALESCE(MAX(version), 0) + 1 FROM briefings WHERE day = ?")) {
                    ps.setString(1, b.day().toString());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        version = rs.getInt(1);
                    }
                }
                String digest = notesDigest(b.chunkNotes());
                Integer notesFrom = null;
                try (PreparedStatement ps = connection.prepareStatement("SELECT version, notes_digest, notes_from "
                        + "FROM briefings WHERE day = ? ORDER BY version DESC LIMIT 1")) {
                    ps.setString(1, b.day().toString());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && rs.getString(2).equals(digest)) {
                            int from = rs.getInt(3);
                            notesFrom = rs.wasNull() ? rs.getInt(1) : from;
                        }
                    }
                }
                try (PreparedStatement ps = connection.prepareStatement("INSERT INTO briefings (day, version, "
                        + "created_at, model, articles, new_articles, events, calls, cached_calls, incomplete, briefing,"
                        + " notes_digest, notes_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, b.day().toString());
                    ps.setInt(2, version);
                    ps.setString(3, b.createdAt().toString());
                    ps.setString(4, b.briefing().run().model());
                    ps.setInt(5, b.briefing().articles().size());
                    ps.setInt(6, b.newArticles());
                    ps.setInt(7, b.briefing().events().size());
                    ps.setInt(8, b.calls());
                    ps.setInt(9, b.cachedCalls());
                    ps.setInt(10, b.briefing().incomplete() ? 1 : 0);
                    ps.setString(11, BriefingCodec.write(b.briefing()));
                    ps.setString(12, digest);
                    if (notesFrom == null) {
                        ps.setNull(13, java.sql.Types.INTEGER);
                    } else {
                        ps.setInt(13, notesFrom);
                    }
                    ps.executeUpdate();
                }
                if (notesFrom == null) {
                    // One row at a time inside the transaction: a batch would hold every chunk's notes
                    // as JSON at once (tens of MB on a large day); this holds one chunk's.
                    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO chunk_notes (day, version, "
                            + "chunk, article_id, failure, notes) VALUES (?, ?, ?, ?, ?, ?)")) {
                        for (MapResult r : b.chunkNotes()) {
                            ps.setString(1, b.day().toString());
                            ps.setInt(2, version);
                            ps.setString(3, r.chunk().label());
                            ps.setString(4, r.chunk().articleId());
                            ps.setString(5, r.failure());
                            ps.setString(6, BriefingCodec.mapper().writeValueAsString(r.notes()));
                            ps.executeUpdate();
                            ps.clearParameters();
                        }
                    }
                }
                connection.commit();
                return version;
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failed("store the briefing", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize chunk notes", e);
        }
    }

    /** SHA-256 over each chunk's label, failure and notes as stored, in order; one chunk's JSON held at a time. */
    private static String notesDigest(List<MapResult> chunks) throws JsonProcessingException {
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
        for (MapResult r : chunks) {
            for (String part : new String[] {r.chunk().label(), r.chunk().articleId(),
                    r.failure() == null ? "\u0000" : r.failure(), BriefingCodec.mapper().writeValueAsString(r.notes())}) {
                byte[] bytes = part.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                sha.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
                sha.update(bytes);
            }
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    /** Marks a stored version incomplete: its files could not be written. */
    public synchronized void markUnwritten(LocalDate day, int version) {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE briefings SET incomplete = 1 WHERE day = ? AND version = ?")) {
            ps.setString(1, day.toString());
            ps.setInt(2, version);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failed("mark the briefing unwritten", e);
        }
    }

    /**
     * Records what a version was made from and what its files were once all are written, so an
     * unchanged rerun can keep it ({@link #latestWritten}).
     */
    public synchronized void markWritten(LocalDate day, int version, String inputsDigest, String filesDigest) {
        Objects.requireNonNull(inputsDigest, "inputsDigest");
        Objects.requireNonNull(filesDigest, "filesDigest");
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE briefings SET inputs_digest = ?, files_digest = ? WHERE day = ? AND version = ?")) {
            ps.setString(1, inputsDigest);
            ps.setString(2, filesDigest);
            ps.setString(3, day.toString());
            ps.setInt(4, version);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failed("record the briefing's files", e);
        }
    }

    /**
     * A day's latest version as {@link #markWritten} left it.
     *
     * @param inputsDigest what it was made from; '' when its files were never all written
     * @param filesDigest  its files as written; ''
     */
    public record WrittenVersion(int version, boolean incomplete, String inputsDigest, String filesDigest) {
        public WrittenVersion {
            Objects.requireNonNull(inputsDigest, "inputsDigest");
            Objects.requireNonNull(filesDigest, "filesDigest");
        }
    }

    /** The day's latest version, without its briefing; empty before the day's first run. */
    public synchronized Optional<WrittenVersion> latestWritten(LocalDate day) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT version, incomplete, inputs_digest, files_digest"
                + " FROM briefings WHERE day = ? ORDER BY version DESC LIMIT 1")) {
            ps.setString(1, day.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new WrittenVersion(rs.getInt(1), rs.getInt(2) != 0, rs.getString(3),
                        rs.getString(4))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed("read the day's latest briefing", e);
        }
    }

    /** The latest version of each day's briefing from {@code from} through {@code to}, oldest day first. */
    public synchronized List<StoredBriefing> latestBriefings(LocalDate from, LocalDate to) {
        List<StoredBriefing> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT b.day, b.version, b.briefing FROM briefings b "
                + "WHERE b.day >= ? AND b.day <= ? AND b.version = (SELECT MAX(version) FROM briefings WHERE day = b.day)"
                + " ORDER BY b.day")) {
            ps.setString(1, from.toString());
            ps.setString(2, to.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredBriefing(LocalDate.parse(rs.getString(1)), rs.getInt(2),
                            BriefingCodec.readBriefing(rs.getString(3))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed("read earlier briefings", e);
        }
    }

    public record StoredBriefing(LocalDate day, int version, Briefing briefing) {
    }

    /** A day and one of its versions. */
    public record DayVersion(LocalDate day, int version) {
    }

    /**
     * The latest version of each day from {@code from} through {@code to}, oldest day first,
     * without reading the briefings (read each with {@link #briefing}).
     */
    public synchronized List<DayVersion> latestVersions(LocalDate from, LocalDate to) {
        List<DayVersion> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT day, MAX(version) FROM briefings "
                + "WHERE day >= ? AND day <= ? GROUP BY day ORDER BY day")) {
            ps.setString(1, from.toString());
            ps.setString(2, to.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DayVersion(LocalDate.parse(rs.getString(1)), rs.getInt(2)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed("read earlier briefings", e);
        }
    }

    /** One stored version of a day's briefing, if there is one. */
    public synchronized Optional<Briefing> briefing(LocalDate day, int version) {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT briefing FROM briefings WHERE day = ? AND version = ?")) {
            ps.setString(1, day.toString());
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(BriefingCodec.readBriefing(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed("read earlier briefings", e);
        }
    }

    /** One line of {@code briefing history}: a day's latest briefing and how many versions it has. */
    public record DaySummary(LocalDate day, int versions, Instant createdAt, String model, int articles,
            int newArticles, int events, int calls, int cachedCalls, boolean incomplete) {
    }

    /** Every day briefed, oldest first. */
    public synchronized List<DaySummary> history() {
        List<DaySummary> out = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT b.day, "
                + "(SELECT COUNT(*) FROM briefings WHERE day = b.day), b.created_at, b.model, b.articles, "
                + "b.new_articles, b.events, b.calls, b.cached_calls, b.incomplete FROM briefings b "
                + "WHERE b.version = (SELECT MAX(version) FROM briefings WHERE day = b.day) ORDER BY b.day")) {
            while (rs.next()) {
                out.add(new DaySummary(LocalDate.parse(rs.getString(1)), rs.getInt(2), Instant.parse(rs.getString(3)),
                        rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9),
                        rs.getInt(10) != 0));
            }
            return out;
        } catch (SQLException e) {
            throw failed("read the history", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (verifiedQuery != null) {
                verifiedQuery.close();
            }
            connection.close();
        } catch (SQLException e) {
            // Every write has committed already; nothing is lost by a failed close.
        }
    }

    private BriefingException failed(String what, SQLException e) {
        if (diskFull(e) || ioErrorOnAFullDisk(file, e)) {
            return full(file, "cannot " + what + " in", e);
        }
        if (corrupt(e)) {
            return damaged(file, reason(e), e);
        }
        return new BriefingException(ExitCode.INCOMPLETE, "cannot " + what + " in " + file + ": " + reason(e),
                "check that the disk is not full and no other program holds the file", e);
    }

    private static BriefingException unusable(Path file, String why, Throwable cause) {
        if (cause instanceof SQLException e && (diskFull(e) || ioErrorOnAFullDisk(file, e))
                || cause instanceof IOException io && String.valueOf(io.getMessage()).contains("No space left")) {
            return full(file, "cannot open the store", cause);
        }
        if (cause instanceof SQLException e && corrupt(e)) {
            return damaged(file, why, cause);
        }
        return new BriefingException(ExitCode.USAGE, "cannot use " + file + " as the briefing store: " + why,
                "point --data-dir or --db at another file, or move this one away", cause);
    }

    /** A full disk is the disk's fault, not the store's: the file is fine and stays where it is. */
    private static BriefingException full(Path file, String what, Throwable cause) {
        return new BriefingException(ExitCode.INCOMPLETE, what + " " + file + ": the disk holding "
                + file.getParent() + " is full", "free space on that disk and run the same command again (the store is intact), or "
                + "point --data-dir at a disk with room", cause);
    }

    static boolean diskFull(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("SQLITE_FULL") || m.contains("database or disk is full") || m.contains("No space left");
    }

    /**
     * SQLite reports a full disk met while growing the WAL index as a plain I/O error
     * ({@code xShmMap}), so an I/O error is taken as a full disk when the disk has under 1 MB left.
     */
    private static boolean ioErrorOnAFullDisk(Path file, SQLException e) {
        String m = String.valueOf(e.getMessage());
        if (!m.contains("SQLITE_IOERR") && !m.contains("disk I/O error")) {
            return false;
        }
        try {
            Path folder = file.getParent();
            return Files.getFileStore(folder).getUsableSpace() < 1024 * 1024;
        } catch (IOException | RuntimeException unknown) {
            return false;
        }
    }

    static boolean corrupt(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("SQLITE_CORRUPT") || m.contains("database disk image is malformed");
    }

    private static String reason(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // "[SQLITE_NOTADB] File opened that is not a database file (file is not a database)"
        return message.replaceFirst("^\\[SQLITE_\\w+]\\s*", "").strip();
    }
}
