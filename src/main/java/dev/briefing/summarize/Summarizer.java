package dev.briefing.summarize;

import dev.briefing.chunk.Chunk;
import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.error.ModelCallException;
import dev.briefing.llm.CallSettings;
import dev.briefing.llm.ModelRequest;
import dev.briefing.llm.StructuredCaller;
import dev.briefing.normalize.Article;
import dev.briefing.pipeline.Progress;
import dev.briefing.prompt.PromptTemplate;
import dev.briefing.verify.Citation;
import dev.briefing.verify.CitationVerifier;
import dev.briefing.verify.CitationVerifier.Claimed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
    private final CallSettings settings;
    private final Length length;
    private final int parallel;
    private final Progress progress;

    public Summarizer(StructuredCaller caller, PromptTemplate chunkPrompt, PromptTemplate mergePrompt,
            CallSettings settings, Length length, int parallel, Progress progress) {
        this.caller = Objects.requireNonNull(caller, "caller");
        this.chunkPrompt = Objects.requireNonNull(chunkPrompt, "chunkPrompt");
        this.mergePrompt = Objects.requireNonNull(mergePrompt, "mergePrompt");
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

    /** A key point of one chunk, verified, with the id the merge call refers to it by. */
    record PartPoint(String id, KeyPoint point) {
    }

    /** What one chunk gave: its summary and verified key points, or why it failed. */
    record Part(Chunk chunk, String summary, List<PartPoint> points, int droppedCitations, int droppedPoints,
            List<String> warnings, String failure) {
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

    /**
     * @param chunks   the article's chunks, in order (from {@link dev.briefing.chunk.Chunker})
     * @param language the language of the summary's prose, as the prompt names it
     * @return never throws for a failed call (the failure is in the result); server loss propagates
     */
    public ArticleSummary summarize(Article article, List<Chunk> chunks, String language) {
        Objects.requireNonNull(article, "article");
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException("article " + article.id() + " has no chunks");
        }
        List<Part> parts = readParts(chunks, language);
        List<String> warnings = new ArrayList<>();
        int droppedCitations = 0;
        int droppedPoints = 0;
        List<String> failures = new ArrayList<>();
        for (Part p : parts) {
            warnings.addAll(p.warnings());
            droppedCitations += p.droppedCitations();
            droppedPoints += p.droppedPoints();
            if (p.failure() != null) {
                failures.add(p.chunk().label() + ": " + p.failure());
            }
        }
        if (!failures.isEmpty()) {
            // A summary that silently skips part of the article is not a summary of it.
            return new ArticleSummary(article.id(), article.title(), article.path(), "", List.of(), chunks.size(),
                    droppedCitations, droppedPoints, warnings, "chunk failed: " + String.join("; ", failures));
        }
        if (parts.size() == 1) {
            Part only = parts.get(0);
            return new ArticleSummary(article.id(), article.title(), article.path(), only.summary(),
                    only.points().stream().map(PartPoint::point).toList(), 1, droppedCitations, droppedPoints,
                    warnings, null);
        }
        return merge(article, parts, language, warnings, droppedCitations, droppedPoints);
    }

    public ModelRequest chunkRequest(Chunk chunk, String language) {
        return SummaryPrompt.chunkRequest(chunkPrompt, chunk, language, length, settings);
    }

    ModelRequest mergeRequest(Article article, List<Part> parts, String language) {
        return SummaryPrompt.mergeRequest(mergePrompt, article.id(), parts.size(), partsText(parts), language, length,
                settings);
    }

    private List<Part> readParts(List<Chunk> chunks, String language) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, chunks.size()), runnable -> {
            Thread t = new Thread(runnable, "summarize");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Part>> futures = new ArrayList<>();
            for (Chunk chunk : chunks) {
                futures.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    Part part = read(chunk, language);
                    progress.line(String.format(Locale.ROOT, "%s %.1fs%s", chunk.label(),
                            (System.nanoTime() - t0) / 1e9, part.failure() != null ? " FAILED: " + part.failure()
                                    : part.droppedCitations() > 0 ? ", " + part.droppedCitations()
                                    + " citations dropped" : ""));
                    return part;
                }));
            }
            List<Part> parts = new ArrayList<>();
            for (Future<Part> f : futures) {
                parts.add(f.get());
            }
            return parts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BriefingException(ExitCode.INTERRUPTED, "interrupted", null, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BriefingException be) {
                throw be;
            }
            throw new IllegalStateException("summarize worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Part read(Chunk chunk, String language) {
        StructuredCaller.Result result;
        try {
            result = caller.call(chunkRequest(chunk, language));
        } catch (ModelCallException e) {
            return new Part(chunk, "", List.of(), 0, 0, List.of(), e.getMessage());
        }
        ChunkReply reply = StructuredCaller.as(result.value(), ChunkReply.class);
        return verify(chunk, reply, result.warnings());
    }

    private static Part verify(Chunk chunk, ChunkReply reply, List<String> callWarnings) {
        List<String> warnings = new ArrayList<>(callWarnings);
        List<PartPoint> points = new ArrayList<>();
        int droppedCitations = 0;
        int droppedPoints = 0;
        for (ChunkReply.Point p : orEmpty(reply.keyPoints())) {
            if (p.text() == null || p.text().isBlank()) {
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
            points.add(new PartPoint(null, new KeyPoint(p.text().strip(), outcome.kept())));
        }
        String summary = reply.summary() == null ? "" : reply.summary().strip();
        String failure = summary.isEmpty() ? "the reply has an empty summary" : null;
        return new Part(chunk, summary, points, droppedCitations, droppedPoints, warnings, failure);
    }

    private ArticleSummary merge(Article article, List<Part> unnumbered, String language, List<String> warnings,
            int droppedCitations, int droppedPoints) {
        List<Part> parts = numbered(unnumbered);
        ModelRequest request = mergeRequest(article, parts, language);
        if (request.estimatedPromptTokens() + request.numPredict() > request.numCtx()) {
            warnings.add("merge of " + article.id() + " is estimated at " + request.estimatedPromptTokens()
                    + " prompt tokens, more than num_ctx " + request.numCtx() + " leaves beside the reply; "
                    + "raise --num-ctx");
        }
        StructuredCaller.Result result;
        try {
            result = caller.call(request);
        } catch (ModelCallException e) {
            return new ArticleSummary(article.id(), article.title(), article.path(), "", List.of(), parts.size(),
                    droppedCitations, droppedPoints, warnings, "merge failed: " + e.getMessage());
        }
        warnings.addAll(result.warnings());
        MergeReply reply = StructuredCaller.as(result.value(), MergeReply.class);
        Map<String, KeyPoint> byId = new LinkedHashMap<>();
        parts.forEach(p -> p.points().forEach(pp -> byId.put(pp.id(), pp.point())));
        Set<String> unknown = new LinkedHashSet<>();
        List<KeyPoint> points = new ArrayList<>();
        for (MergeReply.Point p : orEmpty(reply.keyPoints())) {
            if (p.text() == null || p.text().isBlank()) {
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
                droppedPoints++;
                warnings.add("dropped key point that pointed at no key point that exists (" + article.id() + "): "
                        + p.text().strip());
            } else {
                points.add(new KeyPoint(p.text().strip(), cited.stream().limit(CITATIONS_PER_POINT).toList()));
            }
        }
        if (!unknown.isEmpty()) {
            warnings.add("merge of " + article.id() + " pointed at key points that do not exist, ignored: "
                    + String.join(", ", unknown));
        }
        String summary = reply.summary() == null ? "" : reply.summary().strip();
        return new ArticleSummary(article.id(), article.title(), article.path(), summary, points, parts.size(),
                droppedCitations, droppedPoints, warnings, summary.isEmpty() ? "the merge reply has an empty summary"
                        : null);
    }

    /** Gives the chunks' key points ids k1, k2, ... across the article, in order. */
    private static List<Part> numbered(List<Part> parts) {
        List<Part> out = new ArrayList<>();
        int next = 1;
        for (Part p : parts) {
            List<PartPoint> points = new ArrayList<>();
            for (PartPoint pp : p.points()) {
                points.add(new PartPoint("k" + next++, pp.point()));
            }
            out.add(new Part(p.chunk(), p.summary(), points, p.droppedCitations(), p.droppedPoints(), p.warnings(),
                    p.failure()));
        }
        return out;
    }

    /** The parts as the merge call reads them: every part, first to last, nothing cut. */
    static String partsText(List<Part> parts) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            List<Integer> numbers = p.chunk().paragraphs().stream().map(x -> x.number()).toList();
            int first = numbers.get(0);
            int last = numbers.get(numbers.size() - 1);
            out.append("Part ").append(p.chunk().index()).append(" of ").append(p.chunk().count())
                    .append(" (").append(first == last ? "P" + first : "P" + first + " to P" + last).append(")\n")
                    .append("Summary: ").append(p.summary()).append('\n');
            for (PartPoint pp : p.points()) {
                out.append(pp.id()).append(": ").append(pp.point().text()).append('\n');
            }
            out.append('\n');
        }
        return out.toString().strip() + "\n";
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }
}
