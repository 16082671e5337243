package dev.briefing.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.render.HtmlIndex.Day;
import java.time.LocalDate;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class HtmlIndexTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    @Test
    void should_list_the_days_newest_first_with_their_counts() {
        String html = HtmlIndex.page(List.of(
                new Day(DAY.minusDays(2), "2026-11-21/briefing.html", 3, 3, 5, false),
                new Day(DAY, "2026-11-23/briefing.html", 4, 1, 6, true),
                new Day(DAY.minusDays(1), "2026-11-22/briefing.html", 2, 0, 2, false)));

        HtmlPages.assertNothingActive(html, true);
        Document doc = HtmlPages.parse(html);
        assertEquals(List.of("2026-11-23", "2026-11-22", "2026-11-21"), doc.select("ol.days li a").eachText());
        assertEquals(List.of("2026-11-23/briefing.html", "2026-11-22/briefing.html", "2026-11-21/briefing.html"),
                doc.select("ol.days li a").eachAttr("href"));
        Element newest = doc.selectFirst("ol.days li");
        assertEquals("4 篇文章（新 1 篇）· 6 个事件", newest.selectFirst(".counts").text());
        assertEquals("不完整", newest.selectFirst(".badge").text());
        assertTrue(doc.select("ol.days li").get(1).select(".badge").isEmpty(), "a complete day has no badge");
        assertEquals("zh-Hans", doc.selectFirst("html").attr("lang"));
        assertEquals("每日简报", doc.selectFirst("h1").text());
    }

    @Test
    void should_escape_the_href() {
        String html = HtmlIndex.page(List.of(new Day(DAY, "a\"><script>x</script>/b&c.html", 1, 1, 1, false)));

        HtmlPages.assertNothingActive(html, true);
        assertTrue(html.contains("href=\"a&quot;&gt;&lt;script&gt;x&lt;/script&gt;/b&amp;c.html\""), html);
        assertEquals("a\"><script>x</script>/b&c.html", HtmlPages.parse(html).selectFirst("ol.days a").attr("href"));
    }

    @Test
    void should_accept_only_relative_hrefs_and_counts_that_are_not_negative() {
        for (String href : List.of("javascript:alert(1)", " JavaScript:alert(1)", "http://example.org/x.html",
                "/etc/passwd", "//host/x", "\\\\host\\x", "file:///tmp/x.html", "data:text/html,x", "")) {
            assertThrows(IllegalArgumentException.class, () -> new Day(DAY, href, 1, 1, 1, false), href);
        }
        assertThrows(IllegalArgumentException.class, () -> new Day(DAY, "x.html", -1, 0, 0, false));
        assertThrows(NullPointerException.class, () -> new Day(null, "x.html", 0, 0, 0, false));
        assertEquals("../2026-11-23/briefing.html", new Day(DAY, "../2026-11-23/briefing.html", 0, 0, 0, false).href());
    }

    @Test
    void should_say_so_when_there_is_no_day_yet() {
        String html = HtmlIndex.page(List.of());

        HtmlPages.assertNothingActive(html, true);
        assertEquals("还没有简报。", HtmlPages.parse(html).selectFirst("main p.none").text());
        assertEquals("No briefings yet.", HtmlPages.parse(HtmlIndex.page(List.of(), "en")).selectFirst("main p.none").text());
    }

    @Test
    void should_show_each_day_headline_in_the_briefing_language() {
        Day day = Day.of(DAY, "2026-11-23/briefing.html", SampleBriefing.dailyBriefing());
        assertEquals("中美两国代表团在日内瓦举行经贸会谈，双方对会谈成果说法不一；香港立法会通过航运条例修订草案。", day.headline(),
                "the summary's first sentence");
        Day older = new Day(DAY.minusDays(1), "2026-11-22/briefing.html", 1, 1, 1, false, "zh-Hans",
                "立法會通過航運條例修訂草案");
        Document doc = HtmlPages.parse(HtmlIndex.page(List.of(older, day)));

        assertEquals(List.of(day.headline(), older.headline()), doc.select("ol.days .headline").eachText());
        assertEquals("zh-Hant", doc.select("ol.days .headline").get(1).attr("lang"), "traditional on a simplified index");
        assertEquals("", doc.selectFirst("ol.days .headline").attr("lang"));

        Day english = new Day(DAY, "2026-11-23/briefing.html", 1, 0, 2, true, "en", "Talks in Geneva.");
        Document en = HtmlPages.parse(HtmlIndex.page(List.of(english)));
        assertEquals("en", en.selectFirst("html").attr("lang"), "the newest day's language");
        assertEquals("Daily briefings", en.selectFirst("h1").text());
        assertEquals("1 article (0 new) · 2 events", en.selectFirst(".counts").text());
        assertEquals("incomplete", en.selectFirst(".badge").text());
    }

    @Test
    void should_take_the_first_sentence_or_the_first_event_cut_to_a_line() {
        dev.briefing.reduce.Briefing sample = SampleBriefing.briefing();
        dev.briefing.reduce.Briefing noSummary = new dev.briefing.reduce.Briefing(sample.language(), sample.articles(),
                new dev.briefing.reduce.Briefing.Summary("", List.of()), sample.events(), sample.actors(),
                sample.disagreements(), sample.openQuestions(), false, List.of(), sample.run());
        assertEquals("中美在日内瓦举行经贸会谈", HtmlIndex.headline(noSummary), "the first event's title");
        dev.briefing.reduce.Briefing nothing = HtmlRendererTest.withEvents(noSummary, List.of());
        assertEquals(null, HtmlIndex.headline(nothing));
        String longSentence = "长".repeat(200) + "。第二句。";
        dev.briefing.reduce.Briefing wordy = new dev.briefing.reduce.Briefing(sample.language(), sample.articles(),
                new dev.briefing.reduce.Briefing.Summary(longSentence, sample.summary().citations()), sample.events(),
                sample.actors(), sample.disagreements(), sample.openQuestions(), false, List.of(), sample.run());
        String cut = HtmlIndex.headline(wordy);
        assertEquals(HtmlIndex.HEADLINE_MAX, cut.codePointCount(0, cut.length()));
        assertTrue(cut.endsWith("…"), cut);
        dev.briefing.reduce.Briefing english = new dev.briefing.reduce.Briefing("en", sample.articles(),
                new dev.briefing.reduce.Briefing.Summary("Talks were held in Geneva. Both sides differ.",
                        sample.summary().citations()), sample.events(), sample.actors(), sample.disagreements(),
                sample.openQuestions(), false, List.of(), sample.run());
        assertEquals("Talks were held in Geneva.", HtmlIndex.headline(english));
    }
}
