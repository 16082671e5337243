package dev.briefing.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.chunk.Chunk;
import dev.briefing.llm.CallSettings;
import dev.briefing.llm.RetryPolicy;
import dev.briefing.llm.ScriptedModel;
import dev.briefing.llm.StructuredCaller;
import dev.briefing.llm.UsageMeter;
import dev.briefing.map.ChunkMapper;
import dev.briefing.map.MapResult;
import dev.briefing.map.VerifiedChunk;
import dev.briefing.normalize.Paragraph;
import dev.briefing.prompt.PromptLibrary;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rerun takes a chunk's verified notes from the store instead of parsing and verifying the
 * same reply again, and only while the article text, the reply and the verifier are the same.
 * That the notes were replayed, not verified again, shows by editing the stored result: a
 * replay returns the edit, a verification would return what the reply says.
 */
class VerifiedNotesReplayTest {
    static final String P1 = "經俄羅斯總統普京提議,10月16日,普京與美國總統特朗普通電話,兩人討論了俄美關係。";
    static final String P2 = "特朗普提議在匈牙利首都布達佩斯舉行會晤。普京支持這一提議。";
    static final Chunk CHUNK = chunk(P1);
    static final String GOOD = """
            {"events":[{"title":"普京与特朗普通电话","description":"两人讨论俄美关系","dateText":"10月16日",
              "date":"2025-10-16","where":null,"actors":["普京","特朗普"],
              "citations":[{"paragraph":1,"quote":"普京與美國總統特朗普通電話"}]}],
             "actors":[{"name":"普京","type":"person","role":"俄罗斯总统",
              "citations":[{"paragraph":1,"quote":"經俄羅斯總統普京提議"},{"paragraph":2,"quote":"不在文中的引语"}]}],
             "claims":[],
             "openQuestions":[]}""";

    @TempDir
    Path dir;
    private Store store;

