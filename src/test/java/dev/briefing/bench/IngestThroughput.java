package dev.briefing.bench;

import dev.briefing.chunk.Chunk;
import dev.briefing.chunk.Chunker;
import dev.briefing.ingest.IngestResult;
import dev.briefing.ingest.Ingestor;
import dev.briefing.ingest.SourceDocument;
import dev.briefing.normalize.Article;
import dev.briefing.normalize.Normalizer;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ingest (read, detect charset, decode, extract HTML text), clean (normalize) and chunk over
 * a corpus on disk, each stage timed on its own, in this JVM. The first pass warms the JIT
 * and the file cache and is reported separately; the figures are the median of the timed passes.
 */
public final class IngestThroughput {
    public record Result(long bytes, int files, int articles, int chunks, double coldSeconds, double ingestSeconds,
            double cleanSeconds, double chunkSeconds, int passes) {
        public double mbPerSecond(double seconds) {
            return bytes / 1e6 / seconds;
        }

        public double totalSeconds() {
            return ingestSeconds + cleanSeconds + chunkSeconds;
        }
    }

    private IngestThroughput() {
    }

    public static Result measure(Path corpus, long bytes, int chunkTokens, int passes) {
        double cold = pass(corpus, chunkTokens)[0];
        List<double[]> timed = new ArrayList<>();
        int files = 0;
        int articles = 0;
        int chunks = 0;
        for (int i = 0; i < passes; i++) {
            double[] t = pass(corpus, chunkTokens);
            timed.add(t);
            files = (int) t[4];
            articles = (int) t[5];
            chunks = (int) t[6];
        }
        return new Result(bytes, files, articles, chunks, cold, median(timed, 1), median(timed, 2), median(timed, 3),
                passes);
    }

    /** {total, ingest, clean, chunk, files, articles, chunks} in seconds and counts. */
    private static double[] pass(Path corpus, int chunkTokens) {
        long t0 = System.nanoTime();
        IngestResult ingested = new Ingestor().read(List.of(corpus.toString()), new ByteArrayInputStream(new byte[0]));
        long t1 = System.nanoTime();
        Normalizer normalizer = new Normalizer();
        List<Article> articles = new ArrayList<>();
        for (SourceDocument doc : ingested.documents()) {
            Optional<Article> a = normalizer.normalize(doc);
            a.ifPresent(articles::add);
        }
        long t2 = System.nanoTime();
        Chunker chunker = new Chunker(chunkTokens);
        int chunks = 0;
        for (Article a : articles) {
            List<Chunk> c = chunker.chunk(a);
            chunks += c.size();
        }
        long t3 = System.nanoTime();
        return new double[] {(t3 - t0) / 1e9, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9,
            ingested.documents().size(), articles.size(), chunks};
    }

    private static double median(List<double[]> runs, int index) {
        double[] v = runs.stream().mapToDouble(r -> r[index]).sorted().toArray();
        return v[v.length / 2];
    }
}
