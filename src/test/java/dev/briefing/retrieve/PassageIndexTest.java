package dev.briefing.retrieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.embed.BgeSmallZhEmbedder;
import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.normalize.Article;
import dev.briefing.normalize.ChineseScript;
import dev.briefing.normalize.Paragraph;
import dev.briefing.normalize.Script;
import dev.briefing.pipeline.ArticleLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Retrieval over the three seeds with the real analyzer and the real embedding model. */
class PassageIndexTest {
    static final String CALL_0C16 = "3d489e304f9f";   // 000: the October 16 call
    static final String CALLS_2025 = "81666df97467";  // 002: the year of calls, Alaska
    static final String TURN_TOUGH = "1446a1150ce9";  // 003 (traditional): why Trump turned tough

    @TempDir
    Path own;
    static PassageIndex seeds;
    static List<Article> articles;

    @BeforeAll
    static void indexSeeds() {
        articles = ArticleLoader.load(List.of("seeds"), new ByteArrayInputStream(new byte[0]), Path.of("")).articles();
        seeds = PassageIndex.open(SeedsIndexed.dataDir().resolve("index"), BgeSmallZhEmbedder.shared());
        PassageIndex.SyncReport report = seeds.sync(articles);
        assertFalse(report.touched(), report.toString());
        assertEquals(3, report.unchanged(), report.toString());
    }

    @AfterAll
    static void close() {
        seeds.close();
    }

    @Test
    void should_know_the_seed_ids_the_questions_are_about() {
        assertEquals(List.of(CALL_0C16, CALLS_2025, TURN_TOUGH), articles.stream().map(Article::id).toList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "普京在10月16日的通话中对特朗普说了什么？|" + CALL_0C16,
            "普京在10月16日的通話中對特朗普說了什麼？|" + CALL_0C16,
            "特朗普为何对普京转向强硬？|" + TURN_TOUGH,
            "特朗普為何對普京轉向強硬？|" + TURN_TOUGH,
            "2025年特朗普与普京通了几次电话？|" + CALLS_2025,
            "2025年特朗普與普京通了幾次電話？|" + CALLS_2025,
            "特朗普和普京在阿拉斯加哪里会面？|" + CALLS_2025,
            "特朗普和普京在阿拉斯加哪裡會面？|" + CALLS_2025,
    })
    void should_rank_the_article_that_answers_first_in_either_script(String question, String article) {
        List<PassageIndex.Hit> hits = seeds.search(List.of(question), 5);
        assertEquals(article, hits.get(0).article(), hits.toString());
    }

