package dev.briefing.pipeline;

import dev.briefing.chunk.Chunk;
import dev.briefing.chunk.ChunkBudget;
import dev.briefing.chunk.Chunker;
import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.llm.CallSettings;
import dev.briefing.llm.LanguageModel;
import dev.briefing.llm.ModelInfo;
import dev.briefing.llm.ModelServer;
import dev.briefing.llm.StructuredCaller;
import dev.briefing.llm.UsageMeter;
import dev.briefing.map.ChunkMapper;
import dev.briefing.map.DateResolver;
import dev.briefing.map.MapPrompt;
import dev.briefing.map.MapResult;
import dev.briefing.normalize.Article;
import dev.briefing.normalize.Paragraph;
import dev.briefing.prompt.PromptTemplate;
import dev.briefing.reduce.AliasTable;
import dev.briefing.reduce.Briefing;
import dev.briefing.reduce.MergedNotes;
import dev.briefing.reduce.Reducer;
import dev.briefing.reduce.Synthesizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The whole flow for one briefing: chunk -> map (concurrently, one call per chunk) ->
 * reduce (deterministic merge, then one synthesis call, or a tree of them for a day too large
 * for one window) -> the Briefing and its run record.
 */
public final class BriefingEngine {
    private final EngineConfig config;
    private final LanguageModel model;
    private final ModelServer server;
    private final Progress progress;
    private final Clock clock;
    private final java.util.function.Consumer<Outcome> rehearsal;

    public BriefingEngine(EngineConfig config, LanguageModel model, ModelServer server, Progress progress, Clock clock) {
        this(config, model, server, progress, clock, null);
    }

    private BriefingEngine(EngineConfig config, LanguageModel model, ModelServer server, Progress progress, Clock clock,
            java.util.function.Consumer<Outcome> rehearsal) {
        this.config = Objects.requireNonNull(config, "config");
        this.model = Objects.requireNonNull(model, "model");
        this.server = Objects.requireNonNull(server, "server");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rehearsal = rehearsal;
    }

    /**
     * This engine, handing {@code rehearsal} a draft of the outcome on a daemon thread as the
     * synthesis starts: a few of the merged events, actors and claims, no synthesis, no counts.
     * The synthesis is the run's last wait for the model, and what follows it (rendering the
     * files) does its first-time work then (JSON codecs built, renderers' classes initialised:
     * 0.05-0.07 s of the held-out benchmark run on JDK 17 here), so it is done for nothing meanwhile. Whatever the
     * rehearsal throws is ignored: the real render meets it again.
     */
    public BriefingEngine rehearsingWith(java.util.function.Consumer<Outcome> rehearsal) {
        return new BriefingEngine(config, model, server, progress, clock, Objects.requireNonNull(rehearsal, "rehearsal"));
    }

    /** @param mapResults each chunk's verified notes or failure, in chunk order (the daily store keeps them) */
    public record Outcome(Briefing briefing, RunRecord record, List<MapResult> mapResults) {
        public Outcome {
            mapResults = List.copyOf(mapResults);
        }

        public Outcome(Briefing briefing, RunRecord record) {
            this(briefing, record, List.of());
        }
    }

    /** The chunks and settings a run would use, computed without calling the model. */
    public record Plan(Language language, CallSettings settings, int contextLength, int chunkTokens,
            List<Chunk> chunks, Map<String, Set<Integer>> yearsByArticle) {
    }

    /** Plans for a known context length (from the server, or assumed for a dry run). */
    public Plan plan(List<Article> articles, int contextLength) {
        Language language = Language.resolve(config.language(), articles);
        PromptTemplate mapPrompt = config.prompts().get("map-chunk");
        int overhead = MapPrompt.overheadTokens(mapPrompt, language.promptName());
        ChunkBudget budget = config.chunkBudget(contextLength, overhead);
        CallSettings settings = new CallSettings(budget.numCtx(), config.numPredict(), config.temperature(),
                config.seed());
        Chunker chunker = new Chunker(budget);
        // Each article is cut on its own, so a large day is cut on every core; the chunks keep the
        // articles' order whichever finishes first.
        record Cut(List<Chunk> chunks, Set<Integer> years) {
        }
        int cores = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        java.util.function.Function<Article, Cut> cut = article -> new Cut(chunker.chunk(article),
                DateResolver.yearsIn(article.title() + "\n"
                        + article.paragraphs().stream().map(Paragraph::text).collect(Collectors.joining("\n"))));
        List<Cut> cuts = articles.size() < 16 || cores == 1 ? articles.stream().map(cut).toList()
                : Parallel.mapInOrder(articles, cores, "plan", cut);
        List<Chunk> chunks = new ArrayList<>();
        Map<String, Set<Integer>> years = new HashMap<>();
        for (int i = 0; i < articles.size(); i++) {
            chunks.addAll(cuts.get(i).chunks());
            years.put(articles.get(i).id(), cuts.get(i).years());
        }
        return new Plan(language, settings, contextLength, budget.articleTokens(), chunks, years);
    }

