package dev.briefing.map;

import dev.briefing.verify.Citation;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** What one chunk contributed, every item with at least one verified citation. */
public record ChunkNotes(List<EventNote> events, List<ActorNote> actors, List<ClaimNote> claims,
        List<QuestionNote> questions) {

    public ChunkNotes {
        events = List.copyOf(events);
        actors = List.copyOf(actors);
        claims = List.copyOf(claims);
        questions = List.copyOf(questions);
    }

    public static ChunkNotes empty() {
        return new ChunkNotes(List.of(), List.of(), List.of(), List.of());
    }

    public int size() {
        return events.size() + actors.size() + claims.size() + questions.size();
    }

    private static List<Citation> cited(List<Citation> citations, String what) {
        List<Citation> copy = List.copyOf(citations);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException(what + " has no verified citation");
        }
        return copy;
    }

    /**
     * @param date      ISO date only when the text (and the article's own dates) determine it
     * @param dateBasis how {@code date} was reached; null exactly when {@code date} is
     * @param dateText  the date as written
     */
    public record EventNote(String title, String description, String dateText, LocalDate date, DateBasis dateBasis,
            String where, List<String> actors, List<Citation> citations) {
        public EventNote {
            Objects.requireNonNull(title, "title");
            description = description == null ? "" : description;
            actors = List.copyOf(actors);
            citations = cited(citations, "event '" + title + "'");
            if ((date == null) != (dateBasis == null)) {
                throw new IllegalArgumentException("event '" + title + "': a date has a basis, no date has none");
            }
        }

        /** An event whose date, if any, the text states in full. */
        public EventNote(String title, String description, String dateText, LocalDate date, String where,
                List<String> actors, List<Citation> citations) {
            this(title, description, dateText, date, date == null ? null : DateBasis.STATED, where, actors, citations);
        }
    }

    public record ActorNote(String name, ActorType type, String role, List<Citation> citations) {
        public ActorNote {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            role = role == null ? "" : role;
            citations = cited(citations, "actor '" + name + "'");
        }
    }

    public record ClaimNote(String topic, String claim, List<Citation> citations) {
        public ClaimNote {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(claim, "claim");
            citations = cited(citations, "claim '" + claim + "'");
        }
    }

    public record QuestionNote(String question, String context, List<Citation> citations) {
        public QuestionNote {
            Objects.requireNonNull(question, "question");
            context = context == null ? "" : context;
            citations = cited(citations, "question '" + question + "'");
        }
    }
}
