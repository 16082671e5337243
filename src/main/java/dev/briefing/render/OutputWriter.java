package dev.briefing.render;

import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.normalize.Article;
import dev.briefing.pipeline.RunRecord;
import dev.briefing.reduce.Briefing;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes one run's output folder: {@code briefing.json}, {@code briefing.md},
 * {@code briefing.html} and {@code run.json}, UTF-8, each ending with a newline. Each file is written to a temporary
 * file in the same folder and then moved into place atomically, so a reader (or a crash)
 * never sees half a file; where the file system cannot move atomically, the move replaces.
 */
public final class OutputWriter {

    public static final String BRIEFING_JSON = "briefing.json";
    public static final String BRIEFING_MD = "briefing.md";
    public static final String BRIEFING_HTML = "briefing.html";
    public static final String RUN_JSON = "run.json";
    public static final String INDEX_HTML = "index.html";

    private OutputWriter() {
    }

    /**
     * All four files; {@code articles} are the briefing's cleaned articles, whose cited
     * paragraphs the page's sources appendix shows.
     *
     * @return {@code dir}, created if missing
     * @throws BriefingException (exit code 1) when the folder or a file cannot be written
     */
    public static Path writeAll(Path dir, Briefing briefing, RunRecord run, List<Article> articles) {
        return write(dir, briefing, run,
                out -> HtmlRenderer.write(briefing, articles, HtmlRenderer.Options.defaults(), out));
    }

    /**
     * briefing.json, briefing.md and run.json only, for a caller without the articles at hand
     * (no briefing.html: its appendix needs the paragraphs' text).
     *
     * @return {@code dir}, created if missing
     * @throws BriefingException (exit code 1) when the folder or a file cannot be written
     */
    public static Path writeAll(Path dir, Briefing briefing, RunRecord run) {
        return write(dir, briefing, run, null);
    }

    /**
     * Renders the four files of {@code briefing} into nothing, for their first-time work (the
     * JSON codecs of the briefing's types, the renderers' tables) while the model is busy with
     * the synthesis: pipeline.BriefingEngine#rehearsingWith hands it a draft.
     */
    public static void rehearse(Briefing briefing, RunRecord run, List<Article> articles) {
        Writer none = Writer.nullWriter();
        try {
            json(briefing).writeTo(none);
            MarkdownRenderer.write(briefing, none);
            HtmlRenderer.write(briefing, articles, HtmlRenderer.Options.defaults(), none);
            json(run).writeTo(none);
        } catch (IOException cannotHappen) {
            throw new java.io.UncheckedIOException("a null writer failed", cannotHappen);
        }
    }

