package dev.briefing.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.cli.Main;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One engine run in its own JVM, so its CPU time and memory are the engine's alone (the
 * stand-in server runs in another process): {@code BenchRun STATS_FILE ARGS...} runs the CLI
 * in-process with those arguments and writes what it measured as JSON.
 *
 * <p>CPU is the process's CPU time during the run (every thread: engine, HTTP client, GC, JIT),
 * not counting JVM start-up. Peak heap is the sum of each heap pool's peak during the run: an
 * upper bound of the true peak, since the pools need not peak at the same moment. The start is
 * reported as {@code System.nanoTime()}, which on Linux is the machine's monotonic clock, so the
 * benchmark can place the run against the stand-in's call log.
 */
public final class BenchRun {
    private BenchRun() {
    }

    public static void main(String[] args) throws Exception {
        Path stats = Path.of(args[0]);
        String[] cli = Arrays.copyOfRange(args, 1, args.length);
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long gcBefore = gcMillis();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(Files.newOutputStream(stats.resolveSibling(stats.getFileName() + ".stderr")),
                true, StandardCharsets.UTF_8);
        int code = Main.run(cli, System.in, nowhere, err, System.getenv(), dev.briefing.cli.Backends.FACTORY,
                Clock.systemUTC(), Path.of("").toAbsolutePath());
        long wall = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("exitCode", code);
        out.put("wallNanos", wall);
        out.put("startNanos", t0);
        out.put("cpuNanos", cpu);
        out.put("jvmCpuNanos", os.getProcessCpuTime());
        out.put("peakHeapBytes", peak);
        out.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        out.put("gcMillis", gcMillis() - gcBefore);
        err.close();
        Files.writeString(stats, new ObjectMapper().writeValueAsString(out));
        System.exit(0);
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }
}
