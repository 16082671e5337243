package dev.briefing.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.briefing.error.ModelCallException;
import dev.briefing.error.ModelUnavailableException;
import dev.briefing.llm.ChatTurn;
import dev.briefing.llm.LanguageModel;
import dev.briefing.llm.ModelReply;
import dev.briefing.llm.ModelRequest;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RequestGateTest {
    private static ModelRequest request(int n) {
        return new ModelRequest("map chunk " + n, List.of(ChatTurn.user("text " + n)), null, 8192, 256, 0.0, 1, 10);
    }

    private static final class Counting implements LanguageModel {
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final AtomicInteger received = new AtomicInteger();

        @Override
        public ModelReply chat(ModelRequest request) {
            received.incrementAndGet();
            peak.accumulateAndGet(open.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                open.decrementAndGet();
            }
            return new ModelReply("{}", 1, 1, dev.briefing.llm.FinishReason.STOP, 1);
        }

        @Override
        public String modelName() {
            return "counting";
        }
    }

    @Test
    void should_keep_at_most_its_limit_of_calls_open_however_many_workers_call() {
        Counting model = new Counting();
        RequestGate gate = RequestGate.of(model, 3);
        List<Integer> items = java.util.stream.IntStream.range(0, 24).boxed().toList();
        Parallel.mapInOrder(items, 12, "map", n -> gate.chat(request(n)));
        assertEquals(24, model.received.get());
        assertEquals(3, model.peak.get(), "twelve workers, three places");
    }

    @Test
    void should_send_the_next_calls_while_the_replies_before_them_are_checked() throws Exception {
        // Each worker "checks" its reply until every call has reached the model. With only as many
        // workers as places, the first two replies would be checked forever and calls 3 and 4 never
        // sent; a checking worker holds no place, so the workers waiting at the gate send them.
        Counting model = new Counting();
        RequestGate gate = RequestGate.of(model, 2);
        CountDownLatch allSent = new CountDownLatch(4);
        List<Boolean> checked = Parallel.mapInOrder(List.of(1, 2, 3, 4), 4, "map", n -> {
            gate.chat(request(n));
            allSent.countDown();
            try {
                return allSent.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(List.of(true, true, true, true), checked);
        assertEquals(2, model.peak.get());
    }

    @Test
    void should_give_first_places_in_turn_order_whichever_worker_reaches_the_gate_first() {
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        LanguageModel model = new LanguageModel() {
            @Override
            public ModelReply chat(ModelRequest request) {
                order.add(request.purpose());
                return new ModelReply("{}", 1, 1, dev.briefing.llm.FinishReason.STOP, 1);
            }

            @Override
            public String modelName() {
                return "ordered";
            }
        };
        RequestGate gate = RequestGate.of(model, 1);
        // Earlier turns take longer to reach the gate; turn 3 is answered without a call (cached).
        List<Integer> turns = List.of(0, 1, 2, 3, 4, 5);
        Parallel.mapInOrder(turns, 6, "map", n -> gate.inTurn(n, () -> {
            try {
                Thread.sleep(60L - 10L * n);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return n == 3 ? null : gate.chat(request(n));
        }));
        assertEquals(List.of("map chunk 0", "map chunk 1", "map chunk 2", "map chunk 4", "map chunk 5"), order);
    }

    @Test
    void should_send_nothing_more_once_a_call_ended_the_run_and_rethrow_what_ended_it() throws Exception {
        ModelUnavailableException gone = new ModelUnavailableException("model 'm' is not pulled", "run 'ollama pull m'");
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicInteger received = new AtomicInteger();
        LanguageModel model = new LanguageModel() {
            @Override
            public ModelReply chat(ModelRequest request) {
                received.incrementAndGet();
                try {
                    waiting.await(10, TimeUnit.SECONDS); // the second caller is at the gate by now
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw gone;
            }

            @Override
            public String modelName() {
                return "gone";
            }
        };
        RequestGate gate = RequestGate.of(model, 1);
        Thread first = new Thread(() -> assertThrows(ModelUnavailableException.class, () -> gate.chat(request(1))));
        first.start();
        while (received.get() == 0) {
            Thread.sleep(1);
        }
        java.util.concurrent.CompletableFuture<Throwable> second = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            try {
                gate.chat(request(2));
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        assertSame(gone, second.get(10, TimeUnit.SECONDS), "the failure that ended the run");
        first.join();
        assertEquals(1, received.get(), "the waiting call was not sent");
    }

    @Test
    void should_stay_open_after_a_call_that_failed_only_for_itself() {
        AtomicInteger received = new AtomicInteger();
        LanguageModel model = new LanguageModel() {
            @Override
            public ModelReply chat(ModelRequest request) {
                if (received.incrementAndGet() == 1) {
                    throw new ModelCallException("map chunk 1: timed out", true, null);
                }
                return new ModelReply("{}", 1, 1, dev.briefing.llm.FinishReason.STOP, 1);
            }

            @Override
            public String modelName() {
                return "flaky";
            }
        };
        RequestGate gate = RequestGate.of(model, 1);
        assertThrows(ModelCallException.class, () -> gate.chat(request(1)));
        assertEquals("{}", gate.chat(request(2)).content(), "a failed chunk is its own: the next call goes out");
        assertEquals(2, received.get());
    }
}
