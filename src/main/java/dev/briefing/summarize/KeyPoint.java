package dev.briefing.summarize;

import dev.briefing.verify.Citation;
import java.util.List;
import java.util.Objects;

/** A key point of a summary, with the verified citations that support it (at least one). */
public record KeyPoint(String text, List<Citation> citations) {
    public KeyPoint {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("key point text is blank");
        }
        citations = List.copyOf(citations);
        if (citations.isEmpty()) {
            throw new IllegalArgumentException("key point has no citation: " + text);
        }
    }
}
