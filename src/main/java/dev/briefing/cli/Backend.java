package dev.briefing.cli;

import dev.briefing.llm.LanguageModel;
import dev.briefing.llm.ModelServer;
import java.time.Duration;

/** The model server and model a command talks to. Tests substitute their own. */
public record Backend(ModelServer server, LanguageModel model) {

    @FunctionalInterface
    public interface Factory {
        /**
         * @param host    as the user gave it (flag or OLLAMA_HOST), unparsed; null for the default
         * @param timeout per-call read timeout
         */
        Backend create(String host, String model, Duration timeout);
    }
}
