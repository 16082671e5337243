/**
 * The Ollama adapter: the only package that imports {@code dev.langchain4j.*}.
 *
 * <ul>
 *   <li>{@link dev.briefing.ollama.OllamaHost}: {@code --host} / {@code OLLAMA_HOST} parsed as Ollama does.
 *   <li>{@link dev.briefing.ollama.OllamaModelServer}: reachability, pulled models, context length.
 *   <li>{@link dev.briefing.ollama.OllamaLanguageModel}: one non-streaming {@code /api/chat} call per request.
 * </ul>
 *
 * <p>Every HTTP client here speaks HTTP/1.1 only and never retries: the engine owns retries,
 * and each LangChain4j exception is translated once into {@code ModelUnavailableException}
 * (exit 3) or {@code ModelCallException} (retryable or not).
 */
package dev.briefing.ollama;
