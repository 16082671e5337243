package dev.briefing.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Checks on a generated page as a browser's parser sees it (jsoup is an HTML5 parser). */
public final class HtmlPages {

    /** The only elements our pages use. Anything else in the tree came from unescaped text. */
    private static final Set<String> ELEMENTS = Set.of("#root", "html", "head", "meta", "title", "style", "body",
            "main", "header", "footer", "section", "article", "figure", "div", "span", "p", "h1", "h2", "h3", "a",
            "strong", "code", "br", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "mark",
            "blockquote", "time", "nav", "details", "summary");

    private HtmlPages() {
    }

    public static Document parse(String html) {
        return Jsoup.parse(html);
    }

    /**
     * No element we did not write, no event-handler attribute, no script, one style sheet (ours,
     * in the head), no {@code src}, every link either to an anchor on the page or, when
     * {@code relativeFiles}, to a relative file path; and no {@code http} anywhere in the page.
     */
    public static void assertNothingActive(String html, boolean relativeFiles) {
        Document doc = parse(html);
        Set<String> problems = new java.util.LinkedHashSet<>();
        for (Element e : doc.getAllElements()) {
            if (!ELEMENTS.contains(e.normalName())) {
                problems.add("element <" + e.normalName() + ">");
            }
            for (Attribute a : e.attributes()) {
                String name = a.getKey().toLowerCase();
                if (name.startsWith("on") || name.equals("src") || name.equals("style") || name.equals("autofocus")
                        || name.equals("srcdoc") || name.equals("formaction") || name.equals("xlink:href")) {
                    problems.add("attribute " + name + " on <" + e.normalName() + ">");
                }
                if (name.equals("href")) {
                    String href = a.getValue();
                    boolean anchor = href.startsWith("#");
                    boolean relative = relativeFiles && !href.contains(":") && !href.startsWith("/");
                    if (!anchor && !relative) {
                        problems.add("href " + href);
                    }
                }
            }
        }
        assertEquals(List.of(), List.copyOf(problems));
        assertEquals(1, doc.select("style").size());
        assertEquals("head", doc.selectFirst("style").parent().normalName());
        assertTrue(doc.select("script").isEmpty());
        assertFalse(html.toLowerCase().contains("http:") || html.toLowerCase().contains("https:"),
                "the page names no web address");
        Element csp = doc.selectFirst("meta[http-equiv=Content-Security-Policy]");
        assertEquals(HtmlRenderer.CONTENT_SECURITY_POLICY, csp == null ? null : csp.attr("content"));
    }

    /** Every {@code href="#x"} has an element with id x, and no id is used twice. */
    public static void assertAnchorsResolve(String html) {
        Document doc = parse(html);
        Set<String> ids = new HashSet<>();
        for (Element e : doc.select("[id]")) {
            assertTrue(ids.add(e.id()), "duplicate id " + e.id());
        }
        List<String> dangling = doc.select("a[href^=#]").stream().map(a -> a.attr("href").substring(1))
                .filter(id -> !ids.contains(id)).toList();
        assertEquals(List.of(), dangling);
        assertFalse(doc.select("a[href^=#]").isEmpty(), "the page links within itself");
    }
}
