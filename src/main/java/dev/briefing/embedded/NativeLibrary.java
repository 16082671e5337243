package dev.briefing.embedded;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.LogLevel;
import de.kherud.llama.args.LogFormat;
import dev.briefing.error.ModelUnavailableException;
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
                // Loading the class extracts and loads the platform's library (its static initializer).
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
