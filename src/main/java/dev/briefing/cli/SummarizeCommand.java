package dev.briefing.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.briefing.chunk.Chunk;
import dev.briefing.chunk.Chunker;
import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.llm.CallSettings;
import dev.briefing.llm.ModelInfo;
import dev.briefing.llm.StructuredCaller;
import dev.briefing.llm.UsageMeter;
import dev.briefing.normalize.Article;
import dev.briefing.pipeline.ArticleLoader;
import dev.briefing.pipeline.EngineConfig;
import dev.briefing.pipeline.Language;
import dev.briefing.pipeline.Progress;
import dev.briefing.prompt.PromptTemplate;
import dev.briefing.render.BriefingJson;
import dev.briefing.summarize.ArticleSummary;
import dev.briefing.summarize.KeyPoint;
import dev.briefing.summarize.Length;
import dev.briefing.summarize.Summarizer;
import dev.briefing.summarize.SummaryPrompt;
import dev.briefing.verify.Citation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** {@code briefing summarize}: one summary per article, key points with verified citations. */
final class SummarizeCommand implements Main.ParsedCommand {

    static Options options() {
        Options o = EngineSettings.options();
        o.addOption(Option.builder().longOpt("length").hasArg().argName("short|medium|long")
                .desc("a sentence, a paragraph or a page (default medium)").get());
        o.addOption(Option.builder().longOpt("lang").hasArg().argName("zh|zh-Hans|zh-Hant|en")
                .desc("language of the summary (default: each article's own); quotes stay verbatim").get());
        o.addOption(Option.builder().longOpt("json")
                .desc("print JSON: {article, title, summary, keyPoints[{text, citations}]}, an array for several "
                        + "articles").get());
        o.addOption(Option.builder().longOpt("bullets")
                .desc("print the key points as a Markdown bullet list, each with its quotes").get());
        o.addOption(Option.builder().longOpt("parallel").hasArg().argName("N")
                .desc("chunks summarized at once (default " + EngineConfig.DEFAULT_PARALLEL
                        + ", or OLLAMA_NUM_PARALLEL when set; match the server's)").get());
        o.addOption(Option.builder().longOpt("chunk-tokens").hasArg().argName("TOKENS")
                .desc("largest chunk of article text per call (default " + EngineConfig.DEFAULT_CHUNK_TOKENS
                        + "); longer articles are summarized part by part, then merged").get());
        o.addOption(Option.builder().longOpt("dry-run")
                .desc("print the prompts that would be sent and their token estimates; call nothing").get());
        o.addOption(Option.builder("q").longOpt("quiet").desc("no progress or warnings on stderr").get());
        o.addOption(Option.builder("v").longOpt("verbose")
                .desc("each dropped citation, stack traces and library logs on stderr").get());
        o.addOption(Option.builder("h").longOpt("help").desc("this help").get());
        return o;
    }

    @Override
    public int help(Io io) {
        return printHelp(io, "briefing summarize [options] PATH...",
                "Summarize each article: files, directories (recursively), or - for stdin.\n\n", options(),
                "\nExamples:\n  briefing summarize seeds/003_0abb118a677dbc7b.txt\n"
                        + "  cat article.txt | briefing summarize -\n"
                        + "  briefing summarize --length short --lang en seeds/\n"
                        + "  briefing summarize --dry-run seeds/                 show the prompts, call nothing\n"
                        + "\nOn a terminal the prose summary is shown as it is generated.\n"
                        + "\nExit codes: 0 ok, 1 an article could not be summarized (the others are printed), 2 usage "
                        + "or no readable article, 3 Ollama unreachable or model missing, 130 interrupted.");
    }

    @Override
    public Options optionSet() {
        return options();
    }

