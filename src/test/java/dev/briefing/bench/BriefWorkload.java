package dev.briefing.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code briefing brief} over the seeds, or over a synthetic corpus of {@code articles}. */
public record BriefWorkload(int articles) implements Workload {
    public static final int SEEDS = 0;

    public static BriefWorkload seeds() {
        return new BriefWorkload(SEEDS);
    }

    @Override
    public String name() {
        return articles == SEEDS ? "brief, 3 seeds" : "brief, " + articles + " articles";
    }

    @Override
    public String description() {
        return articles == SEEDS ? "`briefing brief seeds/`: the three seed articles as they are"
                : "`briefing brief` over " + articles + " synthetic articles recombined from the seeds' paragraphs";
    }

    @Override
    public Path prepare(Path scratch, SyntheticCorpus corpus) throws IOException {
        if (articles == SEEDS) {
            return Path.of("seeds").toAbsolutePath();
        }
        Path dir = scratch.resolve("corpus-" + articles);
        corpus.write(dir, articles, 20261123L + articles);
        return dir;
    }

    /**
     * The 1,000-article corpus can be measured at fewer limits when time is short
     * ({@code -Dbench.parallels1000=2,8}); the report lists the limits it ran.
     */
    @Override
    public List<Integer> parallels() {
        if (articles < 1000) {
            return Workload.super.parallels();
        }
        return java.util.Arrays.stream(System.getProperty("bench.parallels1000", "1,2,4,8").split(","))
                .map(String::strip).map(Integer::valueOf).toList();
    }

    @Override
    public List<String> args(Path input, String host, int parallel, Path out) {
        // --no-cache: each P must send every call; brief's call cache would answer all runs after the first.
        return List.of("brief", "--host", host, "--parallel", Integer.toString(parallel), "-q", "--no-cache",
                "-o", out.toString(), input.toString());
    }
}
