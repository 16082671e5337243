package dev.briefing.cli;

import dev.briefing.chunk.Chunk;
import dev.briefing.chunk.TokenEstimator;
import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.llm.ChatTurn;
import dev.briefing.llm.ModelRequest;
import dev.briefing.map.MapPrompt;
import dev.briefing.pipeline.ArticleLoader;
import dev.briefing.pipeline.BriefingEngine;
import dev.briefing.pipeline.EngineConfig;
import dev.briefing.pipeline.Language;
import dev.briefing.pipeline.Progress;
import dev.briefing.reduce.Briefing;
import dev.briefing.render.MarkdownRenderer;
import dev.briefing.render.OutputWriter;
import dev.briefing.store.CacheAccounting;
import dev.briefing.store.CachingLanguageModel;
import dev.briefing.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** {@code briefing brief}: articles in, briefing.json / .md / .html / run.json out. */
final class BriefCommand implements Main.ParsedCommand {
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'")
            .withZone(ZoneOffset.UTC);

    static Options options() {
        Options o = EngineSettings.options();
        o.addOption(Option.builder("o").longOpt("out").hasArg().argName("DIR")
                .desc("output directory (default briefings/<run>)").get());
        o.addOption(Option.builder().longOpt("format").hasArg().argName("md|json")
                .desc("what stdout carries (default md)").get());
        o.addOption(Option.builder().longOpt("lang").hasArg().argName("zh|zh-Hans|zh-Hant|en")
                .desc("language of the briefing's prose (default: the articles'); quotes stay verbatim").get());
        o.addOption(Option.builder().longOpt("parallel").hasArg().argName("N")
                .desc("chunks mapped at once (default " + EngineConfig.DEFAULT_PARALLEL
                        + ", or OLLAMA_NUM_PARALLEL when set; match the server's)").get());
        o.addOption(Option.builder().longOpt("chunk-tokens").hasArg().argName("TOKENS")
                .desc("largest chunk of article text per call (default " + EngineConfig.DEFAULT_CHUNK_TOKENS + ")")
                .get());
        o.addOption(Option.builder().longOpt("dry-run")
                .desc("print the prompts that would be sent and their token estimates; call nothing").get());
        o.addOption(Option.builder().longOpt("no-cache")
                .desc("send every call to the model; neither read nor write the call cache").get());
        StoreFile.addOptions(o);
        o.addOption(Option.builder("q").longOpt("quiet").desc("no progress on stderr").get());
        o.addOption(Option.builder("v").longOpt("verbose").desc("stack traces and library logs on stderr").get());
        o.addOption(Option.builder("h").longOpt("help").desc("this help").get());
        return o;
    }

    @Override
    public int help(Io io) {
        return printHelp(io, "briefing brief [options] PATH...",
                "Brief articles: files, directories (recursively), or - for stdin.\n\n", options(),
                "\nExamples:\n  briefing brief seeds/\n  briefing brief --format json --lang en seeds/a.txt seeds/b.txt\n"
                        + "  briefing brief --dry-run seeds/\n  briefing brief --no-cache seeds/    ask the model again\n\nExit codes: 0 ok, 1 incomplete, 2 usage or no readable "
                        + "article, 3 Ollama unreachable or model missing, 130 interrupted.");
    }

    @Override
    public Options optionSet() {
        return options();
    }

