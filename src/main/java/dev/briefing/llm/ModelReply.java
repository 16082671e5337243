package dev.briefing.llm;

import java.util.Objects;

/**
 * What the model answered, with the server's own counters.
 *
 * @param promptTokens     tokens the server evaluated (Ollama's prompt_eval_count), -1 if unknown
 * @param completionTokens tokens generated (eval_count), -1 if unknown
 */
public record ModelReply(String content, int promptTokens, int completionTokens, FinishReason finishReason,
        long durationMs) {
    public ModelReply {
        content = content == null ? "" : content;
        Objects.requireNonNull(finishReason, "finishReason");
        if (durationMs < 0) {
            throw new IllegalArgumentException("durationMs must not be negative");
        }
    }
}
