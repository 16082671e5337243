package dev.briefing.normalize;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A "来源：" line naming the publisher. Pasted articles often run the first sentence into it
 * (seed 003: "來源:倍可親(backchina.com)當地時間7月28日,..."), so the name is cut off and the
 * rest stays text.
 *
 * @param source    the publisher's name, empty when the line names none
 * @param remainder the text after the name, trimmed, possibly empty
 */
record SourceLine(String source, String remainder) {
    /** Only at the start of a line: "信息来源" or "本文来源" headings are content, not metadata. */
    private static final Pattern PREFIX = Pattern.compile("^(?:文章)?(?:来源|來源)[:：]");
    private static final String NAME_END = ",，。;；|";

    SourceLine {
        if (source == null || remainder == null) {
            throw new IllegalArgumentException("source and remainder must not be null");
        }
    }

    static Optional<SourceLine> parse(String line) {
        Matcher prefix = PREFIX.matcher(line);
        if (!prefix.find()) {
            return Optional.empty();
        }
        String rest = Lines.trim(line.substring(prefix.end()));
        int end = nameEnd(rest);
        String remainder = Lines.trim(stripLeadingDelimiters(rest.substring(end)));
        return Optional.of(new SourceLine(Lines.trim(rest.substring(0, end)), remainder));
    }

    /**
     * The name runs to the first space or delimiter; a bracket directly after the name belongs
     * to it ("倍可親(backchina.com)") up to its closing bracket.
     */
    private static int nameEnd(String rest) {
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if ((c == '(' || c == '（') && i > 0) {
                int close = indexOfAny(rest, i + 1, ")）");
                return close < 0 ? i : close + 1;
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || NAME_END.indexOf(c) >= 0) {
                return i;
            }
        }
        return rest.length();
    }

    private static int indexOfAny(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** "来源：人民日报，作者：X" keeps "作者：X", not "，作者：X". */
    private static String stripLeadingDelimiters(String s) {
        int i = 0;
        while (i < s.length() && NAME_END.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return s.substring(i);
    }
}
