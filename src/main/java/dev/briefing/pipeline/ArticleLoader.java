package dev.briefing.pipeline;

import dev.briefing.error.BriefingException;
import dev.briefing.ingest.Ingestor;
import dev.briefing.ingest.SourceDocument;
import dev.briefing.normalize.Article;
import dev.briefing.normalize.Normalizer;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/** ingest -> normalize for every command: the articles, and a warning per input left out. */
public final class ArticleLoader {
    private ArticleLoader() {
    }

    public record Loaded(List<Article> articles, List<String> warnings) {
        public Loaded {
            articles = List.copyOf(articles);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * @param base article paths under it are recorded relative to it, as the user thinks of them
     * @throws BriefingException (exit 2) when no input yields an article
     */
    public static Loaded load(List<String> inputs, InputStream stdin, Path base) {
        if (inputs.isEmpty()) {
            throw BriefingException.usage("no input: name article files or directories, or '-' for stdin");
        }
        Map<String, Article> byId = new LinkedHashMap<>();
        Normalizer normalizer = new Normalizer();
        List<String> normalizeWarnings = new ArrayList<>();
        List<String> warnings;
        // Each text is normalized as it is read and then dropped: thousands of files are never
        // held twice, raw and cleaned. The cleaning runs on the other cores while the next files
        // are read (it was two thirds of reading a 1,000-article inbox); the results are taken in
        // the order the files were read, so ids, duplicates and warnings are as on one core.
        int workers = Math.min(MAX_WORKERS, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = workers > 1 ? Executors.newFixedThreadPool(workers, daemon()) : null;
        java.util.function.Function<SourceDocument, Future<Optional<Article>>> clean = pool == null
                ? doc -> CompletableFuture.completedFuture(normalizer.normalize(doc).map(a -> relative(a, base)))
                : doc -> pool.submit(() -> normalizer.normalize(doc).map(a -> relative(a, base)));
        ArrayDeque<Pending> inFlight = new ArrayDeque<>();
        try {
            warnings = new ArrayList<>(new Ingestor().read(inputs, stdin, doc -> {
                inFlight.add(new Pending(doc.path(), clean.apply(doc)));
                takeUntil(inFlight, IN_FLIGHT_PER_WORKER * workers, byId, normalizeWarnings);
            }));
            takeUntil(inFlight, 0, byId, normalizeWarnings);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        warnings.addAll(normalizeWarnings);
        if (byId.isEmpty()) {
            throw BriefingException.usage("no readable article in " + String.join(" ", inputs)
                            + (warnings.isEmpty() ? "" : " (" + warnings.size() + " skipped: " + warnings.get(0) + ")"),
                    "give .txt, .md or .html files in UTF-8, GB18030 or Big5, or '-' to read stdin");
        }
        return new Loaded(new ArrayList<>(byId.values()), warnings);
    }

    private static final int MAX_WORKERS = 4;
    /** Texts read ahead of the one taken, per worker: enough to keep them busy, few enough to bound memory. */
    private static final int IN_FLIGHT_PER_WORKER = 2;

    /** Takes the oldest results, in the order their files were read, until at most {@code left} are pending. */
    private static void takeUntil(ArrayDeque<Pending> inFlight, int left, Map<String, Article> byId,
            List<String> warnings) {
        while (inFlight.size() > left) {
            Pending next = inFlight.remove();
            take(next.path(), next.get(), byId, warnings);
        }
    }

    private static void take(String path, Optional<Article> article, Map<String, Article> byId, List<String> warnings) {
        if (article.isEmpty()) {
            warnings.add("skipped " + path + ": no text left after removing boilerplate");
        } else if (byId.containsKey(article.get().id())) {
            warnings.add("skipped " + path + ": same article as " + byId.get(article.get().id()).path());
        } else {
            byId.put(article.get().id(), article.get());
        }
    }

    private record Pending(String path, Future<Optional<Article>> result) {
        Optional<Article> get() {
            return Parallel.await(result, "interrupted while reading the inputs");
        }
    }

    private static ThreadFactory daemon() {
        return task -> {
            Thread t = new Thread(task, "normalize");
            t.setDaemon(true);
            return t;
        };
    }

    private static Article relative(Article a, Path base) {
        if (a.path().equals("-")) {
            return a;
        }
        Path p = Path.of(a.path()).toAbsolutePath().normalize();
        Path b = base.toAbsolutePath().normalize();
        String shown = p.startsWith(b) ? b.relativize(p).toString() : a.path();
        return new Article(a.id(), a.title(), a.source(), shown, a.script(), a.paragraphs(), a.titleDerived());
    }
}
