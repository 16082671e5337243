package dev.briefing.cli;

import dev.briefing.error.ExitCode;
import dev.briefing.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** {@code briefing history}: the days briefed, from the store, one line each. */
final class HistoryCommand implements Main.ParsedCommand {

    static Options options() {
        Options o = new Options();
        StoreFile.addOptions(o);
        o.addOption(Option.builder().longOpt("json").desc("a JSON array, one object per day (the same fields)").get());
        o.addOption(Option.builder("v").longOpt("verbose").desc("stack traces on stderr").get());
        o.addOption(Option.builder("h").longOpt("help").desc("this help").get());
        return o;
    }

    @Override
    public int help(Io io) {
        return printHelp(io, "briefing history [--json] [--data-dir DIR | --db FILE]",
                "The days briefed by 'briefing daily', oldest first: articles, new articles, events, model calls sent"
                        + " and answered from the cache, versions, and whether the latest version is incomplete.\n\n",
                options(), "");
    }

    @Override
    public Options optionSet() {
        return options();
    }

    @Override
    public int run(CommandLine line, Settings s, Io io) throws ParseException {
        Path file = StoreFile.resolve(s, io);
        Optional<Store> opened = Store.openExisting(file);
        boolean json = line.hasOption("json");
        if (opened.isEmpty() && json) {
            io.out().println("[]");
            return ExitCode.OK.code();
        }
        if (opened.isEmpty()) {
            io.out().println("no days briefed yet: there is no store at " + StoreFile.shown(file, io)
                    + " (run 'briefing daily --inbox DIR')");
            return ExitCode.OK.code();
        }
        try (Store store = opened.get()) {
            List<Store.DaySummary> days = store.history();
            if (json) {
                io.out().println(json(days));
                return ExitCode.OK.code();
            }
            if (days.isEmpty()) {
                io.out().println("no days briefed yet in " + StoreFile.shown(file, io)
                        + " (run 'briefing daily --inbox DIR')");
                return ExitCode.OK.code();
            }
            io.out().println(String.format(Locale.ROOT, "%-10s  %8s  %4s  %6s  %5s  %6s  %8s  %s", "day", "articles",
                    "new", "events", "calls", "cached", "versions", "status"));
            for (Store.DaySummary d : days) {
                io.out().println(String.format(Locale.ROOT, "%-10s  %8d  %4d  %6d  %5d  %6d  %8d  %s", d.day(),
                        d.articles(), d.newArticles(), d.events(), d.calls(), d.cachedCalls(), d.versions(),
                        d.incomplete() ? "INCOMPLETE" : "complete"));
            }
            return ExitCode.OK.code();
        }
    }

    /** The table as JSON: a script reads the days without parsing columns. */
    static String json(List<Store.DaySummary> days) {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ArrayNode array = mapper.createArrayNode();
        for (Store.DaySummary d : days) {
            array.addObject().put("day", d.day().toString()).put("articles", d.articles())
                    .put("newArticles", d.newArticles()).put("events", d.events()).put("calls", d.calls())
                    .put("cachedCalls", d.cachedCalls()).put("versions", d.versions())
                    .put("model", d.model()).put("createdAt", d.createdAt().toString())
                    .put("incomplete", d.incomplete());
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
