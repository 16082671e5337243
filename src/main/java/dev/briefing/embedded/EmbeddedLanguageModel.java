package dev.briefing.embedded;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.error.ModelCallException;
import dev.briefing.error.ModelUnavailableException;
import dev.briefing.llm.ChatTurn;
import dev.briefing.llm.FinishReason;
import dev.briefing.llm.Grounding;
import dev.briefing.llm.LanguageModel;
import dev.briefing.llm.ModelReply;
import dev.briefing.llm.ModelRequest;
import dev.briefing.llm.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A GGUF model run in-process by llama.cpp (java-llama.cpp), behind the engine's
 * {@link LanguageModel}. The model is loaded once, on the first call, with that call's
 * num_ctx as its context (loaded again only if a later call asks for more). Prompts go
 * through the model's own chat template; a schema becomes a sampling grammar, so even a
 * weak model can only produce JSON of that shape. {@link #withSequences(int)} sequences run at
 * once (llama.cpp's parallel slots, each with the full num_ctx); further calls wait in
 * llama.cpp's own task queue.
 *
 * <p>Context shift is off: llama.cpp would otherwise drop the start of a prompt that does not
 * fit, silently, as Ollama does; here a prompt that does not fit fails before it is sent.
 */
public final class EmbeddedLanguageModel implements LanguageModel, AutoCloseable {
    private final Path file;
    private final Duration timeout;
    private final int threads;
    private final int sequences;
    private final Map<String, String> grammars = new ConcurrentHashMap<>();
    // Generation holds the read lock, so any number of sequences run at once; (re)loading the
    // model holds the write lock, so a model is never closed under a sequence using it.
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private LlamaModel model;
    private int loadedCtx;
    private long loadMs;

    public EmbeddedLanguageModel(Path file, Duration timeout) {
        this(file, timeout, 1);
    }

    private EmbeddedLanguageModel(Path file, Duration timeout, int sequences) {
        if (sequences < 1) {
            throw new IllegalArgumentException("sequences must be at least 1: " + sequences);
        }
        this.sequences = sequences;
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public String modelName() {
        return file.getFileName().toString();
    }

    public Path file() {
        return file;
    }

    /** How many sequences generate at once. */
    public int sequences() {
        return sequences;
    }

    /**
     * This model running {@code n} sequences at once (the run's {@code --parallel}). Only before
     * the first call: the sequences are fixed when the model is loaded.
     */
    public EmbeddedLanguageModel withSequences(int n) {
        if (n == sequences) {
            return this;
        }
        lock.readLock().lock();
        try {
            if (model != null) {
                throw new IllegalStateException("the model is loaded already: " + this);
            }
        } finally {
            lock.readLock().unlock();
        }
        return new EmbeddedLanguageModel(file, timeout, n);
    }

    /** How long the last load of the model took, in ms (0 before the first call). */
    public long loadMs() {
        lock.readLock().lock();
        try {
            return loadMs;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public ModelReply chat(ModelRequest request) {
        return chat(request, piece -> { });
    }

    @Override
    public ModelReply chat(ModelRequest request, Consumer<String> onPartialText) {
        Objects.requireNonNull(onPartialText, "onPartialText");
        if (Thread.currentThread().isInterrupted()) {
            throw interrupted(null);
        }
        LlamaModel llama = readLocked(request.numCtx());
        try {
            return generate(llama, request, onPartialText);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The model loaded with at least {@code numCtx} per sequence, with the read lock held. */
    private LlamaModel readLocked(int numCtx) {
        lock.readLock().lock();
        if (model != null && loadedCtx >= numCtx) {
            return model;
        }
        lock.readLock().unlock();
        lock.writeLock().lock();
        try {
            LlamaModel llama = loaded(numCtx);
            lock.readLock().lock(); // downgrade: taken before the write lock is let go
            return llama;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private ModelReply generate(LlamaModel llama, ModelRequest request, Consumer<String> onPartialText) {
        long start = System.nanoTime();
        String prompt = prompt(llama, request.messages());
        int promptTokens = llama.encode(prompt).length;
        // The request's own window is the limit even when a larger one is loaded: num_ctx means
        // the same here as with a server.
        if (promptTokens + request.numPredict() > request.numCtx()) {
            throw new ModelCallException(request.purpose() + ": the prompt (" + promptTokens + " tokens) and num_predict "
                    + request.numPredict() + " do not fit num_ctx " + request.numCtx()
                    + "; lower --chunk-tokens or raise --num-ctx", false, null);
        }
        InferenceParameters parameters = new InferenceParameters(prompt)
                .setNPredict(request.numPredict())
                .setTemperature((float) request.temperature())
                .setCachePrompt(true);
        if (request.seed() != null) {
            parameters.setSeed(request.seed());
        }
        if (request.schema() != null) {
            parameters.setGrammar(grammar(request.schema(), request.grounding()));
        }
        StringBuilder content = new StringBuilder();
        int pieces = 0;
        LlamaIterator iterator = (LlamaIterator) llama.generate(parameters).iterator();
        try {
            while (iterator.hasNext()) {
                if (Thread.currentThread().isInterrupted()) {
                    iterator.cancel();
                    throw interrupted(null);
                }
                if (System.nanoTime() - start > timeout.toNanos()) {
                    iterator.cancel();
                    throw new ModelCallException("no reply within " + timeout.toSeconds() + " s from the embedded model",
                            true, null);
                }
                LlamaOutput output = iterator.next();
                if (!output.text.isEmpty()) {
                    content.append(output.text);
                    pieces++;
                    onPartialText.accept(output.text);
                }
            }
        } catch (RuntimeException e) {
            if (e instanceof BriefingException be) {
                throw be;
            }
            iterator.cancel();
            throw new ModelCallException(request.purpose() + ": the embedded model failed: " + NativeLibrary.oneLine(e),
                    false, e);
        }
        String text = content.toString();
        // The library reports neither the stop reason nor the token counts: count them with the
        // model's own tokenizer. A reply that used up num_predict (or the window) was cut off.
        int completionTokens = text.isEmpty() ? 0 : Math.max(pieces, llama.encode(text).length);
        FinishReason finish = completionTokens >= request.numPredict()
                || promptTokens + completionTokens >= request.numCtx() ? FinishReason.LENGTH : FinishReason.STOP;
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        return new ModelReply(text, promptTokens, completionTokens, finish, durationMs);
    }

    private LlamaModel loaded(int numCtx) {
        if (model != null && loadedCtx >= numCtx) {
            return model;
        }
        NativeLibrary.ensureLoaded();
        if (model != null) {
            model.close();
            model = null;
        }
        long start = System.nanoTime();
        // llama.cpp gives each of its parallel slots an equal share of the context: n_ctx / n_parallel.
        ModelParameters parameters = new ModelParameters()
                .setModel(file.toString())
                .setCtxSize(Math.multiplyExact(numCtx, sequences))
                .setParallel(sequences)
                .setThreads(threads)
                .disableContextShift()
                .enableJinja()
                // llama.cpp's own log (common_log) writes to the process's stdout and stderr
                // directly, past any Java stream: off, or it would mix with the briefing.
                .disableLog();
        try {
            model = new LlamaModel(parameters);
        } catch (RuntimeException e) {
            List<String> said = NativeLibrary.lastWarnings();
            throw new ModelUnavailableException("llama.cpp could not load " + file + ": " + NativeLibrary.oneLine(e)
                    + (said.isEmpty() ? "" : " (" + said.get(said.size() - 1) + ")"),
                    "check the file is a complete GGUF model (delete it to download the default again)", e);
        }
        loadedCtx = numCtx;
        loadMs = (System.nanoTime() - start) / 1_000_000;
        return model;
    }

    /** The prompt as the model's chat template lays it out, ending where the assistant speaks. */
    static String prompt(LlamaModel llama, List<ChatTurn> turns) {
        StringBuilder system = new StringBuilder();
        List<Pair<String, String>> messages = new ArrayList<>();
        for (ChatTurn turn : turns) {
            if (turn.role() == Role.SYSTEM && messages.isEmpty()) {
                // The library takes one leading system message: several are joined.
                system.append(system.length() == 0 ? "" : "\n\n").append(turn.text());
            } else {
                String role = turn.role() == Role.ASSISTANT ? "assistant" : "user";
                messages.add(new Pair<>(role, turn.text()));
            }
        }
        InferenceParameters parameters = new InferenceParameters("")
                .setMessages(system.length() == 0 ? null : system.toString(), messages);
        return llama.applyTemplate(parameters);
    }

    private String grammar(com.fasterxml.jackson.databind.JsonNode schema, Grounding grounding) {
        if (grounding != null && !grounding.isEmpty()) {
            // Each chunk's grounding is its own: compiled per call, not remembered.
            return LlamaModel.jsonSchemaToGrammar(SchemaGrammar.ground(SchemaGrammar.simplify(schema), grounding)
                    .toString());
        }
        return grammars.computeIfAbsent(schema.toString(),
                s -> LlamaModel.jsonSchemaToGrammar(SchemaGrammar.simplify(schema).toString()));
    }

    private BriefingException interrupted(Throwable cause) {
        Thread.currentThread().interrupt();
        return new BriefingException(ExitCode.INTERRUPTED, "interrupted while the embedded model was generating",
                null, cause);
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (model != null) {
                model.close();
                model = null;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedLanguageModel[" + file + ", " + sequences + " sequences]";
    }
}