    /** The prompts a brief uses. */
    public static final List<String> PROMPTS = List.of("map-chunk", "synthesize", "synthesize-merge");

    /** File name to SHA-256 of every prompt file a brief with {@code config} uses, as run.json records them. */
    public static Map<String, String> promptHashes(EngineConfig config) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String name : PROMPTS) {
            hashes.putAll(config.prompts().get(name).hashes());
        }
        return hashes;
    }

    public Outcome brief(List<Article> articles, List<String> inputWarnings) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        server.ensureReachable();
        ModelInfo info = server.show(config.model());
        Plan plan = plan(articles, info.contextLength());
        progress.line("briefing " + articles.size() + " articles in " + plan.chunks().size() + " chunks with "
                + config.model() + " (num_ctx " + plan.settings().numCtx() + ", chunks up to " + plan.chunkTokens()
                + " tokens, " + config.parallel() + " in parallel)");

        // Every prompt the run may need is read now: a missing or broken one (an edited --prompts
        // directory) ends the run before any model call, not after the map stage.
        PromptTemplate synthesizePrompt = config.prompts().get("synthesize");
        PromptTemplate mergePrompt = config.prompts().get("synthesize-merge");
        UsageMeter meter = new UsageMeter();
        int total = plan.chunks().size();
        RunTracker tracker = new RunTracker(total, progress, System::nanoTime);
        RequestGate gate = RequestGate.of(tracker.watch(model), config.requestsInFlight());
        StructuredCaller caller = new StructuredCaller(gate, config.retry(), meter);
        ChunkMapper mapper = new ChunkMapper(caller, config.prompts().get("map-chunk"), plan.settings(),
                plan.language().promptName());
        // Checking replies converts to simplified script: a build without its copy of ICU's rules
        // (normalize.HanKinds) builds ICU's tables while the first requests are out.
        dev.briefing.normalize.ChineseScript.prepareInBackground();
        AtomicInteger mapped = new AtomicInteger();
        List<MapResult> results;
        try {
            results = mapAll(mapper, gate, plan, mapped, articles, tracker);
        } catch (BriefingException e) {
            throw whenInterrupted(e, mapped.get() + " of " + total + " chunks mapped");
        }

        MergedNotes merged = new Reducer(AliasTable.bundled()).merge(articles, results);
        Synthesizer.Synthesis synthesis;
        if (merged.isEmpty()) {
            synthesis = new Synthesizer.Synthesis(new Briefing.Summary("", List.of()), List.of(), List.of(),
                    List.of("no notes survived the map stage; nothing to synthesize"), "no notes");
        } else {
            progress.line("synthesizing " + merged.events().size() + " events, " + merged.actors().size()
                    + " actors, " + merged.claims().size() + " claims, " + merged.questions().size() + " questions");
            // As for the merge's: a map answered wholly from the cache will likely have its synthesis there too.
            if (tracker.status().fromCache() < total) {
                rehearseMeanwhile(articles, plan, merged, started);
            }
            try {
                synthesis = new Synthesizer(caller, synthesizePrompt, mergePrompt, plan.settings(),
                        plan.language().promptName(), config.parallel()).synthesize(merged, articles.size());
            } catch (BriefingException e) {
                throw whenInterrupted(e, "all " + total + " chunks mapped, the synthesis was not");
            }
        }
        progress.endSteps();
        if (Thread.currentThread().isInterrupted()) {
            throw interrupted("all " + total + " chunks mapped and synthesized", null);
        }
        long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
        return assemble(articles, inputWarnings, plan, results, merged, synthesis, meter, started, durationMs);
    }

    /**
     * Ctrl-C interrupts the thread running the command (cli.SigintHandler). The workers' calls are
     * abandoned as the map ends; what the user needs then is how far the run got.
     */
    private static BriefingException whenInterrupted(BriefingException e, String finished) {
        return e.exitCode() == ExitCode.INTERRUPTED ? interrupted(finished, e) : e;
    }

    /** The one wording of an interrupted brief: what was finished, and that nothing was written. */
    public static BriefingException interrupted(String finished, Throwable cause) {
        return new BriefingException(ExitCode.INTERRUPTED, "interrupted: " + finished + "; no briefing written",
                "run the same command again; unless --no-cache, the calls that finished are answered from the cache", cause);
    }

    private List<MapResult> mapAll(ChunkMapper mapper, RequestGate gate, Plan plan, AtomicInteger done,
            List<Article> articles, RunTracker tracker) {
        Map<String, String> files = fileNames(articles);
        int total = plan.chunks().size();
        MergeRehearsal rehearsal = new MergeRehearsal(articles, Math.min(config.parallel(), total - 1));
        long mapStarted = System.nanoTime();
        // Twice the calls the gate lets open: while one round's replies are checked, the next
        // round's requests are already at the server.
        Map<Chunk, Integer> turns = new java.util.IdentityHashMap<>();
        for (Chunk chunk : plan.chunks()) {
            turns.put(chunk, turns.size());
        }
        return Parallel.mapInOrder(plan.chunks(), 2 * config.requestsInFlight(), "map", chunk -> {
            String file = files.getOrDefault(chunk.articleId(), chunk.articleId());
            tracker.reading(chunk.count() > 1 ? file + " (" + chunk.index() + "/" + chunk.count() + ")" : file);
            long t0 = System.nanoTime();
            MapResult result = gate.inTurn(turns.get(chunk),
                    () -> mapper.map(chunk, plan.yearsByArticle().get(chunk.articleId())));
            long now = System.nanoTime();
            String outcome = result.ok() ? result.notes().size() + " notes"
                    + (result.droppedCitations() > 0 ? ", " + result.droppedCitations() + " citations dropped" : "")
                    : "FAILED: " + result.failure();
            done.incrementAndGet();
            long sent = tracker.firstSent(t0);
            boolean fromCache = tracker.mapped((status, cached) -> new MapProgressLine(status.done(), total,
                    status.fromCache(), file, chunk.index(), chunk.count(), outcome, (now - sent) / 1e9,
                    (now - mapStarted) / 1e9, cached).text());
            // A reply from the cache leaves no wait to use: the rehearsal would only compete with the run.
            if (!fromCache) {
                rehearsal.add(result);
            }
            return result;
        });
    }

    /**
     * The merge, run once on the first round's notes while the next round is out. The real merge
     * runs between the last map reply and the synthesis request, where its first-time work (the
     * mergers' classes, their text comparisons not yet compiled) holds up the run; done here, on
     * a round's worth of notes, it costs the run nothing. The result is thrown away. Not when
     * the map has a single round, nor for replies from the cache: there is no wait to use.
     */
    static final class MergeRehearsal {
        private final int after;
        private final java.util.function.Consumer<List<MapResult>> start;
        private final List<MapResult> early = new ArrayList<>();

        MergeRehearsal(List<Article> articles, int after) {
            this(after, round -> inBackground("merge-rehearsal", () -> new Reducer(AliasTable.bundled()).merge(articles,
                    round)));
        }

        /** @param start given the first {@code after} results, once */
        MergeRehearsal(int after, java.util.function.Consumer<List<MapResult>> start) {
            this.after = after;
            this.start = start;
        }

        void add(MapResult result) {
            List<MapResult> round;
            synchronized (early) {
                if (after <= 0 || early.size() >= after) {
                    return;
                }
                early.add(result);
                if (early.size() < after) {
                    return;
                }
                round = List.copyOf(early);
            }
            start.accept(round);
        }
    }

    private void rehearseMeanwhile(List<Article> articles, Plan plan, MergedNotes merged, Instant started) {
        if (rehearsal != null) {
            inBackground("rehearsal", () -> rehearsal.accept(draft(articles, plan, merged, started)));
        }
    }

    /** A rehearsal on a daemon thread of its own; what it throws only loses the head start (the real work meets it again). */
    private static void inBackground(String name, Runnable rehearsal) {
        Thread t = new Thread(() -> {
            try {
                rehearsal.run();
            } catch (RuntimeException | LinkageError e) {
                // nothing to report: the run itself does this work next and reports what fails
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    private static List<Briefing.ArticleRef> refs(List<Article> articles) {
        return articles.stream().map(a -> new Briefing.ArticleRef(a.id(), a.title(), a.source(), a.path(), a.script(),
                a.paragraphs().size(), a.titleDerived())).toList();
    }

    /** Up to three items of each kind: enough for every part of a render to run once, at little cost on a large day. */
    private Outcome draft(List<Article> articles, Plan plan, MergedNotes merged, Instant started) {
        Briefing.RunSummary run = new Briefing.RunSummary(model.modelName(), server.host(), started, 0, 0, 0, 0, 0, 0,
                List.of());
        Briefing briefing = new Briefing(plan.language().code(), refs(articles), new Briefing.Summary("", List.of()),
                firstThree(merged.events()), firstThree(merged.actors()), firstThree(merged.claimSection()), List.of(),
                List.of(), false, List.of(), run);
        RunRecord record = new RunRecord("briefing brief", model.modelName(), server.host(), started, 0, Map.of(),
                Map.of(), List.of(), 0, 0, List.of());
        return new Outcome(briefing, record);
    }

    private static <T> List<T> firstThree(List<T> items) {
        return items.subList(0, Math.min(3, items.size()));
    }

    /** The file each article came from, by name only: what the user recognises in a log line. */
    private static Map<String, String> fileNames(List<Article> articles) {
        Map<String, String> files = new HashMap<>();
        for (Article article : articles) {
            java.nio.file.Path name = java.nio.file.Path.of(article.path()).getFileName();
            files.putIfAbsent(article.id(), name == null ? article.path() : name.toString());
        }
        return files;
    }

    /** Question notes no open question of the synthesis cites: chosen away, so listed, never silently lost. */
    private static List<String> questionsLeftOut(MergedNotes merged, Synthesizer.Synthesis synthesis) {
        Set<dev.briefing.verify.Citation> kept = synthesis.openQuestions().stream()
                .flatMap(q -> q.citations().stream()).collect(Collectors.toSet());
        return merged.questions().stream()
                .filter(q -> q.note().citations().stream().noneMatch(kept::contains))
                .map(q -> "open question left out by the synthesis (" + q.id() + ", " + q.note().citations().get(0)
                        .article() + "): " + q.note().question())
                .toList();
    }

    private Outcome assemble(List<Article> articles, List<String> inputWarnings, Plan plan, List<MapResult> results,
            MergedNotes merged, Synthesizer.Synthesis synthesis, UsageMeter meter, Instant started, long durationMs) {
        List<String> warnings = new ArrayList<>(inputWarnings);
        List<String> details = new ArrayList<>();
        List<Briefing.FailedChunk> failed = new ArrayList<>();
        int droppedCitations = 0;
        int droppedItems = 0;
        for (MapResult r : results) {
            if (!r.ok()) {
                failed.add(new Briefing.FailedChunk(r.chunk().label(), r.failure()));
                warnings.add("chunk failed, its text is not in this briefing: " + r.chunk().label() + ": " + r.failure());
            }
            warnings.addAll(r.warnings());
            details.addAll(r.dropDetails());
            droppedCitations += r.droppedCitations();
            droppedItems += r.droppedItems();
        }
        if (droppedCitations + droppedItems > 0) {
            warnings.add("verification removed " + droppedCitations + " citations whose paragraph or quote was not in "
                    + "the source, and " + droppedItems + " items left without a citation (details in run.json)");
        }
        warnings.addAll(synthesis.warnings());
        List<String> leftOut = questionsLeftOut(merged, synthesis);
        if (!leftOut.isEmpty()) {
            warnings.add("the synthesis kept " + (merged.questions().size() - leftOut.size()) + " of "
                    + merged.questions().size() + " open questions the articles raise; the rest are listed in run.json");
            details.addAll(leftOut);
        }
        if (synthesis.failure() != null && !merged.isEmpty()) {
            failed.add(new Briefing.FailedChunk("synthesize", synthesis.failure()));
        }
        boolean incomplete = !failed.isEmpty();
        Briefing.RunSummary run = new Briefing.RunSummary(model.modelName(), server.host(), started, durationMs,
                meter.requests(), meter.promptTokens(), meter.completionTokens(), droppedCitations, droppedItems, failed);
        Briefing briefing = new Briefing(plan.language().code(), refs(articles), synthesis.summary(), merged.events(),
                merged.actors(), merged.claimSection(), synthesis.disagreements(), synthesis.openQuestions(), incomplete, warnings, run);

        Map<String, String> hashes = promptHashes(config);
        Map<String, Object> settings = new LinkedHashMap<>(config.asRecord());
        settings.put("contextLength", plan.contextLength());
        settings.put("numCtx", plan.settings().numCtx());
        settings.put("chunkArticleTokens", plan.chunkTokens());
        settings.put("chunks", plan.chunks().size());
        settings.put("language", plan.language().code());
        List<String> allWarnings = new ArrayList<>(warnings);
        allWarnings.addAll(details);
        RunRecord record = new RunRecord("briefing brief", model.modelName(), server.host(), started, durationMs, hashes,
                settings, meter.calls(), droppedCitations, droppedItems, allWarnings);
        progress.line(String.format(Locale.ROOT, "done in %.1fs: %d model replies, %d prompt + %d completion tokens, "
                        + "%d citations dropped%s", durationMs / 1000.0, meter.requests(),
                meter.promptTokens(), meter.completionTokens(), droppedCitations,
                incomplete ? ", INCOMPLETE (" + failed.size() + " failed)" : ""));
        return new Outcome(briefing, record, results);
    }
}
