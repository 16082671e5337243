package dev.briefing.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaEnumsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode schema(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void should_restrict_every_nested_integer_property_of_that_name_and_leave_the_original_alone() throws Exception {
        JsonNode original = schema("""
                {"type":"object","properties":{"events":{"type":"array","items":{"type":"object","properties":{
                "citations":{"type":"array","items":{"type":"object","properties":{"paragraph":{"type":"integer"},
                "quote":{"type":"string"}}}}}}},"actors":{"type":"array","items":{"type":"object","properties":{
                "citations":{"type":"array","items":{"type":"object","properties":{"paragraph":{"type":"integer"}}}}}}}}}""");
        JsonNode narrowed = SchemaEnums.restrict(original, "paragraph", List.of(4, 5, 6));
        assertEquals("[4,5,6]", narrowed.at("/properties/events/items/properties/citations/items/properties/paragraph/enum")
                .toString());
        assertEquals("[4,5,6]", narrowed.at("/properties/actors/items/properties/citations/items/properties/paragraph/enum")
                .toString());
        assertTrue(original.at("/properties/events/items/properties/citations/items/properties/paragraph/enum")
                .isMissingNode(), "the template's schema is shared by every request");
    }

    @Test
    void should_restrict_the_items_of_an_array_of_ids() throws Exception {
        JsonNode narrowed = SchemaEnums.restrict(schema("""
                {"type":"object","properties":{"summary":{"type":"object","properties":{
                "sources":{"type":"array","items":{"type":"string"}}}}}}"""), "sources", List.of("e1", "a2"));
        assertEquals("[\"e1\",\"a2\"]", narrowed.at("/properties/summary/properties/sources/items/enum").toString());
        assertTrue(narrowed.at("/properties/summary/properties/sources/enum").isMissingNode());
    }

    @Test
    void should_check_replies_against_the_template_schema_even_when_narrowed_twice() throws Exception {
        JsonNode original = schema("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"},"
                + "\"b\":{\"type\":\"integer\"}}}");
        JsonNode twice = SchemaEnums.restrict(SchemaEnums.restrict(original, "a", List.of("x")), "b", List.of(1));
        assertEquals(original, SchemaEnums.forChecking(twice));
        assertEquals(original, SchemaEnums.forChecking(twice.deepCopy()), "an equal copy (a cached request) too");
        assertSame(original, SchemaEnums.forChecking(original));
    }

    @Test
    void should_leave_the_schema_unchanged_when_nothing_exists_to_name() throws Exception {
        JsonNode original = schema("{\"type\":\"object\",\"properties\":{\"sources\":{\"type\":\"string\"}}}");
        assertSame(original, SchemaEnums.restrict(original, "sources", List.of()));
    }

    @Test
    void should_not_reject_a_reply_outside_the_enum_when_checking_it_so_one_bad_id_costs_one_item() throws Exception {
        JsonNode narrowed = SchemaEnums.restrict(schema("""
                {"type":"object","required":["sources"],"properties":{"sources":{"type":"array","items":{"type":"string"}}}}"""),
                "sources", List.of("e1"));
        assertEquals(List.of(), SchemaCheck.violations(SchemaEnums.forChecking(narrowed), JSON.readTree("{\"sources\":[\"e1\",\"2025-07-28\"]}"), 5));
    }
}
