package dev.briefing.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.BitSet;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What counts as prose, the one input policy (README, "What is read as an article"). GB18030
 * decodes almost any byte string, so a clean decode proves nothing: random bytes come out as
 * Chinese characters, but rare ones. Real Chinese news draws over 90% of its characters from
 * the common sets (GB2312 level 1, 3,755 characters, for simplified; Big5's 5,401 frequent
 * characters for traditional); random bytes decoded as GB18030 or Big5 draw under half. Text
 * without Chinese must hold a run of ordinary words. Data formats (JSON) are refused as such.
 * Texts too short to judge are taken as they are.
 */
public final class Prose {
    /** Below this many letters a text is not judged (a headline-only note, a test fixture). */
    static final int MIN_LETTERS_TO_JUDGE = 24;
    /** Share of the characters that may be unassigned, private-use, lone surrogates or controls. */
    static final double MAX_RARE_SHARE = 0.10;
    /** Share of the Chinese characters that must be common ones: news has over 0.9, random bytes under 0.5. */
    static final double MIN_COMMON_CJK_SHARE = 0.70;
    /** Chinese characters from which the common share is judged. */
    static final int MIN_CJK_TO_JUDGE = 20;
    /** A chunk holding this many words (one per Chinese character) is prose a model must find notes in. */
    public static final int SUBSTANTIAL_WORDS = 40;

    private static final BitSet COMMON = commonIdeographs();
    private static final int CJK_FIRST = 0x4E00;
    private static final int CJK_LAST = 0x9FFF;
    /** Four ordinary words in a row: letters, each with a vowel, separated by spaces or punctuation. */
    private static final Pattern WORD_RUN = Pattern.compile(
            "(?:\\b[A-Za-z]?[a-z]*[aeiouyAEIOUY][a-z]*\\b[\\s,;:'\"()-]{1,3}){3}\\b[A-Za-z]?[a-z]*[aeiouy][a-z]*\\b");
    private static final Pattern JSON_OPENING = Pattern.compile("(\\{\\s*\"[^\"\\n]{0,200}\"\\s*:|\\[\\s*[\\[{])");

    private Prose() {
    }

    /**
     * Why {@code text} is not prose, or empty when it is (or is too short to judge).
     */
    public static Optional<String> notProse(String text) {
        Counts c = Counts.of(text);
        if (c.letters + c.rare < MIN_LETTERS_TO_JUDGE) {
            return Optional.empty();
        }
        if (c.rare > (c.visible) * MAX_RARE_SHARE) {
            return Optional.of("not prose: " + percent(c.rare, c.visible) + " of its characters are unassigned, "
                    + "private-use or control characters (binary data, or text in an encoding it was not saved in)");
        }
        Optional<String> data = data(text);
        if (data.isPresent()) {
            return data;
        }
        if (c.cjk >= MIN_CJK_TO_JUDGE) {
            if (c.commonCjk < c.cjk * MIN_COMMON_CJK_SHARE) {
                return Optional.of("not prose: only " + percent(c.commonCjk, c.cjk) + " of its Chinese characters are "
                        + "common ones (news has over 90%): binary data or a wrong encoding decoded as Chinese");
            }
            return Optional.empty();
        }
        if (c.cjk == 0 && !WORD_RUN.matcher(text).find()) {
            return Optional.of("not prose: no Chinese text and no run of ordinary words");
        }
        return Optional.empty();
    }

    /** True when {@code text} is prose with enough words that a model reading it must find something. */
    public static boolean substantial(String text) {
        Counts c = Counts.of(text);
        return c.cjk + c.latinWords >= SUBSTANTIAL_WORDS && notProse(text).isEmpty();
    }

    /** A JSON document named as text: its strings may be prose, but it is data, not an article. */
    private static Optional<String> data(String text) {
        String t = text.strip();
        if (t.isEmpty() || !(t.charAt(0) == '{' || t.charAt(0) == '[')) {
            return Optional.empty();
        }
        char last = t.charAt(t.length() - 1);
        boolean closed = last == '}' || last == ']';
        if (closed) {
            try {
                parsesAsJson(t);
                return Optional.of("not prose: a JSON document, not an article (brief the text it holds as .txt)");
            } catch (IOException notJson) {
                // fall through to the punctuation share
            }
        }
        // A document cut at the size limit no longer parses; its opening still says what it is.
        if (JSON_OPENING.matcher(t).lookingAt()) {
            return Optional.of("not prose: it looks like JSON data (it opens with " + t.substring(0, Math.min(12,
                    t.length())).replaceAll("\\s+", " ") + "...), not an article");
        }
        return Optional.empty();
    }

