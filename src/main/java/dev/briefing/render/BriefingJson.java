package dev.briefing.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.briefing.pipeline.RunRecord;
import dev.briefing.reduce.Briefing;
import java.io.UncheckedIOException;

/**
 * briefing.json and run.json, exactly as docs/briefing.schema.json describes them: camelCase
 * keys in record order, nulls written (so every required key is present), enums as their
 * lowercase labels, dates as ISO {@code 2025-10-16}, instants as {@code 2026-11-23T09:00:00Z},
 * and non-ASCII text (CJK) written as itself, never as backslash-u escapes.
 *
 * <p>Records deserialize through their canonical constructors, so their validation runs on
 * read as well.
 */
public final class BriefingJson {

    private static final ObjectMapper MAPPER = newMapper();

    private BriefingJson() {
    }

    /**
     * The configured mapper (shared, thread-safe; do not reconfigure it). Unknown keys fail on
     * read, as the schema forbids them.
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** briefing.json: pretty-printed, without a trailing newline. */
    public static String write(Briefing briefing) {
        return writeValue(briefing);
    }

    /** run.json: pretty-printed, map keys sorted, without a trailing newline. */
    public static String write(RunRecord run) {
        return writeValue(run);
    }

    /**
     * Reads a briefing.json back into its record.
     *
     * @throws IllegalArgumentException when the text is not a valid briefing (malformed JSON,
     *                                  unknown key, a record's validation failing)
     */
    public static Briefing readBriefing(String json) {
        return readValue(json, Briefing.class);
    }

    /**
     * Reads a run.json back. {@code settings} values come back as plain JSON types (Integer,
     * Long, Double, String, Boolean, List, Map), whatever their type was when written.
     */
    public static RunRecord readRunRecord(String json) {
        return readValue(json, RunRecord.class);
    }

    private static String writeValue(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Our own records always serialize; this is a bug, not a user error.
            throw new UncheckedIOException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    private static <T> T readValue(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private static ObjectMapper newMapper() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);

        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS))
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .defaultPrettyPrinter(printer)
                .build()
                // brief's briefings have no day to compare against: leave the key out rather than write null.
                .addMixIn(Briefing.class, OmitAbsentChanges.class);
    }

    private abstract static class OmitAbsentChanges {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract Briefing.Changes changes();
    }
}
