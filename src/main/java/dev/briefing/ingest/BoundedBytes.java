package dev.briefing.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * At most {@code limit} bytes of a stream, cut back to the last complete line when the stream
 * was longer, so memory stays bounded and the cut never splits a character.
 *
 * @param bytes     what was kept
 * @param truncated true when the stream had more than {@code limit} bytes
 */
record BoundedBytes(byte[] bytes, boolean truncated) {
    BoundedBytes {
        Objects.requireNonNull(bytes, "bytes");
    }

    static BoundedBytes read(InputStream in, int limit) throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1: " + limit);
        }
        byte[] head = in.readNBytes(limit);
        if (head.length < limit || in.read() == -1) {
            return new BoundedBytes(head, false);
        }
        return new BoundedBytes(Arrays.copyOf(head, lineEnd(head)), true);
    }

    /**
     * Length up to and including the last '\n'. In UTF-8, GB18030 and Big5 the byte 0x0A only
     * ever means newline (it is never a trail byte); in UTF-16 it must be a whole code unit.
     * Without any newline the whole prefix is kept and a split last character, if any, makes
     * the strict decoder refuse the file rather than guess.
     */
    private static int lineEnd(byte[] bytes) {
        CharsetSniffer.Bom bom = CharsetSniffer.Bom.of(bytes);
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] != '\n') {
                continue;
            }
            if (!bom.isUtf16()) {
                return i + 1;
            }
            if (bom == CharsetSniffer.Bom.UTF_16LE && i % 2 == 0 && i + 1 < bytes.length
                    && bytes[i + 1] == 0) {
                return i + 2;
            }
            if (bom == CharsetSniffer.Bom.UTF_16BE && i % 2 == 1 && bytes[i - 1] == 0) {
                return i + 1;
            }
        }
        return bytes.length;
    }
}
