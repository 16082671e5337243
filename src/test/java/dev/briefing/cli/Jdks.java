package dev.briefing.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JDKs a test can run the launcher or the jar with: the one running the tests, and a newer one where installed. */
final class Jdks {
    private static final Pattern MAJOR = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    private Jdks() {
    }

    static Path current() {
        return Path.of(System.getProperty("java.home"));
    }

    /** A JDK 25 or newer under /usr/lib/jvm (CI's machines have Temurin's beside the default 17), or null. */
    static Path jdk25OrNewer() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (var homes = Files.list(jvms)) {
            for (Path home : homes.sorted().toList()) {
                Path release = home.resolve("release");
                if (Files.isExecutable(home.resolve("bin/java")) && Files.isReadable(release)) {
                    Matcher m = MAJOR.matcher(Files.readString(release));
                    if (m.find() && Integer.parseInt(m.group(1)) >= 25) {
                        return home;
                    }
                }
            }
        }
        return null;
    }
}
