package dev.briefing.cli;

import dev.briefing.ask.Answer;
import dev.briefing.ask.AnswerSentence;
import dev.briefing.ask.Asker;
import dev.briefing.ask.Conversation;
import dev.briefing.embed.BgeSmallZhEmbedder;
import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.error.ModelCallException;
import dev.briefing.llm.CallRecord;
import dev.briefing.llm.CallSettings;
import dev.briefing.llm.ModelInfo;
import dev.briefing.llm.StructuredCaller;
import dev.briefing.llm.UsageMeter;
import dev.briefing.pipeline.ArticleLoader;
import dev.briefing.pipeline.EngineConfig;
import dev.briefing.pipeline.Language;
import dev.briefing.pipeline.Progress;
import dev.briefing.reduce.AliasTable;
import dev.briefing.retrieve.PassageIndex;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * {@code briefing ask}: a question answered from the articles, each sentence citing the
 * passages it rests on with verified quotes; with no question, a session reading questions
 * from stdin, where follow-ups are read with the conversation so far.
 */
final class AskCommand implements Main.ParsedCommand {
    static final int DEFAULT_K = 8;

    static Options options() {
        Options o = EngineSettings.options();
        o.addOption(Option.builder("k").hasArg().argName("N")
                .desc("passages retrieved and shown to the model (default " + DEFAULT_K + ")").get());
        o.addOption(Option.builder().longOpt("json")
                .desc("print JSON: {question, answer, answerable, sentences, citations, passages, run}; one object "
                        + "per line in a session").get());
        o.addOption(Option.builder().longOpt("lang").hasArg().argName("zh|zh-Hans|zh-Hant|en")
                .desc("language of the answer (default: the question's); quotes stay verbatim").get());
        o.addOption(DataDir.option());
        o.addOption(Option.builder().longOpt("dry-run")
                .desc("index the articles and print the prompts that would be sent, with the passages found; "
                        + "call no model").get());
        o.addOption(Option.builder("q").longOpt("quiet").desc("no progress or warnings on stderr").get());
        o.addOption(Option.builder("v").longOpt("verbose")
                .desc("the search queries, each dropped citation, stack traces and library logs on stderr").get());
        o.addOption(Option.builder("h").longOpt("help").desc("this help").get());
        return o;
    }

    @Override
    public int help(Io io) {
        return printHelp(io, "briefing ask [options] [QUESTION] PATH...",
                "Answer a question from articles (files or directories), citing them with verified quotes. "
                        + "Without a question (the first argument names an existing file or directory), read "
                        + "questions from stdin, one per line, with follow-ups; an empty line or end of input ends "
                        + "the session.\n\n", options(),
                "\nExamples:\n  briefing ask \"特朗普为何对普京转向强硬？\" seeds/\n"
                        + "  briefing ask --json \"What did Putin tell Trump on the October 16 call?\" seeds/\n"
                        + "  briefing ask seeds/\n"
                        + "  briefing ask --dry-run \"特朗普为何对普京转向强硬？\" seeds/   the passages and prompts, no call\n"
                        + "\nThe paragraphs are indexed under the data directory (--data-dir, BRIEFING_DATA_DIR, "
                        + "default $XDG_DATA_HOME/briefing, or ./.briefing/ where one exists) and the index follows the articles given.\n"
                        + "\nExit codes: 0 ok (also when the articles do not contain the answer), 1 the answer call "
                        + "failed, 2 usage or no readable article, 3 Ollama unreachable or model missing, 130 "
                        + "interrupted.");
    }

    @Override
    public Options optionSet() {
        return options();
    }

