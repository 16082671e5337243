package dev.briefing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.embedded.EmbeddedLanguageModel;
import dev.briefing.ollama.OllamaLanguageModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which backend a run gets when the user names none, and with {@code --host embedded}. */
class EmbeddedBackendChoiceTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private Map<String, String> env() {
        return Map.of("BRIEFING_MODELS_DIR", dir.toString());
    }

    @Test
    void should_use_the_embedded_model_in_one_line_when_no_host_is_given_and_no_ollama_answers() {
        Backend backend = Backends.create(null, "qwen2.5:7b", Duration.ofSeconds(5), env(), err, false, () -> false);
        assertInstanceOf(EmbeddedLanguageModel.class, backend.model());
        assertEquals("embedded:" + dir.resolve("qwen2.5-1.5b-instruct-q4_k_m.gguf"), backend.server().host());
        assertEquals("no Ollama answers at http://127.0.0.1:11434 and no --host was given: using the embedded model "
                + "qwen2.5-1.5b-instruct-q4_k_m.gguf\n", errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void should_keep_an_ollama_that_answers_at_the_default_address() {
        Backend backend = Backends.create(null, "qwen2.5:7b", Duration.ofSeconds(5), env(), err, false, () -> true);
        assertInstanceOf(OllamaLanguageModel.class, backend.model());
        assertEquals("", errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void should_never_probe_or_switch_when_a_host_is_given() {
        Backend backend = Backends.create("127.0.0.1:9", "qwen2.5:7b", Duration.ofSeconds(5), env(), err, false, () -> {
            throw new AssertionError("a given host is never second-guessed");
        });
        assertInstanceOf(OllamaLanguageModel.class, backend.model());
    }

    @Test
    void should_run_the_embedded_model_for_host_embedded_in_any_case() {
        Backend backend = Backends.create("Embedded", "qwen2.5:7b", Duration.ofSeconds(5), env(), err, false,
                () -> true);
        assertInstanceOf(EmbeddedLanguageModel.class, backend.model());
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).isEmpty(), "the user asked for it: nothing to explain");
    }

    @Test
    void should_reject_a_model_file_that_does_not_exist_with_exit_3() {
        CliRun run = CliRun.run(dir, Backends.FACTORY, Map.of("BRIEFING_MODEL_FILE", dir.resolve("nope.gguf").toString()),
                "记者今天报道，会议在北京举行。各方代表出席了会议。\n", "brief", "--host", "embedded", "-");
        assertEquals(3, run.exitCode(), run.stderr());
        assertTrue(run.stderr().startsWith("error: BRIEFING_MODEL_FILE names " + dir.resolve("nope.gguf")
                + ", which is not a file\n"), run.stderr());
    }
    @Test
    void should_list_the_model_files_without_starting_the_download() throws Exception {
        // A download would fail against this closed port with exit 3: listing must not try.
        Map<String, String> env = Map.of("BRIEFING_MODELS_DIR", dir.toString(),
                "BRIEFING_MODEL_URL", "http://127.0.0.1:" + freePort() + "/model.gguf");
        CliRun none = CliRun.run(dir, Backends.FACTORY, env, "", "models", "--host", "embedded");
        assertEquals(0, none.exitCode(), none.stderr());
        assertEquals("", none.stdout());
        assertEquals("the embedded model qwen2.5-1.5b-instruct-q4_k_m.gguf is not on disk yet: the first brief "
                + "downloads it to " + dir.resolve("qwen2.5-1.5b-instruct-q4_k_m.gguf")
                + " (or set BRIEFING_MODEL_FILE to a .gguf)\n", none.stderr());

        java.nio.file.Files.write(dir.resolve("qwen2.5-1.5b-instruct-q4_k_m.gguf"), new byte[] {1});
        java.nio.file.Files.write(dir.resolve("other.gguf"), new byte[] {1});
        CliRun listed = CliRun.run(dir, Backends.FACTORY, env, "", "models", "--host", "embedded");
        assertEquals(0, listed.exitCode(), listed.stderr());
        assertEquals("  other.gguf\n* qwen2.5-1.5b-instruct-q4_k_m.gguf\n", listed.stdout());
        assertEquals("", listed.stderr());
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
