package dev.briefing.retrieve;

import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.normalize.Article;
import dev.briefing.normalize.Paragraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.Version;

/**
 * The paragraphs of the articles asked about, in one Lucene index on disk: BM25 over the
 * SmartChinese analyzer's words and over the character pairs of a script-folded copy of each
 * paragraph and of its article's title, and each paragraph's dense vector (HNSW), so all are
 * added and deleted together by article id; each paragraph stores its article's title and
 * lead (first paragraph).
 *
 * <p>A search first chooses articles, then paragraphs within them. Articles: every query's
 * BM25 list and, as a minor signal, its dense list, fused by weighted reciprocal rank; an
 * article ranks by its best paragraph. Paragraphs of an article: by the question's words that
 * its title and lead do not already hold. News reports of one kind of incident share nearly
 * every word but the place, date and counts; the place and date sit in the lead, so without
 * this second step the lead outranks the paragraph that answers (how many died, what caused
 * it), and a near-duplicate report's lead comes next. The weights are measured on ask's
 * evaluation set (AskRetrievalEvaluationTest; docs/benchmarks.md), not guessed.
 *
 * <p>The index mirrors the articles it was last synced with: articles new to it are added,
 * articles no longer given are deleted (an edited article has a new id, so it is one of each).
 * A manifest records the layout, analyzer and embedding model; any change rebuilds the index.
 */
public final class PassageIndex implements AutoCloseable {
    /** Bump when the fields or their meaning change: old indexes are then rebuilt. */
    static final int FORMAT = 3;
    static final String ANALYZER = "lucene-" + Version.LATEST + "/SmartChineseAnalyzer(stopwords)+CJKBigrams"
            + "/simplified-nfkc-lower";
    /** The usual reciprocal-rank-fusion constant: ranks far down a list still count a little. */
    static final int RRF_K = 60;
    private static final String BIGRAMS = "bigrams";
    private static final String TITLE_BIGRAMS = "title_bigrams";
    private static final String CONTEXT = "context";

    /**
     * How a search weighs its signals: the boost of each BM25 field (the paragraph's words and
     * character pairs, its article's title), the dense list's weight in
     * the reciprocal-rank fusion (a query's BM25 list counts 1), and how results interleave:
     * the j-th paragraph of the i-th article ranks at i + spread x j.
     */
    public record Ranking(float words, float bigrams, float title, double dense, int spread) {
        /**
         * What won on the evaluation set. Dense at 0.05: with equal weight (as before) its list,
         * which cannot tell 杭州 from 南京 in two fire reports, pulled near-duplicates of other
         * incidents above the right one (English article@1 0.98 at 0.05, 0.72 at 1). At 0 the
         * set scores within one question of 0.05; it is kept as a minor signal for paraphrased
         * questions, which the set holds few of.
         */
        public static final Ranking DEFAULT = new Ranking(1f, 1f, 0.3f, 0.05, 2);

        public Ranking {
            if (words < 0 || bigrams < 0 || title < 0 || dense < 0 || spread < 1) {
                throw new IllegalArgumentException("ranking weights must not be negative, spread >= 1: " + this);
            }
        }
    }

    private final Path dir;
    private final Embedder embedder;
    private final EmbeddingMemo memo;
    private final IndexManifest manifest;
    private final Analyzer words = new SmartChineseAnalyzer();
    /**
     * SmartChinese's dictionary does not know most names (特朗普 comes out as 特 朗 普), so a
     * second field of overlapping character pairs keeps a name's characters together.
     */
    private final Analyzer bigrams = new CJKAnalyzer();
    private final Analyzer analyzer = new PerFieldAnalyzerWrapper(words, Map.of(BIGRAMS, bigrams,
            TITLE_BIGRAMS, bigrams));
    private final Directory directory;
    private final String rebuiltBecause;
    private DirectoryReader reader;
    private int searchedCount;

    /** One passage found: a paragraph of an article, with its score (higher is better; 1 / (1 + its place in the interleaving)). */
    public record Hit(String article, int paragraph, double score) {
        public Hit {
            Objects.requireNonNull(article, "article");
            if (paragraph < 1) {
                throw new IllegalArgumentException("paragraph must be >= 1: " + paragraph);
            }
        }
    }

    /**
     * What a sync did. {@code changed} counts articles whose path was indexed before with other
     * content (counted once, not as an addition and a removal).
     *
     * @param rebuiltBecause why the whole index was rebuilt, or null
     */
    public record SyncReport(int added, int changed, int removed, int unchanged, int paragraphsIndexed,
            String rebuiltBecause) {
        public boolean touched() {
            return added + changed + removed > 0;
        }
    }

