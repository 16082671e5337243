package dev.briefing.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RememberedTextsTest {
    @Test
    void should_work_a_short_text_out_once_a_long_one_each_time_and_forget_all_when_full() {
        AtomicInteger worked = new AtomicInteger();
        RememberedTexts upper = RememberedTexts.of(2, 5, t -> {
            worked.incrementAndGet();
            return t.toUpperCase(java.util.Locale.ROOT);
        });
        assertEquals("ABC", upper.apply("abc"));
        assertEquals("ABC", upper.apply("abc"));
        assertEquals(1, worked.get(), "remembered");
        assertEquals("LONGER", upper.apply("longer"));
        assertEquals("LONGER", upper.apply("longer"));
        assertEquals(3, worked.get(), "over maxChars: worked out each time");
        upper.apply("de");
        upper.apply("fg"); // full at two: all forgotten, then fg remembered
        upper.apply("abc");
        assertEquals(6, worked.get(), "abc was forgotten with the rest");
        upper.apply("fg");
        assertEquals(6, worked.get(), "fg was kept after the clearing");
    }
}
