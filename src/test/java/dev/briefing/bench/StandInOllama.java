package dev.briefing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.briefing.chunk.TokenEstimator;
import dev.briefing.ollama.OllamaStubs;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A stand-in for an Ollama server, for measuring the engine without a model: real HTTP
 * (so LangChain4j's client and the engine's concurrency are what is measured), replies built
 * from the prompt by {@link StandInReplies}, and the time a real server takes per
 * {@link Timing}. At most {@code parallel} chats run at once, like {@code OLLAMA_NUM_PARALLEL};
 * the rest wait in arrival order, like Ollama's queue.
 *
 * <p>Prompt and output tokens are counted with the engine's own {@link TokenEstimator} (a
 * deliberate over-count of a Qwen tokenizer), and {@code prompt_eval_count} / {@code eval_count}
 * report exactly what was charged. A prompt longer than {@code num_ctx} is cut as Ollama cuts
 * it (a normal reply that counts only the window) and flagged in the call log.
 *
 * <p>Besides Ollama's endpoints it has {@code POST /bench/reset?parallel=P&scale=S} (empty the
 * call log, set the limit and time scale) and {@code GET /bench/calls} (the call log as JSON),
 * so the benchmark can run it as a separate process: {@code main} prints {@code port N}.
 */
public final class StandInOllama implements AutoCloseable {
    public static final String MODEL = "qwen2.5:7b";
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // Ollama answers with Nagle's algorithm off: Go sets TCP_NODELAY on every connection
        // (net.TCPConn.SetNoDelay: "the default is true"). The JDK's server leaves it on unless told: a
        // reply's body then waited for the client to acknowledge its headers, up to the 40 ms of
        // Linux's delayed ACK, which the benchmark counted as the engine's (docs/benchmarks.md).
        // Read once per JVM, when the first HttpServer starts: so set here, before any.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** One chat as the stand-in served it; times in nanoseconds from the last reset. */
    public record CallLog(String kind, int promptTokens, int outputTokens, int numCtx, boolean overflow,
            long modelNanos, long queuedNanos, long startNanos, long endNanos) {
    }

    private final HttpServer server;
    private final ExecutorService handlers;
    private final StandInReplies replies;
    private final int contextLength;
    private final Object lock = new Object();
    private volatile Semaphore permits;
    private volatile Timing timing;
    private volatile int parallel;
    private volatile long epoch;
    private final List<CallLog> log = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    private StandInOllama(int port, int parallel, Timing timing, int contextLength, StandInReplies replies)
            throws IOException {
        this.replies = Objects.requireNonNull(replies, "replies");
        this.contextLength = contextLength;
        reset(parallel, timing);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        // Every connection gets a thread, so queued requests wait on the permits, not on the accept loop.
        handlers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stand-in-ollama");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    public static StandInOllama start(int parallel, Timing timing) {
        return start(0, parallel, timing, 32768, StandInReplies.forBriefing());
    }

    public static StandInOllama start(int port, int parallel, Timing timing, int contextLength,
            StandInReplies replies) {
        try {
            return new StandInOllama(port, parallel, timing, contextLength, replies);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Empties the call log and sets the concurrency limit and timing for what follows. */
    public void reset(int parallel, Timing timing) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1: " + parallel);
        }
        synchronized (lock) {
            this.permits = new Semaphore(parallel, true);
            this.parallel = parallel;
            this.timing = Objects.requireNonNull(timing, "timing");
            this.epoch = System.nanoTime();
            log.clear();
            maxInFlight.set(0);
        }
    }

    /** System.nanoTime() at the last reset; call times count from it (the same clock in every JVM on Linux). */
    public long epochNanos() {
        return epoch;
    }

    public int parallel() {
        return parallel;
    }

    public Timing timing() {
        return timing;
    }

    public List<CallLog> calls() {
        synchronized (lock) {
            return List.copyOf(log);
        }
    }

