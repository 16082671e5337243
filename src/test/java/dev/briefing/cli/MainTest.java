package dev.briefing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.llm.EchoingModel;
import dev.briefing.llm.FakeServer;
import dev.briefing.llm.ModelServer;
import dev.briefing.render.BriefingSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path work;
    private final EchoingModel model = new EchoingModel();
    private final AtomicReference<String> hostAsked = new AtomicReference<>();

    private Backend.Factory backend(ModelServer server) {
        return (host, name, timeout) -> {
            hostAsked.set(host);
            return new Backend(server, model);
        };
    }

    @BeforeEach
    void copySeeds() throws IOException {
        Files.createDirectories(work.resolve("seeds"));
        try (Stream<Path> seeds = Files.list(Path.of("seeds"))) {
            for (Path seed : seeds.toList()) {
                Files.copy(seed, work.resolve("seeds").resolve(seed.getFileName()));
            }
        }
    }

    @Test
    void should_print_help_with_examples_and_exit_codes_when_bare() {
        CliRun r = CliRun.run(work, backend(FakeServer.with()));
        assertEquals(0, r.exitCode());
        assertTrue(r.stdout().contains("Examples:"));
        assertTrue(r.stdout().contains("130  interrupted"));
        assertEquals("", r.stderr());
    }

    @Test
    void should_reject_unknown_command_with_exit_2() {
        CliRun r = CliRun.run(work, backend(FakeServer.with()), "summarise");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().startsWith("error: unknown command 'summarise'"), r.stderr());
        assertEquals("", r.stdout());
    }

    @Test
    void should_reject_unknown_option_with_exit_2() {
        CliRun r = CliRun.run(work, backend(FakeServer.with()), "brief", "--colour", "seeds");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("--colour"), r.stderr());
    }

    @Test
    void should_reject_a_format_other_than_md_or_json_before_calling_anything() {
        for (String command : List.of("brief", "daily")) {
            CliRun r = CliRun.run(work, backend(FakeServer.unreachable()), command, "--format", "html",
                    command.equals("daily") ? "--inbox" : "-q", "seeds");
            assertEquals(2, r.exitCode(), command + ": " + r.stderr());
            assertEquals(List.of("error: --format must be md or json, got 'html'", "  run 'briefing --help' for usage"),
                    r.stderr().lines().toList(), command);
            assertEquals("", r.stdout(), command);
        }
        CliRun upper = CliRun.run(work, backend(FakeServer.unreachable()), "brief", "--format", "JSON", "seeds");
        assertEquals(3, upper.exitCode(), "JSON is json; the run goes on to the server: " + upper.stderr());
    }

    @Test
    void should_exit_2_when_no_article_is_readable() throws IOException {
        Files.createDirectories(work.resolve("empty"));
        Files.writeString(work.resolve("empty/a.txt"), "   \n");
        Files.write(work.resolve("empty/b.txt"), new byte[] {0, 1, 2, 0, 0, 3});
        CliRun r = CliRun.run(work, backend(FakeServer.with("qwen2.5:7b")), "brief", "empty");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("error: no readable article"), r.stderr());
        assertTrue(model.requests().isEmpty());
    }

    @Test
    void should_say_how_to_give_more_memory_when_a_run_runs_out_of_it() {
        Backend.Factory exhausted = (host, modelName, timeout) -> {
            throw new OutOfMemoryError("Java heap space");
        };
        CliRun r = CliRun.run(work, exhausted, "brief", "seeds");
        assertEquals(1, r.exitCode());
        List<String> lines = r.stderr().lines().toList();
        assertEquals(2, lines.size(), r.stderr());
        assertTrue(lines.get(0).matches("error: out of memory: this run needs more than Java's \\d+ MB heap"),
                lines.get(0));
        assertTrue(lines.get(1).contains("BRIEFING_JAVA_OPTS=-Xmx"), lines.get(1));
        assertFalse(r.stderr().contains("at dev.briefing"), "no stack trace without -v");
        assertEquals("", r.stdout());
    }

    @Test
    void should_exit_3_with_one_line_when_server_is_unreachable() {
        CliRun r = CliRun.run(work, backend(FakeServer.unreachable()), "brief", "seeds");
        assertEquals(3, r.exitCode());
        assertTrue(r.stderr().contains("error: cannot reach Ollama"), r.stderr());
        assertTrue(r.stderr().contains("ollama serve"), r.stderr());
        assertFalse(r.stderr().contains("Exception"), r.stderr());
        assertEquals("", r.stdout());
    }

    @Test
    void should_exit_3_naming_available_models_when_model_missing() {
        CliRun r = CliRun.run(work, backend(FakeServer.with("llama3.2:3b")), "brief", "seeds");
        assertEquals(3, r.exitCode());
        assertTrue(r.stderr().contains("ollama pull qwen2.5:7b"), r.stderr());
        assertTrue(r.stderr().contains("llama3.2:3b"), r.stderr());
    }

    @Test
    void should_brief_seeds_print_markdown_and_write_four_files() throws IOException {
        CliRun r = CliRun.run(work, backend(FakeServer.with("qwen2.5:7b")), "brief", "-q", "seeds");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("# "), r.stdout());
        assertEquals("", r.stderr());
        Path dir = work.resolve("briefings/2026-11-23T08-00-00Z");
        for (String f : List.of("briefing.json", "briefing.md", "briefing.html", "run.json")) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
        BriefingSchema.assertValid(Files.readString(dir.resolve("briefing.json")));
        JsonNode run = new ObjectMapper().readTree(Files.readString(dir.resolve("run.json")));
        assertEquals(4, run.get("calls").size());
        assertEquals(6, run.get("promptHashes").size());
    }

    /** A factory that tells what it chose, as the production one does when no Ollama answers. */
    private Backend.Factory reportingChoice(ModelServer server) {
        return new Backend.Factory() {
            private java.io.PrintStream err = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());

            @Override
            public Backend create(String host, String name, Duration timeout) {
                err.println("no Ollama answers at http://127.0.0.1:11434: using the embedded model");
                return new Backend(server, model);
            }

            @Override
            public Backend.Factory reportingTo(java.io.PrintStream newErr, boolean animate) {
                Backend.Factory outer = this;
                return new Backend.Factory() {
                    @Override
                    public Backend create(String host, String name, Duration timeout) {
                        newErr.println("no Ollama answers at http://127.0.0.1:11434: using the embedded model");
                        return new Backend(server, model);
                    }

                    @Override
                    public Backend.Factory reportingTo(java.io.PrintStream again, boolean animate2) {
                        return outer.reportingTo(again, animate2);
                    }
                };
            }
        };
    }

    @Test
    void should_keep_the_backends_notes_off_stderr_with_q_and_on_it_without() {
        for (String command : List.of("brief", "summarize")) {
            CliRun quiet = CliRun.run(work, reportingChoice(FakeServer.with("qwen2.5:7b")), Map.of(), "", command,
                    "-q", "seeds");
            assertEquals(0, quiet.exitCode(), quiet.stderr());
            assertEquals("", quiet.stderr(), command + " -q prints nothing but errors");
            CliRun loud = CliRun.run(work, reportingChoice(FakeServer.with("qwen2.5:7b")), Map.of(), "", command,
                    "seeds");
            assertTrue(loud.stderr().contains("using the embedded model"), loud.stderr());
        }
    }

    @Test
    void should_print_only_json_on_stdout_with_format_json_and_progress_on_stderr() throws IOException {
        CliRun r = CliRun.run(work, backend(FakeServer.with("qwen2.5:7b")), "brief", "--format", "json", "-o", "out",
                "seeds");
        assertEquals(0, r.exitCode(), r.stderr());
        BriefingSchema.assertValid(r.stdout());
        JsonNode briefing = new ObjectMapper().readTree(r.stdout());
        assertEquals(3, briefing.get("articles").size());
        assertTrue(r.stderr().contains("[3/3]"), r.stderr());
        assertTrue(r.stderr().contains("wrote out/"), r.stderr());
        assertTrue(Files.exists(work.resolve("out/briefing.json")));
    }

    @Test
    void should_exit_1_and_still_write_an_incomplete_briefing_when_a_chunk_fails() throws IOException {
        EchoingModel failing = new EchoingModel(r -> r.messages().get(1).text().contains("哈喽"));
        Backend.Factory factory = (host, name, timeout) -> new Backend(FakeServer.with("qwen2.5:7b"), failing);
        CliRun r = CliRun.run(work, factory, "brief", "-q", "--format", "json", "-o", "out", "seeds");
        assertEquals(1, r.exitCode());
        JsonNode briefing = new ObjectMapper().readTree(r.stdout());
        assertTrue(briefing.get("incomplete").asBoolean());
        assertEquals(1, briefing.get("run").get("failedChunks").size());
        assertTrue(r.stderr().contains("incomplete"), r.stderr());
        BriefingSchema.assertValid(Files.readString(work.resolve("out/briefing.json")));
    }

    @Test
    void should_reject_a_retry_base_that_is_not_a_number_of_milliseconds() {
        CliRun r = CliRun.run(work, backend(FakeServer.with("qwen2.5:7b")), Map.of("BRIEFING_RETRY_BASE_MS", "fast"),
                "", "brief", "seeds");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().startsWith("error: BRIEFING_RETRY_BASE_MS takes a whole number"), r.stderr());
    }

    @Test
    void should_record_the_retry_base_from_the_environment_in_run_json() throws IOException {
        CliRun r = CliRun.run(work, backend(FakeServer.with("qwen2.5:7b")), Map.of("BRIEFING_RETRY_BASE_MS", "5"),
                "", "brief", "-q", "-o", "out", "seeds");
        assertEquals(0, r.exitCode(), r.stderr());
        String record = Files.readString(work.resolve("out/run.json"));
        assertTrue(record.replace(" ", "").contains("\"retryBaseMs\":5"), record);
    }

    @Test
    void should_read_an_article_from_stdin() {
        String article = readSeed("000_aeeaa0b9bae0c82b.txt");
        CliRun r = CliRun.run(work, backend(FakeServer.with("qwen2.5:7b")), Map.of(), article,
                "brief", "-q", "--format", "json", "-o", "out", "-");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("\"path\": \"-\""), r.stdout());
    }

    @Test
    void should_take_host_and_model_from_environment_unless_flags_say_otherwise() {
        CliRun r = CliRun.run(work, backend(FakeServer.with("mistral:7b")),
                Map.of("OLLAMA_HOST", "10.0.0.9:11434", "BRIEFING_MODEL", "mistral:7b"), "", "brief", "-q", "-o", "o",
                "seeds");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("10.0.0.9:11434", hostAsked.get());
        CliRun flagged = CliRun.run(work, backend(FakeServer.with("mistral:7b")),
                Map.of("OLLAMA_HOST", "10.0.0.9:11434"), "", "brief", "-q", "--host", "127.0.0.1:9", "-m", "nope:1b",
                "seeds");
        assertEquals("127.0.0.1:9", hostAsked.get());
        assertEquals(3, flagged.exitCode());
    }

    @Test
    void should_print_prompts_and_estimates_on_dry_run_and_call_nothing() {
        CliRun r = CliRun.run(work, backend(FakeServer.unreachable()), "brief", "--dry-run", "seeds");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(model.requests().isEmpty());
        assertTrue(r.stdout().contains("# Dry run: nothing was sent"));
        assertTrue(r.stdout().contains("## map "), r.stdout());
        assertTrue(r.stdout().contains("[P1] 當地時間7月28日"), r.stdout());
        assertTrue(r.stdout().contains("prompt tokens"));
    }

    @Test
    void should_reject_bad_numbers_and_formats_as_usage() {
        assertEquals(2, CliRun.run(work, backend(FakeServer.with()), "brief", "--parallel", "zero", "seeds").exitCode());
        assertEquals(2, CliRun.run(work, backend(FakeServer.with()), "brief", "--parallel", "0", "seeds").exitCode());
        assertEquals(2, CliRun.run(work, backend(FakeServer.with()), "brief", "--format", "pdf", "seeds").exitCode());
        assertEquals(2, CliRun.run(work, backend(FakeServer.with()), "brief", "--lang", "xx", "seeds").exitCode());
        assertEquals(2, CliRun.run(work, backend(FakeServer.with()), "brief").exitCode());
        CliRun tooMuchOutput = CliRun.run(work, backend(FakeServer.with()), "brief", "--num-predict", "9000", "seeds");
        assertEquals(2, tooMuchOutput.exitCode());
        assertTrue(tooMuchOutput.stderr().startsWith("error: --num-predict (9000) must be smaller than --num-ctx (8192)"),
                tooMuchOutput.stderr());
    }

    @Test
    void should_list_models_marking_the_configured_one() {
        CliRun r = CliRun.run(work, backend(FakeServer.with("llama3.2:3b", "qwen2.5:7b")), "models");
        assertEquals(0, r.exitCode());
        assertEquals("  llama3.2:3b\n* qwen2.5:7b\n", r.stdout());
        CliRun down = CliRun.run(work, backend(FakeServer.unreachable()), "models");
        assertEquals(3, down.exitCode());
    }

    @Test
    void should_list_and_show_prompts() {
        CliRun list = CliRun.run(work, backend(FakeServer.with()), "prompts", "list");
        assertEquals(0, list.exitCode());
        assertTrue(list.stdout().startsWith("map-chunk\t"), list.stdout());
        CliRun show = CliRun.run(work, backend(FakeServer.with()), "prompts", "show", "synthesize");
        assertTrue(show.stdout().contains("## IDENTITY AND PURPOSE"));
        CliRun missing = CliRun.run(work, backend(FakeServer.with()), "prompts", "show", "nope");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.stderr().contains("briefing prompts list"));
    }

    private String readSeed(String name) {
        try {
            return Files.readString(work.resolve("seeds").resolve(name));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void should_take_parallel_from_OLLAMA_NUM_PARALLEL_unless_the_flag_is_given() throws IOException {
        CliRun fromEnv = CliRun.run(work, backend(FakeServer.with("qwen2.5:7b")), Map.of("OLLAMA_NUM_PARALLEL", "4"),
                "", "brief", "-q", "-o", "env", "seeds");
        assertEquals(0, fromEnv.exitCode(), fromEnv.stderr());
        JsonNode run = new ObjectMapper().readTree(Files.readString(work.resolve("env/run.json")));
        assertEquals(4, run.at("/settings/parallel").asInt());

        CliRun flag = CliRun.run(work, backend(FakeServer.with("qwen2.5:7b")), Map.of("OLLAMA_NUM_PARALLEL", "4"),
                "", "brief", "-q", "--parallel", "3", "-o", "flag", "seeds");
        assertEquals(0, flag.exitCode(), flag.stderr());
        assertEquals(3, new ObjectMapper().readTree(Files.readString(work.resolve("flag/run.json")))
                .at("/settings/parallel").asInt());
    }

    @Test
    void should_end_before_any_model_call_when_a_prompts_directory_lacks_a_prompt_the_run_may_need()
            throws IOException {
        Path prompts = Files.createDirectories(work.resolve("my-prompts"));
        for (String f : List.of("map-chunk.md", "map-chunk.schema.json", "synthesize.md", "synthesize.schema.json")) {
            Files.copy(Path.of("prompts", f), prompts.resolve(f));
        }
        CliRun r = CliRun.run(work, backend(FakeServer.with("qwen2.5:7b")), "brief", "-q", "--prompts", "my-prompts",
                "seeds");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("no prompt named 'synthesize-merge'"), r.stderr());
        assertEquals(0, model.requests().size(), "nothing was sent");
    }
}
