package dev.briefing.embedded;

import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.error.ModelUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Fetches a model file once, safely: into {@code <name>.part}, resumed with an HTTP Range after
 * an interruption, checked against its SHA-256, and only then renamed to its final name, so a
 * file under the final name is always complete. Progress (bytes, rate, ETA) goes to stderr.
 * No retries: offline, the first failure is reported at once, saying what was tried.
 */
public final class ModelDownload {
    private static final int BUFFER = 1 << 16;
    private static final long REDRAW_NANOS = 250_000_000L;

    private final HttpClient client;
    private final PrintStream err;
    private final boolean animate;
    private final LongSupplier clock;

    /** @param animate redraw one progress line in place (a terminal); else a line every tenth */
    public ModelDownload(PrintStream err, boolean animate) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build(), err, animate, System::nanoTime);
    }

    ModelDownload(HttpClient client, PrintStream err, boolean animate, LongSupplier clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.err = Objects.requireNonNull(err, "err");
        this.animate = animate;
        this.clock = clock;
    }

    /** The temporary name a download is written under until its checksum is right. */
    public static Path partial(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    /**
     * @return {@code target}, complete and verified
     * @throws ModelUnavailableException offline, on an HTTP error, a checksum mismatch or a full disk
     * @throws BriefingException         with exit code 130 when interrupted (the partial file is kept)
     */
    public Path fetch(ModelFiles.Download download, Path target) {
        Path part = partial(target);
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw writeFailure(target, part, e);
        }
        long have = size(part);
        MessageDigest digest = sha256();
        if (have > 0) {
            hashExisting(part, digest, target);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(download.url()).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        Body body = new Body();
        HttpResponse.ResponseInfo response = send(request.build(), download.url(), target, body);
        int status = response.statusCode();
        boolean append;
        if (status == 206 && have > 0 && rangeStart(response) == have) {
            append = true;
        } else if (status == 416 && have > 0) {
            // The partial file already holds every byte: only the checksum is left to do.
            body.cancel();
            return finish(download, target, part, digest);
        } else if (status == 200) {
            append = false;
            if (have > 0) {
                digest = sha256();
            }
        } else {
            body.cancel();
            throw new ModelUnavailableException("cannot download the embedded model: " + download.url()
                    + " answered HTTP " + status, hintFor(target));
        }
        long start = append ? have : 0;
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        long total = length < 0 ? -1 : start + length;
        err.println((start > 0 ? "resuming" : "downloading") + " the embedded model " + target.getFileName()
                + (total > 0 ? " (" + megabytes(total) + " MB)" : "") + " from " + download.url()
                + (start > 0 ? " at " + megabytes(start) + " MB" : ""));
        copy(body, download.url(), part, append, start, total, digest, target);
        return finish(download, target, part, digest);
    }

    /**
     * The response's status and headers; its body arrives in {@code body}. The body is taken from
     * a queue of our own rather than the client's InputStream, whose read does not end on an
     * interrupt: Ctrl-C must stop a download at once, leaving its partial file to resume.
     */
    private HttpResponse.ResponseInfo send(HttpRequest request, URI url, Path target, Body body) {
        java.util.concurrent.CompletableFuture<HttpResponse.ResponseInfo> headers =
                new java.util.concurrent.CompletableFuture<>();
        body.exchange = client.sendAsync(request, info -> {
            headers.complete(info);
            return HttpResponse.BodySubscribers.fromSubscriber(body);
        });
        body.exchange.whenComplete((response, failure) -> {
            if (failure != null) {
                headers.completeExceptionally(failure);
                body.queue.add(failure);
            }
        });
        try {
            return headers.get();
        } catch (InterruptedException e) {
            body.cancel();
            Thread.currentThread().interrupt();
            throw new BriefingException(ExitCode.INTERRUPTED, "interrupted before the model download began", null, e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ModelUnavailableException("cannot download the embedded model from " + url + " ("
                    + why(cause) + ")", hintFor(target), cause);
        }
    }

    /** The body's pieces as they arrive, one request at a time, then {@link #END} or the failure. */
    private static final class Body implements java.util.concurrent.Flow.Subscriber<java.util.List<java.nio.ByteBuffer>> {
        static final Object END = new Object();
        final java.util.concurrent.BlockingQueue<Object> queue = new java.util.concurrent.LinkedBlockingQueue<>();
        volatile java.util.concurrent.Flow.Subscription subscription;
        volatile java.util.concurrent.CompletableFuture<?> exchange;

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(java.util.List<java.nio.ByteBuffer> item) {
            queue.add(item);
        }

        @Override
        public void onError(Throwable throwable) {
            queue.add(throwable);
        }

        @Override
        public void onComplete() {
            queue.add(END);
        }

        void more() {
            if (subscription != null) {
                subscription.request(1);
            }
        }

        void cancel() {
            if (subscription != null) {
                subscription.cancel();
            }
            if (exchange != null) {
                exchange.cancel(true);
            }
        }
    }

    private void copy(Body body, URI url, Path part, boolean append, long start, long total,
            MessageDigest digest, Path target) {
        long done = start;
        long began = clock.getAsLong();
        long lastDraw = 0;
        int lastTenth = (int) (total > 0 ? done * 10 / total : 0);
        byte[] buffer = new byte[BUFFER];
        try (OutputStream out = open(part, append, target)) {
            while (true) {
                Object next;
                try {
                    next = body.queue.take();
                } catch (InterruptedException e) {
                    body.cancel();
                    throw interrupted(done, total, part);
                }
                if (next == Body.END) {
                    break;
                }
                if (next instanceof Throwable failure) {
                    throw new ModelUnavailableException("the model download from " + url + " broke off at "
                            + megabytes(done) + " MB (" + why(failure) + ")", "rerun to resume it; " + hintFor(target),
                            failure);
                }
                @SuppressWarnings("unchecked")
                java.util.List<java.nio.ByteBuffer> pieces = (java.util.List<java.nio.ByteBuffer>) next;
                for (java.nio.ByteBuffer piece : pieces) {
                    while (piece.hasRemaining()) {
                        int n = Math.min(buffer.length, piece.remaining());
                        piece.get(buffer, 0, n);
                        try {
                            out.write(buffer, 0, n);
                        } catch (IOException e) {
                            body.cancel();
                            throw writeFailure(target, part, e);
                        }
                        digest.update(buffer, 0, n);
                        done += n;
                    }
                }
                body.more();
                if (Thread.currentThread().isInterrupted()) {
                    body.cancel();
                    throw interrupted(done, total, part);
                }
                long now = clock.getAsLong();
                if (animate && now - lastDraw >= REDRAW_NANOS) {
                    err.print("\r" + progress(done - start, done, total, now - began) + "   ");
                    err.flush();
                    lastDraw = now;
                } else if (!animate && total > 0 && done * 10 / total > lastTenth) {
                    lastTenth = (int) (done * 10 / total);
                    err.println(progress(done - start, done, total, now - began));
                }
            }
        } catch (IOException e) {
            throw writeFailure(target, part, e);
        }
        if (animate) {
            err.println("\r" + progress(done - start, done, total, clock.getAsLong() - began) + "   ");
        }
        if (total > 0 && done < total) {
            throw new ModelUnavailableException("the model download from " + url + " ended at "
                    + megabytes(done) + " of " + megabytes(total) + " MB", "rerun to resume it; " + hintFor(target));
        }
    }

    private static OutputStream open(Path part, boolean append, Path target) {
        try {
            return append ? Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                    : Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw writeFailure(target, part, e);
        }
    }

    private Path finish(ModelFiles.Download download, Path target, Path part, MessageDigest digest) {
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(download.sha256())) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                // reported below either way: the file is not used
            }
            throw new ModelUnavailableException("the downloaded model's SHA-256 is " + actual + ", expected "
                    + download.sha256() + "; the file was removed",
                    "rerun to download it again; if it persists, the file at " + download.url()
                            + " changed: set " + ModelFiles.SHA256_ENV + " or " + ModelFiles.FILE_ENV);
        }
        try {
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw writeFailure(target, part, e);
        }
        err.println("the embedded model is ready: " + target + " (SHA-256 checked)");
        return target;
    }

    private static void hashExisting(Path part, MessageDigest digest, Path target) {
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(part)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw writeFailure(target, part, e);
        }
    }

    static String progress(long fetched, long done, long total, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
        double rate = fetched / seconds;
        StringBuilder line = new StringBuilder("  ");
        if (total > 0) {
            line.append(bar(done, total)).append(' ')
                    .append(megabytes(done)).append(" / ").append(megabytes(total)).append(" MB");
        } else {
            line.append(megabytes(done)).append(" MB");
        }
        line.append("  ").append(String.format(Locale.ROOT, "%.1f MB/s", rate / 1e6));
        if (total > 0 && rate > 0) {
            long eta = (long) Math.ceil((total - done) / rate);
            line.append("  ETA ").append(String.format(Locale.ROOT, "%d:%02d", eta / 60, eta % 60));
        }
        return line.toString();
    }

    private static String bar(long done, long total) {
        int width = 20;
        int filled = (int) Math.min(width, done * width / total);
        return "[" + "#".repeat(filled) + " ".repeat(width - filled) + "]";
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
    }

    private static long rangeStart(HttpResponse.ResponseInfo response) {
        // Content-Range: bytes 1000-1999/2000
        String range = response.headers().firstValue("Content-Range").orElse("");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("bytes (\\d+)-").matcher(range);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static BriefingException interrupted(long done, long total, Path part) {
        Thread.currentThread().interrupt();
        return new BriefingException(ExitCode.INTERRUPTED, "interrupted: the model download stopped at "
                + megabytes(done) + (total > 0 ? " of " + megabytes(total) : "") + " MB, kept in " + part,
                "rerun to resume it");
    }

    private static ModelUnavailableException writeFailure(Path target, Path part, IOException e) {
        String reason = e.getMessage() != null && e.getMessage().contains("No space left")
                ? "the disk is full" : why(e);
        return new ModelUnavailableException("cannot write the embedded model to " + target.getParent() + " ("
                + reason + "); what was fetched is kept in " + part.getFileName(),
                "free some space (the default model needs about 1.2 GB) or set " + ModelFiles.DIR_ENV
                        + " to another directory, then rerun to resume", e);
    }

    private static String hintFor(Path target) {
        return "check the network and rerun, or put a GGUF model at " + target + " (or set "
                + ModelFiles.FILE_ENV + "), or use a model server with --host URL";
    }

    private static String why(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof UnresolvedAddressException || c instanceof java.net.UnknownHostException) {
                return "unknown host: offline?";
            }
            if (c instanceof HttpConnectTimeoutException) {
                return "connection timed out";
            }
            if (c instanceof ConnectException) {
                return "connection refused";
            }
            if (c.getCause() == c) {
                break;
            }
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.replaceAll("\\s+", " ");
    }

    private static long size(Path part) {
        try {
            return Files.isRegularFile(part) ? Files.size(part) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
