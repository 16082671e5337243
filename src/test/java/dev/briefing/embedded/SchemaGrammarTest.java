package dev.briefing.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kherud.llama.LlamaModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * llama.cpp's converter aborts the JVM on schemas it rejects; these reach it only simplified.
 * Each case here would abort the test JVM if the simplification let it through.
 */
class SchemaGrammarTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void load() {
        NativeLibrary.ensureLoaded();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"string\",\"pattern\":\"[a-z]+\"}",
            "{\"type\":\"string\",\"format\":\"no-such-format\"}",
            "{\"$ref\":\"https://example.com/remote.json\"}",
            "{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"#/$defs/missing\"}},\"required\":\"a\"}",
            "{\"type\":\"no-such-type\"}",
            "{\"type\":\"array\",\"items\":[{\"type\":\"string\"}],\"minItems\":\"two\"}",
            "{\"type\":\"integer\",\"minimum\":\"zero\",\"maximum\":1.5}",
            "{\"enum\":[{\"a\":1},[2]]}",
            "{\"type\":\"string\",\"minLength\":5,\"maxLength\":2}",
            "{\"allOf\":[{\"type\":\"string\"},{\"not\":{}}]}",
            "true"
    })
    void should_hand_the_converter_only_what_it_accepts(String schema) throws Exception {
        JsonNode simplified = SchemaGrammar.simplify(JSON.readTree(schema));
        String grammar = LlamaModel.jsonSchemaToGrammar(simplified.toString());
        assertFalse(grammar.isBlank(), "a grammar for " + simplified);
    }

    @Test
    void should_keep_the_shape_of_our_own_schemas() throws Exception {
        JsonNode schema = JSON.readTree(java.nio.file.Path.of("prompts/map-chunk.schema.json").toAbsolutePath().toFile());
        assertEquals(schema, SchemaGrammar.simplify(schema), "our schemas use only what the converter accepts");
    }

    /** A citation's gloss is required (OpenAI strict mode) but nullable: the grammar must allow both a string and null. */
    @Test
    void should_turn_the_required_nullable_gloss_into_a_grammar_rule() throws Exception {
        JsonNode schema = JSON.readTree(java.nio.file.Path.of("prompts/map-chunk.schema.json").toAbsolutePath().toFile());
        JsonNode cited = schema.at("/properties/claims/items/properties/citations/items");
        assertTrue(cited.get("required").toString().contains("\"gloss\""), cited.toString());
        assertEquals("[\"string\",\"null\"]", SchemaGrammar.simplify(cited).at("/properties/gloss/type").toString());
        String grammar = LlamaModel.jsonSchemaToGrammar(SchemaGrammar.simplify(schema).toString());
        assertTrue(grammar.contains("gloss"), grammar);
        assertTrue(grammar.contains("null"), grammar);
    }

    @Test
    void should_keep_enums_of_ids_and_paragraph_numbers_and_turn_them_into_alternatives() throws Exception {
        JsonNode map = dev.briefing.llm.SchemaEnums.restrict(JSON.readTree(java.nio.file.Path.of(
                "prompts/map-chunk.schema.json").toAbsolutePath().toFile()), "paragraph", java.util.List.of(4, 5, 17));
        assertEquals(map, SchemaGrammar.simplify(map));
        String mapGrammar = LlamaModel.jsonSchemaToGrammar(SchemaGrammar.simplify(map).toString());
        assertTrue(mapGrammar.contains("\"17\""), mapGrammar);
        JsonNode synth = dev.briefing.llm.SchemaEnums.restrict(JSON.readTree(java.nio.file.Path.of(
                "prompts/synthesize.schema.json").toAbsolutePath().toFile()), "sources", java.util.List.of("e1", "q12"));
        assertEquals(synth, SchemaGrammar.simplify(synth));
        String synthGrammar = LlamaModel.jsonSchemaToGrammar(SchemaGrammar.simplify(synth).toString());
        assertTrue(synthGrammar.contains("q12"), synthGrammar);
    }

    @Test
    void should_pair_each_citation_number_with_quotes_from_that_paragraph_only() throws Exception {
        JsonNode map = JSON.readTree(java.nio.file.Path.of("prompts/map-chunk.schema.json").toAbsolutePath().toFile());
        var grounding = dev.briefing.llm.Grounding.of("paragraph", "quote", java.util.Map.of(
                4, java.util.List.of("美方周三宣布新的关税措施。"), 5, java.util.List.of("外交部发言人表示\"坚决反对\"。", "双方将继续磋商。")));
        JsonNode grounded = SchemaGrammar.ground(SchemaGrammar.simplify(map), grounding);
        for (String list : new String[] {"events", "actors", "claims", "openQuestions"}) {
            JsonNode citation = grounded.at("/properties/" + list + "/items/properties/citations/items");
            assertEquals(2, citation.path("anyOf").size(), list + ": one alternative per paragraph: " + citation);
            for (JsonNode alternative : citation.path("anyOf")) {
                int number = alternative.at("/properties/paragraph/const").asInt();
                JsonNode quotes = alternative.at("/properties/quote/enum");
                assertEquals(grounding.spans().get(number).size(), quotes.size(), alternative.toString());
                quotes.forEach(q -> assertTrue(grounding.spans().get(number).contains(q.asText()), q.asText()));
                assertTrue(alternative.at("/properties/gloss").isObject(), "the rest of the citation is kept");
            }
        }
        assertEquals(map.at("/properties/events/items/properties/title"),
                grounded.at("/properties/events/items/properties/title"), "nothing else changes");
        String grammar = LlamaModel.jsonSchemaToGrammar(grounded.toString());
        assertTrue(grammar.contains("双方将继续磋商"), grammar);
        assertEquals(SchemaGrammar.simplify(map), SchemaGrammar.ground(SchemaGrammar.simplify(map), null),
                "no grounding, no change");
    }
}
