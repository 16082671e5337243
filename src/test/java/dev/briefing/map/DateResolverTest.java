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
    void should_not_take_any_year_the_article_mentions_just_because_the_model_named_it() {
        // 003 mentions 2016 and 2018 as history; a model naming one of them proves nothing.
        assertNull(DateResolver.resolve("7月28日", "2018-07-28", Set.of(2016, 2018)));
        assertNull(DateResolver.resolve("10月16日", "2025-10-16", Set.of(2025, 2026)));
    }

    @Test
    void should_choose_the_year_of_the_full_dates_the_text_states_and_mark_it_inferred() {
        String context = "特朗普于2025年10月13日在以色列议会演讲。另据2024年1月1日的报道……2025年10月20日";
        assertEquals(new DateResolver.Resolved(LocalDate.of(2025, 10, 16), DateBasis.INFERRED),
                DateResolver.resolve("10月16日", null, Set.of(2024, 2025), context));
        assertEquals(LocalDate.of(2024, 10, 16), DateResolver.resolve("10月16日", "2024-10-16", Set.of(2024, 2025),
                context).date(), "the model's year when the text states a date in it");
        assertEquals(LocalDate.of(2025, 10, 16), DateResolver.resolve("10月16日", "2023-10-16", Set.of(),
                context).date(), "not a year the text never states");
        assertEquals(new DateResolver.Resolved(LocalDate.of(2025, 10, 13), DateBasis.STATED),
                DateResolver.resolve("2025年10月13日", "2025-10-12", Set.of(), context));
    }

    @Test
    void should_keep_a_models_date_for_a_relative_day_near_a_date_the_text_gives() {
        String context = "从2月12日首次通联……泽连斯基于12月28日访问佛罗里达州海湖庄园。新华网 2025年12月30日";
        assertEquals(new DateResolver.Resolved(LocalDate.of(2025, 12, 29), DateBasis.INFERRED),
                DateResolver.resolve("次日", "2025-12-29", Set.of(2025, 2026), context));
        assertEquals(LocalDate.of(2025, 12, 29),
                DateResolver.resolve("当地时间28日深夜至29日凌晨", "2025-12-29", Set.of(2025, 2026), context).date());
        assertNull(DateResolver.resolve("当地时间28日深夜至29日凌晨", "2025-12-27", Set.of(2025), context).date(),
                "a day the text does not name");
        assertNull(DateResolver.resolve("明天", "2025-06-01", Set.of(2025), context).date(), "far from every date");
        assertNull(DateResolver.resolve("明天", null, Set.of(2025), context).date());
        assertNull(DateResolver.resolve("下周", "2025-12-30", Set.of(2025), context).date(), "not a day");
    }

    @Test
    void should_read_english_month_and_day() {
        String context = "On 2025-10-13 he spoke in Israel.";
        assertEquals(new DateResolver.Resolved(LocalDate.of(2025, 10, 16), DateBasis.INFERRED),
                DateResolver.resolve("October 16", "2025-10-16", Set.of(), context));
        assertEquals(new DateResolver.Resolved(LocalDate.of(2024, 3, 5), DateBasis.STATED),
                DateResolver.resolve("Mar. 5, 2024", null, Set.of(), ""));
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
