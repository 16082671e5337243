package dev.briefing.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DateResolverTest {

    @Test
    void should_take_a_full_date_from_the_text_whatever_the_model_says() {
        assertEquals(LocalDate.of(2025, 10, 13), DateResolver.resolve("2025年10月13日", "2024-01-01", Set.of()));
        assertEquals(LocalDate.of(2025, 8, 16), DateResolver.resolve("2025-08-16", null, Set.of()));
    }

    @Test
    void should_take_the_models_year_only_when_the_article_mentions_it() {
        assertEquals(LocalDate.of(2025, 10, 16), DateResolver.resolve("10月16日", "2025-10-16", Set.of(2025, 2026)));
        assertNull(DateResolver.resolve("10月16日", "2023-10-16", Set.of(2025, 2026)));
    }

    @Test
    void should_use_the_articles_only_year_when_the_model_gives_none() {
        assertEquals(LocalDate.of(2025, 7, 28), DateResolver.resolve("當地時間7月28日", null, Set.of(2025)));
        assertNull(DateResolver.resolve("7月28日", null, Set.of(2025, 2026)));
        assertNull(DateResolver.resolve("7月28日", null, Set.of()));
    }

    @Test
    void should_leave_dates_the_text_does_not_pin_to_a_day_undated() {
        assertNull(DateResolver.resolve("次日", "2025-12-30", Set.of(2025)));
        assertNull(DateResolver.resolve("今年5月", "2025-05-01", Set.of(2025)));
        assertNull(DateResolver.resolve(null, "2025-05-01", Set.of(2025)));
    }

    @Test
    void should_read_chinese_numerals() {
        assertEquals(LocalDate.of(2025, 12, 28), DateResolver.resolve("十二月二十八日", null, Set.of(2025)));
        assertEquals(10, DateResolver.number("十"));
        assertEquals(16, DateResolver.number("十六"));
        assertEquals(29, DateResolver.number("二十九"));
        assertEquals(16, DateResolver.number("１６"));
    }

    @Test
    void should_reject_impossible_dates() {
        assertNull(DateResolver.resolve("2月30日", null, Set.of(2025)));
    }

    @Test
    void should_collect_years_the_article_mentions() {
        assertEquals(Set.of(2025, 2026), DateResolver.yearsIn("2025年,俄罗斯…2026年已然开启…新华网2025-08-16"));
    }
}
