package dev.briefing.ask;

import dev.briefing.embed.BgeSmallZhEmbedder;
import dev.briefing.llm.CallSettings;
import dev.briefing.llm.RetryPolicy;
import dev.briefing.llm.StructuredCaller;
import dev.briefing.llm.UsageMeter;
import dev.briefing.normalize.Article;
import dev.briefing.normalize.Paragraph;
import dev.briefing.prompt.PromptLibrary;
import dev.briefing.reduce.AliasTable;
import dev.briefing.retrieve.PassageIndex;
import dev.briefing.retrieve.ScriptFold;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * ask's ranking measured on our own evaluation set ({@link IncidentArchive}): recall@1/@3/@8
 * of the answering article and paragraph, per script, for the tuning and the held-out half,
 * against a plain character-bigram BM25 over paragraphs ({@link BigramBm25}). English questions
 * go through the real rewrite path (ask-query prompt, schema, parsing) with the replies a
 * careful model gives ({@link RewritingModel}). Built once (the index takes most of the time)
 * and shared by AskRetrievalEvaluationTest and the benchmark's docs/benchmarks.md section.
 */
public final class RankingEvaluation implements AutoCloseable {
    public static final int ARTICLES = 300;
    public static final long SEED = 20261202L;
    public static final int K = 8;

    final IncidentArchive archive;
    final PassageIndex index;
    private final Asker asker;
    private final BigramBm25 bigrams;
    /** Seconds to write the set, and to index it (embedding every paragraph). */
    public final double writeSeconds;
    public final double indexSeconds;

    private RankingEvaluation(Path dir) {
        long t = System.nanoTime();
        archive = IncidentArchive.generate(ARTICLES, SEED);
        long written = System.nanoTime();
        index = PassageIndex.open(dir.resolve("index"), BgeSmallZhEmbedder.shared());
        index.sync(archive.articles());
        writeSeconds = (written - t) / 1e9;
        indexSeconds = (System.nanoTime() - written) / 1e9;
        Map<String, List<String>> rewrites = new HashMap<>();
        archive.questions().stream().filter(q -> q.script() == IncidentArchive.Script.ENGLISH)
                .forEach(q -> rewrites.put(q.text(), q.rewrite()));
        PromptLibrary prompts = PromptLibrary.bundled();
        asker = new Asker(index, archive.articles(), new StructuredCaller(new RewritingModel(rewrites),
                new RetryPolicy(1, Duration.ZERO, d -> { }), new UsageMeter()), prompts.get("ask-query"),
                prompts.get("ask-answer"), new CallSettings(8192, 2048, 0.1, 42), AliasTable.bundled(), K);
        bigrams = new BigramBm25(archive.articles());
    }

    /** Writes and indexes the set under {@code dir}. */
    public static RankingEvaluation build(Path dir) {
        return new RankingEvaluation(dir);
    }

    @Override
    public void close() {
        index.close();
    }

    /** Where in the top k the answering article and paragraph first appear (0 = not there). */
    record Found(int articleRank, int paragraphRank) {
        static Found of(IncidentArchive.Question q, List<String[]> ranked) {
            int article = 0;
            int paragraph = 0;
            for (int i = 0; i < Math.min(K, ranked.size()); i++) {
                String[] hit = ranked.get(i);
                if (article == 0 && hit[0].equals(q.article())) {
                    article = i + 1;
                }
                if (paragraph == 0 && hit[0].equals(q.article()) && Integer.parseInt(hit[1]) == q.paragraph()) {
                    paragraph = i + 1;
                }
            }
            return new Found(article, paragraph);
        }
    }

    /** Recall at 1, 3 and 8 of the article and the paragraph over some questions. */
    record Recall(int questions, double[] article, double[] paragraph) {
        static final int[] AT = {1, 3, 8};

