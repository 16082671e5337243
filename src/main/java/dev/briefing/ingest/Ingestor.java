package dev.briefing.ingest;

import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the inputs a user named: files, directories (walked, sorted) and "-" for standard
 * input. A bad input never stops the others; it becomes one warning line.
 */
public final class Ingestor {
    /**
     * What one input may contribute; the rest is not read, so memory stays bounded whatever the
     * file's size. 2 MB of UTF-8 Chinese is about 700,000 characters: a long news feature has
     * 10,000, and this is already some 250 map calls at the default chunk size.
     */
    public static final int DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

    /** Said of a FIFO, socket or device found in a directory: opening a FIFO would wait for a writer. */
    static final String NOT_REGULAR = "not a regular file (a pipe, socket or device)";

    public static final String STDIN = "-";

    /**
     * What all inputs of one run may total. The articles are held together (reduce verifies
     * quotes against every paragraph), so without this a folder of large files would end in an
     * OutOfMemoryError. 64 MB of Chinese text is some 8,000 map calls: days on a local model.
     */
    public static final long DEFAULT_MAX_TOTAL_BYTES = 64L * 1024 * 1024;

    /**
     * Heap a brief needs per byte of input, with room to spare: the articles, every chunk's
     * notes, the synthesis and the rendered files of a day of 2 MB articles (measured in
     * docs/reliability.md). A smaller heap lowers the total a run reads, so a run that would
     * not fit says so before any model call instead of running out of memory after all of them.
     */
    public static final int HEAP_PER_INPUT_BYTE = 16;

    private final int maxBytes;
    private final long maxTotalBytes;
    /** The heap that lowered {@link #maxTotalBytes} below the default, or 0 when it did not. */
    private final long limitingHeap;

    /** The limits for this JVM's heap. */
    public Ingestor() {
        this(Runtime.getRuntime().maxMemory());
    }

    /** The default limits, the total lowered to what {@code maxHeap} bytes of heap can brief. */
    public static Ingestor forHeap(long maxHeap) {
        return new Ingestor(maxHeap);
    }

    private Ingestor(long maxHeap) {
        this(DEFAULT_MAX_BYTES, totalFor(maxHeap), maxHeap);
    }

    /** What all inputs may total with this heap: the default, or less for a small heap (never below one input). */
    public static long totalFor(long maxHeap) {
        long mb = 1024 * 1024;
        long fits = maxHeap / HEAP_PER_INPUT_BYTE / mb * mb;
        return Math.max(DEFAULT_MAX_BYTES, Math.min(DEFAULT_MAX_TOTAL_BYTES, fits));
    }

    /** Smaller limits let tests exercise the cuts without writing megabytes. */
    Ingestor(int maxBytes, long maxTotalBytes) {
        this(maxBytes, maxTotalBytes, 0);
    }

    private Ingestor(int maxBytes, long maxTotalBytes, long limitingHeap) {
        if (maxBytes < 1 || maxTotalBytes < 1) {
            throw new IllegalArgumentException("limits must be >= 1: " + maxBytes + ", " + maxTotalBytes);
        }
        this.maxBytes = maxBytes;
        this.maxTotalBytes = maxTotalBytes;
        this.limitingHeap = maxTotalBytes < DEFAULT_MAX_TOTAL_BYTES ? limitingHeap : 0;
    }

    /** What this reader lets all inputs of a run total. */
    public long maxTotalBytes() {
        return maxTotalBytes;
    }

    Ingestor(int maxBytes) {
        this(maxBytes, DEFAULT_MAX_TOTAL_BYTES);
    }

    /**
     * @param inputs paths as the user typed them, or "-" for {@code stdin}
     * @param stdin  read (fully, up to the size limit, not closed) only if "-" is among inputs
     */
    public IngestResult read(List<String> inputs, InputStream stdin) {
        List<SourceDocument> documents = new ArrayList<>();
        List<String> warnings = read(inputs, stdin, documents::add);
        return new IngestResult(documents, warnings);
    }

