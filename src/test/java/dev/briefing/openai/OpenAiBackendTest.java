package dev.briefing.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.briefing.openai.OpenAiStubs.Dialect.LLAMA_SERVER;
import static dev.briefing.openai.OpenAiStubs.Dialect.VLLM;
import static dev.briefing.openai.OpenAiStubs.LLAMA_MODEL;
import static dev.briefing.openai.OpenAiStubs.VLLM_MODEL;
import static dev.briefing.openai.OpenAiStubs.baseUrl;
import static dev.briefing.openai.OpenAiStubs.chat;
import static dev.briefing.openai.OpenAiStubs.chatCompletion;
import static dev.briefing.openai.OpenAiStubs.json;
import static dev.briefing.openai.OpenAiStubs.llamaError;
import static dev.briefing.openai.OpenAiStubs.sseReply;
import static dev.briefing.openai.OpenAiStubs.stubChat;
import static dev.briefing.openai.OpenAiStubs.stubModels;
import static dev.briefing.openai.OpenAiStubs.stubStreamingChat;
import static dev.briefing.openai.OpenAiStubs.vllmError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.error.ModelCallException;
import dev.briefing.error.ModelUnavailableException;
import dev.briefing.llm.ChatTurn;
import dev.briefing.llm.FinishReason;
import dev.briefing.llm.ModelInfo;
import dev.briefing.llm.ModelReply;
import dev.briefing.llm.ModelRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiBackendTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-local-7f3a9c21e5b84d06";
    private static final String STRICT_SCHEMA = """
            {"type":"object","additionalProperties":false,
             "properties":{"summary":{"type":"string"},
                           "citations":{"type":"array","items":{"type":"string"}}},
             "required":["summary","citations"]}""";
    private static final String OPEN_SCHEMA = """
            {"type":"object","properties":{"summary":{"type":"string"}},"required":[]}""";

    private WireMockServer wm;

    @BeforeEach
    void start() {
        wm = OpenAiStubs.server();
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private OpenAiLanguageModel model(String name, String key) {
        return new OpenAiLanguageModel(OpenAiHost.parse(baseUrl(wm)), name, Duration.ofSeconds(10), key);
    }

    private static ModelRequest request(String schema) throws Exception {
        return new ModelRequest("map 000 chunk 1/1",
                List.of(ChatTurn.system("只输出JSON。"), ChatTurn.user("```article\n[p1] 新华社北京电。\n```")),
                schema == null ? null : JSON.readTree(schema), 8192, 1024, 0.1, 42, 300);
    }

    private JsonNode sentBody() throws Exception {
        return JSON.readTree(wm.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).get(0).getBodyAsString());
    }

    // ---- requests ----

    @Test
    void should_send_the_schema_as_strict_json_schema_response_format_with_the_call_options() throws Exception {
        stubChat(wm, chatCompletion(VLLM, "{\"summary\":\"好\",\"citations\":[]}", 26, 237, "stop"));

        model(VLLM_MODEL, KEY).chat(request(STRICT_SCHEMA));

        JsonNode body = sentBody();
        assertEquals(VLLM_MODEL, body.get("model").asText());
        assertEquals("system", body.at("/messages/0/role").asText());
        assertEquals("只输出JSON。", body.at("/messages/0/content").asText());
        assertEquals("user", body.at("/messages/1/role").asText());
        assertEquals(1024, body.has("max_tokens") ? body.get("max_tokens").asInt() : body.get("max_completion_tokens").asInt());
        assertEquals(0.1, body.get("temperature").asDouble());
        assertEquals(42, body.get("seed").asInt());
        assertEquals("json_schema", body.at("/response_format/type").asText());
        assertTrue(body.at("/response_format/json_schema/strict").asBoolean());
        assertEquals(JSON.readTree(STRICT_SCHEMA), body.at("/response_format/json_schema/schema"));
        assertFalse(body.has("num_ctx"), "the OpenAI API has no num_ctx; the server's window is fixed at start");
        wm.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("Authorization", equalTo("Bearer " + KEY)));
    }

    @Test
    void should_not_claim_strict_for_a_schema_openai_strict_mode_would_reject() throws Exception {
        stubChat(wm, chatCompletion(VLLM, "{}", 5, 2, "stop"));

        model(VLLM_MODEL, null).chat(request(OPEN_SCHEMA));

        JsonNode body = sentBody();
        assertEquals("json_schema", body.at("/response_format/type").asText());
        assertFalse(body.at("/response_format/json_schema/strict").asBoolean());
        wm.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("Authorization", absent()));
    }

    @Test
    void should_send_no_response_format_for_a_text_call() throws Exception {
        stubChat(wm, chatCompletion(LLAMA_SERVER, "一段话。", 5, 3, "stop"));

        model(LLAMA_MODEL, null).chat(request(null));

        assertFalse(sentBody().has("response_format"));
    }

    // ---- replies ----

    @Test
    void should_read_content_usage_and_finish_reason_from_vllm_and_llama_server_replies() throws Exception {
        for (var dialect : OpenAiStubs.Dialect.values()) {
            wm.resetAll();
            stubChat(wm, chatCompletion(dialect, "{\"summary\":\"好\",\"citations\":[]}", 26, 237, "stop"));

            ModelReply reply = model(VLLM_MODEL, null).chat(request(STRICT_SCHEMA));

            assertEquals("{\"summary\":\"好\",\"citations\":[]}", reply.content(), dialect.name());
            assertEquals(26, reply.promptTokens(), dialect.name());
            assertEquals(237, reply.completionTokens(), dialect.name());
            assertEquals(FinishReason.STOP, reply.finishReason(), dialect.name());
        }
    }

    @Test
    void should_treat_finish_reason_length_as_cut_off() throws Exception {
        stubChat(wm, chatCompletion(VLLM, "{\"summary\":\"好", 26, 1024, "length"));

        assertEquals(FinishReason.LENGTH, model(VLLM_MODEL, null).chat(request(STRICT_SCHEMA)).finishReason());
    }

    @Test
    void should_stream_pieces_in_order_and_read_the_usage_of_both_dialects() throws Exception {
        for (var dialect : OpenAiStubs.Dialect.values()) {
            wm.resetAll();
            List<String> pieces = List.of("{\"summary\":", "\"新华社", "北京电\",", "\"citations\":[]}");
            stubStreamingChat(wm, sseReply(dialect, pieces, 26, 12, "stop"));
            List<String> seen = new ArrayList<>();

            ModelReply reply = model(VLLM_MODEL, null).chat(request(STRICT_SCHEMA), seen::add);

            assertEquals(pieces, seen, dialect.name());
            assertEquals(String.join("", pieces), reply.content(), dialect.name());
            assertEquals(26, reply.promptTokens(), dialect.name());
            assertEquals(12, reply.completionTokens(), dialect.name());
            assertEquals(FinishReason.STOP, reply.finishReason(), dialect.name());
            JsonNode body = sentBody();
            assertTrue(body.get("stream").asBoolean());
            assertEquals("json_schema", body.at("/response_format/type").asText());
        }
    }

    @Test
    void should_report_a_streamed_reply_cut_off_at_the_output_limit() throws Exception {
        stubStreamingChat(wm, sseReply(LLAMA_SERVER, List.of("{\"summary\":\"新华"), 26, 1024, "length"));

        assertEquals(FinishReason.LENGTH, model(LLAMA_MODEL, null).chat(request(STRICT_SCHEMA), p -> { }).finishReason());
    }

    @Test
    void should_fail_a_streamed_reply_the_server_breaks_off_with_an_error_as_retryable() throws Exception {
        stubStreamingChat(wm, OpenAiStubs.sseFailingAfter(List.of("{\"summary\":"), "CUDA error: out of memory"));

        ModelCallException e = assertThrows(ModelCallException.class,
                () -> model(VLLM_MODEL, null).chat(request(STRICT_SCHEMA), p -> { }));

        assertTrue(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().contains("broke the streamed reply off"), e.getMessage());
    }

    @Test
    void should_retry_a_streamed_call_the_server_refuses_with_503() throws Exception {
        wm.stubFor(OpenAiStubs.streamingChat().willReturn(json(503, llamaError(503, "Loading model", "unavailable_error"))));

        ModelCallException e = assertThrows(ModelCallException.class,
                () -> model(LLAMA_MODEL, null).chat(request(STRICT_SCHEMA), p -> { }));

        assertTrue(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 503: Loading model"), e.getMessage());
    }

    // ---- errors ----

    @Test
    void should_report_a_model_vllm_does_not_serve_as_exit_3() throws Exception {
        wm.stubFor(chat().willReturn(json(404, vllmError("The model `qwen2.5:7b` does not exist.", "NotFoundError", 404))));

        BriefingException e = assertThrows(BriefingException.class, () -> model("qwen2.5:7b", null).chat(request(null)));

        assertInstanceOf(ModelUnavailableException.class, e);
        assertEquals(ExitCode.MODEL_UNAVAILABLE, e.exitCode());
        assertTrue(e.getMessage().contains("'qwen2.5:7b' is not served by " + baseUrl(wm)), e.getMessage());
    }

    @Test
    void should_retry_429_and_503_and_not_a_request_the_server_rejects() throws Exception {
        record Case(int status, String body, boolean retryable, String text) {
        }
        for (Case c : List.of(
                new Case(429, vllmError("Too many requests", "RateLimitError", 429), true, "Too many requests"),
                new Case(503, llamaError(503, "Loading model", "unavailable_error"), true, "Loading model"),
                new Case(500, llamaError(500, "llama_decode failed", "server_error"), true, "llama_decode failed"),
                new Case(400, llamaError(400, "request (9001 tokens) exceeds the available context size (8192 tokens)",
                        "exceed_context_size_error"), false, "exceeds the available context size"))) {
            wm.resetAll();
            wm.stubFor(chat().willReturn(json(c.status(), c.body())));

            ModelCallException e = assertThrows(ModelCallException.class, () -> model(LLAMA_MODEL, null).chat(request(null)));

            assertEquals(c.retryable(), e.retryable(), c.status() + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("HTTP " + c.status()), e.getMessage());
            assertTrue(e.getMessage().contains(c.text()), e.getMessage());
        }
    }

    @Test
    void should_report_a_refused_key_as_exit_3_without_printing_the_key() throws Exception {
        wm.stubFor(chat().willReturn(json(401, "{\"error\":\"Unauthorized\"}")));

        BriefingException e = assertThrows(BriefingException.class, () -> model(VLLM_MODEL, KEY).chat(request(null)));

        assertEquals(ExitCode.MODEL_UNAVAILABLE, e.exitCode());
        assertTrue(e.getMessage().contains("refused access (HTTP 401): Unauthorized"), e.getMessage());
        assertTrue(e.hint().contains("BRIEFING_API_KEY"), e.hint());
        assertFalse((e.getMessage() + e.hint()).contains(KEY));
        assertFalse(model(VLLM_MODEL, KEY).toString().contains(KEY));
    }

    @Test
    void should_report_a_server_that_is_not_there_as_unreachable_in_one_line() throws Exception {
        String url = "http://127.0.0.1:" + freePort() + "/v1";
        OpenAiLanguageModel gone = new OpenAiLanguageModel(OpenAiHost.parse(url), VLLM_MODEL, Duration.ofSeconds(5), null);

        BriefingException chat = assertThrows(BriefingException.class, () -> gone.chat(request(null)));
        BriefingException probe = assertThrows(BriefingException.class,
                () -> new OpenAiModelServer(OpenAiHost.parse(url), null).ensureReachable());

        for (BriefingException e : List.of(chat, probe)) {
            assertEquals(ExitCode.MODEL_UNAVAILABLE, e.exitCode());
            assertEquals("cannot reach the OpenAI-compatible server at " + url + " (connection refused)", e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    // ---- the server: /v1/models ----

    @Test
    void should_list_models_and_take_the_context_length_from_vllm_max_model_len() {
        stubModels(wm, VLLM, VLLM_MODEL, 32768);
        OpenAiModelServer server = new OpenAiModelServer(OpenAiHost.parse(baseUrl(wm)), KEY);

        server.ensureReachable();

        assertEquals(List.of(VLLM_MODEL), server.models());
        assertEquals(new ModelInfo(VLLM_MODEL, 32768), server.show(VLLM_MODEL));
        wm.verify(getRequestedFor(urlEqualTo("/v1/models")).withHeader("Authorization", equalTo("Bearer " + KEY)));
    }

    @Test
    void should_leave_the_window_to_num_ctx_when_the_server_does_not_say_it() {
        stubModels(wm, LLAMA_SERVER, LLAMA_MODEL, 0);
        OpenAiModelServer server = new OpenAiModelServer(OpenAiHost.parse(baseUrl(wm)), null);

        ModelInfo info = server.show(LLAMA_MODEL);

        assertEquals(OpenAiModelServer.UNKNOWN_CONTEXT_LENGTH, info.contextLength(),
                "n_ctx_train is the trained window, not the one llama-server was started with");
    }

    @Test
    void should_name_the_models_the_server_has_when_the_model_is_not_among_them() {
        stubModels(wm, VLLM, VLLM_MODEL, 32768);
        OpenAiModelServer server = new OpenAiModelServer(OpenAiHost.parse(baseUrl(wm)), null);

        BriefingException e = assertThrows(BriefingException.class, () -> server.show("qwen2.5:7b"));

        assertEquals(ExitCode.MODEL_UNAVAILABLE, e.exitCode());
        assertEquals("model 'qwen2.5:7b' is not served by " + baseUrl(wm), e.getMessage());
        assertTrue(e.hint().contains("it serves: " + VLLM_MODEL), e.hint());
    }

    @Test
    void should_say_when_the_server_there_is_not_openai_compatible() {
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/v1/models")
                .willReturn(json(200, "{\"models\":[]}")));

        BriefingException e = assertThrows(BriefingException.class,
                () -> new OpenAiModelServer(OpenAiHost.parse(baseUrl(wm)), null).ensureReachable());

        assertEquals(ExitCode.MODEL_UNAVAILABLE, e.exitCode());
        assertTrue(e.getMessage().contains("does not answer like an OpenAI-compatible"), e.getMessage());
    }

    // ---- hosts ----

    @Test
    void should_take_a_host_ending_in_v1_as_openai_compatible_and_anything_else_as_not() {
        assertTrue(OpenAiHost.serves("http://gpu1:8000/v1"));
        assertTrue(OpenAiHost.serves("gpu1:8000/v1/"));
        assertTrue(OpenAiHost.serves("https://gateway.example/llm/v1"));
        assertFalse(OpenAiHost.serves("http://gpu1:11434"));
        assertFalse(OpenAiHost.serves("127.0.0.1:11434"));
        assertFalse(OpenAiHost.serves(null));
        assertEquals("http://gpu1:8000/v1", OpenAiHost.parse("gpu1:8000/v1/").baseUrl());
        assertEquals(ExitCode.USAGE, assertThrows(BriefingException.class,
                () -> OpenAiHost.parse("http://user:sk-1@gpu1:8000/v1")).exitCode());
    }

    static int freePort() throws Exception {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
