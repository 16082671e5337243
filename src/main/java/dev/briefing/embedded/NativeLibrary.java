package dev.briefing.embedded;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.LogLevel;
import de.kherud.llama.args.LogFormat;
import dev.briefing.error.ModelUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * llama.cpp's native library, loaded once per process. The library writes its log as JSON to
 * stdout unless told otherwise, and stdout carries only the result: the log is routed here
 * before anything else runs, and only its last warnings are kept, for error messages.
 */
public final class NativeLibrary {
    private static final int KEPT_LINES = 8;
    private static final String PATH_PROPERTY = "de.kherud.llama.lib.path";
    /** The java-llama.cpp version in the pom: a new one extracts its own native file. */
    private static final String VERSION = "4.2.0";
    private static final Deque<String> lastWarnings = new ArrayDeque<>();
    private static volatile Boolean loaded;
    private static volatile Throwable failure;

    private NativeLibrary() {
    }

    /**
     * @throws ModelUnavailableException in one line, naming the platform, when the library does not load
     */
    public static synchronized void ensureLoaded() {
        if (loaded == null) {
            try {
                extractQuietly();
                // Loading the class loads the platform's library (its static initializer).
                LlamaModel.setLogger(LogFormat.TEXT, NativeLibrary::log);
                loaded = true;
            } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
                failure = e;
                loaded = false;
            }
        }
        if (!loaded) {
            throw new ModelUnavailableException("the embedded model's native library (llama.cpp) does not load on "
                    + platform() + ": " + oneLine(failure),
                    "use a model server instead: --host URL (Ollama or an OpenAI-compatible server)", failure);
        }
    }

    /**
     * The library's own loader extracts its native file with a line on stdout, which carries only
     * the result. Extracted here instead, once per user and library version, it is then loaded
     * from {@value #PATH_PROPERTY} without a word. When this platform's file is not where we
     * look, the library's loader is left to find it.
     */
    private static void extractQuietly() {
        if (System.getProperty(PATH_PROPERTY) != null) {
            return;
        }
        String folder = nativeFolder();
        String name = System.mapLibraryName("jllama");
        if (folder == null) {
            return;
        }
        String resource = "/de/kherud/llama/" + folder + "/" + name;
        try (InputStream in = LlamaModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                return;
            }
            Path dir = Path.of(System.getProperty("java.io.tmpdir"),
                    "briefing-llama-" + VERSION + "-" + System.getProperty("user.name", "user").replaceAll("\\W", "_"));
            Files.createDirectories(dir);
            Path target = dir.resolve(name);
            byte[] bytes = in.readAllBytes();
            if (!Files.isRegularFile(target) || Files.size(target) != bytes.length) {
                Path temp = Files.createTempFile(dir, name, ".tmp");
                Files.write(temp, bytes);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            System.setProperty(PATH_PROPERTY, dir.toString());
        } catch (IOException | RuntimeException e) {
            // the library's own loader tries next, and says why if it fails too
        }
    }

    private static String nativeFolder() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(java.util.Locale.ROOT);
        String osFolder = os.contains("linux") ? "Linux" : os.contains("mac") || os.contains("darwin") ? "Mac"
                : os.contains("windows") ? "Windows" : null;
        String archFolder = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "x86", "i386", "i686" -> "x86";
            default -> null;
        };
        return osFolder == null || archFolder == null ? null : osFolder + "/" + archFolder;
    }

    static String platform() {
        return System.getProperty("os.name", "?") + " " + System.getProperty("os.arch", "?");
    }

    private static void log(LogLevel level, String message) {
        if (level == LogLevel.WARN || level == LogLevel.ERROR) {
            synchronized (lastWarnings) {
                lastWarnings.addLast(message.strip());
                while (lastWarnings.size() > KEPT_LINES) {
                    lastWarnings.removeFirst();
                }
            }
        }
    }

    /** The library's last warning or error lines, oldest first, to explain a failure. */
    static List<String> lastWarnings() {
        synchronized (lastWarnings) {
            return List.copyOf(lastWarnings);
        }
    }

    static String oneLine(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        String line = message.replaceAll("\\s+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
