package dev.briefing.retrieve;

import dev.briefing.embed.BgeSmallZhEmbedder;
import dev.briefing.normalize.Article;
import dev.briefing.pipeline.ArticleLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Retrieval's costs, measured rather than asserted (a benchmark, not a test): embedding model
 * load, index build, index size on disk, and query latency with and without dense retrieval.
 * Run from the project directory:
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.briefing.retrieve.RetrievalBenchmark seeds/
 * </pre>
 */
public final class RetrievalBenchmark {
    private static final List<String> QUESTIONS = List.of("普京在10月16日的通话中对特朗普说了什么？", "特朗普為何對普京轉向強硬？",
            "2025年特朗普与普京通了几次电话？", "What did Putin tell Trump on the October 16 call?", "北约 欧洲 防务",
            "美国向乌克兰提供战斧巡航导弹", "阿拉斯加会晤的结果", "俄乌战争何时结束");
    private static final int ROUNDS = 20;

    private RetrievalBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        List<String> inputs = args.length == 0 ? List.of("seeds") : Arrays.asList(args);
        List<Article> articles = ArticleLoader.load(inputs, new ByteArrayInputStream(new byte[0]), Path.of(""))
                .articles();
        int paragraphs = articles.stream().mapToInt(a -> a.paragraphs().size()).sum();
        System.out.printf(Locale.ROOT, "%d articles, %d paragraphs, %d characters%n", articles.size(), paragraphs,
                articles.stream().flatMap(a -> a.paragraphs().stream()).mapToInt(p -> p.text().length()).sum());

        long t = System.nanoTime();
        Embedder embedder = BgeSmallZhEmbedder.shared();
        embedder.embed("预热");
        System.out.printf(Locale.ROOT, "embedding model load: %.2f s%n", (System.nanoTime() - t) / 1e9);

        Path dir = Files.createTempDirectory("briefing-bench");
        try {
            for (Embedder e : new Embedder[] {null, embedder}) {
                String name = e == null ? "BM25 only" : "BM25 + dense";
                Path indexDir = dir.resolve(e == null ? "bm25" : "fused");
                t = System.nanoTime();
                try (PassageIndex index = PassageIndex.open(indexDir, e)) {
                    index.sync(articles);
                    double build = (System.nanoTime() - t) / 1e9;
                    System.out.printf(Locale.ROOT, "%s: index built in %.2f s (%.1f ms per paragraph), %d KiB on disk%n",
                            name, build, build * 1000 / paragraphs, size(indexDir) / 1024);
                    List<Double> millis = new ArrayList<>();
                    for (int round = 0; round < ROUNDS; round++) {
                        for (String q : QUESTIONS) {
                            long s = System.nanoTime();
                            index.search(List.of(q), 8);
                            millis.add((System.nanoTime() - s) / 1e6);
                        }
                    }
                    millis.sort(Comparator.naturalOrder());
                    System.out.printf(Locale.ROOT, "%s: query latency over %d searches, median %.1f ms, p95 %.1f ms%n",
                            name, millis.size(), millis.get(millis.size() / 2), millis.get(millis.size() * 95 / 100));
                    t = System.nanoTime();
                    index.sync(articles);
                    System.out.printf(Locale.ROOT, "%s: sync with nothing changed %.0f ms%n", name,
                            (System.nanoTime() - t) / 1e6);
                }
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
