package dev.briefing.openai;

import dev.briefing.llm.ServerText;
import com.fasterxml.jackson.databind.JsonNode;
import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.error.ModelCallException;
import dev.briefing.llm.ChatTurn;
import dev.briefing.llm.FinishReason;
import dev.briefing.llm.LanguageModel;
import dev.briefing.llm.ModelReply;
import dev.briefing.llm.ModelRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.TokenUsage;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One model on an OpenAI-compatible server behind the engine's {@link LanguageModel}, through
 * LangChain4j's {@link OpenAiChatModel} ({@code POST /v1/chat/completions}) and
 * {@link OpenAiStreamingChatModel} (the same with {@code "stream": true}, answered as SSE).
 *
 * <p>A request's schema goes as {@code response_format: {"type":"json_schema", ...}}, which vLLM
 * (guided decoding), SGLang, llama-server (grammar) and LM Studio all constrain generation by.
 * {@code "strict": true} is sent when the schema is one OpenAI's strict mode accepts (every object
 * closed with {@code additionalProperties: false} and every property required); servers that do not
 * know the flag ignore it. There is no {@code num_ctx} in this API: the server's window is fixed
 * when it starts, so the request's {@code numCtx} only sized the chunk.
 */
public final class OpenAiLanguageModel implements LanguageModel {

    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final String baseUrl;
    private final String modelName;
    private final Duration timeout;
    private final OpenAiChatModel strictChat;
    private final OpenAiChatModel laxChat;
    private final OpenAiStreamingChatModel strictStreaming;
    private final OpenAiStreamingChatModel laxStreaming;

    /** @param apiKey sent as {@code Authorization: Bearer}, or nothing when null (local servers need none) */
    public OpenAiLanguageModel(OpenAiHost host, String modelName, Duration timeout, String apiKey) {
        this.baseUrl = Objects.requireNonNull(host, "host").baseUrl();
        if (modelName == null || modelName.isBlank()) {
            throw new IllegalArgumentException("modelName must not be blank");
        }
        this.modelName = modelName.strip();
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.timeout = timeout;
        // LangChain4j's OpenAI client sends no Authorization header for a null key; some gateways
        // then answer 401, which is reported as such.
        String key = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        Duration connect = timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT;
        this.strictChat = chatModel(key, connect, true);
        this.laxChat = chatModel(key, connect, false);
        this.strictStreaming = streamingModel(key, connect, true);
        this.laxStreaming = streamingModel(key, connect, false);
    }

    private OpenAiChatModel chatModel(String key, Duration connect, boolean strict) {
        return OpenAiChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey(key)
                .modelName(modelName)
                .httpClientBuilder(OpenAiErrors.http11(baseUrl, connect, timeout))
                .maxRetries(0)
                .strictJsonSchema(strict)
                .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                .logRequests(false)
                .logResponses(false)
                .build();
    }

    private OpenAiStreamingChatModel streamingModel(String key, Duration connect, boolean strict) {
        return OpenAiStreamingChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey(key)
                .modelName(modelName)
                .httpClientBuilder(OpenAiErrors.http11(baseUrl, connect, timeout))
                .strictJsonSchema(strict)
                .logRequests(false)
                .logResponses(false)
                .build();
    }

