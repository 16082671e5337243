package dev.briefing.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.normalize.Article;
import dev.briefing.reduce.Briefing;
import dev.briefing.reduce.Briefing.Event;
import dev.briefing.verify.Citation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class HtmlRendererTest {

    private final Briefing sample = SampleBriefing.briefing();
    private final String html = HtmlRenderer.page(sample, SampleBriefing.sourceArticles());
    private final Document doc = HtmlPages.parse(html);

    @Test
    void should_be_one_self_contained_page_with_the_policy_and_the_language() {
        HtmlPages.assertNothingActive(html, false);
        assertEquals("zh-Hans", doc.selectFirst("html").attr("lang"));
        assertEquals("utf-8", doc.selectFirst("meta[charset]").attr("charset"));
        assertTrue(html.contains("@media print"), "printable");
    }

    @Test
    void should_list_every_claim_under_its_topic_with_the_article_that_makes_it() {
        assertEquals(List.of("会谈是否取得进展", "航运成本"), doc.select("#claims h3").eachText());
        List<String> claims = doc.select("#claims li.claim").eachText();
        assertEquals(3, claims.size());
        assertTrue(claims.get(2).contains("航运公司忧虑新规定增加营运成本"), claims.get(2));
        assertTrue(claims.get(2).contains("立法會通過航運條例修訂"), "the article that makes it: " + claims.get(2));
        assertTrue(doc.selectFirst("#claims li.claim .cite a").attr("href").startsWith("#src-"));
    }

    @Test
    void should_have_every_section_in_order() {
        List<String> titles = doc.select("h2").eachText();
        assertEquals(List.of("摘要", "重要事件时间线", "相关方", "观点与判断", "分歧", "待解问题", "警告", "来源"), titles);
        assertTrue(doc.selectFirst("h1").text().contains("2026-11-23"), "the run's day is in the heading");
        assertTrue(doc.selectFirst("#summary").text().contains("中美两国代表团在日内瓦举行经贸会谈"));
    }

    @Test
    void should_escape_every_field_of_an_article_and_the_model() {
        String page = HtmlRenderer.page(HostileBriefing.briefing(), HostileBriefing.articles());

        HtmlPages.assertNothingActive(page, false);
        HtmlPages.assertAnchorsResolve(page);
        Document hostile = HtmlPages.parse(page);
        String text = hostile.text();
        for (String field : HostileBriefing.fields()) {
            assertTrue(text.contains(field.replaceAll("\\s+", " ")), "not shown literally: " + field);
        }
        assertTrue(hostile.selectFirst("html").attr("lang").startsWith("zh-Hans\"><script>"),
                "the language tag stays inside its attribute");
        assertTrue(hostile.selectFirst("title").text().contains("简报"), "the title element is not broken out of");
        String appendix = hostile.selectFirst("#sources").text();
        assertTrue(appendix.contains(HostileBriefing.PARAGRAPH), "the cited hostile paragraph is shown as text");
        Element mark = hostile.select("#sources mark").stream()
                .filter(m -> m.text().equals(HostileBriefing.CITED.quote())).findFirst().orElse(null);
        assertNotNull(mark, "its quote is highlighted, as text");
        assertTrue(page.contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;"));
        assertTrue(page.contains("&amp;lt;b&amp;gt;"), "an entity in the source stays literal");
        assertFalse(page.contains("<img"));
    }

    @Test
    void should_escape_the_five_html_characters_and_drop_what_html_forbids() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;", Html.escape("<a href=\"x\" title='y'>&amp;"));
        assertEquals("a\uFFFDb\uFFFDc\td\ne", Html.escape("a\u0000b\u0085c\td\ne"));
        assertEquals("x\uFFFDy", Html.escape("x\uD800y"), "an unpaired surrogate");
        assertEquals("中文 😀 繁體", Html.escape("中文 😀 繁體"));
        assertEquals("", Html.escape(null));
    }

    @Test
    void should_draw_one_timeline_mark_per_dated_event_and_say_the_undated_are_not_on_it() {
        assertEquals(1, doc.select("svg.timeline .mark").size());
        assertEquals("2025-10-16", doc.selectFirst("svg.timeline .mark").attr("data-date"));
        assertEquals("#event-1", doc.selectFirst("svg.timeline .mark a").attr("href"));
        assertEquals(3, doc.select("ol.events > li.event").size(), "every event is listed");
        assertEquals(2, doc.select("ol.events > li.event.undated").size());
        assertTrue(doc.selectFirst("#timeline .note").text().contains("另有 2 个事件日期不详"),
                doc.selectFirst("#timeline").text());
        assertTrue(doc.selectFirst("#event-2").text().contains("日期不详 (上週三)"), doc.selectFirst("#event-2").text());
    }

    @Test
    void should_place_events_by_date_and_stack_same_day_events_in_separate_rows() {
        Citation c = SampleBriefing.TALKS;
        List<Event> events = new ArrayList<>();
        events.add(new Event("x1", LocalDate.of(2025, 10, 1), null, "十月一日的事件", "", null, List.of(), List.of(c)));
        for (int i = 0; i < 4; i++) {
            events.add(new Event("s" + i, LocalDate.of(2025, 10, 16), null, "同一天发生的第" + i + "个事件，标题相当长",
                    "", null, List.of(), List.of(c)));
        }
        events.add(new Event("x2", LocalDate.of(2025, 10, 31), null, "Late October event", "", null, List.of(),
                List.of(c)));
        events.add(new Event("u", null, null, "无日期", "", null, List.of(), List.of(c)));
        Briefing many = withEvents(sample, events);

        Document page = HtmlPages.parse(HtmlRenderer.page(many, SampleBriefing.sourceArticles()));

        List<Element> marks = page.select("svg.timeline .mark");
        assertEquals(6, marks.size());
        double first = cx(marks, "2025-10-01");
        double middle = cx(marks, "2025-10-16");
        double last = cx(marks, "2025-10-31");
        assertTrue(first < middle && middle < last, "placed by date");
        assertEquals(0.5, (middle - first) / (last - first), 0.01, "in proportion to the days between");
        Set<String> rows = new HashSet<>();
        marks.stream().filter(m -> m.attr("data-date").equals("2025-10-16"))
                .forEach(m -> rows.add(m.selectFirst("circle").attr("cy")));
        assertEquals(4, rows.size(), "same-day events each get their own row");
        assertTrue(page.selectFirst("#timeline .note").text().contains("另有 1 个事件"));
        assertEquals(3, page.select("svg.timeline text.day").size(), "one label per distinct day");
    }

    @Test
    void should_cut_long_labels_and_keep_the_full_title_in_the_tooltip() {
        String title = "这是一个非常非常非常非常非常非常非常非常非常非常长的事件标题，远远超过时间线上的宽度";
        TimelineSvg.Mark mark = new TimelineSvg.Mark("event-1", LocalDate.of(2025, 1, 1), title, "新", "new");
        String label = TimelineSvg.label(mark);
        assertTrue(label.startsWith("新 · 这是一个"), label);
        assertTrue(label.endsWith("…"), label);
        assertTrue(TimelineSvg.ems(label) <= 22, label);
        Document svg = HtmlPages.parse(TimelineSvg.svg(List.of(mark), "timeline"));
        assertEquals("2025-01-01 " + title, svg.selectFirst(".mark title").text());
        assertEquals("", TimelineSvg.svg(List.of(), "timeline"), "nothing to draw");
    }

    @Test
    void should_have_no_timeline_drawing_when_no_event_is_dated() {
        Citation c = SampleBriefing.TALKS;
        Briefing undated = withEvents(sample, List.of(new Event("u", null, null, "无日期", "", null, List.of(),
                List.of(c))));
        Document page = HtmlPages.parse(HtmlRenderer.page(undated, SampleBriefing.sourceArticles()));
        assertTrue(page.select("svg").isEmpty());
        assertTrue(page.selectFirst("#timeline .note").text().contains("没有事件有确切日期"));
        assertEquals(1, page.select("li.event").size());
    }

    @Test
    void should_link_each_citation_to_its_paragraph_in_the_appendix_with_the_quote_highlighted() {
        HtmlPages.assertAnchorsResolve(html);
        Element cite = doc.selectFirst("#summary .cite");
        assertEquals("[1]", cite.selectFirst("a").text());
        Element target = doc.getElementById(cite.selectFirst("a").attr("href").substring(1));
        assertEquals("li", target.normalName());
        assertTrue(target.text().startsWith("¶2 [1]"), target.text());
        assertEquals(SampleBriefing.TALKS.quote(), target.selectFirst("mark").text());
        assertTrue(target.selectFirst("p.text").text().endsWith("会谈围绕关税和市场准入等议题展开。"),
                "the whole paragraph, not only the quote");
        assertEquals("「" + SampleBriefing.TALKS.quote() + "」中美经贸会谈在日内瓦举行 ¶2", cite.selectFirst(".quote").text());
        assertEquals(cite.selectFirst(".quote").id(), cite.selectFirst("a").attr("aria-describedby"));
    }

    @Test
    void should_number_a_citation_once_wherever_it_appears() {
        List<String> talks = doc.select(".cite").stream()
                .filter(c -> c.selectFirst(".quote").text().contains(SampleBriefing.TALKS.quote()))
                .map(c -> c.selectFirst("a").text()).distinct().toList();
        assertEquals(List.of("[1]"), talks);
        assertEquals(6, doc.select("li.para").size(), "one appendix entry per cited paragraph");
    }

    @Test
    void should_list_only_cited_paragraphs_under_every_article() {
        Element a1 = doc.getElementById("article-1");
        assertEquals(List.of("2", "3", "4", "5"), a1.select("li.para").eachAttr("value"));
        assertTrue(a1.selectFirst("h3").text().contains("中美经贸会谈在日内瓦举行"));
        assertTrue(a1.selectFirst(".meta").text().contains("新华社"));
        Element a2 = doc.getElementById("article-2");
        assertEquals(List.of("1", "3"), a2.select("li.para").eachAttr("value"));
        assertEquals("有航運公司憂慮，新規定或會增加營運成本。", a2.selectFirst("#src-2-p3 mark").text(),
                "traditional text as is");
    }

    @Test
    void should_still_resolve_citations_when_the_article_text_is_missing() {
        String page = HtmlRenderer.page(sample, List.of(SampleBriefing.sourceArticles().get(0)));
        HtmlPages.assertAnchorsResolve(page);
        Element p1 = HtmlPages.parse(page).getElementById("src-2-p1");
        assertTrue(p1.selectFirst(".note").text().contains("无法取得该段原文"), p1.text());
        assertEquals(SampleBriefing.HK_VOTE.quote(), p1.selectFirst("blockquote mark").text());
    }

    @Test
    void should_show_a_quote_that_cannot_be_placed_beside_the_paragraph() {
        List<Article> changed = List.of(SampleBriefing.sourceArticles().get(0),
                SampleBriefing.article("a2", "立法會通過航運條例修訂", null, "articles/hk-shipping.html",
                        dev.briefing.normalize.Script.TRADITIONAL, "這一段已經不同。", "二", "三", "四"));
        Element p1 = HtmlPages.parse(HtmlRenderer.page(sample, changed)).getElementById("src-2-p1");
        assertEquals("這一段已經不同。", p1.selectFirst("p.text").text());
        assertTrue(p1.selectFirst("p.note").text().contains(SampleBriefing.HK_VOTE.quote()));
    }

    @Test
    void should_count_the_articles_naming_each_actor() {
        Briefing twoSources = new Briefing(sample.language(), sample.articles(), sample.summary(), sample.events(),
                List.of(new Briefing.Actor("c1", "美国", List.of("美方"), dev.briefing.map.ActorType.COUNTRY, "会谈一方",
                        List.of(SampleBriefing.US_SIDE, SampleBriefing.TALKS, SampleBriefing.HK_VOTE))),
                sample.disagreements(), sample.openQuestions(), false, List.of(), sample.run());
        Element row = HtmlPages.parse(HtmlRenderer.page(twoSources, SampleBriefing.sourceArticles()))
                .selectFirst("table.actors tbody tr");
        assertEquals("2 篇中 2 篇", row.selectFirst("td.count").text());
        assertTrue(row.text().startsWith("美国 别名：美方 国家 会谈一方"), row.text());
        assertEquals("2 篇中 1 篇", doc.selectFirst("table.actors tbody tr td.count").text());
    }

    @Test
    void should_set_disagreeing_positions_side_by_side_with_their_sources() {
        Element positions = doc.selectFirst(".disagreement .positions");
        assertEquals(2, positions.children().size());
        assertTrue(positions.child(0).text().startsWith("中方称会谈富有成效"));
        assertTrue(positions.child(0).selectFirst(".by").text().contains("新华社 · 中美经贸会谈在日内瓦举行"));
        assertTrue(html.contains(".positions { display: grid;"), "the grid puts them side by side");
    }

    @Test
    void should_say_it_is_incomplete_and_which_chunks_failed() {
        Element alert = doc.selectFirst("header .alert");
        assertTrue(alert.text().contains("a2#3：timeout after 120 s"), alert.text());
    }

    @Test
    void should_render_nothing_about_changes_for_a_briefing_without_them() {
        assertTrue(doc.select("#changes, .badge").isEmpty());
        assertTrue(doc.select("svg .mark.new, svg .mark.developing").isEmpty());
    }

    @Test
    void should_mark_new_and_developing_events_and_list_the_new_articles_of_a_day() {
        String daily = HtmlRenderer.page(SampleBriefing.dailyBriefing(), SampleBriefing.sourceArticles());
        Document page = HtmlPages.parse(daily);
        HtmlPages.assertAnchorsResolve(daily);

        assertTrue(page.selectFirst("h1").text().contains("2026-11-23"));
        Element changes = page.getElementById("changes");
        assertTrue(changes.selectFirst("h2").text().contains("对照 2026-11-16"), changes.text());
        assertTrue(changes.text().contains("新事件 2 个，持续发展的事件 1 个。"), changes.text());
        assertEquals(List.of("立法會通過航運條例修訂"), changes.select("ul.new-articles a").eachText());
        assertEquals("#article-2", changes.selectFirst("ul.new-articles a").attr("href"));
        assertEquals("新", page.selectFirst("#article-2 h3 .badge.new").text());
        assertTrue(page.select("#article-1 h3 .badge").isEmpty());

        assertEquals("进展", page.selectFirst("#event-1 .badge.developing").text());
        assertTrue(page.selectFirst("#event-1 .continues").text().contains("2026-11-22 中美经贸会谈将在日内瓦举行"));
        assertEquals("新", page.selectFirst("#event-2 .badge.new").text());
        assertEquals("新", page.selectFirst("#event-3 .badge.new").text());
        Element mark = page.selectFirst("svg.timeline .mark");
        assertTrue(mark.hasClass("developing"));
        assertTrue(mark.selectFirst("text").text().startsWith("进展 · "), mark.text());
    }

    @Test
    void should_say_when_a_day_has_no_new_article() {
        Briefing none = SampleBriefing.briefing().withChanges(new Briefing.Changes(LocalDate.of(2026, 11, 23),
                LocalDate.of(2026, 11, 23), List.of(), List.of()));
        Element changes = HtmlPages.parse(HtmlRenderer.page(none, SampleBriefing.sourceArticles()))
                .getElementById("changes");
        assertTrue(changes.text().contains("无新文章。"), changes.text());
    }

    @Test
    void should_use_traditional_or_english_words_by_language() {
        Document hant = HtmlPages.parse(HtmlRenderer.page(SampleBriefing.briefing("zh-Hant", SampleBriefing.articles())
                .withChanges(SampleBriefing.dailyBriefing().changes()), SampleBriefing.sourceArticles()));
        assertEquals("zh-Hant", hant.selectFirst("html").attr("lang"));
        assertTrue(hant.select("h2").eachText().contains("重要事件時間線"));
        assertEquals("進展", hant.selectFirst("#event-1 .badge").text());
        assertTrue(hant.selectFirst("#timeline .note").text().contains("日期不詳"));

        Document en = HtmlPages.parse(HtmlRenderer.page(SampleBriefing.briefing("en", SampleBriefing.articles()),
                SampleBriefing.sourceArticles()));
        assertEquals(List.of("Summary", "Timeline of key events", "Actors", "Claims and assessments", "Where sources disagree",
                "Open questions", "Warnings", "Sources"), en.select("h2").eachText());
        assertTrue(en.selectFirst("#timeline .note").text().startsWith("2 events have no exact date"));
        assertTrue(en.selectFirst("footer").text().contains("Run: model qwen2.5:7b, 9 calls"));
    }

    @Test
    void should_split_the_summary_into_its_paragraphs_and_put_the_citations_after_the_last() {
        Briefing twoParagraphs = new Briefing(sample.language(), sample.articles(),
                new Briefing.Summary("第一段。\n\n第二段。", List.of(SampleBriefing.TALKS)), sample.events(), sample.actors(),
                sample.disagreements(), sample.openQuestions(), false, List.of(), sample.run());
        List<Element> paragraphs = HtmlPages.parse(HtmlRenderer.page(twoParagraphs, SampleBriefing.sourceArticles()))
                .select("#summary p");
        assertEquals(2, paragraphs.size());
        assertTrue(paragraphs.get(0).select(".cite").isEmpty());
        assertEquals(1, paragraphs.get(1).select(".cite").size());
    }

    private static double cx(List<Element> marks, String date) {
        return Double.parseDouble(marks.stream().filter(m -> m.attr("data-date").equals(date)).findFirst()
                .orElseThrow().selectFirst("circle").attr("cx"));
    }

    static Briefing withEvents(Briefing b, List<Event> events) {
        return new Briefing(b.language(), b.articles(), b.summary(), events, b.actors(), b.disagreements(),
                b.openQuestions(), b.incomplete(), b.warnings(), b.run());
    }
}
