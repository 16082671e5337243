package dev.briefing.reduce;

import java.util.HashSet;
import java.util.Set;

/**
 * Overlap of two short texts as Jaccard similarity of character bigrams over their folded
 * forms: Chinese has no spaces to split words on, and bigrams are what carry meaning in
 * most Chinese words (普京, 通话, 布达佩斯 -> 布达 达佩 佩斯).
 */
final class TextSimilarity {
    private TextSimilarity() {
    }

    static double of(String a, String b) {
        return of(grams(a), grams(b));
    }

    /** The folded bigrams of a text, for callers that compare one text many times. */
    static Set<String> grams(String text) {
        return bigrams(NameKey.of(text));
    }

    static double of(Set<String> x, Set<String> y) {
        if (x.isEmpty() || y.isEmpty()) {
            return 0;
        }
        Set<String> both = new HashSet<>(x);
        both.retainAll(y);
        return (double) both.size() / (x.size() + y.size() - both.size());
    }

    private static Set<String> bigrams(String s) {
        Set<String> grams = new HashSet<>();
        int[] cps = s.codePoints().filter(cp -> Character.isLetterOrDigit(cp)).toArray();
        for (int i = 0; i + 1 < cps.length; i++) {
            grams.add(new String(cps, i, 2));
        }
        if (cps.length == 1) {
            grams.add(new String(cps, 0, 1));
        }
        return grams;
    }
}
