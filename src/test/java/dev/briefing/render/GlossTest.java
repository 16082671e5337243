package dev.briefing.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.briefing.reduce.Briefing;
import dev.briefing.reduce.BriefingCodec;
import org.junit.jupiter.api.Test;

/** {@code --lang en}: the model's translation of a quote beside the quote itself, marked as one, in every output. */
class GlossTest {
    private static final String GLOSS = "the talks were \"frank, pragmatic & productive\"";

    /** The sample in English, every citation of the spokesman's words carrying the model's gloss. */
    private static Briefing glossed() throws Exception {
        JsonNode tree = BriefingCodec.mapper().readTree(BriefingJson.write(
                SampleBriefing.briefing("en", SampleBriefing.articles())));
        addGloss(tree);
        return BriefingCodec.readBriefing(BriefingCodec.mapper().writeValueAsString(tree));
    }

    private static void addGloss(JsonNode node) {
        if (node.isObject() && node.path("quote").asText().equals(SampleBriefing.SPOKESMAN.quote())) {
            ((ObjectNode) node).put("gloss", GLOSS);
        }
        node.forEach(GlossTest::addGloss);
    }

    @Test
    void should_write_the_gloss_beside_the_quote_in_json_and_leave_the_key_out_without_one() throws Exception {
        String json = BriefingJson.write(glossed());
        BriefingSchema.assertValid(json);
        assertTrue(json.contains("\"quote\": \"" + SampleBriefing.SPOKESMAN.quote() + "\",\n"), json);
        assertTrue(json.contains("\"gloss\": \"the talks were \\\"frank, pragmatic & productive\\\"\""), json);
        assertFalse(BriefingJson.write(SampleBriefing.briefing()).contains("\"gloss\""),
                "no gloss key where the model gave none");
        assertEquals(SampleBriefing.SPOKESMAN.quote(), glossed().actors().get(0).citations().get(0).quote());
    }

    @Test
    void should_show_the_quote_then_the_gloss_marked_as_a_translation_in_markdown() throws Exception {
        String md = MarkdownRenderer.render(glossed());
        assertTrue(md.contains(": 「" + SampleBriefing.SPOKESMAN.quote() + "」 (translation: " + GLOSS.replace("&", "\\&")),
                md);
        assertFalse(md.contains(SampleBriefing.US_SIDE.quote() + "」 (translation"), "only glossed quotes say so");
    }

    /** Issue 10's Titles: a title made from the first sentence is flagged in briefing.json and said in both pages. */
    @Test
    void should_flag_a_derived_title_in_json_and_say_so_in_markdown_and_html() throws Exception {
        Briefing plain = SampleBriefing.briefing("en", SampleBriefing.articles());
        assertFalse(BriefingJson.write(plain).contains("titleDerived"), "absent for a headline");
        JsonNode tree = BriefingCodec.mapper().readTree(BriefingJson.write(plain));
        ((ObjectNode) tree.get("articles").get(0)).put("titleDerived", true);
        Briefing derived = BriefingCodec.readBriefing(BriefingCodec.mapper().writeValueAsString(tree));
        assertTrue(derived.articles().get(0).titleDerived());
        assertFalse(derived.articles().get(1).titleDerived());
        String json = BriefingJson.write(derived);
        BriefingSchema.assertValid(json);
        assertTrue(json.contains("\"titleDerived\": true"), json);
        String title = derived.articles().get(0).title();
        assertTrue(MarkdownRenderer.render(derived).contains(title + " (no headline; taken from the text) |"));
        assertTrue(HtmlRenderer.page(derived, SampleBriefing.sourceArticles()).contains(
                "<span class=\"derived-title\"> (no headline; taken from the text)</span>"));
        Briefing zh = BriefingCodec.readBriefing(BriefingCodec.mapper().writeValueAsString(
                ((ObjectNode) tree).put("language", "zh-Hans")));
        assertTrue(MarkdownRenderer.render(zh).contains("（无标题，取自正文）"));
    }

    @Test
    void should_mark_the_gloss_in_html_with_its_class_and_language() throws Exception {
        String html = HtmlRenderer.page(glossed(), SampleBriefing.sourceArticles());
        String element = "<span class=\"gloss\" lang=\"en\">(translation: the talks were &quot;frank, pragmatic &amp; "
                + "productive&quot;)</span>";
        assertTrue(html.contains(element), html);
        int at = html.indexOf(element);
        assertTrue(html.substring(at - 30, at).contains("坦诚、务实、富有成效"), "the quote first, then its gloss: "
                + html.substring(at - 30, at));
    }
}
