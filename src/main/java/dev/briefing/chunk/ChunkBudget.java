package dev.briefing.chunk;

/**
 * How many tokens of article text one request may carry.
 *
 * <p>The window ({@code num_ctx}) must hold the prompt's fixed parts, the article text and
 * the reply. Whatever does not fit is not rejected by Ollama but silently cut, so the
 * budget also keeps back a safety margin of 5% of the window for estimation error.
 *
 * @param contextLength        the model's trained context length ({@code <arch>.context_length} from /api/show)
 * @param numCtx               the window the request asks for ({@code options.num_ctx}); at most contextLength
 * @param promptOverheadTokens system prompt, instructions, schema and chat template, without the article
 * @param outputReserveTokens  kept free for the reply ({@code num_predict})
 * @param maxChunkTokens       an upper bound on article text per chunk even when the window is larger;
 *                             small models lose track of long inputs
 */
public record ChunkBudget(int contextLength, int numCtx, int promptOverheadTokens, int outputReserveTokens,
        int maxChunkTokens) {

    /** Below this a chunk holds only a few sentences and the briefing loses its thread. */
    public static final int MIN_ARTICLE_TOKENS = 256;

    private static final int SAFETY_MARGIN_PERCENT = 5;

    public ChunkBudget {
        requirePositive(contextLength, "contextLength");
        requirePositive(numCtx, "numCtx");
        if (numCtx > contextLength) {
            throw new IllegalArgumentException("numCtx " + numCtx + " exceeds the model's contextLength "
                    + contextLength);
        }
        requireNonNegative(promptOverheadTokens, "promptOverheadTokens");
        requireNonNegative(outputReserveTokens, "outputReserveTokens");
        if (maxChunkTokens < MIN_ARTICLE_TOKENS) {
            throw new IllegalArgumentException("maxChunkTokens must be at least " + MIN_ARTICLE_TOKENS + ": "
                    + maxChunkTokens);
        }
        long room = (long) numCtx - promptOverheadTokens - outputReserveTokens - safetyMargin(numCtx);
        if (room < MIN_ARTICLE_TOKENS) {
            throw new IllegalArgumentException("context too small for any chunk: num_ctx " + numCtx
                    + " minus " + promptOverheadTokens + " prompt overhead, " + outputReserveTokens
                    + " output reserve and a " + safetyMargin(numCtx) + "-token safety margin leaves " + room
                    + " tokens for article text, need at least " + MIN_ARTICLE_TOKENS
                    + " (raise num_ctx, up to the model's context length " + contextLength
                    + ", or reserve fewer output tokens)");
        }
    }

    /**
     * A budget for a model with {@code contextLength} when {@code requestedNumCtx} is asked
     * for; a request beyond the model's context is clamped to it.
     */
    public static ChunkBudget of(int contextLength, int requestedNumCtx, int promptOverheadTokens,
            int outputReserveTokens, int maxChunkTokens) {
        requirePositive(requestedNumCtx, "requestedNumCtx");
        return new ChunkBudget(contextLength, Math.min(contextLength, requestedNumCtx), promptOverheadTokens,
                outputReserveTokens, maxChunkTokens);
    }

    /** 5% of num_ctx, rounded up. */
    public int safetyMarginTokens() {
        return safetyMargin(numCtx);
    }

    /** Tokens of article text (paragraph labels included) one chunk may carry; at least {@link #MIN_ARTICLE_TOKENS}. */
    public int articleTokens() {
        return Math.min(maxChunkTokens, numCtx - promptOverheadTokens - outputReserveTokens - safetyMarginTokens());
    }

    private static int safetyMargin(int numCtx) {
        return (int) (((long) numCtx * SAFETY_MARGIN_PERCENT + 99) / 100);
    }

    private static void requirePositive(int value, String field) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be positive: " + value);
        }
    }

    private static void requireNonNegative(int value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative: " + value);
        }
    }
}
