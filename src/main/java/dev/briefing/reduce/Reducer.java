package dev.briefing.reduce;

import dev.briefing.map.ChunkNotes;
import dev.briefing.map.ChunkNotes.ClaimNote;
import dev.briefing.map.ChunkNotes.QuestionNote;
import dev.briefing.map.MapResult;
import dev.briefing.normalize.Article;
import dev.briefing.verify.Citation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The deterministic half of reduce: merges every chunk's notes without a model call. */
public final class Reducer {
    private final ActorMerger actorMerger;

    public Reducer(AliasTable aliases) {
        this.actorMerger = new ActorMerger(aliases);
    }

    public MergedNotes merge(List<Article> articles, List<MapResult> results) {
        Comparator<Citation> order = citationOrder(articles);
        List<ChunkNotes> notes = results.stream().filter(MapResult::ok).map(MapResult::notes).toList();
        ActorMerger.Merged actors = actorMerger.merge(
                notes.stream().flatMap(n -> n.actors().stream()).toList(), order);
        List<Briefing.Event> events = EventMerger.merge(
                notes.stream().flatMap(n -> n.events().stream()).toList(), actors.resolver(), order);
        // The same claim or question worded identically by several articles (wire copy, reprints)
        // is one note citing each: the synthesis reads it once and sees how many sources say it.
        Map<String, ClaimNote> claims = new LinkedHashMap<>();
        Map<String, QuestionNote> questions = new LinkedHashMap<>();
        for (ChunkNotes n : notes) {
            n.claims().forEach(c -> claims.merge(NameKey.of(c.topic()) + "\n" + NameKey.of(c.claim()), c,
                    (a, b) -> new ClaimNote(a.topic(), a.claim(), union(a.citations(), b.citations(), order))));
            n.questions().forEach(q -> questions.merge(NameKey.of(q.question()), q,
                    (a, b) -> new QuestionNote(a.question(), a.context().isBlank() ? b.context() : a.context(),
                            union(a.citations(), b.citations(), order))));
        }
        List<MergedNotes.Claim> claimNotes = new ArrayList<>();
        claims.values().forEach(c -> claimNotes.add(new MergedNotes.Claim("c" + (claimNotes.size() + 1), c)));
        List<MergedNotes.Question> questionNotes = new ArrayList<>();
        questions.values().forEach(q -> questionNotes.add(new MergedNotes.Question("q" + (questionNotes.size() + 1), q)));
        return new MergedNotes(events, actors.actors(), claimNotes, questionNotes);
    }

    private static List<Citation> union(List<Citation> a, List<Citation> b, Comparator<Citation> order) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).distinct().sorted(order).toList();
    }

    /** Citations read in input order: article as given, then paragraph. */
    public static Comparator<Citation> citationOrder(List<Article> articles) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < articles.size(); i++) {
            position.putIfAbsent(articles.get(i).id(), i);
        }
        return Comparator.comparingInt((Citation c) -> position.getOrDefault(c.article(), Integer.MAX_VALUE))
                .thenComparingInt(Citation::paragraph)
                .thenComparing(Citation::quote);
    }
}