    @Override
    public int run(CommandLine line, Settings s, Io io) throws ParseException {
        Length length = Length.from(line.getOptionValue("length"));
        boolean json = line.hasOption("json");
        boolean bullets = line.hasOption("bullets");
        if (json && bullets) {
            throw BriefingException.usage("--json and --bullets do not combine: the JSON already lists the key points");
        }
        String model = s.get("model", "BRIEFING_MODEL", EngineConfig.DEFAULT_MODEL);
        EngineConfig config = EngineSettings.from(line, s, io, model);
        int timeout = s.integer("timeout", null, 300, 1, 86_400);
        boolean verbose = line.hasOption("verbose");
        List<String> inputs = line.getArgList().stream()
                .map(p -> p.equals("-") ? p : io.workDir().resolve(p).toString()).toList();
        Progress progress = io.progress(line.hasOption("quiet"));

        ArticleLoader.Loaded loaded = ArticleLoader.load(inputs, io.in(), io.workDir());
        WarningReport.print(loaded.warnings(), verbose, s.quiet(), io.err());
        Language.resolve(config.language(), loaded.articles());
        PromptTemplate chunkPrompt = config.prompts().get("summarize-chunk");
        PromptTemplate mergePrompt = config.prompts().get("summarize-merge");

        if (line.hasOption("dry-run")) {
            return dryRun(loaded.articles(), chunkPrompt, mergePrompt, config, length, io);
        }
        Backend backend = Hosts.backend(line, s, io, model, Duration.ofSeconds(timeout), progress);
        long startNanos = System.nanoTime();
        backend.server().ensureReachable();
        ModelInfo info = backend.server().show(model);
        int numCtx = Math.min(info.contextLength(), config.numCtx());
        if (config.numPredict() >= numCtx) {
            throw BriefingException.usage("the model's context (" + info.contextLength() + ") is too small for "
                    + "--num-predict " + config.numPredict(), "lower --num-predict");
        }
        CallSettings settings = new CallSettings(numCtx, config.numPredict(), config.temperature(), config.seed());
        UsageMeter meter = new UsageMeter();
        List<Article> articles = loaded.articles();
        List<List<Chunk>> chunksOf = new ArrayList<>();
        for (Article article : articles) {
            chunksOf.add(chunks(article, chunkPrompt, Language.resolve(config.language(), List.of(article)), length,
                    info.contextLength(), config));
        }
        // On a terminal stderr, one status line (chunks, time left, tokens, the file) stands in for the log.
        CallStatus status = CallStatus.summarize(chunksOf.stream().mapToInt(List::size).sum(), articles, progress,
                System::nanoTime);
        Summarizer summarizer = new Summarizer(new StructuredCaller(status.watch(backend.model()), config.retry(),
                meter), chunkPrompt, mergePrompt, settings, length, config.parallel(), progress);

        List<ArticleSummary> done = new ArrayList<>();
        int failed = 0;
        int droppedCitations = 0;
        int droppedPoints = 0;
        for (int i = 0; i < articles.size(); i++) {
            Article article = articles.get(i);
            Language language = Language.resolve(config.language(), List.of(article));
            List<Chunk> chunks = chunksOf.get(i);
            progress.step(null, String.format(Locale.ROOT, "[%d/%d] %s: %d chunk%s with %s", i + 1,
                    articles.size(), article.path(), chunks.size(), chunks.size() == 1 ? "" : "s", model));
            // On a terminal the prose summary appears as it is written; elsewhere it is printed whole.
            SummaryStream stream = io.terminal() && !json && !bullets
                    ? new SummaryStream(io, (done.isEmpty() ? "" : "\n") + "# " + article.title() + "\n\n") : null;
            ArticleSummary summary = summarizer.summarize(article, chunks, language.promptName(), stream);
            droppedCitations += summary.droppedCitations();
            droppedPoints += summary.droppedPoints();
            if (summary.droppedCitations() + summary.droppedPoints() > 0) {
                progress.line("warning: " + article.path() + ": verification removed " + summary.droppedCitations()
                        + " citations whose paragraph or quote was not in the source, and " + summary.droppedPoints()
                        + " key points left without a citation" + (verbose ? "" : " (-v for details)"));
            }
            for (String w : summary.warnings()) {
                boolean detail = w.startsWith("dropped ");
                if (verbose || !detail) {
                    progress.line("warning: " + w);
                }
            }
            if (!summary.ok()) {
                failed++;
                if (stream != null && stream.shownAny()) {
                    io.out().println();
                    io.out().flush();
                    io.err().println("warning: the text shown above for " + article.path() + " is void");
                }
                io.err().println("error: could not summarize " + article.path() + ": " + summary.failure());
                continue;
            }
            done.add(summary);
            if (stream != null) {
                stream.finish(summary.summary());
            } else if (!json) {
                io.out().print((done.size() > 1 ? "\n" : "") + (bullets ? bullets(summary) : prose(summary)));
                io.out().flush();
            }
        }
        status.end();
        if (json && (articles.size() > 1 || !done.isEmpty())) {
            io.out().print(json(done, articles.size() > 1) + "\n");
            io.out().flush();
        }
        progress.line(String.format(Locale.ROOT, "done in %.1fs: %d calls, %d prompt + %d completion tokens, "
                        + "%d citations and %d key points dropped%s", (System.nanoTime() - startNanos) / 1e9,
                meter.requests(), meter.promptTokens(), meter.completionTokens(), droppedCitations, droppedPoints,
                failed > 0 ? ", " + failed + " of " + articles.size() + " articles FAILED" : ""));
        if (failed > 0) {
            io.err().println("error: " + failed + " of " + articles.size() + " articles could not be summarized; "
                    + "rerun, or try a smaller --chunk-tokens");
            return ExitCode.INCOMPLETE.code();
        }
        return ExitCode.OK.code();
    }

