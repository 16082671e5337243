package dev.briefing.openai;

import dev.briefing.llm.ServerText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.error.ModelUnavailableException;
import dev.briefing.llm.ModelInfo;
import dev.briefing.llm.ModelServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An OpenAI-compatible server's {@code GET /v1/models}: whether it answers, which models it
 * serves, and (vLLM and SGLang only) each model's {@code max_model_len}. llama-server and LM
 * Studio do not say how large the window they run is (llama-server's {@code n_ctx_train} is the
 * trained window, not the one it was started with, and its slots share that), so for them the
 * context length is {@link #UNKNOWN_CONTEXT_LENGTH} and {@code --num-ctx} decides alone.
 */
public final class OpenAiModelServer implements ModelServer {

    /** Larger than any --num-ctx: the chunk budget takes the smaller of the two, so --num-ctx wins. */
    public static final int UNKNOWN_CONTEXT_LENGTH = 1 << 20;
    static final Duration PROBE_CONNECT_TIMEOUT = Duration.ofMillis(1000);
    static final Duration PROBE_REQUEST_TIMEOUT = Duration.ofMillis(3000);
    static final Duration LIST_TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String apiKey;
    private final HttpClient client;

    /** @param apiKey sent as a bearer token when not null; never printed */
    public OpenAiModelServer(OpenAiHost host, String apiKey) {
        this.baseUrl = Objects.requireNonNull(host, "host").baseUrl();
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        this.client = dev.briefing.llm.PlainHttp.builder(baseUrl)
                .connectTimeout(PROBE_CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String host() {
        return baseUrl;
    }

    @Override
    public void ensureReachable() {
        listed(PROBE_REQUEST_TIMEOUT);
    }

    @Override
    public List<String> models() {
        return listed(LIST_TIMEOUT).stream().map(ListedModel::id).toList();
    }

    @Override
    public ModelInfo show(String model) {
        if (model == null || model.isBlank()) {
            throw BriefingException.usage("no model name given", "pass --model NAME, the name the server serves");
        }
        String wanted = model.strip();
        List<ListedModel> listed = listed(LIST_TIMEOUT);
        ListedModel found = listed.stream().filter(m -> m.id().equals(wanted)).findFirst()
                .or(() -> listed.stream().filter(m -> m.id().equalsIgnoreCase(wanted)).findFirst())
                .orElseThrow(() -> OpenAiErrors.unknownModel(wanted, baseUrl,
                        listed.stream().map(ListedModel::id).toList(), null));
        return new ModelInfo(found.id(), found.maxModelLen() > 0 ? found.maxModelLen() : UNKNOWN_CONTEXT_LENGTH);
    }

    record ListedModel(String id, int maxModelLen) {
    }

    private List<ListedModel> listed(Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/models"))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET();
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        CompletableFuture<HttpResponse<String>> future = client.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response;
        try {
            response = future.get(timeout.toMillis() + 200, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw OpenAiErrors.unreachable(baseUrl, "no answer within " + ServerText.seconds(timeout), e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new BriefingException(ExitCode.INTERRUPTED, "interrupted while contacting " + baseUrl, null, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw OpenAiErrors.unreachable(baseUrl, failure(cause, timeout), cause);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw OpenAiErrors.refused(baseUrl, status, OpenAiErrors.serverText(response.body()), null);
        }
        if (status != 200) {
            throw OpenAiErrors.unreachable(baseUrl, "GET /v1/models answered HTTP " + status + ": "
                    + OpenAiErrors.serverText(response.body()), null);
        }
        List<ListedModel> models = parse(response.body());
        if (models == null) {
            throw new ModelUnavailableException("the server at " + baseUrl + " does not answer like an OpenAI-compatible "
                    + "one (GET /v1/models has no \"data\" list)", OpenAiErrors.SERVE_HINT);
        }
        return models;
    }

    /** The {@code data} list of a {@code /v1/models} body, or null when the body is not one. */
    static List<ListedModel> parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
        if (root == null || !root.path("data").isArray()) {
            return null;
        }
        List<ListedModel> models = new ArrayList<>();
        for (JsonNode m : root.get("data")) {
            String id = m.path("id").asText("");
            if (!id.isBlank()) {
                models.add(new ListedModel(id, m.path("max_model_len").canConvertToInt()
                        ? Math.max(0, m.path("max_model_len").asInt()) : 0));
            }
        }
        return models;
    }

    private static String failure(Throwable cause, Duration timeout) {
        String reason = OpenAiErrors.connectionFailure(cause);
        if (reason != null) {
            return reason;
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + ServerText.seconds(timeout);
        }
        if (cause instanceof IOException && cause.getMessage() != null) {
            return ServerText.oneLine(cause.getMessage());
        }
        return cause.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return "OpenAiModelServer[" + baseUrl + "]";
    }
}
