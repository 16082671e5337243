package dev.briefing.normalize;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A text-to-text function's results remembered, up to a bound: for conversions that cost
 * microseconds per character and meet the same short texts again and again while a day is
 * verified and merged (quotes, names, event titles). Longer texts are worked out each time;
 * once full, everything is forgotten at once (cheaper than tracking what was used last).
 */
public final class RememberedTexts {
    private final int entries;
    private final int maxChars;
    private final UnaryOperator<String> work;
    private final Map<String, String> remembered = new ConcurrentHashMap<>();

    private RememberedTexts(int entries, int maxChars, UnaryOperator<String> work) {
        if (entries < 1 || maxChars < 1) {
            throw new IllegalArgumentException("entries and maxChars must be positive: " + entries + ", " + maxChars);
        }
        this.entries = entries;
        this.maxChars = maxChars;
        this.work = Objects.requireNonNull(work, "work");
    }

    /** {@code work}'s results for texts up to {@code maxChars} long, at most {@code entries} of them. */
    public static RememberedTexts of(int entries, int maxChars, UnaryOperator<String> work) {
        return new RememberedTexts(entries, maxChars, work);
    }

    public String apply(String text) {
        if (text.length() > maxChars) {
            return work.apply(text);
        }
        String known = remembered.get(text);
        if (known != null) {
            return known;
        }
        String result = work.apply(text);
        if (remembered.size() >= entries) {
            remembered.clear();
        }
        remembered.put(text, result);
        return result;
    }
}
