package dev.briefing.llm;

import java.util.ArrayList;
import java.util.List;

/** Collects every model call of a run, from any thread, for the run record and the totals. */
public final class UsageMeter {
    private final List<CallRecord> calls = new ArrayList<>();

    public synchronized void record(CallRecord call) {
        calls.add(call);
    }

    public synchronized List<CallRecord> calls() {
        return List.copyOf(calls);
    }

    /** Requests sent to the server, retries and repairs included. */
    public synchronized int requests() {
        return calls.stream().mapToInt(CallRecord::attempts).sum();
    }

    public synchronized long promptTokens() {
        return calls.stream().mapToLong(CallRecord::promptTokens).sum();
    }

    public synchronized long completionTokens() {
        return calls.stream().mapToLong(CallRecord::completionTokens).sum();
    }
}
