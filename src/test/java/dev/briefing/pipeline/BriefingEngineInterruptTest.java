package dev.briefing.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.llm.EchoingModel;
import dev.briefing.llm.FakeServer;
import dev.briefing.llm.LanguageModel;
import dev.briefing.llm.ModelReply;
import dev.briefing.llm.ModelRequest;
import dev.briefing.llm.RetryPolicy;
import dev.briefing.normalize.Article;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C reaches the engine as an interrupt of the thread running the command (cli.SigintHandler;
 * the real signal is sent in faults.InterruptTest). Here the thread is interrupted directly, at
 * each stage, and the engine must stop and say how far it got.
 */
class BriefingEngineInterruptTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);
    private static final List<Article> SEEDS = ArticleLoader.load(List.of("seeds"),
            new ByteArrayInputStream(new byte[0]), Path.of("")).articles();

    /**
     * Echoes, except that the calls whose purpose names one of {@code blockOn} wait until
     * interrupted, as an HTTP call does; {@code entered} opens once all of them are waiting.
     */
    private static final class Blocking implements LanguageModel {
        final EchoingModel echo = new EchoingModel();
        final List<String> blockOn;
        final CountDownLatch entered;

        Blocking(String... blockOn) {
            this.blockOn = List.of(blockOn);
            this.entered = new CountDownLatch(blockOn.length);
        }

        @Override
        public ModelReply chat(ModelRequest request) {
            if (blockOn.stream().anyMatch(request.purpose()::contains)) {
                entered.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    // What OllamaLanguageModel.translate makes of an interrupted HTTP call.
                    Thread.currentThread().interrupt();
                    throw new BriefingException(ExitCode.INTERRUPTED, "interrupted while waiting for m", null, e);
                }
            }
            return echo.chat(request);
        }

        @Override
        public String modelName() {
            return "m";
        }
    }

    private static BriefingException interruptWhenBlocked(Blocking model) throws Exception {
        return interruptWhenBlocked(model, 0);
    }

    /** As above, once {@code mappedFirst} chunks are mapped too (a reply is checked after its call is done). */
    private static BriefingException interruptWhenBlocked(Blocking model, int mappedFirst) throws Exception {
        CountDownLatch mapped = new CountDownLatch(mappedFirst);
        Progress progress = line -> {
            if (line.matches("\\[\\d+/\\d+\\] .*")) {
                mapped.countDown();
            }
        };
        BriefingEngine engine = new BriefingEngine(EngineConfig.builder().model("m").retry(RetryPolicy.none())
                .parallel(1).build(), model, FakeServer.with("m"), progress, CLOCK);
        AtomicReference<Thread> runner = new AtomicReference<>();
        CompletableFuture<Object> run = CompletableFuture.supplyAsync(() -> {
            runner.set(Thread.currentThread());
            return engine.brief(SEEDS, List.of());
        });
        assertTrue(model.entered.await(30, TimeUnit.SECONDS), "the blocking call was never made");
        assertTrue(mapped.await(30, TimeUnit.SECONDS), "the chunks before the blocking calls were never mapped");
        runner.get().interrupt();
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> run.get(30, TimeUnit.SECONDS));
        assertTrue(thrown.getCause() instanceof BriefingException, String.valueOf(thrown.getCause()));
        return (BriefingException) thrown.getCause();
    }

    @Test
    void should_stop_the_map_and_count_the_chunks_mapped_when_interrupted() throws Exception {
        // The map keeps one request beyond --parallel in flight: once chunk 1 and chunk 2 are both
        // waiting and chunk 0's reply is checked, exactly chunk 0 has been mapped.
        BriefingException e = interruptWhenBlocked(new Blocking(SEEDS.get(1).id(), SEEDS.get(2).id()), 1);

        assertEquals(ExitCode.INTERRUPTED, e.exitCode());
        assertEquals("interrupted: 1 of 3 chunks mapped; no briefing written", e.getMessage());
    }

    @Test
    void should_say_the_map_was_done_when_interrupted_during_the_synthesis() throws Exception {
        BriefingException e = interruptWhenBlocked(new Blocking("synthesize"));

        assertEquals(ExitCode.INTERRUPTED, e.exitCode());
        assertEquals("interrupted: all 3 chunks mapped, the synthesis was not; no briefing written", e.getMessage());
    }

    @Test
    void should_write_nothing_when_interrupted_after_the_last_call_answered() {
        // The interrupt lands as the synthesis reply arrives: the briefing is ready but not returned.
        EchoingModel echo = new EchoingModel();
        LanguageModel lateInterrupt = new LanguageModel() {
            @Override
            public ModelReply chat(ModelRequest request) {
                if (request.purpose().equals("synthesize")) {
                    Thread.currentThread().interrupt();
                }
                return echo.chat(request);
            }

            @Override
            public String modelName() {
                return "m";
            }
        };
        BriefingEngine engine = new BriefingEngine(EngineConfig.builder().model("m").retry(RetryPolicy.none())
                .parallel(1).build(), lateInterrupt, FakeServer.with("m"), Progress.silent(), CLOCK);
        BriefingException e;
        try {
            e = assertThrows(BriefingException.class, () -> engine.brief(SEEDS, List.of()));
        } finally {
            Thread.interrupted();
        }
        assertEquals(ExitCode.INTERRUPTED, e.exitCode());
        assertEquals("interrupted: all 3 chunks mapped and synthesized; no briefing written", e.getMessage());
    }
}