    private PassageIndex(Path dir, Embedder embedder, IndexManifest manifest, Directory directory,
            String rebuiltBecause) {
        this.dir = dir;
        this.embedder = embedder;
        this.memo = embedder == null ? null : new EmbeddingMemo(embedder, EmbeddingMemo.DEFAULT_CAPACITY);
        this.manifest = manifest;
        this.directory = directory;
        this.rebuiltBecause = rebuiltBecause;
    }

    /**
     * Opens (or creates) the index in {@code dir}. An index built by another analyzer,
     * embedding model or layout, or one that cannot be read, is deleted and built again.
     *
     * @param embedder the dense model, or null for BM25 only
     */
    public static PassageIndex open(Path dir, Embedder embedder) {
        IndexManifest wanted = new IndexManifest(FORMAT, ANALYZER, embedder == null ? "none" : embedder.id(),
                embedder == null ? 0 : embedder.dimensions());
        try {
            Files.createDirectories(dir);
            Path lucene = dir.resolve("lucene");
            String rebuild = null;
            Optional<IndexManifest> stored = IndexManifest.read(dir);
            if (stored.isPresent()) {
                rebuild = wanted.mismatch(stored.get());
            } else if (Files.isDirectory(lucene) && !isEmpty(lucene)) {
                rebuild = "the index has no readable manifest";
            }
            if (rebuild != null) {
                deleteTree(lucene);
                Files.deleteIfExists(dir.resolve(IndexManifest.FILE));
            }
            Directory directory = FSDirectory.open(lucene);
            if (rebuild == null && stored.isPresent() && DirectoryReader.indexExists(directory)) {
                try {
                    DirectoryReader.open(directory).close();
                } catch (IOException | RuntimeException corrupt) {
                    directory.close();
                    deleteTree(lucene);
                    Files.deleteIfExists(dir.resolve(IndexManifest.FILE));
                    directory = FSDirectory.open(lucene);
                    rebuild = "the index could not be read (" + corrupt.getClass().getSimpleName() + ")";
                }
            }
            return new PassageIndex(dir, embedder, wanted, directory, rebuild);
        } catch (IOException e) {
            throw unwritable(dir, e);
        }
    }

    private static BriefingException unwritable(Path dir, IOException e) {
        return new BriefingException(ExitCode.USAGE, "cannot use the index directory " + dir + " ("
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
                "point --data-dir or BRIEFING_DATA_DIR at a directory you can write", e);
    }

