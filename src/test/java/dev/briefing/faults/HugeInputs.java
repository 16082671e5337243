package dev.briefing.faults;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Inputs too big to commit, written at test time: numbered lines, so every line is its own paragraph. */
final class HugeInputs {
    static final long FIFTY_MB = 50L * 1024 * 1024;
    private static final String TITLE = "超长文本测试\n\n";

    private HugeInputs() {
    }

    /** Line n, unique, the same number of bytes for every n (so a line's offset can be computed). */
    static String line(long n) {
        String digits = Long.toString(n);
        return "第" + "0".repeat(Math.max(0, 8 - digits.length())) + digits + "段：北约成员国在海牙讨论国防开支，多国表示将提高军费。\n";
    }

    static Path fiftyMegabytes(Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(TITLE.getBytes(StandardCharsets.UTF_8));
            long written = TITLE.getBytes(StandardCharsets.UTF_8).length;
            for (long n = 1; written < FIFTY_MB; n++) {
                byte[] bytes = line(n).getBytes(StandardCharsets.UTF_8);
                out.write(bytes);
                written += bytes.length;
            }
        }
        return file;
    }

    /** The byte offset just after the line holding {@code text} (a line's text, as the model saw it). */
    static long bytesThroughLine(String text) {
        long n = Long.parseLong(text.substring(1, 9));
        return TITLE.getBytes(StandardCharsets.UTF_8).length + n * line(1).getBytes(StandardCharsets.UTF_8).length;
    }
}
