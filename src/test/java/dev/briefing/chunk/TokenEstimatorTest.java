package dev.briefing.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TokenEstimatorTest {

    @Test
    void should_count_each_han_character_as_one_token() {
        assertEquals(9, TokenEstimator.estimate("普京与特朗普通电话"));
        assertEquals(6, TokenEstimator.estimate("俄烏衝突爆發"));
    }

    @Test
    void should_count_each_kana_and_hangul_syllable_as_one_token() {
        assertEquals(8, TokenEstimator.estimate("ひらがなカタカナ"));
        assertEquals(3, TokenEstimator.estimate("한국어"));
    }

    @Test
    void should_count_each_cjk_and_full_width_punctuation_mark_as_one_token() {
        assertEquals(14, TokenEstimator.estimate("。，、：；！？“”「」（）…"));
        assertEquals(3, TokenEstimator.estimate("ＡＢ１"));
    }

    @Test
    void should_count_a_run_of_ascii_letters_as_a_quarter_of_its_length_rounded_up() {
        assertEquals(1, TokenEstimator.estimate("a"));
        assertEquals(1, TokenEstimator.estimate("NATO"));
        assertEquals(2, TokenEstimator.estimate("Putin"));
        assertEquals(3, TokenEstimator.estimate("backchina"));
    }

    @Test
    void should_count_every_digit_because_qwen_tokenizes_digits_one_by_one() {
        assertEquals(4, TokenEstimator.estimate("2025"));
        assertEquals(3, TokenEstimator.estimate("3.5"));
    }

    @Test
    void should_count_whitespace_as_nothing_except_the_ideographic_space() {
        assertEquals(0, TokenEstimator.estimate(" \t\n\r"));
        assertEquals(0, TokenEstimator.estimate(""));
        assertEquals(2, TokenEstimator.estimate("one two"));
        assertEquals(1, TokenEstimator.estimate("\u3000"));
    }

    @Test
    void should_count_other_symbols_one_each() {
        assertEquals(5, TokenEstimator.estimate("![]()"));
        assertEquals(1, TokenEstimator.estimate("é"));
    }

    @Test
    void should_make_english_words_cheaper_than_one_token_per_character() {
        String english = "The president spoke with reporters at the White House";
        long letters = english.chars().filter(Character::isLetter).count();
        assertTrue(TokenEstimator.estimate(english) < letters / 2,
                () -> TokenEstimator.estimate(english) + " tokens for " + letters + " letters");
    }

    @Test
    void should_stay_above_a_plausible_lower_bound_for_mixed_chinese_digits_and_english() {
        String mixed = "特朗普于2025年10月13日在以色列议会演讲(backchina.com)";
        // Qwen: every digit is a token and common Chinese words merge to about two characters
        // per token at best; English at most about five letters per token.
        assertTrue(TokenEstimator.estimate(mixed) >= lowerBound(mixed));
        assertEquals(15 + 8 + 3 + 1 + 3, TokenEstimator.estimate(mixed), "Han, digits, backchina, com, ( . )");
    }

    @ParameterizedTest
    @MethodSource("dev.briefing.chunk.Seeds#allLines")
    void should_never_estimate_a_seed_line_below_the_plausible_lower_bound(String line) {
        assertTrue(TokenEstimator.estimate(line) >= lowerBound(line), line);
    }

    @Test
    void should_add_chat_template_tokens_for_every_message() {
        List<String> parts = List.of("你是新闻编辑。", "总结下面的文章。");
        int content = TokenEstimator.estimate(parts.get(0)) + TokenEstimator.estimate(parts.get(1));
        int estimate = TokenEstimator.estimateMessages(parts);
        assertEquals(content + 2 * TokenEstimator.TOKENS_PER_MESSAGE + TokenEstimator.TOKENS_PER_CONVERSATION,
                estimate);
        assertTrue(estimate >= content + 2 * 4, "at least ~4 template tokens per message");
        assertTrue(TokenEstimator.estimateMessages(List.of("a", "b", "c"))
                > TokenEstimator.estimateMessages(List.of("a b c")));
    }

    private static int lowerBound(String text) {
        long cjk = text.codePoints().filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN).count();
        long digits = text.codePoints().filter(cp -> cp >= '0' && cp <= '9').count();
        long letters = text.codePoints().filter(cp -> cp < 128 && Character.isLetter(cp)).count();
        return (int) ((cjk + 1) / 2 + digits + letters / 5);
    }
    @Test
    void should_count_whitespace_as_the_unicode_tables_say_for_every_code_point() {
        // The shortcut in isWhitespace must agree with the tables it skips, everywhere.
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
                continue;
            }
            boolean free = cp != 0x3000 && (Character.isWhitespace(cp) || Character.isSpaceChar(cp));
            assertEquals(free ? 0 : 1, TokenEstimator.estimate(Character.toString(cp)) == 0 ? 0 : 1,
                    String.format("U+%04X", cp));
        }
    }
}
