package dev.briefing.render;

import dev.briefing.llm.CallRecord;
import dev.briefing.normalize.Article;
import dev.briefing.normalize.ChineseScript;
import dev.briefing.normalize.Paragraph;
import dev.briefing.normalize.Script;
import dev.briefing.pipeline.RunRecord;
import dev.briefing.map.ActorType;
import dev.briefing.reduce.Briefing;
import dev.briefing.reduce.Briefing.Actor;
import dev.briefing.reduce.Briefing.ArticleRef;
import dev.briefing.reduce.Briefing.Disagreement;
import dev.briefing.reduce.Briefing.Event;
import dev.briefing.reduce.Briefing.FailedChunk;
import dev.briefing.reduce.Briefing.OpenQuestion;
import dev.briefing.reduce.Briefing.Position;
import dev.briefing.reduce.Briefing.RunSummary;
import dev.briefing.reduce.Briefing.Summary;
import dev.briefing.verify.Citation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A realistic briefing for tests: a simplified and a traditional-script article, a dated, a
 * textually dated and an undated event, two actors, a disagreement, an open question, a
 * warning, and one failed chunk (so it is incomplete).
 */
public final class SampleBriefing {

    public static final Citation TALKS = new Citation("a1", 2,
            "10月16日，中美两国代表团在日内瓦举行了为期两天的经贸会谈。");
    public static final Citation HK_VOTE = new Citation("a2", 1,
            "立法會上週三以大比數通過《航運條例（修訂）草案》，業界普遍表示歡迎。");
    public static final Citation SPOKESMAN = new Citation("a1", 3,
            "外交部发言人表示，会谈“坦诚、务实、富有成效”。");
    public static final Citation US_SIDE = new Citation("a1", 4,
            "美方官员则称，双方在关税问题上“仍有重大分歧”。");
    public static final Citation NEXT_ROUND = new Citation("a1", 5,
            "双方同意保持沟通，但未公布下一轮会谈的时间。");
    public static final Citation SHIPPING = new Citation("a2", 3,
            "有航運公司憂慮，新規定或會增加營運成本。");

    private SampleBriefing() {
    }

    public static Briefing briefing() {
        return briefing("zh-Hans", articles());
    }

    public static Briefing briefing(String language, List<ArticleRef> articles) {
        List<FailedChunk> failed = List.of(new FailedChunk("a2#3", "timeout after 120 s"));
        return new Briefing(
                language,
                articles,
                new Summary("中美两国代表团在日内瓦举行经贸会谈，双方对会谈成果说法不一；香港立法会通过航运条例修订草案。",
                        List.of(TALKS, HK_VOTE)),
                List.of(
                        new Event("e1", LocalDate.of(2025, 10, 16), "10月16日", "中美在日内瓦举行经贸会谈",
                                "两国代表团举行为期两天的会谈。", "日内瓦", List.of("p1", "c1"), List.of(TALKS, SPOKESMAN)),
                        new Event("e2", null, "上週三", "立法會通過航運條例修訂草案", "",
                                "香港", List.of(), List.of(HK_VOTE, SHIPPING)),
                        new Event("e3", null, null, "双方同意保持沟通", "下一轮会谈时间未定。", null,
                                List.of("p1", "c1"), List.of(NEXT_ROUND, TALKS))),
                List.of(
                        new Actor("p1", "中国外交部", List.of("外交部", "中方"), ActorType.ORGANIZATION,
                                "介绍会谈情况", List.of(SPOKESMAN)),
                        new Actor("c1", "美国", List.of("美方"), ActorType.COUNTRY, "会谈一方", List.of(US_SIDE))),
                List.of(new Briefing.Claim("c1", "会谈是否取得进展", "中方称会谈富有成效", List.of(SPOKESMAN)),
                        new Briefing.Claim("c2", "会谈是否取得进展", "美方称关税问题仍有重大分歧", List.of(US_SIDE)),
                        new Briefing.Claim("c3", "航运成本", "航运公司忧虑新规定增加营运成本", List.of(SHIPPING))),
                List.of(new Disagreement("会谈是否取得进展", List.of(
                        new Position("中方称会谈富有成效", List.of(SPOKESMAN)),
                        new Position("美方称关税问题仍有重大分歧", List.of(US_SIDE))))),
                List.of(new OpenQuestion("下一轮会谈何时举行？", "双方只同意保持沟通。", List.of(NEXT_ROUND))),
                true,
                List.of("a2 的编码按 Big5 推测"),
                new RunSummary("qwen2.5:7b", "http://127.0.0.1:11434", Instant.parse("2026-11-23T09:00:00Z"),
                        81_234, 9, 12_000, 3_400, 2, 1, failed));
    }

