package dev.briefing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * briefing next to LangChain.js' map-reduce summarization chain ({@link LangChainJs}): the same
 * articles, the same stand-in server (its own JVM) with the same timing and slots, each tool's
 * whole process timed from outside (start to exit, start-up included). {@code -Dbench.only=side}
 * runs this alone and splices its section into the existing report.
 *
 * <p>Each tool's lower bound is its own calls placed as tightly as their dependencies allow:
 * briefing's as {@link Measurement#lowerBoundNanos()} (the maps, then the reduce's critical path);
 * LangChain's by level, as the stand-in tells them apart ({@link StandInReplies#kindOf}): the
 * article summaries, the summaries of summaries it makes while their total is over its token
 * limit, then the combining call, each level starting when the one before has ended.
 */
final class SideBySide {
    static final String NAME = "side by side";
    static final List<Integer> PARALLELS = List.of(1, 4, 8);
    /** The held-out run: every call 2 s at real time, 4 slots, the 12 articles. */
    static final Timing HELD_OUT = new Timing(2000, 0, 0, 1.0);
    static final int HELD_OUT_SLOTS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Path scratch;
    private final String classpath = System.getProperty("java.class.path");

    /** One tool's run over one input at one P. */
    record Row(String tool, String input, int articles, int parallel, long wallNanos, int calls, long promptTokens,
            long completionTokens, long boundNanos, String levels, int exit) {
        double ratio() {
            return boundNanos == 0 ? Double.NaN : (double) wallNanos / boundNanos;
        }
    }

    record Result(List<Row> rows, List<Row> heldOut, String ours, String theirs, Timing timing, String loadAtStart,
            String loadAtEnd) {
    }

    SideBySide(Path scratch) {
        this.scratch = scratch;
    }

    Result measure(Path seeds, SyntheticCorpus corpus, Timing timing) throws Exception {
        String load0 = Benchmark.loadAverage();
        LangChainJs lc = LangChainJs.install(Path.of("target", "langchain-js").toAbsolutePath());
        Path seedsX4 = seedsTimesFour(seeds, scratch.resolve("seeds-x4"));
        Path corpus100 = scratch.resolve("side-corpus-100");
        corpus.write(corpus100, 100, 20261123L + 100);
        Ours ours = ours();
        List<Row> rows = new ArrayList<>();
        try (Server server = Server.start(classpath, timing)) {
            // One unmeasured run of each first: the launcher records its class-data archive, the
            // files are in the page cache, node has read its modules once.
            run(server, "briefing", ours.command(seedsX4, server.host, 4, scratch), 4, timing.scale());
            run(server, "LangChain.js", lc.command(seedsX4, server.host, StandInOllama.MODEL), 4, timing.scale());
            for (Path input : List.of(seedsX4, corpus100)) {
                for (int p : PARALLELS) {
                    rows.add(row("briefing", input, p, server, ours.command(input, server.host, p, scratch), timing));
                    rows.add(row("LangChain.js", input, p, server,
                            lc.command(input, server.host, StandInOllama.MODEL), timing));
                }
            }
        }
        List<Row> heldOut = new ArrayList<>();
        try (Server server = Server.start(classpath, HELD_OUT)) {
            heldOut.add(row("briefing", seedsX4, HELD_OUT_SLOTS, server,
                    ours.command(seedsX4, server.host, HELD_OUT_SLOTS, scratch), HELD_OUT));
            heldOut.add(row("LangChain.js", seedsX4, HELD_OUT_SLOTS, server,
                    lc.command(seedsX4, server.host, StandInOllama.MODEL), HELD_OUT));
        }
        return new Result(rows, heldOut, ours.describe, "node " + LangChainJs.nodeVersion() + ", "
                + String.join(", ", LangChainJs.PACKAGES), timing, load0, Benchmark.loadAverage());
    }