    /** Brings the index in line with {@code articles}: adds the new, deletes those no longer given. */
    public SyncReport sync(List<Article> articles) {
        try {
            Map<String, String> indexed = indexedArticles();
            Map<String, Article> wanted = new LinkedHashMap<>();
            for (Article a : articles) {
                wanted.putIfAbsent(a.id(), a);
            }
            List<Article> toAdd = wanted.values().stream().filter(a -> !indexed.containsKey(a.id())).toList();
            List<String> toRemove = indexed.keySet().stream().filter(id -> !wanted.containsKey(id)).sorted().toList();
            Set<String> removedPaths = new LinkedHashSet<>();
            toRemove.forEach(id -> removedPaths.add(indexed.get(id)));
            int changed = (int) toAdd.stream().filter(a -> removedPaths.contains(a.path())).count();
            int unchanged = wanted.size() - toAdd.size();
            boolean fresh = !DirectoryReader.indexExists(directory);
            if (toAdd.isEmpty() && toRemove.isEmpty() && !fresh) {
                return new SyncReport(0, 0, 0, unchanged, 0, rebuiltBecause);
            }
            int paragraphs = 0;
            IndexWriterConfig config = new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                for (String id : toRemove) {
                    writer.deleteDocuments(new Term("article", id));
                }
                for (Article article : toAdd) {
                    writer.addDocuments(documents(article));
                    paragraphs += article.paragraphs().size();
                }
                writer.commit();
            } catch (LockObtainFailedException locked) {
                throw new BriefingException(ExitCode.INCOMPLETE, "the index in " + dir
                        + " is being updated by another briefing process", "wait for it to finish, or use another --data-dir",
                        locked);
            }
            manifest.write(dir);
            refreshReader();
            return new SyncReport(toAdd.size() - changed, changed, toRemove.size() - changed, unchanged, paragraphs,
                    rebuiltBecause);
        } catch (IOException e) {
            throw unwritable(dir, e);
        }
    }

    private List<Document> documents(Article article) {
        List<String> embedTexts = new ArrayList<>();
        for (Paragraph p : article.paragraphs()) {
            embedTexts.add(p.text());
        }
        List<float[]> vectors = embedder == null ? List.of() : memo.embedAll(embedTexts);
        String title = ScriptFold.of(article.title());
        String lead = ScriptFold.of(article.paragraphs().get(0).text());
        List<Document> docs = new ArrayList<>();
        for (Paragraph p : article.paragraphs()) {
            Document doc = new Document();
            doc.add(new StringField("article", article.id(), Field.Store.YES));
            doc.add(new StoredField("path", article.path()));
            doc.add(new StoredField("paragraph", p.number()));
            doc.add(new TextField("text", ScriptFold.of(p.text()), Field.Store.NO));
            doc.add(new TextField(BIGRAMS, ScriptFold.of(p.text()), Field.Store.NO));
            doc.add(new TextField(TITLE_BIGRAMS, title, Field.Store.NO));
            doc.add(new TextField("title", title, Field.Store.NO));
            doc.add(new StoredField(CONTEXT, title + "\n" + lead));
            if (embedder != null) {
                doc.add(new KnnFloatVectorField("vec", vectors.get(p.number() - 1), VectorSimilarityFunction.COSINE));
            }
            docs.add(doc);
        }
        return docs;
    }

    /** Article id to path, for every article in the index. */
    public Map<String, String> indexedArticles() throws IOException {
        Map<String, String> ids = new HashMap<>();
        DirectoryReader r = reader();
        if (r == null) {
            return ids;
        }
        for (var leaf : r.leaves()) {
            StoredFields fields = leaf.reader().storedFields();
            Bits live = leaf.reader().getLiveDocs();
            for (int i = 0; i < leaf.reader().maxDoc(); i++) {
                if (live != null && !live.get(i)) {
                    continue;
                }
                Document d = fields.document(i, Set.of("article", "path"));
                ids.putIfAbsent(d.get("article"), d.get("path"));
            }
        }
        return ids;
    }

    /** Paragraphs in the index. */
    public int size() throws IOException {
        DirectoryReader r = reader();
        return r == null ? 0 : r.numDocs();
    }

    /**
     * The {@code k} best paragraphs for the queries together (see the class comment), with the
     * measured default ranking. Ties go to the earlier article id and paragraph, so equal input
     * gives equal output.
     */
    public List<Hit> search(List<String> queries, int k) {
        return search(queries, k, Ranking.DEFAULT);
    }

    /** As {@link #search(List, int)}, weighed otherwise: for measuring rankings against each other. */
    public List<Hit> search(List<String> queries, int k, Ranking ranking) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1: " + k);
        }
        try {
            DirectoryReader r = reader();
            if (r == null || r.numDocs() == 0) {
                return List.of();
            }
            IndexSearcher searcher = new IndexSearcher(r);
            int depth = Math.max(50, k * 5);
            Map<Integer, Double> fused = new HashMap<>();
            for (String query : new LinkedHashSet<>(queries)) {
                if (query == null || query.isBlank()) {
                    continue;
                }
                Query bm25 = bm25(query, ranking);
                if (bm25 != null) {
                    addRanks(fused, searcher.search(bm25, depth).scoreDocs, 1.0);
                }
                if (embedder != null && ranking.dense() > 0) {
                    Query dense = new KnnFloatVectorQuery("vec", embedder.embedQuery(query), depth);
                    addRanks(fused, searcher.search(dense, depth).scoreDocs, ranking.dense());
                }
            }
            StoredFields fields = searcher.storedFields();
            List<Hit> hits = new ArrayList<>();
            Map<Integer, Document> docs = new HashMap<>();
            for (Map.Entry<Integer, Double> e : fused.entrySet()) {
                Document d = fields.document(e.getKey(), Set.of("article", "paragraph", CONTEXT));
                docs.put(e.getKey(), d);
                hits.add(new Hit(d.get("article"), d.getField("paragraph").numericValue().intValue(), e.getValue()));
            }
            hits.sort(Comparator.comparingDouble(Hit::score).reversed().thenComparing(Hit::article)
                    .thenComparingInt(Hit::paragraph));
            searchedCount = hits.size();
            return withinArticles(searcher, queries, hits, docs, fused, k, ranking);
        } catch (IOException e) {
            throw new UncheckedIOException("searching the index in " + dir, e);
        }
    }

    /**
     * The best {@code k} articles' paragraphs, each article's ordered by BM25 of the question's
     * terms its title and lead lack (then by the fused score, then by number: with nothing
     * beyond what the lead says, the lead itself answers), interleaved by article rank.
     */
    private List<Hit> withinArticles(IndexSearcher searcher, List<String> queries, List<Hit> hits,
            Map<Integer, Document> docs, Map<Integer, Double> fused, int k, Ranking ranking) throws IOException {
        Map<String, String> contexts = new HashMap<>();
        docs.values().forEach(d -> contexts.putIfAbsent(d.get("article"), d.get(CONTEXT)));
        Map<String, Map<Integer, Double>> fusedByArticle = new HashMap<>();
        docs.forEach((doc, d) -> fusedByArticle.computeIfAbsent(d.get("article"), a -> new HashMap<>())
                .put(d.getField("paragraph").numericValue().intValue(), fused.get(doc)));
        List<String> articles = hits.stream().map(Hit::article).distinct().limit(k).toList();
        Set<String> terms = new LinkedHashSet<>();
        for (String q : queries) {
            if (q != null && !q.isBlank()) {
                terms.addAll(terms(q));
                terms.addAll(analyzed(bigrams, BIGRAMS, q));
            }
        }
        List<Hit> out = new ArrayList<>();
        StoredFields fields = searcher.storedFields();
        for (int i = 0; i < articles.size(); i++) {
            String article = articles.get(i);
            String context = contexts.getOrDefault(article, "");
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            b.add(new TermQuery(new Term("article", article)), BooleanClause.Occur.FILTER);
            BooleanQuery.Builder residual = new BooleanQuery.Builder();
            int n = 0;
            for (String t : terms) {
                // One character is a function word (的, 是, 了) or a unit: it would choose whichever paragraph has it.
                if (t.codePointCount(0, t.length()) > 1 && !context.contains(t)) {
                    residual.add(new TermQuery(new Term("text", t)), BooleanClause.Occur.SHOULD);
                    residual.add(new TermQuery(new Term(BIGRAMS, t)), BooleanClause.Occur.SHOULD);
                    n++;
                }
            }
            Map<Integer, Double> own = new HashMap<>();
            if (n > 0) {
                b.add(residual.build(), BooleanClause.Occur.MUST);
                for (ScoreDoc sd : searcher.search(b.build(), k).scoreDocs) {
                    own.put(fields.document(sd.doc, Set.of("paragraph")).getField("paragraph").numericValue().intValue(),
                            (double) sd.score);
                }
            }
            Map<Integer, Double> byFused = fusedByArticle.getOrDefault(article, Map.of());
            Set<Integer> paragraphs = new LinkedHashSet<>(own.keySet());
            paragraphs.addAll(byFused.keySet());
            List<Integer> order = paragraphs.stream().sorted(Comparator
                    .comparingDouble((Integer p) -> -own.getOrDefault(p, 0.0))
                    .thenComparingDouble(p -> -byFused.getOrDefault(p, 0.0)).thenComparingInt(p -> p)).toList();
            for (int j = 0; j < order.size() && j < k; j++) {
                // Ties (equal i + spread * j) go to the article's better paragraph: 1e-6 * j.
                out.add(new Hit(article, order.get(j), 1.0 / (1 + i + (double) ranking.spread() * j + 1e-6 * j)));
            }
        }
        out.sort(Comparator.comparingDouble(Hit::score).reversed());
        return List.copyOf(out.subList(0, Math.min(k, out.size())));
    }


    /** How many distinct paragraphs the last search found before keeping the best k. */
    public int searchedCount() {
        return searchedCount;
    }

    private static void addRanks(Map<Integer, Double> fused, ScoreDoc[] ranked, double weight) {
        for (int rank = 0; rank < ranked.length; rank++) {
            fused.merge(ranked[rank].doc, weight / (RRF_K + rank + 1), Double::sum);
        }
    }

    /** The query's words, as the index analyzed its paragraphs; null when none is left. */
    Query bm25(String query, Ranking ranking) throws IOException {
        List<String> terms = terms(query);
        List<String> pairs = analyzed(bigrams, BIGRAMS, query);
        if (terms.isEmpty() && pairs.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String t : terms) {
            add(b, "text", t, ranking.words());
            add(b, "title", t, ranking.title() * ranking.words());
        }
        for (String t : pairs) {
            add(b, BIGRAMS, t, ranking.bigrams());
            add(b, TITLE_BIGRAMS, t, ranking.title() * ranking.bigrams());
        }
        return b.build();
    }

    private static void add(BooleanQuery.Builder b, String field, String term, float boost) {
        if (boost > 0) {
            b.add(new BoostQuery(new TermQuery(new Term(field, term)), boost), BooleanClause.Occur.SHOULD);
        }
    }

    /** The analyzer's words of a text, after script folding; distinct, in order. */
    public List<String> terms(String text) throws IOException {
        return analyzed(words, "text", text);
    }

    private static List<String> analyzed(Analyzer analyzer, String field, String text) throws IOException {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream(field, ScriptFold.of(text))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                terms.add(term.toString());
            }
            ts.end();
        }
        return List.copyOf(terms);
    }

    private DirectoryReader reader() throws IOException {
        if (reader == null && DirectoryReader.indexExists(directory)) {
            reader = DirectoryReader.open(directory);
        }
        return reader;
    }

    private void refreshReader() throws IOException {
        if (reader == null) {
            reader();
            return;
        }
        DirectoryReader newer = DirectoryReader.openIfChanged(reader);
        if (newer != null) {
            reader.close();
            reader = newer;
        }
    }

    @Override
    public void close() {
        try {
            if (reader != null) {
                reader.close();
            }
            directory.close();
            analyzer.close();
            words.close();
            bigrams.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
