package dev.briefing.render;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The timeline of a briefing page as an HTML list, one cell per day in date order, each
 * holding that day's events. Plain HTML and CSS, so it reflows instead of scaling: day cells
 * wrap onto as many lines as the page needs (never a sideways scroll), and below 40rem they
 * stand in one column (see {@link PageStyle}).
 *
 * <p>Every event is a link to its entry on the page, keyboard-focusable, its full label
 * (badge, title) in a {@code title} attribute and in a label element. With few events the
 * labels stand visible, wrapped, never cut; past {@link #COMPACT_EVENTS} events or
 * {@link #COMPACT_PER_DAY} on one day the timeline is compact: each event a dot, its label
 * shown on hover or keyboard focus, so 300 events stay a few lines of dots rather than a
 * tall stack of labels.
 *
 * <p>Nothing here is a script, a style or a URL built from article text: hrefs are
 * {@code #event-N} from our own numbering, text is escaped.
 */
final class TimelineHtml {

    /** More events than this in all and the timeline shows dots with labels on hover/focus. */
    static final int COMPACT_EVENTS = 24;
    /** More events than this on one day and the timeline is compact too. */
    static final int COMPACT_PER_DAY = 6;

    /**
     * One dated event.
     *
     * @param anchor  the id of the event's entry on the page ({@code event-3}), ours
     * @param badge   a short marker shown before the label (新 / 进展), or null
     * @param novelty a CSS class for the mark ({@code new}, {@code developing}), ours, or null
     * @param lang    a {@code lang} for the title when it differs from the page's, or null
     */
    record Mark(String anchor, LocalDate date, String title, String badge, String novelty, String lang) {
        Mark {
            Objects.requireNonNull(anchor, "anchor");
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(title, "title");
        }

        Mark(String anchor, LocalDate date, String title, String badge, String novelty) {
            this(anchor, date, title, badge, novelty, null);
        }
    }

    private TimelineHtml() {
    }

    /** Whether the marks are too many to label in full on the page (dots, labels on hover/focus). */
    static boolean compact(List<Mark> marks) {
        if (marks.size() > COMPACT_EVENTS) {
            return true;
        }
        Map<LocalDate, Long> perDay = new TreeMap<>();
        marks.forEach(m -> perDay.merge(m.date(), 1L, Long::sum));
        return perDay.values().stream().anyMatch(n -> n > COMPACT_PER_DAY);
    }

    /**
     * The timeline element, or an empty string when there is no mark.
     *
     * @param ariaLabel the timeline's accessible name (the section title)
     * @param gap       the words for a gap of n days between two cells ("5 天后"), shown small
     */
    static String html(List<Mark> marks, String ariaLabel, Function<Long, String> gap) {
        if (marks.isEmpty()) {
            return "";
        }
        Map<LocalDate, List<Mark>> days = new TreeMap<>();
        for (Mark mark : marks) {
            days.computeIfAbsent(mark.date(), d -> new ArrayList<>()).add(mark);
        }
        boolean compact = compact(marks);
        boolean oneYear = days.keySet().stream().map(LocalDate::getYear).distinct().count() == 1;
        StringBuilder html = new StringBuilder(256 + marks.size() * 160);
        html.append("<ol class=\"tl").append(compact ? " compact" : "").append("\" aria-label=\"")
                .append(Html.escape(ariaLabel)).append("\" data-events=\"").append(marks.size()).append("\">\n");
        LocalDate previous = null;
        for (Map.Entry<LocalDate, List<Mark>> day : days.entrySet()) {
            LocalDate date = day.getKey();
            long between = previous == null ? 0 : ChronoUnit.DAYS.between(previous, date);
            html.append("<li class=\"tl-day\" data-date=\"").append(date).append("\">");
            html.append("<p class=\"tl-date\"><time datetime=\"").append(date).append("\">")
                    .append(oneYear && previous != null ? date.toString().substring(5) : date.toString())
                    .append("</time>");
            if (between > 1) {
                html.append(" <span class=\"tl-gap\">").append(Html.escape(gap.apply(between))).append("</span>");
            }
            html.append(" <span class=\"tl-count\">").append(day.getValue().size()).append("</span></p>");
            html.append("<ul class=\"tl-events\">");
            List<Mark> ordered = day.getValue();
            for (Mark m : ordered) {
                String label = label(m);
                html.append("<li class=\"tl-ev").append(m.novelty() == null ? "" : " " + Html.escape(m.novelty()))
                        .append("\" data-date=\"").append(date).append("\"><a href=\"#").append(Html.escape(m.anchor()))
                        .append("\" title=\"").append(Html.escape(date + " " + label)).append("\">")
                        .append("<span class=\"tl-dot\" aria-hidden=\"true\"></span><span class=\"tl-label\"")
                        .append(m.lang() == null ? "" : " lang=\"" + Html.escape(m.lang()) + "\"").append(">");
                if (m.badge() != null) {
                    html.append("<span class=\"tl-badge\">").append(Html.escape(m.badge())).append("</span> ");
                }
                html.append(Html.escape(m.title().strip().replaceAll("\\s+", " "))).append("</span></a></li>");
            }
            html.append("</ul></li>\n");
            previous = date;
        }
        return html.append("</ol>").toString();
    }

    /** The full label: the badge, then the whole title (never cut). */
    static String label(Mark mark) {
        return (mark.badge() == null ? "" : mark.badge() + " · ") + mark.title().strip().replaceAll("\\s+", " ");
    }
}
