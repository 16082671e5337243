package dev.briefing.daily;

import dev.briefing.normalize.Article;
import dev.briefing.normalize.Paragraph;
import dev.briefing.normalize.Script;
import dev.briefing.reduce.Briefing;
import dev.briefing.render.SampleBriefing;
import dev.briefing.verify.Citation;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A day whose page is far larger than its briefing: one article of {@code paragraphs}
 * paragraphs of {@code chars} Chinese characters each, every paragraph cited by its own event,
 * so the page's sources appendix shows them all. The paragraphs share one string, so the
 * articles cost next to no heap while the page is {@code paragraphs x chars} characters.
 *
 * <p>{@code main(root, paragraphs, chars, runs)} writes the day {@code runs} times into
 * {@code root} as {@code daily} does ({@link DayOutput#write} of {@link DailyRun#files}); run
 * in a small heap it proves the files are rendered into their files, not held whole.
 */
public final class LargeDay {
    static final LocalDate DAY = LocalDate.parse("2026-11-23");

    private LargeDay() {
    }

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        int paragraphs = Integer.parseInt(args[1]);
        int chars = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        LargeDay.Day day = of(paragraphs, chars);
        for (int run = 0; run < runs; run++) {
            DayOutput.Written written = DayOutput.write(root, DAY, DailyRun.files(day.briefing(), SampleBriefing.runRecord(),
                    day.articles()));
            System.out.println(written.dir() + " previous=" + written.previous());
        }
    }

    record Day(Briefing briefing, List<Article> articles) {
    }

    static Day of(int paragraphs, int chars) {
        String quote = "外交部发言人表示会谈坦诚务实富有成效";
        StringBuilder text = new StringBuilder(chars);
        text.append(quote);
        while (text.length() < chars) {
            text.append("双方同意保持沟通但未公布下一轮会谈的时间。");
        }
        String shared = text.substring(0, chars);
        List<Paragraph> list = new ArrayList<>();
        List<Briefing.Event> events = new ArrayList<>();
        for (int i = 1; i <= paragraphs; i++) {
            list.add(new Paragraph(i, shared, shared));
            events.add(new Briefing.Event("e" + i, null, null, "第" + i + "段", "", null, List.of(),
                    List.of(new Citation("a1", i, quote))));
        }
        Article article = new Article("a1", "长文", "新华社", "news/long.txt", Script.SIMPLIFIED, list);
        Briefing sample = SampleBriefing.briefing("zh-Hans",
                List.of(new Briefing.ArticleRef("a1", "长文", "新华社", "news/long.txt", Script.SIMPLIFIED, paragraphs)));
        Briefing briefing = new Briefing(sample.language(), sample.articles(),
                new Briefing.Summary("一篇长文。", List.of(new Citation("a1", 1, quote))), events, List.of(), List.of(),
                List.of(), false, List.of(), sample.run());
        return new Day(briefing, List.of(article));
    }
}
