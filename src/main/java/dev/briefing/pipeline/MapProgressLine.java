package dev.briefing.pipeline;

import java.util.Locale;

/**
 * One line of map progress for a log: which file, how far the run is, how long it has taken and
 * about how long is left. Files are named as the user gave them, not by the article's hash; a
 * chunk answered from the call cache says so rather than "in 0.0s".
 *
 * @param fromCache chunks of the {@code done} whose replies all came from the call cache
 */
record MapProgressLine(int done, int total, int fromCache, String file, int chunkIndex, int chunkCount,
        String outcome, double callSeconds, double elapsedSeconds, boolean cached) {

    MapProgressLine {
        if (done < 1 || done > total) {
            throw new IllegalArgumentException("done " + done + " of " + total);
        }
        if (fromCache < 0 || fromCache > done) {
            throw new IllegalArgumentException("fromCache " + fromCache + " of " + done + " done");
        }
    }

    /**
     * What is left, estimated as the live status line does (RunStatus): the wall time per chunk a
     * server answered (parallel calls included), times the chunks left. Cache hits take no time,
     * so counting them as calls would promise a rerun's misses far too soon. Unknown (-1) before
     * any server answered.
     */
    double secondsLeft() {
        int answered = done - fromCache;
        return answered <= 0 ? -1 : elapsedSeconds / answered * (total - done);
    }

    String text() {
        String chunk = chunkCount > 1 ? " (" + chunkIndex + "/" + chunkCount + ")" : "";
        double left = secondsLeft();
        String tail = done == total || left < 0 ? clock(elapsedSeconds) + " elapsed"
                : clock(elapsedSeconds) + " elapsed, about " + clock(left) + " left";
        String took = cached ? ", cached" : String.format(Locale.ROOT, " in %.1fs", callSeconds);
        return String.format(Locale.ROOT, "[%d/%d] %s%s: %s%s · %s", done, total, file, chunk, outcome, took, tail);
    }

    static String clock(double seconds) {
        long whole = Math.round(seconds);
        return whole >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60)
                : String.format(Locale.ROOT, "%d:%02d", whole / 60, whole % 60);
    }
}
