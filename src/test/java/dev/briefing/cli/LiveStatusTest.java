package dev.briefing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.pipeline.Progress;
import dev.briefing.pipeline.RunStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.briefing.llm.EchoingModel;
import dev.briefing.llm.FakeServer;
import dev.briefing.llm.PiecewiseModel;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status line's manners on a fake terminal: one screen that stdout and stderr both write to. */
class LiveStatusTest {
    private static final long S = 1_000_000_000L;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final ByteArrayOutputStream pipe = new ByteArrayOutputStream();

    private static RunStatus mapped(int done) {
        return new RunStatus(RunStatus.MAP, done, 4, 0, 100L * done, "a.txt", 0, done * S);
    }

    private LiveStatus onScreen(boolean stdoutToo) {
        return new LiveStatus(screen, stdoutToo ? screen : pipe, stdoutToo, 80, () -> 2 * S, false);
    }

    private String bytes() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void should_redraw_the_status_in_place_and_step_aside_for_a_line_on_stderr() {
        try (LiveStatus live = onScreen(true)) {
            Progress progress = live.progress();
            progress.step(mapped(1), "[1/4] a.txt: 3 notes in 1.0s");
            progress.step(mapped(2), "[2/4] a.txt: 3 notes in 1.0s");
            progress.line("warning: something");
            String status2 = mapped(2).line(2 * S, 80);
            assertEquals("\r" + mapped(1).line(2 * S, 80) + "\033[K" + "\r" + status2 + "\033[K"
                    + "\r\033[K" + "warning: something\n" + "\r" + status2 + "\033[K", bytes());
            assertEquals(List.of("warning: something", status2), Screen.of(bytes()));
        }
        assertEquals(List.of("warning: something"), Screen.of(bytes()), "closing takes the status line away");
    }

    @Test
    void should_never_cut_text_streamed_on_stdout_with_stderr_or_the_status() {
        try (LiveStatus live = onScreen(true)) {
            live.progress().step(mapped(1), null);
            live.out().print("# 标题\n\n特朗普与普京");
            live.err().println("[2/4] b.txt 3.2s");
            live.progress().step(mapped(2), null);
            live.out().print("通话后取得了进展。");
            assertFalse(bytes().contains("b.txt"), "held while stdout's line is open: " + bytes());
            live.out().print("\n");
            assertEquals(List.of("# 标题", "", "特朗普与普京通话后取得了进展。", "[2/4] b.txt 3.2s",
                    mapped(2).line(2 * S, 80)), Screen.of(bytes()));
        }
    }

    @Test
    void should_take_the_status_away_when_the_steps_end_and_leave_stdout_untouched_when_it_is_a_pipe() {
        try (LiveStatus live = onScreen(false)) {
            live.progress().step(mapped(3), "ignored on a terminal");
            live.out().print("partial answer without newline");
            live.err().println("done in 3.0s");
            live.progress().endSteps();
            assertEquals(List.of("done in 3.0s"), Screen.of(bytes()));
            assertFalse(bytes().contains("ignored"), bytes());
        }
        assertEquals("partial answer without newline", pipe.toString(StandardCharsets.UTF_8));
    }

    @Test
    void should_not_draw_over_a_line_stderr_left_open_until_it_is_ended() {
        try (LiveStatus live = onScreen(true)) {
            live.err().print("? ");
            live.progress().step(mapped(1), null);
            assertEquals("? ", bytes());
            live.err().println("answer");
            assertEquals(List.of("? answer", mapped(1).line(2 * S, 80)), Screen.of(bytes()));
        }
    }

