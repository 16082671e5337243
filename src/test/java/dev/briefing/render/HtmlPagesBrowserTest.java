package dev.briefing.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.briefing.browser.BrowserPage;
import dev.briefing.browser.Chromium;
import dev.briefing.reduce.Briefing;
import dev.briefing.reduce.Briefing.Event;
import dev.briefing.verify.Citation;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages in a real browser: Debian's headless Chromium (installed by the test when missing,
 * see {@link Chromium}), one browser for the class. Screenshots are left in
 * {@code target/browser-artifacts/}.
 */
class HtmlPagesBrowserTest {

    @TempDir
    static Path dir;

    private static Chromium chromium;
    private static BrowserPage tab;

    @BeforeAll
    static void start() throws IOException {
        chromium = Chromium.launch();
        tab = chromium.newPage();
    }

    @AfterAll
    static void stop() {
        if (tab != null) {
            tab.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void should_load_the_daily_page_without_errors_or_fetches_with_one_mark_per_dated_event() throws IOException {
        Briefing briefing = crowdedDay();
        Path page = write("daily/briefing.html", HtmlRenderer.page(briefing, SampleBriefing.sourceArticles()));

        tab.load(page);

        assertEquals(List.of(), tab.problems(), chromium.stderr());
        assertEquals(List.of(page.toUri().toString()), tab.requests().stream().distinct().toList(),
                "the page fetches nothing but itself");
        long dated = briefing.events().stream().filter(e -> e.date() != null).count();
        assertEquals(6, dated);
        assertEquals(dated, tab.evaluate("document.querySelectorAll('svg.timeline .mark').length").asLong());
        assertEquals(briefing.events().size(), tab.evaluate("document.querySelectorAll('li.event').length").asLong());
        assertEquals(4, tab.evaluate("document.querySelectorAll('svg.timeline .mark.new').length").asLong());
        assertTrue(tab.evaluate("document.body.innerText").asText().contains("另有 2 个事件日期不详"));
        assertPng(tab.screenshot(Chromium.ARTIFACTS.resolve("briefing-daily.png")));
    }

    @Test
    void should_keep_same_day_events_apart_on_the_timeline() throws IOException {
        tab.load(write("daily/briefing.html", HtmlRenderer.page(crowdedDay(), SampleBriefing.sourceArticles())));

        JsonNode boxes = tab.evaluate("[...document.querySelectorAll('svg.timeline .mark')].map(m => {"
                + " const t = m.querySelector('text').getBoundingClientRect();"
                + " const c = m.querySelector('circle').getBoundingClientRect();"
                + " return {date: m.dataset.date, text: [t.left, t.top, t.right, t.bottom],"
                + " dot: [c.left, c.top, c.right, c.bottom]}; })");
        List<double[]> shapes = new ArrayList<>();
        for (JsonNode box : boxes) {
            shapes.add(rect(box.get("text")));
            shapes.add(rect(box.get("dot")));
        }
        assertEquals(12, shapes.size());
        for (int i = 0; i < shapes.size(); i++) {
            double[] a = shapes.get(i);
            assertTrue(a[2] - a[0] > 0 && a[3] - a[1] > 0, "drawn: " + boxes);
            for (int j = i + 1; j < shapes.size(); j++) {
                double[] b = shapes.get(j);
                boolean apart = a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1];
                assertTrue(apart, "marks " + i / 2 + " and " + j / 2 + " overlap: " + boxes);
            }
        }
    }

    @Test
    void should_show_a_citation_quote_on_keyboard_focus_and_on_hover_and_inline_in_print() throws IOException {
        tab.load(write("sample/briefing.html", HtmlRenderer.page(SampleBriefing.briefing(),
                SampleBriefing.sourceArticles())));
        String quoteDisplay = "getComputedStyle(document.querySelectorAll('.cite .quote')[%d]).display";
        assertEquals("none", tab.evaluate(quoteDisplay.formatted(0)).asText());

        tab.evaluate("document.querySelectorAll('.cite a')[0].focus()");
        assertEquals("block", tab.evaluate(quoteDisplay.formatted(0)).asText());
        assertTrue(tab.evaluate("document.querySelectorAll('.cite .quote')[0].getBoundingClientRect().width")
                .asDouble() > 20);
        assertTrue(tab.evaluate("document.querySelectorAll('.cite .quote')[0].innerText").asText()
                .contains(SampleBriefing.TALKS.quote()));
        assertPng(tab.screenshot(Chromium.ARTIFACTS.resolve("briefing-quote-focused.png")));
        tab.evaluate("document.activeElement.blur()");
        assertEquals("none", tab.evaluate(quoteDisplay.formatted(0)).asText());

        tab.hover(".cite:nth-of-type(2) a");
        assertEquals("block", tab.evaluate(
                "getComputedStyle(document.querySelector('.cite:nth-of-type(2) .quote')).display").asText());

        tab.emulateMedia("print");
        try {
            assertEquals("inline", tab.evaluate(quoteDisplay.formatted(3)).asText());
        } finally {
            tab.emulateMedia("");
        }
        assertEquals(List.of(), tab.problems());
    }

    @Test
    void should_follow_a_citation_to_its_paragraph_in_the_appendix() throws IOException {
        tab.load(write("sample/briefing.html", HtmlRenderer.page(SampleBriefing.briefing(),
                SampleBriefing.sourceArticles())));
        String href = tab.evaluate("document.querySelector('#summary .cite a').getAttribute('href')").asText();
        assertEquals(SampleBriefing.TALKS.quote(),
                tab.evaluate("document.querySelector('" + href + " mark').textContent").asText());
        tab.evaluate("document.querySelector('#summary .cite a').click()");
        assertEquals(href, tab.evaluate("location.hash").asText());
        assertEquals(href.substring(1), tab.evaluate("document.querySelector(':target').id").asText());
    }

    @Test
    void should_show_a_hostile_article_as_text_and_run_none_of_it() throws IOException {
        String html = HtmlRenderer.page(HostileBriefing.briefing(), HostileBriefing.articles());
        String csp = "<meta http-equiv=\"Content-Security-Policy\" content=\"" + HtmlRenderer.CONTENT_SECURITY_POLICY
                + "\">";
        assertTrue(html.contains(csp));
        // With the policy, and without it: the escaping alone must hold.
        for (String variant : List.of(html, html.replace(csp, ""))) {
            tab.load(write("hostile/briefing.html", variant));

            assertTrue(tab.evaluate("window.__pwned === undefined").asBoolean(), "a hostile string ran");
            String text = tab.evaluate("document.body.innerText").asText();
            assertTrue(text.contains(HostileBriefing.SCRIPT), "shown literally");
            assertTrue(text.contains(HostileBriefing.IMG), "shown literally");
            assertTrue(text.contains(HostileBriefing.ENTITY), "shown literally");
            assertEquals(0, tab.evaluate("document.querySelectorAll('script, img, iframe, object, embed,"
                    + " [onerror], [onload], [onfocus], [autofocus]').length").asInt());
            tab.evaluate("document.querySelectorAll('.cite a').forEach(a => a.focus())");
            tab.hover("svg.timeline .mark a");
            assertTrue(tab.evaluate("window.__pwned === undefined").asBoolean(), "ran on focus or hover");
            assertEquals(List.of(), tab.problems());
            assertTrue(tab.requests().stream().allMatch(u -> u.startsWith("file:")), tab.requests().toString());
        }
        assertPng(tab.screenshot(Chromium.ARTIFACTS.resolve("briefing-hostile.png")));
    }

    @Test
    void should_catch_script_errors_and_fetches_on_a_page_that_has_them() throws IOException {
        // The checks above must be able to fail: a page that misbehaves is caught by each of them.
        tab.load(write("control/bad.html", "<!DOCTYPE html><html><body><p>control</p><img src=\"missing.png\">"
                + "<script>console.error('boom'); window.__pwned = 1; noSuchFunction();</script></body></html>"));

        assertEquals(1, tab.evaluate("window.__pwned").asInt());
        List<String> problems = tab.problems();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("console.error") && p.contains("boom")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("exception") && p.contains("noSuchFunction")),
                problems.toString());
        assertTrue(tab.requests().stream().anyMatch(u -> u.endsWith("missing.png")), tab.requests().toString());
    }

    @Test
    void should_load_the_index_and_link_every_day_to_its_page() throws IOException {
        Path briefings = dir.resolve("briefings");
        write("briefings/2026-11-22/briefing.html", HtmlRenderer.page(SampleBriefing.briefing(),
                SampleBriefing.sourceArticles()));
        write("briefings/2026-11-23/briefing.html", HtmlRenderer.page(SampleBriefing.dailyBriefing(),
                SampleBriefing.sourceArticles()));
        Path index = write("briefings/index.html", HtmlIndex.page(List.of(
                new HtmlIndex.Day(LocalDate.of(2026, 11, 22), "2026-11-22/briefing.html", 2, 2, 3, true),
                new HtmlIndex.Day(LocalDate.of(2026, 11, 23), "2026-11-23/briefing.html", 2, 1, 3, true))));

        tab.load(index);

        assertEquals(List.of(), tab.problems());
        List<String> links = new ArrayList<>();
        tab.evaluate("[...document.querySelectorAll('a')].map(a => a.href)").forEach(l -> links.add(l.asText()));
        assertEquals(List.of(briefings.resolve("2026-11-23/briefing.html").toUri().toString(),
                briefings.resolve("2026-11-22/briefing.html").toUri().toString()), links, "newest first");
        for (String link : links) {
            assertTrue(Files.isRegularFile(Path.of(URI.create(link))), link);
        }
        assertPng(tab.screenshot(Chromium.ARTIFACTS.resolve("index.png")));

        tab.load(links.get(0));
        assertEquals(List.of(), tab.problems());
        assertTrue(tab.evaluate("document.querySelector('h1').innerText").asText().contains("2026-11-23"));
    }

    @Test
    void should_open_what_two_real_daily_runs_wrote_from_the_index_with_one_mark_per_dated_event() throws Exception {
        // The real CLI, store and LangChain4j client against a WireMock Ollama: two days of the seeds.
        List<dev.briefing.normalize.Article> seeds = dev.briefing.daily.DailySeeds.articles();
        com.github.tomakehurst.wiremock.WireMockServer ollama = dev.briefing.daily.DailySeeds.ollama(seeds);
        Path work = dir.resolve("daily-run");
        try {
            Map<String, String> env = Map.of("OLLAMA_HOST", dev.briefing.ollama.OllamaStubs.baseUrl(ollama));
            dev.briefing.daily.DailySeeds.copy(work, "news", seeds.get(0), seeds.get(1));
            dev.briefing.cli.CliRun first = dev.briefing.cli.CliRun.run(work,
                    dev.briefing.cli.OllamaBackend::create, env, "", "daily", "--inbox", "news", "--date", "2026-11-22");
            assertEquals(0, first.exitCode(), first.stderr());
            dev.briefing.daily.DailySeeds.copy(work, "news", seeds.get(2));
            dev.briefing.cli.CliRun second = dev.briefing.cli.CliRun.run(work,
                    dev.briefing.cli.OllamaBackend::create, env, "", "daily", "--inbox", "news", "--date", "2026-11-23");
            assertEquals(0, second.exitCode(), second.stderr());
        } finally {
            ollama.stop();
        }

        tab.load(work.resolve("briefings/index.html"));
        assertEquals(List.of(), tab.problems(), chromium.stderr());
        List<String> links = new ArrayList<>();
        tab.evaluate("[...document.querySelectorAll('a')].map(a => a.href)").forEach(l -> links.add(l.asText()));
        assertEquals(2, links.size(), links.toString());
        for (String link : links) {
            Path page = Path.of(URI.create(link));
            JsonNode briefing = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(Files.readString(page.resolveSibling("briefing.json")));
            long dated = 0;
            for (JsonNode event : briefing.get("events")) {
                dated += event.get("date").isNull() ? 0 : 1;
            }
            tab.load(link);
            assertEquals(List.of(), tab.problems(), link + "\n" + chromium.stderr());
            assertTrue(dated > 0, link);
            assertEquals(dated, tab.evaluate("document.querySelectorAll('svg.timeline .mark').length").asLong(), link);
            assertEquals(briefing.get("events").size(),
                    tab.evaluate("document.querySelectorAll('li.event').length").asLong(), link);
        }
        assertPng(tab.screenshot(Chromium.ARTIFACTS.resolve("daily-run-page.png")));
    }

    /** The daily sample with six dated events, four of them on one day, and two undated. */
    private static Briefing crowdedDay() {
        Briefing daily = SampleBriefing.dailyBriefing();
        Citation c = SampleBriefing.TALKS;
        List<Event> events = new ArrayList<>(daily.events());
        List<Briefing.EventChange> changes = new ArrayList<>(daily.changes().events());
        String[] titles = {"中美双方同日发表联合声明，宣布成立经贸磋商工作组", "Same-day event with a long English title",
                "外交部举行例行记者会"};
        for (int i = 0; i < titles.length; i++) {
            events.add(new Event("d" + i, LocalDate.of(2025, 10, 16), null, titles[i], "", null, List.of(), List.of(c)));
            changes.add(new Briefing.EventChange("d" + i, Briefing.Novelty.NEW, List.of()));
        }
        events.add(new Event("later", LocalDate.of(2025, 10, 20), null, "后续会谈筹备", "", null, List.of(), List.of(c)));
        events.add(new Event("earlier", LocalDate.of(2025, 10, 15), null, "代表团抵达日内瓦", "", null, List.of(),
                List.of(c)));
        changes.add(new Briefing.EventChange("later", Briefing.Novelty.NEW, List.of()));
        return HtmlRendererTest.withEvents(daily, events).withChanges(new Briefing.Changes(daily.changes().day(),
                daily.changes().since(), daily.changes().newArticles(), changes));
    }

    private static Path write(String name, String html) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, html, StandardCharsets.UTF_8);
        return file;
    }

    private static double[] rect(JsonNode box) {
        return new double[] {box.get(0).asDouble(), box.get(1).asDouble(), box.get(2).asDouble(), box.get(3).asDouble()};
    }

    /** A PNG with a real picture: the signature, and an image header with a sensible size. */
    private static void assertPng(Path file) throws IOException {
        byte[] png = Files.readAllBytes(file);
        assertTrue(png.length > 2000, file + " is " + png.length + " bytes");
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A},
                java.util.Arrays.copyOf(png, 8), "PNG signature");
        assertEquals("IHDR", new String(png, 12, 4, StandardCharsets.US_ASCII));
        int width = ByteBuffer.wrap(png, 16, 4).getInt();
        int height = ByteBuffer.wrap(png, 20, 4).getInt();
        assertTrue(width >= 800 && height >= 300, width + "x" + height);
        assertEquals("IEND", new String(png, png.length - 8, 4, StandardCharsets.US_ASCII), "complete");
    }
}
