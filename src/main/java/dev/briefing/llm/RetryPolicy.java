package dev.briefing.llm;

import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries for calls the server may answer next time (500 runner crash, 503 queue full,
 * timeout): a bounded number, with exponential backoff and jitter so parallel workers do
 * not hammer a recovering server in step.
 */
public record RetryPolicy(int maxRetries, Duration baseDelay, Sleeper sleeper) {

    /** Sleeping is a seam so tests run without waiting. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
        if (baseDelay == null || baseDelay.isNegative()) {
            throw new IllegalArgumentException("baseDelay must be zero or positive");
        }
        if (sleeper == null) {
            sleeper = d -> Thread.sleep(d.toMillis());
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(2, Duration.ofSeconds(1), null);
    }

    public static RetryPolicy none() {
        return new RetryPolicy(0, Duration.ZERO, null);
    }

    /** Waits before retry number {@code retry} (1-based): base * 2^(retry-1), plus up to 50% jitter. */
    public void pause(int retry) {
        long base = baseDelay.toMillis() << Math.min(retry - 1, 10);
        long jitter = base == 0 ? 0 : ThreadLocalRandom.current().nextLong(base / 2 + 1);
        try {
            sleeper.sleep(Duration.ofMillis(base + jitter));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BriefingException(ExitCode.INTERRUPTED, "interrupted", null, e);
        }
    }
}
