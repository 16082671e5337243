package dev.briefing.verify;

import java.util.Objects;

/**
 * A verified pointer into a source: the quote is the exact text of the article's paragraph
 * (as written, in the article's own script), never the model's paraphrase of it.
 *
 * @param article   article id
 * @param paragraph 1-based paragraph number in the cleaned article
 */
public record Citation(String article, int paragraph, String quote) {
    public Citation {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(quote, "quote");
        if (paragraph < 1) {
            throw new IllegalArgumentException("citation paragraph must be >= 1: " + paragraph);
        }
        if (quote.isBlank()) {
            throw new IllegalArgumentException("citation quote is blank");
        }
    }
}
