package dev.briefing.retrieve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What built an index: its layout version, the analyzer, the embedding model. An index
 * whose manifest differs from the running code's is rebuilt, never searched with mismatched
 * tokens or vectors.
 */
public record IndexManifest(int format, String analyzer, String embedder, int dimensions) {
    static final String FILE = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public IndexManifest {
        Objects.requireNonNull(analyzer, "analyzer");
        Objects.requireNonNull(embedder, "embedder");
        if (format < 1) {
            throw new IllegalArgumentException("format must be >= 1: " + format);
        }
        if (dimensions < 0) {
            throw new IllegalArgumentException("dimensions must not be negative: " + dimensions);
        }
    }

    /** The manifest in {@code dir}, or empty when there is none or it cannot be read. */
    static Optional<IndexManifest> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(Files.readAllBytes(file));
            return Optional.of(new IndexManifest(n.path("format").asInt(0), n.path("analyzer").asText(""),
                    n.path("embedder").asText(""), n.path("dimensions").asInt(0)));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    void write(Path dir) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", format);
        n.put("analyzer", analyzer);
        n.put("embedder", embedder);
        n.put("dimensions", dimensions);
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n).getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, dir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Why {@code stored} cannot be used with this manifest, or null when it can. */
    String mismatch(IndexManifest stored) {
        if (stored.format != format) {
            return "index format " + stored.format + " -> " + format;
        }
        if (!stored.analyzer.equals(analyzer)) {
            return "analyzer changed (" + stored.analyzer + " -> " + analyzer + ")";
        }
        if (!stored.embedder.equals(embedder) || stored.dimensions != dimensions) {
            return "embedding model changed (" + stored.embedder + " -> " + embedder + ")";
        }
        return null;
    }
}
