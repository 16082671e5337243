package dev.briefing.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MapProgressLineTest {

    @Test
    void should_name_the_file_and_estimate_what_is_left_from_the_time_so_far() {
        MapProgressLine line = new MapProgressLine(3, 90, 0, "000_trump.txt", 1, 1, "8 notes", 3.14, 9.0, false);
        assertEquals(261.0, line.secondsLeft(), 1e-9);
        assertEquals("[3/90] 000_trump.txt: 8 notes in 3.1s · 0:09 elapsed, about 4:21 left", line.text());
    }

    @Test
    void should_number_the_chunk_only_when_an_article_has_several_and_drop_the_estimate_at_the_end() {
        MapProgressLine line = new MapProgressLine(4, 4, 0, "long.txt", 2, 3, "FAILED: timed out", 30.0, 3725.0, false);
        assertEquals("[4/4] long.txt (2/3): FAILED: timed out in 30.0s · 1:02:05 elapsed", line.text());
    }

    @Test
    void should_say_cached_for_a_chunk_the_call_cache_answered_rather_than_its_time() {
        MapProgressLine line = new MapProgressLine(2, 3, 2, "a.txt", 1, 1, "5 notes", 0.004, 0.01, true);
        assertEquals("[2/3] a.txt: 5 notes, cached · 0:00 elapsed", line.text(),
                "no estimate before a server answered: cache hits say nothing of how long a call takes");
    }

    /** A rerun: 60 chunks from the cache in no time, then one real 6 s call; 39 real calls are left. */
    @Test
    void should_estimate_what_is_left_from_the_calls_a_server_answered_not_the_cache_hits() {
        MapProgressLine line = new MapProgressLine(61, 100, 60, "b.txt", 1, 1, "4 notes", 6.0, 6.0, false);
        assertEquals(39 * 6.0, line.secondsLeft(), 1e-9);
        assertEquals("[61/100] b.txt: 4 notes in 6.0s · 0:06 elapsed, about 3:54 left", line.text());
    }

    @Test
    void should_refuse_a_count_past_the_total() {
        assertThrows(IllegalArgumentException.class, () -> new MapProgressLine(2, 4, 3, "a.txt", 1, 1, "x", 1, 1, true));
        assertThrows(IllegalArgumentException.class, () -> new MapProgressLine(5, 4, 0, "a.txt", 1, 1, "x", 1, 1, false));
    }
}
