package dev.briefing.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        assertTrue(claims.get(2).contains("来源 2"), "the article that makes it: " + claims.get(2));
        assertFalse(claims.get(2).contains("立法會通過航運條例修訂"), "by its reference, not its title again");
        assertEquals("#article-2", doc.select("#claims li.claim").get(2).selectFirst(".by a.ref").attr("href"));
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
        assertEquals(1, doc.select("ol.tl .tl-ev").size());
        assertEquals("2025-10-16", doc.selectFirst("ol.tl .tl-ev").attr("data-date"));
        assertEquals("#event-1", doc.selectFirst("ol.tl .tl-ev a").attr("href"));
        assertEquals("2025-10-16 中美在日内瓦举行经贸会谈", doc.selectFirst("ol.tl .tl-ev a").attr("title"));
        assertEquals(3, doc.select("ol.events > li.event").size(), "every event is listed");
        assertEquals(2, doc.select("ol.events > li.event.undated").size());
        assertTrue(doc.selectFirst("#timeline .note").text().contains("另有 2 个事件日期不详"),
                doc.selectFirst("#timeline").text());
        assertTrue(doc.selectFirst("#event-2").text().contains("日期不详 (上週三)"), doc.selectFirst("#event-2").text());
    }

    @Test
    void should_group_events_by_day_in_date_order_with_full_labels() {
        Citation c = SampleBriefing.TALKS;
        String longTitle = "这是一个非常非常非常非常非常非常非常非常非常非常长的事件标题，远远超过时间线上一格的宽度";
        List<Event> events = new ArrayList<>();
        events.add(new Event("x2", LocalDate.of(2025, 10, 31), null, "Late October event", "", null, List.of(),
                List.of(c)));
        events.add(new Event("x1", LocalDate.of(2025, 10, 1), null, longTitle, "", null, List.of(), List.of(c)));
        for (int i = 0; i < 4; i++) {
            events.add(new Event("s" + i, LocalDate.of(2025, 10, 16), null, "同一天发生的第" + i + "个事件",
                    "", null, List.of(), List.of(c)));
        }
        events.add(new Event("u", null, null, "无日期", "", null, List.of(), List.of(c)));
        Briefing many = withEvents(sample, events);

        Document page = HtmlPages.parse(HtmlRenderer.page(many, SampleBriefing.sourceArticles()));

        Element timeline = page.selectFirst("ol.tl");
        assertFalse(timeline.hasClass("compact"), "6 events, 4 on a day: every label shown");
        assertEquals(List.of("2025-10-01", "2025-10-16", "2025-10-31"), timeline.select("> li.tl-day").eachAttr("data-date"));
        assertEquals(4, timeline.select("li.tl-day[data-date=2025-10-16] .tl-ev").size(), "a day's events in its cell");
        assertEquals(List.of("#event-3", "#event-4", "#event-5", "#event-6"),
                timeline.select("li.tl-day[data-date=2025-10-16] .tl-ev a").eachAttr("href"));
        Element first = timeline.selectFirst("li.tl-day[data-date=2025-10-01] .tl-ev");
        assertEquals(longTitle, first.selectFirst(".tl-label").text(), "never cut");
        assertEquals("2025-10-01 " + longTitle, first.selectFirst("a").attr("title"));
        assertEquals("15 天后", timeline.selectFirst("li.tl-day[data-date=2025-10-16] .tl-gap").text());
        assertEquals("en", timeline.selectFirst("li.tl-day[data-date=2025-10-31] .tl-label").attr("lang"));
        assertTrue(page.selectFirst("#timeline .note").text().contains("另有 1 个事件"));
    }

    @Test
    void should_show_dots_with_labels_on_hover_past_24_events_or_6_on_one_day() {
        List<TimelineHtml.Mark> marks = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            marks.add(new TimelineHtml.Mark("event-" + (i + 1), LocalDate.of(2025, 1, 1).plusDays(i / 4), "事件" + i,
                    null, null));
        }
        assertFalse(TimelineHtml.compact(marks), "24 events, 4 a day");
        Document html = HtmlPages.parse(TimelineHtml.html(marks, "timeline", n -> n + "d"));
        assertFalse(html.selectFirst("ol.tl").hasClass("compact"));
        assertEquals(24, html.select(".tl-ev").size());

        List<TimelineHtml.Mark> more = new ArrayList<>(marks);
        more.add(new TimelineHtml.Mark("event-25", LocalDate.of(2025, 2, 1), "第二十五个", "新", "new"));
        assertTrue(TimelineHtml.compact(more), "25 events");
        Document compact = HtmlPages.parse(TimelineHtml.html(more, "timeline", n -> n + "d"));
        assertTrue(compact.selectFirst("ol.tl").hasClass("compact"));
        Element last = compact.select(".tl-ev").last();
        assertTrue(last.hasClass("new"));
        assertEquals("2025-02-01 新 · 第二十五个", last.selectFirst("a").attr("title"), "the full label stays reachable");
        assertEquals("新 第二十五个", last.selectFirst(".tl-label").text());

        List<TimelineHtml.Mark> crowded = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            crowded.add(new TimelineHtml.Mark("event-" + (i + 1), LocalDate.of(2025, 1, 1), "同日" + i, null, null));
        }
        assertTrue(TimelineHtml.compact(crowded), "7 on one day");
        assertFalse(TimelineHtml.compact(crowded.subList(0, 6)), "6 on one day");
        assertEquals("", TimelineHtml.html(List.of(), "timeline", n -> ""), "nothing to draw");
    }

    @Test
    void should_have_no_timeline_drawing_when_no_event_is_dated() {
        Citation c = SampleBriefing.TALKS;
        Briefing undated = withEvents(sample, List.of(new Event("u", null, null, "无日期", "", null, List.of(),
                List.of(c))));
        Document page = HtmlPages.parse(HtmlRenderer.page(undated, SampleBriefing.sourceArticles()));
        assertTrue(page.select("ol.tl").isEmpty());
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
        assertEquals("「" + SampleBriefing.TALKS.quote() + "」（来源 1 ¶2）", cite.selectFirst(".quote").text(),
                "a short reference, not the title again");
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
        assertEquals("新华社（来源 1）", positions.child(0).selectFirst(".by").text());
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
        assertTrue(doc.select(".tl-ev.new, .tl-ev.developing").isEmpty());
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
        Element mark = page.selectFirst("ol.tl .tl-ev");
        assertTrue(mark.hasClass("developing"));
        assertTrue(mark.selectFirst("a").attr("title").startsWith("2025-10-16 进展 · "), mark.toString());
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

    @Test
    void should_show_the_run_time_in_the_zone_given_to_the_minute() {
        for (String[] zoneAndText : new String[][] {{"Asia/Shanghai", "2026-11-23 17:00 UTC+8"},
                {"UTC", "2026-11-23 09:00 UTC"}, {"Asia/Kolkata", "2026-11-23 14:30 UTC+5:30"},
                {"America/New_York", "2026-11-23 04:00 UTC-5"}}) {
            Document page = HtmlPages.parse(HtmlRenderer.page(sample, SampleBriefing.sourceArticles(),
                    HtmlRenderer.Options.defaults().withZone(java.time.ZoneId.of(zoneAndText[0]))));
            Element time = page.selectFirst("header .meta time");
            assertEquals(zoneAndText[1], time.text(), zoneAndText[0]);
            assertTrue(java.time.OffsetDateTime.parse(time.attr("datetime")).toInstant()
                    .equals(sample.run().startedAt()), time.attr("datetime"));
            assertFalse(page.selectFirst("header").text().contains("T09:00:00Z"), "no machine timestamp");
        }
    }

    @Test
    void should_give_traditional_and_english_text_its_own_lang() {
        assertEquals("zh-Hant", doc.selectFirst("#article-2 h3 span[lang]").attr("lang"), "a traditional title");
        assertEquals("zh-Hant", doc.selectFirst("#src-2-p3 p.text").attr("lang"), "a traditional paragraph");
        assertEquals("", doc.selectFirst("#src-1-p2 p.text").attr("lang"), "simplified as the page: inherited");
        assertEquals("zh-Hant", doc.selectFirst("#event-2 p:not(.when)").attr("lang"), "立法會通過…");
        Element hkQuote = doc.select(".cite .quote").stream()
                .filter(q -> q.text().contains(SampleBriefing.HK_VOTE.quote())).findFirst().orElseThrow();
        assertEquals("zh-Hant", hkQuote.selectFirst("span[lang]").attr("lang"));
        assertEquals("en", doc.selectFirst("header .alert li span[lang]").attr("lang"), "an English reason");

        Briefing english = withEvents(sample, List.of(new Event("e", LocalDate.of(2025, 10, 16), null,
                "Talks in Geneva", "", null, List.of(), List.of(SampleBriefing.TALKS))));
        Document mixed = HtmlPages.parse(HtmlRenderer.page(english, SampleBriefing.sourceArticles()));
        assertEquals("en", mixed.selectFirst("#event-1 p:not(.when)").attr("lang"));

        Document hant = HtmlPages.parse(HtmlRenderer.page(SampleBriefing.briefing("zh-Hant", SampleBriefing.articles()),
                SampleBriefing.sourceArticles()));
        assertEquals("zh-Hans", hant.selectFirst("#src-1-p2 p.text").attr("lang"), "simplified on a traditional page");
        assertEquals("", hant.selectFirst("#src-2-p3 p.text").attr("lang"));
        Document en = HtmlPages.parse(HtmlRenderer.page(SampleBriefing.briefing("en", SampleBriefing.articles()),
                SampleBriefing.sourceArticles()));
        assertEquals("zh-Hans", en.selectFirst("#src-1-p2 p.text").attr("lang"), "Chinese on an English page");
        assertEquals("zh-Hant", en.selectFirst("#src-2-p3 p.text").attr("lang"));
    }

    @Test
    void should_say_warnings_in_the_page_language_and_keep_the_run_messages_behind_details() {
        Briefing warned = new Briefing(sample.language(), sample.articles(), sample.summary(), sample.events(),
                sample.actors(), sample.claims(), sample.disagreements(), sample.openQuestions(), false,
                List.of("summary dropped: it pointed at no note that exists", "a2 的编码按 Big5 推测",
                        "verification removed 3 citations whose paragraph or quote was not in the article",
                        "something nobody foresaw"), sample.run());
        Element warnings = HtmlPages.parse(HtmlRenderer.page(warned, SampleBriefing.sourceArticles()))
                .getElementById("warnings");

        Element details = warnings.selectFirst("details.tech");
        assertEquals("en", details.selectFirst("ul").attr("lang"));
        assertEquals(3, details.select("li").size(), "the English messages, each once");
        assertTrue(details.text().contains("summary dropped: it pointed at no note that exists"));
        List<String> shown = warnings.select("> ul > li").eachText();
        assertEquals(List.of("摘要未通过核对，已舍弃：本简报没有摘要。", "a2 的编码按 Big5 推测", "核对删除了在原文中找不到的引用。",
                "处理过程中的其他提示（详见下方技术信息）。"), shown);
        for (String line : shown) {
            assertFalse(line.matches(".*[a-z]{4,} [a-z]{4,}.*"), "no English sentence in the main view: " + line);
        }

        Briefing english = new Briefing("en", sample.articles(), sample.summary(), sample.events(), sample.actors(),
                sample.disagreements(), sample.openQuestions(), false, List.of("summary dropped: it pointed at no note"),
                sample.run());
        Element en = HtmlPages.parse(HtmlRenderer.page(english, SampleBriefing.sourceArticles())).getElementById("warnings");
        assertEquals(List.of("summary dropped: it pointed at no note"), en.select("li").eachText());
        assertTrue(en.select("details").isEmpty(), "an English page shows them as they are");
    }

    @Test
    void should_link_back_to_the_index_when_told_where_it_is() {
        String linked = HtmlRenderer.page(sample, SampleBriefing.sourceArticles(),
                HtmlRenderer.Options.defaults().withIndex("../index.html"));
        HtmlPages.assertNothingActive(linked, true);
        Element back = HtmlPages.parse(linked).selectFirst("header nav a");
        assertEquals("../index.html", back.attr("href"));
        assertEquals("← 所有简报", back.text());
        assertTrue(doc.select("header nav").isEmpty(), "no index, no link");
        for (String bad : List.of("javascript:alert(1)", "/index.html", "https://x/index.html", " ")) {
            assertThrows(IllegalArgumentException.class, () -> HtmlRenderer.Options.defaults().withIndex(bad), bad);
        }
    }

    @Test
    void should_name_each_article_by_its_title_once_and_by_reference_elsewhere() {
        for (ArticleTitle title : List.of(new ArticleTitle("中美经贸会谈在日内瓦举行", 1), new ArticleTitle("立法會通過航運條例修訂", 2))) {
            assertTrue(doc.selectFirst("#article-" + title.number() + " h3").text().contains(title.title()));
            assertFalse(doc.select(".cite, .by, #claims, #disagreements").text().contains(title.title()),
                    title.title() + " is not repeated by the quotes and the positions");
            assertEquals("来源 " + title.number(), doc.selectFirst("#article-" + title.number() + " h3 .ref").text());
        }
    }

    @Test
    void should_print_the_title_of_an_article_once_in_the_whole_page() {
        String title = "中美经贸会谈在日内瓦举行";
        assertEquals(1, doc.body().text().split(title, -1).length - 1, doc.body().text());
    }

    private record ArticleTitle(String title, int number) {
    }

    @Test
    void should_write_the_same_page_to_a_writer_as_it_returns() {
        java.io.StringWriter out = new java.io.StringWriter();
        HtmlRenderer.Options utc = HtmlRenderer.Options.defaults().withZone(java.time.ZoneOffset.UTC);
        HtmlRenderer.write(sample, SampleBriefing.sourceArticles(), utc, out);
        assertEquals(HtmlRenderer.page(sample, SampleBriefing.sourceArticles(), utc), out.toString());
        java.io.Writer broken = new java.io.Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) throws java.io.IOException {
                throw new java.io.IOException("disk full");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                () -> HtmlRenderer.write(sample, SampleBriefing.sourceArticles(), utc, broken));
        assertEquals("disk full", e.getCause().getMessage());
    }

    static Briefing withEvents(Briefing b, List<Event> events) {
        return new Briefing(b.language(), b.articles(), b.summary(), events, b.actors(), b.disagreements(),
                b.openQuestions(), b.incomplete(), b.warnings(), b.run());
    }
}
