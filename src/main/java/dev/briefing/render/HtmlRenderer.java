package dev.briefing.render;

import dev.briefing.normalize.Article;
import dev.briefing.normalize.Paragraph;
import dev.briefing.reduce.Briefing;
import dev.briefing.reduce.Briefing.Actor;
import dev.briefing.reduce.Briefing.ArticleRef;
import dev.briefing.reduce.Briefing.Changes;
import dev.briefing.reduce.Briefing.Disagreement;
import dev.briefing.reduce.Briefing.EarlierEvent;
import dev.briefing.reduce.Briefing.Event;
import dev.briefing.reduce.Briefing.EventChange;
import dev.briefing.reduce.Briefing.FailedChunk;
import dev.briefing.reduce.Briefing.Novelty;
import dev.briefing.reduce.Briefing.OpenQuestion;
import dev.briefing.reduce.Briefing.Position;
import dev.briefing.reduce.Briefing.RunSummary;
import dev.briefing.render.MarkdownRenderer.Labels;
import dev.briefing.verify.Citation;
import dev.briefing.verify.QuoteMatcher;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * briefing.html: one self-contained page per briefing. Inline CSS, no script, no external
 * resource (a Content-Security-Policy meta tag forbids any), readable offline and printable.
 *
 * <p>Sections: summary; what is new (daily briefings only); the timeline as SVG with one mark
 * per dated event, then every event listed (undated ones too, said so); actors with their
 * role and how many articles name them; disagreements with the positions side by side; open
 * questions; a sources appendix with every cited paragraph, its quotes highlighted. Each
 * citation is a numbered link to its paragraph in the appendix that shows its quote on hover
 * or keyboard focus (CSS only) and inline when printed.
 *
 * <p>Every string from an article, the model or the run goes through {@link Html#escape};
 * ids and link targets are built from our own counters, never from that text.
 */
public final class HtmlRenderer {

    /** The page's policy: no script, no fetch of any kind; only its own inline style. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private HtmlRenderer() {
    }

    /**
     * @param articles the briefing's cleaned articles, for the cited paragraphs' text in the
     *                 appendix; an article or paragraph missing here is shown by its quotes alone
     */
    public static String page(Briefing briefing, List<Article> articles) {
        return new Rendering(briefing, articles).render();
    }

    /** One rendering: labels, lookups and the citation numbering for one page. */
    private static final class Rendering {
        private final Briefing briefing;
        private final Labels labels;
        private final Words words;
        private final Map<String, Article> texts;
        private final Map<String, ArticleRef> refs;
        private final Map<String, Integer> articleNumbers = new LinkedHashMap<>();
        private final Map<String, Actor> actors;
        private final Map<String, EventChange> changes = new HashMap<>();
        private final Set<String> newArticles = new LinkedHashSet<>();
        private final Map<Citation, Integer> numbers = new LinkedHashMap<>();
        private int quoteIds;
        private final StringBuilder out = new StringBuilder(32_768);

        Rendering(Briefing briefing, List<Article> articles) {
            this.briefing = briefing;
            this.labels = Labels.of(briefing.language());
            this.words = Words.of(Labels.variant(briefing.language()));
            this.texts = articles.stream()
                    .collect(Collectors.toMap(Article::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
            this.refs = briefing.articles().stream()
                    .collect(Collectors.toMap(ArticleRef::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
            this.actors = briefing.actors().stream()
                    .collect(Collectors.toMap(Actor::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
            refs.keySet().forEach(this::articleNumber);
            if (briefing.changes() != null) {
                briefing.changes().events().forEach(c -> changes.putIfAbsent(c.event(), c));
                newArticles.addAll(briefing.changes().newArticles());
            }
        }

        String render() {
            head();
            out.append("<body>\n<main>\n");
            header();
            summary();
            whatIsNew();
            timeline();
            actorSection();
            claimSection();
            disagreements();
            openQuestions();
            warnings();
            appendix();
            footer();
            out.append("</main>\n</body>\n</html>\n");
            return out.toString();
        }

        private void head() {
            out.append("<!DOCTYPE html>\n<html lang=\"").append(esc(briefing.language().strip())).append("\">\n<head>\n")
                    .append("<meta charset=\"utf-8\">\n")
                    .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                    .append(CONTENT_SECURITY_POLICY).append("\">\n")
                    .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                    .append("<meta name=\"generator\" content=\"briefing\">\n")
                    .append("<title>").append(esc(labels.title() + " " + day())).append("</title>\n")
                    .append("<style>\n").append(PageStyle.CSS).append("</style>\n</head>\n");
        }

        private String day() {
            return briefing.changes() != null ? briefing.changes().day().toString()
                    : DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(briefing.run().startedAt());
        }

        private void header() {
            out.append("<header>\n<h1>").append(esc(labels.title())).append(" <span class=\"day\">")
                    .append(esc(day())).append("</span></h1>\n");
            RunSummary run = briefing.run();
            out.append("<p class=\"meta\">").append(esc(words.generated)).append(' ')
                    .append(esc(DateTimeFormatter.ISO_INSTANT.format(run.startedAt()))).append(" · ")
                    .append(esc(words.articleCount(briefing.articles().size()))).append("</p>\n");
            if (briefing.incomplete()) {
                List<FailedChunk> failed = run.failedChunks();
                out.append("<div class=\"alert\" role=\"alert\"><strong>").append(esc(labels.incomplete()))
                        .append("</strong> ").append(esc(labels.incompleteText(failed.size())));
                if (!failed.isEmpty()) {
                    out.append("<ul>");
                    for (FailedChunk chunk : failed) {
                        out.append("<li><code>").append(esc(chunk.chunk())).append("</code>").append(esc(labels.colon()))
                                .append(esc(chunk.reason())).append("</li>");
                    }
                    out.append("</ul>");
                }
                out.append("</div>\n");
            }
            out.append("</header>\n");
        }

        private void summary() {
            section("summary", labels.summary());
            List<String> paragraphs = new ArrayList<>();
            for (String part : briefing.summary().text().strip().split("\\R\\s*\\R")) {
                if (!part.isBlank()) {
                    paragraphs.add(part.strip());
                }
            }
            String marks = cites(briefing.summary().citations());
            if (paragraphs.isEmpty()) {
                out.append("<p>").append(esc(labels.none())).append(marks).append("</p>\n");
            }
            for (int i = 0; i < paragraphs.size(); i++) {
                out.append("<p>").append(esc(paragraphs.get(i)))
                        .append(i == paragraphs.size() - 1 ? marks : "").append("</p>\n");
            }
            endSection();
        }

        private void whatIsNew() {
            Changes c = briefing.changes();
            if (c == null) {
                return;
            }
            section("changes", words.whatIsNew(c.day().toString(), c.since().toString()));
            long fresh = c.events().stream().filter(e -> e.novelty() == Novelty.NEW).count();
            long developing = c.events().stream().filter(e -> e.novelty() == Novelty.DEVELOPING).count();
            out.append("<p>").append(esc(words.eventCounts(fresh, developing))).append("</p>\n");
            out.append("<h3>").append(esc(words.newArticles)).append("</h3>\n");
            if (c.newArticles().isEmpty()) {
                out.append("<p class=\"none\">").append(esc(words.noNewArticles)).append("</p>\n");
            } else {
                out.append("<ul class=\"new-articles\">\n");
                for (String id : c.newArticles()) {
                    ArticleRef ref = refs.get(id);
                    out.append("<li><a href=\"#article-").append(articleNumber(id)).append("\">")
                            .append(esc(ref == null ? id : ref.title())).append("</a>");
                    if (ref != null && ref.source() != null) {
                        out.append(" <span class=\"muted\">").append(esc(ref.source())).append("</span>");
                    }
                    out.append("</li>\n");
                }
                out.append("</ul>\n");
            }
            endSection();
        }

        private void timeline() {
            section("timeline", labels.timeline());
            List<Event> events = briefing.events();
            if (events.isEmpty()) {
                out.append("<p class=\"none\">").append(esc(labels.none())).append("</p>\n");
                endSection();
                return;
            }
            List<TimelineSvg.Mark> marks = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                Event event = events.get(i);
                if (event.date() != null) {
                    EventChange change = changes.get(event.id());
                    marks.add(new TimelineSvg.Mark("event-" + (i + 1), event.date(), event.title(),
                            change == null ? null : words.badge(change.novelty()),
                            change == null ? null : novelty(change.novelty())));
                }
            }
            long undated = events.size() - marks.size();
            if (marks.isEmpty()) {
                out.append("<p class=\"note\">").append(esc(words.noDatedEvents)).append("</p>\n");
            } else {
                out.append("<figure class=\"timeline\">").append(TimelineSvg.svg(marks, labels.timeline()))
                        .append("</figure>\n");
                if (undated > 0) {
                    out.append("<p class=\"note\">").append(esc(words.undatedNote(undated))).append("</p>\n");
                }
            }
            out.append("<ol class=\"events\">\n");
            for (int i = 0; i < events.size(); i++) {
                event(i, events.get(i));
            }
            out.append("</ol>\n");
            endSection();
        }

        private void event(int index, Event event) {
            EventChange change = changes.get(event.id());
            out.append("<li id=\"event-").append(index + 1).append("\" class=\"event")
                    .append(event.date() == null ? " undated" : "")
                    .append(change == null ? "" : " " + novelty(change.novelty())).append("\">\n");
            out.append("<p class=\"when\">").append(when(event));
            if (change != null) {
                out.append(" <span class=\"badge ").append(novelty(change.novelty())).append("\">")
                        .append(esc(words.badge(change.novelty()))).append("</span>");
            }
            out.append("</p>\n<p><strong>").append(esc(event.title())).append("</strong>");
            if (!event.description().isBlank()) {
                out.append(esc(labels.afterTitle())).append(esc(event.description()));
            }
            out.append(cites(event.citations())).append("</p>\n");
            List<String> details = new ArrayList<>();
            if (event.where() != null && !event.where().isBlank()) {
                details.add(esc(labels.where() + labels.colon() + event.where()));
            }
            if (!event.actors().isEmpty() || !event.otherActors().isEmpty()) {
                details.add(esc(labels.actorsLabel() + labels.colon() + java.util.stream.Stream.concat(
                                event.actors().stream().map(id -> actors.containsKey(id) ? actors.get(id).name() : id),
                                event.otherActors().stream())
                        .collect(Collectors.joining(labels.listSeparator()))));
            }
            if (!details.isEmpty()) {
                out.append("<p class=\"details\">").append(String.join(" · ", details)).append("</p>\n");
            }
            if (change != null && !change.continues().isEmpty()) {
                out.append("<p class=\"continues\">").append(esc(words.continues)).append(esc(labels.colon()));
                List<String> earlier = new ArrayList<>();
                for (EarlierEvent e : change.continues()) {
                    earlier.add("<span class=\"date\">" + esc(e.day().toString()) + "</span> " + esc(e.title()));
                }
                out.append(String.join(esc(labels.listSeparator()), earlier)).append("</p>\n");
            }
            out.append("</li>\n");
        }

        private String when(Event event) {
            String dateText = event.dateText() == null || event.dateText().isBlank() ? null : event.dateText().strip();
            if (event.date() != null) {
                String iso = event.date().toString();
                return "<time datetime=\"" + iso + "\">" + iso + "</time>"
                        + (event.dateBasis() == dev.briefing.map.DateBasis.INFERRED
                                ? "<span class=\"inferred\" title=\"" + esc(labels.inferred().strip()) + "\">"
                                        + esc(labels.inferred()) + "</span>" : "")
                        + (dateText == null || dateText.equals(iso) ? "" : " <span class=\"muted\">(" + esc(dateText) + ")</span>");
            }
            return "<span class=\"undated\">" + esc(labels.undated()) + "</span>"
                    + (dateText == null ? "" : " <span class=\"muted\">(" + esc(dateText) + ")</span>");
        }

        private void actorSection() {
            section("actors", labels.actors());
            if (briefing.actors().isEmpty()) {
                out.append("<p class=\"none\">").append(esc(labels.none())).append("</p>\n");
                endSection();
                return;
            }
            int total = briefing.articles().size();
            out.append("<table class=\"actors\">\n<thead><tr>");
            for (String column : words.actorColumns) {
                out.append("<th scope=\"col\">").append(esc(column)).append("</th>");
            }
            out.append("</tr></thead>\n<tbody>\n");
            for (Actor actor : briefing.actors()) {
                long naming = actor.citations().stream().map(Citation::article).distinct().count();
                out.append("<tr><th scope=\"row\">").append(esc(actor.name()));
                if (!actor.aliases().isEmpty()) {
                    out.append("<br><span class=\"muted\">").append(esc(labels.aliases() + labels.colon()
                            + String.join(labels.listSeparator(), actor.aliases()))).append("</span>");
                }
                out.append("</th><td>").append(esc(labels.type(actor.type()))).append("</td><td>")
                        .append(esc(actor.role())).append("</td><td class=\"count\">")
                        .append(esc(words.naming(naming, total))).append("</td><td>")
                        .append(cites(actor.citations())).append("</td></tr>\n");
            }
            out.append("</tbody>\n</table>\n");
            endSection();
        }

        /** Every claim, under its topic, each with the article that makes it. */
        private void claimSection() {
            section("claims", labels.claims());
            if (briefing.claims().isEmpty()) {
                out.append("<p class=\"none\">").append(esc(labels.none())).append("</p>\n");
                endSection();
                return;
            }
            String topic = null;
            for (Briefing.Claim claim : briefing.claims()) {
                String key = claim.topic().strip();
                if (!key.equals(topic)) {
                    out.append(topic == null ? "" : "</ul>\n").append("<h3>").append(esc(key)).append("</h3>\n")
                            .append("<ul class=\"claims\">\n");
                    topic = key;
                }
                Set<String> sources = new LinkedHashSet<>();
                claim.citations().forEach(c -> sources.add(refs.containsKey(c.article())
                        ? refs.get(c.article()).title() : c.article()));
                out.append("<li class=\"claim\">").append(esc(claim.claim())).append(cites(claim.citations()))
                        .append(" <span class=\"by muted\">").append(esc(String.join(labels.listSeparator(), sources)))
                        .append("</span></li>\n");
            }
            out.append("</ul>\n");
            endSection();
        }

        private void disagreements() {
            section("disagreements", labels.disagreements());
            if (briefing.disagreements().isEmpty()) {
                out.append("<p class=\"none\">").append(esc(labels.none())).append("</p>\n");
            }
            for (Disagreement disagreement : briefing.disagreements()) {
                out.append("<div class=\"disagreement\">\n<h3>").append(esc(disagreement.topic())).append("</h3>\n")
                        .append("<div class=\"positions\">\n");
                for (Position position : disagreement.positions()) {
                    out.append("<div class=\"position\"><p class=\"claim\">").append(esc(position.claim()))
                            .append(cites(position.citations())).append("</p>");
                    Set<String> sources = new LinkedHashSet<>();
                    for (Citation citation : position.citations()) {
                        ArticleRef ref = refs.get(citation.article());
                        sources.add(ref == null ? citation.article()
                                : ref.source() == null ? ref.title() : ref.source() + " · " + ref.title());
                    }
                    out.append("<p class=\"by muted\">").append(esc(String.join(labels.listSeparator(), sources)))
                            .append("</p></div>\n");
                }
                out.append("</div>\n</div>\n");
            }
            endSection();
        }

        private void openQuestions() {
            section("questions", labels.openQuestions());
            if (briefing.openQuestions().isEmpty()) {
                out.append("<p class=\"none\">").append(esc(labels.none())).append("</p>\n");
                endSection();
                return;
            }
            out.append("<ul class=\"questions\">\n");
            for (OpenQuestion question : briefing.openQuestions()) {
                out.append("<li><strong>").append(esc(question.question())).append("</strong>");
                if (!question.context().isBlank()) {
                    out.append("<br>").append(esc(labels.context() + labels.colon() + question.context()));
                }
                out.append(cites(question.citations())).append("</li>\n");
            }
            out.append("</ul>\n");
            endSection();
        }

        private void warnings() {
            if (briefing.warnings().isEmpty()) {
                return;
            }
            section("warnings", labels.warnings());
            out.append("<ul>\n");
            for (String warning : briefing.warnings()) {
                out.append("<li>").append(esc(warning)).append("</li>\n");
            }
            out.append("</ul>\n");
            endSection();
        }

        /** Every article, and under it each cited paragraph with its quotes marked. */
        private void appendix() {
            section("sources", labels.sources());
            // Articles named only by a citation (not in the briefing's list) still get a section, so every link lands.
            numbers.keySet().forEach(c -> articleNumber(c.article()));
            Map<String, Map<Integer, List<Citation>>> cited = new LinkedHashMap<>();
            numbers.keySet().forEach(c -> cited.computeIfAbsent(c.article(), k -> new TreeMap<>())
                    .computeIfAbsent(c.paragraph(), k -> new ArrayList<>()).add(c));
            for (Map.Entry<String, Integer> entry : articleNumbers.entrySet()) {
                String id = entry.getKey();
                ArticleRef ref = refs.get(id);
                Article text = texts.get(id);
                String title = ref != null ? ref.title() : text != null ? text.title() : id;
                out.append("<article class=\"source\" id=\"article-").append(entry.getValue()).append("\">\n<h3>")
                        .append(esc(title));
                if (ref != null && ref.titleDerived()) {
                    out.append("<span class=\"derived-title\">").append(esc(MarkdownRenderer.Labels.derivedTitle(
                            labels.variant()))).append("</span>");
                }
                if (newArticles.contains(id)) {
                    out.append(" <span class=\"badge new\">").append(esc(words.badge(Novelty.NEW))).append("</span>");
                }
                out.append("</h3>\n<p class=\"meta\">");
                List<String> meta = new ArrayList<>();
                String source = ref != null ? ref.source() : text != null ? text.source() : null;
                if (source != null) {
                    meta.add(esc(words.publisher + labels.colon() + source));
                }
                String path = ref != null ? ref.path() : text != null ? text.path() : null;
                if (path != null) {
                    meta.add(esc(words.file + labels.colon()) + "<code>" + esc(path) + "</code>");
                }
                meta.add(esc(words.id + labels.colon()) + "<code>" + esc(id) + "</code>");
                if (ref != null) {
                    meta.add(esc(words.paragraphCount(ref.paragraphs())));
                }
                out.append(String.join(" · ", meta)).append("</p>\n");
                Map<Integer, List<Citation>> paragraphs = cited.getOrDefault(id, Map.of());
                if (paragraphs.isEmpty()) {
                    out.append("<p class=\"none\">").append(esc(words.notCited)).append("</p>\n");
                } else {
                    out.append("<ol class=\"paragraphs\">\n");
                    paragraphs.forEach((n, citations) -> paragraph(entry.getValue(), text, n, citations));
                    out.append("</ol>\n");
                }
                out.append("</article>\n");
            }
            endSection();
        }

        private void paragraph(int articleNumber, Article article, int n, List<Citation> citations) {
            out.append("<li class=\"para\" value=\"").append(n).append("\" id=\"").append(anchor(articleNumber, n))
                    .append("\"><span class=\"pnum\">¶").append(n).append("</span> <span class=\"cited-by\">");
            out.append(citations.stream().map(c -> "[" + numbers.get(c) + "]").distinct().collect(Collectors.joining()))
                    .append("</span>\n");
            Paragraph paragraph = article == null ? null : article.paragraph(n).orElse(null);
            if (paragraph == null) {
                out.append("<p class=\"note\">").append(esc(words.paragraphUnavailable)).append("</p>\n");
                for (Citation c : citations) {
                    out.append("<blockquote><mark>").append(esc(c.quote())).append("</mark></blockquote>\n");
                }
            } else {
                List<int[]> spans = new ArrayList<>();
                List<Citation> unplaced = new ArrayList<>();
                for (Citation c : citations) {
                    int[] span = locate(paragraph.text(), c.quote());
                    if (span == null) {
                        unplaced.add(c);
                    } else {
                        spans.add(span);
                    }
                }
                out.append("<p class=\"text\">").append(highlighted(paragraph.text(), spans)).append("</p>\n");
                for (Citation c : unplaced) {
                    out.append("<p class=\"note\">").append(esc(words.quoted + labels.colon())).append("<mark>")
                            .append(esc(c.quote())).append("</mark></p>\n");
                }
            }
            out.append("</li>\n");
        }

        /** Where the quote stands in the paragraph: as cut by verification, or found again as it matched. */
        private static int[] locate(String paragraph, String quote) {
            int at = paragraph.indexOf(quote);
            if (at < 0) {
                String found = QuoteMatcher.locate(paragraph, quote).orElse(null);
                at = found == null || found.isEmpty() ? -1 : paragraph.indexOf(found);
                return at < 0 ? null : new int[] {at, at + found.length()};
            }
            return new int[] {at, at + quote.length()};
        }

        private static String highlighted(String text, List<int[]> spans) {
            List<int[]> sorted = spans.stream().sorted((a, b) -> Integer.compare(a[0], b[0])).toList();
            List<int[]> merged = new ArrayList<>();
            for (int[] span : sorted) {
                if (!merged.isEmpty() && span[0] <= merged.get(merged.size() - 1)[1]) {
                    int[] last = merged.get(merged.size() - 1);
                    last[1] = Math.max(last[1], span[1]);
                } else {
                    merged.add(new int[] {span[0], span[1]});
                }
            }
            StringBuilder html = new StringBuilder();
            int at = 0;
            for (int[] span : merged) {
                html.append(esc(text.substring(at, span[0]))).append("<mark>")
                        .append(esc(text.substring(span[0], span[1]))).append("</mark>");
                at = span[1];
            }
            return html.append(esc(text.substring(at))).toString();
        }

        private void footer() {
            RunSummary run = briefing.run();
            out.append("<footer><p>").append(esc(words.run(run))).append("</p></footer>\n");
        }

        /**
         * The citation marks: a numbered link to the cited paragraph, and the quote, shown on
         * hover or focus (CSS) and inline in print.
         */
        private String cites(List<Citation> citations) {
            StringBuilder html = new StringBuilder();
            Set<Integer> seen = new LinkedHashSet<>();
            for (Citation citation : citations) {
                int n = numbers.computeIfAbsent(citation, c -> numbers.size() + 1);
                if (!seen.add(n)) {
                    continue;
                }
                int quoteId = ++quoteIds;
                ArticleRef ref = refs.get(citation.article());
                String title = ref == null ? citation.article() : ref.title();
                html.append("<span class=\"cite\"><a href=\"#").append(anchor(articleNumber(citation.article()),
                                citation.paragraph())).append("\" aria-describedby=\"q").append(quoteId).append("\">[")
                        .append(n).append("]</a><span class=\"quote\" role=\"tooltip\" id=\"q").append(quoteId)
                        .append("\">").append(esc(Html.bracketed(citation.quote()))).append(gloss(citation))
                        .append("<span class=\"qsrc\">")
                        .append(esc(title)).append(" ¶").append(citation.paragraph()).append("</span></span></span>");
            }
            return html.toString();
        }

        /** The model's translation of a quote, marked as one, in the briefing's language; empty when none. */
        private String gloss(Citation citation) {
            if (citation.gloss() == null) {
                return "";
            }
            return "<span class=\"gloss\" lang=\"" + esc(briefing.language().strip()) + "\">(translation: "
                    + esc(citation.gloss()) + ")</span>";
        }

        private int articleNumber(String id) {
            return articleNumbers.computeIfAbsent(id, k -> articleNumbers.size() + 1);
        }

        private static String anchor(int articleNumber, int paragraph) {
            return "src-" + articleNumber + "-p" + paragraph;
        }

        private static String novelty(Novelty novelty) {
            return novelty == Novelty.NEW ? "new" : "developing";
        }

        private void section(String id, String title) {
            out.append("<section id=\"").append(id).append("\">\n<h2>").append(esc(title)).append("</h2>\n");
        }

        private void endSection() {
            out.append("</section>\n");
        }

        private static String esc(String text) {
            return Html.escape(text);
        }
    }

    /** The page's own phrases, beyond the section titles it shares with briefing.md. */
    private record Words(Labels.Variant variant, String generated, String newArticles, String noNewArticles,
            String continues, String noDatedEvents, List<String> actorColumns, String publisher, String file,
            String id, String notCited, String paragraphUnavailable, String quoted) {

        static Words of(Labels.Variant variant) {
            return switch (variant) {
                case HANS -> new Words(variant, "生成于", "新文章", "无新文章。", "延续", "没有事件有确切日期，事件列于下方。",
                        List.of("名称", "类型", "角色", "提及的文章", "引用"), "来源", "文件", "编号", "本文没有被引用的段落。",
                        "生成本页时无法取得该段原文，引文如下：", "引文");
                case HANT -> new Words(variant, "生成於", "新文章", "無新文章。", "延續", "沒有事件有確切日期，事件列於下方。",
                        List.of("名稱", "類型", "角色", "提及的文章", "引用"), "來源", "檔案", "編號", "本文沒有被引用的段落。",
                        "生成本頁時無法取得該段原文，引文如下：", "引文");
                case EN -> new Words(variant, "Generated", "New articles", "No new articles.", "Continues",
                        "No event has an exact date; the events are listed below.",
                        List.of("Name", "Type", "Role", "Articles naming them", "Cited"), "Publisher", "File", "ID",
                        "No paragraph of this article is cited.",
                        "The paragraph's text was not available when this page was made; the quotes:", "Quoted");
            };
        }

        String badge(Novelty novelty) {
            return switch (variant) {
                case HANS -> novelty == Novelty.NEW ? "新" : "进展";
                case HANT -> novelty == Novelty.NEW ? "新" : "進展";
                case EN -> novelty == Novelty.NEW ? "new" : "developing";
            };
        }

        String whatIsNew(String day, String since) {
            return switch (variant) {
                case HANS -> day + " 的新情况（对照 " + since + " 以来的简报）";
                case HANT -> day + " 的新情況（對照 " + since + " 以來的簡報）";
                case EN -> "New on " + day + " (compared with the briefings since " + since + ")";
            };
        }

        String eventCounts(long fresh, long developing) {
            return switch (variant) {
                case HANS -> "新事件 " + fresh + " 个，持续发展的事件 " + developing + " 个。";
                case HANT -> "新事件 " + fresh + " 個，持續發展的事件 " + developing + " 個。";
                case EN -> plural(fresh, "new event") + ", " + plural(developing, "developing event") + ".";
            };
        }

        String undatedNote(long undated) {
            return switch (variant) {
                case HANS -> "另有 " + undated + " 个事件日期不详：列于下方，未标在时间线上。";
                case HANT -> "另有 " + undated + " 個事件日期不詳：列於下方，未標在時間線上。";
                case EN -> (undated == 1 ? "1 event has" : undated + " events have")
                        + " no exact date: listed below, not placed on the timeline.";
            };
        }

        String naming(long naming, int total) {
            return switch (variant) {
                case HANS, HANT -> total + " 篇中 " + naming + " 篇";
                case EN -> naming + " of " + total;
            };
        }

        String articleCount(int count) {
            return switch (variant) {
                case HANS, HANT -> count + " 篇文章";
                case EN -> plural(count, "article");
            };
        }

        String paragraphCount(int count) {
            return switch (variant) {
                case HANS, HANT -> count + " 段";
                case EN -> plural(count, "paragraph");
            };
        }

        String run(RunSummary run) {
            String seconds = String.format(Locale.ROOT, "%.1f", run.durationMs() / 1000.0);
            return switch (variant) {
                case HANS -> "运行：模型 " + run.model() + "，调用 " + run.calls() + " 次，提示词元 " + run.promptTokens()
                        + "，生成词元 " + run.completionTokens() + "，用时 " + seconds + " 秒，丢弃引用 "
                        + run.droppedCitations() + " 条，丢弃条目 " + run.droppedItems() + " 条。";
                case HANT -> "執行：模型 " + run.model() + "，呼叫 " + run.calls() + " 次，提示詞元 " + run.promptTokens()
                        + "，生成詞元 " + run.completionTokens() + "，用時 " + seconds + " 秒，捨棄引用 "
                        + run.droppedCitations() + " 條，捨棄條目 " + run.droppedItems() + " 條。";
                case EN -> "Run: model " + run.model() + ", " + plural(run.calls(), "call") + ", " + run.promptTokens()
                        + " prompt + " + run.completionTokens() + " completion tokens, " + seconds + " s, "
                        + plural(run.droppedCitations(), "dropped citation") + ", "
                        + plural(run.droppedItems(), "dropped item") + ".";
            };
        }

        private static String plural(long n, String noun) {
            return n + " " + noun + (n == 1 ? "" : "s");
        }
    }
}
