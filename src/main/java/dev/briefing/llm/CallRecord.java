package dev.briefing.llm;

import java.util.Objects;

/**
 * One logical model call as the run record keeps it: what it was for, what it cost, how it
 * ended. Attempts count every request sent for it (retries and the repair attempt included).
 *
 * @param outcome "ok", "repaired", "failed: <why>"
 */
public record CallRecord(String purpose, long durationMs, long promptTokens, long completionTokens, int attempts,
        String finishReason, String outcome) {
    public CallRecord {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(outcome, "outcome");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }
}
