package dev.briefing.pipeline;

import java.io.PrintStream;

/**
 * Where progress and warnings go: stderr, never stdout, which carries only the result. A log
 * prints every line; a terminal (cli.LiveStatus) also keeps one status line that each
 * {@link #step} redraws, in place of the step's log line.
 */
@FunctionalInterface
public interface Progress {
    void line(String text);

    /**
     * One step of a run: a log prints {@code logLine} (none when null); a live status line is
     * redrawn from {@code status} instead, or left as it is when {@code status} is null (a line
     * that only a log needs, the status line already saying as much).
     */
    default void step(RunStatus status, String logLine) {
        if (logLine != null) {
            line(logLine);
        }
    }

    /** The run's steps are over: a live status line is taken away; a log has nothing to do. */
    default void endSteps() {
    }

    static Progress to(PrintStream stderr) {
        return text -> {
            synchronized (stderr) {
                stderr.println(text);
            }
        };
    }

    static Progress silent() {
        return text -> {
        };
    }
}