    @BeforeEach
    void open() {
        store = Store.open(dir.resolve("cache.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Chunk chunk(String first) {
        return new Chunk("a1b2c3d4e5f6", "普京與特朗普通電話", 1, 1, List.of(new Paragraph(1, first, first),
                new Paragraph(2, P2, P2)), 80);
    }

    /** One run's map of the chunk through the cache, with a fresh caching model as a new process has. */
    private Run map(ScriptedModel model, Chunk chunk) {
        CachingLanguageModel caching = new CachingLanguageModel(model, store);
        UsageMeter meter = new UsageMeter();
        ChunkMapper mapper = new ChunkMapper(new StructuredCaller(caching, RetryPolicy.none(), meter),
                PromptLibrary.bundled().get("map-chunk"), new CallSettings(8192, 2048, 0.1, 42), "Simplified Chinese");
        return new Run(mapper.map(chunk, Set.of(2025)), caching.counts(), meter);
    }

    record Run(MapResult result, CachingLanguageModel.Counts counts, UsageMeter meter) {
    }

    private int update(String sql, String... args) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("cache.db"));
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    /** Marks the stored result so a replay is told apart from a verification of the reply. */
    private void markStoredResult() throws SQLException {
        assertEquals(1, update("UPDATE verified_replies SET result = replace(result, '普京与特朗普通电话', '已存的标题')"));
    }

    private static String eventTitle(Run run) {
        return run.result().notes().events().get(0).title();
    }

    @Test
    void should_replay_the_stored_notes_of_an_unchanged_chunk_without_sending_parsing_or_verifying() throws Exception {
        Run first = map(ScriptedModel.replying(GOOD), CHUNK);
        assertTrue(first.result().ok());
        assertEquals(1, first.result().droppedCitations(), "the made-up quote is dropped");
        assertEquals("普京与特朗普通电话", eventTitle(first));
        markStoredResult();

        ScriptedModel never = new ScriptedModel(r -> new AssertionError("an unchanged rerun sends nothing"));
        Run rerun = map(never, CHUNK);

        assertEquals(0, never.requests().size());
        assertEquals("已存的标题", eventTitle(rerun), "the stored result, not the reply verified again");
        assertEquals(first.result().droppedCitations(), rerun.result().droppedCitations());
        assertEquals(first.result().dropDetails(), rerun.result().dropDetails());
        assertEquals(first.result().notes().actors(), rerun.result().notes().actors());
        assertEquals(first.result().notes().events().get(0).date(), rerun.result().notes().events().get(0).date());
        assertEquals(0, rerun.counts().sent());
        assertEquals(1, rerun.counts().served(), "a replay counts as a reply from the cache");
        assertEquals(1, rerun.meter().calls().size(), "the run record still lists the call");
        assertEquals(first.meter().promptTokens(), rerun.meter().promptTokens());
    }

    @Test
    void should_verify_again_when_the_cached_reply_changed() throws Exception {
        map(ScriptedModel.replying(GOOD), CHUNK);
        markStoredResult();
        assertEquals(1, update("UPDATE llm_cache SET content = replace(content, '两人讨论俄美关系', '两人讨论了俄美关系')"));

        Run rerun = map(new ScriptedModel(r -> new AssertionError("the reply is still cached")), CHUNK);

        assertEquals("普京与特朗普通电话", eventTitle(rerun), "verified afresh from the reply now cached");
        assertEquals("两人讨论了俄美关系", rerun.result().notes().events().get(0).description());
    }

    @Test
    void should_verify_again_when_the_verifier_version_changed() throws Exception {
        map(ScriptedModel.replying(GOOD), CHUNK);
        markStoredResult();
        String now = "map-verify-v" + VerifiedChunk.VERSION + ":";
        assertEquals(1, update("UPDATE verified_replies SET checker = replace(checker, ?, ?)", now,
                "map-verify-v" + (VerifiedChunk.VERSION - 1) + ":"));

        Run rerun = map(new ScriptedModel(r -> new AssertionError("the reply is still cached")), CHUNK);

        assertEquals("普京与特朗普通电话", eventTitle(rerun), "a result of another verifier version is not replayed");
        assertEquals(1, rerun.counts().served());
    }

    @Test
    void should_map_again_when_the_article_text_changed() throws Exception {
        map(ScriptedModel.replying(GOOD), CHUNK);
        markStoredResult();
        ScriptedModel model = ScriptedModel.replying(GOOD);

        Run rerun = map(model, chunk(P1.replace("兩人討論了", "雙方討論了")));

        assertEquals(1, model.requests().size(), "another text is another call");
        assertEquals("普京与特朗普通电话", eventTitle(rerun));
    }

    @Test
    void should_tie_a_stored_result_to_what_the_checks_read_besides_the_request() {
        String checker = VerifiedChunk.checker(CHUNK, Set.of(2025));
        assertTrue(checker.startsWith("map-verify-v" + VerifiedChunk.VERSION + ":"), checker);
        assertEquals(checker, VerifiedChunk.checker(chunk(P1), Set.of(2025)));
        assertTrue(!checker.equals(VerifiedChunk.checker(CHUNK, Set.of(2024))));
        assertTrue(!checker.equals(VerifiedChunk.checker(new Chunk("ffffffffffff", CHUNK.articleTitle(), 1, 1,
                CHUNK.paragraphs(), 80), Set.of(2025))), "another article's id is in its citations");
    }

    @Test
    void should_find_in_the_request_every_text_the_checker_leaves_out() {
        // The checker hashes the chunk's shape, not its texts: the request (the key a result is
        // stored under) must carry the title and each paragraph's text, as numbered.
        ChunkMapper mapper = new ChunkMapper(new StructuredCaller(ScriptedModel.replying(GOOD), RetryPolicy.none(),
                new UsageMeter()), PromptLibrary.bundled().get("map-chunk"), new CallSettings(8192, 2048, 0.1, 42),
                "Simplified Chinese");
        String prompt = mapper.request(CHUNK, Set.of(2025)).messages().stream()
                .map(dev.briefing.llm.ChatTurn::text).collect(java.util.stream.Collectors.joining("\n"));
        assertTrue(prompt.contains(CHUNK.articleTitle()), prompt);
        for (dev.briefing.normalize.Paragraph p : CHUNK.paragraphs()) {
            assertTrue(prompt.contains("[P" + p.number() + "] " + p.text()), "paragraph " + p.number());
        }
        Chunk retitled = new Chunk(CHUNK.articleId(), CHUNK.articleTitle() + "（更新）", CHUNK.index(), CHUNK.count(),
                CHUNK.paragraphs(), 80);
        assertEquals(VerifiedChunk.checker(CHUNK, Set.of(2025)), VerifiedChunk.checker(retitled, Set.of(2025)));
        assertTrue(!dev.briefing.store.CacheKey.of("scripted", mapper.request(CHUNK, Set.of(2025))).equals(
                dev.briefing.store.CacheKey.of("scripted", mapper.request(retitled, Set.of(2025)))),
                "another title is another request");
    }

    @Test
    void should_forget_the_stored_result_with_its_reply() throws Exception {
        map(ScriptedModel.replying(GOOD), CHUNK);
        String key = dev.briefing.store.CacheKey.of("scripted", new ChunkMapper(new StructuredCaller(
                ScriptedModel.replying(GOOD), RetryPolicy.none(), new UsageMeter()),
                PromptLibrary.bundled().get("map-chunk"), new CallSettings(8192, 2048, 0.1, 42), "Simplified Chinese")
                .request(CHUNK, Set.of(2025))).value();
        assertTrue(store.verified(key, VerifiedChunk.checker(CHUNK, Set.of(2025))).isPresent());
        store.forgetReply(key);
        assertTrue(store.verified(key, VerifiedChunk.checker(CHUNK, Set.of(2025))).isEmpty());
    }
}
