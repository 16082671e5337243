package dev.briefing.verify;

import dev.briefing.normalize.ChineseScript;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a model's quote in a paragraph and returns the paragraph's own text for it.
 *
 * <p>The match ignores whitespace, character width (NFKC: a full-width comma matches a
 * half-width one) and which quote marks are used (“” ‘’ 「」 『』 "" '' all match each other),
 * and nothing else. When the model wrote a traditional-script quote in
 * simplified characters (or the reverse) and the paragraph's simplified form lines up
 * character for character with the original, the quote is found through the simplified
 * forms. Either way the returned quote is cut from the paragraph as written, so what the
 * reader sees is always the source's text in the source's script.
 */
public final class QuoteMatcher {
    /** Shorter quotes (after normalization) match too much to prove anything. */
    public static final int MIN_QUOTE_CHARS = 4;

    private QuoteMatcher() {
    }

    public static Optional<String> locate(String paragraph, String quote) {
        if (paragraph == null || quote == null) {
            return Optional.empty();
        }
        Folded needle = Folded.of(quote);
        if (needle.text.length() < MIN_QUOTE_CHARS) {
            return Optional.empty();
        }
        Optional<String> direct = find(paragraph, Folded.of(paragraph), needle.text);
        if (direct.isPresent()) {
            return direct;
        }
        String simplifiedParagraph = ChineseScript.foldForMatching(paragraph);
        if (simplifiedParagraph.length() != paragraph.length()) {
            return Optional.empty();
        }
        Folded simplifiedNeedle = Folded.of(ChineseScript.foldForMatching(quote));
        // Same length, one-to-one: offsets in the simplified form are offsets in the original.
        return find(paragraph, Folded.of(simplifiedParagraph), simplifiedNeedle.text);
    }

    /**
     * Edits (a character wrong, missing or extra) a near miss may have and still be found: one
     * for a quote of up to {@value #ONE_EDIT_UP_TO} characters (after folding), two above. A
     * shorter quote ({@value #NEAR_MISS_MIN_CHARS} characters or fewer) must match exactly.
     */
    public static int allowedEdits(int foldedLength) {
        if (foldedLength <= NEAR_MISS_MIN_CHARS) {
            return 0;
        }
        return foldedLength <= ONE_EDIT_UP_TO ? 1 : 2;
    }

    static final int NEAR_MISS_MIN_CHARS = 7;
    static final int ONE_EDIT_UP_TO = 19;

    /**
     * The span of the paragraph closest to the quote when it is a near miss (within
     * {@link #allowedEdits} edits after folding), cut from the paragraph as written. Empty when
     * the quote is found exactly (use {@link #locate}) or nothing is close enough.
     */
    public static Optional<String> nearMiss(String paragraph, String quote) {
        if (paragraph == null || quote == null) {
            return Optional.empty();
        }
        String needle = Folded.of(quote).text;
        int k = allowedEdits(needle.length());
        if (k == 0) {
            return Optional.empty();
        }
        Folded hay = Folded.of(paragraph);
        int bestCost = k + 1;
        int bestFrom = -1;
        int bestTo = -1;
        String text = hay.text;
        for (int from = 0; from < text.length(); from++) {
            for (int len = Math.max(1, needle.length() - k); len <= needle.length() + k && from + len <= text.length();
                    len++) {
                int cost = distance(text, from, from + len, needle, bestCost);
                if (cost < bestCost) {
                    bestCost = cost;
                    bestFrom = from;
                    bestTo = from + len;
                }
            }
        }
        if (bestFrom < 0 || bestCost == 0) {
            return Optional.empty();
        }
        return Optional.of(paragraph.substring(hay.start[bestFrom], hay.end[bestTo - 1]).strip());
    }

    /** Levenshtein distance of text[from, to) and needle, or {@code limit} once it cannot be below it. */
    private static int distance(String text, int from, int to, String needle, int limit) {
        int n = to - from;
        int[] prev = new int[needle.length() + 1];
        int[] cur = new int[needle.length() + 1];
        for (int j = 0; j <= needle.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= needle.length(); j++) {
                int sub = prev[j - 1] + (text.charAt(from + i - 1) == needle.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin >= limit) {
                return limit;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[needle.length()];
    }

    private static Optional<String> find(String original, Folded haystack, String needle) {
        int at = haystack.text.indexOf(needle);
        if (at < 0) {
            return Optional.empty();
        }
        int from = haystack.start[at];
        int to = haystack.end[at + needle.length() - 1];
        return Optional.of(original.substring(from, to).strip());
    }

    /**
     * Text with whitespace removed, NFKC applied and lower-cased; for each of its chars, the
     * start and end offsets of the source character it came from.
     */
    /** Quote marks a model swaps for one another; all fold to one. */
    private static final String QUOTE_MARKS = "\"'“”‘’「」『』＂＇〝〞‟„‚«»";

    private record Folded(String text, int[] start, int[] end) {
        static Folded of(String s) {
            StringBuilder out = new StringBuilder(s.length());
            int[] start = new int[s.length() + 16];
            int[] end = new int[s.length() + 16];
            int i = 0;
            while (i < s.length()) {
                int cp = s.codePointAt(i);
                int next = i + Character.charCount(cp);
                if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp)) {
                    String folded = QUOTE_MARKS.indexOf(cp) >= 0 ? "\""
                            : Normalizer.normalize(s.substring(i, next), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
                    for (int k = 0; k < folded.length(); k++) {
                        char c = folded.charAt(k);
                        if (Character.isWhitespace(c)) {
                            continue;
                        }
                        if (out.length() == start.length) {
                            start = Arrays.copyOf(start, start.length * 2);
                            end = Arrays.copyOf(end, end.length * 2);
                        }
                        start[out.length()] = i;
                        end[out.length()] = next;
                        out.append(c);
                    }
                }
                i = next;
            }
            return new Folded(out.toString(), start, end);
        }
    }
}
