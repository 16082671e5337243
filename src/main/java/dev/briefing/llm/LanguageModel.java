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

    /** The caller could not use the reply to this request: a caching model must forget it. */
    default void discard(ModelRequest request) {
    }

    /** The model's name as the server knows it, for the run record. */
    String modelName();
}
