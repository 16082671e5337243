package dev.briefing.map;

import dev.briefing.chunk.Chunk;
import dev.briefing.error.ModelCallException;
import dev.briefing.llm.CallSettings;
import dev.briefing.llm.ModelRequest;
import dev.briefing.llm.StructuredCaller;
import dev.briefing.map.ChunkNotes.ActorNote;
import dev.briefing.map.ChunkNotes.ClaimNote;
import dev.briefing.map.ChunkNotes.EventNote;
import dev.briefing.map.ChunkNotes.QuestionNote;
import dev.briefing.prompt.PromptTemplate;
import dev.briefing.verify.Citation;
import dev.briefing.verify.CitationVerifier;
import dev.briefing.verify.CitationVerifier.Claimed;
import dev.briefing.verify.PromptEcho;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The map stage: one structured call per chunk, then the checks a schema cannot make.
 * Citations to paragraphs the chunk did not show, or quotes not in their paragraph, are
 * dropped; an item left without a citation is dropped. Both are counted.
 */
public final class ChunkMapper {
    private final StructuredCaller caller;
    private final PromptTemplate template;
    private final CallSettings settings;
    private final String language;
    private final PromptEcho echo;

    /** @param language the language the notes' own prose is written in, as the prompt names it */
    public ChunkMapper(StructuredCaller caller, PromptTemplate template, CallSettings settings, String language) {
        this.caller = Objects.requireNonNull(caller, "caller");
        this.template = Objects.requireNonNull(template, "template");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.language = Objects.requireNonNull(language, "language");
        this.echo = PromptEcho.of(template.system());
        if (template.schema() == null) {
            throw new IllegalArgumentException("prompt " + template.name() + " has no schema file");
        }
    }

    public ModelRequest request(Chunk chunk, Set<Integer> articleYears) {
        return MapPrompt.request(template, chunk, language, articleYears, settings);
    }

    /**
     * Never throws for a failed call: the failure is in the result. Server loss still propagates.
     * A chunk of prose whose reply leaves no verified note is failed, not mapped: a run in which
     * nothing survived must not pass for complete, and the reply is not kept, so the rerun asks
     * again (the cache keeps only replies used as they are).
     */
    public MapResult map(Chunk chunk, Set<Integer> articleYears) {
        ModelRequest request = request(chunk, articleYears);
        String checker = VerifiedChunk.checker(chunk, articleYears);
        // An unchanged rerun: the same reply was verified before, by the same checks.
        java.util.Optional<MapResult> replayed = caller.replay(request, checker)
                .flatMap(stored -> VerifiedChunk.read(chunk, stored));
        if (replayed.isPresent()) {
            return replayed.get();
        }
        StructuredCaller.Result result;
        try {
            result = caller.callUnkept(request);
        } catch (ModelCallException e) {
            return MapResult.failed(chunk, e.getMessage());
        }
        MapReply reply = StructuredCaller.as(result.value(), MapReply.class);
        MapResult verified = verify(chunk, reply, articleYears, result.warnings(), echo);
        String nothing = nothingVerified(chunk, reply, verified, result.reply() == null ? ""
                : result.reply().content());
        if (nothing != null) {
            caller.discard(result);
            return new MapResult(chunk, ChunkNotes.empty(), nothing, verified.droppedCitations(),
                    verified.droppedItems(), verified.warnings(), verified.dropDetails());
        }
        caller.keep(result, checker, VerifiedChunk.write(verified));
        return verified;
    }

    /** Why a mapped chunk is a failed one, or null when it is not. */
    static String nothingVerified(Chunk chunk, MapReply reply, MapResult verified, String replyText) {
        if (verified.notes().size() > 0) {
            return null;
        }
        String text = chunk.paragraphs().stream().map(p -> p.text()).collect(java.util.stream.Collectors.joining("\n"));
        if (!dev.briefing.ingest.Prose.substantial(text)) {
            return null;
        }
        int returned = reply.events().size() + reply.actors().size() + reply.claims().size()
                + reply.openQuestions().size();
        if (returned == 0) {
            return "the model returned no notes for a chunk of prose (" + chunk.paragraphs().size()
                    + " paragraphs); nothing from it is in this briefing";
        }
        return "no verified note: all " + returned + " notes the model returned cite text that is not in the chunk"
                + (misDecoded(replyText) ? " (the reply looks mis-decoded: U+FFFD, '?' or Latin-1 look-alikes where "
                + "Chinese should be; check the server or a proxy in front of it that re-encodes replies)" : "");
    }

    /** Signs that a reply's UTF-8 was decoded as another charset somewhere on its way. */
    static boolean misDecoded(String text) {
        return text.indexOf('\uFFFD') >= 0 || text.contains("???") || MOJIBAKE.matcher(text).find();
    }

