package dev.briefing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.llm.EchoingModel;
import dev.briefing.llm.FakeServer;
import dev.briefing.llm.ModelRequest;
import dev.briefing.llm.ModelServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummarizeCommandTest {
    private static final String SEED = "seeds/003_0abb118a677dbc7b.txt";
    @TempDir
    Path work;
    private EchoingModel model = new EchoingModel();

    private Backend.Factory backend(ModelServer server) {
        return (host, name, timeout) -> new Backend(server, model);
    }

    private Backend.Factory up() {
        return backend(FakeServer.with("qwen2.5:7b"));
    }

    @BeforeEach
    void copySeeds() throws IOException {
        Files.createDirectories(work.resolve("seeds"));
        try (Stream<Path> seeds = Files.list(Path.of("seeds"))) {
            for (Path seed : seeds.toList()) {
                Files.copy(seed, work.resolve("seeds").resolve(seed.getFileName()));
            }
        }
    }

    private List<ModelRequest> requests(String prefix) {
        return model.requests().stream().filter(r -> r.purpose().startsWith(prefix)).toList();
    }

    @Test
    void should_print_a_titled_prose_summary_and_nothing_else_on_stdout() {
        CliRun r = CliRun.run(work, up(), "summarize", "-q", SEED);
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("# 從\"密談\"到「拒談」"), r.stdout());
        assertTrue(r.stdout().contains("摘要："), r.stdout());
        assertEquals("", r.stderr());
        assertEquals(1, requests("summarize").size());
        assertTrue(requests("merge").isEmpty());
    }

    @Test
    void should_print_one_json_object_with_verified_citations_for_one_article() throws IOException {
        CliRun r = CliRun.run(work, up(), "summarize", "-q", "--json", SEED);
        assertEquals(0, r.exitCode(), r.stderr());
        assertFalse(r.stdout().contains("\\u"), r.stdout());
        JsonNode s = new ObjectMapper().readTree(r.stdout());
        assertTrue(s.isObject());
        assertEquals(List.of("article", "title", "summary", "keyPoints"), iterable(s.fieldNames()));
        assertFalse(s.get("summary").asText().isBlank());
        JsonNode point = s.get("keyPoints").get(0);
        assertEquals(List.of("text", "citations"), iterable(point.fieldNames()));
        JsonNode citation = point.get("citations").get(0);
        assertEquals(s.get("article").asText(), citation.get("article").asText());
        assertTrue(citation.get("paragraph").asInt() >= 1);
        assertTrue(Files.readString(work.resolve(SEED)).contains(citation.get("quote").asText()), citation.toString());
    }

    @Test
    void should_print_a_json_array_for_several_articles_and_progress_on_stderr() throws IOException {
        CliRun r = CliRun.run(work, up(), "summarize", "--json", "seeds");
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode all = new ObjectMapper().readTree(r.stdout());
        assertTrue(all.isArray());
        assertEquals(3, all.size());
        assertTrue(r.stderr().contains("[3/3]"), r.stderr());
        assertTrue(r.stderr().contains("done in"), r.stderr());
    }

    @Test
    void should_print_key_points_as_a_markdown_bullet_list_with_quotes() {
        CliRun r = CliRun.run(work, up(), "summarize", "-q", "--bullets", SEED);
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> bullets = r.stdout().lines().filter(l -> l.startsWith("- ")).toList();
        assertFalse(bullets.isEmpty(), r.stdout());
        bullets.forEach(b -> assertTrue(b.matches("- .+ \\(P\\d+: 「.+」\\)"), b));
    }

    @Test
    void should_summarize_an_article_from_stdin() throws IOException {
        CliRun r = CliRun.run(work, up(), Map.of(), Files.readString(work.resolve(SEED)),
                "summarize", "-q", "--json", "-");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(new ObjectMapper().readTree(r.stdout()).get("title").asText().contains("拒談"), r.stdout());
    }

    @Test
    void should_summarize_a_long_article_over_all_its_chunks_and_keep_its_end() {
        CliRun r = CliRun.run(work, up(), "summarize", "-q", "--chunk-tokens", "256", SEED);
        assertEquals(0, r.exitCode(), r.stderr());
        List<ModelRequest> chunks = requests("summarize");
        assertTrue(chunks.size() >= 3, "chunks: " + chunks.size());
        assertEquals(1, requests("merge").size());
        String lastParagraphStart = "但問題仍在";
        assertTrue(requests("merge").get(0).messages().get(1).text().contains(lastParagraphStart),
                requests("merge").get(0).messages().get(1).text());
        assertTrue(r.stdout().contains(lastParagraphStart), r.stdout());
    }

    @Test
    void should_exit_1_for_a_failed_article_and_still_print_the_others() throws IOException {
        model = new EchoingModel(req -> req.messages().get(1).text().contains("拒談"));
        CliRun r = CliRun.run(work, up(), "summarize", "-q", "--json", "seeds");
        assertEquals(1, r.exitCode());
        assertEquals(2, new ObjectMapper().readTree(r.stdout()).size());
        assertTrue(r.stderr().contains("error: could not summarize seeds/003_0abb118a677dbc7b.txt"), r.stderr());
    }

    @Test
    void should_print_nothing_on_stdout_when_the_only_article_fails() {
        model = new EchoingModel(req -> true);
        CliRun r = CliRun.run(work, up(), "summarize", "-q", "--json", SEED);
        assertEquals(1, r.exitCode());
        assertEquals("", r.stdout());
        assertTrue(r.stderr().contains("1 of 1 articles could not be summarized"), r.stderr());
    }

    @Test
    void should_exit_3_when_the_server_is_unreachable() {
        CliRun r = CliRun.run(work, backend(FakeServer.unreachable()), "summarize", SEED);
        assertEquals(3, r.exitCode());
        assertTrue(r.stderr().contains("error: cannot reach Ollama"), r.stderr());
        assertEquals("", r.stdout());
    }

    @Test
    void should_exit_2_when_no_article_is_readable() throws IOException {
        Files.writeString(work.resolve("empty.txt"), "  \n\n");
        CliRun r = CliRun.run(work, up(), "summarize", "empty.txt");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("error: no readable article"), r.stderr());
        CliRun stdin = CliRun.run(work, up(), Map.of(), "", "summarize", "-");
        assertEquals(2, stdin.exitCode());
        assertTrue(model.requests().isEmpty());
    }

    @Test
    void should_reject_bad_options_as_usage() {
        assertEquals(2, CliRun.run(work, up(), "summarize", "--length", "huge", SEED).exitCode());
        assertEquals(2, CliRun.run(work, up(), "summarize", "--json", "--bullets", SEED).exitCode());
        assertEquals(2, CliRun.run(work, up(), "summarize", "--lang", "xx", SEED).exitCode());
        assertEquals(2, CliRun.run(work, up(), "summarize").exitCode());
        CliRun tooMuchOutput = CliRun.run(work, up(), "summarize", "--num-predict", "9000", SEED);
        assertEquals(2, tooMuchOutput.exitCode());
        assertTrue(tooMuchOutput.stderr().startsWith("error: --num-predict (9000) must be smaller"), tooMuchOutput.stderr());
        assertEquals(2, CliRun.run(work, up(), Map.of("BRIEFING_RETRY_BASE_MS", "soon"), "", "summarize", SEED)
                .exitCode());
        assertTrue(model.requests().isEmpty());
    }

    @Test
    void should_ask_for_the_requested_length_and_language() {
        CliRun r = CliRun.run(work, up(), "summarize", "-q", "--length", "short", "--lang", "en", SEED);
        assertEquals(0, r.exitCode(), r.stderr());
        String system = requests("summarize").get(0).messages().get(0).text();
        assertTrue(system.contains("One sentence"), system);
        assertTrue(system.contains("in English"), system);
    }

    @Test
    void should_list_summarize_in_help() {
        assertTrue(CliRun.run(work, up()).stdout().contains("briefing summarize"));
        CliRun help = CliRun.run(work, up(), "help", "summarize");
        assertEquals(0, help.exitCode());
        assertTrue(help.stdout().contains("--bullets"), help.stdout());
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
