package dev.briefing.render;

import static org.junit.jupiter.api.Assertions.fail;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Test utility: validates briefing.json text against docs/briefing.schema.json (JSON Schema
 * draft 2020-12, format assertions on, so {@code date} and {@code date-time} are checked).
 * Any test that produces a briefing can call {@link #assertValid(String)}.
 */
public final class BriefingSchema {

    /** The schema file, relative to the project root (Maven runs tests from there). */
    public static final Path SCHEMA_PATH = Path.of("docs", "briefing.schema.json");

    private static volatile JsonSchema schema;

    private BriefingSchema() {
    }

    /** Fails with every validation message when {@code briefingJson} does not match the schema. */
    public static void assertValid(String briefingJson) {
        List<String> errors = errors(briefingJson);
        if (!errors.isEmpty()) {
            fail("briefing.json does not match " + SCHEMA_PATH + " (" + errors.size() + " error"
                    + (errors.size() == 1 ? "" : "s") + "):\n  " + String.join("\n  ", errors));
        }
    }

    /** All validation messages, sorted; empty when the document is valid. */
    public static List<String> errors(String briefingJson) {
        return schema().validate(briefingJson, InputFormat.JSON).stream()
                .map(ValidationMessage::toString)
                .sorted()
                .toList();
    }

    private static JsonSchema schema() {
        JsonSchema loaded = schema;
        if (loaded == null) {
            synchronized (BriefingSchema.class) {
                loaded = schema;
                if (loaded == null) {
                    loaded = load();
                    schema = loaded;
                }
            }
        }
        return loaded;
    }

    private static JsonSchema load() {
        String text;
        try {
            text = Files.readString(SCHEMA_PATH, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA_PATH.toAbsolutePath(), e);
        }
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(text, InputFormat.JSON, config);
    }
}
