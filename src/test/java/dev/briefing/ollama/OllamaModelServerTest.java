package dev.briefing.ollama;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.briefing.ollama.OllamaStubs.baseUrl;
import static dev.briefing.ollama.OllamaStubs.json;
import static dev.briefing.ollama.OllamaStubs.showFor;
import static dev.briefing.ollama.OllamaStubs.showResponse;
import static dev.briefing.ollama.OllamaStubs.stubShow;
import static dev.briefing.ollama.OllamaStubs.stubTags;
import static dev.briefing.ollama.OllamaStubs.stubVersion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.briefing.error.ExitCode;
import dev.briefing.error.ModelUnavailableException;
import dev.briefing.llm.ModelInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OllamaModelServerTest {

    private WireMockServer wm;
    private OllamaModelServer server;

    @BeforeEach
    void start() {
        wm = OllamaStubs.server();
        server = new OllamaModelServer(baseUrl(wm));
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    // ---- ensureReachable ----

    @Test
    void should_pass_and_remember_version_when_server_answers() {
        stubVersion(wm);
        server.ensureReachable();
        assertEquals(OllamaStubs.VERSION, server.serverVersion());
        wm.verify(1, getRequestedFor(urlEqualTo("/api/version")));
        assertEquals("HTTP/1.1", wm.getAllServeEvents().get(0).getRequest().getProtocol());
        assertFalse(wm.getAllServeEvents().get(0).getRequest().containsHeader("Upgrade"));
    }

    @Test
    void should_fail_fast_naming_host_when_port_is_closed() {
        String host = "http://127.0.0.1:" + OllamaStubs.freePort();
        ModelUnavailableException e = assertFailsFast(new OllamaModelServer(host)::ensureReachable);
        assertEquals("cannot reach Ollama at " + host + " (connection refused)", e.getMessage());
        assertTrue(e.hint().contains("ollama serve"), e.hint());
        assertEquals(ExitCode.MODEL_UNAVAILABLE, e.exitCode());
    }

    @Test
    void should_fail_fast_with_unknown_host() {
        ModelUnavailableException e = assertFailsFast(
                new OllamaModelServer("http://no-such-host.invalid:11434")::ensureReachable);
        assertEquals("cannot reach Ollama at http://no-such-host.invalid:11434 (unknown host)", e.getMessage());
        assertTrue(e.hint().contains("ollama serve"), e.hint());
    }

    @Test
    void should_fail_fast_when_server_does_not_answer() {
        wm.stubFor(get("/api/version").willReturn(json(200, "{\"version\":\"0.33.0\"}").withFixedDelay(5000)));
        ModelUnavailableException e = assertFailsFast(server::ensureReachable);
        assertEquals("cannot reach Ollama at " + baseUrl(wm) + " (no answer within 1.5 s)", e.getMessage());
    }

    @Test
    void should_be_unavailable_when_version_is_not_200() {
        wm.stubFor(get("/api/version").willReturn(OllamaStubs.error(503, "server busy")));
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class, server::ensureReachable);
        assertEquals("cannot reach Ollama at " + baseUrl(wm) + " (GET /api/version answered HTTP 503: server busy)",
                e.getMessage());
        assertNull(server.serverVersion());
    }

    @Test
    void should_be_unavailable_when_something_else_listens() {
        wm.stubFor(get("/api/version").willReturn(aResponse().withStatus(200).withBody("<html>hello</html>")));
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class, server::ensureReachable);
        assertTrue(e.getMessage().contains("does not answer like Ollama"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    // ---- models ----

    @Test
    void should_list_pulled_model_names() {
        stubTags(wm, "qwen2.5:7b", "llama3.2:3b", "mistral:latest");
        assertEquals(List.of("qwen2.5:7b", "llama3.2:3b", "mistral:latest"), server.models());
        wm.verify(1, getRequestedFor(urlEqualTo("/api/tags")));
    }

    @Test
    void should_list_nothing_when_nothing_is_pulled() {
        stubTags(wm);
        assertEquals(List.of(), server.models());
    }

    @Test
    void should_report_unreachable_when_listing_models_on_closed_port() {
        String host = "http://127.0.0.1:" + OllamaStubs.freePort();
        ModelUnavailableException e = assertFailsFast(new OllamaModelServer(host)::models);
        assertEquals("cannot reach Ollama at " + host + " (connection refused)", e.getMessage());
    }

    @Test
    void should_not_retry_a_failing_tags_call() {
        wm.stubFor(get("/api/tags").willReturn(OllamaStubs.runnerCrashed()));
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class, server::models);
        assertTrue(e.getMessage().contains("HTTP 500: llama runner process has terminated"), e.getMessage());
        wm.verify(1, getRequestedFor(urlEqualTo("/api/tags")));
    }

    @Test
    void should_say_in_one_line_when_the_tags_reply_is_not_json() {
        wm.stubFor(get("/api/tags").willReturn(aResponse().withStatus(200).withBody("<html>proxy login</html>")));
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class, server::models);
        assertTrue(e.getMessage().contains("failed to list models (its /api/tags reply is not JSON"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    // ---- show ----

    @Test
    void should_read_context_length_from_model_info() {
        stubTags(wm, "llama3.2:3b", "qwen2.5:7b");
        stubShow(wm, "qwen2.5:7b", 32768);
        assertEquals(new ModelInfo("qwen2.5:7b", 32768), server.show("qwen2.5:7b"));
        wm.verify(1, postRequestedFor(urlEqualTo("/api/show")));
    }

    @Test
    void should_treat_name_without_tag_as_latest() {
        stubTags(wm, "qwen2.5:latest");
        stubShow(wm, "qwen2.5:latest", 32768);
        assertEquals(new ModelInfo("qwen2.5:latest", 32768), server.show("qwen2.5"));
    }

    @Test
    void should_list_available_models_when_model_is_not_pulled() {
        stubTags(wm, "llama3.2:3b", "mistral:7b");
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class, () -> server.show("qwen2.5:7b"));
        assertEquals("model 'qwen2.5:7b' is not pulled on " + baseUrl(wm), e.getMessage());
        assertEquals("run 'ollama pull qwen2.5:7b' (available: llama3.2:3b, mistral:7b)", e.hint());
        assertEquals(ExitCode.MODEL_UNAVAILABLE, e.exitCode());
        wm.verify(0, postRequestedFor(urlEqualTo("/api/show")));
    }

    @Test
    void should_say_nothing_is_pulled_yet() {
        stubTags(wm);
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class, () -> server.show("qwen2.5:7b"));
        assertEquals("run 'ollama pull qwen2.5:7b' (no models are pulled yet)", e.hint());
    }

    @Test
    void should_not_match_a_different_tag() {
        stubTags(wm, "qwen2.5:14b");
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class, () -> server.show("qwen2.5"));
        assertEquals("run 'ollama pull qwen2.5' (available: qwen2.5:14b)", e.hint());
    }

    @Test
    void should_say_pull_when_show_answers_404() {
        stubTags(wm, "qwen2.5:7b");
        wm.stubFor(showFor("qwen2.5:7b").willReturn(OllamaStubs.modelNotFound("qwen2.5:7b")));
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class, () -> server.show("qwen2.5:7b"));
        assertEquals("model 'qwen2.5:7b' is not pulled on " + baseUrl(wm), e.getMessage());
        assertTrue(e.hint().startsWith("run 'ollama pull qwen2.5:7b'"), e.hint());
    }

    @Test
    void should_fall_back_to_2048_when_context_length_is_missing() {
        stubTags(wm, "custom:latest");
        wm.stubFor(showFor("custom:latest").willReturn(json(200, showResponse("llama", 0, "completion"))));
        assertEquals(new ModelInfo("custom:latest", 2048), server.show("custom"));
    }

    @Test
    void should_refuse_a_model_that_cannot_chat() {
        stubTags(wm, "bge-m3:latest");
        wm.stubFor(showFor("bge-m3:latest").willReturn(json(200, showResponse("bert", 8192, "embedding"))));
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class, () -> server.show("bge-m3"));
        assertTrue(e.getMessage().contains("cannot chat (capabilities: embedding)"), e.getMessage());
    }

    @Test
    void should_read_a_verbose_card_skipping_its_token_lists() throws Exception {
        // ollama show --verbose lists the tokenizer's tokens inside model_info: read past, not kept.
        MetadataJson.Card card = MetadataJson.card("{\"capabilities\":[\"completion\",\"tools\"],\"model_info\":{"
                + "\"general.architecture\":\"qwen2\",\"tokenizer.ggml.tokens\":[\"a\",\"b\",[1]],"
                + "\"qwen2.context_length\":32768,\"qwen2.rope.freq_base\":1000000.0,\"x\":{\"y\":1}},"
                + "\"details\":{\"family\":\"qwen2\"}}");
        assertEquals(List.of("completion", "tools"), card.capabilities());
        assertEquals(Map.of("general.architecture", "qwen2", "qwen2.context_length", 32768L), card.modelInfo());
        assertEquals(null, MetadataJson.card("{\"model_info\":{}}").capabilities(), "an older server lists none");
        assertThrows(java.io.IOException.class, () -> MetadataJson.card("{\"model_info\":{\"qwen2.context"));
    }

    @Test
    void should_say_what_the_server_answered_when_show_fails_or_is_not_json() {
        stubTags(wm, "qwen2.5:7b");
        wm.stubFor(showFor("qwen2.5:7b").willReturn(json(500, "{\"error\":\"failed to read manifest\"}")));
        ModelUnavailableException failed = assertThrows(ModelUnavailableException.class, () -> server.show("qwen2.5:7b"));
        assertEquals("Ollama at " + baseUrl(wm) + " failed to describe model 'qwen2.5:7b' (HTTP 500: failed to read "
                + "manifest)", failed.getMessage());
        wm.stubFor(showFor("qwen2.5:7b").willReturn(json(200, "<html>proxy error</html>")));
        ModelUnavailableException notJson = assertThrows(ModelUnavailableException.class, () -> server.show("qwen2.5:7b"));
        assertTrue(notJson.getMessage().startsWith("Ollama at " + baseUrl(wm) + " failed to describe model "
                + "'qwen2.5:7b' (its /api/show reply is not JSON: "), notJson.getMessage());
        assertEquals(ExitCode.MODEL_UNAVAILABLE, notJson.exitCode());
        wm.stubFor(showFor("qwen2.5:7b").willReturn(json(200, "{\"error\":\"model is loading\"}")));
        ModelUnavailableException error = assertThrows(ModelUnavailableException.class, () -> server.show("qwen2.5:7b"));
        assertEquals("Ollama at " + baseUrl(wm) + " failed to describe model 'qwen2.5:7b' (model is loading)",
                error.getMessage(), "not a card with the 2048 fallback");
    }

    @Test
    void should_find_context_length_by_architecture_then_any_suffix() {
        assertEquals(32768, OllamaModelServer.contextLength(
                Map.of("general.architecture", "qwen2", "qwen2.context_length", 32768, "x.context_length", 4096)));
        assertEquals(131072, OllamaModelServer.contextLength(
                Map.of("general.architecture", "qwen2", "llama.context_length", 131072)));
        assertEquals(8192, OllamaModelServer.contextLength(Map.of("gemma3.context_length", 8192L)));
        assertEquals(2048, OllamaModelServer.contextLength(Map.of("general.architecture", "qwen2")));
        assertEquals(2048, OllamaModelServer.contextLength(null));
    }

    @Test
    void should_match_names_like_ollama() {
        assertTrue(OllamaModelServer.sameModel("qwen2.5:latest", "qwen2.5"));
        assertTrue(OllamaModelServer.sameModel("Qwen2.5:7B", "qwen2.5:7b"));
        assertTrue(OllamaModelServer.sameModel("registry.local:5000/ns/m:latest", "registry.local:5000/ns/m"));
        assertFalse(OllamaModelServer.sameModel("qwen2.5:7b", "qwen2.5"));
    }

    private static ModelUnavailableException assertFailsFast(Runnable call) {
        long start = System.nanoTime();
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class, call::run);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.toMillis() < 2000, "took " + took.toMillis() + " ms");
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }
}
