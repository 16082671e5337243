package dev.briefing.pipeline;

import java.util.Locale;

/**
 * One line of map progress for a log: which file, how far the run is, how long it has taken and
 * about how long is left. Files are named as the user gave them, not by the article's hash; a
 * chunk answered from the call cache says so rather than "in 0.0s".
 */
record MapProgressLine(int done, int total, String file, int chunkIndex, int chunkCount, String outcome,
        double callSeconds, double elapsedSeconds, boolean cached) {

    MapProgressLine {
        if (done < 1 || done > total) {
            throw new IllegalArgumentException("done " + done + " of " + total);
        }
    }

    /** What is left, estimated from the wall time per chunk so far (parallel calls included). */
    double secondsLeft() {
        return elapsedSeconds / done * (total - done);
    }

    String text() {
        String chunk = chunkCount > 1 ? " (" + chunkIndex + "/" + chunkCount + ")" : "";
        String tail = done == total ? clock(elapsedSeconds) + " elapsed"
                : clock(elapsedSeconds) + " elapsed, about " + clock(secondsLeft()) + " left";
        String took = cached ? ", cached" : String.format(Locale.ROOT, " in %.1fs", callSeconds);
        return String.format(Locale.ROOT, "[%d/%d] %s%s: %s%s · %s", done, total, file, chunk, outcome, took, tail);
    }

    static String clock(double seconds) {
        long whole = Math.round(seconds);
        return whole >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60)
                : String.format(Locale.ROOT, "%d:%02d", whole / 60, whole % 60);
    }
}
