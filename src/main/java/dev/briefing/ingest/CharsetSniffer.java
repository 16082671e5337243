package dev.briefing.ingest;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decodes the bytes of a Chinese article: a BOM wins, then strict UTF-8, then GB18030 or Big5
 * as ICU's byte statistics rank them. Every decode is strict, so a wrong guess fails instead of
 * producing mojibake.
 */
public final class CharsetSniffer {
    /** ICU looks at statistics; 64 KB is plenty and keeps a 20 MB file cheap to sniff. */
    private static final int DETECTOR_SAMPLE = 64 * 1024;
    private static final int BINARY_SAMPLE = 8 * 1024;
    /** Share of control bytes above which a file is binary; real text has almost none. */
    private static final double MAX_CONTROL_SHARE = 0.30;

    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Charset BIG5 = Charset.forName("Big5");
    /** Hong Kong texts use characters plain Big5 lacks; HKSCS is a superset, tried second. */
    private static final Charset BIG5_HKSCS = Charset.forName("Big5-HKSCS");

    private CharsetSniffer() {
    }

    /** Decoded text (BOM removed) and the name of the charset used. */
    public record Decoded(String text, String charset) {
        public Decoded {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(charset, "charset");
        }
    }

    /** The byte-order mark at the start of a file, if any. */
    enum Bom {
        NONE(0, null), UTF_8(3, StandardCharsets.UTF_8),
        UTF_16BE(2, StandardCharsets.UTF_16BE), UTF_16LE(2, StandardCharsets.UTF_16LE);

        final int length;
        final Charset charset;

        Bom(int length, Charset charset) {
            this.length = length;
            this.charset = charset;
        }

        static Bom of(byte[] bytes) {
            if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
                return UTF_8;
            }
            if (startsWith(bytes, 0xFE, 0xFF)) {
                return UTF_16BE;
            }
            if (startsWith(bytes, 0xFF, 0xFE)) {
                return UTF_16LE;
            }
            return NONE;
        }

        boolean isUtf16() {
            return this == UTF_16BE || this == UTF_16LE;
        }

