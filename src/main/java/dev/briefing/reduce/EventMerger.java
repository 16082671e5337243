package dev.briefing.reduce;

import dev.briefing.map.ChunkNotes.EventNote;
import dev.briefing.reduce.Briefing.Event;
import dev.briefing.verify.Citation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
        Candidates index = new Candidates();
        for (EventNote note : notes) {
            Set<String> actors = new LinkedHashSet<>();
            Set<String> others = new LinkedHashSet<>();
            note.actors().forEach(name -> actorIds.apply(name).ifPresentOrElse(actors::add, () -> others.add(name)));
            // Folded once per note, and compared only with the groups that could take it: the
            // first of those (in the order groups were made) that accepts is the one every
            // group in turn would have found.
            Grams grams = Grams.of(note);
            Group match = null;
            BitSet candidates = index.candidates(note.date(), grams.text);
            for (int k = candidates.nextSetBit(0); k >= 0; k = candidates.nextSetBit(k + 1)) {
                if (groups.get(k).accepts(note, grams, actors)) {
                    match = groups.get(k);
                    break;
                }
            }
            java.time.LocalDate before = null;
            if (match == null) {
                match = new Group(note, grams, actors, groups.size());
                groups.add(match);
            } else {
                before = match.date;
                match.add(note, grams, actors);
            }
            index.added(match.order, before, match.date, grams.text);
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

    /**
     * A note's title and its title with description, as folded bigrams. The title's bigrams are
     * all among the text's, so a note that shares no text bigram with another is not similar to it.
     */
    private record Grams(long[] title, long[] text) {
        static Grams of(EventNote n) {
            return new Grams(TextSimilarity.grams(n.title()), TextSimilarity.grams(n.title() + " " + n.description()));
        }

        /** Whether the similarity to {@code other} is at least {@code threshold}, skipping what sizes rule out. */
        boolean similarAtLeast(Grams other, double threshold) {
            return TextSimilarity.bound(title.length, other.title.length) >= threshold
                    && TextSimilarity.of(title, other.title) >= threshold
                    || TextSimilarity.bound(text.length, other.text.length) >= threshold
                    && TextSimilarity.of(text, other.text) >= threshold;
        }
    }

    /**
     * Which groups could accept a note: those of its date (they may take it on shared actors
     * alone), and any other group only when the date allows it and a member shares a text
     * bigram with the note (every other way in needs similar wording).
     */
    private static final class Candidates {
        private final Map<java.time.LocalDate, BitSet> byDate = new HashMap<>();
        private final BitSet undated = new BitSet();
        private final Map<Long, Postings> postings = new HashMap<>();

        BitSet candidates(java.time.LocalDate date, long[] text) {
            BitSet sharing = new BitSet();
            for (long gram : text) {
                Postings p = postings.get(gram);
                if (p != null) {
                    p.addTo(sharing);
                }
            }
            if (date == null) {
                return sharing;
            }
            sharing.and(undated);
            BitSet same = byDate.get(date);
            if (same != null) {
                sharing.or(same);
            }
            return sharing;
        }

        void added(int group, java.time.LocalDate before, java.time.LocalDate after, long[] text) {
            if (before == null) {
                undated.clear(group);
            } else {
                byDate.get(before).clear(group);
            }
            if (after == null) {
                undated.set(group);
            } else {
                byDate.computeIfAbsent(after, d -> new BitSet()).set(group);
            }
            for (long gram : text) {
                postings.computeIfAbsent(gram, g -> new Postings()).add(group);
            }
        }
    }

    /** The groups with a member holding one bigram, in the order they were added (a group at most once in a row). */
    private static final class Postings {
        private int[] groups = new int[2];
        private int size;

        void add(int group) {
            if (size > 0 && groups[size - 1] == group) {
                return;
            }
            if (size == groups.length) {
                groups = Arrays.copyOf(groups, size * 2);
            }
            groups[size++] = group;
        }

        void addTo(BitSet set) {
            for (int i = 0; i < size; i++) {
                set.set(groups[i]);
            }
        }
    }

    private static final class Group {
        final List<EventNote> notes = new ArrayList<>();
        final List<Grams> grams = new ArrayList<>();
        /** Every member's title bigrams and text bigrams together (sorted, distinct): see {@link #couldReach}. */
        long[] titleUnion = new long[0];
        long[] textUnion = new long[0];
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
            titleUnion = union(titleUnion, noteGrams.title());
            textUnion = union(textUnion, noteGrams.text());
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
            if (!couldReach(noteGrams, threshold)) {
                return false;
            }
            for (Grams g : grams) {
                if (g.similarAtLeast(noteGrams, threshold)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * False when no member can be this similar, found without comparing each: a member's
         * Jaccard similarity is at least {@code threshold} only if it shares at least that share
         * of the note's bigrams, and it cannot share more than all members together do. (A day of
         * a thousand articles tried each note against eleven groups on average, mostly in vain.)
         */
        private boolean couldReach(Grams noteGrams, double threshold) {
            // (The margin keeps rounding from ever ruling out a member the exact test would take.)
            return TextSimilarity.shared(noteGrams.title(), titleUnion) >= threshold * noteGrams.title().length - 1e-9
                    || TextSimilarity.shared(noteGrams.text(), textUnion) >= threshold * noteGrams.text().length - 1e-9;
        }

        private static long[] union(long[] x, long[] y) {
            long[] out = new long[x.length + y.length];
            int n = 0;
            int i = 0;
            int j = 0;
            while (i < x.length || j < y.length) {
                long next = j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i] : y[j];
                if (i < x.length && x[i] == next) {
                    i++;
                }
                if (j < y.length && y[j] == next) {
                    j++;
                }
                out[n++] = next;
            }
            return n == out.length ? out : Arrays.copyOf(out, n);
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
