package dev.briefing.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether stdout alone (and, for the status line, stderr alone) is a terminal. {@code System.console()} on Java 17 is null whenever stdin
 * is piped too, so {@code cat a.txt | briefing summarize -} on a terminal did not stream.
 */
final class StdoutTerminal {

    /** Set by the launcher from {@code [[ -t 1 ]]}: the shell knows for certain. */
    static final String LAUNCHER_PROPERTY = "briefing.tty.stdout";

    private StdoutTerminal() {
    }

    /** Set by the launcher from {@code [[ -t 2 ]]}. */
    static final String LAUNCHER_STDERR_PROPERTY = "briefing.tty.stderr";

    static boolean detect() {
        return decide(System.getProperty(LAUNCHER_PROPERTY), linkTarget(Path.of("/proc/self/fd/1")),
                System.console() != null);
    }

    /**
     * Whether stderr is a terminal, where progress is a status line redrawn in place. The same
     * questions as for stdout; without an answer it is taken not to be one (the console says
     * nothing about stderr), so a log never gets carriage returns.
     */
    static boolean detectStderr() {
        return decide(System.getProperty(LAUNCHER_STDERR_PROPERTY), linkTarget(Path.of("/proc/self/fd/2")), false);
    }

    /**
     * @param launcherFlag "1" or "0" from the launcher, or null when the jar was started directly
     * @param stdoutDevice where {@code /proc/self/fd/1} points (Linux), if it could be read
     * @param console whether the JVM found a console (stdin and stdout both terminals)
     */
    static boolean decide(String launcherFlag, Optional<String> stdoutDevice, boolean console) {
        if ("1".equals(launcherFlag)) {
            return true;
        }
        if ("0".equals(launcherFlag)) {
            return false;
        }
        if (stdoutDevice.isPresent()) {
            String device = stdoutDevice.get();
            return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
        }
        return console;
    }

    private static Optional<String> linkTarget(Path link) {
        try {
            return Optional.of(Files.readSymbolicLink(link).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}
