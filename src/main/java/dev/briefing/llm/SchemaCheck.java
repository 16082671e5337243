package dev.briefing.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Validates a reply against the schema that was sent with the request. */
final class SchemaCheck {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<JsonNode, JsonSchema> COMPILED = new ConcurrentHashMap<>();

    private SchemaCheck() {
    }

    /** The violations, at most {@code limit}, each as "path: message"; empty when valid. */
    static List<String> violations(JsonNode schema, JsonNode value, int limit) {
        JsonSchema compiled = COMPILED.computeIfAbsent(schema, FACTORY::getSchema);
        return compiled.validate(value).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .limit(limit)
                .toList();
    }
}
