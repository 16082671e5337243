package dev.briefing.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChunkBudgetTest {

    @Test
    void should_leave_the_window_minus_prompt_output_and_a_five_percent_margin_for_article_text() {
        ChunkBudget budget = ChunkBudget.of(32_768, 8192, 1000, 1024, 100_000);
        assertEquals(410, budget.safetyMarginTokens(), "5% of 8192, rounded up");
        assertEquals(8192 - 1000 - 1024 - 410, budget.articleTokens());
    }

    @Test
    void should_cap_article_text_at_the_max_chunk_tokens() {
        assertEquals(3000, ChunkBudget.of(32_768, 8192, 1000, 1024, 3000).articleTokens());
    }

    @Test
    void should_clamp_the_requested_num_ctx_to_the_model_context_length() {
        ChunkBudget budget = ChunkBudget.of(4096, 32_768, 500, 500, 100_000);
        assertEquals(4096, budget.numCtx());
        assertEquals(4096 - 500 - 500 - 205, budget.articleTokens());
        assertEquals(2048, ChunkBudget.of(4096, 2048, 500, 500, 100_000).numCtx());
    }

    @Test
    void should_reject_a_context_too_small_for_any_chunk_with_a_message_that_says_what_to_do() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChunkBudget.of(32_768, 2048, 1200, 600, 4000));
        String message = e.getMessage();
        assertTrue(message.startsWith("context too small for any chunk"), message);
        assertTrue(message.contains("num_ctx 2048"), message);
        assertTrue(message.contains("leaves 145 tokens"), message);
        assertTrue(message.contains("at least 256"), message);
        assertTrue(message.contains("raise num_ctx"), message);
    }

    @Test
    void should_accept_exactly_the_minimum_article_budget_and_reject_one_token_less() {
        // 2000 - 1000 - 644 - 100 (5%) = 256
        assertEquals(256, ChunkBudget.of(2000, 2000, 1000, 644, 4000).articleTokens());
        assertThrows(IllegalArgumentException.class, () -> ChunkBudget.of(2000, 2000, 1000, 645, 4000));
    }

    @Test
    void should_reject_a_max_chunk_below_the_minimum_article_budget() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChunkBudget.of(32_768, 8192, 1000, 1000, 200));
        assertTrue(e.getMessage().contains("maxChunkTokens"), e.getMessage());
    }

    @Test
    void should_name_the_field_when_rejecting_a_value() {
        assertMessageNames("contextLength", () -> new ChunkBudget(0, 0, 0, 0, 4000));
        assertMessageNames("numCtx", () -> new ChunkBudget(4096, 0, 0, 0, 4000));
        assertMessageNames("numCtx", () -> new ChunkBudget(4096, 8192, 0, 0, 4000));
        assertMessageNames("promptOverheadTokens", () -> new ChunkBudget(4096, 4096, -1, 0, 4000));
        assertMessageNames("outputReserveTokens", () -> new ChunkBudget(4096, 4096, 0, -1, 4000));
        assertMessageNames("requestedNumCtx", () -> ChunkBudget.of(4096, 0, 0, 0, 4000));
    }

    @Test
    void should_not_overflow_on_huge_reservations() {
        assertThrows(IllegalArgumentException.class,
                () -> new ChunkBudget(4096, 4096, Integer.MAX_VALUE, Integer.MAX_VALUE, 4000));
    }

    private static void assertMessageNames(String field, org.junit.jupiter.api.function.Executable executable) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertTrue(e.getMessage().contains(field), () -> e.getMessage() + " should name " + field);
    }
}
