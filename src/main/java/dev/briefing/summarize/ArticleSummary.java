package dev.briefing.summarize;

import java.util.List;
import java.util.Objects;

/**
 * The summary of one article.
 *
 * @param article          the article id
 * @param path             the input path as the user named it ("-" for stdin)
 * @param summary          the prose summary; empty when the article failed
 * @param chunks           how many chunks the article was read in
 * @param droppedCitations citations removed by verification (paragraph not shown, quote not in it)
 * @param droppedPoints    key points removed because no citation of theirs survived
 * @param warnings         what the reader of the run should know, for stderr
 * @param failure          null when the summary is complete; else why it is not
 */
public record ArticleSummary(String article, String title, String path, String summary, List<KeyPoint> keyPoints,
        int chunks, int droppedCitations, int droppedPoints, List<String> warnings, String failure) {
    public ArticleSummary {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(summary, "summary");
        keyPoints = List.copyOf(keyPoints);
        warnings = List.copyOf(warnings);
        if (chunks < 1) {
            throw new IllegalArgumentException("chunks must be >= 1: " + chunks);
        }
        if (droppedCitations < 0 || droppedPoints < 0) {
            throw new IllegalArgumentException("dropped counts must not be negative");
        }
        if (failure == null && summary.isBlank()) {
            throw new IllegalArgumentException("summary of " + article + " is blank but not marked failed");
        }
    }

    public boolean ok() {
        return failure == null;
    }
}
