package dev.briefing.ask;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.retrieve.PassageIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * ask's ranking on our own evaluation set ({@link RankingEvaluation}), with floors on the
 * held-out half: paragraph@1 beats a plain bigram BM25 in every script, and English questions
 * reach article@1 of at least 0.8 through the rewrite. The table is printed to stderr and
 * written to target/ask-retrieval-evaluation.md.
 */
class AskRetrievalEvaluationTest {
    @TempDir
    static Path dir;
    static RankingEvaluation evaluation;

    @BeforeAll
    static void indexTheArchive() {
        evaluation = RankingEvaluation.build(dir);
        System.err.printf(Locale.ROOT, "evaluation set: %d articles, %d questions, written in %.1f s, indexed in %.1f s%n",
                evaluation.archive.articles().size(), evaluation.archive.questions().size(), evaluation.writeSeconds,
                evaluation.indexSeconds);
    }

    @AfterAll
    static void close() {
        evaluation.close();
    }

    @Test
    void should_rank_the_answering_paragraph_first_more_often_than_bigram_bm25_in_every_script() throws IOException {
        RankingEvaluation.Result r = evaluation.run();
        String table = r.table();
        System.err.printf(Locale.ROOT, "searched in %.1f s%n%s%n", r.searchSeconds(), table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "ask-retrieval-evaluation.md"), table, StandardCharsets.UTF_8);

        for (IncidentArchive.Script s : IncidentArchive.Script.values()) {
            double ours = r.ours().heldOut().get(s).paragraph()[0];
            double theirs = r.reference().heldOut().get(s).paragraph()[0];
            assertTrue(ours > theirs, s + ": held-out paragraph@1 " + ours + " does not beat bigram BM25's " + theirs
                    + "\n" + table);
        }
        double english = r.ours().heldOut().get(IncidentArchive.Script.ENGLISH).article()[0];
        assertTrue(english >= 0.8, "English held-out article@1 " + english + " < 0.8 through the rewrite\n" + table);
    }

    /**
     * The ranking variants tried, measured on the tuning half (held-out shown for the record,
     * not for choosing): {@code mvn test -Dtest='AskRetrievalEvaluationTest#variants'
     * -Dask.variants=true}, or {@code -Dask.variant='words,bigrams,title,dense,spread;...'} for
     * others; {@code -Dask.why=true} lists the tuning questions whose paragraph is not first.
     */
    @Test
    @EnabledIfSystemProperty(named = "ask.variants", matches = "true")
    void variants() {
        Map<IncidentArchive.Question, List<String>> queries = evaluation.queries();
        Map<String, PassageIndex.Ranking> variants = new LinkedHashMap<>();
        String only = System.getProperty("ask.variant", "");
        if (!only.isEmpty()) {
            for (String v : only.split(";")) {
                String[] w = v.split(",");
                variants.put(v, new PassageIndex.Ranking(Float.parseFloat(w[0]), Float.parseFloat(w[1]),
                        Float.parseFloat(w[2]), Double.parseDouble(w[3]), Integer.parseInt(w[4])));
            }
        } else {
            variants.put("default", PassageIndex.Ranking.DEFAULT);
            variants.put("no dense", new PassageIndex.Ranking(1f, 1f, 0.3f, 0, 2));
            variants.put("dense 0.1", new PassageIndex.Ranking(1f, 1f, 0.3f, 0.1, 2));
            variants.put("dense 0.2", new PassageIndex.Ranking(1f, 1f, 0.3f, 0.2, 2));
            variants.put("dense equal to BM25", new PassageIndex.Ranking(1f, 1f, 0.3f, 1, 2));
            variants.put("title 1", new PassageIndex.Ranking(1f, 1f, 1f, 0.05, 2));
            variants.put("no SmartChinese words", new PassageIndex.Ranking(0f, 1f, 0.3f, 0.05, 2));
            variants.put("spread 1", new PassageIndex.Ranking(1f, 1f, 0.3f, 0.05, 1));
        }
        System.err.println("| variant (words, bigrams, title, dense, spread) | tuning paragraph@1 S/T/E "
                + "| tuning article@1 S/T/E | tuning paragraph@3 S/T/E | held-out paragraph@1 S/T/E "
                + "| held-out article@1 S/T/E |");
        variants.forEach((name, ranking) -> {
            if (Boolean.getBoolean("ask.why")) {
                queries.forEach((q, qs) -> {
                    List<PassageIndex.Hit> hits = evaluation.index.search(qs, 3, ranking);
                    if (!q.heldOut() && !(hits.get(0).article().equals(q.article())
                            && hits.get(0).paragraph() == q.paragraph())) {
                        System.err.println("MISS " + q.script() + " " + q.text() + " wants P" + q.paragraph() + " got "
                                + hits.stream().map(h -> (h.article().equals(q.article()) ? "=" : "x") + "P"
                                        + h.paragraph()).toList() + " " + qs);
                    }
                });
            }
            RankingEvaluation.Measured m = evaluation.measure(queries, ranking);
            System.err.println("| " + name + " | " + at(m.tuning(), false, 0) + " | " + at(m.tuning(), true, 0) + " | "
                    + at(m.tuning(), false, 1) + " | " + at(m.heldOut(), false, 0) + " | " + at(m.heldOut(), true, 0)
                    + " |");
        });
    }

    private static String at(Map<IncidentArchive.Script, RankingEvaluation.Recall> r, boolean article, int at) {
        return String.join(" / ", r.values().stream().map(x -> String.format(Locale.ROOT, "%.2f",
                article ? x.article()[at] : x.paragraph()[at])).toList());
    }
}
