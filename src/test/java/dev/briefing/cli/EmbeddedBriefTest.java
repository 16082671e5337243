package dev.briefing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.embedded.TinyGguf;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole {@code brief} pipeline through the real llama.cpp on a tiny model the test writes:
 * no server, no download. The model's words are noise, so what it cites is not in the
 * articles and verification drops it; what this proves is the path: every reply is
 * schema-valid JSON (the grammar), counted, recorded, and the run ends the way a run with
 * nothing verified ends.
 */
class EmbeddedBriefTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path work;
    Path model;

    @BeforeEach
    void setUp() throws IOException {
        Path seeds = Path.of("seeds").toAbsolutePath();
        Files.createDirectories(work.resolve("seeds"));
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(seeds)) {
            for (Path p : files.sorted().toList()) {
                Files.copy(p, work.resolve("seeds").resolve(p.getFileName()));
                text.append(Files.readString(p));
            }
        }
        try (Stream<Path> prompts = Files.list(Path.of("prompts").toAbsolutePath())) {
            for (Path p : prompts.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                text.append(Files.readString(p));
            }
        }
        // The seeds' and prompts' frequent pieces in the vocabulary keep prompts short.
        model = TinyGguf.write(work.resolve("models/tiny.gguf"), text.toString(), 11);
    }

    private CliRun brief(Map<String, String> env, String... args) {
        String[] all = Stream.concat(Stream.of("brief"), Stream.of(args)).toArray(String[]::new);
        return CliRun.run(work.toAbsolutePath(), Backends.FACTORY, env, "", all);
    }

    @Test
    void should_run_the_whole_brief_on_the_embedded_model_with_every_reply_schema_valid() throws IOException {
        CliRun run = brief(Map.of("BRIEFING_MODEL_FILE", model.toString(), "BRIEFING_DATA_DIR", work.resolve("data")
                .toString()), "--host", "embedded", "--format", "json", "--num-ctx", "8192", "--num-predict", "512",
                "--no-cache", "-o", "out", "seeds");
        Path runJson = work.resolve("out/run.json");
        assertTrue(Files.exists(runJson), "run.json written; stderr:\n" + run.stderr());
        JsonNode record = JSON.readTree(runJson.toFile());
        assertEquals("embedded:" + model, record.path("host").asText(), record.toString());
        assertEquals("tiny.gguf", record.path("model").asText(), "the file is the model, whatever -m says");
        JsonNode calls = record.path("calls");
        // One map call per seed; the synthesis is only called when some note survived verification.
        assertTrue(calls.size() >= 3, "a map call for each seed: " + calls);
        for (JsonNode call : calls) {
            String outcome = call.path("outcome").asText();
            assertFalse(outcome.contains("JSON") || outcome.contains("schema") || outcome.contains("cut off"),
                    "reply parsed and schema-valid: " + call);
            assertTrue(call.path("promptTokens").asLong() > 0, "prompt tokens counted: " + call);
            assertTrue(call.path("completionTokens").asLong() > 0, "completion tokens counted: " + call);
            assertEquals(1, call.path("attempts").asInt(), "no repair was needed: " + call);
        }
        JsonNode briefing = JSON.readTree(run.stdout());
        assertTrue(briefing.has("run"), "stdout is the briefing JSON, nothing else");
        assertTrue(run.exitCode() == 0 || run.exitCode() == 1, "complete, or incomplete for lack of verified notes: "
                + run.exitCode() + "\n" + run.stderr());
    }

    @Test
    void should_say_in_one_line_what_it_tried_when_the_first_download_is_offline() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closed + "/qwen.gguf";
        CliRun run = brief(Map.of("BRIEFING_MODELS_DIR", work.resolve("cache").toString(), "BRIEFING_MODEL_URL", url,
                "BRIEFING_DATA_DIR", work.resolve("data").toString()), "--host", "embedded", "seeds");
        assertEquals(3, run.exitCode(), run.stderr());
        List<String> lines = run.stderr().lines().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(List.of("error: cannot download the embedded model from " + url + " (connection refused)"), lines,
                run.stderr());
        assertTrue(run.stderr().contains("or use a model server with --host URL"), run.stderr());
        assertEquals("", run.stdout());
        assertFalse(Files.exists(work.resolve("cache/qwen2.5-1.5b-instruct-q4_k_m.gguf")));
    }
}
