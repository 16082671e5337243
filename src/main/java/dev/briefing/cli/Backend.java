package dev.briefing.cli;

import dev.briefing.llm.LanguageModel;
import dev.briefing.llm.ModelServer;
import java.time.Duration;
import java.util.Map;

/** The model server and model a command talks to. Tests substitute their own. */
public record Backend(ModelServer server, LanguageModel model) {

    @FunctionalInterface
    public interface Factory {
        /**
         * @param host    one host as the user gave it (flag, BRIEFING_HOSTS or OLLAMA_HOST), unparsed,
         *                without its {@code #slots} suffix; null for the default
         * @param timeout per-call read timeout
         */
        Backend create(String host, String model, Duration timeout);

        /** As {@link #create(String, String, Duration)}, for backends that read the environment (an API key). */
        default Backend create(String host, String model, Duration timeout, Map<String, String> env) {
            return create(host, model, timeout);
        }

        /**
         * This factory, telling the user on {@code err} what it chose and what it fetches (the
         * embedded model's first download). Test factories need not care.
         *
         * @param animate stderr may redraw a progress line in place
         */
        default Factory reportingTo(java.io.PrintStream err, boolean animate) {
            return this;
        }
    }
}
