package dev.briefing.chunk;

import dev.briefing.normalize.Paragraph;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A paragraph-aligned piece of one article, sized to fit the model's window.
 * A paragraph too long for one chunk is split between sentences; each piece keeps the
 * paragraph's number, and its text is the part shown in this chunk.
 *
 * @param index 1-based position among the article's chunks
 * @param count how many chunks the article has
 */
public record Chunk(String articleId, String articleTitle, int index, int count, List<Paragraph> paragraphs,
        int estimatedTokens) {
    public Chunk {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(articleTitle, "articleTitle");
        paragraphs = List.copyOf(paragraphs);
        if (paragraphs.isEmpty()) {
            throw new IllegalArgumentException("chunk " + index + " of " + articleId + " is empty");
        }
        if (index < 1 || index > count) {
            throw new IllegalArgumentException("chunk index " + index + " outside 1.." + count);
        }
    }

    /** The text of the given paragraph as shown in this chunk, if the chunk shows it. */
    public Optional<String> paragraphText(int number) {
        return paragraphs.stream().filter(p -> p.number() == number).map(Paragraph::text).findFirst();
    }

    /** "000 chunk 1/2" style label for progress lines and the run record. */
    public String label() {
        return articleId + " chunk " + index + "/" + count;
    }
}
