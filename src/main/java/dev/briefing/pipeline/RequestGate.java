package dev.briefing.pipeline;

import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.error.ModelCallException;
import dev.briefing.llm.ForwardingLanguageModel;
import dev.briefing.llm.LanguageModel;
import dev.briefing.llm.ModelReply;
import dev.briefing.llm.ModelRequest;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * At most {@code limit} model calls open at once, however many workers there are. A worker
 * holds its place only while its call is open, not while it checks the reply (parse, schema,
 * quotes), so the map runs more workers than the limit: when a round of replies arrives
 * together, the workers waiting here send the next chunks at once instead of the slots sitting
 * idle until a reply is checked. Cache lookups and stores take no place.
 *
 * <p>Work done {@link #inTurn in turn} (the map's chunks) gets its first place in the order of its
 * turns, whichever worker reaches the gate first: chunks go to the server in the order of the
 * day, as they did when each worker held its place throughout. A turn is passed by its first
 * call or by ending without one (a chunk answered from the cache).
 *
 * <p>A call that fails with anything but a {@link ModelCallException} (the server is gone, the
 * run is interrupted) ends the run, so it closes the gate before its place is given on: a worker
 * still waiting then sends nothing and throws that same failure, so whichever worker reports
 * first, the run ends with the failure that ended it (Parallel: nothing more is sent to a
 * server that is gone).
 */
final class RequestGate extends ForwardingLanguageModel {
    private final Semaphore places;
    private volatile Throwable closedBy;
    private final java.util.concurrent.locks.ReentrantLock turns = new java.util.concurrent.locks.ReentrantLock();
    private final java.util.concurrent.locks.Condition turnPassed = turns.newCondition();
    private final java.util.Set<Integer> passedEarly = new java.util.HashSet<>();
    private int nextTurn;
    private final ThreadLocal<Turn> turn = new ThreadLocal<>();

    private static final class Turn {
        final int number;
        boolean passed;

        Turn(int number) {
            this.number = number;
        }
    }

    private RequestGate(LanguageModel model, int limit) {
        super(model);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.places = new Semaphore(limit, true);
    }

    static RequestGate of(LanguageModel model, int limit) {
        return new RequestGate(model, limit);
    }

    @Override
    public ModelReply chat(ModelRequest request) {
        return through(() -> delegate.chat(request));
    }

    @Override
    public ModelReply chat(ModelRequest request, Consumer<String> onPartialText) {
        return through(() -> delegate.chat(request, onPartialText));
    }

    /** One call through the gate: a place held while it is open, the gate closed by a run-ending failure. */
    private ModelReply through(java.util.function.Supplier<ModelReply> call) {
        enter();
        try {
            return call.get();
        } catch (ModelCallException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            close(e);
            throw e;
        } finally {
            places.release();
        }
    }

    /**
     * Runs {@code work} (which calls this gate) as turn {@code number}: its first call waits until
     * every earlier turn has passed. Turns are numbered from 0, each used once.
     */
    <R> R inTurn(int number, java.util.function.Supplier<R> work) {
        Turn mine = new Turn(number);
        turn.set(mine);
        try {
            return work.get();
        } finally {
            turn.remove();
            if (!mine.passed) {
                pass(number);
            }
        }
    }

    private void pass(int number) {
        turns.lock();
        try {
            passedEarly.add(number);
            while (passedEarly.remove(nextTurn)) {
                nextTurn++;
            }
            turnPassed.signalAll();
        } finally {
            turns.unlock();
        }
    }

    private void enter() {
        Turn mine = turn.get();
        try {
            if (mine != null && !mine.passed) {
                turns.lock();
                try {
                    while (nextTurn < mine.number && closedBy == null) {
                        turnPassed.await();
                    }
                } finally {
                    turns.unlock();
                }
            }
            Throwable ended = closedBy;
            if (ended != null) {
                rethrow(ended); // without waiting for a place the calls still out would free
            }
            places.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BriefingException(ExitCode.INTERRUPTED, "interrupted while waiting to send a model call", null, e);
        }
        Throwable ended = closedBy;
        if (ended != null) {
            places.release();
            rethrow(ended);
        }
        if (mine != null && !mine.passed) {
            mine.passed = true;
            pass(mine.number);
        }
    }

    private void close(Throwable failure) {
        turns.lock();
        try {
            if (closedBy == null) {
                closedBy = failure;
            }
            turnPassed.signalAll();
        } finally {
            turns.unlock();
        }
    }

    private static void rethrow(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw (Error) failure;
    }
}
