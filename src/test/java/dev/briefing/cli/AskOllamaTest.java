package dev.briefing.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.briefing.ollama.OllamaStubs.baseUrl;
import static dev.briefing.ollama.OllamaStubs.chatResponse;
import static dev.briefing.ollama.OllamaStubs.json;
import static dev.briefing.ollama.OllamaStubs.ndjson;
import static dev.briefing.ollama.OllamaStubs.pieces;
import static dev.briefing.ollama.OllamaStubs.streamedChat;
import static dev.briefing.ollama.OllamaStubs.streamedError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.briefing.ollama.OllamaStubs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code briefing ask} through LangChain4j's real Ollama clients against a WireMock Ollama, streamed and not. */
class AskOllamaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUESTION = "特朗普为何对普京转向强硬？";
    /** Shared so the seeds are indexed once. */
    private static final Path data = dev.briefing.retrieve.SeedsIndexed.dataDir();
    @TempDir
    Path work;
    private WireMockServer wm;
    private Map<String, String> env;

    @BeforeEach
    void start() throws IOException {
        wm = OllamaStubs.server();
        OllamaStubs.stubVersion(wm);
        OllamaStubs.stubTags(wm, "qwen2.5:7b");
        OllamaStubs.stubShow(wm, "qwen2.5:7b", 32768);
        env = Map.of("OLLAMA_HOST", baseUrl(wm), EngineSettings.RETRY_BASE_ENV, "0",
                DataDir.ENV, data.toString());
        Files.createDirectories(work.resolve("seeds"));
        try (Stream<Path> seeds = Files.list(Path.of("seeds"))) {
            for (Path seed : seeds.toList()) {
                Files.copy(seed, work.resolve("seeds").resolve(seed.getFileName()));
            }
        }
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private static MappingBuilder chat(boolean streamed) {
        return post("/api/chat").withRequestBody(matchingJsonPath("$.stream", equalTo(String.valueOf(streamed))));
    }

    /** An answer quoting the first two passages the CLI will show, learned from a first run. */
    private String answerFor() throws IOException {
        wm.stubFor(chat(false).willReturn(json(200, chatResponse("{\"answerable\": false, \"sentences\": []}", 900, 12,
                "stop"))));
        CliRun probe = CliRun.run(work, OllamaBackend::create, env, "", "ask", "--json", "-k", "3", QUESTION, "seeds");
        assertEquals(0, probe.exitCode(), probe.stderr());
        JsonNode passages = JSON.readTree(probe.stdout()).get("passages");
        ObjectNode answer = JSON.createObjectNode().put("answerable", true);
        ArrayNode sentences = answer.putArray("sentences");
        for (int i = 0; i < 2; i++) {
            String text = passages.get(i).get("text").asText();
            ObjectNode s = sentences.addObject().put("text", "据文章，第" + (i + 1) + "点。");
            s.putArray("citations").addObject().put("passage", i + 1).put("quote", text.substring(0, 12));
        }
        return answer.toString();
    }

    @Test
    void should_stream_the_answer_on_a_terminal_and_print_the_same_text_as_without_one() throws IOException {
        String answer = answerFor();
        wm.stubFor(chat(false).willReturn(json(200, chatResponse(answer, 900, 80, "stop"))));
        wm.stubFor(chat(true).willReturn(ndjson(streamedChat(pieces(answer, 3), 900, 80, "stop"))));

        CliRun plain = CliRun.run(work, OllamaBackend::create, env, "", "ask", "-k", "3", QUESTION, "seeds");
        assertEquals(0, plain.exitCode(), plain.stderr());
        assertEquals(0, wm.findAll(postRequestedFor(urlEqualTo("/api/chat"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))).size());
        CliRun streamed = CliRun.onTerminal(work, OllamaBackend::create, env, "", "ask", "-k", "3", QUESTION, "seeds");
        assertEquals(0, streamed.exitCode(), streamed.stderr());
        assertEquals(1, wm.findAll(postRequestedFor(urlEqualTo("/api/chat"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))).size());

        assertEquals(plain.stdout(), streamed.stdout());
        assertTrue(plain.stdout().startsWith("据文章，第1点。 [1]\n据文章，第2点。 [2]\n\nSources:\n[1] seeds/"), plain.stdout());
        assertTrue(streamed.stderr().contains("900 prompt + 80 completion tokens"), streamed.stderr());
    }

    @Test
    void should_retry_a_stream_that_ends_in_an_error_line_and_print_the_answer_once_complete() throws IOException {
        String answer = answerFor();
        wm.stubFor(chat(false).willReturn(json(200, chatResponse(answer, 900, 80, "stop"))));
        CliRun plain = CliRun.run(work, OllamaBackend::create, env, "", "ask", "-k", "3", QUESTION, "seeds");
        wm.stubFor(chat(true).inScenario("crash").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ndjson(streamedError(pieces(answer.substring(0, 30), 3), "llama runner process has terminated")))
                .willSetStateTo("restarted"));
        wm.stubFor(chat(true).inScenario("crash").whenScenarioStateIs("restarted")
                .willReturn(ndjson(streamedChat(pieces(answer, 3), 900, 80, "stop"))));

        CliRun streamed = CliRun.onTerminal(work, OllamaBackend::create, env, "", "ask", "-k", "3", QUESTION, "seeds");
        assertEquals(0, streamed.exitCode(), streamed.stderr());
        // The first 30 characters held no complete sentence: nothing was shown before the error.
        assertEquals(plain.stdout(), streamed.stdout());
        assertTrue(streamed.stderr().contains("answered in "), streamed.stderr());
    }

    @Test
    void should_exit_3_fast_with_one_line_when_ollama_is_not_running() {
        Map<String, String> down = Map.of("OLLAMA_HOST", "127.0.0.1:" + OllamaStubs.freePort(), DataDir.ENV,
                work.resolve("data").toString());
        CliRun r = CliRun.run(work, OllamaBackend::create, down, "", "ask", QUESTION, "seeds");
        assertEquals(3, r.exitCode());
        assertEquals(2, r.stderr().lines().count(), r.stderr());
        assertTrue(r.stderr().startsWith("error: cannot reach Ollama at http://127.0.0.1:"), r.stderr());
        assertTrue(r.stderr().contains("ollama serve"), r.stderr());
        assertTrue(Files.notExists(work.resolve("data")), "nothing indexed for a run that cannot answer");
    }
}
