package dev.briefing.cli;

import dev.briefing.openai.OpenAiHost;
import dev.briefing.openai.OpenAiLanguageModel;
import dev.briefing.openai.OpenAiModelServer;
import java.time.Duration;
import java.util.Map;

/** An OpenAI-compatible server (vLLM, SGLang, llama-server, LM Studio, a gateway): a host ending in /v1. */
final class OpenAiBackend {
    /** Ours first, so a user with an OpenAI account key in the environment can still give a local server its own. */
    static final String KEY_ENV = "BRIEFING_API_KEY";
    static final String OPENAI_KEY_ENV = "OPENAI_API_KEY";

    static final Backends.Kind KIND = new Backends.Kind() {
        @Override
        public boolean serves(String host) {
            return OpenAiHost.serves(host);
        }

        @Override
        public Backend create(String host, String model, Duration timeout, Map<String, String> env) {
            OpenAiHost parsed = OpenAiHost.parse(host);
            String key = apiKey(env);
            return new Backend(new OpenAiModelServer(parsed, key), new OpenAiLanguageModel(parsed, model, timeout, key));
        }
    };

    private OpenAiBackend() {
    }

    static String apiKey(Map<String, String> env) {
        for (String name : new String[] {KEY_ENV, OPENAI_KEY_ENV}) {
            String value = env == null ? null : env.get(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
