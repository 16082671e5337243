package dev.briefing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.llm.EchoingModel;
import dev.briefing.llm.FakeServer;
import dev.briefing.llm.LanguageModel;
import dev.briefing.llm.ModelServer;
import dev.briefing.llm.PiecewiseModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code briefing summarize} on a terminal (streamed) and {@code --dry-run}. */
class SummarizeStreamingTest {
    private static final String SEED = "seeds/003_0abb118a677dbc7b.txt";
    private static final Map<String, String> ENV = Map.of(EngineSettings.RETRY_BASE_ENV, "0");
    @TempDir
    Path work;

    @BeforeEach
    void copySeeds() throws IOException {
        Files.createDirectories(work.resolve("seeds"));
        try (Stream<Path> seeds = Files.list(Path.of("seeds"))) {
            for (Path seed : seeds.toList()) {
                Files.copy(seed, work.resolve("seeds").resolve(seed.getFileName()));
            }
        }
    }

    private static Backend.Factory backend(ModelServer server, LanguageModel model) {
        return (host, name, timeout) -> new Backend(server, model);
    }

    private static Backend.Factory streaming(int failures) {
        return backend(FakeServer.with("qwen2.5:7b"), new PiecewiseModel(new EchoingModel(), 3, failures));
    }

    @Test
    void should_print_the_same_summaries_streamed_on_a_terminal_as_at_once_elsewhere() {
        CliRun plain = CliRun.run(work, streaming(0), ENV, "", "summarize", "-q", "seeds");
        CliRun streamed = CliRun.onTerminal(work, streaming(0), ENV, "", "summarize", "-q", "seeds");
        assertEquals(0, streamed.exitCode(), streamed.stderr());
        assertEquals(3, plain.stdout().split("(?m)^# ").length - 1, plain.stdout());
        assertEquals(plain.stdout(), streamed.stdout());
    }

    @Test
    void should_stream_only_the_final_merge_of_a_long_article_and_print_it_the_same() {
        CliRun plain = CliRun.run(work, streaming(0), ENV, "", "summarize", "-q", "--chunk-tokens", "256", SEED);
        CliRun streamed = CliRun.onTerminal(work, streaming(0), ENV, "", "summarize", "-q", "--chunk-tokens", "256",
                SEED);
        assertEquals(0, streamed.exitCode(), streamed.stderr());
        assertTrue(plain.stdout().startsWith("# 從\"密談\"到「拒談」"), plain.stdout());
        assertEquals(plain.stdout(), streamed.stdout());
    }

    @Test
    void should_start_over_after_a_stream_that_failed_midway() {
        CliRun plain = CliRun.run(work, streaming(0), ENV, "", "summarize", "-q", SEED);
        CliRun streamed = CliRun.onTerminal(work, streaming(1), ENV, "", "summarize", SEED);
        assertEquals(0, streamed.exitCode(), streamed.stderr());
        assertTrue(streamed.stdout().endsWith("\n" + plain.stdout()), streamed.stdout());
        assertTrue(streamed.stderr().contains("warning: Ollama failed mid-reply: llama runner process has terminated; "
                + "retrying; the summary below replaces the text above"), streamed.stderr());
    }

    @Test
    void should_not_stream_json_or_bullets() {
        CliRun plain = CliRun.run(work, streaming(0), ENV, "", "summarize", "-q", "--bullets", SEED);
        CliRun onTerminal = CliRun.onTerminal(work, streaming(0), ENV, "", "summarize", "-q", "--bullets", SEED);
        assertEquals(plain.stdout(), onTerminal.stdout());
        CliRun json = CliRun.onTerminal(work, streaming(0), ENV, "", "summarize", "-q", "--json", SEED);
        assertTrue(json.stdout().startsWith("{"), json.stdout());
    }

    @Test
    void should_show_the_prompts_and_call_nothing_on_dry_run() throws IOException {
        EchoingModel model = new EchoingModel();
        CliRun r = CliRun.run(work, backend(FakeServer.unreachable(), model), ENV, "", "summarize", "--dry-run",
                "--chunk-tokens", "256", SEED, "seeds/000_aeeaa0b9bae0c82b.txt");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(model.requests().isEmpty());
        assertTrue(r.stdout().startsWith("# Dry run: nothing was sent\n"), r.stdout());
        assertTrue(r.stdout().contains("## " + SEED + " (1446a1150ce9): "), r.stdout());
        assertTrue(r.stdout().contains("then a merge call over their replies"), r.stdout());
        assertTrue(r.stdout().contains("#### system (~"), r.stdout());
        assertTrue(r.stdout().contains("You are a careful news editor."), r.stdout());
        String firstParagraph = Files.readAllLines(work.resolve("seeds/000_aeeaa0b9bae0c82b.txt")).get(0);
        assertTrue(r.stdout().contains(firstParagraph), "the article text, fenced: " + firstParagraph);
        assertTrue(r.stdout().matches("(?s).*## Total: ~\\d+ prompt tokens in \\d+ chunk calls.*"), r.stdout());
        assertFalse(r.stdout().contains("{{"), "every placeholder filled");
    }
}
