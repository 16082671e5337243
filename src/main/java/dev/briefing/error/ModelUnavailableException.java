package dev.briefing.error;

/** The model server cannot be reached or does not have the model: nothing can be briefed. */
public class ModelUnavailableException extends BriefingException {
    public ModelUnavailableException(String message, String hint, Throwable cause) {
        super(ExitCode.MODEL_UNAVAILABLE, message, hint, cause);
    }

    public ModelUnavailableException(String message, String hint) {
        this(message, hint, null);
    }
}
