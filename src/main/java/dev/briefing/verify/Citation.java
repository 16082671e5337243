package dev.briefing.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A verified pointer into a source: the quote is the exact text of the article's paragraph
 * (as written, in the article's own script), never the model's paraphrase of it.
 *
 * <p>The gloss is the model's translation of the quote into the briefing's language, when that
 * is not the article's ({@code --lang en} for a Chinese article): shown beside the quote and
 * marked as a translation, never verified and never in place of it. It is not part of what is
 * cited: two citations of the same quote are the same citation whatever their glosses say, so
 * merging and deduplication are as without glosses.
 *
 * @param article   article id
 * @param paragraph 1-based paragraph number in the cleaned article
 * @param gloss     the model's translation of the quote, or null (written out only when present)
 */
public record Citation(String article, int paragraph, String quote,
        @JsonInclude(JsonInclude.Include.NON_NULL) String gloss) {
    public Citation {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(quote, "quote");
        if (paragraph < 1) {
            throw new IllegalArgumentException("citation paragraph must be >= 1: " + paragraph);
        }
        if (quote.isBlank()) {
            throw new IllegalArgumentException("citation quote is blank");
        }
        gloss = gloss == null || gloss.isBlank() ? null : gloss.strip();
    }

    public Citation(String article, int paragraph, String quote) {
        this(article, paragraph, quote, null);
    }

    /** This citation with the model's translation of its quote (null or blank: none). */
    public Citation withGloss(String translation) {
        return new Citation(article, paragraph, quote, translation);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Citation c && c.paragraph == paragraph && c.article.equals(article)
                && c.quote.equals(quote);
    }

    @Override
    public int hashCode() {
        return Objects.hash(article, paragraph, quote);
    }
}
