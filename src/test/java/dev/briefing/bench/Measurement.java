package dev.briefing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One run of one workload at one concurrency limit: what the engine process measured about
 * itself, and what the stand-in server logged about every call it served.
 *
 * @param articleTokens estimated tokens of the input's article text (titles and paragraphs)
 * @param leadInNanos   from the start of the run to the first call reaching the server (start-up,
 *                      ingest, chunking, the server probes)
 * @param tailNanos     from the last reply to the end of the run (verification of it, render, write)
 * @param scale         the stand-in's time scale, to turn slept time back into model time
 */
public record Measurement(String workload, int parallel, int articles, long articleTokens, int exitCode,
        long wallNanos, long leadInNanos, long tailNanos, long cpuNanos, long peakHeapBytes, long maxHeapBytes, long gcMillis,
        List<Call> calls, int maxConcurrent, double scale) {

    /** One call as the stand-in logged it; sleptNanos is its model time times the scale. */
    public record Call(String kind, int promptTokens, int outputTokens, int numCtx, boolean overflow,
            long modelNanos, long sleptNanos, long queuedNanos, long startNanos, long endNanos) {
        static Call from(JsonNode n, double scale) {
            long model = n.path("modelNanos").asLong();
            return new Call(n.path("kind").asText(), n.path("promptTokens").asInt(), n.path("outputTokens").asInt(),
                    n.path("numCtx").asInt(), n.path("overflow").asBoolean(), model, (long) (model * scale),
                    n.path("queuedNanos").asLong(), n.path("startNanos").asLong(), n.path("endNanos").asLong());
        }
    }

    public static List<Call> calls(JsonNode log, double scale) {
        List<Call> calls = new ArrayList<>();
        log.path("calls").forEach(n -> calls.add(Call.from(n, scale)));
        return calls;
    }

    public long count(String kind) {
        return calls.stream().filter(c -> c.kind().equals(kind)).count();
    }

    public long promptTokens(String kind) {
        return calls.stream().filter(c -> kind == null || c.kind().equals(kind)).mapToLong(Call::promptTokens).sum();
    }

    public long promptTokens() {
        return promptTokens(null);
    }

    public long completionTokens() {
        return calls.stream().mapToLong(Call::outputTokens).sum();
    }

    /** The largest prompt any call sent, as a share of the window it asked for. */
    public double largestPromptShareOfWindow() {
        return calls.stream().mapToDouble(c -> (double) c.promptTokens() / c.numCtx()).max().orElse(0);
    }

    /** The largest single reduce prompt, in tokens. */
    public int largestReducePrompt() {
        return calls.stream().filter(c -> c.kind().equals("reduce")).mapToInt(Call::promptTokens).max().orElse(0);
    }

    public long overflows() {
        return calls.stream().filter(Call::overflow).count();
    }

    /** Total time the stand-in spent serving, as slept (scaled). */
    public long modelSleptNanos() {
        return calls.stream().mapToLong(Call::sleptNanos).sum();
    }

    /** Total simulated model time at real speed. */
    public long modelNanos() {
        return calls.stream().mapToLong(Call::modelNanos).sum();
    }

    /**
     * The shortest wall time any engine could reach with this server, as slept: the map calls
     * spread perfectly over P slots (never less than the longest one), then the reduce's
     * critical path. The reduce calls other than the last are taken as one level that can run
     * in parallel, then the last one, which needs them all; with a deeper tree this is lower
     * than the true critical path, so it is still a lower bound.
     */
    public long lowerBoundNanos() {
        List<Call> map = calls.stream().filter(c -> !c.kind().equals("reduce")).toList();
        List<Call> reduce = calls.stream().filter(c -> c.kind().equals("reduce"))
                .sorted(Comparator.comparingLong(Call::endNanos)).toList();
        long bound = level(map);
        if (!reduce.isEmpty()) {
            bound += level(reduce.subList(0, reduce.size() - 1)) + reduce.get(reduce.size() - 1).sleptNanos();
        }
        return bound;
    }

    private long level(List<Call> calls) {
        return level(calls, parallel);
    }

    /**
     * The shortest time P slots can serve these calls, none depending on another: their total
     * spread over the slots, never less than the longest call, and never less than the calls a
     * slot must take one after another (n / P rounded up) times the shortest call.
     */
    static long level(List<Call> calls, int parallel) {
        if (calls.isEmpty()) {
            return 0;
        }
        long sum = calls.stream().mapToLong(Call::sleptNanos).sum();
        long longest = calls.stream().mapToLong(Call::sleptNanos).max().orElse(0);
        long shortest = calls.stream().mapToLong(Call::sleptNanos).min().orElse(0);
        long waves = (calls.size() + parallel - 1) / parallel;
        return Math.max(Math.max((sum + parallel - 1) / parallel, longest), waves * shortest);
    }

    /** From the first call's arrival to the last reply: the part of the run the server could be busy. */
    public long servingNanos() {
        return wallNanos - leadInNanos - tailNanos;
    }

    /**
     * How well the engine keeps the server fed while it has work: the serving span against the
     * lower bound. Idle slots in this span (too few requests in flight, waiting on itself)
     * grow with the model's time, so this ratio holds at real speed.
     */
    public double servingRatio() {
        long bound = lowerBoundNanos();
        return bound == 0 ? Double.NaN : (double) servingNanos() / bound;
    }

    /**
     * Wall against the lower bound as it would be at real model speed: the bound at real speed
     * plus this run's excess over its bound, taken as a fixed cost. That holds when the excess is
     * the engine's own work (start-up, ingest, checks, render) and not idle server slots, which
     * would grow with the model's time; the benchmark checks it by rerunning one workload with
     * the model three times slower (the "scale check" in the report).
     */
    public double ratioAtRealSpeed() {
        long bound = lowerBoundNanos();
        if (bound == 0 || scale == 0) {
            return Double.NaN;
        }
        double realBound = bound / scale;
        return (realBound + (wallNanos - bound)) / realBound;
    }

    public double ratioToLowerBound() {
        long bound = lowerBoundNanos();
        return bound == 0 ? Double.NaN : (double) wallNanos / bound;
    }

    /** Engine CPU as a share of this run's wall time. */
    public double cpuShareOfWall() {
        return (double) cpuNanos / wallNanos;
    }

    /**
     * Engine CPU as a share of the wall time the same run would take against a real-speed
     * server (the lower bound at scale 1). The engine's CPU does not scale with the model's
     * speed, so this is the share a user would see.
     */
    public double cpuShareAtRealSpeed() {
        long bound = lowerBoundNanos();
        return bound == 0 || scale == 0 ? Double.NaN : cpuNanos / (bound / scale);
    }

    /** Mean time a call waited in the server's queue. */
    public double meanQueuedMillis() {
        return calls.stream().mapToLong(Call::queuedNanos).average().orElse(0) / 1e6;
    }
}
