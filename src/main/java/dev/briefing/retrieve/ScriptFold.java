package dev.briefing.retrieve;

import dev.briefing.normalize.ChineseScript;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The form text is indexed and searched in: simplified script, NFKC (full-width letters and
 * digits become ASCII), lower case. 特朗普為何 and 特朗普为何 fold alike, so a query in either
 * script finds paragraphs in both.
 */
public final class ScriptFold {
    private ScriptFold() {
    }

    public static String of(String text) {
        return Normalizer.normalize(ChineseScript.toSimplified(text), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
