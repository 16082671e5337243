package dev.briefing.normalize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The id of a cleaned article: a hash of its text only, so the same article gets the same id
 * in every run, whatever its path or original encoding.
 */
final class ArticleId {
    private static final int HEX_CHARS = 12;

    private ArticleId() {
    }

    static String of(String title, List<String> paragraphs) {
        List<String> parts = new ArrayList<>(paragraphs.size() + 1);
        parts.add(title);
        parts.addAll(paragraphs);
        byte[] digest = sha256().digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest).substring(0, HEX_CHARS);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
