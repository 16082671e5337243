package dev.briefing.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.error.ModelUnavailableException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void should_return_results_in_item_order_when_later_items_finish_first() {
        List<Integer> items = IntStream.range(0, 12).boxed().toList();
        List<Integer> out = Parallel.mapInOrder(items, 4, "t", i -> {
            sleep((12 - i) * 3L);
            return i * 10;
        });
        assertEquals(items.stream().map(i -> i * 10).toList(), out);
    }

    @Test
    void should_stop_starting_items_once_one_throws_and_rethrow_it_unchanged() {
        ModelUnavailableException gone = new ModelUnavailableException("server gone", "ollama serve");
        AtomicInteger started = new AtomicInteger();
        List<Integer> items = IntStream.range(0, 50).boxed().toList();
        ModelUnavailableException thrown = assertThrows(ModelUnavailableException.class,
                () -> Parallel.mapInOrder(items, 2, "t", i -> {
                    started.incrementAndGet();
                    if (i == 1) {
                        throw gone;
                    }
                    sleep(5);
                    return i;
                }));
        assertSame(gone, thrown);
        assertTrue(started.get() < 10, "items started after the failure: " + started.get());
    }

    @Test
    void should_accept_no_items() {
        assertEquals(List.of(), Parallel.mapInOrder(List.<Integer>of(), 3, "t", i -> i));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void should_wait_through_an_interrupt_for_the_result_and_keep_the_flag() throws Exception {
        java.util.concurrent.CompletableFuture<String> late = new java.util.concurrent.CompletableFuture<>();
        Thread waiter = Thread.currentThread();
        Thread finisher = new Thread(() -> {
            waiter.interrupt(); // Ctrl-C while the result is awaited
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            late.complete("stored");
        });
        finisher.start();
        try {
            org.junit.jupiter.api.Assertions.assertEquals("stored", Parallel.awaitThroughInterrupts(late));
            org.junit.jupiter.api.Assertions.assertTrue(Thread.currentThread().isInterrupted(), "the flag is kept");
        } finally {
            Thread.interrupted();
            finisher.join();
        }
    }
}