    /** The seeds four times over, each copy's first line marked with its number so no tool can skip it as a duplicate. */
    static Path seedsTimesFour(Path seeds, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(seeds)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (int copy = 1; copy <= 4; copy++) {
            for (Path f : files) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                int nl = text.indexOf('\n');
                String first = nl < 0 ? text : text.substring(0, nl);
                String marked = first + "（第" + copy + "份）" + (nl < 0 ? "" : text.substring(nl));
                Files.writeString(dir.resolve("copy" + copy + "_" + f.getFileName()), marked, StandardCharsets.UTF_8);
            }
        }
        return dir;
    }

    /** How briefing is started: the launcher over the built jar (as a user runs it), else the JVM on the classpath. */
    private record Ours(Path jar, String describe) {
        List<String> command(Path input, String host, int parallel, Path scratch) {
            List<String> args = List.of("brief", "--host", host, "--parallel", Integer.toString(parallel), "-q",
                    "--no-cache", "-o", scratch.resolve("side-out").toString(), input.toString());
            List<String> c = new ArrayList<>();
            if (jar != null) {
                c.addAll(List.of("/bin/bash", Path.of("briefing").toAbsolutePath().toString()));
            } else {
                c.addAll(List.of(Benchmark.java(), "-Xmx" + Benchmark.HEAP));
                c.addAll(Benchmark.launcherJvmOptions());
                c.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.briefing.cli.Main"));
            }
            c.addAll(args);
            return c;
        }
    }

    private Ours ours() {
        Path jar = Path.of("target", "briefing.jar").toAbsolutePath();
        if (Files.isRegularFile(jar)) {
            return new Ours(jar, "the launcher `./briefing` over `target/briefing.jar` (its class-data archive recorded "
                    + "by the unmeasured first run)");
        }
        return new Ours(null, "the JVM on the test classpath with the launcher's options (no `target/briefing.jar`: "
                + "run `mvn -Pbench verify` or package first for the launcher and its class-data archive)");
    }

    private Row row(String tool, Path input, int parallel, Server server, List<String> command, Timing timing)
            throws Exception {
        System.err.printf(Locale.ROOT, "side by side: %s, %s, P=%d ...%n", tool, input.getFileName(), parallel);
        Ran ran = run(server, tool, command, parallel, timing.scale());
        int articles;
        try (Stream<Path> s = Files.list(input)) {
            articles = (int) s.filter(Files::isRegularFile).count();
        }
        List<Measurement.Call> calls = ran.calls;
        long bound = tool.equals("briefing") ? oursBound(calls, parallel, timing.scale()) : levelBound(calls, parallel);
        Map<String, Long> byKind = calls.stream().collect(Collectors.groupingBy(Measurement.Call::kind, TreeMap::new,
                Collectors.counting()));
        Row r = new Row(tool, input.getFileName().toString().startsWith("seeds") ? "seeds x4" : "100 articles",
                articles, parallel, ran.wallNanos, calls.size(), calls.stream().mapToLong(Measurement.Call::promptTokens)
                        .sum(), calls.stream().mapToLong(Measurement.Call::outputTokens).sum(), bound,
                byKind.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")),
                ran.exit);
        System.err.printf(Locale.ROOT, "  %d calls (%s), wall %.2fs, bound %.2fs, ratio %.2f, exit %d%n", r.calls(),
                r.levels(), r.wallNanos() / 1e9, r.boundNanos() / 1e9, r.ratio(), r.exit());
        return r;
    }

    private static long oursBound(List<Measurement.Call> calls, int parallel, double scale) {
        return new Measurement("briefing", parallel, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, calls, 0, scale).lowerBoundNanos();
    }

    /** LangChain's calls by level (summary-1, summary-2, ...), each level after the one before. */
    static long levelBound(List<Measurement.Call> calls, int parallel) {
        Map<String, List<Measurement.Call>> levels = calls.stream().collect(Collectors.groupingBy(
                Measurement.Call::kind, TreeMap::new, Collectors.toList()));
        return levels.values().stream().mapToLong(l -> Measurement.level(l, parallel)).sum();
    }

    private record Ran(long wallNanos, int exit, List<Measurement.Call> calls) {
    }

    private Ran run(Server server, String tool, List<String> command, int parallel, double scale) throws Exception {
        send("POST", server.host + "/bench/reset?parallel=" + parallel + "&scale=" + scale);
        Path log = Files.createTempFile(scratch, "side", ".stderr");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile());
        pb.environment().put("XDG_CACHE_HOME", scratch.resolve("side-cache").toString());
        pb.environment().put("BRIEFING_JAR", Path.of("target", "briefing.jar").toAbsolutePath().toString());
        long t0 = System.nanoTime();
        Process p = pb.start();
        int exit = p.waitFor();
        long wall = System.nanoTime() - t0;
        if (exit != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            System.err.println("  " + tool + " exited " + exit + ":\n" + String.join("\n",
                    lines.subList(Math.max(0, lines.size() - 10), lines.size())));
        }
        JsonNode calls = JSON.readTree(send("GET", server.host + "/bench/calls"));
        return new Ran(wall, exit, Measurement.calls(calls, scale));
    }

    private String send(String method, String url) throws IOException, InterruptedException {
        return Benchmark.send(http, method, url);
    }

    /** A stand-in server in its own JVM. */
    private record Server(Process process, String host) implements AutoCloseable {
        static Server start(String classpath, Timing t) throws IOException {
            Process server = new ProcessBuilder(Benchmark.java(), "-cp", classpath, "-Xmx512m",
                    StandInOllama.class.getName(), "1", Benchmark.fmt(t.latencyMs()),
                    Benchmark.fmt(t.prefillMsPerToken()), Benchmark.fmt(t.decodeMsPerToken()), Benchmark.fmt(t.scale()))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String ready = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (ready == null || !ready.startsWith("port ")) {
                server.destroy();
                throw new IllegalStateException("the stand-in server did not start: " + ready);
            }
            return new Server(server, "http://127.0.0.1:" + ready.substring(5).strip());
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            process.destroy();
            process.waitFor();
        }
    }

    // ---- the report's section ----

    static String markdown(Result r) {
        StringBuilder md = new StringBuilder();
        md.append("## Side by side: LangChain.js' map-reduce summarization chain\n\n");
        md.append(String.format(Locale.ROOT, "Measured by `mvn -o -Pbench test-compile "
                + "org.codehaus.mojo:exec-maven-plugin:3.5.0:exec@benchmark -Dbench.only=side` (load average at "
                + "the start %s, at the end %s, on the 2-core machine above, shared with other builds: wall times "
                + "include waiting for the CPU). The same stand-in server (%s) and the same slots (P) for both "
                + "tools, each tool's whole process timed from outside (JVM or node start-up included), every call "
                + "sent (`--no-cache`). briefing: %s. LangChain.js: %s, `loadSummarizationChain(llm, { type: "
                + "\"map_reduce\" })` with its default prompts over one Document per file, `ChatOllama` with "
                + "num_ctx 8192 and num_predict 2048 as briefing's defaults (script: "
                + "`src/test/resources/dev/briefing/bench/langchain-map-reduce.mjs`; its token counter is "
                + "LangChain's offline fallback, characters / 4). The stand-in answers LangChain's \"CONCISE "
                + "SUMMARY\" prompt with the text's first sentences, about 30%% of it (40 to 240 characters). "
                + "Inputs: the three seeds four times over (each copy's first line marked with its number, so "
                + "neither tool skips one as a duplicate) and the 100-article synthetic corpus.\n\n",
                r.loadAtStart(), r.loadAtEnd(), r.timing().describe(), r.ours(), r.theirs()));
        md.append("Bound: each tool's own calls as tightly as their order allows (briefing: the maps over P slots, "
                + "then the reduce's critical path; LangChain: each level of summaries over P slots, one level "
                + "after another, then its combining call); a level of n calls takes at least n / P rounded up "
                + "times its shortest call. A tool that makes more calls has a higher bound: the ratio says what it "
                + "adds around its model calls, the wall time what the user waits.\n\n");
        md.append("| input | articles | P | tool | wall (s) | calls | calls by level | prompt tokens | completion tokens "
                + "| bound (s) | wall / bound | exit |\n");
        md.append("| --- | ---: | ---: | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Row row : r.rows()) {
            rowLine(md, row);
        }
        md.append('\n');
        md.append(String.format(Locale.ROOT, "Held out (the run issue 13 names): the 12 articles, every call %.0f s "
                + "at real time, %d slots.\n\n", HELD_OUT.latencyMs() / 1000, HELD_OUT_SLOTS));
        md.append("| input | articles | P | tool | wall (s) | calls | calls by level | prompt tokens | completion tokens "
                + "| bound (s) | wall / bound | exit |\n");
        md.append("| --- | ---: | ---: | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Row row : r.heldOut()) {
            rowLine(md, row);
        }
        md.append('\n');
        r.heldOut().stream().filter(h -> h.tool().equals("briefing")).findFirst().ifPresent(h -> md.append(
                String.format(Locale.ROOT, "**Target (the held-out run within 1.05x of its bound): %s**, %.3fx "
                        + "(%.2f s over a %.2f s bound; the %.2f s beyond it are start-up, ingest, checks and render "
                        + "around the calls, on a machine with load average %s).\n\n",
                        h.ratio() <= 1.05 ? "met" : "not met", h.ratio(), h.wallNanos() / 1e9, h.boundNanos() / 1e9,
                        (h.wallNanos() - h.boundNanos()) / 1e9, r.loadAtEnd())));
        return md.toString();
    }

    private static void rowLine(StringBuilder md, Row row) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %.2f | %d | %s | %d | %d | %.2f | %.2fx | %d |\n",
                row.input(), row.articles(), row.parallel(), row.tool(), row.wallNanos() / 1e9, row.calls(),
                row.levels(), row.promptTokens(), row.completionTokens(), row.boundNanos() / 1e9, row.ratio(),
                row.exit()));
    }

    /** Replaces this section in an existing report (or puts it before "## Targets"), leaving the rest as it was. */
    static String splice(String report, String section) {
        String head = "## Side by side";
        int start = report.indexOf(head);
        if (start >= 0) {
            int next = report.indexOf("\n## ", start + head.length());
            return report.substring(0, start) + section + (next < 0 ? "" : report.substring(next + 1));
        }
        int targets = report.indexOf("## Targets");
        return targets < 0 ? report + "\n" + section : report.substring(0, targets) + section + report.substring(targets);
    }

    static Comparator<Row> order() {
        return Comparator.comparing(Row::input).thenComparingInt(Row::parallel).thenComparing(Row::tool);
    }
}
