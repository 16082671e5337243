package dev.briefing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user who installs briefing meets first: --version, completion, did-you-mean, help help, history --json. */
class InstallingTest {
    @TempDir
    Path work;

    private CliRun cli(Map<String, String> env, String... args) {
        return CliRun.run(work, (host, model, timeout) -> {
            throw new AssertionError("no backend for " + String.join(" ", args));
        }, env, "", args);
    }

    private CliRun cli(String... args) {
        return cli(Map.of(), args);
    }

    @Test
    void should_print_the_version_commit_and_model_defaults() {
        CliRun run = cli(Map.of("HOME", "/home/u", "BRIEFING_MODEL", "qwen2.5:14b"), "--version");
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> lines = run.stdout().lines().toList();
        assertTrue(lines.get(0).matches("briefing \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{12}|unknown)\\)"),
                lines.get(0));
        assertTrue(run.stdout().contains("model     qwen2.5:14b (BRIEFING_MODEL)"), run.stdout());
        assertTrue(run.stdout().contains("host      127.0.0.1:11434 (default)"), run.stdout());
        assertTrue(run.stdout().contains("num_ctx 8192, num_predict 2048"), run.stdout());
        assertTrue(run.stdout().contains("data      /home/u/.local/share/briefing"), run.stdout());
        assertTrue(run.stdout().contains("config    /home/u/.config/briefing/config (not there)"), run.stdout());
        assertEquals(run.stdout(), cli(Map.of("HOME", "/home/u", "BRIEFING_MODEL", "qwen2.5:14b"), "version").stdout());
        assertEquals("", run.stderr());
    }

    @Test
    void should_suggest_the_command_or_option_meant() {
        CliRun breif = cli("breif", "seeds/");
        assertEquals(2, breif.exitCode());
        assertTrue(breif.stderr().startsWith("error: unknown command 'breif'; did you mean 'brief'?\n"), breif.stderr());
        CliRun far = cli("frobnicate");
        assertEquals(2, far.exitCode());
        assertFalse(far.stderr().contains("did you mean"), "nothing near: no guess: " + far.stderr());
        assertTrue(far.stderr().contains("commands: brief, summarize"), far.stderr());

        CliRun option = cli("brief", "--paralel", "4", "seeds/");
        assertEquals(2, option.exitCode());
        assertTrue(option.stderr().startsWith("error: unknown option '--paralel'; did you mean '--parallel'?"),
                option.stderr());
        CliRun withValue = cli("summarize", "--lenght=short", "a.txt");
        assertTrue(withValue.stderr().contains("did you mean '--length'?"), withValue.stderr());
    }

    @Test
    void should_explain_help_itself() {
        CliRun help = cli("help", "help");
        assertEquals(0, help.exitCode(), help.stderr());
        assertTrue(help.stdout().startsWith("usage: briefing help [COMMAND]"), help.stdout());
        assertTrue(cli("help").stdout().contains("briefing completion bash|zsh"));
        assertTrue(cli("help", "completion").stdout().contains("source <(briefing completion bash)"));
    }

    @Test
    void should_print_completion_scripts_that_the_shell_accepts_and_list_every_command_and_option()
            throws IOException, InterruptedException {
        CliRun bash = cli("completion", "bash");
        assertEquals(0, bash.exitCode(), bash.stderr());
        for (String word : List.of("brief", "summarize", "daily", "history", "ask", "models", "prompts", "completion",
                "--parallel", "--no-cache", "--length", "--inbox", "--json", "complete -o filenames -F _briefing")) {
            assertTrue(bash.stdout().contains(word), word);
        }
        assertEquals(0, syntaxCheck("bash", bash.stdout()), "bash -n accepts the script");
        String completions = completeInBash(bash.stdout(), "briefing br");
        assertEquals("brief", completions.strip());
        assertTrue(completeInBash(bash.stdout(), "briefing brief --par").contains("--parallel"));

        CliRun zsh = cli("completion", "zsh");
        assertEquals(0, zsh.exitCode());
        assertTrue(zsh.stdout().startsWith("#compdef briefing\n"), zsh.stdout());
        assertTrue(zsh.stdout().contains("daily) opts=(") && zsh.stdout().contains("--inbox"), zsh.stdout());
        if (Files.isExecutable(Path.of("/usr/bin/zsh")) || Files.isExecutable(Path.of("/bin/zsh"))) {
            assertEquals(0, syntaxCheck("zsh", zsh.stdout()), "zsh -n accepts the script");
        }
        CliRun fish = cli("completion", "fish");
        assertEquals(2, fish.exitCode());
        assertTrue(fish.stderr().contains("completion needs a shell: bash or zsh"), fish.stderr());
    }

    private int syntaxCheck(String shell, String script) throws IOException, InterruptedException {
        Path file = work.resolve("completion." + shell);
        Files.writeString(file, script);
        Process p = new ProcessBuilder(shell, "-n", file.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return p.exitValue();
    }

    /** What bash would offer for the last word of {@code typed}, with the script loaded. */
    private String completeInBash(String script, String typed) throws IOException, InterruptedException {
        Path file = work.resolve("completion.bash");
        Files.writeString(file, script);
        String driver = "source " + file + "\nCOMP_WORDS=(" + typed + ")\n"
                + (typed.endsWith(" ") ? "COMP_WORDS+=('')\n" : "")
                + "COMP_CWORD=$((${#COMP_WORDS[@]}-1))\n_briefing\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder("bash", "-c", driver).directory(work.toFile()).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void should_print_an_empty_json_history_when_nothing_was_briefed() {
        CliRun run = cli("history", "--json", "--data-dir", "none-yet");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("[]\n", run.stdout());
        assertFalse(Files.exists(work.resolve("none-yet")));
    }
}
