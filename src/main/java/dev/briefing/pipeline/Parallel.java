package dev.briefing.pipeline;

import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Applies a function to items on up to {@code parallel} threads and returns the results in
 * the items' order, whatever order they finish in. A function that throws ends the whole map
 * at once: items not yet started are not started (for a model call, nothing more is sent to
 * a server that is gone), and the exception reaches the caller as it was thrown. Failures the
 * caller can live with belong in the function's result, not in an exception.
 */
public final class Parallel {
    private Parallel() {
    }

    public static <T, R> List<R> mapInOrder(List<T> items, int parallel, String threadName, Function<T, R> function) {
        if (items.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, items.size()), runnable -> {
            Thread t = new Thread(runnable, threadName);
            t.setDaemon(true);
            return t;
        });
        AtomicBoolean ending = new AtomicBoolean();
        CompletionService<R> completed = new ExecutorCompletionService<>(pool);
        try {
            Map<Future<R>, Integer> position = new HashMap<>();
            for (T item : items) {
                position.put(completed.submit(() -> {
                    if (ending.get()) {
                        return null;
                    }
                    try {
                        return function.apply(item);
                    } catch (RuntimeException e) {
                        ending.set(true);
                        throw e;
                    }
                }), position.size());
            }
            @SuppressWarnings("unchecked")
            R[] results = (R[]) new Object[items.size()];
            for (int n = 0; n < items.size(); n++) {
                Future<R> f = completed.take();
                // Taken as they complete, so a failure ends the map even while earlier items run.
                results[position.get(f)] = f.get();
            }
            return Arrays.asList(results);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BriefingException(ExitCode.INTERRUPTED, "interrupted", null, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(threadName + " worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The future's result once it is done, waiting through interrupts (the flag is set again
     * before this returns): for work that must not be left half done by Ctrl-C, such as files
     * being written or a version being stored.
     *
     * @throws ExecutionException as {@link Future#get()} does
     */
    public static <T> T awaitThroughInterrupts(Future<T> future) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The future's result, its failure thrown as it was thrown (an unchecked exception or an
     * error; anything else wrapped), an interrupt while waiting as {@code interrupted} (exit 130).
     */
    public static <T> T await(Future<T> future, String interrupted) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BriefingException(ExitCode.INTERRUPTED, interrupted, null, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
