package dev.briefing.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class PlainHttpTest {

    @Test
    void should_skip_tls_set_up_for_plain_http_and_still_answer() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/version", ex -> {
            byte[] body = "{\"version\":\"0.33.0\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            HttpClient client = PlainHttp.builder(base).build();
            assertInstanceOf(PlainHttp.NoTls.class, client.sslContext());
            assertEquals(HttpClient.Version.HTTP_1_1, client.version());
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/version")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("{\"version\":\"0.33.0\"}", r.body());
            // Used for TLS after all, it says so instead of pretending.
            assertThrows(UnsupportedOperationException.class, () -> client.sslContext().createSSLEngine());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void should_keep_the_default_tls_context_for_https_and_anything_unclear() throws Exception {
        HttpClient https = PlainHttp.builder("https://api.example.com/v1").build();
        assertEquals(SSLContext.getDefault(), https.sslContext());
        assertTrue(PlainHttp.isPlain("HTTP://gpu-box:11434"));
        assertFalse(PlainHttp.isPlain("https://gpu-box:11434"));
        assertFalse(PlainHttp.isPlain(null));
        assertFalse(PlainHttp.isPlain("not a url with spaces"));
    }

    @Test
    void should_end_the_selector_threads_of_clients_that_are_done_before_the_jvm_exits() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/version", ex -> {
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            HttpClient client = PlainHttp.builder(base).build();
            assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(base + "/api/version")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertFalse(selectors().isEmpty(), "a client keeps a selector thread while it lives");

            assertTrue(PlainHttp.stopSelectorsForExit() >= 1);
            assertEquals(java.util.List.of(), selectors(), "none is left waiting in the kernel");
            assertEquals(0, PlainHttp.stopSelectorsForExit());
        } finally {
            server.stop(0);
        }
    }

    private static java.util.List<String> selectors() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.endsWith("-SelectorManager")).toList();
    }
}
