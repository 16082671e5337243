package dev.briefing.llm;

public enum FinishReason {
    /** The model finished its answer. */
    STOP,
    /** The answer was cut off by num_predict or the context window: structured output is incomplete. */
    LENGTH,
    OTHER
}
