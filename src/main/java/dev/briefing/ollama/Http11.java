package dev.briefing.ollama;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * LangChain4j's JDK HTTP client, pinned to HTTP/1.1. Java's client otherwise offers
 * {@code Upgrade: h2c} on plain http, which real Ollama never accepts.
 */
final class Http11 {

    private Http11() {
    }

    static HttpClientBuilder langchain4jClient(Duration connectTimeout, Duration readTimeout) {
        return new JdkHttpClientBuilder()
                .httpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1))
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout);
    }
}
