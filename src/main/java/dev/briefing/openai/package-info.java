/**
 * The OpenAI-compatible adapter: vLLM, SGLang, llama.cpp's {@code llama-server}, LM Studio or a
 * gateway in front of several, reached at a base URL ending in {@code /v1}. Beside the Ollama
 * adapter, the only package that talks to LangChain4j's chat model classes.
 *
 * <ul>
 *   <li>{@link dev.briefing.openai.OpenAiHost}: a {@code --host} value ending in {@code /v1}.
 *   <li>{@link dev.briefing.openai.OpenAiModelServer}: reachability and models ({@code GET /v1/models}),
 *       the context length from vLLM's {@code max_model_len}.
 *   <li>{@link dev.briefing.openai.OpenAiLanguageModel}: {@code POST /v1/chat/completions}, plain and
 *       streamed (SSE), the reply schema as {@code response_format: json_schema}.
 * </ul>
 *
 * <p>As in the Ollama adapter nothing here retries (the engine's RetryPolicy does), and every
 * LangChain4j exception is translated once. The API key is sent as a bearer token and kept out
 * of every message, log and record: no {@code toString} here prints it.
 */
package dev.briefing.openai;