    @Override
    public int run(CommandLine line, Settings s, Io io) throws ParseException {
        int k = s.integer("k", null, DEFAULT_K, 1, 50);
        boolean json = line.hasOption("json");
        boolean verbose = line.hasOption("verbose");
        String model = s.get("model", "BRIEFING_MODEL", EngineConfig.DEFAULT_MODEL);
        EngineConfig config = EngineSettings.from(line, s, io, model);
        int timeout = s.integer("timeout", null, 300, 1, 86_400);
        Progress progress = io.progress(line.hasOption("quiet"));

        List<String> positional = line.getArgList();
        if (positional.isEmpty()) {
            throw BriefingException.usage("no articles: give a question and the article files or directories",
                    "e.g. briefing ask \"特朗普为何对普京转向强硬？\" seeds/");
        }
        boolean session = isPath(positional.get(0), io);
        String question = session ? null : positional.get(0);
        List<String> paths = session ? positional : positional.subList(1, positional.size());
        if (question != null && question.isBlank()) {
            throw BriefingException.usage("the question is empty");
        }
        if (paths.isEmpty()) {
            throw BriefingException.usage("no articles to ask about: name files or directories after the question",
                    "'" + positional.get(0) + "' is not a file or directory; if it is the question, add the articles");
        }
        if (session && paths.contains("-")) {
            throw BriefingException.usage("a session reads its questions from stdin, so the articles cannot come "
                    + "from '-'", "give the question as the first argument, or the articles as files");
        }
        List<String> inputs = paths.stream().map(p -> p.equals("-") ? p : io.workDir().resolve(p).toString()).toList();
        ArticleLoader.Loaded loaded = ArticleLoader.load(inputs, io.in(), io.workDir());
        WarningReport.print(loaded.warnings(), verbose, s.quiet(), io.err());
        if (line.hasOption("lang")) {
            Language.resolve(s.get("lang", null, null), loaded.articles());
        }

        if (line.hasOption("dry-run")) {
            if (session) {
                throw BriefingException.usage("--dry-run needs a question", "give the question as the first argument");
            }
            return dryRun(question, loaded, config, k, s, io, progress);
        }
        Backend backend = Hosts.backend(line, s, io, model, Duration.ofSeconds(timeout), progress);
        backend.server().ensureReachable();
        ModelInfo info = backend.server().show(model);
        int numCtx = Math.min(info.contextLength(), config.numCtx());
        if (config.numPredict() >= numCtx) {
            throw BriefingException.usage("the model's context (" + info.contextLength() + ") is too small for "
                    + "--num-predict " + config.numPredict(), "lower --num-predict");
        }
        CallSettings settings = new CallSettings(numCtx, config.numPredict(), config.temperature(), config.seed());

        Path indexDir = DataDir.resolve(s, io).resolve("index");
        long started = System.nanoTime();
        // On a terminal stderr, one status line says what is being done: indexing, searching, awaiting the answer.
        CallStatus status = CallStatus.ask(progress, System::nanoTime);
        status.stage("ask: indexing " + loaded.articles().size() + " article" + (loaded.articles().size() == 1 ? ""
                : "s"));
        try (PassageIndex index = PassageIndex.open(indexDir, BgeSmallZhEmbedder.shared(), progress::line)) {
            PassageIndex.SyncReport sync = index.sync(loaded.articles());
            status.end();
            reportSync(sync, loaded.articles().size(), started, progress);
            UsageMeter meter = new UsageMeter();
            Asker asker = new Asker(index, loaded.articles(), new StructuredCaller(status.watch(backend.model()),
                    config.retry(), meter), config.prompts().get("ask-query"), config.prompts().get("ask-answer"),
                    settings, AliasTable.bundled(), k);
            Session run = new Session(io, asker, meter, s.get("lang", null, null), loaded, json, verbose, progress,
                    model, k, status);
            if (!session) {
                run.answer(question, Conversation.empty(), false);
                return ExitCode.OK.code();
            }
            return run.interactive();
        }
    }