    /**
     * Shows the summary of a streamed reply as it is decoded: the header once text arrives, then
     * the text, holding back surrounding whitespace so that what is shown is exactly the start
     * of the final, trimmed summary.
     */
    static final class SummaryStream implements StructuredCaller.Stream {
        private final Io io;
        private final String header;
        private final StringBuilder reply = new StringBuilder();
        private boolean headerShown;
        private String shown = "";

        SummaryStream(Io io, String header) {
            this.io = io;
            this.header = header;
        }

        boolean shownAny() {
            return headerShown;
        }

        @Override
        public void text(String piece) {
            reply.append(piece);
            String text = dev.briefing.llm.PartialJson.of(reply).string("summary")
                    .map(dev.briefing.llm.PartialJson.PartialString::text).orElse("").strip();
            if (text.length() > shown.length() && text.startsWith(shown)) {
                show(text.substring(shown.length()));
                shown = text;
            }
        }

        @Override
        public void restart(String reason) {
            reply.setLength(0);
            if (!shown.isEmpty()) {
                io.out().println();
                io.out().flush();
                io.err().println("warning: " + reason + "; the summary below replaces the text above");
                headerShown = false;
            }
            shown = "";
        }

        /** Completes the output with what was not shown yet; the whole summary again if what was shown differs. */
        void finish(String summary) {
            if (!summary.startsWith(shown)) {
                io.out().println();
                headerShown = false;
                shown = "";
            }
            show(summary.substring(shown.length()));
            io.out().print("\n");
            io.out().flush();
        }

        private void show(String text) {
            if (!headerShown) {
                io.out().print(header);
                headerShown = true;
            }
            io.out().print(text);
            io.out().flush();
        }
    }

