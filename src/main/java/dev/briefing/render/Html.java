package dev.briefing.render;

/**
 * The one escaping function of the HTML pages. Every string that did not come from our own
 * code (article text, titles, quotes, the model's prose, paths, ids, the language tag) goes
 * through {@link #escape} before it is written, whether into element text or into a
 * double-quoted attribute value; the pages never put such a string into a script, a style,
 * a URL or an event handler (they have no script, and every link target is built from our
 * own counters).
 */
final class Html {

    private Html() {
    }

    /**
     * Text safe in element content and in a double- or single-quoted attribute value: the five
     * characters HTML gives meaning to are replaced by references, and characters HTML forbids
     * in a document (C0 and C1 controls other than tab, line feed and carriage return, and
     * unpaired surrogates) become U+FFFD. Everything else, CJK included, is written as itself.
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\t', '\n', '\r' -> out.append(c);
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                        out.append('\uFFFD');
                    } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A quote in corner brackets, unless it already is one: never 「「…」」. */
    static String bracketed(String quote) {
        return quote.startsWith("「") && quote.endsWith("」") && quote.indexOf('」') == quote.length() - 1
                ? quote : "「" + quote + "」";
    }
}
