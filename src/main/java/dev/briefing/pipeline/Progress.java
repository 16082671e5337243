package dev.briefing.pipeline;

import java.io.PrintStream;

/** Where progress and warnings go: stderr, never stdout, which carries only the result. */
@FunctionalInterface
public interface Progress {
    void line(String text);

    static Progress to(PrintStream stderr) {
        return text -> {
            synchronized (stderr) {
                stderr.println(text);
            }
        };
    }

    static Progress silent() {
        return text -> {
        };
    }
}