    /** The sample as a daily briefing: e1 develops yesterday's story, e2 and e3 are new, a2 arrived today. */
    public static Briefing dailyBriefing() {
        return briefing().withChanges(new Briefing.Changes(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 16),
                List.of("a2"), List.of(
                        new Briefing.EventChange("e1", Briefing.Novelty.DEVELOPING,
                                List.of(new Briefing.EarlierEvent(LocalDate.of(2026, 11, 22), "中美经贸会谈将在日内瓦举行"))),
                        new Briefing.EventChange("e2", Briefing.Novelty.NEW, List.of()),
                        new Briefing.EventChange("e3", Briefing.Novelty.NEW, List.of()))));
    }

    public static List<ArticleRef> articles() {
        return List.of(
                new ArticleRef("a1", "中美经贸会谈在日内瓦举行", "新华社", "seeds/000_aeeaa0b9bae0c82b.txt",
                        Script.SIMPLIFIED, 6),
                new ArticleRef("a2", "立法會通過航運條例修訂", null, "articles/hk-shipping.html",
                        Script.TRADITIONAL, 4));
    }

    /**
     * The cleaned articles behind {@link #articles()}: a1 with 6 paragraphs and a2 with 4, each
     * cited paragraph holding its citation's quote.
     */
    public static List<Article> sourceArticles() {
        return List.of(
                article("a1", "中美经贸会谈在日内瓦举行", "新华社", "seeds/000_aeeaa0b9bae0c82b.txt", Script.SIMPLIFIED,
                        "新华社日内瓦10月17日电",
                        TALKS.quote() + "会谈围绕关税和市场准入等议题展开。",
                        SPOKESMAN.quote(),
                        US_SIDE.quote() + "该官员未透露具体细节。",
                        NEXT_ROUND.quote(),
                        "（完）"),
                article("a2", "立法會通過航運條例修訂", null, "articles/hk-shipping.html", Script.TRADITIONAL,
                        HK_VOTE.quote(),
                        "條例草案旨在提升香港作為國際航運中心的競爭力。",
                        "不過，" + SHIPPING.quote(),
                        "政府表示會與業界保持溝通。"));
    }

    public static Article article(String id, String title, String source, String path, Script script,
            String... paragraphs) {
        List<Paragraph> list = new ArrayList<>();
        for (int i = 0; i < paragraphs.length; i++) {
            list.add(new Paragraph(i + 1, paragraphs[i], ChineseScript.toSimplified(paragraphs[i])));
        }
        return new Article(id, title, source, path, script, list);
    }

    public static RunRecord runRecord() {
        return new RunRecord("briefing 0.1.0", "qwen2.5:7b", "http://127.0.0.1:11434",
                Instant.parse("2026-11-23T09:00:00Z"), 81_234,
                Map.of("extract.system.md", "3f7a0c", "extract.schema.json", "91bb2e"),
                Map.of("numCtx", 8192, "lang", "zh-Hans", "parallel", 2),
                List.of(new CallRecord("extract a1#1", 8_100, 1_500, 400, 1, "stop", "ok"),
                        new CallRecord("extract a2#3", 120_000, 0, 0, 2, null, "failed: timeout after 120 s")),
                2, 1, List.of("a2 的编码按 Big5 推测"));
    }
}
