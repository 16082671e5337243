package dev.briefing.llm;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * Java HTTP clients for a model server, pinned to HTTP/1.1. Java's client builds the JVM's
 * default TLS context when it is created, even for a plain {@code http://} server: it loads the
 * TLS stack and parses every trusted certificate, a quarter of a second of CPU before the first
 * request of a short command. For an {@code http://} base URL (the usual local Ollama) the client
 * gets a TLS context that is never initialised and fails if anything tries to use it, so none of
 * that runs; an {@code https://} server gets the default context as before.
 */
public final class PlainHttp {
    private PlainHttp() {
    }

    /** A builder for a client of the server at {@code baseUrl}: HTTP/1.1, and no TLS set-up for plain http. */
    public static HttpClient.Builder builder(String baseUrl) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        if (isPlain(baseUrl)) {
            b.sslContext(new NoTls()).sslParameters(new SSLParameters());
        }
        return b;
    }

    /**
     * Ends the selector threads of Java's HTTP clients, for a JVM about to exit. Each client keeps
     * one daemon thread waiting in the kernel (epoll) for the life of the client, and the JVM's
     * exit waits up to 300 ms for every thread that is in native code to come back before it
     * gives up on it: a third of a second at the end of every command that talked to a server.
     * An interrupted selector thread wakes, leaves its loop and shuts its client down. Call it
     * only when no request is under way any more: later requests of those clients fail.
     *
     * @return how many selector threads were stopped
     */
    public static int stopSelectorsForExit() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 8];
        int n = root.enumerate(threads, true);
        List<Thread> stopped = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread t = threads[i];
            // Java 17-21 name them "HttpClient-<id>-SelectorManager" (jdk.internal.net.http.HttpClientImpl).
            if (t != null && t.isDaemon() && t.getName().startsWith("HttpClient-")
                    && t.getName().endsWith("-SelectorManager")) {
                t.interrupt();
                stopped.add(t);
            }
        }
        long deadline = System.nanoTime() + 100_000_000L;
        for (Thread t : stopped) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                t.join(Math.max(1, left / 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return stopped.size();
    }

    /** Whether the URL is plain {@code http://} (a null or unparsable one is not). */
    static boolean isPlain(String baseUrl) {
        if (baseUrl == null) {
            return false;
        }
        try {
            String scheme = URI.create(baseUrl.strip()).getScheme();
            return scheme != null && scheme.toLowerCase(Locale.ROOT).equals("http");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A TLS context for a client that only ever speaks plain http: any use of it is an error. */
    static final class NoTls extends SSLContext {
        NoTls() {
            super(new Spi(), null, "none");
        }
    }

    private static final class Spi extends SSLContextSpi {
        private static UnsupportedOperationException plainOnly() {
            return new UnsupportedOperationException("this client was made for a plain http:// server; TLS is not set up");
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
            throw plainOnly();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw plainOnly();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw plainOnly();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw plainOnly();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw plainOnly();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw plainOnly();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw plainOnly();
        }
    }
}
