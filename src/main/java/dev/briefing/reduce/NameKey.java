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
    private static final dev.briefing.normalize.RememberedTexts FOLDED =
            dev.briefing.normalize.RememberedTexts.of(50_000, 500, NameKey::fold);
    /** What a key leaves out besides whitespace: dots between name parts, hyphens, quote marks, brackets. */
    private static final String DROPPED = "·•・‧.-_'\"“”‘’「」『』《》()（）";

    static String of(String name) {
        return name == null ? "" : FOLDED.apply(name);
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