    @Override
    public String modelName() {
        return modelName;
    }

    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public ModelReply chat(ModelRequest request) {
        ChatRequest chatRequest = toChatRequest(request);
        long start = System.nanoTime();
        ChatResponse response;
        try {
            response = (strict(request.schema()) ? strictChat : laxChat).chat(chatRequest);
        } catch (RuntimeException e) {
            throw translate(e);
        }
        return toReply(response, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * A streamed call. The timeout bounds the wait for the next piece, not the whole reply; an
     * error after streaming began fails the call as retryable and the pieces handed over are void.
     */
    @Override
    public ModelReply chat(ModelRequest request, Consumer<String> onPartialText) {
        Objects.requireNonNull(onPartialText, "onPartialText");
        ChatRequest chatRequest = toChatRequest(request);
        long start = System.nanoTime();
        AtomicLong lastActivity = new AtomicLong(start);
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        try {
            (strict(request.schema()) ? strictStreaming : laxStreaming).chat(chatRequest,
                    new StreamingChatResponseHandler() {
                        @Override
                        public void onPartialResponse(String piece) {
                            lastActivity.set(System.nanoTime());
                            if (done.isDone() || piece == null || piece.isEmpty()) {
                                return;
                            }
                            try {
                                onPartialText.accept(piece);
                            } catch (RuntimeException e) {
                                done.completeExceptionally(e);
                            }
                        }

                        @Override
                        public void onCompleteResponse(ChatResponse response) {
                            done.complete(response);
                        }

                        @Override
                        public void onError(Throwable error) {
                            done.completeExceptionally(error);
                        }
                    });
        } catch (RuntimeException e) {
            throw translate(e);
        }
        ChatResponse response = await(done, lastActivity);
        if (response.finishReason() == null) {
            // vLLM reports an engine failure mid-stream as a data: {"error":...} event, then [DONE];
            // LangChain4j skips that event and completes what came before it as if it were whole.
            throw new ModelCallException("the server at " + baseUrl + " broke the streamed reply off "
                    + "(no finish_reason; the server log says why)", true, null);
        }
        return toReply(response, (System.nanoTime() - start) / 1_000_000);
    }

    private ChatResponse await(CompletableFuture<ChatResponse> done, AtomicLong lastActivity) {
        long timeoutNanos = timeout.toNanos();
        while (true) {
            long left = timeoutNanos - (System.nanoTime() - lastActivity.get());
            if (left <= 0) {
                done.cancel(true);
                throw new ModelCallException("no reply within " + ServerText.seconds(timeout)
                        + " (the streamed reply stopped)", true, null);
            }
            try {
                return done.get(left, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException stillWaiting) {
                // a piece may have arrived meanwhile, which restarts the wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done.cancel(true);
                throw new BriefingException(ExitCode.INTERRUPTED, "interrupted while waiting for " + modelName, null, e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw translate(cause instanceof RuntimeException r ? r : new RuntimeException(cause));
            }
        }
    }

    ChatRequest toChatRequest(ModelRequest request) {
        List<ChatMessage> messages = request.messages().stream().map(OpenAiLanguageModel::toMessage).toList();
        OpenAiChatRequestParameters.Builder parameters = OpenAiChatRequestParameters.builder()
                .modelName(modelName)
                .maxOutputTokens(request.numPredict())
                .temperature(request.temperature());
        if (request.seed() != null) {
            parameters.seed(request.seed());
        }
        if (request.schema() != null) {
            parameters.responseFormat(ResponseFormat.builder()
                    .type(ResponseFormatType.JSON)
                    .jsonSchema(JsonSchema.builder()
                            .name("reply")
                            .rootElement(JsonRawSchema.from(request.schema().toString()))
                            .build())
                    .build());
        }
        return ChatRequest.builder().messages(messages).parameters(parameters.build()).build();
    }

    /**
     * Whether OpenAI's strict structured outputs accept this schema: every object lists all its
     * properties as required and closes the rest ({@code additionalProperties: false}).
     */
    static boolean strict(JsonNode schema) {
        if (schema == null) {
            return false;
        }
        if (schema.isArray()) {
            for (JsonNode item : schema) {
                if (!strict(item) && item.isContainerNode()) {
                    return false;
                }
            }
            return true;
        }
        if (!schema.isObject()) {
            return true;
        }
        JsonNode properties = schema.get("properties");
        if (properties != null && properties.isObject() || "object".equals(schema.path("type").asText())) {
            JsonNode additional = schema.get("additionalProperties");
            if (additional == null || !additional.isBoolean() || additional.asBoolean()) {
                return false;
            }
            JsonNode required = schema.path("required");
            int count = properties == null ? 0 : properties.size();
            if (count != (required.isArray() ? required.size() : 0)) {
                return false;
            }
            if (properties != null) {
                for (Iterator<String> names = properties.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    boolean listed = false;
                    for (JsonNode r : required) {
                        listed |= r.asText().equals(name);
                    }
                    if (!listed) {
                        return false;
                    }
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = schema.fields(); fields.hasNext(); ) {
            JsonNode child = fields.next().getValue();
            if (child.isContainerNode() && !strict(child)) {
                return false;
            }
        }
        return true;
    }

    private static ChatMessage toMessage(ChatTurn turn) {
        return switch (turn.role()) {
            case SYSTEM -> SystemMessage.from(turn.text());
            case USER -> UserMessage.from(turn.text());
            case ASSISTANT -> AiMessage.from(turn.text());
        };
    }

    private static ModelReply toReply(ChatResponse response, long durationMs) {
        // Content only: a reasoning model's reasoning_content is not part of the answer.
        AiMessage ai = response.aiMessage();
        String content = ai == null || ai.text() == null ? "" : ai.text();
        TokenUsage usage = response.tokenUsage();
        int promptTokens = usage == null || usage.inputTokenCount() == null ? -1 : usage.inputTokenCount();
        int completionTokens = usage == null || usage.outputTokenCount() == null ? -1 : usage.outputTokenCount();
        return new ModelReply(content, promptTokens, completionTokens, finishReason(response.finishReason()),
                Math.max(0, durationMs));
    }

    private static FinishReason finishReason(dev.langchain4j.model.output.FinishReason reason) {
        if (reason == null) {
            return FinishReason.OTHER;
        }
        return switch (reason) {
            case STOP -> FinishReason.STOP;
            case LENGTH -> FinishReason.LENGTH;
            default -> FinishReason.OTHER;
        };
    }

    /**
     * The one place where LangChain4j's exceptions become the engine's. LangChain4j maps statuses
     * to exception types; the status itself decides here, read from the {@link HttpException}:
     * 401/403 exit 3 (the key), 404 exit 3 (the model: vLLM answers an unknown model so), 429 and
     * 5xx retryable (vLLM and llama-server answer 503 while loading or when their queue is full),
     * any other 4xx not retryable (the request itself is wrong: context overflow is a 400).
     */
    BriefingException translate(RuntimeException e) {
        if (e instanceof BriefingException be) {
            return be;
        }
        String connection = OpenAiErrors.connectionFailure(e);
        if (connection != null) {
            return OpenAiErrors.unreachable(baseUrl, connection, e);
        }
        HttpException http = OpenAiErrors.httpException(e);
        if (http != null) {
            int status = http.statusCode();
            String text = OpenAiErrors.serverText(http.getMessage());
            if (status == 401 || status == 403 || e instanceof AuthenticationException) {
                return OpenAiErrors.refused(baseUrl, status, text, e);
            }
            if (status == 404 || e instanceof ModelNotFoundException) {
                return OpenAiErrors.unknownModel(modelName, baseUrl, null, e);
            }
            if (status == 429 || status >= 500) {
                return new ModelCallException("the server at " + baseUrl + " answered HTTP " + status + ": " + text,
                        true, e);
            }
            return new ModelCallException("the server at " + baseUrl + " rejected the request (HTTP " + status + "): "
                    + text, false, e);
        }
        if (e instanceof TimeoutException || hasCause(e, HttpTimeoutException.class)) {
            return new ModelCallException("no reply within " + ServerText.seconds(timeout), true, e);
        }
        if (hasCause(e, InterruptedException.class)) {
            Thread.currentThread().interrupt();
            return new BriefingException(ExitCode.INTERRUPTED, "interrupted while waiting for " + modelName, null, e);
        }
        if (OpenAiErrors.droppedBeforeReply(e)) {
            return new ModelCallException("the server at " + baseUrl + " closed the connection before replying "
                    + "(it may have stopped or restarted)", true, e);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = ServerText.oneLine(root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage());
        if (detail.length() > 200) {
            detail = detail.substring(0, 200) + "...";
        }
        return new ModelCallException("unreadable or failed call to " + baseUrl + ": " + detail, false, e);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "OpenAiLanguageModel[" + modelName + " @ " + baseUrl + ", timeout " + ServerText.seconds(timeout) + "]";
    }
}
