package dev.briefing.render;

import dev.briefing.normalize.Article;
import dev.briefing.normalize.ChineseScript;
import dev.briefing.normalize.Paragraph;
import dev.briefing.normalize.Script;
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
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
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
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * briefing.html: one self-contained page per briefing. Inline CSS, no script, no external
 * resource (a Content-Security-Policy meta tag forbids any), readable offline and printable.
 *
 * <p>Sections: summary; what is new (daily briefings only); the timeline, one cell per day
 * ({@link TimelineHtml}), then every event listed (undated ones too, said so); actors with
 * their role and how many articles name them; claims; disagreements with the positions side
 * by side; open questions; warnings, in the page's language with the run's own (English)
 * messages behind a details element; a sources appendix, "来源 1", "来源 2", ... with each
 * article's title once and every cited paragraph, its quotes highlighted. Each citation is a
 * numbered link to its paragraph in the appendix that shows its quote and a short reference
 * ("来源 1 ¶2") on hover or keyboard focus (CSS only) and inline when printed; elsewhere an
 * article is named by its publisher and that reference, not its title again.
 *
 * <p>The page's {@code lang} is the briefing's; an element whose text is in another language
 * or script (a traditional article on a simplified page, an English title) carries its own
 * {@code lang}, so fonts and screen readers follow it.
 *
 * <p>Every string from an article, the model or the run goes through {@link Html#escape};
 * ids and link targets are built from our own counters, never from that text.
 */
public final class HtmlRenderer {

    /** The page's policy: no script, no fetch of any kind; only its own inline style. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private HtmlRenderer() {
    }

    /** A scheme ({@code javascript:}, {@code http:}) or a leading slash would leave the folder. */
    private static final Pattern NOT_RELATIVE = Pattern.compile("^(?:[A-Za-z][A-Za-z0-9+.-]*:|[/\\\\])");

    /**
     * How a page is rendered.
     *
     * @param zone      the time zone of the header's "generated" time
     * @param indexHref the index of days relative to the page ({@code ../index.html}), linked
     *                  from the header, or null for a page that is not part of a series
     */
    public record Options(ZoneId zone, String indexHref) {
        public Options {
            Objects.requireNonNull(zone, "zone");
            if (indexHref != null && (indexHref.isBlank() || NOT_RELATIVE.matcher(indexHref.strip()).find())) {
                throw new IllegalArgumentException("indexHref must be a relative path, got '" + indexHref + "'");
            }
        }

        /** The system's time zone, no index. */
        public static Options defaults() {
            return new Options(ZoneId.systemDefault(), null);
        }

        public Options withZone(ZoneId newZone) {
            return new Options(newZone, indexHref);
        }

        public Options withIndex(String href) {
            return new Options(zone, href);
        }
    }

    /**
     * @param articles the briefing's cleaned articles, for the cited paragraphs' text in the
     *                 appendix; an article or paragraph missing here is shown by its quotes alone
     */
    public static String page(Briefing briefing, List<Article> articles) {
        return page(briefing, articles, Options.defaults());
    }

    public static String page(Briefing briefing, List<Article> articles, Options options) {
        StringWriter html = new StringWriter(32_768);
        write(briefing, articles, options, html);
        return html.toString();
    }

    /**
     * The page, written piece by piece to {@code out} (not buffered whole: a page of many
     * large paragraphs never exists as one string). {@code out} is not closed.
     *
     * @throws UncheckedIOException when {@code out} fails
     */
    public static void write(Briefing briefing, List<Article> articles, Options options, Writer out) {
        new Rendering(briefing, articles, options, new Out(out)).render();
    }

    /** The page's sink: appends to a Writer, an I/O failure unchecked. */
    private static final class Out {
        private final Writer writer;

        Out(Writer writer) {
            this.writer = Objects.requireNonNull(writer, "out");
        }

        Out append(CharSequence text) {
            try {
                writer.append(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Out append(char c) {
            try {
                writer.write(c);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Out append(long n) {
            return append(Long.toString(n));
        }

        void flush() {
            try {
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One rendering: labels, lookups and the citation numbering for one page. */
    private static final class Rendering {
        private final Briefing briefing;
        private final Options options;
        private final Labels labels;
        private final Script pageScript;
        private final Words words;
        private final Map<String, Article> texts;
        private final Map<String, ArticleRef> refs;
        private final Map<String, Integer> articleNumbers = new LinkedHashMap<>();
        private final Map<String, Actor> actors;
        private final Map<String, EventChange> changes = new HashMap<>();
        private final Set<String> newArticles = new LinkedHashSet<>();
        private final Map<Citation, Integer> numbers = new LinkedHashMap<>();
        private int quoteIds;
        private final Out out;

        Rendering(Briefing briefing, List<Article> articles, Options options, Out out) {
            this.briefing = briefing;
            this.options = Objects.requireNonNull(options, "options");
            this.out = out;
            this.labels = Labels.of(briefing.language());
            this.words = Words.of(Labels.variant(briefing.language()));
            this.pageScript = switch (labels.variant()) {
                case HANS -> Script.SIMPLIFIED;
                case HANT -> Script.TRADITIONAL;
                case EN -> Script.NONE;
            };
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

        void render() {
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
            out.flush();
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
            out.append("<header>\n");
            if (options.indexHref() != null) {
                out.append("<nav class=\"crumbs\"><a href=\"").append(esc(options.indexHref().strip()))
                        .append("\" rel=\"index\">").append(esc(words.backToIndex)).append("</a></nav>\n");
            }
            out.append("<h1>").append(esc(labels.title())).append(" <span class=\"day\">")
                    .append(esc(day())).append("</span></h1>\n");
            RunSummary run = briefing.run();
            ZonedDateTime started = run.startedAt().atZone(options.zone());
            out.append("<p class=\"meta\">").append(esc(words.generated)).append(" <time datetime=\"")
                    .append(esc(started.toOffsetDateTime().withNano(0).toString())).append("\">")
                    .append(esc(localTime(started))).append("</time> · ")
                    .append(esc(words.articleCount(briefing.articles().size()))).append("</p>\n");
            if (briefing.incomplete()) {
                List<FailedChunk> failed = run.failedChunks();
                out.append("<div class=\"alert\" role=\"alert\"><strong>").append(esc(labels.incomplete()))
                        .append("</strong> ").append(esc(labels.incompleteText(failed.size())));
                if (!failed.isEmpty()) {
                    boolean english = labels.variant() == Labels.Variant.EN;
                    if (!english) {
                        out.append("<details class=\"tech\"><summary>").append(esc(words.failedChunks(failed.size())))
                                .append("</summary>");
                    }
                    out.append("<ul>");
                    for (FailedChunk chunk : failed) {
                        out.append("<li><code>").append(esc(chunk.chunk())).append("</code>").append(esc(labels.colon()))
                                .append("<span").append(lang(chunk.reason())).append('>').append(esc(chunk.reason()))
                                .append("</span></li>");
                    }
                    out.append("</ul>");
                    if (!english) {
                        out.append("</details>");
                    }
                }
                out.append("</div>\n");
            }
            out.append("</header>\n");
        }

        /** "2026-11-23 17:00 UTC+8": the day, the minute, the offset (UTC+5:30, UTC for zero). */
        static String localTime(ZonedDateTime time) {
            int seconds = time.getOffset().getTotalSeconds();
            String offset = seconds == 0 ? "UTC" : "UTC" + (seconds < 0 ? "-" : "+") + Math.abs(seconds) / 3600
                    + (Math.abs(seconds) % 3600 == 0 ? "" : String.format(Locale.ROOT, ":%02d", Math.abs(seconds) % 3600 / 60));
            return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).format(time) + " " + offset;
        }

        /** A {@code lang} attribute for a text in another language or script than the page's, or "". */
        private String lang(String text) {
            String tag = tagOf(text);
            return tag == null ? "" : " lang=\"" + tag + "\"";
        }

        private String tagOf(String text) {
            return Html.langTag(text, pageScript);
        }

        private String scriptTag(Script script) {
            return Html.scriptTag(script, pageScript);
        }

        /** The lang of an article's own text (title, paragraphs, quotes): by the script normalize found. */
        private String articleLang(String id, String sample) {
            ArticleRef ref = refs.get(id);
            Article text = texts.get(id);
            Script script = ref != null ? ref.script() : text != null ? text.script() : null;
            if (script == null || script == Script.NONE) {
                return lang(sample);
            }
            String tag = scriptTag(script);
            return tag == null ? "" : " lang=\"" + tag + "\"";
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
                out.append("<p").append(lang(paragraphs.get(i))).append('>').append(esc(paragraphs.get(i)))
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
                    String title = ref == null ? id : ref.title();
                    out.append("<li><a href=\"#article-").append(articleNumber(id)).append("\"")
                            .append(articleLang(id, title)).append('>').append(esc(title)).append("</a>");
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
            List<TimelineHtml.Mark> marks = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                Event event = events.get(i);
                if (event.date() != null) {
                    EventChange change = changes.get(event.id());
                    marks.add(new TimelineHtml.Mark("event-" + (i + 1), event.date(), event.title(),
                            change == null ? null : words.badge(change.novelty()),
                            change == null ? null : novelty(change.novelty()), tagOf(event.title())));
                }
            }
            long undated = events.size() - marks.size();
            if (marks.isEmpty()) {
                out.append("<p class=\"note\">").append(esc(words.noDatedEvents)).append("</p>\n");
            } else {
                out.append("<figure class=\"timeline\">").append(TimelineHtml.html(marks, labels.timeline(), words::gap))
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
            out.append("</p>\n<p").append(lang(event.title() + event.description())).append("><strong>")
                    .append(esc(event.title())).append("</strong>");
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
            List<String> columns = words.actorColumns;
            out.append("<table class=\"actors\">\n<thead><tr>");
            for (String column : columns) {
                out.append("<th scope=\"col\">").append(esc(column)).append("</th>");
            }
            out.append("</tr></thead>\n<tbody>\n");
            for (Actor actor : briefing.actors()) {
                long naming = actor.citations().stream().map(Citation::article).distinct().count();
                out.append("<tr><th scope=\"row\" class=\"name\"><span").append(lang(actor.name())).append('>')
                        .append(esc(actor.name())).append("</span>");
                if (!actor.aliases().isEmpty()) {
                    String aliases = String.join(labels.listSeparator(), actor.aliases());
                    out.append("<br><span class=\"muted\">").append(esc(labels.aliases() + labels.colon()))
                            .append("<span").append(lang(aliases)).append('>').append(esc(aliases)).append("</span></span>");
                }
                out.append("</th><td class=\"type\"").append(dataLabel(columns.get(1))).append('>')
                        .append(esc(labels.type(actor.type()))).append("</td><td class=\"role\"")
                        .append(dataLabel(columns.get(2))).append(lang(actor.role())).append('>')
                        .append(esc(actor.role())).append("</td><td class=\"count\"").append(dataLabel(columns.get(3)))
                        .append('>').append(esc(words.naming(naming, total))).append("</td><td class=\"cites\"")
                        .append(dataLabel(columns.get(4))).append('>').append(cites(actor.citations()))
                        .append("</td></tr>\n");
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
                    out.append(topic == null ? "" : "</ul>\n").append("<h3").append(lang(key)).append('>').append(esc(key))
                            .append("</h3>\n")
                            .append("<ul class=\"claims\">\n");
                    topic = key;
                }
                out.append("<li class=\"claim\"><span").append(lang(claim.claim())).append('>')
                        .append(esc(claim.claim())).append("</span>").append(cites(claim.citations()))
                        .append(" <span class=\"by muted\">").append(sources(claim.citations())).append("</span></li>\n");
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
                out.append("<div class=\"disagreement\">\n<h3").append(lang(disagreement.topic())).append('>')
                        .append(esc(disagreement.topic())).append("</h3>\n")
                        .append("<div class=\"positions\">\n");
                for (Position position : disagreement.positions()) {
                    out.append("<div class=\"position\"><p class=\"claim\"").append(lang(position.claim())).append('>')
                            .append(esc(position.claim())).append(cites(position.citations())).append("</p>");
                    out.append("<p class=\"by muted\">").append(sources(position.citations())).append("</p></div>\n");
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
                out.append("<li").append(lang(question.question() + question.context())).append("><strong>")
                        .append(esc(question.question())).append("</strong>");
                if (!question.context().isBlank()) {
                    out.append("<br>").append(esc(labels.context() + labels.colon() + question.context()));
                }
                out.append(cites(question.citations())).append("</li>\n");
            }
            out.append("</ul>\n");
            endSection();
        }

        /**
         * The run's warnings. An English page lists them as they are; a Chinese page says in its
         * own words what each kind means for the reader (the messages the run writes are English,
         * for developers) and keeps those messages behind a details element.
         */
        private void warnings() {
            if (briefing.warnings().isEmpty()) {
                return;
            }
            section("warnings", labels.warnings());
            if (labels.variant() == Labels.Variant.EN) {
                out.append("<ul>\n");
                for (String warning : briefing.warnings()) {
                    out.append("<li").append(lang(warning)).append('>').append(esc(warning)).append("</li>\n");
                }
                out.append("</ul>\n");
                endSection();
                return;
            }
            Map<String, Integer> said = new LinkedHashMap<>();
            List<String> technical = new ArrayList<>();
            for (String warning : briefing.warnings()) {
                String localized = words.warning(warning);
                if (localized == null && mostlyChinese(warning)) {
                    said.merge(warning.strip(), 1, Integer::sum);
                } else {
                    said.merge(localized == null ? words.otherWarning : localized, 1, Integer::sum);
                    technical.add(warning);
                }
            }
            out.append("<ul>\n");
            said.forEach((text, n) -> out.append("<li").append(lang(text)).append('>').append(esc(text))
                    .append(n > 1 ? esc(words.times(n)) : "").append("</li>\n"));
            out.append("</ul>\n");
            if (!technical.isEmpty()) {
                out.append("<details class=\"tech\"><summary>").append(esc(words.technical(technical.size())))
                        .append("</summary>\n<ul lang=\"en\">\n");
                for (String warning : technical) {
                    out.append("<li>").append(esc(warning)).append("</li>\n");
                }
                out.append("</ul>\n</details>\n");
            }
            endSection();
        }

        /** A message written in Chinese (a normalize note), not an English one that quotes some Chinese. */
        private static boolean mostlyChinese(String text) {
            long han = text.codePoints().filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN).count();
            long latin = text.codePoints().filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN)
                    .count();
            return han > 0 && han >= latin;
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
                        .append("<span class=\"ref\">").append(esc(words.ref(entry.getValue()))).append("</span><span")
                        .append(articleLang(id, title)).append('>').append(esc(title)).append("</span>");
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
                    paragraphs.forEach((n, citations) -> paragraph(entry.getValue(), id, text, n, citations));
                    out.append("</ol>\n");
                }
                out.append("</article>\n");
            }
            endSection();
        }

        private void paragraph(int articleNumber, String id, Article article, int n, List<Citation> citations) {
            String lang = articleLang(id, citations.get(0).quote());
            out.append("<li class=\"para\" value=\"").append(n).append("\" id=\"").append(anchor(articleNumber, n))
                    .append("\"><span class=\"pnum\">¶").append(n).append("</span> <span class=\"cited-by\">");
            out.append(citations.stream().map(c -> "[" + numbers.get(c) + "]").distinct().collect(Collectors.joining()))
                    .append("</span>\n");
            Paragraph paragraph = article == null ? null : article.paragraph(n).orElse(null);
            if (paragraph == null) {
                out.append("<p class=\"note\">").append(esc(words.paragraphUnavailable)).append("</p>\n");
                for (Citation c : citations) {
                    out.append("<blockquote").append(lang).append("><mark>").append(esc(c.quote()))
                            .append("</mark></blockquote>\n");
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
                out.append("<p class=\"text\"").append(lang).append('>');
                highlighted(paragraph.text(), spans);
                out.append("</p>\n");
                for (Citation c : unplaced) {
                    out.append("<p class=\"note\">").append(esc(words.quoted + labels.colon())).append("<mark")
                            .append(lang).append('>').append(esc(c.quote())).append("</mark></p>\n");
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

        /** The paragraph, escaped, its quotes marked: written out as it goes, never built whole. */
        private void highlighted(String text, List<int[]> spans) {
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
            int at = 0;
            for (int[] span : merged) {
                out.append(esc(text.substring(at, span[0]))).append("<mark>")
                        .append(esc(text.substring(span[0], span[1]))).append("</mark>");
                at = span[1];
            }
            out.append(esc(text.substring(at)));
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
                int article = articleNumber(citation.article());
                html.append("<span class=\"cite\"><a href=\"#").append(anchor(article, citation.paragraph()))
                        .append("\" aria-describedby=\"q").append(quoteId).append("\">[").append(n)
                        .append("]</a><span class=\"quote\" role=\"tooltip\" id=\"q").append(quoteId).append("\">")
                        .append("<span").append(articleLang(citation.article(), citation.quote())).append('>')
                        .append(esc(Html.bracketed(citation.quote()))).append("</span>").append(gloss(citation))
                        .append("<span class=\"qsrc\">").append(esc(words.citedRef(article, citation.paragraph())))
                        .append("</span></span></span>");
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

        /**
         * Who says it, for a claim or a position: each cited article once, by its publisher and
         * its reference in the sources list ("新华社（来源 1）"), the reference linking there.
         */
        private String sources(List<Citation> citations) {
            Set<String> ids = new LinkedHashSet<>();
            citations.forEach(c -> ids.add(c.article()));
            List<String> parts = new ArrayList<>();
            for (String id : ids) {
                ArticleRef ref = refs.get(id);
                Article text = texts.get(id);
                String publisher = ref != null ? ref.source() : text != null ? text.source() : null;
                int number = articleNumber(id);
                String link = "<a class=\"ref\" href=\"#article-" + number + "\">" + esc(words.ref(number)) + "</a>";
                parts.add(publisher == null || publisher.isBlank() ? link
                        : "<span" + lang(publisher) + ">" + esc(publisher.strip()) + "</span>" + esc(words.open) + link
                                + esc(words.close));
            }
            return String.join(esc(labels.listSeparator()), parts);
        }

        private String dataLabel(String column) {
            return " data-label=\"" + esc(column + labels.colon()) + "\"";
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
            String id, String notCited, String paragraphUnavailable, String quoted, String backToIndex,
            String otherWarning, String open, String close) {

        static Words of(Labels.Variant variant) {
            return switch (variant) {
                case HANS -> new Words(variant, "生成于", "新文章", "无新文章。", "延续", "没有事件有确切日期，事件列于下方。",
                        List.of("名称", "类型", "角色", "提及的文章", "引用"), "出处", "文件", "编号", "本文没有被引用的段落。",
                        "生成本页时无法取得该段原文，引文如下：", "引文", "← 所有简报", "处理过程中的其他提示（详见下方技术信息）。",
                        "（", "）");
                case HANT -> new Words(variant, "生成於", "新文章", "無新文章。", "延續", "沒有事件有確切日期，事件列於下方。",
                        List.of("名稱", "類型", "角色", "提及的文章", "引用"), "出處", "檔案", "編號", "本文沒有被引用的段落。",
                        "生成本頁時無法取得該段原文，引文如下：", "引文", "← 所有簡報", "處理過程中的其他提示（詳見下方技術資訊）。",
                        "（", "）");
                case EN -> new Words(variant, "Generated", "New articles", "No new articles.", "Continues",
                        "No event has an exact date; the events are listed below.",
                        List.of("Name", "Type", "Role", "Articles naming them", "Cited"), "Publisher", "File", "ID",
                        "No paragraph of this article is cited.",
                        "The paragraph's text was not available when this page was made; the quotes:", "Quoted",
                        "← All briefings", "Other notes from the run.", " (", ")");
            };
        }

        /** An article's reference in the sources list: 来源 1. */
        String ref(int article) {
            return switch (variant) {
                case HANS -> "来源 " + article;
                case HANT -> "來源 " + article;
                case EN -> "Source " + article;
            };
        }

        /** A citation's short reference, as a tooltip and in print: （来源 1 ¶2）. */
        String citedRef(int article, int paragraph) {
            return open.strip() + ref(article) + " ¶" + paragraph + close;
        }

        /** Between two timeline days that are not next to each other. */
        String gap(long days) {
            return switch (variant) {
                case HANS -> days + " 天后";
                case HANT -> days + " 天後";
                case EN -> "+" + days + " days";
            };
        }

        String failedChunks(int n) {
            return switch (variant) {
                case HANS -> "失败的文本块（" + n + " 个，技术信息，英文）";
                case HANT -> "失敗的文本塊（" + n + " 個，技術資訊，英文）";
                case EN -> plural(n, "failed chunk");
            };
        }

        String technical(int n) {
            return switch (variant) {
                case HANS -> "技术信息：运行记录的原始提示（" + n + " 条，英文）";
                case HANT -> "技術資訊：執行記錄的原始提示（" + n + " 條，英文）";
                case EN -> plural(n, "message") + " from the run";
            };
        }

        String times(int n) {
            return switch (variant) {
                case HANS, HANT -> "（" + n + " 次）";
                case EN -> " (" + n + " times)";
            };
        }

        /**
         * What a run's (English) warning means for the reader, in the page's words, by the
         * message's kind; null for a message this page does not know.
         */
        String warning(String message) {
            String m = message.strip();
            boolean hant = variant == Labels.Variant.HANT;
            if (m.startsWith("summary dropped")) {
                return hant ? "摘要未通過核對，已捨棄：本簡報沒有摘要。" : "摘要未通过核对，已舍弃：本简报没有摘要。";
            }
            if (m.startsWith("disagreement dropped")) {
                return hant ? "有分歧未通過核對，已捨棄。" : "有分歧未通过核对，已舍弃。";
            }
            if (m.startsWith("open question dropped")) {
                return hant ? "有待解問題未通過核對，已捨棄。" : "有待解问题未通过核对，已舍弃。";
            }
            if (m.startsWith("chunk failed")) {
                return hant ? "有文本塊處理失敗，其內容不在本簡報中。" : "有文本块处理失败，其内容不在本简报中。";
            }
            if (m.startsWith("verification removed")) {
                return hant ? "核對刪除了在原文中找不到的引用。" : "核对删除了在原文中找不到的引用。";
            }
            if (m.startsWith("synthesis failed") || m.contains(" failed, its notes reach the summary only")) {
                return hant ? "綜合步驟失敗：部分內容（摘要、分歧）可能缺失。" : "综合步骤失败：部分内容（摘要、分歧）可能缺失。";
            }
            if (m.startsWith("synthesis saw") || m.startsWith("the notes did not fit one window")) {
                return hant ? "筆記過多，綜合時分批處理，排序靠後的筆記只計入數目。" : "笔记过多，综合时分批处理，排序靠后的笔记只计入数目。";
            }
            if (m.startsWith("synthesis pointed at notes that do not exist")) {
                return hant ? "綜合步驟引用了不存在的筆記，已忽略。" : "综合步骤引用了不存在的笔记，已忽略。";
            }
            if (m.startsWith("the synthesis kept")) {
                return hant ? "部分待解問題未收入本簡報。" : "部分待解问题未收入本简报。";
            }
            if (m.contains("duplicate")) {
                return hant ? "略過了重複的文章。" : "跳过了重复的文章。";
            }
            return null;
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
