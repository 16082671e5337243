package dev.briefing.normalize;

import com.ibm.icu.text.Transliterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Traditional/simplified Chinese, through ICU's maintained conversion tables. ICU's
 * Transliterator instances are not thread-safe, so each is used under its own lock.
 */
public final class ChineseScript {
    private static final int TRADITIONAL_ONLY = 1;
    private static final int SIMPLIFIED_ONLY = 2;

    /** Han code point -> which conversions change it; the Han repertoire bounds its size. */
    private static final Map<Integer, Integer> KIND = new ConcurrentHashMap<>();

    private ChineseScript() {
    }

    /** Loaded on first use: building ICU's rule tables takes a noticeable moment. */
    private static final class Tables {
        static final Transliterator TO_SIMPLIFIED = Transliterator.getInstance("Traditional-Simplified");
        static final Transliterator TO_TRADITIONAL = Transliterator.getInstance("Simplified-Traditional");
    }

    /**
     * Builds ICU's tables on a daemon thread now, so the first text converted does not wait the
     * whole time for them (a caller that needs them meanwhile waits for that thread to finish).
     * Any failure is left for that first use to report.
     */
    public static void prepareInBackground() {
        Thread t = new Thread(() -> {
            try {
                Tables.TO_SIMPLIFIED.getID();
            } catch (RuntimeException | LinkageError leftForFirstUse) {
                // the first conversion meets it again and reports it
            }
        }, "script-tables");
        t.setDaemon(true);
        t.start();
    }

    /**
     * ICU's rule-based conversion costs microseconds per character, and the same short texts
     * (quotes, names, event titles) are converted again and again while a day is verified and
     * merged; converted texts are remembered, up to a bound.
     */
    private static final int REMEMBERED = 50_000;
    private static final int REMEMBERED_CHARS = 2_000;
    private static final Map<String, String> SIMPLIFIED = new ConcurrentHashMap<>();

    public static String toSimplified(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > REMEMBERED_CHARS) {
            return convert(Tables.TO_SIMPLIFIED, text);
        }
        String known = SIMPLIFIED.get(text);
        if (known != null) {
            return known;
        }
        String converted = convert(Tables.TO_SIMPLIFIED, text);
        if (SIMPLIFIED.size() >= REMEMBERED) {
            SIMPLIFIED.clear();
        }
        SIMPLIFIED.put(text, converted);
        return converted;
    }

    /**
     * Characters ICU's Traditional-Simplified leaves alone because they are valid simplified
     * characters too (覆 as in 覆盖, 著 as in 著名), while a traditional text also writes them
     * where simplified writes another character (反覆 = 反复, 隨著 = 随着). Matching folds both
     * sides to one form; display never uses this.
     */
    private static final Map<Character, Character> SHARED_VARIANTS = Map.of('覆', '复', '著', '着');

    /**
     * The simplified form for comparing texts: {@link #toSimplified} plus the shared variants
     * folded, one character for one, so offsets line up whenever toSimplified's do.
     */
    public static String foldForMatching(String text) {
        String simplified = toSimplified(text);
        StringBuilder out = null;
        for (int i = 0; i < simplified.length(); i++) {
            Character variant = SHARED_VARIANTS.get(simplified.charAt(i));
            if (variant != null) {
                if (out == null) {
                    out = new StringBuilder(simplified);
                }
                out.setCharAt(i, variant);
            }
        }
        return out == null ? simplified : out.toString();
    }

    /**
     * Counts Han characters that only exist in traditional script (changed by
     * traditional-to-simplified) against those only in simplified script. Characters shared
     * by both scripts do not count. A tie with Han present is SIMPLIFIED, the common case.
     */
    public static Script detect(String text) {
        return detect(text, Script.SIMPLIFIED);
    }

    /**
     * As {@link #detect(String)}, but a text whose Han characters lean neither way (only
     * characters both scripts share, or as many of each) is {@code tie}: a page in traditional
     * script calls such a text traditional, one in simplified script simplified.
     */
    public static Script detect(String text, Script tie) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(tie, "tie");
        int han = 0;
        int traditional = 0;
        int simplified = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.UnicodeScript.of(cp) != Character.UnicodeScript.HAN) {
                continue;
            }
            han++;
            int kind = KIND.computeIfAbsent(cp, ChineseScript::kindOf);
            if ((kind & TRADITIONAL_ONLY) != 0) {
                traditional++;
            }
            if ((kind & SIMPLIFIED_ONLY) != 0) {
                simplified++;
            }
        }
        if (han == 0) {
            return Script.NONE;
        }
        if (traditional == simplified) {
            return tie == Script.NONE ? Script.SIMPLIFIED : tie;
        }
        return traditional > simplified ? Script.TRADITIONAL : Script.SIMPLIFIED;
    }

    private static int kindOf(int codePoint) {
        String c = Character.toString(codePoint);
        int kind = 0;
        if (!convert(Tables.TO_SIMPLIFIED, c).equals(c)) {
            kind |= TRADITIONAL_ONLY;
        }
        if (!convert(Tables.TO_TRADITIONAL, c).equals(c)) {
            kind |= SIMPLIFIED_ONLY;
        }
        return kind;
    }

    private static String convert(Transliterator transliterator, String text) {
        synchronized (transliterator) {
            return transliterator.transliterate(text);
        }
    }
}
