package dev.briefing.cli;

import dev.briefing.pipeline.Progress;
import dev.briefing.pipeline.RunStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Owns a terminal's stderr: one live status line at the bottom (redrawn in place with
 * {@code \r}, cleared with {@code \033[K}), which steps aside whenever anything else is written.
 * Every write to the command's stdout and stderr goes through here: the status line is cleared,
 * the text written, the status drawn again under it. When stdout is the same terminal, text
 * streamed there without its line ended (a summary as it is generated) is never cut by stderr:
 * stderr's lines wait until stdout ends its line, and the status line is not drawn across it.
 * Nothing here uses colour, so {@code NO_COLOR} has nothing to turn off.
 */
final class LiveStatus implements AutoCloseable {
    static final String CLEAR = "\r\033[K";
    private static final long TICK_MILLIS = 1000;

    private final Object lock = new Object();
    private final OutputStream terminal;
    private final OutputStream stdout;
    private final boolean stdoutOnTerminal;
    private final int width;
    private final LongSupplier nanos;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private final PrintStream out;
    private final PrintStream err;
    private RunStatus status;
    private boolean shown;
    private boolean outMidLine;
    private boolean errMidLine;
    private ScheduledExecutorService ticker;
    private boolean ticks;

    /**
     * @param terminal         the terminal stderr writes to
     * @param stdout           where stdout goes
     * @param stdoutOnTerminal stdout is a terminal too (taken to be the same screen)
     * @param width            the terminal's columns
     * @param ticks            redraw the clock every second between steps (off in tests)
     */
    LiveStatus(OutputStream terminal, OutputStream stdout, boolean stdoutOnTerminal, int width, LongSupplier nanos,
            boolean ticks) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.stdout = Objects.requireNonNull(stdout, "stdout");
        this.stdoutOnTerminal = stdoutOnTerminal;
        this.width = width;
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.ticks = ticks;
        this.out = new PrintStream(new Side(false), true, StandardCharsets.UTF_8);
        this.err = new PrintStream(new Side(true), true, StandardCharsets.UTF_8);
    }

    /**
     * A live status for a terminal stderr, or null where the line cannot be redrawn: stderr is not
     * a terminal, or {@code TERM=dumb} (which has no cursor movement).
     */
    static LiveStatus forTerminal(PrintStream stdout, PrintStream stderr, boolean stdoutTerminal,
            boolean stderrTerminal, Map<String, String> env) {
        if (!stderrTerminal || "dumb".equals(env.get("TERM"))) {
            return null;
        }
        return new LiveStatus(stderr, stdout, stdoutTerminal, columns(env.get("COLUMNS"),
                System.getProperty("briefing.tty.columns")), System::nanoTime, true);
    }

    /** The terminal's width: COLUMNS, else what the launcher read from stty, else 80. */
    static int columns(String env, String launcher) {
        for (String value : new String[] {env, launcher}) {
            if (value != null && value.strip().matches("\\d{1,4}") && Integer.parseInt(value.strip()) >= 20) {
                return Integer.parseInt(value.strip());
            }
        }
        return 80;
    }

    /** stdout, stepping the status line aside. */
    PrintStream out() {
        return out;
    }

    /** stderr, stepping the status line aside. */
    PrintStream err() {
        return err;
    }

    /** Progress that prints lines above the status line and redraws it at each step. */
    Progress progress() {
        return new Progress() {
            @Override
            public void line(String text) {
                err.println(text);
            }

            @Override
            public void step(RunStatus next, String logLine) {
                if (next != null) {
                    show(next);
                }
            }

            @Override
            public void endSteps() {
                show(null);
            }
        };
    }

    /** Draws {@code next} in place of the status shown; null takes the status line away. */
    void show(RunStatus next) {
        synchronized (lock) {
            status = next;
            if (next == null) {
                clear();
            } else {
                draw();
                startTicking();
            }
            flush();
        }
    }

    /** Redraws the status as it is now (the clock moves between steps). */
    void redraw() {
        synchronized (lock) {
            if (shown) {
                draw();
                flush();
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            status = null;
            clear();
            releaseHeld();
            flush();
            ticks = false;
            if (ticker != null) {
                ticker.shutdownNow();
            }
        }
    }

    private void startTicking() {
        if (ticks && ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "status-line");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::redraw, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void draw() {
        if (status == null || outMidLine || errMidLine) {
            return;
        }
        write(terminal, ("\r" + status.line(nanos.getAsLong(), width) + "\033[K").getBytes(StandardCharsets.UTF_8),
                0, -1);
        shown = true;
    }

    private void clear() {
        if (shown) {
            write(terminal, CLEAR.getBytes(StandardCharsets.UTF_8), 0, -1);
            shown = false;
        }
    }

    private void releaseHeld() {
        if (held.size() > 0) {
            byte[] bytes = held.toByteArray();
            held.reset();
            write(terminal, bytes, 0, bytes.length);
            errMidLine = bytes[bytes.length - 1] != '\n';
        }
    }

    private void flush() {
        try {
            terminal.flush();
            stdout.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(OutputStream to, byte[] bytes, int off, int len) {
        try {
            to.write(bytes, off, len < 0 ? bytes.length : len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One of the command's two streams. */
    private final class Side extends OutputStream {
        private final boolean isErr;

        Side(boolean isErr) {
            this.isErr = isErr;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (len == 0) {
                return;
            }
            boolean endsLine = b[off + len - 1] == '\n';
            synchronized (lock) {
                if (isErr) {
                    if (stdoutOnTerminal && outMidLine) {
                        held.write(b, off, len);
                        return;
                    }
                    clear();
                    LiveStatus.write(terminal, b, off, len);
                    errMidLine = !endsLine;
                } else {
                    if (!stdoutOnTerminal) {
                        LiveStatus.write(stdout, b, off, len);
                        return;
                    }
                    clear();
                    flushQuietly(terminal);
                    LiveStatus.write(stdout, b, off, len);
                    outMidLine = !endsLine;
                    if (!outMidLine) {
                        flushQuietly(stdout);
                        releaseHeld();
                    }
                }
                if (!errMidLine && !outMidLine) {
                    draw();
                }
            }
        }

        @Override
        public void flush() {
            synchronized (lock) {
                flushQuietly(isErr ? terminal : stdout);
            }
        }
    }

    private static void flushQuietly(OutputStream s) {
        try {
            s.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
