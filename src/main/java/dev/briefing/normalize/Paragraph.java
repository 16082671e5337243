package dev.briefing.normalize;

import java.util.Objects;

/**
 * One paragraph of a cleaned article.
 *
 * @param number     1-based, stable across runs for the same article
 * @param text       as written (traditional stays traditional); this is what quotes must match
 * @param simplified the simplified-script form, for matching and merging only
 */
public record Paragraph(int number, String text, String simplified) {
    public Paragraph {
        if (number < 1) {
            throw new IllegalArgumentException("paragraph number must be >= 1: " + number);
        }
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(simplified, "simplified");
        if (text.isBlank()) {
            throw new IllegalArgumentException("paragraph " + number + " is blank");
        }
    }
}
