package dev.briefing.reduce;

import dev.briefing.map.ChunkNotes.ClaimNote;
import dev.briefing.map.ChunkNotes.QuestionNote;
import dev.briefing.reduce.Briefing.Actor;
import dev.briefing.reduce.Briefing.Event;
import dev.briefing.verify.Citation;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * All chunks' notes after the deterministic merge, each under an id the synthesis call can
 * point at: events e1.., actors a1.., claims c1.., questions q1...
 */
public record MergedNotes(List<Event> events, List<Actor> actors, List<Claim> claims, List<Question> questions) {

    public MergedNotes {
        events = List.copyOf(events);
        actors = List.copyOf(actors);
        claims = List.copyOf(claims);
        questions = List.copyOf(questions);
    }

    public record Claim(String id, ClaimNote note) {
        public Claim {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(note, "note");
        }
    }

    public record Question(String id, QuestionNote note) {
        public Question {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(note, "note");
        }
    }

    /**
     * Every claim, as the briefing lists them: grouped by topic (topics in the order first
     * reported, the same topic in either script one group), each claim under its note id.
     */
    public List<Briefing.Claim> claimSection() {
        Map<String, List<Briefing.Claim>> byTopic = new java.util.LinkedHashMap<>();
        for (Claim c : claims) {
            byTopic.computeIfAbsent(NameKey.of(c.note().topic()), k -> new java.util.ArrayList<>())
                    .add(new Briefing.Claim(c.id(), c.note().topic(), c.note().claim(), c.note().citations()));
        }
        return byTopic.values().stream().flatMap(List::stream).toList();
    }

    public boolean isEmpty() {
        return events.isEmpty() && actors.isEmpty() && claims.isEmpty() && questions.isEmpty();
    }

    /** Citations of any note by its id (case-insensitive), for resolving what the synthesis points at. */
    public Function<String, Optional<List<Citation>>> citationsById() {
        Map<String, List<Citation>> byId = Stream.of(
                events.stream().map(e -> Map.entry(e.id(), e.citations())),
                actors.stream().map(a -> Map.entry(a.id(), a.citations())),
                claims.stream().map(c -> Map.entry(c.id(), c.note().citations())),
                questions.stream().map(q -> Map.entry(q.id(), q.note().citations())))
                .flatMap(s -> s)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return id -> Optional.ofNullable(id == null ? null : byId.get(id.strip().toLowerCase(java.util.Locale.ROOT)));
    }
}
