package dev.briefing.verify;

import dev.briefing.chunk.Chunk;
import dev.briefing.normalize.Paragraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a citation a model gave for a chunk: the quote must be text of a paragraph the chunk
 * showed. Whatever cannot be found is dropped and counted, never shown to the reader; what is
 * shown is always cut from the source's own paragraph.
 *
 * <p>A quote is looked for in this order, and the first that finds it wins:
 * <ol>
 * <li>in the named paragraph (quote marks, width and whitespace folded; see {@link QuoteMatcher});</li>
 * <li>in the chunk's other paragraphs up to {@link #MAX_PARAGRAPH_SHIFT} away, nearest first: the
 *     citation then names the paragraph that holds it (a model's paragraph number off by one is
 *     the commonest slip; a number far off, or one the chunk does not have, is a citation that
 *     points nowhere, as when a planted reply is returned as it stands, and is not moved);</li>
 * <li>a quote joined from fragments with an ellipsis ({@code ……}, {@code …}, {@code ...}) is
 *     split, and each fragment is verified on its own, as its own citation;</li>
 * <li>a near miss, within {@link QuoteMatcher#allowedEdits} edits, named paragraph first: the
 *     citation shows the source's span, not the model's text.</li>
 * </ol>
 * Every recovery is reported as a line in {@link Outcome#recoveries()} for the run record.
 * Only the quote is verified: a model's translation of it ({@link Claimed#gloss}) travels with
 * the citation it found, marked as a translation wherever it is shown, and a quote the model
 * translated instead of copying is not found and is dropped like any other.
 */
public final class CitationVerifier {
    /** How far from the named paragraph a quote is looked for. */
    public static final int MAX_PARAGRAPH_SHIFT = 2;

    private static final Pattern ELLIPSIS = Pattern.compile("……|…|\\.{3,}|。{3,}|⋯+");

    private CitationVerifier() {
    }

    /**
     * A citation as the model wrote it: a paragraph number, what it claims is a quote, and its
     * translation of the quote (null when the briefing is in the article's language).
     */
    public record Claimed(int paragraph, String quote, String gloss) {
        public Claimed(int paragraph, String quote) {
            this(paragraph, quote, null);
        }
    }

    /**
     * @param kept       the verified citations, deduplicated, in the order given
     * @param dropped    how many were removed
     * @param problems   one line per dropped citation, saying why
     * @param recoveries one line per citation kept only through a recovery step, saying which
     */
    public record Outcome(List<Citation> kept, int dropped, List<String> problems, List<String> recoveries) {
        public Outcome {
            kept = List.copyOf(kept);
            problems = List.copyOf(problems);
            recoveries = List.copyOf(recoveries);
        }

        public Outcome(List<Citation> kept, int dropped, List<String> problems) {
            this(kept, dropped, problems, List.of());
        }
    }

    public static Outcome verify(Chunk chunk, List<Claimed> claimed) {
        List<Citation> kept = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> recoveries = new ArrayList<>();
        int dropped = 0;
        for (Claimed c : claimed == null ? List.<Claimed>of() : claimed) {
            List<Citation> found = new ArrayList<>();
            String problem = locate(chunk, c, found, recoveries);
            if (!found.isEmpty() && c.gloss() != null) {
                // The gloss translates the whole quote: it goes with its first verified part.
                found.set(0, found.get(0).withGloss(c.gloss()));
            }
            if (problem != null) {
                dropped++;
                problems.add(problem);
            }
            for (Citation citation : found) {
                if (!kept.contains(citation)) {
                    kept.add(citation);
                }
            }
        }
        return new Outcome(kept, dropped, problems, recoveries);
    }

    /** Adds what it found to {@code found}; returns why the citation is dropped, or null. */
    private static String locate(Chunk chunk, Claimed c, List<Citation> found, List<String> recoveries) {
        String quote = c.quote() == null ? "" : c.quote().strip();
        Optional<Citation> exact = exact(chunk, c.paragraph(), quote);
        if (exact.isPresent()) {
            found.add(exact.get());
            if (exact.get().paragraph() != c.paragraph()) {
                recoveries.add("quote cited as paragraph " + c.paragraph() + " found in paragraph "
                        + exact.get().paragraph() + " of " + chunk.articleId() + ": \"" + abbreviate(quote) + "\"");
            }
            return null;
        }
        String[] fragments = ELLIPSIS.split(quote);
        if (fragments.length > 1) {
            int missing = 0;
            for (String fragment : fragments) {
                Optional<Citation> part = exact(chunk, c.paragraph(), fragment.strip())
                        .or(() -> near(chunk, c.paragraph(), fragment.strip()));
                if (part.isPresent()) {
                    found.add(part.get());
                } else {
                    missing++;
                }
            }
            if (!found.isEmpty()) {
                recoveries.add("quote joined with an ellipsis verified as " + found.size() + " fragments"
                        + (missing > 0 ? " (" + missing + " not found)" : "") + " in " + chunk.articleId() + ": \""
                        + abbreviate(quote) + "\"");
                return null;
            }
        }
        Optional<Citation> near = near(chunk, c.paragraph(), quote);
        if (near.isPresent()) {
            found.add(near.get());
            recoveries.add("near-miss quote shown as the source's text (paragraph " + near.get().paragraph() + " of "
                    + chunk.articleId() + "): \"" + abbreviate(quote) + "\" -> \"" + abbreviate(near.get().quote()) + "\"");
            return null;
        }
        if (chunk.paragraphText(c.paragraph()).isEmpty()) {
            return "paragraph " + c.paragraph() + " is not in " + chunk.label() + " and no paragraph of it holds \""
                    + abbreviate(quote) + "\"";
        }
        return "quote not found in paragraph " + c.paragraph() + " of " + chunk.articleId() + ": \"" + abbreviate(quote)
                + "\"";
    }

    /** The quote found as it is, in the named paragraph or else the nearest one holding it. */
    private static Optional<Citation> exact(Chunk chunk, int named, String quote) {
        for (Paragraph p : nearestFirst(chunk, named)) {
            Optional<String> text = QuoteMatcher.locate(p.text(), quote);
            if (text.isPresent()) {
                return Optional.of(new Citation(chunk.articleId(), p.number(), text.get()));
            }
        }
        return Optional.empty();
    }

    private static Optional<Citation> near(Chunk chunk, int named, String quote) {
        for (Paragraph p : nearestFirst(chunk, named)) {
            Optional<String> text = QuoteMatcher.nearMiss(p.text(), quote);
            if (text.isPresent() && text.get().codePointCount(0, text.get().length()) >= QuoteMatcher.MIN_QUOTE_CHARS) {
                return Optional.of(new Citation(chunk.articleId(), p.number(), text.get()));
            }
        }
        return Optional.empty();
    }

    /** The named paragraph, then its neighbours by distance from it (the earlier first on a tie). */
    private static List<Paragraph> nearestFirst(Chunk chunk, int named) {
        List<Paragraph> order = new ArrayList<>(chunk.paragraphs());
        order.removeIf(p -> Math.abs(p.number() - named) > MAX_PARAGRAPH_SHIFT);
        order.sort(Comparator.comparingInt((Paragraph p) -> Math.abs(p.number() - named))
                .thenComparingInt(Paragraph::number));
        return order;
    }

    private static String abbreviate(String s) {
        String t = s == null ? "" : s.strip();
        return t.length() <= 40 ? t : t.substring(0, 40) + "…";
    }
}
