package dev.briefing.reduce;

import dev.briefing.chunk.TokenEstimator;
import dev.briefing.error.ModelCallException;
import dev.briefing.llm.CallSettings;
import dev.briefing.llm.ChatTurn;
import dev.briefing.llm.ModelRequest;
import dev.briefing.llm.SchemaEnums;
import dev.briefing.llm.StructuredCaller;
import dev.briefing.pipeline.Parallel;
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

/**
 * The model calls of reduce: over the merged notes (never the raw articles) they write the
 * summary, find disagreements and consolidate open questions. Each statement must point at
 * note ids; ids that do not exist are dropped, and a statement left pointing at nothing is
 * dropped, so every citation in its output is one the map stage already verified.
 *
 * <p>A day whose notes fit one window gets one call. A larger day is summarized in a tree,
 * never cut: the notes (already merged deterministically by {@link Reducer}) are cut into
 * parts that each fit the window, at boundaries one more article does not move
 * ({@link StableParts}, so a rerun finds the other parts in the call cache), each part is
 * synthesized on its own (in
 * parallel), and the parts' results (summaries s1.., disagreement positions d1.., open
 * questions o1.., each carrying the citations it resolved to) are merged by the
 * {@code synthesize-merge} prompt, in groups again if they do not fit one window. Every
 * request stays inside {@code num_ctx} whatever the day's size, and the reduce reads only the
 * notes once plus their much shorter summaries, never the articles.
 */
public final class Synthesizer {
    /** Room kept free in each window besides the reply: the estimate's slack and the fence. */
    static final int WINDOW_SLACK_TOKENS = 64;
    private final StructuredCaller caller;
    private final PromptTemplate template;
    private final PromptTemplate mergeTemplate;
    private final CallSettings settings;
    private final String language;
    private final int parallel;

    /** For days that fit one window; a larger day fails over to listing what was left out. */
    public Synthesizer(StructuredCaller caller, PromptTemplate template, CallSettings settings, String language) {
        this(caller, template, null, settings, language, 1);
    }

