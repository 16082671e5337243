package dev.briefing.map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.briefing.chunk.Chunk;
import dev.briefing.normalize.Paragraph;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A mapped chunk's verified notes as a caching model keeps them beside the reply they came
 * from ({@link dev.briefing.llm.StructuredCaller#keep(dev.briefing.llm.StructuredCaller.Result,
 * String, String)}), so an unchanged rerun replays them instead of parsing and verifying the
 * same reply again.
 *
 * <p>What a stored result answers for is the {@link #checker}: the version of the checks
 * ({@link #VERSION}, and the script conversion's) and a hash of the chunk's shape (its article
 * id, place and paragraph numbers, the article's years). The request itself (the prompt, which
 * carries the title and every paragraph's text as numbered, and the schema) is the cache key
 * the result is filed under, and the reply is checked by its hash, so a changed article,
 * prompt, reply or verifier misses and is verified afresh.
 */
public final class VerifiedChunk {
    /**
     * The version of what {@link ChunkMapper#verify} keeps and drops (with {@code verify.*},
     * {@link DateResolver} and {@code PromptEcho}). Raise it with any change to what they make of
     * a reply: stored results of another version are never replayed.
     */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private VerifiedChunk() {
    }

    /** What is stored: the result without its chunk, which the rerun has. */
    record Stored(ChunkNotes notes, int droppedCitations, int droppedItems, List<String> warnings,
            List<String> dropDetails) {
    }

    /**
     * The checker name for this chunk: the checks' version and a hash of what else they read.
     * The paragraphs' texts and the title are not hashed again: the map prompt carries them
     * verbatim, so the request's key (which the result is stored under) already answers for
     * them; hashing every chunk's text again cost an unchanged rerun of a large day CPU for
     * nothing (SHA-256 runs at about 90 MB/s under the launcher's C1-only JIT).
     */
    public static String checker(Chunk chunk, Set<Integer> articleYears) {
        StringBuilder read = new StringBuilder();
        part(read, chunk.articleId());
        part(read, chunk.index() + "/" + chunk.count());
        // The simplified forms the checks match against follow from the texts and the conversion
        // tables: naming the tables' version, not the forms, lets the key be known before ICU's
        // tables are built (the first request of a run waits for this key).
        part(read, dev.briefing.normalize.ChineseScript.conversionVersion());
        for (Paragraph p : chunk.paragraphs()) {
            part(read, Integer.toString(p.number()));
            part(read, Integer.toString(p.text().length()));
        }
        part(read, new TreeSet<>(articleYears == null ? Set.of() : articleYears).toString());
        return "map-verify-v" + VERSION + ":" + sha256(read.toString());
    }

    public static String write(MapResult result) {
        if (!result.ok()) {
            throw new IllegalArgumentException("only a mapped chunk's notes are kept: " + result.failure());
        }
        try {
            return JSON.writeValueAsString(new Stored(result.notes(), result.droppedCitations(),
                    result.droppedItems(), result.warnings(), result.dropDetails()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the notes of " + result.chunk().label(), e);
        }
    }

    /** The stored result for this chunk; empty when it cannot be read (then the reply is checked again). */
    public static Optional<MapResult> read(Chunk chunk, String stored) {
        try {
            Stored s = JSON.readValue(stored, Stored.class);
            return Optional.of(new MapResult(chunk, s.notes() == null ? ChunkNotes.empty() : s.notes(), null,
                    s.droppedCitations(), s.droppedItems(), s.warnings() == null ? List.of() : s.warnings(),
                    s.dropDetails() == null ? List.of() : s.dropDetails()));
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void part(StringBuilder out, String text) {
        out.append(text.length()).append(':').append(text).append('\n');
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
