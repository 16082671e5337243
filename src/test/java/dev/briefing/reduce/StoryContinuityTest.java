package dev.briefing.reduce;

import dev.briefing.map.ActorType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.reduce.Briefing.Actor;
import dev.briefing.reduce.Briefing.EarlierEvent;
import dev.briefing.reduce.Briefing.Event;
import dev.briefing.reduce.Briefing.EventChange;
import dev.briefing.reduce.Briefing.Novelty;
import dev.briefing.verify.Citation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoryContinuityTest {
    private static final LocalDate DAY = LocalDate.parse("2026-11-23");
    private static final LocalDate YESTERDAY = LocalDate.parse("2026-11-22");
    private static final Citation CITE = new Citation("x", 1, "引文");
    private final StoryContinuity continuity = new StoryContinuity(AliasTable.bundled());

    private static Actor actor(String id, String name, String... aliases) {
        return new Actor(id, name, List.of(aliases), ActorType.PERSON, "", List.of(CITE));
    }

    private static Event event(String id, String date, String title, String description, String where,
            String... actors) {
        return new Event(id, date == null ? null : LocalDate.parse(date), null, title, description, where,
                List.of(actors), List.of(CITE));
    }

    private static Briefing briefing(List<Actor> actors, List<Event> events) {
        return new Briefing("zh-Hans", List.of(), new Briefing.Summary("", List.of()), events, actors, List.of(),
                List.of(), false, List.of(), new Briefing.RunSummary("m", "h", Instant.EPOCH, 0, 0, 0, 0, 0, 0,
                        List.of()));
    }

    private EventChange only(Briefing today, Briefing earlier) {
        Briefing.Changes changes = continuity.changes(today, DAY, YESTERDAY, List.of("x"),
                List.of(new StoryContinuity.EarlierDay(YESTERDAY, earlier)));
        assertEquals(1, changes.events().size());
        return changes.events().get(0);
    }

    @Test
    void should_mark_a_development_of_yesterdays_story_by_shared_actors_and_related_wording() {
        Briefing earlier = briefing(List.of(actor("a1", "特朗普"), actor("a2", "普京")),
                List.of(event("e1", "2025-10-16", "特朗普提议在布达佩斯举行峰会", "双方同意在匈牙利会面", null, "a1", "a2")));
        // Traditional script, another alias for Trump, and a title in front of Putin's name.
        Briefing today = briefing(List.of(actor("a1", "川普"), actor("a2", "俄羅斯總統普京")),
                List.of(event("e1", "2025-10-21", "布達佩斯峰會暫緩舉行", "白宮稱峰會暫無計劃", null, "a1", "a2")));
        EventChange change = only(today, earlier);
        assertEquals(Novelty.DEVELOPING, change.novelty());
        assertEquals(List.of(new EarlierEvent(YESTERDAY, "特朗普提议在布达佩斯举行峰会")), change.continues());
    }

    @Test
    void should_not_relate_two_events_by_the_actor_names_alone() {
        Briefing earlier = briefing(List.of(actor("a1", "特朗普"), actor("a2", "普京")),
                List.of(event("e1", "2025-10-16", "普京与特朗普通电话", "", null, "a1", "a2")));
        Briefing today = briefing(List.of(actor("a1", "特朗普"), actor("a2", "普京")),
                List.of(event("e1", "2025-07-28", "特朗普称对普京非常失望", "", "苏格兰", "a1", "a2")));
        assertEquals(Novelty.NEW, only(today, earlier).novelty());
    }

    @Test
    void should_not_relate_related_wording_without_a_shared_actor() {
        Briefing earlier = briefing(List.of(actor("a1", "欧盟")),
                List.of(event("e1", null, "追加对乌军事援助", "", null, "a1")));
        Briefing today = briefing(List.of(actor("a1", "美国国会")),
                List.of(event("e1", null, "削减对乌军事援助", "", null, "a1")));
        assertEquals(Novelty.NEW, only(today, earlier).novelty());
    }

    @Test
    void should_mark_the_same_date_and_place_as_developing_whoever_is_named() {
        Briefing earlier = briefing(List.of(actor("a1", "拉夫罗夫")),
                List.of(event("e1", "2025-12-29", "官邸遭无人机袭击", "", "诺夫哥罗德州", "a1")));
        Briefing today = briefing(List.of(actor("a1", "泽连斯基")),
                List.of(event("e1", "2025-12-29", "乌方否认发动袭击", "", "諾夫哥羅德州瓦爾代", "a1")));
        assertEquals(Novelty.DEVELOPING, only(today, earlier).novelty());
        Briefing otherDay = briefing(List.of(actor("a1", "泽连斯基")),
                List.of(event("e1", "2025-12-30", "乌方否认发动袭击", "", "诺夫哥罗德州", "a1")));
        assertEquals(Novelty.NEW, only(otherDay, earlier).novelty());
    }

    @Test
    void should_mark_everything_new_without_earlier_days_and_keep_the_event_order() {
        Briefing today = briefing(List.of(actor("a1", "特朗普")), List.of(
                event("e1", "2025-10-13", "特朗普在以色列议会演讲", "", "以色列议会", "a1"),
                event("e2", null, "特朗普要求北约提升援助", "", null, "a1")));
        Briefing.Changes changes = continuity.changes(today, DAY, DAY, List.of("x"), List.of());
        assertEquals(List.of("e1", "e2"), changes.events().stream().map(EventChange::event).toList());
        assertTrue(changes.events().stream().allMatch(c -> c.novelty() == Novelty.NEW));
        assertEquals(DAY, changes.since());
    }

    @Test
    void should_fold_places_across_scripts_and_ignore_missing_ones() {
        assertTrue(StoryContinuity.samePlace("阿拉斯加州安克雷奇", "阿拉斯加"));
        assertTrue(StoryContinuity.samePlace("蘇格蘭", "苏格兰"));
        assertFalse(StoryContinuity.samePlace(null, "苏格兰"));
        assertFalse(StoryContinuity.samePlace("", ""));
        assertFalse(StoryContinuity.samePlace("以色列议会", "匈牙利布达佩斯"));
    }
}