    @Override
    public int run(CommandLine line, Settings s, Io io) throws ParseException {
        String format = s.choice("format", "md", "md", "json");
        String model = s.get("model", "BRIEFING_MODEL", EngineConfig.DEFAULT_MODEL);
        EngineConfig config = EngineSettings.from(line, s, io, model);
        int timeout = s.integer("timeout", null, 300, 1, 86_400);
        List<String> inputs = line.getArgList().stream()
                .map(p -> p.equals("-") ? p : io.workDir().resolve(p).toString()).toList();
        Progress progress = io.progress(line.hasOption("quiet"));

        // The server is checked while the articles are read; a dry run sends nothing, so it makes
        // its backend after reading, as before, and checks nothing.
        boolean dryRun = line.hasOption("dry-run");
        Backend backend = dryRun ? null
                : ServerCheckAhead.of(Hosts.backend(line, s, io, model, Duration.ofSeconds(timeout), progress), model);
        ArticleLoader.Loaded loaded = ArticleLoader.load(inputs, io.in(), io.workDir());
        Language.resolve(config.language(), loaded.articles());

        if (dryRun) {
            backend = Hosts.backend(line, s, io, model, Duration.ofSeconds(timeout), progress);
            WarningReport.print(loaded.warnings(), line.hasOption("verbose"), s.quiet(), io.err());
            BriefingEngine engine = new BriefingEngine(config, backend.model(), backend.server(), progress, io.clock());
            return dryRun(engine, loaded, config, io);
        }
        BriefingEngine.Outcome outcome;
        if (line.hasOption("no-cache")) {
            outcome = new BriefingEngine(config, backend.model(), backend.server(), progress, io.clock())
                    .rehearsingWith(renderRehearsal(loaded)).brief(loaded.articles(), loaded.warnings());
        } else {
            // The cache makes a rerun after a failed chunk send only that chunk's call (and the synthesis).
            // A run that cannot reach the server leaves no cache file behind.
            backend.server().ensureReachable();
            try (Store store = Store.open(StoreFile.callCache(s, io))) {
                CachingLanguageModel caching = new CachingLanguageModel(backend.model(), store);
                outcome = new BriefingEngine(config, caching, backend.server(), progress, io.clock())
                        .rehearsingWith(renderRehearsal(loaded)).brief(loaded.articles(), loaded.warnings());
                outcome = CacheAccounting.apply(outcome, caching.counts());
                progress.line(CacheAccounting.line(caching.counts()));
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            throw BriefingEngine.interrupted("the briefing was ready", null);
        }
        String out = s.get("out", null, null);
        Path dir = out != null ? io.workDir().resolve(out)
                : freshRunDir(io.workDir().resolve("briefings"), RUN_ID.format(outcome.record().startedAt()));
        OutputWriter.writeAll(dir, outcome.briefing(), outcome.record(), loaded.articles());
        Briefing briefing = outcome.briefing();
        boolean json = format.equals("json");
        Stdout.print(io.out(), OutputWriter.Content.copyOf(dir.resolve(json ? OutputWriter.BRIEFING_JSON
                : OutputWriter.BRIEFING_MD), json ? OutputWriter.json(briefing) : w -> MarkdownRenderer.write(briefing, w)));
        progress.line("wrote " + io.workDir().relativize(dir.toAbsolutePath()) + "/{briefing.json,briefing.md,briefing.html,run.json}");
        if (Thread.interrupted()) {
            // Ctrl-C while the files were written: writes do not stop on an interrupt, so all are there.
            io.err().println("interrupted: the briefing was already written");
            return ExitCode.INTERRUPTED.code();
        }
        return report(outcome.briefing(), line, s, io, null);
    }

    /** The files' render, run once on the engine's draft while the synthesis is out. */
    private static java.util.function.Consumer<BriefingEngine.Outcome> renderRehearsal(ArticleLoader.Loaded loaded) {
        return draft -> OutputWriter.rehearse(draft.briefing(), draft.record(), loaded.articles());
    }

    /**
     * The run's warnings, grouped, then the line that says what the reader will miss; the exit
     * code: a briefing with failed parts or without a summary is incomplete (1).
     */
    static int report(dev.briefing.reduce.Briefing briefing, CommandLine line, Settings s, Io io, String rerunHint) {
        WarningReport.print(briefing.warnings(), line.hasOption("verbose"), s.quiet(), io.err());
        String last = WarningReport.finalLine(briefing, briefing.warnings());
        boolean incomplete = briefing.incomplete() || WarningReport.summaryLost(briefing) != null;
        if (last != null && (incomplete || !s.quiet())) {
            io.err().println(last);
        }
        if (incomplete) {
            if (rerunHint != null && briefing.incomplete()) {
                io.err().println("  " + rerunHint);
            }
            return ExitCode.INCOMPLETE.code();
        }
        return ExitCode.OK.code();
    }

    private static Path freshRunDir(Path parent, String runId) {
        Path dir = parent.resolve(runId);
        for (int i = 2; Files.exists(dir); i++) {
            dir = parent.resolve(runId + "-" + i);
        }
        return dir;
    }

    private static int dryRun(BriefingEngine engine, ArticleLoader.Loaded loaded, EngineConfig config, Io io) {
        BriefingEngine.Plan plan = engine.plan(loaded.articles(), config.numCtx());
        var out = io.out();
        out.println("# Dry run: nothing was sent");
        out.println();
        out.println("Assumed the model's context is at least num_ctx " + plan.settings().numCtx()
                + " (a real run reads it from the server). Chunks hold up to " + plan.chunkTokens()
                + " tokens of article text; " + plan.chunks().size() + " map calls, then 1 synthesis call.");
        int total = 0;
        for (Chunk chunk : plan.chunks()) {
            if (Thread.currentThread().isInterrupted()) {
                // Printing does not notice Ctrl-C by itself, and 5,000 articles print for a while.
                out.flush();
                throw new BriefingException(ExitCode.INTERRUPTED, "interrupted: printed " + plan.chunks().indexOf(chunk)
                        + " of " + plan.chunks().size() + " prompts", null);
            }
            ModelRequest request = MapPrompt.request(config.prompts().get("map-chunk"), chunk,
                    plan.language().promptName(), plan.yearsByArticle().get(chunk.articleId()), plan.settings());
            total += request.estimatedPromptTokens();
            out.println();
            out.println("## map " + chunk.label() + ": ~" + request.estimatedPromptTokens() + " prompt tokens, "
                    + "num_ctx " + request.numCtx() + ", num_predict " + request.numPredict());
            for (ChatTurn turn : request.messages()) {
                out.println();
                out.println("### " + turn.role().name().toLowerCase(Locale.ROOT) + " (~"
                        + TokenEstimator.estimate(turn.text()) + " tokens)");
                out.println();
                out.println(turn.text());
            }
        }
        out.println();
        out.println("## Total: ~" + total + " prompt tokens for the map step; the synthesis call adds its notes.");
        return ExitCode.OK.code();
    }
}
