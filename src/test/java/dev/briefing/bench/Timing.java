package dev.briefing.bench;

import java.util.Locale;

/**
 * How long the stand-in model server takes for one call, like a real one: a fixed latency,
 * a prefill cost per prompt token and a decode cost per output token, all multiplied by
 * {@code scale} so a benchmark of thousands of calls finishes in minutes. Model time is kept
 * unscaled in the call log; only the sleep is scaled.
 *
 * @param latencyMs         per call (request handling, scheduling, first-token overhead)
 * @param prefillMsPerToken per prompt token
 * @param decodeMsPerToken  per output token
 * @param scale             wall-clock seconds slept per simulated second (1 = real time)
 */
public record Timing(double latencyMs, double prefillMsPerToken, double decodeMsPerToken, double scale) {

    /**
     * A 7B model (Q4) on a laptop GPU or Apple silicon: about 0.3 s to start a call,
     * prefill near 700 tokens/s (1.5 ms/token), decode near 33 tokens/s (30 ms/token).
     */
    public static Timing realistic7b(double scale) {
        return new Timing(300, 1.5, 30, scale);
    }

    /** No delay at all: for correctness tests. */
    public static Timing instant() {
        return new Timing(0, 0, 0, 0);
    }

    public Timing {
        if (latencyMs < 0 || prefillMsPerToken < 0 || decodeMsPerToken < 0 || scale < 0) {
            throw new IllegalArgumentException("timings must not be negative");
        }
    }

    /** Simulated (unscaled) model time for one call, in nanoseconds. */
    public long modelNanos(int promptTokens, int outputTokens) {
        return (long) ((latencyMs + prefillMsPerToken * promptTokens + decodeMsPerToken * outputTokens) * 1e6);
    }

    /** What the stand-in actually sleeps for a call of this model time. */
    public long sleepNanos(long modelNanos) {
        return (long) (modelNanos * scale);
    }

    public String describe() {
        return String.format(Locale.ROOT, "latency %.0f ms + prefill %.2f ms/token + decode %.1f ms/token, "
                + "slept at x%s of real time", latencyMs, prefillMsPerToken, decodeMsPerToken, scale);
    }
}
