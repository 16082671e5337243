package dev.briefing.ollama;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * LangChain4j's JDK HTTP client, pinned to HTTP/1.1. Java's client otherwise offers
 * {@code Upgrade: h2c} on plain http, which real Ollama never accepts. Its non-streaming replies
 * pass through {@link Checked}, which undoes what a proxy in front of Ollama may do to them.
 */
final class Http11 {

    private Http11() {
    }

    static HttpClientBuilder langchain4jClient(String baseUrl, Duration connectTimeout, Duration readTimeout) {
        return new CheckedBuilder(new JdkHttpClientBuilder()
                .httpClientBuilder(dev.briefing.llm.PlainHttp.builder(baseUrl))
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout));
    }

    /**
     * A client that sends nothing, hands each request's body to {@code sent} and answers it with
     * {@code reply} (status 200): what {@link OllamaLanguageModel#rehearse()} talks to, through
     * the same {@link Checked} wrapper as a real call.
     */
    static HttpClientBuilder canned(String reply, java.util.function.Consumer<String> sent) {
        HttpClient answering = new HttpClient() {
            @Override
            public SuccessfulHttpResponse execute(HttpRequest request) {
                sent.accept(request.body());
                return SuccessfulHttpResponse.builder().statusCode(200)
                        .headers(Map.of("Content-Type", List.of("application/json; charset=utf-8"))).body(reply).build();
            }

            @Override
            public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
                throw new UnsupportedOperationException("a rehearsal does not stream");
            }
        };
        return new CheckedBuilder(new JdkHttpClientBuilder(), answering);
    }

    /** The JDK builder inside one of ours (tests check its HTTP version). */
    static JdkHttpClientBuilder jdk(HttpClientBuilder builder) {
        return ((CheckedBuilder) builder).delegate();
    }

    /** @param canned the client to build instead of the delegate's (the rehearsal's), or null */
    private record CheckedBuilder(JdkHttpClientBuilder delegate, HttpClient canned) implements HttpClientBuilder {
        CheckedBuilder(JdkHttpClientBuilder delegate) {
            this(delegate, null);
        }

        @Override
        public Duration connectTimeout() {
            return delegate.connectTimeout();
        }

        @Override
        public HttpClientBuilder connectTimeout(Duration timeout) {
            delegate.connectTimeout(timeout);
            return this;
        }

        @Override
        public Duration readTimeout() {
            return delegate.readTimeout();
        }

        @Override
        public HttpClientBuilder readTimeout(Duration timeout) {
            delegate.readTimeout(timeout);
            return this;
        }

        @Override
        public HttpClient build() {
            return new Checked(canned != null ? canned : delegate.build());
        }
    }

    /**
     * Two replies LangChain4j would turn into a raw NullPointerException or JsonParseException:
     * a body compressed by a proxy although we never asked for it (Java's client does not
     * decompress), decompressed here; and a 200 whose body is Ollama's {@code {"error": ...}}
     * (a runner that died after the headers went out), raised as the HTTP error it is.
     */
    static final class Checked implements HttpClient {
        private final HttpClient delegate;

        Checked(HttpClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public SuccessfulHttpResponse execute(HttpRequest request) {
            SuccessfulHttpResponse response = delegate.execute(request);
            byte[] bytes = response.bodyBytes();
            if (bytes != null && bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B) {
                response = SuccessfulHttpResponse.builder().statusCode(response.statusCode())
                        .headers(withoutEncoding(response.headers())).body(gunzip(bytes)).build();
            }
            String body = response.body() == null ? "" : response.body().strip();
            if (body.startsWith("{\"error\"") && !body.contains("\"message\"")) {
                throw new HttpException(response.statusCode(), body);
            }
            return response;
        }

        @Override
        public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
            delegate.execute(request, parser, listener);
        }

        private static byte[] gunzip(byte[] bytes) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(new IOException("the reply was gzip-compressed and cut off mid-way", e));
            }
        }

        private static Map<String, List<String>> withoutEncoding(Map<String, List<String>> headers) {
            Map<String, List<String>> out = new java.util.LinkedHashMap<>();
            headers.forEach((k, v) -> {
                if (!k.toLowerCase(Locale.ROOT).equals("content-encoding")) {
                    out.put(k, v);
                }
            });
            return out;
        }
    }

}
