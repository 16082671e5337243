package dev.briefing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.chunk.Chunker;
import dev.briefing.normalize.Article;
import dev.briefing.pipeline.ArticleLoader;
import dev.briefing.pipeline.EngineConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code briefing daily} over an inbox of synthetic articles, three runs on one day with one
 * store (one --data-dir): the first fills the call cache, the second reruns with nothing
 * changed, the third reruns after one new article arrived in the inbox. Same day, because
 * that is the rerun the cache is for: an inbox that keeps filling during the day, briefed
 * again; on the next day the day's window and the comparison with earlier days change too.
 */
final class DailyRerun {
    static final String DAY = "2026-11-23";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one run did: the stand-in's measurement, and the engine's own cache counts (run.json). */
    record Run(Measurement m, int callsSent, int callsFromCache) {
    }

    record Result(int articles, int parallel, Run fill, Run unchanged, Run rerun, int newArticleChunks,
            long newArticleTokens) {
        /** The calls the target allows on the rerun: the new article's chunks plus the rerun's reduce. */
        long allowed() {
            return newArticleChunks + rerun.m().count("reduce");
        }

        boolean met() {
            return rerun.m().calls().size() == allowed() && rerun.m().count("map") == newArticleChunks
                    && unchanged.m().calls().isEmpty();
        }
    }

    private final int articles;
    private final int parallel;
    private Path inbox;
    private Path newArticle;
    private Path dataDir;
    private Path out;

    DailyRerun(int articles, int parallel) {
        this.articles = articles;
        this.parallel = parallel;
    }

    String name() {
        return "daily, " + articles + " articles";
    }

    /** The inbox of {@code articles}; the one new article is the next of the same corpus, held back. */
    Path prepare(Path scratch, SyntheticCorpus corpus) throws IOException {
        Path all = scratch.resolve("daily-all");
        corpus.write(all, articles + 1, 20261123L + articles);
        inbox = scratch.resolve("daily-inbox");
        Files.createDirectories(inbox);
        try (var files = Files.list(all)) {
            for (Path f : files.sorted().toList()) {
                Files.move(f, inbox.resolve(f.getFileName()));
            }
        }
        newArticle = scratch.resolve("daily-new").resolve(String.format("a%05d.txt", articles));
        Files.createDirectories(newArticle.getParent());
        Files.move(inbox.resolve(newArticle.getFileName()), newArticle);
        dataDir = scratch.resolve("daily-data");
        out = scratch.resolve("daily-out");
        return inbox;
    }

    List<String> args(String host) {
        return List.of("daily", "--inbox", inbox.toString(), "--date", DAY, "--host", host, "--parallel",
                Integer.toString(parallel), "-q", "--data-dir", dataDir.toString(), "-o", out.toString());
    }

    /** Puts the new article into the inbox; returns its chunk count and tokens as the engine cuts it. */
    int[] addNewArticle() throws IOException {
        Path target = inbox.resolve(newArticle.getFileName());
        Files.copy(newArticle, target);
        List<Article> a = ArticleLoader.load(List.of(target.toString()), new ByteArrayInputStream(new byte[0]),
                inbox).articles();
        int chunks = new Chunker(EngineConfig.DEFAULT_CHUNK_TOKENS).chunk(a.get(0)).size();
        return new int[] {chunks, (int) Benchmark.articleStats(target).articleTokens()};
    }

    /** The day's run.json as last written (its time and key), or null before the first run. */
    Object runFileStamp() throws IOException {
        Path run = out.resolve(DAY).resolve("run.json");
        if (!Files.exists(run)) {
            return null;
        }
        java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(run,
                java.nio.file.attribute.BasicFileAttributes.class);
        return List.of(a.lastModifiedTime(), String.valueOf(a.fileKey()), a.size());
    }

    /** The engine's own count of calls sent and answered from the cache, from the day's run.json. */
    int[] cacheCounts() throws IOException {
        JsonNode settings = JSON.readTree(out.resolve(DAY).resolve("run.json").toFile()).path("settings");
        return new int[] {settings.path("callsSent").asInt(-1), settings.path("callsFromCache").asInt(-1)};
    }

    int parallel() {
        return parallel;
    }

    int articles() {
        return articles;
    }
}
