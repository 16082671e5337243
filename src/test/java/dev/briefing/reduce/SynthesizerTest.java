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
    void should_send_the_note_ids_shown_as_an_enum_of_every_sources_list() {
        ScriptedModel model = ScriptedModel.replying("""
                {"summary":{"text":"普京与特朗普通话。","sources":["e1"]},"disagreements":[],"openQuestions":[]}""");
        run(model);
        com.fasterxml.jackson.databind.JsonNode sent = model.requests().get(0).schema();
        String ids = "[\"e1\",\"c1\",\"c2\",\"q1\"]";
        assertEquals(ids, sent.at("/properties/summary/properties/sources/items/enum").toString());
        assertEquals(ids, sent.at("/properties/openQuestions/items/properties/sources/items/enum").toString());
        assertEquals(ids, sent.at("/properties/disagreements/items/properties/positions/items/properties/sources/items"
                + "/enum").toString());
    }

    @Test
    void should_drop_only_the_id_outside_the_enum_when_a_server_ignored_it() {
        // The reply is checked against the looser schema: a made-up id costs that id, not the summary.
        Synthesizer.Synthesis s = run(ScriptedModel.replying("""
                {"summary":{"text":"普京与特朗普通话。","sources":["2025-10-16","e1"]},"disagreements":[],
                 "openQuestions":[{"question":"谁来调停？","context":"","sources":["q1"]},
                                  {"question":"编造的问题？","context":"","sources":["q9"]}]}"""));
        assertNull(s.failure());
        assertEquals(List.of(CALL), s.summary().citations());
        assertEquals(1, s.openQuestions().size());
        assertTrue(s.warnings().stream().anyMatch(w -> w.startsWith("open question dropped: it pointed at no note")),
                s.warnings().toString());
    }

    @Test
    void should_keep_every_citation_of_every_note_a_statement_points_at() {
        List<MergedNotes.Claim> claims = new java.util.ArrayList<>();
        for (int i = 1; i <= 14; i++) {
            claims.add(new MergedNotes.Claim("c" + i, new ClaimNote("话题" + i, "判断" + i,
                    List.of(new Citation("000", i, "第" + i + "段的引文甲"), new Citation("003", i, "第" + i + "段的引文乙")))));
        }
        MergedNotes many = new MergedNotes(List.of(), List.of(), claims, NOTES.questions());
        String all = String.join(",", claims.stream().map(c -> "\"" + c.id() + "\"").toList());
        Synthesizer.Synthesis s = new Synthesizer(new StructuredCaller(ScriptedModel.replying(
                "{\"summary\":{\"text\":\"十四条判断。\",\"sources\":[" + all + "]},\"disagreements\":[{\"topic\":\"t\","
                        + "\"positions\":[{\"claim\":\"甲\",\"sources\":[" + all + "]},{\"claim\":\"乙\",\"sources\":[\"c1\"]}]}],"
                        + "\"openQuestions\":[{\"question\":\"q?\",\"context\":\"\",\"sources\":[\"q1\",\"c2\"]}]}"),
                RetryPolicy.none(), meter), PromptLibrary.bundled().get("synthesize"),
                new CallSettings(8192, 2048, 0.1, 42), "简体中文").synthesize(many, 2);
        assertEquals(28, s.summary().citations().size(), "all 14 notes, both citations each");
        assertEquals(28, s.disagreements().get(0).positions().get(0).citations().size());
        assertEquals(List.of(ASK, claims.get(1).note().citations().get(0), claims.get(1).note().citations().get(1)),
                s.openQuestions().get(0).citations());
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

    /** Notes of about a thousand articles' size: far more than one window holds. */
    static MergedNotes bigDay() {
        List<Event> events = new java.util.ArrayList<>();
        List<MergedNotes.Claim> claims = new java.util.ArrayList<>();
        List<MergedNotes.Question> questions = new java.util.ArrayList<>();
        for (int i = 1; i <= 3000; i++) {
            Citation c = new Citation(String.format("%012x", i % 1000), 1 + i % 20, "第" + i + "条引文的原话内容");
            events.add(new Event("e" + i, null, null, "第" + i + "件事：俄乌谈判出现新的进展", "各方就停火条件交换意见", null,
                    List.of(), List.of(c)));
            if (i <= 2000) {
                claims.add(new MergedNotes.Claim("c" + i, new ClaimNote("美国对乌支持", "第" + i + "种说法认为援助在变化",
                        List.of(c))));
            }
            if (i <= 1000) {
                questions.add(new MergedNotes.Question("q" + i, new QuestionNote("第" + i + "个问题：谁来调停？", "",
                        List.of(c))));
            }
        }
        return new MergedNotes(events, List.of(), claims, questions);
    }

    /** Cites the first ids of each kind the request shows, as a model following the prompt would. */
    static String citingWhatItWasShown(dev.briefing.llm.ModelRequest request) {
        String user = request.messages().get(request.messages().size() - 1).text();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^([ecqsdo]\\d+) ").matcher(user);
        List<String> ids = new java.util.ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        String summary = ids.stream().filter(id -> id.startsWith("e") || id.startsWith("s")).findFirst()
                .orElse(ids.get(0));
        List<String> sides = ids.stream().filter(id -> id.startsWith("c") || id.startsWith("d")).limit(2).toList();
        List<String> asked = ids.stream().filter(id -> id.startsWith("q") || id.startsWith("o")).limit(1).toList();
        return "{\"summary\":{\"text\":\"汇总\",\"sources\":[\"" + summary + "\"]},\"disagreements\":["
                + (sides.size() < 2 ? "" : "{\"topic\":\"援助\",\"positions\":[{\"claim\":\"增加\",\"sources\":[\""
                + sides.get(0) + "\"]},{\"claim\":\"削减\",\"sources\":[\"" + sides.get(1) + "\"]}]}") + "],"
                + "\"openQuestions\":[" + asked.stream().map(q -> "{\"question\":\"谁来调停？\",\"context\":\"\","
                + "\"sources\":[\"" + q + "\"]}").collect(java.util.stream.Collectors.joining(",")) + "]}";
    }

    @Test
    void should_summarize_a_day_too_large_for_one_window_in_a_tree_that_never_exceeds_num_ctx() {
        MergedNotes day = bigDay();
        ScriptedModel model = new ScriptedModel(SynthesizerTest::citingWhatItWasShown);
        // A small window, so even the parts' short results need a second level of merging.
        CallSettings settings = new CallSettings(3072, 512, 0.1, 42);
        Synthesizer.Synthesis s = new Synthesizer(new StructuredCaller(model, RetryPolicy.none(), meter),
                PromptLibrary.bundled().get("synthesize"), PromptLibrary.bundled().get("synthesize-merge"), settings,
                "简体中文", 4).synthesize(day, 1000);

        assertNull(s.failure(), String.valueOf(s.failure()));
        List<dev.briefing.llm.ModelRequest> requests = model.requests();
        assertTrue(requests.size() > 10, "split into parts: " + requests.size());
        for (var r : requests) {
            assertTrue(r.estimatedPromptTokens() + r.numPredict() <= r.numCtx(),
                    r.purpose() + ": " + r.estimatedPromptTokens() + " + " + r.numPredict() + " > " + r.numCtx());
        }
        // Every note is read exactly once, in the first level: nothing left out, nothing twice
        // (each part numbers its own notes, so a note is found by its text).
        String firstLevel = requests.stream().filter(r -> r.purpose().startsWith("synthesize part"))
                .map(r -> r.messages().get(1).text()).collect(java.util.stream.Collectors.joining("\n"));
        for (String text : List.of("] 第1件事：", "] 第3000件事：", "第2000种说法", "第1000个问题")) {
            assertEquals(1, firstLevel.split(java.util.regex.Pattern.quote(text), -1).length - 1, text);
        }
        assertEquals(3000 + 2000 + 1000, java.util.regex.Pattern.compile("(?m)^[ecq]\\d+ ").matcher(firstLevel)
                .results().count(), "every note once");
        assertTrue(requests.stream().anyMatch(r -> r.purpose().startsWith("synthesize merge level")),
                "the parts' results needed a second level too");
        assertEquals("synthesize", requests.get(requests.size() - 1).purpose());
        assertTrue(requests.get(requests.size() - 1).messages().get(1).text().contains("Partial syntheses"));
        // What the final call cited resolves, through the parts, to the notes' own verified citations.
        assertEquals(day.events().get(0).citations(), s.summary().citations());
        assertEquals(day.claims().get(0).note().citations(), s.disagreements().get(0).positions().get(0).citations());
        assertEquals(day.questions().get(0).note().citations(), s.openQuestions().get(0).citations());
        assertTrue(s.warnings().stream().anyMatch(w -> w.contains("parts, then merged")), s.warnings().toString());
        assertTrue(s.warnings().stream().noneMatch(w -> w.contains("only as counts")), s.warnings().toString());
    }

    @Test
    void should_report_a_failed_part_and_keep_the_rest() {
        MergedNotes day = bigDay();
        ScriptedModel model = new ScriptedModel(r -> r.purpose().equals("synthesize part 2/" + r.purpose()
                .substring(r.purpose().indexOf('/') + 1)) ? "not json" : citingWhatItWasShown(r));
        Synthesizer.Synthesis s = new Synthesizer(new StructuredCaller(model, RetryPolicy.none(), meter),
                PromptLibrary.bundled().get("synthesize"), PromptLibrary.bundled().get("synthesize-merge"),
                new CallSettings(8192, 2048, 0.1, 42), "简体中文", 2).synthesize(day, 1000);

        assertNotNull(s.failure(), "a part that failed leaves the briefing incomplete");
        assertTrue(s.failure().contains("synthesize part 2/"), s.failure());
        assertEquals(day.events().get(0).citations(), s.summary().citations());
    }
}
