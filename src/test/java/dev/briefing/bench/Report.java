package dev.briefing.bench;

import dev.briefing.ask.RankingEvaluation;
import dev.briefing.pipeline.EngineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** docs/benchmarks.md, from the measurements of one benchmark run. */
final class Report {
    private final Timing timing;
    private final String heap;
    private final Instant started;
    private final String loadAtStart;
    private String loadAtEnd = "unknown";
    private final Map<String, Workload> workloads = new LinkedHashMap<>();
    private final Map<String, List<Measurement>> runs = new LinkedHashMap<>();
    private IngestThroughput.Result ingest;

    Report(Timing timing, String heap, Instant started, String loadAtStart) {
        this.timing = timing;
        this.heap = heap;
        this.started = started;
        this.loadAtStart = loadAtStart;
    }

    void add(Workload w, Measurement m) {
        workloads.putIfAbsent(w.name(), w);
        runs.computeIfAbsent(w.name(), k -> new ArrayList<>()).add(m);
    }

    private Measurement scaleBase;
    private Measurement scaleSlow;

    Measurement find(String workload, int parallel) {
        return runs.getOrDefault(workload, List.of()).stream().filter(m -> m.parallel() == parallel).findFirst()
                .orElse(null);
    }

    void scaleCheck(Measurement base, Measurement slow) {
        this.scaleBase = base;
        this.scaleSlow = slow;
    }

    void ingest(IngestThroughput.Result result) {
        this.ingest = result;
    }

    private DailyRerun.Result daily;
    private final List<Measurement> askCalls = new ArrayList<>();
    private final List<String> askQuestions = new ArrayList<>();
    private AskRetrieval.Result askRetrieval;
    private RankingEvaluation.Result askRanking;

    void daily(DailyRerun.Result result) {
        this.daily = result;
    }

    void askCall(String question, Measurement m) {
        askQuestions.add(question);
        askCalls.add(m);
    }

    void askRetrieval(AskRetrieval.Result result) {
        this.askRetrieval = result;
    }

    private SeveralHosts.Result severalHosts;

    void severalHosts(SeveralHosts.Result result) {
        this.severalHosts = result;
    }

    private SideBySide.Result sideBySide;

    void sideBySide(SideBySide.Result result) {
        this.sideBySide = result;
    }

    String sideBySideMarkdown() {
        return sideBySide == null ? "" : SideBySide.markdown(sideBySide);
    }

    void askRanking(RankingEvaluation.Result result) {
        this.askRanking = result;
    }