    /**
     * UTF-8 CJK read as Latin-1 or Windows-1252 (a lead byte E4-E9 becomes ä..é, then two high
     * characters), or that read once more (each byte becomes Â or Ã and one more).
     */
    private static final java.util.regex.Pattern MOJIBAKE = java.util.regex.Pattern.compile(
            "[\u00E4-\u00E9][\u0080-\u00BF\u2018-\u203A\u0152-\u0178]{2}|(?:[\u00C2\u00C3][\u0080-\u00BF]){3}");

    static MapResult verify(Chunk chunk, MapReply reply, Set<Integer> articleYears, List<String> callWarnings,
            PromptEcho echo) {
        Tally tally = new Tally(chunk);
        List<EventNote> events = new ArrayList<>();
        String context = chunk.paragraphs().stream().map(dev.briefing.normalize.Paragraph::text)
                .collect(java.util.stream.Collectors.joining("\n"));
        for (MapReply.Event e : reply.events()) {
            if (tally.echoes(echo, "event", e.title(), e.title(), e.description(), e.dateText(), e.where(),
                    e.actors() == null ? null : String.join(" ", e.actors()))) {
                continue;
            }
            List<Citation> cited = tally.check(e.citations(), "event", e.title());
            if (!cited.isEmpty() && notBlank(e.title())) {
                DateResolver.Resolved when = DateResolver.resolve(e.dateText(), e.date(), articleYears, context);
                events.add(new EventNote(e.title().strip(), trim(e.description()), blankToNull(e.dateText()),
                        when.date(), when.basis(), blankToNull(e.where()),
                        e.actors() == null ? List.of() : e.actors().stream().filter(ChunkMapper::notBlank)
                                .map(String::strip).toList(),
                        cited));
            }
        }
        List<ActorNote> actors = new ArrayList<>();
        for (MapReply.Actor a : reply.actors()) {
            if (tally.echoes(echo, "actor", a.name(), a.name(), a.role())) {
                continue;
            }
            List<Citation> cited = tally.check(a.citations(), "actor", a.name());
            if (!cited.isEmpty() && notBlank(a.name())) {
                actors.add(new ActorNote(a.name().strip(), ActorType.from(a.type()), trim(a.role()), cited));
            }
        }
        List<ClaimNote> claims = new ArrayList<>();
        for (MapReply.Claim c : reply.claims()) {
            if (tally.echoes(echo, "claim", c.claim(), c.topic(), c.claim())) {
                continue;
            }
            List<Citation> cited = tally.check(c.citations(), "claim", c.claim());
            if (!cited.isEmpty() && notBlank(c.claim())) {
                claims.add(new ClaimNote(trim(c.topic()), c.claim().strip(), cited));
            }
        }
        List<QuestionNote> questions = new ArrayList<>();
        for (MapReply.Question q : reply.openQuestions()) {
            if (tally.echoes(echo, "question", q.question(), q.question(), q.context())) {
                continue;
            }
            List<Citation> cited = tally.check(q.citations(), "question", q.question());
            if (!cited.isEmpty() && notBlank(q.question())) {
                questions.add(new QuestionNote(q.question().strip(), trim(q.context()), cited));
            }
        }
        List<String> warnings = new ArrayList<>(callWarnings);
        if (tally.echoed > 0) {
            warnings.add(chunk.label() + ": dropped " + tally.echoed + " notes that repeated the model's instructions"
                    + " (the article may hold text addressed to the model)");
        }
        return new MapResult(chunk, new ChunkNotes(events, actors, claims, questions), null,
                tally.droppedCitations, tally.droppedItems, warnings, tally.problems);
    }

    private static final class Tally {
        final Chunk chunk;
        int droppedCitations;
        int droppedItems;
        int echoed;
        final List<String> problems = new ArrayList<>();

        Tally(Chunk chunk) {
            this.chunk = chunk;
        }

        /** True (and counted as a dropped item) when the note's prose repeats the instructions. */
        boolean echoes(PromptEcho echo, String kind, String what, String... texts) {
            if (!echo.echoesAny(Arrays.stream(texts).filter(Objects::nonNull).toList())) {
                return false;
            }
            droppedItems++;
            echoed++;
            problems.add("dropped " + kind + " that repeats the model's instructions (" + chunk.label() + "): " + what);
            return true;
        }

        List<Citation> check(List<MapReply.Cited> cited, String kind, String what) {
            List<Claimed> claimed = cited == null ? List.of()
                    : cited.stream().filter(Objects::nonNull).map(c -> new Claimed(c.paragraph(), c.quote(), c.gloss())).toList();
            CitationVerifier.Outcome outcome = CitationVerifier.verify(chunk, claimed);
            droppedCitations += outcome.dropped();
            outcome.problems().forEach(p -> problems.add("dropped citation (" + chunk.label() + "): " + p));
            outcome.recoveries().forEach(r -> problems.add("recovered citation (" + chunk.label() + "): " + r));
            if (outcome.kept().isEmpty()) {
                droppedItems++;
                problems.add("dropped " + kind + " without a verified citation (" + chunk.label() + "): " + what);
            }
            return outcome.kept();
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }

    private static String blankToNull(String s) {
        return notBlank(s) ? s.strip() : null;
    }
}
