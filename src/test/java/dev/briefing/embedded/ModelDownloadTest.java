package dev.briefing.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.error.ModelUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first-run download against a local HTTP server that serves a file with Range support. */
class ModelDownloadTest {
    private static final int SIZE = 300_000;
    private final byte[] content = new byte[SIZE];
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    private volatile int stallAfter = -1;
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    @TempDir
    Path dir;
    Path target;

    @BeforeEach
    void start() throws IOException {
        new Random(5).nextBytes(content);
        target = dir.resolve("models").resolve("m.gguf");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/m.gguf", this::serve);
        server.createContext("/missing.gguf", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        ranges.add(range == null ? "none" : range);
        int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-.*", "$1"));
        if (from >= SIZE) {
            exchange.sendResponseHeaders(416, -1);
            exchange.close();
            return;
        }
        if (from > 0) {
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (SIZE - 1) + "/" + SIZE);
        }
        exchange.sendResponseHeaders(from > 0 ? 206 : 200, SIZE - from);
        try (OutputStream out = exchange.getResponseBody()) {
            int stall = stallAfter;
            if (stall > from) {
                out.write(content, from, stall - from);
                out.flush();
                release.await(30, TimeUnit.SECONDS);
                out.write(content, stall, SIZE - stall);
            } else {
                out.write(content, from, SIZE - from);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away (interrupted): what it got is in its partial file
        }
    }

    private ModelFiles.Download download(String path, byte[] expected) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected));
        return new ModelFiles.Download(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path), sha);
    }

    private String stderr() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void should_download_check_and_rename_showing_bytes_rate_and_eta() throws Exception {
        Path done = new ModelDownload(err, false).fetch(download("/m.gguf", content), target);
        assertEquals(target, done);
        assertArrayEquals(content, Files.readAllBytes(target));
        assertFalse(Files.exists(ModelDownload.partial(target)), "no temporary file left");
        assertTrue(stderr().startsWith("downloading the embedded model m.gguf (0.3 MB) from http://127.0.0.1:"), stderr());
        assertTrue(stderr().lines().anyMatch(l -> l.matches("  \\[#+ *\\] 0\\.\\d / 0\\.3 MB  [\\d.]+ MB/s  ETA \\d+:\\d\\d")),
                stderr());
        assertTrue(stderr().contains("the embedded model is ready: " + target + " (SHA-256 checked)"), stderr());
        assertEquals(List.of("none"), ranges);
    }

    @Test
    void should_resume_a_partial_download_with_a_range_request() throws Exception {
        Files.createDirectories(target.getParent());
        Files.write(ModelDownload.partial(target), java.util.Arrays.copyOf(content, 120_000));
        new ModelDownload(err, false).fetch(download("/m.gguf", content), target);
        assertEquals(List.of("bytes=120000-"), ranges);
        assertArrayEquals(content, Files.readAllBytes(target));
        assertTrue(stderr().startsWith("resuming the embedded model m.gguf (0.3 MB) from "), stderr());
        assertTrue(stderr().contains(" at 0.1 MB"), stderr());
    }

    @Test
    void should_remove_a_download_whose_checksum_is_wrong_and_say_so() throws Exception {
        ModelFiles.Download expectingOther = download("/m.gguf", "another file".getBytes(StandardCharsets.UTF_8));
        String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class,
                () -> new ModelDownload(err, false).fetch(expectingOther, target));
        assertEquals("the downloaded model's SHA-256 is " + actual + ", expected " + expectingOther.sha256()
                + "; the file was removed", e.getMessage());
        assertEquals(ExitCode.MODEL_UNAVAILABLE, e.exitCode());
        assertFalse(Files.exists(target));
        assertFalse(Files.exists(ModelDownload.partial(target)));
    }

    @Test
    void should_say_the_disk_is_full_and_install_nothing() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full), "needs Linux's /dev/full, which fails every write with ENOSPC");
        Files.createDirectories(target.getParent());
        Files.createSymbolicLink(ModelDownload.partial(target), full);
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class,
                () -> new ModelDownload(err, false).fetch(download("/m.gguf", content), target));
        assertEquals("cannot write the embedded model to " + target.getParent()
                + " (the disk is full); what was fetched is kept in m.gguf.part", e.getMessage());
        assertTrue(e.hint().startsWith("free some space"), e.hint());
        assertFalse(Files.exists(target));
        Files.delete(ModelDownload.partial(target)); // the link only, before the temp dir is cleaned
    }

    @Test
    void should_keep_only_the_partial_file_when_interrupted_and_resume_it_next_time() throws Exception {
        stallAfter = 100_000;
        ModelFiles.Download d = download("/m.gguf", content);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread run = new Thread(() -> {
            try {
                new ModelDownload(err, false).fetch(d, target);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        run.start();
        Path part = ModelDownload.partial(target);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while ((!Files.exists(part) || Files.size(part) < 100_000) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        run.interrupt(); // what SigintHandler does on Ctrl-C
        run.join(10_000);
        assertFalse(run.isAlive());
        BriefingException e = assertInstanceOf(BriefingException.class, thrown.get());
        assertEquals(ExitCode.INTERRUPTED, e.exitCode());
        assertEquals("interrupted: the model download stopped at 0.1 of 0.3 MB, kept in " + part, e.getMessage());
        assertFalse(Files.exists(target), "nothing under the final name");
        assertEquals(100_000, Files.size(part));

        release.countDown();
        stallAfter = -1;
        new ModelDownload(err, false).fetch(d, target);
        assertEquals("bytes=100000-", ranges.get(ranges.size() - 1));
        assertArrayEquals(content, Files.readAllBytes(target));
    }

    @Test
    void should_name_the_url_and_status_when_the_server_refuses() throws Exception {
        ModelFiles.Download d = download("/missing.gguf", content);
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class,
                () -> new ModelDownload(err, false).fetch(d, target));
        assertEquals("cannot download the embedded model: " + d.url() + " answered HTTP 404", e.getMessage());
        assertFalse(Files.exists(target));
    }
}
