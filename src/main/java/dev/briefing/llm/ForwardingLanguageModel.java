package dev.briefing.llm;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A model that hands every call to another one: the base of the wrappers that watch or pace the
 * calls (a run's progress, a terminal's status line, the engine's limit on calls open), which
 * override the chat methods and leave the cache's keep, replay and discard to the model inside.
 */
public abstract class ForwardingLanguageModel implements LanguageModel {
    protected final LanguageModel delegate;

    protected ForwardingLanguageModel(LanguageModel delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public ModelReply chat(ModelRequest request) {
        return delegate.chat(request);
    }

    @Override
    public ModelReply chat(ModelRequest request, Consumer<String> onPartialText) {
        return delegate.chat(request, onPartialText);
    }

    @Override
    public void keep(ModelRequest request, ModelReply reply) {
        delegate.keep(request, reply);
    }

    @Override
    public void keep(ModelRequest request, ModelReply reply, String checker, String derived) {
        delegate.keep(request, reply, checker, derived);
    }

    @Override
    public Optional<Replay> replay(ModelRequest request, String checker) {
        return delegate.replay(request, checker);
    }

    @Override
    public void discard(ModelRequest request) {
        delegate.discard(request);
    }

    @Override
    public String modelName() {
        return delegate.modelName();
    }
}
