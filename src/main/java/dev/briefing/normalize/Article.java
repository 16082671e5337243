package dev.briefing.normalize;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A cleaned article: boilerplate removed, paragraphs numbered from 1.
 *
 * @param id     stable id derived from the cleaned content (same article, same id, every run)
 * @param source the publisher named in a 来源/來源 line, or null
 * @param path   the input path as the user named it
 * @param titleDerived the text has no headline: the title is the first clauses of its first
 *                     sentence (Normalizer.derivedTitle), and the briefing says so
 */
public record Article(String id, String title, String source, String path, Script script,
        List<Paragraph> paragraphs, boolean titleDerived) {

    /** An article whose title is its own headline. */
    public Article(String id, String title, String source, String path, Script script, List<Paragraph> paragraphs) {
        this(id, title, source, path, script, paragraphs, false);
    }

    public Article {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(script, "script");
        paragraphs = List.copyOf(paragraphs);
        if (id.isBlank()) {
            throw new IllegalArgumentException("article id is blank");
        }
        if (paragraphs.isEmpty()) {
            throw new IllegalArgumentException("article " + path + " has no paragraphs");
        }
        for (int i = 0; i < paragraphs.size(); i++) {
            if (paragraphs.get(i).number() != i + 1) {
                throw new IllegalArgumentException("article " + path + ": paragraph " + (i + 1)
                        + " is numbered " + paragraphs.get(i).number());
            }
        }
    }

    public Optional<Paragraph> paragraph(int number) {
        return number >= 1 && number <= paragraphs.size()
                ? Optional.of(paragraphs.get(number - 1)) : Optional.empty();
    }
}
