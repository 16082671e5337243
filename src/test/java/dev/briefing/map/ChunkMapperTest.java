package dev.briefing.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.chunk.Chunk;
import dev.briefing.llm.CallSettings;
import dev.briefing.llm.ModelRequest;
import dev.briefing.llm.RetryPolicy;
import dev.briefing.llm.ScriptedModel;
import dev.briefing.llm.StructuredCaller;
import dev.briefing.llm.UsageMeter;
import dev.briefing.normalize.Paragraph;
import dev.briefing.prompt.PromptLibrary;
import dev.briefing.verify.Citation;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChunkMapperTest {
    static final String P1 = "經俄羅斯總統普京提議,10月16日,普京與美國總統特朗普通電話,兩人討論了俄美關係。";
    static final String P2 = "特朗普提議在匈牙利首都布達佩斯舉行會晤。普京支持這一提議。";
    static final Chunk CHUNK = new Chunk("a1b2c3d4e5f6", "普京與特朗普通電話", 1, 1, List.of(
            new Paragraph(1, P1, P1), new Paragraph(2, P2, P2)), 80);
    static final String GOOD = """
            {"events":[{"title":"普京与特朗普通电话","description":"两人讨论俄美关系","dateText":"10月16日",
              "date":"2025-10-16","where":null,"actors":["普京","特朗普"],
              "citations":[{"paragraph":1,"quote":"普京與美國總統特朗普通電話"}]}],
             "actors":[{"name":"普京","type":"person","role":"俄罗斯总统",
              "citations":[{"paragraph":1,"quote":"經俄羅斯總統普京提議"}]}],
             "claims":[],
             "openQuestions":[{"question":"布达佩斯会晤何时举行？","context":"","citations":[{"paragraph":2,"quote":"布達佩斯舉行會晤"}]}]}""";

    private final UsageMeter meter = new UsageMeter();

    private MapResult map(ScriptedModel model) {
        StructuredCaller caller = new StructuredCaller(model, RetryPolicy.none(), meter);
        ChunkMapper mapper = new ChunkMapper(caller, PromptLibrary.bundled().get("map-chunk"),
                new CallSettings(8192, 2048, 0.1, 42), "Simplified Chinese");
        return mapper.map(CHUNK, Set.of(2025));
    }

    @Test
    void should_map_a_valid_reply_into_verified_notes() {
        MapResult r = map(ScriptedModel.replying(GOOD));
        assertTrue(r.ok());
        assertEquals(0, r.droppedCitations());
        ChunkNotes.EventNote e = r.notes().events().get(0);
        assertEquals(LocalDate.of(2025, 10, 16), e.date());
        assertEquals("10月16日", e.dateText());
        assertEquals(List.of(new Citation("a1b2c3d4e5f6", 1, "普京與美國總統特朗普通電話")), e.citations());
        assertEquals(ActorType.PERSON, r.notes().actors().get(0).type());
        assertEquals(1, r.notes().questions().size());
    }

    @Test
    void should_send_the_schema_num_ctx_and_fenced_numbered_paragraphs() {
        ScriptedModel model = ScriptedModel.replying(GOOD);
        map(model);
        ModelRequest sent = model.requests().get(0);
        assertEquals(8192, sent.numCtx());
        // The schema sent names the chunk's own paragraph numbers, so a grammar cannot cite P7.
        assertEquals(dev.briefing.llm.SchemaEnums.restrict(PromptLibrary.bundled().get("map-chunk").schema(),
                "paragraph", List.of(1, 2)), sent.schema());
        assertEquals("[1,2]", sent.schema().at("/properties/events/items/properties/citations/items/properties/paragraph"
                + "/enum").toString());
        assertTrue(PromptLibrary.bundled().get("map-chunk").schema().toString().indexOf("\"enum\":[1") < 0);
        String user = sent.messages().get(1).text();
        assertTrue(user.contains("```article\nTitle: 普京與特朗普通電話\n\n[P1] " + P1 + "\n\n[P2] " + P2 + "\n```"), user);
        assertTrue(sent.messages().get(0).text().contains("P1 to P2"));
        assertTrue(sent.estimatedPromptTokens() > 80);
    }

    @Test
    void should_cite_the_neighbouring_paragraph_that_holds_a_quote_cited_one_paragraph_off() {
        MapResult r = map(ScriptedModel.replying(GOOD.replace("\"paragraph\":1,\"quote\":\"普京與美國總統", "\"paragraph\":2,\"quote\":\"普京與美國總統")));
        assertEquals(1, r.notes().events().size());
        assertEquals(1, r.notes().events().get(0).citations().get(0).paragraph());
        assertEquals(0, r.droppedCitations());
        assertTrue(r.dropDetails().stream().anyMatch(d -> d.startsWith("recovered citation") && d.contains("paragraph 2")),
                r.dropDetails().toString());
    }

    @Test
    void should_not_move_a_quote_cited_with_a_paragraph_far_from_the_one_that_holds_it() {
        // A number far off (here one the chunk never showed) points nowhere, as a planted reply does.
        MapResult r = map(ScriptedModel.replying(GOOD.replace("\"paragraph\":1,\"quote\":\"普京與美國總統", "\"paragraph\":7,\"quote\":\"普京與美國總統")));
        assertEquals(1, r.droppedCitations());
        assertTrue(r.dropDetails().stream().noneMatch(d -> d.startsWith("recovered citation")), r.dropDetails().toString());
    }

    @Test
    void should_drop_citation_to_a_paragraph_the_chunk_did_not_show_and_its_item() {
        MapResult r = map(ScriptedModel.replying(GOOD.replace("\"paragraph\":1,\"quote\":\"普京與美國總統特朗普通電話", "\"paragraph\":7,\"quote\":\"澤連斯基宣布全面停火協議生效")));
        assertTrue(r.ok());
        assertTrue(r.notes().events().isEmpty());
        assertEquals(1, r.droppedCitations());
        assertEquals(1, r.droppedItems());
        assertTrue(r.dropDetails().stream().anyMatch(d -> d.contains("paragraph 7")), r.dropDetails().toString());
    }

    @Test
    void should_drop_invented_quote() {
        MapResult r = map(ScriptedModel.replying(GOOD.replace("經俄羅斯總統普京提議", "普京总统主动要求通话")));
        assertTrue(r.notes().actors().isEmpty());
        assertEquals(1, r.droppedCitations());
        assertEquals(1, r.droppedItems());
        assertEquals(1, r.notes().events().size());
    }

    @Test
    void should_recover_prose_wrapped_json_without_a_second_call() {
        ScriptedModel model = ScriptedModel.replying("以下是提取结果：\n```json\n" + GOOD + "\n```\n如需更多信息请告诉我。");
        MapResult r = map(model);
        assertTrue(r.ok());
        assertEquals(1, model.requests().size());
        assertEquals(1, r.notes().events().size());
    }

    @Test
    void should_repair_truncated_json_once_then_succeed() {
        ScriptedModel model = ScriptedModel.replying(ScriptedModel.cutOff(GOOD.substring(0, 120)), GOOD);
        MapResult r = map(model);
        assertTrue(r.ok());
        assertEquals(2, model.requests().size());
    }

    @Test
    void should_mark_chunk_failed_after_the_repair_attempt_fails() {
        ScriptedModel model = ScriptedModel.replying(ScriptedModel.cutOff(GOOD.substring(0, 120)),
                "I'm sorry, I can only answer in prose.");
        MapResult r = map(model);
        assertFalse(r.ok());
        assertTrue(r.failure().contains("no usable reply"), r.failure());
        assertTrue(r.notes().events().isEmpty());
        assertEquals(2, model.requests().size());
    }

    @Test
    void should_repair_valid_json_that_breaks_the_schema() {
        ScriptedModel model = ScriptedModel.replying("{\"events\":\"none\"}", GOOD);
        MapResult r = map(model);
        assertTrue(r.ok());
        assertTrue(model.requests().get(1).messages().get(3).text().contains("schema"));
    }

    @Test
    void should_drop_a_date_the_text_does_not_give() {
        MapResult r = map(ScriptedModel.replying(GOOD.replace("\"dateText\":\"10月16日\"", "\"dateText\":null")));
        assertNull(r.notes().events().get(0).date());
    }
}
