package dev.briefing.cli;

import dev.briefing.ollama.OllamaHost;
import dev.briefing.ollama.OllamaLanguageModel;
import dev.briefing.ollama.OllamaModelServer;
import java.time.Duration;

/** The production backend: an Ollama server, its host parsed as Ollama parses OLLAMA_HOST. */
public final class OllamaBackend {
    /** Ollama serves any host no other kind claims, the default (no host given) included. */
    static final Backends.Kind KIND = new Backends.Kind() {
        @Override
        public boolean serves(String host) {
            return true;
        }

        @Override
        public Backend create(String host, String model, Duration timeout, java.util.Map<String, String> env) {
            return OllamaBackend.create(host, model, timeout);
        }
    };

    private OllamaBackend() {
    }

    public static Backend create(String host, String model, Duration timeout) {
        OllamaHost parsed = OllamaHost.parse(host);
        OllamaLanguageModel.rehearseInBackground();
        return new Backend(new OllamaModelServer(parsed), new OllamaLanguageModel(parsed.baseUrl(), model, timeout));
    }
}
