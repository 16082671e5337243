package dev.briefing.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.llm.CallSettings;
import dev.briefing.llm.RetryPolicy;
import dev.briefing.llm.ScriptedModel;
import dev.briefing.llm.StructuredCaller;
import dev.briefing.llm.UsageMeter;
import dev.briefing.map.ChunkNotes.ClaimNote;
import dev.briefing.map.ChunkNotes.QuestionNote;
import dev.briefing.prompt.PromptLibrary;
import dev.briefing.reduce.Briefing.Event;
import dev.briefing.verify.Citation;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SynthesizerTest {
    static final Citation RISING = new Citation("000", 9, "美国在武器尤其是信息支持等方面向乌克兰提供了切实有效的帮助");
    static final Citation CUT = new Citation("003", 13, "削減了超過40%的對烏安全援助預算");
    static final Citation CALL = new Citation("000", 1, "普京与美国总统特朗普通电话");
    static final Citation ASK = new Citation("003", 30, "「和平的接線人」將由誰來擔任");
    static final MergedNotes NOTES = new MergedNotes(
            List.of(new Event("e1", LocalDate.of(2025, 10, 16), "10月16日", "普京与特朗普通电话", "", null, List.of(),
                    List.of(CALL))),
            List.of(),
            List.of(new MergedNotes.Claim("c1", new ClaimNote("美国对乌支持", "美国加大对乌支持", List.of(RISING))),
                    new MergedNotes.Claim("c2", new ClaimNote("美国对乌支持", "美国削减对乌援助", List.of(CUT)))),
            List.of(new MergedNotes.Question("q1", new QuestionNote("谁来担任和平的接线人？", "", List.of(ASK)))));

    private final UsageMeter meter = new UsageMeter();

    private Synthesizer.Synthesis run(ScriptedModel model) {
        return new Synthesizer(new StructuredCaller(model, RetryPolicy.none(), meter),
                PromptLibrary.bundled().get("synthesize"), new CallSettings(8192, 2048, 0.1, 42), "简体中文")
                .synthesize(NOTES, 3);
    }

    @Test
    void should_resolve_note_ids_to_their_verified_citations() {
        Synthesizer.Synthesis s = run(ScriptedModel.replying("""
                {"summary":{"text":"普京与特朗普通话。","sources":["E1","c1"]},
                 "disagreements":[{"topic":"美国对乌支持的走向","positions":[
                   {"claim":"支持在增加","sources":["c1"]},{"claim":"援助在削减","sources":["c2"]}]}],
                 "openQuestions":[{"question":"谁来调停？","context":"美国退居旁观","sources":["q1"]}]}"""));
        assertNull(s.failure());
        assertEquals(List.of(CALL, RISING), s.summary().citations());
        assertEquals(1, s.disagreements().size());
        assertEquals(List.of(RISING), s.disagreements().get(0).positions().get(0).citations());
        assertEquals(List.of(CUT), s.disagreements().get(0).positions().get(1).citations());
        assertEquals(List.of(ASK), s.openQuestions().get(0).citations());
    }

    @Test
    void should_send_the_merged_notes_not_the_articles() {
        ScriptedModel model = ScriptedModel.replying("{\"summary\":{\"text\":\"x\",\"sources\":[\"e1\"]},"
                + "\"disagreements\":[],\"openQuestions\":[]}");
        run(model);
        String user = model.requests().get(0).messages().get(1).text();
        assertTrue(user.contains("e1 [2025-10-16] 普京与特朗普通电话 (articles: 000)"), user);
        assertTrue(user.contains("c2 [美国对乌支持] 美国削减对乌援助 (articles: 003)"), user);
        assertTrue(user.contains("q1 谁来担任和平的接线人？"), user);
    }

    @Test
    void should_drop_ids_that_do_not_exist_and_statements_left_without_sources() {
        Synthesizer.Synthesis s = run(ScriptedModel.replying("""
                {"summary":{"text":"编造的摘要","sources":["e9"]},
                 "disagreements":[{"topic":"t","positions":[{"claim":"a","sources":["c1"]},{"claim":"b","sources":["c7"]}]}],
                 "openQuestions":[{"question":"q?","context":"","sources":["q5"]}]}"""));
        assertEquals("", s.summary().text());
        assertTrue(s.disagreements().isEmpty());
        assertTrue(s.openQuestions().isEmpty());
        assertTrue(s.warnings().stream().anyMatch(w -> w.contains("e9") && w.contains("c7") && w.contains("q5")),
                s.warnings().toString());
    }

    @Test
    void should_fall_back_to_mapped_questions_when_the_call_fails() {
        Synthesizer.Synthesis s = run(ScriptedModel.replying("no", "still no"));
        assertNotNull(s.failure());
        assertEquals("", s.summary().text());
        assertTrue(s.disagreements().isEmpty());
        assertEquals(List.of(ASK), s.openQuestions().get(0).citations());
    }
}
