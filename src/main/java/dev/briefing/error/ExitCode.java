package dev.briefing.error;

/** The process exit codes, documented in --help and the README. */
public enum ExitCode {
    OK(0),
    /** The run failed or is incomplete: some chunks failed, the briefing says which. */
    INCOMPLETE(1),
    /** Bad usage or no readable input. */
    USAGE(2),
    /** The model server is unreachable, or the model is not pulled. */
    MODEL_UNAVAILABLE(3),
    INTERRUPTED(130);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
