package dev.briefing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.error.ModelUnavailableException;
import dev.briefing.llm.EchoingModel;
import dev.briefing.llm.FakeServer;
import dev.briefing.llm.ModelInfo;
import dev.briefing.llm.ModelServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCheckAheadTest {
    @TempDir
    Path work;

    /** Counts the calls that reach the real server, and says when the check has begun. */
    private static final class Counting implements ModelServer {
        final AtomicInteger reached = new AtomicInteger();
        final AtomicInteger shown = new AtomicInteger();
        final CountDownLatch begun = new CountDownLatch(1);
        private final FakeServer server = FakeServer.with("m", "other");

        @Override
        public String host() {
            return server.host();
        }

        @Override
        public void ensureReachable() {
            reached.incrementAndGet();
            begun.countDown();
        }

        @Override
        public List<String> models() {
            return server.models();
        }

        @Override
        public ModelInfo show(String model) {
            shown.incrementAndGet();
            return server.show(model);
        }
    }

    @Test
    void should_check_the_server_at_once_and_answer_from_that_check() throws Exception {
        Counting server = new Counting();
        Backend ahead = ServerCheckAhead.of(new Backend(server, new EchoingModel()), "m");
        assertTrue(server.begun.await(5, TimeUnit.SECONDS), "the check runs before anyone asks");
        ahead.server().ensureReachable();
        ahead.server().ensureReachable();
        assertEquals(new ModelInfo("m", 32768), ahead.server().show("m"));
        assertEquals(1, server.reached.get(), "asked once, answered twice");
        assertEquals(1, server.shown.get());
        ahead.server().show("other");
        assertEquals(2, server.shown.get(), "another model is asked of the server itself");
    }

    @Test
    void should_throw_the_servers_own_error_where_the_check_would_have() {
        Backend ahead = ServerCheckAhead.of(new Backend(FakeServer.unreachable(), new EchoingModel()), "m");
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class, ahead.server()::ensureReachable);
        assertEquals("cannot reach Ollama at http://fake:11434 (connection refused)", e.getMessage());
        assertThrows(ModelUnavailableException.class, () -> ahead.server().show("m"));
    }

    @Test
    void should_still_end_on_the_input_error_first_when_the_server_is_down_too() throws Exception {
        Files.writeString(work.resolve("empty.txt"), "");
        CliRun run = CliRun.run(work, (host, model, timeout) -> new Backend(FakeServer.unreachable(),
                new EchoingModel()), "brief", "empty.txt");
        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().startsWith("error: no readable article in "), run.stderr());
    }

    @Test
    void should_end_with_exit_3_and_one_line_when_only_the_server_is_down() {
        CliRun run = CliRun.run(Path.of("").toAbsolutePath(), (host, model, timeout) -> new Backend(
                FakeServer.unreachable(), new EchoingModel()), "brief", "--no-cache", "-o", work.resolve("out").toString(),
                "seeds");
        assertEquals(3, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("error: cannot reach Ollama at http://fake:11434 (connection refused)"),
                run.stderr());
    }
    @Test
    void should_end_a_daily_run_on_the_input_error_first_and_create_no_store_when_the_server_is_down() throws Exception {
        Files.createDirectories(work.resolve("inbox"));
        Files.writeString(work.resolve("inbox/empty.txt"), "");
        CliRun run = CliRun.run(work, (host, model, timeout) -> new Backend(FakeServer.unreachable(),
                new EchoingModel()), "daily", "--inbox", "inbox", "--data-dir", "data");
        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().startsWith("error: no readable article in "), run.stderr());

        Files.writeString(work.resolve("inbox/a.txt"), "标题\n\n记者今天报道，会议在北京举行，各方代表出席了会议。\n");
        CliRun down = CliRun.run(work, (host, model, timeout) -> new Backend(FakeServer.unreachable(),
                new EchoingModel()), "daily", "--inbox", "inbox", "--data-dir", "data");
        assertEquals(3, down.exitCode(), down.stderr());
        assertTrue(Files.notExists(work.resolve("data/briefing.db")), "a run that cannot reach the server creates no store");
    }
    @Test
    void should_not_start_the_embedded_models_download_before_the_input_is_known_to_be_good() throws Exception {
        java.util.concurrent.atomic.AtomicInteger fetched = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer models = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        models.createContext("/", exchange -> {
            fetched.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        models.start();
        try {
            Files.writeString(work.resolve("empty.txt"), "");
            java.util.Map<String, String> env = java.util.Map.of("BRIEFING_MODELS_DIR", work.resolve("models").toString(),
                    "BRIEFING_MODEL_URL", "http://127.0.0.1:" + models.getAddress().getPort() + "/model.gguf");
            CliRun run = CliRun.run(work, Backends.FACTORY, env, "", "brief", "--host", "embedded", "empty.txt");
            assertEquals(2, run.exitCode(), run.stderr());
            Thread.sleep(300);
            assertEquals(0, fetched.get(), "no download for a run that ends on its input");
        } finally {
            models.stop(0);
        }
    }
}
