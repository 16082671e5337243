package dev.briefing.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One thing the benchmark measures: a command of the real CLI over some input, run in a
 * fresh JVM against the stand-in model server at each concurrency limit P. Adding a workload
 * (ask, daily) is one class implementing this and one line in {@link Benchmark#workloads}.
 */
public interface Workload {
    /** Short name for tables: "brief, 100 articles". */
    String name();

    /** One sentence on what the input is, for the report. */
    String description();

    /** Writes the input under {@code scratch} and returns what to pass to the command. */
    Path prepare(Path scratch, SyntheticCorpus corpus) throws IOException;

    /** The command line of one run (without "java ... Main"), writing its output under {@code out}. */
    List<String> args(Path input, String host, int parallel, Path out);

    /** The concurrency limits to measure at. */
    default List<Integer> parallels() {
        return List.of(1, 2, 4, 8);
    }
}
