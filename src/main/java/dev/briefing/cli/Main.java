package dev.briefing.cli;

import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * The command line: {@code briefing brief|summarize|ask|models|prompts}. The one place that maps
 * exceptions to messages and exit codes, and the only caller of System.exit.
 */
public final class Main {
    static final String USAGE = """
            briefing: cited, verified briefings from news articles, with a local Ollama model

            Usage:
              briefing brief [options] PATH...     brief articles (files, directories, or - for stdin)
              briefing summarize [options] PATH... one summary per article, key points with quotes
              briefing daily --inbox DIR [options] the day's briefing: briefings/<day>/, new vs developing
              briefing history                     the days briefed, with counts
              briefing ask [options] QUESTION PATH...  answer a question from the articles, with quotes
              briefing ask [options] PATH...       an interactive session: questions from stdin, follow-ups
              briefing models [--host URL]         list the models the Ollama server has
              briefing prompts list                list the prompt files
              briefing prompts show NAME           print a prompt file
              briefing help [COMMAND]              this text, or a command's options
              briefing completion bash|zsh         a shell completion script
              briefing --version                   version, commit and model defaults

            Examples:
              ollama pull qwen2.5:7b
              briefing brief seeds/                           writes briefings/<run>/, prints Markdown
              briefing brief --format json -o out/ seeds/     briefing.json on stdout, files in out/
              briefing brief --lang en --parallel 4 seeds/    English prose, quotes stay verbatim
              briefing brief --dry-run seeds/                 show the prompts, call nothing
              cat article.txt | briefing brief -
              briefing summarize --length short --lang en seeds/   a sentence per article, in English
              briefing summarize --bullets seeds/003_0abb118a677dbc7b.txt   key points with their quotes
              briefing daily --inbox news/                    writes briefings/<today>/, reuses cached calls
              briefing daily --inbox news/ --date 2026-11-22  brief a given day
              briefing ask "特朗普为何对普京转向强硬？" seeds/         a cited answer; sources with quotes
              briefing ask --json "What did Putin tell Trump on the October 16 call?" seeds/

            Settings: a flag wins over the environment (OLLAMA_HOST, BRIEFING_MODEL), which wins
            over the defaults (127.0.0.1:11434, qwen2.5:7b).

            Exit codes:
              0    ok
              1    the run failed or is incomplete (some chunks failed; the briefing says which;
                   summarize: an article could not be summarized, the others are printed)
              2    bad usage, no readable article, or a store this version cannot use
              3    the Ollama server is unreachable or the model is not pulled
              130  interrupted
            """;

    /** The commands, in the order the usage lists them (completion and did-you-mean use this list). */
    static final List<String> COMMANDS = List.of("brief", "summarize", "daily", "history", "ask", "models", "prompts",
            "help", "completion", "version");

    private Main() {
    }

    public static void main(String[] args) {
        // Asking and summarizing convert to simplified script early (retrieval folds the script).
        // A jar built with its copy of ICU's rules (normalize.HanKinds) needs no preparing; without
        // it, building ICU's tables takes a fifth of a second, begun now to overlap start-up. A
        // brief or a day needs them only to check the first reply: the engine starts them then.
        if (args.length > 0 && CONVERTS_EARLY.contains(args[0])) {
            dev.briefing.normalize.ChineseScript.prepareInBackground();
        }
        boolean verbose = Arrays.asList(args).contains("-v") || Arrays.asList(args).contains("--verbose");
        // LangChain4j logs through SLF4J; the user sees our one-line messages unless -v.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "off");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                StandardCharsets.UTF_8);
        SigintHandler.install(Thread.currentThread());
        int code = run(args, System.in, out, err, System.getenv(), Backends.FACTORY, Clock.systemUTC(),
                Path.of("").toAbsolutePath(), StdoutTerminal.detect(), StdoutTerminal.detectStderr());
        out.flush();
        err.flush();
        // Otherwise the exit waits a third of a second for the HTTP clients' idle selector threads.
        dev.briefing.llm.PlainHttp.stopSelectorsForExit();
        System.exit(code);
    }

    private static final java.util.Set<String> CONVERTS_EARLY = java.util.Set.of("summarize", "ask");

