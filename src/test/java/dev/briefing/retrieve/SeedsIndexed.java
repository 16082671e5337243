package dev.briefing.retrieve;

import dev.briefing.embed.BgeSmallZhEmbedder;
import dev.briefing.pipeline.ArticleLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One data directory with the three seeds indexed (BM25 and dense), built once per test JVM
 * and shared by the test classes that only read it: embedding the seeds' paragraphs takes
 * seconds, and the CLI finds the index up to date for seeds copied under any working directory.
 */
public final class SeedsIndexed {
    private static Path dataDir;

    private SeedsIndexed() {
    }

    /** The data directory; its index is at {@code index/}. Do not add or remove articles in it. */
    public static synchronized Path dataDir() {
        if (dataDir == null) {
            try {
                Path dir = Files.createTempDirectory("briefing-seeds-index");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
                try (PassageIndex index = PassageIndex.open(dir.resolve("index"), BgeSmallZhEmbedder.shared())) {
                    index.sync(ArticleLoader.load(List.of("seeds"), new ByteArrayInputStream(new byte[0]), Path.of(""))
                            .articles());
                }
                dataDir = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dataDir;
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
