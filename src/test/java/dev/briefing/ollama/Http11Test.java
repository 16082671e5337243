package dev.briefing.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class Http11Test {

    @Test
    void should_build_jdk_client_pinned_to_http_1_1_with_timeouts() {
        HttpClientBuilder builder = Http11.langchain4jClient("http://127.0.0.1:11434", Duration.ofSeconds(2), Duration.ofSeconds(300));
        JdkHttpClientBuilder jdk = Http11.jdk(builder);
        assertEquals(HttpClient.Version.HTTP_1_1, jdk.httpClientBuilder().build().version());
        assertEquals(Duration.ofSeconds(2), jdk.connectTimeout());
        assertEquals(Duration.ofSeconds(300), jdk.readTimeout());
        assertEquals(Duration.ofSeconds(300), builder.readTimeout());
    }
}
