package dev.briefing.verify;

import dev.briefing.chunk.Chunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a citation a model gave for a chunk: the paragraph must be one the chunk showed,
 * and the quote must be in that paragraph. Whatever fails is dropped and counted, never
 * shown to the reader.
 */
public final class CitationVerifier {
    private CitationVerifier() {
    }

    /** A citation as the model wrote it: a paragraph number and what it claims is a quote. */
    public record Claimed(int paragraph, String quote) {
    }

    /**
     * @param kept     the verified citations, deduplicated, in the order given
     * @param dropped  how many were removed
     * @param problems one line per dropped citation, saying why
     */
    public record Outcome(List<Citation> kept, int dropped, List<String> problems) {
        public Outcome {
            kept = List.copyOf(kept);
            problems = List.copyOf(problems);
        }
    }

    public static Outcome verify(Chunk chunk, List<Claimed> claimed) {
        List<Citation> kept = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int dropped = 0;
        for (Claimed c : claimed == null ? List.<Claimed>of() : claimed) {
            Optional<String> problem = Optional.empty();
            Optional<String> text = chunk.paragraphText(c.paragraph());
            if (text.isEmpty()) {
                problem = Optional.of("paragraph " + c.paragraph() + " is not in " + chunk.label());
            } else {
                Optional<String> quote = QuoteMatcher.locate(text.get(), c.quote());
                if (quote.isEmpty()) {
                    problem = Optional.of("quote not found in paragraph " + c.paragraph() + " of " + chunk.articleId()
                            + ": \"" + abbreviate(c.quote()) + "\"");
                } else {
                    Citation citation = new Citation(chunk.articleId(), c.paragraph(), quote.get());
                    if (!kept.contains(citation)) {
                        kept.add(citation);
                    }
                }
            }
            if (problem.isPresent()) {
                dropped++;
                problems.add(problem.get());
            }
        }
        return new Outcome(kept, dropped, problems);
    }

    private static String abbreviate(String s) {
        String t = s == null ? "" : s.strip();
        return t.length() <= 40 ? t : t.substring(0, 40) + "…";
    }
}
