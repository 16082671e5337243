package dev.briefing.pipeline;

import dev.briefing.error.BriefingException;
import dev.briefing.ingest.Ingestor;
import dev.briefing.normalize.Article;
import dev.briefing.normalize.Normalizer;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        // Each text is normalized as it is read and then dropped: thousands of files are never
        // held twice, raw and cleaned.
        List<String> warnings = new ArrayList<>(new Ingestor().read(inputs, stdin, doc -> {
            Optional<Article> article = normalizer.normalize(doc).map(a -> relative(a, base));
            if (article.isEmpty()) {
                normalizeWarnings.add("skipped " + doc.path() + ": no text left after removing boilerplate");
            } else if (byId.containsKey(article.get().id())) {
                normalizeWarnings.add("skipped " + doc.path() + ": same article as "
                        + byId.get(article.get().id()).path());
            } else {
                byId.put(article.get().id(), article.get());
            }
        }));
        warnings.addAll(normalizeWarnings);
        if (byId.isEmpty()) {
            throw BriefingException.usage("no readable article in " + String.join(" ", inputs)
                            + (warnings.isEmpty() ? "" : " (" + warnings.size() + " skipped: " + warnings.get(0) + ")"),
                    "give .txt, .md or .html files in UTF-8, GB18030 or Big5, or '-' to read stdin");
        }
        return new Loaded(new ArrayList<>(byId.values()), warnings);
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
