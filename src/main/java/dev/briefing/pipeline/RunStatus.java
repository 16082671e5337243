package dev.briefing.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the live status line of a brief shows at one moment: the stage, chunks mapped of all,
 * time taken and about how long is left, tokens so far, replies from the cache, the file being
 * read. A value: {@link #line} renders it for a given moment and width, so the line's wording is
 * tested without a terminal and a terminal can redraw the clock between two steps.
 *
 * @param stage         "map" or "summarize" (the stages that count chunks and estimate what is left),
 *                      or what the run does now ("synthesis 2/5 parts", "merging a.txt", "ask: searching")
 * @param done          chunks mapped (or summarized) so far
 * @param total         chunks in the run; 0 for a command that counts none (ask)
 * @param fromCache     chunks whose map reply came from the call cache
 * @param tokens        prompt and completion tokens of the replies so far
 * @param file          the file (and chunk) read last, or null
 * @param startedNanos  when the map began ({@link System#nanoTime})
 * @param lastDoneNanos when the last chunk was mapped (the estimate is made from the calls then)
 */
public record RunStatus(String stage, int done, int total, int fromCache, long tokens, String file,
        long startedNanos, long lastDoneNanos) {

    public RunStatus {
        Objects.requireNonNull(stage, "stage");
        if (done < 0 || done > total) {
            throw new IllegalArgumentException("done " + done + " of " + total);
        }
        if (fromCache < 0 || fromCache > done) {
            throw new IllegalArgumentException("fromCache " + fromCache + " of " + done + " done");
        }
    }

    public static final String MAP = "map";
    /** The chunk calls of {@code briefing summarize}: counted and estimated as the map's are. */
    public static final String SUMMARIZE = "summarize";

    /** A stage whose line counts chunks done of all, estimates what is left and names the file read. */
    private boolean counting() {
        return stage.equals(MAP) || stage.equals(SUMMARIZE);
    }

    /**
     * Seconds left by the calls so far: the wall time per chunk a server answered, times the
     * chunks left, less the time since the last one; unknown (-1) before any server answered,
     * or once the map is over. Replies from the cache take no time, so they are left out.
     */
    public double secondsLeft(long nowNanos) {
        int answered = done - fromCache;
        if (!counting() || answered <= 0 || done == total) {
            return -1;
        }
        double perChunk = (lastDoneNanos - startedNanos) / 1e9 / answered;
        double sinceLast = (nowNanos - lastDoneNanos) / 1e9;
        return Math.max(0, perChunk * (total - done) - sinceLast);
    }

    /** The line at {@code nowNanos}, cut to fit {@code width} columns (CJK characters take two). */
    public String line(long nowNanos, int width) {
        List<String> parts = new ArrayList<>();
        parts.add(counting() ? stage + " " + done + "/" + total + " chunks"
                : total > 0 ? stage + " · " + done + "/" + total + " chunks" : stage);
        double elapsed = Math.max(0, (nowNanos - startedNanos) / 1e9);
        double left = secondsLeft(nowNanos);
        parts.add(MapProgressLine.clock(elapsed) + " elapsed" + (left < 0 ? "" : left < 1 ? ", almost done"
                : ", about " + MapProgressLine.clock(left) + " left"));
        if (total > 0 || tokens > 0) {
            parts.add(tokens(tokens) + " tokens");
        }
        if (fromCache > 0) {
            parts.add(fromCache + " cached");
        }
        if (file != null && counting() && done < total) {
            parts.add(file);
        }
        return fit(String.join(" · ", parts), width);
    }

    static String tokens(long n) {
        if (n < 1000) {
            return Long.toString(n);
        }
        if (n < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fk", n / 1e3);
        }
        return String.format(Locale.ROOT, "%.1fM", n / 1e6);
    }

    /**
     * The text cut with "…" to fewer than {@code width} columns: a line as wide as the terminal
     * wraps on some terminals, and a wrapped line is not redrawn in place.
     */
    static String fit(String text, int width) {
        int room = Math.max(1, width - 1);
        if (columns(text) <= room) {
            return text;
        }
        StringBuilder cut = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int w = columns(cp);
            if (used + w > room - 1) {
                break;
            }
            cut.appendCodePoint(cp);
            used += w;
            i += Character.charCount(cp);
        }
        return cut + "…";
    }

    static int columns(String text) {
        return text.codePoints().map(RunStatus::columns).sum();
    }

    /** Columns a code point takes on a terminal: two for East Asian wide and full-width forms. */
    static int columns(int cp) {
        if (Character.getType(cp) == Character.NON_SPACING_MARK || cp == 0x200B) {
            return 0;
        }
        boolean wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E)
                || (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF)
                || (cp >= 0xA000 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6)
                || (cp >= 0x1F300 && cp <= 0x1F64F) || (cp >= 0x20000 && cp <= 0x3FFFD);
        return wide ? 2 : 1;
    }
}