    /**
     * English questions are searched with the question, the model's Chinese rewrite (here, what
     * a rewrite would say) and the actors' Chinese names from aliases.txt, as Asker does.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "What did Putin tell Trump on the October 16 call?|普京在10月16日通话中对特朗普说了什么|特朗普 普京 10月16日|"
                    + CALL_0C16,
            "Why did Trump turn tough on Putin?|特朗普为什么对普京转向强硬|特朗普 普京|" + TURN_TOUGH,
            "How many phone calls did Trump and Putin have in 2025?|2025年特朗普与普京通话次数|特朗普 普京|"
                    + CALLS_2025,
    })
    void should_rank_the_right_article_first_for_english_questions_with_their_rewrite(String question,
            String rewrite, String names, String article) {
        List<PassageIndex.Hit> hits = seeds.search(List.of(question, rewrite, names), 5);
        assertEquals(article, hits.get(0).article(), hits.toString());
    }

    /** When the rewrite call fails, the question is searched with its names and dates alone (QueryExpansion). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "What did Putin tell Trump on the October 16 call?|特朗普 川普 普京 普丁 10月16日|" + CALL_0C16,
            "Why did Trump turn tough on Putin?|特朗普 川普 普京 普丁|" + TURN_TOUGH,
            "How many phone calls did Trump and Putin have in 2025?|特朗普 川普 普京 普丁|" + CALLS_2025,
    })
    void should_still_rank_the_right_article_first_for_english_questions_without_a_rewrite(String question,
            String names, String article) {
        List<PassageIndex.Hit> hits = seeds.search(List.of(question, names), 5);
        assertEquals(article, hits.get(0).article(), hits.toString());
    }

    @Test
    void should_find_traditional_paragraphs_with_a_simplified_query_through_bm25_alone() throws IOException {
        // The traditional article's own wording, folded: BM25 sees the same words in both scripts.
        assertEquals(ChineseScript.toSimplified("轉向強硬"), "转向强硬");
        assertEquals(seeds.terms("轉向強硬"), seeds.terms("转向强硬"));
        try (PassageIndex bm25 = PassageIndex.open(own.resolve("bm25"), null)) {
            bm25.sync(articles);
            assertEquals(TURN_TOUGH, bm25.search(List.of("转向强硬"), 3).get(0).article());
            assertEquals(TURN_TOUGH, bm25.search(List.of("轉向強硬"), 3).get(0).article());
        }
    }

    @Test
    void should_return_k_passages_best_first_and_the_same_for_the_same_query() {
        List<PassageIndex.Hit> first = seeds.search(List.of("特朗普为何对普京转向强硬？"), 6);
        assertEquals(6, first.size());
        for (int i = 1; i < first.size(); i++) {
            assertTrue(first.get(i - 1).score() >= first.get(i).score(), first.toString());
        }
        assertEquals(first, seeds.search(List.of("特朗普为何对普京转向强硬？"), 6));
    }

    @Test
    void should_make_a_second_opener_wait_for_the_update_and_then_read_what_it_committed() throws Exception {
        Path dir = Files.createTempDirectory("index-wait-");
        PassageIndex first = PassageIndex.open(dir, null);
        List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture<PassageIndex.SyncReport> second =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try (PassageIndex other = PassageIndex.open(dir, null, said::add)) {
                        PassageIndex.SyncReport r = other.sync(articles);
                        assertFalse(other.search(List.of("北约"), 3).isEmpty());
                        return r;
                    }
                });
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (said.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, said.size(), "the second opener says once that it waits");
        assertTrue(said.get(0).startsWith("waiting for another briefing process that is updating the index in "),
                said.get(0));
        assertFalse(second.isDone(), "it waits while the first holds the update");
        assertEquals(3, first.sync(articles).added());
        PassageIndex.SyncReport after = second.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(0, after.added(), "nothing rebuilt or added twice: " + after);
        assertEquals(3, after.unchanged());
        assertFalse(first.search(List.of("北约"), 3).isEmpty(), "the first still reads its index");
        first.close();
    }

    @Test
    void should_add_change_and_delete_articles_incrementally() throws IOException {
        Article a = article("aaaaaaaaaaaa", "a.txt", "乌克兰总统泽连斯基访问白宫。", "双方讨论了战斧导弹。");
        Article b = article("bbbbbbbbbbbb", "b.txt", "北约秘书长吕特在布鲁塞尔讲话。", "他呼吁增加国防开支。");
        Path dir = own.resolve("inc");
        try (PassageIndex index = PassageIndex.open(dir, BgeSmallZhEmbedder.shared())) {
            PassageIndex.SyncReport first = index.sync(List.of(a));
            assertEquals(new PassageIndex.SyncReport(1, 0, 0, 0, 2, null), first);
            PassageIndex.SyncReport added = index.sync(List.of(a, b));
            assertEquals(new PassageIndex.SyncReport(1, 0, 0, 1, 2, null), added);
            assertEquals(4, index.size());
            assertEquals(b.id(), index.search(List.of("吕特 国防开支"), 1).get(0).article());

            // An edited article has a new id: same path, other content.
            Article bEdited = article("cccccccccccc", "b.txt", "北约秘书长吕特在海牙讲话。", "他说盟国同意把国防开支提高到百分之五。",
                    "会议持续两天。");
            PassageIndex.SyncReport changed = index.sync(List.of(a, bEdited));
            assertEquals(new PassageIndex.SyncReport(0, 1, 0, 1, 3, null), changed);
            assertEquals(5, index.size());
            assertEquals(List.of("aaaaaaaaaaaa", "cccccccccccc"), index.indexedArticles().keySet().stream().sorted().toList());
            assertEquals(bEdited.id(), index.search(List.of("海牙"), 1).get(0).article());

            PassageIndex.SyncReport deleted = index.sync(List.of(bEdited));
            assertEquals(new PassageIndex.SyncReport(0, 0, 1, 1, 0, null), deleted);
            assertEquals(3, index.size());
            assertTrue(index.search(List.of("泽连斯基 白宫 战斧"), 5).stream().noneMatch(h -> h.article().equals(a.id())));

            assertFalse(index.sync(List.of(bEdited)).touched());
        }
        // Persisted: a new process sees what the last one indexed and adds nothing.
        try (PassageIndex reopened = PassageIndex.open(dir, BgeSmallZhEmbedder.shared())) {
            PassageIndex.SyncReport again = reopened.sync(List.of(article("cccccccccccc", "b.txt", "北约秘书长吕特在海牙讲话。",
                    "他说盟国同意把国防开支提高到百分之五。", "会议持续两天。")));
            assertEquals(new PassageIndex.SyncReport(0, 0, 0, 1, 0, null), again);
            assertEquals(3, reopened.size());
        }
    }

    @Test
    void should_rebuild_when_the_embedding_model_changes() throws IOException {
        Article a = article("aaaaaaaaaaaa", "a.txt", "乌克兰总统泽连斯基访问白宫。");
        Path dir = own.resolve("rebuild");
        try (PassageIndex index = PassageIndex.open(dir, null)) {
            index.sync(List.of(a));
        }
        try (PassageIndex index = PassageIndex.open(dir, BgeSmallZhEmbedder.shared())) {
            PassageIndex.SyncReport report = index.sync(List.of(a));
            assertNotNull(report.rebuiltBecause());
            assertTrue(report.rebuiltBecause().startsWith("embedding model changed"), report.rebuiltBecause());
            assertEquals(1, report.added());
            assertEquals(1, index.size());
        }
        try (PassageIndex index = PassageIndex.open(dir, BgeSmallZhEmbedder.shared())) {
            assertNull(index.sync(List.of(a)).rebuiltBecause());
        }
    }

    @Test
    void should_rebuild_when_the_analyzer_or_format_recorded_differs_or_the_manifest_is_unreadable() throws IOException {
        Article a = article("aaaaaaaaaaaa", "a.txt", "乌克兰总统泽连斯基访问白宫。");
        Path dir = own.resolve("manifest");
        try (PassageIndex index = PassageIndex.open(dir, null)) {
            index.sync(List.of(a));
        }
        String manifest = Files.readString(dir.resolve("manifest.json"));
        Files.writeString(dir.resolve("manifest.json"), manifest.replace(PassageIndex.ANALYZER, "StandardAnalyzer"));
        try (PassageIndex index = PassageIndex.open(dir, null)) {
            String why = index.sync(List.of(a)).rebuiltBecause();
            assertTrue(why.startsWith("analyzer changed"), why);
            assertEquals(1, index.size());
        }
        Files.writeString(dir.resolve("manifest.json"), "{not json");
        try (PassageIndex index = PassageIndex.open(dir, null)) {
            assertEquals("the index has no readable manifest", index.sync(List.of(a)).rebuiltBecause());
            assertEquals(1, index.size());
        }
    }

    @Test
    void should_fail_as_usage_when_the_data_directory_cannot_be_written() throws IOException {
        Path file = own.resolve("not-a-dir");
        Files.writeString(file, "x");
        BriefingException e = assertThrows(BriefingException.class, () -> PassageIndex.open(file.resolve("index"), null));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("cannot use the index directory"), e.getMessage());
        assertTrue(e.hint().contains("--data-dir"), e.hint());
    }

    @Test
    void should_say_another_process_is_updating_the_index_when_its_lock_is_held() throws IOException {
        Article a = article("aaaaaaaaaaaa", "a.txt", "乌克兰总统泽连斯基访问白宫。");
        Path dir = own.resolve("locked");
        try (PassageIndex index = PassageIndex.open(dir, null);
                var other = new org.apache.lucene.index.IndexWriter(
                        org.apache.lucene.store.FSDirectory.open(dir.resolve("lucene")),
                        new org.apache.lucene.index.IndexWriterConfig())) {
            BriefingException e = assertThrows(BriefingException.class, () -> index.sync(List.of(a)));
            assertEquals(ExitCode.INCOMPLETE, e.exitCode());
            assertEquals("the index in " + dir + " is being updated by another briefing process", e.getMessage());
            assertEquals("wait for it to finish, or use another --data-dir", e.hint());
        }
    }

    static Article article(String id, String path, String... paragraphs) {
        List<Paragraph> ps = new ArrayList<>();
        for (int i = 0; i < paragraphs.length; i++) {
            ps.add(new Paragraph(i + 1, paragraphs[i], ChineseScript.toSimplified(paragraphs[i])));
        }
        return new Article(id, paragraphs[0], null, path, Script.SIMPLIFIED, ps);
    }

    /**
     * Issue 15, item 7, across processes: while another JVM holds the index's update (an
     * {@code ask} opening and indexing), a second opener here says once that it waits, waits,
     * and then reads what the other committed; it never fails and never rebuilds the index.
     */
    @Test
    void should_make_an_opener_wait_for_another_process_updating_the_index() throws Exception {
        Path dir = own.resolve("index");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), IndexHolder.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            assertEquals("holding", out.readLine());
            List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.concurrent.CompletableFuture<PassageIndex.SyncReport> second =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        try (PassageIndex other = PassageIndex.open(dir, null, said::add)) {
                            PassageIndex.SyncReport r = other.sync(articles);
                            assertFalse(other.search(List.of("北约"), 3).isEmpty());
                            return r;
                        }
                    });
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (said.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, said.size(), "the second opener says once that it waits");
            assertTrue(said.get(0).startsWith("waiting for another briefing process that is updating the index in "),
                    said.get(0));
            assertFalse(second.isDone(), "it waits while the other process holds the update");
            holder.getOutputStream().write('\n');
            holder.getOutputStream().flush();
            assertEquals("synced 3", out.readLine());
            PassageIndex.SyncReport after = second.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(0, after.added(), "nothing rebuilt or added twice: " + after);
            assertEquals(3, after.unchanged());
            assertTrue(holder.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(0, holder.exitValue());
        } finally {
            holder.destroyForcibly();
        }
    }
}
