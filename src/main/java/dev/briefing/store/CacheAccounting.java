package dev.briefing.store;

import dev.briefing.llm.CallRecord;
import dev.briefing.pipeline.BriefingEngine;
import dev.briefing.pipeline.RunRecord;
import dev.briefing.reduce.Briefing;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a run's record say what the run cost rather than what it asked: the briefing's
 * {@code run.calls} and token totals count only requests that reached the model server,
 * run.json's settings say how many replies came from the cache ({@code callsSent},
 * {@code callsFromCache}), and each call answered from the cache is marked so in run.json.
 */
public final class CacheAccounting {
    private CacheAccounting() {
    }

    public static BriefingEngine.Outcome apply(BriefingEngine.Outcome outcome, CachingLanguageModel.Counts counts) {
        Briefing b = outcome.briefing();
        Briefing.RunSummary r = b.run();
        Briefing.RunSummary run = new Briefing.RunSummary(r.model(), r.host(), r.startedAt(), r.durationMs(),
                counts.sent(), counts.promptTokens(), counts.completionTokens(), r.droppedCitations(),
                r.droppedItems(), r.failedChunks());
        Briefing briefing = b.withRun(run);

        RunRecord rec = outcome.record();
        Map<String, Integer> servedLeft = new HashMap<>(counts.servedByPurpose());
        List<CallRecord> calls = rec.calls().stream().map(c -> {
            int served = servedLeft.getOrDefault(c.purpose(), 0);
            if (served <= 0) {
                return c;
            }
            int fromCache = Math.min(served, c.attempts());
            servedLeft.put(c.purpose(), served - fromCache);
            String note = fromCache == c.attempts() ? " (from cache)"
                    : " (" + fromCache + " of " + c.attempts() + " replies from cache)";
            return new CallRecord(c.purpose(), c.durationMs(), c.promptTokens(), c.completionTokens(), c.attempts(),
                    c.finishReason(), c.outcome() + note, c.host());
        }).toList();
        Map<String, Object> settings = new LinkedHashMap<>(rec.settings());
        settings.put("callsSent", counts.sent());
        settings.put("callsFromCache", counts.served());
        RunRecord record = new RunRecord(rec.tool(), rec.model(), rec.host(), rec.startedAt(), rec.durationMs(),
                rec.promptHashes(), settings, calls, rec.droppedCitations(), rec.droppedItems(), rec.warnings());
        return new BriefingEngine.Outcome(briefing, record, outcome.mapResults());
    }

    /**
     * The stderr line, "model calls: 2 sent, 3 answered from the cache; sent: 4100 prompt + 900
     * completion tokens": the engine's own line counts every reply, this one what was spent.
     */
    public static String line(CachingLanguageModel.Counts counts) {
        return "model calls: " + counts.sent() + " sent, " + counts.served() + " answered from the cache; sent: "
                + counts.promptTokens() + " prompt + " + counts.completionTokens() + " completion tokens";
    }
}
