package dev.briefing.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RunStatusTest {
    private static final long S = 1_000_000_000L;

    @Test
    void should_show_chunks_time_estimate_tokens_cache_hits_and_the_file_being_read() {
        // 12 of 90 mapped, 2 from the cache: 10 calls took 30 s, so 78 chunks left take about 234 s.
        RunStatus status = new RunStatus(RunStatus.MAP, 12, 90, 2, 18_240, "003_0abb118a677dbc7b.txt", 0, 30 * S);
        assertEquals(234.0, status.secondsLeft(30 * S), 1e-9);
        assertEquals("map 12/90 chunks · 0:34 elapsed, about 3:50 left · 18.2k tokens · 2 cached · "
                + "003_0abb118a677dbc7b.txt", status.line(34 * S, 200));
    }

    @Test
    void should_make_no_estimate_before_a_server_answered_and_leave_out_zero_cache_hits() {
        RunStatus cachedOnly = new RunStatus(RunStatus.MAP, 3, 90, 3, 900, "a.txt", 0, S / 10);
        assertEquals(-1, cachedOnly.secondsLeft(S));
        assertEquals("map 3/90 chunks · 0:01 elapsed · 900 tokens · 3 cached · a.txt", cachedOnly.line(S, 200));
        RunStatus first = new RunStatus(RunStatus.MAP, 0, 4, 0, 0, "b.txt", 0, 0);
        assertEquals("map 0/4 chunks · 0:05 elapsed · 0 tokens · b.txt", first.line(5 * S, 200));
    }

    @Test
    void should_show_the_synthesis_stage_and_its_parts_without_a_map_estimate() {
        RunStatus status = new RunStatus("synthesis 2/5 parts", 90, 90, 0, 1_250_000, "z.txt", 0, 60 * S);
        assertEquals("synthesis 2/5 parts · 90/90 chunks · 1:12 elapsed · 1.3M tokens", status.line(72 * S, 200));
    }

    @Test
    void should_count_down_between_answers_and_say_almost_done_at_zero() {
        RunStatus status = new RunStatus(RunStatus.MAP, 1, 2, 0, 10, null, 0, 10 * S);
        assertEquals("map 1/2 chunks · 0:14 elapsed, about 0:06 left · 10 tokens", status.line(14 * S, 200));
        assertEquals("map 1/2 chunks · 0:30 elapsed, almost done · 10 tokens", status.line(30 * S, 200));
    }

    @Test
    void should_cut_the_line_to_the_terminal_width_counting_cjk_characters_as_two_columns() {
        RunStatus status = new RunStatus(RunStatus.MAP, 1, 9, 0, 10, "特朗普与普京的通话.txt", 0, S);
        String line = status.line(S, 40);
        assertTrue(line.endsWith("…"), line);
        assertTrue(RunStatus.columns(line) <= 39, line + " is " + RunStatus.columns(line) + " columns");
        assertTrue(RunStatus.columns(line) >= 37, line);
        assertEquals(4, RunStatus.columns("特朗"));
        assertEquals("abc", RunStatus.fit("abc", 4));
        assertEquals("ab…", RunStatus.fit("abcd", 4));
    }

    @Test
    void should_refuse_counts_that_cannot_be() {
        assertThrows(IllegalArgumentException.class, () -> new RunStatus(RunStatus.MAP, 5, 4, 0, 0, null, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new RunStatus(RunStatus.MAP, 2, 4, 3, 0, null, 0, 0));
    }
}
