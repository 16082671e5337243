package dev.briefing.cli;

import dev.briefing.llm.LanguageModel;
import dev.briefing.llm.ModelReply;
import dev.briefing.llm.ModelRequest;
import dev.briefing.normalize.Article;
import dev.briefing.pipeline.Progress;
import dev.briefing.pipeline.RunStatus;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows {@code summarize} and {@code ask} for the live status line, as pipeline's RunTracker
 * follows a brief: the model is {@link #watch watched}, and each call's purpose says what the
 * command is doing ("summarize 3d48… chunk 2/3": that file's chunk is read; "merge 3d48…": its
 * parts are merged; "ask answer": the answer is awaited, then written). So the status shows
 * chunks done of all, the time and what is left, tokens and the file read, while the model works
 * and before its first streamed token. Text streamed on stdout is never cut by it: LiveStatus
 * does not draw the line while stdout's line is open.
 */
final class CallStatus {
    private static final Pattern CHUNK = Pattern.compile("summarize (\\S+) chunk (\\d+)/(\\d+)");
    private static final Pattern MERGE = Pattern.compile("merge (\\S+)( .*)?");

    private final Progress progress;
    private final LongSupplier nanos;
    private final Map<String, String> files;
    private final int total;
    private long started;
    private final Set<String> chunksDone = new HashSet<>();
    /** What each thread's call in flight does: a file label for a chunk, else a stage. */
    private final LinkedHashMap<Thread, String> reading = new LinkedHashMap<>();
    private final LinkedHashMap<Thread, String> doing = new LinkedHashMap<>();
    private String stage;
    private long tokens;
    private long lastDone;

    private CallStatus(String stage, int total, Map<String, String> files, Progress progress, LongSupplier nanos) {
        this.stage = Objects.requireNonNull(stage, "stage");
        this.total = total;
        this.files = Map.copyOf(files);
        this.progress = Objects.requireNonNull(progress, "progress");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.started = nanos.getAsLong();
        this.lastDone = started;
    }

    /** The status of a summarize run over {@code totalChunks} chunks of these articles. */
    static CallStatus summarize(int totalChunks, List<Article> articles, Progress progress, LongSupplier nanos) {
        Map<String, String> files = new HashMap<>();
        for (Article article : articles) {
            Path name = article.path().equals("-") ? null : Path.of(article.path()).getFileName();
            files.putIfAbsent(article.id(), name == null ? article.path() : name.toString());
        }
        return new CallStatus(RunStatus.SUMMARIZE, totalChunks, files, progress, nanos);
    }

    /** The status of an ask run, which counts no chunks: only its stage, time and tokens. */
    static CallStatus ask(Progress progress, LongSupplier nanos) {
        return new CallStatus("ask", 0, Map.of(), progress, nanos);
    }

    /** The command moved on (ask: "searching the passages"); shown at once. */
    void stage(String next) {
        synchronized (this) {
            stage = Objects.requireNonNull(next, "next");
        }
        show();
    }

    /** A new question of a session: the clock and the tokens start again from this stage. */
    void begin(String next) {
        synchronized (this) {
            started = nanos.getAsLong();
            lastDone = started;
            tokens = 0;
        }
        stage(next);
    }

    /** The steps are over: the status line goes away (before a prompt, or the closing line). */
    void end() {
        progress.endSteps();
    }

    /** The model as the command uses it, telling this status of each call. */
    LanguageModel watch(LanguageModel model) {
        Objects.requireNonNull(model, "model");
        return new dev.briefing.llm.ForwardingLanguageModel(model) {
            @Override
            public ModelReply chat(ModelRequest request) {
                starting(request.purpose());
                try {
                    return answered(request.purpose(), delegate.chat(request));
                } finally {
                    finished();
                }
            }

            @Override
            public ModelReply chat(ModelRequest request, Consumer<String> onPartialText) {
                starting(request.purpose());
                try {
                    boolean[] first = {true};
                    return answered(request.purpose(), delegate.chat(request, piece -> {
                        if (first[0] && !piece.isEmpty()) {
                            first[0] = false;
                            firstToken(request.purpose());
                        }
                        onPartialText.accept(piece);
                    }));
                } finally {
                    finished();
                }
            }
        };
    }

    private void starting(String purpose) {
        synchronized (this) {
            Thread self = Thread.currentThread();
            reading.remove(self);
            doing.remove(self);
            Matcher chunk = CHUNK.matcher(purpose);
            Matcher merge = MERGE.matcher(purpose);
            if (chunk.matches()) {
                reading.put(self, file(chunk.group(1)) + (chunk.group(3).equals("1") ? ""
                        : " (" + chunk.group(2) + "/" + chunk.group(3) + ")"));
            } else if (merge.matches()) {
                doing.put(self, "merging the parts of " + file(merge.group(1)));
            } else if (purpose.equals("ask query rewrite")) {
                doing.put(self, "ask: rewriting the question as Chinese search queries");
            } else if (purpose.equals("ask answer")) {
                doing.put(self, "ask: waiting for the model's answer");
            }
        }
        show();
    }

    private void firstToken(String purpose) {
        if (!purpose.equals("ask answer")) {
            return;
        }
        synchronized (this) {
            doing.put(Thread.currentThread(), "ask: writing the answer");
        }
        show();
    }

    private ModelReply answered(String purpose, ModelReply reply) {
        synchronized (this) {
            tokens += Math.max(0, reply.promptTokens()) + Math.max(0, reply.completionTokens());
            if (CHUNK.matcher(purpose).matches() && chunksDone.add(purpose) && chunksDone.size() <= total) {
                lastDone = nanos.getAsLong();
            }
            if (purpose.equals("ask answer")) {
                stage = "ask: checking the answer's quotes";
            } else if (purpose.equals("ask query rewrite")) {
                stage = "ask: searching the passages";
            }
        }
        return reply;
    }

    private void finished() {
        synchronized (this) {
            reading.remove(Thread.currentThread());
            doing.remove(Thread.currentThread());
        }
        show();
    }

    private String file(String articleId) {
        return files.getOrDefault(articleId, articleId);
    }

    private void show() {
        progress.step(status(), null);
    }

    /** The status now: the latest call in flight that is not a chunk's names the stage. */
    synchronized RunStatus status() {
        String now = doing.values().stream().reduce((a, b) -> b).orElse(stage);
        String file = reading.values().stream().reduce((a, b) -> b).orElse(null);
        int done = Math.min(total, chunksDone.size());
        return new RunStatus(now, done, total, 0, tokens, file, started, lastDone);
    }
}
