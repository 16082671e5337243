package dev.briefing.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** Warnings on stderr: each once, grouped by kind, and a last line saying what the reader will miss. */
class WarningReportTest {
    private WireMockServer ollama;
    private List<Article> seeds;
    @TempDir
    Path work;

    @BeforeEach
    void start() throws IOException {
        seeds = DailySeeds.articles();
        ollama = DailySeeds.ollama(seeds);
        DailySeeds.copy(work, "seeds", seeds.get(0), seeds.get(1), seeds.get(2));
        // Five copies of one article under other names: the same text, skipped as duplicates.
        for (int i = 0; i < 5; i++) {
            Files.copy(Path.of(seeds.get(0).path()), work.resolve("seeds/zz-copy-" + i + ".txt"));
        }
    }

    @AfterEach
    void stop() {
        ollama.stop();
    }

    private CliRun brief(String... extra) {
        String[] args = new String[extra.length + 3];
        args[0] = "brief";
        args[1] = "--no-cache";
        System.arraycopy(extra, 0, args, 2, extra.length);
        args[args.length - 1] = "seeds";
        return CliRun.run(work, OllamaBackend::create, Map.of("OLLAMA_HOST", OllamaStubs.baseUrl(ollama),
                "BRIEFING_RETRY_BASE_MS", "1"), "", args);
    }

    @Test
    void should_group_duplicate_files_in_one_line_and_list_them_with_v() {
        CliRun run = brief("-o", "out");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("warning: 5 duplicate files skipped (the same article as a file read before)"
                + " (-v lists them)\n"), run.stderr());
        assertEquals(1, count(run.stderr(), "duplicate files skipped"), "told once: " + run.stderr());
        assertFalse(run.stderr().contains("zz-copy-"), "the files are listed only with -v");
        String[] lines = run.stderr().strip().split("\n");
        assertEquals("the briefing leaves out: 5 input file(s) skipped; 2 unsupported item(s) left out", lines[lines.length - 1], run.stderr());

        CliRun verbose = brief("-v", "-o", "out-v");
        for (int i = 0; i < 5; i++) {
            assertTrue(verbose.stderr().contains("/seeds/zz-copy-" + i + ".txt: same article as"),
                    verbose.stderr());
        }
        CliRun quiet = brief("-q", "-o", "out-q");
        assertEquals(0, quiet.exitCode());
        assertEquals("", quiet.stderr(), "-q: nothing but errors");
    }

    @Test
    void should_exit_1_and_say_so_last_when_the_summary_was_lost() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode reply = (ObjectNode) json.readTree(DailySeeds.fixture("synthesize.json"));
        ((ObjectNode) reply.get("summary")).putArray("sources").add("e999");
        ollama.stubFor(post(urlEqualTo("/api/chat")).withRequestBody(matchingJsonPath("$.format.properties.summary"))
                .willReturn(DailySeeds.chat(json.writeValueAsString(reply))));
        for (String quiet : List.of("", "-q")) {
            CliRun run = quiet.isEmpty() ? brief("-o", "out") : brief("-q", "-o", "out-q");
            assertEquals(1, run.exitCode(), run.stderr());
            String[] lines = run.stderr().strip().split("\n");
            assertEquals("error: the briefing is incomplete: no summary (summary dropped: it pointed at no note that "
                    + "exists); 5 input file(s) skipped; the rest was written", lines[lines.length - 1], run.stderr());
            if (!quiet.isEmpty()) {
                assertEquals(1, lines.length, "-q leaves only the error: " + run.stderr());
            } else {
                assertEquals(1, count(run.stderr(), "summary dropped: it pointed at no note that exists\n"),
                        "the warning once, the final line once: " + run.stderr());
            }
        }
        assertTrue(Files.exists(work.resolve("out/briefing.json")), "the rest is written");
    }

    @Test
    void should_tell_one_of_a_kind_warnings_as_they_are_and_identical_ones_once() {
        List<WarningReport.Group> groups = WarningReport.group(List.of("summary dropped: it pointed at no note that "
                + "exists", "skipped a.bin: binary file", "skipped b.bin: binary file", "skipped c.txt: empty",
                "summary dropped: it pointed at no note that exists", "100% odd", "skipped d.bin: binary file",
                "skipped e.bin: binary file"));
        assertEquals(List.of("warning: summary dropped: it pointed at no note that exists",
                "warning: 4 files skipped: binary file (-v lists them)", "warning: skipped c.txt: empty",
                "warning: 100% odd"), groups.stream().flatMap(g -> g.lines().stream()).toList());
        List<WarningReport.Group> few = WarningReport.group(List.of("skipped a.bin: binary file",
                "skipped b.bin: binary file"));
        assertEquals(List.of("warning: skipped a.bin: binary file", "warning: skipped b.bin: binary file"),
                few.get(0).lines(), "a few are listed, not counted");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
