package dev.briefing.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates a reply against the schema that was sent with the request, with one leniency: a
 * property that may be null may also be missing (Jackson reads it as null either way). Schemas
 * list nullable properties as required because OpenAI's strict mode wants every property
 * required; a server that ignores the schema and leaves out, say, a citation's {@code gloss}
 * still gave a usable reply.
 */
final class SchemaCheck {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<JsonNode, JsonSchema> COMPILED = new ConcurrentHashMap<>();

    private SchemaCheck() {
    }

    /** The violations, at most {@code limit}, each as "path: message"; empty when valid. */
    static List<String> violations(JsonNode schema, JsonNode value, int limit) {
        JsonSchema compiled = COMPILED.computeIfAbsent(schema, s -> FACTORY.getSchema(nullableOptional(s)));
        return compiled.validate(value).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .limit(limit)
                .toList();
    }

    /** A copy of {@code schema} whose {@code required} lists leave out the properties that may be null. */
    static JsonNode nullableOptional(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        relax(copy);
        return copy;
    }

    private static void relax(JsonNode node) {
        if (node.isObject()) {
            JsonNode properties = node.get("properties");
            JsonNode required = node.get("required");
            if (properties != null && properties.isObject() && required instanceof com.fasterxml.jackson.databind.node.ArrayNode names) {
                for (int i = names.size() - 1; i >= 0; i--) {
                    JsonNode property = properties.get(names.get(i).asText());
                    if (property != null && nullable(property.get("type"))) {
                        names.remove(i);
                    }
                }
            }
        }
        node.forEach(SchemaCheck::relax);
    }

    private static boolean nullable(JsonNode type) {
        if (type == null) {
            return false;
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if ("null".equals(t.asText())) {
                    return true;
                }
            }
            return false;
        }
        return "null".equals(type.asText());
    }
}
