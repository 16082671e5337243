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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code briefing brief} over 1,000 articles spread over four stand-in model servers, each in
 * its own JVM with its own slot limit, the fourth addressed as an OpenAI-compatible server
 * ({@code /v1}, vLLM's dialect); then the same with that fourth host killed (its process
 * destroyed) when it has served half its share. {@code -Dbench.only=hosts} runs this alone;
 * {@code -Dbench.hostSlots=2,4} the slots per host it runs at.
 */
final class SeveralHosts {
    static final String NAME = "several hosts";
    static final int HOSTS = 4;
    static final int ARTICLES = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Path scratch;
    private final String classpath = System.getProperty("java.class.path");

    /** One run: the merged call log of all hosts, and what each host served. */
    record Run(String label, int hosts, int slotsPerHost, Measurement m, Map<String, Integer> callsByHost, long boundNanos,
            long killedAtNanos, int lostHostCalls, String warning) {
        double servingRatio() {
            return (double) m.servingNanos() / boundNanos;
        }
    }

    record Result(int articles, long articleTokens, List<Run> runs) {
    }

    SeveralHosts(Path scratch) {
        this.scratch = scratch;
    }

    static List<Integer> slots() {
        return java.util.Arrays.stream(System.getProperty("bench.hostSlots", "2,4").split(","))
                .map(String::strip).map(Integer::valueOf).toList();
    }

    Result measure(SyntheticCorpus corpus) throws Exception {
        Path input = scratch.resolve("hosts-corpus");
        corpus.write(input, ARTICLES, 20261123L + ARTICLES);
        Benchmark.Stats stats = Benchmark.articleStats(input);
        List<Run> runs = new ArrayList<>();
        List<Process> servers = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        try {
            for (int i = 0; i < HOSTS; i++) {
                Process p = standIn();
                servers.add(p);
                String url = "http://127.0.0.1:" + port(p);
                hosts.add(i == HOSTS - 1 ? url + "/v1" : url);
            }
            for (int slots : slots()) {
                // The control: the same day on one host with all the slots, under the same load, so what the
                // pool adds (or loses) is told apart from what the machine does to every run.
                System.err.printf(Locale.ROOT, "%s: control, 1 x %d slots ...%n", NAME, HOSTS * slots);
                runs.add(run(input, stats, hosts.subList(0, 1), servers, HOSTS * slots, false));
                log(runs.get(runs.size() - 1));
                System.err.printf(Locale.ROOT, "%s: %d x %d slots ...%n", NAME, HOSTS, slots);
                runs.add(run(input, stats, hosts, servers, slots, false));
                log(runs.get(runs.size() - 1));
            }
            int slots = slots().get(slots().size() - 1);
            System.err.printf(Locale.ROOT, "%s: %d x %d slots, the /v1 host killed halfway ...%n", NAME, HOSTS, slots);
            runs.add(run(input, stats, hosts, servers, slots, true));
            log(runs.get(runs.size() - 1));
        } finally {
            for (Process p : servers) {
                p.getOutputStream().close();
                p.destroy();
                p.waitFor();
            }
        }
        return new Result(stats.articles(), stats.articleTokens(), runs);
    }

    private static void log(Run r) {
        System.err.printf(Locale.ROOT, "  %d calls %s, wall %.1fs, serving %.1fs, bound %.1fs, serving / bound %.3f, exit %d%n",
                r.m().calls().size(), r.callsByHost(), r.m().wallNanos() / 1e9, r.m().servingNanos() / 1e9,
                r.boundNanos() / 1e9, r.servingRatio(), r.m().exitCode());
    }

