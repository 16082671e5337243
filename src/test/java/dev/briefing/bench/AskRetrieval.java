package dev.briefing.bench;

import com.ibm.icu.text.Transliterator;
import dev.briefing.ask.SearchQueries;
import dev.briefing.embed.BgeSmallZhEmbedder;
import dev.briefing.normalize.Article;
import dev.briefing.normalize.Paragraph;
import dev.briefing.pipeline.ArticleLoader;
import dev.briefing.retrieve.Embedder;
import dev.briefing.retrieve.PassageIndex;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code briefing ask}'s retrieval over a large corpus, in this JVM through the retrieve
 * package's API (no model server involved): index build time and size on disk, BM25 alone and
 * BM25 + dense (bge-small-zh) fused, query latency p50 / p95 over a fixed set of questions,
 * and the sync that adds one article to the built index.
 *
 * <p>The synthetic corpus recombines a few dozen distinct seed paragraphs, so the dense build
 * embeds each distinct text once (the index's embedding memo) and is far cheaper than a corpus
 * of all-distinct paragraphs would be. The embedding cost per paragraph is therefore measured
 * on its own, and the all-distinct build time is reported as a projection from it, labelled so.
 */
public final class AskRetrieval {
    static final int K = 8;
    static final int ROUNDS = 3;
    static final int SAMPLE = 48;

    /** One index built and searched. */
    public record Build(String name, double buildSeconds, long bytesOnDisk, int paragraphs, long textsEmbedded,
            double embedSecondsInBuild, double p50Millis, double p95Millis, int searches, double syncOneSeconds,
            int syncOneParagraphs) {
    }

    public record Result(int articles, int paragraphs, int distinctParagraphs, double loadSeconds, int questions,
            int simplified, int traditional, int english, double modelLoadSeconds, double embedMillisPerParagraph,
            int embedSample, Build bm25, Build fused) {
        /** Build time if every paragraph were distinct: the measured build, with its embedding time replaced. */
        public double projectedFusedBuildSeconds() {
            return fused.buildSeconds() - fused.embedSecondsInBuild() + paragraphs * embedMillisPerParagraph / 1000;
        }
    }

    private AskRetrieval() {
    }

    public static Result measure(SyntheticCorpus corpus, Path scratch, int articles) throws IOException {
        Path dir = scratch.resolve("ask-corpus");
        // One more than measured: the last one is the article a later sync adds.
        corpus.write(dir, articles + 1, 20261124L);
        long t = System.nanoTime();
        List<Article> all = ArticleLoader.load(List.of(dir.toString()), new ByteArrayInputStream(new byte[0]), dir)
                .articles();
        double load = (System.nanoTime() - t) / 1e9;
        List<Article> base = all.subList(0, articles);
        int paragraphs = base.stream().mapToInt(a -> a.paragraphs().size()).sum();
        Set<String> distinct = new HashSet<>();
        base.forEach(a -> a.paragraphs().forEach(p -> distinct.add(p.text())));
        List<String> questions = questions();

        System.err.printf(Locale.ROOT, "ask: %d articles, %d paragraphs (%d distinct), loaded in %.1fs%n", articles,
                paragraphs, distinct.size(), load);
        Build bm25 = build("BM25 only", scratch.resolve("ask-bm25"), null, base, all, questions);

        t = System.nanoTime();
        Embedder model = BgeSmallZhEmbedder.shared();
        model.embed("预热");
        double modelLoad = (System.nanoTime() - t) / 1e9;
        double perParagraph = embedCost(model, new ArrayList<>(new LinkedHashSet<>(all.stream()
                .flatMap(a -> a.paragraphs().stream()).map(Paragraph::text).toList())));
        Build fused = build("BM25 + dense", scratch.resolve("ask-fused"), model, base, all, questions);
        return new Result(articles, paragraphs, distinct.size(), load, questions.size(),
                count('s'), count('t'), count('e'), modelLoad, perParagraph,
                SAMPLE, bm25, fused);
    }

    /** Milliseconds per paragraph, embedding distinct texts in article-sized batches after a warm-up batch. */
    private static double embedCost(Embedder model, List<String> texts) {
        List<String> sample = texts.subList(0, Math.min(texts.size(), SAMPLE + 8));
        model.embedAll(sample.subList(0, 8));
        List<String> timed = sample.subList(8, sample.size());
        long t = System.nanoTime();
        for (int i = 0; i < timed.size(); i += 8) {
            model.embedAll(timed.subList(i, Math.min(timed.size(), i + 8)));
        }
        double ms = (System.nanoTime() - t) / 1e6 / timed.size();
        System.err.printf(Locale.ROOT, "ask: embedding %.1f ms per paragraph over %d distinct paragraphs%n", ms,
                timed.size());
        return ms;
    }

    private static Build build(String name, Path dir, Embedder model, List<Article> base, List<Article> all,
            List<String> questions) throws IOException {
        TimedEmbedder timed = model == null ? null : new TimedEmbedder(model);
        int paragraphs = base.stream().mapToInt(a -> a.paragraphs().size()).sum();
        try (PassageIndex index = PassageIndex.open(dir, timed)) {
            long t = System.nanoTime();
            index.sync(base);
            double build = (System.nanoTime() - t) / 1e9;
            long bytes = size(dir);
            long embedded = timed == null ? 0 : timed.texts;
            double embedSeconds = timed == null ? 0 : timed.nanos / 1e9;
            System.err.printf(Locale.ROOT, "ask: %s index of %d paragraphs built in %.1fs, %.1f MB, %d texts embedded "
                    + "(%.1fs)%n", name, paragraphs, build, bytes / 1e6, embedded, embedSeconds);
            for (String q : questions) { // warm-up: JIT, and the index files into the page cache
                index.search(SearchQueries.of(q), K);
            }
            List<Double> millis = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (String q : questions) {
                    List<String> queries = SearchQueries.of(q);
                    long s = System.nanoTime();
                    index.search(queries, K);
                    millis.add((System.nanoTime() - s) / 1e6);
                }
            }
            millis.sort(Comparator.naturalOrder());
            t = System.nanoTime();
            PassageIndex.SyncReport one = index.sync(all);
            double syncOne = (System.nanoTime() - t) / 1e9;
            if (one.added() != 1) {
                throw new IllegalStateException(name + ": the incremental sync added " + one.added() + " articles");
            }
            Build b = new Build(name, build, bytes, paragraphs, embedded, embedSeconds, percentile(millis, 0.50),
                    percentile(millis, 0.95), millis.size(), syncOne, one.paragraphsIndexed());
            System.err.printf(Locale.ROOT, "ask: %s search p50 %.1f ms, p95 %.1f ms; one article added in %.2fs%n",
                    name, b.p50Millis(), b.p95Millis(), syncOne);
            return b;
        }
    }

    static double percentile(List<Double> sorted, double q) {
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static final List<String> ACTORS_ZH = List.of("特朗普", "普京", "泽连斯基", "乌沙科夫", "拉夫罗夫", "北约", "欧盟",
            "乌克兰", "俄罗斯", "美国");
    private static final List<String> SIMPLIFIED = List.of("%s在10月16日的通话中说了什么？", "%s对俄乌冲突持什么立场？",
            "%s如何看待战斧巡航导弹？", "%s与布达佩斯会晤有什么关系？", "%s在阿拉斯加会晤后做了什么？", "%s为何改变了态度？",
            "%s对和平谈判有何表态？", "%s最近一次表态是什么时候？");
    private static final List<String> ACTORS_EN = List.of("Trump", "Putin", "Zelensky", "Ushakov", "Lavrov", "NATO",
            "the EU", "Ukraine", "Russia", "the United States");
    private static final List<String> ENGLISH = List.of("What did %s say on the October 16 call?",
            "What is the position of %s on the war in Ukraine?", "How does %s view Tomahawk missiles for Ukraine?",
            "What did %s do after the Alaska summit?", "Why did %s change course in July?",
            "Is %s ready for peace talks in Budapest?");

    /**
     * 200 questions: 80 in simplified Chinese (8 patterns x 10 actors), the first 60 of them in
     * traditional script, and 60 in English naming the same actors (6 patterns x 10).
     */
    static List<String> questions() {
        Transliterator toTraditional = Transliterator.getInstance("Simplified-Traditional");
        List<String> simplified = new ArrayList<>();
        for (String pattern : SIMPLIFIED) {
            for (String actor : ACTORS_ZH) {
                simplified.add(String.format(Locale.ROOT, pattern, actor));
            }
        }
        List<String> english = new ArrayList<>();
        for (String pattern : ENGLISH) {
            for (String actor : ACTORS_EN) {
                english.add(String.format(Locale.ROOT, pattern, actor));
            }
        }
        List<String> out = new ArrayList<>(simplified);
        simplified.subList(0, 60).forEach(q -> out.add(toTraditional.transliterate(q)));
        out.addAll(english);
        return out;
    }

    private static int count(char kind) {
        return switch (kind) {
            case 's' -> SIMPLIFIED.size() * ACTORS_ZH.size();
            case 't' -> 60;
            default -> ENGLISH.size() * ACTORS_EN.size();
        };
    }

    static long size(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model, with the time and texts it was sent counted. */
    private static final class TimedEmbedder implements Embedder {
        private final Embedder model;
        long texts;
        long nanos;

        TimedEmbedder(Embedder model) {
            this.model = model;
        }

        @Override
        public String id() {
            return model.id();
        }

        @Override
        public int dimensions() {
            return model.dimensions();
        }

        @Override
        public float[] embed(String text) {
            return embedAll(List.of(text)).get(0);
        }

        @Override
        public float[] embedQuery(String query) {
            return model.embedQuery(query);
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            long t = System.nanoTime();
            List<float[]> v = model.embedAll(texts);
            nanos += System.nanoTime() - t;
            this.texts += texts.size();
            return v;
        }
    }

    /** Standalone: {@code AskRetrieval [ARTICLES]} from the project directory. */
    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path scratch = Files.createTempDirectory("briefing-ask");
        Result r = measure(SyntheticCorpus.fromSeeds(Path.of("seeds").toAbsolutePath()), scratch, n);
        System.out.println(r);
        System.out.printf(Locale.ROOT, "projected all-distinct dense build: %.0f s%n", r.projectedFusedBuildSeconds());
    }
}
