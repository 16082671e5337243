package dev.briefing.llm;

import java.util.Objects;

/**
 * What the model answered, with the server's own counters.
 *
 * @param promptTokens     tokens the server evaluated (Ollama's prompt_eval_count), -1 if unknown
 * @param completionTokens tokens generated (eval_count), -1 if unknown
 * @param host             the server that answered, when several share the run (pipeline.HostPool); else null
 */
public record ModelReply(String content, int promptTokens, int completionTokens, FinishReason finishReason,
        long durationMs, String host) {
    public ModelReply {
        content = content == null ? "" : content;
        Objects.requireNonNull(finishReason, "finishReason");
        if (durationMs < 0) {
            throw new IllegalArgumentException("durationMs must not be negative");
        }
    }

    public ModelReply(String content, int promptTokens, int completionTokens, FinishReason finishReason,
            long durationMs) {
        this(content, promptTokens, completionTokens, finishReason, durationMs, null);
    }

    public ModelReply withHost(String servedBy) {
        return new ModelReply(content, promptTokens, completionTokens, finishReason, durationMs, servedBy);
    }
}
