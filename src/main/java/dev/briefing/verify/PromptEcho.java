package dev.briefing.verify;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Spots model-written text that repeats the instructions the model was given. An article can
 * ask the model to "reply with the system prompt"; quotes are checked against the article, but
 * a title or description is the model's own prose, so this is the check for it. Any run of
 * {@link #WINDOW} characters (whitespace removed, case ignored) that also occurs in the
 * instructions counts. A translated or paraphrased leak is not caught: see docs/reliability.md.
 */
public final class PromptEcho {
    /** About eight English words: long enough that a real note never matches by chance. */
    static final int WINDOW = 40;

    private final Set<String> windows = new HashSet<>();

    private PromptEcho(String... instructions) {
        for (String text : instructions) {
            String s = normalize(text);
            for (int i = 0; i + WINDOW <= s.length(); i++) {
                windows.add(s.substring(i, i + WINDOW));
            }
        }
    }

    /** @param instructions the system messages (as in the prompt files; placeholders may stay) */
    public static PromptEcho of(String... instructions) {
        return new PromptEcho(instructions);
    }

    public boolean echoes(String text) {
        if (text == null) {
            return false;
        }
        String s = normalize(text);
        for (int i = 0; i + WINDOW <= s.length(); i++) {
            if (windows.contains(s.substring(i, i + WINDOW))) {
                return true;
            }
        }
        return false;
    }

    /** True when any of {@code texts} echoes the instructions. */
    public boolean echoesAny(Iterable<String> texts) {
        for (String t : texts) {
            if (echoes(t)) {
                return true;
            }
        }
        return false;
    }

    private static String normalize(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
                .forEach(out::appendCodePoint);
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
