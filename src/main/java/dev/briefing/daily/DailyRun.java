package dev.briefing.daily;

import dev.briefing.error.BriefingException;
import dev.briefing.llm.LanguageModel;
import dev.briefing.llm.ModelServer;
import dev.briefing.normalize.Article;
import dev.briefing.pipeline.ArticleLoader;
import dev.briefing.pipeline.BriefingEngine;
import dev.briefing.pipeline.EngineConfig;
import dev.briefing.pipeline.Parallel;
import dev.briefing.pipeline.Progress;
import dev.briefing.pipeline.RunRecord;
import dev.briefing.reduce.AliasTable;
import dev.briefing.reduce.Briefing;
import dev.briefing.reduce.StoryContinuity;
import dev.briefing.render.HtmlIndex;
import dev.briefing.render.HtmlRenderer;
import dev.briefing.render.MarkdownRenderer;
import dev.briefing.render.OutputWriter;
import dev.briefing.store.CacheAccounting;
import dev.briefing.store.CachingLanguageModel;
import dev.briefing.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code briefing daily}: one day's briefing over an inbox folder, on top of the engine.
 *
 * <p>Which articles belong to day D: those in the inbox that the store first saw on a day
 * from {@code since} through D ({@code since} defaults to the day before D); "new" are those
 * first seen on D. An article's first-seen day is the day of the first daily run that read
 * it, and never changes. The briefing's events are compared with the latest stored briefings
 * of the days from {@code since} through D-1 ({@link StoryContinuity}), the result stored as
 * a new version of D, and its files written to {@code <out>/<D>/} ({@link DayOutput}).
 * Every model call goes through the store's cache.
 */
public final class DailyRun {
    public static final String TOOL = "briefing daily";
    private final EngineConfig config;
    private final LanguageModel model;
    private final ModelServer server;
    private final Store store;
    private final Progress progress;
    private final Clock clock;

