package dev.briefing.ask;

import dev.briefing.reduce.AliasTable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A query of the question's known names and dates in the form Chinese news writes them,
 * without a model: the actors of aliases.txt it mentions in any script or language (Putin:
 * 普京, 普丁), and English dates ("October 16": 10月16日).
 */
final class QueryExpansion {
    private static final List<String> MONTHS = List.of("january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december");
    private static final String MONTH = "(january|february|march|april|may|june|july|august|september|october|"
            + "november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)";
    /** "October 16", "Oct. 16th"; and "16 October". */
    private static final Pattern MONTH_DAY = Pattern.compile(
            "(?i)\\b" + MONTH + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b");
    private static final Pattern DAY_MONTH = Pattern.compile(
            "(?i)\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTH + "\\b");

    private QueryExpansion() {
    }

    /** The expansion query, or "" when the question names nothing it knows. */
    static String of(String question, AliasTable aliases) {
        Set<String> parts = new LinkedHashSet<>(aliases.chineseNamesMentionedIn(question));
        Matcher m = MONTH_DAY.matcher(question);
        while (m.find()) {
            addDate(parts, m.group(1), m.group(2));
        }
        Matcher d = DAY_MONTH.matcher(question);
        while (d.find()) {
            addDate(parts, d.group(2), d.group(1));
        }
        return String.join(" ", parts);
    }

    private static void addDate(Set<String> parts, String monthName, String day) {
        String month = monthName.toLowerCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.size(); i++) {
            if (MONTHS.get(i).startsWith(month.substring(0, 3))) {
                int n = Integer.parseInt(day);
                if (n >= 1 && n <= 31) {
                    parts.add((i + 1) + "月" + n + "日");
                }
                return;
            }
        }
    }
}
