package dev.briefing.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.error.ModelCallException;
import dev.briefing.llm.ChatTurn;
import dev.briefing.llm.FinishReason;
import dev.briefing.llm.ModelReply;
import dev.briefing.llm.ModelRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real inference through llama.cpp, on a tiny model the test writes (no download). */
class EmbeddedLanguageModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PROMPTS = Path.of("prompts").toAbsolutePath();

    @TempDir
    static Path dir;
    static EmbeddedLanguageModel model;

    @BeforeAll
    static void load() {
        Path file = TinyGguf.write(dir.resolve("tiny.gguf"), "新闻记者报道", 7);
        model = new EmbeddedLanguageModel(file, Duration.ofSeconds(60));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static ModelRequest request(JsonNode schema, int numCtx, int numPredict) {
        return new ModelRequest("test", List.of(ChatTurn.system("Reply in JSON."), ChatTurn.user("新闻: 记者报道了一件事。")),
                schema, numCtx, numPredict, 0.0, 42, 20);
    }

    @Test
    void should_reply_with_schema_valid_json_to_every_bundled_schema_even_from_random_weights() throws IOException {
        List<Path> schemas;
        try (Stream<Path> files = Files.list(PROMPTS)) {
            schemas = files.filter(p -> p.toString().endsWith(".schema.json")).sorted().toList();
        }
        assertFalse(schemas.isEmpty());
        List<String> problems = new ArrayList<>();
        for (Path schemaFile : schemas) {
            JsonNode schema = JSON.readTree(schemaFile.toFile());
            ModelReply reply = model.chat(request(schema, 2048, 512));
            JsonNode value = JSON.readTree(reply.content());
            var violations = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema)
                    .validate(value);
            if (!violations.isEmpty() || reply.finishReason() != FinishReason.STOP) {
                problems.add(schemaFile.getFileName() + ": " + reply.finishReason() + " " + violations + " in "
                        + reply.content());
            }
            assertTrue(reply.promptTokens() > 10, "prompt tokens counted: " + reply.promptTokens());
            assertTrue(reply.completionTokens() > 0, "completion tokens counted");
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void should_quote_only_text_of_the_paragraph_a_grounded_citation_names_even_from_random_weights()
            throws IOException {
        JsonNode map = JSON.readTree(PROMPTS.resolve("map-chunk.schema.json").toFile());
        // Random weights often close every list at once; one event at least gives the grammar citations to hold.
        ((com.fasterxml.jackson.databind.node.ObjectNode) map.at("/properties/events")).put("minItems", 1);
        JsonNode schema = dev.briefing.llm.SchemaEnums.restrict(map, "paragraph", List.of(1, 2));
        var grounding = dev.briefing.llm.Grounding.of("paragraph", "quote", java.util.Map.of(
                1, List.of("新闻记者报道了一件事。", "记者报道新闻"), 2, List.of("报道之后新闻记者离开了。")));
        int citations = 0;
        List<String> replies = new ArrayList<>();
        for (int seed = 1; seed <= 3; seed++) {
            ModelReply reply = model.chat(new ModelRequest("test", List.of(ChatTurn.system("Reply in JSON."),
                    ChatTurn.user("[P1] 新闻记者报道了一件事。\n[P2] 报道之后新闻记者离开了。")), schema, 4096, 1536, 0.7, seed,
                    20, grounding));
            replies.add(reply.content());
            JsonNode value = JSON.readTree(reply.content());
            for (JsonNode cited : value.findValues("citations")) {
                for (JsonNode c : cited) {
                    int paragraph = c.path("paragraph").asInt();
                    assertTrue(grounding.spans().containsKey(paragraph), c.toString());
                    assertTrue(grounding.spans().get(paragraph).contains(c.path("quote").asText()),
                            "the quote is one of its paragraph's spans: " + c);
                    citations++;
                }
            }
        }
        assertTrue(citations > 0, "random weights still cite something in three replies: " + replies);
    }

    @Test
    void should_stream_pieces_that_concatenate_to_the_reply() throws IOException {
        JsonNode schema = JSON.readTree(PROMPTS.resolve("summarize-chunk.schema.json").toFile());
        List<String> pieces = new ArrayList<>();
        ModelReply reply = model.chat(request(schema, 2048, 512), pieces::add);
        assertTrue(pieces.size() > 1, "streamed in pieces: " + pieces);
        assertEquals(reply.content(), String.join("", pieces));
    }

    @Test
    void should_fail_a_prompt_that_does_not_fit_num_ctx_before_generating() {
        String longText = "记者报道".repeat(400);
        ModelRequest tooLong = new ModelRequest("map 000 chunk 1/1", List.of(ChatTurn.user(longText)), null, 1024, 256,
                0.0, 42, 100);
        ModelCallException e = assertThrows(ModelCallException.class, () -> model.chat(tooLong));
        assertTrue(e.getMessage().startsWith("map 000 chunk 1/1: the prompt ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("and num_predict 256 do not fit num_ctx 1024; lower --chunk-tokens or "
                + "raise --num-ctx"), e.getMessage());
        assertFalse(e.retryable());
    }

    @Test
    void should_report_a_reply_cut_off_by_num_predict_as_length() throws IOException {
        JsonNode longString = JSON.readTree("{\"type\":\"object\",\"required\":[\"text\"],"
                + "\"properties\":{\"text\":{\"type\":\"string\",\"minLength\":400}}}");
        ModelReply reply = model.chat(request(longString, 2048, 64));
        assertEquals(FinishReason.LENGTH, reply.finishReason());
        assertTrue(reply.completionTokens() >= 64, "counted " + reply.completionTokens());
        assertThrows(IOException.class, () -> JSON.readTree(reply.content()), "cut-off JSON does not parse");
    }

    @Test
    void should_stop_generating_when_interrupted() throws Exception {
        JsonNode endless = JSON.readTree("{\"type\":\"object\",\"required\":[\"text\"],"
                + "\"properties\":{\"text\":{\"type\":\"string\",\"minLength\":100000}}}");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        List<String> pieces = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread caller = new Thread(() -> {
            try {
                model.chat(request(endless, 8192, 8000), pieces::add);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        caller.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (pieces.size() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        caller.interrupt();
        caller.join(10_000);
        assertFalse(caller.isAlive(), "the call ended after the interrupt");
        BriefingException e = assertInstanceOf(BriefingException.class, thrown.get());
        assertEquals(ExitCode.INTERRUPTED, e.exitCode());
        // The model is still usable afterwards: the cancelled sequence freed its slot.
        ModelReply next = model.chat(request(JSON.readTree("{\"type\":\"boolean\"}"), 2048, 16));
        assertTrue(next.content().strip().equals("true") || next.content().strip().equals("false"), next.content());
    }

    @Test
    void should_run_a_second_sequence_while_the_first_is_still_generating() throws Exception {
        JsonNode endless = JSON.readTree("{\"type\":\"object\",\"required\":[\"text\"],"
                + "\"properties\":{\"text\":{\"type\":\"string\",\"minLength\":100000}}}");
        try (EmbeddedLanguageModel two = new EmbeddedLanguageModel(model.file(), Duration.ofSeconds(60))
                .withSequences(2)) {
            assertEquals(2, two.sequences());
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            List<String> pieces = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread endlessCaller = new Thread(() -> {
                try {
                    two.chat(request(endless, 4096, 4000), pieces::add);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            endlessCaller.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (pieces.size() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(pieces.size() >= 5, "the first sequence is generating");
            // Each sequence has the whole num_ctx: a prompt near 4096 tokens fits beside the other.
            ModelRequest longPrompt = new ModelRequest("test", List.of(ChatTurn.user("记者报道".repeat(700))),
                    JSON.readTree("{\"type\":\"boolean\"}"), 4096, 16, 0.0, 42, 20);
            ModelReply second = two.chat(longPrompt);
            assertTrue(second.promptTokens() > 2048, "more than half the window: " + second.promptTokens());
            assertTrue(second.content().strip().equals("true") || second.content().strip().equals("false"),
                    second.content());
            assertTrue(endlessCaller.isAlive(), "the second reply came while the first was still generating");
            endlessCaller.interrupt();
            endlessCaller.join(10_000);
            assertFalse(endlessCaller.isAlive());
            assertEquals(ExitCode.INTERRUPTED, assertInstanceOf(BriefingException.class, thrown.get()).exitCode());
            assertThrows(IllegalStateException.class, () -> two.withSequences(3), "sequences are fixed once loaded");
        }
    }
}
