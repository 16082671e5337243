package dev.briefing.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.briefing.chunk.TokenEstimator;
import dev.briefing.cli.CliRun;
import dev.briefing.cli.OllamaBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandInOllamaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void theRealCliBriefsTheSeedsWithEveryCitationVerified(@TempDir Path work) throws Exception {
        try (StandInOllama ollama = StandInOllama.start(2, Timing.instant())) {
            Path out = work.resolve("out");
            CliRun run = CliRun.run(Path.of("").toAbsolutePath(), OllamaBackend::create, Map.of(), "", "brief",
                    "--host", ollama.baseUrl(), "--format", "json", "-o", out.toString(), "--no-cache", "seeds");

            assertEquals(0, run.exitCode(), run.stderr());
            JsonNode briefing = JSON.readTree(Files.readString(out.resolve("briefing.json")));
            assertEquals(0, briefing.path("run").path("droppedCitations").asInt(-1), run.stderr());
            assertFalse(briefing.path("summary").path("text").asText().isBlank(), "the synthesis reply was used");
            assertTrue(briefing.path("events").size() >= 3, briefing.path("events").toString());
            assertTrue(briefing.path("disagreements").size() >= 1, "note ids in the synthesis reply resolved");
            for (JsonNode call : JSON.readTree(Files.readString(out.resolve("run.json"))).path("calls")) {
                assertEquals("ok", call.path("outcome").asText(), "schema-valid on the first attempt: " + call);
            }
            List<StandInOllama.CallLog> calls = ollama.calls();
            assertEquals(1, calls.stream().filter(c -> c.kind().equals("reduce")).count());
            assertTrue(calls.stream().filter(c -> c.kind().equals("map")).count() >= 3);
            assertEquals(briefing.path("run").path("promptTokens").asLong(),
                    calls.stream().mapToLong(StandInOllama.CallLog::promptTokens).sum(),
                    "the engine counts what the server charged");
        }
    }

    @Test
    void answersTheAskPromptsSoTheRealCliGivesACitedAnswer() throws Exception {
        try (StandInOllama ollama = StandInOllama.start(1, Timing.instant())) {
            CliRun run = CliRun.run(Path.of("").toAbsolutePath(), OllamaBackend::create, Map.of(), "", "ask",
                    "--host", ollama.baseUrl(), "--json", "--data-dir",
                    dev.briefing.retrieve.SeedsIndexed.dataDir().toString(),
                    "What did Putin tell Trump on the October 16 call?", "seeds");

            assertEquals(0, run.exitCode(), run.stderr());
            List<String> kinds = ollama.calls().stream().map(StandInOllama.CallLog::kind).toList();
            assertEquals(List.of("ask-query", "ask-answer"), kinds, "an English question is rewritten, then answered");
            JsonNode answer = JSON.readTree(run.stdout());
            assertTrue(answer.toString().contains("\"answerable\":true"), answer.toString());
            assertTrue(run.stderr().contains(" 0 citations dropped"), "every quote was found in its passage: " + run.stderr());
        }
    }

    @Test
    void neverServesMoreThanParallelChatsAtOnceAndQueuesTheRest() throws Exception {
        // 100 ms per call in real time: long enough that eight simultaneous requests overlap.
        try (StandInOllama ollama = StandInOllama.start(2, new Timing(100, 0, 0, 1))) {
            List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                replies.add(http.sendAsync(chat(ollama, "你好" + i, null, 4096, false),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
            }
            for (var r : replies) {
                assertEquals(200, r.get().statusCode(), r.get().body());
            }
            assertEquals(8, ollama.calls().size());
            assertTrue(ollama.maxConcurrent() <= 2, "served " + ollama.maxConcurrent() + " at once");
            assertTrue(ollama.maxConcurrent() >= 1);
        }
    }

    @Test
    void countsWhatItChargesAndCutsAPromptLongerThanTheWindowAsOllamaDoes() throws Exception {
        try (StandInOllama ollama = StandInOllama.start(1, Timing.instant())) {
            String text = "俄罗斯总统普京与美国总统特朗普通电话。".repeat(10);
            JsonNode fits = JSON.readTree(http.send(chat(ollama, text, null, 4096, false),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertEquals(TokenEstimator.estimateMessages(List.of(text)), fits.path("prompt_eval_count").asInt());
            assertEquals(TokenEstimator.estimate(fits.path("message").path("content").asText()),
                    fits.path("eval_count").asInt());

            JsonNode cut = JSON.readTree(http.send(chat(ollama, text.repeat(20), null, 1024, false),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertEquals(1024, cut.path("prompt_eval_count").asInt());
            assertTrue(ollama.calls().get(1).overflow());
            assertFalse(ollama.calls().get(0).overflow());
        }
    }

    @Test
    void answersAnUnknownSchemaWithTheSmallestValidObject() throws Exception {
        for (String prompt : List.of("summarize-chunk", "summarize-merge", "synthesize", "synthesize-merge", "map-chunk")) {
            JsonNode schema = JSON.readTree(Path.of("prompts", prompt + ".schema.json").toFile());
            JsonNode minimal = StandInReplies.minimal(schema);
            var errors = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema)
                    .validate(minimal);
            assertTrue(errors.isEmpty(), prompt + ": " + errors);
        }
    }

    @Test
    void streamsNdjsonWhenAsked() throws Exception {
        try (StandInOllama ollama = StandInOllama.start(1, Timing.instant())) {
            HttpResponse<String> r = http.send(chat(ollama, "你好", null, 4096, true),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals("application/x-ndjson", r.headers().firstValue("Content-Type").orElse(""));
            String[] lines = r.body().strip().split("\n");
            StringBuilder content = new StringBuilder();
            for (int i = 0; i < lines.length; i++) {
                JsonNode line = JSON.readTree(lines[i]);
                assertEquals(i == lines.length - 1, line.path("done").asBoolean());
                content.append(line.path("message").path("content").asText());
            }
            assertEquals(TokenEstimator.estimate(content.toString()),
                    JSON.readTree(lines[lines.length - 1]).path("eval_count").asInt());
        }
    }

    private static HttpRequest chat(StandInOllama ollama, String text, JsonNode schema, int numCtx, boolean stream) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", StandInOllama.MODEL);
        body.putArray("messages").addObject().put("role", "user").put("content", text);
        if (schema != null) {
            body.set("format", schema);
        }
        body.put("stream", stream);
        body.putObject("options").put("num_ctx", numCtx);
        return HttpRequest.newBuilder(URI.create(ollama.baseUrl() + "/api/chat"))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }
}