        static Recall of(List<Found> found) {
            double[] a = new double[AT.length];
            double[] p = new double[AT.length];
            for (int i = 0; i < AT.length; i++) {
                int at = AT[i];
                a[i] = found.stream().filter(f -> f.articleRank() > 0 && f.articleRank() <= at).count()
                        / (double) found.size();
                p[i] = found.stream().filter(f -> f.paragraphRank() > 0 && f.paragraphRank() <= at).count()
                        / (double) found.size();
            }
            return new Recall(found.size(), a, p);
        }

        String cells() {
            return String.format(Locale.ROOT, "%.2f / %.2f / %.2f | %.2f / %.2f / %.2f", article[0], article[1],
                    article[2], paragraph[0], paragraph[1], paragraph[2]);
        }
    }

    record Measured(Map<IncidentArchive.Script, Recall> tuning, Map<IncidentArchive.Script, Recall> heldOut) {
    }

    /** Ours, the reference, and ours for English questions whose rewrite failed; with the table of all three. */
    public record Result(Measured ours, Measured reference, Measured noRewrite, double searchSeconds) {
        public String table() {
            StringBuilder md = new StringBuilder();
            md.append("| questions | half | ours: article@1 / @3 / @8 | ours: paragraph@1 / @3 / @8 "
                    + "| bigram BM25: article@1 / @3 / @8 | bigram BM25: paragraph@1 / @3 / @8 |\n");
            md.append("| --- | --- | --- | --- | --- | --- |\n");
            for (IncidentArchive.Script s : IncidentArchive.Script.values()) {
                for (boolean held : new boolean[] {false, true}) {
                    Recall o = (held ? ours.heldOut() : ours.tuning()).get(s);
                    Recall r = (held ? reference.heldOut() : reference.tuning()).get(s);
                    md.append("| ").append(name(s)).append(" (").append(o.questions()).append(") | ")
                            .append(held ? "held out" : "tuning").append(" | ").append(o.cells()).append(" | ")
                            .append(r.cells()).append(" |\n");
                }
            }
            for (boolean held : new boolean[] {false, true}) {
                Recall o = (held ? noRewrite.heldOut() : noRewrite.tuning()).get(IncidentArchive.Script.ENGLISH);
                md.append("| English, no rewrite (").append(o.questions()).append(") | ")
                        .append(held ? "held out" : "tuning").append(" | ").append(o.cells()).append(" | — | — |\n");
            }
            return md.toString();
        }

        private static String name(IncidentArchive.Script s) {
            return switch (s) {
                case SIMPLIFIED -> "simplified";
                case TRADITIONAL -> "traditional";
                case ENGLISH -> "English, rewritten";
            };
        }
    }

    /** Measures ours (the default ranking), the reference, and English without its rewrite. */
    public Result run() {
        long t = System.nanoTime();
        Map<IncidentArchive.Question, List<String>> queries = queries();
        Measured ours = measure(queries, PassageIndex.Ranking.DEFAULT);
        Measured reference = measure(queries, qs -> bigrams.rank(String.join(" ", qs), K));
        // What English questions find when the rewrite call fails: the question and its known names and dates.
        Map<IncidentArchive.Question, List<String>> unrewritten = new LinkedHashMap<>();
        queries.keySet().stream().filter(q -> q.script() == IncidentArchive.Script.ENGLISH)
                .forEach(q -> unrewritten.put(q, SearchQueries.of(q.text())));
        Measured noRewrite = measure(unrewritten, PassageIndex.Ranking.DEFAULT);
        return new Result(ours, reference, noRewrite, (System.nanoTime() - t) / 1e9);
    }

    /** Every question's queries as ask searches them: the question, its rewrite where one is made, names and dates. */
    Map<IncidentArchive.Question, List<String>> queries() {
        Map<IncidentArchive.Question, List<String>> out = new LinkedHashMap<>();
        for (IncidentArchive.Question q : archive.questions()) {
            List<String> warnings = new ArrayList<>();
            out.put(q, asker.queries(q.text(), Conversation.empty(), warnings));
            if (!warnings.isEmpty()) {
                throw new IllegalStateException("rewriting " + q.text() + ": " + warnings);
            }
        }
        return out;
    }

