package dev.briefing.reduce;

import dev.briefing.normalize.ChineseScript;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The folded form names and texts are compared in: simplified script, NFKC, lower case,
 * without spaces, name-separating dots and quote marks. 澤連斯基 and 泽连斯基 fold alike;
 * "Donald  Trump" and "donald trump" too.
 */
final class NameKey {
    private NameKey() {
    }

    /**
     * A day's merge folds every note's names, titles and texts, the same names thousands of times
     * (one actor in a hundred notes): folded keys are remembered, up to a bound.
     */
    private static final int REMEMBERED = 50_000;
    private static final int REMEMBERED_CHARS = 500;
    private static final java.util.Map<String, String> FOLDED = new java.util.concurrent.ConcurrentHashMap<>();
    /** What a key leaves out besides whitespace: dots between name parts, hyphens, quote marks, brackets. */
    private static final String DROPPED = "·•・‧.-_'\"“”‘’「」『』《》()（）";

    static String of(String name) {
        if (name == null) {
            return "";
        }
        if (name.length() > REMEMBERED_CHARS) {
            return fold(name);
        }
        String known = FOLDED.get(name);
        if (known != null) {
            return known;
        }
        String folded = fold(name);
        if (FOLDED.size() >= REMEMBERED) {
            FOLDED.clear();
        }
        FOLDED.put(name, folded);
        return folded;
    }

    private static String fold(String name) {
        String folded = Normalizer.normalize(ChineseScript.toSimplified(name), Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isWhitespace(cp) && DROPPED.indexOf(cp) < 0) {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }
}
