package dev.briefing.daily;

import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.briefing.render.OutputWriter;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes a day's files into {@code <root>/<yyyy-mm-dd>/}. The folder name is the ISO day, the
 * file names are fixed by the caller and checked to be plain names, so nothing an article or a
 * model wrote can steer a path; the day folder must resolve (links followed) inside the root.
 *
 * <p>Nothing is overwritten in place. Every new file is first rendered straight into a hidden
 * temporary file in the day folder (through a {@link OutputWriter.Content}, so a large page or
 * appendix never exists as one string), one file at a time; then the files of the version before (if any) move to
 * {@code previous/<n>/} (n = 1, 2, ... oldest first), and each new file moves into place by
 * an atomic rename. A crash leaves the old version, or the new one, never half a file.
 */
public final class DayOutput {
    static final String PREVIOUS = "previous";
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private DayOutput() {
    }

    /**
     * @param dir      the day folder written
     * @param previous the folder the version before was moved to, or null when there was none
     */
    public record Written(Path dir, List<String> files, Path previous) {
        public Written {
            Objects.requireNonNull(dir, "dir");
            files = List.copyOf(files);
        }
    }

    /**
     * @param files file name to content, rendered once each into its temporary file (several at once, {@link OutputWriter#writeEach})
     *              (e.g. briefing.json, briefing.md, briefing.html, run.json)
     * @throws BriefingException exit 1 when the folder cannot be written; IllegalArgumentException for a
     *                           file name that is not a plain name (a bug in the caller)
     */
    public static Written write(Path root, LocalDate day, Map<String, OutputWriter.Content> files) {
        return write(root, day, files, () -> {
        });
    }