    private static int dryRun(List<Article> articles, PromptTemplate chunkPrompt, PromptTemplate mergePrompt,
            EngineConfig config, Length length, Io io) {
        var out = io.out();
        out.println("# Dry run: nothing was sent");
        out.println();
        out.println("Assumed the model's context is at least num_ctx " + config.numCtx()
                + " (a real run reads it from the server).");
        CallSettings settings = new CallSettings(config.numCtx(), config.numPredict(), config.temperature(),
                config.seed());
        int total = 0;
        int calls = 0;
        for (Article article : articles) {
            Language language = Language.resolve(config.language(), List.of(article));
            List<Chunk> chunks = chunks(article, chunkPrompt, language, length, config.numCtx(), config);
            out.println();
            out.println("## " + article.path() + " (" + article.id() + "): " + chunks.size() + " chunk call"
                    + (chunks.size() == 1 ? "" : "s, then a merge call over their replies (prompt "
                    + mergePrompt.name() + ", not shown: it holds what the chunk calls return)"));
            for (Chunk chunk : chunks) {
                dev.briefing.llm.ModelRequest request = SummaryPrompt.chunkRequest(chunkPrompt, chunk,
                        language.promptName(), length, settings);
                total += request.estimatedPromptTokens();
                calls++;
                out.println();
                out.println("### summarize " + chunk.label() + ": ~" + request.estimatedPromptTokens()
                        + " prompt tokens, num_ctx " + request.numCtx() + ", num_predict " + request.numPredict());
                for (dev.briefing.llm.ChatTurn turn : request.messages()) {
                    out.println();
                    out.println("#### " + turn.role().name().toLowerCase(Locale.ROOT) + " (~"
                            + dev.briefing.chunk.TokenEstimator.estimate(turn.text()) + " tokens)");
                    out.println();
                    out.println(turn.text());
                }
            }
        }
        out.println();
        out.println("## Total: ~" + total + " prompt tokens in " + calls + " chunk calls; merge calls add the chunk "
                + "summaries.");
        return ExitCode.OK.code();
    }

    private static List<Chunk> chunks(Article article, PromptTemplate chunkPrompt, Language language, Length length,
            int contextLength, EngineConfig config) {
        int overhead = SummaryPrompt.overheadTokens(chunkPrompt, language.promptName(), length);
        return new Chunker(config.chunkBudget(contextLength, overhead)).chunk(article);
    }

    static String prose(ArticleSummary s) {
        return "# " + s.title() + "\n\n" + s.summary() + "\n";
    }

    static String bullets(ArticleSummary s) {
        StringBuilder out = new StringBuilder("# " + s.title() + "\n\n");
        if (s.keyPoints().isEmpty()) {
            out.append("(no key point survived verification)\n");
        }
        for (KeyPoint p : s.keyPoints()) {
            out.append("- ").append(p.text()).append(" (")
                    .append(p.citations().stream().map(c -> "P" + c.paragraph() + ": 「" + c.quote() + "」")
                            .collect(Collectors.joining("; ")))
                    .append(")\n");
        }
        return out.toString();
    }

    static String json(List<ArticleSummary> summaries, boolean array) {
        ObjectMapper mapper = BriefingJson.mapper();
        List<ObjectNode> nodes = new ArrayList<>();
        for (ArticleSummary s : summaries) {
            ObjectNode node = mapper.createObjectNode();
            node.put("article", s.article());
            node.put("title", s.title());
            node.put("summary", s.summary());
            ArrayNode points = node.putArray("keyPoints");
            for (KeyPoint p : s.keyPoints()) {
                ObjectNode point = points.addObject();
                point.put("text", p.text());
                ArrayNode citations = point.putArray("citations");
                for (Citation c : p.citations()) {
                    citations.addObject().put("article", c.article()).put("paragraph", c.paragraph())
                            .put("quote", c.quote());
                }
            }
            nodes.add(node);
        }
        JsonNode root;
        if (array) {
            ArrayNode all = mapper.createArrayNode();
            nodes.forEach(all::add);
            root = all;
        } else {
            if (nodes.size() != 1) {
                throw new IllegalArgumentException("one summary expected, got " + nodes.size());
            }
            root = nodes.get(0);
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write summary JSON", e);
        }
    }
}
