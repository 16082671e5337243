package dev.briefing.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SentenceSplitterTest {

    @Test
    void should_split_after_the_chinese_full_stop() {
        assertEquals(List.of("俄罗斯经济濒于崩溃。", "国内油荒蔓延。"), SentenceSplitter.split("俄罗斯经济濒于崩溃。国内油荒蔓延。"));
    }

    @Test
    void should_keep_a_closing_quote_with_the_sentence_it_ends() {
        assertEquals(List.of("他说：“普京总统祝贺我。”", "随后他离开。"),
                SentenceSplitter.split("他说：“普京总统祝贺我。”随后他离开。"));
    }

    @Test
    void should_keep_corner_brackets_and_parentheses_with_the_sentence_they_close() {
        assertEquals(List.of("並且一再聲稱：「如果我當總統，這場衝突根本不會發生。」", "（見下文。）", "結束"),
                SentenceSplitter.split("並且一再聲稱：「如果我當總統，這場衝突根本不會發生。」（見下文。）結束"));
        assertEquals(List.of("他说『好！』", "走了"), SentenceSplitter.split("他说『好！』走了"));
    }

    @Test
    void should_end_sentences_at_full_and_half_width_question_marks_exclamations_and_semicolons() {
        assertEquals(List.of("真的吗？", "是的！", "好；", "再见?", "行!", "对;", "完"),
                SentenceSplitter.split("真的吗？是的！好；再见?行!对;完"));
    }

    @Test
    void should_keep_runs_of_terminators_and_ellipses_together() {
        assertEquals(List.of("什么？！", "真的……", "走吧…", "好。"), SentenceSplitter.split("什么？！真的……走吧…好。"));
    }

    @Test
    void should_not_split_inside_a_decimal_number() {
        assertEquals(List.of("经济增长了3.5个百分点。", "下降"), SentenceSplitter.split("经济增长了3.5个百分点。下降"));
        assertEquals(List.of("The rate was 3.5 percent."), SentenceSplitter.split("The rate was 3.5 percent."));
    }

    @Test
    void should_not_split_after_an_abbreviation_like_us() {
        assertEquals(List.of("The U.S. President spoke to Mr. Putin. ", "Then he left."),
                SentenceSplitter.split("The U.S. President spoke to Mr. Putin. Then he left."));
    }

    @Test
    void should_end_an_english_sentence_at_a_period_only_before_space_and_a_capital() {
        assertEquals(List.of("He spoke. ", "Then he left. and more"),
                SentenceSplitter.split("He spoke. Then he left. and more"));
        assertEquals(List.of("He said \"Go.\" ", "Then he left."), SentenceSplitter.split("He said \"Go.\" Then he left."));
    }

    @Test
    void should_not_split_a_domain_name_or_a_url_query() {
        String source = "來源:倍可親(backchina.com)當地時間7月28日";
        assertEquals(List.of(source), SentenceSplitter.split(source));
        String url = "详见 https://example.com/a?id=5;x=1 页面";
        assertEquals(List.of(url), SentenceSplitter.split(url));
    }

    @Test
    void should_not_split_markdown_glued_to_an_ascii_exclamation_mark() {
        assertEquals(List.of("图片![]()说明"), SentenceSplitter.split("图片![]()说明"));
        assertEquals(List.of("He shouted \"Go!\" ", "Then he left."),
                SentenceSplitter.split("He shouted \"Go!\" Then he left."));
    }

    @Test
    void should_treat_a_straight_quote_after_a_terminator_as_closing_only_when_one_is_open() {
        assertEquals(List.of("他说\"好。\"", "然后走了"), SentenceSplitter.split("他说\"好。\"然后走了"));
        assertEquals(List.of("会谈结束。", "\"密谈\"开始"), SentenceSplitter.split("会谈结束。\"密谈\"开始"));
    }

    @Test
    void should_attach_whitespace_after_a_sentence_to_that_sentence() {
        assertEquals(List.of("第一句。 \u3000", "第二句。"), SentenceSplitter.split("第一句。 \u3000第二句。"));
    }

    @Test
    void should_return_nothing_for_empty_text_and_the_text_itself_without_terminators() {
        assertEquals(List.of(), SentenceSplitter.split(""));
        assertEquals(List.of("几点分析:"), SentenceSplitter.split("几点分析:"));
    }

    @ParameterizedTest
    @MethodSource("dev.briefing.chunk.Seeds#allLines")
    void should_be_lossless_on_every_seed_line(String line) {
        assertEquals(line, String.join("", SentenceSplitter.split(line)));
    }

    @ParameterizedTest
    @MethodSource("dev.briefing.chunk.Seeds#allLines")
    void should_be_lossless_and_within_the_limit_when_cutting_every_seed_line_small(String line) {
        for (int max : new int[] {1, 7, 20}) {
            List<String> parts = SentenceSplitter.split(line, max);
            assertEquals(line, String.join("", parts));
            for (String part : parts) {
                assertTrue(TokenEstimator.estimate(part) <= max, () -> part + " exceeds " + max);
                assertTrue(!part.isEmpty());
            }
        }
    }

    @Test
    void should_split_the_seed_paragraphs_into_several_sentences() {
        String line = Seeds.lines(Seeds.SIMPLIFIED).get(3);
        List<String> sentences = SentenceSplitter.split(line);
        // The seed mixes half-width commas into Chinese text.
        assertEquals(List.of("特朗普与普京通话后立刻在社交媒体发文,称自己刚刚结束与普京富有成效的电话会谈。",
                "“普京总统祝贺我以及美国在中东实现和平这一伟大成就。", "他说这是人类数个世纪以来的梦想。",
                "我确实认为,中东的成功将有助于我们在俄乌战争谈判中取得进展。”"), sentences);
    }

    @Test
    void should_leave_sentences_that_fit_uncut() {
        String line = Seeds.lines(Seeds.TRADITIONAL).get(1);
        assertEquals(SentenceSplitter.split(line), SentenceSplitter.split(line, 10_000));
    }

    @Test
    void should_cut_an_over_long_sentence_between_clauses_first() {
        String sentence = "美国在武器尤其是信息支持等方面向乌克兰提供了切实有效的帮助，"
                + "使得乌克兰能够对俄罗斯境内炼油和军工等战略目标实施深度打击，"
                + "严重削弱了俄罗斯继续和升级战争的能力。";
        List<String> parts = SentenceSplitter.split(sentence, 40);
        assertEquals(List.of("美国在武器尤其是信息支持等方面向乌克兰提供了切实有效的帮助，",
                "使得乌克兰能够对俄罗斯境内炼油和军工等战略目标实施深度打击，", "严重削弱了俄罗斯继续和升级战争的能力。"), parts);
    }

    @Test
    void should_pack_several_clauses_into_one_piece_when_they_fit() {
        String sentence = "第一，第二，第三，第四，第五，第六。";
        assertEquals(List.of("第一，第二，第三，", "第四，第五，第六。"), SentenceSplitter.split(sentence, 9));
    }

    @Test
    void should_not_cut_at_a_thousands_separator_or_a_clock_time() {
        String sentence = "援助1,000亿美元，会议于10:30开始";
        List<String> parts = SentenceSplitter.split(sentence, 12);
        assertEquals(List.of("援助1,000亿美元，", "会议于10:30开始"), parts);
    }

    @Test
    void should_cut_between_characters_only_when_a_clause_alone_exceeds_the_limit() {
        String clause = "甲".repeat(50);
        List<String> parts = SentenceSplitter.split(clause, 20);
        assertEquals(List.of("甲".repeat(20), "甲".repeat(20), "甲".repeat(10)), parts);
    }

    @Test
    void should_not_cut_inside_an_english_word_when_cutting_by_characters() {
        String clause = "甲甲甲甲甲 Zelensky甲";
        List<String> parts = SentenceSplitter.split(clause, 6);
        assertEquals(clause, String.join("", parts));
        assertTrue(parts.contains("甲甲甲甲甲 "), parts::toString);
        assertTrue(parts.stream().anyMatch(p -> p.startsWith("Zelensky")), parts::toString);
    }

    @Test
    void should_never_cut_a_surrogate_pair() {
        String text = "𠀀".repeat(5);
        List<String> parts = SentenceSplitter.split(text, 2);
        assertEquals(List.of("𠀀𠀀", "𠀀𠀀", "𠀀"), parts);
    }

    @Test
    void should_reject_a_limit_below_one_token() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SentenceSplitter.split("好。", 0));
        assertTrue(e.getMessage().contains("maxTokens"), e.getMessage());
    }
}
