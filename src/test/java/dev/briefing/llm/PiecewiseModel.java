package dev.briefing.llm;

import dev.briefing.error.ModelCallException;
import java.util.function.Consumer;

/**
 * Streams another fake's replies in pieces of a few characters, as Ollama's NDJSON does; the
 * first {@code failures} streamed calls stop a few characters before the end with a retryable error
 * (after the text of a reply's last field has begun).
 */
public final class PiecewiseModel implements LanguageModel {
    private final LanguageModel inner;
    private final int pieceChars;
    private int failures;

    public PiecewiseModel(LanguageModel inner, int pieceChars, int failures) {
        this.inner = inner;
        this.pieceChars = pieceChars;
        this.failures = failures;
    }

    @Override
    public ModelReply chat(ModelRequest request) {
        return inner.chat(request);
    }

    @Override
    public synchronized ModelReply chat(ModelRequest request, Consumer<String> onPartialText) {
        ModelReply reply = inner.chat(request);
        String text = reply.content();
        boolean fail = failures > 0;
        int end = fail ? Math.max(0, text.length() - 6) : text.length();
        for (int i = 0; i < end; i += pieceChars) {
            onPartialText.accept(text.substring(i, Math.min(end, i + pieceChars)));
        }
        if (fail) {
            failures--;
            throw new ModelCallException("Ollama failed mid-reply: llama runner process has terminated", true, null);
        }
        return reply;
    }

    @Override
    public String modelName() {
        return inner.modelName();
    }
}
