package dev.briefing.pipeline;

import dev.briefing.chunk.ChunkBudget;
import dev.briefing.error.BriefingException;
import dev.briefing.llm.RetryPolicy;
import dev.briefing.prompt.PromptLibrary;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The engine's settings; most are optional, hence the builder. */
public final class EngineConfig {
    public static final String DEFAULT_MODEL = "qwen2.5:7b";
    /** A 7B model's KV cache for 32k tokens does not fit a laptop; 8k fits and holds a long chunk. */
    public static final int DEFAULT_NUM_CTX = 8192;
    public static final int DEFAULT_NUM_PREDICT = 2048;
    /** Small enough for a 7B model to extract well, large enough that the prompt's overhead stays small. */
    public static final int DEFAULT_CHUNK_TOKENS = 3000;
    public static final int DEFAULT_PARALLEL = 2;
    /** Slots of all hosts together: 64 per host (--parallel's limit), several hosts. */
    public static final int MAX_PARALLEL = 512;

    private final String model;
    private final String host;
    private final int numCtx;
    private final int numPredict;
    private final int chunkTokens;
    private final int parallel;
    private final int servers;
    private final String language;
    private final double temperature;
    private final Integer seed;
    private final PromptLibrary prompts;
    private final RetryPolicy retry;

    private EngineConfig(Builder b) {
        this.model = Objects.requireNonNull(b.model, "model");
        this.host = Objects.requireNonNull(b.host, "host");
        this.numCtx = b.numCtx;
        this.numPredict = b.numPredict;
        this.chunkTokens = b.chunkTokens;
        this.parallel = b.parallel;
        this.servers = b.servers;
        this.language = b.language;
        this.temperature = b.temperature;
        this.seed = b.seed;
        this.prompts = Objects.requireNonNull(b.prompts, "prompts");
        this.retry = Objects.requireNonNull(b.retry, "retry");
        if (parallel < 1 || parallel > MAX_PARALLEL) {
            throw new IllegalArgumentException("parallel must be between 1 and " + MAX_PARALLEL + ": " + parallel);
        }
        if (servers < 1 || servers > parallel) {
            throw new IllegalArgumentException("servers must be between 1 and parallel (" + parallel + "): " + servers);
        }
        if (numPredict >= numCtx) {
            throw new IllegalArgumentException("numPredict (" + numPredict + ") must be below numCtx (" + numCtx + ")");
        }
        if (chunkTokens < 256) {
            throw new IllegalArgumentException("chunkTokens must be at least 256: " + chunkTokens);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public String model() {
        return model;
    }

    public String host() {
        return host;
    }

    public int numCtx() {
        return numCtx;
    }

    public int numPredict() {
        return numPredict;
    }

    public int chunkTokens() {
        return chunkTokens;
    }

    public int parallel() {
        return parallel;
    }

    /**
     * Model calls the engine keeps open at once (RequestGate): one more than each server runs at
     * once. The extra request waits in the server's queue and starts the moment a slot frees, so
     * a slot never waits for a request to travel (benchmarks: docs/benchmarks.md); the map runs
     * more workers than this, so checking a reply holds no call open.
     */
    public int requestsInFlight() {
        return parallel + servers;
    }

    /** Model servers sharing the run (pipeline.HostPool); {@link #parallel} counts the slots of all of them. */
    public int servers() {
        return servers;
    }

    /** The requested language, or null for the articles' own. */
    public String language() {
        return language;
    }

    public double temperature() {
        return temperature;
    }

    public Integer seed() {
        return seed;
    }

    public PromptLibrary prompts() {
        return prompts;
    }

    public RetryPolicy retry() {
        return retry;
    }

    /**
     * The chunk budget for a model with this context length and a prompt of this overhead.
     *
     * @throws BriefingException (exit 2) when the window leaves no room for a chunk
     */
    public ChunkBudget chunkBudget(int contextLength, int promptOverheadTokens) {
        try {
            return ChunkBudget.of(contextLength, numCtx, promptOverheadTokens, numPredict, chunkTokens);
        } catch (IllegalArgumentException e) {
            throw BriefingException.usage("the model's context is too small for a chunk: " + e.getMessage(),
                    "raise --num-ctx or lower --num-predict");
        }
    }

    /** The settings as run.json records them. */
    public Map<String, Object> asRecord() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("numCtxRequested", numCtx);
        m.put("numPredict", numPredict);
        m.put("chunkTokens", chunkTokens);
        m.put("parallel", parallel);
        m.put("servers", servers);
        m.put("language", language == null ? "auto" : language);
        m.put("temperature", temperature);
        m.put("seed", seed == null ? "none" : seed);
        m.put("prompts", prompts.origin());
        m.put("maxRetries", retry.maxRetries());
        m.put("retryBaseMs", retry.baseDelay().toMillis());
        return m;
    }

    public static final class Builder {
        private String model = DEFAULT_MODEL;
        private String host = "http://127.0.0.1:11434";
        private int numCtx = DEFAULT_NUM_CTX;
        private int numPredict = DEFAULT_NUM_PREDICT;
        private int chunkTokens = DEFAULT_CHUNK_TOKENS;
        private int parallel = DEFAULT_PARALLEL;
        private int servers = 1;
        private String language;
        private double temperature = 0.1;
        private Integer seed = 42;
        private PromptLibrary prompts = PromptLibrary.bundled();
        private RetryPolicy retry = RetryPolicy.defaults();

        public Builder model(String v) {
            model = v;
            return this;
        }

        public Builder host(String v) {
            host = v;
            return this;
        }

        public Builder numCtx(int v) {
            numCtx = v;
            return this;
        }

        public Builder numPredict(int v) {
            numPredict = v;
            return this;
        }

        public Builder chunkTokens(int v) {
            chunkTokens = v;
            return this;
        }

        public Builder parallel(int v) {
            parallel = v;
            return this;
        }

        public Builder servers(int v) {
            servers = v;
            return this;
        }

        public Builder language(String v) {
            language = v;
            return this;
        }

        public Builder temperature(double v) {
            temperature = v;
            return this;
        }

        public Builder seed(Integer v) {
            seed = v;
            return this;
        }

        public Builder prompts(PromptLibrary v) {
            prompts = v;
            return this;
        }

        public Builder retry(RetryPolicy v) {
            retry = v;
            return this;
        }

        public EngineConfig build() {
            return new EngineConfig(this);
        }
    }
}
