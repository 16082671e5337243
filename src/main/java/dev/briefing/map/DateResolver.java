package dev.briefing.map;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides an event's ISO date from what the article wrote, not from what the model says.
 *
 * <ul>
 * <li>Year, month and day in the date text: that date, {@link DateBasis#STATED}.</li>
 * <li>Month and day only ("10月16日", "October 16"): the year is chosen by evidence, never
 *     just any year the article mentions: the year of the full dates the chunk states (the one
 *     the model named if it is among them, else the most frequent, then the latest), else the
 *     article's only year. No evidence, no date. {@link DateBasis#INFERRED}.</li>
 * <li>Relative or day-only dates ("明天", "次日", "当地时间28日深夜至29日凌晨"): the model's
 *     ISO date is kept, inferred, when it lies within {@link #RELATIVE_WINDOW_DAYS} days of a
 *     date the chunk states, and on a day the text names if it names one.</li>
 * <li>Anything that does not fix a day ("下周", "今年5月") stays undated.</li>
 * </ul>
 */
public final class DateResolver {
    /** How far from a stated date a relative date ("次日", "明天", "前一天") may land. */
    static final int RELATIVE_WINDOW_DAYS = 7;
    private static final String NUM = "([0-9０-９]{1,4}|[〇零一二三四五六七八九十]{1,3})";
    private static final Pattern FULL = Pattern.compile("((?:19|20)\\d{2})\\s*[年/\\-.]\\s*" + NUM + "\\s*[月/\\-.]\\s*" + NUM);
    private static final Pattern MONTH_DAY = Pattern.compile(NUM + "\\s*月\\s*" + NUM + "\\s*[日号號]");
    private static final Pattern YEAR = Pattern.compile("((?:19|20)\\d{2})\\s*年");
    private static final Pattern ISO = Pattern.compile("((?:19|20)\\d{2})-(\\d{2})-(\\d{2})");
    private static final Pattern DAY_ONLY = Pattern.compile("(?<![月0-9０-９〇零一二三四五六七八九十])" + NUM + "\\s*[日号號]");
    private static final Pattern RELATIVE = Pattern.compile(
            "明天|明日|次日|翌日|隔天|今天|今日|當天|当天|當日|当日|當晚|当晚|昨天|昨日|前一天|前一日|前天|后天|後天"
                    + "|tomorrow|yesterday|today|the next day|the day before|that day",
            Pattern.CASE_INSENSITIVE);
    private static final List<String> MONTHS = List.of("january", "february", "march", "april", "may", "june",
            "july", "august", "september", "october", "november", "december");
    private static final Pattern ENGLISH = Pattern.compile(
            "(?i)\\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?"
                    + "(?:,?\\s+((?:19|20)\\d{2}))?\\b");

    private DateResolver() {
    }

    /** An ISO date and how it was reached; both null when the text does not fix a day. */
    public record Resolved(LocalDate date, DateBasis basis) {
        static final Resolved NONE = new Resolved(null, null);

        static Resolved stated(LocalDate date) {
            return date == null ? NONE : new Resolved(date, DateBasis.STATED);
        }

        static Resolved inferred(LocalDate date) {
            return date == null ? NONE : new Resolved(date, DateBasis.INFERRED);
        }
    }

    /** Years the article mentions ("2025年"), for the prompt and as the last evidence for a year. */
    public static Set<Integer> yearsIn(String articleText) {
        Set<Integer> years = new TreeSet<>();
        Matcher m = YEAR.matcher(articleText);
        while (m.find()) {
            years.add(Integer.parseInt(m.group(1)));
        }
        Matcher full = FULL.matcher(articleText);
        while (full.find()) {
            years.add(Integer.parseInt(full.group(1)));
        }
        return years;
    }

    /** Without the chunk's text: only the article's years are evidence. */
    public static LocalDate resolve(String dateText, String modelDate, Set<Integer> articleYears) {
        return resolve(dateText, modelDate, articleYears, "").date();
    }

    /**
     * @param context the text around the event (the chunk's paragraphs): its full dates are the
     *                evidence for a missing year and the anchors for relative dates
     */
    public static Resolved resolve(String dateText, String modelDate, Set<Integer> articleYears, String context) {
        if (dateText == null || dateText.isBlank()) {
            return Resolved.NONE;
        }
        Matcher full = FULL.matcher(dateText);
        if (full.find()) {
            return Resolved.stated(date(Integer.parseInt(full.group(1)), number(full.group(2)), number(full.group(3))));
        }
        LocalDate model = iso(modelDate);
        List<LocalDate> stated = fullDates(context);
        int[] monthDay = monthDay(dateText);
        if (monthDay != null) {
            Matcher yearInText = YEAR.matcher(dateText);
            if (monthDay[2] > 0) {
                return Resolved.stated(date(monthDay[2], monthDay[0], monthDay[1]));
            }
            if (yearInText.find()) {
                return Resolved.stated(date(Integer.parseInt(yearInText.group(1)), monthDay[0], monthDay[1]));
            }
            Integer year = year(stated, model, articleYears);
            return year == null ? Resolved.NONE : Resolved.inferred(date(year, monthDay[0], monthDay[1]));
        }
        boolean relative = RELATIVE.matcher(dateText).find();
        Set<Integer> days = new TreeSet<>();
        Matcher dayOnly = DAY_ONLY.matcher(dateText);
        while (dayOnly.find()) {
            days.add(number(dayOnly.group(1)));
        }
        if (model == null || (!relative && days.isEmpty()) || (!days.isEmpty() && !days.contains(model.getDayOfMonth()))) {
            return Resolved.NONE;
        }
        List<LocalDate> anchors = new ArrayList<>(stated);
        Integer year = year(stated, model, articleYears);
        if (year != null) {
            Matcher md = MONTH_DAY.matcher(context);
            while (md.find()) {
                LocalDate d = date(year, number(md.group(1)), number(md.group(2)));
                if (d != null) {
                    anchors.add(d);
                }
            }
        }
        boolean near = anchors.stream()
                .anyMatch(a -> Math.abs(ChronoUnit.DAYS.between(a, model)) <= RELATIVE_WINDOW_DAYS);
        return near ? Resolved.inferred(model) : Resolved.NONE;
    }

    /** The year evidence gives a month-and-day date, or null when there is none. */
    private static Integer year(List<LocalDate> stated, LocalDate model, Set<Integer> articleYears) {
        if (!stated.isEmpty()) {
            if (model != null && stated.stream().anyMatch(d -> d.getYear() == model.getYear())) {
                return model.getYear();
            }
            Map<Integer, Long> counts = stated.stream().collect(Collectors.groupingBy(LocalDate::getYear,
                    Collectors.counting()));
            return counts.entrySet().stream()
                    .max(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .orElseThrow().getKey();
        }
        return articleYears.size() == 1 ? articleYears.iterator().next() : null;
    }

    /** Month, day and (0 when absent) year of a month-and-day date in Chinese or English. */
    private static int[] monthDay(String text) {
        Matcher md = MONTH_DAY.matcher(text);
        if (md.find()) {
            return new int[] {number(md.group(1)), number(md.group(2)), 0};
        }
        Matcher en = ENGLISH.matcher(text);
        if (en.find()) {
            String prefix = en.group(1).toLowerCase(Locale.ROOT).substring(0, 3);
            int month = 1 + MONTHS.stream().map(m -> m.substring(0, 3)).toList().indexOf(prefix);
            return new int[] {month, Integer.parseInt(en.group(2)), en.group(3) == null ? 0 : Integer.parseInt(en.group(3))};
        }
        return null;
    }

    private static List<LocalDate> fullDates(String text) {
        List<LocalDate> dates = new ArrayList<>();
        Matcher full = FULL.matcher(text == null ? "" : text);
        while (full.find()) {
            LocalDate d = date(Integer.parseInt(full.group(1)), number(full.group(2)), number(full.group(3)));
            if (d != null) {
                dates.add(d);
            }
        }
        return dates;
    }

    private static LocalDate iso(String modelDate) {
        Matcher iso = modelDate == null ? null : ISO.matcher(modelDate.strip());
        if (iso == null || !iso.matches()) {
            return null;
        }
        return date(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)), Integer.parseInt(iso.group(3)));
    }

    private static LocalDate date(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Arabic, full-width or Chinese numerals up to 99 (一 .. 九十九, 十二, 二十八). */
    static int number(String s) {
        StringBuilder ascii = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= '０' && c <= '９') {
                ascii.append((char) ('0' + (c - '０')));
            } else if (c >= '0' && c <= '9') {
                ascii.append(c);
            }
        }
        if (ascii.length() == s.length()) {
            return Integer.parseInt(ascii.toString());
        }
        String digits = "〇一二三四五六七八九";
        int tenAt = s.indexOf('十');
        if (tenAt < 0) {
            int value = 0;
            for (char c : s.toCharArray()) {
                value = value * 10 + Math.max(0, digits.indexOf(c == '零' ? '〇' : c));
            }
            return value;
        }
        int tens = tenAt == 0 ? 1 : Math.max(0, digits.indexOf(s.charAt(tenAt - 1)));
        int ones = tenAt == s.length() - 1 ? 0 : Math.max(0, digits.indexOf(s.charAt(tenAt + 1)));
        return tens * 10 + ones;
    }
}