        private static boolean startsWith(byte[] bytes, int... prefix) {
            if (bytes.length < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if ((bytes[i] & 0xFF) != prefix[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Decodes {@code bytes}.
     *
     * @throws CharacterCodingException when no candidate charset decodes them cleanly
     */
    public static Decoded decode(byte[] bytes) throws CharacterCodingException {
        Bom bom = Bom.of(bytes);
        if (bom != Bom.NONE) {
            byte[] body = Arrays.copyOfRange(bytes, bom.length, bytes.length);
            return new Decoded(strict(body, bom.charset), bom.charset.name());
        }
        Charset utf16 = utf16WithoutBom(bytes);
        if (utf16 != null) {
            return new Decoded(strict(bytes, utf16), utf16.name());
        }
        try {
            // A stray NUL is valid UTF-8 but no text: dropped, so the article is read (not lost as UTF-16).
            return new Decoded(strict(bytes, StandardCharsets.UTF_8).replace("\0", ""), "UTF-8");
        } catch (CharacterCodingException notUtf8) {
            // fall through to the legacy Chinese encodings, unless part of it is plainly UTF-8
        }
        if (longestUtf8CjkRun(bytes) >= MIXED_UTF8_RUN) {
            throw new MixedEncodingException(firstNonUtf8Byte(bytes));
        }
        for (Charset candidate : legacyCandidates(bytes)) {
            try {
                return new Decoded(strict(bytes, candidate), candidate.name());
            } catch (CharacterCodingException wrongGuess) {
                // try the next one
            }
        }
        throw new CharacterCodingException();
    }

    /**
     * Text that is partly UTF-8 and partly something else (files pasted together, or a UTF-8 file
     * with damaged bytes). GB18030 would decode it without complaint, into nonsense where the UTF-8
     * part is, so it is refused instead.
     */
    public static final class MixedEncodingException extends CharacterCodingException {
        private final int offset;

        MixedEncodingException(int offset) {
            this.offset = offset;
        }

        @Override
        public String getMessage() {
            return "mixed encodings: UTF-8 text with bytes that are not UTF-8 (the first at byte " + offset
                    + "); save the file in one encoding";
        }
    }

    /**
     * Consecutive three-byte UTF-8 sequences (CJK in UTF-8 is three bytes), ASCII between them
     * allowed, that prove a UTF-8 part. GBK and Big5 text mimics one now and then, never more
     * than two in a row in the seeds re-encoded; six leaves a wide margin.
     */
    private static final int MIXED_UTF8_RUN = 6;

    private static int longestUtf8CjkRun(byte[] bytes) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < bytes.length; ) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            if (isThreeByteSequence(bytes, i)) {
                run++;
                longest = Math.max(longest, run);
                i += 3;
            } else {
                run = 0;
                i++;
            }
        }
        return longest;
    }

    /** A well-formed UTF-8 sequence for U+0800..U+FFFF, surrogates excluded. */
    private static boolean isThreeByteSequence(byte[] bytes, int i) {
        int lead = bytes[i] & 0xFF;
        if (lead < 0xE0 || lead > 0xEF || i + 2 >= bytes.length || !isTrail(bytes[i + 1]) || !isTrail(bytes[i + 2])) {
            return false;
        }
        int second = bytes[i + 1] & 0xFF;
        return !(lead == 0xE0 && second < 0xA0) && !(lead == 0xED && second >= 0xA0);
    }

    private static boolean isTrail(byte b) {
        return (b & 0xC0) == 0x80;
    }

    private static int firstNonUtf8Byte(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(in, java.nio.CharBuffer.allocate(bytes.length), true);
        return in.position();
    }

    /**
     * True for NUL bytes or mostly control characters in the first 8 KB. A UTF-16 BOM exempts
     * the file (UTF-16 text is full of NUL bytes), and so does valid UTF-8 with a few stray NULs.
     */
    public static boolean looksBinary(byte[] bytes) {
        if (Bom.of(bytes).isUtf16() || utf16WithoutBom(bytes) != null) {
            return false;
        }
        boolean strayNulsInUtf8 = strayNuls(bytes) && isUtf8(bytes);
        int n = Math.min(bytes.length, BINARY_SAMPLE);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            if (b == 0 && !strayNulsInUtf8) {
                return true;
            }
            if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') || b == 0x7F) {
                control++;
            }
        }
        return n > 0 && control > n * MAX_CONTROL_SHARE;
    }

    /**
     * UTF-16 saved without a byte-order mark. Its NUL bytes (the high byte of ASCII, the low byte
     * of characters such as 一 U+4E00) fall nearly all on one side of each code unit: odd offsets
     * for little-endian, even for big-endian. A binary file's NULs fall on both. The guess counts
     * only if the whole file then decodes strictly into text without control characters.
     *
     * @return UTF-16LE or UTF-16BE, or null when the bytes are not UTF-16 text
     */
    static Charset utf16WithoutBom(byte[] bytes) {
        if (bytes.length < 2 || bytes.length % 2 != 0) {
            return null;
        }
        if (strayNuls(bytes) && isUtf8(bytes)) {
            // Valid UTF-8 with a few NULs is a UTF-8 article with stray bytes; UTF-16 text that is
            // also valid UTF-8 is ASCII-heavy, so half its bytes are NUL.
            return null;
        }
        int n = Math.min(bytes.length, BINARY_SAMPLE);
        int even = 0;
        int odd = 0;
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                if (i % 2 == 0) {
                    even++;
                } else {
                    odd++;
                }
            }
        }
        int nuls = even + odd;
        Charset guess = nuls == 0 ? null : odd >= nuls * 0.9 ? StandardCharsets.UTF_16LE
                : even >= nuls * 0.9 ? StandardCharsets.UTF_16BE : null;
        if (guess == null) {
            return null;
        }
        try {
            String text = strict(bytes, guess);
            boolean control = text.chars().anyMatch(c -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
                    || c == 0x7F);
            return control ? null : guess;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** NUL bytes, but at most one in a hundred: never UTF-16 text of the letters UTF-8 also decodes. */
    private static boolean strayNuls(byte[] bytes) {
        int nuls = 0;
        for (byte b : bytes) {
            if (b == 0) {
                nuls++;
            }
        }
        return nuls > 0 && nuls * 100L <= bytes.length;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            strict(bytes, StandardCharsets.UTF_8);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * GB18030 and Big5 in the order ICU's statistics prefer them. GB18030 decodes almost any
     * byte string, so only the ranking can tell a Big5 file from a GB one.
     */
    private static List<Charset> legacyCandidates(byte[] bytes) {
        CharsetDetector detector = new CharsetDetector();
        detector.setText(bytes.length <= DETECTOR_SAMPLE ? bytes : Arrays.copyOf(bytes, DETECTOR_SAMPLE));
        Set<Charset> ordered = new LinkedHashSet<>();
        CharsetMatch[] matches = detector.detectAll();
        for (CharsetMatch match : matches) {
            if ("Big5".equalsIgnoreCase(match.getName())) {
                ordered.add(BIG5);
                ordered.add(BIG5_HKSCS);
            } else if ("GB18030".equalsIgnoreCase(match.getName())) {
                ordered.add(GB18030);
            }
        }
        ordered.add(GB18030);
        ordered.add(BIG5);
        ordered.add(BIG5_HKSCS);
        return new ArrayList<>(ordered);
    }

    private static String strict(byte[] bytes, Charset charset) throws CharacterCodingException {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }
}
