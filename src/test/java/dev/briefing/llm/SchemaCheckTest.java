package dev.briefing.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode mapSchema() throws Exception {
        return JSON.readTree(Path.of("prompts/map-chunk.schema.json").toAbsolutePath().toFile());
    }

    private static JsonNode claim(String citation) throws Exception {
        return JSON.readTree("{\"events\":[],\"actors\":[],\"openQuestions\":[],\"claims\":[{\"topic\":\"t\","
                + "\"claim\":\"c\",\"citations\":[" + citation + "]}]}");
    }

    @Test
    void should_accept_a_citation_with_a_gloss_or_a_null_gloss() throws Exception {
        assertEquals(List.of(), SchemaCheck.violations(mapSchema(),
                claim("{\"paragraph\":3,\"quote\":\"普京支持这一提议\",\"gloss\":\"Putin supported the proposal\"}"), 5));
        assertEquals(List.of(), SchemaCheck.violations(mapSchema(),
                claim("{\"paragraph\":3,\"quote\":\"普京支持这一提议\",\"gloss\":null}"), 5));
    }

    /** Required for OpenAI's strict mode, but a server that ignores the schema may leave it out: that is null. */
    @Test
    void should_accept_a_reply_that_leaves_out_a_nullable_property_but_not_a_required_one() throws Exception {
        assertEquals(List.of(), SchemaCheck.violations(mapSchema(),
                claim("{\"paragraph\":3,\"quote\":\"普京支持这一提议\"}"), 5));
        assertFalse(SchemaCheck.violations(mapSchema(), claim("{\"paragraph\":3,\"gloss\":null}"), 5).isEmpty(),
                "a quote is still required");
        assertFalse(SchemaCheck.violations(mapSchema(), claim("{\"paragraph\":3,\"quote\":\"x\",\"gloss\":7}"), 5)
                .isEmpty(), "a gloss is a string or null");
    }

    @Test
    void should_leave_the_schema_sent_to_the_server_alone() throws Exception {
        JsonNode schema = mapSchema();
        JsonNode before = schema.deepCopy();
        JsonNode relaxed = SchemaCheck.nullableOptional(schema);
        assertEquals(before, schema);
        assertEquals("[\"paragraph\",\"quote\"]",
                relaxed.at("/properties/claims/items/properties/citations/items/required").toString());
    }
}
