package dev.briefing.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonExtractorTest {

    @Test
    void should_take_a_bare_object_as_is() {
        JsonExtractor.Extraction e = JsonExtractor.extract("{\"a\": 1}");
        assertTrue(e.ok());
        assertFalse(e.recovered());
        assertEquals(1, e.value().get("a").asInt());
    }

    @Test
    void should_recover_object_from_markdown_fence() {
        JsonExtractor.Extraction e = JsonExtractor.extract("Here you go:\n```json\n{\"a\": \"}\"}\n```\nDone.");
        assertTrue(e.ok());
        assertTrue(e.recovered());
        assertEquals("}", e.value().get("a").asText());
    }

    @Test
    void should_recover_object_from_prose_and_trailing_garbage() {
        JsonExtractor.Extraction e = JsonExtractor.extract("当然！结果如下 {\"a\": {\"b\": \"x\\\"{\"}} 希望有帮助。}}");
        assertTrue(e.ok(), e.error());
        assertEquals("x\"{", e.value().get("a").get("b").asText());
    }

    @Test
    void should_skip_braces_in_prose_before_the_object() {
        JsonExtractor.Extraction e = JsonExtractor.extract("好的，按照{events, actors}要求提取：\n{\"events\": []}\n以上。");
        assertTrue(e.ok(), e.error());
        assertTrue(e.recovered());
        assertTrue(e.value().get("events").isArray());
    }

    @Test
    void should_not_take_a_nested_object_of_a_cut_off_reply_for_the_reply() {
        JsonExtractor.Extraction e = JsonExtractor.extract("按照{要求}：{\"events\": [{\"title\": \"a\"}, {\"title\": \"b");
        assertFalse(e.ok());
        assertTrue(e.error().contains("cut off"), e.error());
    }

    @Test
    void should_report_trailing_text_after_a_whole_object_as_recovered() {
        JsonExtractor.Extraction e = JsonExtractor.extract("{\"a\": 1}\n}\n注：以上均为原文。");
        assertTrue(e.ok(), e.error());
        assertTrue(e.recovered());
        assertEquals(1, e.value().get("a").asInt());
    }

    @Test
    void should_report_cut_off_object_instead_of_parsing_half() {
        JsonExtractor.Extraction e = JsonExtractor.extract("{\"events\": [{\"title\": \"普京与特朗普通");
        assertFalse(e.ok());
        assertNull(e.value());
        assertTrue(e.error().contains("cut off"), e.error());
    }

    @Test
    void should_report_reply_without_json() {
        assertEquals("the reply contains no JSON object", JsonExtractor.extract("I cannot help with that.").error());
        assertEquals("the reply was empty", JsonExtractor.extract("  ").error());
    }

    @Test
    void should_not_accept_a_top_level_array() {
        assertFalse(JsonExtractor.extract("[1, 2]").ok());
    }
}
