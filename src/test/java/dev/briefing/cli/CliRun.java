package dev.briefing.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Runs the command line in-process and keeps what it printed and returned. */
public record CliRun(int exitCode, String stdout, String stderr) {
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);

    public static CliRun run(Path workDir, Backend.Factory backends, Map<String, String> env, String stdin,
            String... args) {
        return run(false, workDir, backends, env, stdin, args);
    }

    /** As if stdout were a terminal: answers and summaries are printed as they are generated. */
    public static CliRun onTerminal(Path workDir, Backend.Factory backends, Map<String, String> env, String stdin,
            String... args) {
        return run(true, workDir, backends, env, stdin, args);
    }

    private static CliRun run(boolean terminal, Path workDir, Backend.Factory backends, Map<String, String> env,
            String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env, backends, CLOCK, workDir, terminal);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public static CliRun run(Path workDir, Backend.Factory backends, String... args) {
        return run(workDir, backends, Map.of(), "", args);
    }
}
