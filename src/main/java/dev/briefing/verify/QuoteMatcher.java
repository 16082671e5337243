package dev.briefing.verify;

import dev.briefing.normalize.ChineseScript;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a model's quote in a paragraph and returns the paragraph's own text for it.
 *
 * <p>The match ignores whitespace and character width (NFKC: a full-width comma matches a
 * half-width one) and nothing else. When the model wrote a traditional-script quote in
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
        String simplifiedParagraph = ChineseScript.toSimplified(paragraph);
        if (simplifiedParagraph.length() != paragraph.length()) {
            return Optional.empty();
        }
        Folded simplifiedNeedle = Folded.of(ChineseScript.toSimplified(quote));
        // Same length, one-to-one: offsets in the simplified form are offsets in the original.
        return find(paragraph, Folded.of(simplifiedParagraph), simplifiedNeedle.text);
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
                    String folded = Normalizer.normalize(s.substring(i, next), Normalizer.Form.NFKC)
                            .toLowerCase(Locale.ROOT);
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
