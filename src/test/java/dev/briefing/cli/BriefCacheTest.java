package dev.briefing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.briefing.daily.DailySeeds;
import dev.briefing.normalize.Article;
import dev.briefing.ollama.OllamaStubs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code briefing brief} with the call cache: a rerun after a failed chunk sends only what failed. */
class BriefCacheTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private WireMockServer ollama;
    private List<Article> seeds;
    @TempDir
    Path work;

    @BeforeEach
    void start() throws IOException {
        seeds = DailySeeds.articles();
        ollama = DailySeeds.ollama(seeds);
        DailySeeds.copy(work, "seeds", seeds.toArray(Article[]::new));
    }

    @AfterEach
    void stop() {
        ollama.stop();
    }

    private CliRun brief(String... extra) {
        String[] args = new String[extra.length + 1];
        args[0] = "brief";
        System.arraycopy(extra, 0, args, 1, extra.length);
        return CliRun.run(work, OllamaBackend::create, Map.of("OLLAMA_HOST", OllamaStubs.baseUrl(ollama),
                "BRIEFING_RETRY_BASE_MS", "1"), "", args);
    }

    private List<String> callsAndReset() {
        List<String> calls = DailySeeds.calls(ollama, seeds);
        ollama.resetRequests();
        return calls;
    }

    @Test
    void should_send_only_the_failed_chunk_and_the_synthesis_when_rerun() throws IOException {
        DailySeeds.stubMap(ollama, seeds.get(1), OllamaStubs.runnerCrashed());
        CliRun broken = brief("-q", "-o", "out1", "seeds");
        assertEquals(1, broken.exitCode(), broken.stderr());
        assertTrue(broken.stderr().contains("error: the briefing is incomplete"), broken.stderr());
        List<String> first = callsAndReset();
        assertEquals(3, first.stream().filter(c -> c.equals("map " + seeds.get(1).id())).count(), "sent 3 times");

        DailySeeds.stubMap(ollama, seeds.get(1), DailySeeds.chat(DailySeeds.fixture("map-002.json")));
        CliRun fixed = brief("-o", "out2", "seeds");
        assertEquals(0, fixed.exitCode(), fixed.stderr());
        assertEquals(List.of("map " + seeds.get(1).id(), "synthesize").stream().sorted().toList(), callsAndReset());
        assertTrue(fixed.stderr().contains("model calls: 2 sent, 2 answered from the cache"), fixed.stderr());
        JsonNode b = JSON.readTree(Files.readString(work.resolve("out2/briefing.json")));
        assertFalse(b.get("incomplete").asBoolean());
        assertEquals(2, b.get("run").get("calls").asInt());
        assertFalse(b.has("changes"), "brief has no day to compare with");
        assertTrue(Files.exists(work.resolve(".briefing/briefing.db")));
    }

    @Test
    void should_bypass_the_cache_with_no_cache_and_honour_the_data_dir() throws IOException {
        assertEquals(0, brief("-q", "-o", "out1", "--data-dir", "state", "seeds").exitCode());
        assertEquals(4, callsAndReset().size());
        assertTrue(Files.exists(work.resolve("state/briefing.db")));
        CliRun bypass = brief("-q", "-o", "out2", "--no-cache", "seeds");
        assertEquals(0, bypass.exitCode(), bypass.stderr());
        assertEquals(4, callsAndReset().size());
        assertEquals(0, brief("-q", "-o", "out3", "--data-dir", "state", "seeds").exitCode());
        assertEquals(List.of(), callsAndReset());
        assertFalse(Files.exists(work.resolve(".briefing")), "--no-cache opens no store");
    }

    /** The whole pipeline keeps each chunk's verified notes beside its reply, so a rerun can replay them. */
    @Test
    void should_store_each_chunks_verified_notes_for_an_unchanged_rerun_to_replay() throws Exception {
        assertEquals(0, brief("-q", "-o", "out1", "--data-dir", "state", "seeds").exitCode());
        assertEquals(4, callsAndReset().size());
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                + work.resolve("state/briefing.db"));
                java.sql.ResultSet rows = db.createStatement().executeQuery(
                        "SELECT count(*) FROM verified_replies")) {
            assertTrue(rows.next());
            assertEquals(seeds.size(), rows.getInt(1), "one stored result per mapped chunk");
        }
        CliRun again = brief("-o", "out2", "--data-dir", "state", "seeds");
        assertEquals(0, again.exitCode(), again.stderr());
        assertEquals(List.of(), callsAndReset());
        // The same briefing, dropped citations counted as before; only the run line (calls, time) differs.
        java.util.function.Function<String, List<String>> content = dir -> {
            try {
                return Files.readAllLines(work.resolve(dir).resolve("briefing.md")).stream()
                        .filter(l -> !l.startsWith("*运行")).toList();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        assertEquals(content.apply("out1"), content.apply("out2"), "the replayed notes make the same briefing");
    }

    /** Issue 15, item 9, for {@code brief}: Ctrl-C as the result goes out (the files are written) exits 130. */
    @Test
    void should_exit_130_when_ctrl_c_comes_while_the_briefing_is_written() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream interrupting = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8) {
            @Override
            public void write(byte[] b, int off, int len) {
                Thread.currentThread().interrupt();
                super.write(b, off, len);
            }
        };
        int code = Main.run(new String[] {"brief", "-o", "out", "seeds"}, new java.io.ByteArrayInputStream(new byte[0]),
                interrupting, new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8),
                Map.of("OLLAMA_HOST", OllamaStubs.baseUrl(ollama), "BRIEFING_RETRY_BASE_MS", "1"), OllamaBackend::create,
                CliRun.CLOCK, work, false);
        Thread.interrupted();
        String stderr = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(130, code, stderr);
        assertTrue(stderr.contains("interrupted: the briefing was already written"), stderr);
        for (String file : List.of("briefing.json", "briefing.md", "briefing.html", "run.json")) {
            assertTrue(Files.size(work.resolve("out").resolve(file)) > 0, file);
        }
        JSON.readTree(Files.readString(work.resolve("out/briefing.json"))); // whole: it parses
    }

    /** Issue 15, item 9, for {@code brief}: the four files get the mode the umask gives, not 0600. */
    @Test
    void should_create_the_briefing_files_as_the_umask_says_not_owner_only() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(work.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path probe = Files.createFile(work.resolve("probe")); // mode 0666 less this process's umask
        var expected = Files.getPosixFilePermissions(probe);
        CliRun run = brief("-q", "-o", "out", "seeds");
        assertEquals(0, run.exitCode(), run.stderr());
        for (String file : List.of("briefing.json", "briefing.md", "briefing.html", "run.json")) {
            assertEquals(expected, Files.getPosixFilePermissions(work.resolve("out").resolve(file)), file);
        }
    }
}
