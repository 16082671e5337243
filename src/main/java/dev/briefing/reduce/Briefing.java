package dev.briefing.reduce;

import dev.briefing.map.ActorType;
import dev.briefing.map.DateBasis;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.briefing.normalize.Script;
import dev.briefing.verify.Citation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The briefing: the product's API, serialized as briefing.json and described by
 * docs/briefing.schema.json. Every item carries citations that were verified against the
 * source paragraphs; an item with none does not get here.
 */
public record Briefing(
        String language,
        List<ArticleRef> articles,
        Summary summary,
        List<Event> events,
        List<Actor> actors,
        List<Claim> claims,
        List<Disagreement> disagreements,
        List<OpenQuestion> openQuestions,
        boolean incomplete,
        List<String> warnings,
        RunSummary run,
        Changes changes) {

    public Briefing {
        Objects.requireNonNull(language, "language");
        articles = List.copyOf(articles);
        Objects.requireNonNull(summary, "summary");
        events = List.copyOf(events);
        actors = List.copyOf(actors);
        // A briefing.json written before claims had a section reads back with none.
        claims = claims == null ? List.of() : List.copyOf(claims);
        disagreements = List.copyOf(disagreements);
        openQuestions = List.copyOf(openQuestions);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(run, "run");
    }

    /** A briefing with no comparison against earlier days, as {@code brief} writes it. */
    public Briefing(String language, List<ArticleRef> articles, Summary summary, List<Event> events,
            List<Actor> actors, List<Claim> claims, List<Disagreement> disagreements, List<OpenQuestion> openQuestions,
            boolean incomplete, List<String> warnings, RunSummary run) {
        this(language, articles, summary, events, actors, claims, disagreements, openQuestions, incomplete, warnings,
                run, null);
    }

    /** A briefing without a claims section (tests and callers that build one by hand). */
    public Briefing(String language, List<ArticleRef> articles, Summary summary, List<Event> events,
            List<Actor> actors, List<Disagreement> disagreements, List<OpenQuestion> openQuestions,
            boolean incomplete, List<String> warnings, RunSummary run) {
        this(language, articles, summary, events, actors, List.of(), disagreements, openQuestions, incomplete,
                warnings, run, null);
    }

    /** A briefing without a claims section, with changes. */
    public Briefing(String language, List<ArticleRef> articles, Summary summary, List<Event> events,
            List<Actor> actors, List<Disagreement> disagreements, List<OpenQuestion> openQuestions,
            boolean incomplete, List<String> warnings, RunSummary run, Changes changes) {
        this(language, articles, summary, events, actors, List.of(), disagreements, openQuestions, incomplete,
                warnings, run, changes);
    }

    /** The same briefing with what changed since earlier days attached. */
    public Briefing withChanges(Changes newChanges) {
        return new Briefing(language, articles, summary, events, actors, claims, disagreements, openQuestions,
                incomplete, warnings, run, newChanges);
    }

    /** The same briefing with another run summary (the cache's accounting). */
    public Briefing withRun(RunSummary newRun) {
        return new Briefing(language, articles, summary, events, actors, claims, disagreements, openQuestions,
                incomplete, warnings, newRun, changes);
    }

    /** An input article. {@code paragraphs} is the count of cleaned paragraphs. */
    /**
     * @param titleDerived the article has no headline: its title was made from the first sentence
     *                     (written only when true)
     */
    public record ArticleRef(String id, String title, String source, String path, Script script, int paragraphs,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT)
            @com.fasterxml.jackson.annotation.JsonSetter(nulls = com.fasterxml.jackson.annotation.Nulls.AS_EMPTY)
            boolean titleDerived) {

        public ArticleRef(String id, String title, String source, String path, Script script, int paragraphs) {
            this(id, title, source, path, script, paragraphs, false);
        }

        public ArticleRef {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(script, "script");
        }
    }

    public record Summary(String text, List<Citation> citations) {
        public Summary {
            Objects.requireNonNull(text, "text");
            citations = List.copyOf(citations);
        }
    }

    /**
     * @param date     ISO date when the text and the article's dates determine it, else null
     * @param dateText the date as the article wrote it, or null when it gave none
     * @param dateBasis   whether the article states {@code date} in full or it was inferred; null when undated
     * @param actors      ids of {@link Actor}s
     * @param otherActors names the event's notes gave that are no actor's (kept as written, not dropped)
     */
    public record Event(String id, LocalDate date, DateBasis dateBasis, String dateText, String title,
            String description, String where, List<String> actors, List<String> otherActors,
            List<Citation> citations) {
        public Event {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            description = description == null ? "" : description;
            actors = List.copyOf(actors);
            otherActors = otherActors == null ? List.of() : List.copyOf(otherActors);
            citations = List.copyOf(citations);
            if (citations.isEmpty()) {
                throw new IllegalArgumentException("event " + id + " has no citation");
            }
            if (date == null) {
                dateBasis = null;
            } else if (dateBasis == null) {
                dateBasis = DateBasis.STATED;
            }
        }

        /** An event whose date, if any, is stated, and whose actors are all in the actors list. */
        public Event(String id, LocalDate date, String dateText, String title, String description, String where,
                List<String> actors, List<Citation> citations) {
            this(id, date, date == null ? null : DateBasis.STATED, dateText, title, description, where, actors,
                    List.of(), citations);
        }
    }

    public record Actor(String id, String name, List<String> aliases, ActorType type, String role,
            List<Citation> citations) {
        public Actor {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            aliases = List.copyOf(aliases);
            Objects.requireNonNull(type, "type");
            role = role == null ? "" : role;
            citations = List.copyOf(citations);
            if (citations.isEmpty()) {
                throw new IllegalArgumentException("actor " + id + " has no citation");
            }
        }
    }

    /**
     * An assessment an article makes (a motive, a scenario, what a move means), whether or not
     * another source disputes it. Claims with the same topic are listed together.
     *
     * @param id the note id the synthesis saw (c1..), so a disagreement's sources can be traced
     */
    public record Claim(String id, String topic, String claim, List<Citation> citations) {
        public Claim {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(claim, "claim");
            citations = List.copyOf(citations);
            if (citations.isEmpty()) {
                throw new IllegalArgumentException("claim " + id + " has no citation");
            }
        }
    }

    public record Disagreement(String topic, List<Position> positions) {
        public Disagreement {
            Objects.requireNonNull(topic, "topic");
            positions = List.copyOf(positions);
            if (positions.size() < 2) {
                throw new IllegalArgumentException("a disagreement needs two positions: " + topic);
            }
        }
    }

    public record Position(String claim, List<Citation> citations) {
        public Position {
            Objects.requireNonNull(claim, "claim");
            citations = List.copyOf(citations);
            if (citations.isEmpty()) {
                throw new IllegalArgumentException("position has no citation: " + claim);
            }
        }
    }

    public record OpenQuestion(String question, String context, List<Citation> citations) {
        public OpenQuestion {
            Objects.requireNonNull(question, "question");
            context = context == null ? "" : context;
            citations = List.copyOf(citations);
            if (citations.isEmpty()) {
                throw new IllegalArgumentException("open question has no citation: " + question);
            }
        }
    }

    /** A chunk that produced no notes, and why. */
    public record FailedChunk(String chunk, String reason) {
        public FailedChunk {
            Objects.requireNonNull(chunk, "chunk");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * What the run cost and what verification removed.
     *
     * @param droppedCitations citations removed because the paragraph or quote was not in the source
     * @param droppedItems     items removed because no citation of theirs survived
     */
    public record RunSummary(String model, String host, Instant startedAt, long durationMs, int calls,
            long promptTokens, long completionTokens, int droppedCitations, int droppedItems,
            List<FailedChunk> failedChunks) {
        public RunSummary {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(startedAt, "startedAt");
            failedChunks = List.copyOf(failedChunks);
        }
    }

    /**
     * What is new in a day's briefing against the days before it (only {@code daily} sets it;
     * null elsewhere).
     *
     * @param day         the day briefed
     * @param since       the first earlier day compared against (inclusive)
     * @param newArticles ids of the articles first seen on {@code day}
     * @param events      one entry per event of this briefing, in the same order
     */
    public record Changes(LocalDate day, LocalDate since, List<String> newArticles, List<EventChange> events) {
        public Changes {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(since, "since");
            if (since.isAfter(day)) {
                throw new IllegalArgumentException("since " + since + " is after the day " + day);
            }
            newArticles = List.copyOf(newArticles);
            events = List.copyOf(events);
        }
    }

    /** Whether an event is new today or continues a story from earlier days. */
    public enum Novelty {
        NEW, DEVELOPING;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param event     id of an {@link Event} of this briefing
     * @param continues the earlier days' events this one develops (empty when NEW)
     */
    public record EventChange(String event, Novelty novelty, List<EarlierEvent> continues) {
        public EventChange {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(novelty, "novelty");
            continues = List.copyOf(continues);
            if ((novelty == Novelty.DEVELOPING) == continues.isEmpty()) {
                throw new IllegalArgumentException("event " + event + ": a developing event names the earlier events"
                        + " it continues, a new one names none");
            }
        }
    }

    /** An event from an earlier day's briefing. */
    public record EarlierEvent(LocalDate day, String title) {
        public EarlierEvent {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(title, "title");
        }
    }
}
