package dev.briefing.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StdoutTerminalTest {

    @TempDir
    Path tmp;

    @Test
    void should_trust_the_launchers_answer_over_everything_else() {
        assertTrue(StdoutTerminal.decide("1", Optional.of("pipe:[123]"), false));
        assertFalse(StdoutTerminal.decide("0", Optional.of("/dev/pts/3"), true));
    }

    @Test
    void should_look_at_where_stdout_points_when_started_without_the_launcher() {
        assertTrue(StdoutTerminal.decide(null, Optional.of("/dev/pts/3"), false));
        assertTrue(StdoutTerminal.decide(null, Optional.of("/dev/tty1"), false));
        assertFalse(StdoutTerminal.decide(null, Optional.of("pipe:[123]"), true));
        assertFalse(StdoutTerminal.decide(null, Optional.of("/tmp/out.txt"), true));
    }

    @Test
    void should_fall_back_to_the_console_where_stdout_cannot_be_looked_at() {
        assertTrue(StdoutTerminal.decide(null, Optional.empty(), true));
        assertFalse(StdoutTerminal.decide(null, Optional.empty(), false));
    }

    /** The reported bug: stdin piped, stdout a terminal; System.console() is null there on Java 17. */
    @Test
    void should_see_a_terminal_on_stdout_through_a_pseudo_terminal_while_stdin_is_piped() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is needed for a pty");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String probe = "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + StdoutTerminalProbe.class.getName();
        String underPty = run(List.of("/usr/bin/script", "-qec", "echo piped | " + probe + " 2>&1", "/dev/null"));
        assertTrue(underPty.contains("stdout terminal: true"), underPty);
        String toPipe = run(List.of("/bin/sh", "-c", "echo piped | " + probe + " 2>&1 | cat"));
        assertTrue(toPipe.contains("stdout terminal: false"), toPipe);
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        Path out = tmp.resolve("out-" + System.nanoTime());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "probe finished");
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
