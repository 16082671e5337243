package dev.briefing.ingest;

import java.util.Objects;

/**
 * One input, decoded to text, before any cleaning.
 *
 * @param path      where it came from as the user named it ("seeds/000.txt", or "-" for stdin)
 * @param text      the decoded text, BOM removed
 * @param charset   the charset it was decoded with ("UTF-8", "GB18030", "Big5")
 * @param mediaType "text/plain", "text/markdown" or "text/html"
 */
public record SourceDocument(String path, String text, String charset, String mediaType) {
    public SourceDocument {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(mediaType, "mediaType");
    }
}