    void loadAtEnd(String load) {
        this.loadAtEnd = load;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Written by `mvn -Pbench verify` (see the README); every number below comes from that run. "
                + "Do not edit by hand: rerun it.\n\n");
        machine(md);
        settings(md);
        cost(md);
        wall(md);
        if (severalHosts != null) {
            md.append(SeveralHosts.markdown(severalHosts));
        }
        ingestSection(md);
        dailySection(md);
        askSection(md);
        md.append(sideBySideMarkdown());
        targets(md);
        return md.toString();
    }

    private void machine(StringBuilder md) {
        md.append("## Machine\n\n");
        md.append("| | |\n| --- | --- |\n");
        md.append("| date | ").append(started).append(" |\n");
        md.append("| CPU | ").append(cpuModel()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores visible to the JVM |\n");
        md.append("| JDK | ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(" |\n");
        md.append("| OS | ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(" |\n");
        md.append("| load average (1, 5, 15 min) | at start: ").append(loadAtStart).append("; at end: ")
                .append(loadAtEnd).append(" |\n\n");
        double load1 = firstNumber(loadAtStart);
        if (load1 > Runtime.getRuntime().availableProcessors() * 0.5) {
            md.append("The machine was shared while this ran (load average above half the cores at the start): "
                    + "other builds competed for the CPU, which inflates wall times and CPU shares; the ratios "
                    + "are upper bounds of what an idle machine would show.\n\n");
        }
    }

    private void settings(StringBuilder md) {
        md.append("## Settings\n\n");
        md.append("- Model server: the stand-in (`src/test/java/dev/briefing/bench/StandInOllama.java`), real HTTP on "
                + "loopback with `TCP_NODELAY` (as Ollama, a Go server, answers), in its own JVM so its CPU is not "
                + "counted as the engine's. Each call takes ")
                .append(timing.describe()).append(" (").append(fmt(1 / Math.max(timing.scale(), 1e-9), 0))
                .append("x faster than real time; ratios to the lower bound are what matter). The real-time figures are "
                        + "chosen for a 7B Q4 model on a laptop GPU or Apple silicon: about 0.3 s per call, prefill "
                        + "~700 tokens/s, decode ~33 tokens/s.\n");
        md.append("- The stand-in serves at most P chats at once (as `OLLAMA_NUM_PARALLEL=P`) and queues the rest "
                + "first come, first served. It counts tokens with the engine's own estimator (which over-counts "
                + "a Qwen tokenizer on purpose), reports them as `prompt_eval_count` / `eval_count`, and answers "
                + "with notes that cite the paragraphs it was shown (quotes copied from them), so verification and "
                + "the reduce do their real work. Its replies are about as long as a 7B model's (up to 4 events, "
                + "5 actors, 3 claims, 2 questions per chunk, about 1,000 tokens).\n");
        md.append("- Engine: the real CLI (`briefing brief --parallel P`) in a fresh JVM with `-Xmx").append(heap)
                .append(" ").append(String.join(" ", Benchmark.launcherJvmOptions()))
                .append("` (the launcher's options), defaults otherwise: num_ctx ").append(EngineConfig.DEFAULT_NUM_CTX).append(", num_predict ")
                .append(EngineConfig.DEFAULT_NUM_PREDICT).append(", chunks up to ")
                .append(EngineConfig.DEFAULT_CHUNK_TOKENS).append(" tokens; the model reports a 32768-token "
                        + "context. The map prompt's fixed part (instructions, title, labels, chat template) is ")
                .append(Benchmark.mapPromptOverhead()).append(" tokens; the JSON schema travels as Ollama's "
                        + "`format` (constrained decoding) and adds no prompt tokens.\n");
        String bigP = System.getProperty("bench.parallels1000", "1,2,4,8");
        if (!bigP.replace(" ", "").equals("1,2,4,8")) {
            md.append("- This run measured the 1,000-article brief only at P = ").append(bigP.replace(",", ", "))
                    .append(" (`-Dbench.parallels1000`), to finish in the time available; its cost row below is "
                            + "from its first P (calls and tokens do not depend on P).\n");
        }
        md.append("- Every `brief` run passes `--no-cache`, so each P sends every call (the call cache would "
                + "otherwise answer every run after the first); `daily` below uses the cache on purpose.\n");
        md.append("- Lower bound of a run's wall time: the map calls' model time spread perfectly over P slots "
                + "(never less than the longest call), plus the reduce's critical path (its calls after the "
                + "maps; the last reduce call waits for the others).\n");
        md.append("- Engine CPU: the engine JVM's process CPU time during the run (all its threads: engine, HTTP "
                + "client, GC, JIT; not JVM start-up). \"At real speed\" divides it by the run's lower bound at "
                + "real model speed, since the engine's CPU does not shrink with a faster model. Peak heap: the "
                + "sum of the heap pools' peaks (an upper bound of the true peak).\n");
        md.append("- Synthetic corpora: deterministic (fixed RNG seed) recombinations of the seeds' cleaned "
                + "paragraphs: a run of 6 to 13 consecutive paragraphs of one seed plus 1 to 4 borrowed from any "
                + "seed, under a headline from the first, so events and actors repeat across articles.\n\n");
    }

    private void cost(StringBuilder md) {
        md.append("## Model cost per briefing\n\n");
        md.append("Token counts are the stand-in's (the engine's estimator); a real Qwen tokenizer counts about "
                + "0.6 to 1.0 of them, the ratios stay the same. Measured at the first P each workload ran at (see the next "
                + "table); the calls and tokens are the same at every P unless noted.\n\n");
        md.append("| workload | articles | article tokens | model calls (map + reduce) | prompt tokens | "
                + "completion tokens | prompt / article tokens (all) | map prompt / article tokens | "
                + "reduce input / article tokens | largest reduce prompt | largest prompt / num_ctx | cut by the "
                + "window |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (var e : runs.entrySet()) {
            Measurement m = e.getValue().get(0);
            double at = m.articleTokens();
            md.append("| ").append(e.getKey()).append(" | ").append(m.articles()).append(" | ")
                    .append(m.articleTokens()).append(" | ").append(m.calls().size()).append(" (")
                    .append(m.count("map") + m.count("other")).append(" + ").append(m.count("reduce")).append(") | ")
                    .append(m.promptTokens()).append(" | ").append(m.completionTokens()).append(" | ")
                    .append(fmt(m.promptTokens() / at, 2)).append(" | ")
                    .append(fmt(m.promptTokens("map") / at, 2)).append(" | ")
                    .append(fmt(m.promptTokens("reduce") / at, 3)).append(" | ")
                    .append(m.largestReducePrompt()).append(" | ")
                    .append(fmt(m.largestPromptShareOfWindow(), 2)).append(" | ")
                    .append(m.overflows()).append(" |\n");
            boolean same = e.getValue().stream().allMatch(o -> o.calls().size() == m.calls().size()
                    && o.promptTokens() == m.promptTokens());
            if (!same) {
                md.append("| (calls or tokens differ between P values for this workload) | | | | | | | | | | | |\n");
            }
        }
        md.append('\n');
    }

    private void wall(StringBuilder md) {
        md.append("## Wall time against the lower bound; the engine's own CPU and memory\n\n");
        md.append("Wall time is split into the lead-in (JVM warm-up of the engine's classes, ingest, chunking, the "
                + "server probes: until the first call reaches the server), the serving span (first call to last "
                + "reply) and the tail (the last reply's checks, render, write). The serving span against the "
                + "bound shows whether the engine keeps the server fed; idle slots there grow with the model's "
                + "time. \"At real speed\" adds the run's excess over its bound once to the bound at real speed: "
                + "the scale check below the table tests that the excess is a fixed cost.\n\n");
        md.append("| workload | P | wall (s) | lead-in + tail (s) | lower bound (s) | wall / bound | serving span / "
                + "bound | wall / bound at real speed | most calls served at once | mean queue wait (ms) | engine CPU "
                + "(s) | CPU / wall | CPU / wall at real speed | GC (ms) | peak heap (MB) | exit |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | "
                + "---: | ---: |\n");
        for (var e : runs.entrySet()) {
            for (Measurement m : e.getValue()) {
                md.append("| ").append(e.getKey()).append(" | ").append(m.parallel()).append(" | ")
                        .append(fmt(m.wallNanos() / 1e9, 2)).append(" | ")
                        .append(fmt((m.leadInNanos() + m.tailNanos()) / 1e9, 2)).append(" | ")
                        .append(fmt(m.lowerBoundNanos() / 1e9, 2)).append(" | ")
                        .append(fmt(m.ratioToLowerBound(), 2)).append("x | ")
                        .append(fmt(m.servingRatio(), 2)).append("x | ")
                        .append(fmt(m.ratioAtRealSpeed(), 3)).append("x | ")
                        .append(m.maxConcurrent()).append(" | ")
                        .append(fmt(m.meanQueuedMillis(), 1)).append(" | ")
                        .append(fmt(m.cpuNanos() / 1e9, 2)).append(" | ")
                        .append(pct(m.cpuShareOfWall())).append(" | ")
                        .append(pct(m.cpuShareAtRealSpeed())).append(" | ")
                        .append(m.gcMillis()).append(" | ")
                        .append(m.peakHeapBytes() >> 20).append(" of ").append(m.maxHeapBytes() >> 20).append(" | ")
                        .append(m.exitCode()).append(" |\n");
            }
        }
        md.append('\n');
        if (scaleBase != null) {
            double a = (scaleBase.wallNanos() - scaleBase.lowerBoundNanos()) / 1e9;
            double b = (scaleSlow.wallNanos() - scaleSlow.lowerBoundNanos()) / 1e9;
            md.append(String.format(Locale.ROOT, "Scale check (%s, P = 4): the same run with the model three times "
                            + "slower took %.2f s over its bound of %.2f s, against %.2f s over %.2f s at the normal "
                            + "scale. %s%n%n", scaleBase.workload(), b, scaleSlow.lowerBoundNanos() / 1e9, a,
                    scaleBase.lowerBoundNanos() / 1e9,
                    b < a * 1.5 + 0.5 ? "The excess does not grow with the model's time: it is the engine's own "
                            + "work (start-up, ingest, checks, render), a fixed cost, which is what \"at real speed\" "
                            + "assumes." : "The excess grows with the model's time: part of it is idle server "
                            + "slots, so \"at real speed\" understates it; the serving span ratio is the better guide."));
        }
    }

    private void ingestSection(StringBuilder md) {
        md.append("## Ingest, clean and chunk throughput\n\n");
        if (ingest == null) {
            md.append("Not measured in this run.\n\n");
            return;
        }
        md.append(String.format(Locale.ROOT, "A generated corpus of %.1f MB in %d files (UTF-8 text, one file in ten "
                        + "GB18030, one in ten an HTML page), %d articles, %d chunks; in-process, single-threaded as "
                        + "the engine runs it; median of %d passes after one warm-up pass (the warm-up, with a cold "
                        + "JIT, took %.2f s to ingest).%n%n",
                ingest.bytes() / 1e6, ingest.files(), ingest.articles(), ingest.chunks(), ingest.passes(),
                ingest.coldSeconds()));
        md.append("| stage | seconds | MB/s of input |\n| --- | ---: | ---: |\n");
        md.append(row("ingest (read, detect charset, decode, HTML text)", ingest.ingestSeconds()));
        md.append(row("clean (normalize: boilerplate, title, paragraphs, script, id)", ingest.cleanSeconds()));
        md.append(row("chunk", ingest.chunkSeconds()));
        md.append(row("all three", ingest.totalSeconds()));
        md.append('\n');
    }

    private String row(String stage, double seconds) {
        return "| " + stage + " | " + fmt(seconds, 2) + " | " + fmt(ingest.mbPerSecond(seconds), 1) + " |\n";
    }

    private void dailySection(StringBuilder md) {
        md.append("## daily: a rerun with one new article\n\n");
        if (daily == null) {
            md.append("Not measured in this run.\n\n");
            return;
        }
        Measurement fill = daily.fill().m();
        Measurement rerun = daily.rerun().m();
        md.append(String.format(Locale.ROOT, "`briefing daily --inbox DIR --date %s --parallel %d --data-dir D` over an "
                        + "inbox of %,d synthetic articles (the 1,000-article corpus above), three runs in fresh JVMs "
                        + "with one store: the first fills the call cache; the second reruns with nothing changed; "
                        + "before the third, one new article of the same corpus (%d tokens, %d chunk(s) as the engine "
                        + "cuts it) is put in the inbox. All on the same day: that is the rerun the cache is for, an "
                        + "inbox that fills during the day and is briefed again (on the next day the window and the "
                        + "comparison with earlier days change as well). Only at P = %d, to save time: what is sent "
                        + "does not depend on P. Calls and tokens are the stand-in's log; \"from the cache\" is the "
                        + "engine's own count (run.json).%n%n", DailyRerun.DAY, daily.parallel(), daily.articles(),
                daily.newArticleTokens(), daily.newArticleChunks(), daily.parallel()));
        md.append("| run | articles | calls sent (map + reduce) | answered from the cache | prompt tokens | "
                + "completion tokens | wall (s) | lead-in + tail (s) | lower bound (s) | wall / bound | "
                + "wall / bound at real speed | engine CPU (s) | peak heap (MB) | exit |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        dailyRow(md, "first run (fills the cache)", daily.fill());
        dailyRow(md, "rerun, nothing changed", daily.unchanged());
        dailyRow(md, "rerun, one new article", daily.rerun());
        md.append('\n');
        md.append(String.format(Locale.ROOT, "On the rerun with one new article the engine sent %d calls: %d map "
                        + "(the new article has %d chunk(s)) and %d reduce (the first run's reduce took %d calls); the "
                        + "target allows %d (the article's chunks plus the rerun's reduce). It sent %d prompt tokens, "
                        + "%.1f%% of the first run's %d. Its wall time was %.2f s against a lower bound of %.2f s "
                        + "(at real model speed %.3fx the bound): the rest is the engine's fixed work, JVM start-up, "
                        + "reading the %,d articles and looking each call up in the cache (lead-in %.2f s).%n%n",
                rerun.calls().size(), rerun.count("map"), daily.newArticleChunks(), rerun.count("reduce"),
                fill.count("reduce"), daily.allowed(), rerun.promptTokens(),
                100.0 * rerun.promptTokens() / Math.max(1, fill.promptTokens()), fill.promptTokens(),
                rerun.wallNanos() / 1e9, rerun.lowerBoundNanos() / 1e9, rerun.ratioAtRealSpeed(),
                daily.articles() + 1, rerun.leadInNanos() / 1e9));
        Measurement unchanged = daily.unchanged().m();
        // Kept (nothing looked up in the cache) or, should that ever stop, briefed again from the cache.
        boolean kept = daily.unchanged().callsFromCache() == 0;
        md.append(String.format(Locale.ROOT, "The rerun with nothing changed sent %d calls and took %.2f s "
                        + "(engine CPU %.2f s): %s A rerun "
                        + "that must brief the day again, as the one with a new article below, answers its other "
                        + "calls from the cache (each chunk's verified notes replayed, not parsed and verified "
                        + "again), then merges and renders: small against the model time that rerun needs at real "
                        + "speed (%.0f s), and what its serving span mostly holds (the cached replies are checked "
                        + "while the new article's call is out).",
                unchanged.calls().size(), unchanged.wallNanos() / 1e9, unchanged.cpuNanos() / 1e9,
                kept ? "it kept the day's version as it was (the same articles, settings, prompts, build and earlier "
                        + "days, and the day's files as written: daily.DayInputs), so it is JVM start-up without the "
                        + "launcher's class-data-sharing archive, reading and cleaning the articles, and checking the "
                        + "day's files; nothing is looked up, stored or rendered."
                        : "it briefed the day again, every call answered from the cache (" + daily.unchanged()
                                .callsFromCache() + "), although nothing changed: the day was not kept.",
                rerun.lowerBoundNanos() / timing.scale() / 1e9));
        if (rerun.count("reduce") > 1 && rerun.count("reduce") >= fill.count("reduce")) {
            md.append(String.format(Locale.ROOT, " The reduce is redone in full (%d of the first run's %d calls, "
                            + "%d of the rerun's %d prompt tokens): none of its part prompts matched the first run's "
                            + "(the cache key is the exact request), because one more article's notes change what "
                            + "goes into each part. If parts whose notes did not change kept byte-identical prompts "
                            + "(parts cut by a stable key rather than by position, note ids that do not shift), a "
                            + "rerun would send only the changed part and the final merge.",
                    rerun.count("reduce"), fill.count("reduce"), rerun.promptTokens("reduce"),
                    rerun.promptTokens()));
        }
        md.append("\n\n");
    }

    private void dailyRow(StringBuilder md, String label, DailyRerun.Run run) {
        Measurement m = run.m();
        md.append("| ").append(label).append(" | ").append(m.articles()).append(" | ").append(m.calls().size())
                .append(" (").append(m.count("map")).append(" + ").append(m.count("reduce")).append(") | ")
                .append(run.callsFromCache()).append(" | ").append(m.promptTokens()).append(" | ")
                .append(m.completionTokens()).append(" | ").append(fmt(m.wallNanos() / 1e9, 2)).append(" | ")
                .append(fmt((m.leadInNanos() + m.tailNanos()) / 1e9, 2)).append(" | ")
                .append(fmt(m.lowerBoundNanos() / 1e9, 2)).append(" | ")
                .append(m.calls().isEmpty() ? "-" : fmt(m.ratioToLowerBound(), 2) + "x").append(" | ")
                .append(m.calls().isEmpty() ? "-" : fmt(m.ratioAtRealSpeed(), 3) + "x").append(" | ")
                .append(fmt(m.cpuNanos() / 1e9, 2)).append(" | ").append(m.peakHeapBytes() >> 20).append(" | ")
                .append(m.exitCode()).append(" |\n");
    }

    private void askSection(StringBuilder md) {
        md.append("## ask: index and retrieval\n\n");
        if (askRetrieval == null && askCalls.isEmpty() && askRanking == null) {
            md.append("Not measured in this run.\n\n");
            return;
        }
        AskRetrieval.Result r = askRetrieval;
        if (r != null) {
            md.append(String.format(Locale.ROOT, "Retrieval alone, in the benchmark's JVM through the retrieve package "
                            + "(`PassageIndex`: sync, search), no model server involved. Corpus: %,d synthetic articles "
                            + "(%,d paragraphs, of which %,d distinct texts: the corpus recombines the seeds' paragraphs), "
                            + "read and cleaned in %.1f s. Queries: %d questions, %d in simplified Chinese, the first %d "
                            + "of those also in traditional script, %d in English naming the same actors; each searched as "
                            + "`ask` searches it before any model call (the question, plus its known names and dates "
                            + "in Chinese; an English question's model rewrite adds up to 3 more queries in a real "
                            + "run), k = %d, once to warm up, then %d rounds timed.%n%n",
                    r.articles(), r.paragraphs(), r.distinctParagraphs(), r.loadSeconds(), r.questions(), r.simplified(),
                    r.traditional(), r.english(), AskRetrieval.K, AskRetrieval.ROUNDS));
            md.append("| index | build (s) | size on disk (MB) | texts embedded | search p50 (ms) | search p95 (ms) | "
                    + "searches | one article added to the built index (s) |\n");
            md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            for (AskRetrieval.Build b : List.of(r.bm25(), r.fused())) {
                md.append("| ").append(b.name()).append(" | ").append(fmt(b.buildSeconds(), 1)).append(" | ")
                        .append(fmt(b.bytesOnDisk() / 1e6, 1)).append(" | ").append(b.textsEmbedded()).append(" | ")
                        .append(fmt(b.p50Millis(), 1)).append(" | ").append(fmt(b.p95Millis(), 1)).append(" | ")
                        .append(b.searches()).append(" | ").append(fmt(b.syncOneSeconds(), 2)).append(" (")
                        .append(b.syncOneParagraphs()).append(" paragraphs) |\n");
            }
            md.append('\n');
            md.append(String.format(Locale.ROOT, "The dense build above is measured, on this corpus: the index embeds "
                            + "each distinct paragraph text once (`retrieve.EmbeddingMemo`, the %d most recent texts; "
                            + "syndicated news repeats paragraphs verbatim), so it embedded %,d texts for %,d "
                            + "paragraphs, %.1f s of its %.1f s. The embedding model costs %.1f ms per paragraph "
                            + "(measured on %d distinct paragraphs in batches of 8, after loading the model in %.1f s "
                            + "and one warm-up batch). **Projection, not a measurement:** a corpus of %,d paragraphs "
                            + "that are all distinct would take about %.0f s (%.0f min) to index with dense vectors "
                            + "on this machine: the measured build with its embedding time replaced by %,d x %.1f ms. "
                            + "BM25 alone needs no model.%n%n",
                    4096, r.fused().textsEmbedded(), r.fused().paragraphs(), r.fused().embedSecondsInBuild(),
                    r.fused().buildSeconds(), r.embedMillisPerParagraph(), r.embedSample(), r.modelLoadSeconds(),
                    r.paragraphs(), r.projectedFusedBuildSeconds(), r.projectedFusedBuildSeconds() / 60,
                    r.paragraphs(), r.embedMillisPerParagraph()));
        }
        if (askRanking != null) {
            md.append(askRankingSection(askRanking));
        }
        if (!askCalls.isEmpty()) {
            md.append("Two questions end to end, `briefing ask QUESTION seeds/` through the CLI in a fresh JVM against "
                    + "the stand-in at P = 1, with a fresh data directory (so the wall time includes loading the "
                    + "embedding model and indexing the three seeds; an English question is first rewritten into Chinese "
                    + "search queries by one small call, a Chinese one is searched as asked):\n\n");
            md.append("| question | calls | prompt tokens | completion tokens | wall (s) | lead-in (s) | lower bound (s) "
                    + "| exit |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            for (int i = 0; i < askCalls.size(); i++) {
                Measurement m = askCalls.get(i);
                String kinds = m.calls().stream().map(Measurement.Call::kind).reduce((a, b) -> a + ", " + b)
                        .orElse("none");
                md.append("| ").append(askQuestions.get(i)).append(" | ").append(m.calls().size()).append(" (")
                        .append(kinds).append(") | ").append(m.promptTokens()).append(" | ")
                        .append(m.completionTokens()).append(" | ").append(fmt(m.wallNanos() / 1e9, 2)).append(" | ")
                        .append(fmt(m.leadInNanos() / 1e9, 2)).append(" | ").append(fmt(m.lowerBoundNanos() / 1e9, 2))
                        .append(" | ").append(m.exitCode()).append(" |\n");
            }
            md.append('\n');
        }
    }

    /** The ranking-quality part of the ask section; static so the text can be checked without a run. */
    static String askRankingSection(RankingEvaluation.Result r) {
        return "### Ranking quality on the evaluation set\n\n"
                + String.format(Locale.ROOT, "Whether `ask` shows the model the paragraph that answers, measured on "
                        + "our own evaluation set (`src/test/java/dev/briefing/ask/IncidentArchive.java`, seed %d): %d "
                        + "short synthetic incident reports (fires, earthquakes, traffic accidents, food poisoning, "
                        + "explosions, knife attacks) in 24 cities that share the same district names, so reports of one "
                        + "kind differ only in place, date, venue, counts and causes; about one in five is in traditional "
                        + "script. One question per report, in turn simplified, traditional and English, whose answering "
                        + "paragraph is known; every other question of each script is held out of tuning. English "
                        + "questions go through the real rewrite path (the ask-query prompt and schema) with the queries a "
                        + "careful model writes for them. Recall at k = the answering article (paragraph) is among the "
                        + "top k passages, k = %d as `ask` shows. The reference is a plain character-bigram BM25 over "
                        + "paragraphs (script-folded as ours), given the same queries.%n%n",
                        RankingEvaluation.SEED, RankingEvaluation.ARTICLES, RankingEvaluation.K)
                + r.table() + "\n"
                + "The ranking chooses articles first (BM25 over the paragraph's words and character pairs and its "
                + "article's title, fused with the dense list at weight 0.05 by reciprocal rank), then the paragraph "
                + "within each article by the question's words its title and lead do not already hold; "
                + "`AskRetrievalEvaluationTest` enforces that held-out paragraph@1 beats the bigram BM25 in every "
                + "script and that English article@1 through the rewrite is at least 0.8. The variants tried are in "
                + "the same test (`-Dask.variants=true`). Before it (commit c51d034: every list fused with equal "
                + "weight, paragraphs ranked on their own) the same set gave held-out paragraph@1 0.26 / 0.38 / 0.12 "
                + "(simplified / traditional / English) and English article@1 0.74: the lead paragraph, which names "
                + "the place and date, outranked the paragraph that answers, and the dense list pulled reports of "
                + "other incidents of the same kind above the right one.\n\n";
    }

    private void targets(StringBuilder md) {
        md.append("## Targets\n\n");
        md.append("| target | measured | met |\n| --- | --- | --- |\n");
        List<Measurement> all = runs.values().stream().flatMap(List::stream).toList();
        if (all.isEmpty()) {
            md.append("| (no workload ran) | | |\n\n");
            return;
        }
        Measurement worstServing = all.stream().max((a, b) -> Double.compare(a.servingRatio(), b.servingRatio()))
                .get();
        Measurement worstReal = all.stream().max((a, b) -> Double.compare(a.ratioAtRealSpeed(),
                b.ratioAtRealSpeed())).get();
        Measurement worstRatio = all.stream().max((a, b) -> Double.compare(a.ratioToLowerBound(),
                b.ratioToLowerBound())).get();
        md.append("| wall time within 1.1x of the lower bound at every P | at real speed: worst ")
                .append(fmt(worstReal.ratioAtRealSpeed(), 3)).append("x (").append(worstReal.workload())
                .append(", P = ").append(worstReal.parallel()).append("); serving span: worst ")
                .append(fmt(worstServing.servingRatio(), 2)).append("x (").append(worstServing.workload())
                .append(", P = ").append(worstServing.parallel()).append("); as measured at x").append(timing.scale())
                .append(" speed: worst ").append(fmt(worstRatio.ratioToLowerBound(), 2)).append("x (")
                .append(worstRatio.workload()).append(", P = ").append(worstRatio.parallel()).append(") | ")
                .append(verdict(worstReal.ratioAtRealSpeed() <= 1.1)).append(" at real speed, ")
                .append(verdict(worstRatio.ratioToLowerBound() <= 1.1)).append(" as measured |\n");
        Measurement worstCpu = all.stream().max((a, b) -> Double.compare(a.cpuShareAtRealSpeed(),
                b.cpuShareAtRealSpeed())).get();
        md.append("| engine CPU under 2% of wall time at realistic model latencies | worst ")
                .append(pct(worstCpu.cpuShareAtRealSpeed())).append(" (").append(worstCpu.workload()).append(", P = ")
                .append(worstCpu.parallel()).append(") | ").append(verdict(worstCpu.cpuShareAtRealSpeed() < 0.02))
                .append(" |\n");
        Measurement worstMap = firstRuns().stream().max((a, b) -> Double.compare(
                a.promptTokens("map") / (double) a.articleTokens(), b.promptTokens("map") / (double) b.articleTokens()))
                .get();
        double mapRatio = worstMap.promptTokens("map") / (double) worstMap.articleTokens();
        md.append("| map prompt tokens at most 1.3x the article tokens | worst ").append(fmt(mapRatio, 2))
                .append("x (").append(worstMap.workload()).append(") | ").append(verdict(mapRatio <= 1.3))
                .append(" |\n");
        Measurement worstReduce = firstRuns().stream().max((a, b) -> Double.compare(
                a.promptTokens("reduce") / (double) a.articleTokens(),
                b.promptTokens("reduce") / (double) b.articleTokens())).get();
        double reduceRatio = worstReduce.promptTokens("reduce") / (double) worstReduce.articleTokens();
        double window = all.stream().mapToDouble(Measurement::largestPromptShareOfWindow).max().orElse(0);
        long cut = all.stream().mapToLong(Measurement::overflows).sum();
        md.append("| reduce input at most a quarter of the article tokens | worst ").append(fmt(reduceRatio, 3))
                .append(" (").append(worstReduce.workload()).append(") | ").append(verdict(reduceRatio <= 0.25))
                .append(" |\n");
        md.append("| every prompt inside the model's context | largest prompt ").append(pct(window))
                .append(" of num_ctx; ").append(cut).append(" cut by the window | ")
                .append(verdict(window <= 1 && cut == 0)).append(" |\n");
        List<Measurement> big = all.stream().filter(m -> m.articles() >= 1000).toList();
        if (big.isEmpty()) {
            md.append("| 1,000 articles briefed within a 512 MB heap | not run | - |\n");
        } else {
            long peak = big.stream().mapToLong(Measurement::peakHeapBytes).max().orElse(0);
            boolean ok = big.stream().allMatch(m -> m.exitCode() == 0) && heap.equals("512m");
            md.append("| 1,000 articles briefed within a 512 MB heap | ran with -Xmx").append(heap)
                    .append(", exit codes ").append(big.stream().map(m -> Integer.toString(m.exitCode())).distinct()
                            .reduce((a, b) -> a + ", " + b).orElse("")).append(", peak heap ")
                    .append(peak >> 20).append(" MB | ").append(verdict(ok)).append(" |\n");
        }
        if (ingest == null) {
            md.append("| ingest at 20 MB/s or better | not run | - |\n");
        } else {
            md.append("| ingest at 20 MB/s or better | ").append(fmt(ingest.mbPerSecond(ingest.ingestSeconds()), 1))
                    .append(" MB/s ingest; ").append(fmt(ingest.mbPerSecond(ingest.totalSeconds()), 1))
                    .append(" MB/s ingest + clean + chunk together | ")
                    .append(verdict(ingest.mbPerSecond(ingest.ingestSeconds()) >= 20)).append(" for ingest, ")
                    .append(verdict(ingest.mbPerSecond(ingest.totalSeconds()) >= 20)).append(" for all three |\n");
        }
        if (daily == null) {
            md.append("| a daily rerun with one new article among 1,000 costs that article's calls plus the reduce | "
                    + "not run | - |\n\n");
        } else {
            Measurement rerun = daily.rerun().m();
            md.append("| a daily rerun with one new article among 1,000 costs that article's calls plus the reduce | ")
                    .append(rerun.calls().size()).append(" calls sent (").append(rerun.count("map")).append(" map + ")
                    .append(rerun.count("reduce")).append(" reduce) against ").append(daily.allowed())
                    .append(" allowed (").append(daily.newArticleChunks()).append(" chunk(s) + the reduce); ")
                    .append(daily.rerun().callsFromCache()).append(" answered from the cache; the rerun with nothing "
                            + "changed sent ").append(daily.unchanged().m().calls().size()).append(" | ")
                    .append(verdict(daily.met())).append(" |\n\n");
        }
        misses(md, all, worstReal, worstRatio, worstServing, worstCpu, worstMap, mapRatio, worstReduce, reduceRatio);
    }

    /** For each target missed here: by how much, and what meeting it would take. */
    private void misses(StringBuilder md, List<Measurement> all, Measurement worstReal, Measurement worstRatio,
            Measurement worstServing, Measurement worstCpu, Measurement worstMap, double mapRatio,
            Measurement worstReduce, double reduceRatio) {
        List<String> notes = new ArrayList<>();
        if (worstRatio.ratioToLowerBound() > 1.1) {
            double excess = (worstRatio.wallNanos() - worstRatio.lowerBoundNanos()) / 1e9;
            notes.add(String.format(Locale.ROOT, "**Wall time against the bound, as measured** (worst %.2fx, %s at "
                            + "P = %d, %.1f s over a %.1f s bound). The stand-in runs the model %.0fx faster than real "
                            + "time, but the engine's own time does not shrink with it: JVM start-up, ingest and "
                            + "chunking before the first call (%.1f s here), the last reply's checks and the render "
                            + "after it. Against a model at real speed the same excess is %.3fx of the bound. What "
                            + "remains inside the serving span (worst %.2fx, %s at P = %d) is the map's last wave "
                            + "(P slots cannot all finish together; sending the longest chunks first would shorten "
                            + "it) and the deterministic merge between the map and the reduce; the scale check shows "
                            + "it too stays put when the model is slower.",
                    worstRatio.ratioToLowerBound(), worstRatio.workload(), worstRatio.parallel(), excess,
                    worstRatio.lowerBoundNanos() / 1e9, 1 / timing.scale(), worstRatio.leadInNanos() / 1e9,
                    worstRatio.ratioAtRealSpeed(), worstServing.servingRatio(), worstServing.workload(),
                    worstServing.parallel()));
        }
        if (worstCpu.cpuShareAtRealSpeed() >= 0.02) {
            notes.add(String.format(Locale.ROOT, "**Engine CPU** (worst %s of the wall time at real speed, %s at "
                            + "P = %d: %.1f s of CPU against a %.0f s bound). Most of it is fixed start-up (class "
                            + "loading and compiling LangChain4j, Jackson, ICU and the schema validator), which a short "
                            + "run at high P cannot amortize. Meeting 2%% there would take a class-data-sharing "
                            + "archive of the engine's classes (AppCDS) or a long-lived engine process.",
                    pct(worstCpu.cpuShareAtRealSpeed()), worstCpu.workload(), worstCpu.parallel(),
                    worstCpu.cpuNanos() / 1e9, worstCpu.lowerBoundNanos() / 1e9 / timing.scale()));
        }
        if (mapRatio > 1.3) {
            double perArticle = worstMap.articleTokens() / (double) worstMap.articles();
            double perCall = worstMap.promptTokens("map") / (double) Math.max(1, worstMap.count("map"));
            notes.add(String.format(Locale.ROOT, "**Map prompt tokens** (worst %.2fx the article tokens, %s; "
                            + "target 1.3x, missed by %.0f%%). The articles here average %.0f tokens, one chunk "
                            + "each, and every map call carries the prompt's fixed part (%d tokens: instructions, "
                            + "title, paragraph markers, chat template) once: %.0f prompt tokens per call. Bigger "
                            + "chunks do not help an article that already fits one. Meeting 1.3x needs the fixed "
                            + "part under 30%% of a call's text: packing several short articles of the day into one "
                            + "map call up to --chunk-tokens (citations would then name the article as well as the "
                            + "paragraph) spreads it over about 3,000 tokens of text, about 1.2x; cutting the "
                            + "instructions further would cost what a small model needs to be told.",
                    mapRatio, worstMap.workload(), (mapRatio / 1.3 - 1) * 100, perArticle, Benchmark.mapPromptOverhead(),
                    perCall));
        }
        if (reduceRatio > 0.25) {
            notes.add(String.format(Locale.ROOT, "**Reduce input** (worst %.3f of the article tokens, %s; target "
                            + "0.25). The reduce reads each merged note once (and, on a large day, each part's "
                            + "short result once more), so its share falls as a day grows and articles repeat each "
                            + "other (see the larger corpora); on a small day of distinct articles the synthesis "
                            + "prompt's own instructions (about 500 tokens) and about 14 notes per article, each "
                            + "naming its articles by a 12-character id, are a large share. Meeting a quarter there "
                            + "would take naming articles by a short number in the notes, and a shorter synthesis "
                            + "prompt; fewer notes per chunk would cost the briefing content.",
                    reduceRatio, worstReduce.workload()));
        }
        if (ingest != null && ingest.mbPerSecond(ingest.ingestSeconds()) >= 20
                && ingest.mbPerSecond(ingest.totalSeconds()) < 20) {
            notes.add(String.format(Locale.ROOT, "**Ingest, clean and chunk together** (%.1f MB/s; ingest alone "
                            + "%.1f MB/s meets the 20 MB/s target). Cleaning converts every paragraph to simplified "
                            + "script with ICU's rule-based transliterator, which costs about as much as reading. The "
                            + "stages run on one thread; articles are independent, so normalizing them on all cores "
                            + "would multiply the rate by the core count.", ingest.mbPerSecond(ingest.totalSeconds()),
                    ingest.mbPerSecond(ingest.ingestSeconds())));
        } else if (ingest != null && ingest.mbPerSecond(ingest.ingestSeconds()) < 20) {
            double[] stage = {ingest.ingestSeconds(), ingest.cleanSeconds(), ingest.chunkSeconds()};
            String[] names = {"ingest", "clean", "chunk"};
            int slowest = stage[0] >= stage[1] && stage[0] >= stage[2] ? 0 : stage[1] >= stage[2] ? 1 : 2;
            notes.add(String.format(Locale.ROOT, "**Ingest throughput** (%.1f MB/s for ingest, clean and chunk "
                            + "together; target 20). The slowest stage is %s (%.1f MB/s). The stages run on one "
                            + "thread; articles are independent, so normalizing them on all cores would multiply it "
                            + "by the core count.", ingest.mbPerSecond(ingest.totalSeconds()), names[slowest],
                    ingest.mbPerSecond(stage[slowest])));
        }
        if (daily != null && !daily.met()) {
            Measurement rerun = daily.rerun().m();
            notes.add(String.format(Locale.ROOT, "**daily rerun** (%d calls sent, %d map and %d reduce, against %d "
                            + "allowed; the rerun with nothing changed sent %d). Every map call beyond the new "
                            + "article's chunks is a chunk whose prompt differs from the first run's (the cache key "
                            + "is the exact request), so the prompt must depend only on the chunk itself.",
                    rerun.calls().size(), rerun.count("map"), rerun.count("reduce"), daily.allowed(),
                    daily.unchanged().m().calls().size()));
        }
        if (!notes.isEmpty()) {
            md.append("### What the misses would take\n\n");
            notes.forEach(n -> md.append("- ").append(n).append("\n"));
            md.append('\n');
        }
    }

    private List<Measurement> firstRuns() {
        return runs.values().stream().map(l -> l.get(0)).toList();
    }

    private static String verdict(boolean met) {
        return met ? "yes" : "**no**";
    }

    private static String pct(double share) {
        return Double.isNaN(share) ? "-" : fmt(share * 100, share < 0.1 ? 2 : 1) + "%";
    }

    static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static double firstNumber(String load) {
        try {
            return Double.parseDouble(load.split("\\s+")[0]);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }
}
