package dev.briefing.render;

import dev.briefing.normalize.Script;
import dev.briefing.reduce.Briefing;
import dev.briefing.render.MarkdownRenderer.Labels;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * briefings/index.html: one entry per briefed day, newest first, each linking to that day's
 * page (whose header links back here), with the day's headline (the first sentence of its
 * summary, else its first event) and its counts, in the briefings' language. Self-contained
 * like the briefing pages (inline CSS, no script, no fetch).
 */
public final class HtmlIndex {

    /** A scheme ({@code javascript:}, {@code http:}) or a leading slash would leave the folder. */
    private static final Pattern NOT_RELATIVE = Pattern.compile("^(?:[A-Za-z][A-Za-z0-9+.-]*:|[/\\\\])");
    /** The longest headline shown, in code points; a longer one is cut with an ellipsis. */
    static final int HEADLINE_MAX = 90;

    /**
     * One briefed day.
     *
     * @param href        the day's page relative to the index ({@code 2026-11-23/briefing.html})
     * @param articles    articles in that day's briefing
     * @param newArticles of those, the ones first seen that day
     * @param events      events in that day's briefing
     * @param incomplete  whether that day's briefing is incomplete
     * @param language    the briefing's language tag
     * @param headline    the day's headline, or null when its briefing has neither summary nor event
     */
    public record Day(LocalDate day, String href, int articles, int newArticles, int events, boolean incomplete,
            String language, String headline) {
        public Day {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(href, "href");
            Objects.requireNonNull(language, "language");
            if (href.isBlank() || NOT_RELATIVE.matcher(href.strip()).find()) {
                throw new IllegalArgumentException("day " + day + ": href must be a relative path, got '" + href + "'");
            }
            if (articles < 0 || newArticles < 0 || events < 0) {
                throw new IllegalArgumentException("day " + day + ": counts must not be negative");
            }
            headline = headline == null || headline.isBlank() ? null : headline.strip();
        }

        /** A day without headline, in simplified Chinese. */
        public Day(LocalDate day, String href, int articles, int newArticles, int events, boolean incomplete) {
            this(day, href, articles, newArticles, events, incomplete, "zh-Hans", null);
        }

        /**
         * The entry for a day's briefing: its articles and events, the new articles its
         * {@code changes} name (none when it has no changes), its language and headline.
         */
        public static Day of(LocalDate day, String href, Briefing briefing) {
            Briefing.Changes changes = briefing.changes();
            return new Day(day, href, briefing.articles().size(), changes == null ? 0 : changes.newArticles().size(),
                    briefing.events().size(), briefing.incomplete(), briefing.language(), HtmlIndex.headline(briefing));
        }
    }

    private HtmlIndex() {
    }

    /**
     * A briefing's headline: the first sentence of its summary, else the title of its first
     * event, at most {@link #HEADLINE_MAX} code points; null when it has neither.
     */
    static String headline(Briefing briefing) {
        String summary = briefing.summary().text().strip();
        String text = null;
        if (!summary.isEmpty()) {
            int end = summary.length();
            for (int i = 0; i < summary.length(); i++) {
                char c = summary.charAt(i);
                boolean stop = c == '。' || c == '！' || c == '？' || c == '\n'
                        || ((c == '.' || c == '!' || c == '?') && (i + 1 == summary.length()
                                || Character.isWhitespace(summary.charAt(i + 1))));
                if (stop) {
                    end = c == '\n' ? i : i + 1;
                    break;
                }
            }
            text = summary.substring(0, end).strip();
        }
        if ((text == null || text.isEmpty()) && !briefing.events().isEmpty()) {
            text = briefing.events().get(0).title().strip();
        }
        if (text == null || text.isEmpty()) {
            return null;
        }
        text = text.replaceAll("\\s+", " ");
        if (text.codePointCount(0, text.length()) > HEADLINE_MAX) {
            text = text.substring(0, text.offsetByCodePoints(0, HEADLINE_MAX - 1)).strip() + "…";
        }
        return text;
    }

    /** The index in the language of its newest day (simplified Chinese when there is none). */
    public static String page(List<Day> days) {
        String language = days.stream().max(Comparator.comparing(Day::day)).map(Day::language).orElse("zh-Hans");
        return page(days, language);
    }

    public static String page(List<Day> days, String language) {
        Words words = Words.of(Labels.variant(language));
        Script script = Html.pageScript(language);
        StringBuilder out = new StringBuilder(4096 + days.size() * 400);
        out.append("<!DOCTYPE html>\n<html lang=\"").append(Html.escape(language.strip())).append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(HtmlRenderer.CONTENT_SECURITY_POLICY).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"briefing\">\n")
                .append("<title>").append(Html.escape(words.title)).append("</title>\n<style>\n").append(PageStyle.CSS)
                .append("</style>\n</head>\n<body>\n<main>\n<header>\n<h1>").append(Html.escape(words.title))
                .append("</h1>\n");
        if (!days.isEmpty()) {
            out.append("<p class=\"meta\">").append(Html.escape(words.dayCount(days.size()))).append("</p>\n");
        }
        out.append("</header>\n");
        if (days.isEmpty()) {
            out.append("<p class=\"none\">").append(Html.escape(words.none)).append("</p>\n");
        } else {
            out.append("<ol class=\"days\">\n");
            List<Day> newestFirst = days.stream().sorted(Comparator.comparing(Day::day).reversed()).toList();
            for (Day day : newestFirst) {
                out.append("<li class=\"day\" data-date=\"").append(day.day()).append("\"><p class=\"dayline\"><a href=\"")
                        .append(Html.escape(day.href().strip())).append("\"><time datetime=\"").append(day.day())
                        .append("\">").append(day.day()).append("</time></a> <span class=\"counts\">")
                        .append(Html.escape(words.counts(day))).append("</span>");
                if (day.incomplete()) {
                    out.append(" <span class=\"badge developing\">").append(Html.escape(words.incomplete))
                            .append("</span>");
                }
                out.append("</p>");
                if (day.headline() != null) {
                    out.append("<p class=\"headline\"").append(Html.langAttribute(Html.langTag(day.headline(), script)))
                            .append('>').append(Html.escape(day.headline())).append("</p>");
                }
                out.append("</li>\n");
            }
            out.append("</ol>\n");
        }
        out.append("</main>\n</body>\n</html>\n");
        return out.toString();
    }

    /** The index's words. */
    private record Words(Labels.Variant variant, String title, String none, String incomplete) {

        static Words of(Labels.Variant variant) {
            return switch (variant) {
                case HANS -> new Words(variant, "每日简报", "还没有简报。", "不完整");
                case HANT -> new Words(variant, "每日簡報", "還沒有簡報。", "不完整");
                case EN -> new Words(variant, "Daily briefings", "No briefings yet.", "incomplete");
            };
        }

        String dayCount(int n) {
            return switch (variant) {
                case HANS, HANT -> "共 " + n + " 天";
                case EN -> n + (n == 1 ? " day" : " days");
            };
        }

        String counts(Day day) {
            return switch (variant) {
                case HANS -> day.articles() + " 篇文章（新 " + day.newArticles() + " 篇）· " + day.events() + " 个事件";
                case HANT -> day.articles() + " 篇文章（新 " + day.newArticles() + " 篇）· " + day.events() + " 個事件";
                case EN -> plural(day.articles(), "article") + " (" + day.newArticles() + " new) · "
                        + plural(day.events(), "event");
            };
        }

        private static String plural(int n, String noun) {
            return n + " " + noun + (n == 1 ? "" : "s");
        }
    }
}
