package dev.briefing.chunk;

import dev.briefing.normalize.Article;
import dev.briefing.normalize.Paragraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Cuts an article into paragraph-aligned chunks that each fit one request.
 *
 * <p>Whole paragraphs are the unit: citations name paragraphs, and a paragraph seen whole
 * is quoted more faithfully. Only a paragraph that alone exceeds the budget is split, and
 * then between sentences ({@link SentenceSplitter}); each piece keeps the paragraph's
 * number so citations still resolve.
 *
 * <p>The number of chunks is the fewest that fit; within that number the chunks are made
 * as even as possible, so that no chunk is a small remainder the model summarises with
 * little context.
 */
public final class Chunker {

    /**
     * Smallest budget that leaves room for a paragraph label and some text: the largest
     * label, {@code [P2147483647]} and its line break, is 14 tokens.
     */
    public static final int MIN_ARTICLE_TOKENS = 16;

    private final int articleTokens;

    public Chunker(ChunkBudget budget) {
        this(Objects.requireNonNull(budget, "budget").articleTokens());
    }

    /** @param articleTokens tokens of article text, paragraph labels included, per chunk */
    public Chunker(int articleTokens) {
        if (articleTokens < MIN_ARTICLE_TOKENS) {
            throw new IllegalArgumentException("articleTokens must be at least " + MIN_ARTICLE_TOKENS + ": "
                    + articleTokens);
        }
        this.articleTokens = articleTokens;
    }

    public int articleTokens() {
        return articleTokens;
    }

    /**
     * Estimated tokens the prompt adds around one paragraph: its {@code [P12]} label and the
     * line break that separates it from the next.
     */
    public static int paragraphOverhead(int number) {
        return TokenEstimator.estimate("[P" + number + "]") + 1;
    }

    /** Estimated tokens of a paragraph as shown in a chunk, label included. */
    public static int paragraphTokens(Paragraph paragraph) {
        return TokenEstimator.estimate(paragraph.text()) + paragraphOverhead(paragraph.number());
    }

    /** The article's chunks, in order; the same article and budget always give the same chunks. */
    public List<Chunk> chunk(Article article) {
        Objects.requireNonNull(article, "article");
        List<Piece> pieces = pieces(article);
        Costs costs = new Costs(pieces);
        List<Integer> ends = balancedEnds(costs, fewestChunks(costs));
        List<Chunk> chunks = new ArrayList<>();
        int start = 0;
        for (int end : ends) {
            List<Paragraph> paragraphs = paragraphs(pieces.subList(start, end));
            int tokens = paragraphs.stream().mapToInt(Chunker::paragraphTokens).sum();
            chunks.add(new Chunk(article.id(), article.title(), chunks.size() + 1, ends.size(), paragraphs,
                    tokens));
            start = end;
        }
        return List.copyOf(chunks);
    }

    /** A paragraph that fits is one piece; one that does not becomes one piece per sentence. */
    private List<Piece> pieces(Article article) {
        List<Piece> pieces = new ArrayList<>();
        for (Paragraph paragraph : article.paragraphs()) {
            int overhead = paragraphOverhead(paragraph.number());
            if (TokenEstimator.estimate(paragraph.text()) + overhead <= articleTokens) {
                pieces.add(new Piece(paragraph, 0, paragraph.text().length()));
                continue;
            }
            int offset = 0;
            for (String sentence : SentenceSplitter.split(paragraph.text(), articleTokens - overhead)) {
                pieces.add(new Piece(paragraph, offset, offset + sentence.length()));
                offset += sentence.length();
            }
        }
        return pieces;
    }

    /** Greedy packing gives the fewest chunks for an ordered sequence. */
    private int fewestChunks(Costs costs) {
        int count = 0;
        int start = 0;
        while (start < costs.size()) {
            int end = start + 1;
            while (end < costs.size() && costs.of(start, end + 1) <= articleTokens) {
                end++;
            }
            count++;
            start = end;
        }
        return count;
    }

