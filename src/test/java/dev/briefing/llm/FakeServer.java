package dev.briefing.llm;

import dev.briefing.error.ModelUnavailableException;
import java.util.List;

/** A model server that is there (or not) and has the models it is given. */
public final class FakeServer implements ModelServer {
    private final boolean reachable;
    private final List<String> models;
    private final int contextLength;

    public FakeServer(boolean reachable, List<String> models, int contextLength) {
        this.reachable = reachable;
        this.models = List.copyOf(models);
        this.contextLength = contextLength;
    }

    public static FakeServer with(String... models) {
        return new FakeServer(true, List.of(models), 32768);
    }

    public static FakeServer unreachable() {
        return new FakeServer(false, List.of(), 0);
    }

    @Override
    public String host() {
        return "http://fake:11434";
    }

    @Override
    public void ensureReachable() {
        if (!reachable) {
            throw new ModelUnavailableException("cannot reach Ollama at " + host() + " (connection refused)",
                    "start it with 'ollama serve'");
        }
    }

    @Override
    public List<String> models() {
        ensureReachable();
        return models;
    }

    @Override
    public ModelInfo show(String model) {
        ensureReachable();
        if (!models.contains(model)) {
            throw new ModelUnavailableException("model '" + model + "' is not pulled on " + host(),
                    "run 'ollama pull " + model + "' (available: " + String.join(", ", models) + ")");
        }
        return new ModelInfo(model, contextLength);
    }
}
