package dev.briefing.cli;

import dev.briefing.daily.DailyRun;
import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.pipeline.ArticleLoader;
import dev.briefing.pipeline.EngineConfig;
import dev.briefing.pipeline.Language;
import dev.briefing.pipeline.Progress;
import dev.briefing.render.OutputWriter;
import dev.briefing.render.MarkdownRenderer;
import dev.briefing.store.CacheAccounting;
import dev.briefing.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** {@code briefing daily}: the day's briefing over an inbox folder, with the store and call cache. */
final class DailyCommand implements Main.ParsedCommand {
    private static final DateTimeFormatter ISO_DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    static Options options() {
        Options o = EngineSettings.options();
        o.addOption(Option.builder().longOpt("inbox").hasArg().argName("DIR")
                .desc("the folder (or file) of articles; repeat for several").get());
        o.addOption(Option.builder().longOpt("date").hasArg().argName("YYYY-MM-DD")
                .desc("the day to brief (default today, UTC)").get());
        o.addOption(Option.builder().longOpt("since").hasArg().argName("YYYY-MM-DD")
                .desc("first earlier day whose articles are included and compared against (default the day before)")
                .get());
        o.addOption(Option.builder().longOpt("again")
                .desc("brief the day again even when nothing changed since its last version (the cache answers)")
                .get());
        o.addOption(Option.builder("o").longOpt("out").hasArg().argName("DIR")
                .desc("where the day folders go (default briefings/)").get());
        StoreFile.addOptions(o);
        o.addOption(Option.builder().longOpt("format").hasArg().argName("md|json")
                .desc("what stdout carries (default md)").get());
        o.addOption(Option.builder().longOpt("lang").hasArg().argName("zh|zh-Hans|zh-Hant|en")
                .desc("language of the briefing's prose (default: the articles'); quotes stay verbatim").get());
        o.addOption(Option.builder().longOpt("parallel").hasArg().argName("N")
                .desc("chunks mapped at once (default " + EngineConfig.DEFAULT_PARALLEL + ")").get());
        o.addOption(Option.builder().longOpt("chunk-tokens").hasArg().argName("TOKENS")
                .desc("largest chunk of article text per call (default " + EngineConfig.DEFAULT_CHUNK_TOKENS + ")")
                .get());
        o.addOption(Option.builder("q").longOpt("quiet").desc("no progress on stderr").get());
        o.addOption(Option.builder("v").longOpt("verbose").desc("stack traces and library logs on stderr").get());
        o.addOption(Option.builder("h").longOpt("help").desc("this help").get());
        return o;
    }

    @Override
    public int help(Io io) {
        return printHelp(io, "briefing daily --inbox DIR [options]",
                "The day's briefing over an inbox folder: writes briefings/<day>/{briefing.json,briefing.md,"
                        + "briefing.html,run.json} and briefings/index.html, "
                        + "marks events new or developing against earlier days, and answers every model call it has "
                        + "answered before from the store's cache.\n\n", options(),
                "\nExamples:\n  briefing daily --inbox news/\n  briefing daily --inbox news/ --date 2026-11-22\n"
                        + "  briefing daily --inbox news/ --since 2026-11-16    a week's articles, compared with the "
                        + "week\n\nExit codes: 0 ok, 1 incomplete, 2 usage, no article for the day, or an unusable "
                        + "store, 3 Ollama unreachable or model missing, 130 interrupted.");
    }

    @Override
    public Options optionSet() {
        return options();
    }