    private static int dryRun(String question, ArticleLoader.Loaded loaded, EngineConfig config, int k, Settings s,
            Io io, Progress progress) {
        Language language = config.language() != null ? Language.resolve(config.language(), loaded.articles())
                : Asker.languageOf(question);
        CallSettings settings = new CallSettings(config.numCtx(), config.numPredict(), config.temperature(),
                config.seed());
        long started = System.nanoTime();
        try (PassageIndex index = PassageIndex.open(DataDir.resolve(s, io).resolve("index"),
                BgeSmallZhEmbedder.shared(), progress::line)) {
            reportSync(index.sync(loaded.articles()), loaded.articles().size(), started, progress);
            Asker asker = new Asker(index, loaded.articles(), new StructuredCaller(new NoModel(), config.retry(),
                    new UsageMeter()), config.prompts().get("ask-query"), config.prompts().get("ask-answer"), settings,
                    AliasTable.bundled(), k);
            Asker.Plan plan = asker.plan(question, language.promptName());
            var out = io.out();
            out.println("# Dry run: nothing was sent");
            out.println();
            out.println("Assumed the model's context is at least num_ctx " + settings.numCtx()
                    + " (a real run reads it from the server).");
            if (plan.rewrite() != null) {
                out.println("The question is not Chinese: a real run first rewrites it into Chinese search queries "
                        + "(the request below) and searches with them too, so its passages may differ from these.");
                printRequest(out, "ask query rewrite", plan.rewrite());
            }
            out.println();
            out.println("Searched with: " + String.join(" | ", plan.queries()));
            printRequest(out, "ask answer over " + plan.passages().size() + " passages", plan.answer());
        }
        return ExitCode.OK.code();
    }

    private static void printRequest(java.io.PrintStream out, String title, dev.briefing.llm.ModelRequest request) {
        out.println();
        out.println("## " + title + ": ~" + request.estimatedPromptTokens() + " prompt tokens, num_ctx "
                + request.numCtx() + ", num_predict " + request.numPredict());
        for (dev.briefing.llm.ChatTurn turn : request.messages()) {
            out.println();
            out.println("### " + turn.role().name().toLowerCase(Locale.ROOT) + " (~"
                    + dev.briefing.chunk.TokenEstimator.estimate(turn.text()) + " tokens)");
            out.println();
            out.println(turn.text());
        }
    }

    /** The model of a dry run: planning never calls it. */
    private static final class NoModel implements dev.briefing.llm.LanguageModel {
        @Override
        public dev.briefing.llm.ModelReply chat(dev.briefing.llm.ModelRequest request) {
            throw new IllegalStateException("a dry run calls no model");
        }

        @Override
        public String modelName() {
            return "none";
        }
    }

    private static void reportSync(PassageIndex.SyncReport sync, int articles, long started, Progress progress) {
        if (sync.rebuiltBecause() != null) {
            progress.line("index rebuilt: " + sync.rebuiltBecause());
        }
        String changes = sync.touched() ? String.format(Locale.ROOT, " (%d added, %d changed, %d removed; %d "
                + "paragraphs indexed)", sync.added(), sync.changed(), sync.removed(), sync.paragraphsIndexed())
                : " (up to date)";
        progress.line(String.format(Locale.ROOT, "index: %d article%s%s in %.1fs", articles, articles == 1 ? "" : "s",
                changes, (System.nanoTime() - started) / 1e9));
    }

    private static boolean isPath(String arg, Io io) {
        if (arg.equals("-")) {
            return false;
        }
        try {
            return Files.exists(io.workDir().resolve(arg));
        } catch (java.nio.file.InvalidPathException notAPath) {
            return false;
        }
    }

    /** One command run: answers questions and prints them, keeping the conversation. */
    private static final class Session {
        private final Io io;
        private final Asker asker;
        private final UsageMeter meter;
        private final String lang;
        private final ArticleLoader.Loaded loaded;
        private final boolean json;
        private final boolean verbose;
        private final Progress progress;
        private final String model;
        private final int k;
        private final CallStatus status;

