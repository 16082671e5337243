package dev.briefing.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium for the browser tests, driven over the Chrome DevTools Protocol
 * (see {@link DevTools}). One instance per test class: {@link #launch()} starts a browser with
 * a fresh profile and no network of its own; {@link #close()} ends it and removes the profile.
 *
 * <p>CI machines are fresh Debian machines without Chromium: {@link #ensureInstalled()}
 * installs it with apt-get once (as root, or through {@code sudo -n}), and when it cannot, the
 * test fails with what to do. The browser tests are never skipped.
 */
public final class Chromium implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/chromium");
    /** Where the tests leave what a person may want to look at: screenshots, the install log. */
    public static final Path ARTIFACTS = Path.of("target", "browser-artifacts");

    private static final String CJK_FONT_PACKAGE = "fonts-wqy-microhei";
    private static final Pattern DEVTOOLS_URL = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final long INSTALL_MINUTES = 15;
    private static String installFailure;

    private final Process process;
    private final Path profile;
    private final DevTools devTools;
    private final StringBuffer stderr;

    private Chromium(Process process, Path profile, DevTools devTools, StringBuffer stderr) {
        this.process = process;
        this.profile = profile;
        this.devTools = devTools;
        this.stderr = stderr;
    }

    /**
     * The Chromium binary, installed from Debian's repositories first if it is missing.
     *
     * @throws IllegalStateException when it is missing and cannot be installed (not root and
     *                               no password-less sudo, no package repository, ...)
     */
    public static synchronized Path ensureInstalled() {
        if (Files.isExecutable(BINARY)) {
            return BINARY;
        }
        if (installFailure != null) {
            throw new IllegalStateException(installFailure);
        }
        try {
            return install(BINARY, isRoot() ? List.of() : List.of("sudo", "-n"), "apt-get");
        } catch (IllegalStateException e) {
            installFailure = e.getMessage();
            throw e;
        } catch (IOException e) {
            installFailure = "the browser tests need Debian's chromium at " + BINARY
                    + " and it could not be installed: " + e.getMessage()
                    + ". Install it with: apt-get install chromium";
            throw new IllegalStateException(installFailure, e);
        }
    }

    /**
     * {@code apt-get update}, then the install of chromium and a CJK font, through {@code aptGet}
     * run with {@code prefix} ({@code sudo -n} when not root); the output goes to
     * {@code target/browser-artifacts/apt-get.log}.
     */
    static Path install(Path binary, List<String> prefix, String aptGet) throws IOException {
        Files.createDirectories(ARTIFACTS);
        Path log = ARTIFACTS.resolve("apt-get.log");
        run(binary, prefix, log, aptGet, "-o", "DPkg::Lock::Timeout=300", "update");
        // A small CJK font (1.6 MB) with it, so the screenshots show Chinese rather than empty boxes.
        run(binary, prefix, log, aptGet, "-o", "DPkg::Lock::Timeout=300", "install", "-y", "--no-install-recommends",
                "chromium", CJK_FONT_PACKAGE);
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("apt-get installed chromium but " + binary + " is not there (see "
                    + log.toAbsolutePath() + ")");
        }
        return binary;
    }

    private static boolean isRoot() throws IOException {
        try {
            Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return id.waitFor() == 0 && uid.equals("0");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void run(Path binary, List<String> prefix, Path log, String... command) throws IOException {
        List<String> line = new ArrayList<>(prefix);
        line.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        System.err.println("[browser tests] " + binary + " is missing; running: " + String.join(" ", line));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("the browser tests need Debian's chromium at " + binary
                    + "; it is missing and '" + String.join(" ", line) + "' could not start (" + e.getMessage()
                    + "). Install it with: apt-get install chromium", e);
        }
        try {
            if (!process.waitFor(INSTALL_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("'" + String.join(" ", line) + "' did not finish in "
                        + INSTALL_MINUTES + " minutes (see " + log.toAbsolutePath() + ")");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing chromium", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the browser tests need Debian's chromium at " + binary
                    + "; '" + String.join(" ", line) + "' exited " + process.exitValue() + " (see "
                    + log.toAbsolutePath() + "). Run the tests as root or with password-less sudo, or install it"
                    + " first: apt-get install chromium");
        }
    }

    /** Starts a headless browser with a new profile and connects to it. */
    public static Chromium launch() throws IOException {
        Path binary = ensureInstalled();
        Path profile = Files.createTempDirectory("briefing-chromium-");
        ProcessBuilder builder = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--disable-quic", "--disable-extensions",
                "--disable-default-apps", "--mute-audio", "--hide-scrollbars", "--window-size=1200,900",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        StringBuffer stderr = new StringBuffer();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    stderr.append(line).append('\n');
                    Matcher m = DEVTOOLS_URL.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
            url.completeExceptionally(new IOException("chromium ended before it listened for DevTools"));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            DevTools devTools = DevTools.connect(URI.create(url.get(60, TimeUnit.SECONDS)));
            return new Chromium(process, profile, devTools, stderr);
        } catch (InterruptedException | ExecutionException | TimeoutException | IOException e) {
            destroy(process);
            deleteTree(profile);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("could not start " + binary + ": " + e + "\nits stderr:\n" + stderr, e);
        }
    }

    /** A new tab, with its console, errors and network requests recorded. */
    public BrowserPage newPage() {
        return BrowserPage.open(devTools);
    }

    /** What the browser wrote on stderr, for a failure message. */
    public String stderr() {
        return stderr.toString();
    }

    @Override
    public void close() {
        try {
            devTools.call(null, "Browser.close", null);
        } catch (RuntimeException e) {
            // Already gone: the process is ended below either way.
        }
        devTools.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                destroy(process);
            }
        } catch (InterruptedException e) {
            destroy(process);
            Thread.currentThread().interrupt();
        }
        deleteTree(profile);
    }

    /** Ends only the browser we started, and the helper processes it started. */
    private static void destroy(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // A file Chromium still holds: the temp folder is cleaned by the system later.
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Same.
        }
    }
}
