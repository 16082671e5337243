package dev.briefing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.bench.StandInOllama;
import dev.briefing.bench.Timing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as a user runs it, after {@code package}: on the default JDK and on a JDK 25+ where
 * there is one, directly and through the launcher with its class-data archive, against the stand-in
 * Ollama. What no unit test sees: the manifest, the merged service files, the native SQLite library
 * loading, and the JVM's own lines on stdout or stderr.
 */
class PackagedJarIT {
    private static final Path JAR = Path.of("target/briefing.jar").toAbsolutePath();
    private static final Path LAUNCHER = Path.of("briefing").toAbsolutePath();
    /** A line of the JVM's unified logging, decorated as by default: {@code [0.006s][error][aot] ...}. */
    private static final java.util.regex.Pattern JVM_LOG = java.util.regex.Pattern.compile("^\\[\\d+\\.\\d+s\\]\\[");
    @TempDir
    Path tmp;

    private record Ran(int code, String out, String err) {
    }

    private Ran run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile());
        pb.environment().remove("BRIEFING_JAVA_OPTS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "still running: " + command);
        return new Ran(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static List<String> brief(String host, Path dir) {
        return List.of("brief", "--host", host, "--data-dir", dir.resolve("data").toString(), "-o",
                dir.resolve("out").toString(), "--format", "json", "seeds");
    }

    /** No line of the JVM's own: restricted-method warnings, CDS or AOT messages. */
    private static void assertOnlyOurs(String stream, String text, String what) {
        for (String line : text.lines().toList()) {
            assertTrue(!line.startsWith("WARNING:") && !JVM_LOG.matcher(line).find() && !line.contains("VM warning")
                    && !line.contains("AOTConfiguration"),
                    what + ": a JVM line on " + stream + ": " + line + "\n" + text);
        }
    }

    @Test
    void should_brief_the_seeds_with_the_cache_and_no_jvm_warnings_on_every_jdk_at_hand() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "run after package: " + JAR);
        List<Path> jdks = new ArrayList<>(List.of(Jdks.current()));
        Path jdk25 = Jdks.jdk25OrNewer();
        if (jdk25 != null) {
            jdks.add(jdk25);
        }
        try (StandInOllama ollama = StandInOllama.start(2, Timing.instant())) {
            for (Path jdk : jdks) {
                Path dir = tmp.resolve(jdk.getFileName().toString());
                List<String> direct = new ArrayList<>(List.of(jdk.resolve("bin/java").toString(), "-jar", JAR.toString()));
                direct.addAll(brief(ollama.baseUrl(), dir));
                Ran plain = run(direct, Map.of());
                assertEquals(0, plain.code(), jdk + ": " + plain.err());
                assertTrue(plain.out().startsWith("{"), jdk + ": " + plain.out());
                assertOnlyOurs("stderr", plain.err(), jdk + ", java -jar");
                assertTrue(Files.isRegularFile(dir.resolve("data/briefing.db")), "the cache was used: " + plain.err());

                // Through the launcher: the run that records the archive, then one that maps it.
                Map<String, String> env = Map.of("JAVA_HOME", jdk.toString(), "BRIEFING_JAR", JAR.toString(),
                        "XDG_CACHE_HOME", dir.resolve("xdg").toString());
                List<String> launched = new ArrayList<>(List.of("/bin/bash", LAUNCHER.toString()));
                launched.addAll(brief(ollama.baseUrl(), dir));
                for (String which : List.of("recording", "mapping")) {
                    Ran ran = run(launched, env);
                    assertEquals(0, ran.code(), jdk + ", " + which + ": " + ran.err());
                    assertEquals(plain.out().lines().findFirst(), ran.out().lines().findFirst(), jdk + ", " + which);
                    assertTrue(ran.out().stripTrailing().endsWith("}"), jdk + ", " + which + ": " + ran.out());
                    assertOnlyOurs("stdout", ran.out(), jdk + ", " + which);
                    assertOnlyOurs("stderr", ran.err(), jdk + ", " + which);
                    LauncherTest.awaitCache(dir.resolve("xdg/briefing/cds"), jdk.equals(jdk25) ? ".aot" : ".jsa");
                }
            }
        }
    }
}
