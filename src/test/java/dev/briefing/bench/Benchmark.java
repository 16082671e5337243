package dev.briefing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.ask.RankingEvaluation;
import dev.briefing.chunk.TokenEstimator;
import dev.briefing.map.MapPrompt;
import dev.briefing.normalize.Article;
import dev.briefing.normalize.Paragraph;
import dev.briefing.pipeline.ArticleLoader;
import dev.briefing.pipeline.EngineConfig;
import dev.briefing.prompt.PromptLibrary;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The benchmark: {@code mvn -Pbench verify} (README). Starts the stand-in model server in its
 * own JVM, runs every {@link Workload} through the real CLI in a fresh JVM with a 512 MB heap
 * at P = 1, 2, 4, 8, measures ingest throughput on a 50 MB corpus, and writes
 * {@code docs/benchmarks.md}. Every number in that file comes from this run.
 *
 * <p>System properties: {@code bench.scale} (the stand-in's time scale, default 0.01),
 * {@code bench.out} (default docs/benchmarks.md), {@code bench.ingestMb} (default 50),
 * {@code bench.only} (run only workloads whose name contains this; "daily" or "ask" for those),
 * {@code bench.heap} (default 512m), {@code bench.parallels1000} (the limits the 1,000-article
 * brief runs at, default 1,2,4,8), {@code bench.askArticles} (default 10000), {@code bench.hostSlots}
 * (slots per host of the four-host run, default 2,4; "hosts" as bench.only runs it alone).
 */
public final class Benchmark {
    static final Timing TIMING = Timing.realistic7b(Double.parseDouble(System.getProperty("bench.scale", "0.01")));
    static final String HEAP = System.getProperty("bench.heap", "512m");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Path scratch;
    private final String classpath = System.getProperty("java.class.path");

    private Benchmark(Path scratch) {
        this.scratch = scratch;
    }

    /** What is measured. A new workload (ask, daily) is one class and one line here. */
    static List<Workload> workloads() {
        return List.of(BriefWorkload.seeds(), new BriefWorkload(100), new BriefWorkload(1000));
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(System.getProperty("bench.out", "docs/benchmarks.md"));
        int ingestMb = Integer.parseInt(System.getProperty("bench.ingestMb", "50"));
        String only = System.getProperty("bench.only", "");
        Path scratch = Files.createTempDirectory("briefing-bench");
        try {
            Report report = new Report(TIMING, HEAP, Instant.now().truncatedTo(ChronoUnit.SECONDS), loadAverage());
            new Benchmark(scratch).run(report, only, ingestMb);
            report.loadAtEnd(loadAverage());
            Files.createDirectories(out.toAbsolutePath().getParent());
            String md = report.markdown();
            if (only.startsWith("side") && Files.exists(out)) {
                // Run alone, the side-by-side section replaces its own in the report and leaves the rest.
                md = SideBySide.splice(Files.readString(out, StandardCharsets.UTF_8), report.sideBySideMarkdown());
            }
            Files.writeString(out, md, StandardCharsets.UTF_8);
            System.err.println("wrote " + out);
        } finally {
            deleteTree(scratch);
        }
    }

    private void run(Report report, String only, int ingestMb) throws Exception {
        SyntheticCorpus corpus = SyntheticCorpus.fromSeeds(Path.of("seeds").toAbsolutePath());
        Process server = new ProcessBuilder(java(), "-cp", classpath, "-Xmx512m", StandInOllama.class.getName(), "1",
                fmt(TIMING.latencyMs()), fmt(TIMING.prefillMsPerToken()), fmt(TIMING.decodeMsPerToken()),
                fmt(TIMING.scale()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            String ready = lines.readLine();
            if (ready == null || !ready.startsWith("port ")) {
                throw new IllegalStateException("the stand-in server did not start: " + ready);
            }
            String host = "http://127.0.0.1:" + ready.substring(5).strip();
            for (Workload w : workloads()) {
                if (!w.name().contains(only)) {
                    continue;
                }
                Path input = w.prepare(scratch, corpus);
                Stats stats = articleStats(input);
                for (int p : w.parallels()) {
                    System.err.printf(Locale.ROOT, "%s, P=%d ...%n", w.name(), p);
                    Measurement m = runOnce(w, input, stats, host, p);
                    System.err.printf(Locale.ROOT, "  %d calls, wall %.1fs (lead-in %.1fs, tail %.1fs), bound %.1fs, "
                                    + "ratio %.2f, serving %.2f, cpu %.1fs, peak heap %d MB, exit %d%n",
                            m.calls().size(), m.wallNanos() / 1e9, m.leadInNanos() / 1e9, m.tailNanos() / 1e9,
                            m.lowerBoundNanos() / 1e9, m.ratioToLowerBound(), m.servingRatio(), m.cpuNanos() / 1e9,
                            m.peakHeapBytes() >> 20, m.exitCode());
                    report.add(w, m);
                }
                if (w instanceof BriefWorkload b && b.articles() == 100) {
                    // Does the excess over the bound grow with the model's time (idle slots) or
                    // stay put (the engine's own work)? The same run with the model 3x slower says.
                    System.err.printf(Locale.ROOT, "%s, P=4, model 3x slower ...%n", w.name());
                    Measurement slow = runOnce(w, input, stats, host, 4, TIMING.scale() * 3);
                    Measurement base = report.find(w.name(), 4);
                    if (base != null) {
                        report.scaleCheck(base, slow);
                    }
                }
            }
            DailyRerun daily = new DailyRerun(1000, 8);
            if (daily.name().contains(only)) {
                report.daily(daily(daily, corpus, host));
            }
            if ("ask".contains(only) || only.startsWith("ask")) {
                for (String question : ASK_QUESTIONS) {
                    Path seeds = Path.of("seeds").toAbsolutePath();
                    System.err.printf(Locale.ROOT, "ask through the CLI: %s ...%n", question);
                    Measurement m = runCli("ask, 3 seeds", List.of("ask", "--host", host, "-q", "--data-dir",
                            Files.createTempDirectory(scratch, "ask-data").toString(), question, seeds.toString()),
                            articleStats(seeds), host, 1, TIMING.scale());
                    report.askCall(question, m);
                }
            }
        } finally {
            server.getOutputStream().close();
            server.destroy();
            server.waitFor();
        }
        if (SideBySide.NAME.contains(only) || only.startsWith("side")) {
            report.sideBySide(new SideBySide(scratch).measure(Path.of("seeds").toAbsolutePath(), corpus, TIMING));
        }
        if (SeveralHosts.NAME.contains(only)) {
            report.severalHosts(new SeveralHosts(scratch).measure(corpus));
        }
        if ("ask".contains(only) || only.startsWith("ask")) {
            report.askRetrieval(AskRetrieval.measure(corpus, scratch, ASK_ARTICLES));
            System.err.println("ask: ranking on the evaluation set ...");
            try (RankingEvaluation evaluation = RankingEvaluation.build(scratch.resolve("ask-ranking"))) {
                report.askRanking(evaluation.run());
            }
        }
        if (ingestMb > 0) {
            Path dir = scratch.resolve("ingest");
            System.err.printf(Locale.ROOT, "ingest: writing a %d MB corpus ...%n", ingestMb);
            long bytes = corpus.writeMixed(dir, ingestMb * 1_000_000L, 50L);
            report.ingest(IngestThroughput.measure(dir, bytes, EngineConfig.DEFAULT_CHUNK_TOKENS, 3));
            deleteTree(dir);
        }
    }

    static final int ASK_ARTICLES = Integer.getInteger("bench.askArticles", 10_000);
    /** One question that needs the rewrite (English) and one that is searched as asked (Chinese). */
    static final List<String> ASK_QUESTIONS = List.of("What did Putin tell Trump on the October 16 call?",
            "普京在10月16日的通话中对特朗普说了什么？");

    private DailyRerun.Result daily(DailyRerun d, SyntheticCorpus corpus, String host) throws Exception {
        Path inbox = d.prepare(scratch, corpus);
        Stats before = articleStats(inbox);
        System.err.printf(Locale.ROOT, "%s, P=%d: filling the cache ...%n", d.name(), d.parallel());
        DailyRerun.Run fill = dailyRun(d, host, before);
        System.err.printf(Locale.ROOT, "  %d calls sent%n", fill.m().calls().size());
        System.err.printf(Locale.ROOT, "%s: rerun, nothing changed ...%n", d.name());
        DailyRerun.Run unchanged = dailyRun(d, host, before);
        System.err.printf(Locale.ROOT, "  %d calls sent%n", unchanged.m().calls().size());
        int[] added = d.addNewArticle();
        System.err.printf(Locale.ROOT, "%s: rerun with one new article (%d chunk(s)) ...%n", d.name(), added[0]);
        DailyRerun.Run rerun = dailyRun(d, host, articleStats(inbox));
        System.err.printf(Locale.ROOT, "  %d calls sent (%d map, %d reduce), %d from the cache, wall %.1fs%n",
                rerun.m().calls().size(), rerun.m().count("map"), rerun.m().count("reduce"), rerun.callsFromCache(),
                rerun.m().wallNanos() / 1e9);
        return new DailyRerun.Result(d.articles(), d.parallel(), fill, unchanged, rerun, added[0], added[1]);
    }

    private DailyRerun.Run dailyRun(DailyRerun d, String host, Stats stats) throws Exception {
        Object runBefore = d.runFileStamp();
        Measurement m = runCli(d.name(), d.args(host), stats, host, d.parallel(), TIMING.scale());
        if (m.exitCode() != 0) {
            throw new IllegalStateException(d.name() + ": daily exited " + m.exitCode());
        }
        if (runBefore != null && runBefore.equals(d.runFileStamp())) {
            // The day was kept as it was (nothing changed): its run.json is the run that made it.
            return new DailyRerun.Run(m, m.calls().size(), 0);
        }
        int[] counts = d.cacheCounts();
        return new DailyRerun.Run(m, counts[0], counts[1]);
    }

    /** The input's size as the engine reads it. */
    record Stats(int articles, long articleTokens) {
    }

    static Stats articleStats(Path input) {
        List<Article> articles = ArticleLoader.load(List.of(input.toString()), new ByteArrayInputStream(new byte[0]),
                input).articles();
        long tokens = 0;
        for (Article a : articles) {
            tokens += TokenEstimator.estimate(a.title());
            for (Paragraph p : a.paragraphs()) {
                tokens += TokenEstimator.estimate(p.text());
            }
        }
        return new Stats(articles.size(), tokens);
    }

    /** The JVM options the launcher script ({@code ./briefing}) runs the engine with, so the runs measure them. */
    static List<String> launcherJvmOptions() {
        try {
            for (String line : Files.readAllLines(Path.of("briefing"))) {
                // The options array the launcher passes to every java it starts.
                if (line.startsWith("opts=(")) {
                    return java.util.Arrays.stream(line.substring("opts=(".length()).split("[\\s)]+"))
                            .filter(t -> t.startsWith("-XX:")).toList();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of();
    }

    private Measurement runOnce(Workload w, Path input, Stats stats, String host, int parallel) throws Exception {
        return runOnce(w, input, stats, host, parallel, TIMING.scale());
    }

    private Measurement runOnce(Workload w, Path input, Stats stats, String host, int parallel, double scale)
            throws Exception {
        return runCli(w.name(), w.args(input, host, parallel, Path.of(OUT)), stats, host, parallel, scale);
    }

    private int engineRuns;

    /**
     * {@code bench.engineJvmArgs}: more options for each engine JVM, space-separated, {@code {n}}
     * replaced by the run's number (e.g. {@code -XX:StartFlightRecording=filename=/tmp/run{n}.jfr}
     * to profile each run).
     */
    private List<String> engineJvmOptions() {
        String extra = System.getProperty("bench.engineJvmArgs", "").strip();
        int n = ++engineRuns;
        return extra.isEmpty() ? List.of()
                : java.util.Arrays.stream(extra.split("\\s+")).map(a -> a.replace("{n}", Integer.toString(n))).toList();
    }

    /** Stands for the run's own output directory in a command line, which {@link #runCli} creates. */
    private static final String OUT = "@run-out@";

    /** One run of the CLI with these arguments in a fresh JVM. */
    private Measurement runCli(String name, List<String> cliArgs, Stats stats, String host, int parallel,
            double scale) throws Exception {
        send("POST", host + "/bench/reset?parallel=" + parallel + "&scale=" + scale);
        Path runDir = Files.createTempDirectory(scratch, "run");
        Path statsFile = runDir.resolve("stats.json");
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + HEAP, "-Dfile.encoding=UTF-8"));
        command.addAll(launcherJvmOptions());
        command.addAll(engineJvmOptions());
        command.addAll(List.of("-cp", classpath, BenchRun.class.getName(), statsFile.toString()));
        command.addAll(cliArgs.stream().map(a -> a.equals(OUT) ? runDir.resolve("out").toString() : a).toList());
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int code = p.waitFor();
        if (code != 0 || !Files.exists(statsFile)) {
            throw new IllegalStateException(name + " at P=" + parallel + ": the run's JVM exited " + code
                    + " (out of heap?)" + stderrOf(statsFile));
        }
        JsonNode s = JSON.readTree(statsFile.toFile());
        JsonNode log = JSON.readTree(send("GET", host + "/bench/calls"));
        List<Measurement.Call> calls = Measurement.calls(log, scale);
        long start = s.path("startNanos").asLong() - log.path("epochNanos").asLong();
        long end = start + s.path("wallNanos").asLong();
        long firstArrival = calls.stream().mapToLong(c -> c.startNanos() - c.queuedNanos()).min().orElse(end);
        long lastReply = calls.stream().mapToLong(Measurement.Call::endNanos).max().orElse(end);
        Measurement m = new Measurement(name, parallel, stats.articles(), stats.articleTokens(),
                s.path("exitCode").asInt(), s.path("wallNanos").asLong(), Math.max(0, firstArrival - start),
                Math.max(0, end - lastReply), s.path("cpuNanos").asLong(),
                s.path("peakHeapBytes").asLong(), s.path("maxHeapBytes").asLong(), s.path("gcMillis").asLong(),
                calls, log.path("maxConcurrent").asInt(), scale);
        if (m.exitCode() != 0) {
            System.err.println("  the run exited " + m.exitCode() + ":" + stderrOf(statsFile));
        }
        deleteTree(runDir);
        return m;
    }

    private static String stderrOf(Path statsFile) {
        Path err = statsFile.resolveSibling("stats.json.stderr");
        try {
            if (!Files.exists(err)) {
                return "";
            }
            List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
            return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private String send(String method, String url) throws IOException, InterruptedException {
        return send(http, method, url);
    }

    /** A bodiless GET or POST to the stand-in's control endpoints; anything but 200 is an error. */
    static String send(java.net.http.HttpClient http, String method, String url)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        b = method.equals("POST") ? b.POST(HttpRequest.BodyPublishers.noBody()) : b.GET();
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new IllegalStateException(method + " " + url + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** The map prompt's fixed part, in tokens: what every map call adds to its article text. */
    static int mapPromptOverhead() {
        return MapPrompt.overheadTokens(PromptLibrary.bundled().get("map-chunk"), "Chinese (simplified)");
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String fmt(double d) {
        return Double.toString(d);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
