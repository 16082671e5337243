package dev.briefing.daily;

import dev.briefing.normalize.Article;
import dev.briefing.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything a day's briefing is made from, as far as the files written for it can tell: when
 * two runs agree on all of it, the second would write what the first wrote (the call cache
 * answers the same requests with the same replies, and every stage after it is a function of
 * them). An unchanged rerun keeps the version it would repeat ({@link DailyRun}).
 *
 * <p>The build of briefing stands for its code (the merge, the checks, the renderers, the
 * bundled alias table and prompts): a new jar briefs the day again.
 *
 * @param build         {@link #currentBuild()}
 * @param articles      the day's articles as briefed, in order (an article's id hashes its title and
 *                      paragraphs)
 * @param newIds        the ids first seen on the day
 * @param inputWarnings the inbox's warnings, which the briefing carries
 * @param settings      the engine's settings as run.json records them
 * @param contextLength the window the server reported for the model (it sizes the chunks)
 * @param promptHashes  file name to SHA-256 of each prompt file the run uses
 * @param earlier       the earlier days' versions the day is compared with
 */
public record DayInputs(String build, DailyRun.Window window, List<Article> articles, List<String> newIds,
        List<String> inputWarnings, Map<String, Object> settings, String model, String host, int contextLength,
        Map<String, String> promptHashes, List<Store.DayVersion> earlier) {

    public DayInputs {
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(window, "window");
        articles = List.copyOf(articles);
        newIds = List.copyOf(newIds);
        inputWarnings = List.copyOf(inputWarnings);
        settings = Map.copyOf(settings);
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(host, "host");
        promptHashes = Map.copyOf(promptHashes);
        earlier = List.copyOf(earlier);
    }

    /** SHA-256 over every part, each length-prefixed and each list counted, so no two inputs run together. */
    public String digest() {
        Digest d = new Digest();
        d.part("briefing-day-inputs-v1").part(build).part(window.day().toString()).part(window.since().toString());
        d.count(articles.size());
        for (Article a : articles) {
            d.part(a.id()).part(a.path()).part(a.source() == null ? "\u0000" : a.source()).part(a.script().name())
                    .part(Boolean.toString(a.titleDerived())).count(a.paragraphs().size());
        }
        d.count(newIds.size());
        newIds.forEach(d::part);
        d.count(inputWarnings.size());
        inputWarnings.forEach(d::part);
        Map<String, Object> sortedSettings = new TreeMap<>(settings);
        d.count(sortedSettings.size());
        sortedSettings.forEach((k, v) -> d.part(k).part(String.valueOf(v)));
        d.part(model).part(host).count(contextLength);
        Map<String, String> sortedPrompts = new TreeMap<>(promptHashes);
        d.count(sortedPrompts.size());
        sortedPrompts.forEach((k, v) -> d.part(k).part(v));
        d.count(earlier.size());
        earlier.forEach(v -> d.part(v.day().toString()).count(v.version()));
        return d.hex();
    }

    private static final String BUILD = build(DayInputs.class);

    /**
     * This build of briefing: the jar's size and time (as the launcher names its class-data
     * archives), or, run from compiled classes, their folder and the newest class file's time.
     */
    public static String currentBuild() {
        return BUILD;
    }

    private static String build(Class<?> of) {
        try {
            return buildOf(Path.of(of.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException unknown) {
            return unknownBuild();
        }
    }

    /** The build of the code at {@code where}: a jar file, or a folder of compiled classes. */
    static String buildOf(Path where) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(where, BasicFileAttributes.class);
            if (attributes.isRegularFile()) {
                return "jar " + attributes.size() + " " + attributes.lastModifiedTime().toMillis();
            }
            try (Stream<Path> files = Files.walk(where)) {
                long newest = files.filter(p -> p.toString().endsWith(".class")).mapToLong(p -> {
                    try {
                        return Files.getLastModifiedTime(p).toMillis();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).max().orElse(0);
                return "classes " + where + " " + newest;
            }
        } catch (IOException | UncheckedIOException e) {
            return unknownBuild();
        }
    }

    /** No place to tell a new build by: never the same twice, so no rerun is kept as unchanged. */
    private static String unknownBuild() {
        return "unknown " + System.nanoTime();
    }

    /** A new SHA-256 digest, which every Java runtime provides. */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }

    private static final class Digest {
        private final MessageDigest sha;

        Digest() {
            sha = sha256();
        }

        Digest part(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            count(bytes.length);
            sha.update(bytes);
            return this;
        }

        Digest count(int n) {
            sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
            return this;
        }

        String hex() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }
}
