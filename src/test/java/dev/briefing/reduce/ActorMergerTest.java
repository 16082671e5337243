package dev.briefing.reduce;

import dev.briefing.map.ActorType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.map.ChunkNotes.ActorNote;
import dev.briefing.reduce.Briefing.Actor;
import dev.briefing.verify.Citation;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ActorMergerTest {
    private static final Comparator<Citation> ORDER = Comparator.comparing(Citation::article)
            .thenComparingInt(Citation::paragraph);
    private final ActorMerger merger = new ActorMerger(AliasTable.bundled());

    private static ActorNote note(String name, ActorType type, String article, int paragraph) {
        return new ActorNote(name, type, "", List.of(new Citation(article, paragraph, name + "说了话")));
    }

    @Test
    void should_merge_script_variants_and_aliases_into_one_actor_citing_every_article() {
        ActorMerger.Merged m = merger.merge(List.of(
                note("泽连斯基", ActorType.PERSON, "000", 1),
                note("澤連斯基", ActorType.PERSON, "003", 2),
                note("北约", ActorType.ORGANIZATION, "000", 3),
                note("北約", ActorType.ORGANIZATION, "003", 4),
                note("NATO", ActorType.ORGANIZATION, "002", 5),
                note("特朗普", ActorType.PERSON, "000", 6),
                note("川普", ActorType.PERSON, "003", 7),
                note("Trump", ActorType.PERSON, "002", 8)), ORDER);
        assertEquals(3, m.actors().size(), m.actors().toString());
        assertEquals(List.of(3L, 3L, 2L), m.actors().stream()
                .map(a -> a.citations().stream().map(Citation::article).distinct().count()).toList());
        assertEquals(Set.of("泽连斯基", "澤連斯基"), Set.of(m.actors().get(2).name(), m.actors().get(2).aliases().get(0)));
        Actor nato = m.actors().stream().filter(a -> a.aliases().contains("NATO") || a.name().equals("NATO"))
                .findFirst().orElseThrow();
        Set<String> names = nato.aliases().stream().collect(Collectors.toSet());
        names.add(nato.name());
        assertEquals(Set.of("北约", "北約", "NATO"), names);
    }

    @Test
    void should_merge_a_person_named_with_a_title() {
        ActorMerger.Merged m = merger.merge(List.of(
                note("普京", ActorType.PERSON, "000", 1),
                note("俄罗斯总统普京", ActorType.PERSON, "000", 2),
                note("拉夫罗夫", ActorType.PERSON, "002", 21),
                note("俄罗斯外长拉夫罗夫", ActorType.PERSON, "002", 21)), ORDER);
        assertEquals(2, m.actors().size(), m.actors().toString());
        assertEquals(Optional.of(m.actors().stream().filter(a -> a.name().contains("普京")).findFirst()
                .orElseThrow().id()), m.resolver().apply("美国人口中的普京"));
    }

    @Test
    void should_keep_different_actors_apart() {
        ActorMerger.Merged m = merger.merge(List.of(
                note("美国", ActorType.COUNTRY, "000", 1),
                note("美国国会", ActorType.ORGANIZATION, "002", 18),
                note("俄罗斯", ActorType.COUNTRY, "000", 2)), ORDER);
        assertEquals(3, m.actors().size());
    }

    @Test
    void should_order_actors_by_how_many_articles_name_them_and_number_ids() {
        ActorMerger.Merged m = merger.merge(List.of(
                note("卡拉斯", ActorType.PERSON, "002", 28),
                note("普京", ActorType.PERSON, "000", 1),
                note("普丁", ActorType.PERSON, "003", 1)), ORDER);
        assertEquals("a1", m.actors().get(0).id());
        assertTrue(m.actors().get(0).name().startsWith("普"));
        assertEquals("a2", m.actors().get(1).id());
    }

    @Test
    void should_resolve_event_actor_names_through_aliases() {
        ActorMerger.Merged m = merger.merge(List.of(note("特朗普", ActorType.PERSON, "000", 1)), ORDER);
        assertEquals(Optional.of("a1"), m.resolver().apply("Donald Trump"));
        assertEquals(Optional.of("a1"), m.resolver().apply("美国总统特朗普"));
        assertEquals(Optional.empty(), m.resolver().apply("拜登"));
    }
}