        Session(Io io, Asker asker, UsageMeter meter, String lang, ArticleLoader.Loaded loaded, boolean json,
                boolean verbose, Progress progress, String model, int k, CallStatus status) {
            this.status = status;
            this.io = io;
            this.asker = asker;
            this.meter = meter;
            this.lang = lang;
            this.loaded = loaded;
            this.json = json;
            this.verbose = verbose;
            this.progress = progress;
            this.model = model;
            this.k = k;
        }

        int interactive() {
            BufferedReader in = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
            Conversation conversation = Conversation.empty();
            int failed = 0;
            while (true) {
                io.err().print("? ");
                io.err().flush();
                String question;
                try {
                    question = in.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (question == null || question.isBlank()) {
                    break;
                }
                try {
                    Answer answer = answer(question.strip(), conversation, true);
                    conversation = conversation.with(answer.question(), AnswerOutput.remembered(answer));
                } catch (ModelCallException e) {
                    // One failed answer does not end the session; the exit code says it happened.
                    failed++;
                    io.err().println("error: " + e.getMessage());
                    io.err().println("  ask again, or rephrase the question");
                }
                if (!json) {
                    io.out().println();
                    io.out().flush();
                }
            }
            return failed > 0 ? ExitCode.INCOMPLETE.code() : ExitCode.OK.code();
        }

        Answer answer(String question, Conversation conversation, boolean jsonLine) {
            Language language = lang != null ? Language.resolve(lang, loaded.articles()) : Asker.languageOf(question);
            int callsBefore = meter.calls().size();
            long started = System.nanoTime();
            Printer printer = json || !io.terminal() ? null : new Printer(io);
            status.begin("ask: searching the passages");
            Answer answer;
            try {
                answer = asker.ask(question, conversation, language.promptName(), printer);
            } finally {
                // Before the answer's lines, the closing line and the next "? " prompt.
                status.end();
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            List<CallRecord> calls = meter.calls().subList(callsBefore, meter.calls().size());
            if (verbose) {
                progress.line("queries: " + String.join(" | ", answer.queries()));
                answer.sentences().forEach(se -> se.problems().forEach(p -> progress.line("dropped citation: " + p)));
            }
            answer.warnings().forEach(w -> progress.line("warning: " + w));
            if (answer.unsupportedSentences() > 0) {
                progress.line("warning: " + answer.unsupportedSentences() + " sentence(s) marked " + AnswerOutput.UNSUPPORTED
                        + ": none of their quotes is in the passages they cite" + (verbose ? "" : " (-v for details)"));
            }
            if (json) {
                io.out().print(AnswerOutput.json(answer, language, calls, millis, model, k, jsonLine) + "\n");
            } else {
                int shown = printer == null ? 0 : printer.shown;
                io.out().print(AnswerOutput.text(answer, language, shown));
            }
            io.out().flush();
            progress.line(String.format(Locale.ROOT, "answered in %.1fs: %d calls, %d prompt + %d completion tokens, "
                            + "%d passages, %d citations dropped", millis / 1e3,
                    calls.stream().mapToInt(CallRecord::attempts).sum(),
                    calls.stream().mapToLong(CallRecord::promptTokens).sum(),
                    calls.stream().mapToLong(CallRecord::completionTokens).sum(), answer.passages().size(),
                    answer.droppedCitations()));
            return answer;
        }

    }

    /** Shows each verified sentence on a terminal as soon as it is complete. */
    private static final class Printer implements Asker.Listener {
        private final Io io;
        int shown;

        Printer(Io io) {
            this.io = io;
        }

        @Override
        public void sentence(AnswerSentence sentence) {
            io.out().print(AnswerOutput.sentenceLine(sentence));
            io.out().flush();
            shown++;
        }

        @Override
        public void restart(String reason) {
            if (shown > 0) {
                io.out().println();
                io.out().flush();
                io.err().println("warning: " + reason + "; the answer below replaces the lines above");
            }
            shown = 0;
        }
    }
}
