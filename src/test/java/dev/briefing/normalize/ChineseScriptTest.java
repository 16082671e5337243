package dev.briefing.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChineseScriptTest {
    @Test
    void should_convert_traditional_to_simplified_and_leave_simplified_alone() {
        assertEquals("俄乌冲突的下一阶段", ChineseScript.toSimplified("俄烏衝突的下一階段"));
        assertEquals("俄乌冲突的下一阶段", ChineseScript.toSimplified("俄乌冲突的下一阶段"));
        assertEquals("Putin 2025", ChineseScript.toSimplified("Putin 2025"));
    }

    @Test
    void should_detect_traditional_when_traditional_only_characters_dominate() {
        assertEquals(Script.TRADITIONAL, ChineseScript.detect("特朗普為何對普京轉向強硬"));
    }

    @Test
    void should_detect_simplified_when_simplified_only_characters_dominate() {
        assertEquals(Script.SIMPLIFIED, ChineseScript.detect("特朗普为何对普京转向强硬"));
    }

    @Test
    void should_detect_none_without_han_characters() {
        assertEquals(Script.NONE, ChineseScript.detect("Notice: 2025-10-16, ！？"));
        assertEquals(Script.NONE, ChineseScript.detect(""));
    }

    @Test
    void should_call_a_tie_simplified_when_han_is_present() {
        // 中 and 文 are the same in both scripts: no evidence either way.
        assertEquals(Script.SIMPLIFIED, ChineseScript.detect("中文"));
        // One of each.
        assertEquals(Script.SIMPLIFIED, ChineseScript.detect("国國"));
    }

    @Test
    void should_convert_consistently_from_many_threads() throws Exception {
        String traditional = "這標誌著一貫主張「通過個人外交終結衝突」的特朗普,對普京的政策態度正在發生根本變化。";
        String expected = ChineseScript.toSimplified(traditional);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = pool.invokeAll(IntStream.range(0, 400)
                    .<java.util.concurrent.Callable<String>>mapToObj(i -> () -> ChineseScript.toSimplified(traditional))
                    .toList());
            for (Future<String> result : results) {
                assertEquals(expected, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
