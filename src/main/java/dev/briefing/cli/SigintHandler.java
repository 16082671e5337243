package dev.briefing.cli;

import dev.briefing.error.ExitCode;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) for the real process only; {@code Main.run} never installs it, so in-process
 * callers keep their own signals. The first Ctrl-C interrupts the thread running the command:
 * model calls are abandoned, the command says what was finished and returns exit 130 through
 * the usual path ({@code BriefingException} with {@link ExitCode#INTERRUPTED}). Output files
 * are only written once the briefing is complete, each atomically, and file writes do not stop
 * on an interrupt, so the folder holds all three files or none. A second Ctrl-C ends the process at once, for a user who will not wait.
 *
 * <p>{@code sun.misc.Signal} (module jdk.unsupported) is used because a shutdown hook cannot
 * let the command finish its report: the JVM is already exiting when hooks run.
 */
final class SigintHandler {
    private SigintHandler() {
    }

    static void install(Thread commandThread) {
        AtomicBoolean seen = new AtomicBoolean();
        try {
            Signal.handle(new Signal("INT"), signal -> {
                if (seen.getAndSet(true)) {
                    Runtime.getRuntime().halt(ExitCode.INTERRUPTED.code());
                }
                commandThread.interrupt();
            });
        } catch (IllegalArgumentException unsupported) {
            // No SIGINT here (or the JVM reserved it, -Xrs): the JVM's default applies, exit 130.
        }
    }
}
