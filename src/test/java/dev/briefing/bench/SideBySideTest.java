package dev.briefing.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The side-by-side benchmark's pieces that need no npm: the stand-in's summaries and levels, the bound, the inputs. */
class SideBySideTest {
    @TempDir
    Path tmp;

    private static StandInReplies.Call summarize(String text) {
        return new StandInReplies.Call(List.of("user"), List.of("Write a concise summary of the following:\n\n\n\""
                + text + "\"\n\n\nCONCISE SUMMARY:"), null, 8192, -1);
    }

    @Test
    void should_summarize_shorter_and_tell_the_levels_of_langchains_calls_apart() {
        StandInReplies replies = StandInReplies.forBriefing();
        String article = "第一句话说了很多事情，涉及俄罗斯和美国。第二句话继续讲述乌克兰的局势以及各方反应。"
                + "第三句话补充了更多细节和背景信息。\n第四段的内容也很长，讲了匈牙利的会晤安排和准备工作。";
        StandInReplies.Call map = summarize(article);
        assertEquals("summary-1", replies.kindOf(map));
        String s1 = replies.reply(map);
        assertTrue(s1.length() < article.length() && article.startsWith(s1.substring(0, 10)), s1);
        String s2 = replies.reply(summarize("另一篇文章的第一句话。它的第二句话也在这里，还有更多的文字来凑足长度，让摘要有东西可写。"));
        // The combining call is made of the two summaries, joined by a blank line as LangChain joins them.
        StandInReplies.Call combine = summarize(s1 + "\n\n" + s2);
        assertEquals("summary-2", replies.kindOf(combine));
        String c = replies.reply(combine);
        assertEquals("summary-3", replies.kindOf(summarize(c)));
        // An article that merely contains a summary's sentences is still an article.
        assertEquals("summary-1", replies.kindOf(summarize(s1 + "\n\n" + "全新的段落，不是任何摘要。")));
        replies.forgetSummaries();
        assertEquals("summary-1", replies.kindOf(combine));
        // A briefing call is untouched.
        assertNotEquals("summary-1", StandInReplies.kind(new StandInReplies.Call(List.of("user"), List.of("x"), null,
                8192, -1)));
    }

    private static Measurement.Call call(String kind, long sleptMs) {
        long n = sleptMs * 1_000_000;
        return new Measurement.Call(kind, 100, 10, 8192, false, n, n, 0, 0, n);
    }

    @Test
    void should_bound_each_level_by_its_waves_and_add_the_levels() {
        // 12 calls of 2 s at 4 slots, then 1: 3 waves + 1 = 8 s; 13 at 4 slots would be 4 waves.
        List<Measurement.Call> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(call("summary-1", 2000));
        }
        calls.add(call("summary-2", 2000));
        assertEquals(8_000_000_000L, SideBySide.levelBound(calls, 4));
        assertEquals(26_000_000_000L, SideBySide.levelBound(calls, 1));
        // Rounded up: 5 calls of 2 s on 4 slots cannot take less than 2 waves (the mean would say 2.5 s).
        assertEquals(4_000_000_000L, Measurement.level(calls.subList(0, 5), 4));
    }

    @Test
    void should_make_twelve_distinct_articles_of_the_seeds() throws Exception {
        Path seeds = Files.createDirectories(tmp.resolve("seeds"));
        Files.writeString(seeds.resolve("a.txt"), "标题一\n正文。\n");
        Files.writeString(seeds.resolve("b.txt"), "标题二\n正文。\n");
        Path out = SideBySide.seedsTimesFour(seeds, tmp.resolve("x4"));
        List<String> texts;
        try (var files = Files.list(out)) {
            texts = files.sorted().map(p -> {
                try {
                    return Files.readString(p);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertEquals(8, texts.size());
        assertEquals(8, texts.stream().distinct().count(), texts.toString());
        assertTrue(texts.get(0).startsWith("标题一（第1份）\n正文。"), texts.get(0));
    }

    @Test
    void should_splice_its_section_into_a_report_and_replace_it_on_the_next_run() {
        String report = "# Benchmarks\n\n## Ask\n\ntext\n\n## Targets\n\n| t |\n";
        String once = SideBySide.splice(report, "## Side by side: x\n\nfirst\n\n");
        assertEquals("# Benchmarks\n\n## Ask\n\ntext\n\n## Side by side: x\n\nfirst\n\n## Targets\n\n| t |\n", once);
        String twice = SideBySide.splice(once, "## Side by side: x\n\nsecond\n\n");
        assertEquals(once.replace("first", "second"), twice);
    }
}
