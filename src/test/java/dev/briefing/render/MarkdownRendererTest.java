package dev.briefing.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.normalize.Script;
import dev.briefing.reduce.Briefing;
import dev.briefing.reduce.Briefing.ArticleRef;
import dev.briefing.reduce.Briefing.Event;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {

    private static final Pattern USE = Pattern.compile("\\[\\^(\\d+)](?!:)");
    private static final Pattern DEFINITION = Pattern.compile("(?m)^\\[\\^(\\d+)]: (.*)$");

    private final String md = MarkdownRenderer.render(SampleBriefing.briefing());

    @Test
    void should_have_every_section_in_simplified_chinese() {
        assertTrue(md.startsWith("# 简报 / Briefing 2026-11-23\n"), "the heading carries the day: " + md);
        for (String section : List.of("摘要", "重要事件时间线", "相关方", "分歧", "待解问题", "来源", "警告")) {
            assertTrue(md.contains("\n## " + section + "\n"), "missing section " + section + ":\n" + md);
        }
        assertInOrder(md, "## 摘要", "## 重要事件时间线", "## 相关方", "## 观点与判断", "## 分歧", "## 待解问题", "## 来源",
                "## 警告");
    }

    @Test
    void should_list_every_claim_under_its_topic_with_a_footnote() {
        String claims = md.substring(md.indexOf("## 观点与判断"), md.indexOf("## 分歧"));
        assertInOrder(claims, "- **会谈是否取得进展**", "  - 中方称会谈富有成效[^", "  - 美方称关税问题仍有重大分歧[^",
                "- **航运成本**", "  - 航运公司忧虑新规定增加营运成本[^");
        assertEquals(1, claims.split("会谈是否取得进展", -1).length - 1, "a topic is a heading once:\n" + claims);
    }

    @Test
    void should_use_traditional_titles_for_zh_hant_and_taiwan() {
        for (String language : List.of("zh-Hant", "zh-TW", "zh-Hant-HK")) {
            String hant = MarkdownRenderer.render(SampleBriefing.briefing(language, SampleBriefing.articles()));
            assertTrue(hant.startsWith("# 簡報 / Briefing 2026-11-23\n"), hant);
            for (String section : List.of("摘要", "重要事件時間線", "相關方", "分歧", "待解問題", "來源")) {
                assertTrue(hant.contains("\n## " + section + "\n"), language + " missing " + section);
            }
            assertTrue(hant.contains("日期不詳"), hant);
        }
    }

    @Test
    void should_use_simplified_titles_for_plain_zh() {
        for (String language : List.of("zh", "zh-CN", "zh-Hans")) {
            String hans = MarkdownRenderer.render(SampleBriefing.briefing(language, SampleBriefing.articles()));
            assertTrue(hans.contains("\n## 重要事件时间线\n"), language);
        }
    }

    @Test
    void should_use_english_titles_otherwise() {
        String en = MarkdownRenderer.render(SampleBriefing.briefing("en", SampleBriefing.articles()));
        assertTrue(en.startsWith("# Briefing 2026-11-23\n"), en);
        for (String section : List.of("Summary", "Timeline of key events", "Actors", "Where sources disagree",
                "Open questions", "Sources", "Warnings")) {
            assertTrue(en.contains("\n## " + section + "\n"), "missing " + section + ":\n" + en);
        }
        assertTrue(en.contains("**undated**"), en);
        assertTrue(en.contains("*Run: model qwen2.5:7b, 9 calls, 12000 prompt + 3400 completion tokens, 81.2 s, "
                + "2 dropped citations, 1 dropped item.*"), en);
    }

    @Test
    void should_not_double_the_corner_brackets_of_a_quote_that_has_them() {
        assertEquals("「對普京非常失望」", Html.bracketed("「對普京非常失望」"));
        assertEquals("「普京非常失望」", Html.bracketed("普京非常失望"));
        assertEquals("「「密談」到「拒談」」", Html.bracketed("「密談」到「拒談」"), "brackets that do not enclose it all");
    }

    @Test
    void should_mark_an_inferred_date_and_list_actors_that_are_no_actor_entry() {
        Briefing sample = SampleBriefing.briefing();
        Event inferred = new Event("e9", java.time.LocalDate.of(2025, 12, 29), dev.briefing.map.DateBasis.INFERRED,
                "次日", "拉夫罗夫披露袭击", "", null, List.of("c1"), List.of("乌克兰"), sample.events().get(0).citations());
        Briefing b = new Briefing(sample.language(), sample.articles(), sample.summary(), List.of(inferred),
                sample.actors(), sample.disagreements(), sample.openQuestions(), false, List.of(), sample.run());
        String out = MarkdownRenderer.render(b);
        assertTrue(out.contains("**2025-12-29（推定） (次日)**"), out);
        assertTrue(out.contains("美国、乌克兰"), out);
        String html = HtmlRenderer.page(b, SampleBriefing.sourceArticles());
        assertTrue(html.contains("<span class=\"inferred\""), html);
        assertTrue(MarkdownRenderer.render(sample).contains("**2025-10-16 (10月16日)**"), "a stated date has no mark");
    }

    @Test
    void should_mark_an_event_with_only_a_vague_date_as_undated() {
        Briefing sample = SampleBriefing.briefing();
        Event vague = new Event("e9", null, "今年5月", "预算削减", "", null, List.of(),
                sample.events().get(0).citations());
        List<Event> events = new java.util.ArrayList<>(sample.events());
        events.add(vague);
        Briefing withVague = new Briefing(sample.language(), sample.articles(), sample.summary(), events,
                sample.actors(), sample.disagreements(), sample.openQuestions(), sample.incomplete(), sample.warnings(),
                sample.run());
        assertTrue(MarkdownRenderer.render(withVague).contains("**日期不详 (今年5月)**"), MarkdownRenderer.render(withVague));
    }

    @Test
    void should_show_incomplete_first_with_the_failed_chunks() {
        int banner = md.indexOf("不完整");
        assertTrue(banner > 0 && banner < md.indexOf("## 摘要"), md);
        assertTrue(md.contains("> - a2#3：timeout after 120 s\n"), md);
    }

    @Test
    void should_not_show_incomplete_when_complete() {
        Briefing sample = SampleBriefing.briefing();
        Briefing complete = new Briefing(sample.language(), sample.articles(), sample.summary(), sample.events(),
                sample.actors(), sample.disagreements(), sample.openQuestions(), false, List.of(), sample.run());
        String out = MarkdownRenderer.render(complete);
        assertFalse(out.contains("不完整"), out);
        assertFalse(out.contains("## 警告"), "no warnings section without warnings");
    }

    @Test
    void should_render_the_timeline_in_order_with_dates_and_actor_names() {
        assertInOrder(md, "**2025-10-16 (10月16日)** — **中美在日内瓦举行经贸会谈**", "**日期不详 (上週三)** — **立法會通過航運條例修訂草案**",
                "**日期不详** — **双方同意保持沟通**");
        assertTrue(md.contains("  - 地点：日内瓦\n"), md);
        assertTrue(md.contains("  - 相关方：中国外交部、美国\n"), md);
        assertFalse(md.contains("p1") || md.contains("c1"), "actor ids resolved to names");
    }

    @Test
    void should_render_actors_disagreements_questions_and_sources() {
        assertTrue(md.contains("- **中国外交部**（组织） — 介绍会谈情况。别名：外交部、中方[^"), md);
        assertTrue(md.contains("- **美国**（国家） — 会谈一方。别名：美方[^"), md);
        assertTrue(md.contains("- **会谈是否取得进展**\n  - 中方称会谈富有成效[^"), md);
        assertTrue(md.contains("  - 美方称关税问题仍有重大分歧[^"), md);
        assertTrue(md.contains("- **下一轮会谈何时举行？**\n  背景：双方只同意保持沟通。[^"), md);
        assertTrue(md.contains("| a1 | 中美经贸会谈在日内瓦举行 | 新华社 | seeds/000\\_aeeaa0b9bae0c82b.txt | 6 |"), md);
        assertTrue(md.contains("| a2 | 立法會通過航運條例修訂 | — | articles/hk-shipping.html | 4 |"), md);
        assertTrue(md.contains("运行：模型 qwen2.5:7b，调用 9 次，提示词元 12000，生成词元 3400，用时 81.2 秒，丢弃引用 2 条"), md);
    }

    @Test
    void should_define_every_footnote_used_and_use_every_footnote_defined() {
        Set<String> used = new LinkedHashSet<>();
        Matcher use = USE.matcher(md);
        while (use.find()) {
            used.add(use.group(1));
        }
        List<String> defined = new ArrayList<>();
        Matcher definition = DEFINITION.matcher(md);
        while (definition.find()) {
            defined.add(definition.group(1));
        }
        assertFalse(used.isEmpty());
        assertEquals(new ArrayList<>(used), defined, "defined once each, in order of first use");
        for (int i = 0; i < defined.size(); i++) {
            assertEquals(String.valueOf(i + 1), defined.get(i), "numbered 1..n in order of first appearance");
        }
    }

    @Test
    void should_give_the_same_citation_one_number() {
        String talks = "[^1]: a1 ¶2: 「" + SampleBriefing.TALKS.quote() + "」";
        assertTrue(md.contains(talks + "\n"), md);
        assertEquals(1, count(md, "「" + SampleBriefing.TALKS.quote() + "」"), "quote defined once");
        // used by the summary, event e1 and event e3
        assertEquals(3, count(md, "[^1]") - 1, md);
        assertTrue(md.contains("[^2]: a2 ¶1: 「" + SampleBriefing.HK_VOTE.quote() + "」"), md);
    }

    @Test
    void should_give_each_title_once_in_the_sources_table_not_in_every_footnote() {
        assertEquals(1, count(md, "| 中美经贸会谈在日内瓦举行 |"), md);
        assertEquals(0, count(md, "中美经贸会谈在日内瓦举行 (a1)"), md);
        assertEquals(0, count(md, "立法會通過航運條例修訂 (a2)"), md);
        assertTrue(md.contains("| a1 | 中美经贸会谈在日内瓦举行 |"), md);
    }

    @Test
    void should_keep_cjk_and_traditional_quotes_untouched() {
        assertTrue(md.contains(SampleBriefing.HK_VOTE.quote()), md);
        assertTrue(md.contains(SampleBriefing.SPOKESMAN.quote()), md);
    }

    @Test
    void should_escape_a_hostile_title() {
        String hostile = "[x](http://e) <script>alert(1)</script>";
        List<ArticleRef> articles = List.of(
                new ArticleRef("a1", hostile, "# 来源 | *x*", "`rm -rf`", Script.SIMPLIFIED, 6),
                SampleBriefing.articles().get(1));
        String out = MarkdownRenderer.render(SampleBriefing.briefing("zh-Hans", articles));
        assertFalse(out.contains("[x](http://e)"), out);
        assertFalse(out.contains("<script>"), out);
        assertTrue(out.contains("\\[x\\](http://e) \\<script\\>alert(1)\\</script\\>"), out);
        assertTrue(out.contains("| \\# 来源 \\| \\*x\\* | \\`rm -rf\\` |"), out);
        assertEquals(5, count(out, "| a1 |") == 1 ? cells(out, "| a1 |") : -1, "table row keeps its five cells");
    }

    @Test
    void should_escape_block_syntax_in_model_text() {
        Briefing sample = SampleBriefing.briefing();
        Briefing hostile = new Briefing(sample.language(), sample.articles(),
                new Briefing.Summary("# 假标题\n\n- 假列表\n\n1. 假编号\n> 引用\n\n---", sample.summary().citations()),
                sample.events(), sample.actors(), sample.disagreements(), sample.openQuestions(), false,
                List.of("* 星号 _下划线_ [^9]"), sample.run());
        String out = MarkdownRenderer.render(hostile);
        assertTrue(out.contains("\n\\# 假标题\n"), out);
        assertTrue(out.contains("\n\\- 假列表\n"), out);
        assertTrue(out.contains("\n1\\. 假编号 \\> 引用\n"), out);
        assertTrue(out.contains("\n\\---[^1]"), out);
        assertTrue(out.contains("- \\* 星号 \\_下划线\\_ \\[^9\\]\n"), out);
        assertFalse(out.contains("[^9]:"), out);
    }

    private static int cells(String text, String rowStart) {
        String row = text.lines().filter(l -> l.startsWith(rowStart)).findFirst().orElseThrow();
        return row.replace("\\|", "").split("\\|", -1).length - 2;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    private static void assertInOrder(String text, String... parts) {
        int from = 0;
        for (String part : parts) {
            int at = text.indexOf(part, from);
            assertTrue(at >= 0, "missing or out of order: " + part + "\n" + text);
            from = at + part.length();
        }
    }

    /**
     * briefing.md of a large day reaches its file a few KB at a time while it is rendered: the
     * writer sees many small writes (never the whole document in one), and together they are
     * exactly the rendered text.
     */
    @Test
    void should_write_a_large_document_to_its_writer_a_few_kb_at_a_time_as_it_is_rendered() throws Exception {
        Briefing sample = SampleBriefing.briefing();
        List<Event> events = new ArrayList<>();
        String quote = "外交部发言人表示会谈坦诚务实富有成效";
        for (int i = 1; i <= 3000; i++) {
            events.add(new Event("e" + i, null, null, "第" + i + "段：双方同意保持沟通但未公布下一轮会谈的时间", "", null,
                    List.of(), List.of(new dev.briefing.verify.Citation("a1", i, quote + i))));
        }
        Briefing large = new Briefing(sample.language(), sample.articles(), sample.summary(), events, sample.actors(),
                sample.claims(), sample.disagreements(), sample.openQuestions(), false, List.of(), sample.run(), null);
        List<Integer> writes = new ArrayList<>();
        StringBuilder received = new StringBuilder();
        java.io.Writer counting = new java.io.Writer() {
            @Override
            public void write(char[] text, int offset, int length) {
                writes.add(length);
                received.append(text, offset, length);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        MarkdownRenderer.write(large, counting);
        String whole = MarkdownRenderer.render(large);
        assertTrue(whole.length() > 200_000, "a large document: " + whole.length() + " characters");
        assertEquals(whole, received.toString());
        assertTrue(writes.size() > 20, writes.size() + " writes");
        assertTrue(writes.stream().mapToInt(Integer::intValue).max().orElseThrow() < 20_000,
                "the largest write: " + writes.stream().mapToInt(Integer::intValue).max().orElseThrow());
    }
}
