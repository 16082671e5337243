package dev.briefing.ollama;

import static dev.briefing.llm.ServerText.oneLine;
import static dev.briefing.llm.ServerText.seconds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.error.ModelUnavailableException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;

/** Shared wording and cause-chain inspection for the Ollama adapter. Package-private. */
final class OllamaErrors {

    static final String SERVE_HINT = "start it with 'ollama serve', or point --host / OLLAMA_HOST at a running server";

    private static final ObjectMapper JSON = new ObjectMapper();

    private OllamaErrors() {
    }

    static ModelUnavailableException unreachable(String host, String reason, Throwable cause) {
        return new ModelUnavailableException("cannot reach Ollama at " + host + " (" + reason + ")", SERVE_HINT, cause);
    }

    static ModelUnavailableException notPulled(String model, String host, List<String> available, Throwable cause) {
        String hint = "run 'ollama pull " + model + "'";
        if (available != null) {
            hint += available.isEmpty() ? " (no models are pulled yet)" : " (available: " + String.join(", ", available) + ")";
        }
        return new ModelUnavailableException("model '" + model + "' is not pulled on " + host, hint, cause);
    }

    /**
     * Why a connection could not be made, when the cause chain says it could not: "connection
     * refused", "unknown host", "connection timed out", "no route to host"; null otherwise.
     */
    static String connectionFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UnresolvedModelServerException || c instanceof UnresolvedAddressException
                    || c instanceof UnknownHostException) {
                return "unknown host";
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
                // Java's HttpClient throws ConnectException without a message for a refused port.
                String m = c.getMessage();
                return m == null || m.isBlank() || m.toLowerCase().contains("refused") ? "connection refused" : oneLine(m);
            }
        }
        return null;
    }

    /**
     * True when the connection was made but closed before any reply came: a reset, or an empty
     * response. The server process stopped or restarted mid-call (or a proxy dropped the call);
     * the call may be sent again, and a server that is gone then refuses the connection.
     */
    static boolean droppedBeforeReply(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.net.SocketException && !(c instanceof ConnectException)) {
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

    /** A body that stopped before its end: a chunked or sized body broken off, or a gzip body cut short. */
    static boolean cutOffMidBody(Throwable t) {
        return cutOffDetail(t) != null;
    }

    static String cutOffDetail(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage() == null ? "" : c.getMessage();
            if (c instanceof java.io.EOFException || (c instanceof java.io.IOException
                    && (m.contains("chunk") || m.contains("content-length") || m.contains("cut off")
                    || m.contains("EOF") || m.contains("Unexpected end")))) {
                return oneLine(m.isEmpty() ? c.getClass().getSimpleName() : m);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    /** The first HttpException in the cause chain, or null. */
    static HttpException httpException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpException h) {
                return h;
            }
        }
        return null;
    }

    /** Ollama's error text: the "error" field of a {"error":"..."} body, else the body itself, on one line. */
    static String serverText(String body) {
        if (body == null || body.isBlank()) {
            return "no error text";
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.hasNonNull("error")) {
                return oneLine(node.get("error").asText());
            }
        } catch (Exception notJson) {
            // fall through: a proxy's HTML page or plain text
        }
        return oneLine(body.length() > 300 ? body.substring(0, 300) + "..." : body);
    }


}
