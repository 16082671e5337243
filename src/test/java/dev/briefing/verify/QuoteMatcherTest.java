package dev.briefing.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuoteMatcherTest {
    private static final String SIMPLIFIED = "经俄罗斯总统普京提议,10月16日,普京与美国总统特朗普通电话,两人讨论了俄美关系和俄乌冲突等议题。";
    private static final String TRADITIONAL = "當地時間7月28日,美國總統特朗普在蘇格蘭訪問期間再次談及俄羅斯問題,罕見表示「對普京非常失望」。";

    @Test
    void should_find_exact_quote() {
        assertEquals(Optional.of("普京与美国总统特朗普通电话"), QuoteMatcher.locate(SIMPLIFIED, "普京与美国总统特朗普通电话"));
    }

    @Test
    void should_ignore_whitespace_and_width_but_return_source_text() {
        // The model wrote full-width commas and a space; the source has half-width commas.
        assertEquals(Optional.of("10月16日,普京与美国总统"), QuoteMatcher.locate(SIMPLIFIED, "10月16日， 普京与美国总统"));
    }

    @Test
    void should_reject_a_paraphrase() {
        assertTrue(QuoteMatcher.locate(SIMPLIFIED, "普京和特朗普打了电话").isEmpty());
    }

    @Test
    void should_reject_words_that_are_not_there() {
        assertTrue(QuoteMatcher.locate(SIMPLIFIED, "普京与美国总统拜登通电话").isEmpty());
    }

    @Test
    void should_reject_quotes_too_short_to_prove_anything() {
        assertTrue(QuoteMatcher.locate(SIMPLIFIED, "普京").isEmpty());
        assertTrue(QuoteMatcher.locate(SIMPLIFIED, " , ").isEmpty());
    }

    @Test
    void should_restore_traditional_script_when_model_quoted_in_simplified() {
        Optional<String> quote = QuoteMatcher.locate(TRADITIONAL, "对普京非常失望");
        assertEquals(Optional.of("對普京非常失望"), quote);
    }

    @Test
    void should_find_a_simplified_quote_whose_traditional_form_uses_a_character_both_scripts_share() {
        // ICU leaves 覆 alone (it is also a simplified character, as in 覆盖), so 反覆 and 反复
        // did not meet; the seeds' 003 says 反覆 where a simplified quote writes 反复.
        String paragraph = "特朗普對普京的態度反覆無常,隨著局勢變化而搖擺。";
        assertEquals(Optional.of("態度反覆無常"), QuoteMatcher.locate(paragraph, "态度反复无常"));
        assertEquals(Optional.of("隨著局勢變化"), QuoteMatcher.locate(paragraph, "随着局势变化"));
    }

    @Test
    void should_still_reject_a_simplified_quote_with_another_word() {
        assertTrue(QuoteMatcher.locate("特朗普對普京的態度反覆無常。", "态度反对无常").isEmpty());
    }

    @Test
    void should_keep_traditional_quote_verbatim() {
        assertEquals(Optional.of("美國總統特朗普在蘇格蘭訪問期間"), QuoteMatcher.locate(TRADITIONAL, "美國總統特朗普在蘇格蘭訪問期間"));
    }

    @Test
    void should_match_latin_text_case_insensitively_but_return_source_case() {
        assertEquals(Optional.of("NetEase Hao"), QuoteMatcher.locate("a user of NetEase Hao, which", "netease hao"));
    }
}
