package dev.briefing.ollama;

import dev.briefing.llm.ServerText;
import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.error.ModelUnavailableException;
import dev.briefing.llm.ModelInfo;
import dev.briefing.llm.ModelServer;
import dev.briefing.llm.PlainHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Ollama server: reachability ({@code GET /api/version}), pulled models ({@code /api/tags})
 * and their context length ({@code /api/show}). Nothing here is retried: these calls exist to
 * fail fast with one clear line before any real work starts.
 */
public final class OllamaModelServer implements ModelServer {

    static final Duration PROBE_CONNECT_TIMEOUT = Duration.ofMillis(1000);
    static final Duration PROBE_REQUEST_TIMEOUT = Duration.ofMillis(1500);
    /** /api/tags and /api/show read manifests from disk: quick, but allow for a busy server. */
    static final Duration METADATA_READ_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Used when /api/show has no {@code *.context_length}: some imported GGUF files and older
     * servers leave it out. 2048 is the smallest window Ollama has ever defaulted to, so work
     * sized for it fits any model; a too-small guess costs speed, a too-large one loses input
     * to silent truncation.
     */
    static final int FALLBACK_CONTEXT_LENGTH = 2048;

    private final OllamaHost host;
    private final String baseUrl;
    private final HttpClient probeClient;
    private volatile String serverVersion;

