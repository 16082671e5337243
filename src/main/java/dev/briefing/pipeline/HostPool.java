package dev.briefing.pipeline;

import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.error.ModelCallException;
import dev.briefing.error.ModelUnavailableException;
import dev.briefing.llm.LanguageModel;
import dev.briefing.llm.ModelInfo;
import dev.briefing.llm.ModelReply;
import dev.briefing.llm.ModelRequest;
import dev.briefing.llm.ModelServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Several model servers serving one run as one. Each call goes to the host with the most free
 * room, where a host's room is its slots plus one spare request waiting in its own queue (the
 * spare starts the moment a slot frees: EngineConfig#requestsInFlight); when every host is full
 * the caller waits for the first to free. So the map's shared queue of chunks keeps every slot
 * of every host busy, whichever host finishes first pulling the next chunk. The order of the
 * results does not depend on which host served what (Parallel keeps chunk order), and each
 * reply names its host for the run record.
 *
 * <p>Failover: a host that cannot be reached or lost the model ({@link ModelUnavailableException})
 * leaves the pool with one warning and the call goes at once to another host; a call that failed
 * retryably on a host that then does not answer its probe does the same (the server died under
 * it). A host whose calls fail {@value #STRIKES} times in a row while answering its probe also
 * leaves. The last host never leaves: its failures end the run exactly as with one host.
 * A host that comes back is not taken in again: a run is short against a server's uptime.
 */
public final class HostPool implements LanguageModel, ModelServer {
    static final int STRIKES = 3;

    /** One server of the pool and the requests it may hold: {@code slots} running plus one queued. */
    public record Member(String host, ModelServer server, LanguageModel model, int slots) {
        public Member {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(model, "model");
            if (slots < 1) {
                throw new IllegalArgumentException("slots must be positive: " + slots);
            }
        }
    }

    private static final class State {
        final Member member;
        int inFlight;
        int strikes;
        boolean gone;
        int served;

        State(Member member) {
            this.member = member;
        }

        int room() {
            return member.slots() + 1 - inFlight;
        }
    }

    private final List<State> states;
    private final Consumer<String> warn;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();

    private HostPool(List<Member> members, Consumer<String> warn) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a pool needs at least one host");
        }
        this.states = members.stream().map(State::new).toList();
        this.warn = Objects.requireNonNull(warn, "warn");
    }

    /** @param warn receives the one line each host leaving the pool is worth */
    public static HostPool of(List<Member> members, Consumer<String> warn) {
        return new HostPool(List.copyOf(members), warn);
    }

    /** The hosts still in the pool, in the order given. */
    public List<Member> members() {
        lock.lock();
        try {
            return states.stream().filter(s -> !s.gone).map(s -> s.member).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Slots of the hosts still in the pool. */
    public int slots() {
        return members().stream().mapToInt(Member::slots).sum();
    }

    // ---- ModelServer ----

    /** All hosts as given, comma-separated: the run record's "host". */
    @Override
    public String host() {
        return states.stream().map(s -> s.member.host()).collect(Collectors.joining(", "));
    }

    /** Probes every host; those that do not answer leave, unless none would be left. */
    @Override
    public void ensureReachable() {
        for (State s : live()) {
            try {
                s.member.server().ensureReachable();
            } catch (ModelUnavailableException e) {
                remove(s, e);
            }
        }
    }

    @Override
    public List<String> models() {
        return live().get(0).member.server().models();
    }

    /**
     * The model on every host, with the smallest context any of them has (a chunk must fit wherever
     * it lands). A host without the model leaves the pool, unless none would be left.
     */
    @Override
    public ModelInfo show(String model) {
        ModelInfo smallest = null;
        for (State s : live()) {
            try {
                ModelInfo info = s.member.server().show(model);
                if (smallest == null || info.contextLength() < smallest.contextLength()) {
                    smallest = info;
                }
            } catch (ModelUnavailableException e) {
                remove(s, e);
            }
        }
        if (smallest == null) {
            // Only the last host's failure propagates: remove() rethrew it.
            throw new IllegalStateException("no host described " + model);
        }
        return smallest;
    }

    // ---- LanguageModel ----

    @Override
    public String modelName() {
        return states.get(0).member.model().modelName();
    }

    @Override
    public ModelReply chat(ModelRequest request) {
        return send(request, null);
    }

    @Override
    public ModelReply chat(ModelRequest request, Consumer<String> onPartialText) {
        return send(request, Objects.requireNonNull(onPartialText, "onPartialText"));
    }

    private ModelReply send(ModelRequest request, Consumer<String> onPartialText) {
        while (true) {
            State s = acquire();
            try {
                LanguageModel model = s.member.model();
                ModelReply reply = onPartialText == null ? model.chat(request) : model.chat(request, onPartialText);
                succeeded(s);
                return reply.withHost(s.member.host());
            } catch (ModelUnavailableException e) {
                remove(s, e);
                // the call goes to another host
            } catch (ModelCallException e) {
                if (!e.retryable() || !failedOn(s, e)) {
                    throw e;
                }
            } finally {
                release(s);
            }
        }
    }

    /**
     * A retryable failure on {@code s}: true when the host left the pool for it (the call then goes
     * to another host at once), false when the caller's retry policy should decide.
     */
    private boolean failedOn(State s, ModelCallException e) {
        if (live().size() == 1) {
            return false;
        }
        try {
            s.member.server().ensureReachable();
        } catch (ModelUnavailableException gone) {
            return remove(s, gone);
        }
        lock.lock();
        boolean out;
        try {
            out = ++s.strikes >= STRIKES;
        } finally {
            lock.unlock();
        }
        return out && remove(s, new ModelUnavailableException(s.member.host() + " failed " + STRIKES
                + " calls in a row (last: " + e.getMessage() + ")", null, e));
    }

    private State acquire() {
        lock.lock();
        try {
            while (true) {
                State best = null;
                for (State s : states) {
                    if (!s.gone && s.room() > 0 && (best == null || s.room() > best.room())) {
                        best = s;
                    }
                }
                if (best != null) {
                    best.inFlight++;
                    return best;
                }
                try {
                    freed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BriefingException(ExitCode.INTERRUPTED, "interrupted while waiting for a free model server",
                            null, e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void release(State s) {
        lock.lock();
        try {
            s.inFlight--;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void succeeded(State s) {
        lock.lock();
        try {
            s.strikes = 0;
            s.served++;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes {@code s} out of the pool with one warning and returns true; when it is the last host,
     * throws {@code why} instead, which ends the run as it would with one host.
     */
    private boolean remove(State s, ModelUnavailableException why) {
        int left;
        lock.lock();
        try {
            if (s.gone) {
                return true;
            }
            left = (int) states.stream().filter(x -> !x.gone).count() - 1;
            if (left == 0) {
                throw why;
            }
            s.gone = true;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
        int slotsLeft = slots();
        warn.accept("warning: " + s.member.host() + " left the pool: " + why.getMessage() + "; its calls go to the "
                + left + " other host(s) (" + slotsLeft + " slot(s))");
        return true;
    }

    private List<State> live() {
        lock.lock();
        try {
            return states.stream().filter(s -> !s.gone).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Replies each host sent, for the final line of a run ("gpu1 480, gpu2 520"). */
    public String servedCounts() {
        lock.lock();
        try {
            List<String> parts = new ArrayList<>();
            for (State s : states) {
                parts.add(s.member.host() + " " + s.served + (s.gone ? " (left)" : ""));
            }
            return String.join(", ", parts);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "HostPool[" + host() + "]";
    }
}
