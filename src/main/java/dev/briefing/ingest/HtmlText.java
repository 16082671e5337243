package dev.briefing.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** The readable text of an HTML page: the title first, then one line per block. */
final class HtmlText {
    /** Page chrome and code, never article text. */
    private static final String DROPPED = "script, style, noscript, template, nav, header, footer, aside, form, iframe";

    /** Elements that start a new line. Inline elements (a, span, b) stay within the line. */
    private static final Set<String> BLOCKS = Set.of(
            "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "pre", "td", "th",
            "tr", "ul", "ol", "dl", "dt", "dd", "table", "section", "article", "main", "figure",
            "figcaption", "address", "br", "hr");

    private HtmlText() {
    }

    /** True when text is an HTML document rather than text that mentions a tag. */
    static boolean looksLikeHtml(String text) {
        String head = text.stripLeading();
        head = head.substring(0, Math.min(head.length(), 20)).toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html");
    }

    static String extract(String html) {
        Document doc = Jsoup.parse(html);
        // The first <h1> is looked up before the page chrome goes: articles often put their
        // headline inside <header>.
        String title = doc.title().strip();
        if (title.isEmpty()) {
            Element h1 = doc.selectFirst("h1");
            title = h1 == null ? "" : h1.text().strip();
        }
        doc.select(DROPPED).remove();

        List<String> lines = new ArrayList<>();
        if (!title.isEmpty()) {
            lines.add(title);
        }
        LineCollector collector = new LineCollector();
        NodeTraversor.traverse(collector, doc.body());
        collector.flush();
        boolean titleRepeated = false;
        for (String line : collector.lines) {
            // The headline usually appears again as the body's <h1>; keep it once.
            if (!titleRepeated && line.equals(title)) {
                titleRepeated = true;
                continue;
            }
            lines.add(line);
        }
        return String.join("\n", lines);
    }

    private static final class LineCollector implements NodeVisitor {
        private final List<String> lines = new ArrayList<>();
        private final StringBuilder current = new StringBuilder();
        private int preDepth;

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                // Inside <pre> the line breaks are the content; elsewhere they are layout.
                current.append(preDepth > 0 ? text.getWholeText() : text.text());
            } else if (node instanceof Element element && isBlock(element)) {
                flush();
                if (element.normalName().equals("pre")) {
                    preDepth++;
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element element && isBlock(element)) {
                flush();
                if (element.normalName().equals("pre")) {
                    preDepth--;
                }
            }
        }

        void flush() {
            for (String line : current.toString().split("\n")) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty()) {
                    lines.add(trimmed);
                }
            }
            current.setLength(0);
        }

        private static boolean isBlock(Element element) {
            return BLOCKS.contains(element.normalName());
        }
    }
}
