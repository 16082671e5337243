package dev.briefing.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MapProgressLineTest {

    @Test
    void should_name_the_file_and_estimate_what_is_left_from_the_time_so_far() {
        MapProgressLine line = new MapProgressLine(3, 90, "000_trump.txt", 1, 1, "8 notes", 3.14, 9.0, false);
        assertEquals(261.0, line.secondsLeft(), 1e-9);
        assertEquals("[3/90] 000_trump.txt: 8 notes in 3.1s · 0:09 elapsed, about 4:21 left", line.text());
    }

    @Test
    void should_number_the_chunk_only_when_an_article_has_several_and_drop_the_estimate_at_the_end() {
        MapProgressLine line = new MapProgressLine(4, 4, "long.txt", 2, 3, "FAILED: timed out", 30.0, 3725.0, false);
        assertEquals("[4/4] long.txt (2/3): FAILED: timed out in 30.0s · 1:02:05 elapsed", line.text());
    }

    @Test
    void should_say_cached_for_a_chunk_the_call_cache_answered_rather_than_its_time() {
        MapProgressLine line = new MapProgressLine(2, 3, "a.txt", 1, 1, "5 notes", 0.004, 0.01, true);
        assertEquals("[2/3] a.txt: 5 notes, cached · 0:00 elapsed, about 0:00 left", line.text());
    }

    @Test
    void should_refuse_a_count_past_the_total() {
        assertThrows(IllegalArgumentException.class, () -> new MapProgressLine(5, 4, "a.txt", 1, 1, "x", 1, 1, false));
    }
}
