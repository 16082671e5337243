package dev.briefing.openai;

import static dev.briefing.llm.ServerText.oneLine;
import static dev.briefing.llm.ServerText.seconds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.error.ModelUnavailableException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Wording, cause-chain inspection and the HTTP client shared by the OpenAI-compatible adapter. */
final class OpenAiErrors {

    static final String SERVE_HINT = "start the server (vllm serve, llama-server, LM Studio), or point --host at a "
            + "running one; an OpenAI-compatible --host ends in /v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiErrors() {
    }

    /**
     * LangChain4j's JDK client pinned to HTTP/1.1: uvicorn (vLLM) and llama-server answer Java's
     * default {@code Upgrade: h2c} offer on plain http badly or not at all.
     */
    static HttpClientBuilder http11(String baseUrl, Duration connectTimeout, Duration readTimeout) {
        return new JdkHttpClientBuilder()
                .httpClientBuilder(dev.briefing.llm.PlainHttp.builder(baseUrl))
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout);
    }

    static ModelUnavailableException unreachable(String host, String reason, Throwable cause) {
        return new ModelUnavailableException("cannot reach the OpenAI-compatible server at " + host + " (" + reason + ")",
                SERVE_HINT, cause);
    }

    static ModelUnavailableException unknownModel(String model, String host, List<String> available, Throwable cause) {
        String hint = "pass one the server serves with --model";
        if (available != null) {
            hint += available.isEmpty() ? " (the server lists none)" : " (it serves: " + String.join(", ", available) + ")";
        } else {
            hint += " ('briefing models --host " + host + "' lists them)";
        }
        return new ModelUnavailableException("model '" + model + "' is not served by " + host, hint, cause);
    }

    static ModelUnavailableException refused(String host, int status, String text, Throwable cause) {
        return new ModelUnavailableException("the server at " + host + " refused access (HTTP " + status + "): " + text,
                "set the server's API key in BRIEFING_API_KEY or OPENAI_API_KEY", cause);
    }

    /** Why no connection could be made ("connection refused", "unknown host", ...), or null when one was. */
    static String connectionFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UnresolvedModelServerException || c instanceof UnresolvedAddressException
                    || c instanceof UnknownHostException) {
                return "unknown host";
            }
            if (c.getCause() == c) {
                break;
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpConnectTimeoutException) {
                return "connection timed out";
            }
            if (c instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (c instanceof ConnectException) {
                String m = c.getMessage();
                return m == null || m.isBlank() || m.toLowerCase(Locale.ROOT).contains("refused")
                        ? "connection refused" : oneLine(m);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    /** The connection was made and then dropped before a reply: the server stopped or restarted. */
    static boolean droppedBeforeReply(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.net.SocketException && !(c instanceof ConnectException)) {
                return true;
            }
            if (c instanceof java.io.EOFException) {
                return true;
            }
            if (c.getMessage() != null && c.getMessage().contains("received no bytes")) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    static HttpException httpException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpException h) {
                return h;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    /**
     * The error text of a body as the servers send it: OpenAI and newer vLLM
     * {@code {"error":{"message":..}}}, older vLLM {@code {"object":"error","message":..}}, llama-server
     * {@code {"error":{"code":..,"message":..,"type":..}}}, FastAPI's {@code {"detail":..}}, a gateway's
     * {@code {"error":".."}}; else the body itself, shortened, on one line.
     */
    static String serverText(String body) {
        if (body == null || body.isBlank()) {
            return "no error text";
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                JsonNode error = node.get("error");
                if (error != null && error.isObject() && error.hasNonNull("message")) {
                    return oneLine(error.get("message").asText());
                }
                if (error != null && error.isTextual()) {
                    return oneLine(error.asText());
                }
                if (node.hasNonNull("message")) {
                    return oneLine(node.get("message").asText());
                }
                if (node.hasNonNull("detail")) {
                    JsonNode detail = node.get("detail");
                    return oneLine(detail.isTextual() ? detail.asText() : detail.toString());
                }
            }
        } catch (Exception notJson) {
            // fall through: a proxy's HTML page or plain text
        }
        return oneLine(body.length() > 300 ? body.substring(0, 300) + "..." : body);
    }


}
