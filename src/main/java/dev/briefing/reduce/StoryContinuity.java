package dev.briefing.reduce;

import dev.briefing.reduce.Briefing.Actor;
import dev.briefing.reduce.Briefing.EarlierEvent;
import dev.briefing.reduce.Briefing.Event;
import dev.briefing.reduce.Briefing.EventChange;
import dev.briefing.reduce.Briefing.Novelty;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which of a day's events continue stories from earlier days, decided without a model so the
 * same briefings always give the same answer. An event is DEVELOPING when some earlier day's
 * event
 * <ul>
 * <li>shares an actor with it (the same actor key: names folded across scripts, listed aliases,
 * a person named with a title in front) and its wording is related: character-bigram
 * similarity of the titles, or of title and description, at least {@link #RELATED_TEXT},
 * measured after the events' actor names are taken out (two events naming 特朗普 and 普京 are
 * not related by the names alone); or</li>
 * <li>happened on the same ISO date at the same place (the place names fold to the same key,
 * or one contains the other).</li>
 * </ul>
 * Otherwise it is NEW. The bar for related wording is below the one for merging two reports
 * of the same event ({@link EventMerger}): a development is a different event of the same
 * story (a call, then a summit), so it shares the story's actors and some of its words.
 */
public final class StoryContinuity {
    static final double RELATED_TEXT = 0.12;
    private final AliasTable aliases;

    public StoryContinuity(AliasTable aliases) {
        this.aliases = Objects.requireNonNull(aliases, "aliases");
    }

    /** An earlier day's briefing to compare against. */
    public record EarlierDay(LocalDate day, Briefing briefing) {
        public EarlierDay {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(briefing, "briefing");
        }
    }

    /**
     * @param earlier     the briefings of the days compared against (any order)
     * @param newArticles ids of the articles first seen on {@code day}
     */
    public Briefing.Changes changes(Briefing today, LocalDate day, LocalDate since, List<String> newArticles,
            List<EarlierDay> earlier) {
        List<Candidate> candidates = new ArrayList<>();
        earlier.stream().sorted((a, b) -> a.day().compareTo(b.day())).forEach(d -> {
            Function<String, Set<String>> keys = actorKeys(d.briefing());
            for (Event e : d.briefing().events()) {
                candidates.add(new Candidate(d.day(), e, eventActorKeys(e, keys), names(e, d.briefing())));
            }
        });
        Function<String, Set<String>> todayKeys = actorKeys(today);
        List<EventChange> changes = new ArrayList<>();
        for (Event event : today.events()) {
            Set<String> actors = eventActorKeys(event, todayKeys);
            List<String> names = names(event, today);
            Set<EarlierEvent> continues = new LinkedHashSet<>();
            for (Candidate c : candidates) {
                if (continues(event, actors, names, c)) {
                    continues.add(new EarlierEvent(c.day, c.event.title()));
                }
            }
            changes.add(new EventChange(event.id(), continues.isEmpty() ? Novelty.NEW : Novelty.DEVELOPING,
                    List.copyOf(continues)));
        }
        return new Briefing.Changes(day, since, newArticles, changes);
    }

    private record Candidate(LocalDate day, Event event, Set<String> actors, List<String> names) {
    }

    private static boolean continues(Event event, Set<String> actors, List<String> names, Candidate earlier) {
        if (event.date() != null && event.date().equals(earlier.event.date()) && samePlace(event.where(),
                earlier.event.where())) {
            return true;
        }
        if (!sharesActor(actors, earlier.actors)) {
            return false;
        }
        // The shared names alone would make any two events of the same actors look related:
        // compare what is said about them.
        List<String> both = new ArrayList<>(names);
        both.addAll(earlier.names);
        both.sort((a, b) -> b.length() - a.length());
        double related = Math.max(
                TextSimilarity.of(without(event.title(), both), without(earlier.event.title(), both)),
                TextSimilarity.of(without(text(event), both), without(text(earlier.event), both)));
        return related >= RELATED_TEXT;
    }

    /** The folded text with every folded name in it removed (longest names first). */
    static String without(String text, List<String> foldedNamesLongestFirst) {
        String folded = NameKey.of(text);
        for (String name : foldedNamesLongestFirst) {
            if (!name.isEmpty()) {
                folded = folded.replace(name, " ");
            }
        }
        return folded;
    }

    /** The folded names and aliases of an event's actors. */
    private static List<String> names(Event e, Briefing briefing) {
        Set<String> ids = new HashSet<>(e.actors());
        List<String> names = new ArrayList<>();
        for (Actor a : briefing.actors()) {
            if (ids.contains(a.id())) {
                names.add(NameKey.of(a.name()));
                a.aliases().forEach(alias -> names.add(NameKey.of(alias)));
            }
        }
        return names;
    }

    private static String text(Event e) {
        return e.title() + " " + e.description();
    }

    static boolean samePlace(String a, String b) {
        String x = NameKey.of(a);
        String y = NameKey.of(b);
        if (x.isEmpty() || y.isEmpty()) {
            return false;
        }
        return x.equals(y) || (Math.min(x.length(), y.length()) >= 2 && (x.contains(y) || y.contains(x)));
    }

    private static boolean sharesActor(Set<String> a, Set<String> b) {
        for (String x : a) {
            for (String y : b) {
                if (x.equals(y)) {
                    return true;
                }
                // A person named with a title in front: 美国总统特朗普 continues 特朗普.
                if (x.startsWith("name:") && y.startsWith("name:") && Math.min(x.length(), y.length()) >= 7
                        && (x.endsWith(y.substring(5)) || y.endsWith(x.substring(5)))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<String> eventActorKeys(Event e, Function<String, Set<String>> keysOfActor) {
        Set<String> keys = new HashSet<>();
        e.actors().forEach(id -> keys.addAll(keysOfActor.apply(id)));
        return keys;
    }

    /** Actor id of this briefing to every key its names fold to. */
    private Function<String, Set<String>> actorKeys(Briefing briefing) {
        Map<String, Set<String>> byId = briefing.actors().stream().collect(Collectors.toMap(Actor::id, a -> {
            Set<String> keys = new HashSet<>();
            List<String> names = new ArrayList<>(a.aliases());
            names.add(0, a.name());
            for (String name : names) {
                String key = NameKey.of(name);
                if (key.isEmpty()) {
                    continue;
                }
                keys.add(aliases.group(key).orElse("name:" + key));
                for (int i = 1; i <= key.length() - 2; i++) {
                    aliases.group(key.substring(i)).ifPresent(keys::add);
                }
            }
            return keys;
        }, (x, y) -> x));
        return id -> byId.getOrDefault(id, Set.of());
    }
}
