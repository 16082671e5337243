package dev.briefing.error;

/**
 * One model call failed (server error, timeout, context overflow, output cut off). The run
 * goes on with the other chunks and the briefing is marked incomplete.
 */
public class ModelCallException extends BriefingException {
    private final boolean retryable;

    public ModelCallException(String message, boolean retryable, Throwable cause) {
        super(ExitCode.INCOMPLETE, message, null, cause);
        this.retryable = retryable;
    }

    /** True when the same request may succeed if sent again (503, 500, timeout). */
    public boolean retryable() {
        return retryable;
    }
}
