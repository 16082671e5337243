package dev.briefing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.cli.Backends;
import dev.briefing.cli.Main;
import dev.briefing.embedded.EmbeddedLanguageModel;
import dev.briefing.embedded.TinyGguf;
import dev.briefing.llm.ChatTurn;
import dev.briefing.llm.ModelReply;
import dev.briefing.llm.ModelRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The embedded backend's benchmark ({@code mvn -Pbench verify}, beside {@link Benchmark}):
 * generation and prompt speed of llama.cpp on the tiny test model, the engine's overhead
 * around the model calls of a whole {@code brief} of the seeds, and what the library adds to
 * the jar. Writes {@code docs/embedded-benchmark.md} ({@code bench.embeddedOut}). The tiny
 * model's speed says nothing about a real 1.5B model's: it measures the engine, not the model.
 */
public final class EmbeddedBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RUNS = 5;

    private EmbeddedBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(System.getProperty("bench.embeddedOut", "docs/embedded-benchmark.md"));
        Path scratch = Files.createTempDirectory("briefing-embedded-bench");
        StringBuilder text = new StringBuilder();
        for (String dir : List.of("seeds", "prompts")) {
            try (Stream<Path> files = Files.list(Path.of(dir).toAbsolutePath())) {
                for (Path p : files.filter(p -> !p.toString().endsWith(".json")).sorted().toList()) {
                    text.append(Files.readString(p));
                }
            }
        }
        Path model = TinyGguf.write(scratch.resolve("tiny.gguf"), text.toString(), 11);
        StringBuilder md = new StringBuilder("# Embedded backend benchmark\n\n");
        md.append("Written by `mvn -Pbench verify` (dev.briefing.bench.EmbeddedBenchmark) on ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, load average ")
                .append(Benchmark.loadAverage()).append(". Model: the tests' tiny llama GGUF (")
                .append(Files.size(model) / 1000).append(" KB, ").append(TinyGguf.LAYERS).append(" layers, ")
                .append(TinyGguf.EMBED).append(" wide), so these figures are llama.cpp's and the engine's cost, ")
                .append("not a real model's speed: Qwen2.5 1.5B Q4_K_M is several hundred times the work per token.\n\n");

        try (EmbeddedLanguageModel llama = new EmbeddedLanguageModel(model, Duration.ofSeconds(120))) {
            JsonNode longText = JSON.readTree("{\"type\":\"object\",\"required\":[\"text\"],"
                    + "\"properties\":{\"text\":{\"type\":\"string\",\"minLength\":2000}}}");
            String article;
            try (Stream<Path> seeds = Files.list(Path.of("seeds").toAbsolutePath())) {
                article = Files.readString(seeds.sorted().findFirst().orElseThrow());
            }
            llama.chat(request(longText, "warm up", 64));
            List<double[]> gen = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                // A long prompt with a short reply, then a short prompt with a long reply.
                ModelReply p = llama.chat(request(null, i + article, 1)); // a new prefix: no cached prompt
                ModelReply g = llama.chat(request(longText, "写" + i, 512));
                gen.add(new double[] {p.promptTokens() * 1000.0 / Math.max(1, p.durationMs()),
                        g.completionTokens() * 1000.0 / Math.max(1, g.durationMs())});
            }
            md.append("| measure | median of ").append(RUNS).append(" |\n|---|---|\n");
            md.append(String.format(Locale.ROOT, "| model load (first call, num_ctx 8192) | %d ms |%n", llama.loadMs()));
            md.append(String.format(Locale.ROOT, "| prompt processing (a seed article, ~%d tokens) | %.0f tokens/s |%n",
                    llama.chat(request(null, article, 1)).promptTokens(), median(gen, 0)));
            md.append(String.format(Locale.ROOT, "| generation under a JSON-schema grammar (512 tokens) | %.0f tokens/s |%n",
                    median(gen, 1)));
        }

        // The whole brief of the seeds through the CLI: wall time against the time inside model calls.
        Path work = scratch.resolve("work");
        Files.createDirectories(work.resolve("seeds"));
        try (Stream<Path> seeds = Files.list(Path.of("seeds").toAbsolutePath())) {
            for (Path p : seeds.toList()) {
                Files.copy(p, work.resolve("seeds").resolve(p.getFileName()));
            }
        }
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        long start = System.nanoTime();
        int code = Main.run(new String[] {"brief", "--host", "embedded", "--no-cache", "-q", "-o", "out", "seeds"},
                new ByteArrayInputStream(new byte[0]), nowhere, nowhere,
                Map.of("BRIEFING_MODEL_FILE", model.toString(), "BRIEFING_DATA_DIR", work.resolve("data").toString()),
                Backends.FACTORY, Clock.systemUTC(), work);
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        JsonNode record = JSON.readTree(work.resolve("out/run.json").toFile());
        long inCalls = 0;
        long tokens = 0;
        for (JsonNode call : record.path("calls")) {
            inCalls += call.path("durationMs").asLong();
            tokens += call.path("promptTokens").asLong() + call.path("completionTokens").asLong();
        }
        md.append(String.format(Locale.ROOT, "%n`brief --host embedded seeds` (exit %d, %d calls, %d tokens): %d ms wall, "
                + "%d ms inside model calls (model load included in the first), so the engine's own work around "
                + "the model (JVM start excluded: in-process) is %d ms.%n", code, record.path("calls").size(), tokens,
                wallMs, inCalls, wallMs - inCalls));

        md.append("\n## What the library adds to the jar\n\n");
        md.append(jarSizes());
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
        System.err.println("wrote " + out);
        // llama.cpp's worker thread is attached to the JVM and never ends: exit as Main does.
        System.exit(0);
    }

    private static ModelRequest request(JsonNode schema, String user, int numPredict) {
        return new ModelRequest("bench", List.of(ChatTurn.system("Reply."), ChatTurn.user(user)), schema, 8192,
                numPredict, 0.0, 1, 10);
    }

    private static double median(List<double[]> rows, int column) {
        double[] values = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }

    private static java.util.function.Predicate<ZipEntry> seen(java.util.Set<String> names) {
        return e -> names.add(e.getName());
    }

    /** de.kherud:llama's jar from the class path: its size, and its native libraries by platform. */
    static String jarSizes() throws IOException {
        Path jar = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of).filter(p -> p.getFileName().toString().startsWith("llama-")
                        && p.toString().contains("de" + java.io.File.separator + "kherud"))
                .findFirst().orElse(null);
        if (jar == null) {
            return "(de.kherud:llama's jar not found on the class path)\n";
        }
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "`%s`: %.1f MB on disk; the shaded `target/briefing.jar` grows by about as much. Per platform "
                        + "(uncompressed / compressed in the jar):%n%n| native library | size | in the jar |%n|---|---|---|%n",
                jar.getFileName(), Files.size(jar) / 1e6));
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().filter(e -> !e.isDirectory() && !e.getName().endsWith(".class")
                    && e.getName().startsWith("de/kherud/llama/"))
                    .sorted(Comparator.comparing(ZipEntry::getName))
                    // the jar lists some entries twice
                    .filter(seen(new java.util.HashSet<>()))
                    .forEach(e -> md.append(String.format(Locale.ROOT, "| %s | %.1f MB | %.1f MB |%n",
                            e.getName().substring("de/kherud/llama/".length()), e.getSize() / 1e6,
                            e.getCompressedSize() / 1e6)));
        }
        return md.toString();
    }
}
