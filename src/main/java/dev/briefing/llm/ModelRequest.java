package dev.briefing.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * One call to the model. {@code numCtx} is always explicit: Ollama's default context is
 * small and it truncates silently, so every request states the window it was sized for.
 *
 * @param purpose   what the call is for, for the run record ("map 000 chunk 1/2")
 * @param schema    the JSON Schema the reply must follow (sent as Ollama's format), or null for text
 * @param estimatedPromptTokens our own estimate of the prompt, to detect server-side truncation
 * @param grounding what the reply's quotes may be, for a backend that can hold it to that; null if nothing
 */
public record ModelRequest(
        String purpose,
        List<ChatTurn> messages,
        JsonNode schema,
        int numCtx,
        int numPredict,
        double temperature,
        Integer seed,
        int estimatedPromptTokens,
        Grounding grounding) {

    public ModelRequest(String purpose, List<ChatTurn> messages, JsonNode schema, int numCtx, int numPredict,
            double temperature, Integer seed, int estimatedPromptTokens) {
        this(purpose, messages, schema, numCtx, numPredict, temperature, seed, estimatedPromptTokens, null);
    }

    public ModelRequest {
        Objects.requireNonNull(purpose, "purpose");
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("messages must not be empty");
        }
        if (numCtx <= 0) {
            throw new IllegalArgumentException("numCtx must be positive: " + numCtx);
        }
        if (numPredict <= 0) {
            throw new IllegalArgumentException("numPredict must be positive: " + numPredict);
        }
        if (estimatedPromptTokens < 0) {
            throw new IllegalArgumentException("estimatedPromptTokens must not be negative");
        }
    }

    /** The same request with more turns appended (used for the repair attempt). */
    public ModelRequest withMoreTurns(List<ChatTurn> more, int extraEstimatedTokens) {
        var all = new java.util.ArrayList<>(messages);
        all.addAll(more);
        return new ModelRequest(purpose, all, schema, numCtx, numPredict, temperature, seed,
                estimatedPromptTokens + extraEstimatedTokens, grounding);
    }

    public ModelRequest withGrounding(Grounding newGrounding) {
        return new ModelRequest(purpose, messages, schema, numCtx, numPredict, temperature, seed,
                estimatedPromptTokens, newGrounding);
    }

    public ModelRequest withNumPredict(int newNumPredict) {
        return new ModelRequest(purpose, messages, schema, numCtx, newNumPredict, temperature, seed,
                estimatedPromptTokens, grounding);
    }
}
