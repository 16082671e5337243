package dev.briefing.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.render.HtmlIndex.Day;
import java.time.LocalDate;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class HtmlIndexTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    @Test
    void should_list_the_days_newest_first_with_their_counts() {
        String html = HtmlIndex.page(List.of(
                new Day(DAY.minusDays(2), "2026-11-21/briefing.html", 3, 3, 5, false),
                new Day(DAY, "2026-11-23/briefing.html", 4, 1, 6, true),
                new Day(DAY.minusDays(1), "2026-11-22/briefing.html", 2, 0, 2, false)));

        HtmlPages.assertNothingActive(html, true);
        Document doc = HtmlPages.parse(html);
        assertEquals(List.of("2026-11-23", "2026-11-22", "2026-11-21"), doc.select("tbody th a").eachText());
        assertEquals(List.of("2026-11-23/briefing.html", "2026-11-22/briefing.html", "2026-11-21/briefing.html"),
                doc.select("tbody th a").eachAttr("href"));
        Element newest = doc.selectFirst("tbody tr");
        assertEquals(List.of("4", "1", "6"), newest.select("td.n").eachText());
        assertEquals("incomplete", newest.selectFirst(".badge").text());
        assertEquals("complete", doc.select("tbody tr").get(1).select("td").last().text());
    }

    @Test
    void should_escape_the_href() {
        String html = HtmlIndex.page(List.of(new Day(DAY, "a\"><script>x</script>/b&c.html", 1, 1, 1, false)));

        HtmlPages.assertNothingActive(html, true);
        assertTrue(html.contains("href=\"a&quot;&gt;&lt;script&gt;x&lt;/script&gt;/b&amp;c.html\""), html);
        assertEquals("a\"><script>x</script>/b&c.html", HtmlPages.parse(html).selectFirst("tbody a").attr("href"));
    }

    @Test
    void should_accept_only_relative_hrefs_and_counts_that_are_not_negative() {
        for (String href : List.of("javascript:alert(1)", " JavaScript:alert(1)", "http://example.org/x.html",
                "/etc/passwd", "//host/x", "\\\\host\\x", "file:///tmp/x.html", "data:text/html,x", "")) {
            assertThrows(IllegalArgumentException.class, () -> new Day(DAY, href, 1, 1, 1, false), href);
        }
        assertThrows(IllegalArgumentException.class, () -> new Day(DAY, "x.html", -1, 0, 0, false));
        assertThrows(NullPointerException.class, () -> new Day(null, "x.html", 0, 0, 0, false));
        assertEquals("../2026-11-23/briefing.html", new Day(DAY, "../2026-11-23/briefing.html", 0, 0, 0, false).href());
    }

    @Test
    void should_say_so_when_there_is_no_day_yet() {
        String html = HtmlIndex.page(List.of());

        HtmlPages.assertNothingActive(html, true);
        assertEquals("No briefings yet.", HtmlPages.parse(html).selectFirst("main p").text());
    }
}
