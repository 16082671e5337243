package dev.briefing.reduce;

import java.util.Arrays;

/**
 * Overlap of two short texts as Jaccard similarity of character bigrams over their folded
 * forms: Chinese has no spaces to split words on, and bigrams are what carry meaning in
 * most Chinese words (普京, 通话, 布达佩斯 -> 布达 达佩 佩斯).
 *
 * <p>A text's bigrams are kept as a sorted array of two code points packed into a long: a
 * day of tens of thousands of event notes keeps every note's bigrams for the merge, and a set
 * of strings costs ten times the memory of these arrays.
 */
final class TextSimilarity {
    /** The low half of a one-character text's only "bigram": no code point is this large. */
    private static final long SINGLE = 0xFFFF_FFFFL;

    private TextSimilarity() {
    }

    static double of(String a, String b) {
        return of(grams(a), grams(b));
    }

    /** The folded bigrams of a text, sorted and distinct, for callers that compare one text many times. */
    static long[] grams(String text) {
        int[] cps = NameKey.of(text).codePoints().filter(Character::isLetterOrDigit).toArray();
        if (cps.length == 1) {
            return new long[] {pack(cps[0], SINGLE)};
        }
        long[] grams = new long[Math.max(0, cps.length - 1)];
        for (int i = 0; i + 1 < cps.length; i++) {
            grams[i] = pack(cps[i], cps[i + 1]);
        }
        Arrays.sort(grams);
        int distinct = 0;
        for (int i = 0; i < grams.length; i++) {
            if (i == 0 || grams[i] != grams[i - 1]) {
                grams[distinct++] = grams[i];
            }
        }
        return distinct == grams.length ? grams : Arrays.copyOf(grams, distinct);
    }

    /** Jaccard similarity of two results of {@link #grams(String)}. */
    static double of(long[] x, long[] y) {
        if (x.length == 0 || y.length == 0) {
            return 0;
        }
        int both = shared(x, y);
        return (double) both / (x.length + y.length - both);
    }

    /** How many bigrams two sorted, distinct arrays of them have in common. */
    static int shared(long[] x, long[] y) {
        int both = 0;
        for (int i = 0, j = 0; i < x.length && j < y.length; ) {
            if (x[i] == y[j]) {
                both++;
                i++;
                j++;
            } else if (x[i] < y[j]) {
                i++;
            } else {
                j++;
            }
        }
        return both;
    }

    /** The most {@link #of(long[], long[])} can be for texts of these many bigrams. */
    static double bound(int xSize, int ySize) {
        if (xSize == 0 || ySize == 0) {
            return 0;
        }
        return (double) Math.min(xSize, ySize) / Math.max(xSize, ySize);
    }

    private static long pack(long first, long second) {
        return first << 32 | second;
    }
}
