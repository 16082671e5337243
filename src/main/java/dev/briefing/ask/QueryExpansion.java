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
    private static final Pattern MONTH_DAY = Pattern.compile(
            "(?i)\\b(january|february|march|april|may|june|july|august|september|october|november|december|"
                    + "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b");

    private QueryExpansion() {
    }

    /** The expansion query, or "" when the question names nothing it knows. */
    static String of(String question, AliasTable aliases) {
        Set<String> parts = new LinkedHashSet<>(aliases.chineseNamesMentionedIn(question));
        Matcher m = MONTH_DAY.matcher(question);
        while (m.find()) {
            String month = m.group(1).toLowerCase(Locale.ROOT);
            int index = -1;
            for (int i = 0; i < MONTHS.size(); i++) {
                if (MONTHS.get(i).startsWith(month.substring(0, 3))) {
                    index = i;
                    break;
                }
            }
            if (index >= 0) {
                parts.add((index + 1) + "月" + Integer.parseInt(m.group(2)) + "日");
            }
        }
        return String.join(" ", parts);
    }
}
