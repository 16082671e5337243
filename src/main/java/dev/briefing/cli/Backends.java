package dev.briefing.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Which backend serves a {@code --host} value. Each kind says whether it serves a host; the
 * first that does builds it, and Ollama, last, serves everything else (as before there was a
 * choice). A new backend joins with one {@link Kind} and one line in {@link #KINDS}.
 */
public final class Backends {

    /** One kind of model server the command line can talk to. */
    public interface Kind {
        /** @param host one host as the user gave it (no {@code #slots} suffix), never null */
        boolean serves(String host);

        /** @param env the process environment (an API key may be there); never printed or recorded */
        Backend create(String host, String model, Duration timeout, Map<String, String> env);
    }

    private static final List<Kind> KINDS = List.of(
            OpenAiBackend.KIND,
            OllamaBackend.KIND);

    private Backends() {
    }

    /** The production {@link Backend.Factory}: the first kind that serves the host builds it. */
    public static final Backend.Factory FACTORY = new Backend.Factory() {
        @Override
        public Backend create(String host, String model, Duration timeout) {
            return create(host, model, timeout, Map.of());
        }

        @Override
        public Backend create(String host, String model, Duration timeout, Map<String, String> env) {
            return Backends.create(host, model, timeout, env);
        }
    };

    public static Backend create(String host, String model, Duration timeout, Map<String, String> env) {
        String h = host == null ? "" : host.strip();
        for (Kind kind : KINDS) {
            if (kind.serves(h)) {
                return kind.create(host, model, timeout, env);
            }
        }
        throw new IllegalStateException("no backend serves '" + host + "'; the Ollama kind should serve any host");
    }
}
