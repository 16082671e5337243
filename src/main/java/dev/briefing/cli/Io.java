package dev.briefing.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Everything a command touches outside itself, so tests run commands in-process.
 *
 * @param terminal stdout is a terminal: answers and summaries are shown as they are generated
 * @param live     the status line of a terminal stderr (out and err already step it aside), or null
 */
record Io(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Backend.Factory backends,
        Clock clock, Path workDir, boolean terminal, LiveStatus live) {

    Io(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Backend.Factory backends,
            Clock clock, Path workDir, boolean terminal) {
        this(in, out, err, env, backends, clock, workDir, terminal, null);
    }

    /** Where a command's progress goes: nowhere with -q, the live status line on a terminal, else log lines. */
    dev.briefing.pipeline.Progress progress(boolean quiet) {
        if (quiet) {
            return dev.briefing.pipeline.Progress.silent();
        }
        return live != null ? live.progress() : dev.briefing.pipeline.Progress.to(err);
    }

    Io(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Backend.Factory backends,
            Clock clock, Path workDir) {
        this(in, out, err, env, backends, clock, workDir, false, null);
    }
}
