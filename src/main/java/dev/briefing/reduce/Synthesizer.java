package dev.briefing.reduce;

import dev.briefing.chunk.TokenEstimator;
import dev.briefing.error.ModelCallException;
import dev.briefing.llm.CallSettings;
import dev.briefing.llm.ChatTurn;
import dev.briefing.llm.ModelRequest;
import dev.briefing.llm.StructuredCaller;
import dev.briefing.prompt.Fence;
import dev.briefing.prompt.PromptTemplate;
import dev.briefing.reduce.Briefing.Disagreement;
import dev.briefing.reduce.Briefing.OpenQuestion;
import dev.briefing.reduce.Briefing.Position;
import dev.briefing.reduce.Briefing.Summary;
import dev.briefing.verify.Citation;
import dev.briefing.verify.PromptEcho;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one model call of reduce: over the merged notes (never the raw articles) it writes the
 * summary, finds disagreements and consolidates open questions. Each statement must point at
 * note ids; ids that do not exist are dropped, and a statement left pointing at nothing is
 * dropped, so every citation in its output is one the map stage already verified.
 */
public final class Synthesizer {
    static final int SUMMARY_CITATIONS = 8;
    static final int POSITION_CITATIONS = 4;
    private final StructuredCaller caller;
    private final PromptTemplate template;
    private final CallSettings settings;
    private final String language;

    public Synthesizer(StructuredCaller caller, PromptTemplate template, CallSettings settings, String language) {
        this.caller = Objects.requireNonNull(caller, "caller");
        this.template = Objects.requireNonNull(template, "template");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.language = Objects.requireNonNull(language, "language");
    }

    /**
     * @param failure null when the call succeeded; else why, and the parts are fallbacks
     */
    public record Synthesis(Summary summary, List<Disagreement> disagreements, List<OpenQuestion> openQuestions,
            List<String> warnings, String failure) {
        public Synthesis {
            disagreements = List.copyOf(disagreements);
            openQuestions = List.copyOf(openQuestions);
            warnings = List.copyOf(warnings);
        }
    }

    private record Reply(Statement summary, List<Dispute> disagreements, List<Asked> openQuestions) {
        record Statement(String text, List<String> sources) {
        }

        record Dispute(String topic, List<Stance> positions) {
        }

        record Stance(String claim, List<String> sources) {
        }

        record Asked(String question, String context, List<String> sources) {
        }
    }

    public ModelRequest request(MergedNotes notes, int articleCount) {
        return request(notesText(notes), articleCount);
    }

    private NotesText notesText(MergedNotes notes) {
        return NotesText.of(notes, settings.numCtx() - settings.numPredict() - overhead() - 64);
    }

    private ModelRequest request(NotesText text, int articleCount) {
        Map<String, String> values = Map.of("language", language, "articleCount", Integer.toString(articleCount),
                "notes", Fence.wrap("notes", text.text()));
        String system = template.renderSystem(values);
        String user = template.renderUser(values);
        return new ModelRequest("synthesize", List.of(ChatTurn.system(system), ChatTurn.user(user)), template.schema(),
                settings.numCtx(), settings.numPredict(), settings.temperature(), settings.seed(),
                TokenEstimator.estimateMessages(List.of(system, user)));
    }

    private int overhead() {
        Map<String, String> values = Map.of("language", language, "articleCount", "999", "notes", "");
        return TokenEstimator.estimateMessages(List.of(template.renderSystem(values), template.renderUser(values)));
    }

    public Synthesis synthesize(MergedNotes notes, int articleCount) {
        List<String> warnings = new ArrayList<>();
        NotesText text = notesText(notes);
        if (text.omitted() > 0) {
            warnings.add("synthesis saw " + text.omitted() + " of the lowest-ranked notes only as counts: "
                    + "they did not fit the model's window");
        }
        StructuredCaller.Result result;
        try {
            result = caller.call(request(text, articleCount));
        } catch (ModelCallException e) {
            return fallback(notes, e.getMessage(), warnings);
        }
        warnings.addAll(result.warnings());
        Reply reply = StructuredCaller.as(result.value(), Reply.class);
        return verify(notes, reply, warnings, PromptEcho.of(template.system()));
    }

