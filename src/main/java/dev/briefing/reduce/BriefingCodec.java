package dev.briefing.reduce;

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
import java.io.UncheckedIOException;

/**
 * The JSON form of a {@link Briefing}, below every stage that stores or renders one: the store
 * keeps briefings and notes in it, render writes briefing.json and run.json with it
 * ({@code render.BriefingJson}). camelCase keys in record order, nulls written, dates as ISO
 * {@code 2025-10-16}, instants as {@code 2026-11-23T09:00:00Z}, CJK written as itself; unknown
 * keys fail on read, and records deserialize through their validating constructors.
 */
public final class BriefingCodec {
    private static final ObjectMapper MAPPER = newMapper();

    private BriefingCodec() {
    }

    /** The configured mapper (shared, thread-safe; do not reconfigure it). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Pretty-printed, without a trailing newline. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Our own records always serialize; this is a bug, not a user error.
            throw new UncheckedIOException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * As {@link #write(Object)}, written to {@code out} as it is generated (never held as one
     * string); {@code out} is neither closed nor given a trailing newline.
     */
    public static void write(Object value, java.io.Writer out) throws java.io.IOException {
        MAPPER.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValue(out, value);
    }

    /**
     * @throws IllegalArgumentException when the text is not a valid {@code type} (malformed JSON,
     *                                  unknown key, a record's validation failing)
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    public static Briefing readBriefing(String json) {
        return read(json, Briefing.class);
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
