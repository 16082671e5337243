package dev.briefing.normalize;

import java.util.regex.Pattern;

/** Line-level text helpers shared by the cleaning steps. */
final class Lines {
    private static final Pattern MARKDOWN_MARKERS = Pattern.compile("^(?:(?:#{1,6}|>)[ \\t\\u3000]*)+");

    private Lines() {
    }

    /**
     * Trims what String.strip misses in Chinese web text: NBSP, full-width spaces (U+3000),
     * zero-width spaces and stray BOMs left where pages were pasted together.
     */
    static String trim(String line) {
        int start = 0;
        int end = line.length();
        while (start < end && isSpace(line.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(start, end);
    }

    /** Drops leading "#" heading and ">" quote markers, in any mix ("> ## x"). */
    static String stripMarkdownMarkers(String line) {
        return MARKDOWN_MARKERS.matcher(line).replaceFirst("");
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\uFEFF';
    }
}
