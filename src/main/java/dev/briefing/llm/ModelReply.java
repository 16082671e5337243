package dev.briefing.llm;

import java.util.Objects;

/**
 * What the model answered, with the server's own counters.
 *
 * @param promptTokens     tokens the server evaluated (Ollama's prompt_eval_count), -1 if unknown
 * @param completionTokens tokens generated (eval_count), -1 if unknown
 * @param host             the server that answered, when several share the run (pipeline.HostPool); else null
 * @param fromCache        the reply came from the call cache (store.CachingLanguageModel), not a server
 */
public record ModelReply(String content, int promptTokens, int completionTokens, FinishReason finishReason,
        long durationMs, String host, boolean fromCache) {
    public ModelReply {
        content = content == null ? "" : content;
        Objects.requireNonNull(finishReason, "finishReason");
        if (durationMs < 0) {
            throw new IllegalArgumentException("durationMs must not be negative");
        }
    }

    public ModelReply(String content, int promptTokens, int completionTokens, FinishReason finishReason,
            long durationMs, String host) {
        this(content, promptTokens, completionTokens, finishReason, durationMs, host, false);
    }

    public ModelReply(String content, int promptTokens, int completionTokens, FinishReason finishReason,
            long durationMs) {
        this(content, promptTokens, completionTokens, finishReason, durationMs, null, false);
    }

    public ModelReply withHost(String servedBy) {
        return new ModelReply(content, promptTokens, completionTokens, finishReason, durationMs, servedBy, fromCache);
    }

    /** This reply as the call cache serves it again: no server answered it this time. */
    public ModelReply asCached() {
        return new ModelReply(content, promptTokens, completionTokens, finishReason, durationMs, null, true);
    }
}
