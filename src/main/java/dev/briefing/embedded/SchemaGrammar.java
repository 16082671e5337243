package dev.briefing.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * The part of a JSON Schema that llama.cpp's converter is handed. Its converter (C++, called
 * through JNI) throws on keywords it cannot translate and on values of an unexpected JSON
 * type, and an exception there aborts the whole JVM, not just the call. So the schema is
 * rebuilt here from a small, well-typed subset; what is dropped (pattern, format, $ref, number
 * bounds) only loosens the grammar: every reply is still validated against the full schema
 * by the engine (llm.SchemaCheck), as with any server.
 */
public final class SchemaGrammar {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> TYPES = Set.of("string", "number", "integer", "boolean", "object", "array",
            "null");
    private static final Set<String> COUNTS = Set.of("minItems", "maxItems", "minLength", "maxLength");
    private static final int MAX_DEPTH = 32;

    private SchemaGrammar() {
    }

    /** The subset of {@code schema} the converter is known to accept; {@code {}} (any JSON) at worst. */
    public static ObjectNode simplify(JsonNode schema) {
        return simplify(schema, 0);
    }

    private static ObjectNode simplify(JsonNode schema, int depth) {
        ObjectNode out = NODES.objectNode();
        if (schema == null || !schema.isObject() || depth > MAX_DEPTH) {
            return out;
        }
        JsonNode type = schema.get("type");
        if (type != null && type.isTextual() && TYPES.contains(type.asText())) {
            out.put("type", type.asText());
        } else if (type != null && type.isArray()) {
            ArrayNode types = NODES.arrayNode();
            type.forEach(t -> {
                if (t.isTextual() && TYPES.contains(t.asText())) {
                    types.add(t.asText());
                }
            });
            if (!types.isEmpty()) {
                out.set("type", types);
            }
        }
        JsonNode properties = schema.get("properties");
        if (properties != null && properties.isObject()) {
            ObjectNode kept = NODES.objectNode();
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                kept.set(property.getKey(), simplify(property.getValue(), depth + 1));
            }
            out.set("properties", kept);
            JsonNode required = schema.get("required");
            if (required != null && required.isArray()) {
                ArrayNode names = NODES.arrayNode();
                required.forEach(r -> {
                    if (r.isTextual() && kept.has(r.asText())) {
                        names.add(r.asText());
                    }
                });
                out.set("required", names);
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && additional.isBoolean()) {
            out.put("additionalProperties", additional.asBoolean());
        } else if (additional != null && additional.isObject()) {
            out.set("additionalProperties", simplify(additional, depth + 1));
        }
        JsonNode items = schema.get("items");
        if (items != null && items.isObject()) {
            out.set("items", simplify(items, depth + 1));
        }
        for (String count : COUNTS) {
            JsonNode n = schema.get(count);
            if (n != null && n.canConvertToInt() && n.isIntegralNumber() && n.asInt() >= 0) {
                out.put(count, n.asInt());
            }
        }
        if (out.has("minItems") && out.has("maxItems") && out.get("minItems").asInt() > out.get("maxItems").asInt()) {
            out.remove("maxItems");
        }
        if (out.has("minLength") && out.has("maxLength")
                && out.get("minLength").asInt() > out.get("maxLength").asInt()) {
            out.remove("maxLength");
        }
        JsonNode values = schema.get("enum");
        if (values != null && values.isArray() && !values.isEmpty()) {
            ArrayNode kept = NODES.arrayNode();
            values.forEach(v -> {
                if (v.isValueNode()) {
                    kept.add(v);
                }
            });
            if (!kept.isEmpty()) {
                out.set("enum", kept);
            }
        }
        JsonNode constant = schema.get("const");
        if (constant != null && constant.isValueNode()) {
            out.set("const", constant);
        }
        for (String choice : new String[] {"anyOf", "oneOf"}) {
            JsonNode options = schema.get(choice);
            if (options != null && options.isArray() && !options.isEmpty()) {
                ArrayNode kept = NODES.arrayNode();
                options.forEach(o -> kept.add(simplify(o, depth + 1)));
                out.set(choice, kept);
            }
        }
        return out;
    }

    /**
     * {@code simplified} with every citation (an object with both of the grounding's properties)
     * replaced by one alternative per paragraph: that paragraph's number as a constant and a
     * quote that is one of its spans. The grammar then cannot pair a number with text from
     * elsewhere or write text that is not there; what the citation says otherwise is unchanged.
     */
    public static ObjectNode ground(ObjectNode simplified, dev.briefing.llm.Grounding grounding) {
        if (grounding == null || grounding.isEmpty()) {
            return simplified;
        }
        return (ObjectNode) groundNode(simplified.deepCopy(), grounding, 0);
    }

    private static JsonNode groundNode(JsonNode node, dev.briefing.llm.Grounding grounding, int depth) {
        if (!(node instanceof ObjectNode object) || depth > MAX_DEPTH) {
            return node;
        }
        if (object.get("properties") instanceof ObjectNode properties && properties.has(grounding.numberProperty())
                && properties.has(grounding.quoteProperty())) {
            ArrayNode alternatives = NODES.arrayNode();
            grounding.spans().forEach((number, spans) -> {
                ObjectNode alternative = object.deepCopy();
                ObjectNode props = (ObjectNode) alternative.get("properties");
                props.set(grounding.numberProperty(), NODES.objectNode().put("type", "integer").put("const", number));
                ArrayNode quotes = NODES.arrayNode();
                spans.forEach(quotes::add);
                props.set(grounding.quoteProperty(), NODES.objectNode().put("type", "string").set("enum", quotes));
                alternatives.add(alternative);
            });
            return NODES.objectNode().set("anyOf", alternatives);
        }
        var names = new java.util.ArrayList<String>();
        object.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode child = object.get(name);
            if (child instanceof ObjectNode) {
                object.set(name, groundNode(child, grounding, depth + 1));
            } else if (child instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    array.set(i, groundNode(array.get(i), grounding, depth + 1));
                }
            }
        }
        return object;
    }
}
