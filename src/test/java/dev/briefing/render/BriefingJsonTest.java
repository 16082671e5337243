package dev.briefing.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.briefing.pipeline.RunRecord;
import dev.briefing.reduce.Briefing;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class BriefingJsonTest {

    private final Briefing sample = SampleBriefing.briefing();

    @Test
    void should_write_a_briefing_that_validates_against_the_schema() {
        BriefingSchema.assertValid(BriefingJson.write(sample));
    }

    @Test
    void should_write_cjk_literally_without_unicode_escapes() {
        String json = BriefingJson.write(sample);
        assertFalse(json.contains("\\u"), json);
        assertTrue(json.contains("立法會上週三以大比數通過《航運條例（修訂）草案》"), json);
        assertTrue(json.contains("中美两国代表团在日内瓦举行了为期两天的经贸会谈"), json);
    }

    @Test
    void should_write_nulls_so_every_required_key_is_present() throws Exception {
        JsonNode root = BriefingJson.mapper().readTree(BriefingJson.write(sample));
        JsonNode hk = root.get("articles").get(1);
        assertTrue(hk.has("source") && hk.get("source").isNull());
        JsonNode undated = root.get("events").get(2);
        assertTrue(undated.get("date").isNull());
        assertTrue(undated.get("dateText").isNull());
        assertTrue(undated.get("where").isNull());
        assertTrue(root.get("events").get(1).get("date").isNull());
        assertEquals("上週三", root.get("events").get(1).get("dateText").asText());
    }

    @Test
    void should_write_keys_in_contract_order_with_iso_dates_and_lowercase_enums() throws Exception {
        String json = BriefingJson.write(sample);
        JsonNode root = BriefingJson.mapper().readTree(json);
        assertEquals(List.of("language", "articles", "summary", "events", "actors", "claims", "disagreements",
                "openQuestions", "incomplete", "warnings", "run"), keys(root));
        assertEquals(List.of("id", "topic", "claim", "citations"), keys(root.get("claims").get(0)));
        assertEquals("2025-10-16", root.get("events").get(0).get("date").asText());
        assertEquals("2026-11-23T09:00:00Z", root.get("run").get("startedAt").asText());
        assertEquals("traditional", root.get("articles").get(1).get("script").asText());
        assertEquals("organization", root.get("actors").get(0).get("type").asText());
        assertEquals(6, root.get("articles").get(0).get("paragraphs").asInt());
        assertTrue(json.contains("\"language\": \"zh-Hans\""), "pretty-printed as \"key\": value");
        assertTrue(json.startsWith("{\n  \"language\""), json);
    }

    @Test
    void should_read_back_an_equal_briefing() {
        assertEquals(sample, BriefingJson.readBriefing(BriefingJson.write(sample)));
    }

    @Test
    void should_write_a_daily_briefing_with_its_changes_and_read_it_back() throws Exception {
        Briefing daily = SampleBriefing.dailyBriefing();
        String json = BriefingJson.write(daily);
        BriefingSchema.assertValid(json);
        JsonNode changes = BriefingJson.mapper().readTree(json).get("changes");
        assertEquals("developing", changes.get("events").get(0).get("novelty").asText());
        assertEquals("2026-11-22", changes.get("events").get(0).get("continues").get(0).get("day").asText());
        assertEquals(daily, BriefingJson.readBriefing(json));
    }

    @Test
    void should_leave_changes_out_of_a_briefing_that_has_none() throws Exception {
        assertFalse(BriefingJson.mapper().readTree(BriefingJson.write(sample)).has("changes"));
    }

    @Test
    void should_read_back_actor_types_leniently() {
        String json = BriefingJson.write(sample).replace("\"type\": \"organization\"", "\"type\": \"Org\"");
        assertEquals(sample, BriefingJson.readBriefing(json));
    }

    @Test
    void should_read_a_briefing_written_before_claims_had_a_section() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode)
                BriefingJson.mapper().readTree(BriefingJson.write(sample));
        root.remove("claims");
        Briefing old = BriefingJson.readBriefing(BriefingJson.mapper().writeValueAsString(root));
        assertEquals(List.of(), old.claims());
        assertEquals(sample.events(), old.events());
    }

    @Test
    void should_refuse_to_read_an_unknown_key() {
        String json = BriefingJson.write(sample).replaceFirst("\\{", "{\n  \"extra\": 1,");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BriefingJson.readBriefing(json));
        assertTrue(e.getMessage().contains("extra"), e.getMessage());
    }

    @Test
    void should_refuse_to_read_a_briefing_that_breaks_a_record_rule() {
        String json = BriefingJson.write(sample).replace("\"paragraph\": 2,", "\"paragraph\": 0,");
        assertThrows(IllegalArgumentException.class, () -> BriefingJson.readBriefing(json));
    }

    @Test
    void should_write_and_read_back_the_run_record() throws Exception {
        RunRecord run = SampleBriefing.runRecord();
        String json = BriefingJson.write(run);
        assertFalse(json.contains("\\u"), json);
        assertTrue(json.contains("Big5 推测"), json);
        JsonNode root = BriefingJson.mapper().readTree(json);
        assertEquals("2026-11-23T09:00:00Z", root.get("startedAt").asText());
        assertEquals(List.of("lang", "numCtx", "parallel"), keys(root.get("settings")), "map keys sorted");
        assertTrue(root.get("calls").get(1).get("finishReason").isNull());
        assertEquals(run, BriefingJson.readRunRecord(json));
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            keys.add(it.next());
        }
        return keys;
    }
}