    /**
     * The end (exclusive) of each of {@code count} chunks, minimising the sum of squared chunk
     * sizes under the budget: with the count fixed, that is the most even split.
     *
     * <p>Chunk k can only end between {@code lo[k]} (the rest must still fit in the chunks left:
     * greedy packing from the back) and {@code hi[k]} (k chunks reach no further: greedy from the
     * front). Only that band is searched and stored, so a 2 MB input (20,000 paragraphs, 200
     * chunks) costs a few hundred KB, not the 50 MB a full count-by-pieces table would; the
     * result is the same, since every state outside the band is unreachable or cannot finish.
     */
    private List<Integer> balancedEnds(Costs costs, int count) {
        int n = costs.size();
        int[] hi = new int[count + 1];
        for (int k = 1; k <= count; k++) {
            int from = hi[k - 1];
            int end = Math.min(from + 1, n);
            while (end < n && costs.of(from, end + 1) <= articleTokens) {
                end++;
            }
            hi[k] = end;
        }
        int[] lo = new int[count + 1];
        lo[count] = n;
        for (int k = count - 1; k >= 1; k--) {
            int to = lo[k + 1];
            int start = Math.max(to - 1, 0);
            while (start > 0 && costs.of(start - 1, to) <= articleTokens) {
                start--;
            }
            lo[k] = start;
        }
        long[][] best = new long[count + 1][];
        int[][] previousEnd = new int[count + 1][];
        for (int k = 0; k <= count; k++) {
            int width = Math.max(hi[k] - lo[k] + 1, 0);
            best[k] = new long[width];
            previousEnd[k] = new int[width];
            Arrays.fill(best[k], Long.MAX_VALUE);
        }
        best[0][0] = 0;
        for (int k = 1; k <= count; k++) {
            for (int end = Math.max(lo[k], k); end <= hi[k]; end++) {
                // A chunk's cost only grows as it reaches further back, so stop at the first that does not fit.
                for (int start = Math.min(end - 1, hi[k - 1]); start >= lo[k - 1]; start--) {
                    long cost = costs.of(start, end);
                    if (cost > articleTokens) {
                        break;
                    }
                    long before = best[k - 1][start - lo[k - 1]];
                    if (before == Long.MAX_VALUE) {
                        continue;
                    }
                    long total = before + cost * cost;
                    if (total < best[k][end - lo[k]]) {
                        best[k][end - lo[k]] = total;
                        previousEnd[k][end - lo[k]] = start;
                    }
                }
            }
        }
        if (lo[count] > hi[count] || best[count][n - lo[count]] == Long.MAX_VALUE) {
            throw new IllegalStateException("no split of " + n + " pieces into " + count + " chunks fits");
        }
        Integer[] ends = new Integer[count];
        int end = n;
        for (int k = count; k >= 1; k--) {
            ends[k - 1] = end;
            end = previousEnd[k][end - lo[k]];
        }
        return List.of(ends);
    }

    /** Adjacent pieces of one paragraph become one paragraph again. */
    private static List<Paragraph> paragraphs(List<Piece> pieces) {
        List<Paragraph> paragraphs = new ArrayList<>();
        int i = 0;
        while (i < pieces.size()) {
            Piece first = pieces.get(i);
            int j = i + 1;
            while (j < pieces.size() && pieces.get(j).number() == first.number()) {
                j++;
            }
            paragraphs.add(first.paragraph().text().length() == pieces.get(j - 1).end() && first.start() == 0
                    ? first.paragraph()
                    : slice(first.paragraph(), first.start(), pieces.get(j - 1).end()));
            i = j;
        }
        return paragraphs;
    }

    /**
     * A part of a paragraph. Its simplified form is cut from the paragraph's at the same
     * offsets when the two forms line up character for character (Traditional-to-Simplified
     * conversion is nearly always one-to-one); otherwise the piece text stands in, since
     * ChineseScript.toSimplified is not available to this package yet. Cut when first asked
     * for, as the paragraph's own is made.
     */
    private static Paragraph slice(Paragraph paragraph, int start, int end) {
        String text = paragraph.text().substring(start, end);
        return Paragraph.of(paragraph.number(), text, () -> {
            String simplified = paragraph.simplified();
            boolean aligned = simplified.length() == paragraph.text().length()
                    && !splitsSurrogatePair(simplified, start) && !splitsSurrogatePair(simplified, end);
            return aligned ? simplified.substring(start, end) : text;
        });
    }

    private static boolean splitsSurrogatePair(String s, int index) {
        return index > 0 && index < s.length() && Character.isLowSurrogate(s.charAt(index))
                && Character.isHighSurrogate(s.charAt(index - 1));
    }

    private record Piece(Paragraph paragraph, int start, int end) {
        int number() {
            return paragraph.number();
        }

        String text() {
            return paragraph.text().substring(start, end);
        }
    }

    /**
     * Cost of a run of pieces as one chunk, in O(1): their text estimates plus one label per
     * paragraph the run touches. Summing the pieces' estimates never under-counts the joined
     * text (the estimate is subadditive).
     */
    private static final class Costs {
        private final long[] textPrefix;
        private final long[] labelPrefix;
        private final int[] overhead;

        Costs(List<Piece> pieces) {
            int n = pieces.size();
            textPrefix = new long[n + 1];
            labelPrefix = new long[n + 1];
            overhead = new int[n];
            for (int i = 0; i < n; i++) {
                Piece piece = pieces.get(i);
                overhead[i] = paragraphOverhead(piece.paragraph().number());
                boolean startsParagraph = i == 0 || pieces.get(i - 1).number() != piece.number();
                textPrefix[i + 1] = textPrefix[i] + TokenEstimator.estimate(piece.text());
                labelPrefix[i + 1] = labelPrefix[i] + (startsParagraph ? overhead[i] : 0);
            }
        }

        int size() {
            return overhead.length;
        }

        /** Pieces {@code start} (inclusive) to {@code end} (exclusive); the first always carries a label. */
        long of(int start, int end) {
            return textPrefix[end] - textPrefix[start] + overhead[start] + labelPrefix[end] - labelPrefix[start + 1];
        }
    }
}
