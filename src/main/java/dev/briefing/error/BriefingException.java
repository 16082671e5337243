package dev.briefing.error;

import java.util.Objects;

/**
 * The one exception root. It carries what the user needs: a one-line message, what to do
 * about it, and the exit code. {@code Main} maps it to stderr and the process exit code.
 */
public class BriefingException extends RuntimeException {
    private final ExitCode exitCode;
    private final String hint;

    public BriefingException(ExitCode exitCode, String message, String hint, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
        this.hint = hint;
    }

    public BriefingException(ExitCode exitCode, String message, String hint) {
        this(exitCode, message, hint, null);
    }

    public static BriefingException usage(String message) {
        return new BriefingException(ExitCode.USAGE, message, "run 'briefing --help' for usage");
    }

    public static BriefingException usage(String message, String hint) {
        return new BriefingException(ExitCode.USAGE, message, hint);
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** What the user can do about it, or null. */
    public String hint() {
        return hint;
    }
}
