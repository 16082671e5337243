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
        assertEquals(dated, tab.evaluate("document.querySelectorAll('ol.tl .tl-ev').length").asLong());
        assertEquals(briefing.events().size(), tab.evaluate("document.querySelectorAll('li.event').length").asLong());
        assertEquals(4, tab.evaluate("document.querySelectorAll('ol.tl .tl-ev.new').length").asLong());
        assertTrue(tab.evaluate("document.body.innerText").asText().contains("另有 2 个事件日期不详"));
        assertPng(tab.screenshot(Chromium.ARTIFACTS.resolve("briefing-daily.png")));
    }

    @Test
    void should_keep_same_day_events_apart_on_the_timeline() throws IOException {
        tab.load(write("daily/briefing.html", HtmlRenderer.page(crowdedDay(), SampleBriefing.sourceArticles())));

        JsonNode boxes = tab.evaluate("[...document.querySelectorAll('ol.tl .tl-ev')].map(m => {"
                + " const t = m.querySelector('.tl-label').getBoundingClientRect();"
                + " const c = m.querySelector('.tl-dot').getBoundingClientRect();"
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
            tab.hover("ol.tl .tl-ev a");
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
        HtmlRenderer.Options linked = HtmlRenderer.Options.defaults().withIndex("../index.html");
        write("briefings/2026-11-22/briefing.html", HtmlRenderer.page(SampleBriefing.briefing(),
                SampleBriefing.sourceArticles(), linked));
        write("briefings/2026-11-23/briefing.html", HtmlRenderer.page(SampleBriefing.dailyBriefing(),
                SampleBriefing.sourceArticles(), linked));
        Path index = write("briefings/index.html", HtmlIndex.page(List.of(
                HtmlIndex.Day.of(LocalDate.of(2026, 11, 22), "2026-11-22/briefing.html", SampleBriefing.briefing()),
                HtmlIndex.Day.of(LocalDate.of(2026, 11, 23), "2026-11-23/briefing.html",
                        SampleBriefing.dailyBriefing()))));

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

        assertEquals(2, tab.evaluate("document.querySelectorAll('ol.days .headline').length").asInt());
        tab.viewport(390, 844, true);
        try {
            assertEquals(0, tab.evaluate("document.documentElement.scrollWidth - window.innerWidth").asInt(),
                    "no sideways scroll at phone width");
            assertPng(tab.screenshot(Chromium.ARTIFACTS.resolve("index-390.png")), 390);
        } finally {
            tab.viewport(1200, 900, false);
        }

        tab.load(links.get(0));
        assertEquals(List.of(), tab.problems());
        assertTrue(tab.evaluate("document.querySelector('h1').innerText").asText().contains("2026-11-23"));
        tab.evaluate("document.querySelector('header nav a').click()");
        String at = "";
        for (int i = 0; i < 50 && !at.equals(index.toUri().toString()); i++) {
            sleep(100);
            at = tab.evaluate("location.href").asText();
        }
        assertEquals(index.toUri().toString(), at, "and back to the index");
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
            assertEquals(dated, tab.evaluate("document.querySelectorAll('ol.tl .tl-ev').length").asLong(), link);
            assertEquals(work.resolve("briefings/index.html").toUri().toString(),
                    tab.evaluate("document.querySelector('header nav a').href").asText(), "the day links back");
            assertEquals(briefing.get("events").size(),
                    tab.evaluate("document.querySelectorAll('li.event').length").asLong(), link);
        }
        assertPng(tab.screenshot(Chromium.ARTIFACTS.resolve("daily-run-page.png")));
    }

    @Test
    void should_lay_out_3_and_300_events_at_desktop_and_phone_width_in_light_and_dark() throws IOException {
        for (int events : new int[] {3, 300}) {
            Path page = write("layout/briefing-" + events + ".html", HtmlRenderer.page(manyEvents(events),
                    SampleBriefing.sourceArticles()));
            for (int width : new int[] {1200, 390}) {
                for (String scheme : new String[] {"light", "dark"}) {
                    String name = "briefing-" + width + "-" + events + "-" + scheme;
                    tab.viewport(width, width > 600 ? 900 : 844, width < 600);
                    tab.emulateMedia("", scheme);
                    try {
                        tab.load(page);
                        assertEquals(List.of(), tab.problems(), name);
                        assertLayout(name, width, events, scheme);
                        // The parts a person looks at: the top of the page to the timeline, the actors, the warnings.
                        assertPng(tab.screenshot(Chromium.ARTIFACTS.resolve(name + "-top.png"), "header", "figure.timeline"),
                                width);
                        tab.screenshot(Chromium.ARTIFACTS.resolve(name + "-actors.png"), "#actors", "#claims h2");
                        tab.screenshot(Chromium.ARTIFACTS.resolve(name + "-end.png"), "#warnings", "#article-1 h3");
                    } finally {
                        tab.emulateMedia("", "");
                        tab.viewport(1200, 900, false);
                    }
                }
            }
        }
    }

    private static void assertLayout(String name, int width, int events, String scheme) {
        assertEquals(width, tab.evaluate("window.innerWidth").asInt(), name);
        assertEquals(0, tab.evaluate("document.documentElement.scrollWidth - window.innerWidth").asInt(),
                name + ": the page does not scroll sideways");
        JsonNode wide = tab.evaluate("[...document.querySelectorAll('main *')].filter(e =>"
                + " e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.tagName + '.' + e.className)");
        assertEquals(0, wide.size(), name + ": nothing reaches past the right edge: " + wide);

        // Actor names are whole: each on one line, one line tall.
        JsonNode names = tab.evaluate("[...document.querySelectorAll('table.actors th.name > span:first-child')].map(s"
                + " => ({name: s.textContent, lines: s.getClientRects().length, height: s.getBoundingClientRect().height,"
                + " line: parseFloat(getComputedStyle(s.parentElement).lineHeight)}))");
        assertEquals(ACTORS.size(), names.size(), name);
        for (JsonNode n : names) {
            // A Chinese name never breaks; a Latin one only at its spaces.
            int words = n.get("name").asText().split(" ").length;
            assertTrue(n.get("lines").asInt() <= words, name + ": " + n);
            assertTrue(n.get("height").asDouble() <= n.get("line").asDouble() * (words + 0.2), name + ": " + n);
        }

        // The timeline: one mark per event, labels readable, never a tall stack.
        assertEquals(events, tab.evaluate("document.querySelectorAll('ol.tl .tl-ev').length").asInt(), name);
        boolean compact = tab.evaluate("document.querySelector('ol.tl').classList.contains('compact')").asBoolean();
        assertEquals(events > TimelineHtml.COMPACT_EVENTS, compact, name);
        double timeline = tab.evaluate("document.querySelector('ol.tl').getBoundingClientRect().height").asDouble();
        double viewport = tab.evaluate("window.innerHeight").asDouble();
        if (events == 300) {
            assertTrue(timeline < (width > 600 ? 0.9 : 3) * viewport, name + ": 300 events in " + timeline + " px");
            assertEquals("none", tab.evaluate("getComputedStyle(document.querySelector('.tl-label')).display").asText(),
                    name + ": dots, labels on hover");
            tab.evaluate("document.querySelectorAll('.tl-ev a')[299].focus()");
            JsonNode label = tab.evaluate("(() => { const l = document.querySelectorAll('.tl-label')[299];"
                    + " const r = l.getBoundingClientRect(); return {display: getComputedStyle(l).display,"
                    + " left: r.left, right: r.right, height: r.height,"
                    + " line: parseFloat(getComputedStyle(l).lineHeight)}; })()");
            assertEquals("block", label.get("display").asText(), name + ": the label on keyboard focus");
            assertTrue(label.get("left").asDouble() >= 0 && label.get("right").asDouble() <= width, name + ": " + label);
            assertTrue(label.get("height").asDouble() < label.get("line").asDouble() * 6, name + ": " + label);
            tab.evaluate("document.activeElement.blur()");
        } else {
            JsonNode labels = tab.evaluate("[...document.querySelectorAll('.tl-label')].map(l => ({h:"
                    + " l.getBoundingClientRect().height, w: l.getBoundingClientRect().width,"
                    + " line: parseFloat(getComputedStyle(l).lineHeight)}))");
            for (JsonNode l : labels) {
                assertTrue(l.get("w").asDouble() > 100, name + ": a label has room: " + labels);
                assertTrue(l.get("h").asDouble() <= l.get("line").asDouble() * 3.2, name + ": at most 3 lines: " + labels);
            }
        }
        JsonNode cells = tab.evaluate("[...document.querySelectorAll('ol.tl > li.tl-day')].map(d =>"
                + " [d.getBoundingClientRect().left, d.getBoundingClientRect().top, d.getBoundingClientRect().width])");
        for (int i = 1; i < cells.size(); i++) {
            if (width < 600) {
                assertEquals(cells.get(0).get(0).asDouble(), cells.get(i).get(0).asDouble(), 0.5, name + ": one column");
                assertTrue(cells.get(i).get(1).asDouble() > cells.get(i - 1).get(1).asDouble(), name + ": top to bottom");
            }
            assertTrue(cells.get(i).get(2).asDouble() >= 150, name + ": a day cell is not squeezed: " + cells.get(i));
        }

        // Colours follow prefers-color-scheme.
        double background = luminance(tab.evaluate("getComputedStyle(document.body).backgroundColor").asText());
        double ink = luminance(tab.evaluate("getComputedStyle(document.body).color").asText());
        if (scheme.equals("dark")) {
            assertTrue(background < 0.1 && ink > 0.6, name + ": light on dark " + background + "/" + ink);
        } else {
            assertTrue(background > 0.9 && ink < 0.1, name + ": dark on light " + background + "/" + ink);
        }
    }

    @Test
    void should_print_each_quote_with_a_short_reference_not_the_title() throws IOException {
        tab.load(write("sample/briefing.html", HtmlRenderer.page(SampleBriefing.briefing(),
                SampleBriefing.sourceArticles())));
        tab.emulateMedia("print");
        try {
            String summary = tab.evaluate("document.querySelector('#summary').innerText").asText();
            assertTrue(summary.contains("（来源 1 ¶2）"), summary);
            assertTrue(!summary.contains("中美经贸会谈在日内瓦举行"), "no title in the printed quotes: " + summary);
            String all = tab.evaluate("document.body.innerText").asText();
            assertEquals(1, all.split("中美经贸会谈在日内瓦举行", -1).length - 1, "the title printed once: " + all);
        } finally {
            tab.emulateMedia("");
        }
    }

    /** Relative luminance (0 black, 1 white) of a computed {@code rgb(r, g, b)} colour. */
    private static double luminance(String rgb) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)").matcher(rgb);
        assertTrue(m.find(), rgb);
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(m.group(i + 1)) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    private static final List<String> ACTORS = List.of("乌克兰", "俄罗斯联邦", "美国", "联合国安全理事会",
            "North Atlantic Treaty Organization", "國際原子能總署");

    /**
     * The sample with {@code n} dated events over about a month (a few days crowded, most quiet,
     * titles short and long, Chinese and English) and actors whose roles are long enough to
     * squeeze the name column.
     */
    static Briefing manyEvents(int n) {
        Briefing sample = SampleBriefing.briefing();
        Citation c = SampleBriefing.TALKS;
        String[] titles = {"乌克兰与俄罗斯代表在伊斯坦布尔举行新一轮停火谈判", "外交部举行例行记者会",
                "Security Council meets on the humanitarian corridor proposal", "国际原子能机构派员视察扎波罗热核电站，评估安全状况并提交报告",
                "美方宣布新一轮援助", "歐盟外長會議討論對俄制裁"};
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int day = n <= 3 ? i * 4 : (i * i * 7 + i * 3) % 29;
            events.add(new Event("m" + i, LocalDate.of(2026, 10, 25).plusDays(day), null,
                    titles[i % titles.length] + (n > 3 ? "（" + (i + 1) + "）" : ""), "", null, List.of(), List.of(c)));
        }
        List<Briefing.Actor> actors = new ArrayList<>();
        for (int i = 0; i < ACTORS.size(); i++) {
            actors.add(new Briefing.Actor("x" + i, ACTORS.get(i), i == 0 ? List.of("乌方", "基辅") : List.of(),
                    i % 2 == 0 ? dev.briefing.map.ActorType.COUNTRY : dev.briefing.map.ActorType.ORGANIZATION,
                    "在本轮谈判中提出停火方案，并要求国际社会就人道主义走廊、战俘交换和核电站安全提供保障，同时表示不接受任何以领土换和平的安排",
                    List.of(SampleBriefing.TALKS, SampleBriefing.US_SIDE)));
        }
        return new Briefing(sample.language(), sample.articles(), sample.summary(), events, actors, sample.claims(),
                sample.disagreements(), sample.openQuestions(), sample.incomplete(),
                List.of("summary dropped: it pointed at no note that exists", "a2 的编码按 Big5 推测"), sample.run());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
        assertPng(file, 800);
    }

    private static void assertPng(Path file, int minWidth) throws IOException {
        byte[] png = Files.readAllBytes(file);
        assertTrue(png.length > 2000, file + " is " + png.length + " bytes");
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A},
                java.util.Arrays.copyOf(png, 8), "PNG signature");
        assertEquals("IHDR", new String(png, 12, 4, StandardCharsets.US_ASCII));
        int width = ByteBuffer.wrap(png, 16, 4).getInt();
        int height = ByteBuffer.wrap(png, 20, 4).getInt();
        assertTrue(width >= minWidth && height >= 300, width + "x" + height);
        assertEquals("IEND", new String(png, png.length - 8, 4, StandardCharsets.US_ASCII), "complete");
    }
}