    private static Path write(Path dir, Briefing briefing, RunRecord run, Content html) {
        // Every file is rendered straight into its temporary file (none is held whole); only when
        // all are written do they move into place, so a rendering bug or a full disk never leaves a
        // half-written folder.
        Map<Path, Path> staged = new LinkedHashMap<>();
        try {
            Files.createDirectories(dir);
            Map<Path, Content> contents = new LinkedHashMap<>();
            contents.put(dir.resolve(BRIEFING_JSON), json(briefing));
            contents.put(dir.resolve(BRIEFING_MD), out -> MarkdownRenderer.write(briefing, out));
            if (html != null) {
                contents.put(dir.resolve(BRIEFING_HTML), html);
            }
            contents.put(dir.resolve(RUN_JSON), json(run));
            Map<Path, Content> temps = new LinkedHashMap<>();
            for (Map.Entry<Path, Content> file : contents.entrySet()) {
                Path temp = createTemp(file.getKey().toAbsolutePath().getParent(), file.getKey().getFileName().toString());
                staged.put(file.getKey(), temp);
                temps.put(temp, file.getValue());
            }
            writeEach(temps);
            for (Map.Entry<Path, Path> file : staged.entrySet()) {
                move(file.getValue(), file.getKey());
            }
        } catch (IOException e) {
            throw new BriefingException(ExitCode.INCOMPLETE, "cannot write the briefing to " + dir + ": " + e,
                    "check that the folder is writable and the disk is not full", e);
        } finally {
            for (Path temp : staged.values()) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // a leftover hidden .tmp is harmless; the error that matters is already on its way
                }
            }
        }
        return dir;
    }

    /**
     * Renders each content into its file ({@link #writeTo}), several at once where there are cores
     * for it: the calling thread and up to one helper per other core take the files in turn. The
     * files are streamed as they are rendered, so this holds no more text than one at a time did;
     * it halves the tail of a large day on two cores. Returns once every file is done, whatever
     * failed; the first failure is thrown, the others suppressed in it. An interrupt while waiting
     * is kept for the caller: the files being written are finished first, as they were one at a time.
     */
    public static void writeEach(Map<Path, Content> files) throws IOException {
        List<Map.Entry<Path, Content>> list = new java.util.ArrayList<>(files.entrySet());
        int helpers = Math.min(list.size() - 1, Math.min(MAX_RENDER_HELPERS,
                Runtime.getRuntime().availableProcessors() - 1));
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.Callable<Throwable> work = () -> {
            Throwable failed = null;
            for (int i = next.getAndIncrement(); i < list.size(); i = next.getAndIncrement()) {
                try {
                    writeTo(list.get(i).getKey(), list.get(i).getValue());
                } catch (IOException | RuntimeException | Error e) {
                    failed = collect(failed, e);
                }
            }
            return failed;
        };
        if (helpers <= 0) {
            rethrow(callQuietly(work));
            return;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(helpers, task -> {
            Thread t = new Thread(task, "render");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<Throwable>> running = new java.util.ArrayList<>();
            for (int h = 0; h < helpers; h++) {
                running.add(pool.submit(work));
            }
            Throwable failed = callQuietly(work);
            for (java.util.concurrent.Future<Throwable> f : running) {
                try {
                    failed = collect(failed, dev.briefing.pipeline.Parallel.awaitThroughInterrupts(f));
                } catch (java.util.concurrent.ExecutionException e) {
                    failed = collect(failed, e.getCause());
                }
            }
            rethrow(failed);
        } finally {
            pool.shutdown();
        }
    }

    private static final int MAX_RENDER_HELPERS = 3;

    private static Throwable callQuietly(java.util.concurrent.Callable<Throwable> work) {
        try {
            return work.call();
        } catch (Exception e) {
            return e;
        }
    }

    private static Throwable collect(Throwable first, Throwable next) {
        if (next == null) {
            return first;
        }
        if (first == null) {
            return next;
        }
        if (first != next) {
            first.addSuppressed(next);
        }
        return first;
    }

    private static void rethrow(Throwable failed) throws IOException {
        if (failed == null) {
            return;
        }
        if (failed instanceof IOException e) {
            throw e;
        }
        if (failed instanceof RuntimeException e) {
            throw e;
        }
        if (failed instanceof Error e) {
            throw e;
        }
        throw new IOException(failed);
    }

    /**
     * One output file's text, written to {@code out} as it is rendered (the page's appendix can be
     * large), so no caller need hold a file whole. Written once per file.
     */
    @FunctionalInterface
    public interface Content {
        /** @throws IOException (or an {@link java.io.UncheckedIOException}) when {@code out} fails */
        void writeTo(Writer out) throws IOException;

        /** A text already at hand (a small file: briefing.json, briefing.md, run.json). */
        static Content text(String text) {
            Objects.requireNonNull(text, "text");
            return out -> out.write(text);
        }

        /**
         * A file just written, copied (UTF-8): the bytes its renderer made, for stdout, without
         * rendering a large briefing a second time. Rendered as {@code otherwise} when the file
         * cannot be opened (another run replaced the folder meanwhile).
         */
        static Content copyOf(Path file, Content otherwise) {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(otherwise, "otherwise");
            return out -> {
                java.io.Reader in;
                try {
                    in = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8);
                } catch (IOException unopened) {
                    otherwise.writeTo(out);
                    return;
                }
                try (in) {
                    in.transferTo(out);
                }
            };
        }
    }

    /** briefing.json or run.json: {@code value} written as it is generated, then a newline. */
    public static Content json(Object value) {
        Objects.requireNonNull(value, "value");
        return out -> {
            BriefingJson.write(value, out);
            out.write('\n');
        };
    }

    /**
     * Renders {@code content} into {@code file} (UTF-8, through a buffer), so its text reaches the
     * disk as it is rendered; an {@link java.io.UncheckedIOException} from the rendering is
     * rethrown as its cause.
     */
    public static void writeTo(Path file, Content content) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            content.writeTo(out);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * {@code dir/index.html}, the page linking the days ({@link HtmlIndex}), replaced atomically.
     *
     * @return the file written
     * @throws BriefingException (exit code 1) when it cannot be written
     */
    public static Path writeIndex(Path dir, List<HtmlIndex.Day> days) {
        String html = HtmlIndex.page(days);
        Path index = dir.resolve(INDEX_HTML);
        try {
            Files.createDirectories(dir);
            writeAtomically(index, html);
        } catch (IOException e) {
            throw new BriefingException(ExitCode.INCOMPLETE, "cannot write " + index + ": " + e,
                    "check that the folder is writable and the disk is not full", e);
        }
        return index;
    }

    /**
     * A new hidden temporary file for {@code name} in {@code dir}, created as any file the user
     * makes is (mode 0666 less the umask, like every output of briefing), not 0600 as
     * {@link Files#createTempFile} makes it: the briefing moved into place from it keeps its mode.
     */
    public static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve("." + name + "." + Long.toUnsignedString(TEMP_NAMES.nextLong(), 36) + ".tmp");
            try {
                Files.newByteChannel(temp, java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException taken) {
                if (attempt > 100) {
                    throw taken;
                }
            }
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            // No atomic rename here, or one that will not replace: replace non-atomically.
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static final java.security.SecureRandom TEMP_NAMES = new java.security.SecureRandom();

    static void writeAtomically(Path target, String content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = createTemp(dir, target.getFileName().toString());
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
