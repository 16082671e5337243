package dev.briefing.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.briefing.daily.DailySeeds;
import dev.briefing.normalize.Article;
import dev.briefing.ollama.OllamaStubs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * A daily run killed with SIGKILL in the middle of the map stage (a real JVM, started as a
 * user would), then run again: every reply that arrived before the kill is reused, and only
 * the call that was in flight, and the synthesis, are sent.
 */
class DailyResumeAfterKillTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private WireMockServer ollama;
    private List<Article> seeds;
    private Process child;
    @TempDir
    Path work;

    @BeforeEach
    void start() throws Exception {
        seeds = DailySeeds.articles();
        ollama = DailySeeds.ollama(seeds);
        // The third article's chunk never gets an answer while the first process lives.
        DailySeeds.stubMap(ollama, seeds.get(2), aResponse().withStatus(200).withFixedDelay(120_000)
                .withHeader("Content-Type", OllamaStubs.JSON_UTF8)
                .withBody(OllamaStubs.chatResponse(DailySeeds.fixture("map-003.json"), 2100, 640, "stop")));
        DailySeeds.copy(work, "news", seeds.toArray(Article[]::new));
    }

    @AfterEach
    void stop() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
        ollama.stop();
    }

    @Test
    void should_resume_from_the_cache_after_the_process_is_killed_mid_run() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // The test JVM's own classpath; C1 only and the serial collector: this JVM lives seconds.
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "dev.briefing.cli.Main", "daily", "--inbox", "news", "--date", "2026-11-23", "--parallel", "1")
                .directory(work.toFile())
                .redirectOutput(work.resolve("child.out").toFile())
                .redirectError(work.resolve("child.err").toFile());
        pb.environment().put("OLLAMA_HOST", OllamaStubs.baseUrl(ollama));
        pb.environment().put("BRIEFING_RETRY_BASE_MS", "1");
        pb.environment().put("BRIEFING_DATA_DIR", work.resolve(".briefing").toString());
        pb.environment().remove("BRIEFING_MODEL");
        child = pb.start();

        Path db = work.resolve(".briefing/briefing.db");
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        // Two replies committed to the store, and the third call sent and waiting on its answer.
        while (cachedReplies(db) < 2 || DailySeeds.chats(ollama).size() < 3) {
            if (!child.isAlive()) {
                fail("the run ended before it could be killed (exit " + child.exitValue() + "): "
                        + Files.readString(work.resolve("child.err")));
            }
            if (System.nanoTime() > deadline) {
                fail("the run did not reach the stalled call in time: " + Files.readString(work.resolve("child.err")));
            }
            child.waitFor(50, TimeUnit.MILLISECONDS);
        }
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, cachedReplies(db));
        assertFalse(Files.exists(work.resolve("briefings/2026-11-23")), "a killed run writes no briefing");
        assertEquals(List.of("map " + seeds.get(0).id(), "map " + seeds.get(1).id(), "map " + seeds.get(2).id())
                .stream().sorted().toList(), DailySeeds.calls(ollama, seeds));

        ollama.resetRequests();
        DailySeeds.stubMap(ollama, seeds.get(2), DailySeeds.chat(DailySeeds.fixture("map-003.json")));
        CliRun rerun = CliRun.run(work, OllamaBackend::create, Map.of("OLLAMA_HOST", OllamaStubs.baseUrl(ollama),
                "BRIEFING_RETRY_BASE_MS", "1"), "", "daily", "--inbox", "news", "--date", "2026-11-23");
        assertEquals(0, rerun.exitCode(), rerun.stderr());
        assertEquals(List.of("map " + seeds.get(2).id(), "synthesize").stream().sorted().toList(),
                DailySeeds.calls(ollama, seeds));
        assertTrue(rerun.stderr().contains("model calls: 2 sent, 2 answered from the cache"), rerun.stderr());
        assertTrue(Files.exists(work.resolve("briefings/2026-11-23/briefing.json")));
        assertEquals(4, cachedReplies(db));
    }

    /** Replies committed to the store so far, read without creating or locking anything. */
    private static int cachedReplies(Path db) {
        if (!Files.exists(db)) {
            return 0;
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db, config.toProperties());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM llm_cache")) {
            return rs.getInt(1);
        } catch (SQLException e) {
            return 0; // not migrated yet
        }
    }
}