    /**
     * @param mergeTemplate the {@code synthesize-merge} prompt, for days too large for one window
     * @param parallel      part syntheses sent at once
     */
    public Synthesizer(StructuredCaller caller, PromptTemplate template, PromptTemplate mergeTemplate,
            CallSettings settings, String language, int parallel) {
        this.caller = Objects.requireNonNull(caller, "caller");
        this.template = Objects.requireNonNull(template, "template");
        this.mergeTemplate = mergeTemplate;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.language = Objects.requireNonNull(language, "language");
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1: " + parallel);
        }
        this.parallel = parallel;
    }

    /**
     * @param failure null when every call succeeded; else why. When the final call failed the
     *                parts are fallbacks; when only a part failed, the rest is its result.
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

    /** The request for a day that fits one window (what a dry run shows). */
    public ModelRequest request(MergedNotes notes, int articleCount) {
        return request(template, "synthesize", NotesText.of(notes, budget(template)).text(), articleCount);
    }

    private ModelRequest request(PromptTemplate prompt, String purpose, String lines, int articleCount) {
        Map<String, String> values = Map.of("language", language, "articleCount", Integer.toString(articleCount),
                "notes", Fence.wrap("notes", lines));
        String system = prompt.renderSystem(values);
        String user = prompt.renderUser(values);
        return new ModelRequest(purpose, List.of(ChatTurn.system(system), ChatTurn.user(user)),
                SchemaEnums.restrict(prompt.schema(), "sources", idsIn(lines)),
                settings.numCtx(), settings.numPredict(), settings.temperature(), settings.seed(),
                TokenEstimator.estimateMessages(List.of(system, user)));
    }

    /** Tokens of note lines one request of this prompt can carry. */
    private int budget(PromptTemplate prompt) {
        Map<String, String> values = Map.of("language", language, "articleCount", "99999", "notes", "");
        int overhead = TokenEstimator.estimateMessages(List.of(prompt.renderSystem(values), prompt.renderUser(values)));
        return settings.numCtx() - settings.numPredict() - overhead - WINDOW_SLACK_TOKENS;
    }

    public Synthesis synthesize(MergedNotes notes, int articleCount) {
        List<Line> lines = Line.of(notes);
        int budget = budget(template);
        if (Line.tokens(lines) <= budget || mergeTemplate == null) {
            List<String> warnings = new ArrayList<>();
            NotesText text = NotesText.of(notes, budget);
            if (text.omitted() > 0) {
                warnings.add("synthesis saw " + text.omitted() + " of the lowest-ranked notes only as counts: "
                        + "they did not fit the model's window");
            }
            Synthesis one = callOnce(template, "synthesize", text.text(), articleCount, notes.citationsById(),
                    warnings);
            return one.failure() == null ? one : fallback(notes, one.failure(), new ArrayList<>(one.warnings()));
        }
        return tree(notes, lines, budget, articleCount);
    }

    private Synthesis tree(MergedNotes notes, List<Line> lines, int budget, int articleCount) {
        List<String> warnings = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<StableParts.Part> parts = StableParts.cut(notes, budget);
        warnings.add("the notes did not fit one window: synthesized in " + parts.size()
                + " parts, then merged (nothing left out)");
        List<Integer> order = java.util.stream.IntStream.range(0, parts.size()).boxed().toList();
        // Each part says how many articles its notes come from (its home articles), not the
        // day's total, so that a part one new article does not touch keeps its prompt.
        List<Synthesis> results = Parallel.mapInOrder(order, parallel, "reduce", i -> callOnce(template,
                "synthesize part " + (i + 1) + "/" + parts.size(), Line.text(parts.get(i).lines()),
                parts.get(i).homeArticles(), parts.get(i)::citations, new ArrayList<>()));
        int mergeBudget = budget(mergeTemplate);
        for (int level = 2; ; level++) {
            collect(results, warnings, failures);
            Digest digest = Digest.of(results);
            if (Line.tokens(digest.lines()) <= mergeBudget) {
                Synthesis merged = callOnce(mergeTemplate, "synthesize", Line.text(digest.lines()), articleCount,
                        digest::citations, warnings);
                if (merged.failure() != null) {
                    return fallback(notes, merged.failure(), new ArrayList<>(merged.warnings()));
                }
                return new Synthesis(merged.summary(), merged.disagreements(), merged.openQuestions(),
                        merged.warnings(), failures.isEmpty() ? null : String.join("; ", failures));
            }
            results = parts(mergeTemplate, "synthesize merge level " + level + " part",
                    Line.pack(digest.lines(), mergeBudget), articleCount, digest::citations);
        }
    }

    private List<Synthesis> parts(PromptTemplate prompt, String purpose, List<List<Line>> parts, int articleCount,
            Function<String, Optional<List<Citation>>> byId) {
        List<Integer> order = java.util.stream.IntStream.range(0, parts.size()).boxed().toList();
        return Parallel.mapInOrder(order, parallel, "reduce", i -> callOnce(prompt,
                purpose + " " + (i + 1) + "/" + parts.size(), Line.text(parts.get(i)), articleCount, byId,
                new ArrayList<>()));
    }

    private static void collect(List<Synthesis> results, List<String> warnings, List<String> failures) {
        for (Synthesis r : results) {
            warnings.addAll(r.warnings());
            if (r.failure() != null) {
                failures.add(r.failure());
            }
        }
    }

    /** One call; a failed call comes back as a Synthesis with its failure, nothing else. */
    private Synthesis callOnce(PromptTemplate prompt, String purpose, String lines, int articleCount,
            Function<String, Optional<List<Citation>>> byId, List<String> warnings) {
        StructuredCaller.Result result;
        try {
            result = caller.call(request(prompt, purpose, lines, articleCount));
        } catch (ModelCallException e) {
            if (!purpose.equals("synthesize")) {
                warnings.add(purpose + " failed, its notes reach the summary only through the events and actors "
                        + "lists: " + e.getMessage());
            }
            return new Synthesis(new Summary("", List.of()), List.of(), List.of(), warnings, e.getMessage());
        }
        warnings.addAll(result.warnings());
        Reply reply = StructuredCaller.as(result.value(), Reply.class);
        return verify(byId, reply, warnings, PromptEcho.of(prompt.system()));
    }

    private static Synthesis verify(Function<String, Optional<List<Citation>>> byId, Reply reply,
            List<String> warnings, PromptEcho echo) {
        Set<String> unknown = new LinkedHashSet<>();
        Summary summary = new Summary("", List.of());
        if (reply.summary() != null && echo.echoes(reply.summary().text())) {
            warnings.add("summary dropped: it repeated the model's instructions");
        } else if (reply.summary() != null && reply.summary().text() != null && !reply.summary().text().isBlank()) {
            List<Citation> cited = resolve(reply.summary().sources(), byId, unknown);
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
                List<Citation> cited = resolve(s.sources(), byId, unknown);
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
            List<Citation> cited = resolve(q.sources(), byId, unknown);
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
        List<OpenQuestion> questions = notes.questions().stream()
                .map(q -> new OpenQuestion(q.note().question(), q.note().context(), q.note().citations()))
                .toList();
        return new Synthesis(new Summary("", List.of()), List.of(), questions, warnings, why);
    }

    /**
     * Every citation of every note a statement points at: nothing the model relied on is cut
     * (a summary pointing at 14 notes cites all 14; docs/quality.md counts it).
     */
    private static List<Citation> resolve(List<String> ids, Function<String, Optional<List<Citation>>> byId,
            Set<String> unknown) {
        Set<Citation> cited = new LinkedHashSet<>();
        for (String id : orEmpty(ids)) {
            Optional<List<Citation>> found = byId.apply(id);
            if (found.isEmpty()) {
                unknown.add(String.valueOf(id));
            } else {
                cited.addAll(found.get());
            }
        }
        return List.copyOf(cited);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }

    /** Articles shown by id; a note many articles report names a few and counts the rest. */
    static final int ARTICLES_NAMED = 3;

    private static String articles(List<Citation> citations) {
        List<String> ids = citations.stream().map(Citation::article).distinct().toList();
        return " (articles: " + String.join(", ", ids.subList(0, Math.min(ARTICLES_NAMED, ids.size())))
                + (ids.size() > ARTICLES_NAMED ? " and " + (ids.size() - ARTICLES_NAMED) + " more" : "") + ")";
    }

    /** One line the model reads: a note, or a part's result, under the id it may cite. */
    record Line(String id, String text, int tokens) {
        static Line of(String id, String text) {
            String line = id + " " + text;
            return new Line(id, line, TokenEstimator.estimate(line) + 1);
        }

        static List<Line> of(MergedNotes notes) {
            List<Line> lines = new ArrayList<>();
            notes.events().forEach(e -> lines.add(of(e.id(), "[" + (e.date() != null ? e.date()
                    : e.dateText() != null ? e.dateText() : "undated") + "] " + e.title()
                    + (e.description().isBlank() ? "" : " — " + e.description()) + articles(e.citations()))));
            notes.actors().forEach(a -> lines.add(of(a.id(), a.name() + " (" + a.type().label() + ")"
                    + (a.role().isBlank() ? "" : ": " + a.role()) + articles(a.citations()))));
            notes.claims().forEach(c -> lines.add(of(c.id(), "[" + c.note().topic() + "] " + c.note().claim()
                    + articles(c.note().citations()))));
            notes.questions().forEach(q -> lines.add(of(q.id(), q.note().question()
                    + (q.note().context().isBlank() ? "" : " — " + q.note().context())
                    + articles(q.note().citations()))));
            return lines;
        }

        static int tokens(List<Line> lines) {
            return lines.stream().mapToInt(Line::tokens).sum();
        }

        static String text(List<Line> lines) {
            StringBuilder out = new StringBuilder();
            lines.forEach(l -> out.append(l.text()).append('\n'));
            return out.toString();
        }

        /** In order, into groups that each fit the budget; a line alone too long for it is cut to fit. */
        static List<List<Line>> pack(List<Line> lines, int budget) {
            List<List<Line>> parts = new ArrayList<>();
            List<Line> current = new ArrayList<>();
            int used = 0;
            for (Line line : lines) {
                Line fitting = line.tokens() <= budget ? line : line.cut(budget);
                if (used + fitting.tokens() > budget && !current.isEmpty()) {
                    parts.add(current);
                    current = new ArrayList<>();
                    used = 0;
                }
                current.add(fitting);
                used += fitting.tokens();
            }
            if (!current.isEmpty()) {
                parts.add(current);
            }
            return parts;
        }

        Line cut(int budget) {
            String t = text;
            while (TokenEstimator.estimate(t) + 1 > budget && t.length() > id.length() + 2) {
                t = t.substring(0, Math.max(id.length() + 2, t.length() * 9 / 10));
            }
            return new Line(id, t, TokenEstimator.estimate(t) + 1);
        }
    }

    /**
     * The parts' results as lines the merge call can cite: part summaries s1.., disagreement
     * positions d1.., open questions o1.., each resolving to the citations its part resolved.
     */
    record Digest(List<Line> lines, Map<String, List<Citation>> byId) {
        static Digest of(List<Synthesis> parts) {
            List<Line> lines = new ArrayList<>();
            Map<String, List<Citation>> byId = new java.util.HashMap<>();
            int s = 0;
            int d = 0;
            int o = 0;
            for (int i = 0; i < parts.size(); i++) {
                Synthesis part = parts.get(i);
                if (!part.summary().text().isBlank()) {
                    String id = "s" + (++s);
                    lines.add(Line.of(id, "[part " + (i + 1) + "] " + part.summary().text()
                            + articles(part.summary().citations())));
                    byId.put(id, part.summary().citations());
                }
                for (Disagreement dis : part.disagreements()) {
                    for (Position p : dis.positions()) {
                        String id = "d" + (++d);
                        lines.add(Line.of(id, "[" + dis.topic() + "] " + p.claim() + articles(p.citations())));
                        byId.put(id, p.citations());
                    }
                }
                for (OpenQuestion q : part.openQuestions()) {
                    String id = "o" + (++o);
                    lines.add(Line.of(id, q.question() + (q.context() == null || q.context().isBlank() ? ""
                            : " — " + q.context()) + articles(q.citations())));
                    byId.put(id, q.citations());
                }
            }
            return new Digest(lines, byId);
        }

        Optional<List<Citation>> citations(String id) {
            return Optional.ofNullable(id == null ? null : byId.get(id.strip().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /** The notes as the model reads them, in the merged order, within the window it has. */
    /**
     * The note ids the notes text lists (each line begins with its id), in order: what the
     * schema sent lets "sources" name. Read from the text itself so the enum is exactly what
     * the model was shown, however the notes were partitioned.
     */
    static List<String> idsIn(String lines) {
        java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
        for (String line : lines.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && !line.startsWith("(")) {
                ids.add(line.substring(0, space));
            }
        }
        return List.copyOf(ids);
    }

    record NotesText(String text, int omitted) {
        static NotesText of(MergedNotes notes, int budgetTokens) {
            StringBuilder out = new StringBuilder();
            int used = 0;
            int omitted = 0;
            for (Line line : Line.of(notes)) {
                if (used + line.tokens() > budgetTokens) {
                    omitted++;
                    continue;
                }
                used += line.tokens();
                out.append(line.text()).append('\n');
            }
            if (omitted > 0) {
                out.append("(").append(omitted).append(" further notes omitted for length)\n");
            }
            return new NotesText(out.toString(), omitted);
        }

    }
}
