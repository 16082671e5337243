package dev.briefing.render;

import dev.briefing.normalize.ChineseScript;
import dev.briefing.normalize.Script;

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

    /**
     * The {@code lang} tag of a text unlike its page, or null when it is like it. Chinese text
     * by its script ({@link ChineseScript#detect(String, Script)}, a tie going the page's way):
     * {@code zh-Hant} on a simplified or English page, {@code zh-Hans} on a traditional or
     * English one; text with Latin letters and no Han on a Chinese page: {@code en}.
     *
     * @param page the page's script, {@link Script#NONE} for an English page
     */
    static String langTag(String text, Script page) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        int latin = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (dev.briefing.ingest.Han.is(cp)) {
                return scriptTag(ChineseScript.detect(text, page == Script.NONE ? Script.SIMPLIFIED : page), page);
            }
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
                latin++;
            }
        }
        return latin >= 2 && page != Script.NONE ? "en" : null;
    }

    /** The tag of Chinese text in {@code script} on a page in {@code page}, or null when they agree. */
    static String scriptTag(Script script, Script page) {
        if (script == page || script == Script.NONE) {
            return null;
        }
        return script == Script.TRADITIONAL ? "zh-Hant" : "zh-Hans";
    }

    /** {@code lang="…"} with a leading space for a tag, "" for null. */
    static String langAttribute(String tag) {
        return tag == null ? "" : " lang=\"" + tag + "\"";
    }

    /** The script a page in this language is written in: {@link Script#NONE} for English. */
    static Script pageScript(String language) {
        return switch (MarkdownRenderer.Labels.variant(language)) {
            case HANS -> Script.SIMPLIFIED;
            case HANT -> Script.TRADITIONAL;
            case EN -> Script.NONE;
        };
    }
}
