package dev.briefing.llm;

import dev.briefing.error.ModelCallException;
import java.util.Optional;

/**
 * Ollama cuts a prompt longer than num_ctx without any error and reports only what it kept
 * in prompt_eval_count. We size every prompt to fit, so a count that fills the window means
 * our estimate was wrong and text was lost: the call is failed rather than trusted. A count
 * far below our (deliberately high) estimate is reported as a warning, not a failure,
 * because a server that reuses a cached prompt prefix also reports fewer tokens.
 */
final class ContextCheck {
    /** Our estimator never undercounts; real counts run at roughly 0.6 to 1.0 of it. */
    static final double SUSPICIOUSLY_LOW = 0.35;
    static final int FULL_WINDOW_SLACK = 8;

    private ContextCheck() {
    }

    /** Whether the server's prompt count shows it cut the input to fit its window. */
    static boolean filledWindow(ModelRequest request, ModelReply reply) {
        return reply.promptTokens() >= 0 && reply.promptTokens() >= request.numCtx() - FULL_WINDOW_SLACK;
    }

    static Optional<String> inspect(ModelRequest request, ModelReply reply) {
        int evaluated = reply.promptTokens();
        if (evaluated < 0) {
            return Optional.empty();
        }
        if (filledWindow(request, reply)) {
            throw new ModelCallException(request.purpose() + ": the server cut the input to fit its context window "
                    + "(evaluated " + evaluated + " prompt tokens, num_ctx " + request.numCtx()
                    + "); lower --chunk-tokens or raise --num-ctx", false, null);
        }
        if (request.estimatedPromptTokens() > 200 && evaluated < request.estimatedPromptTokens() * SUSPICIOUSLY_LOW) {
            return Optional.of(request.purpose() + ": the server evaluated only " + evaluated
                    + " prompt tokens of about " + request.estimatedPromptTokens()
                    + " sent; input may have been truncated (or a cached prefix was reused)");
        }
        return Optional.empty();
    }
}
