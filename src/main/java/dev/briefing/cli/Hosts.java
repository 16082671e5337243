package dev.briefing.cli;

import dev.briefing.embedded.EmbeddedLanguageModel;
import dev.briefing.error.BriefingException;
import dev.briefing.ollama.OllamaHost;
import dev.briefing.pipeline.EngineConfig;
import dev.briefing.pipeline.HostPool;
import dev.briefing.pipeline.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.commons.cli.CommandLine;

/**
 * The model servers a command talks to: {@code --host} as often as given, else the comma list in
 * {@code BRIEFING_HOSTS}, else {@code OLLAMA_HOST}, else Ollama's default. Each may end in
 * {@code #N}, its slot count (what that server runs at once); the others take {@code --parallel}
 * (or {@code OLLAMA_NUM_PARALLEL}, or the default). Kinds may be mixed: a {@code /v1} host is an
 * OpenAI-compatible server, any other an Ollama server.
 */
final class Hosts {
    static final String HOSTS_ENV = "BRIEFING_HOSTS";
    static final int MAX_SLOTS = 64;

    /** One host as given, without its {@code #N}; {@code host} is null for the default. */
    record Spec(String host, int slots) {
        Spec {
            if (slots < 1 || slots > MAX_SLOTS) {
                throw new IllegalArgumentException("slots must be between 1 and " + MAX_SLOTS + ": " + slots);
            }
        }
    }

    private Hosts() {
    }

    static List<Spec> from(CommandLine line, Settings s, java.util.Map<String, String> env) {
        int parallel = s.integer("parallel", "OLLAMA_NUM_PARALLEL", EngineConfig.DEFAULT_PARALLEL, 1, MAX_SLOTS);
        List<String> given = new ArrayList<>();
        if (line.hasOption("host")) {
            for (String v : line.getOptionValues("host")) {
                // --host a,b is the same as --host a --host b, so a BRIEFING_HOSTS value can be pasted
                given.addAll(Arrays.asList(v.split(",")));
            }
        } else if (env.get(HOSTS_ENV) != null && !env.get(HOSTS_ENV).isBlank()) {
            given.addAll(Arrays.asList(env.get(HOSTS_ENV).split(",")));
        } else {
            String single = s.get("host", "OLLAMA_HOST", null);
            if (single == null) {
                return List.of(new Spec(null, parallel));
            }
            given.add(single);
        }
        List<Spec> specs = new ArrayList<>();
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (String raw : given) {
            String v = raw.strip();
            if (v.isEmpty()) {
                continue;
            }
            // A URL may carry user:password@; messages name the host without it.
            String shown = OllamaHost.redacted(v);
            int slots = parallel;
            int hash = v.lastIndexOf('#');
            if (hash >= 0) {
                String n = v.substring(hash + 1).strip();
                v = v.substring(0, hash).strip();
                try {
                    slots = Integer.parseInt(n);
                } catch (NumberFormatException e) {
                    throw BriefingException.usage("'" + shown + "': the part after # is the host's slot count, "
                            + "a whole number, got '" + n + "'", "e.g. --host http://gpu1:8000/v1#16");
                }
                if (slots < 1 || slots > MAX_SLOTS) {
                    throw BriefingException.usage("'" + shown + "': a host's slot count must be between 1 and "
                            + MAX_SLOTS + ", got " + slots);
                }
            }
            if (v.isEmpty()) {
                throw BriefingException.usage("'" + shown + "' names no host", "e.g. --host http://gpu1:11434#4");
            }
            if (!seen.add(v)) {
                throw BriefingException.usage("host '" + OllamaHost.redacted(v) + "' is given twice",
                        "give each server once, with its slot count: --host " + OllamaHost.redacted(v) + "#N");
            }
            specs.add(new Spec(v, slots));
        }
        if (specs.isEmpty()) {
            throw BriefingException.usage("no host given", "e.g. --host 127.0.0.1:11434 or BRIEFING_HOSTS=http://a:11434,http://b:11434");
        }
        return List.copyOf(specs);
    }

    /** Slots of all hosts together: what the engine runs at once. */
    static int slots(List<Spec> specs) {
        return specs.stream().mapToInt(Spec::slots).sum();
    }

    /**
     * The servers as one backend: a {@link HostPool} whose replies name their host and which
     * drops a host that dies (one warning on {@code progress}), whatever the number of hosts.
     */
    static Backend backend(CommandLine line, Settings s, Io io, String model, Duration timeout, Progress progress) {
        List<HostPool.Member> members = new ArrayList<>();
        // -q silences all but errors, the backend's own notes too ("using the embedded model", its download).
        Backend.Factory factory = s.quiet()
                ? io.backends().reportingTo(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), false)
                : io.backends();
        for (Spec spec : from(line, s, io.env())) {
            Backend b = factory.create(spec.host(), model, timeout, io.env());
            if (b.model() instanceof EmbeddedLanguageModel embedded) {
                // In-process, the slot count is how many sequences llama.cpp runs at once.
                b = new Backend(b.server(), embedded.withSequences(spec.slots()));
            }
            members.add(new HostPool.Member(b.server().host(), b.server(), b.model(), spec.slots()));
        }
        HostPool pool = HostPool.of(members, progress::line);
        return new Backend(pool, pool);
    }
}
