package dev.briefing.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.briefing.cli.Backend;
import dev.briefing.cli.CliRun;
import dev.briefing.cli.OllamaBackend;
import dev.briefing.normalize.Article;
import dev.briefing.ollama.OllamaLanguageModel;
import dev.briefing.ollama.OllamaModelServer;
import dev.briefing.ollama.OllamaStubs;
import dev.briefing.pipeline.ArticleLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 5, the model-server half: what the user sees when Ollama misbehaves. Every test drives
 * the real CLI and LangChain4j's Ollama client against WireMock answering as Ollama does
 * (/work/shared/docs/ollama-api.md), over the three seeds: one map call per article, then one
 * synthesis call. The fault is put on article 0's map call (or on every call); the other two
 * answer with the hand-written fixtures of BriefSeedsPipelineTest. Retry backoff is shortened
 * through BRIEFING_RETRY_BASE_MS so the suite does not sleep; the retry count is the real one.
 *
 * <p>docs/reliability.md maps each fault to the test here that proves it.
 */
class ModelServerFaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "qwen2.5:7b";
    /** RetryPolicy.defaults(): two retries, three requests in all. */
    private static final int ATTEMPTS = 3;
    private static final int DEFAULT_NUM_PREDICT = 2048;

    private WireMockServer ollama;
    private List<Article> seeds;
    @TempDir
    Path work;

    @BeforeEach
    void start() throws IOException {
        ollama = OllamaStubs.server();
        OllamaStubs.stubVersion(ollama);
        OllamaStubs.stubTags(ollama, "llama3.2:3b", MODEL);
        OllamaStubs.stubShow(ollama, MODEL, 32768);
        seeds = ArticleLoader.load(List.of("seeds"), new ByteArrayInputStream(new byte[0]), Path.of("")).articles();
        stubHealthyChats();
        Files.createDirectories(work.resolve("seeds"));
        for (Article a : seeds) {
            Files.copy(Path.of(a.path()), work.resolve(a.path()));
        }
    }

    private void stubHealthyChats() {
        List<String> fixtures = List.of("map-000.json", "map-002.json", "map-003.json");
        for (int i = 0; i < 3; i++) {
            ollama.stubFor(mapCall(i).atPriority(10).willReturn(reply(fixture(fixtures.get(i)))));
        }
        ollama.stubFor(post(urlEqualTo("/api/chat")).atPriority(10)
                .withRequestBody(matchingJsonPath("$.format.properties.summary"))
                .willReturn(reply(fixture("synthesize.json"))));
    }

    /** The server made healthy: every stub as at the start, the faults gone. */
    private void restub() {
        OllamaStubs.stubVersion(ollama);
        OllamaStubs.stubTags(ollama, "llama3.2:3b", MODEL);
        OllamaStubs.stubShow(ollama, MODEL, 32768);
        stubHealthyChats();
    }

    @AfterEach
    void stop() {
        ollama.stop();
    }

    // ---- the server is not there ----

    @Test
    void should_exit_3_fast_naming_host_and_ollama_serve_when_connection_is_refused() {
        String host = "127.0.0.1:" + OllamaStubs.freePort();
        long t0 = System.nanoTime();
        CliRun run = CliRun.run(work, OllamaBackend::create, Map.of(), "", "brief", "--host", host, "seeds");
        long millis = (System.nanoTime() - t0) / 1_000_000;

        assertEquals(3, run.exitCode(), run.stderr());
        assertTrue(millis < 2000, "took " + millis + " ms");
        assertOneErrorLine(run, host, "connection refused");
        assertTrue(run.stderr().contains("ollama serve"), run.stderr());
        assertEquals("", run.stdout());
    }

    @Test
    void should_never_echo_the_password_of_an_ollama_host() throws IOException {
        String withPassword = "http://alice:s3cret@127.0.0.1:" + OllamaStubs.freePort();
        CliRun refused = CliRun.run(work, OllamaBackend::create, Map.of("OLLAMA_HOST", withPassword), "", "brief",
                "seeds");
        assertEquals(3, refused.exitCode(), refused.stderr());
        assertFalse(refused.stderr().contains("s3cret") || refused.stderr().contains("alice"), refused.stderr());

        CliRun briefed = brief(Map.of("OLLAMA_HOST", OllamaStubs.baseUrl(ollama).replace("://", "://alice:s3cret@")));
        assertEquals(0, briefed.exitCode(), briefed.stderr());
        assertFalse(briefed.stderr().contains("s3cret") || briefed.stdout().contains("s3cret"), briefed.stderr());
        assertFalse(Files.readString(work.resolve("out/run.json")).contains("s3cret"));
    }

    @Test
    void should_exit_3_fast_naming_host_and_ollama_serve_when_host_cannot_be_resolved() {
        long t0 = System.nanoTime();
        CliRun run = CliRun.run(work, OllamaBackend::create, Map.of(), "", "brief", "--host",
                "no-such-host.invalid:11434", "seeds");
        long millis = (System.nanoTime() - t0) / 1_000_000;

        assertEquals(3, run.exitCode(), run.stderr());
        assertTrue(millis < 2000, "took " + millis + " ms");
        assertOneErrorLine(run, "no-such-host.invalid", "cannot reach Ollama");
        assertTrue(run.stderr().contains("ollama serve"), run.stderr());
    }

    @Test
    void should_exit_3_fast_with_serve_hint_when_the_server_goes_away_mid_run() {
        // The checks (/api/version, /api/tags, /api/show) pass; then the server stops, so every
        // chat finds the port closed. The real adapter, pointed at a closed port, sees exactly that.
        String gone = "127.0.0.1:" + OllamaStubs.freePort();
        Backend.Factory stopsAfterChecks = (host, model, timeout) -> new Backend(
                new OllamaModelServer(OllamaStubs.baseUrl(ollama)), new OllamaLanguageModel(gone, model, timeout));

        long t0 = System.nanoTime();
        CliRun run = CliRun.run(work, stopsAfterChecks, Map.of("BRIEFING_RETRY_BASE_MS", "1"), "", "brief", "-o", "out",
                "seeds");
        long millis = (System.nanoTime() - t0) / 1_000_000;

        assertEquals(3, run.exitCode(), run.stderr());
        assertTrue(millis < 2000, "took " + millis + " ms");
        assertOneErrorLine(run, "cannot reach Ollama at http://" + gone, "connection refused");
        assertTrue(run.stderr().contains("ollama serve"), run.stderr());
        assertFalse(Files.exists(work.resolve("out/briefing.json")));
    }

    @Test
    void should_exit_3_with_pull_hint_and_stop_sending_when_model_disappears_mid_run() {
        // /api/tags and /api/show still list the model; it is removed before the first chat.
        ollama.stubFor(post(urlEqualTo("/api/chat")).atPriority(1).willReturn(OllamaStubs.modelNotFound(MODEL)));

        CliRun run = brief("--parallel", "1");

        assertEquals(3, run.exitCode(), run.stderr());
        assertOneErrorLine(run, "model '" + MODEL + "' is not pulled", OllamaStubs.baseUrl(ollama));
        assertTrue(run.stderr().contains("ollama pull " + MODEL), run.stderr());
        // Not retried, and no further chunk is sent once the model is known to be gone: at most
        // the one already waiting in the server's queue (the map keeps --parallel + 1 open).
        assertTrue(chatRequests().size() >= 1 && chatRequests().size() <= 2, "sent " + chatRequests().size());
        assertFalse(Files.exists(work.resolve("out/briefing.json")), "no briefing from a run without a model");
    }

    // ---- server errors on one chunk: bounded retries, the run goes on ----

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {500, 503})
    void should_retry_a_server_error_twice_and_use_the_third_reply(int status) throws IOException {
        String scenario = "fails twice";
        ollama.stubFor(mapCall(0).atPriority(1).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(serverError(status)).willSetStateTo("failed once"));
        ollama.stubFor(mapCall(0).atPriority(1).inScenario(scenario).whenScenarioStateIs("failed once")
                .willReturn(serverError(status)).willSetStateTo("failed twice"));
        // In state "failed twice" no scenario stub matches: the fixture answers.

        CliRun run = brief();

        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(ATTEMPTS, mapRequests(0).size());
        assertEquals(ATTEMPTS + 3, chatRequests().size(), "2 other chunks + synthesis, each once");
        JsonNode briefing = briefing();
        assertFalse(briefing.get("incomplete").asBoolean());
        assertEquals(0, briefing.at("/run/failedChunks").size());
        JsonNode call = callRecordFor(0);
        assertEquals(ATTEMPTS, call.get("attempts").asInt(), call.toString());
        assertEquals("ok", call.get("outcome").asText());
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {500, 503})
    void should_fail_only_the_chunk_whose_server_error_persists_and_write_an_incomplete_briefing(int status)
            throws IOException {
        ollama.stubFor(mapCall(0).atPriority(1).willReturn(serverError(status)));

        CliRun run = brief();

        assertEquals(1, run.exitCode(), run.stderr());
        assertEquals(ATTEMPTS, mapRequests(0).size(), "maxRetries + 1 requests, then given up");
        assertEquals(1, mapRequests(1).size());
        assertEquals(1, mapRequests(2).size());
        assertEquals(1, synthesisRequests().size(), "the run goes on to the synthesis");
        JsonNode briefing = briefing();
        assertTrue(briefing.get("incomplete").asBoolean());
        JsonNode failed = onlyFailedChunk(briefing);
        assertEquals(label(0), failed.get("chunk").asText());
        assertTrue(failed.get("reason").asText().contains("HTTP " + status), failed.toString());
        assertTrue(failed.get("reason").asText().endsWith("(gave up after 3 attempts)"), failed.toString());
        assertTrue(failed.get("reason").asText().contains(status == 503 ? "server busy" : "runner process"),
                failed.toString());
        assertTrue(briefing.get("warnings").toString().contains("chunk failed, its text is not in this briefing: "
                + label(0)), briefing.get("warnings").toString());
        assertTrue(citedArticles(briefing).containsAll(List.of(seeds.get(1).id(), seeds.get(2).id())));
        assertFalse(citedArticles(briefing).contains(seeds.get(0).id()));
        assertTrue(run.stderr().contains("error: the briefing is incomplete: 1 part(s) failed"), run.stderr());
        assertTrue(JSON.readTree(run.stdout()).get("incomplete").asBoolean(), "the briefing still goes to stdout");
        assertNoStackTrace(run);
    }

    @Test
    void should_back_off_exponentially_with_jitter_from_the_configured_base_between_retries() {
        ollama.stubFor(mapCall(0).atPriority(1).willReturn(OllamaStubs.serverBusy()));

        CliRun run = brief(Map.of("BRIEFING_RETRY_BASE_MS", "200"));

        assertEquals(1, run.exitCode(), run.stderr());
        List<LoggedRequest> calls = new ArrayList<>(mapRequests(0));
        calls.sort(java.util.Comparator.comparing(LoggedRequest::getLoggedDate));
        assertEquals(ATTEMPTS, calls.size());
        long first = calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime();
        long second = calls.get(2).getLoggedDate().getTime() - calls.get(1).getLoggedDate().getTime();
        // base * 2^(n-1), plus up to 50% jitter: 200-300 ms, then 400-600 ms (plus the call itself).
        assertTrue(first >= 200 && first < 300 + 500, "first wait " + first + " ms");
        assertTrue(second >= 400 && second < 600 + 500, "second wait " + second + " ms");
    }

    @Test
    void should_retry_a_call_whose_connection_was_dropped_before_the_reply() throws IOException {
        // The server process died or restarted mid-call: the socket closes with no response.
        ollama.stubFor(mapCall(0).atPriority(1).inScenario("restart").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("reset"));
        ollama.stubFor(mapCall(0).atPriority(1).inScenario("restart").whenScenarioStateIs("reset")
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)).willSetStateTo("back"));

        CliRun run = brief();

        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(ATTEMPTS, mapRequests(0).size());
        assertFalse(briefing().get("incomplete").asBoolean());
        assertTrue(citedArticles(briefing()).contains(seeds.get(0).id()));
    }

    @Test
    void should_retry_a_read_timeout_then_fail_the_chunk_within_the_configured_timeout() throws IOException {
        ollama.stubFor(mapCall(0).atPriority(1).willReturn(reply(fixture("map-000.json")).withFixedDelay(2500)));

        long t0 = System.nanoTime();
        CliRun run = brief("--timeout", "1");
        long millis = (System.nanoTime() - t0) / 1_000_000;

        assertEquals(1, run.exitCode(), run.stderr());
        assertEquals(ATTEMPTS, mapRequests(0).size());
        assertTrue(millis < ATTEMPTS * 2500, "each attempt gave up after --timeout 1, took " + millis + " ms");
        JsonNode failed = onlyFailedChunk(briefing());
        assertEquals(label(0), failed.get("chunk").asText());
        assertTrue(failed.get("reason").asText().contains("no reply within 1 s (gave up after 3 attempts)"),
                failed.toString());
        assertEquals(1, synthesisRequests().size());
    }

    @Test
    void should_fail_without_retrying_a_chunk_the_server_rejects_with_400() throws IOException {
        ollama.stubFor(mapCall(0).atPriority(1).willReturn(OllamaStubs.contextExceeded()));

        CliRun run = brief();

        assertEquals(1, run.exitCode(), run.stderr());
        assertEquals(1, mapRequests(0).size(), "a bad request is not sent again");
        JsonNode failed = onlyFailedChunk(briefing());
        assertEquals(label(0), failed.get("chunk").asText());
        assertTrue(failed.get("reason").asText().contains("HTTP 400")
                && failed.get("reason").asText().contains("the input length exceeds the context length"), failed.toString());
    }

    @Test
    void should_fail_a_chunk_whose_input_the_server_silently_truncated() throws IOException {
        // truncate left on: a 200, but prompt_eval_count fills the whole num_ctx window.
        ollama.stubFor(mapCall(0).atPriority(1).willReturn(OllamaStubs.json(200,
                OllamaStubs.chatResponse(fixture("map-000.json"), 8192, 640, "stop"))));

        CliRun run = brief();

        assertEquals(1, run.exitCode(), run.stderr());
        assertEquals(1, mapRequests(0).size());
        JsonNode failed = onlyFailedChunk(briefing());
        assertTrue(failed.get("reason").asText().contains("cut the input to fit its context window"), failed.toString());
        assertTrue(failed.get("reason").asText().contains("--chunk-tokens"), failed.toString());
        assertFalse(citedArticles(briefing()).contains(seeds.get(0).id()), "nothing from a truncated reading");
    }

    @Test
    void should_send_a_truncated_call_again_when_rerun_against_a_healthy_server() throws IOException {
        ollama.stubFor(mapCall(0).atPriority(1).willReturn(OllamaStubs.json(200,
                OllamaStubs.chatResponse(fixture("map-000.json"), 8192, 640, "stop"))));
        CliRun faulty = brief();
        assertEquals(1, faulty.exitCode(), faulty.stderr());

        ollama.resetRequests();
        ollama.resetMappings();
        restub();
        CliRun healthy = brief();

        assertEquals(0, healthy.exitCode(), healthy.stderr());
        assertEquals(1, mapRequests(0).size(), "the truncated reply was not kept: its call is sent again");
        assertEquals(0, mapRequests(1).size() + mapRequests(2).size(), "the used replies answer from the cache");
        assertFalse(briefing().get("incomplete").asBoolean());
        assertTrue(citedArticles(briefing()).contains(seeds.get(0).id()));
    }

    @Test
    void should_fail_every_chunk_of_a_mis_decoded_reply_and_recover_on_a_healthy_rerun() throws IOException {
        // A proxy that read Ollama's UTF-8 as ISO-8859-1 and sent it on as UTF-8: the JSON parses,
        // every quote is mojibake, so no citation survives verification.
        List<String> fixtures = List.of("map-000.json", "map-002.json", "map-003.json");
        for (int i = 0; i < 3; i++) {
            String body = OllamaStubs.chatResponse(fixture(fixtures.get(i)), 2100, 640, "stop");
            byte[] doubled = new String(body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    java.nio.charset.StandardCharsets.ISO_8859_1).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ollama.stubFor(mapCall(i).atPriority(1).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json; charset=iso-8859-1").withBody(doubled)));
        }

        CliRun faulty = brief();

        assertEquals(1, faulty.exitCode(), "nothing survived: not a success\n" + faulty.stderr());
        JsonNode broken = briefing();
        assertTrue(broken.get("incomplete").asBoolean());
        assertEquals(3, broken.at("/run/failedChunks").size(), broken.at("/run/failedChunks").toString());
        String reason = broken.at("/run/failedChunks/0/reason").asText();
        assertTrue(reason.startsWith("no verified note: all "), reason);
        assertTrue(reason.contains("looks mis-decoded"), reason);
        assertEquals(0, synthesisRequests().size(), "no notes, nothing to synthesize");

        ollama.resetRequests();
        ollama.resetMappings();
        restub();
        CliRun healthy = brief();

        assertEquals(0, healthy.exitCode(), healthy.stderr());
        assertEquals(3, mapRequests(0).size() + mapRequests(1).size() + mapRequests(2).size(),
                "no mis-decoded reply was kept: every map call is sent again");
        assertFalse(briefing().get("incomplete").asBoolean());
        assertEquals(Set.of(seeds.get(0).id(), seeds.get(1).id(), seeds.get(2).id()), citedArticles(briefing()));
    }

    @Test
    void should_fail_a_chunk_of_prose_for_which_the_model_returned_no_note() throws IOException {
        ollama.stubFor(mapCall(0).atPriority(1).willReturn(reply(
                "{\"events\":[],\"actors\":[],\"claims\":[],\"openQuestions\":[]}")));

        CliRun run = brief();

        assertEquals(1, run.exitCode(), run.stderr());
        JsonNode failed = onlyFailedChunk(briefing());
        assertEquals(label(0), failed.get("chunk").asText());
        assertTrue(failed.get("reason").asText().startsWith("the model returned no notes for a chunk of prose"),
                failed.toString());
    }

    // ---- replies a small model gets wrong ----

    @Test
    void should_repair_a_reply_cut_off_at_length_once_with_a_larger_num_predict() throws IOException {
        ollama.stubFor(mapCall(0).atPriority(2).willReturn(cutOff(fixture("map-000.json"))));
        ollama.stubFor(mapCall(0).atPriority(1).withRequestBody(matchingJsonPath("$.messages[2]"))
                .willReturn(reply(fixture("map-000.json"))));

        CliRun run = brief();

        assertEquals(0, run.exitCode(), run.stderr());
        List<LoggedRequest> calls = mapRequests(0);
        assertEquals(2, calls.size());
        int first = numPredict(calls.get(0));
        int second = numPredict(calls.get(1));
        assertEquals(DEFAULT_NUM_PREDICT, first);
        assertTrue(second > first, "repair num_predict " + second + " after " + first);
        assertTrue(second + estimatedTokensFloor(calls.get(1)) <= numCtx(calls.get(1)),
                "the larger budget still fits the window");
        assertTrue(briefing().get("warnings").toString().contains("repaired"));
        assertTrue(citedArticles(briefing()).contains(seeds.get(0).id()));
    }

    @Test
    void should_fail_the_chunk_when_the_repair_is_cut_off_too() throws IOException {
        ollama.stubFor(mapCall(0).atPriority(1).willReturn(cutOff(fixture("map-000.json"))));

        CliRun run = brief();

        assertEquals(1, run.exitCode(), run.stderr());
        assertEquals(2, mapRequests(0).size(), "one repair, no more");
        JsonNode failed = onlyFailedChunk(briefing());
        assertEquals(label(0), failed.get("chunk").asText());
        assertTrue(failed.get("reason").asText().contains("cut off"), failed.toString());
    }

    @Test
    void should_recover_json_from_prose_a_fence_or_trailing_garbage_without_a_second_call() throws IOException {
        ollama.stubFor(mapCall(0).atPriority(1).willReturn(reply(
                "好的，下面是按照{events, actors, claims, openQuestions}要求提取的结果：\n"
                        + fixture("map-000.json") + "\n以上内容均来自原文。")));
        ollama.stubFor(mapCall(1).atPriority(1).willReturn(reply(
                "```json\n" + fixture("map-002.json").strip() + "\n```")));
        ollama.stubFor(mapCall(2).atPriority(1).willReturn(reply(
                fixture("map-003.json").strip() + "\n}\n注：引文均为原文。")));

        CliRun run = brief();

        assertEquals(0, run.exitCode(), run.stderr());
        for (int i = 0; i < 3; i++) {
            assertEquals(1, mapRequests(i).size(), "article " + i);
        }
        JsonNode briefing = briefing();
        assertFalse(briefing.get("incomplete").asBoolean());
        assertEquals(3, citedArticles(briefing).size());
        long recovered = textList(briefing.get("warnings")).stream()
                .filter(w -> w.contains("JSON recovered from surrounding text")).count();
        assertEquals(3, recovered, briefing.get("warnings").toString());
    }

    @Test
    void should_repair_once_a_reply_that_breaks_the_schema() throws IOException {
        ollama.stubFor(mapCall(0).atPriority(2).willReturn(reply(
                "{\"events\":\"无\",\"actors\":[],\"claims\":[],\"openQuestions\":[],\"summary\":\"普京与特朗普通电话\"}")));
        ollama.stubFor(mapCall(0).atPriority(1).withRequestBody(matchingJsonPath("$.messages[2]"))
                .willReturn(reply(fixture("map-000.json"))));

        CliRun run = brief();

        assertEquals(0, run.exitCode(), run.stderr());
        List<LoggedRequest> calls = mapRequests(0);
        assertEquals(2, calls.size());
        JsonNode repair = JSON.readTree(calls.get(1).getBodyAsString());
        assertEquals("assistant", repair.at("/messages/2/role").asText(), "the model is shown its reply");
        assertTrue(repair.at("/messages/3/content").asText().contains("does not follow the schema"),
                repair.at("/messages/3/content").asText());
        assertTrue(briefing().get("warnings").toString().contains("repaired"));
        assertTrue(citedArticles(briefing()).contains(seeds.get(0).id()));
    }

    @Test
    void should_fail_the_chunk_when_the_repair_breaks_the_schema_too() throws IOException {
        ollama.stubFor(mapCall(0).atPriority(1).willReturn(reply("{\"events\":[]}")));

        CliRun run = brief();

        assertEquals(1, run.exitCode(), run.stderr());
        assertEquals(2, mapRequests(0).size());
        assertTrue(onlyFailedChunk(briefing()).get("reason").asText().contains("schema"));
    }

    @Test
    void should_drop_citations_to_paragraphs_that_do_not_exist_item_by_item_and_count_them() throws IOException {
        Article a = seeds.get(0);
        String p1 = a.paragraphs().get(0).text();
        String quote = p1.substring(0, Math.min(12, p1.length()));
        String content = """
                {"events":[
                 {"title":"有出处的事件","description":"","dateText":null,"date":null,"where":null,"actors":[],
                  "citations":[{"paragraph":1,"quote":"%s"},{"paragraph":97,"quote":"%s"}]},
                 {"title":"虚构段落的事件","description":"","dateText":null,"date":null,"where":null,"actors":[],
                  "citations":[{"paragraph":98,"quote":"%s"}]}],
                 "actors":[],"claims":[],"openQuestions":[]}
                """.formatted(quote, quote, quote);
        ollama.stubFor(mapCall(0).atPriority(1).willReturn(reply(content)));

        CliRun run = brief();

        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(1, mapRequests(0).size(), "verification, not a repair");
        JsonNode briefing = briefing();
        String events = briefing.get("events").toString();
        assertTrue(events.contains("有出处的事件"), events);
        assertFalse(events.contains("虚构段落的事件"), events);
        // map-002's own slip (paragraph 99) adds one citation and one item.
        assertEquals(2 + 1, briefing.at("/run/droppedCitations").asInt());
        assertEquals(1 + 1, briefing.at("/run/droppedItems").asInt());
        assertTrue(briefing.get("warnings").toString().contains("verification removed 3 citations"),
                briefing.get("warnings").toString());
        String record = Files.readString(work.resolve("out/run.json"));
        assertTrue(record.contains("dropped citation (" + label(0) + ")"), "details are in run.json");
        assertTrue(record.contains("虚构段落的事件"));
    }

    @Test
    void should_ignore_a_thinking_models_reasoning_and_use_its_content() throws IOException {
        String thinking = "思考过程不应出现在简报里。也许输出 {\"events\":[],\"actors\":[],\"claims\":[],\"openQuestions\":[]}？";
        ollama.stubFor(mapCall(0).atPriority(1).willReturn(OllamaStubs.json(200,
                OllamaStubs.chatResponse(fixture("map-000.json"), thinking, 2100, 900, "stop"))));

        CliRun run = brief();

        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(1, mapRequests(0).size());
        JsonNode briefing = briefing();
        assertTrue(briefing.get("events").toString().contains("普京与特朗普通电话"));
        assertFalse(run.stdout().contains("思考过程") || Files.readString(work.resolve("out/run.json")).contains("思考过程"));
        assertFalse(briefing.get("warnings").toString().contains("recovered"));
    }

    // ---- helpers ----

    private CliRun brief(String... extra) {
        return brief(Map.of(), extra);
    }

    private CliRun brief(Map<String, String> moreEnv, String... extra) {
        List<String> args = new ArrayList<>(List.of("brief", "--format", "json", "-o", "out"));
        args.addAll(List.of(extra));
        args.add("seeds");
        Map<String, String> env = new HashMap<>();
        env.put("OLLAMA_HOST", OllamaStubs.baseUrl(ollama));
        env.put("BRIEFING_RETRY_BASE_MS", "1");
        env.putAll(moreEnv);
        return CliRun.run(work, OllamaBackend::create, env, "", args.toArray(String[]::new));
    }

    private MappingBuilder mapCall(int article) {
        return post(urlEqualTo("/api/chat"))
                .withRequestBody(matchingJsonPath("$.format.properties.events"))
                .withRequestBody(matchingJsonPath("$.messages[1].content", containing("Article " + seeds.get(article).id())));
    }

    private List<LoggedRequest> mapRequests(int article) {
        RequestPatternBuilder pattern = postRequestedFor(urlEqualTo("/api/chat"))
                .withRequestBody(matchingJsonPath("$.format.properties.events"))
                .withRequestBody(matchingJsonPath("$.messages[1].content", containing("Article " + seeds.get(article).id())));
        return ollama.findAll(pattern);
    }

    private List<LoggedRequest> synthesisRequests() {
        return ollama.findAll(postRequestedFor(urlEqualTo("/api/chat"))
                .withRequestBody(matchingJsonPath("$.format.properties.summary")));
    }

    private List<LoggedRequest> chatRequests() {
        return ollama.findAll(postRequestedFor(urlEqualTo("/api/chat")));
    }

    private String label(int article) {
        return seeds.get(article).id() + " chunk 1/1";
    }

    private JsonNode briefing() throws IOException {
        return JSON.readTree(Files.readString(work.resolve("out/briefing.json")));
    }

    private JsonNode callRecordFor(int article) throws IOException {
        JsonNode calls = JSON.readTree(Files.readString(work.resolve("out/run.json"))).get("calls");
        for (JsonNode c : calls) {
            if (c.get("purpose").asText().contains(seeds.get(article).id())) {
                return c;
            }
        }
        throw new AssertionError("no call record for " + label(article) + " in " + calls);
    }

    private static JsonNode onlyFailedChunk(JsonNode briefing) {
        JsonNode failed = briefing.at("/run/failedChunks");
        assertEquals(1, failed.size(), failed.toString());
        return failed.get(0);
    }

    private static Set<String> citedArticles(JsonNode briefing) {
        Set<String> ids = new TreeSet<>();
        for (JsonNode citations : briefing.findValues("citations")) {
            citations.forEach(c -> ids.add(c.path("article").asText()));
        }
        return ids;
    }

    private static List<String> textList(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static int numPredict(LoggedRequest request) {
        return body(request).at("/options/num_predict").asInt();
    }

    private static int numCtx(LoggedRequest request) {
        return body(request).at("/options/num_ctx").asInt();
    }

    /** A lower bound on the prompt's tokens: one per two characters is below any CJK-aware estimate. */
    private static int estimatedTokensFloor(LoggedRequest request) {
        int chars = 0;
        for (JsonNode m : body(request).get("messages")) {
            chars += m.get("content").asText().length();
        }
        return chars / 2;
    }

    private static JsonNode body(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exactly one {@code error:} line on stderr, holding every given text, and no stack trace. */
    private static void assertOneErrorLine(CliRun run, String... contains) {
        List<String> errors = run.stderr().lines().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(1, errors.size(), run.stderr());
        for (String s : contains) {
            assertTrue(errors.get(0).contains(s), "'" + s + "' in: " + run.stderr());
        }
        assertNoStackTrace(run);
    }

    private static void assertNoStackTrace(CliRun run) {
        assertFalse(run.stderr().contains("Exception") || run.stderr().contains("\tat "), run.stderr());
    }

    private static ResponseDefinitionBuilder reply(String content) {
        return OllamaStubs.json(200, OllamaStubs.chatResponse(content, 2100, 640, "stop"));
    }

    /** The first half of a reply, as Ollama sends it when num_predict runs out. */
    private static ResponseDefinitionBuilder cutOff(String content) {
        String half = content.substring(0, content.length() / 2);
        return OllamaStubs.json(200, OllamaStubs.chatResponse(half, 2100, DEFAULT_NUM_PREDICT, "length"));
    }

    private static ResponseDefinitionBuilder serverError(int status) {
        return status == 503 ? OllamaStubs.serverBusy() : OllamaStubs.runnerCrashed();
    }

    private static String fixture(String name) {
        try {
            return Files.readString(Path.of("src/test/resources/fixtures/seeds", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