    /** The most chats that were ever being served at once since the last reset. */
    public int maxConcurrent() {
        return maxInFlight.get();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            switch (method + " " + path) {
                case "GET /api/version" -> send(exchange, 200, "{\"version\":\"0.33.0\"}");
                case "GET /api/tags" -> send(exchange, 200, OllamaStubs.tagsResponse(MODEL));
                case "POST /api/show" -> {
                    JsonNode body = JSON.readTree(exchange.getRequestBody());
                    String name = body.path("model").asText(body.path("name").asText(""));
                    if (!served(name)) {
                        send(exchange, 404, error("model '" + name + "' not found"));
                    } else {
                        send(exchange, 200, OllamaStubs.showResponse("qwen2", contextLength, "completion", "tools"));
                    }
                }
                case "POST /api/chat" -> chat(exchange, false);
                // The same server as an OpenAI-compatible one (vLLM's dialect), at /v1.
                case "GET /v1/models" -> send(exchange, 200, dev.briefing.openai.OpenAiStubs.modelsResponse(
                        dev.briefing.openai.OpenAiStubs.Dialect.VLLM, MODEL, contextLength));
                case "POST /v1/chat/completions" -> chat(exchange, true);
                case "POST /bench/reset" -> {
                    replies.forgetSummaries();
                    Map<String, String> q = query(exchange.getRequestURI());
                    Timing t = timing;
                    reset(Integer.parseInt(q.getOrDefault("parallel", Integer.toString(parallel))),
                            new Timing(t.latencyMs(), t.prefillMsPerToken(), t.decodeMsPerToken(),
                                    Double.parseDouble(q.getOrDefault("scale", Double.toString(t.scale())))));
                    send(exchange, 200, "{}");
                }
                case "GET /bench/calls" -> send(exchange, 200, JSON.writeValueAsString(
                        Map.of("calls", calls(), "maxConcurrent", maxConcurrent(), "epochNanos", epoch)));
                default -> send(exchange, 404, "404 page not found");
            }
        } catch (RuntimeException e) {
            // The handler must answer something, or the client waits for its read timeout.
            try {
                send(exchange, 500, error("stand-in failed: " + e));
            } catch (IOException | RuntimeException ignored) {
                // The response was already under way; closing the exchange ends it.
            }
        }
    }

    private void chat(HttpExchange exchange, boolean openai) throws IOException {
        long arrived = System.nanoTime();
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        String model = body.path("model").asText("");
        if (!served(model)) {
            send(exchange, 404, openai ? dev.briefing.openai.OpenAiStubs.vllmError("The model `" + model
                    + "` does not exist.", "NotFoundError", 404) : error("model '" + model + "' not found"));
            return;
        }
        List<String> roles = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            roles.add(m.path("role").asText());
            contents.add(m.path("content").asText(""));
        }
        JsonNode format = openai ? body.path("response_format").path("json_schema").get("schema") : body.get("format");
        JsonNode schema = format != null && format.isObject() ? format : null;
        // An OpenAI-compatible server's window is the one it was started with (vLLM's max_model_len).
        int numCtx = openai ? contextLength : body.path("options").path("num_ctx").asInt(2048);
        int numPredict = openai ? body.path("max_tokens").asInt(body.path("max_completion_tokens").asInt(-1))
                : body.path("options").path("num_predict").asInt(-1);
        StandInReplies.Call call = new StandInReplies.Call(roles, contents, schema, numCtx, numPredict);

        int promptTokens = TokenEstimator.estimateMessages(contents);
        boolean overflow = promptTokens > numCtx;
        int charged = Math.min(promptTokens, numCtx);
        String kind = replies.kindOf(call);
        String content = replies.reply(call);
        int outputTokens = TokenEstimator.estimate(content);
        String doneReason = "stop";
        int room = numPredict > 0 ? Math.min(numPredict, numCtx - charged) : numCtx - charged;
        if (outputTokens > room) {
            content = content.substring(0, content.length() * Math.max(0, room) / outputTokens);
            outputTokens = Math.max(0, room);
            doneReason = "length";
        }
        Timing t = timing;
        Semaphore gate = permits;
        long modelNanos = t.modelNanos(charged, outputTokens);
        try {
            gate.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        long started = System.nanoTime();
        try {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            // Ollama streams unless told not to; the OpenAI API only when asked.
            if (body.path("stream").asBoolean(!openai)) {
                if (openai) {
                    streamSse(exchange, content, charged, outputTokens, doneReason, t, modelNanos, started);
                } else {
                    stream(exchange, content, charged, outputTokens, doneReason, t, modelNanos, started);
                }
            } else {
                sleepUntil(started + t.sleepNanos(modelNanos));
            }
        } finally {
            inFlight.decrementAndGet();
            gate.release();
        }
        long ended = System.nanoTime();
        synchronized (lock) {
            if (gate == permits) {
                log.add(new CallLog(kind, charged, outputTokens, numCtx, overflow, modelNanos,
                        started - arrived, started - epoch, ended - epoch));
            }
        }
        if (!body.path("stream").asBoolean(!openai)) {
            send(exchange, 200, openai ? dev.briefing.openai.OpenAiStubs.chatCompletion(
                    dev.briefing.openai.OpenAiStubs.Dialect.VLLM, content, charged, outputTokens, doneReason)
                    : done(JSON.createObjectNode(), content, charged, outputTokens, doneReason, modelNanos).toString());
        }
    }

    /** SSE as vLLM streams it, the pieces spread over the model time like the NDJSON stream. */
    private static void streamSse(HttpExchange exchange, String content, int promptTokens, int outputTokens,
            String finishReason, Timing t, long modelNanos, long started) throws IOException {
        long firstToken = started + t.sleepNanos(t.modelNanos(promptTokens, 0));
        long last = started + t.sleepNanos(modelNanos);
        sleepUntil(firstToken);
        List<String> pieces = new ArrayList<>();
        int count = Math.max(1, Math.min(16, content.length()));
        int step = (content.length() + count - 1) / Math.max(1, count);
        for (int i = 0; i < content.length(); i += Math.max(1, step)) {
            pieces.add(content.substring(i, Math.min(content.length(), i + step)));
        }
        String[] events = dev.briefing.openai.OpenAiStubs.sseReply(dev.briefing.openai.OpenAiStubs.Dialect.VLLM,
                pieces, promptTokens, outputTokens, finishReason).split("(?<=\n\n)");
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (int n = 0; n < events.length; n++) {
            if (n > 0 && n <= pieces.size()) {
                sleepUntil(firstToken + (last - firstToken) * n / (pieces.size() + 1));
            } else if (n > pieces.size()) {
                sleepUntil(last);
            }
            out.write(events[n].getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** NDJSON as Ollama streams it: pieces of content, then a last line with the counters. */
    private static void stream(HttpExchange exchange, String content, int promptTokens, int outputTokens,
            String doneReason, Timing t, long modelNanos, long started) throws IOException {
        long firstToken = started + t.sleepNanos(t.modelNanos(promptTokens, 0));
        long last = started + t.sleepNanos(modelNanos);
        sleepUntil(firstToken);
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        int pieces = Math.max(1, Math.min(16, content.length()));
        int step = (content.length() + pieces - 1) / Math.max(1, pieces);
        for (int i = 0, n = 0; i < content.length(); i += step, n++) {
            ObjectNode line = JSON.createObjectNode();
            line.put("model", MODEL);
            line.put("created_at", OllamaStubs.CREATED_AT);
            line.putObject("message").put("role", "assistant").put("content",
                    content.substring(i, Math.min(content.length(), i + step)));
            line.put("done", false);
            sleepUntil(firstToken + (last - firstToken) * (n + 1) / (pieces + 1));
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        sleepUntil(last);
        out.write((done(JSON.createObjectNode(), "", promptTokens, outputTokens, doneReason, modelNanos) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode done(ObjectNode root, String content, int promptTokens, int outputTokens,
            String doneReason, long modelNanos) {
        root.put("model", MODEL);
        root.put("created_at", OllamaStubs.CREATED_AT);
        root.putObject("message").put("role", "assistant").put("content", content);
        root.put("done", true);
        root.put("done_reason", doneReason);
        root.put("total_duration", Math.max(1, modelNanos));
        root.put("prompt_eval_count", promptTokens);
        root.put("eval_count", outputTokens);
        return root;
    }

    private static boolean served(String name) {
        String n = name.strip();
        return n.equalsIgnoreCase(MODEL);
    }

    private static void sleepUntil(long deadline) {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return q;
    }

    private static String error(String message) {
        return JSON.createObjectNode().put("error", message).toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", OllamaStubs.JSON_UTF8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /**
     * As its own process: {@code StandInOllama PARALLEL LATENCY_MS PREFILL_MS DECODE_MS SCALE [CONTEXT_LENGTH]}
     * on a free port; prints {@code port N} when ready and serves until stdin closes.
     */
    public static void main(String[] args) throws IOException {
        Timing t = new Timing(Double.parseDouble(args[1]), Double.parseDouble(args[2]), Double.parseDouble(args[3]),
                Double.parseDouble(args[4]));
        int context = args.length > 5 ? Integer.parseInt(args[5]) : 32768;
        try (StandInOllama s = start(0, Integer.parseInt(args[0]), t, context, StandInReplies.forBriefing())) {
            System.out.println("port " + s.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the parent closes our stdin (or dies)
            }
        }
    }
}
