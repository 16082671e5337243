package dev.briefing.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * Narrows a schema to what exists in one request (the chunk's paragraph numbers, the notes'
 * ids, the passages' numbers) as JSON Schema {@code enum}s, so a server that turns the schema
 * into a grammar (Ollama, the embedded engine) cannot let a small model name what does not
 * exist. Only the schema sent is narrowed: a reply is checked against the schema as it was
 * before ({@link #forChecking}), so a reply from a server that ignores the enum still parses,
 * and the caller's own check after parsing drops the one item with a wrong number or id
 * (counted in a warning), never the whole reply.
 */
public final class SchemaEnums {
    /**
     * Narrowed schema -> the schema it was narrowed from, by value (an equal copy finds it too).
     * Not weak: a weak key could be collected while an equal schema is still in flight. Bounded,
     * least recently used out: far more than the requests a run keeps open at once.
     */
    private static final int REMEMBERED = 4_096;
    private static final Map<JsonNode, JsonNode> LOOSER = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<JsonNode, JsonNode> eldest) {
                    return size() > REMEMBERED;
                }
            });

    private SchemaEnums() {
    }

    /** The schema a reply to a request sent with {@code sent} is checked against. */
    public static JsonNode forChecking(JsonNode sent) {
        if (sent == null) {
            return null;
        }
        JsonNode looser = LOOSER.get(sent);
        return looser != null ? looser : sent;
    }

    /**
     * A copy of {@code schema} in which every property named {@code property} (for an array
     * property, its items) may take only one of {@code values}. No values: unchanged, as an
     * empty enum would admit no reply at all.
     */
    public static JsonNode restrict(JsonNode schema, String property, Collection<?> values) {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(values, "values");
        if (schema == null || values.isEmpty()) {
            return schema;
        }
        ArrayNode allowed = JsonNodeFactory.instance.arrayNode();
        for (Object v : values) {
            if (v instanceof Integer i) {
                allowed.add(i);
            } else if (v instanceof String s) {
                allowed.add(s);
            } else {
                throw new IllegalArgumentException("enum values are strings or integers, not " + v);
            }
        }
        JsonNode copy = schema.deepCopy();
        walk(copy, property, allowed);
        LOOSER.put(copy, forChecking(schema));
        return copy;
    }

    private static void walk(JsonNode node, String property, ArrayNode allowed) {
        if (node instanceof ObjectNode object && object.get("properties") instanceof ObjectNode properties
                && properties.get(property) instanceof ObjectNode target) {
            ObjectNode constrained = "array".equals(target.path("type").asText())
                    && target.get("items") instanceof ObjectNode items ? items : target;
            constrained.set("enum", allowed.deepCopy());
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                walk(it.next().getValue(), property, allowed);
            }
        } else if (node.isArray()) {
            node.forEach(child -> walk(child, property, allowed));
        }
    }
}