    private static Synthesis verify(MergedNotes notes, Reply reply, List<String> warnings, PromptEcho echo) {
        Function<String, Optional<List<Citation>>> byId = notes.citationsById();
        Set<String> unknown = new LinkedHashSet<>();
        Summary summary = new Summary("", List.of());
        if (reply.summary() != null && echo.echoes(reply.summary().text())) {
            warnings.add("summary dropped: it repeated the model's instructions");
        } else if (reply.summary() != null && reply.summary().text() != null && !reply.summary().text().isBlank()) {
            List<Citation> cited = resolve(reply.summary().sources(), byId, unknown, 1, SUMMARY_CITATIONS);
            if (cited.isEmpty()) {
                warnings.add("summary dropped: it pointed at no note that exists");
            } else {
                summary = new Summary(reply.summary().text().strip(), cited);
            }
        }
        List<Disagreement> disagreements = new ArrayList<>();
        for (Reply.Dispute d : orEmpty(reply.disagreements())) {
            if (echo.echoes(d.topic()) || orEmpty(d.positions()).stream().anyMatch(p -> echo.echoes(p.claim()))) {
                warnings.add("disagreement dropped: it repeated the model's instructions");
                continue;
            }
            List<Position> positions = new ArrayList<>();
            for (Reply.Stance s : orEmpty(d.positions())) {
                List<Citation> cited = resolve(s.sources(), byId, unknown, 2, POSITION_CITATIONS);
                if (!cited.isEmpty() && s.claim() != null && !s.claim().isBlank()) {
                    positions.add(new Position(s.claim().strip(), cited));
                }
            }
            if (positions.size() >= 2 && d.topic() != null && !d.topic().isBlank()) {
                disagreements.add(new Disagreement(d.topic().strip(), positions));
            } else {
                warnings.add("disagreement dropped: fewer than two positions with sources: " + d.topic());
            }
        }
        List<OpenQuestion> questions = new ArrayList<>();
        for (Reply.Asked q : orEmpty(reply.openQuestions())) {
            if (echo.echoes(q.question()) || echo.echoes(q.context())) {
                warnings.add("open question dropped: it repeated the model's instructions");
                continue;
            }
            List<Citation> cited = resolve(q.sources(), byId, unknown, 1, POSITION_CITATIONS);
            if (!cited.isEmpty() && q.question() != null && !q.question().isBlank()) {
                questions.add(new OpenQuestion(q.question().strip(), q.context(), cited));
            } else {
                warnings.add("open question dropped: it pointed at no note that exists: " + q.question());
            }
        }
        if (!unknown.isEmpty()) {
            warnings.add("synthesis pointed at notes that do not exist, ignored: " + String.join(", ", unknown));
        }
        return new Synthesis(summary, disagreements, questions, warnings, null);
    }

    /** Without the call: no summary or disagreements (nothing may be invented), questions as mapped. */
    private static Synthesis fallback(MergedNotes notes, String why, List<String> warnings) {
        warnings.add("synthesis failed, briefing has no summary or disagreements: " + why);
        List<OpenQuestion> questions = notes.questions().stream().limit(8)
                .map(q -> new OpenQuestion(q.note().question(), q.note().context(), q.note().citations()))
                .toList();
        return new Synthesis(new Summary("", List.of()), List.of(), questions, warnings, why);
    }

    private static List<Citation> resolve(List<String> ids, Function<String, Optional<List<Citation>>> byId,
            Set<String> unknown, int perNote, int limit) {
        Set<Citation> cited = new LinkedHashSet<>();
        for (String id : orEmpty(ids)) {
            Optional<List<Citation>> found = byId.apply(id);
            if (found.isEmpty()) {
                unknown.add(String.valueOf(id));
            } else {
                found.get().stream().limit(perNote).forEach(cited::add);
            }
        }
        return cited.stream().limit(limit).toList();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }

    /** The notes as the model reads them, most-cited first within the window it has. */
    record NotesText(String text, int omitted) {
        static NotesText of(MergedNotes notes, int budgetTokens) {
            List<String> lines = new ArrayList<>();
            notes.events().forEach(e -> lines.add(e.id() + " [" + (e.date() != null ? e.date()
                    : e.dateText() != null ? e.dateText() : "undated") + "] " + e.title()
                    + (e.description().isBlank() ? "" : " — " + e.description()) + articles(e.citations())));
            notes.actors().forEach(a -> lines.add(a.id() + " " + a.name() + " (" + a.type().label() + ")"
                    + (a.role().isBlank() ? "" : ": " + a.role()) + articles(a.citations())));
            notes.claims().forEach(c -> lines.add(c.id() + " [" + c.note().topic() + "] " + c.note().claim()
                    + articles(c.note().citations())));
            notes.questions().forEach(q -> lines.add(q.id() + " " + q.note().question()
                    + (q.note().context().isBlank() ? "" : " — " + q.note().context()) + articles(q.note().citations())));
            StringBuilder out = new StringBuilder();
            int used = 0;
            int omitted = 0;
            for (String line : lines) {
                int cost = TokenEstimator.estimate(line) + 1;
                if (used + cost > budgetTokens) {
                    omitted++;
                    continue;
                }
                used += cost;
                out.append(line).append('\n');
            }
            if (omitted > 0) {
                out.append("(").append(omitted).append(" further notes omitted for length)\n");
            }
            return new NotesText(out.toString(), omitted);
        }

        private static String articles(List<Citation> citations) {
            return " (articles: " + citations.stream().map(Citation::article).distinct()
                    .collect(Collectors.joining(", ")) + ")";
        }
    }
}
