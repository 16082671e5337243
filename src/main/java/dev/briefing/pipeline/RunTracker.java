package dev.briefing.pipeline;

import dev.briefing.llm.LanguageModel;
import dev.briefing.llm.ModelReply;
import dev.briefing.llm.ModelRequest;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows a brief run for its status line and log: chunks mapped, from the cache or not, the
 * file being read, tokens, and the synthesis calls with their parts. The run's model is
 * {@link #watch watched}: each reply says whether the cache gave it, and the synthesis calls are
 * told apart by their purpose ("synthesize part 2/5"), so neither the mapper nor the
 * synthesizer need know about progress.
 */
final class RunTracker {
    private static final Pattern PART = Pattern.compile("synthesize (?:merge level (\\d+) )?part (\\d+)/(\\d+)");

    private final int total;
    private final LongSupplier nanos;
    private final Progress progress;
    private final long started;
    private final ThreadLocal<int[]> repliesOnThread = ThreadLocal.withInitial(() -> new int[2]);
    /** When this thread's chunk sent its first call (0 until it does): a chunk's time is from then. */
    private final ThreadLocal<long[]> sentOnThread = ThreadLocal.withInitial(() -> new long[1]);
    private int done;
    private int fromCache;
    private long tokens;
    private final java.util.LinkedHashMap<Thread, String> reading = new java.util.LinkedHashMap<>();
    private long lastDone;
    private String stage = RunStatus.MAP;
    private int partsDone;
    private String level = "";

    RunTracker(int total, Progress progress, LongSupplier nanos) {
        this.total = total;
        this.progress = Objects.requireNonNull(progress, "progress");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.started = nanos.getAsLong();
        this.lastDone = started;
    }

    /** The model as the run uses it, telling this tracker of each call. */
    LanguageModel watch(LanguageModel model) {
        return new dev.briefing.llm.ForwardingLanguageModel(model) {
            @Override
            public ModelReply chat(ModelRequest request) {
                starting(request.purpose());
                return answered(request.purpose(), delegate.chat(request));
            }

            @Override
            public ModelReply chat(ModelRequest request, Consumer<String> onPartialText) {
                starting(request.purpose());
                return answered(request.purpose(), delegate.chat(request, onPartialText));
            }
        };
    }

    /** A chunk of {@code fileLabel} is about to be mapped, on this thread. */
    void reading(String fileLabel) {
        repliesOnThread.get()[0] = 0;
        repliesOnThread.get()[1] = 0;
        sentOnThread.get()[0] = 0;
        RunStatus status;
        synchronized (this) {
            reading.remove(Thread.currentThread());
            reading.put(Thread.currentThread(), fileLabel);
            status = status();
        }
        progress.step(status, null);
    }

    /**
     * The chunk this thread read is mapped: from the cache when every reply for it came from
     * the cache (or no call was needed). Returns whether it was. The log line is made from the
     * status after this chunk (done and cached counts), and whether this chunk was cached.
     */
    boolean mapped(java.util.function.BiFunction<RunStatus, Boolean, String> logLine) {
        int[] replies = repliesOnThread.get();
        boolean cached = replies[0] == replies[1];
        RunStatus status;
        String line;
        synchronized (this) {
            reading.remove(Thread.currentThread());
            done++;
            if (cached) {
                fromCache++;
            }
            lastDone = nanos.getAsLong();
            status = status();
            line = logLine.apply(status, cached);
        }
        progress.step(status, line);
        return cached;
    }

    /**
     * When the chunk this thread reads sent its first call ({@code nanos}' clock), or
     * {@code orElse} when it sent none (answered from the cache): what it waited for a free
     * slot before that is not its own time.
     */
    long firstSent(long orElse) {
        long sent = sentOnThread.get()[0];
        return sent == 0 ? orElse : sent;
    }

    private void starting(String purpose) {
        long[] sent = sentOnThread.get();
        if (sent[0] == 0) {
            sent[0] = nanos.getAsLong();
        }
        if (!purpose.startsWith("synthesize")) {
            return;
        }
        RunStatus status;
        synchronized (this) {
            Matcher part = PART.matcher(purpose);
            if (part.matches()) {
                String partLevel = part.group(1) == null ? "1" : part.group(1);
                if (!partLevel.equals(level)) {
                    level = partLevel;
                    partsDone = 0;
                }
                stage = synthesisStage(part, partsDone);
            } else {
                stage = level.isEmpty() ? "synthesis" : "synthesis, final merge";
            }
            status = status();
        }
        progress.step(status, null);
    }

    private ModelReply answered(String purpose, ModelReply reply) {
        int[] replies = repliesOnThread.get();
        replies[0]++;
        if (reply.fromCache()) {
            replies[1]++;
        }
        RunStatus status;
        String line = null;
        synchronized (this) {
            tokens += Math.max(0, reply.promptTokens()) + Math.max(0, reply.completionTokens());
            Matcher part = PART.matcher(purpose);
            if (part.matches()) {
                partsDone++;
                stage = synthesisStage(part, partsDone);
                line = purpose.replace("synthesize", "synthesis") + (reply.fromCache() ? " done, cached"
                        : String.format(Locale.ROOT, " done in %.1fs", reply.durationMs() / 1000.0));
            }
            status = status();
        }
        progress.step(status, line);
        return reply;
    }

    /** "synthesis 2/5 parts" or "synthesis merge level 2, 1/2 parts": parts done of all at that level. */
    private static String synthesisStage(Matcher part, int partsDone) {
        int of = Integer.parseInt(part.group(3));
        String level = part.group(1) == null ? "" : " merge level " + part.group(1) + ",";
        return "synthesis" + level + " " + Math.min(partsDone, of) + "/" + of + " parts";
    }

    /** The status now; the file shown is the one whose reading began last of those still being read. */
    synchronized RunStatus status() {
        String file = reading.values().stream().reduce((first, second) -> second).orElse(null);
        return new RunStatus(stage, done, total, fromCache, tokens, file, started, lastDone);
    }
}
