package dev.briefing.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code briefing brief} in a fresh JVM: a status line redrawn on a pseudo-terminal, plain lines into a pipe. */
class LiveStatusTerminalTest {

    @TempDir
    Path tmp;

    private String probe() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' " + LiveStatusProbe.class.getName()
                + " '" + tmp + "' brief --no-cache -o out '" + Path.of("seeds").toAbsolutePath() + "'";
    }

    @Test
    void should_redraw_one_status_line_on_a_terminal_stderr_and_print_log_lines_into_a_pipe() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is needed for a pty");
        // stdout goes to a file: the pseudo-terminal shows stderr alone.
        String onTerminal = run(List.of("/usr/bin/script", "-qec", probe() + " >'" + tmp.resolve("md") + "'",
                "/dev/null"));
        assertTrue(onTerminal.contains("\r\033[K"), "the status line is cleared before a line is printed:\n"
                + onTerminal);
        assertTrue(onTerminal.matches("(?s).*\rmap [0-3]/3 chunks · 0:\\d\\d elapsed.*"), onTerminal);
        assertTrue(onTerminal.contains("synthesizing "), onTerminal);
        assertFalse(onTerminal.contains("[1/3] "), "no log line per chunk on a terminal:\n" + onTerminal);
        String last = onTerminal.substring(onTerminal.lastIndexOf('\n') + 1);
        assertFalse(last.contains("chunks ·"), "the status line is gone at the end: " + last);

        String toPipe = run(List.of("/bin/sh", "-c", probe() + " 2>&1 >/dev/null | cat"));
        assertTrue(toPipe.contains("[1/3] ") && toPipe.contains("[3/3] "), toPipe);
        assertFalse(toPipe.contains("\r") || toPipe.contains("\033"), "no redraw in a log:\n" + toPipe);
        assertTrue(toPipe.contains("synthesizing "), toPipe);
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        Path out = tmp.resolve("out-" + System.nanoTime());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put("XDG_DATA_HOME", tmp.resolve("data").toString());
        env.put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
        env.put("XDG_CONFIG_HOME", tmp.resolve("config").toString());
        env.put("TERM", "xterm");
        env.remove("COLUMNS");
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "probe finished");
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
