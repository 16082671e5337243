package dev.briefing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.briefing.daily.DailySeeds;
import dev.briefing.normalize.Article;
import dev.briefing.ollama.OllamaStubs;
import dev.briefing.render.BriefingSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code briefing daily} and {@code briefing history} through the real CLI and LangChain4j's
 * Ollama client against WireMock; the clock is fixed at 2026-11-23.
 */
class DailyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static List<Article> seeds;
    private WireMockServer ollama;
    @TempDir
    Path work;

    @BeforeAll
    static void loadSeeds() {
        seeds = DailySeeds.articles();
    }

    @BeforeEach
    void start() {
        ollama = DailySeeds.ollama(seeds);
    }

    @AfterEach
    void stop() {
        ollama.stop();
    }

    private CliRun cli(String... args) {
        return CliRun.run(work, OllamaBackend::create, Map.of("OLLAMA_HOST", OllamaStubs.baseUrl(ollama),
                "BRIEFING_RETRY_BASE_MS", "1"), "", args);
    }

    private CliRun daily(String... extra) {
        List<String> args = new ArrayList<>(List.of("daily", "--inbox", "news"));
        args.addAll(List.of(extra));
        CliRun run = cli(args.toArray(String[]::new));
        return run;
    }

    private List<String> callsAndReset() {
        List<String> calls = DailySeeds.calls(ollama, seeds);
        ollama.resetRequests();
        return calls;
    }

    private JsonNode json(String relative) throws IOException {
        return JSON.readTree(Files.readString(work.resolve(relative)));
    }

    private static String map(int seed) {
        return "map " + seeds.get(seed).id();
    }

    @Test
    void should_brief_the_day_into_its_folder_then_answer_an_unchanged_rerun_without_a_model_call() throws IOException {
        DailySeeds.copy(work, "news", seeds.toArray(Article[]::new));
        CliRun first = daily();
        assertEquals(0, first.exitCode(), first.stderr());
        assertEquals(List.of(map(0), map(1), map(2), "synthesize").stream().sorted().toList(), callsAndReset());
        String json = Files.readString(work.resolve("briefings/2026-11-23/briefing.json"));
        BriefingSchema.assertValid(json);
        assertTrue(Files.exists(work.resolve("briefings/2026-11-23/briefing.md")));
        assertTrue(Files.exists(work.resolve("briefings/2026-11-23/run.json")));
        String page = Files.readString(work.resolve("briefings/2026-11-23/briefing.html"));
        assertTrue(page.contains("id=\"src-") && page.contains("<ol class=\"tl"), "the day's page, with sources and timeline");
        assertTrue(page.contains("href=\"../index.html\""), "the day's page links back to the index");
        String index = Files.readString(work.resolve("briefings/index.html"));
        assertTrue(index.contains("href=\"2026-11-23/briefing.html\""), index);
        assertTrue(Files.exists(work.resolve(".briefing/briefing.db")));
        assertTrue(first.stdout().startsWith("# 简报 / Briefing"), first.stdout());
        assertEquals(Files.readString(work.resolve("briefings/2026-11-23/briefing.md")), first.stdout(),
                "stdout is the day's briefing.md");
        assertTrue(first.stderr().contains("model calls: 4 sent, 0 answered from the cache"), first.stderr());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + work.resolve(".briefing/briefing.db"));
                Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(failure IS NULL), "
                        + "SUM(notes LIKE '%\"events\"%') FROM chunk_notes WHERE day = '2026-11-23' AND version = 1")) {
            assertEquals(List.of(3, 3, 3), List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3)), "each chunk's notes kept");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        try (dev.briefing.store.Store store = dev.briefing.store.Store.open(work.resolve(".briefing/briefing.db"))) {
            assertEquals(Map.of("map", 3, "synthesize", 1), store.cachedCallsByPrompt());
        }

        Path dayDir = work.resolve("briefings/2026-11-23");
        Map<String, String> filesBefore = dayFiles(dayDir);
        Map<String, java.nio.file.attribute.FileTime> timesBefore = dayTimes(dayDir);
        CliRun second = daily();
        assertEquals(0, second.exitCode(), second.stderr());
        assertEquals(List.of(), callsAndReset());
        // Nothing changed: the day's version is kept as it is, files and all, and no copy stored.
        assertTrue(second.stderr().contains("unchanged since version 1 of 2026-11-23: the same articles, settings, "
                + "prompts, model and earlier days; nothing sent or rewritten"), second.stderr());
        assertTrue(second.stderr().contains("(--again briefs it anew)"), second.stderr());
        assertFalse(second.stderr().contains("wrote "), second.stderr());
        assertEquals(first.stdout(), second.stdout(), "stdout is the kept briefing.md");
        assertEquals(filesBefore, dayFiles(dayDir));
        assertEquals(timesBefore, dayTimes(dayDir), "no file rewritten");
        JsonNode run = json("briefings/2026-11-23/run.json");
        assertEquals("briefing daily", run.get("tool").asText());
        assertEquals(4, run.get("settings").get("callsSent").asInt(), "run.json is still the run that made the files");
        assertFalse(Files.exists(dayDir.resolve("previous")), "an unchanged rerun adds no previous/n");
        // The index of days is not the day's: gone, it is written again and the day still kept.
        Files.delete(work.resolve("briefings/index.html"));
        CliRun noIndex = daily();
        assertTrue(noIndex.stderr().contains("unchanged since version 1 of 2026-11-23"), noIndex.stderr());
        assertEquals(index, Files.readString(work.resolve("briefings/index.html")));
        CliRun asJson = daily("--format", "json");
        assertEquals(0, asJson.exitCode(), asJson.stderr());
        assertEquals(Files.readString(dayDir.resolve("briefing.json")), asJson.stdout());
        assertEquals(List.of(), callsAndReset());
        assertTrue(cli("history").stdout().lines().anyMatch(l -> l.trim().startsWith("2026-11-23 ")
                && l.trim().split("\\s+")[6].equals("1")), cli("history").stdout());

        // Asked to, the day is briefed again, from the cache: a new version that says the same.
        CliRun again = daily("--again");
        assertEquals(0, again.exitCode(), again.stderr());
        assertEquals(List.of(), callsAndReset());
        assertTrue(again.stderr().contains("model calls: 0 sent, 4 answered from the cache"), again.stderr());
        assertTrue(again.stderr().contains("(version 2 of 2026-11-23"), again.stderr());
        assertEquals(0, json("briefings/2026-11-23/run.json").get("settings").get("callsSent").asInt());
        assertTrue(daily().stderr().contains("unchanged since version 2 of 2026-11-23"));

        // A file removed: the day is briefed again, from the cache, into a new version.
        Files.delete(dayDir.resolve("briefing.html"));
        CliRun third = daily();
        assertEquals(0, third.exitCode(), third.stderr());
        assertEquals(List.of(), callsAndReset());
        assertTrue(third.stderr().contains("model calls: 0 sent, 4 answered from the cache; sent: 0 prompt + 0 completion tokens"),
                third.stderr());
        assertTrue(third.stderr().contains("(version 3 of 2026-11-23"), third.stderr());
        assertTrue(Files.exists(dayDir.resolve("briefing.html")));
        assertEquals(Files.readString(dayDir.resolve("briefing.md")), third.stdout());
        JsonNode b = json("briefings/2026-11-23/briefing.json");
        assertEquals(0, b.get("run").get("calls").asInt());
        assertEquals(0, b.get("run").get("promptTokens").asInt());
        run = json("briefings/2026-11-23/run.json");
        assertEquals(4, run.get("settings").get("callsFromCache").asInt());
        assertEquals(0, run.get("settings").get("callsSent").asInt());
        assertTrue(run.get("calls").get(0).get("outcome").asText().endsWith("(from cache)"), run.toString());
        // The same briefing, answered from the cache: the events and summary do not change.
        JsonNode before = JSON.readTree(json);
        assertEquals(before.get("events"), b.get("events"));
        assertEquals(before.get("summary"), b.get("summary"));
        // It says the same as the first version: no copy in previous/ (the store keeps both versions).
        assertFalse(Files.exists(dayDir.resolve("previous")), "a rerun that says the same adds no previous/n");

        // A file edited by hand is not passed off as the version's: briefed again.
        Files.writeString(dayDir.resolve("briefing.md"), "# my notes\n");
        CliRun fourth = daily();
        assertEquals(0, fourth.exitCode(), fourth.stderr());
        assertTrue(fourth.stderr().contains("(version 4 of 2026-11-23"), fourth.stderr());
        assertEquals(Files.readString(dayDir.resolve("briefing.md")), fourth.stdout());
        // Another output folder holds none of the day's files: briefed again into it.
        CliRun elsewhere = daily("-o", "other");
        assertEquals(0, elsewhere.exitCode(), elsewhere.stderr());
        assertTrue(elsewhere.stderr().contains("(version 5 of 2026-11-23"), elsewhere.stderr());
        assertEquals(Files.readString(work.resolve("other/2026-11-23/briefing.md")), elsewhere.stdout());
        assertTrue(daily("-o", "other").stderr().contains("unchanged since version 5 of 2026-11-23"));
        assertEquals(List.of(), callsAndReset());
        assertTrue(cli("history").stdout().lines().anyMatch(l -> l.trim().startsWith("2026-11-23 ")
                && l.trim().split("\\s+")[6].equals("5")), cli("history").stdout());
    }

    /** Each file of a day folder (not previous/) by name, as text. */
    private static Map<String, String> dayFiles(Path dir) throws IOException {
        Map<String, String> files = new java.util.TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(Files::isRegularFile).toList()) {
                files.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return files;
    }

    private static Map<String, java.nio.file.attribute.FileTime> dayTimes(Path dir) throws IOException {
        Map<String, java.nio.file.attribute.FileTime> times = new java.util.TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(Files::isRegularFile).toList()) {
                times.put(p.getFileName().toString(), Files.getLastModifiedTime(p));
            }
        }
        return times;
    }

    @Test
    void should_brief_a_day_again_when_an_earlier_day_it_is_compared_with_has_a_new_version() throws IOException {
        DailySeeds.copy(work, "news", seeds.get(0));
        assertEquals(0, daily("--date", "2026-11-22").exitCode());
        DailySeeds.copy(work, "news", seeds.get(1));
        assertEquals(0, daily().exitCode());
        callsAndReset();
        assertTrue(daily().stderr().contains("unchanged since version 1 of 2026-11-23"));
        // The 22nd briefed again into a new version (its files removed): the 23rd's comparison may change.
        Files.delete(work.resolve("briefings/2026-11-22/briefing.json"));
        CliRun again = daily("--date", "2026-11-22");
        assertTrue(again.stderr().contains("(version 2 of 2026-11-22"), again.stderr());
        CliRun rerun = daily();
        assertEquals(0, rerun.exitCode(), rerun.stderr());
        assertTrue(rerun.stderr().contains("(version 2 of 2026-11-23"), rerun.stderr());
        assertEquals(List.of(), callsAndReset(), "every call answered from the cache");
        assertTrue(daily().stderr().contains("unchanged since version 2 of 2026-11-23"));
    }

    @Test
    void should_map_only_the_added_article_and_redo_the_synthesis() throws IOException {
        DailySeeds.copy(work, "news", seeds.get(0), seeds.get(1));
        assertEquals(0, daily().exitCode());
        assertEquals(List.of(map(0), map(1), "synthesize").stream().sorted().toList(), callsAndReset());
        DailySeeds.copy(work, "news", seeds.get(2));
        CliRun rerun = daily();
        assertEquals(0, rerun.exitCode(), rerun.stderr());
        assertEquals(List.of(map(2), "synthesize").stream().sorted().toList(), callsAndReset());
        assertEquals(3, json("briefings/2026-11-23/briefing.json").get("articles").size());
        assertTrue(rerun.stderr().contains("model calls: 2 sent, 2 answered from the cache"), rerun.stderr());
    }

    @Test
    void should_resend_only_the_calls_of_an_edited_prompt() throws IOException {
        DailySeeds.copy(work, "news", seeds.toArray(Article[]::new));
        Path prompts = work.resolve("myprompts");
        Files.createDirectories(prompts);
        try (Stream<Path> files = Files.list(Path.of("prompts"))) {
            for (Path p : files.toList()) {
                Files.copy(p, prompts.resolve(p.getFileName()));
            }
        }
        assertEquals(0, daily("--prompts", "myprompts").exitCode());
        assertEquals(4, callsAndReset().size());

        edit(prompts.resolve("synthesize.md"), "## OUTPUT INSTRUCTIONS\n", "## OUTPUT INSTRUCTIONS\n\n- Keep the summary under 200 characters.\n");
        assertEquals(0, daily("--prompts", "myprompts").exitCode());
        assertEquals(List.of("synthesize"), callsAndReset());

        // The map prompt changed: every chunk is asked again; the replies (and so the notes the
        // synthesis reads) are the same, so the synthesis is not.
        edit(prompts.resolve("map-chunk.md"), "## OUTPUT INSTRUCTIONS\n", "## OUTPUT INSTRUCTIONS\n\n- Prefer short quotes.\n");
        assertEquals(0, daily("--prompts", "myprompts").exitCode());
        assertEquals(List.of(map(0), map(1), map(2)).stream().sorted().toList(), callsAndReset());

        assertEquals(0, daily("--prompts", "myprompts").exitCode());
        assertEquals(List.of(), callsAndReset());
    }

    private static void edit(Path file, String anchor, String replacement) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(anchor), file.toString());
        Files.writeString(file, text.replace(anchor, replacement));
    }

    @Test
    void should_ask_again_for_another_model_and_keep_both_models_answers() throws IOException {
        DailySeeds.copy(work, "news", seeds.toArray(Article[]::new));
        assertEquals(0, daily().exitCode());
        assertEquals(4, callsAndReset().size());
        CliRun other = daily("-m", DailySeeds.OTHER_MODEL);
        assertEquals(0, other.exitCode(), other.stderr());
        assertEquals(4, callsAndReset().size());
        assertEquals(0, daily().exitCode());
        assertEquals(0, daily("-m", DailySeeds.OTHER_MODEL).exitCode());
        assertEquals(List.of(), callsAndReset());
    }

    @Test
    void should_mark_what_is_new_and_what_continues_an_earlier_day() throws IOException {
        DailySeeds.copy(work, "news", seeds.get(0), seeds.get(1));
        CliRun yesterday = daily("--date", "2026-11-22");
        assertEquals(0, yesterday.exitCode(), yesterday.stderr());
        JsonNode first = json("briefings/2026-11-22/briefing.json");
        assertEquals(List.of(seeds.get(0).id(), seeds.get(1).id()), texts(first.get("changes").get("newArticles")));
        first.get("changes").get("events").forEach(e -> assertEquals("new", e.get("novelty").asText(), e.toString()));
        assertEquals("2026-11-21", first.get("changes").get("since").asText());

        DailySeeds.copy(work, "news", seeds.get(2));
        CliRun today = daily();
        assertEquals(0, today.exitCode(), today.stderr());
        String json = Files.readString(work.resolve("briefings/2026-11-23/briefing.json"));
        BriefingSchema.assertValid(json);
        JsonNode b = JSON.readTree(json);
        JsonNode changes = b.get("changes");
        assertEquals("2026-11-23", changes.get("day").asText());
        assertEquals("2026-11-22", changes.get("since").asText());
        assertEquals(List.of(seeds.get(2).id()), texts(changes.get("newArticles")));
        assertEquals(3, b.get("articles").size(), "yesterday's articles stay in the window");

        Set<String> yesterdayTitles = new HashSet<>();
        first.get("events").forEach(e -> yesterdayTitles.add(e.get("title").asText()));
        Map<String, JsonNode> eventsById = new HashMap<>();
        b.get("events").forEach(e -> eventsById.put(e.get("id").asText(), e));
        assertEquals(b.get("events").size(), changes.get("events").size());
        int fresh = 0;
        int developing = 0;
        for (JsonNode change : changes.get("events")) {
            JsonNode event = eventsById.get(change.get("event").asText());
            Set<String> cited = new HashSet<>();
            event.get("citations").forEach(c -> cited.add(c.get("article").asText()));
            if (cited.equals(Set.of(seeds.get(2).id()))) {
                // Article 003's own events (Trump disappointed with Putin, the budget cut, the
                // NATO demand) share actors with yesterday's but say something else.
                assertEquals("new", change.get("novelty").asText(), event.toString());
                assertEquals(0, change.get("continues").size());
                fresh++;
            } else {
                assertFalse(cited.contains(seeds.get(2).id()), event.toString());
                assertEquals("developing", change.get("novelty").asText(), event.toString());
                for (JsonNode earlier : change.get("continues")) {
                    assertEquals("2026-11-22", earlier.get("day").asText());
                    assertTrue(yesterdayTitles.contains(earlier.get("title").asText()), earlier.toString());
                }
                assertTrue(texts(change.get("continues")).size() >= 0);
                assertTrue(StreamSupport.stream(change.get("continues").spliterator(), false)
                        .anyMatch(c -> c.get("title").asText().equals(event.get("title").asText())), change.toString());
                developing++;
            }
        }
        assertEquals(3, fresh, changes.toString());
        assertTrue(developing >= 6, changes.toString());

        String md = Files.readString(work.resolve("briefings/2026-11-23/briefing.md"));
        assertTrue(md.contains("## 与 2026-11-22 相比的变化"), md);
        assertTrue(md.contains("新事件 3 件，进展中的事件 " + developing + " 件。"), md);
        assertTrue(md.contains("今日新文章：1 篇：\n\n- " + "從") || md.contains("今日新文章：1 篇："), md);
        assertTrue(md.contains("(" + seeds.get(2).id() + ")"), md);

        // The index links both days, newest first, with today's one new article.
        String index = Files.readString(work.resolve("briefings/index.html"));
        int todayLink = index.indexOf("href=\"2026-11-23/briefing.html\"");
        int yesterdayLink = index.indexOf("href=\"2026-11-22/briefing.html\"");
        assertTrue(todayLink >= 0 && yesterdayLink > todayLink, index);
        String page = Files.readString(work.resolve("briefings/2026-11-23/briefing.html"));
        assertEquals(fresh, count(page, "class=\"event new\"") + count(page, "class=\"event undated new\""),
                "each new event marked in the page's event list");
        assertEquals(3, count(md, "- **[新]** "), md);
        assertEquals(developing, count(md, "- **[进展]** "), md);
        assertTrue(md.contains("  - 延续：2026-11-22 "), md);

        CliRun history = cli("history");
        assertEquals(0, history.exitCode(), history.stderr());
        List<String> lines = history.stdout().lines().toList();
        assertEquals(3, lines.size(), history.stdout());
        assertTrue(lines.get(0).startsWith("day "), lines.get(0));
        assertEquals(List.of("2026-11-22", "2", "2", Integer.toString(first.get("events").size()), "3", "0", "1",
                "complete"), List.of(lines.get(1).trim().split("\\s+")));
        assertEquals(List.of("2026-11-23", "3", "1", Integer.toString(b.get("events").size()), "2", "2", "1",
                "complete"), List.of(lines.get(2).trim().split("\\s+")));
        CliRun asJson = cli("history", "--json");
        assertEquals(0, asJson.exitCode(), asJson.stderr());
        JsonNode days = new com.fasterxml.jackson.databind.ObjectMapper().readTree(asJson.stdout());
        assertEquals(2, days.size(), asJson.stdout());
        assertEquals("2026-11-23", days.get(1).get("day").asText());
        assertEquals(3, days.get(1).get("articles").asInt());
        assertEquals(1, days.get(1).get("newArticles").asInt());
        assertEquals(2, days.get(1).get("cachedCalls").asInt());
        assertFalse(days.get(1).get("incomplete").asBoolean());
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isTextual() ? n.asText() : n.toString()));
        return out;
    }

    @Test
    void should_widen_the_window_with_since_and_say_when_a_day_has_nothing_new() throws IOException {
        DailySeeds.copy(work, "news", seeds.get(0));
        CliRun earlier = daily("--date", "2026-11-20");
        assertEquals(0, earlier.exitCode(), earlier.stderr());
        callsAndReset();
        CliRun nothing = daily("--date", "2026-11-23");
        assertEquals(2, nothing.exitCode(), nothing.stderr());
        assertTrue(nothing.stderr().contains("error: nothing to brief for 2026-11-23: none of the 1 inbox article(s) "
                + "was first seen from 2026-11-22 through 2026-11-23"), nothing.stderr());
        assertTrue(nothing.stderr().contains("widen the window with --since 2026-11-20"), nothing.stderr());
        assertFalse(Files.exists(work.resolve("briefings/2026-11-23")));
        assertEquals(List.of(), callsAndReset());

        CliRun wide = daily("--since", "2026-11-20");
        assertEquals(0, wide.exitCode(), wide.stderr());
        JsonNode changes = json("briefings/2026-11-23/briefing.json").get("changes");
        assertEquals("2026-11-20", changes.get("since").asText());
        assertEquals(0, changes.get("newArticles").size());
        changes.get("events").forEach(e -> assertEquals("developing", e.get("novelty").asText()));
        assertEquals(List.of(), callsAndReset(), "the map and synthesis of 2026-11-20 are answered from the cache");
    }

    @Test
    void should_refuse_a_date_that_is_not_a_plain_iso_day_before_writing_anything() throws IOException {
        DailySeeds.copy(work, "news", seeds.get(0));
        for (String bad : List.of("../../etc", "2026-11-23/../../escape", "2026-11-23/x", "..", "2026-13-01",
                "2026-02-30", "20261123", "+2026-11-23", "2026-11-23 ", "2026-1-3", "")) {
            CliRun run = daily("--date", bad);
            assertEquals(2, run.exitCode(), bad + ": " + run.stderr());
            assertTrue(run.stderr().startsWith("error: --date "), run.stderr());
            assertEquals(2, run.stderr().lines().count(), run.stderr());
        }
        CliRun since = daily("--since", "../2026-11-01");
        assertEquals(2, since.exitCode());
        assertTrue(since.stderr().startsWith("error: --since takes a day as YYYY-MM-DD"), since.stderr());
        CliRun after = daily("--since", "2026-11-24");
        assertEquals(2, after.exitCode());
        assertTrue(after.stderr().contains("error: --since 2026-11-24 is after the day briefed, 2026-11-23"),
                after.stderr());
        try (Stream<Path> all = Files.walk(work)) {
            assertEquals(List.of(), all.filter(p -> !p.startsWith(work.resolve("news")) && !p.equals(work)).toList());
        }
        assertEquals(List.of(), callsAndReset());
    }

    @Test
    void should_keep_every_output_inside_the_day_folder_whatever_the_articles_say() throws IOException {
        Files.createDirectories(work.resolve("news/a..b"));
        String text = "../../../../tmp/escape-title\n来源：../../outside\n\n"
                + "第一段写着 ../../../etc/passwd 和 briefings/2026-11-22/briefing.json。\n\n第二段。\n";
        Files.writeString(work.resolve("news/a..b/x..%2F..%2Fy.txt"), text, StandardCharsets.UTF_8);
        ollama.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/api/chat").atPriority(10)
                .willReturn(DailySeeds.chat("{\"events\":[],\"actors\":[],\"claims\":[],\"openQuestions\":[]}")));
        CliRun run = daily();
        // No note survived, so no summary: written, but incomplete (exit 1, the agreed rule).
        assertEquals(1, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("error: the briefing is incomplete: no summary (no notes survived"),
                run.stderr());
        try (Stream<Path> all = Files.walk(work)) {
            List<String> written = all.filter(Files::isRegularFile).filter(p -> !p.startsWith(work.resolve("news")))
                    .map(p -> work.relativize(p).toString()).filter(p -> !p.startsWith(".briefing/")).sorted().toList();
            assertEquals(List.of("briefings/2026-11-23/briefing.html", "briefings/2026-11-23/briefing.json",
                    "briefings/2026-11-23/briefing.md", "briefings/2026-11-23/run.json", "briefings/index.html"),
                    written);
        }
    }

    @Test
    void should_refuse_a_date_more_than_a_day_ahead_before_reading_or_writing_anything() throws IOException {
        DailySeeds.copy(work, "news", seeds.get(0));
        CliRun run = daily("--date", "9999-12-31");
        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().startsWith("error: --date 9999-12-31 is after today (2026-11-23, UTC); a day at most 1"
                + " ahead is taken, for time zones ahead of UTC"), run.stderr());
        assertFalse(Files.exists(work.resolve(".briefing")), "no store touched");
        assertEquals(List.of(), callsAndReset());
    }

    @Test
    void should_brief_today_the_articles_a_run_dated_tomorrow_saw_first() throws IOException {
        DailySeeds.copy(work, "news", seeds.toArray(Article[]::new));
        CliRun ahead = daily("--date", "2026-11-24"); // inside the margin: it may be the 24th where the user is
        assertEquals(0, ahead.exitCode(), ahead.stderr());
        callsAndReset();

        CliRun today = daily();

        assertEquals(0, today.exitCode(), today.stderr());
        assertFalse(today.stderr().contains("first seen after"), today.stderr());
        assertEquals(3, json("briefings/2026-11-23/briefing.json").get("articles").size());
        assertTrue(today.stderr().contains("3 article(s), 3 new"), today.stderr());
    }

    @Test
    void should_not_record_a_version_complete_whose_files_could_not_be_written() throws IOException {
        DailySeeds.copy(work, "news", seeds.get(0));
        Files.createDirectories(work.resolve("briefings"));
        Files.writeString(work.resolve("briefings/2026-11-23"), "in the way\n"); // the day folder cannot be made
        CliRun run = daily();
        assertEquals(1, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("error: cannot write the briefing to "), run.stderr());
        CliRun history = cli("history");
        String day = history.stdout().lines().filter(l -> l.trim().startsWith("2026-11-23 ")).findFirst()
                .orElseThrow(() -> new AssertionError(history.stdout()));
        assertTrue(day.trim().endsWith("INCOMPLETE"), history.stdout());
    }

    @Test
    void should_exit_130_when_ctrl_c_comes_while_the_day_is_written() throws IOException {
        DailySeeds.copy(work, "news", seeds.get(0));
        // The interrupt lands after the engine returned, as the result goes out: the write window.
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream interrupting = new java.io.PrintStream(out, true, StandardCharsets.UTF_8) {
            @Override
            public void write(byte[] b, int off, int len) {
                Thread.currentThread().interrupt();
                super.write(b, off, len);
            }
        };
        int code = Main.run(new String[] {"daily", "--inbox", "news"}, new java.io.ByteArrayInputStream(new byte[0]),
                interrupting, new java.io.PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("OLLAMA_HOST", OllamaStubs.baseUrl(ollama), "BRIEFING_RETRY_BASE_MS", "1"), OllamaBackend::create,
                CliRun.CLOCK, work, false);
        Thread.interrupted();
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(130, code, stderr);
        assertTrue(stderr.contains("interrupted: the briefing was already written"), stderr);
        assertTrue(Files.exists(work.resolve("briefings/2026-11-23/briefing.json")));
    }

    @Test
    void should_say_clearly_when_the_inbox_has_no_article() throws IOException {
        Files.createDirectories(work.resolve("news"));
        CliRun empty = daily();
        assertEquals(2, empty.exitCode());
        assertTrue(empty.stderr().startsWith("error: no readable article in "), empty.stderr());
        CliRun missing = cli("daily");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.stderr().startsWith("error: daily needs --inbox DIR"), missing.stderr());
        assertFalse(Files.exists(work.resolve(".briefing")), "no store for a run that had nothing to do");
    }

    @Test
    void should_refuse_a_store_that_is_not_a_database_and_leave_it_untouched() throws IOException {
        DailySeeds.copy(work, "news", seeds.get(0));
        Files.writeString(work.resolve("notes.db"), "not a database\n".repeat(100));
        CliRun run = daily("--db", "notes.db");
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().startsWith("error: cannot use " + work.resolve("notes.db") + " as the briefing store: "),
                run.stderr());
        assertTrue(run.stderr().contains("point --data-dir or --db at another file"), run.stderr());
        assertFalse(run.stderr().contains("Exception"), run.stderr());
        assertEquals("not a database\n".repeat(100), Files.readString(work.resolve("notes.db")));
        CliRun history = cli("history", "--db", "notes.db");
        assertEquals(2, history.exitCode());
        assertEquals(List.of(), callsAndReset());
    }

    @Test
    void should_refuse_a_store_from_a_newer_version() throws Exception {
        DailySeeds.copy(work, "news", seeds.get(0));
        CliRun first = daily("--data-dir", "state");
        assertEquals(0, first.exitCode(), first.stderr());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + work.resolve("state/briefing.db"));
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO schema_version VALUES (7, 'V7__future.sql', '2027-01-01T00:00:00Z')");
        }
        CliRun run = cli("daily", "--inbox", "news", "--data-dir", "state");
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("was written by a newer version of briefing (schema version 7"), run.stderr());
        CliRun history = CliRun.run(work, OllamaBackend::create, Map.of("BRIEFING_DATA_DIR", "state"), "", "history");
        assertEquals(2, history.exitCode());
        assertTrue(history.stderr().contains("newer version of briefing"), history.stderr());
    }

    @Test
    void should_say_so_when_no_day_was_briefed_yet() throws IOException {
        CliRun none = cli("history");
        assertEquals(0, none.exitCode());
        assertEquals("no days briefed yet: there is no store at .briefing/briefing.db (run 'briefing daily --inbox DIR')\n",
                none.stdout());
        assertFalse(Files.exists(work.resolve(".briefing")));
        // An existing but empty store says the same, in other words.
        Files.createDirectories(work.resolve(".briefing"));
        dev.briefing.store.Store.open(work.resolve(".briefing/briefing.db")).close();
        CliRun empty = cli("history");
        assertEquals(0, empty.exitCode());
        assertTrue(empty.stdout().startsWith("no days briefed yet in .briefing/briefing.db"), empty.stdout());
    }

    @Test
    void should_mark_an_interrupted_day_incomplete_in_history_and_finish_it_on_rerun() throws IOException {
        DailySeeds.copy(work, "news", seeds.toArray(Article[]::new));
        DailySeeds.stubMap(ollama, seeds.get(1), OllamaStubs.runnerCrashed());
        CliRun broken = daily();
        assertEquals(1, broken.exitCode(), broken.stderr());
        assertTrue(broken.stderr().contains("only the failed calls are sent again"), broken.stderr());
        callsAndReset();
        String history = cli("history").stdout();
        assertTrue(history.lines().skip(1).findFirst().orElseThrow().endsWith("INCOMPLETE"), history);

        DailySeeds.stubMap(ollama, seeds.get(1), DailySeeds.chat(DailySeeds.fixture("map-002.json")));
        CliRun fixed = daily();
        assertEquals(0, fixed.exitCode(), fixed.stderr());
        assertEquals(List.of(map(1), "synthesize").stream().sorted().toList(), callsAndReset());
        String after = cli("history").stdout();
        assertTrue(after.lines().skip(1).findFirst().orElseThrow().trim().split("\\s+")[6].equals("2"), after);
        assertTrue(after.lines().skip(1).findFirst().orElseThrow().endsWith(" complete"), after);
        assertTrue(Files.exists(work.resolve("briefings/2026-11-23/previous/1/briefing.json")));
        assertTrue(json("briefings/2026-11-23/previous/1/briefing.json").get("incomplete").asBoolean());
        assertFalse(json("briefings/2026-11-23/briefing.json").get("incomplete").asBoolean());
        assertEquals(Set.of(seeds.get(0).id(), seeds.get(1).id(), seeds.get(2).id()),
                StreamSupport.stream(json("briefings/2026-11-23/briefing.json").get("articles").spliterator(), false)
                        .map(a -> a.get("id").asText()).collect(Collectors.toSet()));
    }

    @Test
    void should_print_help_for_daily_and_history_and_list_them_in_the_usage() {
        CliRun help = cli("help", "daily");
        assertEquals(0, help.exitCode());
        for (String option : List.of("--inbox", "--date", "--since", "--data-dir", "--db", "--out", "--prompts")) {
            assertTrue(help.stdout().contains(option), option + ": " + help.stdout());
        }
        assertTrue(cli("history", "--help").stdout().contains("--data-dir"));
        String usage = cli("--help").stdout();
        assertTrue(usage.contains("briefing daily --inbox DIR") && usage.contains("briefing history"), usage);
    }

    @Test
    void should_end_in_one_line_when_ollama_is_down_and_brief_the_day_when_it_is_back() throws IOException {
        DailySeeds.copy(work, "news", seeds.get(0));
        CliRun down = CliRun.run(work, OllamaBackend::create, Map.of("OLLAMA_HOST", "127.0.0.1:"
                + OllamaStubs.freePort()), "", "daily", "--inbox", "news");
        assertEquals(3, down.exitCode(), down.stderr());
        assertTrue(down.stderr().startsWith("error: cannot reach Ollama at "), down.stderr());
        assertFalse(down.stderr().contains("Exception"), down.stderr());
        assertFalse(Files.exists(work.resolve("briefings")));
        assertFalse(Files.exists(work.resolve(".briefing")), "a run that cannot reach Ollama creates no store");
        CliRun back = daily();
        assertEquals(0, back.exitCode(), back.stderr());
        assertEquals(List.of(seeds.get(0).id()), texts(json("briefings/2026-11-23/briefing.json").get("changes")
                .get("newArticles")));
    }

    /**
     * Issue 15, item 1, for {@code daily}: mixed faults (a reply whose input the server cut to
     * fit its window, a reply a proxy mis-decoded, a server error that persists), then a clean
     * run. No unusable reply was kept, so the clean run sends those three map calls again and
     * the day is complete.
     */
    @Test
    void should_reach_a_complete_day_on_a_clean_rerun_after_mixed_faults() throws IOException {
        DailySeeds.copy(work, "news", seeds.toArray(Article[]::new));
        DailySeeds.stubMap(ollama, seeds.get(0), com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                .withStatus(200).withHeader("Content-Type", OllamaStubs.JSON_UTF8)
                .withBody(OllamaStubs.chatResponse(DailySeeds.fixture("map-000.json"), 8192, 640, "stop")));
        byte[] misDecoded = new String(OllamaStubs.chatResponse(DailySeeds.fixture("map-002.json"), 2100, 640, "stop")
                .getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8);
        DailySeeds.stubMap(ollama, seeds.get(1), com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json; charset=iso-8859-1").withBody(misDecoded));
        DailySeeds.stubMap(ollama, seeds.get(2), OllamaStubs.runnerCrashed());
        CliRun faulty = daily();
        assertEquals(1, faulty.exitCode(), faulty.stderr());
        assertTrue(json("briefings/2026-11-23/briefing.json").get("incomplete").asBoolean());
        assertEquals(3, json("briefings/2026-11-23/briefing.json").at("/run/failedChunks").size(),
                json("briefings/2026-11-23/briefing.json").at("/run/failedChunks").toString());
        callsAndReset();

        for (int i = 0; i < 3; i++) {
            DailySeeds.stubMap(ollama, seeds.get(i), DailySeeds.chat(DailySeeds.fixture(DailySeeds.FIXTURES.get(i))));
        }
        CliRun clean = daily();
        assertEquals(0, clean.exitCode(), clean.stderr());
        assertEquals(List.of(map(0), map(1), map(2), "synthesize").stream().sorted().toList(), callsAndReset(),
                "every failed call is sent again: none of the unusable replies was kept");
        assertFalse(json("briefings/2026-11-23/briefing.json").get("incomplete").asBoolean());
        String history = cli("history").stdout();
        assertTrue(history.lines().skip(1).findFirst().orElseThrow().endsWith(" complete"), history);
    }

    /**
     * Issue 15, item 8, through the command line: 64 bytes flipped in the middle of the store.
     * {@code daily} and {@code history} refuse it (exit 2, the fix named), send no model call and
     * leave the file byte for byte as it was.
     */
    @Test
    void should_refuse_a_damaged_store_send_nothing_and_leave_it_as_it_is() throws IOException {
        DailySeeds.copy(work, "news", seeds.get(0));
        Path db = work.resolve("store.db");
        try (dev.briefing.store.Store store = dev.briefing.store.Store.open(db)) {
            for (int i = 0; i < 400; i++) {
                store.putReply(new dev.briefing.store.Store.CachedCall(new dev.briefing.store.CacheKey("k" + i, "{}",
                        "in", "map", "ph"), "qwen2.5:7b", "map 000 chunk 1/1", new dev.briefing.llm.ModelReply(
                        "{\"events\":[]} " + "数据".repeat(200) + i, 120, 30, dev.briefing.llm.FinishReason.STOP, 900)));
            }
        }
        byte[] bytes = Files.readAllBytes(db);
        int page = 4096;
        int middle = (bytes.length / page / 2) * page;
        for (int i = 0; i < 64; i++) {
            bytes[middle + 8 + i] ^= (byte) 0x5A;
        }
        Files.write(db, bytes);

        CliRun run = daily("--db", "store.db");
        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().startsWith("error: the store " + db + " is damaged ("), run.stderr());
        assertTrue(run.stderr().contains(".recover"), run.stderr());
        assertFalse(run.stderr().contains("Exception"), run.stderr());
        assertEquals(List.of(), callsAndReset(), "no model call on a damaged store");
        assertFalse(Files.exists(work.resolve("briefings")), "nothing written");
        CliRun history = cli("history", "--db", "store.db");
        assertEquals(2, history.exitCode(), history.stderr());
        assertTrue(java.util.Arrays.equals(bytes, Files.readAllBytes(db)), "not written to");
    }
}
