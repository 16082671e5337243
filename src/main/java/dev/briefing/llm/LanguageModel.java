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

    /** The model's name as the server knows it, for the run record. */
    String modelName();
}
