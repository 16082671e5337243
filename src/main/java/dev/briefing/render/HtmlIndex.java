package dev.briefing.render;

import dev.briefing.reduce.Briefing;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * briefings/index.html: one row per briefed day, newest first, each linking to that day's
 * page. Self-contained like the briefing pages (inline CSS, no script, no fetch).
 */
public final class HtmlIndex {

    /** A scheme ({@code javascript:}, {@code http:}) or a leading slash would leave the folder. */
    private static final Pattern NOT_RELATIVE = Pattern.compile("^(?:[A-Za-z][A-Za-z0-9+.-]*:|[/\\\\])");

    /**
     * One briefed day.
     *
     * @param href        the day's page relative to the index ({@code 2026-11-23/briefing.html})
     * @param articles    articles in that day's briefing
     * @param newArticles of those, the ones first seen that day
     * @param events      events in that day's briefing
     * @param incomplete  whether that day's briefing is incomplete
     */
    public record Day(LocalDate day, String href, int articles, int newArticles, int events, boolean incomplete) {
        public Day {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(href, "href");
            if (href.isBlank() || NOT_RELATIVE.matcher(href.strip()).find()) {
                throw new IllegalArgumentException("day " + day + ": href must be a relative path, got '" + href + "'");
            }
            if (articles < 0 || newArticles < 0 || events < 0) {
                throw new IllegalArgumentException("day " + day + ": counts must not be negative");
            }
        }

        /**
         * The row for a day's briefing: its articles and events, and the new articles its
         * {@code changes} name (none when it has no changes).
         */
        public static Day of(LocalDate day, String href, Briefing briefing) {
            Briefing.Changes changes = briefing.changes();
            return new Day(day, href, briefing.articles().size(), changes == null ? 0 : changes.newArticles().size(),
                    briefing.events().size(), briefing.incomplete());
        }
    }

    private HtmlIndex() {
    }

    public static String page(List<Day> days) {
        StringBuilder out = new StringBuilder(4096);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(HtmlRenderer.CONTENT_SECURITY_POLICY).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Briefings</title>\n<style>\n").append(PageStyle.CSS).append("</style>\n</head>\n")
                .append("<body>\n<main>\n<h1>Briefings <span class=\"day\">简报</span></h1>\n");
        if (days.isEmpty()) {
            out.append("<p class=\"none\">No briefings yet.</p>\n");
        } else {
            out.append("<table class=\"days\">\n<thead><tr><th scope=\"col\">Day</th><th scope=\"col\" class=\"n\">")
                    .append("Articles</th><th scope=\"col\" class=\"n\">New articles</th><th scope=\"col\" class=\"n\">")
                    .append("Events</th>")
                    .append("<th scope=\"col\">Status</th></tr></thead>\n<tbody>\n");
            List<Day> newestFirst = days.stream().sorted(Comparator.comparing(Day::day).reversed()).toList();
            for (Day day : newestFirst) {
                out.append("<tr><th scope=\"row\"><a href=\"").append(Html.escape(day.href().strip())).append("\">")
                        .append(day.day()).append("</a></th><td class=\"n\">").append(day.articles())
                        .append("</td><td class=\"n\">").append(day.newArticles()).append("</td><td class=\"n\">")
                        .append(day.events()).append("</td><td>")
                        .append(day.incomplete() ? "<span class=\"badge developing\">incomplete</span>" : "complete")
                        .append("</td></tr>\n");
            }
            out.append("</tbody>\n</table>\n");
        }
        out.append("</main>\n</body>\n</html>\n");
        return out.toString();
    }
}
