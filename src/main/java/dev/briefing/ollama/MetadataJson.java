package dev.briefing.ollama;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The metadata replies ({@code /api/version}, {@code /api/tags}, {@code /api/show}) read with
 * Jackson's streaming parser: building a databind {@code ObjectMapper} loads about 400 classes,
 * most of {@code briefing models}' start-up when it is the only JSON the command reads, and a
 * tenth of a second of a brief's server check.
 */
final class MetadataJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private MetadataJson() {
    }

    /** {@code {"version": "0.6.2"}}: the version, or null when the body is not that shape. */
    static String version(String body) {
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("version".equals(field) && value == JsonToken.VALUE_STRING) {
                    return p.getText();
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * {@code {"models": [{"name": "qwen2.5:7b", "model": "qwen2.5:7b", ...}, ...]}}: each entry's
     * name (its {@code model} when it has no name), in the server's order.
     *
     * @throws IOException when the body is not JSON or not an object
     */
    static List<String> modelNames(String body) throws IOException {
        List<String> names = new ArrayList<>();
        eachField(body, (field, value, p) -> {
            if ("models".equals(field) && value == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    String name = null;
                    String model = null;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        JsonToken v = p.nextToken();
                        if (v == JsonToken.VALUE_STRING && "name".equals(key)) {
                            name = p.getText();
                        } else if (v == JsonToken.VALUE_STRING && "model".equals(key)) {
                            model = p.getText();
                        } else {
                            p.skipChildren();
                        }
                    }
                    String chosen = name != null && !name.isBlank() ? name : model;
                    if (chosen != null && !chosen.isBlank()) {
                        names.add(chosen);
                    }
                }
            } else {
                p.skipChildren();
            }
        });
        return List.copyOf(names);
    }

    /** What is done with one top-level field: read its value, or skip it. */
    @FunctionalInterface
    private interface FieldReader {
        void read(String field, JsonToken value, JsonParser p) throws IOException;
    }

    /**
     * Reads {@code body} as one JSON object, handing each top-level field to {@code reader} with the
     * parser on its value; then reads to the end, so a truncated or trailing-garbage body is an
     * error, not a short answer.
     *
     * @throws IOException when the body is not JSON or not an object
     */
    private static void eachField(String body, FieldReader reader) throws IOException {
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                reader.read(field, p.nextToken(), p);
            }
            while (p.nextToken() != null) {
                // drain
            }
        }
    }

    /**
     * What a run needs of {@code /api/show}: the capabilities (null when not listed), the scalar
     * model_info entries, and the {@code error} a server or proxy may answer with status 200 (else null).
     */
    record Card(List<String> capabilities, java.util.Map<String, Object> modelInfo, String error) {
    }

    /**
     * {@code {"capabilities": ["completion", ...], "model_info": {"general.architecture": "qwen2",
     * "qwen2.context_length": 32768, ...}, ...}}. Arrays and objects inside model_info (a verbose
     * show's token lists) are skipped, not read.
     *
     * @throws IOException when the body is not JSON or not an object
     */
    static Card card(String body) throws IOException {
        // Set from inside the reader, read once it is done.
        java.util.concurrent.atomic.AtomicReference<List<String>> capabilities = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<String> error = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.Map<String, Object> info = new java.util.LinkedHashMap<>();
        eachField(body, (field, value, p) -> {
            if ("error".equals(field) && value == JsonToken.VALUE_STRING) {
                error.set(p.getText());
            } else if ("capabilities".equals(field) && value == JsonToken.START_ARRAY) {
                List<String> listed = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() == JsonToken.VALUE_STRING) {
                        listed.add(p.getText());
                    } else {
                        p.skipChildren();
                    }
                }
                capabilities.set(listed);
            } else if ("model_info".equals(field) && value == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonToken v = p.nextToken();
                    if (v == JsonToken.VALUE_STRING) {
                        info.put(key, p.getText());
                    } else if (v == JsonToken.VALUE_NUMBER_INT) {
                        info.put(key, p.getLongValue());
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        });
        return new Card(capabilities.get(), info, error.get());
    }
}
