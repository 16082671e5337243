package dev.briefing.map;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides an event's ISO date from what the article wrote, not from what the model says.
 * The model's date is only a hint for the year when the text gives month and day; that year
 * must appear in the article. A date the text does not pin to a day stays null.
 */
public final class DateResolver {
    private static final String NUM = "([0-9０-９]{1,4}|[〇零一二三四五六七八九十]{1,3})";
    private static final Pattern FULL = Pattern.compile("((?:19|20)\\d{2})\\s*[年/\\-.]\\s*" + NUM + "\\s*[月/\\-.]\\s*" + NUM);
    private static final Pattern MONTH_DAY = Pattern.compile(NUM + "\\s*月\\s*" + NUM + "\\s*[日号號]");
    private static final Pattern YEAR = Pattern.compile("((?:19|20)\\d{2})\\s*年");
    private static final Pattern ISO = Pattern.compile("((?:19|20)\\d{2})-(\\d{2})-(\\d{2})");

    private DateResolver() {
    }

    /** Years the article mentions ("2025年"), the only years a month-and-day date may take. */
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

    public static LocalDate resolve(String dateText, String modelDate, Set<Integer> articleYears) {
        if (dateText == null || dateText.isBlank()) {
            return null;
        }
        Matcher full = FULL.matcher(dateText);
        if (full.find()) {
            return date(Integer.parseInt(full.group(1)), number(full.group(2)), number(full.group(3)));
        }
        Matcher md = MONTH_DAY.matcher(dateText);
        if (!md.find()) {
            return null;
        }
        int month = number(md.group(1));
        int day = number(md.group(2));
        Matcher yearInText = YEAR.matcher(dateText);
        if (yearInText.find()) {
            return date(Integer.parseInt(yearInText.group(1)), month, day);
        }
        Integer year = null;
        Matcher iso = modelDate == null ? null : ISO.matcher(modelDate.strip());
        if (iso != null && iso.matches() && articleYears.contains(Integer.parseInt(iso.group(1)))) {
            year = Integer.parseInt(iso.group(1));
        } else if (articleYears.size() == 1) {
            year = articleYears.iterator().next();
        }
        return year == null ? null : date(year, month, day);
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
