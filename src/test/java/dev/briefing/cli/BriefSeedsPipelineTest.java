package dev.briefing.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.briefing.normalize.Article;
import dev.briefing.normalize.Paragraph;
import dev.briefing.ollama.OllamaStubs;
import dev.briefing.pipeline.ArticleLoader;
import dev.briefing.render.HtmlPages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product on the three seeds: the real CLI and LangChain4j's Ollama client, against
 * WireMock answering like Ollama with hand-written model replies (src/test/resources/fixtures/seeds).
 */
class BriefSeedsPipelineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "qwen2.5:7b";
    private WireMockServer ollama;
    private List<Article> seeds;
    @TempDir
    Path work;

    @BeforeEach
    void start() throws IOException {
        ollama = OllamaStubs.server();
        ollama.start();
        OllamaStubs.stubVersion(ollama);
        OllamaStubs.stubTags(ollama, "llama3.2:3b", MODEL);
        OllamaStubs.stubShow(ollama, MODEL, 32768);
        seeds = ArticleLoader.load(List.of("seeds"), new ByteArrayInputStream(new byte[0]), Path.of("")).articles();
        List<String> fixtures = List.of("map-000.json", "map-002.json", "map-003.json");
        for (int i = 0; i < 3; i++) {
            ollama.stubFor(post(urlEqualTo("/api/chat"))
                    .withRequestBody(matchingJsonPath("$.format.properties.events"))
                    .withRequestBody(matchingJsonPath("$.messages[1].content", containing("Article " + seeds.get(i).id())))
                    .willReturn(chat(fixture(fixtures.get(i)))));
        }
        ollama.stubFor(post(urlEqualTo("/api/chat"))
                .withRequestBody(matchingJsonPath("$.format.properties.summary"))
                .willReturn(chat(fixture("synthesize.json"))));
        Files.createDirectories(work.resolve("seeds"));
        for (Article a : seeds) {
            Files.copy(Path.of(a.path()), work.resolve(a.path()));
        }
    }

    @AfterEach
    void stop() {
        ollama.stop();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder chat(String content) {
        return aResponse().withStatus(200).withHeader("Content-Type", OllamaStubs.JSON_UTF8)
                .withBody(OllamaStubs.chatResponse(content, 2100, 640, "stop"));
    }

    private static String fixture(String name) {
        try {
            return Files.readString(Path.of("src/test/resources/fixtures/seeds", name));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private CliRun brief(String... extra) {
        String[] args = new String[extra.length + 1];
        args[0] = "brief";
        System.arraycopy(extra, 0, args, 1, extra.length);
        return CliRun.run(work, OllamaBackend::create, Map.of("OLLAMA_HOST", OllamaStubs.baseUrl(ollama)), "", args);
    }

    @Test
    void should_brief_the_seeds_end_to_end_with_every_citation_verified() throws IOException {
        CliRun run = brief("--format", "json", "-o", "out", "seeds");
        assertEquals(0, run.exitCode(), run.stderr());
        dev.briefing.render.BriefingSchema.assertValid(run.stdout());
        JsonNode b = JSON.readTree(run.stdout());
        assertEquals(Files.readString(work.resolve("out/briefing.json")).strip(), run.stdout().strip());

        Map<String, Article> byId = seeds.stream().collect(Collectors.toMap(Article::id, a -> a));
        List<JsonNode> citations = b.findValues("citations").stream()
                .flatMap(c -> StreamSupport.stream(c.spliterator(), false)).toList();
        assertTrue(citations.size() > 25, "citations: " + citations.size());
        for (JsonNode c : citations) {
            Article a = byId.get(c.get("article").asText());
            String paragraph = a.paragraph(c.get("paragraph").asInt()).orElseThrow().text();
            assertTrue(paragraph.contains(c.get("quote").asText()), c + " not in: " + paragraph);
        }
        assertEquals(byId.keySet(), citations.stream().map(c -> c.get("article").asText()).collect(Collectors.toSet()));

        // Verification caught the paraphrase and the quote cited as paragraph 99 (far from
        // paragraph 33, which holds it: a citation that points nowhere is not moved), and said so.
        assertEquals(2, b.get("run").get("droppedCitations").asInt());
        assertEquals(2, b.get("run").get("droppedItems").asInt());
        assertTrue(citations.stream().noneMatch(c -> c.get("paragraph").asInt() == 99), citations.toString());
        assertTrue(StreamSupport.stream(b.get("actors").spliterator(), false)
                .noneMatch(a -> a.get("name").asText().contains("乌沙科夫")));
        assertFalse(run.stdout().contains("乌沙科夫说普京很强硬"));
        assertEquals(4, b.get("run").get("calls").asInt());
        assertEquals(4 * 2100, b.get("run").get("promptTokens").asInt());
        assertFalse(b.get("incomplete").asBoolean());
        assertEquals("zh-Hans", b.get("language").asText());
    }

    @Test
    void should_keep_traditional_quotes_traditional_and_undated_what_the_text_does_not_date() throws IOException {
        JsonNode b = JSON.readTree(brief("--format", "json", "-q", "-o", "out", "seeds").stdout());
        String traditional = seeds.get(2).id();
        List<String> quotes = b.findValues("citations").stream()
                .flatMap(c -> StreamSupport.stream(c.spliterator(), false))
                .filter(c -> c.get("article").asText().equals(traditional))
                .map(c -> c.get("quote").asText()).toList();
        assertTrue(quotes.contains("對普京非常失望"), quotes.toString());
        assertFalse(quotes.stream().anyMatch(q -> q.contains("对普京")), quotes.toString());
        JsonNode disappointed = StreamSupport.stream(b.get("events").spliterator(), false)
                .filter(e -> e.get("dateText").asText("").equals("當地時間7月28日")).findFirst().orElseThrow();
        assertTrue(disappointed.get("date").isNull(), "article 003 names no year: " + disappointed);
        assertEquals("traditional", b.get("articles").get(2).get("script").asText());
        assertEquals("倍可親(backchina.com)", b.get("articles").get(2).get("source").asText());
    }

    @Test
    void should_merge_actors_and_events_across_articles_and_scripts() throws IOException {
        JsonNode b = JSON.readTree(brief("--format", "json", "-q", "-o", "out", "seeds").stdout());
        Map<String, JsonNode> actors = StreamSupport.stream(b.get("actors").spliterator(), false)
                .collect(Collectors.toMap(a -> a.get("name").asText(), a -> a));
        assertEquals(3, articlesCited(actors.get("特朗普")), actors.keySet().toString());
        assertEquals(3, articlesCited(actors.get("普京")));
        assertEquals(2, articlesCited(actors.get("泽连斯基")));
        JsonNode nato = actors.containsKey("北约") ? actors.get("北约") : actors.get("北約");
        assertEquals(2, articlesCited(nato), actors.keySet().toString());
        assertTrue(actors.get("拉夫罗夫") == null && actors.containsKey("俄罗斯外长拉夫罗夫"));

        List<JsonNode> events = StreamSupport.stream(b.get("events").spliterator(), false).toList();
        JsonNode alaska = events.get(0);
        assertEquals("2025-08-15", alaska.get("date").asText());
        assertEquals(2, articlesCited(alaska), alaska.toString());
        List<String> dates = events.stream().map(e -> e.get("date").asText(null)).toList();
        // 当地时间28日深夜至29日凌晨: the model's 2025-12-29 is the 29th the text names, a day after 12月28日.
        assertEquals(List.of("2025-08-15", "2025-10-13", "2025-10-16", "2025-12-28", "2025-12-29"),
                dates.stream().filter(d -> d != null).toList());
        int firstUndated = dates.indexOf(null);
        assertTrue(dates.subList(firstUndated, dates.size()).stream().allMatch(d -> d == null), dates.toString());
        Set<String> actorIds = new HashSet<>();
        b.get("actors").forEach(a -> actorIds.add(a.get("id").asText()));
        events.forEach(e -> e.get("actors").forEach(id -> assertTrue(actorIds.contains(id.asText()), e.toString())));
    }

    @Test
    void should_list_where_sources_disagree_with_citations_on_each_side() throws IOException {
        JsonNode b = JSON.readTree(brief("--format", "json", "-q", "-o", "out", "seeds").stdout());
        JsonNode support = b.get("disagreements").get(0);
        assertTrue(support.get("topic").asText().contains("支持"), support.toString());
        Set<String> rising = articles(support.get("positions").get(0));
        Set<String> cut = articles(support.get("positions").get(1));
        assertEquals(Set.of(seeds.get(0).id()), rising);
        assertEquals(Set.of(seeds.get(1).id(), seeds.get(2).id()), cut);
        assertEquals(2, b.get("disagreements").size());
        assertFalse(b.get("summary").get("text").asText().isBlank());
        assertTrue(b.get("summary").get("citations").size() >= 3);
        assertEquals(2, b.get("openQuestions").size());
    }

    @Test
    void should_leave_no_boilerplate_in_any_paragraph() {
        for (Article a : seeds) {
            for (Paragraph p : a.paragraphs()) {
                for (String junk : List.of("特别声明", "Notice:", "![", "网易号", "NetEase", "來源:")) {
                    assertFalse(p.text().contains(junk), a.path() + " ¶" + p.number() + ": " + p.text());
                }
                assertFalse(p.text().matches("\\d+"), a.path() + " ¶" + p.number());
            }
        }
    }

    @Test
    void should_send_num_ctx_schema_and_no_stream_on_every_call_and_record_the_run() throws IOException {
        CliRun run = brief("-o", "out", "seeds");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("[^1]"), run.stdout());
        List<LoggedRequest> calls = ollama.findAll(postRequestedFor(urlEqualTo("/api/chat")));
        assertEquals(4, calls.size());
        for (LoggedRequest call : calls) {
            JsonNode body = JSON.readTree(call.getBodyAsString());
            assertEquals(8192, body.at("/options/num_ctx").asInt());
            assertEquals(2048, body.at("/options/num_predict").asInt());
            assertEquals(42, body.at("/options/seed").asInt());
            assertFalse(body.get("stream").asBoolean(true));
            assertEquals("object", body.at("/format/type").asText());
            assertEquals(MODEL, body.get("model").asText());
        }
        JsonNode record = JSON.readTree(Files.readString(work.resolve("out/run.json")));
        assertEquals(MODEL, record.get("model").asText());
        assertEquals(OllamaStubs.baseUrl(ollama), record.get("host").asText());
        assertEquals(Set.of("map-chunk.md", "map-chunk.schema.json", "synthesize.md", "synthesize.schema.json",
                        "synthesize-merge.md", "synthesize-merge.schema.json"),
                fieldNames(record.get("promptHashes")));
        assertEquals(4, record.get("calls").size());
        record.get("calls").forEach(c -> assertEquals(1, c.get("attempts").asInt()));
        assertTrue(record.get("warnings").toString().contains("乌沙科夫说普京很强硬"), "drop details are kept");
        String md = new String(Files.readAllBytes(work.resolve("out/briefing.md")), StandardCharsets.UTF_8);
        assertTrue(md.contains("對普京非常失望"));
        assertEquals(md, run.stdout(), "stdout is the briefing.md written");
    }

    @Test
    void should_write_the_page_with_the_cited_paragraphs_of_the_seeds() throws IOException {
        CliRun run = brief("-o", "out", "seeds");
        assertEquals(0, run.exitCode(), run.stderr());

        String html = Files.readString(work.resolve("out/briefing.html"), StandardCharsets.UTF_8);
        HtmlPages.assertNothingActive(html, false);
        HtmlPages.assertAnchorsResolve(html);
        org.jsoup.nodes.Element quoted = HtmlPages.parse(html).select("#sources li.para").stream()
                .filter(p -> p.select("mark").text().contains("對普京非常失望")).findFirst().orElseThrow();
        assertTrue(quoted.selectFirst("p.text").text().length() > quoted.selectFirst("mark").text().length(),
                "the appendix shows the whole cited paragraph from the article: " + quoted.text());
    }

    @Test
    void should_exit_3_listing_available_models_when_model_is_not_pulled() {
        CliRun run = brief("-m", "qwen2.5:14b", "seeds");
        assertEquals(3, run.exitCode());
        assertTrue(run.stderr().contains("ollama pull qwen2.5:14b"), run.stderr());
        assertTrue(run.stderr().contains("llama3.2:3b"), run.stderr());
        assertEquals(0, ollama.findAll(postRequestedFor(urlEqualTo("/api/chat"))).size());
    }

    @Test
    void should_exit_3_fast_without_retries_or_stack_trace_when_ollama_is_down() {
        int closed = OllamaStubs.freePort();
        long t0 = System.nanoTime();
        CliRun run = CliRun.run(work, OllamaBackend::create, Map.of(), "", "brief", "--host", "127.0.0.1:" + closed,
                "seeds");
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(3, run.exitCode());
        assertTrue(millis < 2000, "took " + millis + " ms");
        assertTrue(run.stderr().contains("127.0.0.1:" + closed), run.stderr());
        assertTrue(run.stderr().contains("ollama serve"), run.stderr());
        assertFalse(run.stderr().contains("Exception") || run.stderr().contains("\tat "), run.stderr());
        assertEquals(2, run.stderr().strip().lines().filter(l -> !l.startsWith("warning")).count(), run.stderr());
    }

    private static long articlesCited(JsonNode item) {
        return articles(item).size();
    }

    private static Set<String> articles(JsonNode item) {
        Set<String> ids = new HashSet<>();
        item.get("citations").forEach(c -> ids.add(c.get("article").asText()));
        return ids;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
