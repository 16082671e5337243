package dev.briefing.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Splits a paragraph of Chinese (or mixed Chinese and English) text into sentences.
 *
 * <p>Splitting is lossless: the parts, concatenated, are exactly the input. Quotes that
 * the model cites must match the paragraph verbatim, so no character may be dropped,
 * trimmed or normalised here.
 *
 * <p>LangChain4j's sentence splitter uses an English sentence model and would treat a
 * Chinese paragraph as one sentence, hence this one.
 */
public final class SentenceSplitter {

    /** Always end a sentence (the ASCII ones with a caveat, see {@link #endOfTerminatorRun}). */
    private static final String TERMINATORS = "。！？；…｡⋯!?;";
    private static final String ASCII_TERMINATORS = "!?;";

    /** Closing quotes and brackets that belong to the sentence they close. */
    private static final String CLOSERS = "”’」』）)》〉】〕〗］]｝}»›";

    /** Where an over-long sentence may be cut, in order of preference after sentence ends. */
    private static final String CLAUSE_BREAKS = "，,、：:";

    /** Words that a following "." abbreviates rather than ends ("Mr. Smith", "Corp. Ltd"). */
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "st", "jr",
            "sr", "mt", "gen", "sen", "rep", "gov", "pres", "lt", "col", "capt", "sgt", "adm", "cmdr", "rev",
            "hon", "inc", "ltd", "co", "corp", "bros", "dept", "univ", "assn", "vs", "etc", "no", "nos",
            "vol", "fig", "approx", "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
            "oct", "nov", "dec");

    private SentenceSplitter() {
    }

    /** The sentences of {@code paragraph}, each with its terminator, closing quotes and trailing spaces. */
    public static List<String> split(String paragraph) {
        Objects.requireNonNull(paragraph, "paragraph");
        List<String> sentences = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < paragraph.length()) {
            int end = sentenceEndAt(paragraph, i);
            if (end < 0) {
                i++;
                continue;
            }
            end = skipWhitespace(paragraph, end);
            sentences.add(paragraph.substring(start, end));
            start = end;
            i = end;
        }
        if (start < paragraph.length()) {
            sentences.add(paragraph.substring(start));
        }
        return sentences;
    }

    /**
     * The sentences of {@code paragraph}, with any sentence whose estimate exceeds
     * {@code maxTokens} cut into pieces that each fit.
     *
     * <p>This is the only place a sentence is ever cut, and it happens only when one sentence
     * alone is larger than the window: a cut sentence loses context for the model, so it is
     * first cut between clauses ({@code ，,、：:}) and, only for a clause that still does not
     * fit, between characters. Still lossless.
     */
    public static List<String> split(String paragraph, int maxTokens) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1: " + maxTokens);
        }
        List<String> parts = new ArrayList<>();
        for (String sentence : split(paragraph)) {
            if (TokenEstimator.estimate(sentence) <= maxTokens) {
                parts.add(sentence);
            } else {
                parts.addAll(cutSentence(sentence, maxTokens));
            }
        }
        return parts;
    }

    /** If a sentence ends with the character at {@code i}, the index just past its end; otherwise -1. */
    private static int sentenceEndAt(String text, int i) {
        char c = text.charAt(i);
        if (TERMINATORS.indexOf(c) >= 0) {
            return endOfTerminatorRun(text, i);
        }
        if (c == '.') {
            return endOfEnglishSentence(text, i);
        }
        return -1;
    }

    private static int endOfTerminatorRun(String text, int i) {
        int j = i;
        while (j < text.length() && TERMINATORS.indexOf(text.charAt(j)) >= 0) {
            j++;
        }
        // An ASCII "!", "?" or ";" glued to more ASCII text is a URL query, code or markup
        // (a Markdown image "![]()"), not an ending; before a closing quote it still ends.
        if (ASCII_TERMINATORS.indexOf(text.charAt(j - 1)) >= 0 && j < text.length()
                && isGluedAscii(text, j)) {
            return -1;
        }
        return skipClosers(text, j, true);
    }

    /**
     * A "." ends a sentence only before whitespace and a capital Latin letter, so that
     * numbers (3.5), domains (backchina.com) and abbreviations (U.S. President) stay whole.
     */
    private static int endOfEnglishSentence(String text, int i) {
        int j = i;
        while (j < text.length() && text.charAt(j) == '.') {
            j++;
        }
        if (j - i == 1 && isAbbreviation(text, i)) {
            return -1;
        }
        int end = skipClosers(text, j, false);
        int next = skipWhitespace(text, end);
        if (next == end || next >= text.length() || !isAsciiUpper(text.charAt(next))) {
            return -1;
        }
        return end;
    }

    /** The word before the dot at {@code dot} is an initial, a dotted abbreviation, or a known one. */
    private static boolean isAbbreviation(String text, int dot) {
        int k = dot;
        while (k > 0 && (isAsciiLetter(text.charAt(k - 1)) || text.charAt(k - 1) == '.')) {
            k--;
        }
        String word = text.substring(k, dot);
        if (word.isEmpty()) {
            return false;
        }
        return word.length() == 1 || word.indexOf('.') >= 0
                || ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
    }

    private static int skipClosers(String text, int j, boolean moreTerminators) {
        while (j < text.length()) {
            char c = text.charAt(j);
            boolean closes = CLOSERS.indexOf(c) >= 0
                    || ((c == '"' || c == '\'') && isClosingStraightQuote(text, j))
                    || (moreTerminators && TERMINATORS.indexOf(c) >= 0);
            if (!closes) {
                break;
            }
            j++;
        }
        return j;
    }

    /**
     * A straight quote cannot say whether it opens or closes, so count: after an odd number
     * of the same quote it closes. Apostrophes inside words (don't) are not quotes.
     */
    private static boolean isClosingStraightQuote(String text, int at) {
        char quote = text.charAt(at);
        int seen = 0;
        for (int k = 0; k < at; k++) {
            if (text.charAt(k) == quote && !isApostrophe(text, k)) {
                seen++;
            }
        }
        return seen % 2 == 1;
    }

    private static boolean isApostrophe(String text, int k) {
        return text.charAt(k) == '\'' && k > 0 && k + 1 < text.length()
                && isAsciiLetter(text.charAt(k - 1)) && isAsciiLetter(text.charAt(k + 1));
    }

    private static List<String> cutSentence(String sentence, int maxTokens) {
        List<String> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String clause : clauses(sentence)) {
            if (TokenEstimator.estimate(current + clause) <= maxTokens) {
                current.append(clause);
                continue;
            }
            if (current.length() > 0) {
                pieces.add(current.toString());
                current.setLength(0);
            }
            if (TokenEstimator.estimate(clause) <= maxTokens) {
                current.append(clause);
            } else {
                List<String> cut = cutCharacters(clause, maxTokens);
                pieces.addAll(cut.subList(0, cut.size() - 1));
                current.append(cut.get(cut.size() - 1));
            }
        }
        if (current.length() > 0) {
            pieces.add(current.toString());
        }
        return pieces;
    }

    private static List<String> clauses(String sentence) {
        List<String> clauses = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < sentence.length(); i++) {
            char c = sentence.charAt(i);
            // "1,000" and "10:30" are numbers, not clauses.
            boolean breaks = CLAUSE_BREAKS.indexOf(c) >= 0
                    && !(c < 128 && i + 1 < sentence.length() && Character.isDigit(sentence.charAt(i + 1)));
            if (breaks) {
                int end = skipWhitespace(sentence, skipClosers(sentence, i + 1, false));
                clauses.add(sentence.substring(start, end));
                start = end;
                i = end - 1;
            }
        }
        if (start < sentence.length()) {
            clauses.add(sentence.substring(start));
        }
        return clauses;
    }

    /** Cuts between characters, each piece as long as fits, preferring not to cut an ASCII word or number. */
    private static List<String> cutCharacters(String text, int maxTokens) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = longestFittingEnd(text, start, maxTokens);
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }

    // The estimate of a prefix never decreases as the prefix grows, so binary search applies.
    private static int longestFittingEnd(String text, int start, int maxTokens) {
        int lo = start + Character.charCount(text.codePointAt(start)); // one character always fits
        int hi = text.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (TokenEstimator.estimate(text.substring(start, mid)) <= maxTokens) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int end = lo;
        if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        if (end < text.length() && isAsciiLetterOrDigit(text.charAt(end - 1))
                && isAsciiLetterOrDigit(text.charAt(end))) {
            int wordStart = end;
            while (wordStart > start && isAsciiLetterOrDigit(text.charAt(wordStart - 1))) {
                wordStart--;
            }
            if (wordStart > start) {
                end = wordStart;
            }
        }
        return end;
    }

    private static boolean isGluedAscii(String text, int j) {
        char next = text.charAt(j);
        return next < 128 && !Character.isWhitespace(next) && CLOSERS.indexOf(next) < 0
                && !((next == '"' || next == '\'') && isClosingStraightQuote(text, j));
    }

    private static int skipWhitespace(String text, int j) {
        while (j < text.length() && Character.isWhitespace(text.charAt(j))) {
            j++;
        }
        return j;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9');
    }
}
