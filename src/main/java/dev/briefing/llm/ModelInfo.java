package dev.briefing.llm;

import java.util.Objects;

/** What the server says about a model. {@code contextLength} is the model's trained window. */
public record ModelInfo(String name, int contextLength) {
    public ModelInfo {
        Objects.requireNonNull(name, "name");
        if (contextLength <= 0) {
            throw new IllegalArgumentException("contextLength must be positive: " + contextLength);
        }
    }
}
