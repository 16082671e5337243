package dev.briefing.ask;

import java.util.Objects;

/**
 * A paragraph shown to the model as passage {@code [number]}: which article and paragraph it
 * is, its text as written, and the retrieval score that put it there.
 */
public record Passage(int number, String article, String path, String title, int paragraph, String text,
        double score) {
    public Passage {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
        if (number < 1) {
            throw new IllegalArgumentException("passage number must be >= 1: " + number);
        }
        if (paragraph < 1) {
            throw new IllegalArgumentException("paragraph must be >= 1: " + paragraph);
        }
    }
}
