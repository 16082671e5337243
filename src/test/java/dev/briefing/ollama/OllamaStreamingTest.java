package dev.briefing.ollama;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.briefing.ollama.OllamaStubs.baseUrl;
import static dev.briefing.ollama.OllamaStubs.ndjson;
import static dev.briefing.ollama.OllamaStubs.pieces;
import static dev.briefing.ollama.OllamaStubs.streamedChat;
import static dev.briefing.ollama.OllamaStubs.streamedError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.briefing.error.ModelCallException;
import dev.briefing.error.ModelUnavailableException;
import dev.briefing.llm.ChatTurn;
import dev.briefing.llm.FinishReason;
import dev.briefing.llm.ModelReply;
import dev.briefing.llm.ModelRequest;
import dev.briefing.llm.RetryPolicy;
import dev.briefing.llm.StructuredCaller;
import dev.briefing.llm.UsageMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Streamed {@code POST /api/chat} (NDJSON) through LangChain4j's streaming client, against WireMock. */
class OllamaStreamingTest {
    private static final String MODEL = "qwen2.5:7b";
    private static final String ANSWER = "{\"summary\": \"普京与特朗普通电话。\", \"keyPoints\": []}";
    private WireMockServer wm;
    private OllamaLanguageModel model;

    @BeforeEach
    void start() {
        wm = OllamaStubs.server();
        model = new OllamaLanguageModel(baseUrl(wm), MODEL, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private static ModelRequest request() throws Exception {
        return new ModelRequest("summarize 000 chunk 1/1", List.of(ChatTurn.system("s"), ChatTurn.user("u")),
                new ObjectMapper().readTree("{\"type\":\"object\"}"), 8192, 1024, 0.1, 42, 20);
    }

    @Test
    void should_hand_over_each_piece_and_return_the_whole_reply_with_the_servers_counters() throws Exception {
        wm.stubFor(post("/api/chat").willReturn(ndjson(streamedChat(pieces(ANSWER, 5), 412, 37, "stop"))));
        List<String> seen = new ArrayList<>();
        ModelReply reply = model.chat(request(), seen::add);
        assertEquals(pieces(ANSWER, 5), seen);
        assertEquals(ANSWER, reply.content());
        assertEquals(412, reply.promptTokens());
        assertEquals(37, reply.completionTokens());
        assertEquals(FinishReason.STOP, reply.finishReason());
        wm.verify(postRequestedFor(urlEqualTo("/api/chat"))
                .withRequestBody(matchingJsonPath("$.stream", com.github.tomakehurst.wiremock.client.WireMock.equalTo("true")))
                .withRequestBody(matchingJsonPath("$.options.num_ctx", com.github.tomakehurst.wiremock.client.WireMock.equalTo("8192")))
                .withRequestBody(matchingJsonPath("$.format.type", com.github.tomakehurst.wiremock.client.WireMock.equalTo("object"))));
    }

    @Test
    void should_report_a_reply_cut_off_at_the_output_limit() throws Exception {
        wm.stubFor(post("/api/chat").willReturn(ndjson(streamedChat(pieces("{\"summary\": \"普京", 4), 412, 1024,
                "length"))));
        ModelReply reply = model.chat(request(), piece -> { });
        assertEquals(FinishReason.LENGTH, reply.finishReason());
        assertEquals("{\"summary\": \"普京", reply.content());
    }

    @Test
    void should_fail_retryably_on_an_error_line_after_streaming_began() throws Exception {
        wm.stubFor(post("/api/chat").willReturn(ndjson(streamedError(pieces(ANSWER.substring(0, 20), 5),
                "llama runner process has terminated: exit status 2"))));
        List<String> seen = new ArrayList<>();
        ModelCallException e = assertThrows(ModelCallException.class, () -> model.chat(request(), seen::add));
        assertTrue(e.retryable());
        assertEquals("Ollama failed mid-reply: llama runner process has terminated: exit status 2", e.getMessage());
        assertEquals(4, seen.size(), "the pieces before the error were handed over; the caller discards them");
    }

    @Test
    void should_discard_the_partial_reply_and_retry_after_an_error_line() throws Exception {
        wm.stubFor(post("/api/chat").inScenario("crash").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(ndjson(streamedError(pieces(ANSWER.substring(0, 20), 5), "llama runner process has terminated")))
                .willSetStateTo("up"));
        wm.stubFor(post("/api/chat").inScenario("crash").whenScenarioStateIs("up")
                .willReturn(ndjson(streamedChat(pieces(ANSWER, 6), 412, 37, "stop"))));
        StringBuilder shown = new StringBuilder();
        List<String> restarts = new ArrayList<>();
        UsageMeter meter = new UsageMeter();
        StructuredCaller caller = new StructuredCaller(model, new RetryPolicy(2, Duration.ZERO, d -> { }), meter);
        StructuredCaller.Result r = caller.call(request(), new StructuredCaller.Stream() {
            @Override
            public void text(String piece) {
                shown.append(piece);
            }

            @Override
            public void restart(String reason) {
                restarts.add(reason);
                shown.setLength(0);
            }
        });
        assertEquals("普京与特朗普通电话。", r.value().get("summary").asText());
        assertEquals(ANSWER, shown.toString());
        assertEquals(List.of("Ollama failed mid-reply: llama runner process has terminated; retrying"), restarts);
        assertEquals(2, meter.calls().get(0).attempts());
        assertEquals(412, meter.calls().get(0).promptTokens());
    }

    @Test
    void should_say_the_model_is_not_pulled_on_404() throws Exception {
        wm.stubFor(post("/api/chat").willReturn(OllamaStubs.modelNotFound(MODEL)));
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class, () -> model.chat(request(), p -> { }));
        assertTrue(e.getMessage().startsWith("model 'qwen2.5:7b' is not pulled"), e.getMessage());
    }

    @Test
    void should_fail_retryably_on_503_before_streaming() throws Exception {
        wm.stubFor(post("/api/chat").willReturn(OllamaStubs.serverBusy()));
        ModelCallException e = assertThrows(ModelCallException.class, () -> model.chat(request(), p -> { }));
        assertTrue(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().contains("503"), e.getMessage());
    }

    @Test
    void should_say_the_server_cannot_be_reached() throws Exception {
        OllamaLanguageModel gone = new OllamaLanguageModel("http://127.0.0.1:" + OllamaStubs.freePort(), MODEL,
                Duration.ofSeconds(5));
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class, () -> gone.chat(request(), p -> { }));
        assertTrue(e.getMessage().startsWith("cannot reach Ollama at http://127.0.0.1:"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(connection refused)"), e.getMessage());
    }

    @Test
    void should_give_up_on_a_stream_that_stops_sending() throws Exception {
        OllamaLanguageModel impatient = new OllamaLanguageModel(baseUrl(wm), MODEL, Duration.ofMillis(700));
        wm.stubFor(post("/api/chat").willReturn(ndjson(streamedChat(pieces(ANSWER, 5), 412, 37, "stop"))
                .withFixedDelay(3000)));
        ModelCallException e = assertThrows(ModelCallException.class, () -> impatient.chat(request(), p -> { }));
        assertTrue(e.retryable());
        assertTrue(e.getMessage().startsWith("no reply within 0.7 s"), e.getMessage());
    }
}