    /** Runs one command and returns its exit code; never exits the JVM. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
            Backend.Factory backends, Clock clock, Path workDir) {
        return run(args, in, out, err, env, backends, clock, workDir, false);
    }

    /** @param terminal stdout is a terminal (answers and summaries stream as they are generated) */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
            Backend.Factory backends, Clock clock, Path workDir, boolean terminal) {
        return run(args, in, out, err, env, backends, clock, workDir, terminal, false);
    }

    /**
     * @param terminal       stdout is a terminal (answers and summaries stream as they are generated)
     * @param stderrTerminal stderr is a terminal: progress is one status line redrawn in place
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
            Backend.Factory backends, Clock clock, Path workDir, boolean terminal, boolean stderrTerminal) {
        LiveStatus live = LiveStatus.forTerminal(out, err, terminal, stderrTerminal, env);
        if (live == null) {
            return run(args, new Io(in, out, err, env, backends.reportingTo(err, stderrTerminal), clock, workDir,
                    terminal, null));
        }
        try (live) {
            return run(args, new Io(in, live.out(), live.err(), env, backends.reportingTo(live.err(), true), clock,
                    workDir, terminal, live));
        }
    }

    private static int run(String[] args, Io io) {
        PrintStream out = io.out();
        PrintStream err = io.err();
        boolean verbose = Arrays.asList(args).contains("-v") || Arrays.asList(args).contains("--verbose");
        try {
            if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
                if (args.length > 1 && args[0].equals("help")) {
                    return command(args[1]).help(io);
                }
                out.print(USAGE);
                return ExitCode.OK.code();
            }
            if (args[0].equals("--version") || args[0].equals("-V")) {
                return new VersionCommand().run(new String[0], io);
            }
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            return command(args[0]).run(rest, io);
        } catch (BriefingException e) {
            // Ctrl-C is the user's choice, not an error: "interrupted: what was finished".
            err.println((e.exitCode() == ExitCode.INTERRUPTED ? "" : "error: ") + e.getMessage());
            if (e.hint() != null) {
                err.println("  " + e.hint());
            }
            if (verbose && e.getCause() != null) {
                e.printStackTrace(err);
            }
            return e.exitCode().code();
        } catch (ParseException e) {
            err.println("error: " + e.getMessage());
            err.println("  run 'briefing help " + args[0] + "' for its options");
            return ExitCode.USAGE.code();
        } catch (OutOfMemoryError e) {
            // What held the memory is unreachable once the stack has unwound to here, so saying
            // so (and what to do) still works; the model replies already received are cached.
            long heapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
            err.println("error: out of memory: this run needs more than Java's " + heapMb + " MB heap");
            err.println("  give it more (BRIEFING_JAVA_OPTS=-Xmx" + Math.max(1024, heapMb * 4) + "m briefing ...) "
                    + "and run the same command again: the model replies it already has are not asked for again");
            if (verbose) {
                e.printStackTrace(err);
            }
            return ExitCode.INCOMPLETE.code();
        } catch (RuntimeException e) {
            err.println("error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
            err.println("  this is a bug; run again with -v for the stack trace and report it");
            if (verbose) {
                e.printStackTrace(err);
            }
            return ExitCode.INCOMPLETE.code();
        }
    }

    private static Command command(String name) {
        return switch (name) {
            case "brief" -> new BriefCommand();
            case "summarize" -> new SummarizeCommand();
            case "ask" -> new AskCommand();
            case "models" -> new ModelsCommand();
            case "prompts" -> new PromptsCommand();
            case "daily" -> new DailyCommand();
            case "history" -> new HistoryCommand();
            case "completion" -> new CompletionCommand();
            case "version" -> new VersionCommand();
            case "help", "-h", "--help" -> new HelpCommand();
            default -> {
                String near = DidYouMean.nearest(name, COMMANDS);
                throw BriefingException.usage("unknown command '" + name + "'" + (near == null ? ""
                        : "; did you mean '" + near + "'?"), "commands: " + String.join(", ", COMMANDS)
                        + "; run 'briefing --help'");
            }
        };
    }

    /** A command's option set, or null for a command that parses its own words. */
    static Options optionsOf(String name) {
        return command(name) instanceof ParsedCommand parsed ? parsed.optionSet() : null;
    }

    /** {@code briefing help [COMMAND]}; {@code help help} says what help does. */
    static final class HelpCommand implements Command {
        @Override
        public int run(String[] args, Io io) {
            if (args.length > 0) {
                return command(args[0]).help(io);
            }
            io.out().print(USAGE);
            return ExitCode.OK.code();
        }

        @Override
        public int help(Io io) {
            io.out().println("usage: briefing help [COMMAND]");
            io.out().println("Without a command, the overview of every command; with one, its options and examples");
            io.out().println("(the same as 'briefing COMMAND --help'). Commands: " + String.join(", ", COMMANDS) + ".");
            return ExitCode.OK.code();
        }
    }

    /** An option no command has: the nearest one it does have, when the typed one looks like a typo of it. */
    static BriefingException unrecognized(String typed, Options options) {
        String name = typed.replaceFirst("^--?", "");
        int eq = name.indexOf('=');
        if (eq >= 0) {
            name = name.substring(0, eq);
        }
        List<String> longs = options.getOptions().stream().map(org.apache.commons.cli.Option::getLongOpt)
                .filter(java.util.Objects::nonNull).toList();
        String near = DidYouMean.nearest(name, longs);
        return BriefingException.usage("unknown option '" + typed + "'" + (near == null ? "" : "; did you mean '--"
                + near + "'?"), "run the command with --help for its options");
    }

    interface Command {
        int run(String[] args, Io io) throws ParseException;

        int help(Io io);

        /** Prints a command's help to stdout, in one layout for every command. */
        default int printHelp(Io io, String usage, String header, Options options,
                String footer) {
            StringWriter text = new StringWriter();
            new HelpFormatter().printHelp(new PrintWriter(text), 100, usage, header,
                    options, 2, 4, footer);
            io.out().print(text);
            return ExitCode.OK.code();
        }
    }

    /** A command whose arguments are options and paths: parsing, --help and settings done once, here. */
    interface ParsedCommand extends Command {
        Options optionSet();

        int run(CommandLine line, Settings settings, Io io) throws ParseException;

        @Override
        default int run(String[] args, Io io) throws ParseException {
            CommandLine line;
            try {
                line = new DefaultParser().parse(optionSet(), args);
            } catch (org.apache.commons.cli.UnrecognizedOptionException e) {
                throw unrecognized(e.getOption(), optionSet());
            }
            if (line.hasOption("help")) {
                return help(io);
            }
            return run(line, new Settings(line, io.env(), ConfigFile.read(Homes.of(io.env(), io.workDir()).config())), io);
        }
    }
}