    @Test
    void should_print_plain_lines_when_stderr_is_not_a_terminal_or_the_terminal_is_dumb() {
        PrintStream out = new PrintStream(pipe, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(screen, true, StandardCharsets.UTF_8);
        assertNull(LiveStatus.forTerminal(out, err, true, false, Map.of()));
        assertNull(LiveStatus.forTerminal(out, err, true, true, Map.of("TERM", "dumb")));
        Io io = new Io(null, out, err, Map.of(), null, null, null, true, null);
        Progress progress = io.progress(false);
        progress.step(mapped(1), "[1/4] a.txt: 3 notes in 1.0s");
        progress.step(mapped(2), null);
        assertEquals("[1/4] a.txt: 3 notes in 1.0s\n", bytes());
    }

    /**
     * The reported bug: "…取得了重大的进展。3d489e304f9f chunk 1/1 3.2s", a progress line inside the
     * streamed summary. Summarize now has a status line of its own (chunks, time, tokens, the file)
     * in place of the per-chunk log, and it is never drawn inside the text streamed on stdout.
     */
    @Test
    void should_show_a_summarize_status_line_that_never_cuts_the_summary_streamed_on_the_same_terminal(
            @TempDir Path work) {
        Backend.Factory streaming = (host, name, timeout) -> new Backend(FakeServer.with("qwen2.5:7b"),
                new PiecewiseModel(new EchoingModel(), 3, 0));
        Map<String, String> env = Map.of("XDG_DATA_HOME", work.toString(), "XDG_CACHE_HOME", work.toString(),
                "BRIEFING_RETRY_BASE_MS", "0");
        String seeds = Path.of("seeds").toAbsolutePath().toString();
        ByteArrayOutputStream plainOut = new ByteArrayOutputStream();
        assertEquals(0, Main.run(new String[] {"summarize", seeds}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(plainOut, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()),
                env, streaming, CliRun.CLOCK, work, false, false));
        List<String> summaries = plainOut.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();

        PrintStream both = new PrintStream(screen, true, StandardCharsets.UTF_8);
        int code = Main.run(new String[] {"summarize", seeds}, new ByteArrayInputStream(new byte[0]), both, both,
                env, streaming, CliRun.CLOCK, work, true, true);
        assertEquals(0, code, bytes());
        assertTrue(bytes().matches("(?s).*\rsummarize 0/3 chunks · 0:\\d\\d elapsed · 0 tokens · [^\r]+\\.txt\033\\[K.*"),
                "a status line naming the file before the first token: " + bytes());
        List<String> shown = Screen.of(bytes());
        List<String> text = shown.stream().filter(summaries::contains).toList();
        assertEquals(summaries, text, "every line of every summary, whole and in order:\n" + String.join("\n", shown));
        assertEquals(3, shown.stream().filter(l -> l.startsWith("# ")).count(), String.join("\n", shown));
        for (String line : shown) {
            assertFalse(line.contains(" chunks · ") || line.matches(".*[0-9a-f]{12} chunk \\d+/\\d+.*"),
                    "no status or per-chunk log line left on screen: " + line);
        }
    }

    @Test
    void should_take_the_width_from_columns_or_the_launcher_else_80() {
        assertEquals(132, LiveStatus.columns("132", "100"));
        assertEquals(100, LiveStatus.columns(null, "100"));
        assertEquals(80, LiveStatus.columns("wide", ""));
        assertEquals(80, LiveStatus.columns(null, null));
    }

    /** What a terminal shows for the bytes: {@code \r} to the line's start, {@code ESC[K} erases to its end. */
    static final class Screen {
        static List<String> of(String bytes) {
            List<StringBuilder> lines = new ArrayList<>();
            lines.add(new StringBuilder());
            int col = 0;
            for (int i = 0; i < bytes.length(); i++) {
                char c = bytes.charAt(i);
                StringBuilder line = lines.get(lines.size() - 1);
                if (c == '\r') {
                    col = 0;
                } else if (c == '\n') {
                    lines.add(new StringBuilder());
                    col = 0;
                } else if (c == '\033' && bytes.startsWith("[K", i + 1)) {
                    line.setLength(Math.min(col, line.length()));
                    i += 2;
                } else {
                    if (col < line.length()) {
                        line.setCharAt(col, c);
                    } else {
                        line.append(c);
                    }
                    col++;
                }
            }
            List<String> shown = new ArrayList<>(lines.stream().map(StringBuilder::toString).toList());
            if (shown.get(shown.size() - 1).isEmpty()) {
                shown.remove(shown.size() - 1);
            }
            return shown;
        }
    }
}