    public DailyRun(EngineConfig config, LanguageModel model, ModelServer server, Store store, Progress progress,
            Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.model = Objects.requireNonNull(model, "model");
        this.server = Objects.requireNonNull(server, "server");
        this.store = Objects.requireNonNull(store, "store");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The day briefed and the first earlier day its articles and comparison reach back to. */
    public record Window(LocalDate day, LocalDate since) {
        public Window {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(since, "since");
            if (since.isAfter(day)) {
                throw BriefingException.usage("--since " + since + " is after the day briefed, " + day,
                        "give a --since on or before " + day);
            }
        }

        /** @param since null for the default, the day before */
        public static Window of(LocalDate day, LocalDate since) {
            return new Window(day, since == null ? day.minusDays(1) : since);
        }
    }

    /**
     * @param version   the version of the day in the store (1 for the first run of the day)
     * @param counts    calls sent to the model server and answered from the cache
     * @param unchanged the day's articles, settings, prompts, build and earlier days were those of
     *                  {@code version}, complete and its files still as written: it was kept as it
     *                  is, nothing was sent, stored or written
     */
    public record Result(Window window, int version, Briefing briefing, CachingLanguageModel.Counts counts,
            DayOutput.Written written, boolean unchanged) {
    }

    /** The day folder's files, in the order they are rendered and their digest is taken. */
    static final List<String> FILE_NAMES = List.of(OutputWriter.BRIEFING_JSON, OutputWriter.BRIEFING_MD,
            OutputWriter.BRIEFING_HTML, OutputWriter.RUN_JSON);
    private static final CachingLanguageModel.Counts NO_CALLS = new CachingLanguageModel.Counts(0, 0, 0, 0, Map.of());

    /**
     * @throws BriefingException exit 2 when no inbox article falls in the window; as the engine
     *                           otherwise (exit 3 for a missing server, ...)
     */
    public Result run(ArticleLoader.Loaded loaded, Window window, Path outRoot) {
        return run(loaded, window, outRoot, false);
    }

    /**
     * As {@link #run(ArticleLoader.Loaded, Window, Path)}; {@code again} briefs the day even when
     * its latest version would be kept as unchanged.
     */
    public Result run(ArticleLoader.Loaded loaded, Window window, Path outRoot, boolean again) {
        LocalDate day = window.day();
        List<Article> selected = new ArrayList<>();
        List<String> newIds = new ArrayList<>();
        List<String> warnings = new ArrayList<>(loaded.warnings());
        int later = 0;
        LocalDate latestOlder = null;
        LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        List<LocalDate> seen = store.recordArticles(loaded.articles(), day, today);
        for (int i = 0; i < seen.size(); i++) {
            Article a = loaded.articles().get(i);
            LocalDate firstSeen = seen.get(i);
            if (firstSeen.isAfter(day)) {
                later++;
            } else if (firstSeen.isBefore(window.since())) {
                latestOlder = latestOlder == null || firstSeen.isAfter(latestOlder) ? firstSeen : latestOlder;
            } else {
                selected.add(a);
                if (firstSeen.equals(day)) {
                    newIds.add(a.id());
                }
            }
        }
        if (later > 0) {
            progress.line("note: " + later + " inbox article(s) were first seen after " + day + " and are left out");
        }
        if (selected.isEmpty()) {
            throw BriefingException.usage("nothing to brief for " + day + ": none of the " + loaded.articles().size()
                    + " inbox article(s) was first seen from " + window.since() + " through " + day,
                    latestOlder != null ? "the latest were first seen on " + latestOlder + "; widen the window with "
                            + "--since " + latestOlder : "add articles to the inbox");
        }
        progress.line(day + ": " + selected.size() + " article(s), " + newIds.size() + " new; comparing with "
                + (window.since().equals(day) ? "no earlier day" : window.since().equals(day.minusDays(1))
                        ? window.since().toString() : window.since() + " through " + day.minusDays(1)));

        String inputs = inputs(window, selected, newIds, warnings).digest();
        java.util.Optional<Result> kept = again ? java.util.Optional.empty() : unchanged(window, inputs, outRoot);
        if (kept.isPresent()) {
            return kept.get();
        }

        // The version is stored while the files are rendered (each about a tenth of an unchanged
        // rerun of a large day); the files are moved into the day folder only once it is stored.
        Briefed briefed = brief(selected, warnings, window, newIds);
        Map<Store.DayVersion, HtmlIndex.Day> earlierRows = briefed.earlierRows();
        Storing storing = Storing.start(store, briefed);
        briefed = null; // the chunks' notes are the storing thread's alone from here
        Briefing briefing = storing.briefing();
        int[] version = new int[1];
        DayOutput.Written written;
        try {
            written = DayOutput.write(outRoot, day, files(briefing, storing.record(), selected),
                    () -> version[0] = storing.stored());
        } catch (BriefingException e) {
            Integer stored = storing.storedOrNull(e);
            if (stored != null) {
                // The store must not call a version complete whose files are not there (a full disk).
                try {
                    store.markUnwritten(day, stored);
                } catch (BriefingException alsoFailed) {
                    e.addSuppressed(alsoFailed);
                }
            }
            throw e;
        }
        // Until this is recorded (a run killed just before), the next run briefs the day again.
        String files = DayOutput.filesDigest(written.dir(), FILE_NAMES);
        store.markWritten(day, version[0], inputs, files == null ? "" : files);
        OutputWriter.writeIndex(outRoot, indexedDays(outRoot, day, version[0], briefing, earlierRows));
        return new Result(window, version[0], briefing, storing.counts(), written, false);
    }

    /** What the day's briefing is made from (its digest is compared with the latest version's). */
    private DayInputs inputs(Window window, List<Article> selected, List<String> newIds, List<String> inputWarnings) {
        LocalDate day = window.day();
        List<Store.DayVersion> earlier = window.since().equals(day) ? List.of()
                : store.latestVersions(window.since(), day.minusDays(1));
        return new DayInputs(DayInputs.currentBuild(), window, selected, newIds, inputWarnings, config.asRecord(),
                model.modelName(), server.host(), server.show(config.model()).contextLength(),
                BriefingEngine.promptHashes(config), earlier);
    }

    /**
     * The day's latest version, kept as it is, when it was made from {@code inputs}, is complete,
     * and its folder under {@code outRoot} still holds its files as written: briefing the day
     * again would write the same files (from the cache's replies) and store a copy of the version.
     * A version the user may be waiting on (incomplete, files edited or removed, another output
     * folder) is briefed again as before.
     */
    private java.util.Optional<Result> unchanged(Window window, String inputs, Path outRoot) {
        LocalDate day = window.day();
        Store.WrittenVersion latest = store.latestWritten(day).orElse(null);
        if (latest == null || latest.incomplete() || !latest.inputsDigest().equals(inputs)) {
            return java.util.Optional.empty();
        }
        Path root = outRoot.toAbsolutePath().normalize();
        Path dir = root.resolve(day.toString());
        if (!latest.filesDigest().equals(DayOutput.filesDigest(dir, FILE_NAMES))) {
            return java.util.Optional.empty();
        }
        Briefing briefing = store.briefing(day, latest.version()).orElse(null);
        if (briefing == null) {
            return java.util.Optional.empty();
        }
        if (!Files.isRegularFile(root.resolve(OutputWriter.INDEX_HTML))) {
            OutputWriter.writeIndex(root, indexedDays(root, day, latest.version(), briefing, Map.of()));
        }
        return java.util.Optional.of(new Result(window, latest.version(), briefing, NO_CALLS,
                new DayOutput.Written(dir, FILE_NAMES, null), true));
    }

    /**
     * The day's briefing before it is stored, with every chunk's notes, and the index rows of the
     * earlier days it was compared with (read from the store once, not again for the index).
     */
    private record Briefed(Store.DayBriefing toStore, RunRecord record, CachingLanguageModel.Counts counts,
            Map<Store.DayVersion, HtmlIndex.Day> earlierRows) {
    }

    /**
     * A version being stored on its own thread. Only that thread holds the chunks' notes, so
     * they are let go as soon as they are stored, not kept while the files are rendered.
     */
    private static final class Storing {
        private final java.util.concurrent.FutureTask<Integer> task;
        private final Thread thread;
        private final Briefing briefing;
        private final RunRecord record;
        private final CachingLanguageModel.Counts counts;

        private Storing(java.util.concurrent.FutureTask<Integer> task, Briefing briefing, RunRecord record,
                CachingLanguageModel.Counts counts) {
            this.task = task;
            this.briefing = briefing;
            this.record = record;
            this.counts = counts;
            this.thread = new Thread(task, "store-version");
            thread.setDaemon(true);
        }

        static Storing start(Store store, Briefed briefed) {
            Store.DayBriefing toStore = briefed.toStore();
            Storing s = new Storing(new java.util.concurrent.FutureTask<>(() -> store.saveBriefing(toStore)),
                    toStore.briefing(), briefed.record(), briefed.counts());
            s.thread.start();
            return s;
        }

        Briefing briefing() {
            return briefing;
        }

        RunRecord record() {
            return record;
        }

        CachingLanguageModel.Counts counts() {
            return counts;
        }

        /**
         * The version the store kept, or its failure as thrown. Waits even through Ctrl-C (the flag
         * is kept for what comes after): a version stored after the run gave up on it would be left
         * without files; storing takes a fraction of a second.
         */
        int stored() {
            try {
                return Parallel.awaitThroughInterrupts(task);
            } catch (java.util.concurrent.ExecutionException e) {
                // Done, so this neither waits nor sees the interrupt: the failure as it was thrown.
                return Parallel.await(task, "interrupted while storing the briefing");
            }
        }

        /** As {@link #stored}, but null when storing failed (its failure then is {@code writing}'s, or added to it). */
        Integer storedOrNull(BriefingException writing) {
            try {
                return stored();
            } catch (RuntimeException storeFailed) {
                if (storeFailed != writing) {
                    writing.addSuppressed(storeFailed);
                }
                return null;
            }
        }
    }

    /**
     * Runs the engine over the day's articles and compares with the earlier days. Everything only
     * this needs (the earlier days' briefings, the engine) is unreachable once it returns; the
     * chunks' notes go to the store.
     */
    private Briefed brief(List<Article> selected, List<String> warnings, Window window, List<String> newIds) {
        LocalDate day = window.day();
        CachingLanguageModel caching = new CachingLanguageModel(model, store);
        BriefingEngine engine = new BriefingEngine(config, caching, server, progress, clock);
        BriefingEngine.Outcome outcome = CacheAccounting.apply(engine.brief(selected, warnings), caching.counts());
        CachingLanguageModel.Counts counts = caching.counts();

        List<Store.StoredBriefing> stored = window.since().equals(day) ? List.of()
                : store.latestBriefings(window.since(), day.minusDays(1));
        List<StoryContinuity.EarlierDay> earlier = stored.stream()
                .map(s -> new StoryContinuity.EarlierDay(s.day(), s.briefing())).toList();
        Map<Store.DayVersion, HtmlIndex.Day> earlierRows = new java.util.HashMap<>();
        for (Store.StoredBriefing s : stored) {
            earlierRows.put(new Store.DayVersion(s.day(), s.version()), HtmlIndex.Day.of(s.day(), dayHref(s.day()),
                    s.briefing()));
        }
        Briefing.Changes changes = new StoryContinuity(AliasTable.bundled()).changes(outcome.briefing(), day,
                window.since(), newIds, earlier);
        Briefing briefing = outcome.briefing().withChanges(changes);
        RunRecord record = dailyRecord(outcome.record(), window, earlier.size());

        return new Briefed(new Store.DayBriefing(day, clock.instant(), briefing, newIds.size(), counts.sent(),
                counts.served(), outcome.mapResults()), record, counts, earlierRows);
    }

    /** The index of days as a day's page links to it: the day folders sit beside index.html. */
    static final String INDEX_FROM_DAY = "../" + OutputWriter.INDEX_HTML;

    /**
     * The day folder's files, by name, each rendered only when {@link DayOutput} writes it into
     * its temporary file (the page, whose sources appendix shows the cited paragraphs of
     * {@code articles}, is written piece by piece and never held whole). The page links back to
     * the index of days.
     */
    public static Map<String, OutputWriter.Content> files(Briefing briefing, RunRecord record, List<Article> articles) {
        Map<String, OutputWriter.Content> files = new LinkedHashMap<>();
        files.put(OutputWriter.BRIEFING_JSON, OutputWriter.json(briefing));
        files.put(OutputWriter.BRIEFING_MD, out -> MarkdownRenderer.write(briefing, out));
        files.put(OutputWriter.BRIEFING_HTML, out -> HtmlRenderer.write(briefing, articles,
                HtmlRenderer.Options.defaults().withIndex(INDEX_FROM_DAY), out));
        files.put(OutputWriter.RUN_JSON, OutputWriter.json(record));
        return files;
    }

    /**
     * The index page's rows: every day in the store whose page is in this output folder (a day
     * briefed into another {@code -o} folder is not linked from here), latest version each. The
     * stored briefings are read one at a time, each let go once its row is made; the day just
     * written is taken as it is in memory when its version is still the latest.
     */
    private List<HtmlIndex.Day> indexedDays(Path outRoot, LocalDate written, int writtenVersion, Briefing writtenBriefing,
            Map<Store.DayVersion, HtmlIndex.Day> known) {
        List<HtmlIndex.Day> days = new ArrayList<>();
        for (Store.DayVersion v : store.latestVersions(LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31))) {
            String href = dayHref(v.day());
            if (!Files.isRegularFile(outRoot.resolve(href))) {
                continue;
            }
            HtmlIndex.Day row = known.get(v);
            if (row != null) {
                days.add(row); // an earlier day this run compared with, still at that version
                continue;
            }
            Briefing briefing = v.day().equals(written) && v.version() == writtenVersion ? writtenBriefing
                    : store.briefing(v.day(), v.version()).orElse(null);
            if (briefing != null) {
                days.add(HtmlIndex.Day.of(v.day(), href, briefing));
            }
        }
        return days;
    }

    /** A day's page as the index links to it. */
    private static String dayHref(LocalDate day) {
        return day + "/" + OutputWriter.BRIEFING_HTML;
    }

    private static RunRecord dailyRecord(RunRecord r, Window window, int earlierDays) {
        Map<String, Object> settings = new LinkedHashMap<>(r.settings());
        settings.put("day", window.day().toString());
        settings.put("since", window.since().toString());
        settings.put("earlierDaysCompared", earlierDays);
        return new RunRecord(TOOL, r.model(), r.host(), r.startedAt(), r.durationMs(), r.promptHashes(), settings,
                r.calls(), r.droppedCitations(), r.droppedItems(), r.warnings());
    }
}
