package dev.briefing.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroundingTest {
    @Test
    void should_work_out_the_spans_only_when_read_and_only_once() {
        AtomicInteger computed = new AtomicInteger();
        Grounding grounding = Grounding.lazy("paragraph", "quote", () -> {
            computed.incrementAndGet();
            return Map.of(3, List.of("外交部表示坚决反对。", " "));
        });
        assertEquals("paragraph", grounding.numberProperty());
        assertEquals(0, computed.get(), "a request answered from the cache never needs them");
        assertEquals(Map.of(3, List.of("外交部表示坚决反对。")), grounding.spans(), "blank spans are dropped");
        assertFalse(grounding.isEmpty());
        assertEquals(1, computed.get());
    }

    @Test
    void should_equal_an_eager_grounding_of_the_same_spans() {
        Grounding eager = Grounding.of("passage", "quote", Map.of(1, List.of("一句话。"), 2, List.of("")));
        Grounding lazy = Grounding.lazy("passage", "quote", () -> Map.of(1, List.of("一句话。")));
        assertEquals(eager, lazy);
        assertEquals(eager.hashCode(), lazy.hashCode());
        assertEquals(Map.of(1, List.of("一句话。")), eager.spans(), "a number with no span is left out");
    }
}
