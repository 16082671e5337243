package dev.briefing.reduce;

import dev.briefing.map.ChunkNotes.EventNote;
import dev.briefing.reduce.Briefing.Event;
import dev.briefing.verify.Citation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One event per happening: the same call or meeting reported by several articles (or by two
 * chunks of one) becomes one event citing each. Events on different dates never merge;
 * events on the same date merge when their wording overlaps or they share two actors;
 * undated ones only when their wording clearly matches. Output is sorted by date, undated
 * events last in the order they were first reported.
 */
public final class EventMerger {
    static final double SAME_DATE_SIMILARITY = 0.15;
    static final double UNDATED_SIMILARITY = 0.45;

    private EventMerger() {
    }

    public static List<Event> merge(List<EventNote> notes, Function<String, Optional<String>> actorIds,
            Comparator<Citation> citationOrder) {
        List<Group> groups = new ArrayList<>();
        for (EventNote note : notes) {
            Set<String> actors = new LinkedHashSet<>();
            note.actors().forEach(name -> actorIds.apply(name).ifPresent(actors::add));
            Group match = null;
            for (Group g : groups) {
                if (g.accepts(note, actors)) {
                    match = g;
                    break;
                }
            }
            if (match == null) {
                groups.add(new Group(note, actors, groups.size()));
            } else {
                match.add(note, actors);
            }
        }
        groups.sort(Comparator.comparing((Group g) -> g.date == null)
                .thenComparing(g -> g.date, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingInt(g -> g.order));
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            events.add(groups.get(i).toEvent("e" + (i + 1), citationOrder));
        }
        return events;
    }

    private static final class Group {
        final List<EventNote> notes = new ArrayList<>();
        final Set<String> actors = new LinkedHashSet<>();
        final int order;
        java.time.LocalDate date;

        Group(EventNote first, Set<String> actorIds, int order) {
            this.order = order;
            add(first, actorIds);
        }

        void add(EventNote note, Set<String> actorIds) {
            notes.add(note);
            actors.addAll(actorIds);
            if (date == null) {
                date = note.date();
            }
        }

        boolean accepts(EventNote note, Set<String> actorIds) {
            if (date != null && note.date() != null && !date.equals(note.date())) {
                return false;
            }
            // Titles are the model's short label for a happening; descriptions vary with each
            // article's angle, so either matching closely is evidence of the same event.
            double similarity = notes.stream().mapToDouble(n -> Math.max(TextSimilarity.of(n.title(), note.title()),
                    TextSimilarity.of(text(n), text(note)))).max().orElse(0);
            long sharedActors = actorIds.stream().filter(actors::contains).count();
            if (date != null && date.equals(note.date())) {
                return similarity >= SAME_DATE_SIMILARITY || sharedActors >= 2;
            }
            boolean actorsAgree = sharedActors >= 1 || actorIds.isEmpty() || actors.isEmpty();
            return similarity >= UNDATED_SIMILARITY && actorsAgree;
        }

        private static String text(EventNote n) {
            return n.title() + " " + n.description();
        }

        Event toEvent(String id, Comparator<Citation> citationOrder) {
            EventNote lead = notes.stream().max(Comparator.comparingInt((EventNote n) -> n.citations().size())
                    .thenComparingInt(n -> -notes.indexOf(n))).orElseThrow();
            String dateText = lead.dateText() != null ? lead.dateText()
                    : notes.stream().map(EventNote::dateText).filter(Objects::nonNull).findFirst().orElse(null);
            String where = lead.where() != null ? lead.where()
                    : notes.stream().map(EventNote::where).filter(Objects::nonNull).findFirst().orElse(null);
            List<Citation> citations = notes.stream().flatMap(n -> n.citations().stream()).distinct()
                    .sorted(citationOrder).toList();
            return new Event(id, date, dateText, lead.title(), lead.description(), where, List.copyOf(actors),
                    citations);
        }
    }
}
