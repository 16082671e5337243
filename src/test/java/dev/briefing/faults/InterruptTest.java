package dev.briefing.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.briefing.normalize.Article;
import dev.briefing.ollama.OllamaStubs;
import dev.briefing.pipeline.ArticleLoader;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, interruption: Ctrl-C is a signal to a real process, so this starts {@code briefing
 * brief} as one ({@code java -cp <test classpath> dev.briefing.cli.Main}) against WireMock
 * answering as Ollama. The first article's map call is answered; the second one stalls for
 * minutes, as a slow model would. Once WireMock has received the stalled call (its request
 * journal is polled: no guessed sleep), the test sends SIGINT and checks what the user gets.
 */
class InterruptTest {
    private static final String MODEL = "qwen2.5:7b";
    /** Far longer than the test may take: the process must stop without the reply. */
    private static final int STALL_MS = 600_000;

    private WireMockServer ollama;
    private List<Article> seeds;
    @TempDir
    Path work;

    @BeforeEach
    void start() throws IOException {
        ollama = OllamaStubs.server();
        OllamaStubs.stubVersion(ollama);
        OllamaStubs.stubTags(ollama, MODEL);
        OllamaStubs.stubShow(ollama, MODEL, 32768);
        seeds = ArticleLoader.load(List.of("seeds"), new ByteArrayInputStream(new byte[0]), Path.of("")).articles();
        ollama.stubFor(post(urlEqualTo("/api/chat")).atPriority(5)
                .withRequestBody(matchingJsonPath("$.messages[1].content", containing("Article " + seeds.get(0).id())))
                .willReturn(OllamaStubs.json(200, OllamaStubs.chatResponse(
                        Files.readString(Path.of("src/test/resources/fixtures/seeds/map-000.json")), 2100, 640, "stop"))));
        ollama.stubFor(post(urlEqualTo("/api/chat")).atPriority(10)
                .willReturn(OllamaStubs.json(200, OllamaStubs.chatResponse("{}", 2100, 2, "stop"))
                        .withFixedDelay(STALL_MS)));
        Files.createDirectories(work.resolve("seeds"));
        for (Article a : seeds) {
            Files.copy(Path.of(a.path()), work.resolve(a.path()));
        }
    }

    @AfterEach
    void stop() {
        ollama.stop();
    }

    @Test
    void should_stop_in_flight_calls_say_what_was_finished_leave_no_file_and_exit_130_on_sigint()
            throws Exception {
        Path stdout = work.resolve("stdout.txt");
        Path stderr = work.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(withSigintDefault(List.of(javaBinary(), "-cp",
                System.getProperty("java.class.path"), "dev.briefing.cli.Main", "brief", "--host",
                OllamaStubs.baseUrl(ollama), "--parallel", "1", "-o", "out", "seeds")))
                .directory(work.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().put("BRIEFING_RETRY_BASE_MS", "1");
        builder.environment().put("BRIEFING_DATA_DIR", work.resolve(".briefing").toString());
        Process process = builder.start();
        try {
            awaitStalledCall(process, stderr);

            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor(), "kill -INT");

            // Generous: the reply would take ten minutes; the process must not wait for it.
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "still running 60 s after SIGINT");
            String err = Files.readString(stderr, StandardCharsets.UTF_8);
            assertEquals(130, process.exitValue(), err);
            assertTrue(err.contains("interrupted: 1 of 3 chunks mapped; no briefing written"), err);
            assertTrue(!err.contains("error:") && !err.contains("Exception"), err);
            assertEquals("", Files.readString(stdout, StandardCharsets.UTF_8), "nothing on stdout");
            // No briefing, no temp file: the output folder was never started.
            assertEquals(List.of(), filesUnder(work.resolve("out")));
            // Each chunk sent at most once (the third may be in flight: the map keeps one request
            // queued beyond --parallel), and the synthesis never.
            int perChunk = 0;
            for (Article seed : seeds) {
                int sent = ollama.findAll(chatFor(seed)).size();
                assertTrue(sent <= 1, seed.id() + " sent " + sent + " times");
                perChunk += sent;
            }
            assertEquals(perChunk, ollama.findAll(postRequestedFor(urlEqualTo("/api/chat"))).size(),
                    "a chat request that was no chunk's: the synthesis ran");
        } finally {
            process.destroyForcibly();
        }
    }

    private void awaitStalledCall(Process process, Path stderr) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // The first chunk's reply is in ([1/3] on stderr) and the second chunk's call is stalled.
        while (ollama.findAll(chatFor(seeds.get(1))).isEmpty()
                || !Files.readString(stderr, StandardCharsets.UTF_8).contains("[1/3]")) {
            if (!process.isAlive()) {
                fail("the run ended before its second call: exit " + process.exitValue() + "\n"
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            if (System.nanoTime() > deadline) {
                fail("the second map call never reached the server\n" + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            TimeUnit.MILLISECONDS.sleep(20); // polling the journal, not guessing a duration
        }
    }

    private static RequestPatternBuilder chatFor(Article article) {
        return postRequestedFor(urlEqualTo("/api/chat"))
                .withRequestBody(matchingJsonPath("$.messages[1].content", containing("Article " + article.id())));
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !p.equals(dir)).toList();
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A test run started with SIGINT ignored (nohup, or a background job of a shell without job
     * control) passes that on to its children, and a JVM started so cannot take the signal. perl
     * (in every Debian, as perl-base) puts the default back before it becomes the JVM, so the
     * test runs the same whoever started Maven.
     */
    static List<String> withSigintDefault(List<String> command) {
        assumeTrue(new File("/usr/bin/perl").canExecute() && (new File("/bin/kill").exists()
                || new File("/usr/bin/kill").exists()), "needs perl and kill (Linux)");
        List<String> wrapped = new ArrayList<>(List.of("/usr/bin/perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die"));
        wrapped.addAll(command);
        return wrapped;
    }
}
