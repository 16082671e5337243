package dev.briefing.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
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
        env = isolated(workDir, env);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env, backends, CLOCK, workDir, terminal);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * A run in the repository itself (tests that read seeds/ in place) gets a fresh data directory
     * of its own, so no store, cache or index is left in the checkout or shared between tests.
     * Runs in a temporary work directory keep the default, which is inside it.
     */
    private static Map<String, String> isolated(Path workDir, Map<String, String> env) {
        if (env.containsKey(DataDir.ENV) || !workDir.toAbsolutePath().normalize().equals(REPO)) {
            return env;
        }
        try {
            Path dataDir = Files.createTempDirectory("briefing-data-");
            dataDir.toFile().deleteOnExit();
            Map<String, String> withDataDir = new HashMap<>(env);
            withDataDir.put(DataDir.ENV, dataDir.toString());
            return withDataDir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Path REPO = Path.of("").toAbsolutePath().normalize();

    public static CliRun run(Path workDir, Backend.Factory backends, String... args) {
        return run(workDir, backends, Map.of(), "", args);
    }
}
