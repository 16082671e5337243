package dev.briefing.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PartialJsonTest {
    private static final String WHOLE = "{\"answerable\": true, \"sentences\": [{\"text\": \"甲说了\\\"是\\\"。\", "
            + "\"citations\": [{\"passage\": 1, \"quote\": \"{不是括号}\"}]}, {\"text\": \"乙[2]\", \"citations\": []}]}";

    @Test
    void should_see_each_array_element_only_once_it_is_complete_at_every_cut() {
        int lastCount = 0;
        for (int cut = 0; cut <= WHOLE.length(); cut++) {
            PartialJson json = PartialJson.of(WHOLE.substring(0, cut));
            int count = json.completeElements("sentences").size();
            assertTrue(count >= lastCount, "never fewer elements as text arrives, cut " + cut);
            lastCount = count;
            if (count >= 1) {
                assertEquals("甲说了\"是\"。", json.completeElements("sentences").get(0).path("text").asText());
            }
        }
        assertEquals(2, lastCount);
        assertEquals("乙[2]", PartialJson.of(WHOLE).completeElements("sentences").get(1).path("text").asText());
    }

    @Test
    void should_know_a_literal_only_once_it_is_complete() {
        assertEquals(Optional.empty(), PartialJson.of("{\"answerable\": tr").literal("answerable"));
        assertEquals(Optional.of("true"), PartialJson.of("{\"answerable\": true,").literal("answerable"));
        assertEquals(Optional.of("false"), PartialJson.of("{\"answerable\":false}").literal("answerable"));
        assertEquals(Optional.empty(), PartialJson.of("{\"x\": \"answerable\", \"y\": 1}").literal("answerable"));
    }

    @Test
    void should_skip_a_preamble_and_ignore_keys_inside_nested_objects() {
        String text = "Here it is:\n```json\n{\"sentences\": [{\"answerable\": true, \"text\": \"a\"}], \"answerable\": false}";
        PartialJson json = PartialJson.of(text);
        assertEquals(Optional.of("false"), json.literal("answerable"));
        assertEquals(1, json.completeElements("sentences").size());
    }

    @Test
    void should_decode_a_string_prefix_and_leave_out_a_half_escape() {
        assertEquals(Optional.empty(), PartialJson.of("{\"summary\"").string("summary"));
        PartialJson.PartialString s = PartialJson.of("{\"summary\": \"第一句\\n第二\\u53e5").string("summary").get();
        assertEquals("第一句\n第二句", s.text());
        assertFalse(s.complete());
        assertEquals("ab", PartialJson.of("{\"summary\": \"ab\\").string("summary").get().text());
        assertEquals("ab", PartialJson.of("{\"summary\": \"ab\\u53").string("summary").get().text());
        PartialJson.PartialString done = PartialJson.of("{\"summary\": \"a\\\"b\", \"keyPoints\": []}").string("summary")
                .get();
        assertEquals(new PartialJson.PartialString("a\"b", true), done);
        assertEquals(List.of(), PartialJson.of("{\"summary\": \"x\"").completeElements("keyPoints"));
    }
}
