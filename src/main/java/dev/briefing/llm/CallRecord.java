package dev.briefing.llm;

import java.util.Objects;

/**
 * One logical model call as the run record keeps it: what it was for, what it cost, how it
 * ended. Attempts count every request sent for it (retries and the repair attempt included).
 *
 * @param outcome "ok", "repaired", "failed: <why>"
 * @param host    the server that sent the last reply (or failed last); null when no server was
 *                named (a reply from the call cache, a test's fake)
 */
public record CallRecord(String purpose, long durationMs, long promptTokens, long completionTokens, int attempts,
        String finishReason, String outcome, String host) {
    public CallRecord {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(outcome, "outcome");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }

    public CallRecord(String purpose, long durationMs, long promptTokens, long completionTokens, int attempts,
            String finishReason, String outcome) {
        this(purpose, durationMs, promptTokens, completionTokens, attempts, finishReason, outcome, null);
    }
}
