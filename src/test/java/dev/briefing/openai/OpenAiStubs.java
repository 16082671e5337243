package dev.briefing.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.List;

/**
 * Test doubles of the two OpenAI-compatible servers users run most, over real HTTP, true to
 * docs/openai-api.md: vLLM (0.x, {@code vllm serve}) and llama.cpp's {@code llama-server}. Each
 * dialect has its own {@code /v1/models}, reply and chunk fields, usage placement and error body.
 * {@code var s = OpenAiStubs.server(); stubModels(s, Dialect.VLLM, "Qwen/Qwen2.5-7B-Instruct", 32768);
 * stubChat(s, chatCompletion(Dialect.VLLM, "{...}", 26, 237, "stop"));}
 */
public final class OpenAiStubs {

    public static final String JSON_CONTENT = "application/json";
    public static final String VLLM_MODEL = "Qwen/Qwen2.5-7B-Instruct";
    public static final String LLAMA_MODEL = "qwen2.5-7b-instruct-q4_k_m.gguf";
    static final long CREATED = 1_795_420_800L;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which server a stub imitates. */
    public enum Dialect { VLLM, LLAMA_SERVER }

    private OpenAiStubs() {
    }

    /** A started WireMock on a free port, HTTP/1.1 only (uvicorn and llama-server speak no h2c). */
    public static WireMockServer server() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().http2PlainDisabled(true));
        server.start();
        return server;
    }

    public static String baseUrl(WireMockServer server) {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    // ---- GET /v1/models ----

    /** {@code maxModelLen <= 0}: vLLM always says it, so only llama-server's body goes without. */
    public static void stubModels(WireMockServer server, Dialect dialect, String model, int maxModelLen) {
        server.stubFor(get("/v1/models").willReturn(json(200, modelsResponse(dialect, model, maxModelLen))));
    }

    public static String modelsResponse(Dialect dialect, String model, int maxModelLen) {
        ObjectNode root = JSON.createObjectNode();
        if (dialect == Dialect.LLAMA_SERVER) {
            // llama-server adds an Ollama-like "models" list beside "data".
            ArrayNode models = root.putArray("models");
            ObjectNode m = models.addObject();
            m.put("name", model);
            m.put("model", model);
            m.put("modified_at", "");
            m.put("size", "");
            m.put("digest", "");
            m.put("type", "model");
            m.put("description", "");
            m.putArray("tags").add("");
            m.putArray("capabilities").add("completion");
            m.put("parameters", "");
            ObjectNode details = m.putObject("details");
            details.put("parent_model", "");
            details.put("format", "gguf");
            details.put("family", "");
            details.putArray("families").add("");
            details.put("parameter_size", "");
            details.put("quantization_level", "");
        }
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        ObjectNode card = data.addObject();
        card.put("id", model);
        card.put("object", "model");
        card.put("created", CREATED);
        if (dialect == Dialect.VLLM) {
            card.put("owned_by", "vllm");
            card.put("root", model);
            card.putNull("parent");
            if (maxModelLen > 0) {
                card.put("max_model_len", maxModelLen);
            }
            ObjectNode permission = card.putArray("permission").addObject();
            permission.put("id", "modelperm-5f1c0c54a4b84c8c9c1c2b9b1fb0e3f4");
            permission.put("object", "model_permission");
            permission.put("created", CREATED);
            permission.put("allow_create_engine", false);
            permission.put("allow_sampling", true);
            permission.put("allow_logprobs", true);
            permission.put("allow_search_indices", false);
            permission.put("allow_view", true);
            permission.put("allow_fine_tuning", false);
            permission.put("organization", "*");
            permission.putNull("group");
            permission.put("is_blocking", false);
        } else {
            card.put("owned_by", "llamacpp");
            ObjectNode meta = card.putObject("meta");
            meta.put("vocab_type", 2);
            meta.put("n_vocab", 152064);
            meta.put("n_ctx_train", 32768);
            meta.put("n_embd", 3584);
            meta.put("n_params", 7615616512L);
            meta.put("size", 4677120000L);
        }
        return root.toString();
    }

    // ---- POST /v1/chat/completions, non-streaming ----

    public static void stubChat(WireMockServer server, String body) {
        server.stubFor(chat().willReturn(json(200, body)));
    }

    /** Matches non-streaming calls only (LangChain4j sends "stream": false). */
    public static MappingBuilder chat() {
        return post("/v1/chat/completions").withRequestBody(matchingJsonPath("$[?(@.stream == false)]"));
    }

    public static MappingBuilder streamingChat() {
        return post("/v1/chat/completions").withRequestBody(matchingJsonPath("$[?(@.stream == true)]"));
    }

    /** A {@code chat.completion} as the dialect sends it; {@code finishReason} "stop" or "length". */
    public static String chatCompletion(Dialect dialect, String content, int promptTokens, int completionTokens,
            String finishReason) {
        ObjectNode root = JSON.createObjectNode();
        if (dialect == Dialect.VLLM) {
            root.put("id", "chatcmpl-9f0e8d7c6b5a4f3e8d2c1b0a9f8e7d6c");
            root.put("object", "chat.completion");
            root.put("created", CREATED);
            root.put("model", VLLM_MODEL);
            ObjectNode choice = root.putArray("choices").addObject();
            choice.put("index", 0);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.putNull("reasoning_content");
            message.put("content", content);
            message.putArray("tool_calls");
            choice.putNull("logprobs");
            choice.put("finish_reason", finishReason);
            choice.putNull("stop_reason");
            usage(root.putObject("usage"), promptTokens, completionTokens).putNull("prompt_tokens_details");
            root.putNull("prompt_logprobs");
        } else {
            ObjectNode choice = root.putArray("choices").addObject();
            choice.put("finish_reason", finishReason);
            choice.put("index", 0);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", content);
            root.put("created", CREATED);
            root.put("model", LLAMA_MODEL);
            root.put("system_fingerprint", "b6500-3f5a1c2d");
            root.put("object", "chat.completion");
            usage(root.putObject("usage"), promptTokens, completionTokens);
            root.put("id", "chatcmpl-Kq3xv0bYV9mZ2sTn8cLrWd1A6hPfGeUo");
            timings(root.putObject("timings"), promptTokens, completionTokens);
        }
        return root.toString();
    }

    // ---- POST /v1/chat/completions, "stream": true (SSE) ----

    public static void stubStreamingChat(WireMockServer server, String sseBody) {
        server.stubFor(streamingChat().willReturn(sse(sseBody)));
    }

    /**
     * The SSE body of a streamed reply cut into {@code pieces}. vLLM opens with a role-only delta,
     * ends the choice with {@code finish_reason}, then (asked for with stream_options.include_usage,
     * which LangChain4j sends) a chunk with empty {@code choices} and the usage; llama-server puts
     * the usage and its timings on the chunk that carries {@code finish_reason}.
     */
    public static String sseReply(Dialect dialect, List<String> pieces, int promptTokens, int completionTokens,
            String finishReason) {
        StringBuilder out = new StringBuilder();
        if (dialect == Dialect.VLLM) {
            out.append(event(vllmChunk(JSON.createObjectNode().put("role", "assistant").put("content", ""), null)));
            for (String piece : pieces) {
                out.append(event(vllmChunk(JSON.createObjectNode().put("content", piece), null)));
            }
            out.append(event(vllmChunk(JSON.createObjectNode().put("content", ""), finishReason)));
            ObjectNode usage = vllmChunkRoot();
            usage.putArray("choices");
            usage(usage.putObject("usage"), promptTokens, completionTokens);
            out.append(event(usage));
        } else {
            for (int i = 0; i < pieces.size(); i++) {
                ObjectNode delta = JSON.createObjectNode();
                if (i == 0) {
                    delta.put("role", "assistant");
                }
                delta.put("content", pieces.get(i));
                out.append(event(llamaChunk(delta, null)));
            }
            ObjectNode last = llamaChunk(JSON.createObjectNode(), finishReason);
            usage(last.putObject("usage"), promptTokens, completionTokens);
            timings(last.putObject("timings"), promptTokens, completionTokens);
            out.append(event(last));
        }
        out.append("data: [DONE]\n\n");
        return out.toString();
    }

    /** A streamed reply that fails after its first pieces, as vLLM reports an engine error mid-stream. */
    public static String sseFailingAfter(List<String> pieces, String message) {
        StringBuilder out = new StringBuilder();
        out.append(event(vllmChunk(JSON.createObjectNode().put("role", "assistant").put("content", ""), null)));
        for (String piece : pieces) {
            out.append(event(vllmChunk(JSON.createObjectNode().put("content", piece), null)));
        }
        ObjectNode error = JSON.createObjectNode();
        ObjectNode inner = error.putObject("error");
        inner.put("message", message);
        inner.put("type", "InternalServerError");
        inner.putNull("param");
        inner.put("code", 500);
        out.append(event(error));
        out.append("data: [DONE]\n\n");
        return out.toString();
    }

    private static ObjectNode vllmChunkRoot() {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f");
        root.put("object", "chat.completion.chunk");
        root.put("created", CREATED);
        root.put("model", VLLM_MODEL);
        return root;
    }

    private static ObjectNode vllmChunk(ObjectNode delta, String finishReason) {
        ObjectNode root = vllmChunkRoot();
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
            choice.putNull("stop_reason");
        }
        return root;
    }

    private static ObjectNode llamaChunk(ObjectNode delta, String finishReason) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode choice = root.putArray("choices").addObject();
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        choice.put("index", 0);
        choice.set("delta", delta);
        root.put("created", CREATED);
        root.put("id", "chatcmpl-Kq3xv0bYV9mZ2sTn8cLrWd1A6hPfGeUo");
        root.put("model", LLAMA_MODEL);
        root.put("system_fingerprint", "b6500-3f5a1c2d");
        root.put("object", "chat.completion.chunk");
        return root;
    }

    private static String event(ObjectNode data) {
        return "data: " + data + "\n\n";
    }

    private static ObjectNode usage(ObjectNode usage, int promptTokens, int completionTokens) {
        usage.put("prompt_tokens", promptTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        usage.put("completion_tokens", completionTokens);
        return usage;
    }

    private static void timings(ObjectNode timings, int promptTokens, int completionTokens) {
        timings.put("prompt_n", promptTokens);
        timings.put("prompt_ms", 41.2);
        timings.put("prompt_per_token_ms", 41.2 / Math.max(1, promptTokens));
        timings.put("prompt_per_second", promptTokens / 0.0412);
        timings.put("predicted_n", completionTokens);
        timings.put("predicted_ms", 3120.5);
        timings.put("predicted_per_token_ms", 3120.5 / Math.max(1, completionTokens));
        timings.put("predicted_per_second", completionTokens / 3.1205);
    }

    // ---- error bodies ----

    /** vLLM's ErrorResponse: {@code {"object":"error","message":..,"type":..,"param":..,"code":..}}. */
    public static String vllmError(String message, String type, int code) {
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "error");
        root.put("message", message);
        root.put("type", type);
        root.putNull("param");
        root.put("code", code);
        return root.toString();
    }

    /** llama-server's: {@code {"error":{"code":..,"message":..,"type":..}}}. */
    public static String llamaError(int code, String message, String type) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        error.put("type", type);
        return root.toString();
    }

    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", JSON_CONTENT).withBody(body);
    }

    public static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream; charset=utf-8")
                .withHeader("Cache-Control", "no-cache").withBody(body);
    }
}
