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

    static String of(String name) {
        if (name == null) {
            return "";
        }
        String folded = Normalizer.normalize(ChineseScript.toSimplified(name), Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length());
        folded.codePoints()
                .filter(cp -> !Character.isWhitespace(cp) && "·•・‧.-_'\"“”‘’「」『』《》()（）".indexOf(cp) < 0)
                .forEach(out::appendCodePoint);
        return out.toString();
    }
}