    @Override
    public int run(CommandLine line, Settings s, Io io) throws ParseException {
        String format = s.choice("format", "md", "md", "json");
        LocalDate today = LocalDate.ofInstant(io.clock().instant(), java.time.ZoneOffset.UTC);
        LocalDate day = line.hasOption("date") ? day("--date", line.getOptionValue("date")) : today;
        if (day.isAfter(today.plusDays(FUTURE_MARGIN_DAYS))) {
            // A day ahead would mark every inbox article first seen then, and hide it from the real days.
            throw BriefingException.usage("--date " + day + " is after today (" + today + ", UTC); a day at most "
                    + FUTURE_MARGIN_DAYS + " ahead is taken, for time zones ahead of UTC", "leave out --date to brief "
                    + "today, or give a past day such as --date " + today.minusDays(1));
        }
        LocalDate since = line.hasOption("since") ? day("--since", line.getOptionValue("since")) : null;
        DailyRun.Window window = DailyRun.Window.of(day, since);
        String[] inboxes = line.getOptionValues("inbox");
        if (inboxes == null || inboxes.length == 0) {
            throw BriefingException.usage("daily needs --inbox DIR: the folder the day's articles are in",
                    "e.g. briefing daily --inbox news/");
        }
        if (!line.getArgList().isEmpty()) {
            throw BriefingException.usage("unexpected argument '" + line.getArgList().get(0) + "'",
                    "name the article folder with --inbox");
        }
        String model = s.get("model", "BRIEFING_MODEL", EngineConfig.DEFAULT_MODEL);
        EngineConfig config = EngineSettings.from(line, s, io, model);
        int timeout = s.integer("timeout", null, 300, 1, 86_400);
        Progress progress = io.progress(line.hasOption("quiet"));
        Path outRoot = io.workDir().resolve(s.get("out", null, "briefings")).toAbsolutePath().normalize();

        List<String> inputs = List.of(inboxes).stream().map(p -> io.workDir().resolve(p).toString()).toList();
        // The server is checked while the inbox is read (cli.ServerCheckAhead).
        Backend backend = ServerCheckAhead.of(Hosts.backend(line, s, io, model, Duration.ofSeconds(timeout), progress),
                model);
        ArticleLoader.Loaded loaded = ArticleLoader.load(inputs, io.in(), io.workDir());
        Language.resolve(config.language(), loaded.articles());

        Path dbFile = StoreFile.resolve(s, io);
        // A run that cannot reach the server creates no store.
        backend.server().ensureReachable();
        try (Store store = Store.open(dbFile)) {
            DailyRun.Result result = new DailyRun(config, backend.model(), backend.server(), store, progress,
                    io.clock()).run(loaded, window, outRoot, line.hasOption("again"));
            boolean json = format.equals("json");
            Stdout.print(io.out(), OutputWriter.Content.copyOf(result.written().dir().resolve(json ? OutputWriter.BRIEFING_JSON
                    : OutputWriter.BRIEFING_MD), json ? OutputWriter.json(result.briefing())
                    : out -> MarkdownRenderer.write(result.briefing(), out)));
            Path dir = result.written().dir();
            if (result.unchanged()) {
                progress.line("unchanged since version " + result.version() + " of " + day + ": the same articles, "
                        + "settings, prompts, model and earlier days; nothing sent or rewritten, its files are in "
                        + StoreFile.shown(dir, io) + " (--again briefs it anew)");
                return BriefCommand.report(result.briefing(), line, s, io, null);
            }
            progress.line(CacheAccounting.line(result.counts()));
            progress.line("wrote " + StoreFile.shown(dir, io) + "/{" + String.join(",", result.written().files())
                    + "} (version " + result.version() + " of " + day
                    + (result.written().previous() == null ? ""
                            : "; the version before is in " + StoreFile.shown(result.written().previous(), io))
                    + ")");
            if (Thread.interrupted()) {
                // Ctrl-C while the files were written: writes do not stop on an interrupt, so all are there.
                io.err().println("interrupted: the briefing was already written");
                return ExitCode.INTERRUPTED.code();
            }
            return BriefCommand.report(result.briefing(), line, s, io,
                    "run the same command again: only the failed calls are sent again");
        }
    }

    /** Days after today (UTC) a --date may name: where it is already tomorrow, local today is UTC's tomorrow. */
    static final int FUTURE_MARGIN_DAYS = 1;

    /** A day exactly as YYYY-MM-DD, a real calendar day; anything else is refused before any path is built. */
    static LocalDate day(String option, String value) {
        if (value == null || !value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw BriefingException.usage(option + " takes a day as YYYY-MM-DD, got '" + value + "'",
                    "e.g. " + option + " 2026-11-22");
        }
        try {
            return LocalDate.parse(value, ISO_DAY);
        } catch (DateTimeParseException e) {
            throw BriefingException.usage(option + " " + value + " is not a calendar day", "e.g. " + option
                    + " 2026-11-22");
        }
    }
}
