package dev.briefing.ollama;

import dev.langchain4j.http.client.HttpClientBuilder;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * LangChain4j's JDK HTTP client, pinned to HTTP/1.1. Java's client otherwise offers
 * {@code Upgrade: h2c} on plain http, which real Ollama never accepts.
 *
 * <p>{@code JdkHttpClientBuilder} is reached by reflection because langchain4j-ollama declares
 * langchain4j-http-client-jdk with <em>runtime</em> scope: the class is on the runtime and test
 * classpaths but not on our compile classpath. Declaring langchain4j-http-client-jdk as a direct
 * dependency in pom.xml would let this become a plain {@code new JdkHttpClientBuilder()}.
 */
final class Http11 {

    static final String JDK_BUILDER = "dev.langchain4j.http.client.jdk.JdkHttpClientBuilder";

    private Http11() {
    }

    static HttpClientBuilder langchain4jClient(Duration connectTimeout, Duration readTimeout) {
        HttpClientBuilder builder;
        try {
            Class<?> type = Class.forName(JDK_BUILDER);
            builder = (HttpClientBuilder) type.getConstructor().newInstance();
            type.getMethod("httpClientBuilder", HttpClient.Builder.class)
                    .invoke(builder, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1));
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("langchain4j-http-client-jdk is missing from the classpath", e);
        }
        return builder.connectTimeout(connectTimeout).readTimeout(readTimeout);
    }
}
