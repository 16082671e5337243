package dev.briefing.daily;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.briefing.normalize.Article;
import dev.briefing.ollama.OllamaStubs;
import dev.briefing.pipeline.ArticleLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The three seed articles and a WireMock Ollama that answers them with the hand-written
 * replies of src/test/resources/fixtures/seeds, for the daily, cache and resume tests.
 */
public final class DailySeeds {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String MODEL = "qwen2.5:7b";
    public static final String OTHER_MODEL = "llama3.2:3b";
    public static final List<String> FIXTURES = List.of("map-000.json", "map-002.json", "map-003.json");

    private DailySeeds() {
    }

    /** The seeds as the loader reads them from the repository's seeds/ folder, in file order. */
    public static List<Article> articles() {
        return ArticleLoader.load(List.of("seeds"), new ByteArrayInputStream(new byte[0]), Path.of("")).articles();
    }

    /** A started Ollama double that knows both models and answers every seed and the synthesis. */
    public static WireMockServer ollama(List<Article> seeds) {
        WireMockServer ollama = OllamaStubs.server();
        OllamaStubs.stubVersion(ollama);
        OllamaStubs.stubTags(ollama, OTHER_MODEL, MODEL);
        OllamaStubs.stubShow(ollama, MODEL, 32768);
        OllamaStubs.stubShow(ollama, OTHER_MODEL, 32768);
        for (int i = 0; i < 3; i++) {
            stubMap(ollama, seeds.get(i), chat(fixture(FIXTURES.get(i))));
        }
        ollama.stubFor(post(urlEqualTo("/api/chat"))
                .withRequestBody(matchingJsonPath("$.format.properties.summary"))
                .willReturn(chat(fixture("synthesize.json"))));
        return ollama;
    }

    /** Answers the map call of this article's chunk(s) so; a later stub wins over an earlier one. */
    public static void stubMap(WireMockServer ollama, Article article, ResponseDefinitionBuilder answer) {
        ollama.stubFor(post(urlEqualTo("/api/chat"))
                .withRequestBody(matchingJsonPath("$.format.properties.events"))
                .withRequestBody(matchingJsonPath("$.messages[1].content", containing("Article " + article.id())))
                .willReturn(answer));
    }

    public static ResponseDefinitionBuilder chat(String content) {
        return aResponse().withStatus(200).withHeader("Content-Type", OllamaStubs.JSON_UTF8)
                .withBody(OllamaStubs.chatResponse(content, 2100, 640, "stop"));
    }

    public static String fixture(String name) {
        try {
            return Files.readString(Path.of("src/test/resources/fixtures/seeds", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies seeds into {@code folder} under the work dir. */
    public static void copy(Path work, String folder, Article... articles) throws IOException {
        Files.createDirectories(work.resolve(folder));
        for (Article a : articles) {
            Files.copy(Path.of(a.path()), work.resolve(folder).resolve(Path.of(a.path()).getFileName()));
        }
    }

    /** The /api/chat requests received since the last reset. */
    public static List<LoggedRequest> chats(WireMockServer ollama) {
        return ollama.findAll(postRequestedFor(urlEqualTo("/api/chat")));
    }

    /** What each chat was: "map <article id>" or "synthesize". */
    public static List<String> calls(WireMockServer ollama, List<Article> seeds) {
        return chats(ollama).stream().map(r -> {
            JsonNode body;
            try {
                body = JSON.readTree(r.getBodyAsString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (body.path("format").path("properties").has("summary")) {
                return "synthesize";
            }
            String user = body.path("messages").path(1).path("content").asText();
            return seeds.stream().filter(a -> user.contains("Article " + a.id())).map(a -> "map " + a.id())
                    .findFirst().orElse("other");
        }).sorted().toList();
    }
}