    /**
     * Reads {@code text} as one JSON value and nothing after it, token by token: no tree is
     * built and no data-binding is loaded (it used to be an ObjectMapper, a tenth of a second at
     * every start for a check almost no article reaches).
     */
    private static void parsesAsJson(String text) throws IOException {
        try (JsonParser parser = JsonFactoryHolder.FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                throw new IOException("no JSON value");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new IOException("more than one JSON value");
            }
        }
    }

    private static final class JsonFactoryHolder {
        static final JsonFactory FACTORY = new JsonFactory();
    }

    private static String percent(long part, long whole) {
        return Math.round(100.0 * part / Math.max(1, whole)) + "%";
    }

    private record Counts(int visible, int letters, int rare, int cjk, int commonCjk, int latinWords) {
        static Counts of(String text) {
            int visible = 0;
            int letters = 0;
            int rare = 0;
            int cjk = 0;
            int common = 0;
            int words = 0;
            boolean inWord = false;
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                i += Character.charCount(cp);
                if (Han.isUnifiedIdeograph(cp)) {
                    // Most of a Chinese article: a visible letter, Han, never rare; no table asked.
                    inWord = false;
                    visible++;
                    letters++;
                    cjk++;
                    if (cp <= CJK_LAST && COMMON.get(cp - CJK_FIRST)) {
                        common++;
                    }
                    continue;
                }
                boolean latin = cp < 0x250 && Character.isLetter(cp);
                if (latin && !inWord) {
                    words++;
                }
                inWord = latin;
                if (Character.isWhitespace(cp)) {
                    continue;
                }
                visible++;
                int type = Character.getType(cp);
                if (type == Character.UNASSIGNED || type == Character.PRIVATE_USE || type == Character.SURROGATE
                        || (type == Character.CONTROL) || cp == 0xFFFD) {
                    rare++;
                } else if (Character.isLetter(cp)) {
                    letters++;
                }
                if (Han.is(cp)) {
                    cjk++;
                    if (cp >= CJK_FIRST && cp <= CJK_LAST && COMMON.get(cp - CJK_FIRST)) {
                        common++;
                    }
                }
            }
            return new Counts(visible, letters, rare, cjk, common, words);
        }
    }

    /**
     * The common characters, simplified and traditional: those GB2312 places in level 1 (lead
     * bytes 0xB0-0xD7) and those Big5 places among its frequent characters (0xA440-0xC67E).
     * Computed from the JDK's own charsets, so no list is shipped: every two-byte code of those
     * ranges is decoded in one pass, and a character is kept when it encodes back to its own code.
     * (Encoding every ideograph took a fifth of a second at every start, decoding code by code a
     * twentieth.)
     */
    static BitSet commonIdeographs() {
        return commonIdeographs(true);
    }

    /** @param inOnePass false decodes code by code: what a charset that slips out of step gets */
    static BitSet commonIdeographs(boolean inOnePass) {
        BitSet set = new BitSet(CJK_LAST - CJK_FIRST + 1);
        addDecoded(set, Charset.forName("GB2312"), 0xB0A1, 0xD7FE, 0xA1, 0xFE, 0xA1, 0xFE, inOnePass);
        addDecoded(set, Charset.forName("Big5"), 0xA440, 0xC67E, 0x40, 0x7E, 0xA1, 0xFE, inOnePass);
        return set;
    }

    /**
     * Decodes the codes from {@code from} to {@code to} whose second byte is in one of the two
     * trail ranges (every other second byte is invalid in both charsets, so each pair stands for
     * one character or one replacement), and keeps the ideographs that encode back to their code.
     */
    private static void addDecoded(BitSet set, Charset charset, int from, int to, int trailFrom1, int trailTo1,
            int trailFrom2, int trailTo2, boolean inOnePass) {
        int[] codes = new int[to - from + 1];
        int n = 0;
        for (int code = from; code <= to; code++) {
            int trail = code & 0xFF;
            if ((trail >= trailFrom1 && trail <= trailTo1) || (trail >= trailFrom2 && trail <= trailTo2)) {
                codes[n++] = code;
            }
        }
        if (!inOnePass) {
            addDecodedOneByOne(set, charset, codes, n);
            return;
        }
        byte[] pairs = new byte[2 * n];
        for (int i = 0; i < n; i++) {
            pairs[2 * i] = (byte) (codes[i] >> 8);
            pairs[2 * i + 1] = (byte) codes[i];
        }
        String decoded = new String(pairs, charset);
        // An invalid code decodes to U+FFFD, which would encode to one byte; the ideographic
        // space encodes to two in both charsets and is no ideograph, so the codes stay aligned.
        byte[] again = decoded.replace('\uFFFD', '\u3000').getBytes(charset);
        if (decoded.length() != n || again.length != pairs.length) {
            addDecodedOneByOne(set, charset, codes, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            char c = decoded.charAt(i);
            if (c >= CJK_FIRST && c <= CJK_LAST && again[2 * i] == pairs[2 * i] && again[2 * i + 1] == pairs[2 * i + 1]) {
                set.set(c - CJK_FIRST);
            }
        }
    }

    /** The same, code by code: for a charset that does not decode each pair to one character. */
    private static void addDecodedOneByOne(BitSet set, Charset charset, int[] codes, int n) {
        java.nio.charset.CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        CharsetEncoder encoder = charset.newEncoder();
        byte[] pair = new byte[2];
        java.nio.CharBuffer decoded = java.nio.CharBuffer.allocate(4);
        for (int i = 0; i < n; i++) {
            int code = codes[i];
            pair[0] = (byte) (code >> 8);
            pair[1] = (byte) code;
            decoder.reset();
            decoded.clear();
            java.nio.charset.CoderResult r = decoder.decode(java.nio.ByteBuffer.wrap(pair), decoded, true);
            if (r.isError() || decoder.flush(decoded).isError() || decoded.position() != 1) {
                continue;
            }
            char c = decoded.get(0);
            if (c >= CJK_FIRST && c <= CJK_LAST && encode(encoder, String.valueOf(c)) == code) {
                set.set(c - CJK_FIRST);
            }
        }
    }

    static int encode(CharsetEncoder encoder, String s) {
        if (!encoder.canEncode(s)) {
            return -1;
        }
        try {
            java.nio.ByteBuffer b = encoder.encode(java.nio.CharBuffer.wrap(s));
            return b.remaining() == 2 ? ((b.get(0) & 0xFF) << 8) | (b.get(1) & 0xFF) : -1;
        } catch (java.nio.charset.CharacterCodingException e) {
            return -1;
        }
    }
}