    private Process standIn() throws IOException {
        Timing t = Benchmark.TIMING;
        return new ProcessBuilder(Benchmark.java(), "-cp", classpath, "-Xmx256m", StandInOllama.class.getName(), "1",
                Benchmark.fmt(t.latencyMs()), Benchmark.fmt(t.prefillMsPerToken()), Benchmark.fmt(t.decodeMsPerToken()),
                Benchmark.fmt(t.scale())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static int port(Process p) throws IOException {
        String ready = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (ready == null || !ready.startsWith("port ")) {
            throw new IllegalStateException("a stand-in server did not start: " + ready);
        }
        return Integer.parseInt(ready.substring(5).strip());
    }

    private static String root(String host) {
        return host.endsWith("/v1") ? host.substring(0, host.length() - 3) : host;
    }

    private Run run(Path input, Benchmark.Stats stats, List<String> hosts, List<Process> servers, int slots,
            boolean kill) throws Exception {
        double scale = Benchmark.TIMING.scale();
        for (String h : hosts) {
            send("POST", root(h) + "/bench/reset?parallel=" + slots + "&scale=" + scale);
        }
        Path runDir = Files.createTempDirectory(scratch, "hosts-run");
        Path statsFile = runDir.resolve("stats.json");
        List<String> command = new ArrayList<>(List.of(Benchmark.java(), "-Xmx" + Benchmark.HEAP, "-Dfile.encoding=UTF-8"));
        command.addAll(Benchmark.launcherJvmOptions());
        command.addAll(List.of("-cp", classpath, BenchRun.class.getName(), statsFile.toString(), "brief"));
        for (String h : hosts) {
            command.addAll(List.of("--host", h + "#" + slots));
        }
        // Progress stays on (it goes to the run's stderr file): the host leaving the pool is a line there.
        command.addAll(List.of("--no-cache", "-o", runDir.resolve("out").toString(), input.toString()));
        Process engine = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();

        String dying = hosts.get(hosts.size() - 1);
        long killedAt = 0;
        JsonNode dyingLog = null;
        if (kill) {
            int half = ARTICLES / HOSTS / 2;
            while (engine.isAlive()) {
                JsonNode log = JSON.readTree(send("GET", root(dying) + "/bench/calls"));
                if (log.path("calls").size() >= half) {
                    dyingLog = log;
                    servers.get(servers.size() - 1).destroyForcibly().waitFor();
                    killedAt = System.nanoTime();
                    break;
                }
                Thread.sleep(50);
            }
        }
        int code = engine.waitFor();
        if (code != 0 || !Files.exists(statsFile)) {
            throw new IllegalStateException(NAME + ": the run's JVM exited " + code);
        }
        JsonNode s = JSON.readTree(statsFile.toFile());
        List<Measurement.Call> calls = new ArrayList<>();
        Map<String, Integer> byHost = new LinkedHashMap<>();
        int maxConcurrent = 0;
        long epoch0 = -1;
        for (String h : hosts) {
            JsonNode log = kill && h.equals(dying) ? dyingLog : JSON.readTree(send("GET", root(h) + "/bench/calls"));
            long epoch = log.path("epochNanos").asLong();
            if (epoch0 < 0) {
                epoch0 = epoch;
            }
            maxConcurrent = Math.max(maxConcurrent, log.path("maxConcurrent").asInt());
            byHost.put(h, log.path("calls").size());
            for (Measurement.Call c : Measurement.calls(log, scale)) {
                // Every stand-in logs from its own reset; System.nanoTime() is one clock for all of them.
                long shift = epoch - epoch0;
                calls.add(new Measurement.Call(c.kind(), c.promptTokens(), c.outputTokens(), c.numCtx(), c.overflow(),
                        c.modelNanos(), c.sleptNanos(), c.queuedNanos(), c.startNanos() + shift, c.endNanos() + shift));
            }
        }
        long start = s.path("startNanos").asLong() - epoch0;
        long wall = s.path("wallNanos").asLong();
        long firstCall = calls.stream().mapToLong(c -> c.startNanos() - c.queuedNanos()).min().orElse(start);
        long lastReply = calls.stream().mapToLong(Measurement.Call::endNanos).max().orElse(start + wall);
        Measurement m = new Measurement(NAME, hosts.size() * slots, stats.articles(), stats.articleTokens(), code, wall,
                Math.max(0, firstCall - start), Math.max(0, start + wall - lastReply), s.path("cpuNanos").asLong(),
                s.path("peakHeapBytes").asLong(), s.path("maxHeapBytes").asLong(), s.path("gcMillis").asLong(),
                calls, maxConcurrent, scale);
        long bound = m.lowerBoundNanos();
        String warning = "";
        if (kill) {
            bound = boundAfterKill(calls, killedAt - epoch0, firstCall, (HOSTS - 1) * slots);
            Path err = statsFile.resolveSibling("stats.json.stderr");
            warning = Files.readAllLines(err, StandardCharsets.UTF_8).stream().filter(l -> l.contains("left the pool"))
                    .findFirst().orElse("(no warning)");
        }
        String label = kill ? "the /v1 host killed halfway" : hosts.size() == 1 ? "control: one host" : "all hosts up";
        return new Run(label, hosts.size(), slots, m, byHost, bound,
                kill ? killedAt - epoch0 - firstCall : 0, kill ? byHost.get(dying) : 0, warning);
    }

    /**
     * The shortest serving span after a host died at {@code killed}: the time until then, plus the
     * work the remaining slots still had to do after it (what was left of the calls under way, the
     * calls not yet started, and the dead host's lost calls sent again) spread perfectly over them,
     * then the reduce's critical path as in {@link Measurement#lowerBoundNanos}.
     */
    static long boundAfterKill(List<Measurement.Call> calls, long killed, long firstCall, int slotsLeft) {
        long work = 0;
        long longest = 0;
        List<Measurement.Call> reduce = new ArrayList<>();
        for (Measurement.Call c : calls) {
            if (c.kind().equals("reduce")) {
                reduce.add(c);
                continue;
            }
            long after = Math.max(0, c.endNanos() - Math.max(c.startNanos(), killed));
            work += after;
            longest = Math.max(longest, after);
        }
        long bound = Math.max(0, killed - firstCall) + Math.max((work + slotsLeft - 1) / slotsLeft, longest);
        reduce.sort(Comparator.comparingLong(Measurement.Call::endNanos));
        if (!reduce.isEmpty()) {
            long rest = reduce.subList(0, reduce.size() - 1).stream().mapToLong(Measurement.Call::sleptNanos).sum();
            long restLongest = reduce.subList(0, reduce.size() - 1).stream().mapToLong(Measurement.Call::sleptNanos)
                    .max().orElse(0);
            bound += Math.max((rest + slotsLeft - 1) / slotsLeft, restLongest) + reduce.get(reduce.size() - 1).sleptNanos();
        }
        return bound;
    }

    /** The section of docs/benchmarks.md. */
    static String markdown(Result r) {
        StringBuilder md = new StringBuilder();
        md.append("## Several hosts: 1,000 articles over four servers\n\n");
        md.append(String.format(Locale.ROOT, "`briefing brief --host H1#N --host H2#N --host H3#N --host H4/v1#N --no-cache` "
                + "over the 1,000-article corpus (%d articles, %d article tokens), four stand-in servers each in its own "
                + "JVM with N slots, the fourth addressed as an OpenAI-compatible server (`/v1`, vLLM's dialect: "
                + "`response_format`, `max_tokens`, its `/v1/models`); the engine keeps N + 1 requests at each "
                + "(pipeline.HostPool). The serving span (first call to last reply) is measured against the lower bound "
                + "of all 4 x N slots; for the run with a host killed, against the bound of the slots left after the "
                + "kill plus the time until it (`SeveralHosts.boundAfterKill`: the work left at the kill, the lost calls "
                + "sent again included, spread over the remaining slots, then the reduce). Each four-host run follows a "
                + "control: the same day on one stand-in with all 4 x N slots, under the same machine load, so what the "
                + "pool itself costs shows apart from what a busy machine costs every run (the engine verifies every reply "
                + "on the CPU the stand-ins share).\n\n",
                r.articles(), r.articleTokens()));
        md.append("| run | slots | calls per host | calls | wall (s) | serving span (s) | bound (s) | serving / bound "
                + "| most served at once by one host | exit |\n");
        md.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Run run : r.runs()) {
            md.append(String.format(Locale.ROOT, "| %s | %d x %d | %s | %d | %.2f | %.2f | %.2f | %.3fx | %d | %d |%n",
                    run.label(), run.hosts(), run.slotsPerHost(), String.join(", ", run.callsByHost().values().stream()
                            .map(String::valueOf).toList()), run.m().calls().size(), run.m().wallNanos() / 1e9,
                    run.m().servingNanos() / 1e9, run.boundNanos() / 1e9, run.servingRatio(), run.m().maxConcurrent(),
                    run.m().exitCode()));
        }
        for (Run run : r.runs()) {
            if (run.killedAtNanos() > 0) {
                md.append(String.format(Locale.ROOT, "%nThe killed host had served %d calls when its process was "
                        + "destroyed, %.2f s into the serving span; the engine printed `%s` and finished the day on the "
                        + "other three.%n", run.lostHostCalls(), run.killedAtNanos() / 1e9,
                        run.warning().replaceAll("http://127\\.0\\.0\\.1:\\d+", "http://127.0.0.1:PORT")));
            }
        }
        md.append("\n");
        return md.toString();
    }

    private String send(String method, String url) throws IOException, InterruptedException {
        return Benchmark.send(http, method, url);
    }
}
