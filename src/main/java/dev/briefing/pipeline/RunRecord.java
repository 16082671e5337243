package dev.briefing.pipeline;

import dev.briefing.llm.CallRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * run.json: enough to tell later what produced a briefing and what it cost.
 *
 * @param promptHashes prompt file name to SHA-256 of its bytes (system, user and schema files)
 * @param settings     the effective settings (numCtx, numPredict, parallel, lang, chunk budget...)
 */
public record RunRecord(String tool, String model, String host, Instant startedAt, long durationMs,
        Map<String, String> promptHashes, Map<String, Object> settings, List<CallRecord> calls,
        int droppedCitations, int droppedItems, List<String> warnings) {
    public RunRecord {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(startedAt, "startedAt");
        promptHashes = Map.copyOf(promptHashes);
        settings = Map.copyOf(settings);
        calls = List.copyOf(calls);
        warnings = List.copyOf(warnings);
    }
}
