package dev.briefing.llm;

import java.util.List;

/** The model server itself: is it there, which models does it have, how large is their context. */
public interface ModelServer {

    /** The base URL, as the user should see it in messages ("http://127.0.0.1:11434"). */
    String host();

    /**
     * Fails fast, without retries, when the server cannot be reached.
     *
     * @throws dev.briefing.error.ModelUnavailableException naming the host and what to do
     */
    void ensureReachable();

    /** Names of the models the server has pulled, as it lists them. */
    List<String> models();

    /**
     * Checks the model is pulled and reads its context length.
     *
     * @throws dev.briefing.error.ModelUnavailableException listing the models that are there
     */
    ModelInfo show(String model);
}
