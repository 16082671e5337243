package dev.briefing.summarize;

import dev.briefing.chunk.Chunk;
import dev.briefing.error.ModelCallException;
import dev.briefing.llm.CallSettings;
import dev.briefing.llm.ModelRequest;
import dev.briefing.llm.StructuredCaller;
import dev.briefing.normalize.Article;
import dev.briefing.pipeline.Parallel;
import dev.briefing.pipeline.Progress;
import dev.briefing.prompt.PromptTemplate;
import dev.briefing.verify.Citation;
import dev.briefing.verify.CitationVerifier;
import dev.briefing.verify.PromptEcho;
import dev.briefing.verify.CitationVerifier.Claimed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Summarizes one article, map-reduce style: one structured call per chunk (summary and key
 * points with citations, verified against that chunk's paragraphs), then, for an article of
 * more than one chunk, one merge call over the chunks' summaries whose key points point at
 * the chunks' key points by id ({@code k3}) and so carry only citations already verified.
 * An article is never truncated: every chunk is read, and the merge sees every chunk.
 */
public final class Summarizer {
    static final int CITATIONS_PER_POINT = 4;
    private final StructuredCaller caller;
    private final PromptTemplate chunkPrompt;
    private final PromptTemplate mergePrompt;
    /** Text copied from either prompt's instructions is an injection at work, never a summary. */
    private final PromptEcho echo;
    private final CallSettings settings;
    private final Length length;
    private final int parallel;
    private final Progress progress;

    public Summarizer(StructuredCaller caller, PromptTemplate chunkPrompt, PromptTemplate mergePrompt,
            CallSettings settings, Length length, int parallel, Progress progress) {
        this.caller = Objects.requireNonNull(caller, "caller");
        this.chunkPrompt = Objects.requireNonNull(chunkPrompt, "chunkPrompt");
        this.mergePrompt = Objects.requireNonNull(mergePrompt, "mergePrompt");
        this.echo = PromptEcho.of(chunkPrompt.system(), mergePrompt.system());
        this.settings = Objects.requireNonNull(settings, "settings");
        this.length = Objects.requireNonNull(length, "length");
        this.progress = Objects.requireNonNull(progress, "progress");
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1: " + parallel);
        }
        this.parallel = parallel;
        if (chunkPrompt.schema() == null || mergePrompt.schema() == null) {
            throw new IllegalArgumentException("summarize prompts need their schema files");
        }
    }

    /**
     * A stretch of the article as the merge call reads it: one chunk, or several already
     * merged, with its summary and its verified key points.
     *
     * @param first first paragraph it covers
     * @param last  last paragraph it covers
     */
    record Part(int first, int last, String summary, List<KeyPoint> points) {
        Part {
            points = List.copyOf(points);
        }

        String range() {
            return first == last ? "P" + first : "P" + first + " to P" + last;
        }
    }

    /** What one chunk's call gave: its part, or why it failed. */
    record ChunkOutcome(Chunk chunk, Part part, int droppedCitations, int droppedPoints, List<String> warnings,
            String failure) {
    }

    private record ChunkReply(String summary, List<Point> keyPoints) {
        record Point(String text, List<Cited> citations) {
        }

        record Cited(int paragraph, String quote) {
        }
    }

    private record MergeReply(String summary, List<Point> keyPoints) {
        record Point(String text, List<String> sources) {
        }
    }

    /** Counts and warnings gathered over one article. */
    private static final class Tally {
        final List<String> warnings = new ArrayList<>();
        int droppedCitations;
        int droppedPoints;
    }

    /**
     * @param chunks   the article's chunks, in order (from {@link dev.briefing.chunk.Chunker})
     * @param language the language of the summary's prose, as the prompt names it
     * @return never throws for a failed call (the failure is in the result); server loss propagates
     */
    public ArticleSummary summarize(Article article, List<Chunk> chunks, String language) {
        return summarize(article, chunks, language, null);
    }

    /**
     * As above, streaming the call that writes the article's final summary (the one chunk's
     * call, or the last merge) to {@code finalCall} as it is generated; null: not streamed.
     */
    public ArticleSummary summarize(Article article, List<Chunk> chunks, String language,
            StructuredCaller.Stream finalCall) {
        Objects.requireNonNull(article, "article");
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException("article " + article.id() + " has no chunks");
        }
        List<ChunkOutcome> outcomes = chunks.size() == 1
                ? List.of(timed(chunks.get(0), language, finalCall)) : readChunks(chunks, language);
        Tally tally = new Tally();
        List<String> failures = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        for (ChunkOutcome o : outcomes) {
            tally.warnings.addAll(o.warnings());
            tally.droppedCitations += o.droppedCitations();
            tally.droppedPoints += o.droppedPoints();
            if (o.failure() != null) {
                failures.add(o.chunk().label() + ": " + o.failure());
            } else {
                parts.add(o.part());
            }
        }
        if (!failures.isEmpty()) {
            // A summary that silently skips part of the article is not a summary of it.
            return result(article, chunks.size(), "", List.of(), tally, "chunk failed: " + String.join("; ", failures));
        }
        if (parts.size() == 1) {
            return result(article, 1, parts.get(0).summary(), parts.get(0).points(), tally, null);
        }
        try {
            Part whole = reduce(article, parts, language, tally, finalCall);
            return result(article, chunks.size(), whole.summary(), whole.points(), tally,
                    whole.summary().isEmpty() ? "the merge reply has an empty summary" : null);
        } catch (ModelCallException e) {
            return result(article, chunks.size(), "", List.of(), tally, "merge failed: " + e.getMessage());
        }
    }

    private static ArticleSummary result(Article article, int chunks, String summary, List<KeyPoint> points,
            Tally tally, String failure) {
        return new ArticleSummary(article.id(), article.title(), article.path(), summary, points, chunks,
                tally.droppedCitations, tally.droppedPoints, tally.warnings, failure);
    }

    public ModelRequest chunkRequest(Chunk chunk, String language) {
        return SummaryPrompt.chunkRequest(chunkPrompt, chunk, language, length, settings);
    }

    /** The final merge over these parts (the last step for an article whose parts fit one window). */
    ModelRequest mergeRequest(Article article, List<Part> parts, String language) {
        return SummaryPrompt.mergeRequest(mergePrompt, article.id(), parts.size(), partsText(parts), language,
                length.instruction(), length.maxPoints(), settings);
    }

    private ModelRequest groupRequest(Article article, List<Part> parts, String language) {
        return SummaryPrompt.mergeRequest(mergePrompt, article.id() + " " + parts.get(0).first() + "-"
                        + parts.get(parts.size() - 1).last(), parts.size(), partsText(parts), language,
                SummaryPrompt.PART_INSTRUCTION, SummaryPrompt.PART_POINTS, settings);
    }

    private static boolean fits(ModelRequest request) {
        return request.estimatedPromptTokens() + request.numPredict() <= request.numCtx();
    }

    /**
     * Merges the parts into one. When their summaries do not fit one window, neighbouring
     * parts are merged in groups that do, and the groups merged again: a tree, never a cut.
     */
    private Part reduce(Article article, List<Part> parts, String language, Tally tally,
            StructuredCaller.Stream finalCall) {
        List<Part> level = parts;
        while (true) {
            ModelRequest request = mergeRequest(article, level, language);
            if (fits(request) || level.size() <= 2) {
                if (!fits(request)) {
                    tally.warnings.add("merge of " + article.id() + " is estimated at "
                            + request.estimatedPromptTokens() + " prompt tokens, more than num_ctx "
                            + request.numCtx() + " leaves beside the reply; raise --num-ctx");
                }
                return merge(request, level, tally, article.id(), finalCall);
            }
            List<List<Part>> groups = groups(article, level, language);
            if (groups.size() == level.size()) {
                tally.warnings.add("merge of " + article.id() + ": not even two part summaries fit one window; "
                        + "merging all at once, raise --num-ctx");
                return merge(request, level, tally, article.id(), finalCall);
            }
            List<Part> next = new ArrayList<>();
            for (List<Part> group : groups) {
                next.add(group.size() == 1 ? group.get(0)
                        : merge(groupRequest(article, group, language), group, tally, article.id(), null));
            }
            progress.line(article.id() + ": merged " + level.size() + " parts into " + next.size());
            level = next;
        }
    }

    /** Consecutive groups of parts, each as large as one merge window holds. */
    private List<List<Part>> groups(Article article, List<Part> level, String language) {
        List<List<Part>> groups = new ArrayList<>();
        List<Part> current = new ArrayList<>();
        for (Part p : level) {
            current.add(p);
            if (current.size() > 1 && !fits(groupRequest(article, current, language))) {
                current.remove(current.size() - 1);
                groups.add(current);
                current = new ArrayList<>(List.of(p));
            }
        }
        groups.add(current);
        return groups;
    }

    private List<ChunkOutcome> readChunks(List<Chunk> chunks, String language) {
        return Parallel.mapInOrder(chunks, parallel, "summarize", chunk -> timed(chunk, language, null));
    }

    private ChunkOutcome timed(Chunk chunk, String language, StructuredCaller.Stream stream) {
        long t0 = System.nanoTime();
        ChunkOutcome outcome = read(chunk, language, stream);
        // A log line; a terminal's status line already shows the chunk (cli.CallStatus).
        progress.step(null, String.format(Locale.ROOT, "%s %.1fs%s", chunk.label(),
                (System.nanoTime() - t0) / 1e9, outcome.failure() != null ? " FAILED: " + outcome.failure()
                        : outcome.droppedCitations() > 0 ? ", " + outcome.droppedCitations()
                        + " citations dropped" : ""));
        return outcome;
    }

    private ChunkOutcome read(Chunk chunk, String language, StructuredCaller.Stream stream) {
        StructuredCaller.Result result;
        try {
            result = caller.call(chunkRequest(chunk, language), stream);
        } catch (ModelCallException e) {
            return new ChunkOutcome(chunk, null, 0, 0, List.of(), e.getMessage());
        }
        ChunkReply reply = StructuredCaller.as(result.value(), ChunkReply.class);
        return verify(chunk, reply, result.warnings(), echo);
    }

    private static ChunkOutcome verify(Chunk chunk, ChunkReply reply, List<String> callWarnings, PromptEcho echo) {
        List<String> warnings = new ArrayList<>(callWarnings);
        List<KeyPoint> points = new ArrayList<>();
        int droppedCitations = 0;
        int droppedPoints = 0;
        for (ChunkReply.Point p : orEmpty(reply.keyPoints())) {
            if (p.text() == null || p.text().isBlank()) {
                continue;
            }
            if (echo.echoes(p.text())) {
                droppedPoints++;
                warnings.add("dropped key point that repeated the model's instructions (" + chunk.label() + ")");
                continue;
            }
            List<Claimed> claimed = orEmpty(p.citations()).stream()
                    .map(c -> new Claimed(c.paragraph(), c.quote())).toList();
            CitationVerifier.Outcome outcome = CitationVerifier.verify(chunk, claimed);
            droppedCitations += outcome.dropped();
            outcome.problems().forEach(w -> warnings.add("dropped citation (" + chunk.label() + "): " + w));
            if (outcome.kept().isEmpty()) {
                droppedPoints++;
                warnings.add("dropped key point without a verified citation (" + chunk.label() + "): "
                        + p.text().strip());
                continue;
            }
            points.add(new KeyPoint(p.text().strip(), outcome.kept()));
        }
        String summary = reply.summary() == null ? "" : reply.summary().strip();
        if (summary.isEmpty()) {
            return new ChunkOutcome(chunk, null, droppedCitations, droppedPoints, warnings,
                    "the reply has an empty summary");
        }
        if (echo.echoes(summary)) {
            return new ChunkOutcome(chunk, null, droppedCitations, droppedPoints, warnings,
                    "the summary repeated the model's instructions (an instruction in the article?)");
        }
        int first = chunk.paragraphs().get(0).number();
        int last = chunk.paragraphs().get(chunk.paragraphs().size() - 1).number();
        return new ChunkOutcome(chunk, new Part(first, last, summary, points), droppedCitations, droppedPoints,
                warnings, null);
    }

    /**
     * One merge call over these parts; its key points are resolved through the ids
     * {@link #partsText} gave the parts' key points, so they carry only verified citations.
     *
     * @throws ModelCallException when the call gives no usable reply
     */
    private Part merge(ModelRequest request, List<Part> parts, Tally tally, String articleId,
            StructuredCaller.Stream stream) {
        StructuredCaller.Result result = caller.call(request, stream);
        tally.warnings.addAll(result.warnings());
        MergeReply reply = StructuredCaller.as(result.value(), MergeReply.class);
        Map<String, KeyPoint> byId = new LinkedHashMap<>();
        for (Part p : parts) {
            for (KeyPoint point : p.points()) {
                byId.put("k" + (byId.size() + 1), point);
            }
        }
        Set<String> unknown = new LinkedHashSet<>();
        List<KeyPoint> points = new ArrayList<>();
        for (MergeReply.Point p : orEmpty(reply.keyPoints())) {
            if (p.text() == null || p.text().isBlank()) {
                continue;
            }
            if (echo.echoes(p.text())) {
                tally.droppedPoints++;
                tally.warnings.add("dropped key point that repeated the model's instructions (" + articleId + ")");
                continue;
            }
            Set<Citation> cited = new LinkedHashSet<>();
            for (String id : orEmpty(p.sources())) {
                KeyPoint found = byId.get(id.strip().toLowerCase(Locale.ROOT));
                if (found == null) {
                    unknown.add(id);
                } else {
                    cited.addAll(found.citations());
                }
            }
            if (cited.isEmpty()) {
                tally.droppedPoints++;
                tally.warnings.add("dropped key point that pointed at no key point that exists (" + articleId + "): "
                        + p.text().strip());
            } else {
                points.add(new KeyPoint(p.text().strip(), cited.stream().limit(CITATIONS_PER_POINT).toList()));
            }
        }
        if (!unknown.isEmpty()) {
            tally.warnings.add("merge of " + articleId + " pointed at key points that do not exist, ignored: "
                    + String.join(", ", unknown));
        }
        String summary = reply.summary() == null ? "" : reply.summary().strip();
        if (echo.echoes(summary)) {
            tally.warnings.add("the merged summary of " + articleId + " repeated the model's instructions; dropped");
            summary = "";
        }
        return new Part(parts.get(0).first(), parts.get(parts.size() - 1).last(), summary, points);
    }

    /** The parts as a merge call reads them: every part, first to last, nothing cut; key points as k1, k2, ... */
    static String partsText(List<Part> parts) {
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            out.append("Part ").append(i + 1).append(" of ").append(parts.size()).append(" (").append(p.range())
                    .append(")\n").append("Summary: ").append(p.summary()).append('\n');
            for (KeyPoint point : p.points()) {
                out.append('k').append(next++).append(": ").append(point.text()).append('\n');
            }
            out.append('\n');
        }
        return out.toString().strip() + "\n";
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }
}
