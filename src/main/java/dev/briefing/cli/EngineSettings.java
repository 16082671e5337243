package dev.briefing.cli;

import dev.briefing.error.BriefingException;
import dev.briefing.llm.RetryPolicy;
import dev.briefing.pipeline.EngineConfig;
import dev.briefing.prompt.PromptLibrary;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** The engine settings every model-calling command takes, checked once, the same way. */
final class EngineSettings {
    /** Base wait before a retry, in ms: a tuning knob without a flag (README), and the tests' seam. */
    static final String RETRY_BASE_ENV = "BRIEFING_RETRY_BASE_MS";

    private EngineSettings() {
    }

    /** The options every model-calling command takes; each command adds its own. */
    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder("m").longOpt("model").hasArg().argName("NAME")
                .desc("Ollama model (env BRIEFING_MODEL; default " + EngineConfig.DEFAULT_MODEL + ")").get());
        o.addOption(Option.builder().longOpt("host").hasArg().argName("URL[#N]")
                .desc("model server, repeatable: Ollama (env OLLAMA_HOST; default 127.0.0.1:11434) or an "
                        + "OpenAI-compatible one ending in /v1 (vLLM, llama-server, LM Studio); #N its slots "
                        + "(env BRIEFING_HOSTS: a comma list)").get());
        o.addOption(Option.builder().longOpt("num-ctx").hasArg().argName("TOKENS")
                .desc("context window to request, capped at the model's (default " + EngineConfig.DEFAULT_NUM_CTX
                        + ")").get());
        o.addOption(Option.builder().longOpt("num-predict").hasArg().argName("TOKENS")
                .desc("output budget per call (default " + EngineConfig.DEFAULT_NUM_PREDICT + ")").get());
        o.addOption(Option.builder().longOpt("timeout").hasArg().argName("SECONDS")
                .desc("per-call read timeout (default 300)").get());
        o.addOption(Option.builder().longOpt("prompts").hasArg().argName("DIR")
                .desc("read prompt files from DIR instead of the bundled ones").get());
        return o;
    }

    static EngineConfig from(CommandLine line, Settings s, Io io, String model) {
        List<Hosts.Spec> hosts = Hosts.from(line, s, io.env());
        int numCtx = s.integer("num-ctx", null, EngineConfig.DEFAULT_NUM_CTX, 1024, 1 << 20);
        int numPredict = s.integer("num-predict", null, EngineConfig.DEFAULT_NUM_PREDICT, 256, 1 << 18);
        if (numPredict >= numCtx) {
            throw BriefingException.usage("--num-predict (" + numPredict + ") must be smaller than --num-ctx ("
                    + numCtx + ")");
        }
        return EngineConfig.builder()
                .model(model)
                .numCtx(numCtx)
                .numPredict(numPredict)
                .chunkTokens(s.integer("chunk-tokens", null, EngineConfig.DEFAULT_CHUNK_TOKENS, 256, 1 << 20))
                // The server's concurrency cannot be read over its API; OLLAMA_NUM_PARALLEL, set
                // for `ollama serve` on the same machine, is the best default we can see. With
                // several hosts, parallel counts the slots of all of them (Hosts).
                .parallel(Hosts.slots(hosts))
                .servers(hosts.size())
                .language(s.get("lang", null, null))
                .retry(retryPolicy(io.env()))
                .prompts(line.hasOption("prompts") ? PromptLibrary.fromDirectory(io.workDir().resolve(
                        line.getOptionValue("prompts"))) : PromptLibrary.bundled())
                .build();
    }

    static RetryPolicy retryPolicy(Map<String, String> env) {
        RetryPolicy defaults = RetryPolicy.defaults();
        String value = env.get(RETRY_BASE_ENV);
        if (value == null || value.isBlank()) {
            return defaults;
        }
        long ms;
        try {
            ms = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw BriefingException.usage(RETRY_BASE_ENV + " takes a whole number of milliseconds, got '" + value + "'",
                    "unset it, or set e.g. " + RETRY_BASE_ENV + "=1000");
        }
        if (ms < 0 || ms > 60_000) {
            throw BriefingException.usage(RETRY_BASE_ENV + " must be between 0 and 60000, got " + ms,
                    "unset it, or set e.g. " + RETRY_BASE_ENV + "=1000");
        }
        return new RetryPolicy(defaults.maxRetries(), Duration.ofMillis(ms), null);
    }
}
