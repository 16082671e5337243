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
 */
record Io(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Backend.Factory backends,
        Clock clock, Path workDir, boolean terminal) {

    Io(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Backend.Factory backends,
            Clock clock, Path workDir) {
        this(in, out, err, env, backends, clock, workDir, false);
    }
}
