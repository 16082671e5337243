package dev.briefing.ask;

import dev.briefing.verify.Citation;
import java.util.List;
import java.util.Objects;

/**
 * One sentence of an answer with the citations that survived verification. A sentence whose
 * citations all failed is kept but {@link #supported() unsupported}: shown flagged, counted,
 * never passed off as sourced.
 *
 * @param problems why each dropped citation was dropped
 */
public record AnswerSentence(String text, List<Cited> citations, List<String> problems) {

    /** A verified citation and the passage number it was shown under. */
    public record Cited(int passage, Citation citation) {
        public Cited {
            Objects.requireNonNull(citation, "citation");
            if (passage < 1) {
                throw new IllegalArgumentException("passage must be >= 1: " + passage);
            }
        }
    }

    public AnswerSentence {
        Objects.requireNonNull(text, "text");
        citations = List.copyOf(citations);
        problems = List.copyOf(problems);
    }

    public boolean supported() {
        return !citations.isEmpty();
    }
}