    /**
     * As {@link #write(Path, LocalDate, Map)}, running {@code beforeMoving} once every file is
     * rendered and before any is moved into the day folder: what it throws is thrown as it is,
     * with the folder as it was (the daily run stores the version meanwhile, and files must not
     * appear for a version the store does not have).
     */
    public static Written write(Path root, LocalDate day, Map<String, OutputWriter.Content> files,
            Runnable beforeMoving) {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(beforeMoving, "beforeMoving");
        Map<String, OutputWriter.Content> checked = new LinkedHashMap<>();
        files.forEach((name, content) -> {
            if (!FILE_NAME.matcher(name).matches() || name.contains("..") || name.equals(PREVIOUS)) {
                throw new IllegalArgumentException("not a plain file name: '" + name + "'");
            }
            checked.put(name, Objects.requireNonNull(content, name));
        });
        Path base = root.toAbsolutePath().normalize();
        Path dir = base.resolve(day.toString()).normalize();
        if (!dir.getParent().equals(base)) {
            throw new IllegalArgumentException("day folder " + dir + " is not directly under " + base);
        }
        List<Path> temps = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            if (!dir.toRealPath().startsWith(base.toRealPath())) {
                throw new BriefingException(ExitCode.INCOMPLETE, "the day folder " + dir + " leads outside " + base
                        + " (a link?); nothing was written", "remove or rename " + dir + " and run again");
            }
            Map<String, Path> staged = new LinkedHashMap<>();
            Map<Path, OutputWriter.Content> rendering = new LinkedHashMap<>();
            for (Map.Entry<String, OutputWriter.Content> f : checked.entrySet()) {
                Path temp = OutputWriter.createTemp(dir, f.getKey());
                temps.add(temp);
                rendering.put(temp, f.getValue());
                staged.put(f.getKey(), temp);
            }
            OutputWriter.writeEach(rendering);
            beforeMoving.run();
            Path previous = saysTheSame(dir, staged.get(BRIEFING_JSON)) ? dropCurrent(dir) : keepPrevious(dir);
            for (Map.Entry<String, Path> f : staged.entrySet()) {
                move(f.getValue(), dir.resolve(f.getKey()));
            }
            return new Written(dir, List.copyOf(checked.keySet()), previous);
        } catch (IOException e) {
            throw new BriefingException(ExitCode.INCOMPLETE, "cannot write the briefing to " + dir + ": " + e,
                    "check that the folder is writable and the disk is not full", e);
        } finally {
            for (Path temp : temps) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a leftover hidden temp file is harmless; the next run writes its own
                }
            }
        }
    }

    /**
     * True when the version on disk says what the new one, written to {@code next}, says: the same
     * briefing.json once its {@code run} (timings, calls sent or answered from the cache) is left
     * out. An unchanged rerun then replaces it instead of filling previous/ with copies; the store
     * still has every version. The two files are read side by side token by token (one briefing
     * writer writes its fields in one order), so neither is held as a tree: on a day of a thousand
     * articles that was a tenth of an unchanged rerun.
     *
     * @param next the new briefing.json's temporary file, or null when the new version has none
     */
    static boolean saysTheSame(Path dir, Path next) {
        Path current = dir.resolve(BRIEFING_JSON);
        if (next == null || !Files.isRegularFile(current, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (JsonParser a = JSON.createParser(current.toFile()); JsonParser b = JSON.createParser(next.toFile())) {
            if (a.nextToken() != JsonToken.START_OBJECT || b.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (true) {
                JsonToken ta = nextKept(a);
                JsonToken tb = nextKept(b);
                if (ta != tb) {
                    return false;
                }
                if (ta == null) {
                    return true;
                }
                if (ta == JsonToken.FIELD_NAME || ta.isScalarValue()) {
                    if (!a.getText().equals(b.getText())) {
                        return false;
                    }
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    /** The next token, the top-level {@code run} field and its value skipped; null at the end. */
    private static JsonToken nextKept(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        while (t == JsonToken.FIELD_NAME && p.getParsingContext().getParent().inRoot() && "run".equals(p.currentName())) {
            p.nextToken();
            p.skipChildren();
            t = p.nextToken();
        }
        return t;
    }

    /**
     * SHA-256 over the named files of {@code dir}, each name and length before its bytes, in the
     * order given; null when one is missing or not a regular file (a link is not followed). What
     * a version's files were when written, and whether the folder still holds them.
     */
    public static String filesDigest(Path dir, List<String> names) {
        java.security.MessageDigest sha = DayInputs.sha256();
        byte[] buffer = new byte[1 << 16];
        for (String name : names) {
            Path file = dir.resolve(name);
            try {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    return null;
                }
                byte[] nameBytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                sha.update(java.nio.ByteBuffer.allocate(12).putInt(nameBytes.length).putLong(Files.size(file)).array());
                sha.update(nameBytes);
                try (java.io.InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                    for (int n; (n = in.read(buffer)) > 0;) {
                        sha.update(buffer, 0, n);
                    }
                }
            } catch (IOException unreadable) {
                return null;
            }
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    private static final String BRIEFING_JSON = "briefing.json";
    private static final JsonFactory JSON = new JsonFactory();

    /** Deletes the current version's visible files (the new version replaces them); nothing is kept. */
    private static Path dropCurrent(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (!p.getFileName().toString().startsWith(".") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(p);
                }
            }
        }
        return null;
    }

    /** Moves the current version's files (every visible regular file) to previous/<n>/. */
    private static Path keepPrevious(Path dir) throws IOException {
        List<Path> current = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (!p.getFileName().toString().startsWith(".")
                        && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    current.add(p);
                }
            }
        }
        if (current.isEmpty()) {
            return null;
        }
        Path previousRoot = dir.resolve(PREVIOUS);
        Files.createDirectories(previousRoot);
        int n = 1;
        while (Files.exists(previousRoot.resolve(Integer.toString(n)), LinkOption.NOFOLLOW_LINKS)) {
            n++;
        }
        Path target = Files.createDirectory(previousRoot.resolve(Integer.toString(n)));
        for (Path p : current) {
            Files.move(p, target.resolve(p.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        return target;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
