package dev.briefing.ollama;

import dev.briefing.llm.ServerText;
import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.error.ModelCallException;
import dev.briefing.error.ModelUnavailableException;
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
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingException;
import dev.langchain4j.model.output.TokenUsage;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One Ollama model behind the engine's {@link LanguageModel}. Sends non-streaming
 * {@code POST /api/chat} through LangChain4j's {@link OllamaChatModel}, built once and shared by
 * all calls (it is thread-safe). LangChain4j never retries here: the engine owns retries, and
 * every failure is translated once, in {@link #translate}, into the engine's exceptions.
 */
public final class OllamaLanguageModel implements LanguageModel {

    /** A 7B model on a CPU can take minutes for one long chunk. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final String baseUrl;
    private final String modelName;
    private final Duration timeout;
    private final OllamaChatModel chatModel;
    private final OllamaStreamingChatModel streamingModel;

    public OllamaLanguageModel(String baseUrl, String modelName, Duration timeout) {
        this(baseUrl, modelName, timeout, null);
    }

    /** @param canned a client answering from memory instead of the network (the rehearsal), or null */
    private OllamaLanguageModel(String baseUrl, String modelName, Duration timeout,
            dev.langchain4j.http.client.HttpClientBuilder canned) {
        this.baseUrl = OllamaHost.parse(Objects.requireNonNull(baseUrl, "baseUrl")).baseUrl();
        if (modelName == null || modelName.isBlank()) {
            throw new IllegalArgumentException("modelName must not be blank");
        }
        this.modelName = modelName.trim();
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.timeout = timeout;
        Duration connectTimeout = timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT;
        this.chatModel = OllamaChatModel.builder()
                .baseUrl(this.baseUrl)
                .modelName(this.modelName)
                // The read timeout is the whole call: a non-streaming reply sends its headers at the end.
                .httpClientBuilder(canned != null ? canned : Http11.langchain4jClient(this.baseUrl, connectTimeout, timeout))
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                // A direct ChatRequest sends the schema without it (observed with 1.18.1), but
                // AI Services and other callers check the capability before sending one.
                .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                .build();
        // LangChain4j's streaming model does not retry; the engine's RetryPolicy does.
        this.streamingModel = OllamaStreamingChatModel.builder()
                .baseUrl(this.baseUrl)
                .modelName(this.modelName)
                // (The rehearsal's too: a real client would start a selector thread for nothing.)
                .httpClientBuilder(canned != null ? canned : Http11.langchain4jClient(this.baseUrl, connectTimeout, timeout))
                .logRequests(false)
                .logResponses(false)
                .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                .build();
    }

    public OllamaLanguageModel(String baseUrl, String modelName) {
        this(baseUrl, modelName, DEFAULT_TIMEOUT);
    }

    /** An Ollama /api/chat reply as the rehearsal's canned server sends it. */
    static final String REHEARSAL_REPLY = "{\"model\":\"rehearsal\",\"created_at\":\"2026-01-01T00:00:00Z\","
            + "\"message\":{\"role\":\"assistant\",\"content\":\"{\\\"ok\\\":true}\"},\"done\":true,"
            + "\"done_reason\":\"stop\",\"total_duration\":1,\"prompt_eval_count\":1,\"eval_count\":1}";
    private static final java.util.concurrent.atomic.AtomicBoolean REHEARSED =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Sends one chat shaped as the engine's (system and user turns, num_ctx, a JSON schema)
     * through a LangChain4j model of its own whose HTTP client answers from memory, and reads the
     * reply. LangChain4j's first call in a JVM builds its JSON codecs for Ollama's request and
     * reply types (0.09 s of the held-out benchmark run on JDK 17 here, docs/benchmarks.md;
     * JDK 25's AOT cache already holds most of it); done here while the articles are read, the real
     * first call finds them built. Nothing is sent anywhere; once per JVM; any failure only
     * costs the head start.
     *
     * @return whether this call did the rehearsal (false when one ran already)
     */
    public static boolean rehearse() {
        if (!REHEARSED.compareAndSet(false, true)) {
            return false;
        }
        ModelReply reply = rehearsal(body -> { });
        if (!reply.content().contains("ok")) {
            throw new IllegalStateException("the rehearsal's reply was not read back: " + reply.content());
        }
        return true;
    }

    /** One rehearsal chat, its request body handed to {@code sent}; not limited to once. */
    static ModelReply rehearsal(Consumer<String> sent) {
        OllamaLanguageModel model = new OllamaLanguageModel("http://127.0.0.1:11434", "rehearsal",
                Duration.ofSeconds(1), Http11.canned(REHEARSAL_REPLY, sent));
        com.fasterxml.jackson.databind.node.ObjectNode schema = com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.objectNode().put("type", "object");
        schema.putObject("properties").putObject("ok").put("type", "boolean");
        return model.chat(new ModelRequest("rehearsal", List.of(ChatTurn.system("rehearsal"),
                ChatTurn.user("rehearsal")), schema, 2048, 16, 0.0, 1, 2));
    }

    /** {@link #rehearse()} on a daemon thread of its own, so the command goes on meanwhile. */
    public static void rehearseInBackground() {
        if (REHEARSED.get()) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                rehearse();
            } catch (RuntimeException | LinkageError e) {
                // only the head start is lost; the real first call builds what it needs
            }
        }, "rehearsal");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public String modelName() {
        return modelName;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public ModelReply chat(ModelRequest request) {
        ChatRequest chatRequest = toChatRequest(request);
        long start = System.nanoTime();
        ChatResponse response;
        try {
            response = chatModel.chat(chatRequest);
        } catch (RuntimeException e) {
            throw translate(e);
        }
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        return toReply(response, durationMs);
    }

    /**
     * A streamed {@code POST /api/chat} (NDJSON). The timeout bounds the wait for the next
     * piece, not the whole reply: a long answer that keeps coming is not cut off, a server that
     * stops sending is. An error line after streaming began ({@code {"error":"..."}} with
     * status 200) fails the call as retryable; the pieces already handed over are void.
     */
    @Override
    public ModelReply chat(ModelRequest request, Consumer<String> onPartialText) {
        Objects.requireNonNull(onPartialText, "onPartialText");
        ChatRequest chatRequest = toChatRequest(request);
        long start = System.nanoTime();
        AtomicLong lastActivity = new AtomicLong(start);
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        try {
            streamingModel.chat(chatRequest, new StreamingChatResponseHandler() {
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
        return toReply(response, (System.nanoTime() - start) / 1_000_000);
    }

    private ChatResponse await(CompletableFuture<ChatResponse> done, AtomicLong lastActivity) {
        long timeoutNanos = timeout.toNanos();
        while (true) {
            long idle = System.nanoTime() - lastActivity.get();
            long left = timeoutNanos - idle;
            if (left <= 0) {
                done.cancel(true);
                throw new ModelCallException("no reply within " + ServerText.seconds(timeout)
                        + " (the streamed reply stopped)", true, null);
            }
            try {
                return done.get(left, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException stillWaiting) {
                // loop: a piece may have arrived meanwhile, which restarts the wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done.cancel(true);
                throw new BriefingException(ExitCode.INTERRUPTED, "interrupted while waiting for " + modelName, null, e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof OllamaStreamingException streaming) {
                    return failMidStream(streaming);
                }
                if (cause instanceof RuntimeException runtime) {
                    throw translate(runtime);
                }
                throw translate(new RuntimeException(cause));
            }
        }
    }

    private ChatResponse failMidStream(OllamaStreamingException e) {
        String text = OllamaErrors.serverText(e.getMessage());
        if (text.contains("not found") && text.contains("model")) {
            throw OllamaErrors.notPulled(modelName, baseUrl, null, e);
        }
        throw new ModelCallException("Ollama failed mid-reply: " + text, true, e);
    }

    ChatRequest toChatRequest(ModelRequest request) {
        List<ChatMessage> messages = request.messages().stream().map(OllamaLanguageModel::toMessage).toList();
        OllamaChatRequestParameters.Builder parameters = OllamaChatRequestParameters.builder()
                .modelName(modelName)
                .numCtx(request.numCtx())
                .maxOutputTokens(request.numPredict()) // Ollama's options.num_predict
                .temperature(request.temperature());
        if (request.seed() != null) {
            parameters.seed(request.seed());
        }
        if (request.schema() != null) {
            // A ResponseFormat with a JsonRawSchema is sent verbatim as Ollama's "format" object.
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

    private static ChatMessage toMessage(ChatTurn turn) {
        return switch (turn.role()) {
            case SYSTEM -> SystemMessage.from(turn.text());
            case USER -> UserMessage.from(turn.text());
            case ASSISTANT -> AiMessage.from(turn.text());
        };
    }

    private static ModelReply toReply(ChatResponse response, long durationMs) {
        // Content only: a thinking model's message.thinking is not part of the answer.
        AiMessage ai = response.aiMessage();
        String content = ai == null ? "" : ai.text();
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
     * The one place where LangChain4j's exceptions become the engine's. As observed with
     * LangChain4j 1.18.1 and {@code maxRetries(0)} (one HTTP request per call):
     * <ul>
     *   <li>404 → {@code ModelNotFoundException}, 400 → {@code InvalidRequestException}, 500/503 →
     *       {@code InternalServerException}; each wraps an {@code HttpException} whose message is the
     *       raw body {@code {"error":"..."}};
     *   <li>read timeout → {@code TimeoutException} wrapping {@code HttpTimeoutException};
     *   <li>refused connection → a plain {@code RuntimeException} wrapping a message-less
     *       {@code ConnectException};
     *   <li>unknown host → {@code UnresolvedModelServerException} wrapping {@code UnresolvedAddressException};
     *   <li>interrupted → {@code RuntimeException} wrapping {@code InterruptedException}, the flag re-set;
     *   <li>connection reset, or closed with no bytes → {@code RuntimeException} wrapping an
     *       {@code IOException} ("header parser received no bytes") over a {@code SocketException}
     *       or {@code EOFException}: retryable, since a server that is gone then refuses the retry;
     *   <li>a 200 whose body is not JSON → {@code RuntimeException} wrapping Jackson's parse error.
     * </ul>
     */
    BriefingException translate(RuntimeException e) {
        if (e instanceof BriefingException be) {
            return be;
        }
        // Connection failures first: a connect timeout is also an HttpTimeoutException.
        String connection = OllamaErrors.connectionFailure(e);
        if (connection != null) {
            return OllamaErrors.unreachable(baseUrl, connection, e);
        }
        if (e instanceof ModelNotFoundException) {
            return OllamaErrors.notPulled(modelName, baseUrl, null, e);
        }
        if (e instanceof TimeoutException || hasCause(e, HttpTimeoutException.class)) {
            return new ModelCallException("no reply within " + ServerText.seconds(timeout), true, e);
        }
        if (hasCause(e, InterruptedException.class)) {
            Thread.currentThread().interrupt();
            return new BriefingException(ExitCode.INTERRUPTED, "interrupted while waiting for " + modelName, null, e);
        }
        HttpException http = OllamaErrors.httpException(e);
        if (http == null && OllamaErrors.droppedBeforeReply(e)) {
            return new ModelCallException("Ollama at " + baseUrl + " closed the connection before replying "
                    + "(the server may have stopped or restarted)", true, e);
        }
        if (http == null && OllamaErrors.cutOffMidBody(e)) {
            return new ModelCallException("Ollama's reply was cut off mid-way (" + OllamaErrors.cutOffDetail(e)
                    + "); the connection may have dropped", true, e);
        }
        String text = http != null ? OllamaErrors.serverText(http.getMessage()) : null;
        if (http != null && http.statusCode() == 200) {
            // The runner failed after the headers went out: as a 500 would have said, sooner.
            return new ModelCallException("Ollama failed (HTTP 200 with an error body): " + text, true, e);
        }
        if (e instanceof InvalidRequestException) {
            return new ModelCallException("Ollama rejected the request (HTTP " + status(http, 400) + "): " + text, false, e);
        }
        if (e instanceof InternalServerException || e instanceof RateLimitException) {
            return new ModelCallException("Ollama failed (HTTP " + status(http, 500) + "): " + text, true, e);
        }
        if (e instanceof AuthenticationException) {
            return new ModelUnavailableException(
                    "Ollama at " + baseUrl + " refused access (HTTP " + status(http, 401) + "): " + text,
                    "check the proxy or credentials in front of the server", e);
        }
        if (http != null) {
            return new ModelCallException("Ollama answered HTTP " + http.statusCode() + ": " + text, false, e);
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
        return new ModelCallException("unreadable or failed call to Ollama: " + detail, false, e);
    }

    private static int status(HttpException http, int fallback) {
        return http == null ? fallback : http.statusCode();
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
        return "OllamaLanguageModel[" + modelName + " @ " + baseUrl + ", timeout " + ServerText.seconds(timeout) + "]";
    }
}
