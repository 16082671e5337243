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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** {@code briefing summarize}: one summary per article, key points with verified citations. */
final class SummarizeCommand implements Main.Command {

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
        o.addOption(Option.builder("q").longOpt("quiet").desc("no progress or warnings on stderr").get());
        o.addOption(Option.builder("v").longOpt("verbose")
                .desc("each dropped citation, stack traces and library logs on stderr").get());
        o.addOption(Option.builder("h").longOpt("help").desc("this help").get());
        return o;
    }

    @Override
    public int help(Io io) {
        StringWriter text = new StringWriter();
        new HelpFormatter().printHelp(new PrintWriter(text), 100, "briefing summarize [options] PATH...",
                "Summarize each article: files, directories (recursively), or - for stdin.\n\n", options(), 2, 4,
                "\nExamples:\n  briefing summarize seeds/003_0abb118a677dbc7b.txt\n"
                        + "  cat article.txt | briefing summarize -\n"
                        + "  briefing summarize --length short --lang en seeds/\n"
                        + "\nExit codes: 0 ok, 1 an article could not be summarized (the others are printed), 2 usage "
                        + "or no readable article, 3 Ollama unreachable or model missing, 130 interrupted.");
        io.out().print(text);
        return ExitCode.OK.code();
    }

    @Override
    public int run(String[] args, Io io) throws ParseException {
        CommandLine line = new DefaultParser().parse(options(), args);
        if (line.hasOption("help")) {
            return help(io);
        }
        Settings s = new Settings(line, io.env());
        Length length = Length.from(line.getOptionValue("length"));
        boolean json = line.hasOption("json");
        boolean bullets = line.hasOption("bullets");
        if (json && bullets) {
            throw BriefingException.usage("--json and --bullets do not combine: the JSON already lists the key points");
        }
        String host = s.get("host", "OLLAMA_HOST", null);
        String model = s.get("model", "BRIEFING_MODEL", EngineConfig.DEFAULT_MODEL);
        EngineConfig config = EngineSettings.from(line, s, io, model);
        int timeout = s.integer("timeout", null, 300, 1, 86_400);
        boolean verbose = line.hasOption("verbose");
        List<String> inputs = line.getArgList().stream()
                .map(p -> p.equals("-") ? p : io.workDir().resolve(p).toString()).toList();
        Progress progress = line.hasOption("quiet") ? Progress.silent() : Progress.to(io.err());

        ArticleLoader.Loaded loaded = ArticleLoader.load(inputs, io.in(), io.workDir());
        loaded.warnings().forEach(w -> progress.line("warning: " + w));
        Language.resolve(config.language(), loaded.articles());
        PromptTemplate chunkPrompt = config.prompts().get("summarize-chunk");
        PromptTemplate mergePrompt = config.prompts().get("summarize-merge");

        Backend backend = io.backends().create(host, model, Duration.ofSeconds(timeout));
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
        Summarizer summarizer = new Summarizer(new StructuredCaller(backend.model(), config.retry(), meter),
                chunkPrompt, mergePrompt, settings, length, config.parallel(), progress);

        List<Article> articles = loaded.articles();
        List<ArticleSummary> done = new ArrayList<>();
        int failed = 0;
        int droppedCitations = 0;
        int droppedPoints = 0;
        for (int i = 0; i < articles.size(); i++) {
            Article article = articles.get(i);
            Language language = Language.resolve(config.language(), List.of(article));
            List<Chunk> chunks = chunks(article, chunkPrompt, language, length, info.contextLength(), config);
            progress.line(String.format(Locale.ROOT, "[%d/%d] %s: %d chunk%s with %s", i + 1, articles.size(),
                    article.path(), chunks.size(), chunks.size() == 1 ? "" : "s", model));
            ArticleSummary summary = summarizer.summarize(article, chunks, language.promptName());
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
                io.err().println("error: could not summarize " + article.path() + ": " + summary.failure());
                continue;
            }
            done.add(summary);
            if (!json) {
                io.out().print((done.size() > 1 ? "\n" : "") + (bullets ? bullets(summary) : prose(summary)));
                io.out().flush();
            }
        }
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
