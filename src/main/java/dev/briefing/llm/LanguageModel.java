package dev.briefing.llm;

/**
 * The engine's only view of a language model. The Ollama adapter (dev.briefing.ollama) is
 * the one implementation that talks to LangChain4j; tests plug in fakes.
 */
public interface LanguageModel {

    /**
     * Sends one request and returns the reply.
     *
     * @throws dev.briefing.error.ModelCallException        when this call failed
     * @throws dev.briefing.error.ModelUnavailableException when the server or model is gone
     */
    ModelReply chat(ModelRequest request);

    /**
     * Sends one request and hands over the reply's text as it is generated, piece by piece,
     * before returning the whole reply. The pieces concatenated are the reply's content.
     * Models that cannot stream hand over the whole text at once. When the call fails after
     * some pieces were handed over, those pieces are not part of any answer: the caller
     * discards them (see {@link StructuredCaller.Stream#restart}).
     */
    default ModelReply chat(ModelRequest request, java.util.function.Consumer<String> onPartialText) {
        ModelReply reply = chat(request);
        if (!reply.content().isEmpty()) {
            onPartialText.accept(reply.content());
        }
        return reply;
    }

    /**
     * The caller used this reply as it is (it passed every check the caller makes). A caching
     * model keeps a reply only then: a reply cut short, mis-decoded or failing verification is
     * sent again by the rerun.
     */
    default void keep(ModelRequest request, ModelReply reply) {
    }

    /**
     * As {@link #keep(ModelRequest, ModelReply)}, with what the caller derived from the reply
     * by checks of its own ({@code derived}, as text), under the name and version of those
     * checks ({@code checker}): a caching model keeps both, so a rerun of the same request
     * can take the result from {@link #replay} instead of checking the same reply again.
     */
    default void keep(ModelRequest request, ModelReply reply, String checker, String derived) {
        keep(request, reply);
    }

    /**
     * What {@link #keep(ModelRequest, ModelReply, String, String)} stored for this request and
     * checker, with the reply it was derived from, if that reply is still the one this model
     * would answer the request with; empty otherwise (and always for a model that keeps nothing).
     * A hit counts as a reply answered without the server.
     */
    default java.util.Optional<Replay> replay(ModelRequest request, String checker) {
        return java.util.Optional.empty();
    }

    /** A kept reply and what a caller's checks derived from it. */
    record Replay(ModelReply reply, String derived) {
        public Replay {
            java.util.Objects.requireNonNull(reply, "reply");
            java.util.Objects.requireNonNull(derived, "derived");
        }
    }

    /** The caller could not use the reply to this request: a caching model must forget it. */
    default void discard(ModelRequest request) {
    }

    /** The model's name as the server knows it, for the run record. */
    String modelName();
}
