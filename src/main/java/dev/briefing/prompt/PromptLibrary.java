package dev.briefing.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads prompts by name, from the jar (the reviewed files under {@code prompts/}) or from a
 * directory the user points at to try an edited prompt.
 */
public final class PromptLibrary {
    /** The prompts the engine uses. */
    public static final List<String> NAMES = List.of("map-chunk", "synthesize", "synthesize-merge",
            "summarize-chunk", "summarize-merge", "ask-query", "ask-answer");

    /** Made on first use: {@code prompts list} reads no schema and should not pay for Jackson. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final Path directory;
    private final Map<String, PromptTemplate> cache = new ConcurrentHashMap<>();

    private PromptLibrary(Path directory) {
        this.directory = directory;
    }

    /** The prompts shipped in the jar. */
    public static PromptLibrary bundled() {
        return new PromptLibrary(null);
    }

    /** Prompts read from a directory; a name missing there is an error, not a silent fallback. */
    public static PromptLibrary fromDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw BriefingException.usage("prompt directory not found: " + directory);
        }
        return new PromptLibrary(directory);
    }

    public String origin() {
        return directory == null ? "bundled" : directory.toString();
    }

    public PromptTemplate get(String name) {
        return cache.computeIfAbsent(name, this::load);
    }

    /**
     * A prompt's one-line description, from its Markdown alone (its sections checked as
     * {@link #get} checks them): listing prompts parses no schema and hashes no file.
     */
    public String description(String name) {
        PromptTemplate loaded = cache.get(name);
        if (loaded != null) {
            return loaded.description();
        }
        return PromptParser.parse(name, source(name), null, Map.of()).description();
    }

    /** The raw Markdown of a prompt file, as reviewed. */
    public String source(String name) {
        return read(name + ".md").map(b -> new String(b, StandardCharsets.UTF_8))
                .orElseThrow(() -> unknown(name));
    }

    private PromptTemplate load(String name) {
        byte[] markdown = read(name + ".md").orElseThrow(() -> unknown(name));
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put(name + ".md", sha256(markdown));
        JsonNode schema = null;
        Optional<byte[]> schemaBytes = read(name + ".schema.json");
        if (schemaBytes.isPresent()) {
            hashes.put(name + ".schema.json", sha256(schemaBytes.get()));
            try {
                schema = Json.MAPPER.readTree(schemaBytes.get());
            } catch (IOException e) {
                throw new BriefingException(ExitCode.USAGE, "prompt schema " + name + ".schema.json is not JSON: "
                        + e.getMessage(), "fix the file or remove --prompts", e);
            }
        }
        return PromptParser.parse(name, new String(markdown, StandardCharsets.UTF_8), schema, hashes);
    }

    private BriefingException unknown(String name) {
        return BriefingException.usage("no prompt named '" + name + "' in " + origin(),
                "run 'briefing prompts list' to see the prompts");
    }

    private Optional<byte[]> read(String file) {
        try {
            if (directory != null) {
                Path p = directory.resolve(file);
                return Files.isRegularFile(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
            }
            try (InputStream in = PromptLibrary.class.getResourceAsStream("/prompts/" + file)) {
                return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
