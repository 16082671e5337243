package dev.briefing.ollama;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.briefing.ollama.OllamaStubs.baseUrl;
import static dev.briefing.ollama.OllamaStubs.chatResponse;
import static dev.briefing.ollama.OllamaStubs.json;
import static dev.briefing.ollama.OllamaStubs.stubChat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.error.ModelCallException;
import dev.briefing.error.ModelUnavailableException;
import dev.briefing.llm.ChatTurn;
import dev.briefing.llm.FinishReason;
import dev.briefing.llm.ModelReply;
import dev.briefing.llm.ModelRequest;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.TimeoutException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OllamaLanguageModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "qwen2.5:7b";
    private static final String SCHEMA = """
            {"type":"object",
             "properties":{"summary":{"type":"string"},
                           "citations":{"type":"array","items":{"type":"string"}}},
             "required":["summary","citations"]}""";

    private WireMockServer wm;
    private OllamaLanguageModel model;

    @BeforeEach
    void start() {
        wm = OllamaStubs.server();
        model = new OllamaLanguageModel(baseUrl(wm), MODEL);
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    // ---- request ----

    @Test
    void should_send_non_streaming_request_with_options_schema_and_messages_in_order() throws Exception {
        stubChat(wm, chatResponse("{\"summary\":\"好\",\"citations\":[]}", 26, 237, "stop"));

        model.chat(request(JSON.readTree(SCHEMA), 7));

        wm.verify(1, postRequestedFor(urlEqualTo("/api/chat"))
                .withRequestBody(matchingJsonPath("$.model", equalTo(MODEL)))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("false")))
                .withRequestBody(matchingJsonPath("$.options.num_ctx", equalTo("8192")))
                .withRequestBody(matchingJsonPath("$.options.num_predict", equalTo("1024")))
                .withRequestBody(matchingJsonPath("$.options.temperature", equalTo("0.2")))
                .withRequestBody(matchingJsonPath("$.options.seed", equalTo("7")))
                .withRequestBody(matchingJsonPath("$.format", equalToJson(SCHEMA, true, true)))
                .withRequestBody(equalToJson("""
                        {"messages":[
                          {"role":"system","content":"你是新闻编辑。"},
                          {"role":"user","content":"第一段"},
                          {"role":"assistant","content":"{}"},
                          {"role":"user","content":"请修正。"}]}""", true, true)));

        JsonNode sent = JSON.readTree(onlyRequest().getBodyAsString());
        assertTrue(sent.get("format").isObject(), "format must be the schema object, not \"json\": " + sent.get("format"));
        assertEquals(JSON.readTree(SCHEMA), sent.get("format"));
        assertEquals(4, sent.get("messages").size());
        assertFalse(sent.get("stream").asBoolean());
    }

    @Test
    void should_send_no_format_and_no_seed_for_plain_text() {
        stubChat(wm, chatResponse("一段摘要。", 10, 5, "stop"));
        model.chat(request(null, null));
        JsonNode sent = readTree(onlyRequest().getBodyAsString());
        assertNull(sent.get("format"), "format: " + sent.get("format"));
        assertNull(sent.get("options").get("seed"));
        assertEquals(8192, sent.get("options").get("num_ctx").asInt());
    }

    @Test
    void should_speak_http_1_1_without_h2c_upgrade() {
        stubChat(wm, chatResponse("ok", 1, 1, "stop"));
        model.chat(request(null, null));
        LoggedRequest sent = onlyRequest();
        assertEquals("HTTP/1.1", sent.getProtocol());
        assertFalse(sent.containsHeader("Upgrade"), "Upgrade header: " + sent.getHeader("Upgrade"));
        assertFalse(sent.containsHeader("HTTP2-Settings"));
    }

    // ---- reply ----

    @Test
    void should_map_content_tokens_and_stop() {
        stubChat(wm, chatResponse("{\"summary\":\"习近平会见外宾。\"}", 26, 237, "stop"));
        ModelReply reply = model.chat(request(null, null));
        assertEquals("{\"summary\":\"习近平会见外宾。\"}", reply.content());
        assertEquals(26, reply.promptTokens());
        assertEquals(237, reply.completionTokens());
        assertEquals(FinishReason.STOP, reply.finishReason());
        assertTrue(reply.durationMs() >= 0);
    }

    @Test
    void should_map_done_reason_length_to_length() {
        stubChat(wm, chatResponse("{\"summary\":\"被截断", 8000, 1024, "length"));
        ModelReply reply = model.chat(request(null, null));
        assertEquals(FinishReason.LENGTH, reply.finishReason());
        assertEquals("{\"summary\":\"被截断", reply.content());
    }

    @Test
    void should_ignore_thinking() {
        stubChat(wm, chatResponse("答案。", "让我想想……", 30, 40, "stop"));
        ModelReply reply = model.chat(request(null, null));
        assertEquals("答案。", reply.content());
    }

    @Test
    void should_report_unknown_counts_as_minus_one_and_other_finish() {
        stubChat(wm, """
                {"model":"qwen2.5:7b","created_at":"2026-11-20T08:00:00.000000Z",
                 "message":{"role":"assistant","content":"hi"},"done":true}""");
        ModelReply reply = model.chat(request(null, null));
        assertEquals(-1, reply.promptTokens());
        assertEquals(-1, reply.completionTokens());
        assertEquals(FinishReason.OTHER, reply.finishReason());
    }

    @Test
    void should_serve_concurrent_calls_with_one_model() throws Exception {
        stubChat(wm, chatResponse("ok", 1, 1, "stop"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ModelReply>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> model.chat(request(null, null))));
            }
            for (Future<ModelReply> f : futures) {
                assertEquals("ok", f.get().content());
            }
        } finally {
            pool.shutdownNow();
        }
        wm.verify(8, postRequestedFor(urlEqualTo("/api/chat")));
    }

    // ---- errors, through real HTTP ----

    @Test
    void should_say_pull_on_404() {
        wm.stubFor(post("/api/chat").willReturn(OllamaStubs.modelNotFound(MODEL)));
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class, () -> model.chat(request(null, null)));
        assertEquals("model 'qwen2.5:7b' is not pulled on " + baseUrl(wm), e.getMessage());
        assertEquals("run 'ollama pull qwen2.5:7b'", e.hint());
        assertEquals(ExitCode.MODEL_UNAVAILABLE, e.exitCode());
        assertEquals(1, wm.getAllServeEvents().size());
    }

    @Test
    void should_fail_retryable_after_one_request_on_500() {
        assertRetryableAfterOneRequest(OllamaStubs.runnerCrashed(), "llama runner process has terminated: exit status 2");
    }

    @Test
    void should_fail_retryable_after_one_request_on_503() {
        assertRetryableAfterOneRequest(OllamaStubs.serverBusy(), "server busy, please try again.");
    }

    @Test
    void should_fail_non_retryable_with_server_text_on_400() {
        wm.stubFor(post("/api/chat").willReturn(OllamaStubs.contextExceeded()));
        ModelCallException e = assertThrows(ModelCallException.class, () -> model.chat(request(null, null)));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("the input length exceeds the context length"), e.getMessage());
        assertEquals(ExitCode.INCOMPLETE, e.exitCode());
        assertEquals(1, wm.getAllServeEvents().size());
    }

    @Test
    void should_fail_retryable_when_reply_takes_longer_than_timeout() {
        OllamaLanguageModel impatient = new OllamaLanguageModel(baseUrl(wm), MODEL, Duration.ofMillis(200));
        wm.stubFor(post("/api/chat").willReturn(json(200, chatResponse("late", 1, 1, "stop")).withFixedDelay(1000)));
        long start = System.nanoTime();
        ModelCallException e = assertThrows(ModelCallException.class, () -> impatient.chat(request(null, null)));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.retryable());
        assertEquals("no reply within 0.2 s", e.getMessage());
        assertTrue(tookMs < 900, "took " + tookMs + " ms");
        assertEquals(1, wm.getAllServeEvents().size());
    }

    @Test
    void should_be_unavailable_once_quickly_when_port_is_closed() {
        String host = "http://127.0.0.1:" + OllamaStubs.freePort();
        OllamaLanguageModel gone = new OllamaLanguageModel(host, MODEL);
        long start = System.nanoTime();
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class, () -> gone.chat(request(null, null)));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2000);
        assertEquals("cannot reach Ollama at " + host + " (connection refused)", e.getMessage());
        assertTrue(e.hint().contains("ollama serve"));
    }

    @Test
    void should_be_unavailable_on_unknown_host() {
        OllamaLanguageModel gone = new OllamaLanguageModel("http://no-such-host.invalid:11434", MODEL);
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class, () -> gone.chat(request(null, null)));
        assertEquals("cannot reach Ollama at http://no-such-host.invalid:11434 (unknown host)", e.getMessage());
    }

    @Test
    void should_fail_non_retryable_on_unreadable_body() {
        wm.stubFor(post("/api/chat").willReturn(json(200, "<html>proxy error</html>")));
        ModelCallException e = assertThrows(ModelCallException.class, () -> model.chat(request(null, null)));
        assertFalse(e.retryable());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void should_fail_retryable_with_the_server_text_on_a_200_whose_body_is_an_error() {
        wm.stubFor(post("/api/chat").willReturn(json(200, "{\"error\":\"llama runner process has terminated\"}")));
        ModelCallException e = assertThrows(ModelCallException.class, () -> model.chat(request(null, null)));
        assertTrue(e.retryable(), e.getMessage());
        assertEquals("Ollama failed (HTTP 200 with an error body): llama runner process has terminated", e.getMessage());
    }

    @Test
    void should_read_a_reply_a_proxy_gzip_compressed_although_it_was_not_asked_to() throws Exception {
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(zipped)) {
            gz.write(OllamaStubs.chatResponse("北约峰会", 10, 2, "stop").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        wm.stubFor(post("/api/chat").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("Content-Encoding", "gzip").withBody(zipped.toByteArray())));
        assertEquals("北约峰会", model.chat(request(null, null)).content());
    }

    @Test
    void should_retry_a_reply_whose_body_was_cut_off_mid_way() {
        wm.stubFor(post("/api/chat").willReturn(aResponse().withFault(
                com.github.tomakehurst.wiremock.http.Fault.MALFORMED_RESPONSE_CHUNK)));
        ModelCallException e = assertThrows(ModelCallException.class, () -> model.chat(request(null, null)));
        assertTrue(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().contains("cut off"), e.getMessage());
    }

    // ---- translate, on exceptions shaped as LangChain4j 1.18.1 throws them ----

    @Test
    void should_translate_each_langchain4j_exception_once() {
        String host = baseUrl(wm);

        BriefingException notFound = model.translate(new ModelNotFoundException(
                new HttpException(404, "{\"error\":\"model \\\"qwen2.5:7b\\\" not found, try pulling it first\"}")));
        assertInstanceOf(ModelUnavailableException.class, notFound);
        assertEquals("run 'ollama pull qwen2.5:7b'", notFound.hint());

        ModelCallException invalid = assertInstanceOf(ModelCallException.class, model.translate(
                new InvalidRequestException(new HttpException(400, "{\"error\":\"model is required\"}"))));
        assertFalse(invalid.retryable());
        assertEquals("Ollama rejected the request (HTTP 400): model is required", invalid.getMessage());

        ModelCallException busy = assertInstanceOf(ModelCallException.class, model.translate(
                new InternalServerException(new HttpException(503, "{\"error\":\"server busy\"}"))));
        assertTrue(busy.retryable());
        assertEquals("Ollama failed (HTTP 503): server busy", busy.getMessage());

        ModelCallException timeout = assertInstanceOf(ModelCallException.class,
                model.translate(new TimeoutException(new HttpTimeoutException("request timed out"))));
        assertTrue(timeout.retryable());
        assertEquals("no reply within 300 s", timeout.getMessage());

        ModelCallException bareTimeoutCause = assertInstanceOf(ModelCallException.class,
                model.translate(new RuntimeException(new HttpTimeoutException("request timed out"))));
        assertTrue(bareTimeoutCause.retryable());

        BriefingException refused = model.translate(new RuntimeException(new ConnectException()));
        assertInstanceOf(ModelUnavailableException.class, refused);
        assertEquals("cannot reach Ollama at " + host + " (connection refused)", refused.getMessage());

        // A connect timeout is an HttpTimeoutException too, but means the server is not there.
        BriefingException connectTimeout = model.translate(
                new TimeoutException(new HttpConnectTimeoutException("HTTP connect timed out")));
        assertInstanceOf(ModelUnavailableException.class, connectTimeout);
        assertEquals("cannot reach Ollama at " + host + " (connection timed out)", connectTimeout.getMessage());

        BriefingException interrupted = model.translate(new RuntimeException(new InterruptedException()));
        assertEquals(ExitCode.INTERRUPTED, interrupted.exitCode());
        assertTrue(Thread.interrupted(), "interrupt flag must be restored (and is cleared here)");
    }

    private void assertRetryableAfterOneRequest(ResponseDefinitionBuilder response, String serverText) {
        wm.stubFor(post("/api/chat").willReturn(response));
        ModelCallException e = assertThrows(ModelCallException.class, () -> model.chat(request(null, null)));
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains(serverText), e.getMessage());
        assertEquals(1, wm.getAllServeEvents().size(), "we own retries: LangChain4j must send exactly one request");
    }

    private LoggedRequest onlyRequest() {
        assertEquals(1, wm.getAllServeEvents().size());
        return wm.getAllServeEvents().get(0).getRequest();
    }

    private static ModelRequest request(JsonNode schema, Integer seed) {
        return new ModelRequest("map 000 chunk 1/1",
                List.of(ChatTurn.system("你是新闻编辑。"), ChatTurn.user("第一段"),
                        ChatTurn.assistant("{}"), ChatTurn.user("请修正。")),
                schema, 8192, 1024, 0.2, seed, 100);
    }

    private static JsonNode readTree(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