    public OllamaModelServer(OllamaHost host) {
        this.host = Objects.requireNonNull(host, "host");
        this.baseUrl = host.baseUrl();
        this.probeClient = PlainHttp.builder(baseUrl)
                .connectTimeout(PROBE_CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** From a base URL or any {@code OLLAMA_HOST}-style value ("127.0.0.1:11434", "http://gpu-box:11434"). */
    public OllamaModelServer(String baseUrl) {
        this(OllamaHost.parse(baseUrl));
    }

    @Override
    public String host() {
        return baseUrl;
    }

    public OllamaHost ollamaHost() {
        return host;
    }

    /** The version {@code /api/version} reported in the last successful {@link #ensureReachable()}, or null. */
    public String serverVersion() {
        return serverVersion;
    }

    @Override
    public void ensureReachable() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/version"))
                .timeout(PROBE_REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build();
        CompletableFuture<HttpResponse<String>> future =
                probeClient.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response;
        try {
            // The outer deadline also covers a slow DNS lookup, which the request timeout may not.
            response = future.get(PROBE_REQUEST_TIMEOUT.toMillis() + 100, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw OllamaErrors.unreachable(baseUrl, "no answer within " + ServerText.seconds(PROBE_REQUEST_TIMEOUT), e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new BriefingException(ExitCode.INTERRUPTED, "interrupted while contacting Ollama at " + baseUrl, null, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw OllamaErrors.unreachable(baseUrl, probeFailure(cause), cause);
        }
        if (response.statusCode() != 200) {
            throw OllamaErrors.unreachable(baseUrl,
                    "GET /api/version answered HTTP " + response.statusCode() + ": "
                            + OllamaErrors.serverText(response.body()), null);
        }
        String version = versionFrom(response.body());
        if (version == null) {
            throw OllamaErrors.unreachable(baseUrl, "the server there does not answer like Ollama", null);
        }
        serverVersion = version;
    }

    private static String probeFailure(Throwable cause) {
        String reason = OllamaErrors.connectionFailure(cause);
        if (reason != null) {
            return reason;
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + ServerText.seconds(PROBE_REQUEST_TIMEOUT);
        }
        if (cause instanceof IOException && cause.getMessage() != null) {
            return ServerText.oneLine(cause.getMessage());
        }
        return cause.getClass().getSimpleName();
    }

    private static String versionFrom(String body) {
        return MetadataJson.version(body);
    }

    /**
     * {@code GET /api/tags} read here rather than through LangChain4j's model listing: that one
     * loads and links its HTTP and JSON layers first, which took most of {@code briefing models}'
     * time when it is the only call the command makes.
     */
    @Override
    public List<String> models() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/tags"))
                .timeout(METADATA_READ_TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response = metadata(request);
        if (response.statusCode() != 200) {
            throw new ModelUnavailableException(
                    "Ollama at " + baseUrl + " failed to list models (HTTP " + response.statusCode() + ": "
                            + OllamaErrors.serverText(response.body()) + ")",
                    "check the server log ('ollama serve' output), or try again", null);
        }
        try {
            return MetadataJson.modelNames(response.body());
        } catch (IOException | RuntimeException e) {
            throw new ModelUnavailableException("Ollama at " + baseUrl + " failed to list models (its /api/tags "
                    + "reply is not JSON: " + ServerText.oneLine(String.valueOf(e.getMessage())) + ")",
                    "check the server log ('ollama serve' output), or try again", e);
        }
    }

    @Override
    public ModelInfo show(String model) {
        if (model == null || model.isBlank()) {
            throw BriefingException.usage("no model name given", "pass --model NAME, e.g. --model qwen2.5:7b");
        }
        String wanted = model.trim();
        List<String> available = models();
        String listedName = available.stream()
                .filter(name -> sameModel(name, wanted))
                .findFirst()
                .orElseThrow(() -> OllamaErrors.notPulled(wanted, baseUrl, available, null));

        // Read here, through the client that just listed the models, rather than LangChain4j's
        // model card: that builds a second HTTP client and a databind ObjectMapper first, a tenth
        // of a second of the check every run waits for before its first request.
        MetadataJson.Card card = card(listedName, wanted);
        List<String> capabilities = card.capabilities();
        if (capabilities != null && !capabilities.isEmpty() && !capabilities.contains("completion")) {
            throw new ModelUnavailableException(
                    "model '" + listedName + "' on " + baseUrl + " cannot chat (capabilities: "
                            + String.join(", ", capabilities) + ")",
                    "choose a chat model with --model, e.g. qwen2.5:7b");
        }
        return new ModelInfo(listedName, contextLength(card.modelInfo()));
    }

    /** {@code POST /api/show} for {@code listedName}, as the server lists it. */
    private MetadataJson.Card card(String listedName, String wanted) {
        String what = "describe model '" + listedName + "'";
        String body = "{\"model\":\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance()
                .quoteAsString(listedName)) + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/show"))
                .timeout(METADATA_READ_TIMEOUT)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, java.nio.charset.StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = metadata(request);
        if (response.statusCode() == 404) {
            // Deleted between /api/tags and /api/show.
            throw OllamaErrors.notPulled(wanted, baseUrl, null, null);
        }
        if (response.statusCode() != 200) {
            throw new ModelUnavailableException("Ollama at " + baseUrl + " failed to " + what + " (HTTP "
                    + response.statusCode() + ": " + OllamaErrors.serverText(response.body()) + ")",
                    "check the server log ('ollama serve' output), or try again", null);
        }
        MetadataJson.Card card;
        try {
            card = MetadataJson.card(response.body());
        } catch (IOException | RuntimeException e) {
            throw new ModelUnavailableException("Ollama at " + baseUrl + " failed to " + what + " (its /api/show "
                    + "reply is not JSON: " + ServerText.oneLine(String.valueOf(e.getMessage())) + ")",
                    "check the server log ('ollama serve' output), or try again", e);
        }
        if (card.error() != null) {
            // An error under status 200 (some proxies): not a card whose context length is unknown.
            throw new ModelUnavailableException("Ollama at " + baseUrl + " failed to " + what + " ("
                    + ServerText.oneLine(card.error()) + ")", "check the server log ('ollama serve' output), or try again",
                    null);
        }
        return card;
    }

    /**
     * A metadata request (/api/tags, /api/show) through the probe's client: it already reached
     * this server, and a second client would start a second selector thread for one request. A
     * server that cannot be reached or does not answer in time is unreachable.
     */
    private HttpResponse<String> metadata(HttpRequest request) {
        try {
            return probeClient.send(request, HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BriefingException(ExitCode.INTERRUPTED, "interrupted while contacting Ollama at " + baseUrl, null, e);
        } catch (HttpTimeoutException e) {
            throw OllamaErrors.unreachable(baseUrl, "no answer within " + ServerText.seconds(METADATA_READ_TIMEOUT), e);
        } catch (IOException e) {
            String reason = OllamaErrors.connectionFailure(e);
            throw OllamaErrors.unreachable(baseUrl, reason != null ? reason : probeFailure(e), e);
        }
    }

    /**
     * {@code model_info["<general.architecture>.context_length"]}, else any {@code *.context_length},
     * else {@link #FALLBACK_CONTEXT_LENGTH}.
     */
    static int contextLength(Map<String, Object> modelInfo) {
        if (modelInfo == null || modelInfo.isEmpty()) {
            return FALLBACK_CONTEXT_LENGTH;
        }
        Object architecture = modelInfo.get("general.architecture");
        if (architecture != null) {
            int n = positiveInt(modelInfo.get(architecture + ".context_length"));
            if (n > 0) {
                return n;
            }
        }
        return modelInfo.entrySet().stream()
                .filter(e -> e.getKey().endsWith(".context_length"))
                .mapToInt(e -> positiveInt(e.getValue()))
                .filter(n -> n > 0)
                .findFirst()
                .orElse(FALLBACK_CONTEXT_LENGTH);
    }

    private static int positiveInt(Object value) {
        if (value instanceof Number n && n.longValue() > 0) {
            return (int) Math.min(n.longValue(), Integer.MAX_VALUE);
        }
        if (value instanceof String s) {
            try {
                long n = Long.parseLong(s.trim());
                return n > 0 ? (int) Math.min(n, Integer.MAX_VALUE) : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * Ollama's own name matching: a name without a tag means {@code :latest}; case does not
     * matter. The tag is what follows a colon in the last path segment, so a registry port
     * ({@code host:5000/ns/model}) is not mistaken for one.
     */
    static boolean sameModel(String listed, String wanted) {
        return withTag(listed).equalsIgnoreCase(withTag(wanted));
    }

    static String withTag(String name) {
        String n = name.trim();
        int slash = n.lastIndexOf('/');
        return n.indexOf(':', slash + 1) >= 0 ? n : n + ":latest";
    }

    @Override
    public String toString() {
        return "OllamaModelServer[" + baseUrl + "]";
    }
}
