package dev.briefing.llm;

import java.time.Duration;
import java.util.Locale;

/** How every backend words what a server said and how long it was given, in its one-line errors. */
public final class ServerText {
    private ServerText() {
    }

    /** A server's text on one line: error bodies and exception messages carry newlines. */
    public static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    /** "300 s", "1.5 s", "0.2 s". */
    public static String seconds(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 == 0) {
            return (ms / 1000) + " s";
        }
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0).replaceAll("0+$", "") + " s";
    }
}
