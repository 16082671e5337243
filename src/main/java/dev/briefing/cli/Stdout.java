package dev.briefing.cli;

import dev.briefing.render.OutputWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;

/** Prints a result to standard output as it is rendered (a large briefing is never one string). */
final class Stdout {
    private Stdout() {
    }

    /** Renders {@code content} onto {@code out} in pieces of a few KB, in {@code out}'s own charset, then flushes it. */
    static void print(PrintStream out, OutputWriter.Content content) {
        Writer pieces = new Writer() {
            @Override
            public void write(char[] text, int offset, int length) {
                out.print(new String(text, offset, length));
            }

            @Override
            public void flush() {
                out.flush();
            }

            @Override
            public void close() {
                flush();
            }
        };
        try {
            BufferedWriter buffered = new BufferedWriter(pieces, 8192);
            content.writeTo(buffered);
            buffered.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the Writer above never throws one
        }
    }
}
