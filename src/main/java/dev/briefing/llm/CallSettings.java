package dev.briefing.llm;

/**
 * The generation settings every call of a run shares.
 *
 * @param numCtx     the context window requested from the server (never left to its default)
 * @param numPredict the output budget reserved in that window
 * @param seed       fixed so a rerun over the same input asks the same question the same way
 */
public record CallSettings(int numCtx, int numPredict, double temperature, Integer seed) {
    public CallSettings {
        if (numCtx < 512) {
            throw new IllegalArgumentException("numCtx must be at least 512: " + numCtx);
        }
        if (numPredict < 64 || numPredict >= numCtx) {
            throw new IllegalArgumentException("numPredict must be between 64 and numCtx: " + numPredict);
        }
        if (temperature < 0 || temperature > 2) {
            throw new IllegalArgumentException("temperature must be between 0 and 2: " + temperature);
        }
    }
}
