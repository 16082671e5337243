package dev.briefing.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.llm.EchoingModel;
import dev.briefing.llm.FakeServer;
import dev.briefing.llm.LanguageModel;
import dev.briefing.llm.ModelReply;
import dev.briefing.llm.ModelRequest;
import dev.briefing.llm.RetryPolicy;
import dev.briefing.normalize.Article;
import dev.briefing.reduce.Briefing;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class BriefingEngineTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);
    private static final List<Article> SEEDS = ArticleLoader.load(List.of("seeds"),
            new ByteArrayInputStream(new byte[0]), Path.of("")).articles();

    /** Answers like EchoingModel, but later chunks answer sooner, so completion order is reversed. */
    private static final class SlowFirst implements LanguageModel {
        final EchoingModel echo = new EchoingModel();

        @Override
        public ModelReply chat(ModelRequest request) {
            int part = request.messages().get(1).text().contains("part 1 of") ? 60 : 5;
            try {
                Thread.sleep(request.purpose().contains(SEEDS.get(0).id()) ? part * 2L : part);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return echo.chat(request);
        }

        @Override
        public String modelName() {
            return "slow-first";
        }
    }

    private static Briefing brief(EngineConfig config, LanguageModel model, int contextLength) {
        return new BriefingEngine(config, model, new FakeServer(true, List.of("m"), contextLength), Progress.silent(),
                CLOCK).brief(SEEDS, List.of()).briefing();
    }

    private static EngineConfig.Builder config() {
        return EngineConfig.builder().model("m").retry(RetryPolicy.none()).chunkTokens(600);
    }

    @Test
    void should_cut_a_large_day_on_several_threads_exactly_as_article_by_article() {
        // 8 copies of each seed under new ids: enough articles that the plan cuts them in parallel.
        List<Article> many = new java.util.ArrayList<>();
        for (int copy = 0; copy < 8; copy++) {
            for (Article a : SEEDS) {
                many.add(new Article(a.id() + copy, a.title(), a.source(), a.path(), a.script(), a.paragraphs(),
                        a.titleDerived()));
            }
        }
        BriefingEngine engine = new BriefingEngine(config().build(), new SlowFirst(),
                new FakeServer(true, List.of("m"), 32768), Progress.silent(), CLOCK);
        BriefingEngine.Plan all = engine.plan(many, 32768);
        List<dev.briefing.chunk.Chunk> oneByOne = new java.util.ArrayList<>();
        for (Article a : many) {
            oneByOne.addAll(engine.plan(List.of(a), 32768).chunks());
            assertEquals(engine.plan(List.of(a), 32768).yearsByArticle().get(a.id()), all.yearsByArticle().get(a.id()));
        }
        assertEquals(oneByOne, all.chunks());
        assertEquals(many.size(), all.yearsByArticle().size());
    }

    @Test
    void should_produce_the_same_briefing_whatever_the_parallelism_and_completion_order() {
        Briefing one = brief(config().parallel(1).build(), new SlowFirst(), 32768);
        Briefing four = brief(config().parallel(4).build(), new SlowFirst(), 32768);
        assertEquals(one.events(), four.events());
        assertEquals(one.actors(), four.actors());
        assertEquals(one.openQuestions(), four.openQuestions());
        assertEquals(one.warnings(), four.warnings());
        assertTrue(one.events().size() > 3, "several chunks per article: " + one.events().size());
    }

    @Test
    void should_size_calls_and_chunks_to_a_model_with_a_small_context() {
        EchoingModel model = new EchoingModel();
        Briefing b = brief(EngineConfig.builder().model("m").retry(RetryPolicy.none()).build(), model, 4096);
        List<ModelRequest> maps = model.requests().stream().filter(r -> r.purpose().startsWith("map")).toList();
        assertTrue(maps.size() > 3, "articles split to fit 4096 tokens: " + maps.size());
        for (ModelRequest r : maps) {
            assertEquals(4096, r.numCtx());
            assertTrue(r.estimatedPromptTokens() + r.numPredict() <= 4096,
                    r.purpose() + ": " + r.estimatedPromptTokens() + " + " + r.numPredict());
        }
        assertEquals(3, b.articles().size());
    }

    @Test
    void should_write_prose_in_the_requested_language_and_say_so() {
        EchoingModel model = new EchoingModel();
        Briefing b = brief(config().language("en").build(), model, 32768);
        assertEquals("en", b.language());
        model.requests().forEach(r -> assertTrue(r.messages().get(0).text().contains("in English"), r.purpose()));
        Briefing traditional = brief(config().language("zh-Hant").build(), new EchoingModel(), 32768);
        assertEquals("zh-Hant", traditional.language());
    }

    @Test
    void should_end_the_run_at_once_and_send_nothing_more_once_the_model_is_gone() {
        List<ModelRequest> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        String slowChunk = SEEDS.get(0).id() + " chunk 1/";
        LanguageModel gone = new LanguageModel() {
            @Override
            public ModelReply chat(ModelRequest request) {
                sent.add(request);
                if (request.purpose().contains(slowChunk)) {
                    try {
                        Thread.sleep(5000); // a long chunk still being answered
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new dev.briefing.error.BriefingException(dev.briefing.error.ExitCode.INTERRUPTED,
                                "interrupted", null, e);
                    }
                }
                throw new dev.briefing.error.ModelUnavailableException("model 'm' is not pulled", "run 'ollama pull m'");
            }

            @Override
            public String modelName() {
                return "m";
            }
        };
        long t0 = System.nanoTime();
        dev.briefing.error.BriefingException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.briefing.error.BriefingException.class, () -> brief(config().parallel(2).build(), gone, 32768));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(dev.briefing.error.ExitCode.MODEL_UNAVAILABLE, e.exitCode(), e.getMessage());
        assertTrue(millis < 2000, "did not wait for the slow chunk: " + millis + " ms");
        // At most one call per worker: the one that found the model gone, and the slow one if it
        // had started; every chunk queued behind them is not sent.
        // (The map keeps parallel + 1 requests open: one waits in the server's queue.)
        int workers = config().parallel(2).build().requestsInFlight();
        assertTrue(sent.size() >= 1 && sent.size() <= workers, "sent " + sent.size() + ", workers " + workers);
    }

    /** EchoingModel, but every chunk raises its own question, so merging keeps them apart. */
    private static final class DistinctQuestions implements LanguageModel {
        final EchoingModel echo = new EchoingModel();

        @Override
        public ModelReply chat(ModelRequest request) {
            ModelReply reply = echo.chat(request);
            if (!request.purpose().startsWith("map")) {
                return reply;
            }
            try {
                com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
                com.fasterxml.jackson.databind.node.ObjectNode root =
                        (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(reply.content());
                for (com.fasterxml.jackson.databind.JsonNode q : root.withArray("openQuestions")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) q).put("question",
                            "“" + request.purpose() + "”之后会怎样？");
                }
                return new ModelReply(json.writeValueAsString(root), reply.promptTokens(), reply.completionTokens(),
                        reply.finishReason(), 1);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public String modelName() {
            return "distinct-questions";
        }
    }

    @Test
    void should_list_in_run_json_every_open_question_the_synthesis_left_out() {
        BriefingEngine.Outcome outcome = new BriefingEngine(config().build(), new DistinctQuestions(),
                new FakeServer(true, List.of("m"), 32768), Progress.silent(), CLOCK).brief(SEEDS, List.of());
        // The synthesis (EchoingModel's) keeps one question, q1; every other question note is listed.
        assertEquals(1, outcome.briefing().openQuestions().size());
        List<String> leftOut = outcome.record().warnings().stream()
                .filter(w -> w.startsWith("open question left out by the synthesis (")).toList();
        int raised = leftOut.size() + 1;
        assertTrue(raised > 3, "one question per chunk: " + raised);
        assertTrue(leftOut.stream().noneMatch(w -> w.startsWith("open question left out by the synthesis (q1,")),
                leftOut.toString());
        assertTrue(leftOut.stream().allMatch(w -> w.contains("之后会怎样？")), leftOut.toString());
        String summary = "the synthesis kept 1 of " + raised + " open questions the articles raise; the rest are "
                + "listed in run.json";
        assertTrue(outcome.briefing().warnings().contains(summary), outcome.briefing().warnings().toString());
        // The briefing carries the count, not the list.
        assertTrue(outcome.briefing().warnings().stream().noneMatch(w -> w.startsWith("open question left out")));
    }

    @Test
    void should_list_no_open_question_as_left_out_when_the_synthesis_kept_them_all() {
        BriefingEngine.Outcome outcome = new BriefingEngine(config().build(), new EchoingModel(),
                new FakeServer(true, List.of("m"), 32768), Progress.silent(), CLOCK).brief(SEEDS, List.of());
        // Every chunk asks the same question, merged into q1, which the synthesis keeps.
        assertEquals(1, outcome.briefing().openQuestions().size());
        assertTrue(outcome.record().warnings().stream().noneMatch(w -> w.contains("left out by the synthesis")),
                outcome.record().warnings().toString());
    }
    /** EchoingModel, whose synthesis call waits until the rehearsal has its draft: proof it runs while the call is out. */
    private static final class WaitsForTheDraft implements LanguageModel {
        final EchoingModel echo = new EchoingModel();
        final java.util.concurrent.CountDownLatch drafted = new java.util.concurrent.CountDownLatch(1);
        volatile boolean sawDraftDuringSynthesis;

        @Override
        public ModelReply chat(ModelRequest request) {
            if (request.purpose().startsWith("synthesize")) {
                try {
                    sawDraftDuringSynthesis = drafted.await(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return echo.chat(request);
        }

        @Override
        public String modelName() {
            return "waits";
        }
    }

    @Test
    void should_hand_the_rehearsal_a_small_draft_while_the_synthesis_call_is_out_and_change_nothing_else() {
        WaitsForTheDraft model = new WaitsForTheDraft();
        List<BriefingEngine.Outcome> drafts = new java.util.concurrent.CopyOnWriteArrayList<>();
        BriefingEngine.Outcome outcome = new BriefingEngine(config().build(), model,
                new FakeServer(true, List.of("m"), 32768), Progress.silent(), CLOCK)
                .rehearsingWith(draft -> {
                    drafts.add(draft);
                    model.drafted.countDown();
                })
                .brief(SEEDS, List.of());

        assertTrue(model.sawDraftDuringSynthesis, "the draft came while the synthesis call was out");
        assertEquals(1, drafts.size());
        Briefing draft = drafts.get(0).briefing();
        Briefing real = outcome.briefing();
        assertTrue(real.events().size() > 3, "enough events to see the draft cut: " + real.events().size());
        assertEquals(real.events().subList(0, 3), draft.events());
        assertEquals(Math.min(3, real.actors().size()), draft.actors().size());
        assertEquals("", draft.summary().text());
        assertEquals(real.articles(), draft.articles());
        assertEquals(0, draft.run().calls());

        Briefing without = brief(config().build(), new EchoingModel(), 32768);
        assertEquals(without.events(), real.events());
        assertEquals(without.summary(), real.summary());
        assertEquals(without.warnings(), real.warnings());
    }

    @Test
    void should_brief_as_usual_when_the_rehearsal_fails() {
        BriefingEngine.Outcome outcome = new BriefingEngine(config().build(), new EchoingModel(),
                new FakeServer(true, List.of("m"), 32768), Progress.silent(), CLOCK)
                .rehearsingWith(draft -> {
                    throw new IllegalStateException("a renderer bug the real render will report");
                })
                .brief(SEEDS, List.of());
        assertEquals(brief(config().build(), new EchoingModel(), 32768).events(), outcome.briefing().events());
        assertTrue(outcome.briefing().warnings().stream().noneMatch(w -> w.contains("renderer bug")));
    }
    @Test
    void should_rehearse_the_merge_once_on_the_first_rounds_results_and_not_for_a_single_round() {
        List<dev.briefing.map.MapResult> results = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            results.add(dev.briefing.map.MapResult.failed(new dev.briefing.chunk.Chunk("a" + i, "t", 1, 1,
                    SEEDS.get(0).paragraphs(), 100), "x"));
        }
        List<List<dev.briefing.map.MapResult>> started = new java.util.ArrayList<>();
        BriefingEngine.MergeRehearsal rehearsal = new BriefingEngine.MergeRehearsal(4, started::add);
        results.forEach(rehearsal::add);
        assertEquals(List.of(results.subList(0, 4)), started);

        List<List<dev.briefing.map.MapResult>> none = new java.util.ArrayList<>();
        BriefingEngine.MergeRehearsal single = new BriefingEngine.MergeRehearsal(0, none::add);
        results.forEach(single::add);
        assertEquals(List.of(), none, "one round: no wait to use");
    }
    @Test
    void should_not_rehearse_when_the_map_was_answered_from_the_cache() {
        EchoingModel echo = new EchoingModel();
        java.util.concurrent.CountDownLatch drafted = new java.util.concurrent.CountDownLatch(1);
        LanguageModel cached = new LanguageModel() {
            @Override
            public ModelReply chat(ModelRequest request) {
                if (request.purpose().startsWith("synthesize")) {
                    // Time for a rehearsal started in error to show; it has no reason to start.
                    try {
                        drafted.await(1, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return echo.chat(request).asCached();
            }

            @Override
            public String modelName() {
                return "cached";
            }
        };
        List<BriefingEngine.Outcome> drafts = new java.util.concurrent.CopyOnWriteArrayList<>();
        BriefingEngine.Outcome outcome = new BriefingEngine(config().build(), cached,
                new FakeServer(true, List.of("m"), 32768), Progress.silent(), CLOCK)
                .rehearsingWith(draft -> {
                    drafts.add(draft);
                    drafted.countDown();
                })
                .brief(SEEDS, List.of());
        assertTrue(outcome.briefing().events().size() > 0);
        assertEquals(List.of(), drafts, "no wait to use: the rehearsal would only compete with the run");
    }
}
