package dev.briefing.reduce;

import dev.briefing.reduce.Synthesizer.Line;
import dev.briefing.verify.Citation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parts a day too large for one window is synthesized in, cut so that one more article
 * changes one part, not all of them: a rerun then finds every other part's prompt unchanged,
 * byte for byte, in the call cache.
 *
 * <p>Three things would make every part change, and each is avoided. Packing the notes in
 * order up to the budget shifts every later boundary when a note is inserted: the boundaries
 * here are content-defined (after a note whose key hashes to 0 modulo a divisor, once a part
 * holds a minimum, as backup tools cut files), so an insertion moves at most the boundary of
 * its own part, and the ones after it fall where they fell. Ids numbered across the day
 * (e1..e900) renumber: each part numbers its own notes. And what a note line says about its
 * sources changes when another article reports it: lines here name the first three articles
 * in input order and round the rest down to a power of two ("and 32 or more"), so a note
 * reported by 45 articles reads the same when a 46th arrives.
 *
 * <p>Notes are grouped by their home article (the first in input order that reports them) so
 * that a new article's own notes sit together, in one part, rather than one in each.
 */
final class StableParts {
    /** A part's share of the budget before a content-defined boundary may end it. */
    static final double MIN_SHARE = 0.3;
    /** Tokens of a typical note line, to turn the rest of the budget into a boundary divisor. */
    static final int TYPICAL_LINE_TOKENS = 40;

    /** One part: its lines under their part-local ids, what each id resolves to, its home articles. */
    record Part(List<Line> lines, Map<String, List<Citation>> byId, int homeArticles) {
        Part {
            lines = List.copyOf(lines);
            byId = Map.copyOf(byId);
        }

        Optional<List<Citation>> citations(String id) {
            return Optional.ofNullable(id == null ? null : byId.get(id.strip().toLowerCase(Locale.ROOT)));
        }
    }

    /** A merged note before it is given a part-local id. */
    record Note(char kind, String key, String home, int order, String body, List<Citation> citations) {
    }

    private StableParts() {
    }

    static List<Part> cut(MergedNotes notes, int budget) {
        List<Note> all = notesOf(notes);
        Map<String, Integer> homeOrder = new LinkedHashMap<>();
        for (Note n : all) {
            homeOrder.putIfAbsent(n.home(), homeOrder.size());
        }
        all.sort(Comparator.comparingInt((Note n) -> homeOrder.get(n.home()))
                .thenComparingInt(n -> "eacq".indexOf(n.kind()))
                .thenComparingInt(Note::order));
        int minTokens = (int) (budget * MIN_SHARE);
        int divisor = Math.max(2, (budget - minTokens) / 2 / TYPICAL_LINE_TOKENS);
        List<List<Note>> groups = new ArrayList<>();
        List<Note> current = new ArrayList<>();
        int used = 0;
        for (Note n : all) {
            int tokens = Line.of("x000", n.body()).tokens();
            if (!current.isEmpty() && used + tokens > budget) {
                groups.add(current); // the window forces this boundary; the next content-defined one resynchronizes
                current = new ArrayList<>();
                used = 0;
            }
            current.add(n);
            used += tokens;
            if (used >= minTokens && Math.floorMod(mix(n.key()), divisor) == 0) {
                groups.add(current);
                current = new ArrayList<>();
                used = 0;
            }
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups.stream().map(g -> part(g, budget)).toList();
    }

    private static Part part(List<Note> group, int budget) {
        Map<Character, Integer> counters = new LinkedHashMap<>();
        List<Line> lines = new ArrayList<>();
        Map<String, List<Citation>> byId = new LinkedHashMap<>();
        Set<String> homes = new LinkedHashSet<>();
        for (Note n : group) {
            String id = String.valueOf(n.kind()) + counters.merge(n.kind(), 1, Integer::sum);
            Line line = Line.of(id, n.body());
            lines.add(line.tokens() <= budget ? line : line.cut(budget));
            byId.put(id, n.citations());
            homes.add(n.home());
        }
        return new Part(lines, byId, homes.size());
    }

    static List<Note> notesOf(MergedNotes notes) {
        List<Note> out = new ArrayList<>();
        notes.events().forEach(e -> out.add(note('e', "e\n" + e.date() + "\n" + NameKey.of(e.title()), out.size(),
                "[" + (e.date() != null ? e.date() : e.dateText() != null ? e.dateText() : "undated") + "] "
                        + e.title() + (e.description().isBlank() ? "" : " — " + e.description()),
                e.citations())));
        notes.actors().forEach(a -> out.add(note('a', "a\n" + NameKey.of(a.name()), out.size(),
                a.name() + " (" + a.type().label() + ")" + (a.role().isBlank() ? "" : ": " + a.role()),
                a.citations())));
        notes.claims().forEach(c -> out.add(note('c', "c\n" + NameKey.of(c.note().topic()) + "\n"
                + NameKey.of(c.note().claim()), out.size(), "[" + c.note().topic() + "] " + c.note().claim(),
                c.note().citations())));
        notes.questions().forEach(q -> out.add(note('q', "q\n" + NameKey.of(q.note().question()), out.size(),
                q.note().question() + (q.note().context().isBlank() ? "" : " — " + q.note().context()),
                q.note().citations())));
        return out;
    }

    private static Note note(char kind, String key, int order, String text, List<Citation> citations) {
        String home = citations.isEmpty() ? "" : citations.get(0).article();
        return new Note(kind, key, home, order, text + sources(citations), citations);
    }

    /** The first three articles, and how many more rounded down to a power of two. */
    static String sources(List<Citation> citations) {
        List<String> ids = citations.stream().map(Citation::article).distinct().toList();
        int named = Math.min(Synthesizer.ARTICLES_NAMED, ids.size());
        int more = ids.size() - named;
        String rest = more == 0 ? "" : more <= 2 ? " and " + more + " more"
                : " and " + Integer.highestOneBit(more) + " or more";
        return " (articles: " + String.join(", ", ids.subList(0, named)) + rest + ")";
    }

    /** A well-spread hash of a note's key (String.hashCode's low bits alone are not). */
    static int mix(String key) {
        int h = key.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
