package dev.briefing.reduce;

import dev.briefing.map.ChunkNotes;
import dev.briefing.map.MapResult;
import dev.briefing.normalize.Article;
import dev.briefing.verify.Citation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
        List<MergedNotes.Claim> claims = new ArrayList<>();
        List<MergedNotes.Question> questions = new ArrayList<>();
        for (ChunkNotes n : notes) {
            n.claims().forEach(c -> claims.add(new MergedNotes.Claim("c" + (claims.size() + 1), c)));
            n.questions().forEach(q -> questions.add(new MergedNotes.Question("q" + (questions.size() + 1), q)));
        }
        return new MergedNotes(events, actors.actors(), claims, questions);
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