    Measured measure(Map<IncidentArchive.Question, List<String>> queries, PassageIndex.Ranking ranking) {
        return measure(queries, qs -> index.search(qs, K, ranking).stream()
                .map(h -> new String[] {h.article(), String.valueOf(h.paragraph())}).toList());
    }

    static Measured measure(Map<IncidentArchive.Question, List<String>> queries,
            Function<List<String>, List<String[]>> ranking) {
        Map<IncidentArchive.Script, List<Found>> tuning = new EnumMap<>(IncidentArchive.Script.class);
        Map<IncidentArchive.Script, List<Found>> heldOut = new EnumMap<>(IncidentArchive.Script.class);
        queries.forEach((q, qs) -> (q.heldOut() ? heldOut : tuning).computeIfAbsent(q.script(), s -> new ArrayList<>())
                .add(Found.of(q, ranking.apply(qs))));
        Map<IncidentArchive.Script, Recall> t = new EnumMap<>(IncidentArchive.Script.class);
        Map<IncidentArchive.Script, Recall> h = new EnumMap<>(IncidentArchive.Script.class);
        tuning.forEach((s, f) -> t.put(s, Recall.of(f)));
        heldOut.forEach((s, f) -> h.put(s, Recall.of(f)));
        return new Measured(t, h);
    }

    /**
     * The reference: BM25 (k1 = 1.2, b = 0.75) over the overlapping character pairs of each
     * paragraph alone, script-folded as ours is (so traditional questions are not handicapped),
     * runs of Latin letters or digits as one term.
     */
    static final class BigramBm25 {
        private final List<String[]> ids = new ArrayList<>();
        private final List<Map<String, Integer>> tf = new ArrayList<>();
        private final List<Integer> lengths = new ArrayList<>();
        private final Map<String, Integer> df = new HashMap<>();
        private final double averageLength;

        BigramBm25(List<Article> articles) {
            double total = 0;
            for (Article a : articles) {
                for (Paragraph p : a.paragraphs()) {
                    Map<String, Integer> counts = new HashMap<>();
                    List<String> grams = grams(p.text());
                    grams.forEach(g -> counts.merge(g, 1, Integer::sum));
                    counts.keySet().forEach(g -> df.merge(g, 1, Integer::sum));
                    ids.add(new String[] {a.id(), String.valueOf(p.number())});
                    tf.add(counts);
                    lengths.add(grams.size());
                    total += grams.size();
                }
            }
            averageLength = total / ids.size();
        }

        static List<String> grams(String text) {
            List<String> out = new ArrayList<>();
            String t = ScriptFold.of(text);
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (Character.isIdeographic(c)) {
                    if (i + 1 < t.length() && Character.isIdeographic(t.charAt(i + 1))) {
                        out.add(t.substring(i, i + 2));
                    }
                } else if (Character.isLetterOrDigit(c)) {
                    int end = i;
                    while (end < t.length() && Character.isLetterOrDigit(t.charAt(end))
                            && !Character.isIdeographic(t.charAt(end))) {
                        end++;
                    }
                    out.add(t.substring(i, end));
                    i = end - 1;
                }
            }
            return out;
        }

        List<String[]> rank(String query, int k) {
            List<String> terms = grams(query).stream().distinct().toList();
            double[] score = new double[ids.size()];
            for (String t : terms) {
                Integer n = df.get(t);
                if (n == null) {
                    continue;
                }
                double idf = Math.log(1 + (ids.size() - n + 0.5) / (n + 0.5));
                for (int d = 0; d < ids.size(); d++) {
                    Integer f = tf.get(d).get(t);
                    if (f != null) {
                        score[d] += idf * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * lengths.get(d) / averageLength));
                    }
                }
            }
            List<Integer> order = new ArrayList<>();
            for (int d = 0; d < ids.size(); d++) {
                if (score[d] > 0) {
                    order.add(d);
                }
            }
            order.sort(Comparator.comparingDouble((Integer d) -> -score[d]).thenComparing(d -> d));
            return order.stream().limit(k).map(ids::get).toList();
        }
    }
}