    /**
     * As {@link #read(List, InputStream)}, but each document goes to {@code each} as soon as it is
     * read, so a caller that keeps only what it makes of it never holds every raw text at once.
     *
     * @return one warning line per input left out or cut
     */
    public List<String> read(List<String> inputs, InputStream stdin, Consumer<SourceDocument> each) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(each, "each");
        Documents documents = new Documents(each);
        List<String> warnings = new ArrayList<>();
        for (String input : inputs) {
            stopIfInterrupted(documents);
            if (STDIN.equals(input)) {
                readStdin(stdin, documents, warnings);
                continue;
            }
            Path path;
            try {
                path = Path.of(input);
            } catch (InvalidPathException e) {
                warnings.add(skipped(input, "invalid path"));
                continue;
            }
            if (Files.isDirectory(path)) {
                readDirectory(path, documents, warnings);
            } else {
                readFile(path, true, documents, warnings);
            }
        }
        return warnings;
    }

    /** Passes documents on and counts them and their bytes; none is kept here. */
    private static final class Documents {
        private final Consumer<SourceDocument> each;
        private int count;
        private long bytes;

        Documents(Consumer<SourceDocument> each) {
            this.each = each;
        }

        void add(SourceDocument doc, int rawBytes) {
            count++;
            bytes += rawBytes;
            each.accept(doc);
        }
    }

    /** True (and said, for this input) once the inputs read so far reach the run's total. */
    private boolean overTotal(String name, Documents documents, List<String> warnings) {
        if (documents.bytes < maxTotalBytes) {
            return false;
        }
        if (limitingHeap > 0) {
            warnings.add(skipped(name, "the inputs before it already total " + size(maxTotalBytes)
                    + ", the most this run's " + Math.round(limitingHeap / (1024.0 * 1024)) + " MB heap can brief; brief the rest in another "
                    + "run, or give Java more memory (BRIEFING_JAVA_OPTS=-Xmx" + suggestedHeapMb() + "m)"));
        } else {
            warnings.add(skipped(name, "the inputs before it already total " + size(maxTotalBytes)
                    + ", the most one run reads; brief the rest in another run"));
        }
        return true;
    }

    /** A heap that would read the default total, in MB. */
    private static long suggestedHeapMb() {
        return DEFAULT_MAX_TOTAL_BYTES * HEAP_PER_INPUT_BYTE / (1024 * 1024);
    }

    private void readDirectory(Path dir, Documents documents, List<String> warnings) {
        DirectoryWalker.Found found = DirectoryWalker.walk(dir);
        warnings.addAll(found.warnings());
        if (found.files().isEmpty() && found.warnings().isEmpty()) {
            warnings.add(skipped(dir.toString(), "no .txt, .md, .markdown, .html or .htm files"));
        }
        for (Path file : found.files()) {
            stopIfInterrupted(documents);
            readFile(file, false, documents, warnings);
        }
    }

    /**
     * @param named true when the user named the file: a pipe is then read as given (process
     *              substitution, {@code <(command)}), while one found in a directory is skipped
     */
    private void readFile(Path file, boolean named, Documents documents, List<String> warnings) {
        if (overTotal(file.toString(), documents, warnings)) {
            return;
        }
        BoundedBytes raw;
        try {
            // Follows links, so a link loop or a link to a pipe is known before anything is opened.
            if (!named && !Files.readAttributes(file, BasicFileAttributes.class).isRegularFile()) {
                warnings.add(skipped(file.toString(), NOT_REGULAR));
                return;
            }
            // One file open at a time, and only the first maxBytes of it read.
            try (InputStream in = Files.newInputStream(file)) {
                raw = BoundedBytes.read(in, maxBytes);
            }
        } catch (IOException e) {
            warnings.add(skipped(file.toString(), reason(e)));
            return;
        }
        String mediaType = MediaTypes.ofExtension(DirectoryWalker.extension(file));
        toDocument(file.toString(), mediaType, raw, documents, warnings);
    }

    private void readStdin(InputStream stdin, Documents documents, List<String> warnings) {
        if (overTotal(STDIN, documents, warnings)) {
            return;
        }
        BoundedBytes raw;
        try {
            // Not closed: the stream belongs to the caller.
            raw = BoundedBytes.read(stdin, maxBytes);
        } catch (IOException e) {
            warnings.add(skipped(STDIN, reason(e)));
            return;
        }
        toDocument(STDIN, null, raw, documents, warnings);
    }

    /** @param mediaType from the file name, or null to decide from the content */
    private void toDocument(String name, String mediaType, BoundedBytes raw,
            Documents documents, List<String> warnings) {
        if (CharsetSniffer.looksBinary(raw.bytes())) {
            warnings.add(skipped(name, "binary file"));
            return;
        }
        CharsetSniffer.Decoded decoded;
        try {
            decoded = CharsetSniffer.decode(raw.bytes());
        } catch (CharsetSniffer.MixedEncodingException e) {
            warnings.add(skipped(name, e.getMessage()));
            return;
        } catch (CharacterCodingException e) {
            warnings.add(skipped(name, "not valid UTF-8, UTF-16, GB18030 or Big5 text"));
            return;
        }
        String text = decoded.text();
        String type = mediaType != null ? mediaType : MediaTypes.ofContent(text);
        if (type.equals(MediaTypes.HTML)) {
            text = HtmlText.extract(text);
        }
        if (text.isBlank()) {
            warnings.add(skipped(name, "empty"));
            return;
        }
        Optional<String> notProse = Prose.notProse(text);
        if (notProse.isPresent()) {
            warnings.add(skipped(name, notProse.get()));
            return;
        }
        if (raw.truncated()) {
            warnings.add("truncated " + name + ": larger than " + size(maxBytes)
                    + ", read only the first " + size(maxBytes) + " (cut at a line end)");
        }
        documents.add(new SourceDocument(name, text, decoded.charset(), type), raw.bytes().length);
    }

    /** Ctrl-C interrupts the reading thread: a directory of thousands of files stops at once. */
    private static void stopIfInterrupted(Documents documents) {
        if (Thread.currentThread().isInterrupted()) {
            throw interrupted(documents);
        }
    }

    private static BriefingException interrupted(Documents documents) {
        return new BriefingException(ExitCode.INTERRUPTED, "interrupted while reading the inputs ("
                + documents.count + " read); nothing was written", null);
    }

    private static String skipped(String name, String reason) {
        return "skipped " + name + ": " + reason;
    }

    /** The short reason for a warning line; the exception text is the fallback. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemLoopException) {
            return "symbolic link loop";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            // ELOOP, as Linux words it; the JDK has no exception type for it.
            return fs.getReason().startsWith("Too many levels of symbolic links") ? "symbolic link loop"
                    : "cannot read it (" + fs.getReason() + ")";
        }
        return "cannot read it (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
    }

    private static String size(long bytes) {
        long mb = 1024 * 1024;
        return bytes % mb == 0 ? bytes / mb + " MB" : bytes + " bytes";
    }
}
