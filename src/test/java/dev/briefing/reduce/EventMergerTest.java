package dev.briefing.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.map.ChunkNotes.EventNote;
import dev.briefing.reduce.Briefing.Event;
import dev.briefing.verify.Citation;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EventMergerTest {
    private static final Comparator<Citation> ORDER = Comparator.comparing(Citation::article)
            .thenComparingInt(Citation::paragraph);
    private static final Map<String, String> IDS = Map.of("普京", "a1", "特朗普", "a2", "泽连斯基", "a3");
    private static final Function<String, Optional<String>> ACTORS = n -> Optional.ofNullable(IDS.get(n));

    private static EventNote event(String title, LocalDate date, String article, int paragraph, String... actors) {
        return new EventNote(title, "", date == null ? null : date.getMonthValue() + "月" + date.getDayOfMonth() + "日",
                date, null, List.of(actors), List.of(new Citation(article, paragraph, title)));
    }

    @Test
    void should_merge_the_same_event_reported_by_two_articles() {
        List<Event> events = EventMerger.merge(List.of(
                event("普京与特朗普通电话", LocalDate.of(2025, 10, 16), "000", 1, "普京", "特朗普"),
                event("普京与特朗普通电话讨论乌克兰", LocalDate.of(2025, 10, 16), "002", 7, "特朗普", "普京")),
                ACTORS, ORDER);
        assertEquals(1, events.size());
        assertEquals(2, events.get(0).citations().size());
        assertEquals(List.of("a1", "a2"), events.get(0).actors());
    }

    @Test
    void should_keep_a_name_that_is_no_actor_as_written() {
        Event e = EventMerger.merge(List.of(event("无人机袭击普京官邸", LocalDate.of(2025, 12, 29), "002", 21, "乌克兰",
                "普京")), ACTORS, ORDER).get(0);
        assertEquals(List.of("a1"), e.actors());
        assertEquals(List.of("乌克兰"), e.otherActors());
    }

    @Test
    void should_call_a_merged_date_stated_when_one_article_states_it() {
        LocalDate day = LocalDate.of(2025, 10, 16);
        EventNote inferred = new EventNote("普京与特朗普通电话", "", "10月16日", day, dev.briefing.map.DateBasis.INFERRED,
                null, List.of("普京", "特朗普"), List.of(new Citation("000", 1, "普京与特朗普通电话")));
        EventNote stated = new EventNote("普京与特朗普通电话", "", "2025年10月16日", day, dev.briefing.map.DateBasis.STATED,
                null, List.of("普京", "特朗普"), List.of(new Citation("002", 3, "普京与特朗普通电话")));
        assertEquals(dev.briefing.map.DateBasis.INFERRED, EventMerger.merge(List.of(inferred), ACTORS, ORDER).get(0)
                .dateBasis());
        assertEquals(dev.briefing.map.DateBasis.STATED, EventMerger.merge(List.of(inferred, stated), ACTORS, ORDER)
                .get(0).dateBasis());
    }

    @Test
    void should_not_merge_events_on_different_dates() {
        List<Event> events = EventMerger.merge(List.of(
                event("普京与特朗普通电话", LocalDate.of(2025, 10, 16), "000", 1, "普京", "特朗普"),
                event("普京与特朗普通电话", LocalDate.of(2025, 12, 29), "002", 23, "普京", "特朗普")),
                ACTORS, ORDER);
        assertEquals(2, events.size());
    }

    @Test
    void should_sort_by_date_and_keep_undated_events_last() {
        List<Event> events = EventMerger.merge(List.of(
                event("白宫暂停乌克兰重建基金审批", null, "003", 14),
                event("泽连斯基访问海湖庄园", LocalDate.of(2025, 12, 28), "002", 20, "泽连斯基"),
                event("阿拉斯加会晤", LocalDate.of(2025, 8, 15), "002", 8, "普京", "特朗普")),
                ACTORS, ORDER);
        assertEquals(List.of("阿拉斯加会晤", "泽连斯基访问海湖庄园", "白宫暂停乌克兰重建基金审批"),
                events.stream().map(Event::title).toList());
        assertEquals(List.of("e1", "e2", "e3"), events.stream().map(Event::id).toList());
        assertNull(events.get(2).date());
    }

    @Test
    void should_merge_an_undated_mention_into_the_dated_event_with_the_same_title() {
        EventNote dated = new EventNote("普京与特朗普在阿拉斯加会晤", "双方在安克雷奇的联合军事基地举行面对面会谈。", "8月15日",
                LocalDate.of(2025, 8, 15), null, List.of("普京", "特朗普"), List.of(new Citation("002", 8, "8月15日")));
        EventNote mention = new EventNote("普京与特朗普在阿拉斯加会晤", "会晤后特朗普的立场发生变化。", null, null, null,
                List.of("普京"), List.of(new Citation("000", 8, "上次阿拉斯加双普会后")));
        List<Event> events = EventMerger.merge(List.of(mention, dated), ACTORS, ORDER);
        assertEquals(1, events.size());
        assertEquals(LocalDate.of(2025, 8, 15), events.get(0).date());
        assertEquals(2, events.get(0).citations().size());
    }

    @Test
    void should_merge_undated_duplicates_only_when_wording_clearly_matches() {
        List<Event> events = EventMerger.merge(List.of(
                event("特朗普削减对乌援助预算", null, "003", 13, "特朗普"),
                event("特朗普削减对乌援助预算超过40%", null, "003", 14, "特朗普"),
                event("欧盟追加对乌军事支持", null, "002", 33)),
                ACTORS, ORDER);
        assertEquals(2, events.size());
    }

    /**
     * The indexed merge compares a note only with the groups that could take it; on random days
     * (few dates, undated notes, a small vocabulary so wording overlaps, shared actors) it must
     * give exactly the events the one-by-one merge gives.
     */
    @Test
    void should_merge_exactly_as_comparing_every_note_with_every_group_does() {
        String[] words = {"普京", "特朗普", "通电话", "会晤", "布达佩斯", "乌克兰", "停火", "谈判", "制裁", "北约", "峰会",
            "无人机", "袭击", "援助", "导弹", "White House", "Trump"};
        String[] names = {"普京", "特朗普", "泽连斯基", "乌克兰", "北约"};
        java.util.Random random = new java.util.Random(20261203);
        int merged = 0;
        for (int day = 0; day < 40; day++) {
            List<EventNote> notes = new java.util.ArrayList<>();
            int size = 1 + random.nextInt(120);
            for (int i = 0; i < size; i++) {
                StringBuilder title = new StringBuilder();
                for (int w = 1 + random.nextInt(4); w > 0; w--) {
                    title.append(words[random.nextInt(words.length)]);
                }
                String description = random.nextBoolean() ? "" : words[random.nextInt(words.length)]
                        + words[random.nextInt(words.length)];
                int d = random.nextInt(5);
                LocalDate date = d < 2 ? null : LocalDate.of(2025, 10, 14 + d);
                List<String> actors = new java.util.ArrayList<>();
                for (int a = random.nextInt(4); a > 0; a--) {
                    actors.add(names[random.nextInt(names.length)]);
                }
                notes.add(new EventNote(title.toString(), description, date == null ? null : "10月" + (14 + d) + "日",
                        date, date == null ? null : dev.briefing.map.DateBasis.STATED, null, actors.stream().distinct()
                                .toList(), List.of(new Citation(String.format("%03d", i % 7), 1 + i, title.toString()))));
            }
            List<Event> expected = EventMergerReference.merge(notes, ACTORS, ORDER);
            assertEquals(expected, EventMerger.merge(notes, ACTORS, ORDER), "day " + day);
            merged += notes.size() - expected.size();
        }
        assertTrue(merged > 100, "the random days merge many notes, so the comparison means something: " + merged);
    }
}
