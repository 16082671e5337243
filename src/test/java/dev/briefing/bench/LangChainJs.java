package dev.briefing.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * LangChain.js' map-reduce summarization chain, installed from the npm registry into
 * {@code target/langchain-js} the first time the side-by-side benchmark runs (only there: plain
 * {@code mvn verify} never reaches this class), and run as {@code node} over a folder of articles.
 * The script is ours ({@code src/test/resources/dev/briefing/bench/langchain-map-reduce.mjs});
 * only the packages come from the registry, at the versions pinned here.
 */
final class LangChainJs {
    /** The packages and versions measured; the report names them. */
    static final List<String> PACKAGES = List.of("@langchain/classic@1.0.50", "@langchain/core@1.4.0",
            "@langchain/ollama@1.3.0");
    static final String SCRIPT = "langchain-map-reduce.mjs";

    private final Path dir;

    private LangChainJs(Path dir) {
        this.dir = dir;
    }

    /** Installs the packages into {@code dir} unless they are there already, and writes the script. */
    static LangChainJs install(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path marker = dir.resolve("installed.txt");
        String wanted = String.join("\n", PACKAGES) + "\n";
        if (!Files.exists(marker) || !Files.readString(marker).equals(wanted)) {
            Files.writeString(dir.resolve("package.json"),
                    "{\"name\":\"briefing-bench-langchain\",\"private\":true,\"type\":\"module\"}\n");
            List<String> command = new java.util.ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund",
                    "--save-exact", "--loglevel=error"));
            command.addAll(PACKAGES);
            System.err.println("side by side: npm install " + String.join(" ", PACKAGES) + " into " + dir + " ...");
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("npm install of " + PACKAGES + " failed (is npm on PATH and the "
                        + "registry reachable?)");
            }
            Files.writeString(marker, wanted);
        }
        try (InputStream in = LangChainJs.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("the script " + SCRIPT + " is missing from the test resources");
            }
            Files.write(dir.resolve(SCRIPT), in.readAllBytes());
        }
        return new LangChainJs(dir);
    }

    /** The command that summarizes {@code articles} with the chain against the Ollama at {@code host}. */
    List<String> command(Path articles, String host, String model) {
        return List.of("node", dir.resolve(SCRIPT).toString(), articles.toString(), host, model);
    }

    Path dir() {
        return dir;
    }

    /** node's version, for the report. */
    static String nodeVersion() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return v;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
