package dev.briefing.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** briefing.md of a daily briefing: the what-changed section and a marker per event. */
class MarkdownChangesTest {

    @Test
    void should_mark_each_event_and_list_the_new_articles_in_english() {
        String md = MarkdownRenderer.render(SampleBriefing.briefing("en", SampleBriefing.articles())
                .withChanges(SampleBriefing.dailyBriefing().changes()));
        assertTrue(md.contains("\n## What changed since 2026-11-16 – 2026-11-22\n\n2 new events, 1 developing event.\n\n"
                + "New articles today (1):\n\n- 立法會通過航運條例修訂 (a2)\n"), md);
        assertTrue(md.contains("- **[developing]** **2025-10-16 (10月16日)** — **中美在日内瓦举行经贸会谈**"), md);
        assertTrue(md.contains("  - Continues: 2026-11-22 中美经贸会谈将在日内瓦举行\n"), md);
        assertTrue(md.contains("- **[new]** **undated (上週三)** — **立法會通過航運條例修訂草案**"), md);
        assertEquals(md.indexOf("## What changed"), md.lastIndexOf("## What changed"));
        assertTrue(md.indexOf("## Summary") < md.indexOf("## What changed")
                && md.indexOf("## What changed") < md.indexOf("## Timeline"), md);
    }

    @Test
    void should_render_in_the_briefings_script_and_leave_brief_output_unmarked() {
        String hant = MarkdownRenderer.render(SampleBriefing.briefing("zh-Hant", SampleBriefing.articles())
                .withChanges(SampleBriefing.dailyBriefing().changes()));
        assertTrue(hant.contains("## 與 2026-11-16 – 2026-11-22 相比的變化"), hant);
        assertTrue(hant.contains("- **[進展]** "), hant);
        assertTrue(hant.contains("  - 延續：2026-11-22 "), hant);
        String plain = MarkdownRenderer.render(SampleBriefing.briefing());
        assertFalse(plain.contains("**[新]**") || plain.contains("变化"), plain);
    }

    @Test
    void should_escape_an_earlier_events_title() {
        var changes = new dev.briefing.reduce.Briefing.Changes(java.time.LocalDate.of(2026, 11, 23),
                java.time.LocalDate.of(2026, 11, 22), java.util.List.of(), java.util.List.of(
                        new dev.briefing.reduce.Briefing.EventChange("e1", dev.briefing.reduce.Briefing.Novelty.DEVELOPING,
                                java.util.List.of(new dev.briefing.reduce.Briefing.EarlierEvent(
                                        java.time.LocalDate.of(2026, 11, 22), "[click](http://x) <b>")))));
        String md = MarkdownRenderer.render(SampleBriefing.briefing("en", SampleBriefing.articles()).withChanges(changes));
        assertTrue(md.contains("Continues: 2026-11-22 \\[click\\](http://x) \\<b\\>"), md);
        assertTrue(md.contains("No new articles today."), md);
        assertTrue(md.contains("## What changed since 2026-11-22\n"), md);
    }
}
