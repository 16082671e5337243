package dev.briefing.render;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The timeline of a briefing page as inline SVG: one mark per dated event, placed on a date
 * axis in proportion to its date. Labels are packed into rows so none overlaps another: events
 * of the same day (or of days too close for their labels) go to different rows, each mark
 * joined to its day on the axis by a stem. Label widths are estimated (CJK characters one em,
 * others 0.6 em) and the text is held to that width with {@code textLength}, so the layout
 * holds whatever font the reader has. Nothing here is a script, a style or a URL built from
 * article text: hrefs are {@code #event-N} from our own numbering, text is escaped.
 */
final class TimelineSvg {

    static final int WIDTH = 960;
    private static final int MARGIN = 24;
    private static final int TOP = 18;
    private static final int ROW = 24;
    private static final double FONT = 12;
    private static final double AXIS_FONT = 11;
    private static final double MAX_LABEL_EMS = 22;
    private static final double GAP = 10;

    /**
     * One dated event.
     *
     * @param anchor  the id of the event's entry on the page ({@code event-3}), ours
     * @param badge   a short marker shown before the label (NEW / DEVELOPING), or null
     * @param novelty a CSS class for the mark ({@code new}, {@code developing}), ours, or null
     */
    record Mark(String anchor, LocalDate date, String title, String badge, String novelty) {
        Mark {
            Objects.requireNonNull(anchor, "anchor");
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(title, "title");
        }
    }

    private TimelineSvg() {
    }

    /** The SVG element, or an empty string when there is no mark to draw. */
    static String svg(List<Mark> marks, String ariaLabel) {
        if (marks.isEmpty()) {
            return "";
        }
        LocalDate first = marks.stream().map(Mark::date).min(Comparator.naturalOrder()).orElseThrow();
        LocalDate last = marks.stream().map(Mark::date).max(Comparator.naturalOrder()).orElseThrow();
        long span = ChronoUnit.DAYS.between(first, last);
        double plotLeft = MARGIN + 8;
        double plotRight = WIDTH - MARGIN - 8;

        List<Placed> placed = new ArrayList<>();
        List<List<double[]>> rows = new ArrayList<>();
        List<Mark> ordered = marks.stream().sorted(Comparator.comparing(Mark::date)).toList();
        for (Mark mark : ordered) {
            double x = span == 0 ? WIDTH / 2.0
                    : plotLeft + (plotRight - plotLeft) * ChronoUnit.DAYS.between(first, mark.date()) / span;
            String label = label(mark);
            double width = ems(label) * FONT;
            boolean rightward = x <= WIDTH / 2.0;
            double from = rightward ? x - 6 : x - 10 - width;
            double to = rightward ? x + 10 + width : x + 6;
            int row = 0;
            while (row < rows.size() && collides(rows.get(row), from, to)) {
                row++;
            }
            if (row == rows.size()) {
                rows.add(new ArrayList<>());
            }
            rows.get(row).add(new double[] {from, to});
            placed.add(new Placed(mark, x, row, label, width, rightward));
        }

        double axisY = TOP + rows.size() * ROW + 6;
        double height = axisY + 30;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"timeline\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(num(height)).append("\" role=\"group\" aria-label=\"").append(Html.escape(ariaLabel))
                .append("\">\n");
        svg.append("<line class=\"axis\" x1=\"").append(MARGIN).append("\" y1=\"").append(num(axisY))
                .append("\" x2=\"").append(WIDTH - MARGIN).append("\" y2=\"").append(num(axisY)).append("\"/>\n");
        ticks(svg, placed, axisY);
        for (Placed p : placed) {
            double y = TOP + p.row * ROW + ROW / 2.0;
            Mark m = p.mark;
            svg.append("<g class=\"mark").append(m.novelty() == null ? "" : " " + Html.escape(m.novelty()))
                    .append("\" data-date=\"").append(m.date()).append("\"><a href=\"#").append(Html.escape(m.anchor()))
                    .append("\"><title>").append(Html.escape(m.date() + " " + m.title())).append("</title>")
                    .append("<line class=\"stem\" x1=\"").append(num(p.x)).append("\" y1=\"").append(num(y))
                    .append("\" x2=\"").append(num(p.x)).append("\" y2=\"").append(num(axisY)).append("\"/>")
                    .append("<circle cx=\"").append(num(p.x)).append("\" cy=\"").append(num(y)).append("\" r=\"5\"/>")
                    .append("<text x=\"").append(num(p.rightward ? p.x + 10 : p.x - 10)).append("\" y=\"")
                    .append(num(y + FONT / 3)).append("\" text-anchor=\"").append(p.rightward ? "start" : "end")
                    .append("\" textLength=\"").append(num(p.width)).append("\" lengthAdjust=\"spacingAndGlyphs\">")
                    .append(Html.escape(p.label)).append("</text></a></g>\n");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    /** A tick per distinct day; a day's label only where it does not run into the previous one. */
    private static void ticks(StringBuilder svg, List<Placed> placed, double axisY) {
        double labelWidth = 10 * 0.6 * AXIS_FONT;
        double lastEnd = Double.NEGATIVE_INFINITY;
        LocalDate previous = null;
        for (Placed p : placed) {
            if (p.mark.date().equals(previous)) {
                continue;
            }
            previous = p.mark.date();
            svg.append("<line class=\"tick\" x1=\"").append(num(p.x)).append("\" y1=\"").append(num(axisY - 4))
                    .append("\" x2=\"").append(num(p.x)).append("\" y2=\"").append(num(axisY + 4)).append("\"/>");
            double center = Math.max(MARGIN + labelWidth / 2, Math.min(WIDTH - MARGIN - labelWidth / 2, p.x));
            if (center - labelWidth / 2 >= lastEnd + 6) {
                svg.append("<text class=\"day\" x=\"").append(num(center)).append("\" y=\"")
                        .append(num(axisY + 18)).append("\" text-anchor=\"middle\">").append(p.mark.date())
                        .append("</text>");
                lastEnd = center + labelWidth / 2;
            }
            svg.append('\n');
        }
    }

    private static boolean collides(List<double[]> row, double from, double to) {
        for (double[] taken : row) {
            if (from < taken[1] + GAP && taken[0] < to + GAP) {
                return true;
            }
        }
        return false;
    }

    /** The title, prefixed with the badge, cut to the widest label the timeline allows. */
    static String label(Mark mark) {
        String full = (mark.badge() == null ? "" : mark.badge() + " · ") + mark.title().strip().replaceAll("\\s+", " ");
        if (ems(full) <= MAX_LABEL_EMS) {
            return full;
        }
        StringBuilder cut = new StringBuilder();
        double used = 0;
        for (int i = 0; i < full.length(); ) {
            int cp = full.codePointAt(i);
            double w = ems(cp);
            if (used + w > MAX_LABEL_EMS - 1) {
                break;
            }
            cut.appendCodePoint(cp);
            used += w;
            i += Character.charCount(cp);
        }
        return cut.toString().strip() + "…";
    }

    static double ems(String text) {
        return text.codePoints().mapToDouble(TimelineSvg::ems).sum();
    }

    private static double ems(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        boolean wide = script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF60) || cp == 0x2026
                || (cp >= 0x1F300 && cp <= 0x1FAFF);
        return wide ? 1.0 : 0.6;
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private record Placed(Mark mark, double x, int row, String label, double width, boolean rightward) {
    }
}
