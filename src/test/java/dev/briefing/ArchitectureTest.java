package dev.briefing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The design's boundaries, checked on the sources so they cannot erode unnoticed. */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/dev/briefing");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void should_confine_langchain4j_to_the_backend_packages() throws IOException {
        List<String> offenders = sources().stream()
                .filter(p -> !p.startsWith(MAIN.resolve("ollama")))
                .filter(p -> !p.startsWith(MAIN.resolve("openai")))
                .filter(p -> !p.startsWith(MAIN.resolve("embed")))
                .filter(p -> read(p).contains("dev.langchain4j"))
                .map(Path::toString).toList();
        assertEquals(List.of(), offenders);
        assertFalse(sources().stream().filter(p -> p.startsWith(MAIN.resolve("ollama"))).toList().isEmpty());
        assertFalse(sources().stream().filter(p -> p.startsWith(MAIN.resolve("openai"))).toList().isEmpty());
    }

    /**
     * The one exception: dev.briefing.embed runs LangChain4j's in-process embedding model
     * behind retrieve.Embedder, and may import its embedding and text-segment classes only,
     * never a chat model or anything else of LangChain4j.
     */
    @Test
    void should_let_the_embed_package_use_only_langchain4j_embedding_classes() throws IOException {
        List<Path> embed = sources().stream().filter(p -> p.startsWith(MAIN.resolve("embed"))).toList();
        assertFalse(embed.isEmpty());
        List<String> offenders = embed.stream()
                .flatMap(p -> read(p).lines().filter(l -> l.contains("dev.langchain4j"))
                        .filter(l -> !l.startsWith("import dev.langchain4j.model.embedding.")
                                && !l.equals("import dev.langchain4j.data.segment.TextSegment;"))
                        .map(l -> MAIN.relativize(p) + ": " + l))
                .toList();
        assertEquals(List.of(), offenders);
    }

    /** The flow, in order: a stage may use an earlier one, never a later one. */
    private static final List<String> STAGES = List.of("ingest", "normalize", "chunk", "map", "reduce", "render");

    /** The store keeps what the flow made; it never depends on how a briefing is rendered or run. */
    @Test
    void should_keep_the_store_below_render_and_the_cli() throws IOException {
        List<String> offenders = sources().stream().filter(p -> p.startsWith(MAIN.resolve("store")))
                .filter(p -> read(p).contains("import dev.briefing.render.") || read(p).contains("import dev.briefing.cli."))
                .map(p -> MAIN.relativize(p).toString()).toList();
        assertEquals(List.of(), offenders);
    }

    @Test
    void should_never_let_a_stage_import_a_later_one() throws IOException {
        List<String> offenders = new java.util.ArrayList<>();
        for (int i = 0; i < STAGES.size(); i++) {
            Path stage = MAIN.resolve(STAGES.get(i));
            for (String later : STAGES.subList(i + 1, STAGES.size())) {
                sources().stream().filter(p -> p.startsWith(stage))
                        .filter(p -> read(p).contains("import dev.briefing." + later + "."))
                        .forEach(p -> offenders.add(MAIN.relativize(p) + " imports " + later));
            }
        }
        assertEquals(List.of(), offenders);
    }

    /** llama.cpp (java-llama.cpp) is the embedded backend's engine, and nobody else's business. */
    @Test
    void should_confine_llama_cpp_to_the_embedded_package() throws IOException {
        List<String> offenders = sources().stream()
                .filter(p -> !p.startsWith(MAIN.resolve("embedded")))
                .filter(p -> read(p).contains("de.kherud"))
                .map(Path::toString).toList();
        assertEquals(List.of(), offenders);
        assertFalse(sources().stream().filter(p -> p.startsWith(MAIN.resolve("embedded")))
                .filter(p -> read(p).contains("import de.kherud.llama.")).toList().isEmpty());
    }

    @Test
    void should_exit_only_from_main() throws IOException {
        List<String> offenders = sources().stream()
                .filter(p -> read(p).contains("System.exit("))
                .map(p -> MAIN.relativize(p).toString()).toList();
        assertEquals(List.of("cli/Main.java"), offenders);
    }

    @Test
    void should_keep_stdout_to_the_cli() throws IOException {
        List<String> offenders = sources().stream()
                .filter(p -> !p.startsWith(MAIN.resolve("cli")))
                .filter(p -> read(p).contains("System.out"))
                .map(Path::toString).toList();
        assertEquals(List.of(), offenders);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
