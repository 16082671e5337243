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

/*
 * One event per happening: the same call or meeting reported by several articles (or by two
 * chunks of one) becomes one event citing each. Events on different dates never merge;
 * events on the same date merge when their wording overlaps or they share two actors;
 * undated ones only when their wording clearly matches. Output is sorted by date, undated
 * events last in the order they were first reported.
 */
/**
 * The event merge as it was before candidates were indexed (every note compared with every
 * group, bigrams as string sets), kept as the reference the indexed merge must agree with.
 */
final class EventMergerReference {
    static final double SAME_DATE_SIMILARITY = EventMerger.SAME_DATE_SIMILARITY;
    static final double UNDATED_SIMILARITY = EventMerger.UNDATED_SIMILARITY;

    private EventMergerReference() {
    }

    static List<Event> merge(List<EventNote> notes, Function<String, Optional<String>> actorIds,
            Comparator<Citation> citationOrder) {
        List<Group> groups = new ArrayList<>();
        for (EventNote note : notes) {
            Set<String> actors = new LinkedHashSet<>();
            Set<String> others = new LinkedHashSet<>();
            note.actors().forEach(name -> actorIds.apply(name).ifPresentOrElse(actors::add, () -> others.add(name)));
            // Folded once per note: a large day compares each note with every group so far.
            Grams grams = Grams.of(note);
            Group match = null;
            for (Group g : groups) {
                if (g.accepts(note, grams, actors)) {
                    match = g;
                    break;
                }
            }
            if (match == null) {
                match = new Group(note, grams, actors, groups.size());
                groups.add(match);
            } else {
                match.add(note, grams, actors);
            }
            match.others.addAll(others);
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

    /** A note's title and its title with description, as folded bigram sets. */
    private record Grams(Set<String> title, Set<String> text) {
        static Grams of(EventNote n) {
            return new Grams(bigrams(n.title()), bigrams(n.title() + " " + n.description()));
        }

        double similarity(Grams other) {
            return Math.max(jaccard(title, other.title), jaccard(text, other.text));
        }

        static Set<String> bigrams(String text) {
            Set<String> grams = new java.util.HashSet<>();
            int[] cps = NameKey.of(text).codePoints().filter(cp -> Character.isLetterOrDigit(cp)).toArray();
            for (int i = 0; i + 1 < cps.length; i++) {
                grams.add(new String(cps, i, 2));
            }
            if (cps.length == 1) {
                grams.add(new String(cps, 0, 1));
            }
            return grams;
        }

        static double jaccard(Set<String> x, Set<String> y) {
            if (x.isEmpty() || y.isEmpty()) {
                return 0;
            }
            Set<String> both = new java.util.HashSet<>(x);
            both.retainAll(y);
            return (double) both.size() / (x.size() + y.size() - both.size());
        }
    }

    private static final class Group {
        final List<EventNote> notes = new ArrayList<>();
        final List<Grams> grams = new ArrayList<>();
        final Set<String> actors = new LinkedHashSet<>();
        final Set<String> others = new LinkedHashSet<>();
        final int order;
        java.time.LocalDate date;
        dev.briefing.map.DateBasis dateBasis;

        Group(EventNote first, Grams firstGrams, Set<String> actorIds, int order) {
            this.order = order;
            add(first, firstGrams, actorIds);
        }

        void add(EventNote note, Grams noteGrams, Set<String> actorIds) {
            notes.add(note);
            grams.add(noteGrams);
            actors.addAll(actorIds);
            if (date == null) {
                date = note.date();
                dateBasis = note.dateBasis();
            } else if (date.equals(note.date()) && note.dateBasis() == dev.briefing.map.DateBasis.STATED) {
                // One article stating the day in full makes it stated, whatever the others inferred.
                dateBasis = note.dateBasis();
            }
        }

        boolean accepts(EventNote note, Grams noteGrams, Set<String> actorIds) {
            if (date != null && note.date() != null && !date.equals(note.date())) {
                return false;
            }
            long sharedActors = actorIds.stream().filter(actors::contains).count();
            // Titles are the model's short label for a happening; descriptions vary with each
            // article's angle, so either matching closely is evidence of the same event.
            if (date != null && date.equals(note.date())) {
                return sharedActors >= 2 || similarAtLeast(noteGrams, SAME_DATE_SIMILARITY);
            }
            boolean actorsAgree = sharedActors >= 1 || actorIds.isEmpty() || actors.isEmpty();
            return actorsAgree && similarAtLeast(noteGrams, UNDATED_SIMILARITY);
        }

        /** Whether the closest of the group's notes is at least this similar. */
        private boolean similarAtLeast(Grams noteGrams, double threshold) {
            for (Grams g : grams) {
                if (g.similarity(noteGrams) >= threshold) {
                    return true;
                }
            }
            return false;
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
            return new Event(id, date, dateBasis, dateText, lead.title(), lead.description(), where,
                    List.copyOf(actors), List.copyOf(others), citations);
        }
    }
}
