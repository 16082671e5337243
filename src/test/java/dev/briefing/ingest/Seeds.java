package dev.briefing.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The seed articles; Maven runs tests from the project root. */
public final class Seeds {
    public static final Path DIR = Path.of("seeds");
    public static final Path S000 = DIR.resolve("000_aeeaa0b9bae0c82b.txt");
    public static final Path S002 = DIR.resolve("002_69f628739a3c6881.txt");
    public static final Path S003 = DIR.resolve("003_0abb118a677dbc7b.txt");

    private Seeds() {
    }

    public static String text(Path seed) {
        try {
            return Files.readString(seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
