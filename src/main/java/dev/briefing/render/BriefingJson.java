package dev.briefing.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import dev.briefing.pipeline.RunRecord;
import dev.briefing.reduce.Briefing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * briefing.json and run.json, exactly as docs/briefing.schema.json describes them: camelCase
 * keys in record order, nulls written (so every required key is present), enums as their
 * lowercase labels, dates as ISO {@code 2025-10-16}, instants as {@code 2026-11-23T09:00:00Z},
 * and non-ASCII text (CJK) written as itself, never as backslash-u escapes.
 *
 * <p>jackson-datatype-jsr310 is not on the classpath, so {@link Instant} and {@link LocalDate}
 * have their own small (de)serializers here. Records deserialize through their canonical
 * constructors, so their validation runs on read as well.
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
        SimpleModule time = new SimpleModule("briefing-time");
        time.addSerializer(Instant.class, new InstantSerializer());
        time.addDeserializer(Instant.class, new InstantDeserializer());
        time.addSerializer(LocalDate.class, new LocalDateSerializer());
        time.addDeserializer(LocalDate.class, new LocalDateDeserializer());

        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);

        return JsonMapper.builder()
                .addModule(time)
                .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS))
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .defaultPrettyPrinter(printer)
                .build();
    }

    private static final class InstantSerializer extends StdScalarSerializer<Instant> {
        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(DateTimeFormatter.ISO_INSTANT.format(value));
        }
    }

    private static final class InstantDeserializer extends StdScalarDeserializer<Instant> {
        InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            String text = p.getText().trim();
            try {
                return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
            } catch (DateTimeException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "expected an RFC 3339 timestamp");
            }
        }
    }

    private static final class LocalDateSerializer extends StdScalarSerializer<LocalDate> {
        LocalDateSerializer() {
            super(LocalDate.class);
        }

        @Override
        public void serialize(LocalDate value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(DateTimeFormatter.ISO_LOCAL_DATE.format(value));
        }
    }

    private static final class LocalDateDeserializer extends StdScalarDeserializer<LocalDate> {
        LocalDateDeserializer() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
            }
            String text = p.getText().trim();
            try {
                return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
            } catch (DateTimeException e) {
                return (LocalDate) ctxt.handleWeirdStringValue(LocalDate.class, text, "expected an ISO date YYYY-MM-DD");
            }
        }
    }
}
