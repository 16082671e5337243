package dev.briefing.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The schema is a real contract: it fails documents that break it. */
class BriefingSchemaTest {

    private static final ObjectMapper MAPPER = BriefingJson.mapper();

    @Test
    void should_accept_the_sample() {
        BriefingSchema.assertValid(BriefingJson.write(SampleBriefing.briefing()));
    }

    @Test
    void should_accept_an_empty_complete_briefing() {
        String json = """
                {"language": "en", "articles": [], "summary": {"text": "", "citations": []},
                 "events": [], "actors": [], "claims": [], "disagreements": [], "openQuestions": [],
                 "incomplete": false, "warnings": [],
                 "run": {"model": "m", "host": "h", "startedAt": "2026-01-01T00:00:00Z", "durationMs": 0,
                         "calls": 0, "promptTokens": 0, "completionTokens": 0, "droppedCitations": 0,
                         "droppedItems": 0, "failedChunks": []}}
                """;
        BriefingSchema.assertValid(json);
    }

    @Test
    void should_accept_the_example_in_the_format_documentation() throws Exception {
        String doc = Files.readString(Path.of("docs", "briefing-format.md"));
        Matcher example = Pattern.compile("(?s)## Example.*?```json\\n(.*?)```").matcher(doc);
        assertTrue(example.find(), "docs/briefing-format.md has a json example");
        BriefingSchema.assertValid(example.group(1));
        BriefingJson.readBriefing(example.group(1));
    }

    @Test
    void should_reject_a_document_without_run() {
        assertRejected(root -> root.remove("run"), "run");
    }

    @Test
    void should_reject_an_event_without_citations() {
        assertRejected(root -> ((ObjectNode) root.get("events").get(0)).putArray("citations"), "citations");
    }

    @Test
    void should_reject_a_citation_with_paragraph_zero() {
        assertRejected(root -> ((ObjectNode) root.get("events").get(0).get("citations").get(0)).put("paragraph", 0),
                "paragraph");
    }

    @Test
    void should_reject_a_blank_quote() {
        assertRejected(root -> ((ObjectNode) root.get("actors").get(0).get("citations").get(0)).put("quote", " "),
                "quote");
    }

    @Test
    void should_reject_an_unknown_key_at_the_top() {
        assertRejected(root -> root.put("confidence", 0.9), "confidence");
    }

    @Test
    void should_reject_an_unknown_key_in_a_nested_object() {
        assertRejected(root -> ((ObjectNode) root.get("actors").get(0)).put("nickname", "x"), "nickname");
    }

    @Test
    void should_reject_a_disagreement_with_one_position() {
        assertRejected(root -> ((ArrayNode) root.get("disagreements").get(0)
                .get("positions")).remove(1), "positions");
    }

    @Test
    void should_reject_a_date_that_is_not_iso() {
        assertRejected(root -> ((ObjectNode) root.get("events").get(0)).put("date", "16 Oct 2025"), "date");
    }

    @Test
    void should_reject_a_start_time_that_is_not_a_timestamp() {
        assertRejected(root -> ((ObjectNode) root.get("run")).put("startedAt", "yesterday"), "startedAt");
    }

    @Test
    void should_reject_an_unknown_script_and_actor_type() {
        assertRejected(root -> ((ObjectNode) root.get("articles").get(0)).put("script", "cantonese"), "script");
        assertRejected(root -> ((ObjectNode) root.get("actors").get(0)).put("type", "Org"), "type");
    }

    @Test
    void should_reject_a_missing_nullable_key() {
        assertRejected(root -> ((ObjectNode) root.get("articles").get(1)).remove("source"), "source");
    }

    @Test
    void should_report_every_violation_in_the_failure_message() {
        String broken = mutate(root -> {
            root.remove("run");
            root.put("confidence", 1);
        });
        AssertionError e = assertThrows(AssertionError.class, () -> BriefingSchema.assertValid(broken));
        assertTrue(e.getMessage().contains("run") && e.getMessage().contains("confidence"), e.getMessage());
    }

    private static void assertRejected(Consumer<ObjectNode> change, String mentioned) {
        String json = mutate(change);
        List<String> errors = BriefingSchema.errors(json);
        assertFalse(errors.isEmpty(), "schema accepted a broken document");
        assertTrue(errors.stream().anyMatch(m -> m.contains(mentioned)), () -> "no error names " + mentioned + ": " + errors);
        assertThrows(AssertionError.class, () -> BriefingSchema.assertValid(json));
    }

    private static String mutate(Consumer<ObjectNode> change) {
        try {
            ObjectNode root = (ObjectNode) MAPPER.readTree(BriefingJson.write(SampleBriefing.briefing()));
            change.accept(root);
            return MAPPER.writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
